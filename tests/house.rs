//! The house rules the app keeps as it runs: a write refreshes the tab on screen and the tab
//! bar's counts, nothing else; the inbox holds a bounded window of rows however far the user
//! pages, and keeps their place when it slides; undo and redo name what they do.

mod common;

use common::{clock, code, ctrl, demo_app, demo_store, draw, press, text};
use ratatui::crossterm::event::KeyCode;
use smmdeck::domain::InboxView;
use smmdeck::store::InboxFilter;

const INBOX: usize = 2;
const CALENDAR: usize = 1;
const TODAY: usize = 0;

#[test]
fn a_write_reads_the_tab_on_screen_and_the_counts_only() {
    let mut app = demo_app();
    press(&mut app, "23");
    let before = app.reads();
    let open = app.counts()[INBOX].unwrap();
    press(&mut app, "d");
    let after = app.reads();
    assert_eq!(after[INBOX], before[INBOX] + 1, "the inbox is read again");
    for tab in [TODAY, CALENDAR, 3, 4] {
        assert_eq!(after[tab], before[tab], "tab {tab} is not read");
    }
    assert_eq!(
        app.counts()[INBOX],
        Some(open - 1),
        "the count follows the write"
    );
    // Shown again, a tab is read again.
    press(&mut app, "2");
    assert_eq!(app.reads()[CALENDAR], before[CALENDAR] + 1);
}

#[test]
fn a_filter_change_reads_the_tab_on_screen_only() {
    let mut app = demo_app();
    press(&mut app, "3");
    let before = app.reads();
    press(&mut app, "a");
    let after = app.reads();
    assert_eq!(after[INBOX], before[INBOX] + 1);
    assert_eq!(after[TODAY], before[TODAY]);
    assert_eq!(after[CALENDAR], before[CALENDAR]);
}

/// Every id of the "all" view, in its order, read straight from the store.
fn all_ids(app: &smmdeck::tui::app::App) -> Vec<i64> {
    let filter = InboxFilter {
        view: InboxView::All,
        account: None,
        search: None,
    };
    app.store
        .inbox()
        .page(&filter, None, 10_000)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

#[test]
fn the_inbox_holds_a_window_and_keeps_the_place_when_it_slides() {
    let mut app = demo_app();
    let ids = all_ids(&app);
    assert!(ids.len() > 700, "the demo has enough items: {}", ids.len());
    // `f`, then the fifth view of the picker: all.
    press(&mut app, "3fjjjj");
    app.on_key(code(KeyCode::Enter));
    let screen = text(&draw(&app, 100, 30));
    assert!(
        screen.lines().nth(1).unwrap().starts_with("all"),
        "{screen}"
    );
    // Down the whole view a row at a time: the selected row is always the next of the view,
    // and the tab never holds more than its window.
    let mut most = 0;
    for (i, want) in ids.iter().enumerate().skip(1) {
        app.on_key(code(KeyCode::Down));
        let (held, selected) = app.tabs.inbox.window();
        most = most.max(held);
        assert_eq!(selected, Some(*want), "row {i}");
    }
    assert!(most <= 500, "held {most} rows");
    // And back up: the window slides the other way and the place is kept.
    for (i, want) in ids.iter().enumerate().rev().skip(1) {
        app.on_key(code(KeyCode::Up));
        assert_eq!(app.tabs.inbox.window().1, Some(*want), "row {i} going up");
    }
    // From deep down, a write keeps the selection where it was.
    for _ in 0..40 {
        app.on_key(code(KeyCode::PageDown));
    }
    let (_, here) = app.tabs.inbox.window();
    press(&mut app, "l");
    for c in "vip".chars() {
        app.on_key(common::key(c));
    }
    app.on_key(code(KeyCode::Enter));
    assert_eq!(
        app.tabs.inbox.window().1,
        here,
        "a label write keeps the place"
    );
    // `g` is the top of the view, not of the window.
    press(&mut app, "g");
    assert_eq!(app.tabs.inbox.window().1, ids.first().copied());
}

#[test]
fn undo_and_redo_name_what_they_take_back() {
    let mut app = demo_app();
    press(&mut app, "3");
    let (_, first) = app.tabs.inbox.window();
    let first = first.unwrap();
    let status = |app: &smmdeck::tui::app::App| app.store.inbox().get(first).unwrap().status;
    let was = status(&app);
    press(&mut app, "d");
    assert_eq!(status(&app), "done");
    press(&mut app, "u");
    assert_eq!(status(&app), was);
    let screen = text(&draw(&app, 120, 30));
    assert!(screen.contains("undone: done"), "{screen}");
    app.on_key(ctrl('r'));
    assert_eq!(status(&app), "done");
    let screen = text(&draw(&app, 120, 30));
    assert!(screen.contains("redone: done"), "{screen}");
    // Nothing left to redo: said, and nothing changes.
    app.on_key(ctrl('r'));
    let screen = text(&draw(&app, 120, 30));
    assert!(screen.contains("nothing to redo"), "{screen}");
}

#[test]
fn help_names_each_action_as_config_toml_does() {
    let mut app = demo_app();
    press(&mut app, "3?");
    let screen = text(&draw(&app, 120, 60));
    assert!(screen.contains("done  [mark_done]"), "{screen}");
}

#[test]
fn the_running_app_reads_the_counts_when_no_key_waits() {
    let mut app = demo_app();
    app.defer_counts = true;
    press(&mut app, "3");
    let open = app.counts()[INBOX].unwrap();
    press(&mut app, "d");
    assert_eq!(
        app.counts()[INBOX],
        Some(open),
        "not within the key: the loop reads them when no other key waits"
    );
    assert!(app.unsettled());
    assert!(app.settle(), "read when idle");
    assert_eq!(app.counts()[INBOX], Some(open - 1));
    assert!(!app.settle(), "nothing more to read");
    // Escalating keeps the item open: the counts are read again, and the same counts need no
    // second frame.
    press(&mut app, "!");
    app.on_key(code(ratatui::crossterm::event::KeyCode::Enter));
    assert!(app.unsettled());
    assert!(!app.settle(), "unchanged counts draw nothing");
    assert!(!app.unsettled());
    assert_eq!(app.counts()[INBOX], Some(open - 1));
    // Switching tabs changes nothing the counts count.
    press(&mut app, "2");
    assert!(!app.unsettled());
}

#[test]
fn a_write_that_meets_an_import_is_kept_and_written_when_the_database_is_free() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.db");
    let mut store = smmdeck::store::Store::open(&path).unwrap();
    smmdeck::demo::generate(
        &mut store,
        smmdeck::demo::Scale::Small,
        &common::clock(),
        &mut |_| {},
    )
    .unwrap();
    store
        .set_busy_timeout(std::time::Duration::from_millis(50))
        .unwrap();
    let mut app =
        smmdeck::tui::app::App::new(store, common::clock(), smmdeck::config::Config::default())
            .unwrap();
    press(&mut app, "3");
    let id = app.tabs.inbox.window().1.unwrap();
    // Another writer (an import) holds the database.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    press(&mut app, "d");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "the key does not wait for the import"
    );
    assert!(app.writes_waiting(), "the change is kept");
    let screen = text(&draw(&app, 140, 30));
    assert!(screen.contains("waiting for"), "{screen}");
    assert!(!app.write_waiting(), "still held: nothing written");
    other.execute_batch("COMMIT").unwrap();
    assert!(app.write_waiting(), "written once free");
    assert!(!app.writes_waiting());
    assert_eq!(app.store.inbox().get(id).unwrap().status, "done");
}

