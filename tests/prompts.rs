//! Issue 13 item 6: prompts behave like a shell's. The editing keys in every one-line prompt
//! and form field, and the `:` line's history, completion and quoted arguments, driven as key
//! scripts through the app.

mod common;

use common::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smmdeck::store::Store;
use smmdeck::tui::app::App;

fn alt(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
}

fn enter(app: &mut App) {
    app.on_key(code(KeyCode::Enter));
}

fn screen(app: &App) -> String {
    text(&draw(app, 120, 30))
}

/// An app over a database file in `dir` (the history lives beside it).
fn file_app(dir: &std::path::Path) -> App {
    let store = Store::open(&dir.join("deck.db")).unwrap();
    App::new(store, clock(), Default::default()).unwrap()
}

#[test]
fn issue13_item_6_shell_keys_edit_the_command_line() {
    let mut app = demo_app();
    // Ctrl-U deletes to the start (it was the text area's undo), Ctrl-W the word before.
    press(&mut app, ":wrong words");
    app.on_key(ctrl('u'));
    press(&mut app, "first second");
    app.on_key(ctrl('w'));
    enter(&mut app);
    let s = screen(&app);
    assert!(s.contains("unknown command :first "), "{s}");

    // Alt-B goes a word back (a terminal sends it as Esc+b: the prompt must not close),
    // Ctrl-A to the start, Ctrl-E to the end, Alt-F a word forward, Ctrl-K deletes the rest.
    press(&mut app, ":bbb ccc");
    app.on_key(alt('b'));
    press(&mut app, "X");
    app.on_key(ctrl('a'));
    press(&mut app, "A");
    app.on_key(ctrl('e'));
    press(&mut app, "E");
    enter(&mut app);
    let s = screen(&app);
    assert!(s.contains("unknown command :Abbb"), "{s}");
    assert!(!s.contains(":bbb"), "{s}");

    press(&mut app, ":one two three");
    app.on_key(ctrl('a'));
    app.on_key(alt('f'));
    app.on_key(ctrl('k'));
    press(&mut app, "z");
    enter(&mut app);
    let s = screen(&app);
    assert!(s.contains("unknown command :onez "), "{s}");
}

#[test]
fn issue13_item_6_shell_keys_edit_a_tab_prompt() {
    let mut app = demo_app();
    // The inbox's search asks through Outcome::Prompt: the same keys work there.
    press(&mut app, "3/");
    press(&mut app, "nothing like this");
    app.on_key(ctrl('u'));
    press(&mut app, "zzqq");
    app.on_key(alt('b'));
    app.on_key(ctrl('k'));
    press(&mut app, "xq7");
    let s = screen(&app);
    assert!(s.contains("xq7"), "{s}");
    assert!(!s.contains("zzqq") && !s.contains("nothing like"), "{s}");
}

#[test]
fn issue13_item_6_shell_keys_in_the_form_and_ctrl_e_still_opens_the_editor_for_long_text() {
    let mut app = demo_app();
    press(&mut app, "4n");
    // The name field: Ctrl-W and Ctrl-U delete, Ctrl-A/E move, Alt-B goes a word back.
    press(&mut app, "Zed Anna Maria");
    app.on_key(ctrl('w'));
    app.on_key(alt('b'));
    app.on_key(ctrl('k'));
    press(&mut app, "Anna ");
    app.on_key(ctrl('a'));
    app.on_key(ctrl('e'));
    assert!(
        app.external_request().is_none(),
        "Ctrl-E in a one-line field ends the line, it does not open $EDITOR"
    );
    press(&mut app, "Koval");
    let s = screen(&app);
    assert!(
        s.contains("Ctrl-A/E start/end"),
        "the form's keys line: {s}"
    );
    // Back to the Zed: Alt-B twice, delete it with Alt-D.
    app.on_key(ctrl('a'));
    app.on_key(alt('d'));
    app.on_key(KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE));
    // Shift-Tab wraps to the notes, a long text: Ctrl-E opens $EDITOR there.
    app.on_key(code(KeyCode::BackTab));
    let s = screen(&app);
    assert!(s.contains("Ctrl-E $EDITOR"), "{s}");
    app.on_key(ctrl('e'));
    assert!(app.external_request().is_some(), "$EDITOR for the notes");
    app.external_done(Ok("met at the fair".into()));
    app.on_key(ctrl('s'));
    let s = screen(&app);
    assert!(s.contains("Anna Koval added"), "{s}");
}

