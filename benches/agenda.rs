//! The calendar over the large demo (100,000 posts, 3,000,000 metric rows): the agenda pages
//! by keyset, so a page deep in the plan costs what the first does, and moving the month
//! cursor re-reads only the visible days. Run with `cargo bench --bench agenda`.

mod common;

use std::sync::LazyLock;

use divan::Bencher;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smmdeck::store::Store;
use smmdeck::tui::app::App;

static DB: LazyLock<std::path::PathBuf> = LazyLock::new(common::large_db);

fn main() {
    LazyLock::force(&DB);
    divan::main();
}

fn store() -> Store {
    Store::open(&DB).unwrap()
}

/// The agenda's start: a year back, so that the whole plan lies ahead of it.
fn year_ago() -> i64 {
    common::clock().now_ts() - 400 * 86_400
}

#[divan::bench]
fn agenda_first_page(bencher: Bencher) {
    let s = store();
    let from = year_ago();
    bencher.bench_local(|| s.posts().agenda_page(from, None, None, 100, 3600).unwrap());
}

/// A page 50,000 rows in: the keyset seeks, it does not skip.
#[divan::bench]
fn agenda_page_50k_deep(bencher: Bencher) {
    let s = store();
    let from = year_ago();
    let mut after = None;
    for _ in 0..500 {
        let page = s
            .posts()
            .agenda_page(from, after, None, 100, 3600)
            .unwrap()
            .posts;
        let last = page.last().unwrap();
        after = Some((last.scheduled_at.unwrap(), last.id));
    }
    bencher.bench_local(|| {
        s.posts()
            .agenda_page(from, after, None, 100, 3600)
            .unwrap()
            .posts
    });
}

/// Every one of the 100,000 posts, a page of 100 at a time (1,000 pages).
#[divan::bench(sample_count = 5)]
fn agenda_walk_all_100k(bencher: Bencher) {
    let s = store();
    let from = year_ago();
    bencher.bench_local(|| {
        let mut after = None;
        let mut n = 0;
        loop {
            let page = s
                .posts()
                .agenda_page(from, after, None, 100, 3600)
                .unwrap()
                .posts;
            n += page.len();
            match page.last() {
                Some(last) if page.len() == 100 => {
                    after = Some((last.scheduled_at.unwrap(), last.id))
                }
                _ => break,
            }
        }
        assert!(n >= 100_000, "{n}");
    });
}

fn calendar_app() -> App {
    let mut app = App::new(store(), common::clock(), Default::default()).unwrap();
    app.on_key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE));
    app
}

/// `l` in the month view: re-reads the 42 visible days, the close-post warnings and the
/// week targets (what a key press costs before the frame is drawn).
#[divan::bench(sample_count = 30)]
fn month_move_one_day(bencher: Bencher) {
    let mut app = calendar_app();
    let mut right = true;
    bencher.bench_local(|| {
        let c = if right { 'l' } else { 'h' };
        right = !right;
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    });
}

/// `j` and `k` in the month view: a week down and back, across the month's edge as well, each
/// re-reading the visible days in one statement.
#[divan::bench(sample_count = 30)]
fn month_week_down_and_up(bencher: Bencher) {
    let mut app = calendar_app();
    let mut down = true;
    bencher.bench_local(|| {
        let c = if down { 'j' } else { 'k' };
        down = !down;
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    });
}

/// The visible days of a month grid (42 days, 12 posts each, with totals) in one statement,
/// without the app around it.
#[divan::bench(sample_count = 30)]
fn month_days_one_statement(bencher: Bencher) {
    let s = store();
    let clock = common::clock();
    let start = clock.today() - chrono::Duration::days(10);
    let bounds: Vec<(i64, i64)> = (0..42)
        .map(|i| {
            let d = start + chrono::Duration::days(i);
            (
                clock.start_of_day(d),
                clock.start_of_day(d + chrono::Duration::days(1)),
            )
        })
        .collect();
    bencher.bench_local(|| s.posts().days(&bounds, 12, 3600, None).unwrap());
}

/// Deleting a published post from eight weeks ago and undoing it (its snapshots, inbox links
/// and summaries with it): the summaries change by that post's own rows, so the cost does not
/// grow with its age or with the 3M snapshots (a rebuild from its first day took seconds).
#[divan::bench(sample_count = 20)]
fn delete_and_undelete_8_weeks_old(bencher: Bencher) {
    let s = store();
    let day = common::clock().now_ts() - 56 * 86_400;
    let post = s
        .posts()
        .in_range(day, day + 86_400, None, 200)
        .unwrap()
        .into_iter()
        .find(|p| p.status == "published" && s.metrics().latest_snapshot(p.id).unwrap().is_some())
        .expect("a published post with snapshots eight weeks ago");
    bencher.bench_local(|| {
        let gone = s.posts().delete(post.id).unwrap();
        s.posts().undelete(&gone).unwrap();
    });
}

/// 100 presses of `j` in the agenda: a page's worth of moves, including the read of the next
/// page when the cursor nears the end of what is loaded.
#[divan::bench(sample_count = 30)]
fn agenda_100_keys_down(bencher: Bencher) {
    let mut app = calendar_app();
    for c in ['v', 'v'] {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    bencher.bench_local(|| {
        for _ in 0..100 {
            app.on_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        }
    });
}

/// Best hours to post: the weekday × hour cells of the posts published in the last 90 days,
/// from their newest numbers (uncached; the week view computes it once per account filter).
#[divan::bench(sample_count = 5)]
fn best_hours_90_days(bencher: Bencher) {
    let s = store();
    let since = common::clock().now_ts() - 90 * 86_400;
    let now = common::clock().now_ts();
    bencher.bench_local(|| s.analytics().heatmap(since, now, None, 7200).unwrap());
}
