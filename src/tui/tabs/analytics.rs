//! Analytics: campaigns with their cost metrics and pace, surges and drops in each account's
//! reach, and the reach trend over the last 60 days.

use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Sparkline};

use super::{Ctx, Outcome};
use crate::clock::Clock;
use crate::domain::anomaly::{Kind, detect};
use crate::domain::metrics::{compact, money};
use crate::domain::pacing::{Pace, pace};
use crate::store::CampaignSummary;
use crate::text::{columns_that_fit, fit};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Cursor, render_rows};

const TREND_DAYS: i64 = 60;

#[derive(Default)]
pub struct AnalyticsTab {
    campaigns: Vec<(CampaignSummary, Pace)>,
    /// (day, reach) over the trend window, oldest first.
    trend: Vec<(String, i64)>,
    /// Surges and drops per account, newest first.
    events: Vec<Event>,
    cursor: Cursor,
}

/// A run of consecutive flagged days of one account, told as one event.
#[derive(Debug, Clone, PartialEq)]
struct Event {
    account: String,
    kind: Kind,
    first: String,
    last: String,
    peak: f64,
    usual: f64,
}

/// Groups each account's flagged days into events: consecutive days of one kind are one.
fn events(series: &[(i64, String, i64)], labels: &[(i64, String)]) -> Vec<Event> {
    let mut out = Vec::new();
    for chunk in series.chunk_by(|a, b| a.0 == b.0) {
        let values: Vec<f64> = chunk.iter().map(|(_, _, v)| *v as f64).collect();
        let label = labels
            .iter()
            .find(|(id, _)| *id == chunk[0].0)
            .map(|(_, l)| l.clone())
            .unwrap_or_default();
        let mut current: Option<(Event, usize)> = None;
        for a in detect(&values) {
            let day = chunk[a.index].1.clone();
            match current.as_mut() {
                Some((e, last)) if e.kind == a.kind && *last + 1 == a.index => {
                    e.last = day;
                    *last = a.index;
                    if (a.kind == Kind::Surge && a.value > e.peak)
                        || (a.kind == Kind::Drop && a.value < e.peak)
                    {
                        e.peak = a.value;
                        e.usual = a.usual;
                    }
                }
                _ => {
                    out.extend(current.take().map(|(e, _)| e));
                    let e = Event {
                        account: label.clone(),
                        kind: a.kind,
                        first: day.clone(),
                        last: day,
                        peak: a.value,
                        usual: a.usual,
                    };
                    current = Some((e, a.index));
                }
            }
        }
        out.extend(current.map(|(e, _)| e));
    }
    out.sort_by(|a, b| b.last.cmp(&a.last));
    out
}

impl AnalyticsTab {
    pub fn refresh(&mut self, ctx: &Ctx<'_>, _more: bool) -> anyhow::Result<()> {
        let today = ctx.clock.today();
        let parse = |s: &Option<String>| s.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        self.campaigns = ctx
            .store
            .campaigns()
            .summaries(ctx.account)?
            .into_iter()
            .map(|c| {
                let p = pace(
                    c.budget_minor,
                    c.spend_minor,
                    parse(&c.start_on),
                    parse(&c.end_on),
                    today,
                );
                (c, p)
            })
            .collect();
        let from = (today - Duration::days(TREND_DAYS))
            .format("%Y-%m-%d")
            .to_string();
        let to = today.format("%Y-%m-%d").to_string();
        self.trend = ctx
            .store
            .metrics()
            .account_reach_daily(&from, &to, ctx.account)?;
        let series = ctx
            .store
            .metrics()
            .account_reach_series(&from, &to, ctx.account)?;
        let labels: Vec<(i64, String)> = ctx.accounts.iter().map(|a| (a.id, a.label())).collect();
        self.events = events(&series, &labels);
        self.cursor.clamp(self.campaigns.len());
        Ok(())
    }

    pub fn handle(&mut self, action: &Action) -> Outcome {
        if self.cursor.apply(action, self.campaigns.len()) {
            return Outcome::Handled;
        }
        Outcome::Ignored
    }

