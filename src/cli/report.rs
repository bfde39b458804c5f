//! `smmdeck report`: a client report of a period for some accounts (or a brand's), as one
//! HTML page, Markdown, or CSV files; files are private and never replaced without --force.

use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use super::Ctx;
use super::analytics::day;
use super::posts::find_account;
use crate::domain::period::Period;
use crate::report::client::{self, Format, Request, Section, brand::brand};
use crate::store::Scope;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// An account (handle, label or id); repeat for several. Default: every account (or the
    /// brand's).
    #[arg(long, value_name = "A")]
    account: Vec<String>,
    /// The brand whose accounts to report on; its name, logo and colour come from
    /// `[brands.NAME]` in config.toml.
    #[arg(long, value_name = "B")]
    brand: Option<String>,
    /// First day, YYYY-MM-DD (default: 28 days before yesterday).
    #[arg(long, value_name = "D")]
    from: Option<String>,
    /// Last day, YYYY-MM-DD, included (default: yesterday).
    #[arg(long, value_name = "D")]
    to: Option<String>,
    /// html (one self-contained page), md (Markdown) or csv (one file per section).
    #[arg(long, default_value = "html", value_name = "F")]
    format: String,
    /// Where to write it (a folder for CSV of several sections); `-` prints it. Default:
    /// report-FROM-TO.html in the current folder.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    force: bool,
    /// A Markdown file whose text becomes the report's notes.
    #[arg(long, value_name = "FILE")]
    notes: Option<PathBuf>,
    /// Only this section (summary, growth, content, community, influencers, campaigns,
    /// notes); repeat for several.
    #[arg(long, value_name = "NAME")]
    section: Vec<String>,
}

fn sections(names: &[String]) -> anyhow::Result<Vec<Section>> {
    if names.is_empty() {
        return Ok(Section::ALL.to_vec());
    }
    names
        .iter()
        .map(|n| {
            Section::parse(n).ok_or_else(|| {
                let all: Vec<&str> = Section::ALL.iter().map(|s| s.name()).collect();
                anyhow::anyhow!(
                    "--section {n:?}: not a section; use one of {}",
                    all.join(", ")
                )
            })
        })
        .collect()
}

pub fn run(ctx: &Ctx, args: ReportArgs) -> anyhow::Result<()> {
    let format = Format::parse(&args.format)
        .ok_or_else(|| anyhow::anyhow!("--format {:?}: use html, md or csv", args.format))?;
    let period = Period::between(
        day("from", &args.from)?,
        day("to", &args.to)?,
        ctx.clock.today(),
    )
    .map_err(|e| anyhow::anyhow!("--from/--to: {e}"))?;
    let mut sections = sections(&args.section)?;
    let notes = match &args.notes {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("--notes {}: {e}", path.display()))?,
        ),
        None => None,
    };
    if notes.is_none() && args.section.is_empty() {
        sections.retain(|s| *s != Section::Notes);
    }
    let mut ids = Vec::new();
    for a in &args.account {
        ids.push(find_account(&ctx.store, a)?.id);
    }
    let mut branding = client::Brand::default();
    if let Some(b) = &args.brand {
        let accounts = ctx.store.accounts().list()?;
        let of_brand: Vec<i64> = accounts
            .iter()
            .filter(|a| a.brand.eq_ignore_ascii_case(b.trim()))
            .map(|a| a.id)
            .collect();
        let configured = ctx.config.brands.get(b.trim());
        if of_brand.is_empty() && configured.is_none() {
            bail!("--brand {b:?}: no account has this brand and config.toml has no [brands.{b}]");
        }
        if ids.is_empty() {
            ids = of_brand;
        }
        branding = brand(b.trim(), configured, ctx.config.dir.as_deref())
            .map_err(|e| anyhow::anyhow!("config.toml: {e}"))?;
    }
    ids.sort_unstable();
    ids.dedup();
    let scope = if ids.is_empty() && args.brand.is_none() {
        Scope::All
    } else {
        Scope::Only(ids)
    };
    let request = Request {
        scope,
        period,
        brand: branding,
        sections,
        targets: client::targets(&ctx.config.inbox),
        notes,
    };
    let report = client::gather(&ctx.store, &request, &ctx.clock)?;
    if args.out.as_deref() == Some(std::path::Path::new("-")) {
        print!("{}", client::render(&report, format));
        return Ok(());
    }
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from(client::default_name(&report, format)));
    let written = client::write(&report, format, &out, args.force)?;
    for path in &written {
        println!("{}", path.display());
    }
    if report.is_empty() {
        eprintln!(
            "smmdeck: nothing to report for {}: the report says so",
            period.range_text()
        );
    }
    Ok(())
}
