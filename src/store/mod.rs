//! The one place that speaks SQL. Callers use methods named after intents; every statement binds
//! its parameters; an intent that writes several rows is one transaction.
//!
//! A page's size is bound as `LIMIT +?N`, never `LIMIT ?N`: SQLite (3.53) plans with the value
//! of a bare LIMIT parameter, so binding one marks the statement stale and every run prepares
//! it again (0.15 ms for the agenda's page, a third of a key); an expression is not peeked at.
//! `tests/statements.rs` holds both halves of that.

mod accounts;
mod ad_spend;
mod aliases;
mod analytics;
mod bulk;
mod campaign_totals;
mod campaigns;
mod checkpoint;
mod collab_period;
mod community;
mod contacts;
mod contacts_detail;
mod contacts_import;
mod contacts_undo;
mod contacts_write;
mod conversations;
mod error;
mod filter;
mod health;
mod imports;
mod inbox;
mod inbox_bulk;
mod inbox_query;
mod info;
mod kept;
pub(crate) mod metrics;
mod posts;
mod replies;
mod rules;
mod scope;
mod triage;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

pub use accounts::{Account, AccountEdit, Accounts, NewAccount};
pub use ad_spend::SpendCampaign;
pub use analytics::{Analytics, BreakdownBy, PostPerf, Range, Slice, TrendMetric, TrendPoint};
pub use bulk::Bulk;
pub use campaign_totals::{CampaignCollab, CampaignPace, CampaignPost, CampaignSummary};
pub use campaigns::{Campaign, Campaigns, DeletedCampaign, NewCampaign, SpendDay};
pub use checkpoint::Checkpointer;
pub use collab_period::PeriodCollab;
pub use community::{Community, InboxTally, ResponseTimes};
pub use contacts::{
    ContactCursor, ContactFilter, ContactRow, Contacts, Handle, NewContact, SEARCH_CANDIDATES,
};
pub use contacts_detail::{
    Collaboration, ContactDetail, INTERACTIONS_SHOWN, Interaction, LateDeliverable, Rate,
};
pub use contacts_import::ContactImportCounts;
pub use contacts_undo::ContactUndo;
pub use contacts_write::{NewCollaboration, checked_collaboration, checked_contact, stage_note};
pub use conversations::{ConversationSize, NewMessage};
pub use error::{StoreError, StoreResult};
pub use health::{CheckReport, damaged_advice, end_cleanly, kept_name};
pub use imports::{Change, ImportBatch, ImportLogEntry, ImportedBefore, ImportedPost};
pub use inbox::{Inbox, InboxCursor, InboxFilter, InboxRow, NewInboxItem};
pub use inbox_bulk::BulkStep;
pub use inbox_query::{COUNT_CAP, FilterCounts};
pub use info::{CampaignCounts, ContactCounts, Counts, InboxCounts, MetricCounts};
pub use kept::Kept;
pub use metrics::{AccountDay, Metrics, PostSnapshot};
pub use posts::{
    AgendaPage, DayPosts, DeletedPost, NewPost, PostEdit, PostFilter, PostRow, Posts, violations,
};
pub use replies::{SavedReplies, SavedReply, split_title};
pub use rules::{RuleHit, RulesReport};
pub use scope::Scope;
pub use triage::{AuthorHistory, ItemEvent, ItemPost, ItemState, ThreadMessage};
pub use writer::{WriterNote, holder};

/// The page cache of a session's connection, in KiB (see `Store::settle_for_a_session`).
const SESSION_CACHE_KIB: i64 = 4096;

/// The migrations, oldest first. `PRAGMA user_version` holds how many have run.
const MIGRATION_SQL: &[&str] = &[
    include_str!("sql/0001_init.sql"),
    include_str!("sql/0002_contacts.sql"),
    include_str!("sql/0003_date_only_posts.sql"),
    include_str!("sql/0004_campaigns.sql"),
    include_str!("sql/0005_screen_indexes.sql"),
    include_str!("sql/0006_handled_today.sql"),
    include_str!("sql/0007_inbox_rule_history.sql"),
    include_str!("sql/0008_inbox_search_labels.sql"),
    include_str!("sql/0009_conversations.sql"),
    include_str!("sql/0010_import_log_account.sql"),
    include_str!("sql/0011_follow_up_cover.sql"),
    include_str!("sql/0012_report_indexes.sql"),
    include_str!("sql/0013_inbox_open_counts.sql"),
    include_str!("sql/0014_contact_indexes.sql"),
    include_str!("sql/0015_inbox_open_search.sql"),
    include_str!("sql/0016_analytics_reads.sql"),
    include_str!("sql/0017_contact_top_handle.sql"),
    include_str!("sql/0018_follow_ups_by_day.sql"),
    include_str!("sql/0019_inbox_open_hours.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(
        MIGRATION_SQL
            .iter()
            .enumerate()
            .map(|(i, sql)| match i {
                // SQLite's lower() folds ASCII only: the contacts' search text is rewritten in
                // Rust, so that Cyrillic and accented names are found whatever their case.
                1 => M::up_with_hook(sql, |tx: &rusqlite::Transaction<'_>| {
                    contacts::refresh_contacts_after(tx, 0)
                        .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
                }),
                _ => M::up(sql),
            })
            .collect(),
    )
});

