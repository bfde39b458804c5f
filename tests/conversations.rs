//! Conversations end to end, on our Instagram data-download sample with two threads whose
//! owner's display name ("Pixel Bikes Kyiv") is not the account's handle (@pixelbikes): the
//! import asks who the account is, then each thread is one item, no own message is an open
//! item, system lines stay in the thread and out of the queue; a new message reopens a done
//! conversation, the brand's answer closes it, and the first reply's time is kept.

mod common;
mod import_common;

use std::path::{Path, PathBuf};

use common::{clock, draw, press, text};
use import_common::{Db, checksum, count, db, options, sample, totals};
use ratatui::crossterm::event::KeyCode;
use smmdeck::domain::InboxStatus;
use smmdeck::import::{self, FileSummary, ImportError};
use smmdeck::store::{InboxFilter, InboxRow};
use smmdeck::tui::app::App;

const DOWNLOAD: &str = "instagram-pixelbikes-2026-11-25-QrStUvWx";
const OLENA: &str =
    "your_instagram_activity/messages/inbox/olenakoval_1122334455667788/message_1.json";
const MARCO: &str =
    "your_instagram_activity/messages/inbox/marcorossi_9988776655443322/message_1.json";
const OWNER: &str = "Pixel Bikes Kyiv";

fn import_as(
    db: &mut Db,
    paths: &[PathBuf],
    name: Option<&str>,
) -> Result<Vec<FileSummary>, ImportError> {
    let mut o = options(None);
    o.as_name = name.map(String::from);
    import::run(&mut db.store, paths, &o, &mut |_| {})
}

fn open_items(db: &Db) -> Vec<InboxRow> {
    db.store
        .inbox()
        .page(&InboxFilter::default(), None, 100)
        .unwrap()
}

/// The open conversation with `who`.
fn open_with(db: &Db, who: &str) -> InboxRow {
    open_items(db)
        .into_iter()
        .find(|r| r.author_name == who)
        .unwrap_or_else(|| panic!("no open conversation with {who}"))
}

fn imported() -> Db {
    let mut db = db();
    import_as(&mut db, &[sample(DOWNLOAD)], Some(OWNER)).unwrap();
    db
}

/// A copy of the sample download in a temp folder, for later exports of the same threads.
fn copy_download(to: &Path) -> PathBuf {
    let root = to.join(DOWNLOAD);
    for rel in [OLENA, MARCO] {
        let dest = root.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(sample(DOWNLOAD).join(rel), &dest).unwrap();
    }
    root
}

