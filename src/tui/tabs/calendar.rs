//! Calendar: the content plan. For now an agenda of posts from today on, paged by keyset.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Ctx, Outcome};
use crate::clock::Clock;
use crate::domain::Platform;
use crate::store::PostRow;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Cursor, render_rows};
use crate::tui::widgets::text::{fit, one_line, truncate};

const PAGE_ROWS: usize = 100;

#[derive(Default)]
pub struct CalendarTab {
    rows: Vec<PostRow>,
    exhausted: bool,
    cursor: Cursor,
    week_count: i64,
    pending_select: Option<i64>,
}

impl CalendarTab {
    pub fn refresh(&mut self, ctx: &Ctx<'_>, more: bool) -> anyhow::Result<()> {
        let from = ctx.clock.start_of_day(ctx.clock.today());
        let posts = ctx.store.posts();
        if more {
            let after = self
                .rows
                .last()
                .map(|p| (p.scheduled_at.unwrap_or_default(), p.id));
            let page = posts.agenda_page(from, after, ctx.account, PAGE_ROWS)?;
            self.exhausted = page.len() < PAGE_ROWS;
            self.rows.extend(page);
        } else {
            self.rows = posts.agenda_page(from, None, ctx.account, PAGE_ROWS)?;
            self.exhausted = self.rows.len() < PAGE_ROWS;
        }
        self.week_count = posts.count_in_range(from, from + 7 * 86_400, ctx.account)?;
        if let Some(id) = self.pending_select.take() {
            self.select(id);
        }
        self.cursor.clamp(self.rows.len());
        Ok(())
    }

    pub fn select(&mut self, id: i64) {
        if let Some(i) = self.rows.iter().position(|p| p.id == id) {
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

    /// Posts in the coming seven days.
    pub fn badge(&self) -> Option<i64> {
        Some(self.week_count)
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        let width = area.width as usize;
        let mut lines = Vec::with_capacity(self.rows.len() + 8);
        let mut selected = None;
        let mut last_day = None;
        for (i, p) in self.rows.iter().enumerate() {
            let at = p.scheduled_at.unwrap_or_default();
            let day = clock.local_date(at);
            if last_day != Some(day) {
                lines.push(Line::styled(
                    day.format("%a %d %b").to_string(),
                    Theme::title(),
                ));
                last_day = Some(day);
            }
            if i == self.cursor.selected {
                selected = Some(lines.len());
            }
            let head = format!(
                "  {} {:<2} {} ",
                clock.local_hm(at),
                Platform::badge_of(&p.platform),
                fit(&format!("@{}", p.handle), 16)
            );
            let used = head.chars().count() + 11;
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
                "No posts planned from today on. Add accounts and posts, or load the demo.",
                Theme::dim(),
            ));
        }
        render_rows(frame, area, lines, selected);
    }
}
