//! The inbox driven by keys, as the acceptance list says: triage, undo in order, bulk with a
//! confirm, search, replies; and its screens at two sizes.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use smmdeck::domain::InboxView;
use smmdeck::store::{InboxFilter, NewInboxItem};
use smmdeck::tui::app::App;

fn count(app: &App, status: &str) -> i64 {
    let view = match status {
        "done" => InboxView::Done,
        "open" => InboxView::Open,
        _ => InboxView::Trash,
    };
    let f = InboxFilter {
        view,
        account: None,
        search: None,
    };
    app.store.inbox().page(&f, None, 10_000).unwrap().len() as i64
}

fn first_open(app: &App) -> smmdeck::store::InboxRow {
    app.store
        .inbox()
        .page(&InboxFilter::default(), None, 1)
        .unwrap()
        .remove(0)
}

#[test]
fn five_dones_then_undo_brings_the_last_back() {
    let mut app = demo_app();
    let done_before = count(&app, "done");
    let open_before = app.store.inbox().count_open(None).unwrap();
    let queue: Vec<i64> = app
        .store
        .inbox()
        .page(&InboxFilter::default(), None, 5)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    press(&mut app, "3ddddd");
    assert_eq!(count(&app, "done"), done_before + 5);
    assert_eq!(app.store.inbox().count_open(None).unwrap(), open_before - 5);
    for id in &queue {
        assert_eq!(
            app.store.inbox().get(*id).unwrap().status,
            "done",
            "the top five, in order"
        );
    }
    press(&mut app, "u");
    assert_eq!(count(&app, "done"), done_before + 4);
    let back = app.store.inbox().get(queue[4]).unwrap();
    assert_ne!(back.status, "done", "the last one done is the first undone");
    assert_eq!(back.handled_at, None);
    press(&mut app, "u");
    assert_ne!(app.store.inbox().get(queue[3]).unwrap().status, "done");
    assert_eq!(app.store.inbox().get(queue[0]).unwrap().status, "done");
}

#[test]
fn negative_then_questions_then_the_rest() {
    let app = demo_app();
    let rows = app
        .store
        .inbox()
        .page(&InboxFilter::default(), None, 10_000)
        .unwrap();
    let priorities: Vec<i64> = rows.iter().map(|r| r.priority).collect();
    let mut sorted = priorities.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(priorities, sorted, "urgent first");
    assert_eq!(rows[0].priority_reason, "negative");
    assert!(rows.iter().any(|r| r.priority_reason == "question"));
    // Within one priority, the oldest waits least.
    for pair in rows.windows(2).filter(|w| w[0].priority == w[1].priority) {
        assert!(pair[0].received_at <= pair[1].received_at);
    }
}

#[test]
fn search_finds_a_cyrillic_word_and_esc_returns() {
    let mut app = demo_app();
    press(&mut app, "3/");
    press(&mut app, "холодна");
    app.on_key(code(KeyCode::Enter));
    let screen = text(&draw(&app, 160, 45));
    assert!(screen.contains("search \"холодна\""), "{screen}");
    assert!(screen.contains("Кава була холодна"), "{screen}");
    let rows_with_match = screen
        .lines()
        .skip(2)
        .filter(|l| l.contains("холодна"))
        .count();
    assert!(rows_with_match >= 1);
    app.on_key(code(KeyCode::Esc));
    let screen = text(&draw(&app, 160, 45));
    assert!(!screen.contains("search \""), "Esc clears the search");
}

#[test]
fn marked_items_act_together_and_more_than_twenty_ask_first() {
    let mut app = demo_app();
    press(&mut app, "3xxx");
    press(&mut app, "h");
    assert_eq!(count(&app, "trash") - count(&demo_app(), "trash"), 3);
    // 21 marks: the bulk action waits for a yes.
    press(&mut app, &"x".repeat(21));
    press(&mut app, "s");
    let screen = text(&draw(&app, 100, 30));
    assert!(screen.contains("Mark 21 items spam?"), "{screen}");
    let trash_before = count(&app, "trash");
    press(&mut app, "n");
    assert_eq!(
        count(&app, "trash"),
        trash_before,
        "no means nothing changes"
    );
    press(&mut app, "s");
    press(&mut app, "y");
    assert_eq!(count(&app, "trash"), trash_before + 21);
    press(&mut app, "u");
    assert_eq!(
        count(&app, "trash"),
        trash_before,
        "one undo takes the whole bulk back"
    );
}

