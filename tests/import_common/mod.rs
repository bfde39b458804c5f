//! Helpers shared by the import tests: a temp database, the samples, and a checksum of every
//! row so that "nothing changed" can be asserted exactly.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use smmdeck::import::{self, FileSummary, ImportError, ImportOptions};
use smmdeck::store::Store;

pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples")
}

pub fn sample(rel: &str) -> PathBuf {
    samples().join(rel)
}

pub const IG_DYI: &str = "instagram-lumen.coffee-2026-11-20-AbCdEfGh";
pub const YT: &str = "youtube_studio/Content 2026-10-01_2026-10-31 Lumen Coffee Co";

pub struct Db {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub store: Store,
}

pub fn db() -> Db {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    let store = Store::open(&path).expect("open");
    Db { dir, path, store }
}

pub fn options(account: Option<&str>) -> ImportOptions {
    ImportOptions {
        account: account.map(String::from),
        now: 1_790_000_000,
        today: NaiveDate::from_ymd_opt(2026, 11, 20),
        ..Default::default()
    }
}

pub fn import(
    db: &mut Db,
    paths: &[PathBuf],
    account: Option<&str>,
) -> Result<Vec<FileSummary>, ImportError> {
    import::run(&mut db.store, paths, &options(account), &mut |_| {})
}

/// (new, updated, unchanged, rejected) summed over the files.
pub fn totals(s: &[FileSummary]) -> (usize, usize, usize, usize) {
    s.iter().fold((0, 0, 0, 0), |t, f| {
        (
            t.0 + f.new,
            t.1 + f.updated,
            t.2 + f.unchanged,
            t.3 + f.rejected,
        )
    })
}

pub fn count(db: &Db, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).expect("query")
}

/// Every row of every table, hashed: equal checksums mean no row changed.
pub fn checksum(db: &Db) -> String {
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'inbox_fts%' ORDER BY name")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("names");
    let mut h = Sha256::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1, 2"))
            .expect("select");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        h.update(t.as_bytes());
        while let Some(r) = rows.next().expect("row") {
            for i in 0..n {
                let v: rusqlite::types::Value = r.get(i).expect("value");
                h.update(format!("{v:?}|").as_bytes());
            }
        }
    }
    // The search index too: its shadow row count.
    let fts: i64 = conn
        .query_row("SELECT COUNT(*) FROM inbox_fts", [], |r| r.get(0))
        .expect("fts");
    h.update(fts.to_le_bytes());
    format!("{:x}", h.finalize())
}
