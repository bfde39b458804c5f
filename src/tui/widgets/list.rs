//! A cursor over the rows a tab has loaded, and the drawing of such a list. Rows are loaded a
//! page at a time; the cursor only says which one is selected.

use std::cell::Cell;
use std::ops::Range;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::tui::action::Action;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
}

/// The row to select once a tab has read its rows again (after a write, a jump or an undo),
/// by id: the one way every tab keeps the user's place. Cloning gives another handle on the
/// same slot, so a write that runs later in the app can name the row it made or touched.
#[derive(Debug, Clone, Default)]
pub struct Reselect(Rc<Cell<Option<i64>>>);

impl Reselect {
    pub fn set(&self, id: Option<i64>) {
        self.0.set(id);
    }

    /// The wanted row, spent.
    pub fn take(&self) -> Option<i64> {
        self.0.take()
    }

    /// Puts `cursor` on the wanted row among `ids` (the rows as read, in order). True when it
    /// was found; otherwise the want is kept, for a page read later.
    pub fn restore(&self, cursor: &mut Cursor, ids: impl Iterator<Item = i64>) -> bool {
        let Some(want) = self.0.get() else {
            return false;
        };
        let mut ids = ids;
        match ids.position(|id| id == want) {
            Some(i) => {
                cursor.selected = i;
                self.0.set(None);
                true
            }
            None => false,
        }
    }
}

/// How many rows Page Up/Down moves.
pub const PAGE: usize = 20;

impl Cursor {
    /// Moves for a navigation action over `len` rows; false when the action is not a move.
    pub fn apply(&mut self, action: &Action, len: usize) -> bool {
        let last = len.saturating_sub(1);
        self.selected = match action {
            Action::Down => (self.selected + 1).min(last),
            Action::Up => self.selected.saturating_sub(1),
            Action::PageDown => (self.selected + PAGE).min(last),
            Action::PageUp => self.selected.saturating_sub(PAGE),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        true
    }

    /// Keeps the cursor inside `len` rows after the rows changed.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// True when the cursor is close enough to the end of the loaded rows that the next page
    /// should be read.
    pub fn near_end(&self, len: usize) -> bool {
        self.selected + 5 >= len
    }
}

/// Draws `rows` in `area`, scrolled page-wise so the selected row shows, highlighted. Returns
/// the indices of the rows drawn.
pub fn render_rows(
    frame: &mut Frame<'_>,
    area: Rect,
    rows: Vec<Line<'static>>,
    selected: Option<usize>,
) -> Range<usize> {
    render_visible(frame, area, rows.len(), selected, |i| {
        rows.get(i).cloned().unwrap_or_default()
    })
}

/// Draws `lines` one to a row from the top of `area`, cut at its width, as many as fit: a
/// paragraph without its layout (wrapping and alignment cost a grid of cells dearly).
pub fn render_lines(frame: &mut Frame<'_>, area: Rect, lines: &[Line<'_>]) {
    let buf = frame.buffer_mut();
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        let at = Rect {
            y,
            height: 1,
            ..area
        };
        ratatui::widgets::Widget::render(line, at, buf);
    }
}

/// Draws `len` rows in `area` like [`render_rows`], but asks `row` for the visible ones only:
/// a list of thousands formats one screenful per frame. Returns the indices drawn.
pub fn render_visible(
    frame: &mut Frame<'_>,
    area: Rect,
    len: usize,
    selected: Option<usize>,
    row: impl Fn(usize) -> Line<'static>,
) -> Range<usize> {
    let shown = visible(area.height, len, selected);
    // Each row is drawn as one line into its own row of the area: no paragraph to lay out.
    let buf = frame.buffer_mut();
    for (y, i) in shown.clone().enumerate() {
        let line = row(i);
        let line = if Some(i) == selected {
            Theme::select_line(line)
        } else {
            line
        };
        let at = Rect {
            y: area.y + y as u16,
            height: 1,
            ..area
        };
        ratatui::widgets::Widget::render(&line, at, buf);
    }
    shown
}

/// The rows of `len` a list `height` rows tall shows with `selected` on it: scrolled a
/// page at a time, so that the selected row shows.
pub fn visible(height: u16, len: usize, selected: Option<usize>) -> Range<usize> {
    let height = height as usize;
    if height == 0 {
        return 0..0;
    }
    let offset = selected.map_or(0, |s| s - s % height);
    offset..len.min(offset + height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reselect_finds_the_row_or_keeps_waiting() {
        let want = Reselect::default();
        let later = want.clone();
        later.set(Some(7));
        let mut c = Cursor::default();
        assert!(!want.restore(&mut c, [1, 2, 3].into_iter()));
        assert!(want.restore(&mut c, [5, 6, 7, 8].into_iter()));
        assert_eq!(c.selected, 2);
        assert_eq!(want.take(), None, "spent once found");
    }

    #[test]
    fn moves_stay_in_bounds() {
        let mut c = Cursor::default();
        assert!(c.apply(&Action::Up, 10));
        assert_eq!(c.selected, 0);
        c.apply(&Action::PageDown, 10);
        assert_eq!(c.selected, 9);
        c.apply(&Action::Down, 10);
        assert_eq!(c.selected, 9);
        assert!(c.near_end(10));
        c.apply(&Action::Top, 10);
        assert!(!c.near_end(10));
        assert!(!c.apply(&Action::Open, 10));
        c.apply(&Action::Bottom, 0);
        assert_eq!(c.selected, 0);
    }
}
