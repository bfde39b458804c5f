//! Drawing the inbox: a header with counts, the queue on the left and the selected item on the
//! right (stacked under 100 columns). Wide characters and right-to-left text are measured in
//! cells and cleaned of control marks so they cannot push the layout.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Detail, InboxTab};
use crate::clock::Clock;
use crate::domain::age::short_age;
use crate::domain::priority::{PRIORITY_NEGATIVE, PRIORITY_QUESTION, PRIORITY_SPAM};
use crate::domain::targets::TargetState;
use crate::domain::{InboxView, Platform};
use crate::store::InboxRow;
use crate::text::{fit, one_line, truncate};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::render_visible;

/// Below this width the detail goes under the list instead of beside it.
const SIDE_BY_SIDE: u16 = 100;

impl InboxTab {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        let [header, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.render_header(frame, header);
        if let Some(scroll) = self.reading {
            self.render_detail(frame, body, clock, scroll);
            return;
        }
        let (list, detail) = if area.width >= SIDE_BY_SIDE {
            let [l, d] =
                Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                    .areas(body);
            (l, d)
        } else {
            let [l, d] = Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(body);
            (l, d)
        };
        self.render_list(frame, list);
        let side = area.width >= SIDE_BY_SIDE;
        let block = Block::default()
            .borders(if side { Borders::LEFT } else { Borders::TOP })
            .border_style(Theme::border());
        let inner = block.inner(detail);
        frame.render_widget(block, detail);
        self.render_detail(frame, inner, clock, 0);
    }

    fn render_header(&self, frame: &mut Frame<'_>, area: Rect) {
        // The counts are of what the view and filter show, so they agree with the list.
        let c = &self.counts;
        let shown = super::count_text(c);
        let noun = match self.filter.view {
            InboxView::All => "items".to_string(),
            v => v.to_string(),
        };
        let mut spans = vec![
            Span::styled(format!("{} ", self.filter.view), Theme::title()),
            Span::raw(format!("· {shown} {noun} ")),
        ];
        if c.escalated > 0 && self.filter.view != InboxView::Escalated {
            spans.push(Span::raw(format!("· {} escalated ", c.escalated)));
        }
        if c.overdue > 0 {
            spans.push(Span::styled(
                format!("· {} overdue ", c.overdue),
                Theme::overdue(),
            ));
        }
        if let Some(q) = &self.filter.search {
            spans.push(Span::styled(
                format!("· search \"{}\" (Esc clears) ", truncate(q, 30)),
                Theme::info(),
            ));
        }
        if self.marked_all.is_some() {
            spans.push(Span::styled(
                format!("· all {} marked ", self.marked_count()),
                Theme::marked(),
            ));
        } else if !self.marked.is_empty() {
            spans.push(Span::styled(
                format!("· {} marked ", self.marked.len()),
                Theme::marked(),
            ));
        }
        if self.reading.is_some() {
            spans.push(Span::styled(
                "· reading: j/k scroll, Esc back ",
                Theme::info(),
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    fn render_list(&self, frame: &mut Frame<'_>, area: Rect) {
        let width = area.width as usize;
        if self.rows.is_empty() {
            let empty = match &self.filter.search {
                Some(_) => "No match. Esc clears the search.",
                None => "Nothing here. Inbox zero for this filter.",
            };
            frame.render_widget(Paragraph::new(Line::styled(empty, Theme::dim())), area);
            return;
        }
        render_visible(
            frame,
            area,
            self.rows.len(),
            Some(self.cursor.selected),
            |i| {
                self.rows
                    .get(i)
                    .map(|r| self.row_line(r, width))
                    .unwrap_or_default()
            },
        );
    }

    fn row_line(&self, r: &InboxRow, width: usize) -> Line<'static> {
        let mark = if self.marked_all.is_some() || self.marked.contains(&r.id) {
            Span::styled("x", Theme::marked())
        } else {
            Span::raw(" ")
        };
        let prio = match r.priority {
            p if p >= PRIORITY_NEGATIVE => Span::styled("●", Theme::negative()),
            PRIORITY_QUESTION => Span::styled("?", Theme::question()),
            PRIORITY_SPAM => Span::styled("·", Theme::dim()),
            _ => Span::raw(" "),
        };
        let age = self.now - r.received_at;
        let open = matches!(r.status.as_str(), "new" | "escalated");
        let age_style = match (open, self.targets.state(r.priority, age)) {
            (true, TargetState::Overdue) => Theme::overdue(),
            (true, TargetState::Near) => Theme::near_due(),
            _ => Theme::dim(),
        };
        let kind = match r.kind.as_str() {
            "comment" => "cmt",
            "mention" => "@",
            "review" => "rev",
            "reply" => "re",
            other => other,
        };
        // New items need no word; the others say where they stand, briefly.
        let status = match r.status.as_str() {
            "new" => "",
            "escalated" => "esc ",
            "done" => "done ",
            "hidden" => "hid ",
            "spam" => "spam ",
            _ => "? ",
        }
        .to_string();
        let labels = if r.labels.is_empty() {
            String::new()
        } else {
            format!(" #{}", r.labels.replace(',', " #"))
        };
        // The message keeps at least a third of the row; the author, the kind, the account
        // and the labels take what is left, in that order, and shorten first.
        // Budgeted for the widest status word, so the columns line up from row to row; a
        // shorter word leaves its cells to the message.
        const STATUS_W: usize = 5;
        let fixed = 2 + 5 + 4 + STATUS_W;
        let mut cols = super::columns::row_columns(
            width.saturating_sub(fixed),
            width / 3,
            labels.chars().count(),
        );
        cols.message += STATUS_W.saturating_sub(status.chars().count());
        let cell = |text: &str, w: usize| {
            if w == 0 {
                String::new()
            } else {
                format!("{} ", fit(text, w))
            }
        };
        let head = format!(
            " {:<2} {}{}{}",
            Platform::badge_of(&r.platform),
            cell(&format!("@{}", r.handle), cols.handle),
            cell(kind, cols.kind),
            cell(&one_line(&r.author_name), cols.author),
        );
        let mut spans = vec![
            mark,
            prio,
            Span::styled(format!("{:>4} ", short_age(age)), age_style),
            Span::raw(head),
            Span::styled(status, Theme::info()),
            Span::raw(fit(&one_line(&r.body), cols.message)),
        ];
        if cols.labels > 0 {
            spans.push(Span::styled(truncate(&labels, cols.labels), Theme::info()));
        }
        Line::from(spans)
    }

    fn render_detail(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock, scroll: u16) {
        let (Some(row), Some(detail)) = (self.selected(), self.detail.as_ref()) else {
            return;
        };
        let lines = detail_lines(row, detail, self.now, clock, &self.targets);
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0)),
            area,
        );
    }
}

