//! The app shell driven as a user would: snapshots of every tab, a key script, a sweep of
//! terminal sizes, and the styles a snapshot cannot see.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use smmdeck::tui::tabs::TabId;

#[test]
fn every_tab_at_100x30() {
    let mut app = demo_app();
    for tab in TabId::ALL {
        press(&mut app, &tab.number().to_string());
        assert_eq!(app.active, tab);
        insta::assert_snapshot!(
            format!("tab_{}_100x30", tab.title().to_lowercase()),
            text(&draw(&app, 100, 30))
        );
    }
}

#[test]
fn key_script_switches_tabs_opens_help_and_quits() {
    let mut app = demo_app();
    assert_eq!(app.active, TabId::Today);
    app.on_key(code(KeyCode::Tab));
    assert_eq!(app.active, TabId::Calendar);
    app.on_key(code(KeyCode::BackTab));
    app.on_key(code(KeyCode::BackTab));
    assert_eq!(app.active, TabId::Analytics);
    press(&mut app, "3");
    assert_eq!(app.active, TabId::Inbox);
    press(&mut app, "?");
    let screen = text(&draw(&app, 100, 30));
    assert!(
        screen.contains("Keys") && screen.contains("done"),
        "{screen}"
    );
    // While help is open, tab keys do not leak through.
    press(&mut app, "1");
    assert_eq!(app.active, TabId::Inbox);
    app.on_key(code(KeyCode::Esc));
    assert!(!text(&draw(&app, 100, 30)).contains(" Keys "));
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn ctrl_c_quits_even_from_an_overlay() {
    let mut app = demo_app();
    press(&mut app, ":");
    press(&mut app, "abc");
    app.on_key(ctrl('c'));
    assert!(app.quit);
}

#[test]
fn help_lists_every_binding() {
    let app = demo_app();
    for scope_tab in TabId::ALL {
        let lines = smmdeck::tui::widgets::help::lines(
            &app.keymap,
            smmdeck::tui::keymap::Scope::Tab(scope_tab),
        );
        let all: String = lines.iter().map(|l| l.to_string() + "\n").collect();
        for b in app.keymap.bindings() {
            assert!(
                all.contains(b.help),
                "help misses {:?} ({})",
                b.action,
                b.help
            );
            assert!(
                all.contains(&b.key.to_string()),
                "help misses key {}",
                b.key
            );
        }
    }
}

#[test]
fn account_filter_cycles_through_every_account() {
    let mut app = demo_app();
    let all = text(&draw(&app, 120, 30));
    assert!(all.contains("[all accounts · Europe/Kyiv]"));
    press(&mut app, "a");
    let first = text(&draw(&app, 120, 30));
    assert!(!first.contains("[all accounts"), "{first}");
    for _ in 0..5 {
        press(&mut app, "a");
    }
    assert!(
        text(&draw(&app, 120, 30)).contains("[all accounts · "),
        "five accounts, then back to all"
    );
}

#[test]
fn no_panic_at_any_size() {
    let mut app = demo_app();
    let sizes = [
        (1, 1),
        (2, 1),
        (1, 5),
        (5, 2),
        (10, 3),
        (20, 5),
        (40, 10),
        (80, 24),
        (100, 30),
        (160, 45),
        (300, 100),
    ];
    for tab in TabId::ALL {
        press(&mut app, &tab.number().to_string());
        for (w, h) in sizes {
            draw(&app, w, h);
        }
        press(&mut app, "?");
        for (w, h) in sizes {
            draw(&app, w, h);
        }
        app.on_key(code(KeyCode::Esc));
    }
}

#[test]
fn empty_database_opens_on_the_welcome_screen_and_d_loads_the_demo() {
    let store = smmdeck::store::Store::open_in_memory().unwrap();
    let mut app = smmdeck::tui::app::App::new(store, clock(), Default::default()).unwrap();
    let screen = text(&draw(&app, 80, 24));
    assert!(screen.contains("Welcome to smmdeck"), "{screen}");
    insta::assert_snapshot!("welcome_80x24", screen);
    press(&mut app, "d");
    assert!(!app.store.is_empty().unwrap());
    let screen = text(&draw(&app, 80, 24));
    assert!(
        !screen.contains("Welcome to smmdeck") && screen.contains("Going out today"),
        "{screen}"
    );
}

#[test]
fn selected_row_and_active_tab_are_highlighted() {
    let mut app = demo_app();
    press(&mut app, "3");
    let buf = draw(&app, 100, 30);
    // Row 1 is the inbox header; row 2 the first item, selected on open.
    assert_eq!(buf[(10, 2)].bg, Color::Blue, "selected row background");
    assert_ne!(buf[(10, 3)].bg, Color::Blue, "other rows are plain");
    let tab_x = text(&buf).lines().next().unwrap().find("Inbox").unwrap() as u16;
    assert_eq!(buf[(tab_x, 0)].bg, Color::Cyan, "active tab");
}

#[test]
fn today_enter_jumps_to_the_item_in_its_tab() {
    let mut app = demo_app();
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.active, TabId::Calendar, "a post opens in the calendar");
    press(&mut app, "1");
    // Past today's posts and the overdue ones lie the negative comments.
    let screen = text(&draw(&app, 100, 30));
    let lines: Vec<&str> = screen.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("Unanswered negative"))
        .unwrap();
    let posts = lines[..header]
        .iter()
        .filter(|l| l.starts_with("  ") && !l.contains("nothing here"))
        .count();
    for _ in 0..posts {
        press(&mut app, "j");
    }
    let author = lines[header + 1]
        .split_whitespace()
        .nth(2)
        .unwrap()
        .to_string();
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.active, TabId::Inbox);
    let inbox = text(&draw(&app, 100, 30));
    let detail_author = inbox
        .lines()
        .nth(2)
        .unwrap()
        .split('│')
        .nth(1)
        .unwrap_or("")
        .to_string();
    assert!(
        detail_author.contains(&author),
        "jumped to {author}, detail shows {detail_author}"
    );
}

