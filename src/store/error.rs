use std::path::{Path, PathBuf};

/// What can go wrong below the UI, typed so that callers can tell a refusal from a failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error(
        "{path}: this database was written by a newer smmdeck (schema {found}, this build knows \
         up to {supported}); it was left untouched. Update smmdeck to open it."
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// No room beside the database for SQLite's shared-memory index or a write (a full
    /// disk): the store then opens read-only where it can.
    #[error(
        "{path}: there is no room to write beside the database (is the disk full?); free some space and try again"
    )]
    NoRoom { path: PathBuf },
    /// Opening failed; the message names the file and says what to do.
    #[error("{path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    /// A value the user typed that cannot be stored, named by its field (the form shows the
    /// message under that field; the command line names the option).
    #[error("{field}: {message}")]
    Field {
        field: &'static str,
        message: String,
    },
}

impl StoreError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What the user can do about an error SQLite gives while opening `path`.
pub(crate) fn at_open(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode as C;
    if no_room(&e) {
        return StoreError::NoRoom {
            path: path.to_path_buf(),
        };
    }
    let message = match e.sqlite_error_code() {
        Some(C::NotADatabase) => "this is not an smmdeck database, or its first page is \
             damaged. If it is yours, restore a backup (smmdeck --db NEW.db restore BACKUP); \
             otherwise check --db"
            .to_string(),
        Some(C::DatabaseCorrupt) => {
            format!("the database is damaged ({e}). Restore a backup: smmdeck restore BACKUP")
        }
        Some(C::ReadOnly) => "the file or its folder is read-only, and smmdeck must write to \
             set it up; check their permissions"
            .to_string(),
        Some(C::DiskFull) => "the disk is full; free some space and try again".to_string(),
        Some(C::CannotOpen) => format!("cannot open the file ({e}); check the path"),
        Some(C::DatabaseBusy | C::DatabaseLocked) => format!(
            "another program holds the database ({e}); close it (another smmdeck, or sqlite3) \
             and try again"
        ),
        _ => return StoreError::Sqlite(e),
    };
    StoreError::Open {
        path: path.to_path_buf(),
        message,
    }
}

/// A full disk, as SQLite reports it at open: SQLITE_FULL, or an I/O error growing the
/// shared-memory index (`-shm`) or writing.
fn no_room(e: &rusqlite::Error) -> bool {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => {
            const IOERR_WRITE: i32 = 10 | (3 << 8);
            const IOERR_SHMOPEN: i32 = 10 | (18 << 8);
            const IOERR_SHMSIZE: i32 = 10 | (19 << 8);
            const IOERR_SHMMAP: i32 = 10 | (21 << 8);
            f.code == rusqlite::ErrorCode::DiskFull
                || matches!(
                    f.extended_code,
                    IOERR_WRITE | IOERR_SHMOPEN | IOERR_SHMSIZE | IOERR_SHMMAP
                )
        }
        _ => false,
    }
}

/// Like [`at_open`], for a migration that could not run.
pub(crate) fn migration_at_open(path: &Path, e: rusqlite_migration::Error) -> StoreError {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => at_open(path, err),
        other => StoreError::Migration(other),
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
