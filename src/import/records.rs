//! The canonical records every parser produces: pure data, no SQL. The apply step turns them
//! into rows once the account (and with it the time zone) is known.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::{InboxKind, Platform, PostFormat};

pub use super::dates::DateOrder;

/// Every export smmdeck reads. The words are what `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    MetaFacebookPosts,
    MetaInstagramPosts,
    FacebookLegacyPosts,
    XContent,
    XTweetActivity,
    LinkedInPosts,
    TikTokContent,
    YouTubeContent,
    MetaAccountMetric,
    LinkedInMetrics,
    TikTokOverview,
    TikTokFollowers,
    TikTokViewers,
    YouTubeTotals,
    YouTubeChart,
    GraphFacebookFeed,
    GraphFacebookComments,
    GraphInstagramComments,
    GraphConversations,
    InstagramDyiComments,
    InstagramDyiMessages,
    MetaAdsSpend,
    TikTokAdsSpend,
    LinkedInAdsSpend,
    GoogleAdsSpend,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::MetaFacebookPosts,
        Format::MetaInstagramPosts,
        Format::FacebookLegacyPosts,
        Format::XContent,
        Format::XTweetActivity,
        Format::LinkedInPosts,
        Format::TikTokContent,
        Format::YouTubeContent,
        Format::MetaAccountMetric,
        Format::LinkedInMetrics,
        Format::TikTokOverview,
        Format::TikTokFollowers,
        Format::TikTokViewers,
        Format::YouTubeTotals,
        Format::YouTubeChart,
        Format::GraphFacebookFeed,
        Format::GraphFacebookComments,
        Format::GraphInstagramComments,
        Format::GraphConversations,
        Format::InstagramDyiComments,
        Format::InstagramDyiMessages,
        Format::MetaAdsSpend,
        Format::TikTokAdsSpend,
        Format::LinkedInAdsSpend,
        Format::GoogleAdsSpend,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::MetaFacebookPosts => "meta-facebook-posts",
            Format::MetaInstagramPosts => "meta-instagram-posts",
            Format::FacebookLegacyPosts => "facebook-legacy-posts",
            Format::XContent => "x-content",
            Format::XTweetActivity => "x-tweet-activity",
            Format::LinkedInPosts => "linkedin-posts",
            Format::TikTokContent => "tiktok-content",
            Format::YouTubeContent => "youtube-content",
            Format::MetaAccountMetric => "meta-account-metric",
            Format::LinkedInMetrics => "linkedin-metrics",
            Format::TikTokOverview => "tiktok-overview",
            Format::TikTokFollowers => "tiktok-followers",
            Format::TikTokViewers => "tiktok-viewers",
            Format::YouTubeTotals => "youtube-totals",
            Format::YouTubeChart => "youtube-chart",
            Format::GraphFacebookFeed => "graph-facebook-feed",
            Format::GraphFacebookComments => "graph-facebook-comments",
            Format::GraphInstagramComments => "graph-instagram-comments",
            Format::GraphConversations => "graph-conversations",
            Format::InstagramDyiComments => "instagram-dyi-comments",
            Format::InstagramDyiMessages => "instagram-dyi-messages",
            Format::MetaAdsSpend => "meta-ads",
            Format::TikTokAdsSpend => "tiktok-ads",
            Format::LinkedInAdsSpend => "linkedin-ads",
            Format::GoogleAdsSpend => "google-ads",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        let s = s.trim();
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
    }

    /// The known formats as one line, for "not a known export" messages.
    pub fn known_list() -> String {
        Format::ALL
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A time as the export gives it: an instant, or a local reading that needs the account's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Utc(i64),
    Local(NaiveDateTime),
    /// A date with no time (X content, TikTok per-video): stored as date-only, shown without
    /// a time.
    Date(NaiveDate),
}

/// Who wrote something, as far as the export says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub id: Option<String>,
    pub handle: Option<String>,
    pub name: Option<String>,
}

/// What a file says about the account it belongs to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountHint {
    /// None when the export does not say (the Meta per-metric file serves Facebook and
    /// Instagram alike).
    pub platform: Option<Platform>,
    pub external_id: Option<String>,
    pub handle: Option<String>,
    /// The handle is only read from links (a Facebook Page's vanity name in its permalinks):
    /// `--account` naming an account of the platform wins over creating one from it.
    pub handle_from_links: bool,
    pub display_name: Option<String>,
    /// Names the export itself marks as the account's own (the sender of "You sent an
    /// attachment."): DYI gives names, not ids.
    pub self_names: Vec<String>,
    /// Names that are probably the account's, for the question asked when no name is known
    /// (the one participant a thread's title leaves out). Never used without asking.
    pub likely_self: Vec<String>,
    /// Everyone seen in the file: a known account among them is the owner.
    pub candidates: Vec<Identity>,
}

