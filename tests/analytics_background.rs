//! The Analytics tab reading its figures on a thread of its own (as the running app does): a
//! key answers with a frame at once that says what is being read, and once the read is in,
//! the screen is exactly the one the inline read draws, for every period, metric and
//! breakdown key; a key pressed while a read runs leaves only the newest figures on screen.

mod common;

use std::time::Duration;

use common::{draw, press, text};
use smmdeck::config::Config;
use smmdeck::store::Store;
use smmdeck::tui::app::App;

/// Two apps on one small demo file: one reading inline, one in the background.
fn pair(dir: &tempfile::TempDir) -> (App, App) {
    let path = dir.path().join("demo.db");
    drop(common::demo_file(&path));
    let open = || {
        App::new(
            Store::open(&path).unwrap(),
            common::clock(),
            Config::default(),
        )
    };
    let inline = open().unwrap();
    let mut background = open().unwrap();
    background.read_in_background(true);
    (inline, background)
}

/// The same keys to both.
fn both(inline: &mut App, background: &mut App, keys: &str) {
    press(inline, keys);
    press(background, keys);
}

fn screen(app: &App) -> String {
    text(&draw(app, 160, 45))
}

#[test]
fn figures_read_in_the_background_equal_the_inline_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (mut inline, mut background) = pair(&dir);
    both(&mut inline, &mut background, "5");
    // The first frame of the tab is read inline either way: nothing is on screen yet.
    assert!(!background.read_running());
    assert_eq!(screen(&inline), screen(&background));
    // Periods (p, [ and ]), metrics (m) and breakdowns including the heat map (b).
    for key in [
        "p", "p", "[", "]", "p", "m", "m", "b", "b", "b", "b", "[", "p",
    ] {
        both(&mut inline, &mut background, key);
        assert!(background.read_running(), "{key} reads in the background");
        let asked = screen(&background);
        assert!(
            asked.contains("reading"),
            "{key}: the frame says so\n{asked}"
        );
        assert!(background.wait_read(Duration::from_secs(20)), "{key}");
        assert!(!background.read_running());
        assert_eq!(screen(&inline), screen(&background), "after {key}");
    }
}

#[test]
fn keys_pressed_while_reading_leave_the_newest_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (mut inline, mut background) = pair(&dir);
    both(&mut inline, &mut background, "5");
    // Five keys before any answer is taken: the answers to the first four are stale.
    both(&mut inline, &mut background, "pp[mb");
    assert!(background.wait_read(Duration::from_secs(20)));
    assert_eq!(screen(&inline), screen(&background));
    // Answers that arrive later are taken by the event loop's look, which changes nothing now.
    std::thread::sleep(Duration::from_millis(50));
    background.poll_read();
    assert_eq!(screen(&inline), screen(&background));
}

#[test]
fn a_write_during_a_read_is_not_undone_by_its_answer() {
    let dir = tempfile::tempdir().unwrap();
    let (mut inline, mut background) = pair(&dir);
    both(&mut inline, &mut background, "5p");
    // A tick (what a write also does): the tab is read again, in a new generation.
    background.reload();
    inline.reload();
    assert!(background.wait_read(Duration::from_secs(20)));
    assert_eq!(screen(&inline), screen(&background));
}
