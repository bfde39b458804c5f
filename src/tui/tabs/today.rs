//! Today: the morning view. What goes out today, what is overdue, unanswered negative comments,
//! follow-ups due and campaigns off track; Enter jumps to the item in its own tab.

use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Ctx, Jump, Outcome, TabId};
use crate::clock::Clock;
use crate::domain::age::short_age;
use crate::domain::pacing::Pace;
use crate::domain::{InboxView, Platform};
use crate::store::InboxFilter;
use crate::text::{fit, one_line, truncate};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Cursor, render_rows};

/// How many rows each section lists at most; the header shows the full count.
const SECTION_ROWS: usize = 8;

#[derive(Debug, Clone, PartialEq)]
enum Item {
    Post {
        id: i64,
        at: i64,
        /// Known by its day only (X's current export): no clock time is shown.
        date_only: bool,
        badge: &'static str,
        handle: String,
        status: String,
        headline: String,
    },
    Comment {
        id: i64,
        at: i64,
        badge: &'static str,
        author: String,
        body: String,
    },
    FollowUp {
        id: i64,
        name: String,
        due: String,
        stage: String,
    },
    Campaign {
        id: i64,
        name: String,
        pace: Pace,
        spent: String,
    },
    /// A collaboration past due (or marked late): who owes what since when.
    Late {
        contact: i64,
        name: String,
        due: String,
        deliverable: String,
    },
}

impl Item {
    fn jump(&self) -> Jump {
        match self {
            Item::Post { id, .. } => Jump {
                tab: TabId::Calendar,
                id: Some(*id),
            },
            Item::Comment { id, .. } => Jump {
                tab: TabId::Inbox,
                id: Some(*id),
            },
            Item::FollowUp { id, .. } | Item::Late { contact: id, .. } => Jump {
                tab: TabId::Contacts,
                id: Some(*id),
            },
            Item::Campaign { id, .. } => Jump {
                tab: TabId::Analytics,
                id: Some(*id),
            },
        }
    }
}

struct Section {
    title: &'static str,
    total: i64,
    items: Vec<Item>,
}

#[derive(Default)]
pub struct TodayTab {
    sections: Vec<Section>,
    cursor: Cursor,
    now: i64,
    today: Option<NaiveDate>,
}