/// Adds a message (newest first, as Meta writes them) to a thread file of a copied download.
fn add_message(root: &Path, rel: &str, message: serde_json::Value) {
    let path = root.join(rel);
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    v["messages"].as_array_mut().unwrap().insert(0, message);
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

#[test]
fn the_import_asks_who_the_account_is_and_changes_nothing_until_told() {
    let mut db = db();
    let before = checksum(&db);
    let err = import_as(&mut db, &[sample(DOWNLOAD)], None).unwrap_err();
    assert!(matches!(err, ImportError::Owner { .. }), "{err:?}");
    let msg = err.to_string();
    for part in [
        "IG @pixelbikes",
        "olenakoval_1122334455667788/message_1.json",
        "marcorossi_9988776655443322/message_1.json",
        "\"Pixel Bikes Kyiv\"",
        "\"Олена Коваль\"",
        "\"Marco Rossi\"",
        "--as NAME",
    ] {
        assert!(msg.contains(part), "{part:?} missing from: {msg}");
    }
    // Only one question for the whole download.
    assert_eq!(msg.matches("cannot tell").count(), 1, "{msg}");
    assert_eq!(checksum(&db), before);

    // A name that is no one in the files is refused too, naming who is.
    let err = import_as(&mut db, &[sample(DOWNLOAD)], Some("Pixel Bikes"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("no message file"), "{err}");
    assert!(err.contains("\"Pixel Bikes Kyiv\""), "{err}");
    assert_eq!(checksum(&db), before);
}

#[test]
fn each_thread_is_one_item_and_no_own_message_is_open() {
    let mut db = db();
    let s = import_as(&mut db, &[sample(DOWNLOAD)], Some("pixel bikes kyiv")).unwrap();
    assert_eq!(totals(&s), (19, 0, 0, 0), "{s:#?}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM inbox_items"), 2);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM inbox_messages"), 19);
    let open = open_items(&db);
    assert_eq!(open.len(), 2, "{open:#?}");
    assert!(open.iter().all(|r| r.kind == "dm"));
    // The brand's messages are in the threads, marked; none is an item.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_messages WHERE from_self = 1 AND sender_name = 'Pixel Bikes Kyiv'"
        ),
        5
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_messages WHERE from_self = 1 AND sender_name != 'Pixel Bikes Kyiv'"
        ),
        0
    );
    for r in &open {
        assert_ne!(r.author_name, OWNER);
        // Its place and age are its newest incoming message's.
        let thread = db.store.inbox().conversation(r.id, 100).unwrap();
        let newest_in = thread
            .iter()
            .rev()
            .find(|m| !m.from_self && !m.system)
            .unwrap();
        assert_eq!(
            (r.received_at, &r.body),
            (newest_in.received_at, &newest_in.body)
        );
    }
    let olena = open
        .iter()
        .find(|r| r.author_name == "Олена Коваль")
        .unwrap();
    assert_eq!(
        db.store.inbox().conversation(olena.id, 100).unwrap().len(),
        12
    );
    // The name is remembered: the next download of this account does not ask.
    let again = import_as(&mut db, &[sample(DOWNLOAD)], None).unwrap();
    assert_eq!(totals(&again), (0, 0, 19, 0));
}

