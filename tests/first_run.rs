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