/// How much of the file a fresh connection maps (SQLite caps it at its own limit, 2 GB).
const START_UP_MMAP: i64 = 1 << 30;

/// The schema version this build writes: one per migration, so adding a migration raises it.
pub fn latest_schema_version() -> i64 {
    MIGRATION_SQL.len() as i64
}

/// An open smmdeck database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// What the quick check at open found wrong; the connection is then query-only.
    damage: Option<String>,
    /// Why the store opened read-only though the file is whole (a full disk).
    limited: Option<String>,
    /// The shared lock every open smmdeck holds beside the database (see `health::Session`).
    session: Option<health::Session>,
    /// What this connection changed, and the figures kept until then (`store::kept`).
    changes: kept::Changes,
}

impl Store {
    /// Opens (creating if needed) the database at `path`: parent folder, a 0600 file, WAL,
    /// foreign keys, a busy timeout, then the migrations. A database written by a newer smmdeck
    /// is refused before anything touches it. A file that fails its quick check opens
    /// read-only, with [`Store::damage`] saying why.
    pub fn open(path: &Path) -> StoreResult<Store> {
        if path.is_dir() {
            return Err(StoreError::Invalid(format!(
                "{} is a folder; give the database file inside it, such as {}",
                path.display(),
                path.join("smmdeck.db").display()
            )));
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        let existed = path.exists();
        let size = path.metadata().map(|m| m.len()).unwrap_or(0);
        // The wall clock, not the injected one: this is about the file's age, not the user's day.
        let now = chrono::Utc::now().timestamp();
        let (session, check) = health::Session::begin(path, existed, size, now);
        create_private_file(path)?;
        let conn = Connection::open(path)?;
        let mut store = match Self::prepare(conn, Some(path.to_path_buf()), check) {
            Err(e @ StoreError::NoRoom { .. }) if existed => {
                Self::open_for_reading(path, e, Self::no_room_message(path))?
            }
            Err(e) if existed && !writable(path) => {
                Self::open_for_reading(path, e, Self::read_only_message(path))?
            }
            other => other?,
        };
        if let Some(s) = &session
            && check
            && store.damage.is_none()
            && store.limited.is_none()
        {
            s.checked(now);
        }
        store.session = session;
        Ok(store)
    }

    /// A full disk or a read-only file: reading must still work. In exclusive locking mode
    /// SQLite keeps the WAL index in memory instead of making or growing `-shm` on disk;
    /// query-only refuses every write. `why` is the error to give when even that fails,
    /// `limited` what reading commands say.
    fn open_for_reading(path: &Path, why: StoreError, limited: String) -> StoreResult<Store> {
        let attempt = |conn: Connection| -> Option<Connection> {
            conn.pragma_update(None, "locking_mode", "EXCLUSIVE").ok()?;
            conn.pragma_update(None, "query_only", true).ok()?;
            conn.busy_timeout(Duration::from_secs(10)).ok()?;
            let found: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .ok()?;
            (found == latest_schema_version()).then_some(conn)
        };
        // A full disk: the file itself can be opened for writing, only nothing can grow.
        let conn = Connection::open(path).ok().and_then(attempt).or_else(|| {
            // A read-only disk or file: read it as immutable, which is true to it only when no
            // write-ahead log holds changes not yet in the file.
            let log_empty = !wal_path(path).metadata().is_ok_and(|m| m.len() > 0);
            let uri = format!(
                "file:{}?immutable=1",
                path.to_string_lossy()
                    .replace('%', "%25")
                    .replace('?', "%3f")
                    .replace('#', "%23")
            );
            let flags =
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
            log_empty
                .then(|| Connection::open_with_flags(uri, flags).ok())
                .flatten()
                .and_then(attempt)
        });
        match conn {
            Some(conn) => Ok(Store {
                conn,
                path: Some(path.to_path_buf()),
                damage: None,
                session: None,
                limited: Some(limited),
                changes: Default::default(),
            }),
            None => Err(why),
        }
    }

    /// What reading commands say when the store opened read-only for lack of room.
    fn no_room_message(path: &Path) -> String {
        format!(
            "{}: there is no room to write beside the database (is the disk full?); it was \
             opened read-only. Free some space to write again",
            path.display()
        )
    }

    /// What reading commands say when the file or its folder cannot be written.
    fn read_only_message(path: &Path) -> String {
        format!(
            "{}: the file or its folder is read-only (permissions, or a read-only disk); it was \
             opened for reading only. To change it, make it writable or copy it elsewhere",
            path.display()
        )
    }

    /// Why the store is read-only though the file is whole (a full disk), if it is.
    pub fn limited(&self) -> Option<&str> {
        self.limited.as_deref()
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> StoreResult<Store> {
        Self::prepare(Connection::open_in_memory()?, None, false)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>, check: bool) -> StoreResult<Store> {
        let shown = path.clone().unwrap_or_default();
        // Wait for a writer in another smmdeck rather than failing with "database is locked".
        conn.busy_timeout(Duration::from_secs(10))?;
        rules::register_regexp(&conn)?;
        // Every transaction takes the write lock at BEGIN: a deferred one that reads first
        // cannot wait for the lock in WAL mode and fails with "database is locked" at once.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| error::at_open(&shown, e))?;
        if found > latest_schema_version() {
            return Err(StoreError::NewerSchema {
                path: shown,
                found,
                supported: latest_schema_version(),
            });
        }
        let damage = if check {
            health::quick_check(&conn)
        } else {
            None
        };
        if damage.is_some() {
            // Nothing may write to a damaged file: reads still work, writes are refused.
            conn.pragma_update(None, "query_only", true)?;
            return Ok(Store {
                conn,
                path,
                damage,
                limited: None,
                session: None,
                changes: Default::default(),
            });
        }
        // Only switch when needed: on a full disk or a read-only file, reading still works.
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| error::at_open(&shown, e))?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A short-lived process reads pages already in the OS cache by mapping them rather than
        // by a read and a copy each: a third off a command's time at the large demo. The app's
        // long session turns it off (`settle_for_a_session`).
        conn.pragma_update(None, "mmap_size", START_UP_MMAP)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if found < latest_schema_version() {
            MIGRATIONS
                .to_latest(&mut conn)
                .map_err(|e| error::migration_at_open(&shown, e))?;
        }
        Ok(Store {
            conn,
            path,
            damage,
            limited: None,
            session: None,
            changes: Default::default(),
        })
    }

    /// Where the database lives (None when in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// SQLite's own consistency check; "ok" when all is well.
    pub fn integrity_check(&self) -> StoreResult<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    pub fn accounts(&self) -> Accounts<'_> {
        Accounts::new(&self.conn)
    }
    pub fn posts(&self) -> Posts<'_> {
        Posts::new(&self.conn)
    }
    pub fn inbox(&self) -> Inbox<'_> {
        Inbox::new(&self.conn)
    }
    pub fn saved_replies(&self) -> SavedReplies<'_> {
        SavedReplies::new(&self.conn)
    }
    pub fn contacts(&self) -> Contacts<'_> {
        Contacts::new(&self.conn)
    }
    pub fn campaigns(&self) -> Campaigns<'_> {
        Campaigns::new(&self.conn)
    }
    pub fn analytics(&self) -> Analytics<'_> {
        Analytics::new(&self.conn)
    }
    pub fn metrics(&self) -> Metrics<'_> {
        Metrics::new(&self.conn)
    }
    pub fn counts(&self) -> StoreResult<Counts> {
        info::counts(&self.conn)
    }

    /// Starts a bulk write (demo data, large imports): one transaction, inserts without per-row
    /// index triggers, and the search index brought up to date in one pass at `finish`.
    pub fn bulk(&mut self) -> StoreResult<Bulk<'_>> {
        Bulk::begin(&mut self.conn)
    }

    /// Hands `f` every statement this connection finishes, with its run time (None stops it):
    /// how the query-plan test sees what each screen and key runs, and how a slow screen's
    /// statements are found. A plain function, as SQLite calls it from C.
    #[doc(hidden)]
    pub fn trace_statements(&self, f: Option<fn(rusqlite::trace::TraceEvent<'_>)>) {
        self.conn
            .trace_v2(rusqlite::trace::TraceEventCodes::SQLITE_TRACE_PROFILE, f);
    }

    /// Reads go through SQLite's own bounded page cache instead of a mapping of the file: for
    /// a long session, where the pages a mapping touches would stay counted as its memory. The
    /// cache holds what the screen on view and the ranges read ahead beside it touch together
    /// (a month of posts is some 500 pages): at SQLite's 2 MB, reading a month ahead put out
    /// the pages of the agenda on screen, and the next key read them again from the file.
    pub fn settle_for_a_session(&self) -> StoreResult<()> {
        self.conn
            .pragma_update(None, "cache_size", -SESSION_CACHE_KIB)?;
        Ok(self.conn.pragma_update(None, "mmap_size", 0)?)
    }

    /// True when the database holds no accounts and no posts: the app then offers a welcome.
    pub fn is_empty(&self) -> StoreResult<bool> {
        // Asked after every write: kept prepared.
        let any: i64 = self
            .conn
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM accounts) OR EXISTS(SELECT 1 FROM posts)")?
            .query_row([], |r| r.get(0))?;
        Ok(any == 0)
    }
}

