//! Drawing the campaign view: the campaigns with their pace, and the selected one in full
//! (spend against budget and time, cost metrics, the daily spend line, its posts and
//! collaborations with cost per engagement).

use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

use super::AnalyticsTab;
use super::render::titled;
use crate::clock::Clock;
use crate::domain::metrics::{compact, percent};
use crate::domain::money::{format_amount, format_ratio};
use crate::domain::pacing::Pace;
use crate::text::{fit, truncate};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::render_rows;

impl AnalyticsTab {
    pub(super) fn render_campaigns(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        let today = self.today.unwrap_or_else(|| clock.today());
        let list_w = if area.width >= 120 {
            56
        } else {
            area.width * 2 / 5
        };
        let [list, detail] =
            Layout::horizontal([Constraint::Length(list_w), Constraint::Min(0)]).areas(area);
        let w = list.width as usize;
        let mut rows = Vec::new();
        for c in &self.campaigns {
            let pace = c.pace(today);
            let spent = format_amount(c.spend_minor, &c.currency);
            // Narrow: the name keeps its room and the pace is a mark (the colour says which).
            let text = if w >= 48 {
                format!(
                    "{} {:>12} {} {}",
                    fit(&c.name, w.saturating_sub(31)),
                    spent,
                    fit(&c.currency, 3),
                    pace.label()
                )
            } else {
                let mark = if pace == Pace::OnTrack { ' ' } else { '!' };
                format!(
                    "{} {:>12} {mark}",
                    fit(&c.name, w.saturating_sub(15).max(6)),
                    spent
                )
            };
            let style = if pace == Pace::OnTrack {
                Style::new()
            } else {
                Theme::overdue()
            };
            rows.push(Line::styled(truncate(&text, w), style));
        }
        if rows.is_empty() {
            rows.push(Line::styled(
                "No campaigns yet: N creates one, or import an ads manager export (:import PATH)",
                Theme::dim(),
            ));
        }
        let selected = (!self.campaigns.is_empty()).then_some(self.campaign_cursor.selected);
        let shown = render_rows(frame, list, rows, selected);
        for c in self.campaigns.get(shown).unwrap_or_default() {
            self.drawn.add(c.id);
        }
        self.render_detail(frame, detail, today, clock);
    }

