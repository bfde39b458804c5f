//! Shared fixtures for the end-to-end tests: a fixed clock and a demo database.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use smmdeck::clock::Clock;
use smmdeck::config::Config;
use smmdeck::demo::{self, Scale};
use smmdeck::store::Store;
use smmdeck::tui::app::App;

/// Thursday 26 November 2026, 09:30 in Kyiv.
pub fn clock() -> Clock {
    Clock::fixed(
        Utc.with_ymd_and_hms(2026, 11, 26, 7, 30, 0).unwrap(),
        chrono_tz::Europe::Kyiv,
    )
}

pub fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    demo::generate(&mut store, Scale::Small, &clock(), &mut |_| {}).unwrap();
    store
}

/// The small demo written to a file at `path` (for what needs a file: a second connection).
#[allow(dead_code)]
pub fn demo_file(path: &std::path::Path) -> Store {
    let mut store = Store::open(path).unwrap();
    demo::generate(&mut store, Scale::Small, &clock(), &mut |_| {}).unwrap();
    store
}

pub fn demo_app() -> App {
    App::new(demo_store(), clock(), Config::default()).unwrap()
}

pub fn key(c: char) -> ratatui::crossterm::event::KeyEvent {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

pub fn code(code: ratatui::crossterm::event::KeyCode) -> ratatui::crossterm::event::KeyEvent {
    ratatui::crossterm::event::KeyEvent::new(code, ratatui::crossterm::event::KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> ratatui::crossterm::event::KeyEvent {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Types each character of `keys` as a key press.
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.on_key(key(c));
    }
}

/// Waits until a background job (an import) has finished, taking its messages.
pub fn wait_for_job(app: &mut App) {
    let started = std::time::Instant::now();
    while app.job_running() {
        app.poll_job();
        assert!(
            started.elapsed().as_secs() < 30,
            "the import did not finish"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Renders the app into a `w`×`h` test terminal and returns the buffer.
pub fn draw(app: &App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    terminal.backend().buffer().clone()
}

/// The buffer as text, one line per row, trailing spaces trimmed.
pub fn text(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Runs the smmdeck binary on `db` with `args`, away from the user's own config.
pub fn smmdeck(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_smmdeck"))
        .arg("--db")
        .arg(db)
        .args(args)
        .args(["--config", "/nonexistent/smmdeck-test-config.toml"])
        .output()
        .expect("smmdeck runs")
}
