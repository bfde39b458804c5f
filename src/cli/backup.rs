//! `smmdeck backup DEST`, `smmdeck restore SRC` and `smmdeck check`: keeping the one file whole.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use super::Ctx;
use crate::store::kept_name;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy; must not exist yet.
    dest: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to put back (made by `smmdeck backup`).
    src: PathBuf,
    /// Do not ask; needed when standard input is not a terminal.
    #[arg(long)]
    yes: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {}

pub fn run(ctx: &Ctx, args: BackupArgs) -> anyhow::Result<()> {
    ctx.store.backup_to(&args.dest)?;
    println!("backed up to {} (checked)", args.dest.display());
    Ok(())
}

pub fn restore(ctx: &mut Ctx, args: RestoreArgs) -> anyhow::Result<()> {
    let Some(db) = ctx.store.path().map(PathBuf::from) else {
        bail!("restore needs a database file");
    };
    let keep = kept_name(&db, &ctx.clock.format(ctx.clock.now_ts(), "%Y%m%d-%H%M%S"));
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            bail!(
                "restore replaces everything in {}; pass --yes to confirm",
                db.display()
            );
        }
        eprint!(
            "Replace everything in {} with {}? (the current data is kept as {}) [y/N] ",
            db.display(),
            args.src.display(),
            keep.display()
        );
        std::io::stderr().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            bail!("nothing was restored");
        }
    }
    ctx.store.restore_from(&args.src, &keep)?;
    println!(
        "restored {} from {}; the data it replaced is in {}",
        db.display(),
        args.src.display(),
        keep.display()
    );
    Ok(())
}

/// Exit 0 when the database is whole; an error (exit 1) naming what is wrong otherwise.
pub fn check(ctx: &Ctx, _args: CheckArgs) -> anyhow::Result<()> {
    let report = ctx.store.check()?;
    if report.ok() {
        println!("ok: the database and its search index are whole");
        return Ok(());
    }
    for line in report
        .integrity
        .iter()
        .chain(&report.search_index)
        .chain(&report.kept_counts)
    {
        println!("{}", crate::text::printable(line));
    }
    bail!(
        "the database is damaged: restore a backup (smmdeck restore BACKUP); a search index \
         alone can be rebuilt"
    )
}