    fn render_detail(&self, frame: &mut Frame<'_>, area: Rect, today: NaiveDate, clock: &Clock) {
        let (Some(d), Some(c)) = (
            &self.detail,
            self.campaigns.get(self.campaign_cursor.selected),
        ) else {
            return;
        };
        let w = area.width.saturating_sub(1) as usize;
        let cur = c.currency.as_str();
        let money = |m: i64| format!("{} {cur}", format_amount(m, cur));
        let mut lines = vec![Line::styled(truncate(&c.name, w), Theme::title())];
        let f = &d.campaign.fields;
        lines.push(Line::styled(
            truncate(
                &format!(
                    "{}{} · {} .. {} · goal {}{}",
                    if f.client.is_empty() {
                        String::new()
                    } else {
                        format!("{} · ", f.client)
                    },
                    c.channel,
                    c.start_on.as_deref().unwrap_or("?"),
                    c.end_on.as_deref().unwrap_or("?"),
                    if c.goal.is_empty() {
                        "–"
                    } else {
                        c.goal.as_str()
                    },
                    c.goal_target
                        .map(|t| format!(" {}", compact(t)))
                        .unwrap_or_default()
                ),
                w,
            ),
            Theme::dim(),
        ));
        let pace = c.pace(today);
        let share = match (c.budget_minor, c.elapsed(today)) {
            (Some(b), Some(e)) if b > 0 => format!(
                "{} of {} ({:.0}%) · {:.0}% of the time gone",
                money(c.spend_minor),
                money(b),
                c.spend_minor as f64 * 100.0 / b as f64,
                e * 100.0
            ),
            (Some(b), None) if b > 0 => format!("{} of {}", money(c.spend_minor), money(b)),
            _ => format!("{} (no budget)", money(c.spend_minor)),
        };
        lines.push(Line::raw(truncate(&format!("spend {share}"), w)));
        let pace_text = match c.pacing_ratio(today) {
            Some(r) => format!("pace: {} ({:.0}% of plan to date)", pace.label(), r * 100.0),
            None => format!("pace: {}", pace.label()),
        };
        let pace_style = if pace == Pace::OnTrack {
            Theme::ok()
        } else {
            Theme::overdue()
        };
        lines.push(Line::styled(truncate(&pace_text, w), pace_style));
        let opt = |v: Option<i64>| v.map_or_else(|| "–".to_string(), compact);
        lines.push(Line::raw(truncate(
            &format!(
                "impr. {} · clicks {} · CTR {} · CPC {} · CPM {} · CPA {} · ROMI {}",
                opt(c.impressions),
                opt(c.clicks),
                percent(c.ctr()),
                format_ratio(c.cpc(), cur),
                format_ratio(c.cpm(), cur),
                format_ratio(c.cpa(), cur),
                percent(c.romi())
            ),
            w,
        )));
        let chart_h = if area.height >= 30 { 9 } else { 6 };
        let posts_n = d.posts.len().min(6) as u16;
        let collabs_n = d.collabs.len().min(4) as u16;
        let [text_area, chart_area, rest] = Layout::vertical([
            Constraint::Length(lines.len() as u16 + 1),
            Constraint::Length(chart_h),
            Constraint::Min(0),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(lines), text_area);
        // The daily spend line (a span's total sits on its last day).
        let from = d
            .days
            .iter()
            .filter(|s| s.covers_from.is_none())
            .filter_map(|s| s.day.parse::<NaiveDate>().ok())
            .min();
        if let Some(from) = from {
            let points: Vec<(f64, f64)> = d
                .days
                .iter()
                .filter(|s| s.covers_from.is_none())
                .filter_map(|s| {
                    let day = s.day.parse::<NaiveDate>().ok()?;
                    Some(((day - from).num_days() as f64, s.spend_minor as f64))
                })
                .collect();
            let last = points.iter().map(|p| p.0).fold(1.0f64, f64::max);
            let max = points.iter().map(|p| p.1).fold(1.0f64, f64::max);
            let chart = Chart::new(vec![
                Dataset::default()
                    .marker(Marker::Braille)
                    .graph_type(GraphType::Line)
                    .style(Theme::info())
                    .data(&points),
            ])
            .block(titled("daily spend".into()))
            .x_axis(
                Axis::default()
                    .bounds([0.0, last])
                    .labels(vec![
                        from.format("%m-%d").to_string(),
                        (from + Duration::days(last as i64))
                            .format("%m-%d")
                            .to_string(),
                    ])
                    .style(Theme::dim()),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, max * 1.05])
                    .labels(vec![
                        "0".to_string(),
                        format_amount(max.round() as i64, cur),
                    ])
                    .style(Theme::dim()),
            );
            frame.render_widget(chart, chart_area);
        } else {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    "no daily spend yet: import the ads manager's export by day",
                    Theme::dim(),
                ))
                .block(titled("daily spend".into())),
                chart_area,
            );
        }
        let engaged: i64 = d.posts.iter().filter_map(|p| p.engagements).sum();
        let cpe = crate::domain::metrics::cpe(c.spend_minor, engaged);
        let mut more = vec![Line::styled(
            truncate(
                &format!(
                    "posts {} · engagements {} · cost per engagement {}",
                    c.posts,
                    compact(engaged),
                    format_ratio(cpe, cur)
                ),
                w,
            ),
            Theme::title(),
        )];
        for p in d.posts.iter().take(posts_n as usize) {
            let when =
                p.at.map_or_else(|| "unscheduled".into(), |t| clock.format(t, "%m-%d"));
            more.push(Line::raw(truncate(
                &format!(
                    "  {when} {} {:>6} eng  {}",
                    fit(&p.status, 9),
                    p.engagements.map_or_else(|| "–".into(), compact),
                    crate::text::one_line(&p.title)
                ),
                w,
            )));
        }
        if !d.collabs.is_empty() {
            more.push(Line::styled("collaborations", Theme::title()));
        }
        for k in d.collabs.iter().take(collabs_n as usize) {
            more.push(Line::raw(truncate(
                &format!(
                    "  {} · {} · {} · fee {} · CPE {}",
                    k.contact,
                    k.deliverable,
                    k.status,
                    k.fee_minor
                        .map_or_else(|| "–".into(), |f| format_amount(f, &k.currency)),
                    format_ratio(k.cpe(), &k.currency)
                ),
                w,
            )));
        }
        frame.render_widget(Paragraph::new(more), rest);
    }
}
