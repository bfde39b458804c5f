//! Every statement the app runs to show a screen or answer a key is planned as an index walk at
//! the large demo's scale: no full scan of a big table, no temporary B-tree (a sort) on the way
//! to a frame. The statements are not listed here: the app is driven through its tabs and keys,
//! and each statement it runs is caught by a trace and asked `EXPLAIN QUERY PLAN`, so a query
//! added tomorrow is checked too.
//!
//! The database is the small demo with the large demo's statistics (`sqlite_stat1` as ANALYZE
//! wrote it for 1M inbox items, 100k posts, 3M snapshots): the planner then chooses as it would
//! on the large file. The same drive also runs with no statistics at all, as a database that
//! was never analysed is planned.

mod common;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use common::*;
use ratatui::crossterm::event::KeyCode;
use rusqlite::Connection;
use rusqlite::trace::TraceEvent;
use smmdeck::config::Config;
use smmdeck::store::Store;
use smmdeck::tui::app::App;

/// `sqlite_stat1` of the large demo (`smmdeck demo --scale large`, then ANALYZE): table, index,
/// stat. The first number is the table's rows.
const LARGE_STAT1: &str = "\
account_daily_summary|account_daily_summary|940 188 1
account_daily_summary|account_daily_summary_day|940 5 1 1 1 1 1
account_metrics|account_metrics|450 90 1
account_metrics|account_metrics_day|450 5 1
accounts|sqlite_autoindex_accounts_1|5 1 1
campaign_accounts|campaign_accounts|9 2 1
campaign_daily|campaign_daily|213 43 1
campaign_daily|campaign_daily_day|213 3 1
campaigns|campaigns_name|5 1
collaborations|collaborations_campaign|3750 750
collaborations|collaborations_open_due|1250 28 1
collaborations|collaborations_owner|3750 1
contact_handles|contact_handles_owner|14977 2
contact_handles|sqlite_autoindex_contact_handles_1|14977 7489 1
contacts|contacts_cpe|10000 10000 1
contacts|contacts_er|10000 1 1
contacts|contacts_follow_up|7500 375 1
contacts|contacts_followers|10000 1 1
contacts|contacts_last_contact|10000 48 1
contacts|contacts_name|10000 33 1
contacts|contacts_stage|10000 1250 5 1
inbox_fts_data||10053
inbox_fts_docsize||1000000
inbox_fts_idx|inbox_fts_idx|2294 255 1
inbox_items|inbox_account_shelf_time|1000000 200000 66667 1 1
inbox_items|inbox_author|1000000 200000 8
inbox_items|inbox_escalated|20881 1 1
inbox_items|inbox_open_account_queue|49015 9803 1 1
inbox_items|inbox_open_queue|49015 1 1
inbox_items|inbox_post|535656 10
inbox_items|inbox_shelf_time|1000000 333334 1 1
inbox_items|inbox_thread|330272 4 1
inbox_items|inbox_time|1000000 1 1
inbox_items|sqlite_autoindex_inbox_items_1|1000000 200000 1
inbox_messages|inbox_messages_item|330272 4 2 1
inbox_messages|sqlite_autoindex_inbox_messages_1|330272 165136 1
interactions|interactions_owner|25024 3 1
post_latest|post_latest_account_when|43342 8669 2 2 1 1 1 1 1 1
post_latest|post_latest_when|43342 5 2 2 1 1 1 1 1 1
post_metrics|post_metrics_day|3000000 15958
post_metrics|sqlite_autoindex_post_metrics_1|3000000 70 1
posts|posts_account_when|100000 20000 2 1
posts|posts_campaign|30343 6069
posts|posts_external|85069 17014 1
posts|posts_status_when|100000 14286 4
posts|posts_when|100000 5 1
rate_cards|rate_cards_owner|24982 3
rate_cards|sqlite_autoindex_rate_cards_1|24982 3 1";

/// A table this big (at the large demo) must never be read whole on the way to a frame.
const BIG_ROWS: u64 = 10_000;

thread_local! {
    static SEEN: RefCell<Vec<(String, Duration)>> = const { RefCell::new(Vec::new()) };
}

/// The trace: every finished statement, as prepared. Its `?` stay unbound for the planner, as
/// they were when SQLite planned it: values written into the text would let the planner fold
/// `NULL IS NULL OR account_id = NULL` away, and hide what the bound statement really does.
fn record(event: TraceEvent<'_>) {
    if let TraceEvent::Profile(stmt, took) = event {
        let sql = stmt.sql().into_owned();
        SEEN.with(|s| s.borrow_mut().push((sql, took)));
    }
}

