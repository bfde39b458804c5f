//! The Contacts tab through the app: snapshots of the list, the detail, the board and the form
//! at two sizes, and the acceptance as a key script (add with Cyrillic, a stage move
//! that logs, undo, a follow-up set to yesterday that is red here and listed on Today).

mod common;

use common::{code, ctrl, demo_app, draw, press, text};
use ratatui::crossterm::event::KeyCode;
use smmdeck::config::Config;
use smmdeck::store::{ContactFilter, Store};
use smmdeck::tui::app::App;
use smmdeck::tui::theme::Theme;

fn shot(app: &App, w: u16, h: u16) -> String {
    text(&draw(app, w, h))
}

#[test]
fn list_detail_board_and_form_snapshots() {
    let mut app = demo_app();
    press(&mut app, "4");
    insta::assert_snapshot!("contacts_list_160x45", shot(&app, 160, 45));
    insta::assert_snapshot!("contacts_list_80x24", shot(&app, 80, 24));
    // A contact whose collaboration has results, so that the detail shows what they cost.
    let with_collab = (0..40)
        .find(|_| {
            let s = shot(&app, 160, 45);
            let found = s.contains("USD per engagement");
            if !found {
                press(&mut app, "j");
            }
            found
        })
        .is_some();
    assert!(with_collab, "the demo has collaborations with results");
    insta::assert_snapshot!("contacts_detail_160x45", shot(&app, 160, 45));
    insta::assert_snapshot!("contacts_detail_80x24", shot(&app, 80, 24));
    press(&mut app, "b");
    insta::assert_snapshot!("contacts_board_160x45", shot(&app, 160, 45));
    insta::assert_snapshot!("contacts_board_80x24", shot(&app, 80, 24));
    press(&mut app, "be");
    insta::assert_snapshot!("contacts_form_160x45", shot(&app, 160, 45));
    insta::assert_snapshot!("contacts_form_80x24", shot(&app, 80, 24));
}

fn empty_app() -> App {
    App::new(
        Store::open_in_memory().unwrap(),
        common::clock(),
        Config::default(),
    )
    .unwrap()
}

#[test]
fn acceptance_add_move_undo_and_a_red_follow_up_on_today() {
    let mut app = empty_app();
    press(&mut app, "4n");
    press(&mut app, "Олена Коваль");
    app.on_key(code(KeyCode::Tab));
    press(&mut app, "olena.cooks");
    app.on_key(ctrl('s'));
    let c = app.store.contacts();
    let rows = c
        .page(&ContactFilter::default(), Default::default(), None, 10)
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "Олена Коваль");
    assert_eq!(rows[0].top_handle.as_deref(), Some("olena.cooks"));
    let id = rows[0].id;
    assert!(shot(&app, 160, 45).contains("Олена Коваль"));

    press(&mut app, ">");
    let d = app.store.contacts().detail(id).unwrap();
    assert_eq!(d.stage, "contacted");
    assert_eq!(d.interactions[0].note, "stage: prospect → contacted");
    press(&mut app, "u");
    let d = app.store.contacts().detail(id).unwrap();
    assert_eq!((d.stage.as_str(), d.interactions.len()), ("prospect", 0));
    assert!(
        shot(&app, 160, 45).contains("undone: Олена Коваль stage: prospect → contacted"),
        "the status line names what was undone"
    );
    // Ctrl-R brings it back, u takes it away again.
    app.on_key(ctrl('r'));
    assert_eq!(app.store.contacts().detail(id).unwrap().stage, "contacted");
    press(&mut app, "u");

    press(&mut app, "F");
    press(&mut app, "yesterday");
    app.on_key(code(KeyCode::Enter));
    assert_eq!(
        app.store
            .contacts()
            .detail(id)
            .unwrap()
            .follow_up_on
            .as_deref(),
        Some("2026-11-25")
    );
    // A second contact takes the selection, whose colours cover a row's own.
    press(&mut app, "n");
    press(&mut app, "Anna");
    app.on_key(ctrl('s'));
    let buf = draw(&app, 160, 45);
    let screen = text(&buf);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("Олена Коваль"))
        .unwrap();
    let x = line
        .chars()
        .take_while(|_| true)
        .collect::<String>()
        .find("2026-11-25")
        .unwrap();
    let x = line[..x].chars().count() as u16;
    assert_eq!(
        buf[(x, y as u16)].fg,
        Theme::overdue().fg.unwrap(),
        "red when due"
    );
    press(&mut app, "1");
    let today = shot(&app, 160, 45);
    let section = today.split("Follow-ups due").nth(1).unwrap();
    assert!(
        section.lines().nth(1).unwrap().contains("Олена Коваль"),
        "{today}"
    );
}

