//! `smmdeck accounts`: list, add and edit the brand accounts.

use clap::{Args, Subcommand};

use super::Ctx;
use crate::domain::Platform;
use crate::store::{AccountEdit, NewAccount};
use crate::text::printable;

#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// List the accounts.
    List {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Add an account.
    Add(AddArgs),
    /// Change an account's handle, names, platform id or time zone.
    Edit(EditArgs),
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The account: handle, label ("FB @lumen") or id.
    account: String,
    /// A new handle.
    #[arg(long)]
    handle: Option<String>,
    /// A new display name ("" clears it).
    #[arg(long)]
    name: Option<String>,
    /// The brand or client.
    #[arg(long)]
    brand: Option<String>,
    /// The platform's own id for the account (a Facebook Page ID, a channel id; "" clears it):
    /// imports match exports that give only this id.
    #[arg(long)]
    external_id: Option<String>,
    /// The IANA time zone ("" clears it).
    #[arg(long)]
    tz: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// instagram, facebook, tiktok, linkedin, x, youtube, telegram or threads.
    #[arg(long)]
    platform: String,
    /// The handle, with or without @.
    #[arg(long)]
    handle: String,
    /// A display name.
    #[arg(long)]
    name: Option<String>,
    /// The brand or client the account belongs to.
    #[arg(long, default_value = "")]
    brand: String,
    /// The account's IANA time zone, e.g. Europe/Kyiv.
    #[arg(long)]
    tz: Option<String>,
    /// How many posts a week the plan aims for.
    #[arg(long)]
    target_per_week: Option<i64>,
    /// The platform's own id for the account (a Facebook Page ID, a channel id): imports
    /// match exports that give only this id.
    #[arg(long)]
    external_id: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: AccountsCommand) -> anyhow::Result<()> {
    match cmd {
        AccountsCommand::List { json } => {
            let accounts = ctx.store.accounts().list()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&accounts)?);
            } else if accounts.is_empty() {
                println!(
                    "no accounts yet: add one with `smmdeck accounts add --platform P --handle H`"
                );
            } else {
                for a in accounts {
                    println!(
                        "{:>4}  {:<10} {:<24} {:<20} {}",
                        a.id,
                        a.platform,
                        format!("@{}", printable(&a.handle)),
                        printable(&a.brand),
                        printable(a.timezone.as_deref().unwrap_or("-"))
                    );
                }
            }
            Ok(())
        }
        AccountsCommand::Add(args) => {
            let platform = Platform::parse_loose(&args.platform).ok_or_else(|| {
                let known: Vec<&str> = Platform::ALL.iter().map(|p| p.as_str()).collect();
                anyhow::anyhow!(
                    "unknown platform {:?}; known: {}",
                    args.platform,
                    known.join(", ")
                )
            })?;
            check_zone(args.tz.as_deref())?;
            let id = ctx.store.accounts().add(
                &NewAccount {
                    brand: args.brand,
                    platform: platform.as_str().to_string(),
                    handle: args.handle,
                    display_name: args.name,
                    external_id: args
                        .external_id
                        .map(|x| x.trim().to_string())
                        .filter(|x| !x.is_empty()),
                    timezone: args.tz,
                    target_posts_per_week: args.target_per_week,
                },
                ctx.clock.now_ts(),
            )?;
            println!("added account {id}");
            Ok(())
        }
        AccountsCommand::Edit(args) => {
            check_zone(args.tz.as_deref().filter(|z| !z.trim().is_empty()))?;
            let account = super::posts::find_account(&ctx.store, &args.account)?;
            let edit = AccountEdit {
                handle: args.handle,
                brand: args.brand,
                display_name: args.name,
                external_id: args.external_id,
                timezone: args.tz,
            };
            let a = ctx.store.accounts().edit(account.id, &edit)?;
            println!(
                "{}: {} {}",
                a.id,
                printable(&a.label()),
                printable(a.external_id.as_deref().unwrap_or(""))
            );
            Ok(())
        }
    }
}

fn check_zone(tz: Option<&str>) -> anyhow::Result<()> {
    if let Some(tz) = tz {
        tz.trim().parse::<chrono_tz::Tz>().map_err(|_| {
            anyhow::anyhow!("unknown time zone {tz:?} (use an IANA name such as Europe/Kyiv)")
        })?;
    }
    Ok(())
}
