//! Figures kept between reads until a table they come from changes: the tab bar's counts and
//! the contacts list's totals are read again after a write only when the write could have
//! moved them (an inbox triage leaves the posts' and contacts' counts alone). Every kept
//! figure was read from the database, and is read again as soon as this connection changes a
//! row of one of its tables (SQLite's update hook counts them), another connection commits
//! anything (`PRAGMA data_version`), or this connection rolls a transaction back.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::Connection;

use super::{ContactFilter, ContactRow, Store, StoreResult};
use crate::domain::{ContactSort, Stage};

/// The tables kept figures come from. Only rowid tables: the update hook does not see the
/// rows of a WITHOUT ROWID table (such as `campaign_daily`), so nothing read from one is kept.
/// In the order of `Table::ALL`: a table's number is its counter's slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Posts,
    Contacts,
    ContactHandles,
    Collaborations,
    Campaigns,
}

impl Table {
    const ALL: [Table; 5] = [
        Table::Posts,
        Table::Contacts,
        Table::ContactHandles,
        Table::Collaborations,
        Table::Campaigns,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Table::Posts => "posts",
            Table::Contacts => "contacts",
            Table::ContactHandles => "contact_handles",
            Table::Collaborations => "collaborations",
            Table::Campaigns => "campaigns",
        }
    }

    fn slot(name: &str) -> Option<usize> {
        Table::ALL.iter().position(|t| t.name() == name)
    }
}

/// The prepared statements a session's connection keeps: those of every screen and key.
const SESSION_STATEMENTS: usize = 256;

/// The slot that counts what may have changed any table.
const ANY: usize = Table::ALL.len();

/// At most this many figures are kept; past it the oldest are all dropped (keys hold a day or
/// a filter, so a long session would otherwise gather one per day seen).
const KEPT_MAX: usize = 64;

/// The change counters and the figures kept against them. One per connection.
#[derive(Default)]
pub(crate) struct Changes {
    /// Per table, rows this connection changed, and in the last slot the events that may have
    /// changed any table. The hook runs inside SQLite's calls, hence atomics behind an `Arc`.
    seen: Arc<[AtomicU64; ANY + 1]>,
    /// The hooks are set on the first kept read (an import's connection never pays for them).
    hooked: Cell<bool>,
    /// `PRAGMA data_version` when last asked: it moves when another connection commits.
    version: Cell<Option<i64>>,
    kept: RefCell<HashMap<Key, Entry>>,
}

/// A figure and the stamp of its tables when it was read.
struct Entry {
    stamp: u64,
    value: Box<dyn Any>,
}

/// What a figure is and the arguments it was read with.
type Key = (&'static str, String);

impl Changes {
    fn hook(&self, conn: &Connection) -> StoreResult<()> {
        if self.hooked.get() {
            return Ok(());
        }
        // Kept figures are read by a session on screen, whose keys run the same statements
        // again and again: some forty for a write and the reads after it. rusqlite keeps 16,
        // so each key compiled most of them again (a sixth of a triage key's time). A command
        // or an import keeps the default: many of its statements run once.
        conn.set_prepared_statement_cache_capacity(SESSION_STATEMENTS);
        let seen = self.seen.clone();
        conn.update_hook(Some(move |_, _: &str, table: &str, _| {
            if let Some(slot) = Table::slot(table) {
                seen[slot].fetch_add(1, Ordering::Relaxed);
            }
        }))?;
        // A rolled-back change is undone without the update hook hearing of it.
        let seen = self.seen.clone();
        conn.rollback_hook(Some(move || {
            seen[ANY].fetch_add(1, Ordering::Relaxed);
        }))?;
        self.hooked.set(true);
        Ok(())
    }

    /// A number that grows whenever one of `tables` may have changed.
    fn stamp(&self, conn: &Connection, tables: &[Table]) -> StoreResult<u64> {
        let version: i64 = conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        if self.version.replace(Some(version)) != Some(version) {
            self.seen[ANY].fetch_add(1, Ordering::Relaxed);
        }
        let count = |i: usize| self.seen[i].load(Ordering::Relaxed);
        Ok(tables.iter().map(|t| count(*t as usize)).sum::<u64>() + count(ANY))
    }
}

impl Store {
    /// Figures kept until a table they come from changes.
    pub fn kept(&self) -> Kept<'_> {
        Kept { store: self }
    }

    /// `read`'s value for `key`, read again only when one of `tables` may have changed since
    /// it was kept. Inside a transaction nothing is kept: what it reads may yet be rolled back.
    fn keep<T: Clone + 'static>(
        &self,
        key: Key,
        tables: &[Table],
        valid: impl Fn(&T) -> bool,
        read: impl FnOnce() -> StoreResult<T>,
    ) -> StoreResult<T> {
        if !self.conn.is_autocommit() {
            return read();
        }
        let changes = &self.changes;
        changes.hook(&self.conn)?;
        let stamp = changes.stamp(&self.conn, tables)?;
        if let Some(entry) = changes.kept.borrow().get(&key)
            && entry.stamp == stamp
            && let Some(value) = entry.value.downcast_ref::<T>()
            && valid(value)
        {
            return Ok(value.clone());
        }
        let value = read()?;
        let mut kept = changes.kept.borrow_mut();
        if kept.len() >= KEPT_MAX {
            kept.clear();
        }
        let entry = Entry {
            stamp,
            value: Box::new(value.clone()),
        };
        kept.insert(key, entry);
        Ok(value)
    }
}