/// Text from the platforms, made safe for the screen: no control characters or bidi
/// overrides (which would reorder the cells around them), newlines kept.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

fn detail_lines(
    row: &InboxRow,
    d: &Detail,
    now: i64,
    clock: &Clock,
    targets: &crate::domain::targets::Targets,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let handle = row
        .author_handle
        .as_deref()
        .map(|h| format!(" @{h}"))
        .unwrap_or_default();
    out.push(Line::styled(
        format!("{}{handle}", clean(&row.author_name)),
        Theme::title(),
    ));
    let mut history = format!("{} earlier messages", d.history.earlier);
    if d.history.hidden > 0 {
        history.push_str(&format!(", {} hidden", d.history.hidden));
    }
    out.push(Line::styled(history, Theme::dim()));
    let target = targets.seconds(row.priority);
    let reason = if row.priority_reason.is_empty() {
        String::new()
    } else {
        format!(" · {}", row.priority_reason)
    };
    out.push(Line::from(vec![
        Span::raw(format!(
            "{} @{} · {} · {} ago",
            Platform::badge_of(&row.platform),
            row.handle,
            row.kind,
            short_age(now - row.received_at)
        )),
        Span::styled(
            reason,
            if row.priority >= PRIORITY_NEGATIVE {
                Theme::negative()
            } else {
                Theme::question()
            },
        ),
        Span::styled(format!(" · target {}", short_age(target)), Theme::dim()),
    ]));
    out.push(Line::styled(
        format!("status: {}", row.status),
        Theme::info(),
    ));
    out.push(Line::default());
    if d.thread.len() > 1 {
        for m in &d.thread {
            let who = if m.from_self {
                "you".to_string()
            } else {
                clean(&m.author_name)
            };
            let style = if m.from_self {
                Theme::ok()
            } else if m.id == row.id {
                Theme::title()
            } else {
                Theme::dim()
            };
            out.push(Line::styled(
                format!("{} {who}:", clock.format(m.received_at, "%d %b %H:%M")),
                style,
            ));
            out.extend(clean(&m.body).lines().map(|l| Line::from(format!("  {l}"))));
        }
    } else {
        out.extend(clean(&row.body).lines().map(|l| Line::from(l.to_string())));
    }
    if let Some(p) = &d.post {
        out.push(Line::default());
        let caption = if p.title.trim().is_empty() {
            &p.caption
        } else {
            &p.title
        };
        out.push(Line::styled(
            format!("on post: {}", truncate(&one_line(caption), 60)),
            Theme::dim(),
        ));
        if let Some(link) = &p.permalink {
            out.push(Line::styled(format!("{link}  (o opens)"), Theme::info()));
        }
    }
    if let Some(reply) = &row.reply_text {
        out.push(Line::default());
        let when = row
            .replied_at
            .map(|t| clock.format(t, "%d %b %H:%M"))
            .unwrap_or_default();
        out.push(Line::styled(format!("your reply ({when}):"), Theme::ok()));
        out.extend(clean(reply).lines().map(|l| Line::from(format!("  {l}"))));
    }
    if !d.events.is_empty() {
        out.push(Line::default());
        out.push(Line::styled("history", Theme::dim()));
        for e in &d.events {
            let detail = if e.detail.is_empty() {
                String::new()
            } else {
                format!(": {}", truncate(&one_line(&e.detail), 50))
            };
            let by = e
                .rule
                .as_ref()
                .map(|r| format!("rule {} ", truncate(&one_line(r), 20)))
                .unwrap_or_default();
            out.push(Line::styled(
                format!(
                    "  {} {by}{}{detail}",
                    clock.format(e.at, "%d %b %H:%M"),
                    e.action
                ),
                Theme::dim(),
            ));
        }
    }
    out
}
