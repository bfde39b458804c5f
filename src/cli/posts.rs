//! `smmdeck posts list` and `smmdeck posts add`: the content plan from scripts.

use std::io::Read;
use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::{NaiveDate, NaiveTime};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::Ctx;
use crate::clock::Clock;
use crate::domain::when::parse_when;
use crate::domain::{PostFormat, PostStatus};
use crate::store::{Account, PostEdit, PostFilter, PostRow, Store};
use crate::text::printable;

/// Rows read per query while listing: the output streams, the table is never loaded whole.
const PAGE: usize = 1000;

#[derive(Debug, Subcommand)]
pub enum PostsCommand {
    /// List posts by their slot, oldest first.
    List(ListArgs),
    /// Add a post to the plan.
    Add(AddArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// First day (2026-12-01, today, -7d); in your time zone.
    #[arg(long, value_name = "D")]
    from: Option<String>,
    /// Last day, included.
    #[arg(long, value_name = "D")]
    to: Option<String>,
    /// Account: handle (lumen.coffee), label ("IG @lumen.coffee") or id.
    #[arg(long, value_name = "A")]
    account: Option<String>,
    /// idea, draft, ready, scheduled, published, failed or archived; several with commas.
    #[arg(long, value_name = "S")]
    status: Option<String>,
    /// Print JSON for scripts.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Account: handle, label or id.
    #[arg(long, value_name = "A")]
    account: String,
    /// When it goes out, in the account's time zone (yours when it has none): "2026-12-01
    /// 18:30", "+2d 18:30", "tomorrow 9:00".
    #[arg(long, value_name = "WHEN")]
    at: String,
    /// post, reel, story, carousel, video, short, thread or article.
    #[arg(long, default_value = "post")]
    format: String,
    /// A file holding the caption ("-" reads standard input).
    #[arg(long, value_name = "F")]
    caption_file: Option<PathBuf>,
    /// idea, draft, ready or scheduled; ready and scheduled need a caption within limits.
    #[arg(long, default_value = "draft")]
    status: String,
    #[arg(long, default_value = "")]
    title: String,
    /// Content pillar (education, promo, behind the scenes, ...).
    #[arg(long, default_value = "")]
    pillar: String,
    #[arg(long, default_value = "")]
    tags: String,
}

/// A post as `--json` prints it: the row plus its slot in its account's zone, named.
#[derive(Serialize)]
struct JsonPost<'a> {
    #[serde(flatten)]
    post: &'a PostRow,
    scheduled_local: Option<String>,
    zone: String,
}

pub fn run(ctx: &Ctx, cmd: PostsCommand) -> anyhow::Result<()> {
    match cmd {
        PostsCommand::List(args) => list(ctx, args),
        PostsCommand::Add(args) => add(ctx, args),
    }
}

/// An account named by id, label (`IG @handle`) or handle.
pub(crate) fn find_account(store: &Store, name: &str) -> anyhow::Result<Account> {
    let accounts = store.accounts().list()?;
    let n = name.trim();
    let hit = accounts
        .iter()
        .find(|a| n.parse::<i64>().ok() == Some(a.id) || a.label().eq_ignore_ascii_case(n))
        .cloned();
    if let Some(a) = hit {
        return Ok(a);
    }
    let handle = n.trim_start_matches('@').to_lowercase();
    let matches: Vec<&Account> = accounts
        .iter()
        .filter(|a| a.handle.to_lowercase() == handle)
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => bail!("--account {name:?}: no such account (see `smmdeck accounts list`)"),
        many => bail!(
            "--account {name:?} is on several platforms ({}); give the label, e.g. {:?}",
            many.iter()
                .map(|a| a.platform.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            many[0].label()
        ),
    }
}

/// A day typed as `2026-12-01`, `today`, `+7d`, ...
fn parse_day(flag: &str, s: &str, clock: &Clock) -> anyhow::Result<NaiveDate> {
    let today = clock.today();
    parse_when(s, today, today, NaiveTime::MIN)
        .map(|dt| dt.date())
        .with_context(|| format!("--{flag}"))
}

