//! Drawing the Analytics tab: the KPI comparison, the trend chart with a date axis and the
//! surges and drops marked on it, the ranked posts, the breakdowns and heat map, and the
//! campaign view. No I/O: everything comes from the state `refresh` read.

use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph};

use super::{AnalyticsTab, Breakdown, View};
use crate::clock::Clock;
use crate::domain::anomaly::Kind;
use crate::domain::heatmap::{best_hours, grid, weekday_name};
use crate::domain::kpi::show;
use crate::domain::metrics::{compact, engagement_rate, percent};
use crate::domain::period::change_label;
use crate::store::{BreakdownBy, TrendPoint};
use crate::text::{fit, truncate};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::render_rows;

/// Colours for the accounts' lines, in account order (the chart needs a legend to tell them).
const LINE_STYLES: [fn() -> Style; 4] = [Theme::info, Theme::ok, Theme::warn, Theme::question];

pub(super) fn titled(title: String) -> Block<'static> {
    Block::default()
        .borders(Borders::TOP)
        .border_style(Theme::border())
        .title(Span::styled(title, Theme::title()))
}

impl AnalyticsTab {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        self.drawn.clear();
        let [head, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let period = self.period();
        let label = match (period, self.view) {
            (_, View::Campaigns) => "Campaigns · c overview · N new  e edit  D delete".to_string(),
            // A read under way: the new period's name at once, the figures it replaces
            // marked as such until they arrive.
            (Some(p), View::Overview) if self.reading.is_some() => format!(
                "{} · reading {} days… (figures below are from before) · p period  [ ] shift",
                p.label(),
                p.days()
            ),
            (Some(p), View::Overview) => format!(
                "{} · vs {} · p period  [ ] shift  m metric  b breakdown  c campaigns",
                p.label(),
                p.previous().range_text()
            ),
            (None, View::Overview) => String::new(),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                truncate(&label, area.width as usize),
                Theme::title(),
            )),
            head,
        );
        match self.view {
            View::Overview => self.render_overview(frame, body, clock),
            View::Campaigns => self.render_campaigns(frame, body, clock),
        }
    }

    fn render_overview(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        let top_h = (area.height * 11 / 20).max(8).min(area.height);
        let [top, bottom] =
            Layout::vertical([Constraint::Length(top_h), Constraint::Min(0)]).areas(area);
        let kpi_w = if area.width >= 120 { 48 } else { 38 };
        let [kpi, _, chart] = Layout::horizontal([
            Constraint::Length(kpi_w),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(top);
        self.render_kpis(frame, kpi);
        self.render_trend(frame, chart);
        let posts_w = if self.breakdown == Breakdown::Off {
            area.width
        } else {
            area.width * 11 / 20
        };
        let [posts, _, side] = Layout::horizontal([
            Constraint::Length(posts_w),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(bottom);
        self.render_posts(frame, posts, clock);
        if self.breakdown != Breakdown::Off {
            self.render_breakdown(frame, side, clock);
        }
    }

    fn render_kpis(&self, frame: &mut Frame<'_>, area: Rect) {
        let Some(report) = &self.report else {
            return;
        };
        let Some(row) = report.rows.first() else {
            frame.render_widget(
                Paragraph::new(Line::styled("no accounts yet", Theme::dim())),
                area,
            );
            return;
        };
        let w = area.width as usize;
        // Values take 8 columns each on a narrow screen, 9 on a wide one; the name the rest.
        let v = if w >= 46 { 9 } else { 8 };
        let name_w = w.saturating_sub(3 * v).clamp(8, 16);
        let mut lines = vec![Line::styled(
            format!(
                "{}{:>v$}{:>v$}{:>v$}",
                fit("", name_w),
                "now",
                "before",
                "change"
            ),
            Theme::dim(),
        )];
        for c in &row.compare {
            let change = change_label(c.change);
            let style = match c.change {
                Some(x) if x > 0.005 => Theme::ok(),
                Some(x) if x < -0.005 => Theme::negative(),
                _ => Theme::dim(),
            };
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "{}{:>v$}{:>v$}",
                    fit(&c.name, name_w),
                    show(&c.name, c.current),
                    show(&c.name, c.previous)
                )),
                Span::styled(format!("{change:>v$}"), style),
            ]));
        }
        // The other accounts, one line each, when the sum is on top.
        if row.account_id.is_none() {
            for (i, r) in report.rows.iter().skip(1).enumerate() {
                let followers = change_label(
                    r.compare
                        .iter()
                        .find(|c| c.name == "followers")
                        .and_then(|c| c.change),
                );
                lines.push(Line::styled(
                    truncate(
                        &format!(
                            "{} ER {} · followers {}",
                            fit(&r.label, name_w + 2),
                            percent(r.er_by_reach),
                            followers
                        ),
                        w,
                    ),
                    LINE_STYLES[i % LINE_STYLES.len()](),
                ));
            }
        }
        lines.push(Line::styled(
            truncate(
                "ER by reach = engagements ÷ reach; by followers = engagements a post ÷ followers",
                w,
            ),
            Theme::dim(),
        ));
        let block = titled(truncate(&row.label, w));
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    /// One line per account over the period, the previous period summed as a dim line, and
    /// the surges and drops as marks; the posts of those days listed under it.
    fn render_trend(&self, frame: &mut Frame<'_>, area: Rect) {
        let Some(period) = self.period() else {
            return;
        };
        let shown_events = self.events.len().min(3) as u16;
        let listed = if shown_events > 0 {
            shown_events + self.event_posts.len().min(3) as u16
        } else {
            0
        };
        let [chart_area, list_area] = Layout::vertical([
            Constraint::Min(4),
            Constraint::Length(listed.min(area.height / 3)),
        ])
        .areas(area);
        let x_of = |day: &str, from: NaiveDate| {
            day.parse::<NaiveDate>()
                .map(|d| (d - from).num_days() as f64)
                .unwrap_or(0.0)
        };
        let mut lines: Vec<(i64, Vec<(f64, f64)>)> = Vec::new();
        for p in &self.trend {
            let point = (x_of(&p.day, period.from), p.value as f64);
            match lines.last_mut() {
                Some((id, v)) if *id == p.account_id => v.push(point),
                _ => lines.push((p.account_id, vec![point])),
            }
        }
        let prev_from = period.previous().from;
        let mut prev: Vec<(f64, f64)> = Vec::new();
        let mut sorted: Vec<&TrendPoint> = self.prev_trend.iter().collect();
        sorted.sort_by(|a, b| a.day.cmp(&b.day));
        for p in sorted {
            let x = x_of(&p.day, prev_from);
            match prev.last_mut() {
                Some((lx, v)) if *lx == x => *v += p.value as f64,
                _ => prev.push((x, p.value as f64)),
            }
        }
        let value_at = |account: i64, day: &str| {
            self.trend
                .iter()
                .find(|p| p.account_id == account && p.day == day)
                .map(|p| p.value as f64)
        };
        let (mut surges, mut drops) = (Vec::new(), Vec::new());
        for e in &self.events {
            let y = value_at(e.account_id, &e.first).unwrap_or(e.peak);
            let mark = (x_of(&e.first, period.from), y);
            match e.kind {
                Kind::Surge => surges.push(mark),
                Kind::Drop => drops.push(mark),
            }
        }
        let label_of = |id: i64| {
            self.labels
                .iter()
                .find(|(a, _)| *a == id)
                .map_or_else(|| format!("#{id}"), |(_, l)| l.clone())
        };
        let mut datasets = vec![
            Dataset::default()
                .name("previous")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(Theme::dim())
                .data(&prev),
        ];
        for (i, (id, points)) in lines.iter().enumerate() {
            datasets.push(
                Dataset::default()
                    .name(label_of(*id))
                    .marker(Marker::Braille)
                    .graph_type(GraphType::Line)
                    .style(LINE_STYLES[i % LINE_STYLES.len()]())
                    .data(points),
            );
        }
        datasets.push(
            Dataset::default()
                .name("▲ surge")
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(Theme::ok().bold())
                .data(&surges),
        );
        datasets.push(
            Dataset::default()
                .name("▼ drop")
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(Theme::negative().bold())
                .data(&drops),
        );
        let max = lines
            .iter()
            .flat_map(|(_, v)| v.iter().map(|p| p.1))
            .chain(prev.iter().map(|p| p.1))
            .fold(0.0f64, f64::max)
            .max(1.0);
        let days = period.days().max(1) as f64;
        let date = |offset: i64| {
            (period.from + Duration::days(offset))
                .format("%m-%d")
                .to_string()
        };
        let mid = (period.days() - 1) / 2;
        let chart = Chart::new(datasets)
            .block(titled(format!("{} by day", self.metric().label())))
            .x_axis(
                Axis::default()
                    .bounds([0.0, (days - 1.0).max(1.0)])
                    .labels(vec![date(0), date(mid), date(period.days() - 1)])
                    .style(Theme::dim()),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, max * 1.05])
                    .labels(vec![
                        "0".to_string(),
                        compact((max / 2.0).round() as i64),
                        compact(max.round() as i64),
                    ])
                    .style(Theme::dim()),
            )
            .hidden_legend_constraints((Constraint::Ratio(1, 3), Constraint::Ratio(3, 4)));
        if self.trend.is_empty() && self.prev_trend.is_empty() {
            let note = format!(
                "no {} in this period: import the platforms' account exports",
                self.metric().label()
            );
            frame.render_widget(
                Paragraph::new(Line::styled(note, Theme::dim()))
                    .block(titled(format!("{} by day", self.metric().label()))),
                chart_area,
            );
        } else {
            frame.render_widget(chart, chart_area);
        }
        let w = list_area.width as usize;
        let mut text = Vec::new();
        for e in self.events.iter().take(3) {
            let (mark, style) = match e.kind {
                Kind::Surge => ("▲ surge", Theme::ok()),
                Kind::Drop => ("▼ drop ", Theme::negative()),
            };
            let when = if e.first == e.last {
                e.first.clone()
            } else {
                format!("{}–{}", e.first, &e.last[5..])
            };
            let change = if e.usual > 0.0 {
                format!(" {:+.0}%", (e.peak / e.usual - 1.0) * 100.0)
            } else {
                String::new()
            };
            text.push(Line::styled(
                truncate(&format!("{mark} {} {when} reach{change}", e.account), w),
                style,
            ));
        }
        for p in self.event_posts.iter().take(3) {
            text.push(Line::styled(
                truncate(
                    &format!(
                        "   posted then: {} · {} eng",
                        crate::text::one_line(&p.title),
                        compact(p.engagements)
                    ),
                    w,
                ),
                Theme::dim(),
            ));
        }
        frame.render_widget(Paragraph::new(text), list_area);
    }

    fn render_posts(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        let block = titled("Top and bottom posts · Enter opens in the calendar".into());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = inner.width as usize;
        let mut rows = Vec::new();
        for r in &self.ranked {
            let p = &r.post;
            let account = self
                .labels
                .iter()
                .find(|(id, _)| *id == p.account_id)
                .map_or("", |(_, l)| l.as_str());
            let text = format!(
                "{} {} {} {:>6} {:>7} {} {}",
                fit(r.heading, 15),
                fit(account, 16),
                clock.format(p.published_at, "%m-%d"),
                percent(engagement_rate(p.engagements, p.reach)),
                compact(p.reach),
                fit(&p.format, 8),
                crate::text::one_line(&p.title)
            );
            rows.push(Line::raw(truncate(&text, w)));
        }
        if rows.is_empty() {
            rows.push(Line::styled(
                "no published posts with metrics in this period",
                Theme::dim(),
            ));
        }
        let selected = (!self.ranked.is_empty()).then_some(self.posts_cursor.selected);
        render_rows(frame, inner, rows, selected);
    }

    fn render_breakdown(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        let title = match self.breakdown {
            Breakdown::By(BreakdownBy::Platform) => "By platform",
            Breakdown::By(BreakdownBy::Format) => "By format",
            Breakdown::By(BreakdownBy::Pillar) => "By content pillar",
            Breakdown::Hours => "ER by weekday × hour posted (90 days)",
            Breakdown::Off => "",
        };
        let block = titled(title.into());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = inner.width as usize;
        let mut lines = Vec::new();
        if self.breakdown == Breakdown::Hours {
            let g = grid(&self.heat);
            // Shades spread over the account's own range, so that 8% and 10% look different.
            let max = g.iter().flatten().flatten().fold(0.0f64, |a, b| a.max(*b));
            let min = g.iter().flatten().flatten().fold(max, |a, b| a.min(*b));
            let span = (max - min).max(f64::EPSILON);
            let cell = (w.saturating_sub(4) / 24).clamp(1, 3);
            let mut hours = String::from("    ");
            for h in 0..24 {
                let mark = if h % 6 == 0 {
                    format!("{h}")
                } else {
                    String::new()
                };
                hours.push_str(&fit(&mark, cell));
            }
            lines.push(Line::styled(truncate(&hours, w), Theme::dim()));
            const SHADES: [&str; 5] = ["·", "░", "▒", "▓", "█"];
            for (d, row) in g.iter().enumerate() {
                let mut s = format!("{} ", weekday_name(d as u32));
                for v in row {
                    let shade = match v {
                        None => " ",
                        Some(x) => {
                            SHADES[(((x - min) / span) * 4.0).round().clamp(0.0, 4.0) as usize]
                        }
                    };
                    s.push_str(&shade.repeat(cell));
                }
                lines.push(Line::raw(truncate(&s, w)));
            }
            let best: Vec<String> = best_hours(&self.heat, 3)
                .iter()
                .take(3)
                .map(|(h, er)| format!("{h:02}:00 {}", percent(Some(*er))))
                .collect();
            let zone = clock.format(clock.now_ts(), "%Z");
            lines.push(Line::styled(
                truncate(
                    &if best.is_empty() {
                        "best hours: not enough posts yet".to_string()
                    } else {
                        format!("best hours ({zone}): {}", best.join(", "))
                    },
                    w,
                ),
                Theme::title(),
            ));
        } else {
            lines.push(Line::styled(
                format!(
                    "{}{:>6}{:>8}{:>8}{:>7}",
                    fit("", w.saturating_sub(29).max(6)),
                    "posts",
                    "reach",
                    "eng.",
                    "ER"
                ),
                Theme::dim(),
            ));
            for s in &self.slices {
                lines.push(Line::raw(truncate(
                    &format!(
                        "{}{:>6}{:>8}{:>8}{:>7}",
                        fit(&s.key, w.saturating_sub(29).max(6)),
                        s.posts,
                        compact(s.reach),
                        compact(s.engagements),
                        percent(engagement_rate(s.engagements, s.reach))
                    ),
                    w,
                )));
            }
            if self.slices.is_empty() {
                lines.push(Line::styled("no posts with metrics", Theme::dim()));
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
