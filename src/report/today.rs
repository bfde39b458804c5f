//! The morning digest: what goes out today, what is overdue, unanswered negative comments,
//! follow-ups due, late deliverables and campaigns off track, with what was handled today and
//! what remains. The Today tab draws it and `smmdeck today` prints it, so both say the same.

use chrono::Duration;
use serde::Serialize;

use crate::clock::Clock;
use crate::domain::pacing::Pace;
use crate::domain::priority::PRIORITY_NEGATIVE;
use crate::domain::{InboxView, PostStatus};
use crate::store::{InboxFilter, PostRow, Store, StoreResult};

/// One thing that needs the user, with what its line shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    Post {
        id: i64,
        at: i64,
        /// Known by its day only (X's current export): no clock time is shown.
        date_only: bool,
        platform: String,
        handle: String,
        status: String,
        headline: String,
    },
    Comment {
        id: i64,
        at: i64,
        platform: String,
        author: String,
        body: String,
    },
    FollowUp {
        id: i64,
        name: String,
        due: String,
        stage: String,
    },
    /// A collaboration past due (or marked late): who owes what since when.
    Late {
        contact: i64,
        name: String,
        due: String,
        deliverable: String,
    },
    Campaign {
        id: i64,
        name: String,
        #[serde(serialize_with = "pace_label")]
        pace: Pace,
        spent: String,
    },
}

fn pace_label<S: serde::Serializer>(pace: &Pace, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(pace.label())
}

/// Which section: a stable name for scripts (`--json`), apart from the title people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    GoingOut,
    Overdue,
    Negative,
    FollowUps,
    LateDeliverables,
    CampaignsOffTrack,
}

impl SectionKind {
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::GoingOut => "Going out today",
            SectionKind::Overdue => "Overdue",
            SectionKind::Negative => "Unanswered negative",
            SectionKind::FollowUps => "Follow-ups due",
            SectionKind::LateDeliverables => "Late deliverables",
            SectionKind::CampaignsOffTrack => "Campaigns off track",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    pub title: &'static str,
    /// Every matching thing, counted in SQL; `entries` holds the first few.
    pub total: i64,
    pub entries: Vec<Entry>,
}

/// The day's progress: what was dealt with since midnight and what is still waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Inbox items handled (done, replied, hidden, spam) since midnight.
    pub inbox_handled: i64,
    /// Posts of today marked published.
    pub posts_published: i64,
    /// Today's posts not yet out, overdue posts, unanswered negatives, follow-ups due, late
    /// deliverables and campaigns off track.
    pub remaining: i64,
}

impl Progress {
    pub fn handled(&self) -> i64 {
        self.inbox_handled + self.posts_published
    }

