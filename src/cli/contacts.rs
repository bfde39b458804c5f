//! `smmdeck contacts`: list, show, add, import a spreadsheet, export as CSV or vCard. Thin: the
//! store does the work, `import::contacts` reads lists, `report::vcard` writes cards.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use clap::{Args, Subcommand};

use super::Ctx;
use crate::domain::metrics::{compact, money};
use crate::domain::{ContactSort, Platform, Stage};
use crate::import::contacts::{ContactFile, RejectedRow};
use crate::store::{ContactFilter, ContactRow, Handle, NewContact, Store};
use crate::text::printable;

#[derive(Debug, Subcommand)]
pub enum ContactsCommand {
    /// List contacts (by name, or by the next follow-up with --due).
    List(ListArgs),
    /// One contact in full: handles, rates, collaborations, interactions.
    Show(ShowArgs),
    /// Add a contact.
    Add(AddArgs),
    /// Import a contacts spreadsheet saved as CSV.
    Import(ImportArgs),
    /// Export every contact as CSV or vCard 4.0.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this stage (prospect, contacted, negotiating, agreed, content_live, paid, declined,
    /// paused).
    #[arg(long)]
    stage: Option<String>,
    /// Only contacts whose follow-up is due today or earlier (soonest first).
    #[arg(long)]
    due: bool,
    /// Fuzzy search over name, handles, niche and notes (best match first).
    #[arg(long, value_name = "Q")]
    search: Option<String>,
    /// At most this many contacts.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print JSON for scripts.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The contact's id (from `contacts list`).
    id: i64,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    name: String,
    /// PLATFORM:HANDLE[:FOLLOWERS[:ER]], e.g. instagram:anna.k:12.5K:3.4%; repeat for more.
    #[arg(long = "handle", value_name = "PLATFORM:HANDLE[:FOLLOWERS]")]
    handles: Vec<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    niche: Option<String>,
    #[arg(long, default_value = "prospect")]
    stage: String,
    /// A day: 2026-12-03, +3d, mon, tomorrow.
    #[arg(long = "follow-up", value_name = "D")]
    follow_up: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A CSV file (comma, semicolon or tab; UTF-8, UTF-16, Windows-1251 or -1252).
    file: PathBuf,
    /// The platform of handles the file does not place (no Platform column, no profile links).
    #[arg(long, value_name = "P")]
    platform: Option<String>,
    /// Show what would change, and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import the rows that read cleanly and write the others to a rejects file.
    #[arg(long)]
    skip_invalid: bool,
    /// Where --skip-invalid writes the rejected rows (default FILE.rejects.csv beside it).
    #[arg(long, value_name = "FILE", requires = "skip_invalid")]
    rejects: Option<PathBuf>,
    /// Replace the rejects file if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, conflicts_with = "vcard", required_unless_present = "vcard")]
    csv: bool,
    /// vCard 4.0 (RFC 6350), one card per contact.
    #[arg(long)]
    vcard: bool,
    /// Write to FILE (0600, new) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "out")]
    force: bool,
}

pub fn run(ctx: &Ctx, cmd: ContactsCommand) -> anyhow::Result<()> {
    match cmd {
        ContactsCommand::List(a) => list(ctx, a),
        ContactsCommand::Show(a) => show(ctx, a),
        ContactsCommand::Add(a) => add(ctx, a),
        ContactsCommand::Import(a) => import(ctx, a),
        ContactsCommand::Export(a) => export(ctx, a),
    }
}

fn today(ctx: &Ctx) -> String {
    ctx.clock.today().format("%Y-%m-%d").to_string()
}