#[test]
fn issue13_item_6_history_is_kept_beside_the_database_and_walked_with_arrows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = file_app(dir.path());
    press(&mut app, ":period 2026-10-01..2026-10-31");
    enter(&mut app);
    press(&mut app, ":nosuch");
    enter(&mut app);
    let file = dir.path().join("deck.db.history");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(saved, "period 2026-10-01..2026-10-31\nnosuch\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the history names paths and handles");
    }
    drop(app);

    // A new session on the same database: ↑ brings back the last lines, ↓ goes forward.
    let mut app = file_app(dir.path());
    press(&mut app, ":draft");
    app.on_key(code(KeyCode::Up));
    assert!(screen(&app).contains("nosuch"));
    app.on_key(code(KeyCode::Up));
    let s = screen(&app);
    assert!(s.contains("period 2026-10-01..2026-10-31"), "{s}");
    app.on_key(code(KeyCode::Down));
    app.on_key(code(KeyCode::Down));
    assert!(screen(&app).contains("draft"), "the typed line comes back");
    app.on_key(code(KeyCode::Up));
    app.on_key(code(KeyCode::Up));
    enter(&mut app);
    let s = screen(&app);
    assert!(s.contains("Oct 2026") || s.contains("2026-10-01"), "{s}");
}

#[test]
fn issue13_item_6_tab_completes_commands_handles_and_paths() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("Content 2026-10-01 Lumen Coffee Co");
    std::fs::create_dir(&export).unwrap();
    std::fs::write(export.join("posts.csv"), "x").unwrap();
    let mut app = demo_app();

    press(&mut app, ":imp");
    app.on_key(code(KeyCode::Tab));
    press(&mut app, "--acc");
    app.on_key(code(KeyCode::Tab));
    press(&mut app, "@lumen.c");
    app.on_key(code(KeyCode::Tab));
    let s = screen(&app);
    assert!(s.contains("import --account @lumen.coffee "), "{s}");

    // Paths: a folder with spaces comes quoted and open, the next Tab goes inside it.
    press(&mut app, &format!("{}/Cont", dir.path().display()));
    app.on_key(code(KeyCode::Tab));
    app.on_key(code(KeyCode::Tab));
    let s = screen(&app);
    assert!(s.contains("Lumen Coffee Co/posts.csv\""), "{s}");
    app.on_key(code(KeyCode::Esc));

    // Several candidates: the status line lists them and a repeated Tab cycles.
    press(&mut app, ":");
    app.on_key(code(KeyCode::Tab));
    let first = screen(&app);
    assert!(first.contains("Tab 1/5"), "{first}");
    app.on_key(code(KeyCode::Tab));
    let second = screen(&app);
    assert!(
        second.contains("Tab 2/5") && second.contains("period"),
        "{second}"
    );
}

#[test]
fn issue13_item_6_quoted_paths_import_whole_and_an_unclosed_quote_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("Content 2026-10-01 Lumen Coffee Co");
    std::fs::create_dir(&export).unwrap();
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples/meta_business_suite_instagram_posts.csv"
    );
    std::fs::copy(sample, export.join("posts 1.csv")).unwrap();
    let mut app = file_app(dir.path());

    press(&mut app, &format!(":import \"{}", export.display()));
    enter(&mut app);
    let s = screen(&app);
    assert!(s.contains("unclosed \" quote"), "{s}");
    assert!(!app.job_running(), "nothing started");

    press(&mut app, &format!(":import \"{}\"", export.display()));
    enter(&mut app);
    wait_for_job(&mut app);
    let s = screen(&app);
    assert!(s.contains("imported:"), "{s}");

    // A backslash escapes a blank as in a shell.
    let escaped = export
        .join("posts 1.csv")
        .display()
        .to_string()
        .replace(' ', "\\ ");
    press(&mut app, &format!(":import {escaped}"));
    enter(&mut app);
    wait_for_job(&mut app);
    let s = screen(&app);
    assert!(s.contains("imported:"), "{s}");
}

#[test]
fn issue13_item_6_help_lists_the_typing_keys_and_the_command_lines_own() {
    let app = demo_app();
    let lines = smmdeck::tui::widgets::help::lines(
        &app.keymap,
        smmdeck::tui::keymap::Scope::Tab(smmdeck::tui::tabs::TabId::Today),
    );
    let all: String = lines.iter().map(|l| l.to_string() + "\n").collect();
    for want in [
        "Typing in a prompt or a form field",
        "Ctrl-U",
        "delete to the start",
        "Alt-B",
        "word back",
        "Command line (:)",
        "previous command",
        "complete a command, handle or path",
    ] {
        assert!(all.contains(want), "help misses {want:?}:\n{all}");
    }
}
