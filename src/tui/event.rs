//! Messages from background jobs (an import) to the UI, which keeps drawing meanwhile.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use crate::clock::Clock;
use crate::config::Config;
use crate::import::{self, ImportOptions};
use crate::store::Store;

pub enum JobMsg {
    /// A line for the status bar while the job runs.
    Progress(String),
    /// The job ended: a summary, or the error that stopped it (nothing was written then).
    Done(Result<String, String>),
}

/// Runs an import of `paths` into the database at `db` on its own thread and connection.
/// `account` is the handle for files that do not name theirs (`--account`).
pub fn spawn_import(
    db: PathBuf,
    paths: Vec<PathBuf>,
    account: Option<String>,
    clock: &Clock,
    config: &Config,
) -> Receiver<JobMsg> {
    let (tx, rx) = channel();
    // Checked when the app started; a rule that fails now still stops the import, never runs
    // half the rules.
    let rules = match import::inbox_rules(&config.inbox.rules) {
        Ok(rules) => rules,
        Err(e) => {
            let _ = tx.send(JobMsg::Done(Err(format!("config.toml: {e}"))));
            return rx;
        }
    };
    let options = ImportOptions {
        account,
        now: clock.now_ts(),
        today: Some(clock.today()),
        extra_negative: config.inbox.negative_words.clone(),
        rules,
        ..Default::default()
    };
    std::thread::spawn(move || {
        let result = Store::open(&db)
            .map_err(|e| e.to_string())
            .and_then(|mut store| {
                let mut progress = |p: &import::Progress| {
                    let pct = (p.rows_done * 100).checked_div(p.rows_total).unwrap_or(0);
                    let _ = tx.send(JobMsg::Progress(format!(
                        "importing {} ({}/{}): {pct}%",
                        p.file,
                        p.file_index + 1,
                        p.files
                    )));
                };
                import::run(&mut store, &paths, &options, &mut progress)
                    .map(|summaries| {
                        summaries
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                    .map_err(|e| e.to_string())
            });
        let _ = tx.send(JobMsg::Done(result));
    });
    rx
}
