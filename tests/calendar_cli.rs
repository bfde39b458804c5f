//! `smmdeck posts` and `smmdeck calendar export`, run as a user would.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

fn smmdeck(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smmdeck"))
        .arg("--db")
        .arg(db)
        .args(args)
        .args(["--config", "/nonexistent/smmdeck-test-config.toml"])
        .env("TZ", "Europe/Kyiv")
        .output()
        .expect("smmdeck runs")
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn json_list(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["posts", "list", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(smmdeck(db, &all))).unwrap()
}

/// RFC 5545's shape, checked by hand where the parser is lenient: CRLF endings, lines of at
/// most 75 octets, balanced BEGIN/END, the required properties once per component.
fn check_rfc5545(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"));
    let body = &text[..text.len() - 2];
    let lines: Vec<&str> = body.split("\r\n").collect();
    for l in &lines {
        assert!(
            !l.contains('\n') && !l.contains('\r'),
            "bare line break in {l:?}"
        );
        assert!(l.len() <= 75, "line longer than 75 octets: {l:?}");
    }
    let unfolded = icalendar::parser::unfold(text);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let prop = |c: &[icalendar::parser::Property<'_>], name: &str| {
        c.iter().filter(|p| p.name == name).count()
    };
    assert_eq!(prop(&cal.properties, "VERSION"), 1);
    assert_eq!(prop(&cal.properties, "PRODID"), 1);
    let mut stack = Vec::new();
    for l in unfolded.lines() {
        if let Some(n) = l.strip_prefix("BEGIN:") {
            stack.push(n.to_string());
        } else if let Some(n) = l.strip_prefix("END:") {
            assert_eq!(stack.pop().as_deref(), Some(n), "unbalanced END:{n}");
        }
    }
    assert!(stack.is_empty());
    let mut uids = Vec::new();
    for ev in &cal.components {
        assert_eq!(ev.name, "VEVENT");
        for required in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] {
            assert_eq!(prop(&ev.properties, required), 1, "{required} in {ev:?}");
        }
        let start = ev.find_prop("DTSTART").unwrap().val.as_str().to_string();
        assert!(
            chrono::NaiveDateTime::parse_from_str(&start, "%Y%m%dT%H%M%SZ").is_ok(),
            "{start}"
        );
        uids.push(ev.find_prop("UID").unwrap().val.as_str().to_string());
    }
    uids
}

#[test]
fn calendar_posts_add_checks_limits_and_list_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok(smmdeck(&db, &["demo"]));
    let before = json_list(&db, &[]).len();
    let long = dir.path().join("long.txt");
    std::fs::write(&long, format!("{}\n", "a".repeat(281))).unwrap();
    let long_arg = long.to_str().unwrap();
    let add = |status: &str| {
        smmdeck(
            &db,
            &[
                "posts",
                "add",
                "--account",
                "X @pixel_bikes",
                "--at",
                "2026-12-01 18:30",
                "--format",
                "post",
                "--caption-file",
                long_arg,
                "--status",
                status,
            ],
        )
    };
    let refused = add("ready");
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("long.txt") && err.contains("limit of 280"),
        "{err}"
    );
    assert_eq!(json_list(&db, &[]).len(), before, "nothing was written");
    ok(add("draft"));
    let x = json_list(
        &db,
        &[
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-01",
            "--account",
            "pixel_bikes",
            "--status",
            "draft",
        ],
    );
    let p = x
        .iter()
        .find(|p| p["caption"].as_str().unwrap().len() == 281)
        .unwrap();
    assert_eq!(p["scheduled_local"], "2026-12-01 18:30");
    assert_eq!(p["platform"], "x");
    assert_eq!(p["zone"], "Europe/Warsaw");
    // --at is read in the account's zone (issue 13 item 1): 18:30 in Warsaw (UTC+1) is 17:30
    // UTC, wherever the command runs.
    let utc = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(17, 30, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    assert_eq!(p["scheduled_at"], utc);
    let bad = smmdeck(&db, &["posts", "list", "--status", "nope"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("use one of"));
}

#[test]
fn calendar_ics_export_parses_and_keeps_uids() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok(smmdeck(&db, &["demo"]));
    let out = dir.path().join("plan.ics");
    ok(smmdeck(
        &db,
        &[
            "calendar",
            "export",
            "--ics",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let first = std::fs::read_to_string(&out).unwrap();
    let uids = check_rfc5545(&first);
    let scheduled = json_list(&db, &["--status", "scheduled"]);
    assert_eq!(uids.len(), scheduled.len());
    assert!(!uids.is_empty());
    let expected: BTreeSet<String> = scheduled
        .iter()
        .map(|p| format!("post-{}@smmdeck", p["id"]))
        .collect();
    assert_eq!(uids.iter().cloned().collect::<BTreeSet<_>>(), expected);
    // A second export (to stdout this time) names the same events the same way.
    let second = ok(smmdeck(&db, &["calendar", "export", "--ics"]));
    assert_eq!(check_rfc5545(&second), uids);
    // One account only.
    let one = ok(smmdeck(
        &db,
        &[
            "calendar",
            "export",
            "--ics",
            "--account",
            "IG @lumen.coffee",
        ],
    ));
    let some = check_rfc5545(&one);
    assert!(some.len() < uids.len());
    let refused = smmdeck(&db, &["calendar", "export"]);
    assert!(!refused.status.success());
}
