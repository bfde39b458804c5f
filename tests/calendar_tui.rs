//! The calendar through the real `App`: snapshots of the month at two sizes, and key scripts
//! that check what ends up in the database.

use chrono::{NaiveDate, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smmdeck::clock::Clock;
use smmdeck::config::Config;
use smmdeck::store::{PostEdit, Store};
use smmdeck::tui::app::App;
use smmdeck::tui::tabs::TabId;

fn clock() -> Clock {
    // Thursday 26 November 2026, 10:00 in Kyiv.
    Clock::fixed(
        Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap(),
        chrono_tz::Europe::Kyiv,
    )
}

fn demo_app() -> App {
    let mut store = Store::open_in_memory().unwrap();
    smmdeck::demo::generate(
        &mut store,
        smmdeck::demo::Scale::Small,
        &clock(),
        &mut |_| {},
    )
    .unwrap();
    App::new(store, clock(), Config::default()).unwrap()
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The screen as text, one line per row, trailing blanks trimmed.
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| app.render(f)).unwrap();
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn local_ts(date: &str, hm: (u32, u32)) -> i64 {
    let naive = date
        .parse::<NaiveDate>()
        .unwrap()
        .and_hms_opt(hm.0, hm.1, 0)
        .unwrap();
    clock().local_to_ts(naive).unwrap()
}

#[test]
fn calendar_month_snapshots() {
    let mut app = demo_app();
    keys(&mut app, "2");
    assert_eq!(app.active, TabId::Calendar);
    insta::assert_snapshot!("calendar_month_160x45", screen(&app, 160, 45));
    insta::assert_snapshot!("calendar_month_80x24", screen(&app, 80, 24));
    // The cursor day's cell is highlighted; another day's is not.
    let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
    term.draw(|f| app.render(f)).unwrap();
    let text = screen(&app, 160, 45);
    // The last "26" in the grid is 26 November (the first is 26 October).
    let lines: Vec<&str> = text.lines().collect();
    let row = lines.iter().rposition(|l| l.contains("26 ───")).unwrap() as u16;
    let col = text
        .lines()
        .nth(row as usize)
        .unwrap()
        .find("26 ───")
        .unwrap();
    let col = text.lines().nth(row as usize).unwrap()[..col]
        .chars()
        .count() as u16;
    let buf = term.backend().buffer();
    assert_eq!(buf[(col + 3, row)].bg, ratatui::style::Color::Blue);
    assert_ne!(buf[(col + 3 - 22, row)].bg, ratatui::style::Color::Blue);
}

#[test]
fn calendar_week_and_agenda_render() {
    let mut app = demo_app();
    keys(&mut app, "2v");
    let week = screen(&app, 160, 45);
    assert!(week.contains("23 Nov – 29 Nov 2026 · week"), "{week}");
    assert!(week.contains("Thu 26 ·"), "{week}");
    keys(&mut app, "v");
    let agenda = screen(&app, 80, 24);
    assert!(agenda.contains("Thu 26 Nov 2026"), "{agenda}");
    keys(&mut app, "v");
    assert!(screen(&app, 80, 24).contains("November 2026 · month"));
}

#[test]
fn calendar_move_by_a_day_and_undo() {
    let mut app = demo_app();
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter); // focus the first post of today
    let first = app
        .store
        .posts()
        .in_range(
            local_ts("2026-11-26", (0, 0)),
            local_ts("2026-11-27", (0, 0)),
            None,
            1,
        )
        .unwrap()
        .remove(0);
    let before = first.scheduled_at.unwrap();
    keys(&mut app, ">");
    let moved = app
        .store
        .posts()
        .get(first.id)
        .unwrap()
        .scheduled_at
        .unwrap();
    assert_eq!(moved - before, 86_400);
    // Shift+→ moves it again; the cursor followed the post.
    app.on_key(KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT));
    let moved2 = app
        .store
        .posts()
        .get(first.id)
        .unwrap()
        .scheduled_at
        .unwrap();
    assert_eq!(moved2 - before, 2 * 86_400);
    keys(&mut app, "u");
    assert_eq!(
        app.store.posts().get(first.id).unwrap().scheduled_at,
        Some(moved)
    );
    keys(&mut app, "u");
    assert_eq!(
        app.store.posts().get(first.id).unwrap().scheduled_at,
        Some(before)
    );
    // `<` moves a day earlier — into the past, so a scheduled post asks first (issue 13
    // item 5) —; `s` advances the status; both undo in order.
    keys(&mut app, "<");
    assert!(
        screen(&app, 100, 30).contains("which has passed"),
        "moving a scheduled post into the past asks"
    );
    keys(&mut app, "ys");
    let p = app.store.posts().get(first.id).unwrap();
    assert_eq!(p.scheduled_at, Some(before - 86_400));
    keys(&mut app, "uu");
    let p = app.store.posts().get(first.id).unwrap();
    assert_eq!((p.scheduled_at, p.status), (Some(before), first.status));
}

