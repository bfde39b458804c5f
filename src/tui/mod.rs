pub fn run(_ctx: crate::cli::Ctx) -> anyhow::Result<()> {
    Ok(())
}
