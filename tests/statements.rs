//! How the store's statements are written so that a cached statement stays prepared: SQLite
//! prepares a statement again on every run when its LIMIT is a bare parameter (it plans with
//! the bound value), which cost the agenda's page a third of a key. The first test shows the
//! cause with the SQLite we build with; the second keeps every statement of `src/store` clear
//! of it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, StatementStatus};

/// Runs `sql` ten times with other values bound and says how often SQLite prepared it again.
fn reprepares(sql: &str) -> i32 {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER);
         CREATE INDEX t_at ON t (at, id);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
         INSERT INTO t (at) SELECT i * 7 % 300 FROM n;",
    )
    .unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    for i in 0..10_i64 {
        let rows = stmt
            .query_map([i * 10, 20 + i], |r| r.get::<_, i64>(0))
            .unwrap()
            .count();
        assert!(rows > 0);
    }
    stmt.get_status(StatementStatus::RePrepare)
}

#[test]
fn a_bare_limit_parameter_prepares_the_statement_on_every_run() {
    let bare = reprepares("SELECT id FROM t WHERE at >= ?1 ORDER BY at, id LIMIT ?2");
    let expr = reprepares("SELECT id FROM t WHERE at >= ?1 ORDER BY at, id LIMIT +?2");
    assert_eq!(expr, 0, "LIMIT +? keeps the statement prepared");
    // If SQLite stops peeking at a bare LIMIT, this fails: the rule below can then go.
    assert!(
        bare >= 9,
        "bare LIMIT ? prepared again {bare} times in 10 runs"
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "sql") {
            out.push(path);
        }
    }
}

#[test]
fn no_statement_binds_a_bare_limit() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let squeezed: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
            // Comments may name the rule.
            if !squeezed.starts_with("//") && squeezed.to_ascii_uppercase().contains("LIMIT ?") {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(files.len() > 50, "the sources were found");
    assert!(
        found.is_empty(),
        "write LIMIT +?N (see src/store/mod.rs):\n{}",
        found.join("\n")
    );
}
