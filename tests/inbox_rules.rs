//! Issue 11's rules, finding and bulk, end to end: rules from config.toml at import and by
//! `inbox apply-rules`, `/#label` right after labelling, header counts that follow the filter,
//! the `f` picker, `o`, and `X` then a triage key over a whole search, undone as one.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use smmdeck::domain::InboxView;
use smmdeck::store::{InboxFilter, Store};
use smmdeck::tui::app::App;

fn shown(app: &App, view: InboxView, search: &str) -> Vec<smmdeck::store::InboxRow> {
    let f = InboxFilter {
        view,
        account: None,
        search: (!search.is_empty()).then(|| search.to_string()),
    };
    app.store.inbox().page(&f, None, 10_000).unwrap()
}

fn type_line(app: &mut App, text: &str) {
    press(app, text);
    app.on_key(code(KeyCode::Enter));
}

/// The header line of the inbox (the row under the tab bar).
fn header(app: &App) -> String {
    text(&draw(app, 160, 45))
        .lines()
        .nth(1)
        .unwrap_or("")
        .to_string()
}

#[test]
fn slash_hash_finds_the_item_labelled_a_moment_ago_and_the_header_counts_it() {
    let mut app = demo_app();
    press(&mut app, "3");
    let first = shown(&app, InboxView::Open, "").remove(0);
    assert!(shown(&app, InboxView::Open, "#wholesale").is_empty());
    press(&mut app, "l");
    type_line(&mut app, "wholesale");
    press(&mut app, "/");
    type_line(&mut app, "#wholesale");
    let rows = shown(&app, InboxView::Open, "#wholesale");
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [first.id]);
    let screen = text(&draw(&app, 160, 45));
    assert!(screen.contains("search \"#wholesale\""), "{screen}");
    assert!(header(&app).contains("· 1 open"), "{}", header(&app));
    assert_eq!(app.tabs.inbox.counts().shown, 1);
    // label:wholesale is the same search; a plain word finds labels too.
    assert_eq!(shown(&app, InboxView::Open, "label:wholesale").len(), 1);
    assert_eq!(shown(&app, InboxView::Open, "wholesale").len(), 1);
}

#[test]
fn header_counts_match_the_filter() {
    let mut app = demo_app();
    press(&mut app, "3");
    // f, then the second line of the picker: the escalated view.
    press(&mut app, "fj");
    app.on_key(code(KeyCode::Enter));
    let escalated = shown(&app, InboxView::Escalated, "").len();
    assert!(escalated > 0);
    let h = header(&app);
    assert!(h.starts_with("escalated"), "{h}");
    assert!(h.contains(&format!("· {escalated} escalated")), "{h}");
    // A kind filter from the same picker narrows the list and the counts together.
    press(&mut app, "f");
    let dms_line = 5 + 2; // five views, then kinds: comment, reply, dm
    press(&mut app, &"j".repeat(dms_line));
    app.on_key(code(KeyCode::Enter));
    let dms = shown(&app, InboxView::Escalated, "kind:dm");
    let h = header(&app);
    assert!(h.contains(&format!("· {} escalated", dms.len())), "{h}");
    assert!(h.contains("kind:dm"), "{h}");
    assert!(dms.iter().all(|r| r.kind == "dm"));
    let c = app.tabs.inbox.counts();
    assert_eq!(c.shown as usize, dms.len());
    assert_eq!(c.escalated as usize, dms.len());
}

#[test]
fn search_keeps_the_queue_order_and_o_turns_it_newest_first() {
    let mut app = demo_app();
    press(&mut app, "3/");
    type_line(&mut app, "kind:comment");
    let (n, selected) = app.tabs.inbox.window();
    assert!(n > 3, "enough matches to order: {n}");
    let rows = shown(&app, InboxView::Open, "kind:comment");
    assert_eq!(selected, Some(rows[0].id));
    let keys: Vec<i64> = rows.iter().map(|r| r.queue_key).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "urgent first");
    press(&mut app, "o");
    let rows = shown(&app, InboxView::Open, "kind:comment order:newest");
    assert_eq!(app.tabs.inbox.window().1, Some(rows[0].id));
    let times: Vec<i64> = rows.iter().map(|r| r.received_at).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_ne!(
        rows[0].id,
        shown(&app, InboxView::Open, "kind:comment")[0].id
    );
    press(&mut app, "o");
    assert!(!header(&app).contains("order:newest"), "{}", header(&app));
}

