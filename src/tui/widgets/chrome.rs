//! The frame around every tab: the tab bar with live counts and the account filter, the status
//! line, and the footer of key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::text::truncate;
use crate::tui::tab_id::TabId;
use crate::tui::theme::Theme;

/// Draws `1 Today 4 · 2 Calendar · 3 Inbox 37 ...` and, on the right, the account filter.
pub fn tab_bar(
    frame: &mut Frame<'_>,
    area: Rect,
    active: TabId,
    badges: &[Option<i64>; 5],
    filter: &str,
) {
    let mut spans = Vec::new();
    for (i, tab) in TabId::ALL.iter().enumerate() {
        let label = match badges[i] {
            Some(n) => format!(" {} {} {} ", tab.number(), tab.title(), n),
            None => format!(" {} {} ", tab.number(), tab.title()),
        };
        let style = if *tab == active {
            Theme::active_tab()
        } else {
            Theme::tab()
        };
        spans.push(Span::styled(label, style));
    }
    let left_width: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = (area.width as usize).saturating_sub(left_width + 1);
    if room > 4 {
        let label = shrink_filter(filter, room.saturating_sub(2));
        let f = truncate(&format!("[{label}]"), room);
        let pad = room.saturating_sub(f.width());
        spans.push(Span::raw(" ".repeat(pad + 1)));
        spans.push(Span::styled(f, Theme::info()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The filter label ("all accounts · Europe/Kyiv") in at most `room` cells: the zone's city
/// before its region, "all" before "all accounts", the zone last, before anything is cut.
fn shrink_filter(filter: &str, room: usize) -> String {
    let (who, zone) = filter.split_once(" · ").unwrap_or((filter, ""));
    let city = zone.rsplit('/').next().unwrap_or(zone).replace('_', " ");
    let short_who = if who == "all accounts" { "all" } else { who };
    let candidates = [
        filter.to_string(),
        format!("{who} · {city}"),
        format!("{short_who} · {city}"),
        short_who.to_string(),
    ];
    candidates
        .iter()
        .find(|c| c.width() <= room)
        .unwrap_or(&candidates[3])
        .clone()
}

/// The status line: the last message, red when it is an error, wrapped when the app gave it
/// a second row.
pub fn status(frame: &mut Frame<'_>, area: Rect, message: &str, is_error: bool) {
    let style = if is_error {
        Theme::error()
    } else {
        Theme::info()
    };
    let text = truncate(message, area.width as usize * area.height as usize);
    frame.render_widget(
        Paragraph::new(Span::styled(text, style)).wrap(ratatui::widgets::Wrap { trim: false }),
        area,
    );
}

/// The footer: `key label` pairs from the keymap, as many as fit.
pub fn footer(frame: &mut Frame<'_>, area: Rect, hints: &[(String, &'static str)]) {
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (key, label) in hints {
        let w = key.width() + label.width() + 3;
        if used + w > area.width as usize {
            break;
        }
        spans.push(Span::styled(key.clone(), Theme::key()));
        spans.push(Span::styled(format!(" {label}  "), Theme::dim()));
        used += w;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
