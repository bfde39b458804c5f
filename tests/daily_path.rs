//! Issue 13, the daily path: each numbered item's behaviour, driven through the app's keys
//! in a test terminal (or through the CLI), named after the item it proves.

mod common;

use common::{code, demo_app, press};
use ratatui::crossterm::event::KeyCode;
use smmdeck::tui::tab_id::TabId;
use smmdeck::tui::tabs::Jump;

/// Where the app's cursor is in the tab a jump went to.
fn landed(app: &smmdeck::tui::app::App, tab: TabId) -> Option<i64> {
    match tab {
        TabId::Calendar => app.tabs.calendar.selected_id(),
        TabId::Inbox => app.tabs.inbox.selected_id(),
        TabId::Contacts => app.tabs.contacts.selected_contact(),
        TabId::Analytics => app.tabs.analytics.selected_campaign_id(),
        TabId::Today => None,
    }
}

/// Every item Today lists, each opened with Enter, lands on that very item — with the calendar
/// in its agenda view (which reads from today on, so an overdue post was not in it), the inbox
/// searching for something else, the contacts filtered to a stage and a campaign not first.
#[test]
fn issue13_item_4_enter_from_today_lands_on_the_item() {
    let mut app = demo_app();
    // Calendar: agenda view. Inbox: a search that hides everything Today lists.
    press(&mut app, "2vv");
    press(&mut app, "3/");
    press(&mut app, "zzzz-no-such-words");
    app.on_key(code(KeyCode::Enter));
    // Contacts: the last page of a long list, in the board's neighbour the list.
    press(&mut app, "4G");
    press(&mut app, "1");
    assert_eq!(app.active, TabId::Today);
    let mut tabs_seen = std::collections::HashSet::new();
    let count = app.tabs.today.item_count();
    assert!(count > 20, "the demo's Today lists items ({count})");
    for i in 0..count {
        press(&mut app, "1g");
        for _ in 0..i {
            press(&mut app, "j");
        }
        let Some(Jump { tab, id: Some(id) }) = app.tabs.today.selected_jump() else {
            panic!("item {i} leads nowhere");
        };
        app.on_key(code(KeyCode::Enter));
        assert_eq!(app.active, tab, "item {i} switches to {tab:?}");
        assert_eq!(
            landed(&app, tab),
            Some(id),
            "item {i} ({tab:?} {id}) lands on itself"
        );
        tabs_seen.insert(tab);
    }
    for tab in [
        TabId::Calendar,
        TabId::Inbox,
        TabId::Contacts,
        TabId::Analytics,
    ] {
        assert!(
            tabs_seen.contains(&tab),
            "the demo's Today leads to {tab:?}"
        );
    }
}

/// Today's first line counts what was handled since midnight and what remains; a triage `d`
/// moves one item from the one to the other.
#[test]
fn issue13_item_11_today_says_what_was_handled_and_what_remains() {
    let mut app = demo_app();
    let progress = |app: &smmdeck::tui::app::App| {
        smmdeck::report::today::digest(&app.store, &app.clock, None, 8)
            .unwrap()
            .progress
    };
    let before = progress(&app);
    let screen = common::text(&common::draw(&app, 120, 40));
    assert!(
        screen.contains(&before.line()),
        "the first line shows {:?}:\n{screen}",
        before.line()
    );
    // The inbox's first open item is the most urgent: an unanswered negative one.
    press(&mut app, "3d1");
    let after = progress(&app);
    assert_eq!(after.inbox_handled, before.inbox_handled + 1);
    assert_eq!(after.remaining, before.remaining - 1);
    let screen = common::text(&common::draw(&app, 120, 40));
    assert!(screen.contains(&after.line()), "{screen}");
}

