//! What a client report says, gathered once from the store and `domain` and then written as
//! HTML, Markdown or CSV: the writers only lay out these figures, they compute none.

use chrono::NaiveDate;

use crate::clock::Clock;
use crate::domain::anomaly::Event;
use crate::domain::heatmap::HeatCell;
use crate::domain::pacing::Pace;
use crate::domain::period::Period;
use crate::report::analytics::KpiReport;
use crate::store::{CampaignSummary, Community, PeriodCollab, PostPerf, Slice};

/// The parts of a report, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Summary,
    Growth,
    Content,
    Community,
    Influencers,
    Campaigns,
    Notes,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Summary,
        Section::Growth,
        Section::Content,
        Section::Community,
        Section::Influencers,
        Section::Campaigns,
        Section::Notes,
    ];

    /// The name `--section` takes and a CSV file is called by.
    pub fn name(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Growth => "growth",
            Section::Content => "content",
            Section::Community => "community",
            Section::Influencers => "influencers",
            Section::Campaigns => "campaigns",
            Section::Notes => "notes",
        }
    }

    /// The heading the reader sees.
    pub fn title(self) -> &'static str {
        match self {
            Section::Summary => "Summary",
            Section::Growth => "Growth",
            Section::Content => "Content",
            Section::Community => "Community",
            Section::Influencers => "Influencers",
            Section::Campaigns => "Campaigns",
            Section::Notes => "Notes",
        }
    }

    pub fn parse(name: &str) -> Option<Section> {
        let n = name.trim().to_ascii_lowercase();
        Section::ALL.into_iter().find(|s| s.name() == n)
    }
}

/// The brand a report is made for: its name, logo (a `data:` URI, never a path or a URL) and
/// accent colour (`#rrggbb`, checked).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Brand {
    pub name: String,
    pub logo: Option<String>,
    pub accent: Option<String>,
}

/// One account's daily values over the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub account_id: i64,
    pub label: String,
    pub points: Vec<(NaiveDate, i64)>,
}

/// A surge or drop with the posts published on its days.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    pub event: Event,
    pub posts: Vec<PostPerf>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Growth {
    pub followers: Vec<Line>,
    pub reach: Vec<Line>,
    pub events: Vec<Marked>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Content {
    pub by_platform: Vec<Slice>,
    pub by_format: Vec<Slice>,
    /// Best and worst posts of the period by engagement rate.
    pub top: Vec<PostPerf>,
    pub bottom: Vec<PostPerf>,
    /// Weekday × hour over the period and the 90 days before it, and its best slots.
    pub heat: Vec<HeatCell>,
    pub best_slots: Vec<HeatCell>,
}

/// A campaign of the period with its pace as of the report's day.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignLine {
    pub summary: CampaignSummary,
    pub pace: Pace,
    pub pacing_ratio: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Report {
    /// The brand's name, the one account's label, or "All accounts".
    pub title: String,
    pub brand: Brand,
    pub period: Period,
    pub previous: Period,
    /// The day the report was made and the zone its times are shown in.
    pub made_on: NaiveDate,
    pub zone: String,
    /// (id, label) of the accounts the report covers.
    pub accounts: Vec<(i64, String)>,
    pub sections: Vec<Section>,
    pub kpis: KpiReport,
    pub growth: Growth,
    pub content: Content,
    pub community: Community,
    pub influencers: Vec<PeriodCollab>,
    pub campaigns: Vec<CampaignLine>,
    /// The user's notes, Markdown as typed.
    pub notes: Option<String>,
    /// Time targets (seconds) by class 3, 2, 1, to show beside the response times.
    pub targets: [i64; 3],
    /// Turns instants into the report's local dates.
    pub clock: Clock,
}

impl Report {
    /// Whether the period has nothing to tell: no account, or no post, metric, message,
    /// collaboration or campaign in it.
    pub fn is_empty(&self) -> bool {
        let no_kpis = self.kpis.rows.iter().all(|r| {
            r.current.posts == 0
                && r.current.posts_measured == 0
                && r.current.followers.is_none()
                && r.current.account_reach.is_none()
        });
        self.accounts.is_empty()
            || (no_kpis
                && self.community.received == 0
                && self.influencers.is_empty()
                && self.campaigns.is_empty())
    }

    /// The label of an account of the report.
    pub fn account_label(&self, id: i64) -> String {
        self.accounts
            .iter()
            .find(|(a, _)| *a == id)
            .map_or_else(|| format!("account {id}"), |(_, l)| l.clone())
    }

    pub fn wants(&self, s: Section) -> bool {
        self.sections.contains(&s)
    }

    /// The local date of an instant, in the report's zone.
    pub fn date_of(&self, ts: i64) -> String {
        self.clock.local_date(ts).to_string()
    }
}
