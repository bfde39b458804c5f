//! Inbox: comments and messages from every account in one queue, urgent first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Ctx, Outcome};
use crate::clock::Clock;
use crate::domain::Platform;
use crate::domain::age::short_age;
use crate::store::{InboxFilter, InboxRow};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Cursor, render_rows};
use crate::tui::widgets::text::{fit, one_line, truncate};

const PAGE_ROWS: usize = 100;

#[derive(Default)]
pub struct InboxTab {
    filter: InboxFilter,
    rows: Vec<InboxRow>,
    exhausted: bool,
    cursor: Cursor,
    open: i64,
    now: i64,
}

impl InboxTab {
    pub fn refresh(&mut self, ctx: &Ctx<'_>, more: bool) -> anyhow::Result<()> {
        self.filter.account = ctx.account;
        let inbox = ctx.store.inbox();
        if more {
            let after = self.rows.last().map(|r| r.cursor(self.filter.view));
            let page = inbox.page(&self.filter, after, PAGE_ROWS)?;
            self.exhausted = page.len() < PAGE_ROWS;
            self.rows.extend(page);
        } else {
            self.rows = inbox.page(&self.filter, None, PAGE_ROWS)?;
            self.exhausted = self.rows.len() < PAGE_ROWS;
        }
        self.open = inbox.count_open(ctx.account)?;
        self.now = ctx.clock.now_ts();
        self.cursor.clamp(self.rows.len());
        Ok(())
    }

    pub fn select(&mut self, id: i64) {
        if let Some(i) = self.rows.iter().position(|r| r.id == id) {
            self.cursor.selected = i;
        }
    }

    pub fn handle(&mut self, action: &Action) -> Outcome {
        if self.cursor.apply(action, self.rows.len()) {
            if !self.exhausted && self.cursor.near_end(self.rows.len()) {
                return Outcome::Fetch;
            }
            return Outcome::Handled;
        }
        Outcome::Ignored
    }

    pub fn badge(&self) -> Option<i64> {
        Some(self.open)
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, _clock: &Clock) {
        let width = area.width as usize;
        let lines: Vec<Line<'static>> = self
            .rows
            .iter()
            .map(|r| {
                let mark = match r.priority {
                    3 => Span::styled("● ", Theme::negative()),
                    2 => Span::styled("? ", Theme::question()),
                    _ => Span::raw("  "),
                };
                let head = format!(
                    "{:>4} {:<2} {} {:<7} {} ",
                    short_age(self.now - r.received_at),
                    Platform::badge_of(&r.platform),
                    fit(&format!("@{}", r.handle), 14),
                    r.kind,
                    fit(&r.author_name, 16)
                );
                let used = head.chars().count() + 2;
                Line::from(vec![
                    mark,
                    Span::raw(head),
                    Span::raw(truncate(&one_line(&r.body), width.saturating_sub(used))),
                ])
            })
            .collect();
        let selected = (!lines.is_empty()).then_some(self.cursor.selected);
        let lines = if lines.is_empty() {
            vec![Line::styled("Inbox zero. Nothing to triage.", Theme::dim())]
        } else {
            lines
        };
        render_rows(frame, area, lines, selected);
    }
}