/// A table's rows at the large demo (the most any of its indexes counts; 0 when unknown).
fn table_rows(table: &str) -> u64 {
    LARGE_STAT1
        .lines()
        .filter(|l| l.split('|').next() == Some(table))
        .filter_map(|l| l.split('|').nth(2)?.split(' ').next()?.parse().ok())
        .max()
        .unwrap_or(0)
}

/// The big tables, by rows at the large demo.
fn big_tables() -> BTreeSet<String> {
    LARGE_STAT1
        .lines()
        .filter_map(|l| l.split('|').next())
        .filter(|t| table_rows(t) >= BIG_ROWS)
        .map(str::to_string)
        .collect()
}

enum Stats {
    None,
    Large,
}

/// Puts the chosen statistics in place; the store reads them when it opens.
fn set_stats(path: &Path, stats: Stats) {
    let conn = Connection::open(path).unwrap();
    // ANALYZE creates the statistics tables; their rows are then replaced or dropped.
    conn.execute_batch("ANALYZE; DELETE FROM sqlite_stat1; DELETE FROM sqlite_stat4;")
        .unwrap();
    if let Stats::Large = stats {
        let mut insert = conn
            .prepare("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?1, NULLIF(?2, ''), ?3)")
            .unwrap();
        for line in LARGE_STAT1.lines() {
            let cells: Vec<&str> = line.split('|').collect();
            insert.execute([cells[0], cells[1], cells[2]]).unwrap();
        }
    }
}

