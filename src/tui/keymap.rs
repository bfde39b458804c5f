//! Every key binding, as data. Dispatch, the footer hints and the `?` overlay all read this one
//! table, so they cannot drift apart. `config.toml` may rebind actions by name.

use std::collections::HashMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::tab_id::TabId;

/// Where a binding applies. A tab's own scope wins over `List`, which wins over `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    List,
    Tab(TabId),
    Welcome,
    /// The multi-line editor and the one-line prompt (other keys type text).
    Editor,
    Prompt,
    /// The `:` command line: a prompt with a history and completion (its other keys are the
    /// prompt's).
    Command,
    Confirm,
    /// The `?` overlay.
    Help,
    /// A form overlay (the post editor): fields take typed text.
    Form,
    /// A list to pick from (saved replies, accounts).
    Picker,
    /// A picker whose items can be managed (saved replies): new, edit, delete.
    PickerManage,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::List => "Lists",
            Scope::Tab(t) => t.title(),
            Scope::Welcome => "Welcome",
            Scope::Editor => "Editor",
            Scope::Prompt => "Prompt",
            Scope::Command => "Command line (:)",
            Scope::Confirm => "Confirm",
            Scope::Help => "Help",
            Scope::Form => "Form",
            Scope::Picker => "Picker",
            Scope::PickerManage => "Saved replies picker",
        }
    }
}

/// A key with its modifiers (Shift is folded into the character for printable keys; `shift`
/// marks it only on arrows and the like, e.g. Shift+→ moves a post).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub shift: bool,
}