#[test]
fn x_then_s_on_a_search_marks_every_shown_item_spam_and_u_brings_them_back() {
    let mut app = demo_app();
    press(&mut app, "3/");
    type_line(&mut app, "kind:comment");
    let found = shown(&app, InboxView::Open, "kind:comment");
    let n = found.len();
    assert!(n > 20, "more than a screen's worth: {n}");
    let trash_before = shown(&app, InboxView::Trash, "").len();
    press(&mut app, "X");
    let screen = text(&draw(&app, 100, 30));
    assert!(
        screen.contains(&format!("Mark all {n} items this search shows?")),
        "{screen}"
    );
    press(&mut app, "y");
    assert!(
        header(&app).contains(&format!("all {n} marked")),
        "{}",
        header(&app)
    );
    press(&mut app, "s");
    assert!(shown(&app, InboxView::Open, "kind:comment").is_empty());
    assert_eq!(shown(&app, InboxView::Trash, "").len(), trash_before + n);
    for r in &found {
        assert_eq!(app.store.inbox().get(r.id).unwrap().status, "spam");
    }
    press(&mut app, "u");
    assert_eq!(shown(&app, InboxView::Trash, "").len(), trash_before);
    for r in &found {
        let back = app.store.inbox().get(r.id).unwrap();
        assert_eq!(
            (back.status.as_str(), back.handled_at),
            (r.status.as_str(), r.handled_at)
        );
    }
    assert_eq!(
        app.tabs.inbox.undo_depth(),
        0,
        "one step for the whole bulk"
    );
    // Ctrl-R does it again, as one.
    app.on_key(ctrl('r'));
    assert_eq!(shown(&app, InboxView::Trash, "").len(), trash_before + n);
}

#[test]
fn x_then_l_labels_every_shown_item_and_esc_unmarks() {
    let mut app = demo_app();
    press(&mut app, "3/");
    type_line(&mut app, "kind:dm");
    let dms = shown(&app, InboxView::Open, "kind:dm").len();
    press(&mut app, "Xy");
    app.on_key(code(KeyCode::Esc));
    assert!(!header(&app).contains("marked"), "Esc clears the marks");
    press(&mut app, "Xyl");
    type_line(&mut app, "dm-sweep");
    assert_eq!(shown(&app, InboxView::Open, "#dm-sweep").len(), dms);
    press(&mut app, "u");
    assert!(shown(&app, InboxView::Open, "#dm-sweep").is_empty());
}

fn write_config(dir: &std::path::Path, rules: &str) -> std::path::PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(&path, rules).unwrap();
    path
}

fn run(db: &std::path::Path, config: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_smmdeck"))
        .arg("--db")
        .arg(db)
        .arg("--config")
        .arg(config)
        .args(args)
        .output()
        .unwrap()
}

const RULES: &str = r#"timezone = "Europe/Kyiv"

[[inbox.rules]]
name = "complaints"
match = ["worst", "холодн"]
kinds = ["comment"]
label = "service"
status = "hidden"
"#;