#[test]
fn calendar_editor_stores_typed_local_time_in_utc() {
    let mut app = demo_app();
    keys(&mut app, "2n");
    // The form opens on the title; the slot is the field before it.
    app.on_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    for _ in 0.."2026-11-26 09:00".len() {
        key(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "2026-12-01 18:30");
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "Launch day");
    for _ in 0..4 {
        key(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "Doors open at 18:30 ☕ #launch");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "see you");
    app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let from = local_ts("2026-12-01", (0, 0));
    let posts = app
        .store
        .posts()
        .in_range(from, from + 86_400, None, 50)
        .unwrap();
    let p = posts
        .iter()
        .find(|p| p.title == "Launch day")
        .expect("saved");
    // 18:30 in Kyiv (UTC+2 in December) is 16:30 UTC.
    let utc = Utc
        .with_ymd_and_hms(2026, 12, 1, 16, 30, 0)
        .unwrap()
        .timestamp();
    assert_eq!(p.scheduled_at, Some(utc));
    assert_eq!(p.caption, "Doors open at 18:30 ☕ #launch\nsee you");
    assert_eq!(p.status, "draft");
    // `u` takes the new post back out: the frame shows it, so without asking.
    let shown = screen(&app, 160, 45);
    assert!(shown.contains("Launch day"), "{shown}");
    keys(&mut app, "u");
    assert!(app.store.posts().get(p.id).is_err());
}

#[test]
fn calendar_over_limit_x_post_cannot_be_ready() {
    let mut app = demo_app();
    let x = app
        .store
        .accounts()
        .list()
        .unwrap()
        .into_iter()
        .find(|a| a.platform == "x")
        .unwrap();
    let id = app
        .store
        .posts()
        .create(
            &PostEdit {
                account_id: x.id,
                title: "Too long".into(),
                caption: "a".repeat(281),
                format: "post".into(),
                status: "draft".into(),
                scheduled_at: Some(local_ts("2026-11-26", (23, 30))),
                ..Default::default()
            },
            0,
        )
        .unwrap();
    keys(&mut app, "2");
    app.reload();
    app.tabs.select(TabId::Calendar, id);
    keys(&mut app, "s");
    assert_eq!(app.store.posts().get(id).unwrap().status, "draft");
    let text = screen(&app, 160, 45);
    assert!(
        text.contains("caption characters 281 over the limit of 280"),
        "{text}"
    );
    // At 280 it may go ahead.
    let mut edit = PostEdit::from(&app.store.posts().get(id).unwrap());
    edit.caption.pop();
    app.store.posts().update(id, &edit, 0).unwrap();
    keys(&mut app, "s");
    assert_eq!(app.store.posts().get(id).unwrap().status, "ready");
}

#[test]
fn calendar_delete_asks_and_undo_restores() {
    let mut app = demo_app();
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    let before = app
        .store
        .posts()
        .in_range(
            local_ts("2026-11-26", (0, 0)),
            local_ts("2026-11-27", (0, 0)),
            None,
            1,
        )
        .unwrap()
        .remove(0);
    keys(&mut app, "Dn");
    assert!(app.store.posts().get(before.id).is_ok(), "n keeps it");
    keys(&mut app, "Dy");
    assert!(app.store.posts().get(before.id).is_err());
    keys(&mut app, "u");
    assert_eq!(app.store.posts().get(before.id).unwrap(), before);
}

