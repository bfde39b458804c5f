//! The agenda: every post from the cursor day on, grouped by day, read a page at a time with a
//! `(scheduled_at, id)` keyset so that the hundredth page costs what the first did.

use std::cell::Cell;
use std::collections::HashSet;
use std::ops::Range;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::clock::AccountClocks;
use crate::domain::Platform;
use crate::store::{PostRow, Posts};
use crate::text::{fit, one_line, truncate};
use crate::tui::action::Action;
use crate::tui::tabs::Outcome;
use crate::tui::tabs::splice::{MARGIN, splice};
use crate::tui::tabs::undo::{Drawn, Touched};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Cursor, render_rows, render_visible};

pub const PAGE_ROWS: usize = 100;

/// The agenda's first page from a start, read while no key waited (the week view's `v` goes
/// to it), with the posts among it that go out too close to another.
pub struct AheadPage {
    pub from: i64,
    pub account: Option<i64>,
    rows: Vec<PostRow>,
    close: Vec<i64>,
}

impl AheadPage {
    pub fn read(
        posts: &Posts<'_>,
        from: i64,
        account: Option<i64>,
        within: i64,
    ) -> anyhow::Result<AheadPage> {
        let rows = posts.agenda_page(from, None, account, PAGE_ROWS)?;
        let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
        Ok(AheadPage {
            from,
            account,
            close: posts.close_to_previous(&ids, within)?,
            rows,
        })
    }
}

/// One line of the agenda: a day's heading, or the post at this index of the rows.
#[derive(Clone, Copy)]
enum Entry {
    Day(NaiveDate),
    Post(usize),
}

/// A post's place in the agenda's `(scheduled_at, id)` order.
fn keyset(p: &PostRow) -> (i64, i64) {
    (p.scheduled_at.unwrap_or_default(), p.id)
}

/// What a load did to the rows.
pub enum Loaded {
    /// A page was added after those held.
    More,
    /// The rows were read anew.
    Anew,
    /// The page read ahead was taken, with its too-close posts.
    Ahead(Vec<i64>),
}

#[derive(Default)]
pub struct Agenda {
    rows: Vec<PostRow>,
    exhausted: bool,
    cursor: Cursor,
    /// The day the agenda starts at; None re-anchors it on the cursor day at the next read.
    pub from: Option<NaiveDate>,
    /// Set when the anchor changed: the next read starts over instead of adding a page.
    stale: bool,
    /// The first row the last frame drew and how many it drew (headings aside): the rows a
    /// refresh after a write reads again.
    drawn_rows: Cell<Option<(usize, usize)>>,
}

impl Agenda {
    /// The loaded rows, in order.
    pub fn rows(&self) -> &[PostRow] {
        &self.rows
    }

    pub fn reset(&mut self) {
        self.stale = true;
        self.from = None;
        self.cursor = Cursor::default();
    }

    /// Reads the first page from `from`, or (with `more`) the page after the loaded rows. A
    /// first page read ahead for the same start and filter is taken instead of read.
    pub fn load(
        &mut self,
        posts: &Posts<'_>,
        from: i64,
        account: Option<i64>,
        more: bool,
        ahead: &mut Option<AheadPage>,
    ) -> anyhow::Result<Loaded> {
        if self.stale
            && let Some(page) = ahead.take_if(|a| a.from == from && a.account == account)
        {
            self.rows = page.rows;
            self.exhausted = self.rows.len() < PAGE_ROWS;
            self.stale = false;
            self.cursor.clamp(self.rows.len());
            return Ok(Loaded::Ahead(page.close));
        }
        if more && !self.stale && !self.rows.is_empty() {
            let after = self.rows.last().map(keyset);
            let page = posts.agenda_page(from, after, account, PAGE_ROWS)?;
            self.exhausted = page.len() < PAGE_ROWS;
            self.rows.extend(page);
            self.cursor.clamp(self.rows.len());
            return Ok(Loaded::More);
        }
        // A re-read after a write keeps as many rows as were loaded, so the cursor stays.
        let want = self.rows.len().max(PAGE_ROWS);
        self.rows = posts.agenda_page(from, None, account, want)?;
        self.exhausted = self.rows.len() < want;
        self.stale = false;
        self.cursor.clamp(self.rows.len());
        Ok(Loaded::Anew)
    }

    pub fn set_anchor(&mut self, day: NaiveDate) {
        if self.from.is_none() {
            self.from = Some(day);
        }
    }

    pub fn selected(&self) -> Option<&PostRow> {
        self.rows.get(self.cursor.selected)
    }

    pub fn select(&mut self, id: i64) {
        if let Some(i) = self.rows.iter().position(|p| p.id == id) {
            self.cursor.selected = i;
        }
    }

