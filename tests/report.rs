//! `smmdeck report` run as a user would, on the demo: the HTML's KPI figures are those of
//! `smmdeck analytics --json` for the same account and period (read back with an HTML parser),
//! the page needs nothing outside itself, every chart is an `<svg>`, an empty database gives a
//! report that says so, bad dates are named, files are private and never replaced unasked,
//! Markdown and CSV carry the same sections, and brands bring their name, logo and colour.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use chrono::Duration;
use scraper::{Html, Selector};
use smmdeck::clock::Clock;
use smmdeck::demo::{self, Scale};
use smmdeck::domain::kpi::show;
use smmdeck::store::Store;

/// Runs smmdeck in `dir` (reports land there) on `dir/demo.db`, in the demo's zone.
fn smmdeck(dir: &Path, config: &str, args: &[&str]) -> Output {
    let path = dir.join("config.toml");
    std::fs::write(&path, format!("timezone = \"Europe/Kyiv\"\n{config}")).unwrap();
    Command::new(env!("CARGO_BIN_EXE_smmdeck"))
        .current_dir(dir)
        .arg("--db")
        .arg(dir.join("demo.db"))
        .arg("--config")
        .arg(&path)
        .args(args)
        .output()
        .expect("smmdeck runs")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn demo_db(dir: &Path) {
    let mut store = Store::open(&dir.join("demo.db")).unwrap();
    demo::generate(&mut store, Scale::Small, &common::clock(), &mut |_| {}).unwrap();
}

/// A folder with the demo database, and the last 28 days.
fn demo_dir() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    let (from, to) = last_28();
    (dir, from, to)
}

/// The last 28 days as of the demo's day.
fn last_28() -> (String, String) {
    let today = common::clock().today();
    (
        (today - Duration::days(28)).to_string(),
        (today - Duration::days(1)).to_string(),
    )
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn attr_f64(v: Option<&str>) -> Option<f64> {
    v.filter(|s| !s.is_empty()).map(|s| s.parse().unwrap())
}

/// The same figure, allowing only for the last bit a JSON float may lose when parsed.
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-12 * x.abs().max(1.0),
        (x, y) => x == y,
    }
}

#[test]
fn kpis_of_one_account_equal_analytics_json() {
    let (dir, from, to) = demo_dir();
    let account = "@lumen.coffee";
    let json: serde_json::Value = serde_json::from_str(&ok(&smmdeck(
        dir.path(),
        "",
        &[
            "analytics",
            "--json",
            "--account",
            account,
            "--from",
            &from,
            "--to",
            &to,
        ],
    )))
    .unwrap();
    let out = ok(&smmdeck(
        dir.path(),
        "",
        &[
            "report",
            "--account",
            account,
            "--from",
            &from,
            "--to",
            &to,
            "--out",
            "r.html",
        ],
    ));
    assert_eq!(out.trim(), "r.html");
    let page = Html::parse_document(&std::fs::read_to_string(dir.path().join("r.html")).unwrap());
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "one account, no sum row");
    let row = &rows[0];
    let id = row["account_id"].as_i64().unwrap();
    let cards_of = sel(&format!(".kpis[data-account=\"{id}\"] .kpi"));
    let cards: Vec<_> = page.select(&cards_of).collect();
    let compare = row["compare"].as_array().unwrap();
    assert_eq!(cards.len(), compare.len());
    let mut with_data = 0;
    for c in compare {
        let name = c["name"].as_str().unwrap();
        let card = cards
            .iter()
            .find(|k| k.value().attr("data-name") == Some(name))
            .unwrap_or_else(|| panic!("no card for {name}"));
        let current = attr_f64(card.value().attr("data-current"));
        let previous = attr_f64(card.value().attr("data-previous"));
        assert!(
            same(current, c["current"].as_f64()),
            "{name} now: {current:?} {c}"
        );
        assert!(same(previous, c["previous"].as_f64()), "{name} before: {c}");
        let change = attr_f64(card.value().attr("data-change"));
        assert!(same(change, c["change"].as_f64()), "{name} change: {c}");
        let value: String = card.select(&sel(".value")).next().unwrap().text().collect();
        assert_eq!(value, show(name, c["current"].as_f64()), "{name} as shown");
        with_data += usize::from(current.is_some_and(|v| v > 0.0));
    }
    assert!(with_data >= 5, "the demo account has figures in the period");
    // The header names the period and the account.
    let header: String = page.select(&sel("header")).next().unwrap().text().collect();
    assert!(header.contains(&from) && header.contains(&to) && header.contains(account));
}

