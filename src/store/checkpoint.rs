//! Folding the write-ahead log into the database away from the app's keys. SQLite folds it
//! inside the COMMIT that crosses 1,000 logged pages, with an fsync of the whole file: a triage
//! key then took 80 to 340 ms once in a few hundred at the large demo. The app turns that off
//! for its own connection and lets a thread with a connection of its own fold the log about
//! once a second, in the PASSIVE mode that never makes a writer wait.

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreResult, wal_path};

/// How often the thread looks at the log.
const EVERY: Duration = Duration::from_secs(1);

/// Below this the log is left to grow: a fold costs an fsync, a small log costs nothing.
const FOLD_FROM_BYTES: u64 = 1 << 20;

/// The thread that folds the log; it stops (and is waited for) when this is dropped.
pub struct Checkpointer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Store {
    /// Moves the log's folding to a thread of its own for as long as the returned value lives.
    /// None for a database in memory or one opened read-only (nothing to fold).
    pub fn checkpoint_in_background(&self) -> StoreResult<Option<Checkpointer>> {
        let Some(db) = self.path().map(PathBuf::from) else {
            return Ok(None);
        };
        if self.damage().is_some() || self.limited().is_some() {
            return Ok(None);
        }
        let conn = Connection::open_with_flags(
            &db,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_millis(100))?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        let (stop, stopped) = mpsc::channel::<()>();
        let log = wal_path(&db);
        let thread = std::thread::Builder::new()
            .name("checkpoint".into())
            .spawn(move || {
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    if log.metadata().is_ok_and(|m| m.len() >= FOLD_FROM_BYTES) {
                        // Busy (an import holds the lock) is fine: the next round tries again.
                        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                    }
                }
            })
            .map_err(|e| super::StoreError::io(&db, e))?;
        Ok(Some(Checkpointer {
            stop: Some(stop),
            thread: Some(thread),
        }))
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With the app's own folding off, the thread keeps the log from growing without bound.
    #[test]
    fn the_thread_folds_a_growing_log() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("deck.db");
        let store = Store::open(&db).unwrap();
        let folding = store.checkpoint_in_background().unwrap();
        assert!(folding.is_some());
        let auto: i64 = store
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap();
        assert_eq!(auto, 0, "the app's commits no longer fold the log");
        store.conn.execute_batch("CREATE TABLE t (x BLOB)").unwrap();
        for _ in 0..64 {
            store
                .conn
                .execute("INSERT INTO t VALUES (zeroblob(65536))", [])
                .unwrap();
        }
        // Nothing folds inside the app's commits now: the rows reach the database file only
        // when the thread folds the log.
        let file_size = || db.metadata().map(|m| m.len()).unwrap_or(0);
        let started = std::time::Instant::now();
        while file_size() < 64 * 65536 {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "never folded: the file is {} bytes",
                file_size()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        drop(folding);
    }
}
