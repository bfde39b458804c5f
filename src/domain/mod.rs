//! Plain types and pure rules: no I/O, no database. Everything above may use it.

pub mod age;
pub mod anomaly;
pub mod contact;
pub mod enums;
pub mod fuzzy;
pub mod heatmap;
pub mod inbox_query;
pub mod inbox_rules;
pub mod kpi;
pub mod limits;
pub mod metrics;
pub mod money;
pub mod pacing;
pub mod period;
pub mod platform;
pub mod priority;
pub mod targets;
pub mod when;

pub use enums::{
    CampaignChannel, CampaignGoal, Channel, CollabStatus, ContactSort, InboxKind, InboxStatus,
    InboxView, PostFormat, PostStatus, Stage,
};
pub use platform::Platform;
