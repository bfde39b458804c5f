//! Keeping the file whole: the quick check at open, `check` on demand (SQLite's integrity check
//! and the search index's own), a backup that is never mistaken for one until it is verified,
//! and restore, which keeps what it replaces.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError, StoreResult, create_private_file, latest_schema_version};

/// Up to this size the quick check runs at every open: it reads the whole file and checks the
/// search indexes too (5.6 ms at the small demo's 1.1 MB, on every command; about 11 s for
/// 180 MB on a busy machine), which is nothing only for a very small file. Above it, the
/// check runs after an unclean end, for a file never checked, and at least weekly.
const CHECK_EVERY_OPEN_UP_TO: u64 = 256 << 10;
/// A larger file is checked when it was not closed cleanly, and at least this often.
const CHECK_AT_LEAST_EVERY_S: i64 = 7 * 24 * 3600;

/// Every open smmdeck holds a shared lock on `DB-session` beside the database; the file says
/// when the database last passed its quick check. The lock goes with the process, however it
/// ends, so the first smmdeck to open finds out whether the last one ended cleanly.
pub(crate) struct Session {
    file: std::fs::File,
}

impl Session {
    /// Opens the session file and says whether the quick check is due: the file is small, it
    /// was never checked or not for a week, or nobody has it open and SQLite's write-ahead log
    /// is still there (the last smmdeck did not end cleanly). None when the folder cannot be
    /// written (then only a small file is checked).
    pub(crate) fn begin(db: &Path, existed: bool, size: u64, now: i64) -> (Option<Session>, bool) {
        let small = size <= CHECK_EVERY_OPEN_UP_TO;
        let mut name = db.as_os_str().to_owned();
        name.push("-session");
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let Ok(file) = options.open(PathBuf::from(name)) else {
            return (None, existed && small);
        };
        let alone = lock(&file, true);
        let wal_left = super::wal_path(db).metadata().is_ok_and(|m| m.len() > 0);
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut &file, &mut text);
        let stale = text
            .trim()
            .parse::<i64>()
            .map_or(true, |at| now - at > CHECK_AT_LEAST_EVERY_S);
        lock(&file, false);
        let due = existed && (small || stale || (alone && wal_left));
        (Some(Session { file }), due)
    }

    /// Records that the database passed its quick check now.
    pub(crate) fn checked(&self, now: i64) {
        use std::io::{Seek, Write};
        let mut f = &self.file;
        let _ = f
            .set_len(0)
            .and_then(|()| f.seek(std::io::SeekFrom::Start(0)))
            .and_then(|_| f.write_all(now.to_string().as_bytes()));
    }
}

/// For a process that ends without dropping its store (a signal): folds the write-ahead log
/// into the database and empties it, as the last connection's close would, so that the next
/// open sees a clean end. Does nothing when a writer holds the database (then the next open
/// checks, as after a crash).
pub fn end_cleanly(db: &Path) {
    let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE) else {
        return;
    };
    let _ = conn.busy_timeout(Duration::from_millis(200));
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
}

/// Takes the session lock: exclusive without waiting (true when this is the only smmdeck),
/// or shared (waiting out another's brief exclusive probe).
fn lock(file: &std::fs::File, exclusive: bool) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let op = if exclusive {
            libc::LOCK_EX | libc::LOCK_NB
        } else {
            libc::LOCK_SH
        };
        // SAFETY: a valid open descriptor; flock has no other preconditions.
        unsafe { libc::flock(file.as_raw_fd(), op) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, exclusive);
        false
    }
}

/// The full-text indexes, each checked against its content table by `check`.
const FTS_TABLES: &[&str] = &["inbox_fts", "inbox_open_fts"];

/// What `check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// SQLite's integrity check: empty when the file is whole.
    pub integrity: Vec<String>,
    /// Each search index that does not match its rows, with SQLite's words.
    pub search_index: Vec<String>,
    /// Each kept count (the open inbox's sizes) that differs from its rows.
    pub kept_counts: Vec<String>,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.integrity.is_empty() && self.search_index.is_empty() && self.kept_counts.is_empty()
    }
}