impl Key {
    pub const fn ch(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: false,
            shift: false,
        }
    }
    pub const fn code(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            shift: false,
        }
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            shift: false,
        }
    }
    pub const fn shift(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            shift: true,
        }
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        // Shift only counts on keys that have no shifted character (BackTab already is one).
        let shiftable = matches!(
            ev.code,
            KeyCode::Left
                | KeyCode::Right
                | KeyCode::Up
                | KeyCode::Down
                | KeyCode::Home
                | KeyCode::End
                | KeyCode::PageUp
                | KeyCode::PageDown
        );
        Key {
            code: ev.code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            shift: shiftable && ev.modifiers.contains(KeyModifiers::SHIFT),
        }
    }

    /// Parses `q`, `Q`, `ctrl-c`, `enter`, `esc`, `tab`, `backtab`, `up`, `pgdn`, `f5`, ...
    pub fn parse(s: &str) -> Option<Key> {
        let lower = s.to_ascii_lowercase();
        if let Some(rest) = lower
            .strip_prefix("shift-")
            .or_else(|| lower.strip_prefix("s-"))
        {
            let key = Key::parse(rest)?;
            return (!matches!(key.code, KeyCode::Char(_)) && !key.ctrl)
                .then_some(Key::shift(key.code));
        }
        if let Some(rest) = lower
            .strip_prefix("ctrl-")
            .or_else(|| lower.strip_prefix("c-"))
        {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) => Some(Key::ctrl(c)),
                _ => None,
            };
        }
        let named = match lower.as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            f if f.len() > 1 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
            _ => {
                let mut chars = s.chars();
                return match (chars.next(), chars.next()) {
                    (Some(c), None) => Some(Key::ch(c)),
                    _ => None,
                };
            }
        };
        Some(Key::code(named))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.shift {
            f.write_str("S-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("S-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One row of the table: in `scope`, `key` means `action`; `help` is what `?` says of it, and
/// `hint` puts it in the footer.
#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    pub key: Key,
    pub action: Action,
    pub help: &'static str,
    pub hint: bool,
}

pub struct Keymap {
    bindings: Vec<Binding>,
    index: HashMap<(Scope, Key), usize>,
}

fn b(scope: Scope, key: Key, action: Action, help: &'static str, hint: bool) -> Binding {
    Binding {
        scope,
        key,
        action,
        help,
        hint,
    }
}

/// The default bindings. Vim keys and arrows both work.
fn defaults() -> Vec<Binding> {
    use Action as A;
    use KeyCode as K;
    use Scope::*;
    let inbox = Tab(TabId::Inbox);
    let cal = Tab(TabId::Calendar);
    let an = Tab(TabId::Analytics);
    let people = Tab(TabId::Contacts);
    let mut v = vec![
        b(Global, Key::ch('q'), A::Quit, "quit", true),
        b(Global, Key::ctrl('c'), A::ForceQuit, "quit (always)", false),
        b(Global, Key::ch('?'), A::Help, "help: every key", true),
        b(Global, Key::code(K::Tab), A::NextTab, "next tab", false),
        b(
            Global,
            Key::code(K::BackTab),
            A::PrevTab,
            "previous tab",
            false,
        ),
        b(
            Global,
            Key::ch('a'),
            A::CycleAccount,
            "account filter: all → each account",
            true,
        ),
        b(
            Global,
            Key::ch(':'),
            A::Command,
            "command (:import PATH, :demo)",
            false,
        ),
        b(List, Key::ch('j'), A::Down, "down", false),
        b(List, Key::code(K::Down), A::Down, "down", false),
        b(List, Key::ch('k'), A::Up, "up", false),
        b(List, Key::code(K::Up), A::Up, "up", false),
        b(List, Key::ch('h'), A::Left, "left", false),
        b(List, Key::code(K::Left), A::Left, "left", false),
        b(List, Key::ch('l'), A::Right, "right", false),
        b(List, Key::code(K::Right), A::Right, "right", false),
        b(
            List,
            Key::code(K::PageDown),
            A::PageDown,
            "page down",
            false,
        ),
        b(List, Key::ctrl('d'), A::PageDown, "page down", false),
        b(List, Key::code(K::PageUp), A::PageUp, "page up", false),
        b(List, Key::ctrl('u'), A::PageUp, "page up", false),
        b(List, Key::ch('g'), A::Top, "first", false),
        b(List, Key::code(K::Home), A::Top, "first", false),
        b(List, Key::ch('G'), A::Bottom, "last", false),
        b(List, Key::code(K::End), A::Bottom, "last", false),
        b(List, Key::code(K::Enter), A::Open, "open", true),
        b(List, Key::code(K::Esc), A::Back, "back", false),
        b(
            inbox,
            Key::code(K::Enter),
            A::Open,
            "read the item full width (Esc back)",
            false,
        ),
        b(inbox, Key::ch('d'), A::MarkDone, "done", true),
        b(inbox, Key::ch('h'), A::Hide, "hide", true),
        b(inbox, Key::ch('s'), A::Spam, "spam", true),
        b(
            inbox,
            Key::ch('!'),
            A::Escalate,
            "escalate (with a note)",
            true,
        ),
        b(inbox, Key::ch('r'), A::Reply, "reply (Ctrl-S saves)", true),
        b(
            inbox,
            Key::ch('t'),
            A::SavedReply,
            "insert a saved reply",
            false,
        ),
        b(
            inbox,
            Key::ch('O'),
            A::OpenLink,
            "open the link in the browser",
            false,
        ),
        b(
            inbox,
            Key::ch('o'),
            A::ToggleOrder,
            "order: urgent first / newest first",
            false,
        ),
        b(
            inbox,
            Key::ch('l'),
            A::Label,
            "add or remove a label",
            false,
        ),
        b(
            inbox,
            Key::ch('x'),
            A::ToggleMark,
            "mark for a bulk action",
            false,
        ),
        b(
            inbox,
            Key::ch('X'),
            A::MarkAll,
            "mark every item the filter shows (then d h s ! l)",
            false,
        ),
        b(inbox, Key::ch('u'), A::Undo, "undo the last action", true),
        b(
            inbox,
            Key::ctrl('r'),
            A::Redo,
            "redo what u took back",
            false,
        ),
        b(
            inbox,
            Key::ch('/'),
            A::Search,
            "search (#label @author kind:dm …)",
            true,
        ),
        b(
            inbox,
            Key::ch('f'),
            A::CycleFilter,
            "filter: view kind priority account label",
            true,
        ),
        b(
            cal,
            Key::ch('v'),
            A::CycleView,
            "view: month/week/agenda",
            true,
        ),
        b(cal, Key::ch('t'), A::GoToday, "today", true),
        b(
            cal,
            Key::ch('['),
            A::PrevPeriod,
            "previous month or week",
            false,
        ),
        b(
            cal,
            Key::ch(']'),
            A::NextPeriod,
            "next month or week",
            false,
        ),
        b(cal, Key::ch('n'), A::New, "new post", true),
        b(cal, Key::ch('e'), A::Edit, "edit post", true),
        b(
            cal,
            Key::ch('E'),
            A::EditExternal,
            "edit caption in $EDITOR",
            false,
        ),
        b(
            cal,
            Key::ch('s'),
            A::AdvanceStatus,
            "status: idea→draft→ready→scheduled→published",
            true,
        ),
        b(cal, Key::ch('>'), A::MoveLater, "move a day later", false),
        b(
            cal,
            Key::ch('<'),
            A::MoveEarlier,
            "move a day earlier",
            false,
        ),
        b(
            cal,
            Key::ch('m'),
            A::Reschedule,
            "reschedule to a typed date",
            false,
        ),
        b(
            cal,
            Key::ch('c'),
            A::Duplicate,
            "duplicate to another account",
            false,
        ),
        b(cal, Key::ch('D'), A::Delete, "delete (asks first)", false),
        b(cal, Key::ch('u'), A::Undo, "undo the last change", false),
        b(cal, Key::ctrl('r'), A::Redo, "redo what u took back", false),
        b(
            cal,
            Key::shift(K::Right),
            A::MoveLater,
            "move a day later",
            false,
        ),
        b(
            cal,
            Key::shift(K::Left),
            A::MoveEarlier,
            "move a day earlier",
            false,
        ),
        b(
            an,
            Key::ch('p'),
            A::CyclePeriod,
            "period: last 7/28/90 days, this month, last month (:period A..B sets one)",
            true,
        ),
        b(an, Key::ch('['), A::PrevPeriod, "previous period", false),
        b(an, Key::ch(']'), A::NextPeriod, "next period", false),
        b(
            an,
            Key::ch('m'),
            A::CycleMetric,
            "trend metric: reach/engagements/views/followers/visits",
            true,
        ),
        b(
            an,
            Key::ch('b'),
            A::CycleBreakdown,
            "breakdown: platform/format/pillar/weekday×hour",
            true,
        ),
        b(
            an,
            Key::ch('c'),
            A::CampaignView,
            "campaigns ⇄ overview",
            true,
        ),
        b(
            an,
            Key::ch('R'),
            A::WriteReport,
            "write an HTML client report of this filter and period",
            true,
        ),
        b(an, Key::ch('N'), A::New, "new campaign", true),
        b(
            an,
            Key::ch('e'),
            A::Edit,
            "edit the selected campaign",
            false,
        ),
        b(
            an,
            Key::ch('D'),
            A::Delete,
            "delete the selected campaign (asks first)",
            false,
        ),
        b(
            an,
            Key::ch('u'),
            A::Undo,
            "undo the last campaign change",
            false,
        ),
        b(an, Key::ctrl('r'), A::Redo, "redo what u took back", false),
        b(
            an,
            Key::code(K::Enter),
            A::Open,
            "open the post in the calendar",
            false,
        ),
        b(people, Key::ch('n'), A::New, "new contact", true),
        b(people, Key::ch('e'), A::Edit, "edit contact", true),
        b(people, Key::code(K::Enter), A::Edit, "edit contact", false),
        b(
            people,
            Key::ch('D'),
            A::Delete,
            "delete (asks first)",
            false,
        ),
        b(
            people,
            Key::ch('>'),
            A::StageForward,
            "next stage (logs it)",
            true,
        ),
        b(
            people,
            Key::ch('<'),
            A::StageBack,
            "previous stage (logs it)",
            false,
        ),
        b(
            people,
            Key::ch('b'),
            A::ToggleBoard,
            "board: a column per stage",
            true,
        ),
        b(
            people,
            Key::ch('i'),
            A::LogInteraction,
            "log an interaction (email, dm, call, meeting)",
            true,
        ),
        b(
            people,
            Key::ch('F'),
            A::SetFollowUp,
            "follow-up (2026-12-03, +3d, mon)",
            true,
        ),
        b(
            people,
            Key::ch('R'),
            A::RateCard,
            "rate card: format price currency",
            false,
        ),
        b(
            people,
            Key::ch('c'),
            A::AddCollaboration,
            "add a collaboration",
            false,
        ),
        b(
            people,
            Key::ch('p'),
            A::MarkPaid,
            "mark a collaboration paid",
            false,
        ),
        b(
            people,
            Key::ch('/'),
            A::Search,
            "fuzzy search name, handles, niche, notes",
            true,
        ),
        b(
            people,
            Key::ch('f'),
            A::Filter,
            "filter: stage, niche, platform, follow-up due",
            true,
        ),
        b(
            people,
            Key::ch('s'),
            A::CycleSort,
            "sort: name/follow-up/followers/ER/cost/last contact",
            true,
        ),
        b(people, Key::ch('u'), A::Undo, "undo the last change", true),
        b(
            people,
            Key::ctrl('r'),
            A::Redo,
            "redo what u took back",
            false,
        ),
        b(
            people,
            Key::code(K::Esc),
            A::Back,
            "clear the search and filter",
            false,
        ),
        b(Form, Key::code(K::Tab), A::NextField, "next field", true),
        b(
            Form,
            Key::code(K::BackTab),
            A::PrevField,
            "previous field",
            false,
        ),
        b(
            Form,
            Key::code(K::Enter),
            A::Open,
            "next field (new line in the caption)",
            false,
        ),
        b(Form, Key::code(K::Up), A::Up, "up (previous field)", false),
        b(
            Form,
            Key::code(K::Down),
            A::Down,
            "down (next field)",
            false,
        ),
        b(
            Form,
            Key::code(K::Left),
            A::Left,
            "left (previous choice)",
            false,
        ),
        b(
            Form,
            Key::code(K::Right),
            A::Right,
            "right (next choice)",
            false,
        ),
        b(Form, Key::ctrl('s'), A::Save, "save", true),
        b(
            Form,
            Key::ctrl('e'),
            A::EditExternal,
            "long text in $EDITOR (in a one-line field: end of the line)",
            // Not in the footer: what Ctrl-E does depends on the field, and the form's own
            // keys line (widgets/form.rs) says it for the focused one.
            false,
        ),
        b(
            Form,
            Key::code(K::Esc),
            A::Back,
            "cancel (asks if changed)",
            true,
        ),
        b(Welcome, Key::ch('d'), A::LoadDemo, "load demo data", true),
        b(
            Welcome,
            Key::ch('i'),
            A::ImportHelp,
            "how to import your exports",
            true,
        ),
        b(Welcome, Key::ch('n'), A::AddAccount, "add an account", true),
        b(
            Welcome,
            Key::code(KeyCode::Esc),
            A::Back,
            "close (its keys still work)",
            false,
        ),
        b(Editor, Key::ctrl('s'), A::Save, "save", true),
        b(
            Editor,
            Key::code(K::Esc),
            A::Back,
            "cancel (asks if changed)",
            true,
        ),
        b(Prompt, Key::code(K::Enter), A::Save, "accept", true),
        b(Prompt, Key::code(K::Esc), A::Back, "cancel", true),
        b(
            Command,
            Key::code(K::Up),
            A::HistoryBack,
            "previous command (history)",
            true,
        ),
        b(
            Command,
            Key::code(K::Down),
            A::HistoryForward,
            "next command",
            false,
        ),
        b(
            Command,
            Key::code(K::Tab),
            A::Complete,
            "complete a command, handle or path (again: the next one)",
            true,
        ),
        b(Confirm, Key::ch('y'), A::Yes, "yes", true),
        b(Confirm, Key::code(K::Enter), A::Yes, "yes", false),
        b(Confirm, Key::ch('n'), A::No, "no", true),
        b(Confirm, Key::code(K::Esc), A::No, "no", false),
        b(Picker, Key::code(K::Enter), A::Open, "choose", true),
        b(Picker, Key::ch('j'), A::Down, "down", false),
        b(Picker, Key::code(K::Down), A::Down, "down", false),
        b(Picker, Key::ch('k'), A::Up, "up", false),
        b(Picker, Key::code(K::Up), A::Up, "up", false),
        b(PickerManage, Key::ch('n'), A::New, "new", true),
        b(PickerManage, Key::ch('e'), A::Edit, "edit", true),
        b(PickerManage, Key::ch('D'), A::Delete, "delete", true),
        b(Picker, Key::code(K::Esc), A::Back, "close", true),
        b(Help, Key::code(K::Esc), A::Back, "close help", true),
        b(Help, Key::ch('?'), A::Back, "close help", false),
        b(Help, Key::ch('q'), A::Back, "close help", false),
        b(Help, Key::ch('j'), A::Down, "scroll down", false),
        b(Help, Key::code(K::Down), A::Down, "scroll down", false),
        b(Help, Key::ch('k'), A::Up, "scroll up", false),
        b(Help, Key::code(K::Up), A::Up, "scroll up", false),
        b(
            Help,
            Key::code(K::PageDown),
            A::PageDown,
            "page down",
            false,
        ),
        b(Help, Key::code(K::PageUp), A::PageUp, "page up", false),
    ];
    for tab in TabId::ALL {
        let n = tab.number();
        let key = Key::ch(char::from_digit(n as u32, 10).unwrap_or('0'));
        v.push(b(Global, key, A::GoTab(tab), tab.title(), false));
    }
    v
}

/// Whether a key in one scope can meet a key in the other: a tab, the lists and the global keys
/// are tried together (the tab's own first), an overlay's keys only among themselves.
fn shares_keys(a: Scope, b: Scope) -> bool {
    use Scope::*;
    let main = |s: Scope| matches!(s, Tab(_) | List | Global);
    a == b
        || (main(a) && main(b) && !matches!((a, b), (Tab(x), Tab(y)) if x != y))
        || matches!(
            (a, b),
            (Picker, PickerManage)
                | (PickerManage, Picker)
                | (Welcome, Global)
                | (Global, Welcome)
                | (Command, Prompt)
                | (Prompt, Command)
        )
}

impl Keymap {
    /// The defaults with the user's overrides applied (action name → key). An unknown action
    /// or key is an error naming it, so a typo in config.toml does not pass silently.
    pub fn new(overrides: &HashMap<String, String>) -> Result<Keymap, String> {
        let mut bindings = defaults();
        for (name, key) in overrides {
            let key = Key::parse(key)
                .ok_or_else(|| format!("config.toml [keys]: unknown key {key:?} for {name}"))?;
            let scopes: Vec<Scope> = bindings
                .iter()
                .filter(|b| b.action.name() == Some(name.as_str()))
                .map(|b| b.scope)
                .collect();
            if scopes.is_empty() {
                return Err(format!("config.toml [keys]: unknown action {name:?}"));
            }
            // The key must not be one another action already answers to where this one
            // applies: it would silently hide it (or be hidden).
            if let Some(other) = bindings.iter().find(|b| {
                b.key == key
                    && b.action.name() != Some(name.as_str())
                    && scopes.iter().any(|s| shares_keys(*s, b.scope))
            }) {
                let other_name = other.action.name().unwrap_or("a fixed key");
                return Err(format!(
                    "config.toml [keys]: {name} = {key:?} takes {key}, which {other_name} \
                     ({}) already uses in {}; pick another key or rebind {other_name} too",
                    other.help,
                    other.scope.title()
                ));
            }
            for bnd in bindings
                .iter_mut()
                .filter(|b| b.action.name() == Some(name.as_str()))
            {
                bnd.key = key;
            }
        }
        let mut index = HashMap::new();
        for (i, bnd) in bindings.iter().enumerate() {
            if index.insert((bnd.scope, bnd.key), i).is_some() {
                return Err(format!(
                    "key {} is bound twice in {}",
                    bnd.key,
                    bnd.scope.title()
                ));
            }
        }
        Ok(Keymap { bindings, index })
    }

    /// What `key` means in `scopes`, tried in order.
    pub fn lookup(&self, scopes: &[Scope], key: Key) -> Option<&Action> {
        scopes
            .iter()
            .find_map(|s| self.index.get(&(*s, key)))
            .map(|&i| &self.bindings[i].action)
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The footer's hints for a scope chain: `key label` pairs, the tab's own first.
    pub fn hints(&self, scopes: &[Scope]) -> Vec<(String, &'static str)> {
        scopes
            .iter()
            .flat_map(|s| {
                self.bindings
                    .iter()
                    .filter(move |b| b.scope == *s && b.hint)
            })
            .map(|b| {
                (
                    b.key.to_string(),
                    b.help.split(" (").next().unwrap_or(b.help),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_have_no_duplicates_and_every_action_a_key() {
        let km = Keymap::new(&HashMap::new()).expect("defaults are valid");
        for bnd in km.bindings() {
            assert!(!bnd.help.is_empty(), "{:?} has no help text", bnd.action);
            assert_eq!(km.lookup(&[bnd.scope], bnd.key), Some(&bnd.action));
        }
    }

    #[test]
    fn tab_scope_wins_and_overrides_apply() {
        let km = Keymap::new(&HashMap::new()).unwrap();
        let inbox = [Scope::Tab(TabId::Inbox), Scope::List, Scope::Global];
        assert_eq!(km.lookup(&inbox, Key::ch('h')), Some(&Action::Hide));
        let today = [Scope::Tab(TabId::Today), Scope::List, Scope::Global];
        assert_eq!(km.lookup(&today, Key::ch('h')), Some(&Action::Left));
        assert_eq!(
            km.lookup(&today, Key::ch('3')),
            Some(&Action::GoTab(TabId::Inbox))
        );
        let over = HashMap::from([("quit".to_string(), "Q".to_string())]);
        let km = Keymap::new(&over).unwrap();
        assert_eq!(km.lookup(&today, Key::ch('Q')), Some(&Action::Quit));
        assert_eq!(km.lookup(&today, Key::ch('q')), None);
        assert!(Keymap::new(&HashMap::from([("nope".to_string(), "x".to_string())])).is_err());
        assert!(
            Keymap::new(&HashMap::from([(
                "quit".to_string(),
                "ctrl-xy".to_string()
            )]))
            .is_err()
        );
        let clash = HashMap::from([("quit".to_string(), "a".to_string())]);
        assert!(
            Keymap::new(&clash).is_err(),
            "a is already the account filter"
        );
    }

    #[test]
    fn a_rebinding_onto_a_key_another_action_uses_names_both() {
        // j moves down in every list; taking it for "done" would hide that in the inbox.
        let clash = HashMap::from([("mark_done".to_string(), "j".to_string())]);
        let err = Keymap::new(&clash).err().unwrap_or_default();
        assert!(
            err.contains("mark_done") && err.contains("down"),
            "names both: {err}"
        );
        // A key free in the inbox is fine.
        let free = HashMap::from([("mark_done".to_string(), "D".to_string())]);
        let km = Keymap::new(&free).unwrap();
        let inbox = [Scope::Tab(TabId::Inbox), Scope::List, Scope::Global];
        assert_eq!(km.lookup(&inbox, Key::ch('D')), Some(&Action::MarkDone));
    }

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("ctrl-s"), Some(Key::ctrl('s')));
        assert_eq!(
            Key::parse("PgDn").map(|k| k.to_string()),
            Some("PgDn".into())
        );
        assert_eq!(Key::parse("G"), Some(Key::ch('G')));
        assert_eq!(Key::parse("f5"), Some(Key::code(KeyCode::F(5))));
        assert_eq!(Key::parse("wat"), None);
    }
}
