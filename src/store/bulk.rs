//! Bulk writing for demo data and large imports: one transaction, rows written with cached
//! statements, and the search index and metric summary brought up to date once at the end
//! (DESIGN.md: ~4x faster than per-row triggers).

use std::collections::BTreeSet;

use rusqlite::{Connection, Transaction, params};

use super::StoreResult;
use super::accounts::NewAccount;
use super::campaigns::{NewCampaign, SpendDay, insert_campaign, insert_spend};
use super::contacts::{NewContact, insert_contact, refresh_contacts_after};
use super::contacts_write::NewCollaboration;
use super::conversations::{NewMessage, insert_message};
use super::inbox::{NewInboxItem, index_item, index_items_after, insert_item};
use super::metrics::{
    AccountDay, PostSnapshot, refresh_latest, refresh_summary_days, upsert_account_day,
    upsert_post_snapshot,
};
use super::posts::{NewPost, insert_post};

/// The page cache a bulk write may use, in KiB.
const BULK_CACHE_KIB: i64 = 256 * 1024;

pub struct Bulk<'a> {
    tx: Transaction<'a>,
    /// The highest inbox id before this batch: everything above it gets indexed at `finish`.
    inbox_mark: i64,
    /// Some items above `inbox_mark` were indexed when written (see `add_inbox_item_indexed`).
    indexed_early: bool,
    /// The highest contact id before this batch: the new ones get their kept columns at `finish`.
    contacts_mark: i64,
    /// The metrics days written, so the summary is rebuilt for those days only.
    metric_days: BTreeSet<String>,
    now: i64,
}

