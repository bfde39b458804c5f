//! Importing a million Graph API comments (one saved JSON page) into a fresh database: parse,
//! priority, insert, and the FTS indexes built in bulk after the insert. Beside it, in the same
//! run, the `sqlite3` command-line tool loads the same rows into a database made by the same
//! migrations (same schema, indexes and search indexes): issue 15's target is at least its rate.
//! Also printed: the import's peak memory (issue 14 item 7: at most 100 MB) and the time of
//! re-importing the unchanged file.
//!
//! Run: `cargo bench --bench import` (SMMDECK_BENCH_ROWS=100000 for a quicker run).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use smmdeck::import::{self, ImportOptions};
use smmdeck::store::{NewAccount, Store};

fn rows() -> usize {
    std::env::var("SMMDECK_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}

const TEXTS: &[&str] = &[
    "Need this in my life \u{1F60D}\u{2615}",
    "Worst service ever, waited 40 min for a latte.",
    "Where is your new shop in Riga?",
    "А без сахара есть? Очень хочется попробовать!",
    "Café au lait > everything. Prost!",
    "Love the autumn blend, ordering two bags",
    "Do you ship to Spain?",
    "Make $5000/week from home!!! Click my profile",
];

/// The comment `i` as both sides load it: (external id, time, author, body).
fn comment(i: usize) -> (String, i64, String, String) {
    let day = 1 + i % 28;
    let at = chrono::NaiveDate::from_ymd_opt(2026, 10, day as u32)
        .and_then(|d| d.and_hms_opt((i % 24) as u32, (i % 60) as u32, 11))
        .map_or(0, |t| t.and_utc().timestamp());
    (
        format!("122158765432109876_{i}"),
        at,
        format!("Person {}", i % 5000),
        format!("{} #{i}", TEXTS[i % TEXTS.len()]),
    )
}

/// Writes the JSON page once per process: `{"data": [...], "paging": {...}}`.
static FILE: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("facebook_post_comments.json");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let n = rows();
    write!(w, "{{\"data\":[").expect("write");
    for i in 0..n {
        let sep = if i + 1 < n { "," } else { "" };
        let text =
            serde_json::to_string(&format!("{} #{i}", TEXTS[i % TEXTS.len()])).expect("json");
        write!(
            w,
            "{{\"id\":\"122158765432109876_{i}\",\"created_time\":\"2026-10-{:02}T{:02}:{:02}:11+0000\",\
             \"from\":{{\"name\":\"Person {}\",\"id\":\"70{i}\"}},\"message\":{text},\"like_count\":{}}}{sep}",
            1 + i % 28,
            i % 24,
            i % 60,
            i % 5000,
            i % 7
        )
        .expect("write");
    }
    write!(w, "],\"paging\":{{\"cursors\":{{\"after\":\"QVFI\"}}}}}}").expect("write");
    w.flush().expect("flush");
    drop(w);
    (dir, path)
});

fn run_once(db: &Path, file: &Path) -> usize {
    let mut store = Store::open(db).expect("open");
    let options = ImportOptions {
        account: Some("lumencoffee".into()),
        now: 1_790_000_000,
        ..Default::default()
    };
    let start = Instant::now();
    let s = import::run(&mut store, &[file.to_path_buf()], &options, &mut |_| {}).expect("import");
    let secs = start.elapsed().as_secs_f64();
    let n: usize = s.iter().map(|f| f.new).sum();
    let ours = n as f64 / secs;
    eprintln!("smmdeck: imported {n} comments in {secs:.2} s: {ours:.0} rows/s");
    let start = Instant::now();
    let again =
        import::run(&mut store, &[file.to_path_buf()], &options, &mut |_| {}).expect("again");
    eprintln!(
        "smmdeck: the same file again in {:.2} s ({} unchanged)",
        start.elapsed().as_secs_f64(),
        again.iter().map(|f| f.unchanged).sum::<usize>()
    );
    drop(store);
    match sqlite3_rate(&db.with_extension("sqlite3.db")) {
        Ok(Some(theirs)) => eprintln!(
            "sqlite3 shell: the same rows in {:.0} rows/s; smmdeck is {:.2}x its rate (target: 1x or more)",
            theirs,
            ours / theirs
        ),
        Ok(None) => eprintln!("sqlite3 shell: not installed; comparison skipped"),
        Err(e) => eprintln!("sqlite3 shell: failed ({e}); comparison skipped"),
    }
    peak_memory(file);
    n
}

