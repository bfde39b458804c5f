//! Drawing the contacts tab: the list (only the rows on screen are formatted) with the search's
//! matches highlighted and overdue follow-ups in red, the selected contact in full, the board.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::ContactsTab;
use crate::clock::Clock;
use crate::domain::Platform;
use crate::domain::Stage;
use crate::domain::metrics::{compact, money};
use crate::store::{ContactDetail, ContactRow};
use crate::text::{columns_that_fit, fit};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::render_visible;

/// Below this width the detail goes under the list instead of beside it.
const SIDE_BY_SIDE: u16 = 110;

pub(super) fn render(tab: &ContactsTab, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
    tab.drawn.clear();
    let [head, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(header_line(tab)), head);
    if tab.board {
        render_board(tab, frame, rest);
        return;
    }
    let (list, detail) = if rest.width >= SIDE_BY_SIDE {
        let [l, d] = Layout::horizontal([Constraint::Percentage(56), Constraint::Percentage(44)])
            .areas(rest);
        (l, d)
    } else {
        let [l, d] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(rest);
        (l, d)
    };
    render_list(tab, frame, list);
    let block = Block::default()
        .borders(if rest.width >= SIDE_BY_SIDE {
            Borders::LEFT
        } else {
            Borders::TOP
        })
        .border_style(Theme::border());
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    if let Some(d) = &tab.detail {
        let lines = detail_lines(d, &tab.today, clock);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}

/// How many, in which order, narrowed how.
fn header_line(tab: &ContactsTab) -> Line<'static> {
    let mut parts = vec![Span::styled(
        if tab.board {
            "board".to_string()
        } else {
            crate::text::counted(tab.total, "contact", "contacts")
        },
        Theme::title(),
    )];
    let mut add = |s: String, style: Style| {
        parts.push(Span::styled(" · ", Theme::dim()));
        parts.push(Span::styled(s, style));
    };
    match &tab.search {
        Some(q) => {
            let more = if tab.search_capped {
                " (over 500 match, the best shown; type more)"
            } else {
                ""
            };
            add(format!("search \"{q}\"{more}"), Theme::info());
        }
        None => add(format!("by {}", tab.sort.label()), Theme::dim()),
    }
    let f = &tab.filter;
    if let Some(s) = f.stage {
        add(format!("stage {}", s.label()), Theme::info());
    }
    if let Some(n) = &f.niche {
        add(format!("niche {n}"), Theme::info());
    }
    if let Some(p) = &f.platform {
        add(format!("on {p}"), Theme::info());
    }
    if f.due_by.is_some() {
        add("follow-up due".into(), Theme::overdue());
    }
    if tab.due > 0 {
        add(
            crate::text::counted(tab.due, "follow-up due", "follow-ups due"),
            Theme::overdue(),
        );
    }
    Line::from(parts)
}

/// `text` as spans with the characters at `marks` (char positions) highlighted.
fn marked(text: &str, marks: &[usize], base: Style) -> Vec<Span<'static>> {
    if marks.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    let hit = base
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        .fg(ratatui::style::Color::Yellow);
    text.chars()
        .enumerate()
        .map(|(i, c)| Span::styled(c.to_string(), if marks.contains(&i) { hit } else { base }))
        .collect()
}

fn handle_of(r: &ContactRow) -> String {
    match (&r.top_platform, &r.top_handle) {
        (Some(p), Some(h)) => format!("{} @{h}", Platform::badge_of(p)),
        _ => String::new(),
    }
}

fn follow_up_style(r: &ContactRow, today: &str) -> Style {
    match &r.follow_up_on {
        Some(d) if d.as_str() <= today && !matches!(r.stage.as_str(), "paid" | "declined") => {
            Theme::overdue()
        }
        _ => Theme::dim(),
    }
}