impl<'a> Bulk<'a> {
    pub(crate) fn begin(conn: &'a mut Connection) -> StoreResult<Self> {
        // A large batch outgrows SQLite's default 2 MB page cache and would spill pages to the
        // WAL over and over; a bigger cache for this connection keeps them in memory.
        conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let tx = conn.transaction()?;
        let inbox_mark = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM inbox_items", [], |r| {
            r.get(0)
        })?;
        let contacts_mark = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM contacts", [], |r| {
            r.get(0)
        })?;
        Ok(Self {
            tx,
            inbox_mark,
            indexed_early: false,
            contacts_mark,
            metric_days: BTreeSet::new(),
            now: 0,
        })
    }

    /// The open transaction, for sibling modules of the store (imports) that add their own
    /// statements to the same all-or-nothing batch.
    pub(crate) fn conn(&self) -> &Connection {
        &self.tx
    }

    /// The creation time stamped on new rows.
    pub fn set_now(&mut self, now: i64) {
        self.now = now;
    }

    /// Adds an account, or returns the id of the one with the same platform and handle.
    pub fn ensure_account(&self, a: &NewAccount) -> StoreResult<i64> {
        self.tx.prepare_cached(
            "INSERT INTO accounts (brand, platform, handle, display_name, external_id, timezone,
                                   target_posts_per_week, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (platform, handle) DO NOTHING",
        )?
        .execute(params![
            a.brand,
            a.platform,
            a.handle.trim_start_matches('@'),
            a.display_name,
            a.external_id,
            a.timezone,
            a.target_posts_per_week,
            self.now
        ])?;
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM accounts WHERE platform = ?1 AND handle = ?2")?
            .query_row(params![a.platform, a.handle.trim_start_matches('@')], |r| {
                r.get(0)
            })?)
    }

    /// How many posts and contacts exist, so a second demo run can name its rows apart.
    pub fn existing_posts_and_contacts(&self) -> StoreResult<(i64, i64)> {
        Ok(self.tx.query_row(
            "SELECT (SELECT COUNT(*) FROM posts), (SELECT COUNT(*) FROM contacts)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    pub fn add_post(&self, p: &NewPost) -> StoreResult<i64> {
        insert_post(&self.tx, p, self.now)?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Adds an item unless its platform id is known; it is indexed for search at `finish`.
    pub fn add_inbox_item(&self, item: &NewInboxItem) -> StoreResult<Option<i64>> {
        insert_item(&self.tx, item)
    }

    /// Adds an item (known not to exist) and indexes it for search at once: for a row that
    /// later statements of the batch update, whose FTS triggers expect it indexed.
    pub(crate) fn add_inbox_item_indexed(&mut self, item: &NewInboxItem) -> StoreResult<i64> {
        insert_item(&self.tx, item)?;
        let id = self.tx.last_insert_rowid();
        index_item(&self.tx, id)?;
        self.indexed_early = true;
        Ok(id)
    }

    /// Adds a message to a conversation already written (demo data).
    pub fn add_inbox_message(&self, item_id: i64, m: &NewMessage) -> StoreResult<bool> {
        insert_message(&self.tx, item_id, m)
    }

    pub fn add_saved_reply(&self, title: &str, body: &str) -> StoreResult<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO saved_replies (title, body, created_at) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![title, body, self.now])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn add_contact(&self, f: &NewContact) -> StoreResult<i64> {
        insert_contact(&self.tx, f, self.now)?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn add_handle(
        &self,
        contact: i64,
        platform: &str,
        handle: &str,
        followers: i64,
        er: f64,
    ) -> StoreResult<()> {
        self.tx.prepare_cached(
            "INSERT INTO contact_handles (contact_id, platform, handle, followers, engagement_rate)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![contact, platform, handle, followers, er])?;
        Ok(())
    }

    pub fn add_rate(
        &self,
        contact: i64,
        format: &str,
        price_minor: i64,
        currency: &str,
    ) -> StoreResult<()> {
        self.tx
            .prepare_cached("INSERT INTO rate_cards (contact_id, format, price_minor, currency) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![contact, format, price_minor, currency])?;
        Ok(())
    }

    pub fn add_interaction(
        &self,
        contact: i64,
        at: i64,
        channel: &str,
        note: &str,
    ) -> StoreResult<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO interactions (contact_id, at, channel, note) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![contact, at, channel, note])?;
        Ok(())
    }

    /// Adds a collaboration as given (the demo's are made valid by construction).
    pub fn add_collaboration(
        &self,
        contact: i64,
        c: &NewCollaboration,
        paid: bool,
    ) -> StoreResult<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO collaborations (contact_id, campaign_id, deliverable, format, due_on,
                        fee_minor, currency, barter, status, post_link, views, engagements, paid,
                        created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![
                contact,
                c.campaign_id,
                c.deliverable,
                c.format,
                c.due_on,
                c.fee_minor,
                c.currency,
                c.barter,
                c.status,
                c.post_link,
                c.views,
                c.engagements,
                paid,
                self.now
            ])?;
        Ok(())
    }

    pub fn add_campaign(&self, c: &NewCampaign, accounts: &[i64]) -> StoreResult<i64> {
        insert_campaign(&self.tx, c, accounts, self.now)
    }

    pub fn campaign_day(&self, campaign: i64, day: &SpendDay) -> StoreResult<()> {
        insert_spend(&self.tx, campaign, day)
    }

    pub fn post_snapshot(&mut self, s: &PostSnapshot) -> StoreResult<()> {
        upsert_post_snapshot(&self.tx, s)?;
        if !self.metric_days.contains(&s.snapshot_on) {
            self.metric_days.insert(s.snapshot_on.clone());
        }
        Ok(())
    }

    pub fn account_day(&self, d: &AccountDay) -> StoreResult<()> {
        upsert_account_day(&self.tx, d)
    }

    /// Indexes the inbox items added so far now (not at `finish`); returns the highest id
    /// before them, so a caller can act on just those items.
    pub(crate) fn index_inbox_now(&mut self) -> StoreResult<i64> {
        let before = self.inbox_mark;
        index_items_after(&self.tx, before, self.indexed_early)?;
        self.inbox_mark =
            self.tx
                .query_row("SELECT COALESCE(MAX(id), 0) FROM inbox_items", [], |r| {
                    r.get(0)
                })?;
        Ok(before)
    }

    /// Indexes the new inbox items, refreshes the metric summary and commits, all or nothing.
    pub fn finish(self) -> StoreResult<()> {
        index_items_after(&self.tx, self.inbox_mark, self.indexed_early)?;
        refresh_contacts_after(&self.tx, self.contacts_mark)?;
        refresh_summary_days(&self.tx, self.metric_days.iter().map(String::as_str))?;
        if let Some(first) = self.metric_days.first() {
            refresh_latest(&self.tx, first)?;
        }
        self.tx.commit()?;
        Ok(())
    }
}
