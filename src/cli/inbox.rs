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
    /// One item in full: a conversation with every message, a comment with its replies.
    Show(super::inbox_show::ShowArgs),
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
    /// Only items carrying this label.
    #[arg(long, value_name = "LABEL")]
    label: Option<String>,
    /// Only items of this kind: comment, reply, dm, mention or review.
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// Only conversations (the DMs of a thread, one item each), with how many messages each
    /// holds and how many are the account's own.
    #[arg(long)]
    conversation: bool,
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
        InboxCommand::Show(args) => super::inbox_show::run(ctx, args),
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
        search: search_of(&args)?,
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
    if args.conversation {
        return super::inbox_show::list_conversations(ctx, rows, args.json);
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

/// `--search` with `--label`, `--kind` and `--conversation` as the search's own terms
/// (`#billing kind:dm`), so that they narrow together; a bad value says what it takes.
fn search_of(args: &ListArgs) -> anyhow::Result<Option<String>> {
    let mut terms: Vec<String> = args.search.iter().cloned().collect();
    if let Some(label) = &args.label {
        let label = label.trim().trim_start_matches('#');
        if label.is_empty() || label.contains(char::is_whitespace) {
            anyhow::bail!("--label {label:?}: give one label, without spaces");
        }
        terms.push(format!("#{label}"));
    }
    if let Some(kind) = &args.kind {
        let known = crate::domain::InboxKind::parse(kind.trim()).ok_or_else(|| {
            anyhow::anyhow!("--kind {kind:?}: use comment, reply, dm, mention or review")
        })?;
        terms.push(format!("kind:{known}"));
    }
    if args.conversation {
        terms.push("kind:dm".into());
    }
    let text = terms.join(" ");
    crate::domain::inbox_query::InboxQuery::parse(&text).map_err(anyhow::Error::msg)?;
    Ok((!text.trim().is_empty()).then_some(text))
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
