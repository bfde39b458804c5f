//! The one place that speaks SQL. Callers use methods named after intents; every statement binds
//! its parameters; an intent that writes several rows is one transaction.

mod accounts;
mod ad_spend;
mod analytics;
mod bulk;
mod campaign_totals;
mod campaigns;
mod crm;
mod error;
mod imports;
mod inbox;
mod influencers;
mod info;
pub(crate) mod metrics;
mod posts;
mod replies;
mod triage;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

pub use accounts::{Account, Accounts, NewAccount};
pub use ad_spend::SpendCampaign;
pub use analytics::{
    Analytics, BreakdownBy, PostPerf, PostRank, Range, Slice, TrendMetric, TrendPoint,
};
pub use bulk::Bulk;
pub use campaign_totals::{CampaignPost, CampaignSummary};
pub use campaigns::{Campaign, Campaigns, DeletedCampaign, NewCampaign, SpendDay};
pub use crm::{Collaboration, InfluencerDetail};
pub use error::{StoreError, StoreResult};
pub use imports::{Change, ImportBatch, ImportLogEntry, ImportedPost};
pub use inbox::{Inbox, InboxCursor, InboxFilter, InboxRow, NewInboxItem, fts_query};
pub use influencers::{InfluencerRow, Influencers, NewInfluencer};
pub use info::{CampaignCounts, Counts, InboxCounts, InfluencerCounts, MetricCounts};
pub use metrics::{AccountDay, Metrics, PostSnapshot};
pub use posts::{DeletedPost, NewPost, PostEdit, PostFilter, PostRow, Posts, violations};
pub use replies::{SavedReplies, SavedReply, split_title};
pub use triage::{AuthorHistory, ItemEvent, ItemPost, ItemState, ThreadMessage};

/// The migrations, oldest first. `PRAGMA user_version` holds how many have run.
const MIGRATION_SQL: &[&str] = &[
    include_str!("sql/0001_init.sql"),
    include_str!("sql/0002_campaigns.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect()));

/// The schema version this build writes: one per migration, so adding a migration raises it.
pub fn latest_schema_version() -> i64 {
    MIGRATION_SQL.len() as i64
}

/// An open smmdeck database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`: parent folder, a 0600 file, WAL,
    /// foreign keys, a busy timeout, then the migrations. A database written by a newer smmdeck
    /// is refused before anything touches it.
    pub fn open(path: &Path) -> StoreResult<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        create_private_file(path)?;
        let conn = Connection::open(path)?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> StoreResult<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> StoreResult<Store> {
        // Wait for a writer in another smmdeck rather than failing with "database is locked".
        conn.busy_timeout(Duration::from_secs(10))?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > latest_schema_version() {
            return Err(StoreError::NewerSchema {
                path: path.clone().unwrap_or_default(),
                found,
                supported: latest_schema_version(),
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        MIGRATIONS.to_latest(&mut conn)?;
        Ok(Store { conn, path })
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

    /// Copies the live database to `dest` with SQLite's online backup. Refuses to overwrite.
    pub fn backup_to(&self, dest: &Path) -> StoreResult<()> {
        if dest.exists() {
            return Err(StoreError::Invalid(format!(
                "{} already exists; choose a new file name",
                dest.display()
            )));
        }
        create_private_file(dest)?;
        let mut target = Connection::open(dest)?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)?;
        backup.run_to_completion(256, Duration::from_millis(0), None)?;
        Ok(())
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
    pub fn influencers(&self) -> Influencers<'_> {
        Influencers::new(&self.conn)
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

    /// True when the database holds no accounts and no posts: the app then offers a welcome.
    pub fn is_empty(&self) -> StoreResult<bool> {
        let any: i64 = self.conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM accounts) OR EXISTS(SELECT 1 FROM posts)",
            [],
            |r| r.get(0),
        )?;
        Ok(any == 0)
    }
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
