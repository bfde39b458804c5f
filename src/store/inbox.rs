use rusqlite::{Connection, ToSql, params};
use serde::Serialize;

use super::filter::{and_eq, bind};
use super::{StoreError, StoreResult};
use crate::domain::{InboxKind, InboxStatus, InboxView};

/// An inbox item as the queue shows it, joined with its account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InboxRow {
    pub id: i64,
    pub account_id: i64,
    pub platform: String,
    pub handle: String,
    pub kind: String,
    pub external_id: String,
    pub thread_key: Option<String>,
    pub post_id: Option<i64>,
    pub author_name: String,
    pub author_handle: Option<String>,
    pub body: String,
    pub received_at: i64,
    pub status: String,
    pub priority: i64,
    pub priority_reason: String,
    pub sentiment: Option<f64>,
    pub labels: String,
    pub reply_text: Option<String>,
    pub replied_at: Option<i64>,
    pub handled_at: Option<i64>,
    /// The sort key of the page order, kept so that the next page starts after this row.
    #[serde(skip)]
    pub queue_key: i64,
}

/// What to show: a view (status group), optionally one account, optionally a search.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxFilter {
    pub view: InboxView,
    pub account: Option<i64>,
    pub search: Option<String>,
}

impl Default for InboxFilter {
    fn default() -> Self {
        Self {
            view: InboxView::Open,
            account: None,
            search: None,
        }
    }
}

/// Where the next page starts: the last row of the previous page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InboxCursor {
    pub key: i64,
    pub id: i64,
}

impl InboxRow {
    /// The keyset cursor for the page after this row, in `view`'s order (search pages go by
    /// id alone, which this also carries).
    pub fn cursor(&self, view: InboxView) -> InboxCursor {
        let key = if view == InboxView::Open {
            self.queue_key
        } else {
            self.received_at
        };
        InboxCursor { key, id: self.id }
    }
}

#[derive(Debug, Clone, Default)]
pub struct NewInboxItem {
    pub account_id: i64,
    pub platform: String,
    pub kind: String,
    pub external_id: String,
    pub thread_key: Option<String>,
    pub post_id: Option<i64>,
    pub author_name: String,
    pub author_handle: Option<String>,
    pub body: String,
    pub received_at: i64,
    pub from_self: bool,
    pub status: String,
    pub priority: i64,
    pub priority_reason: String,
    pub sentiment: Option<f64>,
    pub labels: String,
}

pub struct Inbox<'a> {
    pub(super) conn: &'a Connection,
}

pub(super) const SELECT_ITEM: &str = "SELECT i.id, i.account_id, i.platform, a.handle, i.kind, \
     i.external_id, i.thread_key, i.post_id, i.author_name, i.author_handle, i.body, \
     i.received_at, i.status, i.priority, i.priority_reason, i.sentiment, i.labels, i.reply_text, \
     i.replied_at, i.handled_at, i.queue_key FROM inbox_items i JOIN accounts a ON a.id = i.account_id";

pub(super) fn item_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<InboxRow> {
    Ok(InboxRow {
        id: r.get(0)?,
        account_id: r.get(1)?,
        platform: r.get(2)?,
        handle: r.get(3)?,
        kind: r.get(4)?,
        external_id: r.get(5)?,
        thread_key: r.get(6)?,
        post_id: r.get(7)?,
        author_name: r.get(8)?,
        author_handle: r.get(9)?,
        body: r.get(10)?,
        received_at: r.get(11)?,
        status: r.get(12)?,
        priority: r.get(13)?,
        priority_reason: r.get(14)?,
        sentiment: r.get(15)?,
        labels: r.get(16)?,
        reply_text: r.get(17)?,
        replied_at: r.get(18)?,
        handled_at: r.get(19)?,
        queue_key: r.get(20)?,
    })
}

