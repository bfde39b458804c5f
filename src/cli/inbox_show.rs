//! `smmdeck inbox show ID [--json]`: one item in full — a conversation with every message (the
//! account's own marked, system lines as such), a comment with the replies under it, its post
//! and its history — and the conversation columns of `inbox list --conversation`. Every stored
//! text goes out through the sanitiser.

use clap::Args;
use serde::Serialize;

use super::Ctx;
use crate::store::{ConversationSize, InboxRow, ItemEvent, ItemPost, ThreadMessage};
use crate::text::printable;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The item's id (from `inbox list`).
    id: i64,
    /// Print JSON for scripts.
    #[arg(long)]
    json: bool,
}

/// Messages read per statement while printing a long conversation.
const PAGE: usize = 500;
/// A comment thread is read whole up to this many comments.
const THREAD_MAX: usize = 10_000;

#[derive(Serialize)]
struct Shown<'a> {
    item: &'a InboxRow,
    /// Set for a conversation.
    conversation: Option<ConversationSize>,
    /// The conversation's messages, or the comment and the replies under it, oldest first.
    messages: Vec<ThreadMessage>,
    post: Option<ItemPost>,
    events: Vec<ItemEvent>,
}

pub fn run(ctx: &Ctx, args: ShowArgs) -> anyhow::Result<()> {
    let inbox = ctx.store.inbox();
    let item = inbox.get(args.id)?;
    let conversation = match item.kind.as_str() {
        "dm" => Some(inbox.conversation_size(item.id)?).filter(|s| s.messages > 0),
        _ => None,
    };
    let messages = match (&conversation, &item.thread_key) {
        (Some(_), _) => {
            let mut all: Vec<ThreadMessage> = Vec::new();
            loop {
                let page = inbox.conversation_page(item.id, all.last(), PAGE)?;
                let full = page.len() == PAGE;
                all.extend(page);
                if !full {
                    break all;
                }
            }
        }
        (None, Some(key)) => inbox.thread(key, THREAD_MAX)?,
        (None, None) => Vec::new(),
    };
    let post = match item.post_id {
        Some(p) => inbox.post_of(p)?,
        None => None,
    };
    let events = inbox.events(item.id, 1_000)?;
    let shown = Shown {
        item: &item,
        conversation,
        messages,
        post,
        events,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&shown)?);
        return Ok(());
    }
    print_text(ctx, &shown);
    Ok(())
}

fn print_text(ctx: &Ctx, s: &Shown<'_>) {
    let item = s.item;
    let when = |t: i64| ctx.clock.format(t, "%d %b %Y %H:%M");
    println!(
        "#{} · {} @{} · {} · {}{}",
        item.id,
        crate::domain::Platform::badge_of(&item.platform),
        printable(&item.handle),
        item.kind,
        item.status,
        if item.priority_reason.is_empty() {
            String::new()
        } else {
            format!(" · {}", item.priority_reason)
        }
    );
    let handle = item
        .author_handle
        .as_deref()
        .map(|h| format!(" @{}", printable(h)))
        .unwrap_or_default();
    println!("{}{handle}", printable(&item.author_name));
    match &s.conversation {
        Some(c) => println!(
            "conversation · {} messages · {} from the account",
            c.messages, c.own
        ),
        None => println!("received {}", when(item.received_at)),
    }
    if !item.labels.is_empty() {
        println!("labels: {}", printable(&item.labels));
    }
    if let Some(t) = item.replied_at {
        println!("first reply: {}", when(t));
    }
    println!("times in {}", ctx.clock.zone_name());
    if let Some(p) = &s.post {
        let caption = if p.title.trim().is_empty() {
            &p.caption
        } else {
            &p.title
        };
        println!(
            "on post: {}",
            printable(caption.lines().next().unwrap_or(""))
        );
        if let Some(link) = &p.permalink {
            println!("{}", printable(link));
        }
    }
    if s.messages.is_empty() {
        println!();
        for l in item.body.lines() {
            println!("  {}", printable(l));
        }
    }
    for m in &s.messages {
        println!();
        let who = if m.from_self {
            format!("{} (the account)", printable(&m.author_name))
        } else {
            printable(&m.author_name).into_owned()
        };
        if m.system {
            println!(
                "· {} {who}: {}",
                when(m.received_at),
                printable(&m.body.replace('\n', " "))
            );
            continue;
        }
        let mark = if !m.from_self && m.id == item.id && s.conversation.is_none() {
            "  ← this item"
        } else {
            ""
        };
        let own = if m.from_self { "» " } else { "" };
        println!("{own}{} {who}{mark}", when(m.received_at));
        for l in m.body.lines() {
            println!("  {}", printable(l));
        }
    }
    if let Some(reply) = &item.reply_text {
        println!();
        println!("reply written in smmdeck:");
        for l in reply.lines() {
            println!("  {}", printable(l));
        }
    }
    if !s.events.is_empty() {
        println!();
        println!("history:");
        for e in &s.events {
            let detail = if e.detail.is_empty() {
                String::new()
            } else {
                format!(": {}", printable(&e.detail.replace('\n', " ")))
            };
            println!("  {} {}{detail}", when(e.at), e.action);
        }
    }
}

#[derive(Serialize)]
struct ConversationRow<'a> {
    #[serde(flatten)]
    item: &'a InboxRow,
    messages: i64,
    own: i64,
}

/// `inbox list --conversation`: each conversation with its size.
pub fn list_conversations(ctx: &Ctx, rows: &[InboxRow], json: bool) -> anyhow::Result<()> {
    let inbox = ctx.store.inbox();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let size = inbox.conversation_size(r.id)?;
        out.push(ConversationRow {
            item: r,
            messages: size.messages,
            own: size.own,
        });
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let now = ctx.clock.now_ts();
    for c in &out {
        let r = c.item;
        println!(
            "{:>7}  {:<9} {:>4}  {:<2} @{:<16} {:>4} msgs {:>3} own  {:<18} {}",
            r.id,
            r.status,
            crate::domain::age::short_age(now - r.received_at),
            crate::domain::Platform::badge_of(&r.platform),
            printable(&r.handle),
            c.messages,
            c.own,
            printable(&r.author_name),
            printable(r.body.lines().next().unwrap_or(""))
        );
    }
    Ok(())
}