/// Whether this process may write the file and make files beside it (SQLite's log and index).
fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        [path, folder].iter().all(|p| {
            std::ffi::CString::new(p.as_os_str().as_bytes())
                // SAFETY: a valid NUL-terminated path; access only asks.
                .is_ok_and(|c| unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0)
        })
    }
    #[cfg(not(unix))]
    {
        !path.metadata().is_ok_and(|m| m.permissions().readonly())
    }
}

/// The write-ahead log SQLite keeps beside the database in WAL mode.
fn wal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// Creates the file with mode 0600 if it does not exist (it holds people's contact details).
fn create_private_file(path: &Path) -> StoreResult<()> {
    if path.exists() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// Reads an optional text column that may hold NULL.
pub(crate) fn opt_str(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<String> {
    Ok(row.get::<_, Option<String>>(idx)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database of schema 1 with people in every old stage opens with every row kept under
    /// the new names, stages and channels mapped, and the kept columns filled in.
    #[test]
    fn migration_2_renames_to_contacts_and_keeps_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            Migrations::new(vec![M::up(MIGRATION_SQL[0])])
                .to_latest(&mut conn)
                .unwrap();
            conn.execute_batch(
                "INSERT INTO influencers (id, name, stage, follow_up_on, created_at, updated_at)
                 VALUES (7, 'Олена', 'contracted', '2026-11-20', 1, 1),
                        (8, 'Bob', 'active', NULL, 1, 1), (9, 'Cy', 'completed', NULL, 1, 1);
                 INSERT INTO influencer_handles (influencer_id, platform, handle, followers)
                 VALUES (7, 'instagram', 'olena', 500), (7, 'tiktok', 'olena_t', 900);
                 INSERT INTO interactions (influencer_id, at, channel, note)
                 VALUES (7, 100, 'telegram', 'hi'), (7, 200, 'instagram dm', 'sent brief');
                 INSERT INTO rate_cards (influencer_id, format, price_minor) VALUES (7, 'reel', 5);
                 INSERT INTO collaborations (influencer_id, deliverable, status, paid)
                 VALUES (7, 'a', 'in_progress', 0), (8, 'b', 'published', 1),
                        (9, 'c', 'delivered', 0);",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), latest_schema_version());
        let c = store.contacts();
        let d = c.detail(7).unwrap();
        assert_eq!(d.stage, "agreed");
        assert_eq!(d.handles.len(), 2);
        assert_eq!(d.rates.len(), 1);
        assert_eq!(d.last_contact_at, Some(200));
        let notes: Vec<(&str, &str)> = d
            .interactions
            .iter()
            .map(|i| (i.channel.as_str(), i.note.as_str()))
            .collect();
        assert_eq!(notes, [("dm", "sent brief"), ("dm", "telegram: hi")]);
        assert_eq!(d.collaborations[0].status, "planned");
        assert_eq!(c.detail(8).unwrap().stage, "content_live");
        assert_eq!(c.detail(8).unwrap().collaborations[0].status, "done");
        assert_eq!(c.detail(9).unwrap().stage, "paid");
        assert_eq!(c.detail(9).unwrap().collaborations[0].status, "live");
        let row = c.row(7).unwrap().unwrap();
        assert_eq!(row.followers, Some(900));
        // Schema 17 fills the kept biggest handle of contacts that were there before it.
        assert_eq!(
            (row.top_platform.as_deref(), row.top_handle.as_deref()),
            (Some("tiktok"), Some("olena_t"))
        );
        let (found, _) = c.search(&Default::default(), "ОЛЕНА", 5).unwrap();
        assert_eq!(found.len(), 1, "the search text is folded in every script");
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn migrations_validate() {
        assert!(MIGRATIONS.validate().is_ok());
    }

    #[test]
    fn opens_with_latest_version() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), latest_schema_version());
        assert_eq!(store.integrity_check().unwrap(), "ok");
        assert!(store.is_empty().unwrap());
    }

    #[test]
    fn refuses_newer_schema_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", 99).unwrap();
            conn.execute("CREATE TABLE marker (x)", []).unwrap();
        }
        let err = Store::open(&path).err().unwrap();
        assert!(err.to_string().contains("newer"), "{err}");
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 99);
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete", "journal mode must not have been switched");
    }

    #[cfg(unix)]
    #[test]
    fn file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/deeper/s.db");
        Store::open(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn backup_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.db")).unwrap();
        let dest = dir.path().join("b.db");
        store.backup_to(&dest).unwrap();
        assert!(Store::open(&dest).unwrap().is_empty().unwrap());
        assert!(store.backup_to(&dest).is_err());
    }
}
