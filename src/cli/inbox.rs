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
    /// open (new and escalated), new, escalated, done, hidden+spam (or hidden, spam), all.
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
    // `new` is a status of its own: the open queue without the escalated items.
    let only_new = args.status == "new";
    let view = match args.status.as_str() {
        "hidden" | "spam" | "trash" => InboxView::Trash,
        "new" => InboxView::Open,
        other => InboxView::parse(other).ok_or_else(|| {
            anyhow::anyhow!(
                "unknown status {other:?}: use open, new, escalated, done, hidden+spam or all"
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
    let rows = read_rows(ctx, &filter, only_new, args.limit)?;
    let (rows, cut) = match rows.len() > args.limit {
        true => (&rows[..args.limit], true),
        false => (&rows[..], false),
    };
    if cut {
        eprintln!(
            "smmdeck: showing the first {}; more match (raise --limit)",
            rows.len()
        );
    }
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

/// Up to `limit + 1` rows (one more tells that the list was cut), a page at a time: `new`
/// skips the escalated items of the open queue as it goes.
fn read_rows(
    ctx: &Ctx,
    filter: &InboxFilter,
    only_new: bool,
    limit: usize,
) -> anyhow::Result<Vec<crate::store::InboxRow>> {
    let inbox = ctx.store.inbox();
    let want = limit.saturating_add(1);
    if !only_new {
        return Ok(inbox.page(filter, None, want)?);
    }
    let mut rows = Vec::new();
    let mut after = None;
    loop {
        let page = inbox.page(filter, after, want.min(1000))?;
        let last = page.last().map(|r| r.cursor(filter.view));
        let full = page.len() == want.min(1000);
        rows.extend(page.into_iter().filter(|r| r.status == "new"));
        if rows.len() >= want || !full {
            rows.truncate(want);
            return Ok(rows);
        }
        after = last;
    }
}