#[test]
fn reply_is_stored_done_and_timestamped() {
    let mut app = demo_app();
    let item = first_open(&app);
    press(&mut app, "3r");
    press(&mut app, "Sorry, fixing it ☕");
    app.on_key(ctrl('s'));
    let got = app.store.inbox().get(item.id).unwrap();
    assert_eq!(got.status, "done");
    assert_eq!(got.reply_text.as_deref(), Some("Sorry, fixing it ☕"));
    assert_eq!(got.replied_at, Some(clock().now_ts()));
    let screen = text(&draw(&app, 100, 30));
    assert!(screen.contains("reply saved"), "{screen}");
}

#[test]
fn escalate_keeps_the_note_and_the_history_shows_it() {
    let mut app = demo_app();
    let item = first_open(&app);
    press(&mut app, "3!");
    press(&mut app, "legal");
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.store.inbox().get(item.id).unwrap().status, "escalated");
    let events = app.store.inbox().events(item.id, 10).unwrap();
    assert_eq!(
        events
            .last()
            .map(|e| (e.action.as_str(), e.detail.as_str())),
        Some(("escalated", "legal"))
    );
}

#[test]
fn saved_reply_fills_placeholders() {
    let mut app = demo_app();
    let item = first_open(&app);
    press(&mut app, "3t");
    // Saved replies are sorted by title: "Shipping" comes first.
    app.on_key(code(KeyCode::Enter));
    app.on_key(ctrl('s'));
    let reply = app.store.inbox().get(item.id).unwrap().reply_text.unwrap();
    let first_name = item.author_name.split_whitespace().next().unwrap();
    assert!(
        reply.contains(first_name) && !reply.contains("{author}"),
        "{reply}"
    );
}

#[test]
fn filter_picks_views() {
    let mut app = demo_app();
    press(&mut app, "3");
    for (i, want) in ["escalated", "done", "hidden+spam", "all", "open"]
        .iter()
        .enumerate()
    {
        // The picker lists the views first, in this order after open.
        press(&mut app, "f");
        press(&mut app, &"j".repeat((i + 1) % 5));
        app.on_key(code(KeyCode::Enter));
        let screen = text(&draw(&app, 100, 30));
        assert!(
            screen.lines().nth(1).unwrap().starts_with(want),
            "{want}: {screen}"
        );
    }
}

#[test]
fn inbox_screens() {
    let mut app = demo_app();
    press(&mut app, "3");
    insta::assert_snapshot!("inbox_160x45", text(&draw(&app, 160, 45)));
    insta::assert_snapshot!("inbox_80x24", text(&draw(&app, 80, 24)));
}

#[test]
fn zwj_emoji_and_right_to_left_text_keep_the_layout() {
    let mut store = smmdeck::store::Store::open_in_memory().unwrap();
    smmdeck::demo::generate(
        &mut store,
        smmdeck::demo::Scale::Small,
        &clock(),
        &mut |_| {},
    )
    .unwrap();
    let acc = store.accounts().list().unwrap()[0].clone();
    let body = "👨‍👩‍👧‍👦 مرحبا بكم שלום \u{202E}evil override\u{202C} ☕☕☕ תודה רבה على الخدمة 👨‍👩‍👧‍👦👨‍👩‍👧‍👦";
    store
        .inbox()
        .add(&NewInboxItem {
            account_id: acc.id,
            platform: acc.platform.clone(),
            kind: "comment".into(),
            external_id: "zwj".into(),
            author_name: "👨‍👩‍👧‍👦 Family".into(),
            body: body.into(),
            // Most urgent and oldest: the first row.
            received_at: clock().now_ts() - 60 * 86_400,
            priority: 3,
            ..Default::default()
        })
        .unwrap();
    let mut app = App::new(store, clock(), Default::default()).unwrap();
    press(&mut app, "3");
    for (w, h) in [(160u16, 45u16), (80, 24)] {
        let buf = draw(&app, w, h);
        let screen = text(&buf);
        assert!(screen.contains("Family"), "{screen}");
        // The detail pane's border stays in one column on every row (side by side at 160),
        // and no row of the list spills into it.
        if w >= 100 {
            let border_x = screen
                .lines()
                .nth(2)
                .unwrap()
                .chars()
                .position(|c| c == '│')
                .unwrap();
            let col = (0..w).find(|x| buf[(*x, 2)].symbol() == "│").unwrap();
            assert!(border_x > 0);
            for y in 2..h - 2 {
                assert_eq!(
                    buf[(col, y)].symbol(),
                    "│",
                    "row {y} broke the layout:\n{screen}"
                );
            }
        }
        // Every row, walked as a terminal would (a wide grapheme covers the next cell), is
        // exactly the terminal's width: nothing overflows into the next line.
        for y in 0..h {
            let (mut x, mut total) = (0u16, 0usize);
            while x < w {
                let cell_w = unicode_width::UnicodeWidthStr::width(buf[(x, y)].symbol()).max(1);
                total += cell_w;
                x += cell_w as u16;
            }
            assert_eq!(
                total, w as usize,
                "row {y} is {total} cells wide:\n{screen}"
            );
        }
        assert!(!screen.contains('\u{202E}'), "bidi override is stripped");
    }
}

