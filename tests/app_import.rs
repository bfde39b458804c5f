//! `:import PATH` inside the app runs on a background thread and reports in the status line.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use smmdeck::store::Store;
use smmdeck::tui::app::App;

fn run_command(app: &mut App, command: &str) {
    press(app, ":");
    press(app, command);
    app.on_key(code(KeyCode::Enter));
    wait_for_job(app);
}

#[test]
fn import_in_the_app_fills_the_inbox_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("app.db")).unwrap();
    let mut app = App::new(store, clock(), Default::default()).unwrap();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples");
    run_command(
        &mut app,
        &format!(
            "import {samples}/graph_api/instagram_media_comments.json {samples}/meta_business_suite_instagram_posts.csv"
        ),
    );
    let screen = text(&draw(&app, 120, 30));
    assert!(screen.contains("imported:"), "{screen}");
    assert!(app.store.inbox().count_open(None).unwrap() > 0);
    press(&mut app, "3");
    assert!(text(&draw(&app, 120, 30)).contains("@lumen.coffee"));
}

#[test]
fn a_failed_import_says_why_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, "{\"data\": [{\"id\": \"1\", \"message\": \"hi\"").unwrap();
    let store = Store::open(&dir.path().join("app.db")).unwrap();
    let mut app = App::new(store, clock(), Default::default()).unwrap();
    run_command(&mut app, &format!("import {}", bad.display()));
    let screen = text(&draw(&app, 120, 30));
    assert!(
        screen.contains("import failed, nothing was changed") && screen.contains("broken.json"),
        "{screen}"
    );
    assert!(app.store.is_empty().unwrap());
}
