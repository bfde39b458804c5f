//! Background jobs seen from the app: their progress goes to the status line, their end
//! reloads the tabs.

use super::App;

impl App {
    /// Starts watching a background job; its progress shows in the status line.
    pub fn start_job(&mut self, rx: std::sync::mpsc::Receiver<crate::tui::event::JobMsg>) {
        self.job = Some(rx);
    }

    /// The import stopped before writing anything: which of the people in its message files
    /// is the account? The answer runs it again (`--as`), and is remembered from then on.
    fn ask_owner(
        &mut self,
        request: crate::tui::event::ImportRequest,
        account: &str,
        people: Vec<String>,
    ) {
        let items = people
            .iter()
            .enumerate()
            .map(|(i, p)| (i as i64, p.clone()))
            .collect();
        self.owner_question = Some((request, people));
        self.info(format!(
            "import paused, nothing written: which sender is {account} itself?"
        ));
        let ask = crate::tui::tabs::Outcome::Pick {
            title: format!("Which sender is {account}? (its own messages; remembered)"),
            items,
            ask: crate::tui::tabs::Question::App(crate::tui::tabs::AppQuestion::ImportAs),
            manage: false,
        };
        self.apply(None, ask);
    }

    /// The answer to `ask_owner`: the same import again, as that sender.
    pub(super) fn import_as(&mut self, picked: Option<i64>) -> crate::tui::tabs::Outcome {
        use crate::tui::tabs::Outcome;
        let Some((mut request, people)) = self.owner_question.take() else {
            return Outcome::Ignored;
        };
        let Some(name) = picked.and_then(|i| people.get(usize::try_from(i).ok()?)) else {
            return Outcome::Status("import not run: no sender chosen".into());
        };
        request.as_name = Some(name.clone());
        let Some(db) = self.store.path().map(std::path::Path::to_path_buf) else {
            return Outcome::Status("import needs a database file".into());
        };
        let rx = crate::tui::event::spawn_import(db, request, &self.clock, &self.config);
        self.start_job(rx);
        Outcome::Status(format!("import started as {name}"))
    }

    pub fn job_running(&self) -> bool {
        self.job.is_some()
    }

    /// Reads what the job said since the last look. True when the screen changed.
    pub fn poll_job(&mut self) -> bool {
        use crate::tui::event::JobMsg;
        let Some(rx) = &self.job else { return false };
        let mut last = None;
        let mut done = None;
        loop {
            match rx.try_recv() {
                Ok(JobMsg::Progress(p)) => last = Some(p),
                Ok(JobMsg::Done(result)) => {
                    done = Some(result);
                    break;
                }
                Ok(JobMsg::Long(result)) => {
                    self.job = None;
                    let then = self.long_then.take();
                    match result
                        .map_err(anyhow::Error::msg)
                        .and_then(|done| match then {
                            Some(then) => then(done),
                            None => Ok(String::new()),
                        }) {
                        Ok(msg) => self.info(msg),
                        Err(e) => self.error(format!("{e:#}")),
                    }
                    self.reload();
                    return true;
                }
                Ok(JobMsg::Finished(result)) => {
                    self.job = None;
                    match result {
                        Ok(msg) => self.info(msg),
                        Err(e) => self.error(e),
                    }
                    return true;
                }
                Ok(JobMsg::AskOwner {
                    request,
                    account,
                    people,
                }) => {
                    self.job = None;
                    self.ask_owner(request, &account, people);
                    return true;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => break,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    done = Some(Err("the import stopped unexpectedly".into()));
                    break;
                }
            }
        }
        match (done, last) {
            (Some(result), _) => {
                self.job = None;
                self.reload();
                match result {
                    Ok(summary) => {
                        tracing::info!(%summary, "import done");
                        self.info(format!("imported: {summary}"))
                    }
                    Err(e) => self.error(format!("import failed, nothing was changed: {e}")),
                }
                true
            }
            (None, Some(p)) => {
                self.info(p);
                true
            }
            (None, None) => false,
        }
    }

    /// True while the Analytics tab waits for figures read in the background.
    pub fn read_running(&self) -> bool {
        self.tabs.analytics.reading()
    }

    /// Takes the figures a background read sent since the last look. True when the screen
    /// changed.
    pub fn poll_read(&mut self) -> bool {
        match self.tabs.analytics.poll_read() {
            Some(Ok(changed)) => changed || !self.read_running(),
            Some(Err(e)) => {
                self.error(e);
                true
            }
            None => false,
        }
    }

    /// Reads in the background from now on (the running app), or inline (tests, `render`).
    pub fn read_in_background(&mut self, on: bool) {
        self.tabs.analytics.background = on;
    }

    /// Waits up to `limit` for the background read under way; true when none is left.
    pub fn wait_read(&mut self, limit: std::time::Duration) -> bool {
        self.tabs.analytics.wait_read(limit)
    }
}

impl App {
    /// True (and said) while a job runs: one job at a time, so that a long write and its undo
    /// never overlap.
    fn busy_with_a_job(&mut self) -> bool {
        let busy = self.job_running();
        if busy {
            self.info("busy with the job under way: try again when it ends");
        }
        busy
    }

    /// Runs long read-only work (a report) on a thread of its own, the screen live meanwhile;
    /// in place when there is no database file to open a second connection to (tests).
    pub(super) fn run_in_background(&mut self, doing: String, run: crate::tui::tabs::Background) {
        if self.busy_with_a_job() {
            return;
        }
        match self.store.path().map(std::path::Path::to_path_buf) {
            Some(db) => {
                let rx = crate::tui::event::spawn_reader(db, self.view_clock(), run);
                self.start_job(rx);
                self.info(doing);
            }
            None => match run(&self.store, &self.view_clock()) {
                Ok(msg) => self.info(msg),
                Err(e) => self.error(format!("{e:#}")),
            },
        }
    }
}

impl App {
    /// Runs a write of thousands of rows on the session's long writer, the screen live; its
    /// `then` runs here when it ends. In place when there is no database file (tests).
    pub(super) fn run_long_write(&mut self, write: crate::tui::tabs::LongWrite) {
        if self.busy_with_a_job() {
            return;
        }
        let clock = self.view_clock();
        match self.store.path().map(std::path::Path::to_path_buf) {
            Some(db) => {
                let writer = self
                    .long_writer
                    .get_or_insert_with(|| crate::tui::event::LongWriter::start(db));
                let rx = writer.send(write.run, clock);
                self.long_then = Some(write.then);
                self.start_job(rx);
                self.info(write.doing);
            }
            None => {
                match (write.run)(&mut self.store, &clock).and_then(write.then) {
                    Ok(msg) => self.info(msg),
                    Err(e) => self.error(format!("{e:#}")),
                }
                self.reload();
            }
        }
    }
}
