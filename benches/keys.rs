//! Issue 15's key target as a benchmark: each kind of key (cursor, page, tab switch, view and
//! month change, triage write and its undo, delete and its undo, stage move) in every tab of
//! the large demo, timed from the key to its frame written out as the terminal would get it.
//! The app is set up as `smmdeck` runs it (`tui::live_app`): no mapping of the file, the log
//! folded on its own thread, the tab bar's counts read with the frame, Analytics' slow reads on
//! their thread. Prints median, p99 and the slowest key against the target (median 1 ms, p99
//! 4 ms, none over 50 ms), and how much of the median the frame alone takes (drawing and
//! writing it out, after the key's reads). Run with `cargo bench --bench keys [-- FILTER]`; `SMMDECK_BENCH_KEYS`
//! sets the presses per row (default 200).

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smmdeck::store::Store;
use smmdeck::tui::app::App;

/// One row of the report: the keys typed first (not timed), then the timed keys in turn.
struct Row {
    tab: &'static str,
    what: &'static str,
    setup: &'static [KeyCode],
    keys: &'static [KeyCode],
}

const fn row(
    tab: &'static str,
    what: &'static str,
    setup: &'static [KeyCode],
    keys: &'static [KeyCode],
) -> Row {
    Row {
        tab,
        what,
        setup,
        keys,
    }
}

use KeyCode::{Char as C, PageDown, PageUp};

const ROWS: &[Row] = &[
    row("today", "j k (cursor)", &[C('1')], &[C('j'), C('k')]),
    row(
        "calendar",
        "month j k (a week)",
        &[C('2')],
        &[C('j'), C('k')],
    ),
    row(
        "calendar",
        "month l h (a day)",
        &[C('2')],
        &[C('l'), C('h')],
    ),
    row(
        "calendar",
        "month ] [ (month change)",
        &[C('2')],
        &[C(']'), C('[')],
    ),
    row("calendar", "v (month, week, agenda)", &[C('2')], &[C('v')]),
    row("calendar", "week j k", &[C('2'), C('v')], &[C('j'), C('k')]),
    row(
        "calendar",
        "week ] [ (week change)",
        &[C('2'), C('v')],
        &[C(']'), C('[')],
    ),
    row(
        "calendar",
        "agenda j k",
        &[C('2'), C('v'), C('v')],
        &[C('j'), C('k')],
    ),
    row(
        "calendar",
        "agenda PgDn PgUp",
        &[C('2'), C('v'), C('v')],
        &[PageDown, PageUp],
    ),
    // From tomorrow: a post of today before now would ask first (it would be overdue).
    row(
        "calendar",
        "agenda > < (move a post)",
        &[C('2'), C('l'), C('v'), C('v')],
        &[C('>'), C('<')],
    ),
    row(
        "calendar",
        "agenda D y u (delete, undo)",
        &[C('2'), C('v'), C('v')],
        &[C('D'), C('y'), C('u')],
    ),
    row("inbox", "j k (cursor)", &[C('3')], &[C('j'), C('k')]),
    row("inbox", "PgDn (paging on)", &[C('3')], &[PageDown]),
    row("inbox", "d u (triage, undo)", &[C('3')], &[C('d'), C('u')]),
    row("contacts", "j k (cursor)", &[C('4')], &[C('j'), C('k')]),
    row("contacts", "PgDn PgUp", &[C('4')], &[PageDown, PageUp]),
    row("contacts", "s (sort)", &[C('4')], &[C('s')]),
    row("contacts", "> < (stage move)", &[C('4')], &[C('>'), C('<')]),
    row("contacts", "b (board, list)", &[C('4')], &[C('b')]),
    row(
        "contacts",
        "board j k",
        &[C('4'), C('b')],
        &[C('j'), C('k')],
    ),
    row("analytics", "j k (cursor)", &[C('5')], &[C('j'), C('k')]),
    row("analytics", "m (metric)", &[C('5')], &[C('m')]),
    row("analytics", "b (breakdown)", &[C('5')], &[C('b')]),
    row("analytics", "p (period)", &[C('5')], &[C('p')]),
    row(
        "analytics",
        "] [ (period move)",
        &[C('5'), C('p')],
        &[C(']'), C('[')],
    ),
    row(
        "every tab",
        "1 2 3 4 5 (tab switch)",
        &[],
        &[C('1'), C('2'), C('3'), C('4'), C('5')],
    ),
];

