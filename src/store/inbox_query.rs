//! The inbox's search and filters in SQL (`domain::inbox_query` says what they mean). Pages
//! keep the view's order. A search in the open queue is driven by the open queue's own search
//! index (migration 0015), whose rowids are the queue's order: a page is its first matches.
//! Filter terms without text walk the view's index and check the terms on the rows it meets.
//! `order:newest` and the newest-first views let the whole search index drive, in its own
//! order, so a common word costs one page. Counts for the header are SQL counts of the same
//! terms, capped so that a huge match stays cheap.

use rusqlite::Connection;
use rusqlite::types::Value;

use super::StoreResult;
use super::inbox::{
    Inbox, InboxCursor, InboxFilter, InboxRow, OPEN_KEY_IDS, SELECT_ITEM, Seek, item_from_row,
    start_cursor, view_sql,
};
use crate::domain::InboxView;
use crate::domain::inbox_query::InboxQuery;

/// Counts above this are shown as "10000+": counting a whole million-row view would cost a
/// scan on every refresh.
pub const COUNT_CAP: i64 = 10_000;

/// What the inbox header counts for the current view and filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FilterCounts {
    /// Items the view and filter show (at most `COUNT_CAP` + 1 when `capped`).
    pub shown: i64,
    pub capped: bool,
    /// Of those, escalated, and open past their response target.
    pub escalated: i64,
    pub overdue: i64,
}

/// The query a filter's search text asks for. Text that does not parse as terms is searched
/// as plain words (the tab checks what the user types and says what is wrong).
pub(super) fn query_of(filter: &InboxFilter) -> InboxQuery {
    let text = filter.search.as_deref().unwrap_or("");
    InboxQuery::parse(text).unwrap_or_else(|_| InboxQuery {
        words: text.split_whitespace().map(str::to_lowercase).collect(),
        ..Default::default()
    })
}

/// Whether the page runs newest first (by the search index when there is text).
fn newest_first(view: InboxView, q: &InboxQuery) -> bool {
    q.newest || matches!(view, InboxView::Done | InboxView::Trash | InboxView::All)
}

/// A quoted prefix term: quoting makes FTS syntax plain text, so no input can fail.
fn term(w: &str) -> Option<String> {
    let w = w.replace('"', "");
    (!w.trim().is_empty()).then(|| format!("\"{w}\"*"))
}