#[test]
fn saved_replies_are_added_edited_and_deleted_from_the_picker() {
    let mut app = demo_app();
    let before = app.store.saved_replies().list().unwrap().len();
    press(&mut app, "3tn");
    press(&mut app, "Opening hours");
    app.on_key(code(KeyCode::Enter));
    press(&mut app, "We open at 8, {author}!");
    app.on_key(ctrl('s'));
    let list = app.store.saved_replies().list().unwrap();
    assert_eq!(list.len(), before + 1);
    let added = list
        .iter()
        .find(|r| r.title == "Opening hours")
        .expect("added by title");
    assert_eq!(added.body, "We open at 8, {author}!");
    // Sorted by title, "Opening hours" is the first; edit it, then delete it.
    press(&mut app, "te");
    press(&mut app, " daily");
    app.on_key(ctrl('s'));
    let edited = app
        .store
        .saved_replies()
        .list()
        .unwrap()
        .into_iter()
        .find(|r| r.id == added.id)
        .unwrap();
    assert_eq!(edited.body, "We open at 8, {author}! daily");
    press(&mut app, "tD");
    assert!(text(&draw(&app, 100, 30)).contains("Delete the saved reply"));
    press(&mut app, "y");
    assert_eq!(app.store.saved_replies().list().unwrap().len(), before);
}

#[test]
fn enter_reads_a_long_thread_full_width_and_esc_returns() {
    let mut app = demo_app();
    press(&mut app, "3");
    let queue = text(&draw(&app, 100, 30));
    app.on_key(code(KeyCode::Enter));
    let reading = text(&draw(&app, 100, 30));
    assert!(reading.contains("reading: j/k scroll"), "{reading}");
    assert!(!reading.contains('│'), "the detail takes the whole width");
    // A text that fits does not scroll; in a short terminal it does, and no further than
    // its end.
    press(&mut app, "jj");
    assert_eq!(text(&draw(&app, 100, 30)), reading);
    let short = text(&draw(&app, 100, 9));
    press(&mut app, "j");
    let scrolled = text(&draw(&app, 100, 9));
    assert_ne!(
        scrolled.lines().nth(2),
        short.lines().nth(2),
        "j scrolls the text"
    );
    press(
        &mut app,
        "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj",
    );
    let end = text(&draw(&app, 100, 9));
    press(&mut app, "j");
    assert_eq!(text(&draw(&app, 100, 9)), end, "no scrolling past the end");
    app.on_key(code(KeyCode::Esc));
    assert_eq!(text(&draw(&app, 100, 30)), queue);
    // A triage key while reading acts on the item being read.
    let first = first_open(&app);
    app.on_key(code(KeyCode::Enter));
    press(&mut app, "d");
    assert_eq!(app.store.inbox().get(first.id).unwrap().status, "done");
}

