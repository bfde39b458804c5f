//! The large demo database the benchmarks share: 1,000,000 inbox items, 100,000 posts, 10,000
//! contacts and 3,000,000 metric rows. Written once to `target/bench-large.db` and reused.

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use smmdeck::clock::Clock;
use smmdeck::store::Store;

pub fn clock() -> Clock {
    Clock::fixed(
        Utc.with_ymd_and_hms(2026, 11, 26, 7, 30, 0).unwrap(),
        chrono_tz::Europe::Kyiv,
    )
}

/// The path of the large database, generating it on first use. `SMMDECK_BENCH_DB` names one
/// already made (`smmdeck --db PATH demo --scale large`), to share it between worktrees.
pub fn large_db() -> PathBuf {
    let path = std::env::var_os("SMMDECK_BENCH_DB").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-large.db"),
        PathBuf::from,
    );
    let ready = Store::open(&path)
        .map(|s| !s.is_empty().unwrap_or(true))
        .unwrap_or(false);
    if !ready {
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path).expect("bench database opens");
        let started = std::time::Instant::now();
        smmdeck::demo::generate(
            &mut store,
            smmdeck::demo::Scale::Large,
            &clock(),
            &mut |phase| {
                eprintln!(
                    "[{:>6.1}s] large demo: {phase}",
                    started.elapsed().as_secs_f64()
                );
            },
        )
        .expect("large demo");
    }
    path
}