/// Loads the same rows with the `sqlite3` shell into a database made by smmdeck's migrations:
/// `.import` of a CSV into a staging table, one INSERT … SELECT into `inbox_items` (its indexes
/// kept as they go), and both search indexes filled from the rows (the whole inbox's, and the
/// open queue's of schema v15 in its key order), in one transaction. Rows per
/// second, from the shell's start to its end; None when there is no `sqlite3`.
fn sqlite3_rate(db: &Path) -> Result<Option<f64>, String> {
    if std::process::Command::new("sqlite3")
        .arg("--version")
        .output()
        .is_err()
    {
        return Ok(None);
    }
    let store = Store::open(db).map_err(|e| e.to_string())?;
    let account = store
        .accounts()
        .add(
            &NewAccount {
                platform: "facebook".into(),
                handle: "lumencoffee".into(),
                ..Default::default()
            },
            1_790_000_000,
        )
        .map_err(|e| e.to_string())?;
    drop(store);
    let csv = db.with_extension("csv");
    {
        let mut w = csv::Writer::from_path(&csv).map_err(|e| e.to_string())?;
        w.write_record([
            "account_id",
            "platform",
            "kind",
            "external_id",
            "thread_key",
            "author_name",
            "body",
            "received_at",
            "priority",
            "priority_reason",
        ])
        .map_err(|e| e.to_string())?;
        for i in 0..rows() {
            let (id, at, author, body) = comment(i);
            let (account, at) = (account.to_string(), at.to_string());
            w.write_record([
                &account, "facebook", "comment", &id, &id, &author, &body, &at, "1", "",
            ])
            .map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    let script = format!(
        "PRAGMA synchronous = NORMAL;\n\
         PRAGMA cache_size = -32768;\n\
         CREATE TEMP TABLE stage (account_id INTEGER, platform TEXT, kind TEXT, external_id TEXT,\n\
           thread_key TEXT, author_name TEXT, body TEXT, received_at INTEGER, priority INTEGER,\n\
           priority_reason TEXT);\n\
         .import --csv --skip 1 '{}' stage\n\
         BEGIN;\n\
         INSERT INTO inbox_items (account_id, platform, kind, external_id, thread_key,\n\
           author_name, body, received_at, priority, priority_reason) SELECT * FROM stage;\n\
         INSERT INTO inbox_fts (rowid, author_name, author_handle, body, labels)\n\
           SELECT id, author_name, author_handle, body, labels FROM inbox_items;\n\
         INSERT INTO inbox_open_fts (rowid, author_name, author_handle, body, labels)\n\
           SELECT queue_key * 67108864 + id, author_name, author_handle, body, labels\n\
             FROM inbox_items WHERE status IN ('new', 'escalated') AND from_self = 0\n\
            ORDER BY queue_key, id;\n\
         COMMIT;\n",
        csv.display()
    );
    let start = Instant::now();
    let mut child = std::process::Command::new("sqlite3")
        .args(["-bail"])
        .arg(db)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(script.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    let secs = start.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("exit {status}"));
    }
    let conn = rusqlite::Connection::open(db).map_err(|e| e.to_string())?;
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM inbox_items", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    Ok(Some(n as f64 / secs))
}

/// The import as a user runs it (`smmdeck import`, a process of its own), with its peak
/// resident memory, when the release binary is built.
fn peak_memory(file: &Path) {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/smmdeck");
    let time = Path::new("/usr/bin/time");
    if !bin.exists() || !time.exists() {
        eprintln!("peak memory: needs target/release/smmdeck and /usr/bin/time; skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out = std::process::Command::new(time)
        .args(["-f", "%M %e"])
        .arg(&bin)
        .arg("--db")
        .arg(dir.path().join("m.db"))
        .args(["--create", "import", "--account", "lumencoffee"])
        .arg(file)
        .output();
    match out {
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr);
            let last = err.lines().last().unwrap_or("");
            let mut parts = last.split_whitespace();
            let kib: f64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
            let secs = parts.next().unwrap_or("?");
            eprintln!(
                "smmdeck import (release binary): peak {:.0} MB in {secs} s for a {:.0} MB file (target: 100 MB)",
                kib / 1024.0,
                std::fs::metadata(file).map_or(0, |m| m.len()) as f64 / 1e6
            );
        }
        Err(e) => eprintln!("peak memory: {e}"),
    }
}

#[divan::bench(sample_count = 1, sample_size = 1)]
fn graph_api_comments_million(bencher: divan::Bencher) {
    let (_, file) = &*FILE;
    bencher
        .with_inputs(|| tempfile::tempdir().expect("tempdir"))
        .bench_local_values(|dir| run_once(&dir.path().join("bench.db"), file));
}

fn main() {
    divan::main();
}
