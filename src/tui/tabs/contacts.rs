//! Contacts: the people the user works with (bloggers, creators), by name, with stage, biggest handle and follow-up,
//! and the selected one in full beside the list (handles, rates, collaborations, interactions).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Ctx, Outcome};
use crate::clock::Clock;
use crate::domain::ContactSort;
use crate::domain::Platform;
use crate::domain::metrics::{compact, money};
use crate::store::{ContactDetail, ContactFilter, ContactRow};
use crate::text::{columns_that_fit, fit};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Cursor, render_rows};

const PAGE_ROWS: usize = 100;
/// Below this width the detail goes under the list instead of beside it.
const SIDE_BY_SIDE: u16 = 110;

#[derive(Default)]
pub struct ContactsTab {
    rows: Vec<ContactRow>,
    exhausted: bool,
    cursor: Cursor,
    due: i64,
    today: String,
    detail: Option<ContactDetail>,
    /// A row to select once it is loaded (a jump from Today).
    pending_select: Option<i64>,
}

impl ContactsTab {
    pub fn refresh(&mut self, ctx: &Ctx<'_>, more: bool) -> anyhow::Result<()> {
        let inf = ctx.store.contacts();
        if more {
            if !self.exhausted && self.cursor.near_end(self.rows.len()) {
                let after = self.rows.last().map(|r| r.cursor(ContactSort::Name));
                let page = inf.page(
                    &ContactFilter::default(),
                    ContactSort::Name,
                    after.as_ref(),
                    PAGE_ROWS,
                )?;
                self.exhausted = page.len() < PAGE_ROWS;
                self.rows.extend(page);
            }
        } else {
            let limit = self.rows.len().max(PAGE_ROWS);
            self.rows = inf.page(&ContactFilter::default(), ContactSort::Name, None, limit)?;
            self.exhausted = self.rows.len() < limit;
            self.today = ctx.clock.today().format("%Y-%m-%d").to_string();
            self.due = inf.count_follow_ups_due(&self.today)?;
            self.detail = None;
        }
        if let Some(id) = self.pending_select.take() {
            self.select(id);
        }
        self.cursor.clamp(self.rows.len());
        let selected = self.rows.get(self.cursor.selected).map(|r| r.id);
        if selected != self.detail.as_ref().map(|d| d.id) {
            self.detail = selected.map(|id| inf.detail(id)).transpose()?;
        }
        Ok(())
    }

    pub fn select(&mut self, id: i64) {
        match self.rows.iter().position(|r| r.id == id) {
            Some(i) => self.cursor.selected = i,
            None => self.pending_select = Some(id),
        }
    }

    pub fn handle(&mut self, action: &Action) -> Outcome {
        if self.cursor.apply(action, self.rows.len()) {
            return Outcome::Fetch;
        }
        Outcome::Ignored
    }

    /// Follow-ups due today or earlier.
    pub fn badge(&self) -> Option<i64> {
        (self.due > 0).then_some(self.due)
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        let (list, detail) = if area.width >= SIDE_BY_SIDE {
            let [l, d] =
                Layout::horizontal([Constraint::Percentage(56), Constraint::Percentage(44)])
                    .areas(area);
            (l, d)
        } else {
            let [l, d] = Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
            (l, d)
        };
        self.render_list(frame, list);
        let block = Block::default()
            .borders(if area.width >= SIDE_BY_SIDE {
                Borders::LEFT
            } else {
                Borders::TOP
            })
            .border_style(Theme::border());
        let inner = block.inner(detail);
        frame.render_widget(block, detail);
        if let Some(d) = &self.detail {
            let lines = detail_lines(d, &self.today, clock);
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        }
    }