/// `smmdeck today --json` prints the digest the tab draws: the same sections and totals.
#[test]
fn issue13_item_11_today_prints_the_same_sections_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("today.db");
    assert!(common::smmdeck(&db, &["demo"]).status.success());
    let out = common::smmdeck(&db, &["today", "--json", "--limit", "2"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let store = smmdeck::store::Store::open(&db).unwrap();
    let clock = smmdeck::clock::Clock::system();
    let expected = smmdeck::report::today::digest(&store, &clock, None, 2).unwrap();
    let sections = json["sections"].as_array().unwrap();
    assert_eq!(sections.len(), expected.sections.len());
    for (got, want) in sections.iter().zip(&expected.sections) {
        assert_eq!(got["title"], want.title);
        assert_eq!(got["total"], want.total, "{}", want.title);
        assert!(got["entries"].as_array().unwrap().len() <= 2);
    }
    assert_eq!(
        json["progress"]["remaining"], expected.progress.remaining,
        "remaining"
    );
    // A section cut by --limit says so on stderr.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--limit"), "{err}");
    // Text for a prompt: the progress line first.
    let out = common::smmdeck(&db, &["today"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().next().unwrap().contains("remain"), "{text}");
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The command line's manners: a list cut by --limit says so on stderr (and one that is not
/// cut says nothing), `--status new` is a status, `calendar export --csv --status` gives a
/// planning meeting its drafts and ideas, completions print without a database, and nothing
/// printed carries a colour escape under NO_COLOR.
#[test]
fn issue13_item_10_the_command_line_says_what_it_cut_and_takes_what_it_lists() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    assert!(common::smmdeck(&db, &["demo"]).status.success());

    let out = common::smmdeck(&db, &["inbox", "list", "--limit", "5"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out).lines().count(), 5);
    assert!(stderr(&out).contains("--limit"), "{}", stderr(&out));
    let out = common::smmdeck(&db, &["inbox", "list", "--limit", "100000"]);
    assert!(!stderr(&out).contains("--limit"), "{}", stderr(&out));

    let out = common::smmdeck(&db, &["inbox", "list", "--status", "new", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["status"] == "new"));

    let csv_path = dir.path().join("plan.csv");
    let csv_arg = csv_path.to_str().unwrap();
    let args = [
        "calendar",
        "export",
        "--csv",
        "--status",
        "draft,idea",
        "--out",
        csv_arg,
    ];
    let out = common::smmdeck(&db, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&csv_path).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let status = headers.iter().position(|h| h == "status").unwrap();
    let zone = headers.iter().position(|h| h == "zone").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert!(matches!(&r[status], "draft" | "idea"), "{r:?}");
        assert!(!r[zone].is_empty());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&csv_path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Never overwritten without --force.
    let out = common::smmdeck(&db, &args);
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&csv_path).unwrap(), text);

    let missing = dir.path().join("no/such/folder.db");
    let out = common::smmdeck(&missing, &["completions", "bash"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("calendar"));
    assert!(!missing.parent().unwrap().exists(), "no database was made");

    for args in [
        &["inbox", "list", "--limit", "3"][..],
        &["today"][..],
        &["--help"][..],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_smmdeck"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("NO_COLOR", "1")
            .env("CLICOLOR_FORCE", "1")
            .output()
            .unwrap();
        assert!(
            !out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b),
            "{args:?} printed an escape under NO_COLOR"
        );
    }
}

/// An empty database with a Kyiv and a Warsaw account, seen by a user whose own zone is UTC.
fn two_zone_app() -> smmdeck::tui::app::App {
    use chrono::{TimeZone, Utc};
    let store = smmdeck::store::Store::open_in_memory().unwrap();
    for (handle, zone) in [
        ("kyiv.shop", "Europe/Kyiv"),
        ("warsaw.shop", "Europe/Warsaw"),
    ] {
        store
            .accounts()
            .add(
                &smmdeck::store::NewAccount {
                    brand: handle.into(),
                    platform: "instagram".into(),
                    handle: handle.into(),
                    timezone: Some(zone.into()),
                    ..Default::default()
                },
                0,
            )
            .unwrap();
    }
    let clock = smmdeck::clock::Clock::fixed(
        Utc.with_ymd_and_hms(2026, 11, 26, 7, 30, 0).unwrap(),
        chrono_tz::UTC,
    );
    smmdeck::tui::app::App::new(store, clock, smmdeck::config::Config::default()).unwrap()
}

fn type_keys(app: &mut smmdeck::tui::app::App, text: &str) {
    for c in text.chars() {
        app.on_key(ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        ));
    }
}

/// A post's time is typed and shown in its account's zone: the form names the zone, the
/// agenda shows the Kyiv time with its zone to a UTC user, the header names the zone the
/// screen shows, and 18:30 in Kyiv is stored as 16:30 UTC.
#[test]
fn issue13_item_1_a_posts_time_is_in_its_accounts_zone_and_says_so() {
    use chrono::{TimeZone, Utc};
    let mut app = two_zone_app();
    press(&mut app, "2");
    let screen = common::text(&common::draw(&app, 160, 45));
    assert!(screen.contains("[all accounts · UTC]"), "{screen}");
    press(&mut app, "n");
    let form = common::text(&common::draw(&app, 160, 45));
    assert!(form.contains("When (Europe/Kyiv)"), "{form}");
    // The slot is the field before the title, where the form opens.
    app.on_key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::BackTab,
        ratatui::crossterm::event::KeyModifiers::SHIFT,
    ));
    for _ in 0..30 {
        app.on_key(code(KeyCode::Backspace));
    }
    type_keys(&mut app, "2026-12-01 18:30");
    app.on_key(code(KeyCode::Tab));
    type_keys(&mut app, "Kyiv launch");
    app.on_key(common::ctrl('s'));
    let kyiv_1830 = Utc
        .with_ymd_and_hms(2026, 12, 1, 16, 30, 0)
        .unwrap()
        .timestamp();
    let id = app
        .tabs
        .calendar
        .selected_id()
        .expect("the new post is selected");
    assert_eq!(
        app.store.posts().get(id).unwrap().scheduled_at,
        Some(kyiv_1830)
    );
    // The agenda shows it at 18:30 with its zone, not at the user's 16:30.
    press(&mut app, "vv");
    let agenda = common::text(&common::draw(&app, 160, 45));
    assert!(agenda.contains("18:30 EET"), "{agenda}");
    // Editing shows the same wall-clock time, labelled.
    press(&mut app, "e");
    let form = common::text(&common::draw(&app, 160, 45));
    assert!(form.contains("2026-12-01 18:30"), "{form}");
    assert!(form.contains("When (Europe/Kyiv)"), "{form}");
}

