//! The app's own work that belongs to no tab: the `:` commands (`:import`, `:demo`, `:q`), the
//! welcome screen's keys (load the demo, add the first account) and the answers to the app's
//! own prompts.

use super::App;
use super::command_line::COMMANDS;
use crate::demo::{self, Scale};
use crate::domain::Platform;
use crate::store::NewAccount;
use crate::text::shell_words;
use crate::tui::action::Action;
use crate::tui::tabs::{Answer, AppQuestion, Outcome, Question};

pub const IMPORT_HELP: &str = "Type :import PATH (a file, folder or .zip of Meta, Instagram, X, LinkedIn, \
     TikTok or YouTube exports), or run `smmdeck import PATH` in a shell";

impl App {
    /// The welcome screen's keys. None: not one of them (the key then goes to the tab).
    pub(super) fn welcome_action(&mut self, action: &Action) -> Option<Outcome> {
        match action {
            Action::LoadDemo => Some(self.load_demo()),
            Action::AddAccount => Some(Outcome::Prompt {
                title: "New account: platform handle [brand]  e.g. instagram @mybrand My Brand"
                    .into(),
                initial: String::new(),
                ask: Question::App(AppQuestion::AddAccount),
            }),
            _ => None,
        }
    }

    /// The answer to a question the app asked itself.
    pub(super) fn answer_app(&mut self, question: AppQuestion, answer: Answer) -> Outcome {
        match (question, answer) {
            (AppQuestion::AddAccount, Answer::Text(text)) => self.add_account(&text),
            (AppQuestion::Command, Answer::Text(text)) => self.command(&text),
            (AppQuestion::LoadDemo, Answer::Yes) => self.load_demo(),
            (AppQuestion::ImportAs, Answer::Picked { id, .. }) => self.import_as(id),
            _ => Outcome::Ignored,
        }
    }

    /// Writes the demo (a tenth of a second) on the long writer, the screen live meanwhile.
    fn load_demo(&mut self) -> Outcome {
        Outcome::LongWrite(crate::tui::tabs::LongWrite {
            doing: "loading the demo…".into(),
            run: Box::new(|store, clock| {
                demo::generate(store, Scale::Small, clock, &mut |_| {})?;
                Ok(Box::new(()))
            }),
            then: Box::new(|_| Ok("demo data loaded: press 1–5 to look around, ? for keys".into())),
        })
    }

    fn add_account(&mut self, text: &str) -> Outcome {
        let mut words = text.split_whitespace();
        let (Some(platform), Some(handle)) = (words.next(), words.next()) else {
            return Outcome::Status("type a platform and a handle, e.g. instagram @mybrand".into());
        };
        let Some(platform) = Platform::parse_loose(platform) else {
            let known: Vec<&str> = Platform::ALL.iter().map(|p| p.as_str()).collect();
            return Outcome::Status(format!(
                "unknown platform {platform:?}; known: {}",
                known.join(", ")
            ));
        };
        let brand = words.collect::<Vec<_>>().join(" ");
        let account = NewAccount {
            brand,
            platform: platform.as_str().into(),
            handle: handle.into(),
            ..Default::default()
        };
        let now = self.clock.now_ts();
        match self.store.accounts().add(&account, now) {
            Ok(_) => {
                self.reload();
                Outcome::Status(format!(
                    "added {} @{}",
                    platform.badge(),
                    handle.trim_start_matches('@')
                ))
            }
            Err(e) => Outcome::Status(e.to_string()),
        }
    }

    /// `:import PATH...`, `:demo`, `:q`, `:help`. Words are split as a shell does, so a path
    /// with spaces is quoted (`:import "Content 2026-10-01 Lumen Coffee Co"`) or escaped.
    fn command(&mut self, text: &str) -> Outcome {
        let words = match shell_words::split(text.trim()) {
            Ok(words) => words,
            Err(e) => {
                self.error(format!(":{}: {e}", text.trim().trim_start_matches(':')));
                return Outcome::Handled;
            }
        };
        let (cmd, args) = match words.split_first() {
            Some((cmd, args)) => (cmd.trim_start_matches(':'), args),
            None => ("", &[][..]),
        };
        match cmd {
            "import" => self.import(args),
            "q" | "quit" => {
                self.quit = true;
                Outcome::Handled
            }
            "period" => match self.tabs.analytics.set_period(&args.join(" ")) {
                Ok(msg) => {
                    // Read now even when the tab is fresh: the new period is what changed.
                    self.active = crate::tui::tabs::TabId::Analytics;
                    self.refresh(self.active, false);
                    Outcome::Status(msg)
                }
                Err(e) => Outcome::Status(e),
            },
            "demo" if self.store.is_empty().unwrap_or(false) => self.load_demo(),
            // Never mixed into someone's data without a yes that says what it does.
            "demo" => Outcome::Confirm {
                text: "This database has data. Add the demo's posts, comments, contacts and \
                       campaigns to it (and its 5 accounts where missing)?"
                    .into(),
                ask: Question::App(AppQuestion::LoadDemo),
            },
            "help" => {
                self.on_action(Action::Help);
                Outcome::Handled
            }
            "" => Outcome::Handled,
            other => {
                let known: Vec<String> = COMMANDS
                    .iter()
                    .map(|(name, args)| format!(":{name} {args}").trim_end().to_string())
                    .collect();
                Outcome::Status(format!(
                    "unknown command :{other} (try {}; Tab completes)",
                    known.join(", ")
                ))
            }
        }
    }

    /// Starts an import on a background thread; the app keeps working and shows its progress.
    fn import(&mut self, args: &[String]) -> Outcome {
        if self.job_running() {
            return Outcome::Status("an import is already running".into());
        }
        let mut words = args.iter();
        let mut request = crate::tui::event::ImportRequest::default();
        while let Some(word) = words.next() {
            match word.as_str() {
                "--account" => request.account = words.next().cloned(),
                "--as" => request.as_name = words.next().cloned(),
                path => request.paths.push(expand_home(path)),
            }
        }
        if request.paths.is_empty() {
            return Outcome::Status(
                "usage: :import [--account HANDLE] [--as NAME] PATH... (a file, a folder or a .zip)"
                    .into(),
            );
        }
        let Some(db) = self.store.path().map(std::path::Path::to_path_buf) else {
            return Outcome::Status("import needs a database file".into());
        };
        let rx = crate::tui::event::spawn_import(db, request, &self.clock, &self.config);
        self.start_job(rx);
        Outcome::Status("import started".into())
    }
}

/// `~/x` means the home folder, as in a shell.
pub(super) fn expand_home(word: &str) -> std::path::PathBuf {
    match (word.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::PathBuf::from(home).join(rest),
        _ => std::path::PathBuf::from(word),
    }
}
