//! The first run: an empty database always shows the way forward, and the demo never lands in
//! someone's data without a yes.

mod common;

use common::{clock, code, demo_app, draw, press, text};
use ratatui::crossterm::event::KeyCode;
use smmdeck::config::Config;
use smmdeck::store::Store;
use smmdeck::tui::app::App;

fn posts(app: &App) -> i64 {
    app.store.counts().unwrap().posts
}

#[test]
fn closing_the_welcome_keeps_its_keys() {
    let mut app = App::new(Store::open_in_memory().unwrap(), clock(), Config::default()).unwrap();
    assert!(text(&draw(&app, 80, 24)).contains("Welcome to smmdeck"));
    app.on_key(code(KeyCode::Esc));
    let screen = text(&draw(&app, 80, 24));
    assert!(!screen.contains("Welcome to smmdeck"), "{screen}");
    assert!(
        screen.contains("load demo data"),
        "the footer shows the way: {screen}"
    );
    press(&mut app, "d");
    assert!(!app.store.is_empty().unwrap(), "d loaded the demo");
}

#[test]
fn demo_over_data_asks_first() {
    let mut app = demo_app();
    let before = posts(&app);
    press(&mut app, ":demo");
    app.on_key(code(KeyCode::Enter));
    let screen = text(&draw(&app, 120, 30));
    assert!(screen.contains("This database has data"), "{screen}");
    press(&mut app, "n");
    assert_eq!(posts(&app), before, "no means nothing written");
    press(&mut app, ":demo");
    app.on_key(code(KeyCode::Enter));
    press(&mut app, "y");
    assert!(posts(&app) > before, "yes adds the demo");
}

#[test]
fn the_demo_loads_into_a_file_with_the_screen_live() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let mut app = App::new(Store::open(&path).unwrap(), clock(), Config::default()).unwrap();
    press(&mut app, "d");
    // Written on a thread of its own: the key's frame says so at once.
    let screen = text(&draw(&app, 100, 30));
    assert!(screen.contains("loading the demo"), "{screen}");
    common::wait_for_job(&mut app);
    let screen = text(&draw(&app, 100, 30));
    assert!(screen.contains("demo data loaded"), "{screen}");
    assert!(!screen.contains("Welcome to smmdeck"), "{screen}");
    assert!(posts(&app) > 0, "the demo is in the file");
    // The tab on screen was read again: Today lists what the demo wrote.
    assert!(app.counts()[1].is_some_and(|n| n > 0), "{:?}", app.counts());
}