    fn render_list(&self, frame: &mut Frame<'_>, area: Rect) {
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
                        && !matches!(r.stage.as_str(), "paid" | "declined") =>
                {
                    Theme::overdue()
                }
                _ => Theme::dim(),
            };
            let values = [
                r.name.clone(),
                r.stage.clone(),
                handle,
                r.followers.map(compact).unwrap_or_default(),
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
                    "No contacts yet. Load the demo, or add the people you work with.",
                    Theme::dim(),
                )),
                body,
            );
            return;
        }
        render_rows(frame, body, lines, Some(self.cursor.selected));
    }
}

/// The selected person in full: who, how to reach them, where they post, what they cost,
/// what they deliver, and what was said last.
fn detail_lines(d: &ContactDetail, today: &str, clock: &Clock) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let stars = d
        .rating
        .map(|r| "★".repeat(r.clamp(0, 5) as usize))
        .unwrap_or_default();
    out.push(Line::from(vec![
        Span::styled(d.name.clone(), Theme::title()),
        Span::raw("  "),
        Span::styled(d.stage.clone(), Theme::stage(&d.stage)),
        Span::raw(format!("  {stars}")),
    ]));
    let place: Vec<&str> = [d.niche.as_str(), d.location.as_str(), d.language.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !place.is_empty() {
        out.push(Line::styled(place.join(" · "), Theme::dim()));
    }
    let reach: Vec<&str> = [&d.email, &d.phone, &d.messenger]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !reach.is_empty() {
        out.push(Line::from(reach.join(" · ")));
    }
    if let Some(due) = &d.follow_up_on {
        let style = if due.as_str() <= today {
            Theme::overdue()
        } else {
            Theme::info()
        };
        out.push(Line::styled(format!("follow up {due}"), style));
    }
    out.push(Line::default());
    for h in &d.handles {
        let (platform, handle, followers) = (&h.platform, &h.handle, h.followers);
        let er = h
            .engagement_rate
            .map(|e| format!("  ER {:.1}%", e * 100.0))
            .unwrap_or_default();
        out.push(Line::from(format!(
            "{} @{handle}  {}{er}",
            Platform::badge_of(platform),
            followers.map(compact).unwrap_or_else(|| "–".into())
        )));
    }
    if !d.rates.is_empty() {
        let rates: Vec<String> = d
            .rates
            .iter()
            .map(|r| format!("{} {} {}", r.format, money(r.price_minor), r.currency))
            .collect();
        out.push(Line::styled(
            format!("rates: {}", rates.join(" · ")),
            Theme::dim(),
        ));
    }
    if !d.collaborations.is_empty() {
        out.push(Line::default());
        out.push(Line::styled("collaborations", Theme::title()));
        for c in &d.collaborations {
            let due = c.due_on.clone().unwrap_or_else(|| "no date".into());
            let fee = c
                .fee_minor
                .map(|f| format!(" · {} {}", money(f), c.currency))
                .unwrap_or_default();
            let paid = if c.paid { "paid" } else { "unpaid" };
            let campaign = c
                .campaign
                .as_deref()
                .map(|n| format!(" · {n}"))
                .unwrap_or_default();
            let late = c.due_on.as_deref().is_some_and(|d| d < today)
                && matches!(c.status.as_str(), "planned" | "late");
            let style = if late {
                Theme::overdue()
            } else {
                ratatui::style::Style::new()
            };
            out.push(Line::styled(
                format!(
                    "{due} {} · {}{campaign}{fee} · {paid}",
                    c.status, c.deliverable
                ),
                style,
            ));
        }
    }
    if !d.interactions.is_empty() {
        out.push(Line::default());
        out.push(Line::styled("latest interactions", Theme::title()));
        for i in &d.interactions {
            out.push(Line::from(format!(
                "{} {}: {}",
                clock.format(i.at, "%d %b"),
                i.channel,
                i.note
            )));
        }
    }
    if !d.notes.trim().is_empty() {
        out.push(Line::default());
        out.extend(
            d.notes
                .lines()
                .map(|l| Line::styled(l.to_string(), Theme::dim())),
        );
    }
    out
}
