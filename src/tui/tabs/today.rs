//! Today: the morning view. What goes out today, what is overdue, unanswered negative comments,
//! follow-ups due and campaigns off track; Enter jumps to the item in its own tab.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Ctx, Jump, Outcome, TabId};
use crate::clock::Clock;
use crate::domain::Platform;
use crate::domain::age::short_age;
use crate::report::today::{Digest, Entry, Section, SectionKind, digest};
use crate::text::{fit, one_line, truncate};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Cursor, render_rows};

/// How many rows each section lists at most; the header shows the full count.
const SECTION_ROWS: usize = 8;

fn jump(entry: &Entry) -> Jump {
    let (tab, id) = match entry {
        Entry::Post { id, .. } => (TabId::Calendar, *id),
        Entry::Comment { id, .. } => (TabId::Inbox, *id),
        Entry::FollowUp { id, .. } | Entry::Late { contact: id, .. } => (TabId::Contacts, *id),
        Entry::Campaign { id, .. } => (TabId::Analytics, *id),
    };
    Jump { tab, id: Some(id) }
}

#[derive(Default)]
pub struct TodayTab {
    digest: Option<Digest>,
    cursor: Cursor,
    now: i64,
    today: Option<NaiveDate>,
}

impl TodayTab {
    pub fn refresh(&mut self, ctx: &Ctx<'_>, _more: bool) -> anyhow::Result<()> {
        self.digest = Some(digest(ctx.store, ctx.clock, ctx.account, SECTION_ROWS)?);
        self.now = ctx.clock.now_ts();
        self.today = Some(ctx.clock.today());
        self.cursor.clamp(self.items().count());
        Ok(())
    }

    fn sections(&self) -> &[Section] {
        self.digest.as_ref().map_or(&[], |d| d.sections.as_slice())
    }

    fn items(&self) -> impl Iterator<Item = &Entry> {
        self.sections().iter().flat_map(|s| s.entries.iter())
    }

    /// How many items the sections list (those shown, not the totals).
    pub fn item_count(&self) -> usize {
        self.items().count()
    }

    /// Where Enter on the selected item leads.
    pub fn selected_jump(&self) -> Option<Jump> {
        self.items().nth(self.cursor.selected).map(jump)
    }

    pub fn handle(&mut self, action: &Action) -> Outcome {
        let len = self.items().count();
        if self.cursor.apply(action, len) {
            return Outcome::Handled;
        }
        match action {
            Action::Open => match self.items().nth(self.cursor.selected) {
                Some(item) => Outcome::Jump(jump(item)),
                None => Outcome::Status("nothing to open".into()),
            },
            _ => Outcome::Ignored,
        }
    }

    /// Things that need attention: overdue posts, negative comments, follow-ups, campaigns.
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        let width = area.width as usize;
        let mut rows: Vec<Line<'static>> = Vec::new();
        let mut selected_row = None;
        let mut index = 0;
        if let Some(today) = self.today {
            let mut head = vec![Span::styled(
                today.format("%A, %-d %B %Y").to_string(),
                Theme::title(),
            )];
            if let Some(d) = &self.digest {
                head.push(Span::styled(
                    format!("  {}", d.progress.line()),
                    Theme::dim(),
                ));
            }
            rows.push(Line::from(head));
        }
        for s in self.sections() {
            rows.push(Line::default());
            let style = if s.total > 0 && s.kind != SectionKind::GoingOut {
                Theme::overdue()
            } else {
                Theme::title()
            };
            let more = if s.total as usize > s.entries.len() {
                format!("  (showing {})", s.entries.len())
            } else {
                String::new()
            };
            rows.push(Line::from(vec![
                Span::styled(format!("{} · {}", s.title, s.total), style),
                Span::styled(more, Theme::dim()),
            ]));
            if s.entries.is_empty() {
                rows.push(Line::styled("  nothing here", Theme::dim()));
            }
            for item in &s.entries {
                if index == self.cursor.selected {
                    selected_row = Some(rows.len());
                }
                rows.push(self.item_line(item, width, clock));
                index += 1;
            }
        }
        render_rows(frame, area, rows, selected_row);
    }

    fn item_line(&self, item: &Entry, width: usize, clock: &Clock) -> Line<'static> {
        let rest = |used: usize| width.saturating_sub(used);
        match item {
            Entry::Post {
                at,
                date_only,
                platform,
                handle,
                status,
                headline,
                ..
            } => {
                let badge = Platform::badge_of(platform);
                let when = if *date_only && clock.local_date(*at) == self.today.unwrap_or_default()
                {
                    "today".to_string()
                } else if clock.local_date(*at) == self.today.unwrap_or_default() {
                    clock.local_hm(*at)
                } else {
                    clock.format(*at, "%d %b")
                };
                let head = format!("  {when:>6} {badge:<2} {} ", fit(&format!("@{handle}"), 16));
                let status_cell = format!("{status:<10}");
                let used = head.chars().count() + 10;
                Line::from(vec![
                    Span::raw(head),
                    Span::styled(status_cell, Theme::post_status(status)),
                    Span::raw(truncate(&one_line(headline), rest(used))),
                ])
            }
            Entry::Comment {
                at,
                platform,
                author,
                body,
                ..
            } => {
                let badge = Platform::badge_of(platform);
                let head = format!(
                    "  {:>6} {badge:<2} {} ",
                    short_age(self.now - at),
                    fit(author, 16)
                );
                let used = head.chars().count();
                Line::from(vec![
                    Span::styled(head, Theme::negative()),
                    Span::raw(truncate(&one_line(body), rest(used))),
                ])
            }
            Entry::FollowUp {
                name, due, stage, ..
            } => Line::from(vec![
                Span::raw(format!("  {due:>10} ")),
                Span::raw(fit(name, 24)),
                Span::styled(stage.clone(), Theme::stage(stage)),
            ]),
            Entry::Late {
                name,
                due,
                deliverable,
                ..
            } => Line::from(vec![
                Span::styled(format!("  {due:>10} "), Theme::overdue()),
                Span::raw(fit(name, 24)),
                Span::raw(truncate(&one_line(deliverable), rest(37))),
            ]),
            Entry::Campaign {
                name, pace, spent, ..
            } => Line::from(vec![
                Span::raw("  "),
                Span::raw(fit(name, 28)),
                Span::styled(format!("{:<14}", pace.label()), Theme::overdue()),
                Span::raw(truncate(spent, rest(45))),
            ]),
        }
    }
}