#[test]
fn esc_typed_fast_before_a_key_reads_as_esc_then_the_key() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let mut app = demo_app();
    press(&mut app, "?");
    // A terminal delivers Esc followed at once by q as Alt+q.
    app.on_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT));
    assert!(app.quit, "Esc closed help, then q quit");
}

#[test]
fn contacts_show_the_selected_person_in_full() {
    let mut app = demo_app();
    press(&mut app, "4j");
    let screen = text(&draw(&app, 160, 45));
    // Tab bar, the list's summary line, column titles, first row, second row.
    let second = screen
        .lines()
        .nth(4)
        .unwrap()
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let detail: String = screen
        .lines()
        .map(|l| l.split('│').nth(1).unwrap_or("").to_string() + "\n")
        .collect();
    assert!(
        detail.trim_start().starts_with(&second),
        "detail shows {second}:\n{detail}"
    );
    assert!(
        detail.contains("rates:") && detail.contains("latest interactions"),
        "{detail}"
    );
    assert!(detail.contains("@example.com"), "contact details");
}

#[test]
fn filtering_to_an_account_shows_times_in_its_zone() {
    let mut app = demo_app();
    let all = text(&draw(&app, 120, 30));
    assert!(
        all.contains("15:15 FB @pixelbikes"),
        "Kyiv time with all accounts:\n{all}"
    );
    // Accounts by brand: IG, TT (Lumen, Kyiv), FB (Pixel Bikes, Warsaw) is the third.
    press(&mut app, "aaa");
    let fb = text(&draw(&app, 120, 30));
    assert!(fb.contains("[FB @pixelbikes · Europe/Warsaw]"), "{fb}");
    assert!(
        fb.contains("14:15 FB @pixelbikes"),
        "Warsaw is an hour behind Kyiv:\n{fb}"
    );
}
