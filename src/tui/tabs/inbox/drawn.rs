//! The queue's rows as they were last drawn, with what they were drawn from. Formatting a
//! row and laying out its graphemes is most of a frame; after a cursor or triage key the rows
//! on screen are mostly the ones drawn a moment ago (after `d`, one row up). A row whose data
//! and look are what they were is drawn from what was kept: its line, the first time, then
//! its cells, copied. A row drawn once costs little more than drawing it (its line is kept,
//! not its cells), so that a new page of rows is not slower than it was without keeping.

use std::collections::HashMap;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::store::InboxRow;

/// Everything a row's line shows besides the row itself. `row_line` reads nothing else, so
/// that a row with the same data and the same look is drawn the same.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Look {
    pub width: u16,
    pub marked: bool,
    /// The age as shown ("3h"), and its colour (near or past the reply target).
    pub age: String,
    pub age_style: Style,
}

struct Kept {
    row: InboxRow,
    look: Look,
    drawn: Drawn,
    /// The frame that last drew or kept it.
    frame: u64,
}

/// A row as kept: the line it was drawn from, until it is drawn again and its cells are taken.
enum Drawn {
    Line(Line<'static>),
    Cells(Vec<Cell>),
}

/// Rows drawn at the last frame, by item id: as many as one screen shows.
#[derive(Default)]
pub(super) struct DrawnRows {
    kept: HashMap<i64, Kept>,
    frame: u64,
}

impl DrawnRows {
    /// A frame begins: rows neither drawn nor kept in it are let go at `end`.
    pub fn begin(&mut self) {
        self.frame += 1;
    }

    /// Keeps the row `id` as drawn, though this frame draws it otherwise (selected): it is
    /// likely to show plain again at the next key.
    pub fn keep(&mut self, id: i64) {
        if let Some(k) = self.kept.get_mut(&id) {
            k.frame = self.frame;
        }
    }

    /// Draws `row` into the one-row area `at`, from what was kept when the row and its look
    /// are what they were drawn from, else from `line()`, kept.
    pub fn draw(
        &mut self,
        buf: &mut Buffer,
        at: Rect,
        row: &InboxRow,
        look: Look,
        line: impl FnOnce(&InboxRow, &Look) -> Line<'static>,
    ) {
        let at = at.intersection(buf.area);
        if at.is_empty() {
            return;
        }
        let start = buf.index_of(at.x, at.y);
        let cells = start..start + at.width as usize;
        let frame = self.frame;
        match self.kept.get_mut(&row.id) {
            Some(k) if k.row == *row && k.look == look => {
                match &k.drawn {
                    Drawn::Cells(kept) if kept.len() == cells.len() => {
                        buf.content[cells].clone_from_slice(kept);
                    }
                    _ => {
                        // Drawn once: its line, now drawn again, gives the cells to keep.
                        let line = match std::mem::replace(&mut k.drawn, Drawn::Cells(Vec::new())) {
                            Drawn::Line(kept) => kept,
                            Drawn::Cells(_) => line(row, &look),
                        };
                        // On blank cells, so that the cells taken are the row's alone.
                        buf.content[cells.clone()].fill(Cell::EMPTY);
                        ratatui::widgets::Widget::render(&line, at, buf);
                        k.drawn = Drawn::Cells(buf.content[cells].to_vec());
                    }
                }
                k.frame = frame;
            }
            _ => {
                let line = line(row, &look);
                ratatui::widgets::Widget::render(&line, at, buf);
                let kept = Kept {
                    row: row.clone(),
                    look,
                    drawn: Drawn::Line(line),
                    frame,
                };
                self.kept.insert(row.id, kept);
            }
        }
    }

    /// The frame is drawn: lets go of the rows it did not show.
    pub fn end(&mut self) {
        let frame = self.frame;
        self.kept.retain(|_, k| k.frame == frame);
    }

    /// How many rows are kept (for tests).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.kept.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, body: &str) -> InboxRow {
        InboxRow {
            id,
            account_id: 1,
            platform: "instagram".into(),
            handle: "brand".into(),
            kind: "comment".into(),
            external_id: id.to_string(),
            thread_key: None,
            post_id: None,
            author_name: "Ann".into(),
            author_handle: None,
            body: body.into(),
            received_at: 0,
            status: "new".into(),
            priority: 1,
            priority_reason: String::new(),
            sentiment: None,
            labels: String::new(),
            reply_text: None,
            replied_at: None,
            handled_at: None,
            queue_key: 0,
        }
    }

