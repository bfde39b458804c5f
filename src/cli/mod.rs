//! The command line: thin subcommands that parse, call below, and print.

mod accounts;
mod analytics;
mod backup;
mod calendar;
mod campaigns;
mod demo;
mod import;
mod inbox;
mod info;
mod posts;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::clock::Clock;
use crate::config::{self, Config};
use crate::store::Store;

/// smmdeck: a keyboard-driven deck for social-media marketing, over one local SQLite file.
#[derive(Debug, Parser)]
#[command(name = "smmdeck", version, about, long_about = None)]
pub struct Cli {
    /// The database file (default: smmdeck.db in your data folder).
    #[arg(long, global = true, env = config::DB_ENV, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The config file (default: config.toml in your config folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill the database with demo data (brands, posts, inbox, influencers, campaigns, metrics).
    Demo(demo::DemoArgs),
    /// Show the database path, schema version and row counts.
    Info(info::InfoArgs),
    /// List or add brand accounts.
    #[command(subcommand)]
    Accounts(accounts::AccountsCommand),
    /// List and triage inbox items.
    #[command(subcommand)]
    Inbox(inbox::InboxCommand),
    /// List or add posts in the content plan.
    #[command(subcommand)]
    Posts(posts::PostsCommand),
    /// Export the content plan (iCalendar).
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// Copy the database to DEST with SQLite's online backup (never overwrites).
    Backup(backup::BackupArgs),
    /// List or add campaigns, with spend, CTR, CPC, CPM, CPA, ROMI and pacing.
    #[command(subcommand)]
    Campaigns(campaigns::CampaignsCommand),
    /// Account KPIs of a period beside the previous period of equal length.
    Analytics(analytics::AnalyticsArgs),
    /// Import platform exports (CSV, JSON, folders, zips) in one all-or-nothing transaction.
    Import(import::ImportArgs),
}

/// Everything a subcommand needs: the open store, the settings and the clock.
pub struct Ctx {
    pub store: Store,
    pub config: Config,
    pub clock: Clock,
}

/// Parses the command line and runs it; errors print as `smmdeck: ...` with a non-zero exit.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("smmdeck: {e:#}");
            ExitCode::FAILURE
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let db = cli.db.clone().unwrap_or_else(config::default_db_path);
    let config = match cli.config.clone().or_else(config::default_config_path) {
        Some(path) => Config::load(&path)?,
        None => Config::default(),
    };
    let mut clock = Clock::system();
    if let Some(zone) = &config.timezone {
        let tz: chrono_tz::Tz = zone
            .parse()
            .map_err(|_| anyhow::anyhow!("config: unknown time zone {zone:?}"))?;
        clock = clock.with_zone(tz);
    }
    let store = Store::open(&db).with_context(|| format!("cannot open {}", db.display()))?;
    // After the open, which made the folder the log file goes in.
    crate::logging::init(&db);
    let mut ctx = Ctx {
        store,
        config,
        clock,
    };
    match cli.command {
        None => crate::tui::run(ctx),
        Some(Command::Demo(args)) => demo::run(&mut ctx, args),
        Some(Command::Info(args)) => info::run(&ctx, args),
        Some(Command::Accounts(cmd)) => accounts::run(&ctx, cmd),
        Some(Command::Posts(cmd)) => posts::run(&ctx, cmd),
        Some(Command::Calendar(cmd)) => calendar::run(&ctx, cmd),
        Some(Command::Backup(args)) => backup::run(&ctx, args),
        Some(Command::Import(args)) => import::run(&mut ctx, args),
        Some(Command::Inbox(cmd)) => inbox::run(&ctx, cmd),
        Some(Command::Campaigns(cmd)) => campaigns::run(&ctx, cmd),
        Some(Command::Analytics(args)) => analytics::run(&ctx, args),
    }
}