#[test]
fn system_lines_are_in_the_thread_and_never_in_the_queue() {
    let db = imported();
    let system: Vec<String> = {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        let mut stmt = conn
            .prepare("SELECT body FROM inbox_messages WHERE system = 1 ORDER BY sent_at")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(
        system,
        [
            "Reacted ❤️ to your message",
            "Olena started an audio call",
            "[call, 0 s]",
            "pixelbikes liked a message",
            "Marco sent an attachment.",
        ]
    );
    let open = open_items(&db);
    for r in &open {
        assert!(!system.contains(&r.body), "{} is queued", r.body);
        let thread = db.store.inbox().conversation(r.id, 100).unwrap();
        assert!(thread.iter().any(|m| m.system), "the thread keeps them");
    }
    // Media-only messages say what they were.
    for what in [
        "[photo]",
        "[video]",
        "[shared post] https://www.instagram.com/p/DBx7Kq2Nf4a/",
    ] {
        assert_eq!(
            count(
                &db,
                &format!(
                    "SELECT COUNT(*) FROM inbox_messages WHERE body = '{what}' AND system = 0"
                )
            ),
            1,
            "{what}"
        );
    }
}

#[test]
fn first_reply_time_is_the_brands_first_message_after_the_first_incoming_one() {
    let db = imported();
    let at = |s: &str| {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
            .unwrap()
            .and_utc()
            .timestamp()
    };
    for r in open_items(&db) {
        let want = if r.author_name == "Marco Rossi" {
            at("2026-11-25 11:30:00")
        } else {
            at("2026-11-24 09:15:00")
        };
        assert_eq!(r.replied_at, Some(want), "{}", r.author_name);
    }
}

#[test]
fn a_new_message_reopens_a_done_conversation_and_the_brands_answer_closes_it() {
    let mut db = imported();
    let dir = tempfile::tempdir().unwrap();
    let root = copy_download(dir.path());
    let marco = open_with(&db, "Marco Rossi");
    db.store
        .inbox()
        .set_status(marco.id, InboxStatus::Done, 1_789_000_000)
        .unwrap();

    // The brand's own answer alone changes nothing about a done conversation.
    add_message(
        &root,
        MARCO,
        serde_json::json!({"sender_name": OWNER, "timestamp_ms": 1_795_610_000_000_i64,
                           "content": "Saturday 10:00 works, see you!"}),
    );
    let s = import_as(&mut db, std::slice::from_ref(&root), None).unwrap();
    assert_eq!(totals(&s).0, 1);
    assert_eq!(db.store.inbox().get(marco.id).unwrap().status, "done");

    // A new incoming message reopens it, at that message's place and age.
    add_message(
        &root,
        MARCO,
        serde_json::json!({"sender_name": "Marco Rossi", "timestamp_ms": 1_795_620_000_000_i64,
                           "content": "Great, thanks! One more question: do you sell tubes?"}),
    );
    import_as(&mut db, std::slice::from_ref(&root), None).unwrap();
    let row = db.store.inbox().get(marco.id).unwrap();
    assert_eq!(row.status, "new");
    assert_eq!(row.received_at, 1_795_620_000);
    assert!(row.body.starts_with("Great, thanks!"));
    let events = db.store.inbox().events(marco.id, 10).unwrap();
    assert_eq!(events.last().map(|e| e.action.as_str()), Some("reopened"));
    // The first reply stays the first one.
    assert_eq!(row.replied_at, marco.replied_at);

    // The brand answers on the platform: the next import sees it and the item is done.
    add_message(
        &root,
        MARCO,
        serde_json::json!({"sender_name": OWNER, "timestamp_ms": 1_795_630_000_000_i64,
                           "content": "Yes, all sizes."}),
    );
    import_as(&mut db, &[root], None).unwrap();
    let row = db.store.inbox().get(marco.id).unwrap();
    assert_eq!(row.status, "done");
    assert_eq!(row.handled_at, Some(1_795_630_000));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM inbox_items"), 2);
}

#[test]
fn a_line_the_export_marks_as_the_owners_teaches_the_name_without_asking() {
    let mut db = db();
    let dir = tempfile::tempdir().unwrap();
    let root = copy_download(dir.path());
    add_message(
        &root,
        OLENA,
        serde_json::json!({"sender_name": OWNER, "timestamp_ms": 1_795_650_000_000_i64,
                           "content": "You sent an attachment.", "type": "Share"}),
    );
    import_as(&mut db, &[root], None).unwrap();
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM account_aliases WHERE name = 'Pixel Bikes Kyiv' AND source LIKE 'marked as the owner%'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_messages WHERE body = 'You sent an attachment.' AND system = 1 AND from_self = 1"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_messages WHERE from_self = 1"
        ),
        6
    );
    // The conversation's last word is the brand's: answered, so not open.
    assert_eq!(open_items(&db).len(), 1);
}