/// The WHERE terms and ORDER BY of a view. Each matches one index exactly (see 0001_init.sql),
/// so a page is an index walk of `limit` rows at any table size.
pub(super) fn view_sql(view: InboxView) -> (&'static str, &'static str, &'static str) {
    // (condition, keyset comparison, order)
    match view {
        InboxView::Open => (
            "i.status IN ('new', 'escalated') AND i.from_self = 0",
            "(i.queue_key, i.id) > (?1, ?2)",
            "i.queue_key, i.id",
        ),
        InboxView::Escalated => (
            "i.status = 'escalated'",
            "(i.received_at, i.id) > (?1, ?2)",
            "i.received_at, i.id",
        ),
        InboxView::Done => (
            "i.shelf = 'done'",
            "(i.received_at, i.id) < (?1, ?2)",
            "i.received_at DESC, i.id DESC",
        ),
        InboxView::Trash => (
            "i.shelf = 'trash'",
            "(i.received_at, i.id) < (?1, ?2)",
            "i.received_at DESC, i.id DESC",
        ),
        InboxView::All => (
            "i.from_self = 0",
            "(i.received_at, i.id) < (?1, ?2)",
            "i.received_at DESC, i.id DESC",
        ),
    }
}

/// Which way a page reads from its cursor.
#[derive(Clone, Copy)]
pub(super) enum Seek {
    After,
    AtOrAfter,
    Before,
}

impl Seek {
    /// The keyset comparison and order for this direction. The view's own comparison reads
    /// forward; seeking back flips it and the order (the caller reverses the rows), so every
    /// direction is one range of the same index.
    pub(super) fn apply(self, keyset: &str, order: &str) -> (String, String) {
        match self {
            Seek::After => (keyset.to_string(), order.to_string()),
            Seek::AtOrAfter => (
                keyset.replace(") > (", ") >= (").replace(") < (", ") <= ("),
                order.to_string(),
            ),
            Seek::Before => (flip(keyset), reverse_order(order)),
        }
    }
}

/// `(a, b) > (?1, ?2)` → `(a, b) < (?1, ?2)` and the reverse.
fn flip(keyset: &str) -> String {
    if keyset.contains(") > (") {
        keyset.replace(") > (", ") < (")
    } else {
        keyset.replace(") < (", ") > (")
    }
}

