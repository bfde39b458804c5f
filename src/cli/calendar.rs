//! `smmdeck calendar export --ics | --csv`: the content plan as an iCalendar feed for calendar
//! apps, or as a spreadsheet for a planning meeting (drafts and ideas too, with `--status`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};

use super::Ctx;
use crate::domain::PostStatus;
use crate::store::PostFilter;

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Export the plan: scheduled posts for a calendar app (--ics), or any statuses as CSV.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write iCalendar (RFC 5545) for a calendar app.
    #[arg(long, conflicts_with = "csv")]
    ics: bool,
    /// Write CSV (one post a row, times in each account's zone) for a spreadsheet.
    #[arg(long)]
    csv: bool,
    /// Statuses to include, with commas: draft,idea for a planning meeting. Default: scheduled
    /// for --ics, every status but archived for --csv.
    #[arg(long, value_name = "S")]
    status: Option<String>,
    /// Only this account: handle, label or id.
    #[arg(long, value_name = "A")]
    account: Option<String>,
    /// Write to FILE (0600, new) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "out")]
    force: bool,
}

pub fn run(ctx: &Ctx, cmd: CalendarCommand) -> anyhow::Result<()> {
    let CalendarCommand::Export(args) = cmd;
    if !args.ics && !args.csv {
        bail!("choose a format: --ics (calendar apps) or --csv (spreadsheets)");
    }
    let statuses = match &args.status {
        Some(s) => super::posts::parse_statuses(s)?,
        None if args.ics => vec![PostStatus::Scheduled],
        None => PostStatus::ALL
            .iter()
            .copied()
            .filter(|s| *s != PostStatus::Archived)
            .collect(),
    };
    let filter = PostFilter {
        account: match &args.account {
            Some(a) => Some(super::posts::find_account(&ctx.store, a)?.id),
            None => None,
        },
        statuses,
        ..Default::default()
    };
    // A feed holds what is scheduled, which is weeks of posts, not the archive: paging keeps
    // the memory bounded all the same.
    let posts = ctx.store.posts();
    let mut rows = Vec::new();
    let mut after = None;
    loop {
        let page = posts.list(&filter, after, 1000)?;
        let full = page.len() == 1000;
        after = page
            .last()
            .map(|p| (p.scheduled_at.unwrap_or_default(), p.id));
        rows.extend(page);
        if !full {
            break;
        }
    }
    let text = if args.csv {
        let zones = ctx
            .store
            .accounts()
            .list()?
            .into_iter()
            .filter_map(|a| a.timezone.map(|z| (a.id, z)))
            .collect();
        crate::report::plan_csv::write(&rows, &zones, &ctx.clock)?
    } else {
        crate::report::ics::feed(&rows, ctx.clock.now_ts())
    };
    match &args.out {
        Some(path) => {
            let mut file = crate::files::create_private(path, args.force).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    anyhow::anyhow!(crate::files::exists_message(path))
                } else {
                    anyhow::anyhow!("cannot write {}: {e}", path.display())
                }
            })?;
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .with_context(|| format!("writing {}", path.display()))?;
            let what = if args.csv { "posts" } else { "events" };
            eprintln!("{} {what} written to {}", rows.len(), path.display());
        }
        None => super::print_quietly(&text)?,
    }
    Ok(())
}
