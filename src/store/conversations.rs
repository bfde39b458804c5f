//! Conversations: the DMs of one thread as one inbox item. The item's row holds where the
//! conversation stands and its newest incoming message (so the queue's indexes place and age it
//! by that message); every message, the brand's own and system lines too, is a row of
//! `inbox_messages`. An import adds messages, then settles each conversation it touched once:
//! newest incoming message, priority of what is still unanswered, first reply, and whether a
//! new message reopens it or the brand's own answer closes it.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::imports::{Change, ImportBatch};
use super::inbox::{Inbox, NewInboxItem};
use super::triage::ThreadMessage;
use super::{StoreError, StoreResult};

/// One message of a conversation as an export gives it.
#[derive(Debug, Clone, Default)]
pub struct NewMessage {
    pub account_id: i64,
    pub platform: String,
    /// The thread it belongs to (the platform's conversation id, or the export's thread path).
    pub thread_key: String,
    pub external_id: String,
    pub sender_name: String,
    pub sender_handle: Option<String>,
    pub body: String,
    pub sent_at: i64,
    pub from_self: bool,
    /// Written by the platform, not a person (a reaction, a call, "sent an attachment").
    pub system: bool,
    pub priority: i64,
    pub priority_reason: String,
    pub sentiment: Option<f64>,
}

/// How big a conversation is, for the detail pane's count line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ConversationSize {
    pub messages: i64,
    /// Sent by the account itself.
    pub own: i64,
}

/// A conversation as it was before this import touched it.
#[derive(Debug, Clone, Copy)]
struct Before {
    /// None: created by this import.
    received_at: Option<i64>,
    /// It had no incoming message (only the brand's own and system lines).
    no_incoming: bool,
}

/// What an import batch keeps about conversations until it commits.
#[derive(Default)]
pub(super) struct ConversationBatch {
    /// (account, thread key) → the conversation's item id, once looked up or created.
    items: HashMap<(i64, String), i64>,
    /// Conversations found in the database, with their state before the batch, until one of
    /// their messages proves new.
    pending: HashMap<i64, Before>,
    /// Conversations that got a new message (or were created), with their state before.
    touched: BTreeMap<i64, Before>,
    /// The brand's own replies under comments: (account, thread key, when), to set the first
    /// reply of the comments they answer once the indexes are back.
    own_replies: Vec<(i64, String, i64)>,
}

/// The item id a conversation's row carries in its platform's namespace.
fn conversation_external_id(account_id: i64, thread_key: &str) -> String {
    format!("conversation:{account_id}:{thread_key}")
}

pub(crate) fn insert_message(conn: &Connection, item_id: i64, m: &NewMessage) -> StoreResult<bool> {
    let n = conn
        .prepare_cached(
            "INSERT INTO inbox_messages (item_id, platform, external_id, sender_name, sender_handle,
                 body, sent_at, from_self, system, priority, priority_reason, sentiment)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (platform, external_id) DO NOTHING",
        )?
        .execute(params![
            item_id,
            m.platform,
            m.external_id,
            m.sender_name,
            m.sender_handle,
            m.body,
            m.sent_at,
            m.from_self,
            m.system,
            m.priority,
            m.priority_reason,
            m.sentiment
        ])?;
    Ok(n == 1)
}

/// The item row of a new conversation, from its first message (settling fills in the rest).
pub(crate) fn conversation_item(m: &NewMessage, status: &str) -> NewInboxItem {
    NewInboxItem {
        account_id: m.account_id,
        platform: m.platform.clone(),
        kind: "dm".into(),
        external_id: conversation_external_id(m.account_id, &m.thread_key),
        thread_key: Some(m.thread_key.clone()),
        post_id: None,
        author_name: m.sender_name.clone(),
        author_handle: m.sender_handle.clone(),
        body: m.body.clone(),
        received_at: m.sent_at,
        from_self: m.from_self || m.system,
        status: status.into(),
        priority: m.priority,
        priority_reason: m.priority_reason.clone(),
        sentiment: m.sentiment,
        labels: String::new(),
    }
}

