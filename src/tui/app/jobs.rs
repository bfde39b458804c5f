//! Background jobs seen from the app: their progress goes to the status line, their end
//! reloads the tabs.

use super::App;

impl App {
    /// Starts watching a background job; its progress shows in the status line.
    pub fn start_job(&mut self, rx: std::sync::mpsc::Receiver<crate::tui::event::JobMsg>) {
        self.job = Some(rx);
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
}