fn list(ctx: &Ctx, a: ListArgs) -> anyhow::Result<()> {
    let stage = match &a.stage {
        Some(s) => Some(Stage::parse_loose(s).ok_or_else(|| {
            anyhow!("--stage {s:?}: one of prospect, contacted, negotiating, agreed, content_live, paid, declined, paused")
        })?),
        None => None,
    };
    let filter = ContactFilter {
        stage,
        due_by: a.due.then(|| today(ctx)),
        ..Default::default()
    };
    let contacts = ctx.store.contacts();
    let sort = if a.due {
        ContactSort::FollowUp
    } else {
        ContactSort::Name
    };
    // One row more than asked tells whether the list was cut.
    let (mut rows, total) = match &a.search {
        Some(q) => {
            let (rows, _) = contacts.search(&filter, q, a.limit + 1)?;
            let total = contacts.count_matching(&ContactFilter {
                search: Some(q.clone()),
                ..filter.clone()
            })?;
            (rows, total)
        }
        None => (
            contacts.page(&filter, sort, None, a.limit + 1)?,
            contacts.count_matching(&filter)?,
        ),
    };
    if rows.len() > a.limit {
        rows.truncate(a.limit);
        eprintln!("{} of {total}; --limit", rows.len());
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    let day = today(ctx);
    for r in &rows {
        print_row(r, &day);
    }
    Ok(())
}

fn print_row(r: &ContactRow, today: &str) {
    let handle = match (&r.top_platform, &r.top_handle) {
        (Some(p), Some(h)) => format!("{} @{}", Platform::badge_of(p), printable(h)),
        _ => String::new(),
    };
    let due = match &r.follow_up_on {
        Some(d) if d.as_str() <= today => format!("{d} due"),
        Some(d) => d.clone(),
        None => String::new(),
    };
    println!(
        "{:>6}  {:<24} {:<12} {:<26} {:>7}  {due}",
        r.id,
        printable(&r.name),
        r.stage,
        handle,
        r.followers.map(compact).unwrap_or_else(|| "–".into()),
    );
}

fn show(ctx: &Ctx, a: ShowArgs) -> anyhow::Result<()> {
    let d = ctx.store.contacts().detail(a.id)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&d)?);
        return Ok(());
    }
    let dash = || "–".to_string();
    println!("{}  ({})  #{}", printable(&d.name), d.stage, d.id);
    for (label, v) in [
        ("niche", Some(d.niche.clone())),
        ("location", Some(d.location.clone())),
        ("language", Some(d.language.clone())),
        ("email", d.email.clone()),
        ("phone", d.phone.clone()),
        ("messenger", d.messenger.clone()),
        ("follow-up", d.follow_up_on.clone()),
        ("rating", d.rating.map(|r| r.to_string())),
    ] {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            println!("  {label:<10} {}", printable(&v));
        }
    }
    for h in &d.handles {
        println!(
            "  {:<10} @{}  {} followers  ER {}",
            h.platform,
            printable(&h.handle),
            h.followers.map(compact).unwrap_or_else(dash),
            h.engagement_rate
                .map(|e| format!("{:.1}%", e * 100.0))
                .unwrap_or_else(dash)
        );
    }
    for r in &d.rates {
        println!(
            "  rate       {} {} {}",
            r.format,
            money(r.price_minor),
            r.currency
        );
    }
    let cur = d.cost_currency.clone().unwrap_or_default();
    println!(
        "  cost per engagement {}  CPM {}",
        d.cost_per_engagement
            .map(|c| format!("{} {cur}", money(c.round() as i64)))
            .unwrap_or_else(dash),
        d.cost_per_mille
            .map(|c| format!("{} {cur}", money(c.round() as i64)))
            .unwrap_or_else(dash)
    );
    for k in &d.collaborations {
        println!(
            "  collab #{} {} {} due {} fee {} {}{} {}",
            k.id,
            k.status,
            printable(&k.deliverable),
            k.due_on.clone().unwrap_or_else(dash),
            k.fee_minor.map(money).unwrap_or_else(dash),
            k.currency,
            if k.barter.is_empty() {
                String::new()
            } else {
                format!(" + {}", printable(&k.barter))
            },
            if k.paid { "paid" } else { "unpaid" }
        );
    }
    for i in &d.interactions {
        println!(
            "  {}  {:<7} {}",
            ctx.clock.format(i.at, "%Y-%m-%d %H:%M"),
            i.channel,
            printable(&i.note)
        );
    }
    Ok(())
}

