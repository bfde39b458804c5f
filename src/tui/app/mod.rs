//! The app: which tab is active, the account filter, the overlay and the status line. It routes
//! actions to tabs and runs the effects they ask for; the tabs do the tab work.

mod command_line;
mod commands;
mod jobs;
mod render;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::keymap::{Key, Keymap, Scope};
use super::tabs::counts::tab_counts;
use super::tabs::{
    Answer, AppQuestion, Ctx, FormOverlay, FormStep, Jump, Outcome, Question, TabId, Tabs,
};
use super::widgets::help;
use super::widgets::overlay::{Confirm, TextInput};
use super::widgets::picker::Picker;
use crate::clock::Clock;
use crate::config::Config;
use crate::store::{Account, Store};

/// What is drawn above the tab. A question's overlay carries the question, so its answer can
/// only go to the one who asked.
enum Overlay {
    Welcome,
    Help {
        scroll: u16,
    },
    Confirm(Confirm, Question),
    Input(TextInput, Question),
    /// Esc in an editor with changes: discard them?
    Discard(TextInput, Question),
    Pick(Picker, Question),
    /// A form, and the tab it edits for.
    Form(Box<dyn FormOverlay>, Option<TabId>),
}

/// Text waiting to be edited in `$EDITOR`, and who gets it back.
enum ExternalFor {
    Form,
    Ask(Question),
}

pub struct App {
    pub store: Store,
    pub clock: Clock,
    pub config: Config,
    pub keymap: Keymap,
    pub active: TabId,
    pub tabs: Tabs,
    accounts: Vec<Account>,
    /// The tab bar's numbers, read with the active tab (never by refreshing the others).
    counts: [Option<i64>; 5],
    /// How many times each tab was read, in tab order: what a write or a tick costs shows here.
    reads: [u32; 5],
    /// Bumped by every write, tick and filter change (`reload`): what the database or the
    /// clock may have changed since.
    generation: u64,
    /// The generation each tab was last read in whole: a tab shown again within the same one
    /// is drawn from what it holds, without reading.
    read_in: [Option<u64>; 5],
    /// No account and no post yet: the welcome's keys work even with the welcome closed.
    empty: bool,
    /// Writes that found the database held by another writer, oldest first: kept, not lost.
    waiting: std::collections::VecDeque<super::tabs::Write>,
    /// The counts wait to be read again (after a write, a filter change or a tick).
    counts_stale: bool,
    /// Read the counts when the event loop is idle (`settle`) rather than within the key that
    /// made them stale. Off by default, so that tests and `render` see them at once.
    pub defer_counts: bool,
    /// Index into `accounts` of the filter; None is all accounts.
    filter: Option<usize>,
    overlay: Option<Overlay>,
    status: String,
    status_is_error: bool,
    pub quit: bool,
    /// Set when something asked for `$EDITOR`; the event loop, which owns the terminal, runs it.
    external: Option<(String, ExternalFor)>,
    /// Whether effects outside the app (clipboard, browser) really happen; off in tests.
    pub external_effects: bool,
    /// A background job (an import) and where its messages arrive.
    job: Option<std::sync::mpsc::Receiver<super::event::JobMsg>>,
    /// An import waiting for the answer to "which sender is the account?", with the names
    /// the picker offers.
    owner_question: Option<(super::event::ImportRequest, Vec<String>)>,
    /// The `:` line's history and completion.
    command_line: command_line::CommandLine,
    /// The connection that runs long writes, opened at the first (see `LongWriter`).
    long_writer: Option<super::event::LongWriter>,
    /// What to run here when the long write under way ends.
    long_then: Option<Box<dyn FnOnce(super::tabs::Done) -> anyhow::Result<String>>>,
}

impl App {
    pub fn new(store: Store, clock: Clock, config: Config) -> anyhow::Result<App> {
        Self::open_at(store, clock, config, TabId::Today)
    }