    /// "handled today 14 (12 inbox, 2 posts) · 9 remain"
    pub fn line(&self) -> String {
        format!(
            "handled today {} ({} inbox, {} {}) · {} remain",
            self.handled(),
            self.inbox_handled,
            self.posts_published,
            if self.posts_published == 1 {
                "post"
            } else {
                "posts"
            },
            self.remaining
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    /// The user's day, `YYYY-MM-DD`.
    pub date: String,
    pub progress: Progress,
    pub sections: Vec<Section>,
}

/// Reads the digest for the user's today, at most `rows` entries per section. Every count is
/// an indexed COUNT; every list a LIMITed read.
pub fn digest(
    store: &Store,
    clock: &Clock,
    account: Option<i64>,
    rows: usize,
) -> StoreResult<Digest> {
    let now = clock.now_ts();
    let today = clock.today();
    let start = clock.start_of_day(today);
    let end = clock.start_of_day(today + Duration::days(1));
    let day = today.format("%Y-%m-%d").to_string();
    let posts = store.posts();
    let inbox = store.inbox();
    let contacts = store.contacts();
    let post_entry = |p: PostRow| Entry::Post {
        id: p.id,
        at: p.scheduled_at.unwrap_or_default(),
        date_only: p.date_only,
        headline: p.headline().to_string(),
        platform: p.platform,
        handle: p.handle,
        status: p.status,
    };
    let negative_filter = InboxFilter {
        view: InboxView::Open,
        account,
        search: None,
    };
    // The open queue is ordered by urgency, negatives first: its first page holds them.
    let negative: Vec<Entry> = inbox
        .page(&negative_filter, None, rows)?
        .into_iter()
        .filter(|i| i.priority >= PRIORITY_NEGATIVE)
        .map(|i| Entry::Comment {
            id: i.id,
            at: i.received_at,
            platform: i.platform,
            author: i.author_name,
            body: i.body,
        })
        .collect();
    let follow_ups: Vec<Entry> = contacts
        .follow_ups_due(&day, rows)?
        .into_iter()
        .map(|f| Entry::FollowUp {
            id: f.id,
            name: f.name,
            due: f.follow_up_on.unwrap_or_default(),
            stage: f.stage,
        })
        .collect();
    let late: Vec<Entry> = contacts
        .late_deliverables(&day, rows)?
        .into_iter()
        .map(|l| Entry::Late {
            contact: l.contact_id,
            name: l.contact,
            due: l.due_on.unwrap_or_else(|| "late".into()),
            deliverable: l.deliverable,
        })
        .collect();
    let campaigns: Vec<Entry> = store
        .campaigns()
        .paces(account)?
        .into_iter()
        .filter_map(|c| {
            // The same pace the tab bar's count and the Analytics tab use.
            let pace = c.pace(today);
            let spent = format!(
                "{} of {} {}",
                crate::domain::metrics::money(c.spend_minor),
                c.budget_minor
                    .map(crate::domain::metrics::money)
                    .unwrap_or_else(|| "–".into()),
                c.currency
            );
            (pace != Pace::OnTrack).then_some(Entry::Campaign {
                id: c.id,
                name: c.name,
                pace,
                spent,
            })
        })
        .collect();
    let campaigns_total = campaigns.len() as i64;
    let sections = vec![
        Section::new(
            SectionKind::GoingOut,
            posts.count_in_range(start, end, account)?,
            posts
                .in_range(start, end, account, rows)?
                .into_iter()
                .map(post_entry)
                .collect(),
        ),
        Section::new(
            SectionKind::Overdue,
            posts.count_overdue(now, account)?,
            posts
                .overdue(now, account, rows)?
                .into_iter()
                .map(post_entry)
                .collect(),
        ),
        Section::new(
            SectionKind::Negative,
            inbox.count_open_at_least(PRIORITY_NEGATIVE, account)?,
            negative,
        ),
        Section::new(
            SectionKind::FollowUps,
            contacts.count_follow_ups_due(&day)?,
            follow_ups,
        ),
        Section::new(
            SectionKind::LateDeliverables,
            contacts.count_late_deliverables(&day)?,
            late,
        ),
        Section::new(
            SectionKind::CampaignsOffTrack,
            campaigns_total,
            campaigns.into_iter().take(rows).collect(),
        ),
    ];
    // Still to go out today: slots from now on that are not out yet (a failed one is
    // already in Overdue, and so is a ready or scheduled one whose slot has passed; an archived
    // one is not going anywhere).
    let to_go_out = posts.count_in_range_by_status(
        now,
        end,
        &[
            PostStatus::Published,
            PostStatus::Failed,
            PostStatus::Archived,
        ],
        true,
        account,
    )?;
    let remaining = to_go_out
        + sections
            .iter()
            .filter(|s| s.kind != SectionKind::GoingOut)
            .map(|s| s.total)
            .sum::<i64>();
    let progress = Progress {
        inbox_handled: inbox.count_handled_since(start, account)?,
        posts_published: posts.count_in_range_by_status(
            start,
            end,
            &[PostStatus::Published],
            false,
            account,
        )?,
        remaining,
    };
    Ok(Digest {
        date: day,
        progress,
        sections,
    })
}

impl Section {
    fn new(kind: SectionKind, total: i64, entries: Vec<Entry>) -> Section {
        Section {
            kind,
            title: kind.title(),
            total,
            entries,
        }
    }
}
