//! Contacts: the bloggers and influencers, by name, with stage, biggest handle and follow-up.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Ctx, Outcome};
use crate::clock::Clock;
use crate::domain::Platform;
use crate::domain::metrics::compact;
use crate::store::InfluencerRow;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Cursor, render_rows};
use crate::tui::widgets::text::{fit, truncate};

const PAGE_ROWS: usize = 100;

#[derive(Default)]
pub struct ContactsTab {
    rows: Vec<InfluencerRow>,
    exhausted: bool,
    cursor: Cursor,
    due: i64,
    today: String,
}

impl ContactsTab {
    pub fn refresh(&mut self, ctx: &Ctx<'_>, more: bool) -> anyhow::Result<()> {
        let inf = ctx.store.influencers();
        if more {
            let after = self.rows.last().map(|r| (r.name.clone(), r.id));
            let page =
                inf.page_by_name(after.as_ref().map(|(n, i)| (n.as_str(), *i)), PAGE_ROWS)?;
            self.exhausted = page.len() < PAGE_ROWS;
            self.rows.extend(page);
        } else {
            self.rows = inf.page_by_name(None, PAGE_ROWS)?;
            self.exhausted = self.rows.len() < PAGE_ROWS;
        }
        self.today = ctx.clock.today().format("%Y-%m-%d").to_string();
        self.due = inf.count_follow_ups_due(&self.today)?;
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

    /// Follow-ups due today or earlier.
    pub fn badge(&self) -> Option<i64> {
        (self.due > 0).then_some(self.due)
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, _clock: &Clock) {
        let width = area.width as usize;
        let mut lines = vec![Line::styled(
            format!(
                "{} {} {} {} {}",
                fit("Name", 24),
                fit("Stage", 12),
                fit("Top handle", 26),
                fit("Followers", 9),
                "Follow-up"
            ),
            Theme::title(),
        )];
        for r in &self.rows {
            let handle = match (&r.top_platform, &r.top_handle) {
                (Some(p), Some(h)) => format!("{} @{h}", Platform::badge_of(p)),
                _ => String::new(),
            };
            let due_style = match &r.follow_up_on {
                Some(d)
                    if d.as_str() <= self.today.as_str()
                        && !matches!(r.stage.as_str(), "completed" | "declined") =>
                {
                    Theme::overdue()
                }
                _ => Theme::dim(),
            };
            let line = Line::from(vec![
                Span::raw(format!("{} ", fit(&r.name, 24))),
                Span::styled(format!("{} ", fit(&r.stage, 12)), Theme::stage(&r.stage)),
                Span::raw(format!(
                    "{} {:>9} ",
                    fit(&handle, 26),
                    r.top_followers.map(compact).unwrap_or_default()
                )),
                Span::styled(
                    truncate(
                        r.follow_up_on.as_deref().unwrap_or(""),
                        width.saturating_sub(76),
                    ),
                    due_style,
                ),
            ]);
            lines.push(line);
        }
        if self.rows.is_empty() {
            lines.push(Line::styled(
                "No contacts yet. Load the demo, or add bloggers you work with.",
                Theme::dim(),
            ));
        }
        let selected = (!self.rows.is_empty()).then_some(self.cursor.selected + 1);
        render_rows(frame, area, lines, selected);
    }
}