#[test]
fn the_cli_asks_with_a_clear_refusal_and_takes_as() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let path = sample(DOWNLOAD);
    let path = path.to_str().unwrap();
    let out = common::smmdeck(&db, &["import", path]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot tell which sender") && err.contains("--as NAME"),
        "{err}"
    );
    let out = common::smmdeck(&db, &["import", path, "--as", OWNER]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = common::smmdeck(&db, &["inbox", "list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(2));
}

fn conversation_app() -> (Db, App) {
    let db = imported();
    let store = smmdeck::store::Store::open(&db.path).unwrap();
    let mut app = App::new(store, clock(), Default::default()).unwrap();
    press(&mut app, "3");
    (db, app)
}

#[test]
fn a_conversation_at_160x45() {
    let (_db, app) = conversation_app();
    let screen = text(&draw(&app, 160, 45));
    // The newest message is the pane's bottom line: in view, under the older ones.
    assert!(screen.contains("він?"), "{screen}");
    insta::assert_snapshot!("conversation_160x45", screen);
}

#[test]
fn a_conversation_at_80x24() {
    let (_db, mut app) = conversation_app();
    let screen = text(&draw(&app, 80, 24));
    assert!(screen.contains("він?"), "{screen}");
    insta::assert_snapshot!("conversation_80x24", screen);
    // Read full width: still from the newest message; k goes back to older ones.
    app.on_key(common::code(KeyCode::Enter));
    let reading = text(&draw(&app, 80, 24));
    assert!(reading.contains("він?"), "{reading}");
    insta::assert_snapshot!("conversation_80x24_reading", reading);
    press(
        &mut app,
        "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk",
    );
    let oldest = text(&draw(&app, 80, 24));
    assert!(oldest.contains("Cargo 2"), "{oldest}");
    assert!(!oldest.contains("він?"), "{oldest}");
    // A triage key acts on the whole conversation.
    press(&mut app, "d");
    assert_eq!(count_open(&app), 1);
}

fn count_open(app: &App) -> i64 {
    app.store.inbox().count_open(None).unwrap()
}

#[test]
fn import_in_the_app_asks_who_the_account_is_and_runs_again_with_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let store = smmdeck::store::Store::open(&dir.path().join("app.db")).unwrap();
    let mut app = App::new(store, clock(), Default::default()).unwrap();
    press(&mut app, ":");
    press(&mut app, &format!("import {}", sample(DOWNLOAD).display()));
    app.on_key(common::code(KeyCode::Enter));
    common::wait_for_job(&mut app);
    let screen = text(&draw(&app, 120, 30));
    assert!(
        screen.contains("Which sender is IG @pixelbikes?"),
        "{screen}"
    );
    for name in [OWNER, "Олена Коваль", "Marco Rossi"] {
        assert!(screen.contains(name), "{name} is offered: {screen}");
    }
    assert!(
        app.store.is_empty().unwrap(),
        "nothing written while it asks"
    );
    // The probable owner (the one the thread titles leave out) is offered first.
    let offered: Vec<&str> = screen
        .lines()
        .filter(|l| {
            [OWNER, "Олена Коваль", "Marco Rossi"]
                .iter()
                .any(|n| l.contains(n))
        })
        .collect();
    assert!(offered[0].contains(OWNER), "{screen}");
    app.on_key(common::code(KeyCode::Enter));
    common::wait_for_job(&mut app);
    let screen = text(&draw(&app, 120, 30));
    assert!(screen.contains("imported:"), "{screen}");
    let open = app
        .store
        .inbox()
        .page(&InboxFilter::default(), None, 10)
        .unwrap();
    assert_eq!(open.len(), 2);
    assert!(open.iter().all(|r| r.author_name != OWNER));
}

#[test]
fn cli_lists_by_label_kind_and_conversation_and_shows_a_whole_conversation() {
    let db = imported();
    let run = |args: &[&str]| common::smmdeck(&db.path, args);
    let json = |args: &[&str]| -> serde_json::Value {
        let out = run(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let rows = json(&["inbox", "list", "--conversation", "--json"]);
    let sizes: Vec<(i64, i64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["messages"].as_i64().unwrap(), r["own"].as_i64().unwrap()))
        .collect();
    assert_eq!(sizes.len(), 2);
    assert!(
        sizes.contains(&(12, 3)) && sizes.contains(&(7, 2)),
        "{sizes:?}"
    );
    assert_eq!(
        json(&["inbox", "list", "--kind", "comment", "--json"]),
        serde_json::json!([])
    );
    assert_eq!(
        json(&["inbox", "list", "--kind", "dm", "--json"])
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let bad = run(&["inbox", "list", "--kind", "post"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--kind \"post\""));

    let olena = open_with(&db, "Олена Коваль");
    db.store
        .inbox()
        .set_labels(olena.id, "delivery", 1)
        .unwrap();
    let labelled = json(&["inbox", "list", "--label", "delivery", "--json"]);
    assert_eq!(labelled.as_array().map(Vec::len), Some(1));
    assert_eq!(labelled[0]["id"], olena.id);

    // Stored text goes out sanitised: an escape sequence in a message is shown, not run.
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute(
            "UPDATE inbox_messages SET body = 'Супер' || char(27) || '[2J' WHERE body = 'Супер'",
            [],
        )
        .unwrap();
    let out = run(&["inbox", "show", &olena.id.to_string()]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(
        text.contains("conversation · 12 messages · 3 from the account"),
        "{text}"
    );
    assert_eq!(
        text.matches("\n» ").count(),
        3,
        "own messages marked: {text}"
    );
    assert_eq!(text.matches("\n· ").count(), 3, "system lines: {text}");
    // Oldest first, the newest last.
    let first = text.find("Cargo 2 у розмірі M?").unwrap();
    let last = text.find("Де він?").unwrap();
    assert!(first < last);
    let shown = json(&["inbox", "show", &olena.id.to_string(), "--json"]);
    assert_eq!(shown["messages"].as_array().map(Vec::len), Some(12));
    assert_eq!(shown["conversation"]["own"], 3);
    assert_eq!(shown["item"]["labels"], "delivery");
    let missing = run(&["inbox", "show", "999"]);
    assert!(!missing.status.success());
}

#[test]
fn a_comment_shows_with_the_replies_under_it_and_the_brands_reply_is_its_first_reply() {
    let mut db = db();
    import_common::import(
        &mut db,
        &[sample("meta_business_suite_facebook_posts.csv")],
        None,
    )
    .unwrap();
    import_common::import(
        &mut db,
        &[sample("graph_api/comment_with_replies.json")],
        None,
    )
    .unwrap();
    // The comment stays one item; the Page's reply under it is the Page's, not an item.
    let open = open_items(&db);
    assert_eq!(open.len(), 1, "{open:#?}");
    let comment = &open[0];
    assert_eq!(comment.author_name, "Jonas Berg");
    let reply_at = chrono::DateTime::parse_from_rfc3339("2026-10-03T18:30:41+00:00")
        .unwrap()
        .timestamp();
    assert_eq!(comment.replied_at, Some(reply_at));
    let out = common::smmdeck(&db.path, &["inbox", "show", &comment.id.to_string()]);
    let text = String::from_utf8_lossy(&out.stdout);
    let asked = text.find("Heart next please!").unwrap();
    let answered = text.find("Heart it is").unwrap();
    assert!(asked < answered, "{text}");
    assert!(text.contains("Jonas Berg  ← this item"), "{text}");
    assert!(text.contains("» "), "the Page's reply is marked: {text}");
}

#[test]
fn a_download_imported_before_the_owner_was_known_is_corrected_by_importing_it_again() {
    // As an older smmdeck left it: the brand's replies taken for the customer's messages.
    let mut db = imported();
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute_batch(
            "UPDATE inbox_messages SET from_self = 0;
             UPDATE inbox_items SET body = 'stale', author_name = 'Pixel Bikes Kyiv';",
        )
        .unwrap();
    let s = import_as(&mut db, &[sample(DOWNLOAD)], None).unwrap();
    assert_eq!(totals(&s), (0, 5, 14, 0), "{s:#?}");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_messages WHERE from_self = 1"
        ),
        5
    );
    for r in open_items(&db) {
        assert_ne!(r.author_name, OWNER);
        assert_ne!(r.body, "stale");
    }
}

#[test]
fn a_reply_written_in_smmdeck_is_the_conversations_last_word_in_view() {
    let db = imported();
    let olena = open_with(&db, "Олена Коваль");
    db.store
        .inbox()
        .save_reply(
            olena.id,
            "Вибачте! Кур'єр буде сьогодні до 18:00.",
            1_795_700_000,
        )
        .unwrap();
    // The first reply stays the one seen in the export.
    assert_eq!(
        db.store.inbox().get(olena.id).unwrap().replied_at,
        olena.replied_at
    );
    db.store
        .inbox()
        .set_status(olena.id, InboxStatus::New, 1_795_700_001)
        .unwrap();
    let store = smmdeck::store::Store::open(&db.path).unwrap();
    let mut app = App::new(store, clock(), Default::default()).unwrap();
    press(&mut app, "3");
    for (w, h) in [(160, 45), (80, 24)] {
        let screen = text(&draw(&app, w, h));
        let newest = screen.find("він?").unwrap_or_else(|| panic!("{screen}"));
        let reply = screen
            .find("» your reply, written in smmdeck")
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(newest < reply, "{screen}");
        assert!(screen.contains("Кур'єр буде сьогодні"), "{screen}");
    }
}
