//! Malformed variants of the samples, made at test time: each is refused with a message that
//! names the file and line, and the database is left exactly as it was (row checksum).

mod import_common;

use std::path::PathBuf;

use import_common::*;

const FB: &str = "meta_business_suite_facebook_posts.csv";

/// A database holding the good samples, and its checksum.
fn seeded() -> (Db, String) {
    let mut db = db();
    let graph = [
        "graph_api/facebook_post_comments.json",
        "graph_api/page_conversations_messenger.json",
    ];
    import(
        &mut db,
        &[sample(FB), sample(graph[0]), sample(graph[1])],
        None,
    )
    .expect("seed");
    let sum = checksum(&db);
    (db, sum)
}

fn write(db: &Db, name: &str, bytes: &[u8]) -> PathBuf {
    let p = db.dir.path().join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// Imports `bad` (with a good file beside it, which must not be written either) and returns
/// the message after checking that nothing changed.
fn refused(db: &mut Db, before: &str, bad: PathBuf) -> String {
    let good = sample("meta_business_suite_instagram_posts.csv");
    let err = import(db, &[good, bad.clone()], None)
        .expect_err("must be refused")
        .to_string();
    let name = bad.display().to_string();
    assert!(err.contains(&name), "message must name the file: {err}");
    assert_eq!(checksum(db), before, "the database changed: {err}");
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM accounts WHERE platform = 'instagram'"
        ),
        0
    );
    err
}

#[test]
fn truncated_json_names_the_line() {
    let (mut db, before) = seeded();
    let text = std::fs::read_to_string(sample("graph_api/facebook_post_comments.json")).unwrap();
    let cut = &text[..text.len() / 2];
    let bad = write(&db, "facebook_post_comments.json", cut.as_bytes());
    let err = refused(&mut db, &before, bad);
    assert!(
        err.contains(&format!("line {}", cut.lines().count())),
        "{err}"
    );
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn a_file_in_another_encoding_is_refused_at_its_line() {
    let (mut db, before) = seeded();
    let text = std::fs::read_to_string(sample(FB)).unwrap();
    let line = text[..text.find('ë').unwrap()].matches('\n').count() + 1;
    // Windows-1252 writes ë as the single byte 0xEB.
    let latin1: Vec<u8> = text
        .replace('ë', "\u{1}")
        .bytes()
        .map(|b| if b == 1 { 0xEB } else { b })
        .collect();
    let bad = write(&db, "fb_latin1.csv", &latin1);
    let err = refused(&mut db, &before, bad);
    assert!(
        err.contains(&format!("line {line}")) && err.contains("UTF-8"),
        "{err}"
    );
}

#[test]
fn spreadsheet_mangled_ids_are_refused_with_a_hint() {
    let (mut db, before) = seeded();
    let text = std::fs::read_to_string(sample(FB)).unwrap();
    let bad = write(
        &db,
        "fb_excel.csv",
        text.replace("122158765432109876,", "1.22158E+17,")
            .as_bytes(),
    );
    let err = refused(&mut db, &before, bad);
    assert!(
        err.contains("line 2") && err.contains("Post ID") && err.contains("Excel"),
        "{err}"
    );
}

#[test]
fn a_missing_required_column_is_named() {
    let (mut db, before) = seeded();
    let text = std::fs::read_to_string(sample(FB)).unwrap();
    let bad = write(
        &db,
        "fb_no_time.csv",
        text.replacen("Publish time", "Published", 1).as_bytes(),
    );
    let err = refused(&mut db, &before, bad);
    assert!(
        err.contains("line 1") && err.contains("Publish time"),
        "{err}"
    );
}

#[test]
fn a_picture_renamed_csv_is_refused() {
    let (mut db, before) = seeded();
    let png = [
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
    ];
    let bad = write(&db, "photo.csv", &png);
    let err = refused(&mut db, &before, bad);
    assert!(err.contains("PNG"), "{err}");
}

#[test]
fn an_unknown_csv_lists_the_known_formats() {
    let (mut db, before) = seeded();
    let bad = write(&db, "groceries.csv", b"item,qty\nmilk,2\n");
    let err = refused(&mut db, &before, bad);
    assert!(
        err.contains("not a known export") && err.contains("meta-facebook-posts"),
        "{err}"
    );
}

#[test]
fn a_bad_cell_stops_the_run_at_its_line() {
    let (mut db, before) = seeded();
    let text = std::fs::read_to_string(sample(FB)).unwrap();
    let bad = write(
        &db,
        "fb_bad_views.csv",
        text.replacen(",18420,", ",lots,", 1).as_bytes(),
    );
    let err = refused(&mut db, &before, bad);
    assert!(err.contains("line 2") && err.contains("\"Views\""), "{err}");
}

#[test]
fn skip_invalid_imports_the_rest_and_writes_the_rejects() {
    let mut db = db();
    let text = std::fs::read_to_string(sample(FB)).unwrap();
    let bad = write(
        &db,
        "fb_bad_views.csv",
        text.replacen(",18420,", ",lots,", 1).as_bytes(),
    );
    let rejects = db.dir.path().join("rejects.csv");
    let opts = smmdeck::import::ImportOptions {
        skip_invalid: true,
        rejects_path: Some(rejects.clone()),
        ..options(None)
    };
    let s = smmdeck::import::run(&mut db.store, &[bad], &opts, &mut |_| {}).unwrap();
    assert_eq!(totals(&s), (5, 0, 0, 1));
    let out = std::fs::read_to_string(rejects).unwrap();
    assert!(
        out.starts_with("file,line,field,reason,row") && out.contains(",2,Views,"),
        "{out}"
    );
}

fn cli(db: &Db, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_smmdeck"))
        .arg("--db")
        .arg(&db.path)
        .arg("--config")
        .arg(db.dir.path().join("none.toml"))
        .arg("import")
        .args(args)
        .output()
        .expect("run smmdeck")
}

#[test]
fn cli_import_fails_non_zero_naming_file_and_line() {
    let (db, before) = seeded();
    let text = std::fs::read_to_string(sample(FB)).unwrap();
    let bad = write(
        &db,
        "fb_excel.csv",
        text.replace("122158765432109876,", "1.22158E+17,")
            .as_bytes(),
    );
    let out = cli(&db, &[bad.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("fb_excel.csv, line 2"), "{err}");
    assert_eq!(checksum(&db), before);
}

#[test]
fn cli_import_twice_says_nothing_new() {
    let db = db();
    let path = sample("meta_business_suite_instagram_posts.csv");
    let first = cli(&db, &[path.to_str().unwrap()]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        String::from_utf8_lossy(&first.stdout)
            .contains("6 new, 0 updated, 0 unchanged, 0 rejected")
    );
    let before = checksum(&db);
    let second = cli(&db, &[path.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&second.stdout);
    assert!(out.contains("0 new, 0 updated, 6 unchanged"), "{out}");
    assert_eq!(checksum(&db), before);
}
