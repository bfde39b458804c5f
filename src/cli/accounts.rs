use clap::{Args, Subcommand};

use super::Ctx;
use crate::domain::Platform;
use crate::store::NewAccount;
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
            if let Some(tz) = &args.tz {
                tz.parse::<chrono_tz::Tz>().map_err(|_| {
                    anyhow::anyhow!(
                        "unknown time zone {tz:?} (use an IANA name such as Europe/Kyiv)"
                    )
                })?;
            }
            let id = ctx.store.accounts().add(
                &NewAccount {
                    brand: args.brand,
                    platform: platform.as_str().to_string(),
                    handle: args.handle,
                    display_name: args.name,
                    external_id: None,
                    timezone: args.tz,
                    target_posts_per_week: args.target_per_week,
                },
                ctx.clock.now_ts(),
            )?;
            println!("added account {id}");
            Ok(())
        }
    }
}
