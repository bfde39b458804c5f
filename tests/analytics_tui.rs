//! The Analytics tab through the real `App`: snapshots at two sizes, the KPIs it shows for one
//! account and period against SQL, the period keys and `:period`, and campaigns made from an
//! empty database with a post linked to them.

mod common;
mod kpi_by_hand;

use common::{code, ctrl, draw, press};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use smmdeck::config::Config;
use smmdeck::domain::metrics::{compact, percent};
use smmdeck::store::{PostEdit, Store};
use smmdeck::tui::app::App;
use smmdeck::tui::tabs::TabId;

fn text(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

fn command(app: &mut App, line: &str) {
    press(app, ":");
    press(app, line);
    app.on_key(code(KeyCode::Enter));
}

fn analytics_app() -> App {
    let mut app = common::demo_app();
    press(&mut app, "5");
    command(&mut app, "period 2026-11-01..2026-11-21");
    app
}

#[test]
fn snapshots_at_two_sizes() {
    let mut app = analytics_app();
    insta::assert_snapshot!(
        "analytics_overview_160x45",
        text(&draw(&app, 160, 45)).join("\n")
    );
    insta::assert_snapshot!(
        "analytics_overview_80x24",
        text(&draw(&app, 80, 24)).join("\n")
    );
    press(&mut app, "bbbb");
    insta::assert_snapshot!(
        "analytics_hours_160x45",
        text(&draw(&app, 160, 45)).join("\n")
    );
    press(&mut app, "c");
    insta::assert_snapshot!(
        "analytics_campaigns_160x45",
        text(&draw(&app, 160, 45)).join("\n")
    );
    insta::assert_snapshot!(
        "analytics_campaigns_80x24",
        text(&draw(&app, 80, 24)).join("\n")
    );
}

/// The tab's KPI lines for the Instagram account equal what SQL computes from the base tables.
#[test]
fn kpis_shown_match_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let store = common::demo_file(&path);
    let mut app = App::new(store, common::clock(), Config::default()).unwrap();
    press(&mut app, "5a");
    command(&mut app, "period 2026-11-01..2026-11-21");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let id: i64 = conn
        .query_row("SELECT id FROM accounts ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let now = kpi_by_hand::by_hand(&conn, id, "2026-11-01", "2026-11-21");
    let before = kpi_by_hand::by_hand(&conn, id, "2026-10-11", "2026-10-31");
    let lines = text(&draw(&app, 160, 45));
    assert!(lines[2].contains("IG @lumen.coffee"), "{}", lines[2]);
    let count = |v: &serde_json::Value| v.as_i64().map_or("–".to_string(), compact);
    let rate = |v: &serde_json::Value| percent(v.as_f64());
    let expected = [
        (
            "followers",
            count(&now["followers"]),
            count(&before["followers"]),
        ),
        (
            "net growth",
            count(&now["growth"]),
            count(&before["growth"]),
        ),
        ("posts", count(&now["posts"]), count(&before["posts"])),
        ("views", count(&now["views"]), count(&before["views"])),
        ("reach", count(&now["reach"]), count(&before["reach"])),
        (
            "engagements",
            count(&now["engagements"]),
            count(&before["engagements"]),
        ),
        (
            "ER by reach",
            rate(&now["er_by_reach"]),
            rate(&before["er_by_reach"]),
        ),
        (
            "ER by followers",
            rate(&now["er_by_followers"]),
            rate(&before["er_by_followers"]),
        ),
        (
            "profile visits",
            count(&now["profile_visits"]),
            count(&before["profile_visits"]),
        ),
        (
            "link clicks",
            count(&now["clicks"]),
            count(&before["clicks"]),
        ),
    ];
    for (name, cur, prev) in expected {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name} line in\n{}", lines.join("\n")));
        let cells: Vec<&str> = line[..48].split_whitespace().collect();
        let n = cells.len();
        assert!(n >= 3, "{line}");
        let (shown_now, shown_before) = if cells[n - 1] == "–" {
            (cells[n - 3], cells[n - 2])
        } else {
            (cells[n - 4], cells[n - 3])
        };
        assert_eq!(
            (shown_now, shown_before),
            (cur.as_str(), prev.as_str()),
            "{name}: {line}"
        );
    }
}

