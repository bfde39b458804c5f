//! Contacts: the bloggers and influencers, by name, with stage, biggest handle and follow-up.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Ctx, Outcome};
use crate::clock::Clock;
use crate::domain::Platform;
use crate::domain::metrics::compact;
use crate::store::InfluencerRow;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Cursor, render_rows};
use crate::tui::widgets::text::{columns_that_fit, fit};

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
        let [header, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        // Name, stage, top handle, followers, follow-up, niche, location: the last ones give
        // way first on narrow terminals.
        const TITLES: [&str; 7] = [
            "Name",
            "Stage",
            "Top handle",
            "Followers",
            "Follow-up",
            "Niche",
            "Location",
        ];
        const WIDTHS: [usize; 7] = [18, 11, 22, 9, 10, 10, 10];
        const PRIORITY: [usize; 7] = [0, 1, 4, 3, 2, 5, 6];
        let keep = columns_that_fit(&WIDTHS, &PRIORITY, area.width as usize);
        let used: usize = (1..7).filter(|&i| keep[i]).map(|i| WIDTHS[i] + 1).sum();
        let name_w = (area.width as usize)
            .saturating_sub(used + 1)
            .clamp(WIDTHS[0], 30);
        let cell = |i: usize, text: &str| -> String {
            match i {
                0 => fit(text, name_w),
                3 => format!(" {text:>w$}", w = WIDTHS[i]),
                _ => format!(" {}", fit(text, WIDTHS[i])),
            }
        };
        let title: String = (0..7)
            .filter(|&i| keep[i])
            .map(|i| cell(i, TITLES[i]))
            .collect();
        frame.render_widget(Paragraph::new(Line::styled(title, Theme::title())), header);
        let mut lines = Vec::with_capacity(self.rows.len());
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
            let values = [
                r.name.clone(),
                r.stage.clone(),
                handle,
                r.top_followers.map(compact).unwrap_or_default(),
                r.follow_up_on.clone().unwrap_or_default(),
                r.niche.clone(),
                r.location.clone(),
            ];
            let spans: Vec<Span<'static>> = (0..7)
                .filter(|&i| keep[i])
                .map(|i| {
                    let style = match i {
                        1 => Theme::stage(&r.stage),
                        4 => due_style,
                        _ => ratatui::style::Style::new(),
                    };
                    Span::styled(cell(i, &values[i]), style)
                })
                .collect();
            lines.push(Line::from(spans));
        }
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    "No contacts yet. Load the demo, or add bloggers you work with.",
                    Theme::dim(),
                )),
                body,
            );
            return;
        }
        render_rows(frame, body, lines, Some(self.cursor.selected));
    }
}
