//! The inbox's writes: triage (status, reply, escalation, labels), undo, and the detail pane's
//! reads about one item (its author's history, its thread, its events).

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::filter::{and_eq, bind};
use super::inbox::Inbox;
use super::{StoreError, StoreResult};
use crate::domain::InboxStatus;

/// What an item looked like before a triage action, so that undo can put it back exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemState {
    pub id: i64,
    pub status: String,
    pub handled_at: Option<i64>,
    pub reply_text: Option<String>,
    pub replied_at: Option<i64>,
    pub labels: String,
    pub escalation_note: Option<String>,
}

/// One line of an item's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemEvent {
    pub at: i64,
    pub action: String,
    pub detail: String,
    /// The inbox rule that made the change; None for a person's.
    pub rule: Option<String>,
}

/// A message of a conversation, or a comment of a comment thread, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThreadMessage {
    pub id: i64,
    pub received_at: i64,
    pub author_name: String,
    pub body: String,
    pub from_self: bool,
    /// A line the platform wrote (a reaction, a call), not a person.
    pub system: bool,
}

/// The post a comment belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemPost {
    pub id: i64,
    pub title: String,
    pub caption: String,
    pub permalink: Option<String>,
}

/// How many items one author sent before, and how many of those were hidden or spam.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct AuthorHistory {
    pub earlier: i64,
    pub hidden: i64,
}

fn event(conn: &Connection, id: i64, now: i64, action: &str, detail: &str) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO inbox_events (item_id, at, action, detail) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, now, action, detail])?;
    Ok(())
}