/// Drives the app through every tab and the keys a user presses most, with and without an
/// account filter, drawing a frame after each; returns the statements it ran, in order.
fn drive(path: &Path) -> Vec<String> {
    let store = Store::open(path).unwrap();
    SEEN.with(|s| s.borrow_mut().clear());
    store.trace_statements(Some(record));
    let mut app = App::new(store, clock(), Config::default()).unwrap();
    let frame = |app: &App| {
        draw(app, 200, 50);
    };
    // Today; Calendar: a day, a week row, the next month, week view, agenda, a move and its
    // undo, a delete and its undo; Inbox: down, a page, done and undo, the filters; Contacts:
    // down and a page; Analytics.
    let script: &[&[KeyCode]] = &[
        &[KeyCode::Char('1'), KeyCode::Char('j')],
        &[KeyCode::Char('2'), KeyCode::Char('l'), KeyCode::Char('j')],
        &[KeyCode::Char(']'), KeyCode::Char('['), KeyCode::Char('t')],
        // Week view: a day, the next week.
        &[KeyCode::Char('v'), KeyCode::Char('l'), KeyCode::Char(']')],
        // Agenda: down, a page.
        &[KeyCode::Char('v'), KeyCode::Char('j'), KeyCode::PageDown],
        // Month again: a post moved a day and back, deleted and back.
        &[KeyCode::Char('v'), KeyCode::Enter, KeyCode::Char('>')],
        &[KeyCode::Char('u'), KeyCode::Char('D'), KeyCode::Char('y')],
        &[KeyCode::Char('u'), KeyCode::Esc],
        &[KeyCode::Char('3'), KeyCode::Char('j'), KeyCode::PageDown],
        &[KeyCode::Char('d'), KeyCode::Char('u')],
        // Every inbox view, picked with `f`: escalated, done, hidden+spam, all, open.
        &[KeyCode::Char('f'), KeyCode::Char('j'), KeyCode::Enter],
        &[
            KeyCode::Char('f'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Enter,
        ],
        &[
            KeyCode::Char('f'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Enter,
        ],
        &[
            KeyCode::Char('f'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Enter,
        ],
        // A term from `f` in the open queue (kind: dm) and in all items, newest first (`o`),
        // then the view back to open and the term off.
        &[
            KeyCode::Char('f'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
        ],
        &[
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Enter,
        ],
        &[KeyCode::Char('o'), KeyCode::Char('j'), KeyCode::Char('o')],
        &[KeyCode::Char('f'), KeyCode::Enter],
        // A search for a label and a word, marked whole with X (the count), then cleared.
        &[
            KeyCode::Char('/'),
            KeyCode::Char('#'),
            KeyCode::Char('v'),
            KeyCode::Char('i'),
        ],
        &[
            KeyCode::Char('p'),
            KeyCode::Char(' '),
            KeyCode::Char('a'),
            KeyCode::Enter,
        ],
        &[KeyCode::Char('X'), KeyCode::Esc, KeyCode::Esc, KeyCode::Esc],
        &[KeyCode::Char('4'), KeyCode::Char('j'), KeyCode::PageDown],
        &[KeyCode::Char('5'), KeyCode::Char('j')],
    ];
    for round in 0..2 {
        for keys in script {
            for k in *keys {
                app.on_key(code(*k));
                frame(&app);
            }
        }
        if round == 0 {
            // The second round with an account filter.
            press(&mut app, "1a");
            frame(&app);
        }
    }
    SEEN.with(|s| s.borrow().iter().map(|(sql, _)| sql.clone()).collect())
}

/// Statements that read a big table without a seek but stop at once: `EXISTS` ends at the
/// first row it finds.
const STOPS_AT_FIRST_ROW: &[&str] =
    &["SELECT EXISTS(SELECT 1 FROM accounts) OR EXISTS(SELECT 1 FROM posts)"];

/// Rows per key of an index at the large demo, after `eq` equality terms (1 for a rowid).
fn rows_per_key(index: &str, eq: usize) -> u64 {
    LARGE_STAT1
        .lines()
        .find(|l| l.split('|').nth(1) == Some(index))
        .and_then(|l| l.split('|').nth(2))
        .and_then(|stat| stat.split(' ').nth(eq))
        .and_then(|n| n.parse().ok())
        .unwrap_or(u64::MAX)
}

/// Whether one plan line reads a big table beyond a few rows: a scan, a range, or an equality
/// on a key that many rows share (a sort fed by it would sort them all).
fn reads_many(line: &str, aliases: &BTreeMap<String, String>, big: &BTreeSet<String>) -> bool {
    let rest = match line
        .strip_prefix("SCAN ")
        .or_else(|| line.strip_prefix("SEARCH "))
    {
        Some(r) => r,
        None => return false,
    };
    let name = rest.split(' ').next().unwrap_or("");
    let table = aliases.get(name).map_or(name, String::as_str);
    if !big.contains(table) {
        return false;
    }
    if line.starts_with("SCAN ") {
        return true;
    }
    let terms = rest
        .split_once('(')
        .map(|(_, t)| t.trim_end_matches(')'))
        .unwrap_or("");
    if terms.contains('>') || terms.contains('<') {
        return true;
    }
    if rest.contains("INTEGER PRIMARY KEY") || rest.contains("USING PRIMARY KEY") {
        return false;
    }
    let index = rest
        .split("INDEX ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .unwrap_or("");
    rows_per_key(index, terms.matches("=?").count()) > 100
}

/// What is wrong with one statement's plan, if anything: a full scan of a big table (an index
/// walked in order up to a LIMIT is a page, not a scan), or a sort (a temporary B-tree) fed by
/// many rows of one. A sort whose own loops read few rows (one
/// contact's handles, a page already cut by LIMIT, a small table) is bounded and allowed.
fn plan_faults(conn: &Connection, sql: &str, big: &BTreeSet<String>) -> Option<String> {
    if STOPS_AT_FIRST_ROW.iter().any(|s| sql.contains(s)) {
        return None;
    }
    if let Some(at) = optional_filter(sql) {
        return Some(format!(
            "{sql}\n    `{at}`: an optional filter hides its column from the planner; write \
             the statement with and without it (store::filter)"
        ));
    }
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).ok()?;
    // NULL for every `?`: without sqlite_stat4 the planner does not look at the values.
    let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
    let plan: Vec<(i64, i64, String)> = stmt
        .query_map(rusqlite::params_from_iter(nulls), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(3)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let aliases = aliases(sql);
    let fault = plan.iter().any(|(_, parent, line)| {
        if line.contains("TEMP B-TREE") {
            // The loops of the same query level feed the sort.
            plan.iter()
                .filter(|(_, p, _)| p == parent)
                .any(|(_, _, l)| reads_many(l, &aliases, big))
        } else {
            // An index walked in the order asked for, with nothing sorted after it, ends at the
            // LIMIT (a list's first page): not a full scan.
            let ordered_walk = line.contains(" USING ")
                && line.contains("INDEX ")
                && sql.contains("LIMIT")
                && !plan
                    .iter()
                    .any(|(_, p, l)| p == parent && l.contains("TEMP B-TREE"));
            line.starts_with("SCAN ")
                && !ordered_walk
                && !small_count(sql, line, &aliases)
                && reads_many(line, &aliases, big)
        }
    });
    let text: Vec<&str> = plan.iter().map(|(_, _, l)| l.as_str()).collect();
    fault.then(|| format!("{sql}\n    plan: {}", text.join(" | ")))
}

/// The first `?N IS NULL OR` of a statement: the planner must serve both answers with one
/// plan, so the column after OR never picks an index (a range of every account's rows is read
/// and filtered, where the account's own index range was there).
fn optional_filter(sql: &str) -> Option<String> {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(4).find_map(|w| {
        let param = w[0].starts_with('?') || w[0].starts_with(':');
        (param
            && w[1].eq_ignore_ascii_case("IS")
            && w[2].eq_ignore_ascii_case("NULL")
            && w[3].eq_ignore_ascii_case("OR"))
        .then(|| w.join(" "))
    })
}

/// Counting a covering index of a table under 100,000 rows (all the contacts, say): well under
/// a millisecond, and a count the screen needs whole.
fn small_count(sql: &str, line: &str, aliases: &BTreeMap<String, String>) -> bool {
    let name = line.split(' ').nth(1).unwrap_or("");
    let table = aliases.get(name).map_or(name, String::as_str);
    sql.trim_start().starts_with("SELECT COUNT(*)")
        && line.contains("COVERING INDEX")
        && table_rows(table) < 100_000
}

/// `alias → table` for the `FROM t a` / `JOIN t AS a` of a statement.
fn aliases(sql: &str) -> BTreeMap<String, String> {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = BTreeMap::new();
    for i in 0..words.len() {
        let kw = words[i].to_ascii_uppercase();
        if (kw == "FROM" || kw == "JOIN") && i + 2 < words.len() {
            let table = words[i + 1];
            let mut alias = words[i + 2];
            if alias.eq_ignore_ascii_case("AS") && i + 3 < words.len() {
                alias = words[i + 3];
            }
            out.insert(alias.to_string(), table.to_string());
        }
    }
    out
}

fn check(stats: Stats, label: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.db");
    {
        let mut store = Store::open(&path).unwrap();
        smmdeck::demo::generate(
            &mut store,
            smmdeck::demo::Scale::Small,
            &clock(),
            &mut |_| {},
        )
        .unwrap();
    }
    set_stats(&path, stats);
    let seen = drive(&path);
    let distinct: BTreeSet<&String> = seen.iter().collect();
    assert!(
        distinct.len() > 40,
        "the drive ran only {} statements",
        distinct.len()
    );
    let conn = Connection::open(&path).unwrap();
    let big = big_tables();
    assert!(big.contains("posts") && big.contains("inbox_items"));
    let faults: Vec<String> = distinct
        .iter()
        .filter(|sql| {
            let head = sql.trim_start().to_ascii_uppercase();
            ![
                "PRAGMA",
                "BEGIN",
                "COMMIT",
                "ROLLBACK",
                "SAVEPOINT",
                "RELEASE",
            ]
            .iter()
            .any(|k| head.starts_with(k))
        })
        .filter_map(|sql| plan_faults(&conn, sql, &big))
        .collect();
    assert!(
        faults.is_empty(),
        "{label}: {} of {} statements scan a big table or sort:\n\n{}",
        faults.len(),
        distinct.len(),
        faults.join("\n\n")
    );
}

#[test]
fn screens_and_keys_walk_indexes_at_large_scale() {
    check(Stats::Large, "with the large demo's statistics");
}

#[test]
fn screens_and_keys_walk_indexes_unanalysed() {
    check(Stats::None, "with no statistics");
}

#[test]
fn optional_filters_are_caught() {
    assert!(optional_filter("SELECT 1 FROM posts WHERE (?3 IS NULL OR account_id = ?3)").is_some());
    assert!(optional_filter("SELECT 1 FROM posts WHERE account_id = ?3").is_none());
    assert!(optional_filter("SELECT 1 FROM c WHERE rating IS NULL OR rating > 2").is_none());
}

#[test]
fn aliases_resolve_to_tables() {
    let a = aliases("SELECT p.id FROM posts p JOIN accounts AS a ON a.id = p.account_id");
    assert_eq!(a.get("p").map(String::as_str), Some("posts"));
    assert_eq!(a.get("a").map(String::as_str), Some("accounts"));
}

/// Not a check but a tool: with `SMMDECK_PROFILE_DB` naming a large demo database, prints the
/// statements that each tab's first frame (`smmdeck render`'s path) runs, slowest first.
/// `SMMDECK_PROFILE_DB=/tmp/perf/large.db cargo test --release --test query_plans -- --ignored
/// --nocapture`
#[test]
#[ignore]
fn slowest_statements_of_each_first_frame() {
    let Some(path) = std::env::var_os("SMMDECK_PROFILE_DB") else {
        return;
    };
    for tab in ["today", "calendar", "inbox", "contacts", "analytics"] {
        let store = Store::open(Path::new(&path)).unwrap();
        SEEN.with(|s| s.borrow_mut().clear());
        store.trace_statements(Some(record));
        smmdeck::tui::render_text(store, clock(), Config::default(), tab, (200, 50)).unwrap();
        let mut seen = SEEN.with(|s| s.borrow().clone());
        let total: Duration = seen.iter().map(|(_, d)| *d).sum();
        seen.sort_by_key(|(_, took)| std::cmp::Reverse(*took));
        println!("== {tab}: {} statements, {total:?} in SQLite", seen.len());
        for (sql, took) in seen.iter().take(6) {
            let one_line: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
            println!(
                "{took:>10.2?}  {}",
                one_line.chars().take(150).collect::<String>()
            );
        }
    }
}
