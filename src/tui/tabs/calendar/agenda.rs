//! The agenda: every post from the cursor day on, grouped by day, read a page at a time with a
//! `(scheduled_at, id)` keyset so that the hundredth page costs what the first did.

use std::cell::Cell;
use std::collections::HashSet;

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
use crate::tui::tabs::undo::{Drawn, Touched};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Cursor, render_rows, render_visible};

pub const PAGE_ROWS: usize = 100;

/// Rows held at most: paging on past them lets go of the oldest, and paging back up reads
/// them again (`load_before`), so that a walk through every post holds a few pages.
const WINDOW: usize = 5 * PAGE_ROWS;

/// The cursor this near the first row of a window that slid reads the page above.
const NEAR_TOP: usize = 5;

/// Rows read past those a screen shows, at a new start: the rest of the page comes while no
/// key waits (`CalendarTab::idle`).
const MARGIN: usize = 8;

use super::TOO_CLOSE_S;

/// The agenda's first page from a start, read while no key waited (the week view's `v` goes
/// to it), with the posts among it that go out too close to another.
pub struct AheadPage {
    pub from: i64,
    pub account: Option<i64>,
    rows: Vec<PostRow>,
    close: Vec<i64>,
}

impl AheadPage {
    pub fn read(posts: &Posts<'_>, from: i64, account: Option<i64>) -> anyhow::Result<AheadPage> {
        let page = posts.agenda_page(from, None, account, PAGE_ROWS, TOO_CLOSE_S)?;
        Ok(AheadPage {
            from,
            account,
            close: page.close,
            rows: page.posts,
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

/// What a load did to the rows; each with the posts it read that go out too close after
/// another of their account.
pub enum Loaded {
    /// A page was added after those held.
    More(Vec<i64>),
    /// The rows were read anew.
    Anew(Vec<i64>),
    /// The page read ahead was taken.
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
    /// The lines the last frame gave the agenda.
    height: Cell<u16>,
    /// The window slid down: rows from the start were let go (see `WINDOW`).
    slid: bool,
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
        self.slid = false;
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
            self.slid = false;
            self.cursor.clamp(self.rows.len());
            return Ok(Loaded::Ahead(page.close));
        }
        if more && !self.stale && !self.rows.is_empty() {
            let after = self.rows.last().map(keyset);
            let page = posts.agenda_page(from, after, account, PAGE_ROWS, TOO_CLOSE_S)?;
            self.exhausted = page.posts.len() < PAGE_ROWS;
            self.rows.extend(page.posts);
            let excess = self.rows.len().saturating_sub(WINDOW);
            if excess > 0 {
                self.rows.drain(..excess);
                self.cursor.selected = self.cursor.selected.saturating_sub(excess);
                self.slid = true;
            }
            self.cursor.clamp(self.rows.len());
            return Ok(Loaded::More(page.close));
        }
        // A re-read after a write keeps as many rows as were loaded, so the cursor stays; at
        // a new start, what the screen shows (a key that moves a post away follows it there).
        let want = if self.stale {
            self.first_read()
        } else {
            self.rows.len().max(PAGE_ROWS)
        };
        // A window that slid is read again from its first row, not from the agenda's start.
        let first = match self.rows.first().map(keyset) {
            // Just before it in the keyset order, so that the read starts with it.
            Some((at, id)) if self.slid && !self.stale => Some((at, id - 1)),
            _ => None,
        };
        let page = posts.agenda_page(from, first, account, want, TOO_CLOSE_S)?;
        self.rows = page.posts;
        self.exhausted = self.rows.len() < want;
        self.slid = first.is_some();
        self.stale = false;
        self.cursor.clamp(self.rows.len());
        Ok(Loaded::Anew(page.close))
    }

    /// True when the window slid down and the cursor nears its first row: the page above is
    /// to be read (`load_before`).
    pub fn wants_before(&self) -> bool {
        self.slid && !self.stale && self.cursor.selected < NEAR_TOP
    }

    /// Reads the page above the first row held, puts it before them (the cursor stays on its
    /// row) and lets go of the rows past the window. Gives the page's too-close posts.
    pub fn load_before(
        &mut self,
        posts: &Posts<'_>,
        from: i64,
        account: Option<i64>,
    ) -> anyhow::Result<Vec<i64>> {
        let Some(first) = self.rows.first().map(keyset) else {
            self.slid = false;
            return Ok(Vec::new());
        };
        let page = posts.agenda_page_before(from, first, account, PAGE_ROWS, TOO_CLOSE_S)?;
        let n = page.posts.len();
        self.slid = n == PAGE_ROWS;
        self.rows.splice(0..0, page.posts);
        self.cursor.selected += n;
        if self.rows.len() > WINDOW {
            self.rows.truncate(WINDOW);
            self.exhausted = false;
        }
        Ok(page.close)
    }

    pub fn set_anchor(&mut self, day: NaiveDate) {
        if self.from.is_none() {
            self.from = Some(day);
        }
    }

    /// Whether post `id` is among the rows read.
    pub fn holds(&self, id: i64) -> bool {
        self.rows.iter().any(|p| p.id == id)
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
        if !self.exhausted && self.cursor.near_end(self.rows.len()) || self.wants_before() {
            return Some(Outcome::Fetch);
        }
        Some(Outcome::Handled)
    }

    /// After one write of the tab's own, to the post `touched` (the only post a calendar write
    /// changes): the rows as reading them all again would give them, without reading them. The
    /// post leaves its old place and, read by id, takes its new one when that lies among the
    /// rows held (past the last one, it comes with the next page). Gives the posts whose
    /// warnings may have changed: it, and the posts of its account that go out within the
    /// warning's reach after its old or new slot. None when the rows are to be read anew.
    pub fn apply_write(
        &mut self,
        posts: &Posts<'_>,
        from: i64,
        account: Option<i64>,
        touched: Touched,
    ) -> anyhow::Result<Option<Vec<i64>>> {
        if self.stale {
            return Ok(None);
        }
        let mut rewarn = vec![touched.id];
        if let Some(i) = self.rows.iter().position(|p| p.id == touched.id) {
            let old = self.rows.remove(i);
            rewarn.extend(self.warned_after(i, &old));
        }
        if !touched.gone {
            let Ok(new) = posts.get(touched.id) else {
                return Ok(None);
            };
            let listed = new.scheduled_at.is_some_and(|at| at >= from)
                && account.is_none_or(|a| a == new.account_id);
            let at = self.rows.partition_point(|p| keyset(p) < keyset(&new));
            // Before the first row of a window that slid, or past the last of one that has
            // more, it is not among the rows held.
            let held = (at > 0 || !self.slid) && (at < self.rows.len() || self.exhausted);
            if listed && held {
                rewarn.extend(self.warned_after(at, &new));
                self.rows.insert(at, new);
            }
        }
        self.cursor.clamp(self.rows.len());
        Ok(Some(rewarn))
    }

    /// How many rows a read at a new start takes: those the last frame had room for and a
    /// few more; a page before the first frame.
    fn first_read(&self) -> usize {
        match self.height.get() {
            0 => PAGE_ROWS,
            h => (usize::from(h) + MARGIN).min(PAGE_ROWS),
        }
    }

    /// True when the rows held no longer fill the screen (or the cursor nears their end) and
    /// more follow: after posts moved away, the next page is read at once.
    pub fn short(&self) -> bool {
        !self.exhausted
            && (self.rows.len() < self.first_read() || self.cursor.near_end(self.rows.len()))
    }

    /// True when fewer than a page of rows is held and more follow: the next page is read
    /// while no key waits, so that paging down finds it.
    pub fn wants_more(&self) -> bool {
        !self.exhausted && !self.stale && !self.rows.is_empty() && self.rows.len() < PAGE_ROWS
    }

    /// The posts from row `i` on of `post`'s account that go out within the warning's reach
    /// after it: a post there may be warned about because of it.
    fn warned_after(&self, i: usize, post: &PostRow) -> Vec<i64> {
        let at = post.scheduled_at.unwrap_or_default();
        self.rows
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|p| p.scheduled_at.is_some_and(|s| s <= at + TOO_CLOSE_S))
            .filter(|p| p.account_id == post.account_id)
            .map(|p| p.id)
            .collect()
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
        self.height.set(area.height);
        if self.rows.is_empty() {
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
        for entry in &lines[shown] {
            if let Entry::Post(i) = entry {
                drawn.add(self.rows[*i].id);
            }
        }
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