fn parse_handle(s: &str) -> anyhow::Result<Handle> {
    let (platform, handle, followers, engagement_rate) =
        crate::domain::contact::parse_handle_spec(s)
            .map_err(|why| anyhow!("--handle {s:?}: {why}"))?;
    Ok(Handle {
        platform,
        handle,
        followers,
        engagement_rate,
    })
}

fn add(ctx: &Ctx, a: AddArgs) -> anyhow::Result<()> {
    let follow_up_on = match &a.follow_up {
        Some(d) => Some(
            crate::domain::when::parse_day(d, ctx.clock.today())
                .map_err(|e| anyhow!("--follow-up: {e}"))?
                .format("%Y-%m-%d")
                .to_string(),
        ),
        None => None,
    };
    let new = NewContact {
        name: a.name,
        niche: a.niche.unwrap_or_default(),
        email: a.email,
        phone: a.phone,
        stage: a.stage,
        follow_up_on,
        handles: a
            .handles
            .iter()
            .map(|h| parse_handle(h))
            .collect::<anyhow::Result<_>>()?,
        ..Default::default()
    };
    let (id, _) = ctx
        .store
        .contacts()
        .create(&new, ctx.clock.now_ts())
        .map_err(|e| match e {
            crate::store::StoreError::Field { field, message } => {
                anyhow!("--{}: {message}", field.replace(' ', "-"))
            }
            other => other.into(),
        })?;
    if a.json {
        let row = ctx.store.contacts().row(id)?;
        println!("{}", serde_json::to_string_pretty(&row)?);
    } else {
        println!("contact {id} added");
    }
    Ok(())
}

fn import(ctx: &Ctx, a: ImportArgs) -> anyhow::Result<()> {
    let platform = match &a.platform {
        Some(p) => Some(
            Platform::parse_loose(p)
                .ok_or_else(|| anyhow!("--platform {p:?} is not a platform smmdeck knows"))?,
        ),
        None => None,
    };
    let shown = a.file.display().to_string();
    let bytes = std::fs::read(&a.file).with_context(|| format!("cannot read {shown}"))?;
    let file =
        crate::import::contacts::read(&bytes, platform).map_err(|e| anyhow!("{shown}: {e}"))?;
    if !file.rejected.is_empty() && !a.skip_invalid {
        let first = &file.rejected[0];
        bail!(
            "{shown}: line {}, {}: {}{}; nothing was imported. Fix the row, or pass \
             --skip-invalid to import the others and list the rejected rows in a file",
            first.line,
            if first.field.is_empty() {
                "row"
            } else {
                &first.field
            },
            first.message,
            match file.rejected.len() {
                1 => String::new(),
                n => format!(" (and {} more bad rows)", n - 1),
            }
        );
    }
    if a.skip_invalid && !file.rejected.is_empty() && !a.dry_run {
        let path = a
            .rejects
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{shown}.rejects.csv")));
        write_rejects(&path, &file, a.force)?;
        eprintln!(
            "{} bad row(s) written to {}",
            file.rejected.len(),
            path.display()
        );
    }
    let rows: Vec<NewContact> = file.contacts.iter().map(|(_, c)| c.clone()).collect();
    let counts = ctx
        .store
        .contacts()
        .import(&rows, ctx.clock.now_ts(), a.dry_run)?;
    println!(
        "{shown}: {} new, {} updated, {} unchanged, {} rejected{}",
        counts.new,
        counts.updated,
        counts.unchanged,
        file.rejected.len(),
        if a.dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        }
    );
    if !file.unknown_columns.is_empty() {
        println!(
            "  columns not imported: {}",
            file.unknown_columns.join(", ")
        );
    }
    for n in &file.notes {
        println!("  note: {n}");
    }
    Ok(())
}

