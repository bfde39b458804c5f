//! The crash test (issue 14): a child process is killed with SIGKILL at a random point during
//! an import and during triage writes; afterwards the database must pass SQLite's integrity
//! check and the search index's own, and every transaction must be all or nothing.
//!
//! `cargo test --test crash` runs a few kills of each kind. For the figures in RELIABILITY.md:
//! `SMMDECK_CRASH_ITERATIONS=100 cargo test --test crash -- --nocapture` (each kind runs that
//! many times; `SMMDECK_CRASH_SEED` repeats a run; `SMMDECK_BIN` names the binary to kill).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use smmdeck::domain::InboxStatus;
use smmdeck::store::Store;

const POSTS: usize = 20_000;
const COMMENTS: usize = 20_000;
/// Items a triage write changes in one transaction.
const BATCH: usize = 50;

fn iterations() -> usize {
    std::env::var("SMMDECK_CRASH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

/// A small xorshift: the kill points only need to spread, and a seed repeats a run.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("SMMDECK_CRASH_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
                    | 1
            });
        eprintln!("crash test seed {seed} (SMMDECK_CRASH_SEED repeats it)");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The binary under test; `SMMDECK_BIN` points a long run at a copy (or a release build), so
/// that rebuilding meanwhile cannot pull it away.
fn smmdeck(db: &Path) -> Command {
    let bin = std::env::var_os("SMMDECK_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_smmdeck")),
        PathBuf::from,
    );
    let mut c = Command::new(bin);
    c.arg("--db")
        .arg(db)
        .args(["--config", "/nonexistent/smmdeck-test-config.toml"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn one(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The database is whole: SQLite's check, the search index against its rows, and a normal
/// open that finds no damage.
fn assert_whole(db: &Path, what: &str) {
    let conn = Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "{what}: integrity check");
    conn.execute(
        "INSERT INTO inbox_fts (inbox_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap_or_else(|e| panic!("{what}: search index check: {e}"));
    drop(conn);
    let store = Store::open(db).unwrap();
    assert_eq!(store.damage(), None, "{what}");
}

/// Two files imported in one run: an X export of POSTS posts and COMMENTS Graph API comments.
fn import_files(dir: &Path) -> Vec<PathBuf> {
    let mut x = String::from(
        "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,\
         New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,\
         Permalink Clicks\n",
    );
    for i in 0..POSTS {
        let id = 7_000_000 + i;
        x.push_str(&format!(
            "{id},\"Thu, Oct 1, 2026\",crash post {i},https://x.com/crashtest/status/{id},\
             100,1,2,0,0,0,0,0,0,0,1,0,0\n"
        ));
    }
    let comments: Vec<serde_json::Value> = (0..COMMENTS)
        .map(|i| {
            serde_json::json!({
                "id": format!("9_{i}"),
                "created_time": "2026-10-01T09:02:11+0000",
                "from": {"name": format!("Crash Tester {i}"), "id": format!("{}", 100 + i % 50)},
                "message": format!("comment number {i} about latte art"),
            })
        })
        .collect();
    let xp = dir.join("x_crash.csv");
    let jp = dir.join("comments_crash.json");
    std::fs::write(&xp, x).unwrap();
    std::fs::write(&jp, serde_json::json!({ "data": comments }).to_string()).unwrap();
    vec![xp, jp]
}

/// A demo database, closed cleanly, to copy for each kill.
fn base(dir: &Path) -> PathBuf {
    let db = dir.join("base.db");
    let ok = smmdeck(&db).arg("demo").status().unwrap();
    assert!(ok.success());
    let ok = smmdeck(&db)
        .args([
            "accounts",
            "add",
            "--platform",
            "facebook",
            "--handle",
            "crash",
        ])
        .status()
        .unwrap();
    assert!(ok.success());
    db
}

fn fresh_copy(base: &Path, dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    for suffix in ["", "-wal", "-shm", "-writer"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    std::fs::copy(base, &db).unwrap();
    db
}

#[test]
fn sigkill_during_imports_leaves_every_run_whole_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let base = base(dir.path());
    let files = import_files(dir.path());
    let (posts0, items0) = {
        let c = Connection::open(&base).unwrap();
        (
            one(&c, "SELECT COUNT(*) FROM posts"),
            one(&c, "SELECT COUNT(*) FROM inbox_items"),
        )
    };
    // How long one whole import takes here: kills land anywhere from start to just past it.
    let db = fresh_copy(&base, dir.path(), "timing.db");
    let started = Instant::now();
    let status = smmdeck(&db)
        .args(["import", "--account", "crash"])
        .args(&files)
        .status()
        .unwrap();
    assert!(status.success());
    let whole = started.elapsed().as_millis() as u64;
    let mut rng = Rng::new();
    let (mut absent, mut present) = (0, 0);
    for i in 0..iterations() {
        let db = fresh_copy(&base, dir.path(), "kill.db");
        let mut child = smmdeck(&db)
            .args(["import", "--account", "crash"])
            .args(&files)
            .spawn()
            .unwrap();
        let at = rng.below(whole + whole / 10);
        std::thread::sleep(Duration::from_millis(at));
        let _ = child.kill();
        let _ = child.wait();
        let what = format!("import kill {i} at {at} of {whole} ms");
        assert_whole(&db, &what);
        let c = Connection::open(&db).unwrap();
        let posts = one(&c, "SELECT COUNT(*) FROM posts") - posts0;
        let items = one(&c, "SELECT COUNT(*) FROM inbox_items") - items0;
        match (posts, items) {
            (0, 0) => absent += 1,
            (p, n) if p == POSTS as i64 && n == COMMENTS as i64 => present += 1,
            other => panic!("{what}: a partial import: {other:?} new posts and comments"),
        }
    }
    eprintln!("imports killed: {absent} left nothing, {present} were whole");
}

/// The child of the triage crash test: writes batches of status changes until it is killed.
#[test]
fn crash_child_triage_writes() {
    let Ok(db) = std::env::var("SMMDECK_CRASH_CHILD_DB") else {
        return;
    };
    let store = Store::open(Path::new(&db)).unwrap();
    let ids: Vec<i64> = {
        let c = Connection::open(&db).unwrap();
        let mut s = c
            .prepare("SELECT id FROM inbox_items ORDER BY id LIMIT 500")
            .unwrap();
        s.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let statuses = [InboxStatus::Done, InboxStatus::Escalated, InboxStatus::New];
    for k in 0.. {
        let start = (k * BATCH) % (ids.len() - BATCH);
        let status = statuses[k % statuses.len()];
        store
            .inbox()
            .set_status_many(
                &ids[start..start + BATCH],
                status,
                Some(&format!("crash-batch-{k}")),
                1_800_000_000 + k as i64,
            )
            .unwrap();
    }
}

#[test]
fn sigkill_during_triage_writes_leaves_every_batch_whole_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let base = base(dir.path());
    let mut rng = Rng::new();
    let mut batches = 0;
    for i in 0..iterations() {
        let db = fresh_copy(&base, dir.path(), "triage.db");
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash_child_triage_writes", "--nocapture"])
            .env("SMMDECK_CRASH_CHILD_DB", &db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let at = 50 + rng.below(400);
        std::thread::sleep(Duration::from_millis(at));
        let _ = child.kill();
        let _ = child.wait();
        let what = format!("triage kill {i} at {at} ms");
        assert_whole(&db, &what);
        let c = Connection::open(&db).unwrap();
        // Every batch wrote BATCH events in one transaction: all of them or none.
        let mut s = c
            .prepare(
                "SELECT detail, COUNT(*) FROM inbox_events WHERE detail LIKE 'crash-batch-%'
                  GROUP BY detail",
            )
            .unwrap();
        let rows: Vec<(String, i64)> = s
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (batch, n) in &rows {
            assert_eq!(*n, BATCH as i64, "{what}: {batch} is partial");
        }
        batches += rows.len();
        // And each item's status is what its latest batch set.
        let wrong = one(
            &c,
            "SELECT COUNT(*) FROM inbox_items i
               JOIN inbox_events e ON e.id = (SELECT MAX(id) FROM inbox_events WHERE item_id = i.id)
              WHERE e.detail LIKE 'crash-batch-%' AND e.action <> i.status",
        );
        assert_eq!(wrong, 0, "{what}: a status and its event disagree");
    }
    eprintln!("triage kills: {batches} whole batches committed before the kills");
}
