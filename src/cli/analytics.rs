//! `smmdeck analytics`: the account KPIs of a period beside the previous period, for scripts
//! and for a quick look; the same numbers as the Analytics tab.

use chrono::NaiveDate;
use clap::Args;

use super::Ctx;
use super::posts::find_account;
use crate::domain::kpi::show;
use crate::domain::period::{Period, change_label};
use crate::report::analytics::kpis;

#[derive(Debug, Args)]
pub struct AnalyticsArgs {
    /// First day, YYYY-MM-DD (default: 28 days before yesterday).
    #[arg(long, value_name = "D")]
    from: Option<String>,
    /// Last day, YYYY-MM-DD, included (default: yesterday).
    #[arg(long, value_name = "D")]
    to: Option<String>,
    /// One account (handle, label or id); default: every account and their sum.
    #[arg(long, value_name = "A")]
    account: Option<String>,
    /// Print JSON for scripts.
    #[arg(long)]
    json: bool,
}

pub(super) fn day(flag: &str, s: &Option<String>) -> anyhow::Result<Option<NaiveDate>> {
    s.as_deref()
        .map(|t| {
            NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
                .map_err(|_| anyhow::anyhow!("--{flag} {t:?}: not a date; write it as 2026-10-01"))
        })
        .transpose()
}

pub fn run(ctx: &Ctx, args: AnalyticsArgs) -> anyhow::Result<()> {
    let period = Period::between(
        day("from", &args.from)?,
        day("to", &args.to)?,
        ctx.clock.today(),
    )
    .map_err(|e| anyhow::anyhow!("--from/--to: {e}"))?;
    let account = match &args.account {
        Some(a) => Some(find_account(&ctx.store, a)?.id),
        None => None,
    };
    let report = kpis(&ctx.store, &period, account, &ctx.clock)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    println!(
        "{}..{} compared with {}..{}",
        report.from, report.to, report.previous_from, report.previous_to
    );
    for r in &report.rows {
        println!("\n{}", crate::text::printable(&r.label));
        for c in &r.compare {
            println!(
                "  {:<16} {:>10}  {:>10}  {}",
                c.name,
                show(&c.name, c.current),
                show(&c.name, c.previous),
                change_label(c.change)
            );
        }
    }
    Ok(())
}