#[test]
fn period_keys_and_jump_to_the_post() {
    let mut app = analytics_app();
    let p = app.tabs.analytics.period().unwrap();
    assert_eq!(p.range_text(), "2026-11-01..2026-11-21");
    press(&mut app, "[");
    assert_eq!(
        app.tabs.analytics.period().unwrap().range_text(),
        "2026-10-11..2026-10-31"
    );
    press(&mut app, "]p");
    // From a custom period, p starts the presets over: the last 7 days up to yesterday.
    assert_eq!(
        app.tabs.analytics.period().unwrap().range_text(),
        "2026-11-19..2026-11-25"
    );
    command(&mut app, "period 2026-11-31..2026-12-01");
    assert!(text(&draw(&app, 160, 45)).join("\n").contains("2026-11-31"));
    press(&mut app, "p");
    press(&mut app, "j");
    app.on_key(code(KeyCode::Enter));
    assert_eq!(
        app.active,
        TabId::Calendar,
        "Enter opens the post in the calendar"
    );
}

#[test]
fn an_empty_database_makes_a_campaign_and_shows_its_post() {
    let store = Store::open_in_memory().unwrap();
    let mut app = App::new(store, common::clock(), Config::default()).unwrap();
    app.on_key(code(KeyCode::Esc));
    press(&mut app, "5N");
    press(&mut app, "Launch week");
    app.on_key(ctrl('s'));
    let all = app.store.campaigns().summaries(None).unwrap();
    assert_eq!(all.len(), 1, "{:?}", text(&draw(&app, 100, 30)));
    assert_eq!(all[0].name, "Launch week");
    let account = app
        .store
        .accounts()
        .add(
            &smmdeck::store::NewAccount {
                platform: "instagram".into(),
                handle: "newbrand".into(),
                ..Default::default()
            },
            0,
        )
        .unwrap();
    app.store
        .posts()
        .create(
            &PostEdit {
                account_id: account,
                title: "Teaser reel".into(),
                format: "reel".into(),
                status: "draft".into(),
                scheduled_at: Some(1_796_000_000),
                campaign_id: Some(all[0].id),
                ..Default::default()
            },
            0,
        )
        .unwrap();
    press(&mut app, "c");
    let screen = text(&draw(&app, 160, 45)).join("\n");
    assert!(
        screen.contains("Launch week") && screen.contains("Teaser reel"),
        "{screen}"
    );
    // Undo takes the campaign back; redo brings it again.
    press(&mut app, "u");
    assert!(app.store.campaigns().summaries(None).unwrap().is_empty());
    app.on_key(ctrl('r'));
    assert_eq!(app.store.campaigns().summaries(None).unwrap().len(), 1);
}

thread_local! {
    static STATEMENTS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn record(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Profile(stmt, _) = event {
        STATEMENTS.with(|s| s.borrow_mut().push(stmt.sql().into_owned()));
    }
}

/// `m` and `b` change one part of the screen and read only that part: the trend's two series,
/// or the breakdown — not the KPIs, the events and the ranked posts again (issue 9's 4 ms).
#[test]
fn a_key_that_changes_one_part_reads_only_that_part() {
    let app_store = common::demo_store();
    app_store.trace_statements(Some(record));
    let mut app = smmdeck::tui::app::App::new(
        app_store,
        common::clock(),
        smmdeck::config::Config::default(),
    )
    .unwrap();
    common::press(&mut app, "5");
    app.settle();
    let run = |app: &mut smmdeck::tui::app::App, keys: &str| {
        STATEMENTS.with(|s| s.borrow_mut().clear());
        common::press(app, keys);
        app.settle();
        STATEMENTS.with(|s| s.borrow().clone())
    };
    let m = run(&mut app, "m");
    assert!(m.len() <= 2, "m reads the two trend series only: {m:#?}");
    let b = run(&mut app, "b");
    assert!(
        b.len() <= 2,
        "b reads the breakdown (and the platforms) only: {b:#?}"
    );
    let p = run(&mut app, "p");
    assert!(p.len() > m.len(), "a new period reads the overview again");
    // Back and forth to the campaign view: the campaigns (read when first shown, not with the
    // overview) and the selected one's detail; none of the overview's statements again.
    let cc = run(&mut app, "cc");
    assert!(
        cc.len() <= 7 && cc.len() < p.len() && !cc.iter().any(|s| p.contains(s)),
        "returning to the overview reads none of it: {cc:#?}"
    );
    // The overview itself reads no campaign.
    assert!(!p.iter().any(|s| s.contains("campaign")), "{p:#?}");
}