/// `a, b` → `a DESC, b DESC` and `a DESC, b DESC` → `a, b`.
fn reverse_order(order: &str) -> String {
    order
        .split(", ")
        .map(|col| match col.strip_suffix(" DESC") {
            Some(c) => c.to_string(),
            None => format!("{col} DESC"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A cursor that sorts before every row of the view.
pub(super) fn start_cursor(view: InboxView) -> InboxCursor {
    match view {
        InboxView::Open | InboxView::Escalated => InboxCursor {
            key: i64::MIN,
            id: i64::MIN,
        },
        _ => InboxCursor {
            key: i64::MAX,
            id: i64::MAX,
        },
    }
}

impl<'a> Inbox<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    pub(crate) fn conn(&self) -> &'a Connection {
        self.conn
    }

    /// One page of the queue in the view's order, starting after `after`.
    pub fn page(
        &self,
        filter: &InboxFilter,
        after: Option<InboxCursor>,
        limit: usize,
    ) -> StoreResult<Vec<InboxRow>> {
        self.keyset_page(filter, after, Seek::After, limit)
    }

    /// One page in the view's order starting at `first` itself (when it is still in the view):
    /// re-reading a window of the queue from where it began.
    pub fn page_from(
        &self,
        filter: &InboxFilter,
        first: InboxCursor,
        limit: usize,
    ) -> StoreResult<Vec<InboxRow>> {
        self.keyset_page(filter, Some(first), Seek::AtOrAfter, limit)
    }

    /// The page that comes just before `before`, in the view's order: scrolling back up past
    /// the rows a window holds.
    pub fn page_before(
        &self,
        filter: &InboxFilter,
        before: InboxCursor,
        limit: usize,
    ) -> StoreResult<Vec<InboxRow>> {
        let mut rows = self.keyset_page(filter, Some(before), Seek::Before, limit)?;
        rows.reverse();
        Ok(rows)
    }

    fn keyset_page(
        &self,
        filter: &InboxFilter,
        cursor: Option<InboxCursor>,
        seek: Seek,
        limit: usize,
    ) -> StoreResult<Vec<InboxRow>> {
        // A search or filter terms: their own pages (store::inbox_query).
        let query = super::inbox_query::query_of(filter);
        if !query.is_empty() || query.newest {
            return self.query_page(filter, &query, cursor, seek, limit);
        }
        let (cond, keyset, order) = view_sql(filter.view);
        let cursor = cursor.unwrap_or_else(|| start_cursor(filter.view));
        let (keyset, order) = seek.apply(keyset, order);
        let mut sql = format!("{SELECT_ITEM} WHERE {cond} AND {keyset}");
        let mut args: Vec<&dyn ToSql> = vec![&cursor.key, &cursor.id];
        // Separate SQL text per filter (not `?x IS NULL OR ...`) so the planner can pick the
        // matching index; values are still bound.
        if let Some(account) = filter.account.as_ref() {
            // All shelves, or the escalated items, of one account have no index in time
            // order: the (account, shelf, time) one would read all the account's items and
            // sort them. Walking the time index (or the escalated one) and checking the
            // account (`+` keeps the planner off the account's index) reads a few pages' worth.
            sql.push_str(
                if matches!(filter.view, InboxView::All | InboxView::Escalated) {
                    " AND +i.account_id = ?3"
                } else {
                    " AND i.account_id = ?3"
                },
            );
            args.push(account);
        }
        sql.push_str(&format!(" ORDER BY {order} LIMIT {}", limit.min(10_000)));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(args.as_slice(), item_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Open items needing triage (new or escalated, not sent by the account itself).
    pub fn count_open(&self, account: Option<i64>) -> StoreResult<i64> {
        self.count_open_at_least(i64::MIN, account)
    }

    /// Items handled (done, hidden, spam, replied) at or after `since`: Today's "handled" line.
    pub fn count_handled_since(&self, since: i64, account: Option<i64>) -> StoreResult<i64> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT COUNT(*) FROM inbox_items WHERE handled_at >= ?1{}",
            and_eq("account_id", 2, account.is_some())
        ))?;
        let args = bind(vec![&since], &account);
        Ok(stmt.query_row(args.as_slice(), |r| r.get(0))?)
    }

    /// Open items at a given priority or above (e.g. unanswered negative ones), from the
    /// counts the triggers of schema v13 keep: a sum over a few rows, whatever the queue's size.
    pub fn count_open_at_least(&self, priority: i64, account: Option<i64>) -> StoreResult<i64> {
        self.sum_open_counts("priority >= ?1", priority, account)
    }

    /// Sums `inbox_open_counts` over the rows matching `cond` (with `?1` bound to `value`),
    /// for one account or all.
    pub(crate) fn sum_open_counts(
        &self,
        cond: &str,
        value: impl rusqlite::ToSql,
        account: Option<i64>,
    ) -> StoreResult<i64> {
        let mut sql = format!("SELECT COALESCE(SUM(n), 0) FROM inbox_open_counts WHERE {cond}");
        if account.is_some() {
            sql.push_str(" AND account_id = ?2");
        }
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let n = match account {
            Some(a) => stmt.query_row(params![value, a], |r| r.get(0))?,
            None => stmt.query_row(params![value], |r| r.get(0))?,
        };
        Ok(n)
    }

    /// Where the kept open counts differ from the items themselves (`smmdeck check`): one line
    /// per (account, status, priority) that is off, empty when they agree.
    pub fn open_counts_drift(&self) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "WITH counted AS (
                 SELECT account_id, status, priority, COUNT(*) AS n FROM inbox_items
                  WHERE status IN ('new', 'escalated') AND from_self = 0
                  GROUP BY account_id, status, priority),
             kept AS (SELECT account_id, status, priority, n FROM inbox_open_counts WHERE n != 0)
             SELECT c.account_id, c.status, c.priority, c.n, COALESCE(k.n, 0)
               FROM counted c LEFT JOIN kept k USING (account_id, status, priority)
              WHERE k.n IS NULL OR k.n != c.n
             UNION ALL
             SELECT k.account_id, k.status, k.priority, 0, k.n
               FROM kept k LEFT JOIN counted c USING (account_id, status, priority)
              WHERE c.n IS NULL",
        )?;
        let lines = stmt
            .query_map([], |r| {
                Ok(format!(
                    "inbox counts: account {} {} priority {}: {} items, {} kept",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?
                ))
            })?
            .collect::<Result<_, _>>()?;
        Ok(lines)
    }

    pub fn get(&self, id: i64) -> StoreResult<InboxRow> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_ITEM} WHERE i.id = ?1"))?;
        let mut rows = stmt.query_map([id], item_from_row)?;
        rows.next()
            .transpose()?
            .ok_or_else(|| StoreError::NotFound(format!("inbox item {id}")))
    }

    /// Adds one item and indexes it for search. Returns None when the platform id is known.
    pub fn add(&self, item: &NewInboxItem) -> StoreResult<Option<i64>> {
        let tx = self.conn.unchecked_transaction()?;
        let id = insert_item(&tx, item)?;
        if let Some(id) = id {
            index_item(&tx, id)?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Sets an item's status and records it in the item's history.
    pub fn set_status(&self, id: i64, status: InboxStatus, now: i64) -> StoreResult<()> {
        let tx = self.conn.unchecked_transaction()?;
        let handled: Option<i64> = (!status.is_open()).then_some(now);
        let changed = tx.execute(
            "UPDATE inbox_items SET status = ?2, handled_at = ?3 WHERE id = ?1",
            params![id, status.as_str(), handled],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("inbox item {id}")));
        }
        tx.execute(
            "INSERT INTO inbox_events (item_id, at, action) VALUES (?1, ?2, ?3)",
            params![id, now, status.as_str()],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// Inserts one item; None when (platform, external_id) is already stored.
pub(crate) fn insert_item(conn: &Connection, item: &NewInboxItem) -> StoreResult<Option<i64>> {
    // The schema's CHECKs on kind and status, here too: a large import writes with SQLite's
    // off (`ImportBatch::with_checks_in_store`).
    let status = if item.status.is_empty() {
        "new"
    } else {
        item.status.as_str()
    };
    if InboxKind::parse(&item.kind).is_none() || InboxStatus::parse(status).is_none() {
        return Err(StoreError::Invalid(format!(
            "an inbox item of kind {:?} and status {status:?}: not one the inbox knows",
            item.kind
        )));
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO inbox_items (account_id, platform, kind, external_id, thread_key, post_id,
             author_name, author_handle, body, received_at, from_self, status, priority,
             priority_reason, sentiment, labels)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT (platform, external_id) DO NOTHING",
    )?;
    let n = stmt.execute(params![
        item.account_id,
        item.platform,
        item.kind,
        item.external_id,
        item.thread_key,
        item.post_id,
        item.author_name,
        item.author_handle,
        item.body,
        item.received_at,
        item.from_self,
        status,
        item.priority,
        item.priority_reason,
        item.sentiment,
        item.labels
    ])?;
    Ok((n == 1).then(|| conn.last_insert_rowid()))
}

/// Adds one stored item to the search index (and to the open queue's, when it is open).
pub(crate) fn index_item(conn: &Connection, id: i64) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO inbox_fts (rowid, author_name, author_handle, body, labels)
         SELECT id, author_name, author_handle, body, labels FROM inbox_items WHERE id = ?1",
    )?
    .execute([id])?;
    conn.prepare_cached(&format!("{INDEX_OPEN} AND i.id = ?1"))?
        .execute([id])?;
    Ok(())
}

