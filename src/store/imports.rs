//! The SQL of an import: one batch (one transaction) per run, with intents that say what
//! changed (new, updated, unchanged) so that a second import of the same file can report
//! "0 new" and write nothing. Inbox rows go in without per-row FTS work and are indexed in one
//! pass at `commit` (through `Bulk`).

use rusqlite::{OptionalExtension, params};

use super::accounts::{Account, Accounts, NewAccount};
use super::bulk::Bulk;
use super::conversations::ConversationBatch;
use super::inbox::NewInboxItem;
use super::metrics::{AccountDay, PostSnapshot, upsert_account_day};
use super::{Store, StoreError, StoreResult};

/// What one imported row did to the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Updated,
    Unchanged,
}

impl Change {
    /// The combined effect of a post row and its snapshot.
    pub fn and(self, other: Change) -> Change {
        match (self, other) {
            (Change::New, _) => Change::New,
            (Change::Unchanged, Change::Unchanged) => Change::Unchanged,
            _ => Change::Updated,
        }
    }
}

/// A published post as an export describes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedPost {
    pub account_id: i64,
    pub external_id: String,
    pub title: String,
    pub caption: String,
    pub format: String,
    pub published_at: Option<i64>,
    /// The export gives a date without a time: shown without one.
    pub date_only: bool,
    pub permalink: Option<String>,
}

/// One file's line in `import_log`.
#[derive(Debug, Clone, Default)]
pub struct ImportLogEntry {
    pub file: String,
    pub format: String,
    pub sha256: String,
    pub new: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub rejected: i64,
    /// The account the rows went to (None for files that span accounts, such as ad spend).
    pub account_id: Option<i64>,
    /// The options that decided where and how the rows landed.
    pub options: String,
}

/// A file's earlier complete import, found by the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedBefore {
    pub format: String,
    /// `IG @lumen.coffee`, when the rows went to one account.
    pub account: Option<String>,
    /// The rows it brought (new, updated and unchanged then).
    pub rows: i64,
}

/// The page cache for imports, in KiB (negative for SQLite's "KiB, not pages"). An import's
/// memory is this plus a chunk of the file (issue 14 item 7: at most 100 MB whatever the file's
/// size); SQLite's sorter, building the deferred indexes, is bounded by it too.
const IMPORT_CACHE_KIB: i64 = -32_768;
/// The page cache (and so the sorter's memory) while deferred indexes are built at commit.
const REBUILD_CACHE_KIB: i64 = -16_384;

pub struct ImportBatch<'a> {
    bulk: Bulk<'a>,
    now: i64,
    /// Inbox indexes dropped for a large import, recreated (in one sorted pass each) at commit.
    deferred_indexes: Vec<String>,
    /// Conversations touched so far, settled once at commit.
    pub(super) conversations: ConversationBatch,
}

/// Below this many incoming inbox rows, keeping the indexes current row by row is cheaper
/// than rebuilding them.
const DEFER_INDEXES_FROM: usize = 50_000;

