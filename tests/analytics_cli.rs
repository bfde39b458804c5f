//! `smmdeck analytics` and `smmdeck campaigns` run as a user would: every KPI of the demo for
//! one account and period, computed here straight from the tables, must match `--json`.

mod common;
mod kpi_by_hand;

use std::path::Path;
use std::process::{Command, Output};

use kpi_by_hand::by_hand;
use rusqlite::Connection;
use smmdeck::demo::{self, Scale};
use smmdeck::store::Store;

fn smmdeck(dir: &Path, args: &[&str]) -> Output {
    let config = dir.join("config.toml");
    // The demo's zone, so that day bounds are the same here and in the command.
    std::fs::write(&config, "timezone = \"Europe/Kyiv\"\n").unwrap();
    Command::new(env!("CARGO_BIN_EXE_smmdeck"))
        .arg("--db")
        .arg(dir.join("demo.db"))
        .arg("--config")
        .arg(&config)
        .args(args)
        .output()
        .expect("smmdeck runs")
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn demo_db(dir: &Path) {
    let mut store = Store::open(&dir.join("demo.db")).unwrap();
    demo::generate(&mut store, Scale::Small, &common::clock(), &mut |_| {}).unwrap();
}

fn shown(k: &serde_json::Value) -> serde_json::Value {
    let views: i64 = k["views"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[1].as_i64().unwrap())
        .sum();
    let er = |by_followers: bool| {
        let (e, r, m, f) = (
            k["engagements"].as_f64().unwrap(),
            k["reach"].as_f64().unwrap(),
            k["posts_measured"].as_f64().unwrap(),
            k["followers"].as_f64(),
        );
        if by_followers {
            f.filter(|f| *f > 0.0 && m > 0.0).map(|f| e / m / f)
        } else {
            (r > 0.0).then(|| e / r)
        }
    };
    serde_json::json!({
        "posts": k["posts"], "posts_measured": k["posts_measured"], "views": views,
        "reach": k["reach"], "engagements": k["engagements"], "clicks": k["clicks"],
        "followers": k["followers"], "growth": k["growth"], "account_reach": k["account_reach"],
        "profile_visits": k["profile_visits"], "er_by_reach": er(false),
        "er_by_followers": er(true),
    })
}

#[test]
fn every_kpi_of_one_account_matches_sql() {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    let conn = Connection::open(dir.path().join("demo.db")).unwrap();
    let (id, handle): (i64, String) = conn
        .query_row(
            "SELECT id, handle FROM accounts WHERE platform = 'instagram'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let out = json(&smmdeck(
        dir.path(),
        &[
            "analytics",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-21",
            "--account",
            &handle,
            "--json",
        ],
    ));
    assert_eq!(out["previous_from"], "2026-10-11");
    assert_eq!(out["previous_to"], "2026-10-31");
    let rows = out["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "one account asked, one row");
    let row = &rows[0];
    assert_eq!(row["account_id"], id);
    let now = by_hand(&conn, id, "2026-11-01", "2026-11-21");
    let before = by_hand(&conn, id, "2026-10-11", "2026-10-31");
    assert!(
        now["posts"].as_i64().unwrap() > 0,
        "the demo has posts then"
    );
    assert!(now["engagements"].as_i64().unwrap() > 0);
    assert_eq!(shown(&row["current"]), now);
    assert_eq!(shown(&row["previous"]), before);
    // JSON numbers come back within a rounding of the last bit.
    for er in ["er_by_reach", "er_by_followers"] {
        let (a, b) = (row[er].as_f64().unwrap(), now[er].as_f64().unwrap());
        assert!((a - b).abs() < 1e-12, "{er}: {a} vs {b}");
    }
    // The comparison column says the change of each figure.
    let posts = row["compare"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "posts")
        .unwrap();
    let (c, p) = (
        now["posts"].as_f64().unwrap(),
        before["posts"].as_f64().unwrap(),
    );
    if p > 0.0 {
        assert!((posts["change"].as_f64().unwrap() - (c - p) / p).abs() < 1e-12);
    } else {
        assert!(posts["change"].is_null());
    }
}

#[test]
fn all_accounts_sum_and_bad_dates_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    let out = json(&smmdeck(
        dir.path(),
        &[
            "analytics",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-21",
            "--json",
        ],
    ));
    let rows = out["rows"].as_array().unwrap();
    assert_eq!(rows[0]["label"], "all accounts");
    let sum: i64 = rows[1..]
        .iter()
        .map(|r| r["current"]["engagements"].as_i64().unwrap())
        .sum();
    assert_eq!(rows[0]["current"]["engagements"].as_i64().unwrap(), sum);
    let bad = smmdeck(
        dir.path(),
        &["analytics", "--from", "2026-11-21", "--to", "2026-11-01"],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("before it starts"));
}

#[test]
fn campaigns_add_then_list() {
    let dir = tempfile::tempdir().unwrap();
    let out = smmdeck(
        dir.path(),
        &[
            "campaigns",
            "add",
            "--name",
            "Spring",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--budget",
            "5000",
            "--currency",
            "eur",
            "--goal",
            "clicks",
            "--target",
            "2000",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = json(&smmdeck(dir.path(), &["campaigns", "list", "--json"]));
    let c = &list[0];
    assert_eq!(c["name"], "Spring");
    assert_eq!(c["currency"], "EUR");
    assert_eq!(c["budget"], "5000.00");
    assert_eq!(c["budget_minor"], 500_000);
    assert_eq!(c["spend"], "0.00");
    assert!(c["romi"].is_null(), "no revenue known: no ROMI");
    assert!(c["cpc"].is_null());
    let bad = smmdeck(
        dir.path(),
        &[
            "campaigns",
            "add",
            "--name",
            "X",
            "--from",
            "2026-03-31",
            "--to",
            "2026-03-01",
        ],
    );
    assert!(!bad.status.success());
    let bad = smmdeck(
        dir.path(),
        &[
            "campaigns",
            "add",
            "--name",
            "X",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--budget",
            "12.345",
        ],
    );
    assert!(!bad.status.success());
    assert_eq!(
        json(&smmdeck(dir.path(), &["campaigns", "list", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        1,
        "refused campaigns leave nothing behind"
    );
}