/// Lifetime totals of a post as of the export; None is unknown, never 0.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetricsRec {
    pub views_label: &'static str,
    pub views: Option<i64>,
    pub reach: Option<i64>,
    pub reactions: Option<i64>,
    pub comments: Option<i64>,
    pub shares: Option<i64>,
    pub saves: Option<i64>,
    pub clicks: Option<i64>,
    pub video_views: Option<i64>,
    pub watch_time_s: Option<i64>,
    pub follows: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PostRec {
    pub line: usize,
    pub external_id: String,
    pub title: String,
    pub caption: String,
    pub format: PostFormat,
    pub published: Option<When>,
    pub permalink: Option<String>,
    pub metrics: MetricsRec,
}

/// One account's numbers for one day; only the fields the file carries are Some.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayRec {
    pub line: usize,
    pub day: NaiveDate,
    pub followers: Option<i64>,
    pub reach: Option<i64>,
    pub views: Option<i64>,
    pub profile_visits: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InboxRec {
    pub line: usize,
    pub kind: InboxKind,
    pub external_id: String,
    pub thread_key: Option<String>,
    /// The platform's id of the post commented on, to link the item to it.
    pub post_external_id: Option<String>,
    pub author: Identity,
    pub body: String,
    pub received_at: i64,
    /// Some when the export itself says who sent it (DYI comments are all the account's own).
    pub from_self: Option<bool>,
    pub hidden: bool,
    /// A line the platform wrote in a conversation (a reaction, "liked a message", a call,
    /// "sent an attachment"): kept in the thread, never an item.
    pub system: bool,
    /// Who sent it and how urgent it reads, when worked out ahead of the apply step (on the
    /// parsing thread of a file read in chunks); None: the apply step works it out.
    pub read: Option<ItemRead>,
}

/// What the apply step reads from an inbox record before writing it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRead {
    pub from_self: bool,
    pub priority: i64,
    pub reason: &'static str,
    pub sentiment: Option<f64>,
}

/// A row the parser could not read. Without `--skip-invalid` the first one stops the run.
#[derive(Debug, Clone, PartialEq)]
pub struct RowReject {
    pub line: usize,
    pub field: String,
    pub reason: String,
    pub raw: String,
}

/// Everything read from one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub account: AccountHint,
    /// The day the lifetime totals were taken (when the file itself says).
    pub snapshot_on: Option<NaiveDate>,
    pub posts: Vec<PostRec>,
    pub days: Vec<DayRec>,
    pub inbox: Vec<InboxRec>,
    pub rejects: Vec<RowReject>,
    /// Things the user should know (a file deliberately skipped, a guessed year).
    pub notes: Vec<String>,
    /// Set when the dates carry no year and the file states no export day: the apply step
    /// then lets the days already imported decide the year rather than move them.
    pub yearless: Option<Yearless>,
    /// Ad spend by campaign and day (the ads managers' exports).
    pub spend: Vec<super::ads::SpendRec>,
    /// What the date column said about day/month order (header line, column, what was seen),
    /// for the formats that decide it over the whole column: a file read in chunks merges
    /// them and reads its rows again in the order the whole column settles.
    pub order_seen: Option<super::dates::ColumnOrder>,
}

/// How a year-less file was dated, so that the apply step can date it again a year or more
/// earlier when that is what the days already imported say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Yearless {
    /// (month, day) of each entry of `Parsed::days`, in order (empty for a per-post file).
    pub month_days: Vec<(u32, u32)>,
    /// The latest the last day can be (the file's date, else today).
    pub limit: NaiveDate,
}

impl Parsed {
    pub fn rows(&self) -> usize {
        self.posts.len() + self.days.len() + self.inbox.len() + self.spend.len()
    }

    pub fn reject(
        &mut self,
        line: usize,
        field: &str,
        reason: impl Into<String>,
        raw: impl Into<String>,
    ) {
        self.rejects.push(RowReject {
            line,
            field: field.into(),
            reason: reason.into(),
            raw: raw.into(),
        });
    }
}

/// A failure that stops a whole file: the line and field when known. The file name is added
/// by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct FileError {
    pub line: Option<usize>,
    pub field: Option<String>,
    pub message: String,
}

impl FileError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            line: None,
            field: None,
            message: message.into(),
        }
    }
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            field: None,
            message: message.into(),
        }
    }
    pub fn field(line: usize, field: &str, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            field: Some(field.into()),
            message: message.into(),
        }
    }
}

/// What a parser knows about the file besides its bytes.
#[derive(Debug, Clone, Default)]
pub struct Ctx {
    /// The file name without folders (`Table data.csv`).
    pub file_name: String,
    /// The top folder or zip the file came from (`instagram-lumen.coffee-2026-11-20-…`).
    pub root: Option<String>,
    /// The day of the export: from the names, else the file's date, else today.
    pub export_date: NaiveDate,
    /// True when a file or folder name states `export_date`; false when it is a guess.
    pub export_date_stated: bool,
    /// `--date-order`, for numeric dates that no value of their column settles.
    pub date_order: Option<DateOrder>,
}