impl Store {
    /// The latest import of these bytes with these options that rejected no row and whose
    /// account still exists: importing them again would change nothing.
    pub fn imported_before(
        &self,
        sha256: &str,
        options: &str,
    ) -> StoreResult<Option<ImportedBefore>> {
        let found: Option<(String, Option<i64>, i64)> = self
            .conn
            .prepare_cached(
                "SELECT l.format, l.account_id, l.rows_new + l.rows_updated + l.rows_unchanged
                   FROM import_log l LEFT JOIN accounts a ON a.id = l.account_id
                  WHERE l.sha256 = ?1 AND l.options = ?2 AND l.rows_rejected = 0
                    AND (l.account_id IS NULL OR a.id IS NOT NULL)
                  ORDER BY l.id DESC LIMIT 1",
            )?
            .query_row(params![sha256, options], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let Some((format, account_id, rows)) = found else {
            return Ok(None);
        };
        let account = match account_id {
            Some(id) => Some(self.accounts().get(id)?.label()),
            None => None,
        };
        Ok(Some(ImportedBefore {
            format,
            account,
            rows,
        }))
    }

    /// Starts an import: everything until `commit` is one transaction; dropping the batch
    /// without committing (an error, a dry run) leaves the database exactly as it was.
    pub fn begin_import(&mut self, now: i64) -> StoreResult<ImportBatch<'_>> {
        // A large import touches every index of inbox_items; with SQLite's default 2 MB page
        // cache it spills to the WAL and reads pages back mid-transaction (a third of the time
        // at a million rows). The cache only grows as pages are used, so a small import costs
        // nothing; the limit stays for the connection's life.
        let mut bulk = self.bulk()?;
        // After `bulk()`, which sizes the cache for the demo's larger batches.
        bulk.conn()
            .pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
        bulk.set_now(now);
        Ok(ImportBatch {
            bulk,
            now,
            deferred_indexes: Vec::new(),
            conversations: ConversationBatch::default(),
        })
    }
}

impl<'a> ImportBatch<'a> {
    /// For the sibling modules that add intents to the batch (ad spend).
    pub(super) fn conn(&self) -> &rusqlite::Connection {
        self.bulk.conn()
    }

    pub(super) fn now(&self) -> i64 {
        self.now
    }