    /// The app opened on `tab`: only that tab is read before the first frame (the others are
    /// read when shown), so opening on the inbox does not pay for Today's digest.
    pub fn open_at(store: Store, clock: Clock, config: Config, tab: TabId) -> anyhow::Result<App> {
        let keymap = Keymap::new(&config.keys).map_err(anyhow::Error::msg)?;
        let welcome = store.is_empty()?;
        let mut app = App {
            store,
            clock,
            config,
            keymap,
            active: tab,
            tabs: Tabs::default(),
            accounts: Vec::new(),
            counts: [None; 5],
            reads: [0; 5],
            generation: 0,
            read_in: [None; 5],
            empty: welcome,
            counts_stale: true,
            waiting: std::collections::VecDeque::new(),
            defer_counts: false,
            filter: None,
            overlay: welcome.then_some(Overlay::Welcome),
            status: String::new(),
            status_is_error: false,
            quit: false,
            external: None,
            external_effects: false,
            job: None,
            owner_question: None,
            command_line: Default::default(),
            long_writer: None,
            long_then: None,
        };
        app.reload();
        Ok(app)
    }

    /// After a write, a change of filter or a tick: re-reads the accounts, the tab bar's
    /// counts and the tab on screen. The others are read when they are shown.
    pub fn reload(&mut self) {
        match self.store.accounts().list() {
            Ok(list) => self.accounts = list,
            Err(e) => self.error(format!("cannot read accounts: {e}")),
        }
        if self.filter.is_some_and(|i| i >= self.accounts.len()) {
            self.filter = None;
        }
        self.empty = self.store.is_empty().unwrap_or(false);
        self.generation += 1;
        self.refresh(self.active, false);
        // Something may have changed what the tab bar counts.
        self.counts_stale = true;
        if !self.defer_counts {
            self.settle();
        }
    }

    /// Reads the tab bar's counts if a write, filter change or tick left them stale. True when
    /// they changed (the screen needs drawing again). The event loop calls it when no other key
    /// is waiting, so a burst of keys pays for the counts once.
    pub fn settle(&mut self) -> bool {
        if !self.counts_stale {
            return false;
        }
        self.counts_stale = false;
        match self.with_ctx(|_, ctx| tab_counts(ctx)) {
            // The same counts need no second frame.
            Ok(counts) => std::mem::replace(&mut self.counts, counts) != counts,
            Err(e) => {
                self.error(format!("counts: {e}"));
                true
            }
        }
    }

    /// True while the tab bar's counts wait to be read again.
    pub fn unsettled(&self) -> bool {
        self.counts_stale
    }

    /// The clock screens use: the user's zone, or the filtered account's own zone when it has
    /// one (a brand in Kyiv is planned in Kyiv time even from Berlin).
    pub(super) fn view_clock(&self) -> Clock {
        let zone = self
            .filter
            .and_then(|i| self.accounts[i].timezone.as_deref())
            .and_then(|z| z.parse::<chrono_tz::Tz>().ok());
        match zone {
            Some(tz) => self.clock.with_zone(tz),
            None => self.clock,
        }
    }