#[test]
fn the_page_is_self_contained_with_an_svg_per_chart() {
    let (dir, from, to) = demo_dir();
    ok(&smmdeck(
        dir.path(),
        "",
        &["report", "--from", &from, "--to", &to, "--out", "all.html"],
    ));
    let text = std::fs::read_to_string(dir.path().join("all.html")).unwrap();
    let page = Html::parse_document(&text);
    let charts: Vec<_> = page.select(&sel("div.chart")).collect();
    assert!(charts.len() >= 2, "followers and reach at least");
    for c in &charts {
        assert_eq!(
            c.select(&sel("svg")).count(),
            1,
            "{:?}",
            c.value().attr("data-chart")
        );
        assert!(c.select(&sel("svg polyline")).count() >= 1);
    }
    assert_eq!(page.select(&sel("script")).count(), 0);
    assert_eq!(page.select(&sel("link")).count(), 0, "styles are inline");
    for el in page.select(&sel("[src], [href]")) {
        for a in ["src", "href"] {
            if let Some(v) = el.value().attr(a) {
                assert!(v.starts_with("data:") || v.starts_with('#'), "{a}={v}");
            }
        }
    }
    for s in [
        "summary",
        "growth",
        "content",
        "community",
        "influencers",
        "campaigns",
    ] {
        assert_eq!(page.select(&sel(&format!("section#{s}"))).count(), 1, "{s}");
    }
    let style: String = page.select(&sel("style")).flat_map(|s| s.text()).collect();
    assert!(style.contains("@media print") && style.contains("break-before: page"));
    // ROMI: a percentage where revenue is known, "–" where not (never -100%).
    let romi: Vec<String> = page
        .select(&sel("table[data-table=results] tbody tr"))
        .map(|tr| tr.select(&sel("td")).last().unwrap().text().collect())
        .collect();
    assert!(
        romi.iter().any(|r| r == "–") && romi.iter().any(|r| r.ends_with('%')),
        "{romi:?}"
    );
    assert!(romi.iter().all(|r| !r.starts_with("-100")));
}

#[cfg(unix)]
#[test]
fn files_are_private_and_replaced_only_with_force() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    // The command reads the system clock: its default period is the 28 days before today in
    // Kyiv (the configured zone), which is not the demo's day, nor the UTC date after 22:00.
    let kyiv = || Clock::system().with_zone(chrono_tz::Europe::Kyiv).today();
    let before = kyiv();
    let first = smmdeck(dir.path(), "", &["report", "--format", "md"]);
    let name = ok(&first).trim().to_string();
    let named = |today: chrono::NaiveDate| {
        format!(
            "report-{}-{}.md",
            today - Duration::days(28),
            today - Duration::days(1)
        )
    };
    assert!(
        name == named(before) || name == named(kyiv()),
        "the default name: {name}"
    );
    let path = dir.path().join(&name);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    std::fs::write(&path, "mine").unwrap();
    let again = smmdeck(dir.path(), "", &["report", "--format", "md"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    ok(&smmdeck(
        dir.path(),
        "",
        &["report", "--format", "md", "--force"],
    ));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# All accounts")
    );
}

#[test]
fn an_empty_database_gives_a_report_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_smmdeck"))
        .current_dir(dir.path())
        .args([
            "--db",
            "empty.db",
            "--config",
            "none.toml",
            "report",
            "--out",
            "e.html",
        ])
        .output()
        .unwrap();
    ok(&o);
    let page = Html::parse_document(&std::fs::read_to_string(dir.path().join("e.html")).unwrap());
    let summary: String = page
        .select(&sel("section#summary"))
        .flat_map(|s| s.text())
        .collect();
    assert!(summary.contains("no accounts to report on"), "{summary}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing to report"));
}

