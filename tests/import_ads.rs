//! Ad spend from the ads managers' exports (our samples in assets/samples/ads): each imports
//! with its campaigns' totals, a second import changes no row, a later export replaces the
//! days it covers, and bad files are refused naming file, line and field.

mod import_common;

use std::process::Command;

use import_common::*;

fn cli(db: &Db, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_smmdeck"))
        .arg("--db")
        .arg(&db.path)
        .arg("--config")
        .arg(db.dir.path().join("none.toml"))
        .args(args)
        .output()
        .expect("run smmdeck")
}

fn campaigns(db: &Db) -> Vec<serde_json::Value> {
    let out = cli(db, &["campaigns", "list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn named<'a>(all: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    all.iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no campaign {name:?} in {all:#?}"))
}

fn ads(name: &str) -> String {
    sample(&format!("ads/{name}")).display().to_string()
}

#[test]
fn meta_export_shows_spend_clicks_and_cpc_exactly_and_twice_changes_nothing() {
    let db = db();
    let out = cli(&db, &["import", &ads("meta_ads_manager_by_day_en.csv")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("6 new") && said.contains("summary row"),
        "{said}"
    );
    let all = campaigns(&db);
    assert_eq!(all.len(), 2, "the summary row is not a campaign");
    // 30.00 + 28.50 + 29.25 on 45 + 40 + 38 link clicks: 87.75 / 123 = 0.713…
    let winter = named(&all, "Winter menu launch");
    assert_eq!(winter["spend"], "87.75");
    assert_eq!(winter["clicks"], 123);
    assert_eq!(winter["cpc"], "0.71");
    assert_eq!(winter["currency"], "EUR");
    assert_eq!(winter["ads_id"], "120210000000000101");
    assert!(winter["romi"].is_null(), "no purchase value: ROMI unknown");
    // 12.40 + 11.60 + 10.00 on 75 clicks; 57.00 of purchases: ROMI (57 − 34) / 34.
    let beans = named(&all, "Beans to go, 250 g");
    assert_eq!(
        (beans["spend"].as_str(), beans["clicks"].as_i64()),
        (Some("34.00"), Some(75))
    );
    assert_eq!(beans["cpc"], "0.45");
    assert_eq!(beans["revenue"], "57.00");
    assert!((beans["romi"].as_f64().unwrap() - 23.0 / 34.0).abs() < 1e-12);
    let before = checksum(&db);
    let again = cli(&db, &["import", &ads("meta_ads_manager_by_day_en.csv")]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 new, 0 updated, 6 unchanged"));
    assert_eq!(checksum(&db), before, "importing again changes no row");
}

#[test]
fn an_overlapping_later_export_replaces_the_days_it_covers() {
    let mut db = db();
    import(
        &mut db,
        &[sample("ads/meta_ads_manager_by_day_en.csv")],
        None,
    )
    .unwrap();
    let s = import(
        &mut db,
        &[sample("ads/meta_ads_manager_by_day_en_later.csv")],
        None,
    )
    .unwrap();
    assert_eq!(totals(&s).1, 3, "{s:#?}");
    let all = campaigns(&db);
    // Nov 3 and 4 stay (29.25, 28.50); Nov 5 becomes 30.40; Nov 6 and 7 arrive (31.10, 33.00).
    let winter = named(&all, "Winter menu launch");
    assert_eq!(winter["spend"], "152.25");
    assert_eq!(winter["clicks"], 38 + 40 + 46 + 47 + 50);
    assert_eq!(winter["days_with_data"], 5);
    assert_eq!(
        named(&all, "Beans to go, 250 g")["spend"],
        "34.00",
        "other campaigns untouched"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM campaigns"),
        2,
        "matched by the ads manager's id"
    );
}

#[test]
fn other_languages_and_managers() {
    let mut db = db();
    let files: Vec<_> = [
        "meta_ads_manager_es.csv",
        "meta_ads_manager_ptbr_totals.csv",
        "tiktok_ads_manager_by_day.csv",
        "linkedin_campaign_manager_performance.csv",
        "google_ads_campaign_report.csv",
    ]
    .iter()
    .map(|f| sample(&format!("ads/{f}")))
    .collect();
    let s = import(&mut db, &files, None).unwrap();
    let formats: Vec<&str> = s
        .iter()
        .filter_map(|f| f.format.map(|f| f.as_str()))
        .collect();
    assert_eq!(
        formats,
        [
            "meta-ads",
            "meta-ads",
            "tiktok-ads",
            "linkedin-ads",
            "google-ads"
        ]
    );
    let all = campaigns(&db);
    let es = named(&all, "Café de otoño — tostado nuevo");
    assert_eq!(
        (es["spend"].as_str(), es["clicks"].as_i64()),
        (Some("41.00"), Some(60))
    );
    let pt = named(&all, "[LUMEN][ENGAJAMENTO][OUTONO]");
    assert_eq!(
        (pt["spend"].as_str(), pt["currency"].as_str()),
        (Some("162.40"), Some("BRL"))
    );
    assert!(
        pt["clicks"].is_null() && pt["cpc"].is_null(),
        "no clicks column: unknown"
    );
    assert_eq!(pt["first_day"], "2026-10-01");
    assert_eq!(pt["last_day"], "2026-10-31");
    let tt = named(&all, "Lumen latte art");
    assert_eq!(
        (tt["spend"].as_str(), tt["clicks"].as_i64()),
        (Some("39.00"), Some(97))
    );
    assert_eq!(tt["days_with_data"], 2, "ad rows of one day add up");
    let li = named(&all, "Hiring designers");
    assert_eq!(
        (li["spend"].as_str(), li["conversions"].as_i64()),
        (Some("420.00"), Some(6))
    );
    let g = named(&all, "Lumen beans, Search");
    assert_eq!(
        (g["spend"].as_str(), g["clicks"].as_i64()),
        (Some("412.36"), Some(1204))
    );
    assert_eq!(g["impressions"], 21_530);
    assert_eq!(g["revenue"], "1140.00");
    assert!(named(&all, "Lumen brand <2026")["clicks"].is_null());
    assert!(
        all.iter()
            .all(|c| !c["name"].as_str().unwrap().starts_with("Total")),
        "Total rows are not campaigns"
    );
    // The UTF-16 tab-separated download of the same report changes nothing.
    let again = import(
        &mut db,
        &[sample("ads/google_ads_campaign_report_utf16.csv")],
        None,
    )
    .unwrap();
    assert_eq!(totals(&again), (0, 0, 2, 0), "{again:#?}");
}

#[test]
fn no_data_is_said_not_failed() {
    let mut db = db();
    let s = import(&mut db, &[sample("ads/meta_ads_manager_no_data.csv")], None).unwrap();
    assert_eq!(totals(&s), (0, 0, 0, 0));
    assert!(
        s[0].notes.iter().any(|n| n.contains("No data available")),
        "{s:#?}"
    );
}

#[test]
fn refusals_name_file_line_and_field_and_change_nothing() {
    let mut db = db();
    import(
        &mut db,
        &[sample("ads/meta_ads_manager_by_day_en.csv")],
        None,
    )
    .unwrap();
    let before = checksum(&db);
    // The same campaign in another currency is refused, never summed.
    let text = std::fs::read_to_string(sample("ads/meta_ads_manager_by_day_en_later.csv")).unwrap();
    let usd = db.dir.path().join("later_usd.csv");
    std::fs::write(
        &usd,
        text.replace("Amount spent (EUR)", "Amount spent (USD)"),
    )
    .unwrap();
    let e = import(&mut db, &[usd], None).unwrap_err().to_string();
    assert!(
        e.contains("later_usd.csv") && e.contains("line 3") && e.contains("EUR"),
        "{e}"
    );
    // A bad amount names its line and column.
    let bad = db.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Campaign name,Amount spent (EUR),Reporting starts,Reporting ends\nA,1.00,2026-11-01,2026-11-01\nB,twelve,2026-11-01,2026-11-01\n",
    )
    .unwrap();
    let e = import(&mut db, &[bad], None).unwrap_err().to_string();
    assert!(
        e.contains("bad.csv, line 3, field \"Amount spent (EUR)\""),
        "{e}"
    );
    assert_eq!(checksum(&db), before);
}