/// Runs `PRAGMA quick_check`; None when the file is whole, else what is wrong (a check that
/// cannot even run is a finding too).
pub(crate) fn quick_check(conn: &Connection) -> Option<String> {
    let found: Result<Vec<String>, rusqlite::Error> = conn
        .prepare("PRAGMA quick_check(20)")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    match found {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => None,
        Ok(lines) => Some(lines.join("; ")),
        Err(e) => Some(e.to_string()),
    }
}

/// The advice every message about a damaged database ends with.
pub fn damaged_advice(path: &Path) -> String {
    format!(
        "{} is damaged; smmdeck opened it read-only and will not write to it. \
         `smmdeck check` shows what is wrong; `smmdeck restore BACKUP` puts a backup back \
         (the damaged file is kept beside it)",
        path.display()
    )
}

impl Store {
    /// Why the database was found damaged at open (it is then read-only), if it was.
    pub fn damage(&self) -> Option<&str> {
        self.damage.as_deref()
    }

    /// The full check: every page and index (`integrity_check`) and each search index against
    /// its rows. Reads only.
    pub fn check(&self) -> StoreResult<CheckReport> {
        let integrity: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check(100)")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let integrity = if integrity == ["ok"] {
            Vec::new()
        } else {
            integrity
        };
        let mut search_index = Vec::new();
        for table in FTS_TABLES {
            // FTS5 runs its check as a special insert that changes nothing: in a transaction
            // that is rolled back, so that a read-only (damaged) database allows it too.
            let sql = format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)");
            // A damaged database is query-only; the check writes nothing, so lift it inside.
            let outcome = self
                .conn
                .execute_batch("SAVEPOINT fts_check")
                .and_then(|()| {
                    self.conn.pragma_update(None, "query_only", false)?;
                    let r = self.conn.execute(&sql, []);
                    self.conn
                        .execute_batch("ROLLBACK TO fts_check; RELEASE fts_check")?;
                    self.conn
                        .pragma_update(None, "query_only", self.damage.is_some())?;
                    r
                });
            if let Err(e) = outcome {
                search_index.push(format!("{table}: {e}"));
            }
        }
        Ok(CheckReport {
            integrity,
            search_index,
            kept_counts: self.inbox().open_counts_drift()?,
        })
    }

    /// Copies the live database to `dest` with SQLite's online backup. The copy is written to
    /// a temporary file beside `dest`, checked (quick check, the same row counts) and only then
    /// given its name, so an interrupted backup never looks like one. Refuses to overwrite.
    pub fn backup_to(&self, dest: &Path) -> StoreResult<()> {
        if dest.exists() {
            return Err(StoreError::Invalid(format!(
                "{} already exists; choose a new file name",
                dest.display()
            )));
        }
        let partial = partial_name(dest);
        let result = self.backup_verified(&partial).and_then(|()| {
            // A hard link gives the name only if it is still free (no check-then-rename race);
            // the temporary name then goes.
            std::fs::hard_link(&partial, dest).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    StoreError::Invalid(format!(
                        "{} already exists; choose a new file name",
                        dest.display()
                    ))
                } else {
                    StoreError::io(dest, e)
                }
            })
        });
        let _ = std::fs::remove_file(&partial);
        result?;
        sync_dir(dest);
        Ok(())
    }

    fn backup_verified(&self, partial: &Path) -> StoreResult<()> {
        let _ = std::fs::remove_file(partial);
        create_private_file(partial)?;
        {
            let mut target = Connection::open(partial)?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)?;
            backup.run_to_completion(1024, Duration::from_millis(0), None)?;
            drop(backup);
            // A plain rollback-journal file: one file, nothing beside it to lose.
            target.pragma_update(None, "journal_mode", "DELETE")?;
        }
        let copy = Connection::open_with_flags(partial, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        if let Some(problem) = quick_check(&copy) {
            return Err(StoreError::Invalid(format!(
                "the copy failed its check ({problem}); no backup was made"
            )));
        }
        let theirs = super::info::counts(&copy)?;
        let ours = self.counts()?;
        if theirs != ours {
            return Err(StoreError::Invalid(
                "the copy does not hold the same rows as the database (it changed during the \
                 backup?); no backup was made, try again"
                    .into(),
            ));
        }
        std::fs::File::open(partial)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::io(partial, e))?;
        Ok(())
    }

    /// Replaces the whole database with the backup at `src`, after checking it, and keeps what
    /// it replaces at `keep` (a plain copy, made even when the current file is damaged).
    pub fn restore_from(&mut self, src: &Path, keep: &Path) -> StoreResult<()> {
        let source = open_backup(src)?;
        let version: i64 = source.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > latest_schema_version() {
            return Err(StoreError::NewerSchema {
                path: src.to_path_buf(),
                found: version,
                supported: latest_schema_version(),
            });
        }
        if let Some(problem) = quick_check(&source) {
            return Err(StoreError::Invalid(format!(
                "{} failed its check ({problem}); nothing was restored",
                src.display()
            )));
        }
        create_private_file(keep)?;
        {
            let mut kept = Connection::open(keep)?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut kept)?;
            backup.run_to_completion(1024, Duration::from_millis(0), None)?;
        }
        self.conn.pragma_update(None, "query_only", false)?;
        {
            let backup = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            backup.run_to_completion(1024, Duration::from_millis(0), None)?;
        }
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        super::MIGRATIONS.to_latest(&mut self.conn)?;
        self.damage = quick_check(&self.conn);
        if self.damage.is_some() {
            self.conn.pragma_update(None, "query_only", true)?;
        } else if let Some(session) = &self.session {
            session.checked(chrono::Utc::now().timestamp());
        }
        Ok(())
    }
}

