//! What the user means, independent of which key said it.

use super::tab_id::TabId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    // Global
    Quit,
    /// Ctrl-C: quits from anywhere and cannot be rebound.
    ForceQuit,
    NextTab,
    PrevTab,
    GoTab(TabId),
    CycleAccount,
    Help,
    Command,
    // Moving in lists and grids
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    // Inbox triage
    MarkDone,
    Hide,
    Spam,
    Escalate,
    Reply,
    SavedReply,
    OpenLink,
    Label,
    ToggleMark,
    Undo,
    Redo,
    Search,
    CycleFilter,
    // Calendar
    CycleView,
    GoToday,
    PrevPeriod,
    NextPeriod,
    New,
    Edit,
    EditExternal,
    AdvanceStatus,
    MoveLater,
    MoveEarlier,
    Reschedule,
    Duplicate,
    Delete,
    // Forms
    NextField,
    PrevField,
    // Welcome screen
    LoadDemo,
    ImportHelp,
    AddAccount,
    // Overlays
    Save,
    Yes,
    No,
}

impl Action {
    /// The name used in `config.toml` under `[keys]`, e.g. `quit = "Q"`. None for actions
    /// that carry data or are not bound to keys.
    pub fn name(&self) -> Option<&'static str> {
        use Action::*;
        Some(match self {
            Quit => "quit",
            NextTab => "next_tab",
            PrevTab => "prev_tab",
            GoTab(_) | ForceQuit => return None,
            CycleAccount => "cycle_account",
            Help => "help",
            Command => "command",
            Up => "up",
            Down => "down",
            Left => "left",
            Right => "right",
            PageUp => "page_up",
            PageDown => "page_down",
            Top => "top",
            Bottom => "bottom",
            Open => "open",
            Back => "back",
            MarkDone => "mark_done",
            Hide => "hide",
            Spam => "spam",
            Escalate => "escalate",
            Reply => "reply",
            SavedReply => "saved_reply",
            OpenLink => "open_link",
            Label => "label",
            ToggleMark => "toggle_mark",
            Undo => "undo",
            Redo => "redo",
            Search => "search",
            CycleFilter => "cycle_filter",
            CycleView => "cycle_view",
            GoToday => "go_today",
            PrevPeriod => "prev_period",
            NextPeriod => "next_period",
            New => "new",
            Edit => "edit",
            EditExternal => "edit_external",
            AdvanceStatus => "advance_status",
            MoveLater => "move_later",
            MoveEarlier => "move_earlier",
            Reschedule => "reschedule",
            Duplicate => "duplicate",
            Delete => "delete",
            NextField => "next_field",
            PrevField => "prev_field",
            Save => "save",
            Yes => "yes",
            No => "no",
            LoadDemo => "load_demo",
            ImportHelp => "import_help",
            AddAccount => "add_account",
        })
    }
}