#[test]
fn bad_dates_and_names_are_named() {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    let cases: [(&[&str], &str); 5] = [
        (&["--from", "2026-13-01"], "--from \"2026-13-01\""),
        (&["--to", "yesterday"], "--to \"yesterday\""),
        (
            &["--from", "2026-11-10", "--to", "2026-11-01"],
            "--from/--to",
        ),
        (&["--format", "pdf"], "--format \"pdf\""),
        (&["--section", "sales"], "--section \"sales\""),
    ];
    for (args, says) in cases {
        let mut all = vec!["report"];
        all.extend_from_slice(args);
        let o = smmdeck(dir.path(), "", &all);
        assert!(!o.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let reports = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("report")
        })
        .count();
    assert_eq!(reports, 0, "nothing written");
}

#[test]
fn markdown_and_csv_carry_the_sections() {
    let (dir, from, to) = demo_dir();
    std::fs::write(dir.path().join("notes.md"), "Next month: **more reels**.\n").unwrap();
    let md = ok(&smmdeck(
        dir.path(),
        "",
        &[
            "report", "--format", "md", "--out", "-", "--from", &from, "--to", &to, "--notes",
            "notes.md",
        ],
    ));
    for h in [
        "## Summary",
        "## Growth",
        "## Content",
        "## Community",
        "## Influencers",
        "## Campaigns",
        "## Notes",
        "| metric | this period | previous | change |",
        "Next month: **more reels**.",
    ] {
        assert!(md.contains(h), "{h}");
    }
    assert!(!md.contains("<svg"), "charts become figures");
    let written = ok(&smmdeck(
        dir.path(),
        "",
        &["report", "--format", "csv", "--out", "csv"],
    ));
    assert_eq!(written.lines().count(), 6, "{written}");
    let summary = std::fs::read_to_string(dir.path().join("csv/summary.csv")).unwrap();
    assert!(summary.starts_with("table,account,metric,current,previous,change\n"));
    assert!(summary.contains("kpis,all accounts,reach,"));
    let one = ok(&smmdeck(
        dir.path(),
        "",
        &[
            "report",
            "--format",
            "csv",
            "--section",
            "campaigns",
            "--out",
            "c.csv",
        ],
    ));
    assert_eq!(one.trim(), "c.csv");
    let mut rd = csv::Reader::from_path(dir.path().join("c.csv")).unwrap();
    let head = rd.headers().unwrap().clone();
    assert_eq!(&head[0], "table");
    assert!(head.iter().any(|h| h == "ROMI") && rd.records().count() >= 1);
}

