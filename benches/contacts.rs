//! The Contacts tab at the large demo's 10,000 contacts: each key to its frame (list move,
//! sort, search, board, a stage move and its undo) must stay under 4 ms. Run with
//! `cargo bench --bench contacts` (`SMMDECK_BENCH_DB=PATH` reuses a large demo database).

mod common;

use std::sync::LazyLock;

use divan::Bencher;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smmdeck::store::Store;
use smmdeck::tui::app::App;

static DB: LazyLock<std::path::PathBuf> = LazyLock::new(common::large_db);

fn main() {
    LazyLock::force(&DB);
    divan::main();
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// The app on the Contacts tab of the large demo, and a 160x45 terminal.
fn contacts_app() -> (App, ratatui::Terminal<TestBackend>) {
    let store = Store::open(&DB).unwrap();
    assert!(
        store.contacts().count().unwrap() >= 10_000,
        "the large demo"
    );
    let mut app = App::new(store, common::clock(), Default::default()).unwrap();
    app.on_key(key('4'));
    let term = ratatui::Terminal::new(TestBackend::new(160, 45)).unwrap();
    (app, term)
}

/// `j` in the list: move, read the next contact's detail, draw.
#[divan::bench(sample_count = 200)]
fn list_move_down(bencher: Bencher) {
    let (mut app, mut term) = contacts_app();
    bencher.bench_local(|| {
        app.on_key(key('j'));
        term.draw(|f| app.render(f)).unwrap();
    });
}

/// `s`: the next sort, the first page read again in that order, draw.
#[divan::bench(sample_count = 60)]
fn list_cycle_sort(bencher: Bencher) {
    let (mut app, mut term) = contacts_app();
    bencher.bench_local(|| {
        app.on_key(key('s'));
        term.draw(|f| app.render(f)).unwrap();
    });
}

/// `/`, a name fragment and Enter: the search (SQL cut, fuzzy rank), draw. The Enter is the
/// key that does the work; the others only open the prompt and type.
#[divan::bench(sample_count = 60)]
fn search_enter(bencher: Bencher) {
    let (mut app, mut term) = contacts_app();
    bencher.bench_local(|| {
        app.on_key(key('/'));
        for c in "olena".chars() {
            app.on_key(key(c));
        }
        app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        term.draw(|f| app.render(f)).unwrap();
    });
}

/// `b`: list to board and back (one key per iteration, alternating), draw.
#[divan::bench(sample_count = 60)]
fn board_toggle(bencher: Bencher) {
    let (mut app, mut term) = contacts_app();
    bencher.bench_local(|| {
        app.on_key(key('b'));
        term.draw(|f| app.render(f)).unwrap();
    });
}

/// `j` on the board: the next card and its detail, draw.
#[divan::bench(sample_count = 200)]
fn board_move_down(bencher: Bencher) {
    let (mut app, mut term) = contacts_app();
    app.on_key(key('b'));
    bencher.bench_local(|| {
        app.on_key(key('j'));
        term.draw(|f| app.render(f)).unwrap();
    });
}

/// `>` then `u` on the board: a stage move that logs an interaction, and its undo, each a
/// write and a refresh of the board. Two keys per iteration.
#[divan::bench(sample_count = 60)]
fn board_stage_move_and_undo(bencher: Bencher) {
    let (mut app, mut term) = contacts_app();
    app.on_key(key('b'));
    bencher.bench_local(|| {
        app.on_key(key('>'));
        term.draw(|f| app.render(f)).unwrap();
        app.on_key(key('u'));
        term.draw(|f| app.render(f)).unwrap();
    });
}

/// The store calls under those keys, alone.
mod store {
    use super::*;
    use smmdeck::domain::ContactSort;
    use smmdeck::store::ContactFilter;

    #[divan::bench(args = [ContactSort::Name, ContactSort::FollowUp, ContactSort::Followers,
        ContactSort::EngagementRate, ContactSort::CostPerEngagement, ContactSort::LastContact])]
    fn first_page(bencher: Bencher, sort: ContactSort) {
        let s = Store::open(&DB).unwrap();
        let all = ContactFilter::default();
        bencher.bench_local(|| s.contacts().page(&all, sort, None, 100).unwrap());
    }

    #[divan::bench]
    fn board_counts(bencher: Bencher) {
        let s = Store::open(&DB).unwrap();
        let all = ContactFilter::default();
        bencher.bench_local(|| s.contacts().count_by_stage(&all).unwrap());
    }

    #[divan::bench]
    fn search_best_100(bencher: Bencher) {
        let s = Store::open(&DB).unwrap();
        let all = ContactFilter::default();
        bencher.bench_local(|| s.contacts().search(&all, "olena", 100).unwrap());
    }

    #[divan::bench]
    fn detail(bencher: Bencher) {
        let s = Store::open(&DB).unwrap();
        bencher.bench_local(|| s.contacts().detail(5_000).unwrap());
    }
}
