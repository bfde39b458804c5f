//! Triage of every item a filter shows, set-based: one transaction, no rows read into memory.
//! The items' states before the change are copied into a temporary table under a step number
//! (this connection's only, gone when the app closes), and undo puts them back from there in
//! one statement, keeping the states it replaces under a new step for redo.

use rusqlite::types::Value;
use rusqlite::{Connection, params};

use super::StoreResult;
use super::inbox::{Inbox, InboxFilter};
use super::inbox_query::filter_where;
use crate::domain::InboxStatus;

/// A bulk change that can be taken back: its step in the undo table and how many items it
/// changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkStep {
    pub step: i64,
    pub count: usize,
}

fn ensure_table(conn: &Connection) -> StoreResult<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS inbox_undo (
             step INTEGER NOT NULL, id INTEGER NOT NULL, status TEXT NOT NULL,
             handled_at INTEGER, labels TEXT NOT NULL, escalation_note TEXT,
             PRIMARY KEY (step, id)) WITHOUT ROWID",
    )?;
    Ok(())
}

fn next_step(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(step), 0) + 1 FROM temp.inbox_undo",
        [],
        |r| r.get(0),
    )?)
}

/// Copies the state of the items `cond` selects into the undo table under `step`.
fn snapshot(conn: &Connection, step: i64, cond: &str, args: Vec<Value>) -> StoreResult<usize> {
    let mut all = vec![Value::Integer(step)];
    all.extend(args);
    // The filter's own `?n` were numbered from 1: shift them past the step.
    let cond = renumber(cond, 1);
    let n = conn
        .prepare(&format!(
            "INSERT INTO temp.inbox_undo (step, id, status, handled_at, labels, escalation_note)
             SELECT ?1, i.id, i.status, i.handled_at, i.labels, i.escalation_note
               FROM inbox_items i WHERE {cond}"
        ))?
        .execute(rusqlite::params_from_iter(all))?;
    Ok(n)
}

/// `?3` → `?{3 + by}` for every numbered parameter of `sql`.
fn renumber(sql: &str, by: usize) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '?' {
            let mut digits = String::new();
            while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(*d);
                chars.next();
            }
            match digits.parse::<usize>() {
                Ok(n) => out.push_str(&(n + by).to_string()),
                Err(_) => out.push_str(&digits),
            }
        }
    }
    out
}

