//! Issue 13 item 2: undo does what the user sees. When taking a change back deletes something
//! the screen does not show (a copy in another month, a contact behind a search, a campaign
//! while the overview is up), `u` asks first with a confirm that names it; no keeps it.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use smmdeck::tui::app::App;

fn screen(app: &App) -> String {
    text(&draw(app, 160, 45))
}

fn posts(app: &App) -> i64 {
    app.store.counts().unwrap().posts
}

#[test]
fn issue13_item_2_undoing_a_copy_in_another_month_asks_first_and_names_it() {
    let mut app = demo_app();
    press(&mut app, "2");
    app.on_key(code(KeyCode::Enter)); // the first post of today
    press(&mut app, "c");
    app.on_key(code(KeyCode::Enter)); // copied to the first other account
    let before = posts(&app);
    let shown = screen(&app);
    assert!(shown.contains("copied"), "{shown}");

    // Next month: the copy (26 November) is not on screen any more.
    press(&mut app, "]]");
    screen(&app);
    press(&mut app, "u");
    let asked = screen(&app);
    assert!(
        asked.contains("Confirm") && asked.contains("not on screen"),
        "u asks first: {asked}"
    );
    assert!(
        asked.contains("“copy”") && asked.contains("post “"),
        "{asked}"
    );
    assert_eq!(posts(&app), before, "nothing deleted while it asks");
    press(&mut app, "n");
    assert_eq!(posts(&app), before, "no keeps the copy");

    // Asked again, yes takes the copy back.
    press(&mut app, "u");
    press(&mut app, "y");
    assert_eq!(posts(&app), before - 1);
    assert!(screen(&app).contains("undone: copy"));

    // Ctrl-R would delete nothing (it makes the copy again): it does not ask.
    app.on_key(ctrl('r'));
    assert_eq!(posts(&app), before);
}

#[test]
fn issue13_item_2_a_copy_on_screen_is_undone_without_asking() {
    let mut app = demo_app();
    press(&mut app, "2");
    app.on_key(code(KeyCode::Enter));
    press(&mut app, "c");
    app.on_key(code(KeyCode::Enter));
    let before = posts(&app);
    screen(&app);
    press(&mut app, "u");
    assert_eq!(posts(&app), before - 1, "on screen: no question");
}

#[test]
fn issue13_item_2_a_contact_behind_a_search_is_named_before_undo_deletes_it() {
    let mut app = demo_app();
    press(&mut app, "4n");
    press(&mut app, "Zoe Quill");
    app.on_key(ctrl('s'));
    let count = |app: &App| app.store.contacts().count().unwrap();
    let before = count(&app);
    assert!(screen(&app).contains("Zoe Quill added"));
    // A search that leaves her out.
    press(&mut app, "/Dmytro");
    app.on_key(code(KeyCode::Enter));
    let s = screen(&app);
    assert_eq!(
        s.matches("Zoe Quill").count(),
        1,
        "only the status line names her: {s}"
    );
    press(&mut app, "u");
    let asked = screen(&app);
    assert!(
        asked.contains("“new contact Zoe Quill”: it deletes the contact Zoe")
            && asked.contains("not on screen"),
        "{asked}"
    );
    app.on_key(code(KeyCode::Esc));
    assert_eq!(count(&app), before, "Esc keeps her");
    press(&mut app, "u");
    press(&mut app, "y");
    assert_eq!(count(&app), before - 1);
}

#[test]
fn issue13_item_2_a_new_campaign_is_named_when_the_overview_hides_it() {
    let mut app = demo_app();
    press(&mut app, "5c");
    screen(&app);
    press(&mut app, "N");
    press(&mut app, "Zeta push");
    app.on_key(ctrl('s'));
    let count = |app: &App| app.store.campaigns().summaries(None).unwrap().len();
    let before = count(&app);
    // Back to the overview: the campaign list is not on screen.
    press(&mut app, "c");
    screen(&app);
    press(&mut app, "u");
    let asked = screen(&app);
    assert!(
        asked.contains("the campaign Zeta push") && asked.contains("not on screen"),
        "{asked}"
    );
    press(&mut app, "n");
    assert_eq!(count(&app), before);
    // In the campaign list it shows: u takes it back at once.
    press(&mut app, "c");
    assert!(screen(&app).contains("Zeta push"));
    press(&mut app, "u");
    assert_eq!(count(&app), before - 1);
}
