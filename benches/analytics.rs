//! The Analytics tab over the large demo (100,000 posts, 3,000,000 metric rows): a refresh of
//! the last 90 days across all accounts (KPIs of both periods, trend, surges, ranked posts)
//! must stay within 50 ms, and a key's frame within 4 ms. Run with
//! `cargo bench --bench analytics`.

mod common;

use std::sync::LazyLock;

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smmdeck::config::Config;
use smmdeck::store::Store;
use smmdeck::tui::app::App;

static DB: LazyLock<std::path::PathBuf> = LazyLock::new(common::large_db);

fn main() {
    LazyLock::force(&DB);
    divan::main();
}

fn key(app: &mut App, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

/// The app on the Analytics tab with the last 90 days chosen.
fn app() -> App {
    let store = Store::open(&DB).unwrap();
    let mut app = App::new(store, common::clock(), Config::default()).unwrap();
    key(&mut app, '5');
    key(&mut app, 'p');
    key(&mut app, 'p');
    app
}

/// `[` then `]`: two refreshes of 90 days, all accounts (each is one key's work).
#[divan::bench]
fn refresh_90_days_all_accounts(bencher: Bencher) {
    let mut app = app();
    bencher.bench_local(|| {
        key(&mut app, '[');
        key(&mut app, ']');
    });
}

/// The breakdowns and the heat map, cycled with `b` (five refreshes).
#[divan::bench]
fn breakdowns_cycle(bencher: Bencher) {
    let mut app = app();
    bencher.bench_local(|| {
        for _ in 0..5 {
            key(&mut app, 'b');
        }
    });
}

/// One frame of the tab at 160x45.
#[divan::bench]
fn frame_160x45(bencher: Bencher) {
    let app = app();
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| app.render(f)).unwrap();
    });
}

/// A cursor move and its frame: what `j` costs.
#[divan::bench]
fn key_j_and_frame(bencher: Bencher) {
    let mut app = app();
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    bencher.bench_local(|| {
        key(&mut app, 'j');
        terminal.draw(|f| app.render(f)).unwrap();
    });
}
