use std::time::Instant;

use clap::Args;

use super::Ctx;
use crate::demo::{self, Scale};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// small: a living dashboard; large: a million inbox items for load testing.
    #[arg(long, value_enum, default_value = "small")]
    scale: Scale,
    /// Add demo data even though the database is not empty.
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &mut Ctx, args: DemoArgs) -> anyhow::Result<()> {
    if !ctx.store.is_empty()? && !args.force {
        anyhow::bail!(
            "the database is not empty; demo data would mix with your own. Use --force to add it \
             anyway, or --db to pick another file"
        );
    }
    let started = Instant::now();
    let clock = ctx.clock;
    demo::generate(&mut ctx.store, args.scale, &clock, &mut |phase| {
        eprintln!("[{:>6.1}s] {phase}", started.elapsed().as_secs_f64());
    })?;
    let c = ctx.store.counts()?;
    println!(
        "demo data written in {:.1}s: {} accounts, {} posts, {} inbox items ({} open), {} contacts, {} campaigns, {} metric rows",
        started.elapsed().as_secs_f64(),
        c.accounts,
        c.posts,
        c.inbox.items,
        c.inbox.open,
        c.contacts.contacts,
        c.campaigns.campaigns,
        c.metrics.post_snapshots + c.metrics.account_days
    );
    Ok(())
}