/// Item ids below this fit the open search index's key (`queue_key * OPEN_KEY_IDS + id`,
/// migration 0015); larger ones are left out of it and searched the old way.
pub(crate) const OPEN_KEY_IDS: i64 = 1 << 26;

/// Adds open items to the open queue's search index under their queue key, skipping keys it
/// holds already (a trigger indexes a row that changes before its batch indexes it). Callers
/// append the rows' condition (`AND i.id ...`): `+` keeps the planner on that id range rather
/// than the open queue's partial index, which would read every open item for a small batch.
const INDEX_OPEN: &str =
    "INSERT INTO inbox_open_fts (rowid, author_name, author_handle, body, labels)
     SELECT i.queue_key * 67108864 + i.id, i.author_name, i.author_handle, i.body, i.labels
       FROM inbox_items i
      WHERE i.status IN ('new', 'escalated') AND +i.from_self = 0 AND i.id < 67108864
        AND NOT EXISTS (SELECT 1 FROM inbox_open_fts_docsize d
                         WHERE d.id = i.queue_key * 67108864 + i.id)";

/// Indexes every item with an id above `after` in one pass (after a bulk insert). With
/// `some_indexed`, rows already in the index (written by `Bulk::add_inbox_item_indexed`) are
/// skipped: indexing one twice would corrupt it.
pub(crate) fn index_items_after(
    conn: &Connection,
    after: i64,
    some_indexed: bool,
) -> StoreResult<()> {
    let sql = if some_indexed {
        "INSERT INTO inbox_fts (rowid, author_name, author_handle, body, labels)
         SELECT id, author_name, author_handle, body, labels FROM inbox_items i
          WHERE id > ?1 AND NOT EXISTS (SELECT 1 FROM inbox_fts_docsize d WHERE d.id = i.id)"
    } else {
        "INSERT INTO inbox_fts (rowid, author_name, author_handle, body, labels)
         SELECT id, author_name, author_handle, body, labels FROM inbox_items WHERE id > ?1"
    };
    conn.execute(sql, [after])?;
    // In key order: FTS5 writes out what it holds whenever a key comes below the one before,
    // so a batch taken in id order (queue keys up and down) was written out row by row and
    // merged over and over (a million open items: 15 s, and 5 s in key order).
    conn.execute(
        &format!("{INDEX_OPEN} AND i.id > ?1 ORDER BY i.queue_key, i.id"),
        [after],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAccount, Store};

    fn seed() -> (Store, i64) {
        let store = Store::open_in_memory().unwrap();
        let acc = store
            .accounts()
            .add(
                &NewAccount {
                    platform: "instagram".into(),
                    handle: "lumen".into(),
                    ..Default::default()
                },
                0,
            )
            .unwrap();
        let items = [
            ("a", "Anna", "Де моє замовлення?", 100, 2, "new"),
            ("b", "Bob", "This is awful, cold coffee", 200, 3, "new"),
            ("c", "Cleo", "Love it ☕", 50, 1, "new"),
            ("d", "Dan", "ok thanks", 10, 1, "done"),
            ("e", "Eve", "buy followers http://x", 20, 0, "spam"),
        ];
        for (ext, author, body, at, prio, status) in items {
            store
                .inbox()
                .add(&NewInboxItem {
                    account_id: acc,
                    platform: "instagram".into(),
                    kind: "comment".into(),
                    external_id: ext.into(),
                    author_name: author.into(),
                    body: body.into(),
                    received_at: at,
                    status: status.into(),
                    priority: prio,
                    ..Default::default()
                })
                .unwrap();
        }
        (store, acc)
    }

    fn authors(rows: &[InboxRow]) -> Vec<&str> {
        rows.iter().map(|r| r.author_name.as_str()).collect()
    }

    #[test]
    fn open_queue_is_urgent_first_then_oldest() {
        let (store, acc) = seed();
        let f = InboxFilter::default();
        let all = store.inbox().page(&f, None, 10).unwrap();
        assert_eq!(authors(&all), ["Bob", "Anna", "Cleo"]);
        let first = store.inbox().page(&f, None, 1).unwrap();
        let rest = store
            .inbox()
            .page(&f, Some(first[0].cursor(f.view)), 10)
            .unwrap();
        assert_eq!(authors(&rest), ["Anna", "Cleo"]);
        assert_eq!(store.inbox().count_open(None).unwrap(), 3);
        assert_eq!(store.inbox().count_open(Some(acc)).unwrap(), 3);
        assert_eq!(store.inbox().count_open(Some(acc + 1)).unwrap(), 0);
        assert_eq!(store.inbox().count_open_at_least(3, None).unwrap(), 1);
        assert_eq!(store.inbox().count_open_at_least(2, Some(acc)).unwrap(), 2);
    }

    #[test]
    fn views_and_search() {
        let (store, _) = seed();
        let page = |view, search: Option<&str>| {
            let f = InboxFilter {
                view,
                account: None,
                search: search.map(String::from),
            };
            authors(&store.inbox().page(&f, None, 10).unwrap()).join(",")
        };
        assert_eq!(page(InboxView::Done, None), "Dan");
        assert_eq!(page(InboxView::Trash, None), "Eve");
        assert_eq!(page(InboxView::All, None), "Bob,Anna,Cleo,Eve,Dan");
        assert_eq!(page(InboxView::All, Some("замовлення")), "Anna");
        assert_eq!(page(InboxView::Open, Some("COFF")), "Bob");
        assert_eq!(page(InboxView::Open, Some("\"*:-")), "");
    }

    #[test]
    fn set_status_moves_between_views_and_dedupes() {
        let (store, acc) = seed();
        let bob = store
            .inbox()
            .page(&InboxFilter::default(), None, 1)
            .unwrap()
            .remove(0);
        store
            .inbox()
            .set_status(bob.id, InboxStatus::Done, 999)
            .unwrap();
        let got = store.inbox().get(bob.id).unwrap();
        assert_eq!((got.status.as_str(), got.handled_at), ("done", Some(999)));
        assert_eq!(store.inbox().count_open(None).unwrap(), 2);
        let dup = NewInboxItem {
            account_id: acc,
            platform: "instagram".into(),
            kind: "comment".into(),
            external_id: "a".into(),
            ..Default::default()
        };
        assert_eq!(store.inbox().add(&dup).unwrap(), None);
        assert!(
            store
                .inbox()
                .set_status(4242, InboxStatus::Done, 1)
                .is_err()
        );
    }

    /// The kept open counts follow every kind of write: the store's own, plain SQL, and the
    /// rows an account's deletion cascades to; the overdue count built on them matches a count
    /// of the rows themselves.
    #[test]
    fn kept_open_counts_follow_every_write() {
        let (store, acc) = seed();
        let inbox = store.inbox();
        let counted = |sql: &str| -> i64 {
            store
                .conn
                .query_row(
                    &format!(
                        "SELECT COUNT(*) FROM inbox_items WHERE status IN ('new', 'escalated')
                            AND from_self = 0 {sql}"
                    ),
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let agree = || {
            assert_eq!(inbox.open_counts_drift().unwrap(), Vec::<String>::new());
            assert_eq!(inbox.count_open(None).unwrap(), counted(""));
            assert_eq!(inbox.count_open(Some(acc)).unwrap(), counted(""));
            assert_eq!(
                inbox.count_open_at_least(3, None).unwrap(),
                counted("AND priority >= 3")
            );
            assert_eq!(
                inbox.count_escalated(None).unwrap(),
                counted("AND status = 'escalated'")
            );
            // Within target: received at 60 or later whatever the priority.
            assert_eq!(
                inbox.count_overdue([60; 4], None).unwrap(),
                counted("AND received_at < 60 AND priority <= 3")
            );
        };
        agree();
        let ids: Vec<i64> = store
            .conn
            .prepare("SELECT id FROM inbox_items ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        inbox.set_status(ids[0], InboxStatus::Escalated, 5).unwrap();
        agree();
        assert_eq!(inbox.count_escalated(Some(acc)).unwrap(), 1);
        for sql in [
            "UPDATE inbox_items SET priority = 3 WHERE id = ?1",
            "UPDATE inbox_items SET from_self = 1 WHERE id = ?1",
            "UPDATE inbox_items SET from_self = 0, status = 'new' WHERE id = ?1",
            "UPDATE inbox_items SET status = 'spam', priority = 0 WHERE id = ?1",
            "DELETE FROM inbox_items WHERE id = ?1",
        ] {
            for id in &ids[1..4] {
                store.conn.execute(sql, [id]).unwrap();
                agree();
            }
        }
        store
            .conn
            .execute("UPDATE inbox_items SET status = 'new'", [])
            .unwrap();
        agree();
        assert!(inbox.count_open(None).unwrap() > 0);
        store
            .conn
            .execute("DELETE FROM accounts WHERE id = ?1", [acc])
            .unwrap();
        agree();
        assert_eq!(inbox.count_open(None).unwrap(), 0);
    }
}
