//! Drawing the inbox: a header with counts, the queue on the left and the selected item on the
//! right (stacked under 100 columns). Wide characters and right-to-left text are measured in
//! cells and cleaned of control marks so they cannot push the layout.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::drawn::Look;
use super::thread::{from_bottom, message_lines, wrap};
use super::{Detail, InboxTab};
use crate::clock::Clock;
use crate::domain::age::short_age;
use crate::domain::priority::{PRIORITY_NEGATIVE, PRIORITY_QUESTION, PRIORITY_SPAM};
use crate::domain::targets::TargetState;
use crate::domain::{InboxView, Platform};
use crate::store::InboxRow;
use crate::text::{fit, one_line, truncate};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{render_lines, visible};

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
        self.list_rows.set(area.height as usize);
        if self.rows.is_empty() {
            let empty = match &self.filter.search {
                Some(_) => "No match. Esc clears the search.",
                None => "Nothing here. Inbox zero for this filter.",
            };
            frame.render_widget(Paragraph::new(Line::styled(empty, Theme::dim())), area);
            return;
        }
        let selected = self.cursor.selected;
        let mut drawn = self.drawn.borrow_mut();
        drawn.begin();
        let buf = frame.buffer_mut();
        for (y, i) in visible(area.height, self.rows.len(), Some(selected)).enumerate() {
            let Some(r) = self.rows.get(i) else { break };
            let at = Rect {
                y: area.y + y as u16,
                height: 1,
                ..area
            };
            let look = self.look(r, area.width);
            if i == selected {
                drawn.keep(r.id);
                let line = Theme::select_line(row_line(r, &look));
                ratatui::widgets::Widget::render(&line, at, buf);
            } else {
                drawn.draw(buf, at, r, look, row_line);
            }
        }
        drawn.end();
    }

    /// What a row's line shows besides the row: its width, its mark, its age and how near
    /// the reply target that age is (which moves with the clock).
    fn look(&self, r: &InboxRow, width: u16) -> Look {
        let age = self.now - r.received_at;
        let open = matches!(r.status.as_str(), "new" | "escalated");
        let age_style = match (open, self.targets.state(r.priority, age)) {
            (true, TargetState::Overdue) => Theme::overdue(),
            (true, TargetState::Near) => Theme::near_due(),
            _ => Theme::dim(),
        };
        Look {
            width,
            marked: self.marked_all.is_some() || self.marked.contains(&r.id),
            age: short_age(age),
            age_style,
        }
    }

    fn render_detail(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock, scroll: u16) {
        let (Some(row), Some(detail)) = (self.selected(), self.detail.as_ref()) else {
            return;
        };
        // Wrapped here, so the height is known: a conversation keeps its head at the top and
        // its newest message at the bottom and in view, `scroll` counting back from there.
        let mut head = head_lines(row, detail, self.now, &self.targets);
        let mut body = body_lines(row, detail, clock);
        let (head_area, body_area) = if detail.conversation.is_some() {
            let head = wrap(std::mem::take(&mut head), area.width);
            let h = (head.len() as u16).min(area.height / 2);
            let [top, rest] =
                Layout::vertical([Constraint::Length(h), Constraint::Min(0)]).areas(area);
            render_lines(frame, top, &head);
            (Some(top), rest)
        } else {
            head.append(&mut body);
            body = head;
            (None, area)
        };
        let lines = wrap(body, body_area.width);
        let room = lines.len().saturating_sub(body_area.height as usize);
        self.reading_room.set(room.min(u16::MAX as usize) as u16);
        let top = if head_area.is_some() {
            from_bottom(lines.len(), body_area.height, scroll)
        } else {
            scroll
        };
        // Wrapped already: drawn a line a row, without a paragraph's layout.
        render_lines(
            frame,
            body_area,
            lines.get(top as usize..).unwrap_or_default(),
        );
    }
}

/// One row of the queue, from the row and its look alone (so that `DrawnRows` can tell when
/// a row drawn before would be drawn the same).
fn row_line(r: &InboxRow, look: &Look) -> Line<'static> {
    let width = look.width as usize;
    let mark = if look.marked {
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
        Span::styled(format!("{:>4} ", look.age), look.age_style),
        Span::raw(head),
        Span::styled(status, Theme::info()),
        Span::raw(fit(&one_line(&r.body), cols.message)),
    ];
    if cols.labels > 0 {
        spans.push(Span::styled(truncate(&labels, cols.labels), Theme::info()));
    }
    Line::from(spans)
}

/// Text from the platforms, made safe for the screen: no control characters or bidi
/// overrides (which would reorder the cells around them), newlines kept.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// Who, how many, which account, how urgent, where it stands: the detail's first lines (kept
/// at the top of the pane above a conversation).
fn head_lines(
    row: &InboxRow,
    d: &Detail,
    now: i64,
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
    // A conversation counts its own messages; anything else, what its author sent besides.
    let count = match &d.conversation {
        Some(size) => format!(
            "conversation · {} message{} · {} from you",
            size.messages,
            if size.messages == 1 { "" } else { "s" },
            size.own
        ),
        None => {
            let mut s = format!(
                "{} other item{} from this author",
                d.history.earlier,
                if d.history.earlier == 1 { "" } else { "s" }
            );
            if d.history.hidden > 0 {
                s.push_str(&format!(", {} hidden", d.history.hidden));
            }
            s
        }
    };
    out.push(Line::styled(count, Theme::dim()));
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
    out
}

/// The text (or the thread), the post, the reply and the history, under the head.
fn body_lines(row: &InboxRow, d: &Detail, clock: &Clock) -> Vec<Line<'static>> {
    let mut out = vec![Line::default()];
    if d.conversation.is_some() {
        // The thread goes last, so that its newest message is the bottom of the pane; a
        // reply written here is the newest word of all, under it.
        let history = history_lines(d, clock);
        if !history.is_empty() {
            out.extend(history);
            out.push(Line::default());
        }
        if let Some(size) = &d.conversation {
            let hidden = size.messages - d.thread.len() as i64;
            if hidden > 0 {
                out.push(Line::styled(
                    format!(
                        "… {hidden} earlier messages (smmdeck inbox show {} prints all)",
                        row.id
                    ),
                    Theme::dim(),
                ));
            }
        }
        out.extend(message_lines(&d.thread, None, clock, clean));
        if let Some(reply) = &row.reply_text {
            out.push(Line::styled(
                "» your reply, written in smmdeck",
                Theme::ok(),
            ));
            out.extend(clean(reply).lines().map(|l| Line::from(format!("  {l}"))));
        }
        return out;
    }
    if d.thread.len() > 1 {
        out.extend(message_lines(&d.thread, Some(row.id), clock, clean));
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
            out.push(Line::styled(format!("{link}  (O opens)"), Theme::info()));
        }
    }
    if let Some(reply) = &row.reply_text {
        let when = row
            .replied_at
            .map(|t| clock.format(t, "%d %b %H:%M"))
            .unwrap_or_default();
        out.push(Line::default());
        out.push(Line::styled(format!("your reply ({when}):"), Theme::ok()));
        out.extend(clean(reply).lines().map(|l| Line::from(format!("  {l}"))));
    }
    let history = history_lines(d, clock);
    if !history.is_empty() {
        out.push(Line::default());
        out.extend(history);
    }
    out
}

/// The item's history, oldest first.
fn history_lines(d: &Detail, clock: &Clock) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if !d.events.is_empty() {
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