#[test]
fn a_bad_field_is_named_and_nothing_is_written() {
    let mut app = empty_app();
    press(&mut app, "4n");
    press(&mut app, "Ann");
    for _ in 0..3 {
        app.on_key(code(KeyCode::Tab));
    }
    press(&mut app, "ann-at-example");
    app.on_key(ctrl('s'));
    assert!(
        shot(&app, 100, 30).contains("E-mail:"),
        "the form names the field"
    );
    assert_eq!(app.store.contacts().count().unwrap(), 0);
    app.on_key(code(KeyCode::Esc));
    press(&mut app, "y");
    assert_eq!(app.store.contacts().count().unwrap(), 0);
}

#[test]
fn search_filter_sort_interaction_and_delete() {
    let mut app = demo_app();
    press(&mut app, "4/");
    let name = {
        let c = app.store.contacts();
        c.page(&ContactFilter::default(), Default::default(), None, 1)
            .unwrap()[0]
            .name
            .clone()
    };
    press(&mut app, &name.to_lowercase());
    app.on_key(code(KeyCode::Enter));
    let screen = shot(&app, 160, 45);
    assert!(
        screen.contains(&format!("search \"{}\"", name.to_lowercase())),
        "{screen}"
    );
    assert!(
        screen.lines().nth(3).unwrap().starts_with(&name),
        "{screen}"
    );
    // Log a call with the first match.
    press(&mut app, "i");
    app.on_key(code(KeyCode::Down));
    app.on_key(code(KeyCode::Down));
    app.on_key(code(KeyCode::Enter));
    press(&mut app, "agreed on a reel");
    app.on_key(code(KeyCode::Enter));
    let id = app
        .store
        .contacts()
        .search(&ContactFilter::default(), &name, 1)
        .unwrap()
        .0[0]
        .id;
    let d = app.store.contacts().detail(id).unwrap();
    assert_eq!(
        (
            d.interactions[0].channel.as_str(),
            d.interactions[0].note.as_str()
        ),
        ("call", "agreed on a reel")
    );
    assert!(d.last_contact_at.is_some());
    // Esc shows everyone; s sorts by follow-up; D deletes after asking; u brings them back.
    app.on_key(code(KeyCode::Esc));
    press(&mut app, "s");
    assert!(shot(&app, 160, 45).contains("by follow-up (soonest)"));
    let before = app.store.contacts().count().unwrap();
    press(&mut app, "D");
    press(&mut app, "y");
    assert_eq!(app.store.contacts().count().unwrap(), before - 1);
    press(&mut app, "u");
    assert_eq!(app.store.contacts().count().unwrap(), before);
}

/// `f` offers every niche and platform the contacts have (with counts), not only those of the
/// contact under the cursor; the header counts in the right number.
#[test]
fn filter_offers_every_niche_and_platform_and_counts_read_right() {
    let mut app = common::demo_app();
    common::press(&mut app, "4f");
    let picker = common::text(&common::draw(&app, 160, 45));
    let niches = picker.matches("niche: ").count();
    assert!(niches >= 3, "several niches offered:\n{picker}");
    for platform in ["platform: instagram", "platform: tiktok"] {
        assert!(picker.contains(platform), "{platform}:\n{picker}");
    }
    // Pick the first niche: the list shows only its contacts, and the header says how many.
    app.on_key(common::code(KeyCode::Esc));
    let store = &app.store;
    let (niche, n) = store.contacts().niches(1).unwrap().remove(0);
    common::press(&mut app, "f");
    let picker = common::text(&common::draw(&app, 160, 45));
    let row = picker
        .lines()
        .position(|l| l.contains(&format!("niche: {niche} ({n})")))
        .expect("the most common niche is offered with its count");
    let first = picker.lines().position(|l| l.contains("everyone")).unwrap();
    for _ in first..row {
        app.on_key(common::code(KeyCode::Down));
    }
    app.on_key(common::code(KeyCode::Enter));
    let list = common::text(&common::draw(&app, 160, 45));
    let want = if n == 1 {
        "1 contact ".to_string()
    } else {
        format!("{n} contacts")
    };
    assert!(list.contains(&want), "{want}:\n{list}");
}