#[test]
fn a_brand_brings_its_accounts_name_logo_and_colour() {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    std::fs::write(dir.path().join("logo.png"), [0x89, b'P', b'N', b'G', 0, 1]).unwrap();
    let config = "[brands.\"Pixel Bikes\"]\nname = \"Pixel Bikes GmbH\"\nlogo = \"logo.png\"\n\
                  accent = \"#AA3300\"\n";
    ok(&smmdeck(
        dir.path(),
        config,
        &["report", "--brand", "Pixel Bikes", "--out", "b.html"],
    ));
    let text = std::fs::read_to_string(dir.path().join("b.html")).unwrap();
    let page = Html::parse_document(&text);
    let h1: String = page.select(&sel("h1")).flat_map(|h| h.text()).collect();
    assert_eq!(h1, "Pixel Bikes GmbH");
    let img = page.select(&sel("header img")).next().unwrap();
    assert_eq!(
        img.value().attr("src"),
        Some("data:image/png;base64,iVBORwAB")
    );
    assert!(text.contains("--accent: #aa3300;"));
    let accounts: Vec<_> = page
        .select(&sel(".kpis"))
        .filter_map(|k| k.value().attr("data-account"))
        .collect();
    assert_eq!(
        accounts.len(),
        3,
        "the sum and the brand's two accounts: {accounts:?}"
    );
    let o = smmdeck(dir.path(), config, &["report", "--brand", "Nobody"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("--brand \"Nobody\""));
    let bad = smmdeck(
        dir.path(),
        "[brands.x]\naccent = \"red;}\"\n",
        &["report", "--brand", "x"],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("[brands.x] accent"));
}

#[test]
fn stored_text_is_escaped() {
    let (dir, from, to) = demo_dir();
    ok(&smmdeck(
        dir.path(),
        "",
        &[
            "campaigns",
            "add",
            "--name",
            "<img src=x onerror=alert(1)>",
            "--from",
            &from,
            "--to",
            &to,
        ],
    ));
    ok(&smmdeck(
        dir.path(),
        "",
        &["report", "--out", "x.html", "--from", &from, "--to", &to],
    ));
    let text = std::fs::read_to_string(dir.path().join("x.html")).unwrap();
    assert!(!text.contains("<img src=x"));
    let page = Html::parse_document(&text);
    assert_eq!(page.select(&sel("img")).count(), 0);
    let names: String = page
        .select(&sel("section#campaigns td"))
        .flat_map(|t| t.text())
        .collect();
    assert!(
        names.contains("<img src=x onerror=alert(1)>"),
        "shown as text"
    );
}

#[test]
fn r_in_the_analytics_tab_writes_beside_the_database_and_replaces_nothing() {
    use smmdeck::config::Config;
    use smmdeck::tui::app::App;
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    let store = Store::open(&dir.path().join("demo.db")).unwrap();
    let mut app = App::new(store, common::clock(), Config::default()).unwrap();
    common::press(&mut app, "5R");
    // Written on a thread of its own (a quarter of a second at the large demo), the screen
    // live meanwhile and saying so.
    let screen = common::text(&common::draw(&app, 160, 45));
    assert!(screen.contains("writing the report for"), "{screen}");
    common::wait_for_job(&mut app);
    let screen = common::text(&common::draw(&app, 160, 45));
    assert!(screen.contains("report written to"), "{screen}");
    let (from, to) = last_28();
    let reports = dir.path().join("reports");
    let first = reports.join(format!("report-{from}-{to}.html"));
    let page = Html::parse_document(&std::fs::read_to_string(&first).unwrap());
    assert_eq!(page.select(&sel("section#summary")).count(), 1);
    common::press(&mut app, "aR");
    common::wait_for_job(&mut app);
    let second = reports.join(format!("report-{from}-{to}-2.html"));
    let one = std::fs::read_to_string(&second).unwrap();
    assert!(
        one.contains("<h1>IG @lumen.coffee</h1>"),
        "the filtered account's report"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&second).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

/// The influencers section's rows: collaborations due in the period (or posted in it), late
/// by the contacts' own rule, and only those of the accounts asked for.
#[test]
fn the_period_s_collaborations_with_lateness_and_scope() {
    let mut s = Store::open_in_memory().unwrap();
    let clock = common::clock();
    demo::generate(&mut s, Scale::Small, &clock, &mut |_| {}).unwrap();
    let (from, to, today) = ("2026-10-01", "2026-11-25", "2026-11-26");
    let (start, end) = clock.span("2026-10-01".parse().unwrap(), "2026-11-25".parse().unwrap());
    let all = s
        .contacts()
        .collaborations_of_period(
            (from, to),
            (start, end),
            &smmdeck::store::Scope::All,
            today,
            500,
        )
        .unwrap();
    assert!(!all.is_empty());
    for c in &all {
        if let Some(due) = &c.due_on {
            assert!(
                due.as_str() >= from && due.as_str() <= to || c.link.is_some(),
                "{c:?}"
            );
        }
        let late = c.status == "late"
            || (c.status == "planned" && c.due_on.as_deref().is_some_and(|d| d < today));
        assert_eq!(c.late, late, "{c:?}");
        if let (Some(fee), Some(e)) = (c.fee_minor, c.engagements) {
            assert_eq!(c.cpe(), smmdeck::domain::metrics::cpe(fee, e));
        }
    }
    // Every account's share together is no more than all of them, and none is outside.
    let ids: Vec<i64> = s.accounts().list().unwrap().iter().map(|a| a.id).collect();
    let mut union: Vec<i64> = Vec::new();
    for id in &ids {
        let one = s
            .contacts()
            .collaborations_of_period(
                (from, to),
                (start, end),
                &smmdeck::store::Scope::Only(vec![*id]),
                today,
                500,
            )
            .unwrap();
        union.extend(one.iter().map(|c| c.id));
    }
    union.sort_unstable();
    union.dedup();
    assert!(union.iter().all(|id| all.iter().any(|c| c.id == *id)));
    let none = s
        .contacts()
        .collaborations_of_period(
            (from, to),
            (start, end),
            &smmdeck::store::Scope::Only(vec![]),
            today,
            500,
        )
        .unwrap();
    assert!(none.is_empty());
}
