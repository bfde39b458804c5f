//! A client report over the large demo (5 accounts, 100,000 posts, 1,000,000 inbox items,
//! 3,000,000 metric rows): a year of every account gathered and written as HTML must take
//! under 2 seconds. Run with `cargo bench --bench report` (set `SMMDECK_BENCH_DB` to a large
//! demo made by `smmdeck demo --scale large` to share one between runs).

mod common;

use std::sync::LazyLock;

use chrono::Duration;
use divan::Bencher;
use smmdeck::domain::period::Period;
use smmdeck::domain::targets::Targets;
use smmdeck::report::client::{self, Brand, Format, Request, Section};
use smmdeck::store::{Scope, Store};

static DB: LazyLock<std::path::PathBuf> = LazyLock::new(common::large_db);

fn main() {
    LazyLock::force(&DB);
    divan::main();
}

fn request() -> Request {
    let today = common::clock().today();
    Request {
        scope: Scope::All,
        period: Period::between(
            Some(today - Duration::days(365)),
            Some(today - Duration::days(1)),
            today,
        )
        .unwrap(),
        brand: Brand::default(),
        sections: Section::ALL.to_vec(),
        targets: Targets::default(),
        notes: Some("Notes.".into()),
    }
}

/// Gathering every section's figures and writing the HTML page (charts included), a year and
/// all accounts.
#[divan::bench(sample_count = 5)]
fn html_year_all_accounts(bencher: Bencher) {
    let store = Store::open(&DB).unwrap();
    let clock = common::clock();
    let req = request();
    bencher.bench_local(|| {
        let report = client::gather(&store, &req, &clock).unwrap();
        client::render(&report, Format::Html).len()
    });
}

/// The same as Markdown, for comparison: the cost of the charts is the difference.
#[divan::bench(sample_count = 5)]
fn markdown_year_all_accounts(bencher: Bencher) {
    let store = Store::open(&DB).unwrap();
    let clock = common::clock();
    let req = request();
    bencher.bench_local(|| {
        let report = client::gather(&store, &req, &clock).unwrap();
        client::render(&report, Format::Markdown).len()
    });
}