/// Opens a backup read-only, refusing what is not a SQLite database with a plain message.
fn open_backup(src: &Path) -> StoreResult<Connection> {
    if !src.is_file() {
        return Err(StoreError::Invalid(format!(
            "{}: no such file to restore from",
            src.display()
        )));
    }
    let conn = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| {
        StoreError::Invalid(format!(
            "{} is not an smmdeck database ({e}); nothing was restored",
            src.display()
        ))
    })?;
    Ok(conn)
}

/// `.NAME.partial-PID` beside `dest`: hidden, and never mistaken for the finished copy.
fn partial_name(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    dest.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// Makes a new name in a folder durable (best effort: not every system can sync a folder).
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// Where `restore` keeps the database it replaces: `smmdeck.db.before-restore-STAMP`.
pub fn kept_name(db: &Path, stamp: &str) -> PathBuf {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "smmdeck.db".into());
    db.with_file_name(format!("{name}.before-restore-{stamp}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Item 3: a large file is checked when it was never checked, after a week, and when the
    /// last smmdeck did not end cleanly (its log left, nobody holding the session), not when
    /// another smmdeck is simply running.
    #[test]
    fn item_03_the_check_at_open_is_due_after_an_unclean_end_or_a_week() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("s.db");
        std::fs::write(&db, b"").unwrap();
        let large = 1 << 30;
        let now = 1_800_000_000;
        let (s, due) = Session::begin(&db, true, large, now);
        assert!(due, "never checked");
        s.unwrap().checked(now);
        let (s, due) = Session::begin(&db, true, large, now + 60);
        assert!(!due, "checked a minute ago, closed cleanly");
        drop(s);
        let (_, due) = Session::begin(&db, true, 1 << 20, now + 60);
        assert!(
            !due,
            "nor a megabyte: a small demo's size is not checked at every open"
        );
        let (_, due) = Session::begin(&db, true, large, now + CHECK_AT_LEAST_EVERY_S + 1);
        assert!(due, "a week later");
        std::fs::write(super::super::wal_path(&db), b"log").unwrap();
        let (running, due) = Session::begin(&db, true, large, now + 60);
        assert!(due, "a log left and nobody running: an unclean end");
        let (_, due) = Session::begin(&db, true, large, now + 60);
        assert!(!due, "another smmdeck holds the session: its log is live");
        drop(running);
        let (_, due) = Session::begin(&db, true, 200 << 10, now + 60);
        assert!(due, "a very small file is checked at every open");
        let (_, due) = Session::begin(&db, false, 0, now);
        assert!(!due, "a new file has nothing to check");
    }
}
