//! The Analytics tab over the large demo (100,000 posts, 3,000,000 metric rows): a refresh of
//! the last 90 days across all accounts (KPIs of both periods, trend, surges, ranked posts)
//! must stay within 50 ms, and a key's frame within 4 ms: in the running app a key that needs a
//! new read answers with its frame at once while the read runs on its own thread
//! (`key_*_background`). Run with `cargo bench --bench analytics`.

mod common;

use std::sync::LazyLock;
use std::time::Duration;

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smmdeck::config::Config;
use smmdeck::store::Store;
use smmdeck::tui::app::App;
use smmdeck::tui::tab_id::TabId;

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

/// A key that needs a new read, in the running app: its frame, drawn at once while the read
/// runs on the reader's thread (an answer that is in by then is taken, as the event loop does).
fn key_in_background(bencher: Bencher, c: char) {
    let mut app = app();
    app.read_in_background(true);
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    bencher.bench_local(|| {
        key(&mut app, c);
        terminal.draw(|f| app.render(f)).unwrap();
        app.poll_read();
    });
    app.wait_read(Duration::from_secs(10));
}

/// `p`: a new period (7, 28 or 90 days, this or last month), all accounts.
#[divan::bench]
fn key_p_background(bencher: Bencher) {
    key_in_background(bencher, 'p');
}

/// `b`: the next breakdown or the heat map.
#[divan::bench]
fn key_b_background(bencher: Bencher) {
    key_in_background(bencher, 'b');
}

/// What `smmdeck render --tab analytics` pays beyond start-up: the app opened on the tab
/// (the last 28 days, all accounts, read inline) and its first frame.
#[divan::bench(sample_count = 30)]
fn open_on_the_tab_and_draw(bencher: Bencher) {
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    bencher.bench_local(|| {
        let store = Store::open(&DB).unwrap();
        let app =
            App::open_at(store, common::clock(), Config::default(), TabId::Analytics).unwrap();
        terminal.draw(|f| app.render(f)).unwrap();
    });
}
