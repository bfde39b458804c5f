//! The command line: thin subcommands that parse, call below, and print.

mod accounts;
mod analytics;
mod backup;
mod calendar;
mod campaigns;
mod contacts;
mod demo;
mod import;
mod inbox;
mod inbox_rules;
mod inbox_show;
mod info;
mod posts;
mod report;
mod today;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
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

    /// Create the folder of --db if it does not exist (otherwise a typo in it is an error, not
    /// a new empty database).
    #[arg(long, global = true)]
    pub create: bool,

    /// The config file (default: config.toml in your config folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill the database with demo data (brands, posts, inbox, contacts, campaigns, metrics).
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
    /// Copy the database to DEST with SQLite's online backup, checked (never overwrites).
    Backup(backup::BackupArgs),
    /// Replace the database with a backup, keeping the current one beside it.
    Restore(backup::RestoreArgs),
    /// Check the whole database and its search index (exit 1 when damaged).
    Check(backup::CheckArgs),
    /// List or add campaigns, with spend, CTR, CPC, CPM, CPA, ROMI and pacing.
    #[command(subcommand)]
    Campaigns(campaigns::CampaignsCommand),
    /// Account KPIs of a period beside the previous period of equal length.
    Analytics(analytics::AnalyticsArgs),
    /// A client report of a period: HTML (self-contained, printable), Markdown or CSV.
    Report(report::ReportArgs),
    #[command(subcommand)]
    Contacts(contacts::ContactsCommand),
    /// Import platform exports (CSV, JSON, folders, zips) in one all-or-nothing transaction.
    Import(import::ImportArgs),
    /// Print one frame of the app as text, without a terminal (for bug reports and timing).
    Render(RenderArgs),
    /// The Today tab's sections: what goes out, what is overdue, what waits for an answer.
    Today(today::TodayArgs),
    /// Print a shell completion script: `smmdeck completions bash > ~/.local/share/bash-completion/completions/smmdeck`.
    Completions(CompletionsArgs),
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The tab to show: today, calendar, inbox, contacts or analytics.
    #[arg(long, default_value = "today")]
    pub tab: String,
    /// The terminal size, columns x rows.
    #[arg(long, default_value = "200x50", value_parser = parse_size)]
    pub size: (u16, u16),
}

fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let bad = || format!("{s:?} is not a size like 200x50");
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u16 = w.trim().parse().map_err(|_| bad())?;
    let h: u16 = h.trim().parse().map_err(|_| bad())?;
    if w == 0 || h == 0 {
        return Err(bad());
    }
    Ok((w, h))
}

/// What the command line hands up to the binary when the work is the app's: the app lives in
/// `tui`, which the command line does not import (the binary, above both, joins them).
pub enum Launch {
    /// Run the app in this terminal.
    App(Ctx),
    /// Print one frame of `tab` at `size` as text.
    Render {
        ctx: Ctx,
        tab: String,
        size: (u16, u16),
    },
}

impl Command {
    /// Whether the command changes the database (refused on a damaged one). Restore is not: it
    /// is how a damaged database is replaced.
    fn writes(&self) -> bool {
        match self {
            Command::Demo(_) | Command::Import(_) => true,
            Command::Accounts(c) => !matches!(c, accounts::AccountsCommand::List { .. }),
            Command::Inbox(c) => !matches!(c, inbox::InboxCommand::List(_)),
            Command::Posts(c) => !matches!(c, posts::PostsCommand::List(_)),
            Command::Campaigns(c) => !matches!(c, campaigns::CampaignsCommand::List(_)),
            Command::Contacts(c) => matches!(
                c,
                contacts::ContactsCommand::Add(_) | contacts::ContactsCommand::Import(_)
            ),
            Command::Info(_)
            | Command::Analytics(_)
            | Command::Report(_)
            | Command::Calendar(_)
            | Command::Backup(_)
            | Command::Restore(_)
            | Command::Check(_)
            | Command::Render(_)
            | Command::Today(_)
            | Command::Completions(_) => false,
        }
    }
}

/// A `--db` whose folder does not exist is most likely a typo: say so rather than create the
/// folder and an empty database that looks like lost data.
fn refuse_missing_folder(db: &std::path::Path) -> anyhow::Result<()> {
    if let Some(parent) = db.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.exists()
    {
        bail!(
            "the folder {} does not exist; check the --db path, or pass --create to make it",
            parent.display()
        );
    }
    Ok(())
}

/// Everything a subcommand needs: the open store, the settings and the clock.
pub struct Ctx {
    pub store: Store,
    pub config: Config,
    pub clock: Clock,
}

/// Parses the command line and runs it; the app's own work goes to `ui`. Errors print as
/// `smmdeck: ...` with a non-zero exit.
pub fn main(ui: impl FnOnce(Launch) -> anyhow::Result<()>) -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_some() {
        quiet_on_closed_pipe();
    }
    match run(cli, ui) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            // Messages quote file names and cells: shown, never acted on by the terminal.
            eprintln!(
                "smmdeck: {}",
                crate::text::printable_block(&format!("{e:#}"))
            );
            ExitCode::FAILURE
        }
    }
}

/// `smmdeck inbox list | head -1`: once the reader is gone, end quietly as Unix tools do
/// (killed by SIGPIPE) instead of panicking in `println!`. Rust ignores SIGPIPE at start; the
/// default is restored only for commands that print, not for the TUI.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called once at start, before any thread exists; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

