//! Every sample in assets/samples imports with the expected counts; a second import reports
//! nothing new and changes no row; a later export adds a snapshot and never duplicates a post.

mod import_common;

use import_common::*;

fn one(db: &mut Db, rel: &str, account: Option<&str>) -> (usize, usize, usize, usize) {
    let s = import(db, &[sample(rel)], account).unwrap_or_else(|e| panic!("{rel}: {e}"));
    totals(&s)
}

#[test]
fn meta_business_suite_facebook_posts_csv() {
    let mut db = db();
    assert_eq!(
        one(&mut db, "meta_business_suite_facebook_posts.csv", None),
        (6, 0, 0, 0)
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM posts WHERE status = 'published'"),
        6
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM post_metrics"), 6);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM accounts WHERE platform = 'facebook' AND external_id = '61571234567890'"
        ),
        1
    );
    // Empty cells are unknown, not zero: only the two videos have "Seconds viewed".
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM post_metrics WHERE watch_time_s IS NULL"
        ),
        4
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM post_metrics WHERE watch_time_s = 0"
        ),
        0
    );
    assert_eq!(
        count(
            &db,
            "SELECT views FROM post_metrics m JOIN posts p ON p.id = m.post_id WHERE p.external_id = '122158765432109876'"
        ),
        18420
    );
    // No zone on the account: 10/01/2026 08:30 is read as UTC.
    assert_eq!(
        count(
            &db,
            "SELECT published_at FROM posts WHERE external_id = '122158765432109876'"
        ),
        1_790_843_400
    );
}

#[test]
fn meta_business_suite_instagram_posts_csv_with_bom() {
    let mut db = db();
    assert_eq!(
        one(&mut db, "meta_business_suite_instagram_posts.csv", None),
        (6, 0, 0, 0)
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM accounts WHERE platform = 'instagram' AND handle = 'lumen.coffee'"
        ),
        1
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM posts WHERE format = 'reel'"),
        2
    );
}

#[test]
fn times_are_read_in_the_account_zone() {
    let mut db = db();
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute(
        "INSERT INTO accounts (platform, handle, external_id, timezone, created_at) VALUES ('instagram', 'lumen.coffee', '17841401234567890', 'Europe/Riga', 0)",
        [],
    )
    .unwrap();
    one(&mut db, "meta_business_suite_instagram_posts.csv", None);
    // 10/01/2026 08:31 in Riga (UTC+3 in October) is 05:31 UTC.
    assert_eq!(
        count(
            &db,
            "SELECT published_at FROM posts WHERE external_id = '18045123456789012'"
        ),
        1_790_832_660
    );
}

#[test]
fn meta_business_suite_account_views_utf16le_csv() {
    let mut db = db();
    one(&mut db, "meta_business_suite_instagram_posts.csv", None);
    // The per-metric file names no account or platform: --account says which.
    assert_eq!(
        one(
            &mut db,
            "meta_business_suite_account_views_utf16le.csv",
            Some("lumen.coffee")
        ),
        (7, 0, 0, 0)
    );
    assert_eq!(
        count(
            &db,
            "SELECT views FROM account_metrics WHERE day = '2026-10-01'"
        ),
        8226
    );
}

#[test]
fn facebook_insights_post_level_legacy_csv() {
    let mut db = db();
    assert_eq!(
        one(&mut db, "facebook_insights_post_level_legacy.csv", None),
        (5, 0, 0, 0)
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM accounts WHERE handle = 'LumenCoffee' AND external_id = '104512345678901'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM post_metrics WHERE views_label = 'impressions'"
        ),
        5
    );
}

#[test]
fn x_analytics_both_layouts() {
    let mut db = db();
    assert_eq!(
        one(
            &mut db,
            "x_account_analytics_content_2026-10-01_2026-10-31.csv",
            None
        ),
        (5, 0, 0, 0)
    );
    assert_eq!(
        one(
            &mut db,
            "x_tweet_activity_metrics_lumencoffee_20231001_20231031_en.csv",
            None
        ),
        (5, 0, 0, 0)
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM accounts WHERE platform = 'x'"),
        1
    );
    // Snapshots are dated by the export range in the file name.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM post_metrics WHERE snapshot_on = '2026-10-31'"
        ),
        5
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM post_metrics WHERE snapshot_on = '2023-10-31'"
        ),
        5
    );
    // Promoted columns are "-": unknown, and not stored as 0.
    assert_eq!(
        count(
            &db,
            "SELECT views FROM post_metrics m JOIN posts p ON p.id = m.post_id WHERE p.external_id = '1708123456789012345'"
        ),
        4210
    );
}

