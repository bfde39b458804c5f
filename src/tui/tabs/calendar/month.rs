//! The month grid: whole weeks, each day a cell listing its posts as short lines (time coloured
//! by status, platform badge, start of the headline) and `+N more` when the cell is full. The
//! left gutter marks weeks where an account is under its posting target.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{CalendarTab, Day, month_range, week_start};
use crate::clock::Clock;
use crate::domain::Platform;
use crate::store::PostRow;
use crate::text::{fit, one_line, truncate};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::render_lines;

/// Where a month grid from `start` to `end` draws in `area`: its header, names and detail
/// rows, the gutter's width, and each day's cell. None when the area is too small for a grid.
pub(super) struct Geometry {
    head: Rect,
    names: Rect,
    detail: Rect,
    gutter: u16,
    cell_w: u16,
    grid: Rect,
    cells: Vec<(NaiveDate, Rect)>,
}

pub(super) fn geometry(area: Rect, (start, end): (NaiveDate, NaiveDate)) -> Option<Geometry> {
    if area.height < 6 || area.width < 30 {
        return None;
    }
    let [head, names, grid, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let gutter = if area.width >= 120 { 4 } else { 1 };
    let cell_w = (area.width.saturating_sub(gutter)) / 7;
    let weeks = ((end - start).num_days() / 7).max(1) as u16;
    let base = grid.height / weeks;
    let extra = grid.height % weeks;
    let mut cells = Vec::with_capacity(usize::from(weeks) * 7);
    let mut y = grid.y;
    for w in 0..weeks {
        let h = base + u16::from(w < extra);
        let monday = start + Duration::days(w as i64 * 7);
        for d in 0..7u16 {
            let date = monday + Duration::days(d as i64);
            cells.push((date, Rect::new(grid.x + gutter + d * cell_w, y, cell_w, h)));
        }
        y += h;
    }
    Some(Geometry {
        head,
        names,
        detail,
        gutter,
        cell_w,
        grid,
        cells,
    })
}

pub(super) fn render(tab: &CalendarTab, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
    let cursor = tab.cursor();
    let Some(g) = geometry(area, month_range(cursor)) else {
        frame.render_widget(Paragraph::new("make the terminal larger"), area);
        return;
    };
    // The next read of the days takes as many posts a day as the tallest cell shows, and the
    // months read ahead draw their cells for this area.
    tab.grid_rows.set(g.grid.height);
    tab.month_area.set(area);
    frame.render_widget(Paragraph::new(header(tab, cursor)), g.head);

    let mut spans = vec![Span::raw(" ".repeat(g.gutter as usize))];
    for name in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
        spans.push(Span::styled(fit(name, g.cell_w as usize), Theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), g.names);

    let seen = CellSeen {
        today: tab.today,
        cursor,
        post: tab.post,
        close: &tab.shown.close,
    };
    let empty = Day::default();
    for &(date, cell) in &g.cells {
        if date.weekday() == chrono::Weekday::Mon {
            let under = tab.shown.under.contains(&date);
            let mark = match (g.gutter, under) {
                (4, true) => format!("W{:<2}!", date.iso_week().week()),
                (4, false) => format!("W{:<2} ", date.iso_week().week()),
                (_, true) => "!".into(),
                _ => " ".into(),
            };
            let mark_style = if under { Theme::warn() } else { Theme::dim() };
            frame.render_widget(
                Paragraph::new(Span::styled(mark, mark_style)),
                Rect::new(g.grid.x, cell.y, g.gutter.min(g.grid.width), 1),
            );
        }
        let day = tab.shown.days.get(&date).unwrap_or(&empty);
        if date == cursor {
            // The cursor's cell shows the selection: drawn afresh each time.
            let (lines, drawn) = cell_lines(&seen, date, day, cell, clock);
            drawn.iter().for_each(|id| tab.drawn.add(*id));
            render_lines(frame, cell, &lines);
            continue;
        }
        let mut cache = tab.shown.cells.0.borrow_mut();
        let (lines, drawn) = cache
            .entry(seen.key(date, cell))
            .or_insert_with(|| cell_lines(&seen, date, day, cell, clock));
        drawn.iter().for_each(|id| tab.drawn.add(*id));
        render_lines(frame, cell, lines);
    }
    frame.render_widget(Paragraph::new(detail_line(tab, clock)), g.detail);
}

/// `November 2026 · month` and the cursor week's plan against each account's target.
pub(super) fn header(tab: &CalendarTab, cursor: NaiveDate) -> Line<'static> {
    let view = match tab.view {
        super::View::Month => cursor.format("%B %Y · month").to_string(),
        super::View::Week => format!(
            "{} – {} · week",
            week_start(cursor).format("%d %b"),
            (week_start(cursor) + Duration::days(6)).format("%d %b %Y")
        ),
        super::View::Agenda => cursor.format("from %d %b %Y · agenda").to_string(),
    };
    let mut spans = vec![Span::styled(view, Theme::title())];
    if !tab.targets.is_empty() {
        spans.push(Span::styled(
            format!("   W{} plan: ", week_start(cursor).iso_week().week()),
            Theme::dim(),
        ));
        for (i, t) in tab.targets.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", Theme::dim()));
            }
            let style = if t.planned < t.target {
                Theme::warn()
            } else {
                Theme::ok()
            };
            spans.push(Span::styled(
                format!("{} {}/{}", t.label, t.planned, t.target),
                style,
            ));
        }
    }
    Line::from(spans)
}

