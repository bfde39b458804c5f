//! The log: a file beside the database (`smmdeck.db` → `smmdeck.log`), never the terminal,
//! because the terminal belongs to the UI. `SMMDECK_LOG=debug` says more.

use std::path::Path;

use tracing_subscriber::EnvFilter;

/// Starts logging to the file beside `db`. Logging is a help, not a duty: if the file cannot
/// be opened, smmdeck runs without it.
pub fn init(db: &Path) {
    let path = db.with_extension("log");
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    // Messages can quote what people wrote: private like the database.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let Ok(file) = options.open(&path) else {
        return;
    };
    let filter = EnvFilter::try_from_env("SMMDECK_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), db = %db.display(), "smmdeck started");
}
