//! `smmdeck contacts` run as a user would: add and list, the sample lists imported (and
//! refused where they must be), a bad row that stops everything or goes to the rejects file,
//! a second import that adds nothing, and a vCard export that a vCard 4.0 parser reads.

use std::path::{Path, PathBuf};
mod common;

use common::smmdeck;
use std::process::Output;

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/contact-lists")
        .join(name)
        .display()
        .to_string()
}

fn list(db: &Path) -> Vec<serde_json::Value> {
    let out = ok(&smmdeck(
        db,
        &["contacts", "list", "--limit", "1000", "--json"],
    ));
    serde_json::from_str::<Vec<serde_json::Value>>(&out).unwrap()
}

#[test]
fn add_then_list_and_show() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let out = ok(&smmdeck(
        &db,
        &[
            "contacts",
            "add",
            "--name",
            "Олена Коваль",
            "--handle",
            "instagram:@olena.cooks:12,5K:3.4%",
            "--handle",
            "tiktok:olena_t",
            "--email",
            "olena@example.com",
            "--follow-up",
            "2026-12-03",
        ],
    ));
    assert!(out.contains("added"), "{out}");
    let rows = list(&db);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["name"], "Олена Коваль");
    assert_eq!(rows[0]["top_handle"], "olena.cooks");
    assert_eq!(rows[0]["followers"], 12_500);
    let id = rows[0]["id"].as_i64().unwrap().to_string();
    let show: serde_json::Value =
        serde_json::from_str(&ok(&smmdeck(&db, &["contacts", "show", &id, "--json"]))).unwrap();
    assert_eq!(show["handles"].as_array().unwrap().len(), 2);
    assert_eq!(show["follow_up_on"], "2026-12-03");
    assert_eq!(show["cost_per_engagement"], serde_json::Value::Null);
    // A bad value names its option and adds nothing.
    let bad = smmdeck(&db, &["contacts", "add", "--name", "X", "--email", "x@y"]);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--email"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    assert_eq!(list(&db).len(), 1);
    // --limit says that it cut the list.
    ok(&smmdeck(&db, &["contacts", "add", "--name", "Bo"]));
    let cut = smmdeck(&db, &["contacts", "list", "--limit", "1"]);
    assert!(String::from_utf8_lossy(&cut.stderr).contains("1 of 2; --limit"));
}

#[test]
fn one_bad_row_stops_everything_until_skipped_and_twice_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let file = sample("one_bad_row.csv");
    let out = smmdeck(&db, &["contacts", "import", &file]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 4, followers"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(list(&db).len(), 0, "the database is as it was");

    let rejects = dir.path().join("rejects.csv");
    let r = rejects.display().to_string();
    let out = ok(&smmdeck(
        &db,
        &[
            "contacts",
            "import",
            &file,
            "--skip-invalid",
            "--rejects",
            &r,
        ],
    ));
    assert!(
        out.contains("3 new, 0 updated, 0 unchanged, 1 rejected"),
        "{out}"
    );
    let names: Vec<String> = list(&db)
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Anna Kowalska", "Ben Ortiz", "Dara Quinn"]);
    let held = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        held.contains("Chloe Martin") && held.starts_with("line,problem"),
        "{held}"
    );
    assert!(!held.contains("Anna"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&rejects).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The rejects file is never overwritten unless asked.
    let again = smmdeck(
        &db,
        &[
            "contacts",
            "import",
            &file,
            "--skip-invalid",
            "--rejects",
            &r,
        ],
    );
    assert!(!again.status.success());
    let out = ok(&smmdeck(
        &db,
        &[
            "contacts",
            "import",
            &file,
            "--skip-invalid",
            "--rejects",
            &r,
            "--force",
        ],
    ));
    assert!(out.contains("0 new, 0 updated, 3 unchanged"), "{out}");
    assert_eq!(list(&db).len(), 3);
}