    /// Campaigns off track.
    pub fn badge(&self) -> Option<i64> {
        let n = self
            .campaigns
            .iter()
            .filter(|(_, p)| *p != Pace::OnTrack)
            .count() as i64;
        (n > 0).then_some(n)
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, _clock: &Clock) {
        let table_h = (self.campaigns.len() as u16 + 2)
            .min(area.height / 3)
            .max(3);
        let [table, events, trend] = Layout::vertical([
            Constraint::Length(table_h),
            Constraint::Min(3),
            Constraint::Length(7),
        ])
        .areas(area);
        self.render_events(frame, events);
        let dash = || "–".to_string();
        let ratio = |v: Option<f64>| v.map(|x| money(x.round() as i64)).unwrap_or_else(dash);
        let pct = |v: Option<f64>| v.map(|x| format!("{:.1}%", x * 100.0)).unwrap_or_else(dash);
        // Columns give way by priority on narrow terminals; the name takes what is left.
        const TITLES: [&str; 11] = [
            "Campaign", "Spend", "Budget", "Impr.", "Clicks", "CTR", "CPC", "CPM", "CPA", "ROMI",
            "Pace",
        ];
        const WIDTHS: [usize; 11] = [12, 10, 10, 8, 7, 6, 7, 7, 8, 8, 11];
        const PRIORITY: [usize; 11] = [0, 1, 6, 7, 5, 8, 4, 10, 9, 3, 2];
        let keep = columns_that_fit(&WIDTHS, &PRIORITY, area.width as usize);
        let used: usize = (1..11).filter(|&i| keep[i]).map(|i| WIDTHS[i] + 1).sum();
        let name_w = (area.width as usize)
            .saturating_sub(used + 1)
            .clamp(WIDTHS[0], 32);
        let row = |cells: [String; 11]| -> String {
            let mut s = String::new();
            for (i, cell) in cells.iter().enumerate().filter(|(i, _)| keep[*i]) {
                match i {
                    0 => s.push_str(&fit(cell, name_w)),
                    10 => s.push_str(&format!(" {}", fit(cell, WIDTHS[i]))),
                    _ => s.push_str(&format!(" {cell:>w$}", w = WIDTHS[i])),
                }
            }
            s
        };
        let mut lines = vec![Line::styled(row(TITLES.map(String::from)), Theme::title())];
        for (c, p) in &self.campaigns {
            let cells = [
                c.name.clone(),
                money(c.spend_minor),
                c.budget_minor.map(money).unwrap_or_else(dash),
                c.impressions.map(compact).unwrap_or_else(dash),
                c.clicks.map(compact).unwrap_or_else(dash),
                pct(c.ctr()),
                ratio(c.cpc()),
                ratio(c.cpm()),
                ratio(c.cpa()),
                pct(c.romi()),
                p.label().to_string(),
            ];
            // Off-track campaigns stand out; the rest read plain.
            let style = if *p == Pace::OnTrack {
                Style::new()
            } else {
                Theme::overdue()
            };
            lines.push(Line::styled(row(cells), style));
        }
        if self.campaigns.is_empty() {
            lines.push(Line::styled("No campaigns yet.", Theme::dim()));
        }
        let selected = (!self.campaigns.is_empty()).then_some(self.cursor.selected + 1);
        render_rows(frame, table, lines, selected);

        let total: i64 = self.trend.iter().map(|(_, v)| v).sum();
        let [label, spark] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(trend);
        let peak = self
            .trend
            .iter()
            .max_by_key(|(_, v)| *v)
            .map(|(d, v)| format!(", peak {} on {d}", compact(*v)))
            .unwrap_or_default();
        let caption = format!(
            "Reach across accounts, last {TREND_DAYS} days: {} total{peak}",
            compact(total)
        );
        frame.render_widget(Paragraph::new(Line::styled(caption, Theme::title())), label);
        let data: Vec<u64> = self.trend.iter().map(|(_, v)| (*v).max(0) as u64).collect();
        frame.render_widget(Sparkline::default().data(&data).style(Theme::info()), spark);
    }
}

impl AnalyticsTab {
    fn render_events(&self, frame: &mut Frame<'_>, area: Rect) {
        let mut lines = vec![
            Line::default(),
            Line::styled(
                format!("Surges and drops in reach, last {TREND_DAYS} days"),
                Theme::title(),
            ),
        ];
        if self.events.is_empty() {
            lines.push(Line::styled(
                "none: every account's reach stayed within its usual range",
                Theme::dim(),
            ));
        }
        let width = area.width as usize;
        for e in &self.events {
            let (mark, word, style) = match e.kind {
                Kind::Surge => ("▲", "surge", Theme::ok()),
                Kind::Drop => ("▼", "drop ", Theme::negative()),
            };
            let when = if e.first == e.last {
                e.first.clone()
            } else {
                format!("{} – {}", e.first, e.last)
            };
            let change = if e.usual > 0.0 {
                format!(" ({:+.0}%)", (e.peak / e.usual - 1.0) * 100.0)
            } else {
                String::new()
            };
            let text = format!(
                "{mark} {word} {} {}  {} vs usual {}{change}",
                fit(&e.account, 18),
                fit(&when, 23),
                compact(e.peak.round() as i64),
                compact(e.usual.round() as i64)
            );
            lines.push(Line::styled(crate::text::truncate(&text, width), style));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_flagged_days_are_one_event() {
        let mut series: Vec<(i64, String, i64)> = (0..40)
            .map(|d| (1, format!("2026-10-{:02}", d % 28 + 1), 1000 + (d % 5) * 10))
            .collect();
        for point in series.iter_mut().skip(20).take(3) {
            point.2 = 5000;
        }
        series[35].2 = 100;
        let ev = events(&series, &[(1, "IG @a".into())]);
        assert_eq!(ev.len(), 2);
        let surge = ev.iter().find(|e| e.kind == Kind::Surge).unwrap();
        assert_eq!(
            (surge.first.as_str(), surge.last.as_str(), surge.peak),
            ("2026-10-21", "2026-10-23", 5000.0)
        );
        assert_eq!(surge.account, "IG @a");
    }
}
