//! Import fidelity (issue 12), dates: year-less series, TikTok's per-video file, month names
//! in other languages and day/month order. Each test is named after the case it covers; the
//! files are our own, modelled on real exports (see assets/samples/README.md). The accounts,
//! texts and JSON shapes are in import_fidelity_sources.rs.

mod import_common;

use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use import_common::*;
use smmdeck::import::{self, DateOrder, FileSummary, ImportError, ImportOptions};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn run(
    db: &mut Db,
    paths: &[PathBuf],
    today: NaiveDate,
    account: Option<&str>,
    date_order: Option<DateOrder>,
) -> Result<Vec<FileSummary>, ImportError> {
    let opts = ImportOptions {
        today: Some(today),
        date_order,
        ..options(account)
    };
    import::run(&mut db.store, paths, &opts, &mut |_| {})
}

/// Writes a TikTok Studio Overview as TikTok does (BOM, every field quoted, no year) for the
/// days `first..=last`, views from `views(i)`, and dates the file `modified`.
fn overview(
    dir: &Path,
    name: &str,
    first: NaiveDate,
    last: NaiveDate,
    views: impl Fn(usize) -> i64,
    modified: NaiveDate,
) -> PathBuf {
    let mut text = String::from(
        "\u{feff}\"Date\",\"Video Views\",\"Profile Views\",\"Likes\",\"Comments\",\"Shares\"\n",
    );
    let mut day = first;
    let mut i = 0;
    while day <= last {
        text.push_str(&format!(
            "\"{}\",\"{}\",\"{}\",\"0\",\"0\",\"0\"\n",
            day.format("%B %-d"),
            views(i),
            i % 7
        ));
        day = day + Days::new(1);
        i += 1;
    }
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    set_modified(&path, modified);
    path
}

