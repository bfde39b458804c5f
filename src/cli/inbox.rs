use clap::{Args, Subcommand};

use super::Ctx;
use crate::domain::{InboxStatus, InboxView};
use crate::store::InboxFilter;
use crate::text::printable;

#[derive(Debug, Subcommand)]
pub enum InboxCommand {
    /// List inbox items (urgent first for open items, newest first otherwise).
    List(ListArgs),
    /// Set an item's status.
    Set(SetArgs),
    /// Run the `[[inbox.rules]]` of config.toml over the whole inbox.
    ApplyRules(super::inbox_rules::ApplyRulesArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// open (new and escalated), escalated, done, hidden+spam (or hidden, spam), all.
    #[arg(long, default_value = "open")]
    status: String,
    /// Only this account (handle).
    #[arg(long)]
    account: Option<String>,
    /// Words to find in author and text.
    #[arg(long)]
    search: Option<String>,
    /// At most this many items.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print JSON for scripts.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The item's id (from `inbox list`).
    id: i64,
    /// new, done, hidden, spam or escalated.
    #[arg(long)]
    status: String,
}

pub fn run(ctx: &Ctx, cmd: InboxCommand) -> anyhow::Result<()> {
    match cmd {
        InboxCommand::List(args) => list(ctx, args),
        InboxCommand::ApplyRules(args) => super::inbox_rules::run(ctx, args),
        InboxCommand::Set(args) => {
            let status = InboxStatus::parse(&args.status).ok_or_else(|| {
                anyhow::anyhow!(
                    "unknown status {:?}: use new, done, hidden, spam or escalated",
                    args.status
                )
            })?;
            ctx.store
                .inbox()
                .set_status(args.id, status, ctx.clock.now_ts())?;
            println!("item {} is now {status}", args.id);
            Ok(())
        }
    }
}

fn list(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let view = match args.status.as_str() {
        "hidden" | "spam" | "trash" => InboxView::Trash,
        other => InboxView::parse(other).ok_or_else(|| {
            anyhow::anyhow!(
                "unknown status {other:?}: use open, escalated, done, hidden+spam or all"
            )
        })?,
    };
    let account = match &args.account {
        Some(h) => Some(
            ctx.store
                .accounts()
                .find_by_handle(h, None)?
                .ok_or_else(|| {
                    anyhow::anyhow!("no account with handle {h:?} (see `smmdeck accounts list`)")
                })?
                .id,
        ),
        None => None,
    };
    let filter = InboxFilter {
        view,
        account,
        search: args.search.clone(),
    };
    let rows = ctx.store.inbox().page(&filter, None, args.limit)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    let now = ctx.clock.now_ts();
    for r in rows {
        println!(
            "{:>7}  {:<9} {:>4}  {:<2} @{:<16} {:<8} {:<18} {}",
            r.id,
            r.status,
            crate::domain::age::short_age(now - r.received_at),
            crate::domain::Platform::badge_of(&r.platform),
            printable(&r.handle),
            r.priority_reason,
            printable(&r.author_name),
            printable(r.body.lines().next().unwrap_or(""))
        );
    }
    Ok(())
}