    fn look(age: &str) -> Look {
        Look {
            width: 20,
            marked: false,
            age: age.into(),
            age_style: Style::default(),
        }
    }

    /// The row's text as drawn: its age and body.
    fn line(r: &InboxRow, l: &Look) -> Line<'static> {
        Line::from(format!(
            "{} {} {}",
            if l.marked { "x" } else { " " },
            l.age,
            r.body
        ))
    }

    fn text(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol())
            .collect::<String>()
            .trim_end()
            .to_string()
    }

    /// Draws `rows` one a line, as a frame does: how many lines were formatted, and the text
    /// of each row.
    fn frame(drawn: &mut DrawnRows, rows: &[(InboxRow, Look)]) -> (usize, Vec<String>) {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 4));
        let formatted = std::cell::Cell::new(0);
        drawn.begin();
        for (y, (r, l)) in rows.iter().enumerate() {
            let at = Rect::new(0, y as u16, 20, 1);
            drawn.draw(&mut buf, at, r, l.clone(), |r, l| {
                formatted.set(formatted.get() + 1);
                line(r, l)
            });
        }
        drawn.end();
        let texts = (0..rows.len() as u16).map(|y| text(&buf, y)).collect();
        (formatted.get(), texts)
    }

    #[test]
    fn an_unchanged_row_is_copied_and_a_changed_one_drawn_again() {
        let mut drawn = DrawnRows::default();
        let (a, b, c) = (row(1, "hello"), row(2, "world"), row(3, "third"));
        let rows = [(a, look("1h")), (b.clone(), look("2h"))];
        assert_eq!(
            frame(&mut drawn, &rows),
            (2, vec!["  1h hello".into(), "  2h world".into()])
        );
        // The first row leaves (triaged): the second moves up, kept; a new one under it.
        // Twice: drawn from the kept line, then from the kept cells.
        let rows = [(b.clone(), look("2h")), (c.clone(), look("3h"))];
        let shown = vec!["  2h world".to_string(), "  3h third".into()];
        assert_eq!(frame(&mut drawn, &rows), (1, shown.clone()));
        assert_eq!(frame(&mut drawn, &rows), (0, shown));
        // Same id, other data: the row is formatted again and shows what it holds now.
        let mut b2 = b;
        b2.body = "changed".into();
        let rows = [(b2.clone(), look("2h")), (c.clone(), look("3h"))];
        assert_eq!(frame(&mut drawn, &rows).0, 1);
        assert_eq!(frame(&mut drawn, &rows).1[0], "  2h changed");
        // Same data, another look: a later age, a mark.
        let marked = Look {
            marked: true,
            ..look("3h")
        };
        let rows = [(b2, look("9h")), (c, marked)];
        assert_eq!(
            frame(&mut drawn, &rows),
            (2, vec!["  9h changed".into(), "x 3h third".into()])
        );
    }

    #[test]
    fn only_the_rows_of_the_last_frame_are_kept() {
        let mut drawn = DrawnRows::default();
        let rows: Vec<_> = (1..=4).map(|i| (row(i, "x"), look("1h"))).collect();
        frame(&mut drawn, &rows);
        assert_eq!(drawn.len(), 4);
        frame(&mut drawn, &rows[2..]);
        assert_eq!(drawn.len(), 2);
        // A row drawn another way (selected) but kept stays for the next frame.
        drawn.begin();
        drawn.keep(3);
        drawn.end();
        assert_eq!(drawn.len(), 1);
    }

    #[test]
    fn a_kept_row_replaces_what_was_under_it() {
        let mut drawn = DrawnRows::default();
        let a = row(1, "hello");
        frame(&mut drawn, &[(a.clone(), look("1h"))]);
        // Drawn again from its kept line, then from its kept cells.
        for _ in 0..2 {
            let mut buf = Buffer::empty(Rect::new(0, 0, 20, 4));
            buf.set_string(0, 0, "x".repeat(20), Style::default());
            drawn.begin();
            drawn.draw(&mut buf, Rect::new(0, 0, 20, 1), &a, look("1h"), |_, _| {
                unreachable!("kept")
            });
            drawn.end();
            assert_eq!(text(&buf, 0), "  1h hello");
        }
    }
}