fn set_modified(path: &Path, day: NaiveDate) {
    let secs = day.and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp() as u64;
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

/// `expr` (SQL over `posts`) for the post with this platform id, as text.
fn post_field(db: &Db, expr: &str, external_id: &str) -> String {
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.query_row(
        &format!("SELECT {expr} FROM posts WHERE external_id = ?1"),
        [external_id],
        |r| r.get::<_, String>(0),
    )
    .unwrap()
}

fn days_range(db: &Db) -> (String, String, i64) {
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.query_row(
        "SELECT MIN(day), MAX(day), COUNT(*) FROM account_metrics",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

// 1. Year-less dates.

#[test]
fn yearless_overview_of_a_full_year_lands_on_its_365_days_and_never_moves() {
    let mut db = db();
    // A full-year export (2025-02-28 … 2026-02-27) downloaded, and imported, in November.
    let path = overview(
        db.dir.path(),
        "Overview.csv",
        ymd(2025, 2, 28),
        ymd(2026, 2, 27),
        |i| 1000 + i as i64,
        ymd(2026, 11, 20),
    );
    let s = run(
        &mut db,
        std::slice::from_ref(&path),
        ymd(2026, 11, 20),
        Some("lumen.coffee"),
        None,
    )
    .unwrap();
    assert_eq!(totals(&s), (365, 0, 0, 0), "{s:#?}");
    assert_eq!(
        days_range(&db),
        ("2025-02-28".into(), "2026-02-27".into(), 365)
    );
    assert_eq!(
        count(
            &db,
            "SELECT views FROM account_metrics WHERE day = '2026-02-27'"
        ),
        1000 + 364
    );
    let before = checksum(&db);
    // Again, the same day: nothing changes.
    let s = run(
        &mut db,
        std::slice::from_ref(&path),
        ymd(2026, 11, 20),
        Some("lumen.coffee"),
        None,
    )
    .unwrap();
    assert_eq!(totals(&s), (0, 0, 365, 0));
    assert_eq!(checksum(&db), before);
    // Again a year later, the file copied anew (so its own date is new too): the days stay.
    set_modified(&path, ymd(2027, 6, 1));
    let s = run(
        &mut db,
        &[path],
        ymd(2027, 6, 1),
        Some("lumen.coffee"),
        None,
    )
    .unwrap();
    assert_eq!(totals(&s), (0, 0, 365, 0), "{s:#?}");
    assert_eq!(checksum(&db), before);
}

#[test]
fn yearless_older_export_finds_its_year_from_the_days_already_imported() {
    let mut db = db();
    let views = |i: usize| 500 + (i as i64 * 37) % 400;
    let newer = overview(
        db.dir.path(),
        "a/Overview.csv",
        ymd(2025, 2, 28),
        ymd(2026, 2, 27),
        views,
        ymd(2026, 2, 28),
    );
    run(
        &mut db,
        &[newer],
        ymd(2026, 11, 20),
        Some("lumen.coffee"),
        None,
    )
    .unwrap();
    let before = checksum(&db);
    // An older 60-day export (the same days' numbers), its file date lost in a copy.
    let offset = (ymd(2025, 5, 2) - ymd(2025, 2, 28)).num_days() as usize;
    let older = overview(
        db.dir.path(),
        "b/Overview.csv",
        ymd(2025, 5, 2),
        ymd(2025, 6, 30),
        |i| views(i + offset),
        ymd(2026, 11, 20),
    );
    let s = run(
        &mut db,
        &[older],
        ymd(2026, 11, 20),
        Some("lumen.coffee"),
        None,
    )
    .unwrap();
    assert_eq!(totals(&s), (0, 0, 60, 0), "{s:#?}");
    assert_eq!(checksum(&db), before);
}

#[test]
fn yearless_guess_that_would_overwrite_other_numbers_is_a_conflict() {
    let mut db = db();
    let newer = overview(
        db.dir.path(),
        "a/Overview.csv",
        ymd(2025, 2, 28),
        ymd(2026, 2, 27),
        |i| 1000 + i as i64,
        ymd(2026, 2, 28),
    );
    run(
        &mut db,
        &[newer],
        ymd(2026, 11, 20),
        Some("lumen.coffee"),
        None,
    )
    .unwrap();
    let before = checksum(&db);
    // A January export of another year (2025: before the stored days began), undated: read as
    // the latest January it can be, it would land on January 2026 with other numbers.
    let older = overview(
        db.dir.path(),
        "b/Overview.csv",
        ymd(2025, 1, 1),
        ymd(2025, 1, 31),
        |i| 7 + i as i64,
        ymd(2026, 11, 20),
    );
    let err = run(
        &mut db,
        &[older],
        ymd(2026, 11, 20),
        Some("lumen.coffee"),
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("no year") && err.contains("file name"),
        "{err}"
    );
    assert_eq!(checksum(&db), before);
}

#[test]
fn yearless_followers_and_viewers_fill_the_same_days() {
    let mut db = db();
    let s = run(
        &mut db,
        &[sample("tiktok_studio")],
        ymd(2026, 11, 20),
        Some("lumen.coffee"),
        None,
    )
    .unwrap();
    assert_eq!(totals(&s).3, 0, "{s:#?}");
    assert_eq!(
        days_range(&db),
        ("2026-10-01".into(), "2026-10-07".into(), 7)
    );
    // Viewers is the day's reach; "undefined" is unknown, not 0.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM account_metrics WHERE reach IS NOT NULL AND followers IS NOT NULL AND views IS NOT NULL"
        ),
        6
    );
    assert_eq!(
        count(
            &db,
            "SELECT reach FROM account_metrics WHERE day = '2026-10-05'"
        ),
        9807
    );
}

// 2. TikTok Studio Content.csv as TikTok writes it.

#[test]
fn tiktok_content_csv_in_the_real_layout() {
    let mut db = db();
    let s = run(
        &mut db,
        &[sample("tiktok_studio/Content.csv")],
        ymd(2026, 11, 20),
        None,
        None,
    )
    .unwrap();
    assert_eq!(totals(&s), (5, 0, 0, 0), "{s:#?}");
    // The handle comes from the video links.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM accounts WHERE platform = 'tiktok' AND handle = 'lumen.coffee'"
        ),
        1
    );
    // "Post time" has no year: the latest such day up to "Time", the day of the totals.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM post_metrics WHERE snapshot_on = '2026-11-18'"
        ),
        5
    );
    let day = |id: &str| {
        post_field(
            &db,
            "date(published_at, 'unixepoch') || ' ' || date_only",
            id,
        )
    };
    assert_eq!(day("7551234567890123456"), "2026-10-03 1");
    assert_eq!(day("7554567890123456789"), "2025-12-30 1");
    assert_eq!(
        count(
            &db,
            "SELECT reactions FROM post_metrics m JOIN posts p ON p.id = m.post_id WHERE p.external_id = '7553456789012345678'"
        ),
        2400
    );
}

