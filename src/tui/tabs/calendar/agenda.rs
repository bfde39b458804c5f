//! The agenda: every post from the cursor day on, grouped by day, read a page at a time with a
//! `(scheduled_at, id)` keyset so that the hundredth page costs what the first did.

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
use crate::tui::tabs::undo::Drawn;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Cursor, render_rows};

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
            let after = self
                .rows
                .last()
                .map(|p| (p.scheduled_at.unwrap_or_default(), p.id));
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

    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        clocks: &AccountClocks,
        close: &HashSet<i64>,
        drawn: &Drawn,
    ) {
        let clock = &clocks.view();
        let width = area.width as usize;
        let mut lines = Vec::with_capacity(self.rows.len() + 8);
        // The post of each line (a day's heading has none), to know which ones were drawn.
        let mut line_post: Vec<Option<i64>> = Vec::with_capacity(self.rows.len() + 8);
        let mut selected = None;
        let mut last_day = None;
        for (i, p) in self.rows.iter().enumerate() {
            let at = p.scheduled_at.unwrap_or_default();
            let day = clock.local_date(at);
            if last_day != Some(day) {
                lines.push(Line::styled(
                    day.format("%a %d %b %Y").to_string(),
                    Theme::title(),
                ));
                line_post.push(None);
                last_day = Some(day);
            }
            if i == self.cursor.selected {
                selected = Some(lines.len());
            }
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
            line_post.push(Some(p.id));
            lines.push(Line::from(vec![
                Span::raw(head),
                Span::styled(format!("{:<10} ", p.status), Theme::post_status(&p.status)),
                Span::raw(truncate(
                    &one_line(p.headline()),
                    width.saturating_sub(used),
                )),
            ]));
        }
        if lines.is_empty() {
            lines.push(Line::styled(
                "No posts from this day on. n adds one; v switches to the month.",
                Theme::dim(),
            ));
        }
        let shown = render_rows(frame, area, lines, selected);
        for id in line_post.get(shown).unwrap_or_default().iter().flatten() {
            drawn.add(*id);
        }
    }
}