#[test]
fn calendar_duplicate_picks_another_account_and_undo_removes_the_copy() {
    let mut app = demo_app();
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter); // focus the first post of today
    let first = app
        .store
        .posts()
        .in_range(
            local_ts("2026-11-26", (0, 0)),
            local_ts("2026-11-27", (0, 0)),
            None,
            1,
        )
        .unwrap()
        .remove(0);
    let count = |app: &App| app.store.counts().unwrap().posts;
    let before = count(&app);
    keys(&mut app, "c");
    let picker = screen(&app, 120, 40);
    assert!(picker.contains("Copy to which account?"), "{picker}");
    assert!(
        !picker.contains("n new"),
        "a plain choice offers no list management"
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(count(&app), before + 1);
    let copies = app
        .store
        .posts()
        .in_range(
            first.scheduled_at.unwrap(),
            first.scheduled_at.unwrap() + 1,
            None,
            50,
        )
        .unwrap();
    let copy = copies
        .iter()
        .find(|p| p.id != first.id && p.caption == first.caption)
        .expect("a copy at the same slot");
    assert_ne!(copy.account_id, first.account_id);
    // The copy is on the frame the user sees (the same day), so `u` does not ask.
    screen(&app, 120, 40);
    keys(&mut app, "u");
    assert_eq!(count(&app), before, "undo removes the copy");
}

/// Runs the work the event loop does while no key waits, to its end.
/// A draft post of `account` at `at`, written straight to the store (as another process would).
fn add_draft(app: &App, account: i64, title: &str, at: i64) -> i64 {
    app.store
        .posts()
        .add(
            &smmdeck::store::NewPost {
                account_id: account,
                title: title.into(),
                format: "post".into(),
                status: "draft".into(),
                scheduled_at: Some(at),
                ..Default::default()
            },
            at,
        )
        .unwrap()
}

fn idle(app: &mut App) {
    let mut rounds = 0;
    while app.idle().is_some() {
        rounds += 1;
        assert!(rounds < 50, "the calendar's quiet-moment work never ends");
    }
}

#[test]
fn months_read_ahead_show_what_a_write_made_since() {
    let mut app = demo_app();
    keys(&mut app, "2");
    screen(&app, 160, 45);
    // The next and previous months are read while the user looks at this one.
    idle(&mut app);
    let account = app.store.accounts().list().unwrap()[0].id;
    let at = Utc
        .with_ymd_and_hms(2026, 12, 16, 9, 0, 0)
        .unwrap()
        .timestamp();
    add_draft(&app, account, "Written after the read-ahead", at);
    // What a write does: the tab on screen is read again, and what was read ahead is dropped.
    app.reload();
    keys(&mut app, "]");
    let shown = screen(&app, 160, 45);
    assert!(shown.contains("December 2026"), "{shown}");
    assert!(shown.contains("Written aft"), "{shown}");
}

#[test]
fn a_month_read_ahead_draws_as_one_read_when_shown() {
    // At 80x24 a cell shows two posts at most, so after the first frame the days read what
    // their cells show: the grid must look exactly as a fresh read of the month.
    for size in [(80, 24), (160, 45)] {
        let mut app = demo_app();
        keys(&mut app, "2");
        screen(&app, size.0, size.1);
        idle(&mut app);
        keys(&mut app, "]");
        let ahead = screen(&app, size.0, size.1);
        idle(&mut app);
        keys(&mut app, "[j");
        let moved = screen(&app, size.0, size.1);

        let mut fresh = demo_app();
        keys(&mut fresh, "2]");
        assert_eq!(ahead, screen(&fresh, size.0, size.1), "{size:?}");
        keys(&mut fresh, "[j");
        assert_eq!(moved, screen(&fresh, size.0, size.1), "{size:?}");
    }
}