/// What a terminal session of 160x45 would be sent, thrown away.
type Screen = Terminal<CrosstermBackend<std::io::BufWriter<std::io::Sink>>>;

fn screen() -> Screen {
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::sink());
    // A fixed size: a terminal that asks for its size would ask crossterm, which without a
    // terminal runs `tput` (milliseconds a frame).
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 160, 45));
    Terminal::with_options(
        CrosstermBackend::new(out),
        ratatui::TerminalOptions { viewport },
    )
    .expect("terminal")
}

/// A key as the event loop handles it when no other key waits: the key, the tab bar's counts,
/// the frame and its flush. Gives back when the frame began.
fn press(app: &mut App, screen: &mut Screen, code: KeyCode) -> Instant {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    if app.unsettled() {
        app.settle();
    }
    let frame = Instant::now();
    screen.draw(|f| app.render(f)).expect("draw");
    screen.backend_mut().flush().expect("flush");
    frame
}

/// Lets what a key started in the background finish (Analytics' figures) and the work for a
/// quiet moment run, drawing what they change, so that the next key is timed from a quiet app,
/// as a user's next key would be.
fn finish(app: &mut App, screen: &mut Screen) {
    if app.read_running() {
        app.wait_read(Duration::from_secs(5));
        app.poll_read();
        screen.draw(|f| app.render(f)).expect("draw");
    }
    // What the event loop does while no key waits (the calendar reads the months beside).
    while let Some(changed) = app.idle() {
        if changed {
            screen.draw(|f| app.render(f)).expect("draw");
        }
    }
}

struct Figures {
    median: f64,
    p99: f64,
    max: f64,
}

fn figures(mut ms: Vec<f64>) -> Figures {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((q * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
    Figures {
        median: at(0.5),
        p99: at(0.99),
        max: ms[ms.len() - 1],
    }
}

fn main() {
    // As `smmdeck` runs.
    smmdeck::tune_allocator();
    let db = common::large_db();
    // cargo bench passes `--bench`; anything else is a filter on the rows.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let presses: usize = std::env::var("SMMDECK_BENCH_KEYS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    println!(
        "| tab | keys | presses | median | p99 | slowest | of which the frame (median) | target |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let (mut met, mut rows) = (0, 0);
    for r in ROWS {
        let name = format!("{} {}", r.tab, r.what);
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let store = Store::open(&db).expect("bench database opens");
        let (mut app, _folding) =
            smmdeck::tui::live_app(store, common::clock(), Default::default()).expect("app");
        app.external_effects = false;
        let mut screen = screen();
        screen.draw(|f| app.render(f)).expect("draw");
        for &k in r.setup {
            press(&mut app, &mut screen, k);
            finish(&mut app, &mut screen);
        }
        // A few rounds unmeasured: the first reads of a view fill SQLite's page cache.
        for &k in r.keys.iter().cycle().take(r.keys.len() * 3) {
            press(&mut app, &mut screen, k);
            finish(&mut app, &mut screen);
        }
        let mut ms = Vec::with_capacity(presses);
        let mut frames = Vec::with_capacity(presses);
        for &k in r.keys.iter().cycle().take(presses) {
            let started = Instant::now();
            let frame = press(&mut app, &mut screen, k);
            let took = started.elapsed().as_secs_f64() * 1000.0;
            frames.push(frame.elapsed().as_secs_f64() * 1000.0);
            if std::env::var_os("SMMDECK_BENCH_SLOW").is_some() && took > 2.0 {
                eprintln!("{name}: press {} ({k:?}) {took:.2} ms", ms.len());
            }
            ms.push(took);
            finish(&mut app, &mut screen);
        }
        let f = figures(ms);
        let frame = figures(frames);
        let ok = f.median <= 1.0 && f.p99 <= 4.0 && f.max <= 50.0;
        rows += 1;
        met += usize::from(ok);
        println!(
            "| {} | {} | {} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {} |",
            r.tab,
            r.what,
            presses,
            f.median,
            f.p99,
            f.max,
            frame.median,
            if ok { "met" } else { "**not met**" }
        );
    }
    println!("\n{met} of {rows} rows within median 1 ms, p99 4 ms, none over 50 ms");
}
