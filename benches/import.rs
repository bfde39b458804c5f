//! Importing a million Graph API comments (one saved JSON page) into a fresh database: parse,
//! priority, insert, and the FTS index built in bulk after the insert. DESIGN.md's floor for
//! that shape is 78k rows/s.
//!
//! Run: `cargo bench --bench import` (SMMDECK_BENCH_ROWS=100000 for a quicker run).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use smmdeck::import::{self, ImportOptions};
use smmdeck::store::Store;

fn rows() -> usize {
    std::env::var("SMMDECK_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}

const TEXTS: &[&str] = &[
    "Need this in my life \u{1F60D}\u{2615}",
    "Worst service ever, waited 40 min for a latte.",
    "Where is your new shop in Riga?",
    "А без сахара есть? Очень хочется попробовать!",
    "Café au lait > everything. Prost!",
    "Love the autumn blend, ordering two bags",
    "Do you ship to Spain?",
    "Make $5000/week from home!!! Click my profile",
];

/// Writes the JSON page once per process: `{"data": [...], "paging": {...}}`.
static FILE: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("facebook_post_comments.json");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let n = rows();
    write!(w, "{{\"data\":[").expect("write");
    for i in 0..n {
        let sep = if i + 1 < n { "," } else { "" };
        let text =
            serde_json::to_string(&format!("{} #{i}", TEXTS[i % TEXTS.len()])).expect("json");
        write!(
            w,
            "{{\"id\":\"122158765432109876_{i}\",\"created_time\":\"2026-10-{:02}T{:02}:{:02}:11+0000\",\
             \"from\":{{\"name\":\"Person {}\",\"id\":\"70{i}\"}},\"message\":{text},\"like_count\":{}}}{sep}",
            1 + i % 28,
            i % 24,
            i % 60,
            i % 5000,
            i % 7
        )
        .expect("write");
    }
    write!(w, "],\"paging\":{{\"cursors\":{{\"after\":\"QVFI\"}}}}}}").expect("write");
    w.flush().expect("flush");
    drop(w);
    (dir, path)
});

fn run_once(db: &Path, file: &Path) -> usize {
    let mut store = Store::open(db).expect("open");
    let options = ImportOptions {
        account: Some("lumencoffee".into()),
        now: 1_790_000_000,
        ..Default::default()
    };
    let start = Instant::now();
    let s = import::run(&mut store, &[file.to_path_buf()], &options, &mut |_| {}).expect("import");
    let secs = start.elapsed().as_secs_f64();
    let n: usize = s.iter().map(|f| f.new).sum();
    eprintln!(
        "imported {n} comments in {secs:.2} s: {:.0} rows/s (DESIGN.md floor: 78k rows/s)",
        n as f64 / secs
    );
    n
}

#[divan::bench(sample_count = 1, sample_size = 1)]
fn graph_api_comments_million(bencher: divan::Bencher) {
    let (_, file) = &*FILE;
    bencher
        .with_inputs(|| tempfile::tempdir().expect("tempdir"))
        .bench_local_values(|dir| run_once(&dir.path().join("bench.db"), file));
}

fn main() {
    divan::main();
}