/// Overdue posts as counted at `at`: the same until `until`, when the next slot passes.
#[derive(Clone)]
struct Overdue {
    count: i64,
    at: i64,
    until: Option<i64>,
}

/// Counts that screens read after every write, kept until their tables change.
pub struct Kept<'a> {
    store: &'a Store,
}

impl Kept<'_> {
    /// Posts scheduled in `[from, to)` (the tab bar's week).
    pub fn posts_in_range(&self, from: i64, to: i64, account: Option<i64>) -> StoreResult<i64> {
        let key = ("posts_in_range", format!("{from} {to} {account:?}"));
        self.store.keep(
            key,
            &[Table::Posts],
            |_| true,
            || self.store.posts().count_in_range(from, to, account),
        )
    }

    /// Posts past their slot and not out (`Posts::count_overdue`). The count stays true as
    /// time passes until the next slot of a post still to go out: it is kept until then.
    pub fn overdue_posts(&self, now: i64, account: Option<i64>) -> StoreResult<i64> {
        let key = ("overdue_posts", format!("{account:?}"));
        let valid = |o: &Overdue| o.at <= now && o.until.is_none_or(|u| now <= u);
        let kept = self.store.keep(key, &[Table::Posts], valid, || {
            let posts = self.store.posts();
            Ok(Overdue {
                count: posts.count_overdue(now, account)?,
                at: now,
                until: posts.next_due(now, account)?,
            })
        })?;
        Ok(kept.count)
    }

    /// Open contacts whose follow-up is due on or before `day`.
    pub fn follow_ups_due(&self, day: &str) -> StoreResult<i64> {
        let key = ("follow_ups_due", day.to_string());
        self.store.keep(
            key,
            &[Table::Contacts],
            |_| true,
            || self.store.contacts().count_follow_ups_due(day),
        )
    }

    /// Deliverables late or past due on `day`.
    pub fn late_deliverables(&self, day: &str) -> StoreResult<i64> {
        let key = ("late_deliverables", day.to_string());
        self.store.keep(
            key,
            &[Table::Collaborations],
            |_| true,
            || self.store.contacts().count_late_deliverables(day),
        )
    }

    /// How many contacts the filter keeps (a platform filter reads their handles).
    pub fn contacts_matching(&self, filter: &ContactFilter) -> StoreResult<i64> {
        let key = ("contacts_matching", format!("{filter:?}"));
        let tables = [Table::Contacts, Table::ContactHandles];
        self.store.keep(
            key,
            &tables,
            |_| true,
            || self.store.contacts().count_matching(filter),
        )
    }

    /// The first `limit` rows of the list in `sort` order (a board column is the list of one
    /// stage): showing the board or the list again, or a sort seen before, reads nothing
    /// when no contact changed since.
    pub fn contacts_page(
        &self,
        filter: &ContactFilter,
        sort: ContactSort,
        limit: usize,
    ) -> StoreResult<Vec<ContactRow>> {
        let key = ("contacts_page", format!("{filter:?} {sort:?} {limit}"));
        let tables = [Table::Contacts, Table::ContactHandles];
        self.store.keep(
            key,
            &tables,
            |_| true,
            || self.store.contacts().page(filter, sort, None, limit),
        )
    }

    /// The board's column heads: contacts per stage under the filter.
    pub fn contacts_by_stage(&self, filter: &ContactFilter) -> StoreResult<Vec<(Stage, i64)>> {
        let key = ("contacts_by_stage", format!("{filter:?}"));
        let tables = [Table::Contacts, Table::ContactHandles];
        self.store.keep(
            key,
            &tables,
            |_| true,
            || self.store.contacts().count_by_stage(filter),
        )
    }

    /// Every campaign's id and name, for pickers.
    pub fn campaign_names(&self) -> StoreResult<Vec<(i64, String)>> {
        let key = ("campaign_names", String::new());
        self.store.keep(
            key,
            &[Table::Campaigns],
            |_| true,
            || self.store.campaigns().names(),
        )
    }
}

#[cfg(test)]
#[path = "kept_tests.rs"]
mod tests;