/// The search-index part of a query: free words in any column, labels in the labels column,
/// handles in the handle column; every part required.
fn fts_match(q: &InboxQuery) -> Option<String> {
    let mut parts: Vec<String> = q.words.iter().filter_map(|w| term(w)).collect();
    parts.extend(
        q.labels
            .iter()
            .filter_map(|l| term(l).map(|t| format!("labels : {t}"))),
    );
    parts.extend(
        q.handles
            .iter()
            .filter_map(|h| term(h).map(|t| format!("author_handle : {t}"))),
    );
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// Whether the open queue's search index holds every open item: it leaves out ids from
/// `OPEN_KEY_IDS` up (its key has no room for them), and while one exists the open queue is
/// searched through the whole index instead. One read of the table's last rowid.
pub(super) fn open_index_whole(conn: &Connection) -> StoreResult<bool> {
    let max: i64 = conn
        .prepare_cached("SELECT COALESCE(MAX(id), 0) FROM inbox_items")?
        .query_row([], |r| r.get(0))?;
    Ok(max < OPEN_KEY_IDS)
}

/// The open search index's key for a queue position: its rowid order is the queue's order.
/// Clamped, so that a cursor beyond any key bounds the same rows.
fn open_key(c: InboxCursor) -> i64 {
    let k = i128::from(c.key) * i128::from(OPEN_KEY_IDS) + i128::from(c.id);
    k.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// How a statement uses the search-index part of a query.
#[derive(Clone, Copy, PartialEq)]
enum Text {
    /// The statement joins the index itself (newest-first pages).
    Joined,
    /// A check on the rows a page's index walk meets (`+`: the planner must not drive from
    /// the matches, which would read and sort every one of them for one page).
    Check,
    /// A set the planner may start from or check against (counts, bulk writes over all of it).
    Set,
    /// The same, of the open queue's own index: only the open matches.
    OpenSet,
}

/// The SQL of the terms (the text as `text` says), appended as `AND ...` with their values
/// pushed onto `args` (numbered after what is there).
fn terms_sql(q: &InboxQuery, queue_order: bool, text: Text, args: &mut Vec<Value>) -> String {
    fn bind(v: Value, args: &mut Vec<Value>) -> String {
        args.push(v);
        format!("?{}", args.len())
    }
    let mut sql = String::new();
    if text != Text::Joined
        && let Some(m) = fts_match(q)
    {
        let p = bind(Value::Text(m), args);
        if text == Text::OpenSet {
            sql.push_str(&format!(
                " AND i.id IN (SELECT rowid & {} FROM inbox_open_fts
                                WHERE inbox_open_fts MATCH {p})",
                OPEN_KEY_IDS - 1
            ));
        } else {
            let plus = if text == Text::Check { "+" } else { "" };
            sql.push_str(&format!(
                " AND {plus}i.id IN (SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH {p})"
            ));
        }
    }
    if !q.accounts.is_empty() {
        let p = bind(json(&q.accounts), args);
        // `+`: a filter on the rows the view's index yields, not a reason to leave that index.
        sql.push_str(&format!(
            " AND +i.account_id IN (SELECT id FROM accounts
                 WHERE lower(handle) IN (SELECT value FROM json_each({p})))"
        ));
    }
    if !q.kinds.is_empty() {
        let kinds: Vec<&str> = q.kinds.iter().map(|k| k.as_str()).collect();
        let p = bind(json(&kinds), args);
        sql.push_str(&format!(
            " AND i.kind IN (SELECT value FROM json_each({p}))"
        ));
    }
    if let Some(level) = q.priority {
        let (lo, hi) = level.range();
        if queue_order {
            // The priority is the high part of the queue key: a range of the queue's index.
            let from = bind(Value::Integer((9 - hi) * 10_000_000_000), args);
            let to = bind(Value::Integer((10 - lo) * 10_000_000_000), args);
            sql.push_str(&format!(
                " AND i.queue_key >= {from} AND i.queue_key < {to}"
            ));
        } else {
            let from = bind(Value::Integer(lo), args);
            let to = bind(Value::Integer(hi), args);
            sql.push_str(&format!(" AND i.priority BETWEEN {from} AND {to}"));
        }
    }
    if q.negative {
        sql.push_str(" AND i.priority_reason = 'negative'");
    }
    sql
}

pub(super) fn json<T: serde::Serialize>(v: &T) -> Value {
    Value::Text(serde_json::to_string(v).unwrap_or_else(|_| "[]".into()))
}

/// The global account filter, as the plain pages write it.
fn account_sql(view: InboxView, account: Option<i64>, args: &mut Vec<Value>) -> String {
    match account {
        Some(a) => {
            args.push(Value::Integer(a));
            if matches!(view, InboxView::All | InboxView::Escalated) {
                format!(" AND +i.account_id = ?{}", args.len())
            } else {
                format!(" AND i.account_id = ?{}", args.len())
            }
        }
        None => String::new(),
    }
}

/// The view's condition, keyset and order when newest first: open items by the shelf's time
/// index, escalated ones by theirs read backwards.
fn newest_view_sql(view: InboxView) -> (&'static str, &'static str, &'static str) {
    match view {
        InboxView::Open => (
            "i.shelf = 'open' AND i.from_self = 0",
            "(i.received_at, i.id) < (?1, ?2)",
            "i.received_at DESC, i.id DESC",
        ),
        InboxView::Escalated => (
            "i.status = 'escalated'",
            "(i.received_at, i.id) < (?1, ?2)",
            "i.received_at DESC, i.id DESC",
        ),
        other => view_sql(other),
    }
}

