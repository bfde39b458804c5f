//! `smmdeck today`: the Today tab's sections as text or JSON, for a shell prompt, a cron job or
//! a morning e-mail. The same digest the tab draws (report::today), so the two never disagree.

use clap::Args;

use super::Ctx;
use super::posts::find_account;
use crate::report::today::{Digest, Entry, digest};
use crate::text::{one_line, printable, truncate};

#[derive(Debug, Args)]
pub struct TodayArgs {
    /// One account (handle, label or id); default: every account.
    #[arg(long, value_name = "H")]
    account: Option<String>,
    /// How many entries each section lists at most (the totals count all).
    #[arg(long, default_value_t = 8, value_name = "N")]
    limit: usize,
    /// Print JSON for scripts.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, args: TodayArgs) -> anyhow::Result<()> {
    let account = match &args.account {
        Some(a) => Some(find_account(&ctx.store, a)?.id),
        None => None,
    };
    let digest = digest(&ctx.store, &ctx.clock, account, args.limit)?;
    let cut: Vec<String> = digest
        .sections
        .iter()
        .filter(|s| s.total > s.entries.len() as i64)
        .map(|s| format!("{}: {} of {}", s.title, s.entries.len(), s.total))
        .collect();
    if args.json {
        super::print_quietly(&format!("{}\n", serde_json::to_string_pretty(&digest)?))?;
    } else {
        super::print_quietly(&text(ctx, &digest))?;
    }
    if !cut.is_empty() {
        eprintln!("smmdeck: {}; --limit", cut.join(", "));
    }
    Ok(())
}

/// The digest as the tab shows it, one line per entry, stored text made printable.
fn text(ctx: &Ctx, digest: &Digest) -> String {
    let clock = &ctx.clock;
    let mut out = format!("{}  {}\n", digest.date, digest.progress.line());
    for s in &digest.sections {
        out.push_str(&format!("\n{} · {}\n", s.title, s.total));
        for e in &s.entries {
            let line = match e {
                Entry::Post {
                    at,
                    date_only,
                    platform,
                    handle,
                    status,
                    headline,
                    ..
                } => {
                    let when = if *date_only {
                        clock.format(*at, "%Y-%m-%d")
                    } else {
                        clock.format(*at, "%Y-%m-%d %H:%M")
                    };
                    format!("{when}  {platform} @{handle}  {status}  {headline}")
                }
                Entry::Comment {
                    at,
                    platform,
                    author,
                    body,
                    ..
                } => format!(
                    "{}  {platform} {author}: {body}",
                    clock.format(*at, "%Y-%m-%d %H:%M")
                ),
                Entry::FollowUp {
                    name, due, stage, ..
                } => format!("{due}  {name} ({stage})"),
                Entry::Late {
                    name,
                    due,
                    deliverable,
                    ..
                } => format!("{due}  {name}: {deliverable}"),
                Entry::Campaign {
                    name, pace, spent, ..
                } => format!("{name}  {}  {spent}", pace.label()),
            };
            out.push_str("  ");
            out.push_str(&truncate(&one_line(&printable(&line)), 160));
            out.push('\n');
        }
    }
    out
}