#[test]
fn the_sample_lists_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let out = ok(&smmdeck(
        &db,
        &["contacts", "import", &sample("creators_semicolon_es.csv")],
    ));
    // Four rows, one of them the same creator in another case: three contacts.
    assert!(out.contains("3 new"), "{out}");
    assert!(out.contains("columns not imported: id, nicho"), "{out}");
    let rows = list(&db);
    let lucia = rows
        .iter()
        .find(|r| r["top_handle"] == "lucia_viaja")
        .unwrap();
    assert_eq!(lucia["followers"], 12_500);
    assert_eq!(lucia["engagement_rate"], 0.034);
    assert_eq!(lucia["stage"], "contacted");
    let pablo = rows
        .iter()
        .find(|r| r["top_platform"] == "youtube")
        .unwrap();
    assert_eq!(pablo["followers"], 1_300_000, "the later row wins");

    // Windows-1251 with handles and no platform: refused with what to do, then imported.
    let cp = sample("contacts_cp1251_crlf.csv");
    let refused = smmdeck(&db, &["contacts", "import", &cp]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("--platform"), "{err}");
    let out = ok(&smmdeck(
        &db,
        &["contacts", "import", &cp, "--platform", "instagram"],
    ));
    assert!(
        out.contains("3 new") && out.contains("windows-1251"),
        "{out}"
    );
    let rows = list(&db);
    let olena = rows.iter().find(|r| r["name"] == "Олена Коваль").unwrap();
    assert_eq!(olena["followers"], 10_400_000);
    assert_eq!(olena["niche"], "еда");

    let out = ok(&smmdeck(
        &db,
        &[
            "contacts",
            "import",
            &sample("outreach_placeholder_emails.csv"),
            "--dry-run",
        ],
    ));
    assert!(out.contains("3 new") && out.contains("dry run"), "{out}");
    assert_eq!(list(&db).len(), 6, "a dry run writes nothing");
    let out = ok(&smmdeck(
        &db,
        &[
            "contacts",
            "import",
            &sample("outreach_placeholder_emails.csv"),
        ],
    ));
    assert!(out.contains("\"put emails here\""), "{out}");
    let rows = list(&db);
    let pixel = rows.iter().find(|r| r["name"] == "Pixel Tales").unwrap();
    assert_eq!(pixel["top_handle"], "UCaaaaaaaaaaaaaaaaaaaaaa");
    let id = pixel["id"].as_i64().unwrap().to_string();
    let show: serde_json::Value =
        serde_json::from_str(&ok(&smmdeck(&db, &["contacts", "show", &id, "--json"]))).unwrap();
    assert_eq!(show["email"], serde_json::Value::Null, "no made-up address");
    assert_eq!(show["niche"], "retro games");
}

#[test]
fn vcard_export_is_vcard_4_with_one_card_per_contact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok(&smmdeck(
        &db,
        &[
            "contacts",
            "import",
            &sample("contacts_cp1251_crlf.csv"),
            "--platform",
            "ig",
        ],
    ));
    ok(&smmdeck(
        &db,
        &[
            "contacts",
            "add",
            "--name",
            "Ann; the \"baker\", Kyiv",
            "--handle",
            "youtube:UCcccccccccccccccccccccc",
            "--email",
            "ann@example.com",
            "--phone",
            "+380 67 123 4567",
        ],
    ));
    let out = dir.path().join("all.vcf");
    let o = out.display().to_string();
    ok(&smmdeck(
        &db,
        &["contacts", "export", "--vcard", "--out", &o],
    ));
    let text = std::fs::read_to_string(&out).unwrap();
    let cards = vcard_parser::parse_vcards(&text).expect("valid vCard");
    assert_eq!(cards.len(), 4);
    assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 4);
    assert_eq!(text.matches("VERSION:4.0\r\n").count(), 4);
    let names: Vec<String> = cards
        .iter()
        .map(|c| {
            use vcard_parser::traits::HasValue;
            c.get_property_by_name("FN")
                .unwrap()
                .get_value()
                .to_string()
        })
        .collect();
    assert!(
        names.iter().any(|n| n.contains("Олена Коваль")),
        "{names:?}"
    );
    assert!(text.contains("URL:https://www.instagram.com/olena.cooks/\r\n"));
    assert!(text.contains("URL:https://www.youtube.com/channel/UCcccccccccccccccccccccc"));
    assert!(text.contains("FN:Ann\\; the \"baker\"\\, Kyiv\r\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let again = smmdeck(&db, &["contacts", "export", "--vcard", "--out", &o]);
    assert!(!again.status.success(), "never overwritten without --force");
    ok(&smmdeck(
        &db,
        &["contacts", "export", "--vcard", "--out", &o, "--force"],
    ));
    // The CSV export reads back in as the same contacts.
    let csv = dir.path().join("all.csv");
    let c = csv.display().to_string();
    ok(&smmdeck(&db, &["contacts", "export", "--csv", "--out", &c]));
    let back = ok(&smmdeck(&db, &["contacts", "import", &c]));
    assert!(back.contains("0 new, 0 updated, 4 unchanged"), "{back}");
}