/// The WHERE of every item a filter shows (no page, no order), with its values pushed onto
/// `args`: the header's counts and the bulk actions read the same set the pages show. The open
/// queue's text is its own index's matches (a few thousand, not every item's) when that index
/// is whole (`open_index_whole`).
pub(super) fn filter_where(
    conn: &Connection,
    filter: &InboxFilter,
    args: &mut Vec<Value>,
) -> StoreResult<String> {
    let q = query_of(filter);
    let (cond, _, _) = view_sql(filter.view);
    let mut sql = cond.to_string();
    sql.push_str(&account_sql(filter.view, filter.account, args));
    let open = filter.view == InboxView::Open;
    let text = if open && fts_match(&q).is_some() && open_index_whole(conn)? {
        Text::OpenSet
    } else {
        Text::Set
    };
    sql.push_str(&terms_sql(&q, open, text, args));
    Ok(sql)
}

impl InboxFilter {
    /// Where the page after `row` starts, in this filter's order.
    pub fn cursor(&self, row: &InboxRow) -> InboxCursor {
        let q = query_of(self);
        let key = if self.view == InboxView::Open && !q.newest {
            row.queue_key
        } else {
            row.received_at
        };
        InboxCursor { key, id: row.id }
    }

    /// Whether anything narrows the view (a search or a filter term).
    pub fn is_narrowed(&self) -> bool {
        !query_of(self).is_empty()
    }
}