#[test]
fn enter_on_a_full_day_reads_all_its_posts() {
    let mut app = demo_app();
    keys(&mut app, "2");
    // A small screen: a cell reads and shows one or two posts.
    screen(&app, 80, 24);
    idle(&mut app);
    let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let clock = clock();
    let (from, to) = (
        clock.start_of_day(day),
        clock.start_of_day(day.succ_opt().unwrap()),
    );
    let total = app.store.posts().count_in_range(from, to, None).unwrap();
    assert!(total >= 3, "the demo's today has {total} posts");
    key(&mut app, KeyCode::Enter);
    // Down to the last post of the day: each one can be picked.
    for _ in 0..total {
        keys(&mut app, "j");
    }
    let last = app.store.posts().in_range(from, to, None, 500).unwrap();
    assert_eq!(
        app.tabs.calendar.selected_id(),
        last.last().map(|p| p.id),
        "the cursor reaches the day's last post"
    );
}

#[test]
fn the_agenda_read_ahead_shows_as_a_fresh_read() {
    let mut app = demo_app();
    keys(&mut app, "2v");
    screen(&app, 160, 45);
    // In the week view the agenda's first page is read while no key waits.
    idle(&mut app);
    keys(&mut app, "v");
    let ahead = screen(&app, 160, 45);
    assert!(ahead.contains("agenda"), "{ahead}");
    let mut fresh = demo_app();
    keys(&mut fresh, "2vv");
    assert_eq!(ahead, screen(&fresh, 160, 45));
    // Back round to the agenda after paging it: its new first page has its warnings too.
    keys(&mut app, "vv");
    screen(&app, 160, 45);
    keys(&mut app, "v");
    assert_eq!(screen(&app, 160, 45), screen(&fresh, 160, 45));
}

/// After a write in the agenda its rows change in place, unread: what it shows must be
/// exactly what reading everything again shows, warnings included.
#[track_caller]
fn agenda_as_a_full_read(app: &mut App, after: &str) -> String {
    let spliced = screen(app, 160, 45);
    app.reload();
    let full = screen(app, 160, 45);
    assert_eq!(spliced, full, "after {after}");
    spliced
}

#[test]
fn agenda_writes_change_the_rows_as_a_full_read_would() {
    let mut app = demo_app();
    let account = app.store.accounts().list().unwrap()[0].id;
    // Two posts of one account 30 minutes apart: the second is warned about.
    let mut ids = Vec::new();
    for (title, hm) in [
        ("First of a close pair", (9, 0)),
        ("Second of a close pair", (9, 30)),
    ] {
        ids.push(add_draft(&app, account, title, local_ts("2026-11-27", hm)));
    }
    app.reload();
    keys(&mut app, "2vv");
    let start = screen(&app, 160, 45);
    let warned = |s: &str| {
        s.lines()
            .find(|l| l.contains("Second of a close"))
            .is_some_and(|l| l.contains('⚠'))
    };
    assert!(warned(&start), "{start}");
    // Down to the first of the pair, then delete it: the second loses its warning.
    for _ in 0..200 {
        if app.tabs.calendar.selected_id() == Some(ids[0]) {
            break;
        }
        keys(&mut app, "j");
        screen(&app, 160, 45);
    }
    assert_eq!(app.tabs.calendar.selected_id(), Some(ids[0]));
    keys(&mut app, "Dy");
    let gone = agenda_as_a_full_read(&mut app, "a delete");
    assert!(!gone.contains("First of a close"), "{gone}");
    assert!(!warned(&gone), "{gone}");
    keys(&mut app, "u");
    let back = agenda_as_a_full_read(&mut app, "its undo");
    assert!(back.contains("First of a close"), "{back}");
    assert!(warned(&back), "{back}");
    // A move a day on, and its undo; a status change.
    keys(&mut app, ">");
    agenda_as_a_full_read(&mut app, "a move");
    keys(&mut app, "u");
    let undone = agenda_as_a_full_read(&mut app, "the move's undo");
    // The same agenda as before the move (the status line aside).
    let list = |s: &str| s.lines().take(40).collect::<Vec<_>>().join("\n");
    assert_eq!(list(&undone), list(&back));
}

