//! The five tabs. Each is a module with three faces: `refresh` reads what it shows from the
//! store, `handle` turns an action into a state change or an effect for the app to run, and
//! `render` draws the state without I/O.

pub mod analytics;
pub mod calendar;
pub mod contacts;
pub mod counts;
pub mod inbox;
mod splice;
pub mod today;
pub mod undo;

use crate::clock::Clock;
use crate::config::Config;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
pub use super::tab_id::TabId;
use super::widgets::picker::PickVerb;
use crate::store::{Account, Store};

/// What a tab may read while refreshing: the store, the clock, the settings and the filter.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub clock: &'a Clock,
    pub config: &'a Config,
    /// The global account filter: None is all accounts.
    pub account: Option<i64>,
    /// Every account, for labels and pickers.
    pub accounts: &'a [Account],
}

/// A write the app runs for a tab; it returns a message for the status line.
pub type Write = Box<dyn FnMut(&Store, &Clock) -> anyhow::Result<String>>;

/// Work that reads for long (a client report: a quarter of a second at the large demo), run on
/// a thread of its own with a read-only connection while the screen stays live; it returns a
/// message for the status line. Without a database file (tests) it runs in place.
pub type Background = Box<dyn FnOnce(&Store, &Clock) -> anyhow::Result<String> + Send>;

/// What a long write's work gives back to the app's thread (its undo step's makings).
pub type Done = Box<dyn std::any::Any + Send>;

/// A long write's work, run on the long writer's thread and connection.
pub type FarWrite = Box<dyn FnOnce(&mut Store, &Clock) -> anyhow::Result<Done> + Send>;

/// A write over thousands of rows (a bulk change and its undo: seconds at the large demo): the
/// work runs on a thread of its own with a connection of its own while the screen stays live;
/// `then`, back on the app's thread, records what it did and says it for the status line.
/// Without a database file (tests) both run in place.
pub struct LongWrite {
    pub doing: String,
    pub run: FarWrite,
    pub then: Box<dyn FnOnce(Done) -> anyhow::Result<String>>,
}

/// A read the app runs for a tab, giving what to do next.
pub type Read = Box<dyn FnOnce(&Store, &Clock) -> anyhow::Result<Outcome>>;

/// Where a jump lands: a tab, and optionally the id of the row to select there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jump {
    pub tab: TabId,
    pub id: Option<i64>,
}

/// A question asked through a prompt, an editor, a confirm or a picker. Each asker has its own
/// enum, whose variants carry what the answer applies to (the item, the ids), so an answer can
/// only reach the question it answers: there is no string tag to mistype.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    App(AppQuestion),
    Analytics(analytics::Question),
    Calendar(calendar::Question),
    Inbox(inbox::Question),
    Contacts(contacts::Question),
}

/// The questions the app asks itself, not a tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppQuestion {
    /// The `:` command line.
    Command,
    /// A new account, typed as `platform handle [brand]`.
    AddAccount,
    /// Add the demo to a database that already has data?
    LoadDemo,
    /// Which sender of an import's message files is the account (the import waits in
    /// `App::owner_question`).
    ImportAs,
}

impl Question {
    /// The tab that asked, if a tab did.
    pub fn tab(&self) -> Option<TabId> {
        match self {
            Question::App(_) => None,
            Question::Analytics(_) => Some(TabId::Analytics),
            Question::Calendar(_) => Some(TabId::Calendar),
            Question::Inbox(_) => Some(TabId::Inbox),
            Question::Contacts(_) => Some(TabId::Contacts),
        }
    }
}

/// What the user answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The text of a prompt or an editor (or of `$EDITOR`).
    Text(String),
    /// Yes to a confirm (no closes it without an answer).
    Yes,
    /// An item of a picker (None for `New`) and what to do with it.
    Picked { id: Option<i64>, verb: PickVerb },
}

/// What handling an action asks of the app.
pub enum Outcome {
    /// The tab has no use for the action.
    Ignored,
    /// The tab changed its own state: redraw.
    Handled,
    /// The tab needs to read more rows (a page further down): call `refresh` again.
    Fetch,
    /// Run this write, show its message, then refresh.
    Write(Write),
    /// Show a message in the status line.
    Status(String),
    /// Ask a yes/no question; on yes the asker gets `Answer::Yes`.
    Confirm { text: String, ask: Question },
    /// Ask for a line of text; the asker gets `Answer::Text`.
    Prompt {
        title: String,
        initial: String,
        ask: Question,
    },
    /// Open the multi-line editor; Ctrl-S gives the asker `Answer::Text`.
    Editor {
        title: String,
        initial: String,
        ask: Question,
    },
    /// Switch to another tab, optionally selecting a row there.
    Jump(Jump),
    /// Re-read the tab from the start (a new filter or search).
    Reload,
    /// Copy text to the system clipboard (OSC 52, so it works over SSH too).
    Copy(String),
    /// Open a link in the browser.
    OpenUrl(String),
    /// Pick one of `items` (id, label); the asker gets `Answer::Picked`.
    Pick {
        title: String,
        items: Vec<(i64, String)>,
        ask: Question,
        /// Whether n, e and D manage the list (saved replies) or it is a plain choice.
        manage: bool,
    },
    /// Several of the above, in order.
    Batch(Vec<Outcome>),
    /// Read something first, then do what the answer says (a picker whose choices come from
    /// the database, read only when it opens rather than at every refresh).
    Read(Read),
    /// Open a form overlay (the post editor); it runs until it saves or is cancelled.
    Form(Box<dyn FormOverlay>),
    /// Edit text in the user's `$EDITOR` (the app suspends the terminal); the asker gets
    /// `Answer::Text` with the result.
    External { initial: String, ask: Question },
    /// Run this away from the keys; `doing` says what for the status line meanwhile.
    Background { doing: String, run: Background },
    /// Write this away from the keys (see [`LongWrite`]).
    LongWrite(LongWrite),
}