fn list(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let clock = &ctx.clock;
    let mut filter = PostFilter::default();
    if let Some(from) = &args.from {
        filter.from = Some(clock.start_of_day(parse_day("from", from, clock)?));
    }
    if let Some(to) = &args.to {
        let last = parse_day("to", to, clock)?;
        filter.to = Some(clock.start_of_day(last + chrono::Duration::days(1)));
    }
    if let Some(a) = &args.account {
        filter.account = Some(find_account(&ctx.store, a)?.id);
    }
    if let Some(s) = &args.status {
        filter.statuses = parse_statuses(s)?;
    }
    let posts = ctx.store.posts();
    // Each post's time in its account's zone, as the app shows and takes it.
    let accounts = ctx.store.accounts().list()?;
    let clocks = crate::clock::AccountClocks::new(
        *clock,
        accounts.iter().map(|a| (a.id, a.timezone.as_deref())),
    );
    let mut after = None;
    let mut first = true;
    if args.json {
        print!("[");
    }
    loop {
        let page = posts.list(&filter, after, PAGE)?;
        for p in &page {
            let at = p.scheduled_at.unwrap_or_default();
            let own = clocks.of(p.account_id);
            if args.json {
                let row = JsonPost {
                    post: p,
                    scheduled_local: p.scheduled_at.map(|t| own.format(t, when_format(p))),
                    zone: own.zone_name(),
                };
                print!(
                    "{}\n  {}",
                    if first { "" } else { "," },
                    serde_json::to_string(&row)?
                );
            } else {
                println!(
                    "{:>6}  {:<16} {:<8} {:<2} {:<22} {:<9} {:<9} {}",
                    p.id,
                    own.format(at, when_format(p)),
                    // A date-only post has no time, so no zone either.
                    if p.date_only {
                        String::new()
                    } else {
                        own.zone_abbrev(at)
                    },
                    crate::domain::Platform::badge_of(&p.platform),
                    format!("@{}", printable(&p.handle)),
                    p.format,
                    p.status,
                    printable(&crate::text::truncate(
                        &crate::text::one_line(p.headline()),
                        60
                    ))
                );
            }
            first = false;
        }
        match page.last() {
            Some(last) if page.len() == PAGE => after = Some((at_of(last), last.id)),
            _ => break,
        }
    }
    if args.json {
        println!("{}]", if first { "" } else { "\n" });
    } else if first {
        eprintln!("no posts match");
    }
    Ok(())
}

/// A post whose export gave only the date is shown without a made-up time.
fn when_format(p: &PostRow) -> &'static str {
    if p.date_only {
        "%Y-%m-%d"
    } else {
        "%Y-%m-%d %H:%M"
    }
}

fn at_of(p: &PostRow) -> i64 {
    p.scheduled_at.unwrap_or_default()
}

fn add(ctx: &Ctx, args: AddArgs) -> anyhow::Result<()> {
    let account = find_account(&ctx.store, &args.account)?;
    let format = PostFormat::parse(&args.format).with_context(|| {
        format!(
            "--format {:?}: use one of {}",
            args.format,
            PostFormat::ALL
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })?;
    let status = PostStatus::parse(&args.status)
        .with_context(|| format!("--status {:?} is not a status", args.status))?;
    // Read in the account's zone: "18:30" for a Kyiv brand is 18:30 in Kyiv, wherever the
    // command runs.
    let clock = ctx.clock.for_account(account.timezone.as_deref());
    let today = clock.today();
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
    let naive = parse_when(&args.at, today, today, nine).context("--at")?;
    let at = clock
        .local_to_ts(naive)
        .with_context(|| format!("--at {naive}: that local time does not exist (clocks jump)"))?;
    let (caption, source) = match &args.caption_file {
        None => (String::new(), String::new()),
        Some(path) if path.as_os_str() == "-" => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading the caption from stdin")?;
            (s, "standard input".into())
        }
        Some(path) => (
            std::fs::read_to_string(path)
                .with_context(|| format!("--caption-file {}", path.display()))?,
            path.display().to_string(),
        ),
    };
    // A file ends with a newline the caption does not mean to have.
    let caption = caption.strip_suffix('\n').unwrap_or(&caption).to_string();
    let edit = PostEdit {
        account_id: account.id,
        title: args.title,
        caption,
        format: format.as_str().into(),
        status: status.as_str().into(),
        pillar: args.pillar,
        tags: args.tags,
        scheduled_at: Some(at),
        campaign_id: None,
    };
    let id = ctx
        .store
        .posts()
        .create(&edit, ctx.clock.now_ts())
        .with_context(|| {
            if source.is_empty() {
                "the post was not added".to_string()
            } else {
                format!("{source}: the post was not added")
            }
        })?;
    println!(
        "added post {id} for {} at {} {} ({})",
        account.label(),
        clock.format(at, "%Y-%m-%d %H:%M"),
        clock.zone_name(),
        clock.zone_abbrev(at)
    );
    Ok(())
}

/// `--status draft,idea`: each word a post status, or an error that lists the words there are.
pub fn parse_statuses(text: &str) -> anyhow::Result<Vec<PostStatus>> {
    text.split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|w| {
            PostStatus::parse(w).with_context(|| {
                format!(
                    "--status {w:?}: use one of {} (several with commas)",
                    PostStatus::ALL
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        })
        .collect()
}