/// The selected post in one line, or what Enter would do.
pub(super) fn detail_line(tab: &CalendarTab, clock: &Clock) -> Line<'static> {
    let Some(p) = tab.selected() else {
        let n = tab.shown.days.get(&tab.cursor()).map_or(0, |d| d.total);
        let text = match n {
            0 => format!(
                "{} · no posts · n adds one",
                tab.cursor().format("%a %d %b")
            ),
            n => format!(
                "{} · {n} posts · Enter picks one",
                tab.cursor().format("%a %d %b")
            ),
        };
        return Line::styled(text, Theme::dim());
    };
    let at = p.scheduled_at.unwrap_or_default();
    // The day in the view's zone, the time in the post's own (named when they differ).
    let when = if p.date_only {
        clock.format(at, "%a %d %b      ")
    } else {
        format!(
            "{} {}",
            clock.format(at, "%a %d %b"),
            tab.clocks(clock).hm_marked(p.account_id, at)
        )
    };
    let mut spans = vec![
        Span::raw(format!(
            "{when} {} @{} ",
            Platform::badge_of(&p.platform),
            p.handle
        )),
        Span::styled(format!("{} ", p.status), Theme::post_status(&p.status)),
        Span::raw(format!("{} · {} ", p.format, one_line(p.headline()))),
    ];
    if tab.shown.close.contains(&p.id) {
        spans.push(Span::styled(
            "! within an hour of another post of this account",
            Theme::warn(),
        ));
    }
    Line::from(spans)
}

/// A post as one short line of `width` cells: `18:30 IG Title…`, or `18 IG Ti…` when narrow.
pub(super) fn post_line(
    p: &PostRow,
    width: usize,
    clock: &Clock,
    close: bool,
    selected: bool,
) -> Line<'static> {
    let at = p.scheduled_at.unwrap_or_default();
    let time = if p.date_only {
        // The export gave the day only: no made-up hour.
        if width >= 16 {
            "     ".to_string()
        } else {
            "  ".to_string()
        }
    } else if width >= 16 {
        clock.local_hm(at)
    } else {
        clock.format(at, "%H")
    };
    let mark = if close { "!" } else { " " };
    let badge = format!("{:<2} ", Platform::badge_of(&p.platform));
    let used = time.chars().count() + 1 + badge.chars().count();
    let title = truncate(&one_line(p.headline()), width.saturating_sub(used));
    let line = Line::from(vec![
        Span::styled(time, Theme::post_status(&p.status)),
        Span::styled(mark, Theme::warn()),
        Span::raw(badge),
        Span::raw(title),
    ]);
    if selected {
        Theme::select_line(line)
    } else {
        line
    }
}