    /// Runs `f` with the tabs and what they read through: the store, the view's clock, the
    /// account filter.
    fn with_ctx<R>(&mut self, f: impl FnOnce(&mut Tabs, &Ctx<'_>) -> R) -> R {
        let clock = self.view_clock();
        let ctx = Ctx {
            store: &self.store,
            clock: &clock,
            config: &self.config,
            account: self.filter.map(|i| self.accounts[i].id),
            accounts: &self.accounts,
        };
        f(&mut self.tabs, &ctx)
    }

    fn refresh(&mut self, tab: TabId, more: bool) {
        let refreshed = self.with_ctx(|tabs, ctx| tabs.refresh(tab, ctx, more));
        self.reads[tab.number() - 1] += 1;
        if !more {
            self.read_in[tab.number() - 1] = Some(self.generation);
        }
        if let Err(e) = refreshed {
            self.error(format!("{}: {e}", tab.title()));
        }
    }

    /// Writes what waits, in order, until one finds the database held by another writer (an
    /// import): that one and those behind it are kept, said so, and tried again on the next
    /// tick. True when something was written.
    pub fn write_waiting(&mut self) -> bool {
        let mut wrote = false;
        while let Some(mut write) = self.waiting.pop_front() {
            match write(&self.store, &self.view_clock()) {
                Ok(msg) => {
                    self.info(msg);
                    wrote = true;
                }
                Err(e) if busy(&e) => {
                    self.waiting.push_front(write);
                    let who = self
                        .store
                        .writer()
                        .unwrap_or_else(|| "another writer".into());
                    let n = self.waiting.len();
                    self.info(format!(
                        "waiting for {who}: {n} change{} kept, written as soon as it is free",
                        if n == 1 { "" } else { "s" }
                    ));
                    break;
                }
                Err(e) => self.error(format!("{e:#}")),
            }
        }
        if wrote {
            self.reload();
        }
        wrote
    }

    /// True while changes wait for the database.
    pub fn writes_waiting(&self) -> bool {
        !self.waiting.is_empty()
    }

    /// How many times each tab has been read since the app started, in tab order.
    pub fn reads(&self) -> [u32; 5] {
        self.reads
    }

    /// The tab bar's numbers, in tab order.
    pub fn counts(&self) -> [Option<i64>; 5] {
        self.counts
    }

    pub fn info(&mut self, msg: impl Into<String>) {
        self.status = msg.into();
        self.status_is_error = false;
    }

    pub fn error(&mut self, msg: impl Into<String>) {
        self.status = msg.into();
        tracing::warn!(message = %self.status, "shown to the user");
        self.status_is_error = true;
    }

    /// The scopes a key is looked up in, most specific first.
    fn scopes(&self) -> Vec<Scope> {
        match &self.overlay {
            Some(Overlay::Welcome) => vec![Scope::Welcome, Scope::Global],
            Some(Overlay::Help { .. }) => vec![Scope::Help],
            Some(Overlay::Pick(p, _)) if p.manage => vec![Scope::PickerManage, Scope::Picker],
            Some(Overlay::Pick(..)) => vec![Scope::Picker],
            Some(Overlay::Confirm(..)) | Some(Overlay::Discard(..)) => vec![Scope::Confirm],
            Some(Overlay::Input(input, _)) if input.multiline => vec![Scope::Editor],
            Some(Overlay::Input(_, Question::App(AppQuestion::Command))) => {
                vec![Scope::Command, Scope::Prompt]
            }
            Some(Overlay::Input(..)) => vec![Scope::Prompt],
            Some(Overlay::Form(f, _)) if f.confirming() => vec![Scope::Confirm],
            Some(Overlay::Form(..)) => vec![Scope::Form],
            // An empty database keeps the way forward open with the welcome closed: its keys
            // (demo, add an account, import) work and the footer shows them, after the tab's
            // own (on Contacts, n adds the first contact: an empty deck starts there too).
            None if self.empty => vec![
                Scope::Tab(self.active),
                Scope::Welcome,
                Scope::List,
                Scope::Global,
            ],
            None => vec![Scope::Tab(self.active), Scope::List, Scope::Global],
        }
    }

    pub fn on_key(&mut self, ev: KeyEvent) {
        // A text field owns the shell's Alt keys (Alt-B/F/D, widgets/line_edit.rs).
        if ev.modifiers.contains(KeyModifiers::ALT)
            && super::widgets::line_edit::edit_for(&ev).is_some()
        {
            match &mut self.overlay {
                Some(Overlay::Input(input, _)) => return input.input(ev),
                Some(Overlay::Form(form, _)) if !form.confirming() => return form.input(ev),
                _ => {}
            }
        }
        // A terminal sends Esc followed quickly by a key as Alt+key. Nothing is bound to Alt,
        // so read it as what the user typed: Esc, then the key.
        if ev.modifiers.contains(KeyModifiers::ALT) {
            self.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            let mut plain = ev;
            plain.modifiers.remove(KeyModifiers::ALT);
            self.on_key(plain);
            return;
        }
        let key = Key::from_event(&ev);
        if self.keymap.lookup(&[Scope::Global], key) == Some(&Action::ForceQuit) {
            self.quit = true;
            return;
        }
        match self.keymap.lookup(&self.scopes(), key).cloned() {
            Some(action) => self.on_action(action),
            None => match &mut self.overlay {
                Some(Overlay::Input(input, _)) => input.input(ev),
                Some(Overlay::Form(form, _)) => form.input(ev),
                _ => {}
            },
        }
    }

    pub fn on_action(&mut self, action: Action) {
        match self.overlay.take() {
            Some(overlay) => self.on_overlay_action(overlay, action),
            None => self.on_tab_action(action),
        }
    }

    fn on_overlay_action(&mut self, overlay: Overlay, action: Action) {
        match (overlay, action) {
            (Overlay::Help { .. }, Action::Back) => {}
            (Overlay::Help { scroll }, a) => {
                let max = help::len(&self.keymap, Scope::Tab(self.active)).saturating_sub(3) as u16;
                let scroll = match a {
                    Action::Down => scroll.saturating_add(1),
                    Action::Up => scroll.saturating_sub(1),
                    Action::PageDown => scroll.saturating_add(15),
                    Action::PageUp => scroll.saturating_sub(15),
                    _ => scroll,
                };
                self.overlay = Some(Overlay::Help {
                    scroll: scroll.min(max),
                });
            }
            (Overlay::Confirm(_, ask), Action::Yes) => self.deliver(ask, Answer::Yes),
            (Overlay::Confirm(..), _) => self.info("cancelled"),
            (
                Overlay::Input(mut input, ask),
                a @ (Action::HistoryBack | Action::HistoryForward | Action::Complete),
            ) => {
                match a {
                    Action::HistoryBack => self.command_line.back(&mut input),
                    Action::HistoryForward => self.command_line.forward(&mut input),
                    _ => {
                        let handles: Vec<String> =
                            self.accounts.iter().map(|a| a.handle.clone()).collect();
                        let said = self.command_line.complete(&mut input, &handles);
                        self.info(said);
                    }
                }
                self.overlay = Some(Overlay::Input(input, ask));
            }
            (Overlay::Input(input, ask), Action::Save) => {
                if ask == Question::App(AppQuestion::Command) {
                    self.command_line.remember(&input.text());
                }
                self.deliver(ask, Answer::Text(input.text()))
            }
            (Overlay::Input(input, ask), Action::Back) if input.multiline && input.changed() => {
                self.overlay = Some(Overlay::Discard(input, ask));
            }
            (Overlay::Input(..), Action::Back) => self.info("cancelled"),
            (Overlay::Input(input, ask), _) => self.overlay = Some(Overlay::Input(input, ask)),
            (Overlay::Discard(..), Action::Yes) => self.info("changes discarded"),
            (Overlay::Discard(input, ask), _) => self.overlay = Some(Overlay::Input(input, ask)),
            (Overlay::Form(mut form, owner), action) => match form.handle(&action) {
                FormStep::Stay => self.overlay = Some(Overlay::Form(form, owner)),
                FormStep::Close(outcome) => self.apply(owner, outcome),
                FormStep::Save(mut write) => match write(&self.store, &self.view_clock()) {
                    Ok(msg) => {
                        self.info(msg);
                        self.reload();
                    }
                    Err(e) => {
                        form.set_error(format!("{e:#}"));
                        self.overlay = Some(Overlay::Form(form, owner));
                    }
                },
                FormStep::External(text) => {
                    self.external = Some((text, ExternalFor::Form));
                    self.overlay = Some(Overlay::Form(form, owner));
                }
            },
            (Overlay::Pick(..), Action::Back) => {}
            (Overlay::Pick(mut picker, ask), a) => match picker.handle(&a) {
                Some((id, verb)) => self.deliver(ask, Answer::Picked { id, verb }),
                None => self.overlay = Some(Overlay::Pick(picker, ask)),
            },
            (Overlay::Welcome, Action::ImportHelp) => {
                // The welcome stays up: the answer is a hint, not a new screen.
                self.overlay = Some(Overlay::Welcome);
                self.info(commands::IMPORT_HELP);
            }
            (Overlay::Welcome, action) => match self.welcome_action(&action) {
                Some(outcome) => self.apply(None, outcome),
                None => self.on_tab_action(action),
            },
        }
    }

    fn on_tab_action(&mut self, action: Action) {
        match action {
            Action::Quit | Action::ForceQuit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::NextTab => self.switch(self.active.next()),
            Action::PrevTab => self.switch(self.active.prev()),
            Action::GoTab(tab) => self.switch(tab),
            Action::CycleAccount => self.cycle_account(),
            Action::ImportHelp => self.info(commands::IMPORT_HELP),
            Action::LoadDemo | Action::AddAccount => {
                if let Some(outcome) = self.welcome_action(&action) {
                    self.apply(None, outcome);
                }
            }
            Action::Command => {
                let file = command_line::history_path(self.store.path());
                self.command_line.open(file);
                let input = TextInput::new(":".into(), String::new(), false);
                self.overlay = Some(Overlay::Input(input, Question::App(AppQuestion::Command)));
            }
            action => {
                let outcome = self.tabs.handle(self.active, &action);
                self.apply(Some(self.active), outcome);
            }
        }
    }

    /// Hands an overlay's answer to whoever asked.
    fn deliver(&mut self, question: Question, answer: Answer) {
        match question {
            Question::App(q) => {
                let outcome = self.answer_app(q, answer);
                self.apply(None, outcome);
            }
            tab_question => {
                let source = tab_question.tab();
                let outcome = self.tabs.answer(tab_question, answer);
                self.apply(source, outcome);
            }
        }
    }

    /// Runs what a tab (`source`) or the app itself (None) asked for.
    fn apply(&mut self, source: Option<TabId>, outcome: Outcome) {
        match outcome {
            Outcome::Ignored | Outcome::Handled => {}
            Outcome::Fetch => {
                if let Some(tab) = source {
                    self.refresh(tab, true);
                }
            }
            Outcome::Read(read) => {
                let clock = self.view_clock();
                match read(&self.store, &clock) {
                    Ok(next) => self.apply(source, next),
                    Err(e) => self.error(format!("{e:#}")),
                }
            }
            Outcome::Write(write) => {
                // Behind writes already waiting, so that changes land in the order made.
                self.waiting.push_back(write);
                self.write_waiting();
            }
            Outcome::Status(msg) => self.info(msg),
            Outcome::Confirm { text, ask } => {
                self.overlay = Some(Overlay::Confirm(Confirm { question: text }, ask))
            }
            Outcome::Prompt {
                title,
                initial,
                ask,
            } => {
                self.overlay = Some(Overlay::Input(TextInput::new(title, initial, false), ask));
            }
            Outcome::Editor {
                title,
                initial,
                ask,
            } => {
                self.overlay = Some(Overlay::Input(TextInput::new(title, initial, true), ask));
            }
            Outcome::Jump(Jump { tab, id }) => {
                self.switch(tab);
                if let Some(id) = id {
                    self.tabs.select(tab, id);
                    self.refresh(tab, true);
                }
            }
            Outcome::Reload => {
                if let Some(tab) = source {
                    self.refresh(tab, false);
                }
            }
            Outcome::Copy(text) => {
                if self.external_effects {
                    super::clipboard::copy_osc52(&text);
                }
            }
            Outcome::OpenUrl(url) => {
                // A link from an export could name a file or a program's scheme: only the web.
                if !crate::text::is_web_link(&url) {
                    self.error(format!(
                        "not opened: {} is not an http(s) link",
                        crate::text::printable(&url)
                    ));
                } else if self.external_effects {
                    match open::that_detached(&url) {
                        Ok(()) => self.info(format!("opened {url}")),
                        Err(e) => self.error(format!("cannot open {url}: {e}")),
                    }
                } else {
                    self.info(format!("would open {url}"));
                }
            }
            Outcome::Pick {
                title,
                items,
                ask,
                manage,
            } => self.overlay = Some(Overlay::Pick(Picker::new(title, items, manage), ask)),
            Outcome::Batch(list) => {
                for o in list {
                    self.apply(source, o);
                }
            }
            Outcome::Form(form) => self.overlay = Some(Overlay::Form(form, source)),
            Outcome::Background { doing, run } => self.run_in_background(doing, run),
            Outcome::LongWrite(write) => self.run_long_write(write),
            Outcome::External { initial, ask } => {
                self.external = Some((initial, ExternalFor::Ask(ask)))
            }
        }
    }

    /// The text to open in `$EDITOR`, if something asked for it.
    pub fn external_request(&self) -> Option<&str> {
        self.external.as_ref().map(|(text, _)| text.as_str())
    }

    /// The outcome of `$EDITOR`: the edited text goes to whoever asked.
    pub fn external_done(&mut self, result: anyhow::Result<String>) {
        let Some((_, target)) = self.external.take() else {
            return;
        };
        match (result, target) {
            (Err(e), _) => self.error(format!("$EDITOR: {e:#}")),
            (Ok(text), ExternalFor::Form) => {
                if let Some(Overlay::Form(form, _)) = &mut self.overlay {
                    form.set_external(text);
                }
            }
            (Ok(text), ExternalFor::Ask(ask)) => self.deliver(ask, Answer::Text(text)),
        }
    }

    /// Shows `tab`, reading it only if something may have changed since it was last read.
    fn switch(&mut self, tab: TabId) {
        self.active = tab;
        if self.read_in[tab.number() - 1] != Some(self.generation) {
            self.refresh(tab, false);
        }
    }

    /// Work for a quiet moment, a piece a call (the event loop calls it while no key waits):
    /// Some(true) when the screen changed, Some(false) when there is more, None when done.
    pub fn idle(&mut self) -> Option<bool> {
        let active = self.active;
        match self.with_ctx(|tabs, ctx| tabs.idle(active, ctx)) {
            Ok(step) => step,
            Err(e) => {
                self.error(format!("{}: {e:#}", self.active.title()));
                None
            }
        }
    }

    fn cycle_account(&mut self) {
        self.filter = match self.filter {
            None if !self.accounts.is_empty() => Some(0),
            Some(i) if i + 1 < self.accounts.len() => Some(i + 1),
            _ => None,
        };
        let label = self.filter_label();
        self.info(format!("showing {label}"));
        self.reload();
    }

    /// The filter and the zone its times are shown in: the account's own, or the user's.
    fn filter_label(&self) -> String {
        let zone = self.view_clock().zone_name();
        match self.filter {
            Some(i) => format!("{} · {zone}", self.accounts[i].label()),
            None => format!("all accounts · {zone}"),
        }
    }
}

/// Whether a write failed because another writer holds the database.
fn busy(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<crate::store::StoreError>()
            .is_some_and(crate::store::StoreError::is_busy)
            || cause
                .downcast_ref::<rusqlite::Error>()
                .and_then(rusqlite::Error::sqlite_error_code)
                .is_some_and(|c| {
                    matches!(
                        c,
                        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                    )
                })
    })
}