impl TodayTab {
    pub fn refresh(&mut self, ctx: &Ctx<'_>, _more: bool) -> anyhow::Result<()> {
        let now = ctx.clock.now_ts();
        let today = ctx.clock.today();
        let start = ctx.clock.start_of_day(today);
        let end = ctx.clock.start_of_day(today + Duration::days(1));
        let posts = ctx.store.posts();
        let post_item = |p: crate::store::PostRow| Item::Post {
            id: p.id,
            at: p.scheduled_at.unwrap_or_default(),
            date_only: p.date_only,
            badge: Platform::badge_of(&p.platform),
            headline: p.headline().to_string(),
            handle: p.handle,
            status: p.status,
        };
        let due = posts.in_range(start, end, ctx.account, SECTION_ROWS)?;
        let overdue = posts.overdue(now, ctx.account, SECTION_ROWS)?;
        let negative_filter = InboxFilter {
            view: InboxView::Open,
            account: ctx.account,
            search: None,
        };
        let negative: Vec<Item> = ctx
            .store
            .inbox()
            .page(&negative_filter, None, SECTION_ROWS)?
            .into_iter()
            .filter(|i| i.priority >= crate::domain::priority::PRIORITY_NEGATIVE)
            .map(|i| Item::Comment {
                id: i.id,
                at: i.received_at,
                badge: Platform::badge_of(&i.platform),
                author: i.author_name,
                body: i.body,
            })
            .collect();
        let day = today.format("%Y-%m-%d").to_string();
        let follow_ups: Vec<Item> = ctx
            .store
            .contacts()
            .follow_ups_due(&day, SECTION_ROWS)?
            .into_iter()
            .map(|f| Item::FollowUp {
                id: f.id,
                name: f.name,
                due: f.follow_up_on.unwrap_or_default(),
                stage: f.stage,
            })
            .collect();
        let campaigns: Vec<Item> = ctx
            .store
            .campaigns()
            .summaries(ctx.account)?
            .into_iter()
            .filter_map(|c| {
                // The same pace the tab bar's count and the Analytics tab use.
                let p = c.pace(today);
                let spent = format!(
                    "{} of {} {}",
                    crate::domain::metrics::money(c.spend_minor),
                    c.budget_minor
                        .map(crate::domain::metrics::money)
                        .unwrap_or_else(|| "–".into()),
                    c.currency
                );
                (p != Pace::OnTrack).then_some(Item::Campaign {
                    id: c.id,
                    name: c.name,
                    pace: p,
                    spent,
                })
            })
            .collect();
        let negative_total = ctx
            .store
            .inbox()
            .count_open_at_least(crate::domain::priority::PRIORITY_NEGATIVE, ctx.account)?;
        self.sections = vec![
            Section {
                title: "Going out today",
                total: posts.count_in_range(start, end, ctx.account)?,
                items: due.into_iter().map(post_item).collect(),
            },
            Section {
                title: "Overdue",
                total: posts.count_overdue(now, ctx.account)?,
                items: overdue.into_iter().map(post_item).collect(),
            },
            Section {
                title: "Unanswered negative",
                total: negative_total,
                items: negative,
            },
            Section {
                title: "Follow-ups due",
                total: ctx.store.contacts().count_follow_ups_due(&day)?,
                items: follow_ups,
            },
            Section {
                title: "Late deliverables",
                total: ctx.store.contacts().count_late_deliverables(&day)?,
                items: ctx
                    .store
                    .contacts()
                    .late_deliverables(&day, SECTION_ROWS)?
                    .into_iter()
                    .map(|l| Item::Late {
                        contact: l.contact_id,
                        name: l.contact,
                        due: l.due_on.unwrap_or_else(|| "late".into()),
                        deliverable: l.deliverable,
                    })
                    .collect(),
            },
            Section {
                title: "Campaigns off track",
                total: campaigns.len() as i64,
                items: campaigns,
            },
        ];
        self.now = now;
        self.today = Some(today);
        self.cursor.clamp(self.items().count());
        Ok(())
    }

    fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn handle(&mut self, action: &Action) -> Outcome {
        let len = self.items().count();
        if self.cursor.apply(action, len) {
            return Outcome::Handled;
        }
        match action {
            Action::Open => match self.items().nth(self.cursor.selected) {
                Some(item) => Outcome::Jump(item.jump()),
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
            rows.push(Line::styled(
                today.format("%A, %-d %B %Y").to_string(),
                Theme::title(),
            ));
        }
        for s in &self.sections {
            rows.push(Line::default());
            let style = if s.total > 0 && s.title != "Going out today" {
                Theme::overdue()
            } else {
                Theme::title()
            };
            let more = if s.total as usize > s.items.len() {
                format!("  (showing {})", s.items.len())
            } else {
                String::new()
            };
            rows.push(Line::from(vec![
                Span::styled(format!("{} · {}", s.title, s.total), style),
                Span::styled(more, Theme::dim()),
            ]));
            if s.items.is_empty() {
                rows.push(Line::styled("  nothing here", Theme::dim()));
            }
            for item in &s.items {
                if index == self.cursor.selected {
                    selected_row = Some(rows.len());
                }
                rows.push(self.item_line(item, width, clock));
                index += 1;
            }
        }
        render_rows(frame, area, rows, selected_row);
    }

    fn item_line(&self, item: &Item, width: usize, clock: &Clock) -> Line<'static> {
        let rest = |used: usize| width.saturating_sub(used);
        match item {
            Item::Post {
                at,
                date_only,
                badge,
                handle,
                status,
                headline,
                ..
            } => {
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
            Item::Comment {
                at,
                badge,
                author,
                body,
                ..
            } => {
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
            Item::FollowUp {
                name, due, stage, ..
            } => Line::from(vec![
                Span::raw(format!("  {due:>10} ")),
                Span::raw(fit(name, 24)),
                Span::styled(stage.clone(), Theme::stage(stage)),
            ]),
            Item::Late {
                name,
                due,
                deliverable,
                ..
            } => Line::from(vec![
                Span::styled(format!("  {due:>10} "), Theme::overdue()),
                Span::raw(fit(name, 24)),
                Span::raw(truncate(&one_line(deliverable), rest(37))),
            ]),
            Item::Campaign {
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