impl Inbox<'_> {
    /// A page of a searched or filtered view (`keyset_page` sends those here).
    pub(super) fn query_page(
        &self,
        filter: &InboxFilter,
        q: &InboxQuery,
        cursor: Option<InboxCursor>,
        seek: Seek,
        limit: usize,
    ) -> StoreResult<Vec<InboxRow>> {
        let newest = newest_first(filter.view, q);
        if newest && let Some(m) = fts_match(q) {
            return self.text_page(filter, q, m, cursor, seek, limit);
        }
        if filter.view == InboxView::Open
            && let Some(m) = fts_match(q)
            && open_index_whole(self.conn())?
        {
            return self.open_text_page(filter, q, m, cursor, seek, limit);
        }
        let (cond, keyset, order) = if newest {
            newest_view_sql(filter.view)
        } else {
            view_sql(filter.view)
        };
        let start = if newest {
            InboxCursor {
                key: i64::MAX,
                id: i64::MAX,
            }
        } else {
            start_cursor(filter.view)
        };
        let cursor = cursor.unwrap_or(start);
        let (keyset, order) = seek.apply(keyset, order);
        let mut args = vec![Value::Integer(cursor.key), Value::Integer(cursor.id)];
        let mut sql = format!("{SELECT_ITEM} WHERE {cond} AND {keyset}");
        sql.push_str(&account_sql(filter.view, filter.account, &mut args));
        let queue = filter.view == InboxView::Open && !newest;
        sql.push_str(&terms_sql(q, queue, Text::Check, &mut args));
        sql.push_str(&format!(" ORDER BY {order} LIMIT {}", limit.min(10_000)));
        self.rows(&sql, args)
    }

    /// Newest stored first, driven by the search index in its rowid order (no ranking, no
    /// sort): a common word costs one page, not every match.
    fn text_page(
        &self,
        filter: &InboxFilter,
        q: &InboxQuery,
        fts: String,
        cursor: Option<InboxCursor>,
        seek: Seek,
        limit: usize,
    ) -> StoreResult<Vec<InboxRow>> {
        let (cond, _, _) = view_sql(filter.view);
        let id = cursor.map_or(i64::MAX, |c| c.id);
        let (compare, order) = match seek {
            Seek::After => ("<", "DESC"),
            Seek::AtOrAfter => ("<=", "DESC"),
            Seek::Before => (">", "ASC"),
        };
        let args = vec![Value::Text(fts), Value::Integer(id)];
        let sql = format!(
            "{SELECT_ITEM} JOIN inbox_fts ON inbox_fts.rowid = i.id
              WHERE inbox_fts MATCH ?1 AND inbox_fts.rowid {compare} ?2 AND {cond}"
        );
        let order = format!("inbox_fts.rowid {order}");
        self.driven_page(sql, args, filter, q, &order, limit)
    }

    /// The open queue in its order, driven by its own search index (migration 0015), whose
    /// rowid is the queue position: the first matches in rowid order are the page, a keyset
    /// is a rowid range, and only the page's items are read. The other terms are checked on
    /// those rows (a rare term may read all the open matches, a few thousand at most).
    fn open_text_page(
        &self,
        filter: &InboxFilter,
        q: &InboxQuery,
        fts: String,
        cursor: Option<InboxCursor>,
        seek: Seek,
        limit: usize,
    ) -> StoreResult<Vec<InboxRow>> {
        let (cond, _, _) = view_sql(InboxView::Open);
        let mut args = vec![Value::Text(fts)];
        let mut sql = format!(
            "{SELECT_ITEM} JOIN inbox_open_fts f ON i.id = (f.rowid & {})
              WHERE inbox_open_fts MATCH ?1 AND {cond}",
            OPEN_KEY_IDS - 1
        );
        let (compare, order) = match seek {
            Seek::After => (">", "ASC"),
            Seek::AtOrAfter => (">=", "ASC"),
            Seek::Before => ("<", "DESC"),
        };
        if let Some(c) = cursor {
            args.push(Value::Integer(open_key(c)));
            sql.push_str(&format!(" AND f.rowid {compare} ?{}", args.len()));
        }
        self.driven_page(sql, args, filter, q, &format!("f.rowid {order}"), limit)
    }

    /// The rest of a page a search index drives: the account and the other terms checked on
    /// the rows it yields (`+` and not in queue form: an index of theirs would invite the
    /// planner to walk it instead of the matches), in the index's own order.
    fn driven_page(
        &self,
        mut sql: String,
        mut args: Vec<Value>,
        filter: &InboxFilter,
        q: &InboxQuery,
        order: &str,
        limit: usize,
    ) -> StoreResult<Vec<InboxRow>> {
        if let Some(a) = filter.account {
            args.push(Value::Integer(a));
            sql.push_str(&format!(" AND +i.account_id = ?{}", args.len()));
        }
        sql.push_str(&terms_sql(q, false, Text::Joined, &mut args));
        sql.push_str(&format!(" ORDER BY {order} LIMIT {}", limit.min(10_000)));
        self.rows(&sql, args)
    }

    /// The items a page's statement yields, in its order.
    fn rows(&self, sql: &str, args: Vec<Value>) -> StoreResult<Vec<InboxRow>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), item_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The header's counts for a view and filter. `cutoffs[p]`: the received time before
    /// which an open item of priority `p` is overdue. The plain open queue is counted exactly
    /// by index ranges; anything else counts at most `COUNT_CAP` + 1 rows.
    pub fn filter_counts(
        &self,
        filter: &InboxFilter,
        cutoffs: [i64; 4],
    ) -> StoreResult<FilterCounts> {
        let q = query_of(filter);
        if filter.view == InboxView::Open && q.is_empty() {
            let shown = self.count_open(filter.account)?;
            return Ok(FilterCounts {
                shown,
                capped: false,
                escalated: self.count_escalated(filter.account)?,
                overdue: self.count_overdue(cutoffs, filter.account)?,
            });
        }
        let (_, _, order) = view_sql(filter.view);
        let mut args: Vec<Value> = cutoffs.iter().map(|c| Value::Integer(*c)).collect();
        let cond = filter_where(self.conn(), filter, &mut args)?;
        let mut sql = format!(
            "SELECT COUNT(*), COALESCE(SUM(s = 'escalated'), 0),
                    COALESCE(SUM(s IN ('new', 'escalated') AND f = 0 AND r < CASE p
                        WHEN 0 THEN ?1 WHEN 1 THEN ?2 WHEN 2 THEN ?3 ELSE ?4 END), 0)
               FROM (SELECT i.status AS s, i.from_self AS f, i.received_at AS r, i.priority AS p
                       FROM inbox_items i WHERE {cond}"
        );
        // In the view's order, so the capped count is a walk of the view's index.
        sql.push_str(&format!(" ORDER BY {order} LIMIT {})", COUNT_CAP + 1));
        let (shown, escalated, overdue): (i64, i64, i64) = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(args), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        Ok(FilterCounts {
            shown: shown.min(COUNT_CAP),
            capped: shown > COUNT_CAP,
            escalated,
            overdue,
        })
    }

    /// Escalated items of the open queue (the account's own messages are never items), from
    /// the kept counts.
    pub fn count_escalated(&self, account: Option<i64>) -> StoreResult<i64> {
        self.sum_open_counts("status = ?1", "escalated", account)
    }
}

