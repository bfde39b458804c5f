use rusqlite::Connection;
use serde::Serialize;

use super::StoreResult;

/// Row counts per table group, for `smmdeck info`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    pub accounts: i64,
    pub posts: i64,
    pub inbox: InboxCounts,
    pub saved_replies: i64,
    pub contacts: ContactCounts,
    pub campaigns: CampaignCounts,
    pub metrics: MetricCounts,
    pub imports: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InboxCounts {
    pub items: i64,
    pub open: i64,
    /// Messages of conversations (each conversation is one item).
    pub messages: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ContactCounts {
    pub contacts: i64,
    pub handles: i64,
    pub rate_cards: i64,
    pub interactions: i64,
    pub collaborations: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CampaignCounts {
    pub campaigns: i64,
    pub daily_rows: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MetricCounts {
    pub post_snapshots: i64,
    pub account_days: i64,
}

pub(crate) fn counts(conn: &Connection) -> StoreResult<Counts> {
    // Table names come from this fixed list, never from input.
    let count = |table: &str| -> StoreResult<i64> {
        Ok(conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(Counts {
        accounts: count("accounts")?,
        posts: count("posts")?,
        inbox: InboxCounts {
            items: count("inbox_items")?,
            open: super::Inbox::new(conn).count_open(None)?,
            messages: count("inbox_messages")?,
        },
        saved_replies: count("saved_replies")?,
        contacts: ContactCounts {
            contacts: count("contacts")?,
            handles: count("contact_handles")?,
            rate_cards: count("rate_cards")?,
            interactions: count("interactions")?,
            collaborations: count("collaborations")?,
        },
        campaigns: CampaignCounts {
            campaigns: count("campaigns")?,
            daily_rows: count("campaign_daily")?,
        },
        metrics: MetricCounts {
            post_snapshots: count("post_metrics")?,
            account_days: count("account_metrics")?,
        },
        imports: count("import_log")?,
    })
}