#[test]
fn linkedin_page_export_sheets() {
    let mut db = db();
    let err = import(
        &mut db,
        &[sample("linkedin_page_content_export__All_posts_sheet.csv")],
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("--account"), "{err}");
    assert_eq!(
        one(
            &mut db,
            "linkedin_page_content_export__All_posts_sheet.csv",
            Some("lumen-coffee")
        ),
        (5, 0, 0, 0)
    );
    assert_eq!(
        one(
            &mut db,
            "linkedin_page_content_export__Metrics_sheet.csv",
            Some("lumen-coffee")
        ),
        (7, 0, 0, 0)
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts"), 1);
}

#[test]
fn tiktok_studio_folder() {
    let mut db = db();
    let s = import(&mut db, &[sample("tiktok_studio")], Some("lumen.coffee")).unwrap();
    let by = |name: &str| {
        s.iter()
            .find(|f| f.file.ends_with(name))
            .map(|f| (f.new, f.updated, f.rejected))
            .unwrap()
    };
    assert_eq!(by("Content.csv"), (5, 0, 0));
    assert_eq!(by("Overview.csv"), (7, 0, 0));
    // The same days again, now with followers, then reach (the first day's is "undefined").
    assert_eq!(by("FollowerHistory.csv"), (0, 7, 0));
    assert_eq!(by("Viewers.csv"), (0, 6, 0));
    // Overview and FollowerHistory fill different columns of the same 7 days.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM account_metrics WHERE followers IS NOT NULL AND views IS NOT NULL"
        ),
        7
    );
    assert_eq!(
        count(
            &db,
            "SELECT views FROM post_metrics m JOIN posts p ON p.id = m.post_id WHERE p.external_id = '7551234567890123456'"
        ),
        18400
    );
    assert_eq!(
        count(
            &db,
            "SELECT reactions FROM post_metrics m JOIN posts p ON p.id = m.post_id WHERE p.external_id = '7551234567890123456'"
        ),
        1200
    );
}

#[test]
fn youtube_studio_content_folder() {
    let mut db = db();
    let s = import(&mut db, &[sample(YT)], Some("lumencoffee")).unwrap();
    assert_eq!(totals(&s), (5 + 7, 0, 0, 0), "{s:?}");
    assert!(
        s.iter()
            .any(|f| f.file.ends_with("Chart data.csv") && !f.notes.is_empty())
    );
    // The id with a leading space is trimmed; the Total row is skipped.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM posts WHERE external_id = '-xY2zA4bC6d'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM posts WHERE external_id = 'Total'"
        ),
        0
    );
}

#[test]
fn graph_api_facebook_comments_attach_to_their_post() {
    let mut db = db();
    one(&mut db, "meta_business_suite_facebook_posts.csv", None);
    assert_eq!(
        one(&mut db, "graph_api/facebook_post_comments.json", None),
        (6, 0, 0, 0)
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_items WHERE post_id IS NOT NULL"
        ),
        6
    );
    // The Page's own reply joins the thread; it is not an item to triage.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_items WHERE from_self = 1 AND kind = 'reply'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_items WHERE status = 'hidden'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_fts WHERE inbox_fts MATCH 'latte'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT priority FROM inbox_items WHERE body LIKE 'Worst service%'"
        ),
        3
    );
}

#[test]
fn graph_api_instagram_comments_and_conversations() {
    let mut db = db();
    one(&mut db, "meta_business_suite_instagram_posts.csv", None);
    one(&mut db, "meta_business_suite_facebook_posts.csv", None);
    assert_eq!(
        one(&mut db, "graph_api/instagram_media_comments.json", None),
        (6, 0, 0, 0)
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM inbox_items WHERE from_self = 1"),
        1
    );
    assert_eq!(
        one(&mut db, "graph_api/instagram_conversations.json", None),
        (1, 0, 0, 0)
    );
    assert_eq!(
        one(&mut db, "graph_api/page_conversations_messenger.json", None),
        (3, 0, 0, 0)
    );
    // Three messages in two threads: two conversations, each one item.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_items WHERE kind = 'dm' AND platform = 'facebook'"
        ),
        2
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(DISTINCT thread_key) FROM inbox_items WHERE kind = 'dm' AND platform = 'facebook'"
        ),
        2
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_messages WHERE platform = 'facebook'"
        ),
        3
    );
}