    fn accounts(&self) -> Accounts<'_> {
        Accounts::new(self.bulk.conn())
    }

    pub fn account(&self, id: i64) -> StoreResult<Account> {
        self.accounts().get(id)
    }

    pub fn account_by_external_id(
        &self,
        platform: &str,
        external_id: &str,
    ) -> StoreResult<Option<Account>> {
        self.accounts().find_by_external_id(platform, external_id)
    }

    pub fn account_by_handle(
        &self,
        handle: &str,
        platform: Option<&str>,
    ) -> StoreResult<Option<Account>> {
        self.accounts().find_by_handle(handle, platform)
    }

    /// Accounts are few (tens): the import matches authors against them in memory.
    pub fn accounts_list(&self) -> StoreResult<Vec<Account>> {
        self.accounts().list()
    }

    /// Records the platform's id of an account that has none yet.
    pub fn learn_external_id(&self, account_id: i64, external_id: &str) -> StoreResult<()> {
        self.accounts().learn_external_id(account_id, external_id)
    }

    pub fn add_account(&self, a: &NewAccount) -> StoreResult<i64> {
        self.bulk.ensure_account(a)
    }

    /// The post with this platform id on any account of `platform`: (post id, account id).
    pub fn post_by_external_id(
        &self,
        platform: &str,
        external_id: &str,
    ) -> StoreResult<Option<(i64, i64)>> {
        let mut stmt = self.bulk.conn().prepare_cached(
            "SELECT p.id, p.account_id FROM accounts a JOIN posts p ON p.account_id = a.id
              WHERE a.platform = ?1 AND p.external_id = ?2 LIMIT 1",
        )?;
        Ok(stmt
            .query_row(params![platform, external_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }

    /// When the post with this platform id on the account was published, if it is stored.
    pub fn post_published_at(
        &self,
        account_id: i64,
        external_id: &str,
    ) -> StoreResult<Option<i64>> {
        Ok(self
            .bulk
            .conn()
            .prepare_cached(
                "SELECT published_at FROM posts WHERE account_id = ?1 AND external_id = ?2",
            )?
            .query_row(params![account_id, external_id], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// The account's stored days from `from` to `to` (a year at most: one export's range).
    pub fn account_days_between(
        &self,
        account_id: i64,
        from: &str,
        to: &str,
    ) -> StoreResult<Vec<AccountDay>> {
        let mut stmt = self.bulk.conn().prepare_cached(
            "SELECT day, followers, reach, views, profile_visits FROM account_metrics
              WHERE account_id = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day LIMIT 1000",
        )?;
        let rows = stmt.query_map(params![account_id, from, to], |r| {
            Ok(AccountDay {
                account_id,
                day: r.get(0)?,
                followers: r.get(1)?,
                reach: r.get(2)?,
                views: r.get(3)?,
                profile_visits: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Inserts the post, or brings a known one (same account and platform id) up to date.
    /// Empty titles and captions in the export never clear what the user wrote, and a date
    /// without a time never replaces a known time of the same post.
    pub fn upsert_post(&self, p: &ImportedPost) -> StoreResult<(i64, Change)> {
        let conn = self.bulk.conn();
        type Known = (
            i64,
            String,
            String,
            String,
            String,
            Option<i64>,
            Option<String>,
            Option<i64>,
            bool,
        );
        let known: Option<Known> = conn
            .prepare_cached(
                "SELECT id, title, caption, format, status, published_at, permalink, scheduled_at,
                        date_only
                   FROM posts WHERE account_id = ?1 AND external_id = ?2",
            )?
            .query_row(params![p.account_id, p.external_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            })
            .optional()?;
        let Some((id, title, caption, format, status, published, permalink, scheduled, date_only)) =
            known
        else {
            conn.prepare_cached(
                "INSERT INTO posts (account_id, title, caption, format, status, scheduled_at,
                                    published_at, date_only, permalink, external_id, created_at,
                                    updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'published', ?5, ?5, ?6, ?7, ?8, ?9, ?9)",
            )?
            .execute(params![
                p.account_id,
                p.title,
                p.caption,
                p.format,
                p.published_at,
                p.date_only,
                p.permalink,
                p.external_id,
                self.now
            ])?;
            return Ok((conn.last_insert_rowid(), Change::New));
        };
        let keep = |new: &str, old: String| if new.is_empty() { old } else { new.to_string() };
        let timed = published.is_some() && !date_only;
        let (when, next_date_only) = if p.date_only && timed {
            (published, false)
        } else if p.published_at.is_some() {
            (p.published_at, p.date_only)
        } else {
            (published, date_only)
        };
        let next = (
            keep(&p.title, title.clone()),
            keep(&p.caption, caption.clone()),
            p.format.clone(),
            "published".to_string(),
            when,
            p.permalink.clone().or(permalink.clone()),
            if p.date_only && timed {
                scheduled
            } else {
                scheduled.or(p.published_at)
            },
            next_date_only,
        );
        if next
            == (
                title, caption, format, status, published, permalink, scheduled, date_only,
            )
        {
            return Ok((id, Change::Unchanged));
        }
        conn.prepare_cached(
            "UPDATE posts SET title = ?2, caption = ?3, format = ?4, status = ?5, published_at = ?6,
                              permalink = ?7, scheduled_at = ?8, date_only = ?9, updated_at = ?10
              WHERE id = ?1",
        )?
        .execute(params![
            id, next.0, next.1, next.2, next.3, next.4, next.5, next.6, next.7, self.now
        ])?;
        Ok((id, Change::Updated))
    }

    /// Stores the snapshot unless the same day already holds the same numbers.
    pub fn snapshot(&mut self, s: &PostSnapshot) -> StoreResult<Change> {
        let known: Option<[Option<i64>; 10]> = self
            .bulk
            .conn()
            .prepare_cached(
                "SELECT views, reach, reactions, comments, shares, saves, clicks, video_views,
                        watch_time_s, follows FROM post_metrics WHERE post_id = ?1 AND snapshot_on = ?2",
            )?
            .query_row(params![s.post_id, s.snapshot_on], |r| {
                Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?])
            })
            .optional()?;
        let values = [
            s.views,
            s.reach,
            s.reactions,
            s.comments,
            s.shares,
            s.saves,
            s.clicks,
            s.video_views,
            s.watch_time_s,
            s.follows,
        ];
        let change = match known {
            Some(old) if old == values => return Ok(Change::Unchanged),
            Some(_) => Change::Updated,
            None => Change::New,
        };
        self.bulk.post_snapshot(s)?;
        Ok(change)
    }

    /// Merges one day's numbers into what is stored: a file that carries only views keeps the
    /// reach another file brought.
    pub fn account_day(&self, d: &AccountDay) -> StoreResult<Change> {
        let conn = self.bulk.conn();
        let known: Option<[Option<i64>; 4]> = conn
            .prepare_cached(
                "SELECT followers, reach, views, profile_visits FROM account_metrics
                  WHERE account_id = ?1 AND day = ?2",
            )?
            .query_row(params![d.account_id, d.day], |r| {
                Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?])
            })
            .optional()?;
        let old = known.unwrap_or_default();
        let merged = AccountDay {
            account_id: d.account_id,
            day: d.day.clone(),
            followers: d.followers.or(old[0]),
            reach: d.reach.or(old[1]),
            views: d.views.or(old[2]),
            profile_visits: d.profile_visits.or(old[3]),
        };
        let change = match known {
            Some(_)
                if [
                    merged.followers,
                    merged.reach,
                    merged.views,
                    merged.profile_visits,
                ] == old =>
            {
                return Ok(Change::Unchanged);
            }
            Some(_) => Change::Updated,
            None => Change::New,
        };
        upsert_account_day(conn, &merged)?;
        Ok(change)
    }

    /// Adds the item unless (platform, external id) is known; indexed for search at `commit`.
    /// The brand's own reply in a comment thread gives the comments it answers their first
    /// reply's time (at commit).
    pub fn inbox_item(&mut self, item: &NewInboxItem) -> StoreResult<Change> {
        Ok(match self.bulk.add_inbox_item(item)? {
            Some(_) => {
                if let (true, Some(key)) = (item.from_self, &item.thread_key) {
                    self.own_reply_seen(item.account_id, key, item.received_at);
                }
                Change::New
            }
            None => Change::Unchanged,
        })
    }

    /// Runs `write`, which adds inbox items (and reads), without SQLite's CHECK constraints:
    /// it codes `kind IN (…)` and `status IN (…)` as two temporary b-trees built and dropped
    /// for every row, a fifth of a large import's time. `insert_item` checks both values
    /// itself, so the rows are held to the same rule. The setting is connection-wide and
    /// recompiles the statements run while it is on, so it is put back before returning,
    /// whatever `write` did; nothing but inbox items may be written inside.
    pub fn with_checks_in_store<T, E: From<StoreError>>(
        &mut self,
        write: impl FnOnce(&mut Self) -> Result<T, E>,
    ) -> Result<T, E> {
        let conn = self.bulk.conn();
        conn.pragma_update(None, "ignore_check_constraints", true)
            .map_err(StoreError::from)?;
        let out = write(self);
        self.bulk
            .conn()
            .pragma_update(None, "ignore_check_constraints", false)
            .map_err(StoreError::from)?;
        out
    }

    /// Adds an item that later statements of this batch update (a conversation): indexed for
    /// search now, so that the update triggers find it in the index.
    pub(super) fn add_indexed_item(&mut self, item: &NewInboxItem) -> StoreResult<i64> {
        self.bulk.add_inbox_item_indexed(item)
    }

    pub fn log_file(&self, e: &ImportLogEntry) -> StoreResult<()> {
        self.bulk
            .conn()
            .prepare_cached(
                "INSERT INTO import_log (file, format, sha256, rows_new, rows_updated, rows_unchanged,
                                         rows_rejected, imported_at, account_id, options)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                e.file,
                e.format,
                e.sha256,
                e.new,
                e.updated,
                e.unchanged,
                e.rejected,
                self.now,
                e.account_id,
                e.options
            ])?;
        Ok(())
    }

    /// Before a large batch of inbox rows: when they outnumber the rows already stored, the
    /// secondary indexes of inbox_items are dropped now and rebuilt at `commit`. Maintaining
    /// ten indexes row by row is most of the cost of a million-row import; a rebuild sorts
    /// once. Inside the transaction, so a failed import gets them back untouched. The UNIQUE
    /// (platform, external_id) constraint stays: it is what makes re-imports idempotent.
    pub fn expect_inbox_rows(&mut self, incoming: usize) -> StoreResult<()> {
        if incoming < DEFER_INDEXES_FROM || !self.deferred_indexes.is_empty() {
            return Ok(());
        }
        let conn = self.bulk.conn();
        let existing: i64 = conn.query_row("SELECT COUNT(*) FROM inbox_items", [], |r| r.get(0))?;
        if existing > incoming as i64 {
            return Ok(());
        }
        let indexes: Vec<(String, String)> = conn
            .prepare(
                "SELECT name, sql FROM sqlite_master
                  WHERE type = 'index' AND tbl_name = 'inbox_items' AND sql IS NOT NULL",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (name, sql) in indexes {
            conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
            self.deferred_indexes.push(sql);
        }
        Ok(())
    }

    /// Runs the inbox rules over the items this batch added and over `conversations` (older
    /// conversations that took new messages: their row now shows the newest). The new items
    /// are indexed for search first, since word rules find their candidates through the index.
    pub fn apply_rules(
        &mut self,
        rules: &[crate::domain::inbox_rules::Rule],
        conversations: &[i64],
        now: i64,
    ) -> StoreResult<super::RulesReport> {
        use super::rules::{Scope, apply_rules_in};
        if rules.is_empty() {
            return Ok(super::RulesReport::default());
        }
        let before = self.bulk.index_inbox_now()?;
        let conn = self.bulk.conn();
        let mut report = apply_rules_in(conn, rules, &Scope::After(before), now, 0)?;
        let older: Vec<i64> = conversations
            .iter()
            .copied()
            .filter(|id| *id <= before)
            .collect();
        if !older.is_empty() {
            report.add(apply_rules_in(conn, rules, &Scope::Ids(older), now, 0)?);
        }
        Ok(report)
    }

    /// Indexes the new inbox items, refreshes the metric summary and commits, all or nothing.
    pub fn commit(mut self) -> StoreResult<()> {
        if !self.deferred_indexes.is_empty() {
            // SQLite's sorter may use as much memory as the page cache: building an index
            // writes its pages in order and needs little cache, so both are made small.
            self.bulk
                .conn()
                .pragma_update(None, "cache_size", REBUILD_CACHE_KIB)?;
        }
        for sql in &self.deferred_indexes {
            self.bulk.conn().execute_batch(sql)?;
        }
        self.settle_answered_comments()?;
        self.bulk.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAccount, Store};

    fn index_count(store: &Store) -> i64 {
        store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'inbox_items'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn item(account_id: i64, i: usize) -> NewInboxItem {
        NewInboxItem {
            account_id,
            platform: "facebook".into(),
            kind: "comment".into(),
            external_id: format!("c{i}"),
            body: format!("hello {i}"),
            received_at: i as i64,
            ..Default::default()
        }
    }

    /// A Facebook Page to import into.
    fn page(store: &Store) -> i64 {
        store
            .accounts()
            .add(
                &NewAccount {
                    platform: "facebook".into(),
                    handle: "p".into(),
                    ..Default::default()
                },
                0,
            )
            .unwrap()
    }

    #[test]
    fn with_checks_in_store_refuses_what_the_schema_refuses_and_puts_the_checks_back() {
        let mut store = Store::open_in_memory().unwrap();
        let acc = page(&store);
        let mut b = store.begin_import(1).unwrap();
        let bad_kind = NewInboxItem {
            kind: "tweet".into(),
            ..item(acc, 1)
        };
        let bad_status = NewInboxItem {
            status: "archived".into(),
            ..item(acc, 2)
        };
        let written = b.with_checks_in_store(|b| {
            assert_eq!(b.inbox_item(&item(acc, 0))?, Change::New);
            assert!(b.inbox_item(&bad_kind).is_err());
            assert!(b.inbox_item(&bad_status).is_err());
            Ok::<_, StoreError>(())
        });
        assert!(written.is_ok());
        // SQLite's own check is back for every other statement.
        let raw = b.conn().execute(
            "INSERT INTO inbox_items (account_id, platform, kind, external_id, received_at)
             VALUES (?1, 'facebook', 'tweet', 'raw', 0)",
            [acc],
        );
        assert!(raw.is_err(), "{raw:?}");
        b.commit().unwrap();
        let kinds: Vec<String> = store
            .conn
            .prepare("SELECT kind || '/' || status FROM inbox_items")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(kinds, ["comment/new"]);
    }

    /// The rows, both search indexes (checked against their content) and what they find, after
    /// importing `n` items of mixed urgency and time, with the indexes deferred or not.
    fn imported(n: usize, defer: bool) -> (Vec<String>, Vec<i64>, Vec<i64>) {
        let mut store = Store::open_in_memory().unwrap();
        let acc = page(&store);
        let mut b = store.begin_import(1).unwrap();
        if defer {
            b.expect_inbox_rows(DEFER_INDEXES_FROM).unwrap();
            assert!(!b.deferred_indexes.is_empty());
        }
        b.with_checks_in_store(|b| {
            for i in 0..n {
                let it = NewInboxItem {
                    priority: (i * 7 % 4) as i64,
                    received_at: (i * 37 % 101) as i64,
                    status: if i % 5 == 0 { "hidden" } else { "new" }.into(),
                    ..item(acc, i)
                };
                b.inbox_item(&it)?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
        b.commit().unwrap();
        for fts in ["inbox_fts", "inbox_open_fts"] {
            store
                .conn
                .execute(
                    &format!("INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)"),
                    [],
                )
                .unwrap();
        }
        let list = |sql: &str| -> Vec<i64> {
            let mut stmt = store.conn.prepare(sql).unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let rows: Vec<String> = store
            .conn
            .prepare("SELECT external_id || '/' || status || '/' || priority FROM inbox_items ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        (
            rows,
            list("SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH 'hello' ORDER BY rowid"),
            list(
                "SELECT rowid FROM inbox_open_fts WHERE inbox_open_fts MATCH 'hello' ORDER BY rowid",
            ),
        )
    }

    #[test]
    fn a_large_batch_stores_and_indexes_what_a_small_one_does() {
        let (rows, all, open) = imported(400, true);
        assert_eq!((rows.len(), all.len()), (400, 400));
        // Hidden items are not in the open queue's index.
        assert_eq!(open.len(), 320);
        assert_eq!((rows, all, open), imported(400, false));
    }

    #[test]
    fn large_batches_rebuild_the_indexes_and_a_rollback_keeps_them() {
        let mut store = Store::open_in_memory().unwrap();
        let indexes = index_count(&store);
        let acc = page(&store);
        {
            let mut b = store.begin_import(1).unwrap();
            b.expect_inbox_rows(DEFER_INDEXES_FROM).unwrap();
            assert!(!b.deferred_indexes.is_empty());
            b.inbox_item(&item(acc, 0)).unwrap();
            // Dropped without commit: rolled back, indexes and all.
        }
        assert_eq!(index_count(&store), indexes);
        let mut b = store.begin_import(1).unwrap();
        b.expect_inbox_rows(DEFER_INDEXES_FROM).unwrap();
        for i in 0..3 {
            assert_eq!(b.inbox_item(&item(acc, i)).unwrap(), Change::New);
        }
        assert_eq!(b.inbox_item(&item(acc, 1)).unwrap(), Change::Unchanged);
        b.commit().unwrap();
        assert_eq!(index_count(&store), indexes);
        assert_eq!(store.inbox().count_open(None).unwrap(), 3);
        let hits: i64 = store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM inbox_fts WHERE inbox_fts MATCH 'hello'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hits, 3);
    }
}