/// The demo with `n` drafts of its first account ten minutes apart from `day`, titled
/// "`name` 0000" on, in the agenda that the keys `open` show: the app and that first screen.
fn dense_agenda(day: &str, n: i64, name: &str, open: &str) -> (App, String) {
    let mut app = demo_app();
    let account = app.store.accounts().list().unwrap()[0].id;
    let first = local_ts(day, (0, 0));
    for i in 0..n {
        add_draft(&app, account, &format!("{name} {i:04}"), first + i * 600);
    }
    app.reload();
    keys(&mut app, open);
    let top = screen(&app, 160, 45);
    (app, top)
}

#[test]
fn agenda_moves_past_the_rows_held_and_before_its_start_match_a_full_read() {
    // 150 posts ten minutes apart from the 28th: more than the agenda's first page holds.
    let (mut app, top) = dense_agenda("2026-11-28", 150, "Dense", "2llvv");
    assert!(
        top.contains("from 28 Nov 2026") || top.contains("Dense 0000"),
        "{top}"
    );
    // The first post a day later lands past the hundred rows held (the page after them is
    // read, and the cursor follows it there); a day earlier again, back at the top.
    keys(&mut app, ">");
    agenda_as_a_full_read(&mut app, "a move past the rows held");
    keys(&mut app, "<");
    agenda_as_a_full_read(&mut app, "its move back");
    // A day earlier still, before the agenda's first day: the agenda follows it there.
    keys(&mut app, "<");
    let earlier = agenda_as_a_full_read(&mut app, "a move before the agenda's start");
    assert!(earlier.contains("Fri 27 Nov 2026"), "{earlier}");
    keys(&mut app, "u");
    let back = agenda_as_a_full_read(&mut app, "the undo of that");
    assert!(back.contains("Dense 0000"), "{back}");
    // Post after post moved away: the rows the agenda holds are topped up from the next page,
    // as a full read would.
    for _ in 0..90 {
        keys(&mut app, ">");
    }
    let thinned = agenda_as_a_full_read(&mut app, "ninety moves past the rows held");
    assert!(!thinned.contains("No posts"), "{thinned}");
}

#[test]
fn the_agenda_holds_a_window_of_rows_and_reads_back_what_it_let_go() {
    // 1,200 posts, one every ten minutes from tomorrow: more than the window of 500 rows.
    let (mut app, top) = dense_agenda("2026-11-27", 1200, "Many", "2lvv");
    assert!(top.contains("Many 0000"), "{top}");
    for _ in 0..80 {
        key(&mut app, KeyCode::PageDown);
        screen(&app, 160, 45);
    }
    let deep = screen(&app, 160, 45);
    assert!(
        !deep.contains("Many 0"),
        "paged past the first thousand: {deep}"
    );
    let held = app.tabs.calendar.agenda_rows_held();
    assert!(held <= 500, "{held} rows held");
    agenda_as_a_full_read(&mut app, "paging to the end");
    // Writes in a window that slid: as a full read (from the window's first row) shows them.
    for _ in 0..3 {
        key(&mut app, KeyCode::PageUp);
        screen(&app, 160, 45);
    }
    keys(&mut app, "Dy");
    agenda_as_a_full_read(&mut app, "a delete deep in the agenda");
    keys(&mut app, "u");
    agenda_as_a_full_read(&mut app, "its undo");
    keys(&mut app, "<");
    agenda_as_a_full_read(&mut app, "a move a day back, above the window");
    keys(&mut app, "u");
    agenda_as_a_full_read(&mut app, "its undo");
    // Back up to the top: the rows let go are read again, the same as they first showed.
    for _ in 0..80 {
        key(&mut app, KeyCode::PageUp);
        screen(&app, 160, 45);
    }
    // The same rows as at first (the status line aside).
    let list = |s: &str| s.lines().take(43).collect::<Vec<_>>().join("\n");
    assert_eq!(list(&screen(&app, 160, 45)), list(&top));
    assert!(app.tabs.calendar.agenda_rows_held() <= 500);
}