impl ImportBatch<'_> {
    /// Adds one message to its conversation, creating the conversation when it is new.
    /// Unchanged when the message's platform id is already stored.
    pub fn conversation_message(&mut self, m: &NewMessage) -> StoreResult<Change> {
        let key = (m.account_id, m.thread_key.clone());
        let item_id = match self.conversations.items.get(&key) {
            Some(id) => *id,
            None => {
                let ext = conversation_external_id(m.account_id, &m.thread_key);
                let found: Option<(i64, i64, bool)> = self
                    .conn()
                    .prepare_cached(
                        "SELECT id, received_at, from_self FROM inbox_items
                          WHERE platform = ?1 AND external_id = ?2",
                    )?
                    .query_row(params![m.platform, ext], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .optional()?;
                let (id, before) = match found {
                    Some((id, at, no_incoming)) => (
                        id,
                        Before {
                            received_at: Some(at),
                            no_incoming,
                        },
                    ),
                    None => {
                        let id = self.add_indexed_item(&conversation_item(m, "new"))?;
                        (
                            id,
                            Before {
                                received_at: None,
                                no_incoming: true,
                            },
                        )
                    }
                };
                self.conversations.items.insert(key, id);
                if before.received_at.is_none() {
                    // Settled (or dropped, should it stay empty) whatever its messages do.
                    self.conversations.touched.insert(id, before);
                } else {
                    self.conversations.pending.insert(id, before);
                }
                id
            }
        };
        if insert_message(self.conn(), item_id, m)? {
            self.conversations.mark_touched(item_id);
            return Ok(Change::New);
        }
        // Known already. An import that now knows better (the owner named with --as, a line
        // the export marks as the owner's) makes it the brand's own or a system line; never
        // the other way, so a file that cannot tell does not undo one that could.
        let fixed = self
            .conn()
            .prepare_cached(
                "UPDATE inbox_messages SET from_self = MAX(from_self, ?3), system = MAX(system, ?4)
                  WHERE platform = ?1 AND external_id = ?2 AND (from_self < ?3 OR system < ?4)
                 RETURNING item_id",
            )?
            .query_row(
                params![m.platform, m.external_id, m.from_self, m.system],
                |r| r.get::<_, i64>(0),
            )
            .optional()?;
        match fixed {
            Some(owner) => {
                if owner == item_id {
                    self.conversations.mark_touched(item_id);
                }
                Ok(Change::Updated)
            }
            None => Ok(Change::Unchanged),
        }
    }

    /// Remembers the brand's own reply under a comment thread: the comments it answers get
    /// their first reply's time when the batch commits.
    pub(super) fn own_reply_seen(&mut self, account_id: i64, thread_key: &str, at: i64) {
        self.conversations
            .own_replies
            .push((account_id, thread_key.to_string(), at));
    }

    /// Brings every conversation this batch touched up to date: once, after all its files,
    /// and before the inbox rules read the new items. Returns the ids of those touched.
    pub fn settle_conversations(&mut self) -> StoreResult<Vec<i64>> {
        let now = self.now();
        let touched = std::mem::take(&mut self.conversations.touched);
        let mut ids = Vec::with_capacity(touched.len());
        for (id, before) in touched {
            settle(self.conn(), id, before, now)?;
            ids.push(id);
        }
        Ok(ids)
    }

    /// Gives the comments the brand's replies answer their first reply's time. Run at commit,
    /// once the thread index is back (a large import drops it while it writes).
    pub(super) fn settle_answered_comments(&mut self) -> StoreResult<()> {
        let replies = std::mem::take(&mut self.conversations.own_replies);
        let mut stmt = self.conn().prepare_cached(
            "UPDATE inbox_items SET replied_at = ?3
              WHERE thread_key = ?2 AND account_id = ?1 AND from_self = 0 AND kind != 'dm'
                AND received_at <= ?3 AND (replied_at IS NULL OR replied_at > ?3)",
        )?;
        for (account, key, at) in replies {
            stmt.execute(params![account, key, at])?;
        }
        Ok(())
    }
}

