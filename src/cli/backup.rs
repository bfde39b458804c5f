use std::path::PathBuf;

use clap::Args;

use super::Ctx;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy; must not exist yet.
    dest: PathBuf,
}

pub fn run(ctx: &Ctx, args: BackupArgs) -> anyhow::Result<()> {
    ctx.store.backup_to(&args.dest)?;
    println!("backed up to {}", args.dest.display());
    Ok(())
}
