//! The inbox at a million items must feel like a hundred: opening, moving and searching are
//! index walks of one page, never a scan. Run with `cargo bench --bench inbox`.

mod common;

use std::sync::LazyLock;

use divan::Bencher;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smmdeck::domain::targets::Targets;
use smmdeck::domain::{InboxStatus, InboxView};
use smmdeck::store::{InboxFilter, Store};
use smmdeck::tui::app::App;

static DB: LazyLock<std::path::PathBuf> = LazyLock::new(common::large_db);

fn main() {
    LazyLock::force(&DB);
    divan::main();
}

fn store() -> Store {
    Store::open(&DB).unwrap()
}

/// A whole start: open the database, read every tab's first screen, draw a 200x50 frame.
#[divan::bench(sample_count = 20)]
fn open_app_and_draw(bencher: Bencher) {
    bencher.bench_local(|| {
        let app = App::new(store(), common::clock(), Default::default()).unwrap();
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 50)).unwrap();
        term.draw(|f| app.render(f)).unwrap();
    });
}

#[divan::bench]
fn first_page_of_open_queue(bencher: Bencher) {
    let s = store();
    bencher.bench_local(|| s.inbox().page(&InboxFilter::default(), None, 100).unwrap());
}

/// Paging deep into the queue (past 10,000 rows) costs the same as the first page.
#[divan::bench]
fn page_after_ten_thousand_rows(bencher: Bencher) {
    let s = store();
    let f = InboxFilter {
        view: InboxView::All,
        ..Default::default()
    };
    let cursor = s
        .inbox()
        .page(&f, None, 10_000)
        .unwrap()
        .last()
        .unwrap()
        .cursor(f.view);
    bencher.bench_local(|| s.inbox().page(&f, Some(cursor), 100).unwrap());
}

#[divan::bench]
fn counts_for_tab_bar_and_header(bencher: Bencher) {
    let s = store();
    let cutoffs = Targets::default().cutoffs(common::clock().now_ts());
    bencher.bench_local(|| {
        (
            s.inbox().count_open(None).unwrap(),
            s.inbox().count_overdue(cutoffs, None).unwrap(),
        )
    });
}

/// One key press `j` in the inbox: move, read the detail of the next item, redraw.
#[divan::bench]
fn move_down_one_row(bencher: Bencher) {
    let mut app = App::new(store(), common::clock(), Default::default()).unwrap();
    app.on_key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE));
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 50)).unwrap();
    bencher.bench_local(|| {
        app.on_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        term.draw(|f| app.render(f)).unwrap();
    });
}

/// A triage write and its undo (`d` then `u` on the queue's first item): the status change,
/// its history, the kept counts and the search indexes' triggers, each committed. The item
/// ends as it began, so every run writes the same.
#[divan::bench]
fn triage_write_and_undo(bencher: Bencher) {
    let s = store();
    let id = s.inbox().page(&InboxFilter::default(), None, 1).unwrap()[0].id;
    let before = s.inbox().states(&[id]).unwrap();
    bencher.bench_local(|| {
        s.inbox().set_status(id, InboxStatus::Done, 1).unwrap();
        s.inbox().restore(&before, 2).unwrap();
    });
}

#[divan::bench(args = ["холодна", "experience", "coffee order"])]
fn search_first_page(bencher: Bencher, query: &str) {
    let s = store();
    let f = InboxFilter {
        view: InboxView::All,
        account: None,
        search: Some(query.to_string()),
    };
    bencher.bench_local(|| s.inbox().page(&f, None, 100).unwrap());
}

#[divan::bench(args = ["холодна", "experience"])]
fn search_open_queue(bencher: Bencher, query: &str) {
    let s = store();
    let f = InboxFilter {
        view: InboxView::Open,
        account: None,
        search: Some(query.to_string()),
    };
    bencher.bench_local(|| s.inbox().page(&f, None, 100).unwrap());
}