impl ConversationBatch {
    fn mark_touched(&mut self, id: i64) {
        if let Some(before) = self.pending.remove(&id) {
            self.touched.entry(id).or_insert(before);
        }
    }
}

/// Who said what, when: a message as a conversation's row shows it.
#[derive(Clone)]
struct Said {
    sender: String,
    handle: Option<String>,
    body: String,
    at: i64,
}

/// The messages of one conversation that decide its row.
struct Facts {
    newest_in: Option<Said>,
    newest_any: Option<Said>,
    last_own: Option<i64>,
    first_reply: Option<i64>,
    urgent: Option<(i64, String, Option<f64>)>,
}

fn facts(conn: &Connection, id: i64) -> StoreResult<Facts> {
    let newest = |incoming: bool| -> StoreResult<Option<Said>> {
        let sql = if incoming {
            "SELECT sender_name, sender_handle, body, sent_at FROM inbox_messages
              WHERE item_id = ?1 AND from_self = 0 AND system = 0
              ORDER BY sent_at DESC, id DESC LIMIT 1"
        } else {
            "SELECT sender_name, sender_handle, body, sent_at FROM inbox_messages
              WHERE item_id = ?1 ORDER BY sent_at DESC, id DESC LIMIT 1"
        };
        Ok(conn
            .prepare_cached(sql)?
            .query_row([id], |r| {
                Ok(Said {
                    sender: r.get(0)?,
                    handle: r.get(1)?,
                    body: r.get(2)?,
                    at: r.get(3)?,
                })
            })
            .optional()?)
    };
    let newest_in = newest(true)?;
    let newest_any = newest(false)?;
    let (last_own, first_in): (Option<i64>, Option<i64>) = conn
        .prepare_cached(
            "SELECT MAX(CASE WHEN from_self = 1 THEN sent_at END),
                    MIN(CASE WHEN from_self = 0 AND system = 0 THEN sent_at END)
               FROM inbox_messages WHERE item_id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let first_reply: Option<i64> = match first_in {
        Some(first) => conn
            .prepare_cached(
                "SELECT MIN(sent_at) FROM inbox_messages
                  WHERE item_id = ?1 AND from_self = 1 AND sent_at >= ?2",
            )?
            .query_row(params![id, first], |r| r.get(0))?,
        None => None,
    };
    // What still waits for an answer decides how urgent the conversation is; when all is
    // answered, the newest incoming message does.
    let urgent = conn
        .prepare_cached(
            "SELECT priority, priority_reason, sentiment FROM inbox_messages
              WHERE item_id = ?1 AND from_self = 0 AND system = 0 AND sent_at > ?2
              ORDER BY priority DESC, sent_at DESC, id DESC LIMIT 1",
        )?
        .query_row(params![id, last_own.unwrap_or(i64::MIN)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let urgent = match urgent {
        Some(u) => Some(u),
        None => conn
            .prepare_cached(
                "SELECT priority, priority_reason, sentiment FROM inbox_messages
                  WHERE item_id = ?1 AND from_self = 0 AND system = 0
                  ORDER BY sent_at DESC, id DESC LIMIT 1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?,
    };
    Ok(Facts {
        newest_in,
        newest_any,
        last_own,
        first_reply,
        urgent,
    })
}

/// Rewrites a conversation's row from its messages. A new incoming message reopens a done
/// conversation; a conversation whose newest word is the brand's own (answered on the platform)
/// is done, unless the user escalated, hid or marked it spam.
fn settle(conn: &Connection, id: i64, before: Before, now: i64) -> StoreResult<()> {
    let f = facts(conn, id)?;
    let Some(any) = f.newest_any.clone() else {
        // Every message it was made for was already stored elsewhere: nothing to show.
        conn.execute("DELETE FROM inbox_items WHERE id = ?1", [id])?;
        return Ok(());
    };
    let (status, handled_at, replied_at): (String, Option<i64>, Option<i64>) = conn
        .prepare_cached("SELECT status, handled_at, replied_at FROM inbox_items WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("conversation {id}")))?;
    let replied_at = match (replied_at, f.first_reply) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let Some(incoming) = f.newest_in.clone() else {
        // Only the brand's own messages and system lines: a thread, never an item.
        conn.prepare_cached(
            "UPDATE inbox_items SET author_name = ?2, author_handle = ?3, body = ?4,
                    received_at = ?5, from_self = 1, replied_at = ?6 WHERE id = ?1",
        )?
        .execute(params![
            id, any.sender, any.handle, any.body, any.at, replied_at
        ])?;
        return Ok(());
    };
    let in_at = incoming.at;
    let answered = f.last_own.is_some_and(|own| own >= in_at);
    let fresh = before.no_incoming || before.received_at.is_none_or(|at| in_at > at);
    let (status, handled_at, event) = match status.as_str() {
        "new" if answered => (
            "done".to_string(),
            f.last_own,
            Some(("done", "answered on the platform")),
        ),
        "done" if fresh && !answered => {
            ("new".to_string(), None, Some(("reopened", "a new message")))
        }
        _ => (status, handled_at, None),
    };
    let (priority, reason, sentiment) = f.urgent.unwrap_or((1, String::new(), None));
    conn.prepare_cached(
        "UPDATE inbox_items SET author_name = ?2, author_handle = ?3, body = ?4, received_at = ?5,
                from_self = 0, priority = ?6, priority_reason = ?7, sentiment = ?8, status = ?9,
                handled_at = ?10, replied_at = ?11
          WHERE id = ?1",
    )?
    .execute(params![
        id,
        incoming.sender,
        incoming.handle,
        incoming.body,
        in_at,
        priority,
        reason,
        sentiment,
        status,
        handled_at,
        replied_at
    ])?;
    if let Some((action, detail)) = event {
        conn.prepare_cached(
            "INSERT INTO inbox_events (item_id, at, action, detail) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, now, action, detail])?;
    }
    Ok(())
}

fn message_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ThreadMessage> {
    Ok(ThreadMessage {
        id: r.get(0)?,
        received_at: r.get(1)?,
        author_name: r.get(2)?,
        body: r.get(3)?,
        from_self: r.get(4)?,
        system: r.get(5)?,
    })
}

impl Inbox<'_> {
    /// The newest `limit` messages of a conversation, oldest first (the newest at the bottom).
    pub fn conversation(&self, item_id: i64, limit: usize) -> StoreResult<Vec<ThreadMessage>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, sent_at, sender_name, body, from_self, system FROM (
                SELECT id, sent_at, sender_name, body, from_self, system FROM inbox_messages
                 WHERE item_id = ?1 ORDER BY sent_at DESC, id DESC LIMIT +?2)
              ORDER BY sent_at, id",
        )?;
        let rows = stmt
            .query_map(params![item_id, limit as i64], message_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Up to `limit` messages of a conversation oldest first, after `after` (the last message
    /// of the previous page): the whole conversation a page at a time, for `inbox show`.
    pub fn conversation_page(
        &self,
        item_id: i64,
        after: Option<&ThreadMessage>,
        limit: usize,
    ) -> StoreResult<Vec<ThreadMessage>> {
        let (at, id) = after.map_or((i64::MIN, i64::MIN), |m| (m.received_at, m.id));
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, sent_at, sender_name, body, from_self, system FROM inbox_messages
              WHERE item_id = ?1 AND (sent_at, id) > (?2, ?3)
              ORDER BY sent_at, id LIMIT +?4",
        )?;
        let rows = stmt
            .query_map(params![item_id, at, id, limit as i64], message_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// How many messages a conversation holds, and how many of them are the brand's own.
    pub fn conversation_size(&self, item_id: i64) -> StoreResult<ConversationSize> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT COUNT(*), COALESCE(SUM(from_self), 0) FROM inbox_messages
                  WHERE item_id = ?1",
            )?
            .query_row([item_id], |r| {
                Ok(ConversationSize {
                    messages: r.get(0)?,
                    own: r.get(1)?,
                })
            })?)
    }
}
