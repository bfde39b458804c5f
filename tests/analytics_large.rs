//! Timing of the Analytics tab on the large demo, when its database is there
//! (`target/bench-large.db`, written by `cargo bench` or `smmdeck demo --scale large`):
//! `cargo test --test analytics_large -- --ignored --nocapture`. The limits themselves are
//! held in release by `cargo bench --bench analytics`; this prints what a debug build takes.

mod common;

use std::time::Instant;

use common::{draw, press};
use smmdeck::config::Config;
use smmdeck::store::Store;
use smmdeck::tui::app::App;

#[test]
#[ignore]
fn refresh_90_days_on_the_large_demo() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-large.db");
    if !path.exists() {
        eprintln!("no {}: skipped", path.display());
        return;
    }
    let store = Store::open(&path).unwrap();
    let mut app = App::new(store, common::clock(), Config::default()).unwrap();
    press(&mut app, "5pp");
    let mut refresh = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        press(&mut app, "[");
        press(&mut app, "]");
        refresh.push(t.elapsed().as_secs_f64() * 1000.0 / 2.0);
    }
    let mut frames = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        press(&mut app, "j");
        draw(&app, 160, 45);
        frames.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    refresh.sort_by(f64::total_cmp);
    frames.sort_by(f64::total_cmp);
    eprintln!(
        "refresh of 90 days, all accounts: median {:.1} ms; key j + frame 160x45: median {:.2} ms",
        refresh[refresh.len() / 2],
        frames[frames.len() / 2]
    );
}