/// A form the app shows over a tab. Keys come to it as actions (from `Scope::Form`) or, when
/// unbound, as typed input; it answers with a step for the app to take.
pub trait FormOverlay {
    /// A typed key that no binding claimed.
    fn input(&mut self, key: ratatui::crossterm::event::KeyEvent);
    fn handle(&mut self, action: &Action) -> FormStep;
    /// True while it asks "discard changes?": keys then come from `Scope::Confirm`.
    fn confirming(&self) -> bool;
    /// The text back from `$EDITOR` (after `FormStep::External`).
    fn set_external(&mut self, text: String);
    /// A save failed in the store: say so and keep the form open.
    fn set_error(&mut self, message: String);
    fn render(&self, frame: &mut Frame<'_>, area: Rect);
}

pub enum FormStep {
    Stay,
    /// Close the form and run this.
    Close(Outcome),
    /// Run this write; on success close the form, on failure keep it open with the error.
    Save(Write),
    /// Open this text in `$EDITOR`; the result comes back through `set_external`.
    External(String),
}

/// The five tabs' states. Each operation is one `match` over `TabId`.
#[derive(Default)]
pub struct Tabs {
    pub today: today::TodayTab,
    pub calendar: calendar::CalendarTab,
    pub inbox: inbox::InboxTab,
    pub contacts: contacts::ContactsTab,
    pub analytics: analytics::AnalyticsTab,
}

impl Tabs {
    /// Reads a tab's rows; `more` asks for the next page after those already loaded.
    pub fn refresh(&mut self, tab: TabId, ctx: &Ctx<'_>, more: bool) -> anyhow::Result<()> {
        match tab {
            TabId::Today => self.today.refresh(ctx, more),
            TabId::Calendar => self.calendar.refresh(ctx, more),
            TabId::Inbox => self.inbox.refresh(ctx, more),
            TabId::Contacts => self.contacts.refresh(ctx, more),
            TabId::Analytics => self.analytics.refresh(ctx, more),
        }
    }

    /// Work the tab on screen does while no key waits, a piece a call: Some(true) when the
    /// screen changed, Some(false) when there is more, None when there is nothing to do.
    pub fn idle(&mut self, tab: TabId, ctx: &Ctx<'_>) -> anyhow::Result<Option<bool>> {
        match tab {
            TabId::Calendar => self.calendar.idle(ctx),
            _ => Ok(None),
        }
    }

    pub fn handle(&mut self, tab: TabId, action: &Action) -> Outcome {
        match tab {
            TabId::Today => self.today.handle(action),
            TabId::Calendar => self.calendar.handle(action),
            TabId::Inbox => self.inbox.handle(action),
            TabId::Contacts => self.contacts.handle(action),
            TabId::Analytics => self.analytics.handle(action),
        }
    }

    pub fn render(&self, tab: TabId, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        match tab {
            TabId::Today => self.today.render(frame, area, clock),
            TabId::Calendar => self.calendar.render(frame, area, clock),
            TabId::Inbox => self.inbox.render(frame, area, clock),
            TabId::Contacts => self.contacts.render(frame, area, clock),
            TabId::Analytics => self.analytics.render(frame, area, clock),
        }
    }

    /// Hands a tab the answer to the question it asked.
    pub fn answer(&mut self, question: Question, answer: Answer) -> Outcome {
        match question {
            Question::App(_) => Outcome::Ignored,
            Question::Analytics(q) => self.analytics.answer(q, answer),
            Question::Calendar(q) => self.calendar.answer(q, answer),
            Question::Inbox(q) => self.inbox.answer(q, answer),
            Question::Contacts(q) => self.contacts.answer(q, answer),
        }
    }

    /// Selects the row with `id` after a jump, if the tab shows it.
    pub fn select(&mut self, tab: TabId, id: i64) {
        match tab {
            TabId::Today => {}
            TabId::Calendar => self.calendar.select(id),
            TabId::Inbox => self.inbox.select(id),
            TabId::Contacts => self.contacts.select(id),
            TabId::Analytics => self.analytics.select(id),
        }
    }
}