pub fn run(cli: Cli, ui: impl FnOnce(Launch) -> anyhow::Result<()>) -> anyhow::Result<()> {
    // Completions need no database: a shell's start-up must not create or open one.
    if let Some(Command::Completions(args)) = &cli.command {
        use clap::CommandFactory;
        let mut out = Vec::new();
        clap_complete::generate(args.shell, &mut Cli::command(), "smmdeck", &mut out);
        return print_quietly(&String::from_utf8_lossy(&out));
    }
    let db = cli.db.clone().unwrap_or_else(config::default_db_path);
    let config = match cli.config.clone().or_else(config::default_config_path) {
        Some(path) => {
            let config = Config::load(&path)?;
            // A bad inbox rule stops every command, named with its line, before anything runs.
            crate::import::inbox_rules(&config.inbox.rules)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            config
        }
        None => Config::default(),
    };
    let mut clock = Clock::system();
    if let Some(zone) = &config.timezone {
        let tz: chrono_tz::Tz = zone
            .parse()
            .map_err(|_| anyhow::anyhow!("config: unknown time zone {zone:?}"))?;
        clock = clock.with_zone(tz);
    }
    if cli.db.is_some() && !cli.create {
        refuse_missing_folder(&db)?;
    }
    let store = Store::open(&db).with_context(|| format!("cannot open {}", db.display()))?;
    let read_only = store
        .damage()
        .map(|_| crate::store::damaged_advice(&db))
        .or_else(|| store.limited().map(str::to_string));
    if let Some(advice) = read_only {
        match &cli.command {
            Some(c) if c.writes() => bail!("{advice}"),
            _ => eprintln!("smmdeck: warning: {advice}"),
        }
    }
    if cli.command.is_some() {
        // A command waits its turn behind a long import, saying for what, rather than fail.
        store.queue_writes(|who| eprintln!("smmdeck: waiting for {who} to finish…"))?;
    }
    // After the open, which made the folder the log file goes in.
    crate::logging::init(&db);
    if let Some(to) = std::env::var_os("SMMDECK_TRACE_SQL") {
        // For finding a slow screen or key: every statement as it ends, on stderr, or appended
        // to the file named (the screen's own terminal cannot show it).
        let out: Box<dyn std::io::Write + Send> = if to == "1" {
            Box::new(std::io::stderr())
        } else {
            Box::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&to)
                    .with_context(|| format!("SMMDECK_TRACE_SQL: cannot open {}", to.display()))?,
            )
        };
        let _ = TRACE_OUT.set(std::sync::Mutex::new((std::time::Instant::now(), out)));
        store.trace_statements(Some(print_statement));
    }
    let mut ctx = Ctx {
        store,
        config,
        clock,
    };
    let result = match cli.command {
        None => ui(Launch::App(ctx)),
        Some(Command::Render(args)) => ui(Launch::Render {
            ctx,
            tab: args.tab,
            size: args.size,
        }),
        Some(Command::Demo(args)) => demo::run(&mut ctx, args),
        Some(Command::Info(args)) => info::run(&ctx, args),
        Some(Command::Accounts(cmd)) => accounts::run(&ctx, cmd),
        Some(Command::Posts(cmd)) => posts::run(&ctx, cmd),
        Some(Command::Calendar(cmd)) => calendar::run(&ctx, cmd),
        Some(Command::Backup(args)) => backup::run(&ctx, args),
        Some(Command::Restore(args)) => backup::restore(&mut ctx, args),
        Some(Command::Check(args)) => backup::check(&ctx, args),
        Some(Command::Import(args)) => import::run(&mut ctx, args),
        Some(Command::Inbox(cmd)) => inbox::run(&ctx, cmd),
        Some(Command::Campaigns(cmd)) => campaigns::run(&ctx, cmd),
        Some(Command::Contacts(cmd)) => contacts::run(&ctx, cmd),
        Some(Command::Analytics(args)) => analytics::run(&ctx, args),
        Some(Command::Report(args)) => report::run(&ctx, args),
        Some(Command::Today(args)) => today::run(&ctx, args),
        Some(Command::Completions(_)) => Ok(()),
    };
    result.map_err(|e| name_the_holder(e, &db))
}

/// "database is locked" says what holds it, when it can.
fn name_the_holder(e: anyhow::Error, db: &std::path::Path) -> anyhow::Error {
    let busy = e.chain().any(|c| {
        c.downcast_ref::<crate::store::StoreError>()
            .is_some_and(crate::store::StoreError::is_busy)
    });
    if busy {
        let who = crate::store::holder(db);
        e.context(format!(
            "{} is in use by {who}; try again when it is done",
            db.display()
        ))
    } else {
        e
    }
}

/// Writes `text` to standard output; a reader that went away (`| head`) ends it quietly.
pub fn print_quietly(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Where `SMMDECK_TRACE_SQL` writes, and the instant its times count from.
type TraceOut = std::sync::Mutex<(std::time::Instant, Box<dyn std::io::Write + Send>)>;
static TRACE_OUT: std::sync::OnceLock<TraceOut> = std::sync::OnceLock::new();

/// Writes one finished statement: when it ended (ms since the trace began, to the microsecond,
/// so the gaps show the work between statements), SQLite's own run time (whole ms) and the
/// statement with its values.
fn print_statement(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Profile(stmt, took) = event
        && let Some(out) = TRACE_OUT.get()
        && let Ok(mut out) = out.lock()
    {
        let sql: String = stmt
            .expanded_sql()
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let at = out.0.elapsed().as_secs_f64() * 1000.0;
        let _ = writeln!(
            out.1,
            "{at:>10.3} {:>4.0} ms  {sql}",
            took.as_secs_f64() * 1000.0
        );
    }
}
