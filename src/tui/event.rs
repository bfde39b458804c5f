//! Messages from background jobs (an import) to the UI, which keeps drawing meanwhile.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::clock::Clock;
use crate::config::Config;
use crate::import::{self, ImportOptions};
use crate::store::Store;

/// What an import job was asked to do: kept, so that it can run again with an answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportRequest {
    pub paths: Vec<PathBuf>,
    /// The handle for files that do not name their account (`--account`).
    pub account: Option<String>,
    /// The name the account's own messages carry (`--as`).
    pub as_name: Option<String>,
}

pub enum JobMsg {
    /// A line for the status bar while the job runs.
    Progress(String),
    /// The job ended: a summary, or the error that stopped it (nothing was written then).
    Done(Result<String, String>),
    /// A job that only reads (a report) ended: its message, or its error. The data is as it
    /// was, so nothing is read again.
    Finished(Result<String, String>),
    /// A long write ended (see `LongWriter`): what its work gave back, or its error.
    Long(Result<crate::tui::tabs::Done, String>),
    /// The import could not tell which sender is the account and wrote nothing: ask which of
    /// `people` it is, then run `request` again with the answer.
    AskOwner {
        request: ImportRequest,
        account: String,
        people: Vec<String>,
    },
}

/// Runs `run` on its own thread over a read-only connection to the database at `db`.
pub fn spawn_reader(
    db: PathBuf,
    clock: Clock,
    run: crate::tui::tabs::Background,
) -> Receiver<JobMsg> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let result = Store::open_reader(&db)
            .map_err(anyhow::Error::from)
            .and_then(|store| run(&store, &clock));
        let _ = tx.send(JobMsg::Finished(result.map_err(|e| format!("{e:#}"))));
    });
    rx
}

type LongJob = (crate::tui::tabs::FarWrite, Clock, Sender<JobMsg>);

/// A connection of its own on a thread of its own, kept for the app's session, for the writes
/// that take seconds (a bulk change and its undo, the demo). One connection for all of them: a bulk
/// change keeps the items' earlier states in its connection's temporary table, where its undo
/// looks for them.
pub struct LongWriter {
    jobs: Sender<LongJob>,
}

impl LongWriter {
    pub fn start(db: PathBuf) -> LongWriter {
        let (jobs, queue) = channel::<LongJob>();
        std::thread::spawn(move || {
            let mut store =
                Store::open(&db).map_err(|e| format!("cannot open {}: {e}", db.display()));
            // Ends when the app drops its end of the queue.
            for (run, clock, reply) in queue {
                let result = match &mut store {
                    Ok(store) => run(store, &clock).map_err(|e| format!("{e:#}")),
                    Err(e) => Err(e.clone()),
                };
                let _ = reply.send(JobMsg::Long(result));
            }
        });
        LongWriter { jobs }
    }

    /// Queues `run`; its end arrives on the receiver.
    pub fn send(&self, run: crate::tui::tabs::FarWrite, clock: Clock) -> Receiver<JobMsg> {
        let (reply, rx) = channel();
        if let Err(std::sync::mpsc::SendError((_, _, reply))) = self.jobs.send((run, clock, reply))
        {
            let _ = reply.send(JobMsg::Long(Err("the writer thread has stopped".into())));
        }
        rx
    }
}

/// Runs an import into the database at `db` on its own thread and connection.
pub fn spawn_import(
    db: PathBuf,
    request: ImportRequest,
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
        account: request.account.clone(),
        as_name: request.as_name.clone(),
        now: clock.now_ts(),
        today: Some(clock.today()),
        extra_negative: config.inbox.negative_words.clone(),
        rules,
        ..Default::default()
    };
    std::thread::spawn(move || {
        let result = Store::open(&db)
            .map_err(import::ImportError::Store)
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
                import::run(&mut store, &request.paths, &options, &mut progress)
            });
        let msg = match result {
            Ok(summaries) => JobMsg::Done(Ok(summaries
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "))),
            // Asked once: an answer that still does not settle it is an error to read.
            Err(import::ImportError::Owner {
                account,
                mut people,
                likely,
                ..
            }) if request.as_name.is_none() => {
                // The probable owner first, where the picker's cursor starts.
                people.sort_by_key(|p| !likely.contains(p));
                JobMsg::AskOwner {
                    request,
                    account,
                    people,
                }
            }
            Err(e) => JobMsg::Done(Err(e.to_string())),
        };
        let _ = tx.send(msg);
    });
    rx
}
