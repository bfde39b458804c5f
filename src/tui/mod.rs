//! The terminal app: setup and restore of the terminal, and the event loop. The loop redraws
//! only on input, resize or a real change; it never spins.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod event;
pub mod external;
pub mod keymap;
mod signals;
pub mod tab_id;
pub mod tabs;
pub mod theme;
pub mod widgets;

use std::time::Duration;

use ratatui::crossterm::event::{self as term_event, Event, KeyEventKind};

use crate::clock::Clock;
use crate::config::Config;
use crate::store::Store;
use app::App;
use tab_id::TabId;

/// Runs the app until the user quits. The terminal is restored on quit, on error and on panic
/// (ratatui's init installs a panic hook that restores it first).
pub fn run(store: Store, clock: Clock, config: Config) -> anyhow::Result<()> {
    let (mut app, _folding) = live_app(store, clock, config)?;
    let mut terminal = init_terminal()?;
    signals::restore_on_termination(app.store.path().map(std::path::Path::to_path_buf));
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

/// The app as a terminal session runs it, with the thread that folds the write-ahead log (it
/// stops when dropped). The keys benchmark drives this same set-up without a terminal.
pub fn live_app(
    store: Store,
    clock: Clock,
    config: Config,
) -> anyhow::Result<(App, Option<crate::store::Checkpointer>)> {
    // A session pages through large tables: reads go through SQLite's own bounded page
    // cache, not a mapping of the file, whose touched pages (64 KB around each) would count
    // as the app's memory (34 MB instead of 15 at the large demo's first frame).
    store.settle_for_a_session()?;
    // Its commits never fold the log (an fsync of the file) in the middle of a key.
    let folding = store.checkpoint_in_background()?;
    let mut app = App::new(store, clock, config)?;
    app.external_effects = true;
    app.defer_counts = true;
    // A key whose figures take long to read (a new period of Analytics) answers at once.
    app.read_in_background(true);
    // A write never holds the screen for long: one that finds an import holding the database
    // waits a moment, then is kept and retried on the next tick (see `App::write_waiting`).
    app.store.set_busy_timeout(Duration::from_millis(50))?;
    Ok((app, folding))
}

/// The terminal the app draws on: ratatui's set-up (raw mode, alternate screen, a panic hook
/// that restores the screen), writing through one buffer that the end of each frame flushes.
/// Standard output's own buffer writes every kilobyte: a full 160x45 frame took some thirty
/// write calls, each taking standard output's lock, and reached the terminal in pieces.
type Screen =
    ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::BufWriter<std::io::Stdout>>>;

fn init_terminal() -> anyhow::Result<Screen> {
    drop(ratatui::try_init()?);
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    Ok(ratatui::Terminal::new(
        ratatui::backend::CrosstermBackend::new(out),
    )?)
}

fn event_loop(terminal: &mut Screen, app: &mut App) -> anyhow::Result<()> {
    let mut dirty = true;
    while !app.quit {
        // The tab bar's counts (a few sums and index ranges, well under a millisecond at the
        // large demo) join the key's own frame, so that it is drawn once and right; while more
        // keys wait they are left for later, and a burst of keys pays for them once.
        if app.unsettled() && !term_event::poll(Duration::ZERO)? {
            dirty |= app.settle();
        }
        if dirty {
            terminal.draw(|f| app.render(f))?;
            dirty = false;
        }
        if app.unsettled() && !term_event::poll(Duration::ZERO)? {
            continue;
        }
        // Work for a quiet moment (the calendar reads the months beside the one on screen), a
        // piece at a time and only while no key waits.
        while !term_event::poll(Duration::ZERO)? {
            match app.idle() {
                Some(true) => {
                    dirty = true;
                    break;
                }
                Some(false) => {}
                None => break,
            }
        }
        if dirty {
            continue;
        }
        // Wake often while a job reports progress; otherwise every 30 s, so that ages ("12m")
        // stay current. No input and no change means no redraw.
        let wait = if app.read_running() {
            // Figures being read in the background: look for them often.
            Duration::from_millis(2)
        } else if app.job_running() || app.writes_waiting() {
            Duration::from_millis(100)
        } else {
            Duration::from_secs(30)
        };
        if term_event::poll(wait)? {
            match term_event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    app.on_key(key);
                    if let Some(text) = app.external_request().map(str::to_string) {
                        // The editor needs the real terminal: hand it over, then take it back.
                        ratatui::restore();
                        let result = external::edit(&text);
                        *terminal = init_terminal()?;
                        app.external_done(result);
                    }
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        } else if app.read_running() {
            // Only waiting for the figures: not the 30 s tick.
        } else if app.writes_waiting() {
            app.write_waiting();
            dirty = true;
        } else if !app.job_running() {
            app.reload();
            dirty = true;
        }
        dirty |= app.poll_job();
        dirty |= app.poll_read();
    }
    Ok(())
}

/// One frame of `tab` at `size`, as text (rows joined by newlines, trailing spaces trimmed),
/// made through the app's own start-up path: what a user would see after pressing the tab's
/// number. For bug reports, documentation and timing the first frame.
pub fn render_text(
    store: Store,
    clock: Clock,
    config: Config,
    tab: &str,
    (width, height): (u16, u16),
) -> anyhow::Result<String> {
    let tab = TabId::parse(tab).ok_or_else(|| {
        let names: Vec<String> = TabId::ALL.iter().map(|t| t.name()).collect();
        anyhow::anyhow!("unknown tab {tab:?}; one of: {}", names.join(", "))
    })?;
    let app = App::open_at(store, clock, config, tab)?;
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend)?;
    terminal.draw(|f| app.render(f))?;
    let buffer = terminal.backend().buffer();
    let mut out = String::with_capacity(usize::from(width + 1) * usize::from(height));
    for y in 0..height {
        let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        out.push_str(row.trim_end());
        out.push('\n');
    }
    Ok(out)
}
