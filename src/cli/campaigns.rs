//! `smmdeck campaigns list` and `smmdeck campaigns add`: campaigns and their cost metrics for
//! scripts, with the same formulas the Analytics tab uses.

use anyhow::bail;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::Ctx;
use super::posts::find_account;
use crate::domain::money::{decimal, format_amount, format_ratio, parse_amount};
use crate::domain::{CampaignChannel, CampaignGoal};
use crate::store::{CampaignSummary, NewCampaign};

#[derive(Debug, Subcommand)]
pub enum CampaignsCommand {
    /// List campaigns with spend, CTR, CPC, CPM, CPA, ROMI and pacing.
    List(ListArgs),
    /// Add a campaign.
    Add(Box<AddArgs>),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only campaigns running on this account (handle, label or id).
    #[arg(long, value_name = "A")]
    account: Option<String>,
    /// Print JSON for scripts.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    name: String,
    /// First day, YYYY-MM-DD.
    #[arg(long, value_name = "D")]
    from: String,
    /// Last day, YYYY-MM-DD (included).
    #[arg(long, value_name = "D")]
    to: String,
    /// The budget in the currency's units (5000 or 5000.50).
    #[arg(long)]
    budget: Option<String>,
    /// ISO currency code.
    #[arg(long, default_value = "USD")]
    currency: String,
    /// An account it runs on (repeat for several).
    #[arg(long = "account", value_name = "A")]
    accounts: Vec<String>,
    /// The client or brand.
    #[arg(long, default_value = "")]
    client: String,
    /// paid, influencer, organic or mixed.
    #[arg(long, default_value = "paid")]
    channel: String,
    /// reach, clicks, leads or sales.
    #[arg(long)]
    goal: Option<String>,
    /// How many of the goal (people reached, clicks, leads, sales).
    #[arg(long)]
    target: Option<i64>,
    /// What one conversion is worth, for ROMI when the ads manager reports no revenue.
    #[arg(long, value_name = "AMOUNT")]
    revenue_per_conversion: Option<String>,
}

/// A campaign as `--json` prints it: the stored totals plus the derived figures, amounts in
/// major units as decimal strings (exact), ratios rounded to the currency's decimals.
#[derive(Serialize)]
struct JsonCampaign<'a> {
    #[serde(flatten)]
    c: &'a CampaignSummary,
    spend: String,
    budget: Option<String>,
    revenue: Option<String>,
    ctr: Option<f64>,
    cpc: Option<String>,
    cpm: Option<String>,
    cpa: Option<String>,
    romi: Option<f64>,
    pace: &'static str,
    pacing: Option<f64>,
}

pub fn run(ctx: &Ctx, cmd: CampaignsCommand) -> anyhow::Result<()> {
    match cmd {
        CampaignsCommand::List(args) => list(ctx, args),
        CampaignsCommand::Add(args) => add(ctx, *args),
    }
}

fn list(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let account = match &args.account {
        Some(a) => Some(find_account(&ctx.store, a)?.id),
        None => None,
    };
    let today = ctx.clock.today();
    let all = ctx.store.campaigns().summaries(account)?;
    if args.json {
        let ratio = |v: Option<f64>, cur: &str| v.map(|m| decimal(m.round() as i64, cur));
        let out: Vec<JsonCampaign<'_>> = all
            .iter()
            .map(|c| JsonCampaign {
                spend: decimal(c.spend_minor, &c.currency),
                budget: c.budget_minor.map(|b| decimal(b, &c.currency)),
                revenue: c.revenue().map(|r| decimal(r, &c.currency)),
                ctr: c.ctr(),
                cpc: ratio(c.cpc(), &c.currency),
                cpm: ratio(c.cpm(), &c.currency),
                cpa: ratio(c.cpa(), &c.currency),
                romi: c.romi(),
                pace: c.pace(today).label(),
                pacing: c.pacing_ratio(today),
                c,
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if all.is_empty() {
        println!(
            "no campaigns yet: add one with `smmdeck campaigns add --name N --from D --to D`, \
             or import an ads manager export"
        );
        return Ok(());
    }
    println!(
        "{:>4}  {:<32} {:>5} {:>14} {:>14} {:>10} {:>6} {:>9} {:>9} {:>9} {:>7}  pace",
        "id", "name", "cur", "spend", "budget", "clicks", "CTR", "CPC", "CPM", "CPA", "ROMI"
    );
    for c in &all {
        let cur = c.currency.as_str();
        println!(
            "{:>4}  {:<32} {:>5} {:>14} {:>14} {:>10} {:>6} {:>9} {:>9} {:>9} {:>7}  {}",
            c.id,
            crate::text::printable(&crate::text::truncate(&crate::text::one_line(&c.name), 32)),
            cur,
            format_amount(c.spend_minor, cur),
            c.budget_minor
                .map_or_else(|| "–".into(), |b| format_amount(b, cur)),
            c.clicks.map_or_else(|| "–".into(), |n| n.to_string()),
            crate::domain::metrics::percent(c.ctr()),
            format_ratio(c.cpc(), cur),
            format_ratio(c.cpm(), cur),
            format_ratio(c.cpa(), cur),
            crate::domain::metrics::percent(c.romi()),
            c.pace(today).label()
        );
    }
    Ok(())
}

fn day(flag: &str, s: &str) -> anyhow::Result<String> {
    match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
        Ok(d) => Ok(d.to_string()),
        Err(_) => bail!("--{flag} {s:?}: not a date; write it as 2026-12-01"),
    }
}

fn add(ctx: &Ctx, args: AddArgs) -> anyhow::Result<()> {
    let currency = args.currency.trim().to_ascii_uppercase();
    let channel = CampaignChannel::parse(&args.channel).ok_or_else(|| {
        anyhow::anyhow!(
            "--channel {:?}: use paid, influencer, organic or mixed",
            args.channel
        )
    })?;
    let goal = match &args.goal {
        Some(g) => CampaignGoal::parse(g)
            .ok_or_else(|| anyhow::anyhow!("--goal {g:?}: use reach, clicks, leads or sales"))?
            .as_str()
            .to_string(),
        None => String::new(),
    };
    let money = |flag: &str, v: &Option<String>| -> anyhow::Result<Option<i64>> {
        v.as_deref()
            .map(|s| parse_amount(s, &currency).map_err(|e| anyhow::anyhow!("--{flag}: {e}")))
            .transpose()
    };
    let mut accounts = Vec::new();
    for a in &args.accounts {
        accounts.push(find_account(&ctx.store, a)?.id);
    }
    let plan = NewCampaign {
        name: args.name.trim().to_string(),
        client: args.client.trim().to_string(),
        channel: channel.as_str().to_string(),
        budget_minor: money("budget", &args.budget)?,
        currency: currency.clone(),
        start_on: Some(day("from", &args.from)?),
        end_on: Some(day("to", &args.to)?),
        goal,
        goal_target: args.target,
        revenue_per_conversion_minor: money(
            "revenue-per-conversion",
            &args.revenue_per_conversion,
        )?,
        ..Default::default()
    };
    let id = ctx
        .store
        .campaigns()
        .add(&plan, &accounts, ctx.clock.now_ts())?;
    println!(
        "added campaign {id}: {} ({}..{}{})",
        plan.name,
        args.from.trim(),
        args.to.trim(),
        plan.budget_minor
            .map(|b| format!(", budget {} {currency}", format_amount(b, &currency)))
            .unwrap_or_default()
    );
    Ok(())
}
