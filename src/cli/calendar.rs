//! `smmdeck calendar export --ics`: the scheduled posts as an iCalendar feed.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};

use super::Ctx;
use crate::store::PostFilter;

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Export scheduled posts for a calendar app.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write iCalendar (RFC 5545), the one format there is for now.
    #[arg(long)]
    ics: bool,
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
    if !args.ics {
        bail!("choose a format: --ics");
    }
    let filter = PostFilter {
        account: match &args.account {
            Some(a) => Some(super::posts::find_account(&ctx.store, a)?.id),
            None => None,
        },
        status: Some("scheduled".into()),
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
    let text = crate::report::ics::feed(&rows, ctx.clock.now_ts());
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
            eprintln!("{} events written to {}", rows.len(), path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}