/// The CLI reads `--at` in the account's zone and prints the zone; `posts list` shows the
/// same wall-clock time with it.
#[test]
fn issue13_item_1_the_command_line_reads_and_prints_the_accounts_zone() {
    use chrono::{TimeZone, Utc};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zones.db");
    let add = [
        "accounts",
        "add",
        "--brand",
        "Warsaw shop",
        "--platform",
        "instagram",
        "--handle",
        "warsaw.shop",
        "--tz",
        "Europe/Warsaw",
    ];
    let out = common::smmdeck(&db, &add);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = common::smmdeck(
        &db,
        &[
            "posts",
            "add",
            "--account",
            "warsaw.shop",
            "--at",
            "2026-12-01 18:30",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains("2026-12-01 18:30 Europe/Warsaw (CET)"),
        "{said}"
    );
    let out = common::smmdeck(&db, &["posts", "list", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["scheduled_local"], "2026-12-01 18:30");
    assert_eq!(rows[0]["zone"], "Europe/Warsaw");
    let warsaw_1830 = Utc
        .with_ymd_and_hms(2026, 12, 1, 17, 30, 0)
        .unwrap()
        .timestamp();
    assert_eq!(rows[0]["scheduled_at"], warsaw_1830);
}

/// The composer warns early and never defaults to the past: a new post opened on a past day
/// gets a free slot still ahead; a draft over the platform's limit saves and says which limit;
/// a scheduled post moved into the past asks first.
#[test]
fn issue13_item_5_the_composer_warns_early_and_defaults_to_a_free_future_slot() {
    let mut app = demo_app();
    let now = app.clock.now_ts();
    // Three weeks back, then a new post there.
    press(&mut app, "2");
    for _ in 0..3 {
        app.on_key(code(KeyCode::Up));
    }
    press(&mut app, "n");
    type_keys(&mut app, "Default slot");
    app.on_key(common::ctrl('s'));
    let id = app.tabs.calendar.selected_id().expect("saved and selected");
    let post = app.store.posts().get(id).unwrap();
    let at = post.scheduled_at.unwrap();
    assert!(at > now, "the default slot {at} is ahead of now {now}");
    let around = app
        .store
        .posts()
        .in_range(at - 3599, at + 3600, Some(post.account_id), 50)
        .unwrap();
    assert_eq!(
        around.len(),
        1,
        "no other post of the account within the hour"
    );

    // A draft on X over 280 weighted characters: saved, and the status line names the limit.
    let x = app
        .store
        .accounts()
        .list()
        .unwrap()
        .into_iter()
        .position(|a| a.platform == "x")
        .expect("the demo has an X account");
    press(&mut app, "n");
    app.on_key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::BackTab,
        ratatui::crossterm::event::KeyModifiers::SHIFT,
    ));
    for _ in 0..3 {
        app.on_key(ratatui::crossterm::event::KeyEvent::new(
            KeyCode::BackTab,
            ratatui::crossterm::event::KeyModifiers::SHIFT,
        ));
    }
    // On the account field: → until X.
    for _ in 0..x {
        app.on_key(code(KeyCode::Right));
    }
    for _ in 0..4 {
        app.on_key(code(KeyCode::Tab));
    }
    type_keys(&mut app, "Long draft");
    for _ in 0..4 {
        app.on_key(code(KeyCode::Tab));
    }
    type_keys(&mut app, &"word ".repeat(70));
    app.on_key(common::ctrl('s'));
    let screen = common::text(&common::draw(&app, 160, 45));
    assert!(screen.contains("over the limit"), "{screen}");
}

/// At 100x30 and 80x24 every inbox row shows at least a third of its width of the message
/// (labels, handles and the author shorten first).
#[test]
fn issue13_item_9_inbox_rows_keep_a_third_for_the_message_on_narrow_terminals() {
    let mut app = demo_app();
    press(&mut app, "3");
    let filter = smmdeck::store::InboxFilter {
        view: smmdeck::domain::InboxView::Open,
        account: None,
        search: None,
    };
    let rows = app.store.inbox().page(&filter, None, 10).unwrap();
    for (w, h) in [(100u16, 30u16), (80, 24)] {
        let screen = common::text(&common::draw(&app, w, h));
        let lines: Vec<&str> = screen.lines().skip(2).take(8).collect();
        for (line, row) in lines.iter().zip(&rows) {
            let list: String = line.split('│').next().unwrap().to_string();
            let list_w = list.chars().count().max(w as usize / 2);
            let want: String = smmdeck::text::one_line(&row.body)
                .chars()
                .take(list_w / 3 - 1)
                .collect();
            assert!(
                list.contains(want.trim_end()),
                "{w}x{h}: {list:?} shows less than a third of {:?}",
                row.body
            );
        }
    }
}