/// Month cells already drawn, by day, cell size and whether the day is in the cursor's month,
/// with the posts each shows.
#[derive(Default, Debug)]
pub(super) struct CellCache(RefCell<HashMap<CellKey, DrawnCell>>);

type CellKey = (NaiveDate, u16, u16, bool);

/// A cell's lines and the posts they show.
type DrawnCell = (Vec<Line<'static>>, Vec<i64>);

impl CellCache {
    /// Draws, ahead of its showing, every cell of the month grid `days` (from `start` to
    /// `end`) would show in `area` once the cursor is in that month.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn warm(
        &self,
        area: Rect,
        (start, end): (NaiveDate, NaiveDate),
        days: &std::collections::BTreeMap<NaiveDate, Day>,
        close: &HashSet<i64>,
        today: NaiveDate,
        clock: &Clock,
    ) {
        let Some(g) = geometry(area, (start, end)) else {
            return;
        };
        // A day of the grid's own month: the first week holds the 1st, so a week in is in it.
        let seen = CellSeen {
            today,
            cursor: start + Duration::days(7),
            post: None,
            close,
        };
        let empty = Day::default();
        let mut cache = self.0.borrow_mut();
        for (date, cell) in g.cells {
            let day = days.get(&date).unwrap_or(&empty);
            cache
                .entry(seen.key(date, cell))
                .or_insert_with(|| cell_lines(&seen, date, day, cell, clock));
        }
    }
}

/// What a cell's drawing depends on beside its day's posts.
struct CellSeen<'a> {
    today: NaiveDate,
    cursor: NaiveDate,
    /// The selected post of the cursor's day, when Enter focused them.
    post: Option<usize>,
    close: &'a HashSet<i64>,
}

impl CellSeen<'_> {
    fn key(&self, date: NaiveDate, cell: Rect) -> CellKey {
        (
            date,
            cell.width,
            cell.height,
            date.month() == self.cursor.month(),
        )
    }
}

/// A day's cell: its lines, and the posts they show.
fn cell_lines(
    tab: &CellSeen<'_>,
    date: NaiveDate,
    day: &Day,
    cell: Rect,
    clock: &Clock,
) -> DrawnCell {
    let width = cell.width.saturating_sub(1) as usize;
    let cursor = tab.cursor;
    let in_month = date.month() == cursor.month();
    let num = format!("{:>2}", date.day());
    let num_style = if date == tab.today {
        Theme::today()
    } else if !in_month {
        Theme::other_month()
    } else {
        Theme::title()
    };
    let rule = "─".repeat(width.saturating_sub(3));
    let mut head = Line::from(vec![
        Span::styled(num, num_style),
        Span::styled(format!(" {rule}"), Theme::border()),
    ]);
    if date == cursor && tab.post.is_none() {
        head = Theme::select_line(head);
    }
    let mut lines = vec![head];
    let room = cell.height.saturating_sub(1) as usize;
    let total = day.total.max(day.posts.len() as i64) as usize;
    // Keep the selected post in view when the cell cannot show them all.
    let selected = if date == cursor { tab.post } else { None };
    let shown = if total > room {
        room.saturating_sub(1)
    } else {
        room
    };
    let skip = selected.map_or(0, |s| (s + 1).saturating_sub(shown));
    let mut drawn = Vec::with_capacity(shown);
    for (i, p) in day.posts.iter().enumerate().skip(skip).take(shown) {
        drawn.push(p.id);
        let close = tab.close.contains(&p.id);
        let line = post_line(p, width, clock, close, selected == Some(i));
        lines.push(if in_month {
            line
        } else {
            line.patch_style(Style::new().add_modifier(ratatui::style::Modifier::DIM))
        });
    }
    if total > shown && room > 0 {
        let more = total - shown.min(day.posts.len());
        lines.push(Line::styled(format!("+{more} more"), Theme::dim()));
    }
    (lines, drawn)
}