/// A board column reads a screenful at first and more as its cursor goes down: every card of
/// a long column can be reached, in order, and a write deep in it keeps the user's place.
#[test]
fn a_long_board_column_reads_more_as_the_cursor_goes_down() {
    let store = Store::open_in_memory().unwrap();
    for i in 1..=150 {
        let c = smmdeck::store::NewContact {
            name: format!("Prospect {i:03}"),
            ..Default::default()
        };
        store.contacts().create(&c, 1_790_000_000).unwrap();
    }
    let mut app = App::new(store, common::clock(), Config::default()).unwrap();
    press(&mut app, "4b");
    let name = |app: &App| {
        let id = app.tabs.contacts.selected_contact().unwrap();
        app.store.contacts().input(id).unwrap().name
    };
    assert_eq!(name(&app), "Prospect 001");
    for _ in 0..119 {
        press(&mut app, "j");
    }
    assert_eq!(name(&app), "Prospect 120");
    // A stage move there and back: the card is followed, and the long column is read again as
    // far as it was, so the place below it is kept.
    press(&mut app, ">");
    assert_eq!(
        name(&app),
        "Prospect 120",
        "the card is followed to its column"
    );
    press(&mut app, "<");
    assert_eq!(name(&app), "Prospect 120");
    press(&mut app, "j");
    assert_eq!(name(&app), "Prospect 121");
    for _ in 0..200 {
        press(&mut app, "j");
    }
    assert_eq!(name(&app), "Prospect 150", "the last card is reached");
    // Back to the list, a move made there, then the board again: no column is left as it was.
    press(&mut app, "b");
    let moved = name(&app);
    press(&mut app, ">");
    press(&mut app, "b");
    let screen = text(&draw(&app, 160, 45));
    // The first row of cards: the prospects column starts with the next one, the contacted
    // column holds the one moved.
    let first = screen.lines().nth(3).unwrap_or_default();
    assert_eq!(moved, "Prospect 001");
    assert!(
        first.starts_with(" Prospect 002") && first.contains("│ Prospect 001"),
        "{screen}"
    );
    assert!(screen.contains("prospect       149"), "{screen}");
    assert!(screen.contains("contacted      1"), "{screen}");
}

thread_local! {
    static CONTACT_PAGES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Notes every read of list rows with its values (the trace hook is a plain function).
fn note_contact_pages(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Profile(stmt, _) = event
        && stmt.sql().contains("c.top_handle")
        && stmt.sql().contains("LIMIT")
    {
        let sql = stmt.expanded_sql().unwrap_or_default();
        CONTACT_PAGES.with(|p| p.borrow_mut().push(sql));
    }
}

fn stage_label(stage: &str) -> String {
    smmdeck::domain::Stage::parse(stage)
        .map(|s| s.label().to_string())
        .unwrap_or_default()
}

/// A stage move reads again the page on screen, not the list held; after moves at the top,
/// further down and back, the list holds what a read of it from the top gives, the contact
/// moved stays selected and shows its new stage.
#[test]
fn a_stage_move_reads_its_page_and_the_list_stays_true() {
    let mut app = demo_app();
    // More contacts than a screen and a page hold, first by name, in the pipeline.
    for i in 0..120 {
        let c = smmdeck::store::NewContact {
            name: format!("0{i:03} Prospect"),
            stage: "prospect".into(),
            ..Default::default()
        };
        app.store.contacts().create(&c, 0).unwrap();
    }
    press(&mut app, "4");
    let check = |app: &App, what: &str| {
        let held = app.tabs.contacts.held();
        let truth: Vec<i64> = app
            .store
            .contacts()
            .page(
                &ContactFilter::default(),
                Default::default(),
                None,
                held.len(),
            )
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(held, truth, "{what}: the list");
    };
    draw(&app, 160, 45);
    let held = app.tabs.contacts.held();
    assert!(held.len() >= 100, "a page of contacts: {}", held.len());
    let first = app.tabs.contacts.selected_contact().unwrap();
    let stage_of = |app: &App| app.store.contacts().row(first).unwrap().unwrap().stage;
    let before = stage_of(&app);
    app.store.trace_statements(Some(note_contact_pages));
    press(&mut app, ">");
    app.store.trace_statements(None);
    let pages = CONTACT_PAGES.with(|p| p.take());
    assert!(
        !pages.is_empty() && pages.iter().all(|p| !p.ends_with("LIMIT 100")),
        "the page on screen is read, not the list: {pages:?}"
    );
    assert_eq!(app.tabs.contacts.selected_contact(), Some(first));
    assert_ne!(stage_of(&app), before, "moved along the pipeline");
    assert!(
        text(&draw(&app, 160, 45)).contains(&stage_label(&stage_of(&app))),
        "the new stage is on screen"
    );
    check(&app, "> at the top");
    for (keys, what) in [
        ("<", "< at the top"),
        (
            "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj>",
            "> on the second page",
        ),
        ("<", "< on the second page"),
        ("gj>", "> on the second row"),
    ] {
        draw(&app, 160, 45);
        press(&mut app, keys);
        check(&app, what);
    }
}
