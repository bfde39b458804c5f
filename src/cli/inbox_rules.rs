//! `smmdeck inbox apply-rules [--dry-run]`: the config's inbox rules over every item, in one
//! transaction; a dry run lists what would change and changes nothing.

use clap::Args;

use super::Ctx;
use crate::text::printable;

#[derive(Debug, Args)]
pub struct ApplyRulesArgs {
    /// List what the rules would change, and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// List at most this many changed items.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print JSON for scripts.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, args: ApplyRulesArgs) -> anyhow::Result<()> {
    let rules = crate::import::inbox_rules(&ctx.config.inbox.rules).map_err(anyhow::Error::msg)?;
    if rules.is_empty() {
        eprintln!("no [[inbox.rules]] in config.toml: nothing to apply");
        return Ok(());
    }
    let report =
        ctx.store
            .inbox()
            .apply_rules(&rules, args.dry_run, ctx.clock.now_ts(), args.limit)?;
    let total = report.total();
    if report.hits.len() < total {
        eprintln!("{} of {total}; --limit", report.hits.len());
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for h in &report.hits {
            println!(
                "{:>7}  @{:<16} {:<18} {:<40} → {} ({})",
                h.id,
                printable(&h.account),
                printable(&h.author),
                printable(&crate::text::truncate(
                    h.body.lines().next().unwrap_or(""),
                    40
                )),
                h.changes,
                printable(&h.rule)
            );
        }
        for (name, n) in &report.per_rule {
            let verb = if args.dry_run {
                "would change"
            } else {
                "changed"
            };
            println!("rule {:?}: {verb} {n} item(s)", printable(name));
        }
    }
    if args.dry_run {
        eprintln!("dry run: nothing was changed");
    }
    Ok(())
}