// 3. Other languages and spreadsheet saves.

#[test]
fn tiktok_overview_in_spanish_across_new_year() {
    let mut db = db();
    let s = run(
        &mut db,
        &[sample("tiktok_studio_es/Overview.csv")],
        ymd(2026, 11, 20),
        Some("lumen.coffee"),
        None,
    )
    .unwrap();
    assert_eq!(totals(&s), (7, 0, 0, 0), "{s:#?}");
    assert_eq!(
        days_range(&db),
        ("2025-12-28".into(), "2026-01-03".into(), 7)
    );
    assert_eq!(
        count(
            &db,
            "SELECT views FROM account_metrics WHERE day = '2026-01-01'"
        ),
        604
    );
}

#[test]
fn youtube_totals_resaved_by_a_spreadsheet_day_first_with_crlf() {
    let mut db = db();
    let s = run(
        &mut db,
        &[sample("youtube_studio_resaved/Totals.csv")],
        ymd(2026, 11, 20),
        Some("lumencoffee"),
        None,
    )
    .unwrap();
    assert_eq!(totals(&s), (30, 0, 0, 0), "{s:#?}");
    assert_eq!(
        days_range(&db),
        ("2026-09-01".into(), "2026-09-30".into(), 30)
    );
}

#[test]
fn numeric_dates_no_value_settles_ask_for_date_order() {
    let mut db = db();
    let path = db.dir.path().join("Totals.csv");
    std::fs::write(&path, "Date,Views\r\n01-06-2025,5\r\n02-06-2025,7\r\n").unwrap();
    let err = run(
        &mut db,
        std::slice::from_ref(&path),
        ymd(2026, 11, 20),
        Some("yt"),
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("--date-order") && err.contains("Totals.csv"),
        "{err}"
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM account_metrics"), 0);
    run(
        &mut db,
        &[path],
        ymd(2026, 11, 20),
        Some("yt"),
        Some(DateOrder::Mdy),
    )
    .unwrap();
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM account_metrics WHERE day IN ('2025-01-06', '2025-02-06')"
        ),
        2
    );
}

#[test]
fn meta_posts_resaved_day_first_are_read_in_the_columns_order() {
    let mut db = db();
    // The Business Suite export opened and saved again in a day-first locale.
    let text = std::fs::read_to_string(sample("meta_business_suite_facebook_posts.csv")).unwrap();
    let swapped = regex_free_swap(&text);
    let path = db.dir.path().join("facebook_posts.csv");
    std::fs::write(&path, swapped).unwrap();
    run(&mut db, &[path], ymd(2026, 11, 20), None, None).unwrap();
    let day = |id: &str| post_field(&db, "datetime(published_at, 'unixepoch')", id);
    assert_eq!(day("122158765432109876"), "2026-10-01 08:30:00");
    assert_eq!(day("122159677889900112"), "2026-10-14 19:00:00");
}

/// `10/14/2026 19:00` → `14/10/2026 19:00` in every cell that looks like it.
fn regex_free_swap(text: &str) -> String {
    let mut out = String::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let is =
            |j: usize, n: usize| j + n <= b.len() && b[j..j + n].iter().all(u8::is_ascii_digit);
        if is(i, 2)
            && b.get(i + 2) == Some(&b'/')
            && is(i + 3, 2)
            && b.get(i + 5) == Some(&b'/')
            && is(i + 6, 4)
        {
            out.push_str(&text[i + 3..i + 5]);
            out.push('/');
            out.push_str(&text[i..i + 2]);
            i += 5;
            continue;
        }
        let c = text[i..].chars().next().unwrap();
        out.push(c);
        i += c.len_utf8();
    }
    out
}
