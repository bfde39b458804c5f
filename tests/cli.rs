//! The command line run as a user would, against a database in a temp folder.

mod common;

use common::smmdeck;
use std::process::{Command, Output};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn demo_fills_what_it_promises_and_info_counts_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub/demo.db");
    // A --db in a folder that does not exist yet needs --create (issue 14, item 10).
    let out = smmdeck(&db, &["demo", "--create"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = smmdeck(&db, &["info", "--json"]);
    assert!(out.status.success());
    let info: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let c = &info["counts"];
    assert_eq!(c["accounts"], 5);
    assert_eq!(c["posts"], 150);
    // 800 inbox rows: items, and the brand's replies inside conversations.
    let replies: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM inbox_messages WHERE from_self = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(replies > 0);
    assert_eq!(c["inbox"]["items"].as_i64().unwrap() + replies, 800);
    assert!(c["inbox"]["messages"].as_i64().unwrap() > replies);
    assert_eq!(c["contacts"]["contacts"], 40);
    assert_eq!(c["campaigns"]["campaigns"], 5);
    assert_eq!(info["schema_version"], info["latest_schema_version"]);
    // 90 days of account metrics for 5 accounts, and post snapshots beside them.
    assert_eq!(c["metrics"]["account_days"], 450);
    assert!(c["metrics"]["post_snapshots"].as_i64().unwrap() > 1000);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");

    // A second demo on a full database is refused, and changes nothing.
    let again = smmdeck(&db, &["demo"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    let posts: i64 = conn
        .query_row("SELECT COUNT(*) FROM posts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(posts, 150);
}

#[test]
fn accounts_add_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let out = smmdeck(
        &db,
        &[
            "accounts",
            "add",
            "--platform",
            "Twitter",
            "--handle",
            "@lumen",
            "--brand",
            "Lumen",
            "--tz",
            "Europe/Kyiv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let dup = smmdeck(
        &db,
        &["accounts", "add", "--platform", "x", "--handle", "lumen"],
    );
    assert!(!dup.status.success());
    assert!(stderr(&dup).contains("already exists"));
    let bad = smmdeck(
        &db,
        &["accounts", "add", "--platform", "myspace", "--handle", "x"],
    );
    assert!(stderr(&bad).contains("unknown platform"));
    let bad_tz = smmdeck(
        &db,
        &[
            "accounts",
            "add",
            "--platform",
            "x",
            "--handle",
            "y",
            "--tz",
            "Mars/Olympus",
        ],
    );
    assert!(stderr(&bad_tz).contains("unknown time zone"));
    let list = smmdeck(&db, &["accounts", "list", "--json"]);
    let accounts: serde_json::Value = serde_json::from_str(&stdout(&list)).unwrap();
    assert_eq!(accounts.as_array().unwrap().len(), 1);
    assert_eq!(accounts[0]["platform"], "x");
    assert_eq!(accounts[0]["handle"], "lumen");
}

#[test]
fn backup_copies_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    assert!(smmdeck(&db, &["demo"]).status.success());
    let dest = dir.path().join("copy.db");
    let out = smmdeck(&db, &["backup", dest.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let info = smmdeck(&dest, &["info", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&info)).unwrap();
    assert_eq!(v["counts"]["posts"], 150);
    let again = smmdeck(&db, &["backup", dest.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn db_comes_from_the_environment_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_smmdeck"))
        .env("SMMDECK_DB", &db)
        .args(["--config", "/nonexistent/x.toml", "info"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).contains("env.db"));
}

#[test]
fn newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 42)
        .unwrap();
    let out = smmdeck(&db, &["info"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("newer smmdeck"), "{}", stderr(&out));
}

#[test]
fn help_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    for args in [
        &["--help"][..],
        &["demo", "--help"],
        &["accounts", "add", "--help"],
        &["backup", "--help"],
        &["info", "--help"],
    ] {
        let out = smmdeck(&db, args);
        assert!(out.status.success(), "{args:?}");
        assert!(stdout(&out).contains("Usage"), "{args:?}");
    }
}