fn write_rejects(path: &Path, file: &ContactFile, force: bool) -> anyhow::Result<()> {
    let out = crate::files::create_private(path, force).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow!(crate::files::exists_message(path))
        } else {
            anyhow!("cannot write {}: {e}", path.display())
        }
    })?;
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["line".to_string(), "problem".to_string()];
    header.extend(file.header.iter().cloned());
    w.write_record(&header)?;
    for RejectedRow {
        line,
        field,
        message,
        cells,
    } in &file.rejected
    {
        let mut rec = vec![line.to_string(), format!("{field}: {message}")];
        rec.extend(cells.iter().cloned());
        w.write_record(&rec)?;
    }
    w.flush()?;
    Ok(())
}

/// Calls `each` with every contact in full, by name, a page at a time.
fn each_contact(
    store: &Store,
    mut each: impl FnMut(&crate::store::ContactDetail) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let contacts = store.contacts();
    let all = ContactFilter::default();
    let mut after = None;
    let mut n = 0;
    loop {
        let page = contacts.page(&all, ContactSort::Name, after.as_ref(), 500)?;
        for r in &page {
            each(&contacts.detail(r.id)?)?;
            n += 1;
        }
        match page.last() {
            Some(last) if page.len() == 500 => after = Some(last.cursor(ContactSort::Name)),
            _ => return Ok(n),
        }
    }
}

fn export(ctx: &Ctx, a: ExportArgs) -> anyhow::Result<()> {
    let mut sink: Box<dyn Write> = match &a.out {
        Some(path) => Box::new(std::io::BufWriter::new(
            crate::files::create_private(path, a.force).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    anyhow!(crate::files::exists_message(path))
                } else {
                    anyhow!("cannot write {}: {e}", path.display())
                }
            })?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    let n = if a.vcard {
        each_contact(&ctx.store, |d| {
            sink.write_all(crate::report::vcard::card(d).as_bytes())?;
            Ok(())
        })?
    } else {
        let mut w = csv::Writer::from_writer(&mut sink);
        w.write_record([
            "name",
            "stage",
            "platform",
            "handle",
            "followers",
            "er",
            "email",
            "phone",
            "messenger",
            "niche",
            "location",
            "language",
            "rating",
            "follow_up",
            "notes",
            "other handles",
        ])?;
        let n = each_contact(&ctx.store, |d| {
            let top = d.handles.first();
            let opt = |v: &Option<String>| v.clone().unwrap_or_default();
            w.write_record([
                d.name.clone(),
                d.stage.clone(),
                top.map(|h| h.platform.clone()).unwrap_or_default(),
                top.map(|h| h.handle.clone()).unwrap_or_default(),
                top.and_then(|h| h.followers)
                    .map(|f| f.to_string())
                    .unwrap_or_default(),
                top.and_then(|h| h.engagement_rate)
                    .map(|e| format!("{:.2}%", e * 100.0))
                    .unwrap_or_default(),
                opt(&d.email),
                opt(&d.phone),
                opt(&d.messenger),
                d.niche.clone(),
                d.location.clone(),
                d.language.clone(),
                d.rating.map(|r| r.to_string()).unwrap_or_default(),
                opt(&d.follow_up_on),
                d.notes.clone(),
                // The rest as PLATFORM:HANDLE:FOLLOWERS:ER, so that a re-import finds them all.
                d.handles
                    .iter()
                    .skip(1)
                    .map(crate::domain::contact::handle_spec)
                    .collect::<Vec<_>>()
                    .join(" "),
            ])?;
            Ok(())
        })?;
        w.flush()?;
        n
    };
    sink.flush()?;
    if let Some(path) = &a.out {
        eprintln!("{n} contacts written to {}", path.display());
    }
    Ok(())
}