/// The tab bar and Today judge a campaign's pace from a lighter read than the Analytics tab's
/// summaries: both must give every campaign the same pace, for the whole demo and each
/// account, on days before, during and after the flights.
#[test]
fn the_light_pacing_read_agrees_with_the_summaries() {
    let store = demo_store();
    let today = clock().today();
    let mut scopes: Vec<Option<i64>> = vec![None];
    scopes.extend(store.accounts().list().unwrap().iter().map(|a| Some(a.id)));
    let mut judged = 0;
    for scope in scopes {
        let summaries = store.campaigns().summaries(scope).unwrap();
        let paces = store.campaigns().paces(scope).unwrap();
        assert_eq!(
            summaries.iter().map(|c| c.id).collect::<Vec<_>>(),
            paces.iter().map(|c| c.id).collect::<Vec<_>>()
        );
        for (s, p) in summaries.iter().zip(&paces) {
            assert_eq!((s.spend_minor, &s.currency), (p.spend_minor, &p.currency));
            for days in [-60, -10, 0, 10, 60] {
                let day = today + chrono::Duration::days(days);
                assert_eq!(s.pace(day), p.pace(day), "{} on {day}", s.name);
                judged += 1;
            }
        }
    }
    assert!(judged > 0, "the demo has campaigns");
}

#[test]
fn a_tab_shown_again_with_nothing_changed_is_not_read_again() {
    let mut app = demo_app();
    press(&mut app, "2");
    let before = app.reads();
    press(&mut app, "3212");
    assert_eq!(app.reads()[CALENDAR], before[CALENDAR], "nothing changed");
    assert_eq!(app.reads()[INBOX], before[INBOX] + 1, "first shown");
    // A tick (or a write, or a new filter) on another tab: shown again, it is read again.
    press(&mut app, "3");
    app.reload();
    press(&mut app, "2");
    assert_eq!(app.reads()[CALENDAR], before[CALENDAR] + 1);
}
