//! `smmdeck import PATH...`: reads platform exports into the database in one transaction and
//! prints a summary per file. Thin: the work is `import::run`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::Ctx;
use crate::import::{self, DateOrder, Format, ImportOptions};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files, folders (an Instagram data download, a YouTube Studio export) or .zip files.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The account (handle) for exports that do not name theirs.
    #[arg(long, value_name = "HANDLE")]
    account: Option<String>,
    /// Read every file as this format instead of detecting it.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    format: Option<Format>,
    /// Show what would change, and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import the rows that read cleanly and write the others to a rejects file.
    #[arg(long)]
    skip_invalid: bool,
    /// Day/month order of numeric dates such as 06-07-2025, when no date in the column has a
    /// day above 12 to settle it: dmy or mdy.
    #[arg(long, value_name = "ORDER")]
    date_order: Option<DateOrder>,
    /// Where `--skip-invalid` writes the rejected rows (CSV; default
    /// smmdeck-rejects-DATE-TIME.csv here). Written before anything is committed.
    #[arg(long, value_name = "PATH")]
    rejects: Option<PathBuf>,
    /// Replace the rejects file if it exists.
    #[arg(long)]
    force: bool,
    /// The name the account's own messages carry in message exports that do not say which
    /// sender is the account (an Instagram data download names people by display name).
    /// Remembered for later imports.
    #[arg(long = "as", value_name = "NAME")]
    as_name: Option<String>,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| format!("unknown format {s:?}; known: {}", Format::known_list()))
}

pub fn run(ctx: &mut Ctx, args: ImportArgs) -> anyhow::Result<()> {
    let rejects = args.rejects.clone().unwrap_or_else(|| {
        let at = ctx.clock.format(ctx.clock.now_ts(), "%Y%m%d-%H%M%S");
        PathBuf::from(format!("smmdeck-rejects-{at}.csv"))
    });
    let options = ImportOptions {
        account: args.account,
        format: args.format,
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        rejects_path: args.skip_invalid.then(|| rejects.clone()),
        overwrite_rejects: args.force,
        now: ctx.clock.now_ts(),
        today: Some(ctx.clock.today()),
        extra_negative: ctx.config.inbox.negative_words.clone(),
        date_order: args.date_order,
        as_name: args.as_name,
        rules: import::inbox_rules(&ctx.config.inbox.rules).map_err(anyhow::Error::msg)?,
    };
    // A bar only on a terminal, and only once a file is big enough to be worth watching.
    let bar = std::io::stdout().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} rows")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut progress = |p: &import::Progress| {
        if let Some(bar) = &bar {
            if p.rows_total >= 10_000 && bar.is_hidden() {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.set_message(format!("[{}/{}]", p.file_index + 1, p.files));
            bar.set_length(p.rows_total as u64);
            bar.set_position(p.rows_done as u64);
        }
    };
    let result = import::run(&mut ctx.store, &args.paths, &options, &mut progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let summaries = result?;
    for s in &summaries {
        // File names inside a zip or folder are outside text too.
        println!("{}", crate::text::printable_block(&s.to_string()));
    }
    let rejected: usize = summaries.iter().map(|s| s.rejected).sum();
    if rejected > 0 {
        println!("{rejected} rejected rows written to {}", rejects.display());
    }
    if args.dry_run {
        println!("dry run: nothing was written");
    }
    Ok(())
}