fn render_list(tab: &ContactsTab, frame: &mut Frame<'_>, area: Rect) {
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    // Name, stage, top handle, followers, ER, follow-up, niche: the last ones give way first
    // on narrow terminals.
    const TITLES: [&str; 7] = [
        "Name",
        "Stage",
        "Top handle",
        "Followers",
        "ER",
        "Follow-up",
        "Niche",
    ];
    const WIDTHS: [usize; 7] = [18, 12, 22, 9, 5, 10, 10];
    const PRIORITY: [usize; 7] = [0, 1, 4, 3, 5, 2, 6];
    let keep = columns_that_fit(&WIDTHS, &PRIORITY, area.width as usize);
    let used: usize = (1..7).filter(|&i| keep[i]).map(|i| WIDTHS[i] + 1).sum();
    let name_w = (area.width as usize)
        .saturating_sub(used + 1)
        .clamp(WIDTHS[0], 30);
    let width = move |i: usize| if i == 0 { name_w } else { WIDTHS[i] };
    let title: String = (0..7)
        .filter(|&i| keep[i])
        .map(|i| {
            let t = fit(TITLES[i], width(i));
            if i == 0 { t } else { format!(" {t}") }
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::styled(title, Theme::title())), header);
    if tab.rows.is_empty() {
        let text = if tab.search.is_some() || tab.filter != Default::default() {
            "Nobody matches. Esc shows everyone."
        } else {
            "No contacts yet. n adds one; smmdeck contacts import FILE.csv reads a list."
        };
        frame.render_widget(Paragraph::new(Line::styled(text, Theme::dim())), body);
        return;
    }
    tab.list_rows.set(body.height as usize);
    let today = tab.today.clone();
    let shown = render_visible(
        frame,
        body,
        tab.rows.len(),
        Some(tab.cursor.selected),
        |n| {
            let r = &tab.rows[n];
            let stage = match Stage::parse(&r.stage) {
                Some(s) => s.label().to_string(),
                None => r.stage.clone(),
            };
            let values = [
                r.name.clone(),
                stage,
                handle_of(r),
                r.followers.map(compact).unwrap_or_else(|| "–".into()),
                r.engagement_rate
                    .map(|e| format!("{:.1}%", e * 100.0))
                    .unwrap_or_else(|| "–".into()),
                r.follow_up_on.clone().unwrap_or_default(),
                r.niche.clone(),
            ];
            let mut spans = Vec::new();
            for i in (0..7).filter(|&i| keep[i]) {
                if i > 0 {
                    spans.push(Span::raw(" "));
                }
                let w = width(i);
                let text = match i {
                    3 | 4 => format!("{:>w$}", values[i]),
                    _ => fit(&values[i], w),
                };
                match i {
                    0 | 2 => {
                        // Highlight what the search matched, within what is shown.
                        let marks = tab.matched(&text);
                        spans.extend(marked(&text, &marks, Style::new()));
                    }
                    1 => spans.push(Span::styled(text, Theme::stage(&r.stage))),
                    5 => spans.push(Span::styled(text, follow_up_style(r, &today))),
                    _ => spans.push(Span::raw(text)),
                }
            }
            Line::from(spans)
        },
    );
    for r in tab.rows.get(shown).unwrap_or_default() {
        tab.drawn.add(r.id);
    }
}

fn render_board(tab: &ContactsTab, frame: &mut Frame<'_>, area: Rect) {
    let n = Stage::ALL.len() as u32;
    let cols = Layout::horizontal(vec![Constraint::Ratio(1, n); n as usize]).split(area);
    for (c, stage) in Stage::ALL.iter().enumerate() {
        let rect = cols[c];
        let count = tab
            .board_counts
            .iter()
            .find(|(s, _)| s == stage)
            .map_or(0, |(_, n)| *n);
        let focused = c == tab.board_col;
        let block = Block::default()
            .borders(Borders::TOP | Borders::RIGHT)
            .title(Line::from(vec![
                Span::styled(if focused { "▸" } else { " " }, Theme::key()),
                Span::styled(
                    fit(stage.label(), rect.width.saturating_sub(6) as usize),
                    Theme::stage(stage.as_str()),
                ),
                Span::raw(format!(" {count}")),
            ]))
            .border_style(if focused {
                Theme::focus_border()
            } else {
                Theme::border()
            });
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let Some(rows) = tab.board_rows.get(c) else {
            continue;
        };
        let w = inner.width as usize;
        let selected = focused.then(|| tab.board_cursor.get(c).copied().unwrap_or(0));
        let today = tab.today.clone();
        let shown = render_visible(frame, inner, rows.len(), selected, |i| {
            let r = &rows[i];
            let style = follow_up_style(r, &today);
            let mark = if style == Theme::overdue() { "!" } else { " " };
            Line::from(vec![
                Span::styled(mark.to_string(), style),
                Span::raw(fit(&r.name, w.saturating_sub(1))),
            ])
        });
        for r in rows.get(shown).unwrap_or_default() {
            tab.drawn.add(r.id);
        }
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
        Span::styled(
            Stage::parse(&d.stage).map_or(d.stage.clone(), |s| s.label().to_string()),
            Theme::stage(&d.stage),
        ),
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
    if let Some(at) = d.last_contact_at {
        out.push(Line::styled(
            format!("last contact {}", clock.format(at, "%d %b %Y")),
            Theme::dim(),
        ));
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
    let cost = |v: Option<f64>| match (v, &d.cost_currency) {
        (Some(v), Some(c)) => format!("{} {c}", money(v.round() as i64)),
        _ => "–".to_string(),
    };
    out.push(Line::styled(
        format!(
            "cost per engagement {} · CPM {}",
            cost(d.cost_per_engagement),
            cost(d.cost_per_mille)
        ),
        Theme::dim(),
    ));
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
            let barter = if c.barter.is_empty() {
                String::new()
            } else {
                format!(" · barter: {}", c.barter)
            };
            let per = c
                .cost_per_engagement
                .map(|v| {
                    format!(
                        " · {} {} per engagement",
                        money(v.round() as i64),
                        c.currency
                    )
                })
                .unwrap_or_default();
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
                    "{due} {} · {}{campaign}{fee}{barter} · {paid}{per}",
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
            // A stage move's note says what it was; the others say how the user reached them.
            let what = if i.channel == "stage" {
                i.note.clone()
            } else {
                format!("{}: {}", i.channel, i.note)
            };
            out.push(Line::from(format!(
                "{} {what}",
                clock.format(i.at, "%d %b")
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
