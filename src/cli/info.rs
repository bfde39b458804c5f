use clap::Args;

use super::Ctx;
use crate::store::latest_schema_version;

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Print JSON for scripts.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, args: InfoArgs) -> anyhow::Result<()> {
    let counts = ctx.store.counts()?;
    let path = ctx
        .store
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let version = ctx.store.schema_version()?;
    if args.json {
        let out = serde_json::json!({
            "database": path,
            "schema_version": version,
            "latest_schema_version": latest_schema_version(),
            "counts": counts,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let inf = &counts.contacts;
    println!("database        {path}");
    println!("schema version  {version}");
    println!("accounts        {}", counts.accounts);
    println!("posts           {}", counts.posts);
    println!(
        "inbox items     {} ({} open; {} messages in conversations)",
        counts.inbox.items, counts.inbox.open, counts.inbox.messages
    );
    println!("saved replies   {}", counts.saved_replies);
    println!(
        "contacts        {} ({} handles, {} rates, {} interactions, {} collaborations)",
        inf.contacts, inf.handles, inf.rate_cards, inf.interactions, inf.collaborations
    );
    println!(
        "campaigns       {} ({} daily rows)",
        counts.campaigns.campaigns, counts.campaigns.daily_rows
    );
    println!(
        "metrics         {} post snapshots, {} account days",
        counts.metrics.post_snapshots, counts.metrics.account_days
    );
    println!("imports         {}", counts.imports);
    Ok(())
}