#[test]
fn a_rule_labels_and_hides_at_import_and_a_dry_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples");
    let none = write_config(dir.path(), "");
    let posts = format!("{samples}/meta_business_suite_facebook_posts.csv");
    assert!(run(&db, &none, &["import", &posts]).status.success());
    let config = write_config(dir.path(), RULES);
    let comments = format!("{samples}/graph_api/facebook_post_comments.json");
    let out = run(&db, &config, &["import", &comments]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("rule \"complaints\" changed 1 item(s)"),
        "{stdout}"
    );
    {
        let store = Store::open(&db).unwrap();
        let f = InboxFilter {
            view: InboxView::Trash,
            account: None,
            search: Some("#service".into()),
        };
        let hidden = store.inbox().page(&f, None, 10).unwrap();
        assert_eq!(hidden.len(), 1);
        assert!(
            hidden[0].body.contains("Worst service"),
            "{:?}",
            hidden[0].body
        );
        let history = store.inbox().events(hidden[0].id, 10).unwrap();
        assert!(
            history
                .iter()
                .all(|e| e.rule.as_deref() == Some("complaints"))
        );
        assert_eq!(history.len(), 2, "{history:?}");
    }
    // A second rule, tried first as a dry run: listed, nothing changed.
    let more = format!(
        "{RULES}\n[[inbox.rules]]\nname = \"latte\"\nregex = \"latte|flat white\"\npriority = \"urgent\"\nlabel = \"coffee\"\n"
    );
    let config = write_config(dir.path(), &more);
    let out = run(&db, &config, &["inbox", "apply-rules", "--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("rule \"latte\": would change"), "{stdout}");
    assert!(stdout.contains("label coffee"), "{stdout}");
    assert!(stderr.contains("dry run: nothing was changed"), "{stderr}");
    let store = Store::open(&db).unwrap();
    let f = InboxFilter {
        view: InboxView::All,
        account: None,
        search: Some("#coffee".into()),
    };
    assert!(store.inbox().page(&f, None, 10).unwrap().is_empty());
    drop(store);
    let out = run(&db, &config, &["inbox", "apply-rules"]);
    assert!(out.status.success());
    let store = Store::open(&db).unwrap();
    let labelled = store.inbox().page(&f, None, 10).unwrap();
    assert!(!labelled.is_empty());
    assert!(labelled.iter().all(|r| r.priority == 3));
}

#[test]
fn a_bad_rule_is_an_error_naming_it_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let bad = format!(
        "{RULES}\n[[inbox.rules]]\nname = \"promo\"\nregex = \"(unclosed\"\nstatus = \"spam\"\n"
    );
    let config = write_config(dir.path(), &bad);
    let out = run(&db, &config, &["inbox", "apply-rules", "--dry-run"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("config.toml"), "{stderr}");
    assert!(stderr.contains("line 10"), "{stderr}");
    assert!(stderr.contains("\"promo\""), "{stderr}");
}

#[test]
fn filter_picker_and_marked_search_screens() {
    let mut app = demo_app();
    press(&mut app, "3/");
    type_line(&mut app, "#billing kind:comment");
    press(&mut app, "f");
    insta::assert_snapshot!("inbox_filter_picker_100x30", text(&draw(&app, 100, 30)));
    app.on_key(code(KeyCode::Esc));
    press(&mut app, "Xy");
    insta::assert_snapshot!("inbox_marked_search_100x30", text(&draw(&app, 100, 30)));
}

#[test]
fn x_then_bang_escalates_every_shown_item_with_the_note_and_u_takes_it_back() {
    let mut app = demo_app();
    press(&mut app, "3/");
    type_line(&mut app, "kind:review");
    let reviews = shown(&app, InboxView::Open, "kind:review");
    assert!(reviews.len() > 1);
    press(&mut app, "Xy!");
    type_line(&mut app, "call them today");
    for r in &reviews {
        let item = app.store.inbox().get(r.id).unwrap();
        assert_eq!(item.status, "escalated");
        let history = app.store.inbox().events(r.id, 20).unwrap();
        assert!(
            history
                .iter()
                .any(|e| e.action == "escalated" && e.detail == "call them today"),
            "{history:?}"
        );
    }
    press(&mut app, "u");
    for r in &reviews {
        assert_eq!(app.store.inbox().get(r.id).unwrap().status, r.status);
    }
}
