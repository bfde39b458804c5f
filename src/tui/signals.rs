//! SIGTERM and SIGHUP (a closed terminal window, `kill`) restore the terminal before the app
//! ends, as quit, errors and panics do: never a shell left on the alternate screen with the
//! cursor hidden.

/// Starts a thread that waits for SIGTERM or SIGHUP, restores the terminal and exits with the
/// conventional 128 + signal. Written data is safe: every write is its own transaction. The
/// database's write-ahead log is folded in first when nothing is writing, so that the next
/// start sees a clean end and skips the quick check a crash calls for (seconds on a large file).
pub fn restore_on_termination(db: Option<std::path::PathBuf>) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) else {
            tracing::warn!("cannot watch SIGTERM/SIGHUP; the terminal is restored on quit only");
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                tracing::info!("signal {sig}: restoring the terminal and ending");
                if let Some(db) = &db {
                    crate::store::end_cleanly(db);
                }
                ratatui::restore();
                // Quit shows the cursor when the terminal value is dropped; exit drops nothing.
                let _ = ratatui::crossterm::execute!(
                    std::io::stdout(),
                    ratatui::crossterm::cursor::Show
                );
                std::process::exit(128 + sig);
            }
        });
    }
}