    /// Moves in the list; None for actions that are not list moves.
    pub fn handle(&mut self, action: &Action) -> Option<Outcome> {
        if !self.cursor.apply(action, self.rows.len()) {
            return None;
        }
        if !self.exhausted && self.cursor.near_end(self.rows.len()) {
            return Some(Outcome::Fetch);
        }
        Some(Outcome::Handled)
    }

    /// After the tab's own write to one post (`touched`): reads again the posts the last
    /// frame drew, and a few past them, from the post above them, and puts them in place of
    /// those held there; the posts above and past them stay as read. None when that could be
    /// untrue (see `splice`; a post the write kept or made that is not among those read, as
    /// when it moved away) or nothing was drawn: the caller reads all again. Gives the range
    /// of rows read again.
    pub fn splice_written(
        &mut self,
        posts: &Posts<'_>,
        from: i64,
        account: Option<i64>,
        touched: Touched,
    ) -> anyhow::Result<Option<Range<usize>>> {
        let Some((start, drawn)) = self.drawn_rows.get() else {
            return Ok(None);
        };
        if self.stale || start > self.rows.len() {
            return Ok(None);
        }
        let want = drawn + MARGIN;
        let after = match start.checked_sub(1) {
            Some(above) => self.rows.get(above).map(keyset),
            None => None,
        };
        let fresh = posts.agenda_page(from, after, account, want)?;
        if !touched.gone && !fresh.iter().any(|p| p.id == touched.id) {
            return Ok(None);
        }
        let read = fresh.len();
        let id = |p: &PostRow| p.id;
        let Some(s) = splice(&self.rows, start, fresh, want, self.exhausted, id, |i| {
            i == touched.id
        }) else {
            return Ok(None);
        };
        self.rows = s.rows;
        self.exhausted = s.exhausted;
        self.cursor.clamp(self.rows.len());
        Ok(Some(start..start + read))
    }

    /// Draws the rows on screen only (a day's heading above its first post): a long agenda
    /// paged far down formats one screenful per frame.
    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        clocks: &AccountClocks,
        close: &HashSet<i64>,
        drawn: &Drawn,
    ) {
        let clock = &clocks.view();
        if self.rows.is_empty() {
            self.drawn_rows.set(None);
            render_rows(
                frame,
                area,
                vec![Line::styled(
                    "No posts from this day on. n adds one; v switches to the month.",
                    Theme::dim(),
                )],
                None,
            );
            return;
        }
        // The screen's lines: a heading where the day changes, then each post.
        let mut lines = Vec::with_capacity(self.rows.len() + 8);
        let mut selected = None;
        let mut last_day = None;
        for (i, p) in self.rows.iter().enumerate() {
            let day = clock.local_date(p.scheduled_at.unwrap_or_default());
            if last_day != Some(day) {
                lines.push(Entry::Day(day));
                last_day = Some(day);
            }
            if i == self.cursor.selected {
                selected = Some(lines.len());
            }
            lines.push(Entry::Post(i));
        }
        let width = area.width as usize;
        let shown = render_visible(frame, area, lines.len(), selected, |at| match lines[at] {
            Entry::Day(day) => Line::styled(day.format("%a %d %b %Y").to_string(), Theme::title()),
            Entry::Post(i) => self.post_line(&self.rows[i], clocks, close, width),
        });
        let posts: Vec<usize> = lines[shown]
            .iter()
            .filter_map(|e| match e {
                Entry::Post(i) => Some(*i),
                Entry::Day(_) => None,
            })
            .collect();
        for i in &posts {
            drawn.add(self.rows[*i].id);
        }
        self.drawn_rows
            .set(posts.first().map(|first| (*first, posts.len())));
    }

    fn post_line(
        &self,
        p: &PostRow,
        clocks: &AccountClocks,
        close: &HashSet<i64>,
        width: usize,
    ) -> Line<'static> {
        let at = p.scheduled_at.unwrap_or_default();
        let warn = if close.contains(&p.id) { "⚠" } else { " " };
        let head = format!(
            " {warn}{} {:<2} {} ",
            // A post whose export gave only the day has no hour to show.
            // In the post's own zone, named when it is not the view's.
            if p.date_only {
                "     ".to_string()
            } else {
                clocks.hm_marked(p.account_id, at)
            },
            Platform::badge_of(&p.platform),
            fit(&format!("@{}", p.handle), 16)
        );
        let used = head.chars().count() + 11;
        Line::from(vec![
            Span::raw(head),
            Span::styled(format!("{:<10} ", p.status), Theme::post_status(&p.status)),
            Span::raw(truncate(
                &one_line(p.headline()),
                width.saturating_sub(used),
            )),
        ])
    }
}