#[cfg(test)]
#[path = "inbox_search_tests.rs"]
mod search_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAccount, NewInboxItem, Store};

    /// A new Instagram account with this handle.
    pub(super) fn account(store: &Store, handle: &str) -> i64 {
        store
            .accounts()
            .add(
                &NewAccount {
                    platform: "instagram".into(),
                    handle: handle.into(),
                    ..Default::default()
                },
                0,
            )
            .unwrap()
    }

    /// Items: (account, kind, author handle, body, received, priority, reason, status, labels).
    fn seed() -> Store {
        let store = Store::open_in_memory().unwrap();
        let acc = |h: &str| account(&store, h);
        let (bikes, cafe) = (acc("pixelbikes"), acc("lumen"));
        let items = [
            (
                bikes,
                "comment",
                "anna.k",
                "Where is my refund?",
                100,
                2,
                "question",
                "new",
                "billing",
            ),
            (
                bikes,
                "dm",
                "bob",
                "This is awful",
                200,
                3,
                "negative",
                "escalated",
                "",
            ),
            (
                cafe,
                "comment",
                "cleo",
                "Love the refund policy",
                50,
                1,
                "",
                "new",
                "billing,vip",
            ),
            (cafe, "review", "dan", "meh", 10, 0, "", "new", ""),
            (
                bikes,
                "comment",
                "eve",
                "refund done, thanks",
                300,
                1,
                "",
                "done",
                "billing",
            ),
        ];
        for (n, (a, kind, handle, body, at, prio, reason, status, labels)) in
            items.into_iter().enumerate()
        {
            store
                .inbox()
                .add(&NewInboxItem {
                    account_id: a,
                    platform: "instagram".into(),
                    kind: kind.into(),
                    external_id: n.to_string(),
                    author_name: handle.to_uppercase(),
                    author_handle: Some(handle.into()),
                    body: body.into(),
                    received_at: at,
                    priority: prio,
                    priority_reason: reason.into(),
                    status: status.into(),
                    labels: labels.into(),
                    ..Default::default()
                })
                .unwrap();
        }
        store
    }

    fn shown(store: &Store, view: InboxView, search: &str) -> String {
        let f = InboxFilter {
            view,
            account: None,
            search: Some(search.into()),
        };
        let rows = store.inbox().page(&f, None, 50).unwrap();
        rows.iter()
            .map(|r| r.author_handle.clone().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(",")
    }

    #[test]
    fn labels_handles_and_terms_find_items_in_the_queue_order() {
        let s = seed();
        let open = InboxView::Open;
        // Urgency order: the question (priority 2) before the plain one (1).
        assert_eq!(shown(&s, open, "#billing"), "anna.k,cleo");
        assert_eq!(shown(&s, open, "label:vip"), "cleo");
        assert_eq!(
            shown(&s, open, "billing"),
            "anna.k,cleo",
            "a free word finds labels"
        );
        assert_eq!(shown(&s, open, "@anna"), "anna.k");
        assert_eq!(
            shown(&s, open, "anna"),
            "anna.k",
            "a free word finds handles"
        );
        assert_eq!(shown(&s, open, "account:lumen"), "cleo,dan");
        assert_eq!(shown(&s, open, "kind:dm"), "bob");
        assert_eq!(shown(&s, open, "sentiment:negative"), "bob");
        assert_eq!(shown(&s, open, "priority:urgent"), "bob");
        assert_eq!(shown(&s, open, "priority:normal"), "anna.k,cleo");
        assert_eq!(shown(&s, open, "priority:low"), "dan");
        assert_eq!(shown(&s, open, "refund"), "anna.k,cleo");
        assert_eq!(shown(&s, open, "refund order:newest"), "cleo,anna.k");
        assert_eq!(
            shown(&s, open, "refund #billing account:pixelbikes"),
            "anna.k"
        );
        assert_eq!(shown(&s, InboxView::All, "#billing"), "eve,cleo,anna.k");
        assert_eq!(
            shown(&s, InboxView::All, "priority:normal"),
            "eve,anna.k,cleo"
        );
        assert_eq!(shown(&s, InboxView::Escalated, "kind:dm"), "bob");
        assert_eq!(shown(&s, InboxView::Done, "#billing"), "eve");
    }

    #[test]
    fn a_new_label_is_found_at_once() {
        let s = seed();
        let dan = s
            .inbox()
            .page(
                &InboxFilter {
                    search: Some("@dan".into()),
                    ..Default::default()
                },
                None,
                5,
            )
            .unwrap()
            .remove(0);
        assert_eq!(shown(&s, InboxView::Open, "#refund"), "");
        s.inbox().set_labels(dan.id, "refund", 1).unwrap();
        assert_eq!(shown(&s, InboxView::Open, "#refund"), "dan");
        s.inbox().set_labels(dan.id, "", 2).unwrap();
        assert_eq!(shown(&s, InboxView::Open, "#refund"), "");
    }

    #[test]
    fn paging_a_filter_keeps_its_order() {
        let s = seed();
        for search in [
            "priority:normal",
            "refund",
            "refund order:newest",
            "order:newest",
        ] {
            let f = InboxFilter {
                view: InboxView::Open,
                account: None,
                search: Some(search.into()),
            };
            let all = s.inbox().page(&f, None, 50).unwrap();
            let mut paged = Vec::new();
            let mut after = None;
            loop {
                let page = s.inbox().page(&f, after, 1).unwrap();
                let Some(last) = page.last() else { break };
                after = Some(f.cursor(last));
                paged.extend(page);
            }
            assert_eq!(paged, all, "{search}");
            assert!(!all.is_empty(), "{search}");
        }
    }

    #[test]
    fn header_counts_follow_the_filter() {
        let s = seed();
        let counts = |view, search: Option<&str>, cutoff: i64| {
            s.inbox()
                .filter_counts(
                    &InboxFilter {
                        view,
                        account: None,
                        search: search.map(String::from),
                    },
                    [cutoff; 4],
                )
                .unwrap()
        };
        let plain = counts(InboxView::Open, None, 150);
        assert_eq!((plain.shown, plain.escalated, plain.overdue), (4, 1, 3));
        let billing = counts(InboxView::Open, Some("#billing"), 150);
        assert_eq!(
            (billing.shown, billing.escalated, billing.overdue),
            (2, 0, 2)
        );
        let dm = counts(InboxView::Escalated, Some("kind:dm"), 250);
        assert_eq!((dm.shown, dm.escalated, dm.overdue), (1, 1, 1));
        let done = counts(InboxView::Done, None, 0);
        assert_eq!((done.shown, done.capped), (1, false));
    }
}