thread_local! {
    static PAGE_LIMITS: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Notes the LIMIT of every read of the queue's rows (the trace hook is a plain function).
fn note_page_reads(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Profile(stmt, _) = event
        && stmt.sql().contains("FROM inbox_items i")
        && stmt.sql().contains("ORDER BY")
        && let Some(n) = stmt
            .sql()
            .rsplit("LIMIT ")
            .next()
            .and_then(|n| n.trim().parse().ok())
    {
        PAGE_LIMITS.with(|l| l.borrow_mut().push(n));
    }
}

/// A triage key reads again the page on screen (a few rows past it), not the whole window;
/// after every kind of write — on the first page and further down, its undo, a marked item
/// off the page — the window holds exactly what a read of the queue from the top gives, the
/// item after the one handled is selected, and the header's counts are the store's.
#[test]
fn a_triage_key_reads_its_page_and_the_window_stays_true() {
    let mut app = demo_app();
    press(&mut app, "3");
    let targets = smmdeck::domain::targets::Targets {
        negative_minutes: app.config.inbox.target_negative_minutes,
        question_minutes: app.config.inbox.target_question_minutes,
        other_minutes: app.config.inbox.target_other_minutes,
    };
    let cutoffs = targets.cutoffs(clock().now_ts());
    let check = |app: &App, what: &str| {
        let held = app.tabs.inbox.held();
        let truth: Vec<i64> = app
            .store
            .inbox()
            .page(&InboxFilter::default(), None, held.len() + 1)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(held[..], truth[..held.len()], "{what}: the window");
        let counts = app.tabs.inbox.counts();
        let store = app
            .store
            .inbox()
            .filter_counts(&InboxFilter::default(), cutoffs)
            .unwrap();
        assert_eq!(counts, store, "{what}: the header");
    };
    draw(&app, 160, 45);
    let held = app.tabs.inbox.held();
    assert!(held.len() > 60, "two screens of queue: {}", held.len());
    app.store.trace_statements(Some(note_page_reads));
    press(&mut app, "d");
    app.store.trace_statements(None);
    let limits = PAGE_LIMITS.with(|l| l.take());
    assert!(
        !limits.is_empty() && limits.iter().all(|n| (*n as usize) < 20),
        "the rows down to the one handled (and a few past it) are read, not the page: {limits:?}"
    );
    assert_eq!(app.tabs.inbox.window().1, Some(held[1]), "the next item");
    check(&app, "d at the top");
    app.store.trace_statements(Some(note_page_reads));
    press(&mut app, "u");
    app.store.trace_statements(None);
    let limits = PAGE_LIMITS.with(|l| l.take());
    assert!(
        limits.iter().all(|n| (*n as usize) < 20),
        "an undone item comes back at the cursor: {limits:?}"
    );
    check(&app, "undo at the top");
    for (keys, what) in [
        ("jjd", "d below"),
        ("u", "undo"),
        (
            "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjd",
            "d on the second page",
        ),
        ("u", "undo on the second page"),
        ("h", "hide"),
        ("x", "a mark"),
    ] {
        draw(&app, 160, 45);
        press(&mut app, keys);
        check(&app, what);
    }
    // The marked item is on the second page; done from the first, it leaves the window too.
    draw(&app, 160, 45);
    press(&mut app, "gd");
    check(&app, "a marked item done from another page");
    // Items marked down the page, done, then undone with the cursor near the top: the undo
    // lands on the first of them (the lowest id), near the cursor; the others come back
    // further down, past the rows read first, and must be there too.
    let held = app.tabs.inbox.held();
    let first = (0..5).min_by_key(|&p| held[p]).unwrap();
    let mut down = (20..40).filter(|&p| held[p] > held[first]);
    let (second, third) = (down.next().unwrap(), down.next().unwrap());
    let keys = format!(
        "g{}x{}x{}xg{}",
        "j".repeat(first),
        "j".repeat(second - first - 1),
        "j".repeat(third - second - 1),
        "j".repeat(first)
    );
    draw(&app, 160, 45);
    press(&mut app, &keys);
    press(&mut app, "d");
    check(&app, "marks down the page done");
    draw(&app, 160, 45);
    press(&mut app, "u");
    check(&app, "marks down the page undone");
}

#[test]
fn a_bulk_change_and_its_undo_run_away_from_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    drop(demo_file(&path));
    let store = smmdeck::store::Store::open(&path).unwrap();
    let mut app = App::new(store, clock(), smmdeck::config::Config::default()).unwrap();
    let open = count(&app, "open");
    let done = count(&app, "done");
    assert!(open > 20, "{open}");
    press(&mut app, "3X");
    press(&mut app, "y");
    press(&mut app, "d");
    // The key answers at once; the write runs on the session's long writer.
    let screen = text(&draw(&app, 160, 45));
    assert!(screen.contains("writing every item"), "{screen}");
    wait_for_job(&mut app);
    assert_eq!(count(&app, "open"), 0);
    assert_eq!(count(&app, "done"), done + open);
    let screen = text(&draw(&app, 160, 45));
    assert!(
        screen.contains(&format!("done · {open} items · u undoes")),
        "{screen}"
    );
    // Its undo finds the items' earlier states on that same connection.
    press(&mut app, "u");
    let screen = text(&draw(&app, 160, 45));
    assert!(screen.contains("taking back done"), "{screen}");
    wait_for_job(&mut app);
    assert_eq!((count(&app, "open"), count(&app, "done")), (open, done));
    // And the redo.
    app.on_key(ctrl('r'));
    wait_for_job(&mut app);
    assert_eq!(count(&app, "open"), 0);
    let screen = text(&draw(&app, 160, 45));
    assert!(screen.contains("redone: done"), "{screen}");
}
