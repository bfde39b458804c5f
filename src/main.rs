//! The binary: the command line, and the app when the command line hands over to it. Only here
//! do `cli` and `tui` meet, so that neither imports the other.

use smmdeck::cli::Launch;

fn main() -> std::process::ExitCode {
    smmdeck::tune_allocator();
    smmdeck::cli::main(|launch| match launch {
        Launch::App(ctx) => smmdeck::tui::run(ctx.store, ctx.clock, ctx.config),
        Launch::Render { ctx, tab, size } => {
            let text = smmdeck::tui::render_text(ctx.store, ctx.clock, ctx.config, &tab, size)?;
            smmdeck::cli::print_quietly(&text)
        }
    })
}
