//! The week: seven columns, posts placed by hour of the day, with the hours that have done best
//! (from published posts' metrics) shaded.

use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::month::{detail_line, header, post_line};
use super::{CalendarTab, Day, week_start};
use crate::clock::Clock;
use crate::text::fit;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::render_lines;

pub(super) fn render(tab: &CalendarTab, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
    if area.height < 6 || area.width < 30 {
        frame.render_widget(Paragraph::new("make the terminal larger"), area);
        return;
    }
    let cursor = tab.cursor();
    let monday = week_start(cursor);
    let [head, names, grid, legend, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(header(tab, cursor)), head);
    let gutter: u16 = 3;
    let cell_w = area.width.saturating_sub(gutter) / 7;
    let empty = Day::default();
    let days: Vec<&Day> = (0..7)
        .map(|d| {
            tab.shown
                .days
                .get(&(monday + Duration::days(d)))
                .unwrap_or(&empty)
        })
        .collect();

    let mut spans = vec![Span::raw(" ".repeat(gutter as usize))];
    for d in 0..7 {
        let date = monday + Duration::days(d);
        let n = days[d as usize].total;
        let label = format!("{} · {n}", date.format("%a %d"));
        let style = if date == cursor && tab.post.is_none() {
            Theme::selected()
        } else if date == tab.today {
            Theme::today()
        } else {
            Theme::title()
        };
        spans.push(Span::styled(fit(&label, cell_w as usize - 1), style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), names);

    // Each post's local hour, worked out once (not once per hour row and day).
    let hour_of = |p: &crate::store::PostRow| clock.local_hour(p.scheduled_at.unwrap_or_default());
    let post_hours: Vec<Vec<u32>> = days
        .iter()
        .map(|d| d.posts.iter().map(hour_of).collect())
        .collect();
    // The hours shown: the working day, widened to any post outside it.
    let (mut first, mut last) = (8u32, 21u32);
    for &h in post_hours.iter().flatten() {
        first = first.min(h);
        last = last.max(h);
    }
    let hours: Vec<u32> = (first..=last).collect();
    let best: &[u32] = tab.best.as_ref().map_or(&[], |(_, h)| h.as_slice());
    // Rows per hour; the rows left over go to the hours with the most posts.
    let per_hour = (grid.height as usize / hours.len()).max(1);
    let mut spare = grid.height as usize - (per_hour * hours.len()).min(grid.height as usize);
    let mut busiest: Vec<(usize, u32)> = hours
        .iter()
        .map(|&h| {
            let n = post_hours.iter().flatten().filter(|&&ph| ph == h).count();
            (n, h)
        })
        .collect();
    busiest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut extra_rows = std::collections::HashMap::new();
    for (n, h) in busiest {
        if spare == 0 || n <= per_hour {
            break;
        }
        extra_rows.insert(h, 1u16);
        spare -= 1;
    }
    let mut y = grid.y;
    for &h in &hours {
        if y >= grid.y + grid.height {
            break;
        }
        let want = per_hour as u16 + extra_rows.get(&h).copied().unwrap_or(0);
        let rows = want.min(grid.y + grid.height - y);
        let shade = if best.contains(&h) {
            Theme::best_hour()
        } else {
            ratatui::style::Style::new()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("{h:02} "), Theme::dim())).style(shade),
            Rect::new(grid.x, y, gutter, 1),
        );
        for d in 0..7u16 {
            let date = monday + Duration::days(d as i64);
            let cell = Rect::new(grid.x + gutter + d * cell_w, y, cell_w, rows);
            let day = days[d as usize];
            let selected = if date == cursor { tab.post } else { None };
            let in_hour: Vec<(usize, &crate::store::PostRow)> = day
                .posts
                .iter()
                .enumerate()
                .filter(|(i, _)| post_hours[d as usize][*i] == h)
                .collect();
            let width = cell_w.saturating_sub(1) as usize;
            let fits = if in_hour.len() > rows as usize {
                rows as usize - 1
            } else {
                rows as usize
            };
            let mut lines: Vec<Line<'static>> = in_hour
                .iter()
                .take(fits)
                .map(|(i, p)| {
                    tab.drawn.add(p.id);
                    post_line(
                        p,
                        width,
                        clock,
                        tab.shown.close.contains(&p.id),
                        selected == Some(*i),
                    )
                })
                .collect();
            if in_hour.len() > fits {
                lines.push(Line::styled(
                    format!("+{} more", in_hour.len() - fits),
                    Theme::dim(),
                ));
            }
            frame.buffer_mut().set_style(cell, shade);
            render_lines(frame, cell, &lines);
        }
        y += rows;
    }
    let legend_text = if best.is_empty() {
        "best hours appear once published posts have metrics".to_string()
    } else {
        let list: Vec<String> = best.iter().map(|h| format!("{h:02}:00")).collect();
        format!("shaded: best hours by engagement ({})", list.join(", "))
    };
    frame.render_widget(
        Paragraph::new(Line::styled(legend_text, Theme::dim())),
        legend,
    );
    frame.render_widget(Paragraph::new(detail_line(tab, clock)), detail);
}
