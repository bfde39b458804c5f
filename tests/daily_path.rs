//! Issue 13, the daily path: each numbered item's behaviour, driven through the app's keys
//! in a test terminal (or through the CLI), named after the item it proves.

mod common;

use common::{code, demo_app, press};
use ratatui::crossterm::event::KeyCode;
use smmdeck::tui::tab_id::TabId;
use smmdeck::tui::tabs::Jump;

/// Where the app's cursor is in the tab a jump went to.
fn landed(app: &smmdeck::tui::app::App, tab: TabId) -> Option<i64> {
    match tab {
        TabId::Calendar => app.tabs.calendar.selected_id(),
        TabId::Inbox => app.tabs.inbox.selected_id(),
        TabId::Contacts => app.tabs.contacts.selected_contact(),
        TabId::Analytics => app.tabs.analytics.selected_campaign_id(),
        TabId::Today => None,
    }
}

/// Every item Today lists, each opened with Enter, lands on that very item — with the calendar
/// in its agenda view (which reads from today on, so an overdue post was not in it), the inbox
/// searching for something else, the contacts filtered to a stage and a campaign not first.
#[test]
fn issue13_item_4_enter_from_today_lands_on_the_item() {
    let mut app = demo_app();
    // Calendar: agenda view. Inbox: a search that hides everything Today lists.
    press(&mut app, "2vv");
    press(&mut app, "3/");
    press(&mut app, "zzzz-no-such-words");
    app.on_key(code(KeyCode::Enter));
    // Contacts: the last page of a long list, in the board's neighbour the list.
    press(&mut app, "4G");
    press(&mut app, "1");
    assert_eq!(app.active, TabId::Today);
    let mut tabs_seen = std::collections::HashSet::new();
    let count = app.tabs.today.item_count();
    assert!(count > 20, "the demo's Today lists items ({count})");
    for i in 0..count {
        press(&mut app, "1g");
        for _ in 0..i {
            press(&mut app, "j");
        }
        let Some(Jump { tab, id: Some(id) }) = app.tabs.today.selected_jump() else {
            panic!("item {i} leads nowhere");
        };
        app.on_key(code(KeyCode::Enter));
        assert_eq!(app.active, tab, "item {i} switches to {tab:?}");
        assert_eq!(
            landed(&app, tab),
            Some(id),
            "item {i} ({tab:?} {id}) lands on itself"
        );
        tabs_seen.insert(tab);
    }
    for tab in [
        TabId::Calendar,
        TabId::Inbox,
        TabId::Contacts,
        TabId::Analytics,
    ] {
        assert!(
            tabs_seen.contains(&tab),
            "the demo's Today leads to {tab:?}"
        );
    }
}

/// Today's first line counts what was handled since midnight and what remains; a triage `d`
/// moves one item from the one to the other.
#[test]
fn issue13_item_11_today_says_what_was_handled_and_what_remains() {
    let mut app = demo_app();
    let progress = |app: &smmdeck::tui::app::App| {
        smmdeck::report::today::digest(&app.store, &app.clock, None, 8)
            .unwrap()
            .progress
    };
    let before = progress(&app);
    let screen = common::text(&common::draw(&app, 120, 40));
    assert!(
        screen.contains(&before.line()),
        "the first line shows {:?}:\n{screen}",
        before.line()
    );
    // The inbox's first open item is the most urgent: an unanswered negative one.
    press(&mut app, "3d1");
    let after = progress(&app);
    assert_eq!(after.inbox_handled, before.inbox_handled + 1);
    assert_eq!(after.remaining, before.remaining - 1);
    let screen = common::text(&common::draw(&app, 120, 40));
    assert!(screen.contains(&after.line()), "{screen}");
}

/// `smmdeck today --json` prints the digest the tab draws: the same sections and totals.
#[test]
fn issue13_item_11_today_prints_the_same_sections_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("today.db");
    assert!(common::smmdeck(&db, &["demo"]).status.success());
    let out = common::smmdeck(&db, &["today", "--json", "--limit", "2"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let store = smmdeck::store::Store::open(&db).unwrap();
    let clock = smmdeck::clock::Clock::system();
    let expected = smmdeck::report::today::digest(&store, &clock, None, 2).unwrap();
    let sections = json["sections"].as_array().unwrap();
    assert_eq!(sections.len(), expected.sections.len());
    for (got, want) in sections.iter().zip(&expected.sections) {
        assert_eq!(got["title"], want.title);
        assert_eq!(got["total"], want.total, "{}", want.title);
        assert!(got["entries"].as_array().unwrap().len() <= 2);
    }
    assert_eq!(
        json["progress"]["remaining"], expected.progress.remaining,
        "remaining"
    );
    // A section cut by --limit says so on stderr.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--limit"), "{err}");
    // Text for a prompt: the progress line first.
    let out = common::smmdeck(&db, &["today"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().next().unwrap().contains("remain"), "{text}");
}