#[test]
fn instagram_data_download_folder() {
    let mut db = db();
    // The download names senders by display name only, and smmdeck knows the account by its
    // handle: it asks rather than guess which sender is the brand, and changes nothing.
    let before = checksum(&db);
    let err = import(&mut db, &[sample(IG_DYI)], None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("--as NAME"), "{err}");
    assert!(
        err.contains("annapetrova_1234567890123456/message_1.json"),
        "{err}"
    );
    assert!(
        err.contains("marianaunez_9876543210987654/message_1.json"),
        "{err}"
    );
    for name in [
        "\"Анна Петрова\"",
        "\"Lumen Coffee Co.\"",
        "\"Mariana Núñez\"",
    ] {
        assert!(err.contains(name), "{name} missing from {err}");
    }
    assert!(err.contains("probably \"Lumen Coffee Co.\""), "{err}");
    assert_eq!(checksum(&db), before);

    let mut options = options(None);
    options.as_name = Some("Lumen Coffee Co.".into());
    let s = smmdeck::import::run(&mut db.store, &[sample(IG_DYI)], &options, &mut |_| {}).unwrap();
    // 5 + 2 own comments, 3 + 5 messages in two threads.
    assert_eq!(totals(&s), (15, 0, 0, 0), "{s:?}");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM accounts WHERE handle = 'lumen.coffee'"
        ),
        1
    );
    // Own comments are not items to triage; each thread is one item, its messages with it.
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM inbox_items WHERE from_self = 1"),
        7
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM inbox_items WHERE kind = 'dm'"),
        2
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM inbox_messages"), 8);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_messages WHERE from_self = 1"
        ),
        2
    );
    // Mojibake repaired.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_messages WHERE sender_name = 'Анна Петрова'"
        ),
        2
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_items WHERE body = 'Winners announced Monday 🎉'"
        ),
        1
    );
    // Remembered: the next import of a download knows the name.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM account_aliases WHERE name = 'Lumen Coffee Co.'"
        ),
        1
    );
    let again = import(&mut db, &[sample(IG_DYI)], None).unwrap();
    assert_eq!(totals(&again), (0, 0, 15, 0));
}

fn everything() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = [
        "meta_business_suite_facebook_posts.csv",
        "meta_business_suite_instagram_posts.csv",
        "facebook_insights_post_level_legacy.csv",
        "x_account_analytics_content_2026-10-01_2026-10-31.csv",
        "x_tweet_activity_metrics_lumencoffee_20231001_20231031_en.csv",
        "graph_api",
        IG_DYI,
    ]
    .iter()
    .map(|r| sample(r))
    .collect();
    v.sort();
    v
}

#[test]
fn second_import_reports_nothing_new_and_changes_no_row() {
    let mut db = db();
    let first = import(&mut db, &everything(), None).unwrap();
    let (new, _, _, _) = totals(&first);
    // graph_api: comments 6 + 6, messages 1 + 3 + 2, feed 6, a comment and its reply 2.
    assert_eq!(new, 6 + 6 + 5 + 5 + 5 + 26 + 15, "{first:#?}");
    let before = checksum(&db);
    let second = import(&mut db, &everything(), None).unwrap();
    assert_eq!(totals(&second), (0, 0, new, 0));
    assert!(second[0].to_string().contains("0 new"), "{}", second[0]);
    assert_eq!(checksum(&db), before);
}

#[test]
fn a_later_export_adds_a_snapshot_and_never_duplicates_a_post() {
    let mut db = db();
    one(&mut db, "meta_business_suite_instagram_posts.csv", None);
    let later = db.dir.path().join("instagram_posts_2026-12-01.csv");
    let text = std::fs::read_to_string(sample("meta_business_suite_instagram_posts.csv")).unwrap();
    std::fs::write(&later, text.replace(",12040,", ",13000,")).unwrap();
    let s = import(&mut db, &[later], None).unwrap();
    assert_eq!(totals(&s), (0, 6, 0, 0));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM posts"), 6);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM post_metrics"), 12);
    assert_eq!(
        count(
            &db,
            "SELECT views FROM post_metrics WHERE snapshot_on = '2026-12-01' ORDER BY views LIMIT 1"
        ),
        8004
    );
}

#[test]
fn a_zip_of_an_export_folder_imports_like_the_folder() {
    let mut db = db();
    let zip_path = db
        .dir
        .path()
        .join("Content 2026-10-01_2026-10-31 Lumen Coffee Co.zip");
    let file = std::fs::File::create(&zip_path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    for name in ["Table data.csv", "Totals.csv", "Chart data.csv"] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, &std::fs::read(sample(YT).join(name)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
    let s = import(&mut db, &[zip_path], Some("lumencoffee")).unwrap();
    assert_eq!(totals(&s), (12, 0, 0, 0));
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let mut db = db();
    let before = checksum(&db);
    let opts = smmdeck::import::ImportOptions {
        dry_run: true,
        ..options(None)
    };
    let s = smmdeck::import::run(
        &mut db.store,
        &[sample("meta_business_suite_facebook_posts.csv")],
        &opts,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(totals(&s), (6, 0, 0, 0));
    assert_eq!(checksum(&db), before);
}
