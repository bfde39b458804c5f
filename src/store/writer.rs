//! Who holds the write lock, and waiting for it. SQLite lets one writer in at a time; a long
//! import holds the lock for seconds. Its process leaves a note beside the database
//! (`smmdeck.db-writer`: pid, what, how far), so another writer can queue behind it and say what
//! it waits for, and a "database is locked" can name the holder.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use super::{Store, StoreError, StoreResult};

/// The note beside the database while a long write runs; removed when it ends (on drop, so an
/// error or a panic takes it too; a killed process leaves it, and its dead pid says so).
pub struct WriterNote {
    path: PathBuf,
    what: String,
}

impl WriterNote {
    /// Announces a long write (an import) beside the database `db` until the note is dropped.
    /// Made once the write lock is held, so that a writer still queueing never overwrites the
    /// note of the one it waits for.
    pub fn announce(db: &Path, what: &str) -> WriterNote {
        let note = WriterNote {
            path: note_path(db),
            what: what.to_string(),
        };
        note.progress(0, 0);
        note
    }

    /// Records how far the write is, for whoever waits behind it.
    pub fn progress(&self, done: usize, total: usize) {
        let _ = std::fs::write(
            &self.path,
            format!("{}\n{}\n{done}\n{total}\n", std::process::id(), self.what),
        );
    }
}

impl Drop for WriterNote {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn note_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-writer");
    PathBuf::from(name)
}

/// What holds the database's write lock, in words: "an import in another smmdeck (pid 42,
/// 5000 of 90000 rows)", or the likely suspects when no live smmdeck left a note.
pub fn holder(db: &Path) -> String {
    let note = std::fs::read_to_string(note_path(db)).unwrap_or_default();
    let mut lines = note.lines();
    let pid = lines.next().and_then(|p| p.parse::<i32>().ok());
    let what = lines.next().unwrap_or("a write");
    let done = lines.next().and_then(|p| p.parse::<usize>().ok());
    let total = lines.next().and_then(|p| p.parse::<usize>().ok());
    match pid.filter(|&p| alive(p) && p != std::process::id() as i32) {
        Some(pid) => {
            let far = match (done, total) {
                (Some(d), Some(t)) if t > 0 => format!(", {d} of {t} rows"),
                _ => String::new(),
            };
            format!("{what} in another smmdeck (pid {pid}{far})")
        }
        None => "another program (another smmdeck, or sqlite3)".to_string(),
    }
}

fn alive(pid: i32) -> bool {
    #[cfg(unix)]
    {
        // SAFETY: signal 0 only asks whether the process exists.
        unsafe { libc::kill(pid, 0) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The database and the report function of the process's queueing writer (one per process:
/// SQLite's busy handler is a plain function).
static QUEUE: Mutex<Option<Queued>> = Mutex::new(None);

/// The database a queued writer waits on, and how it tells the user.
type Queued = (PathBuf, fn(&str));

/// How long a queued writer waits in all before it gives up.
const QUEUE_LIMIT: Duration = Duration::from_secs(30 * 60);

fn queue_handler(tries: i32) -> bool {
    let step = Duration::from_millis(if tries < 50 { 5 } else { 50 });
    // About once every 2 s (after a first 2 s of quiet): say who we wait for.
    let waited_ms = if tries < 50 {
        tries as u64 * 5
    } else {
        250 + (tries as u64 - 50) * 50
    };
    if waited_ms >= 2_000
        && (waited_ms / 50).is_multiple_of(40)
        && let Ok(guard) = QUEUE.lock()
        && let Some((db, report)) = guard.as_ref()
    {
        report(&holder(db));
    }
    std::thread::sleep(step);
    Duration::from_millis(waited_ms) < QUEUE_LIMIT
}

impl Store {
    /// Sets how long a write waits for another writer before it fails with a busy error
    /// ([`StoreError::is_busy`]). The TUI sets a few milliseconds, so that its event loop never
    /// waits on a lock: a busy write is kept and tried again.
    pub fn set_busy_timeout(&self, wait: Duration) -> StoreResult<()> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// Queues every write of this connection behind whatever holds the lock, however long it
    /// takes (up to 30 minutes), calling `report` with who it waits for about every 2 s. For
    /// the command line, where waiting is what the user wants.
    pub fn queue_writes(&self, report: fn(&str)) -> StoreResult<()> {
        if let (Some(db), Ok(mut q)) = (self.path(), QUEUE.lock()) {
            *q = Some((db.to_path_buf(), report));
        }
        Ok(self.conn.busy_handler(Some(queue_handler))?)
    }

    /// Who holds the write lock, in words (for a busy error).
    pub fn writer(&self) -> Option<String> {
        self.path().map(holder)
    }
}

impl StoreError {
    /// True when the error is another writer holding the lock ("database is locked").
    pub fn is_busy(&self) -> bool {
        let code = match self {
            StoreError::Sqlite(e) => e.sqlite_error_code(),
            StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                err.sqlite_error_code()
            }
            _ => None,
        };
        matches!(
            code,
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}