impl Inbox<'_> {
    /// The undo snapshot of items, before acting on them.
    pub fn states(&self, ids: &[i64]) -> StoreResult<Vec<ItemState>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, status, handled_at, reply_text, replied_at, labels, escalation_note
               FROM inbox_items WHERE id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let state = stmt
                .query_row([id], |r| {
                    Ok(ItemState {
                        id: r.get(0)?,
                        status: r.get(1)?,
                        handled_at: r.get(2)?,
                        reply_text: r.get(3)?,
                        replied_at: r.get(4)?,
                        labels: r.get(5)?,
                        escalation_note: r.get(6)?,
                    })
                })
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("inbox item {id}")))?;
            out.push(state);
        }
        Ok(out)
    }

    /// Sets the status of several items in one transaction (a bulk triage action).
    pub fn set_status_many(
        &self,
        ids: &[i64],
        status: InboxStatus,
        note: Option<&str>,
        now: i64,
    ) -> StoreResult<usize> {
        let tx = self.conn().unchecked_transaction()?;
        let handled: Option<i64> = (!status.is_open()).then_some(now);
        let mut n = 0;
        for id in ids {
            n += tx
                .prepare_cached(
                    "UPDATE inbox_items SET status = ?2, handled_at = ?3,
                            escalation_note = COALESCE(?4, escalation_note) WHERE id = ?1",
                )?
                .execute(params![id, status.as_str(), handled, note])?;
            event(&tx, *id, now, status.as_str(), note.unwrap_or(""))?;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Stores a reply: the item is done, with the reply text. `replied_at` keeps the first
    /// reply's time (the response time the reports measure), so a second reply leaves it.
    pub fn save_reply(&self, id: i64, text: &str, now: i64) -> StoreResult<()> {
        let tx = self.conn().unchecked_transaction()?;
        let n = tx.execute(
            "UPDATE inbox_items SET reply_text = ?2, replied_at = COALESCE(replied_at, ?3), status = 'done', handled_at = ?3
              WHERE id = ?1",
            params![id, text, now],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("inbox item {id}")));
        }
        event(&tx, id, now, "replied", text)?;
        tx.commit()?;
        Ok(())
    }

    pub fn set_labels(&self, id: i64, labels: &str, now: i64) -> StoreResult<()> {
        let tx = self.conn().unchecked_transaction()?;
        tx.execute(
            "UPDATE inbox_items SET labels = ?2 WHERE id = ?1",
            params![id, labels],
        )?;
        event(&tx, id, now, "labels", labels)?;
        tx.commit()?;
        Ok(())
    }

    /// Puts items back as they were (undo), in one transaction.
    pub fn restore(&self, states: &[ItemState], now: i64) -> StoreResult<()> {
        let tx = self.conn().unchecked_transaction()?;
        for s in states {
            tx.prepare_cached(
                "UPDATE inbox_items SET status = ?2, handled_at = ?3, reply_text = ?4, replied_at = ?5,
                        labels = ?6, escalation_note = ?7 WHERE id = ?1",
            )?
            .execute(params![s.id, s.status, s.handled_at, s.reply_text, s.replied_at, s.labels, s.escalation_note])?;
            event(&tx, s.id, now, "undo", &format!("back to {}", s.status))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Open items past their response target. `cutoffs[p]` is the latest `received_at` that is
    /// still within target for priority `p` (0..=3).
    pub fn count_overdue(&self, cutoffs: [i64; 4], account: Option<i64>) -> StoreResult<i64> {
        // Most of an old queue is overdue: rather than count those, count the few still within
        // their time and take them from the kept total. Those are the kept hours after the
        // cutoff's hour (schema 19), and the items of that hour at or after the cutoff (a short
        // range of the queue index). One statement for the four priorities: running a
        // statement is most of the cost of reads this small.
        let acc = and_eq("account_id", 5, account.is_some());
        let mut sql = format!(
            "SELECT (SELECT COALESCE(SUM(n), 0) FROM inbox_open_counts
                      WHERE priority BETWEEN 0 AND 3{acc})"
        );
        for p in 0..4_i64 {
            // The queue key of an open item of priority `p` (schema 19): this base plus its time.
            let (cut, base) = (p + 1, (9 - p) * 10_000_000_000);
            sql.push_str(&format!(
                " - (SELECT COALESCE(SUM(n), 0) FROM inbox_open_hours
                      WHERE priority = {p} AND hour > ?{cut} / 3600{acc})
                  - (SELECT COUNT(*) FROM inbox_items
                      WHERE status IN ('new', 'escalated') AND from_self = 0
                        AND queue_key >= {base} + ?{cut}
                        AND queue_key < {base} + (?{cut} / 3600 + 1) * 3600{acc})"
            ));
        }
        let [c0, c1, c2, c3] = &cutoffs;
        let args = bind(vec![c0, c1, c2, c3], &account);
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(args.as_slice(), |r| r.get(0))?)
    }

    /// The author's other items on this platform, and how many were hidden or spam.
    pub fn author_history(
        &self,
        platform: &str,
        handle: &str,
        except: i64,
    ) -> StoreResult<AuthorHistory> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT COUNT(*), COALESCE(SUM(status IN ('hidden', 'spam')), 0) FROM inbox_items
              WHERE platform = ?1 AND author_handle = ?2 AND id != ?3 AND from_self = 0",
            )?
            .query_row(params![platform, handle, except], |r| {
                Ok(AuthorHistory {
                    earlier: r.get(0)?,
                    hidden: r.get(1)?,
                })
            })?)
    }

    /// A comment and the replies under it (one thread key) in order, the newest `limit`.
    pub fn thread(&self, thread_key: &str, limit: usize) -> StoreResult<Vec<ThreadMessage>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, received_at, author_name, body, from_self FROM (
                SELECT id, received_at, author_name, body, from_self FROM inbox_items
                 WHERE thread_key = ?1 ORDER BY received_at DESC LIMIT +?2)
              ORDER BY received_at, id",
        )?;
        let rows = stmt
            .query_map(params![thread_key, limit as i64], |r| {
                Ok(ThreadMessage {
                    id: r.get(0)?,
                    received_at: r.get(1)?,
                    author_name: r.get(2)?,
                    body: r.get(3)?,
                    from_self: r.get(4)?,
                    system: false,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn post_of(&self, post_id: i64) -> StoreResult<Option<ItemPost>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id, title, caption, permalink FROM posts WHERE id = ?1")?
            .query_row([post_id], |r| {
                Ok(ItemPost {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    caption: r.get(2)?,
                    permalink: r.get(3)?,
                })
            })
            .optional()?)
    }

    /// An item's history, oldest first.
    pub fn events(&self, id: i64, limit: usize) -> StoreResult<Vec<ItemEvent>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT at, action, detail, rule FROM inbox_events WHERE item_id = ?1 ORDER BY at, id LIMIT +?2")?;
        let rows = stmt
            .query_map(params![id, limit as i64], |r| {
                Ok(ItemEvent {
                    at: r.get(0)?,
                    action: r.get(1)?,
                    detail: r.get(2)?,
                    rule: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::InboxStatus;
    use crate::store::{NewAccount, NewInboxItem, Store};

    /// The overdue count from the kept hours (schema 19) agrees with a count of the items
    /// themselves, for cutoffs on, inside and between hours, for every account and all, after
    /// every kind of change to the queue.
    #[test]
    fn overdue_from_kept_hours_agrees_with_the_items() {
        let store = Store::open_in_memory().unwrap();
        let acc = |h: &str| {
            store
                .accounts()
                .add(
                    &NewAccount {
                        platform: "instagram".into(),
                        handle: h.into(),
                        ..Default::default()
                    },
                    0,
                )
                .unwrap()
        };
        let accounts = [acc("one"), acc("two")];
        let inbox = store.inbox();
        let mut ids = Vec::new();
        for i in 0..120_i64 {
            let item = NewInboxItem {
                account_id: accounts[(i % 2) as usize],
                platform: "instagram".into(),
                kind: "comment".into(),
                external_id: i.to_string(),
                received_at: 100_000 + i * 1_337,
                priority: i % 4,
                status: if i % 9 == 0 { "done" } else { "new" }.into(),
                from_self: i % 13 == 0,
                ..Default::default()
            };
            ids.push(inbox.add(&item).unwrap().unwrap());
        }
        let truth = |cutoffs: [i64; 4], account: Option<i64>| -> i64 {
            (0..4)
                .map(|p| -> i64 {
                    inbox
                        .conn()
                        .query_row(
                            "SELECT COUNT(*) FROM inbox_items
                              WHERE status IN ('new', 'escalated') AND from_self = 0
                                AND priority = ?1 AND received_at < ?2
                                AND (?3 IS NULL OR account_id = ?3)",
                            rusqlite::params![p, cutoffs[p as usize], account],
                            |r| r.get(0),
                        )
                        .unwrap()
                })
                .sum()
        };
        let check = |what: &str| {
            for now in [100_000, 160_000, 163_800, 199_999, 230_000, 400_000] {
                let cutoffs = [now - 86_400, now - 86_400, now - 14_400, now - 3_600];
                for account in [None, Some(accounts[0]), Some(accounts[1])] {
                    assert_eq!(
                        inbox.count_overdue(cutoffs, account).unwrap(),
                        truth(cutoffs, account),
                        "{what} · now {now} · {account:?}"
                    );
                }
            }
        };
        check("added");
        inbox
            .set_status_many(&ids[..10], InboxStatus::Done, None, 1)
            .unwrap();
        check("done");
        inbox
            .set_status_many(&ids[..5], InboxStatus::New, None, 2)
            .unwrap();
        check("reopened");
        inbox
            .set_status_many(&ids[20..24], InboxStatus::Escalated, Some("x"), 3)
            .unwrap();
        check("escalated");
        inbox
            .conn()
            .execute(
                "UPDATE inbox_items SET priority = 3, received_at = received_at + 5000
                  WHERE id IN (?1, ?2)",
                [ids[30], ids[31]],
            )
            .unwrap();
        check("moved in time and priority");
        inbox
            .conn()
            .execute("DELETE FROM inbox_items WHERE id = ?1", [ids[40]])
            .unwrap();
        check("deleted");
    }
}