impl Inbox<'_> {
    /// The transaction of a bulk change, and the step its snapshot goes under.
    fn begin_bulk(&self) -> StoreResult<(rusqlite::Transaction<'_>, i64)> {
        let conn = self.conn();
        ensure_table(conn)?;
        let tx = conn.unchecked_transaction()?;
        let step = next_step(&tx)?;
        Ok((tx, step))
    }

    /// Sets the status of every item `filter` shows, in one transaction.
    pub fn bulk_set_status(
        &self,
        filter: &InboxFilter,
        status: InboxStatus,
        note: Option<&str>,
        now: i64,
    ) -> StoreResult<BulkStep> {
        let (tx, step) = self.begin_bulk()?;
        let mut args = Vec::new();
        let mut cond = filter_where(&tx, filter, &mut args)?;
        if note.is_none() {
            // Items already so are not changed (nor recorded, nor undone).
            args.push(Value::Text(status.as_str().into()));
            cond.push_str(&format!(" AND i.status != ?{}", args.len()));
        }
        let count = snapshot(&tx, step, &cond, args)?;
        let handled: Option<i64> = (!status.is_open()).then_some(now);
        tx.execute(
            "UPDATE inbox_items SET status = ?2, handled_at = ?3,
                    escalation_note = COALESCE(?4, escalation_note)
              WHERE id IN (SELECT id FROM temp.inbox_undo WHERE step = ?1)",
            params![step, status.as_str(), handled, note],
        )?;
        tx.execute(
            "INSERT INTO inbox_events (item_id, at, action, detail)
             SELECT id, ?2, ?3, ?4 FROM temp.inbox_undo WHERE step = ?1",
            params![step, now, status.as_str(), note.unwrap_or("")],
        )?;
        tx.commit()?;
        Ok(BulkStep { step, count })
    }

    /// Adds `label` to every item `filter` shows that lacks it, in one transaction.
    pub fn bulk_add_label(
        &self,
        filter: &InboxFilter,
        label: &str,
        now: i64,
    ) -> StoreResult<BulkStep> {
        let (tx, step) = self.begin_bulk()?;
        let mut args = Vec::new();
        let mut cond = filter_where(&tx, filter, &mut args)?;
        args.push(Value::Text(label.to_string()));
        cond.push_str(&format!(
            " AND instr(',' || lower(i.labels) || ',', ',' || lower(?{}) || ',') = 0",
            args.len()
        ));
        let count = snapshot(&tx, step, &cond, args)?;
        tx.execute(
            "UPDATE inbox_items
                SET labels = CASE labels WHEN '' THEN ?2 ELSE labels || ',' || ?2 END
              WHERE id IN (SELECT id FROM temp.inbox_undo WHERE step = ?1)",
            params![step, label],
        )?;
        tx.execute(
            "INSERT INTO inbox_events (item_id, at, action, detail)
             SELECT u.id, ?2, 'labels', i.labels
               FROM temp.inbox_undo u JOIN inbox_items i ON i.id = u.id WHERE u.step = ?1",
            params![step, now],
        )?;
        tx.commit()?;
        Ok(BulkStep { step, count })
    }

    /// Puts the items of a bulk step back as they were (undo, or redo of an undo), in one
    /// transaction; returns the step that holds what it replaced.
    pub fn bulk_restore(&self, step: i64, now: i64) -> StoreResult<BulkStep> {
        let (tx, back) = self.begin_bulk()?;
        let count = tx.execute(
            "INSERT INTO temp.inbox_undo (step, id, status, handled_at, labels, escalation_note)
             SELECT ?2, i.id, i.status, i.handled_at, i.labels, i.escalation_note
               FROM temp.inbox_undo u JOIN inbox_items i ON i.id = u.id WHERE u.step = ?1",
            params![step, back],
        )?;
        tx.execute(
            "UPDATE inbox_items SET status = u.status, handled_at = u.handled_at,
                    escalation_note = u.escalation_note
               FROM temp.inbox_undo u WHERE u.step = ?1 AND u.id = inbox_items.id",
            params![step],
        )?;
        // Labels apart, and only where they differ: a label change re-indexes the row for
        // search (a trigger), which a status undo need not pay for.
        tx.execute(
            "UPDATE inbox_items SET labels = u.labels
               FROM temp.inbox_undo u
              WHERE u.step = ?1 AND u.id = inbox_items.id AND inbox_items.labels != u.labels",
            params![step],
        )?;
        tx.execute(
            "INSERT INTO inbox_events (item_id, at, action, detail)
             SELECT id, ?2, 'undo', 'back to ' || status FROM temp.inbox_undo WHERE step = ?1",
            params![step, now],
        )?;
        tx.execute("DELETE FROM temp.inbox_undo WHERE step = ?1", params![step])?;
        tx.commit()?;
        Ok(BulkStep { step: back, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::InboxView;
    use crate::store::{NewAccount, NewInboxItem, Store};

    fn seed(n: usize) -> Store {
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
        for i in 0..n {
            let body = if i % 3 == 0 {
                "buy cheap followers"
            } else {
                "nice latte"
            };
            store
                .inbox()
                .add(&NewInboxItem {
                    account_id: acc,
                    platform: "instagram".into(),
                    kind: "comment".into(),
                    external_id: i.to_string(),
                    author_name: format!("a{i}"),
                    body: body.into(),
                    received_at: i as i64,
                    labels: if i == 0 { "vip".into() } else { String::new() },
                    ..Default::default()
                })
                .unwrap();
        }
        store
    }

    fn count(store: &Store, view: InboxView, search: &str) -> usize {
        let f = InboxFilter {
            view,
            account: None,
            search: (!search.is_empty()).then(|| search.to_string()),
        };
        store.inbox().page(&f, None, 1000).unwrap().len()
    }

    #[test]
    fn a_search_marked_spam_comes_back_whole_with_undo_and_goes_again_with_redo() {
        let store = seed(30);
        let f = InboxFilter {
            view: InboxView::Open,
            account: None,
            search: Some("followers".into()),
        };
        let done = store
            .inbox()
            .bulk_set_status(&f, InboxStatus::Spam, None, 7)
            .unwrap();
        assert_eq!(done.count, 10);
        assert_eq!(count(&store, InboxView::Trash, ""), 10);
        assert_eq!(count(&store, InboxView::Open, ""), 20);
        let again = store
            .inbox()
            .bulk_set_status(&f, InboxStatus::Spam, None, 8)
            .unwrap();
        assert_eq!(again.count, 0, "nothing left to change");
        let undo = store.inbox().bulk_restore(done.step, 9).unwrap();
        assert_eq!(undo.count, 10);
        assert_eq!(count(&store, InboxView::Open, ""), 30);
        assert_eq!(count(&store, InboxView::Trash, ""), 0);
        let redo = store.inbox().bulk_restore(undo.step, 10).unwrap();
        assert_eq!(redo.count, 10);
        assert_eq!(count(&store, InboxView::Trash, "followers"), 10);
    }

    #[test]
    fn a_bulk_label_is_searchable_and_undone_as_one() {
        let store = seed(9);
        let all = InboxFilter::default();
        let step = store.inbox().bulk_add_label(&all, "promo", 5).unwrap();
        assert_eq!(step.count, 9);
        assert_eq!(count(&store, InboxView::Open, "#promo"), 9);
        let first = store.inbox().page(&all, None, 50).unwrap();
        assert!(first.iter().any(|r| r.labels == "vip,promo"));
        store.inbox().bulk_restore(step.step, 6).unwrap();
        assert_eq!(count(&store, InboxView::Open, "#promo"), 0);
        assert_eq!(count(&store, InboxView::Open, "#vip"), 1);
    }

    #[test]
    fn parameters_move_past_the_step() {
        assert_eq!(
            renumber("a = ?1 AND b IN (?2, ?10) AND c = ?", 1),
            "a = ?2 AND b IN (?3, ?11) AND c = ?"
        );
    }
}
