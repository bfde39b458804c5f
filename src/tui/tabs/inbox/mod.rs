//! Inbox: comments and messages from every account in one queue, urgent first, with one key
//! per triage action. State and actions here; drawing in `render.rs`; the writes (and their
//! undo) in `triage.rs`.

mod columns;
mod drawn;
mod render;
mod thread;
mod triage;

use std::collections::BTreeSet;

use super::splice::{page, splice};
use super::{Answer, Ctx, Outcome};
use crate::domain::inbox_query::InboxQuery;
use crate::domain::targets::{Targets, fill_placeholders};
use crate::domain::{InboxStatus, InboxView, Platform};
use crate::store::{
    AuthorHistory, ConversationSize, FilterCounts, InboxFilter, InboxRow, ItemEvent, ItemPost,
    SavedReply, ThreadMessage,
};
use crate::tui::action::Action;
use crate::tui::tabs::undo::UndoStack;
use crate::tui::widgets::list::{Cursor, Reselect};
use crate::tui::widgets::picker::PickVerb;
use triage::TriageStep;

const PAGE_ROWS: usize = 100;
/// At most this many rows are held: paging past them drops pages from the other end, so a
/// user who pages through a million items holds (and draws) what one screenful needs.
const WINDOW: usize = 500;
/// Bulk actions over more items than this ask first.
const CONFIRM_ABOVE: usize = 20;

/// The newest messages of a conversation the detail pane reads (older ones: `inbox show`).
const CONVERSATION_SHOWN: usize = 200;

/// What the detail pane shows about the selected item.
#[derive(Debug, Clone, Default)]
struct Detail {
    id: i64,
    history: AuthorHistory,
    post: Option<ItemPost>,
    /// A conversation's messages (the newest `CONVERSATION_SHOWN`), or a comment with the
    /// replies under it; oldest first.
    thread: Vec<ThreadMessage>,
    /// Set for a conversation: how many messages it has in all.
    conversation: Option<ConversationSize>,
    events: Vec<ItemEvent>,
}

#[derive(Default)]
pub struct InboxTab {
    filter: InboxFilter,
    rows: Vec<InboxRow>,
    /// No rows after the last one held.
    exhausted: bool,
    /// Rows were dropped before the first one held (the window slid down).
    slid: bool,
    cursor: Cursor,
    /// The header's counts, for the view and filter shown.
    counts: FilterCounts,
    now: i64,
    targets: Targets,
    marked: BTreeSet<i64>,
    /// `X`: every item the filter shows is marked (their count when marked); the next
    /// triage key acts on all of them in SQL, without reading them.
    marked_all: Option<FilterCounts>,
    /// The choices the `f` picker offers, by the id each was given there.
    filter_choices: Vec<FilterChoice>,
    /// Account handles, for the `f` picker.
    account_handles: Vec<String>,
    undo: UndoStack<TriageStep>,
    /// The row to select after the next refresh (the one after an item just handled).
    follow: Reselect,
    /// An item a jump asked for that the window does not hold: the next read starts there.
    jump: Option<i64>,
    detail: Option<Detail>,
    saved: Vec<SavedReply>,
    /// Labels of accounts by id, for reply placeholders.
    account_names: Vec<(i64, String)>,
    /// Enter opens the selected item full width to read a long text or thread; j/k scroll it
    /// (by this many lines: from the top, or back from the newest message of a
    /// conversation), Esc goes back to the queue.
    reading: Option<u16>,
    /// How far the detail can scroll at its last drawn size (kept by `render`), so that a
    /// scroll key past the end does nothing rather than count on unseen.
    reading_room: std::cell::Cell<u16>,
    /// The queue's rows on screen at the last frame (kept by `render`): the page a write's
    /// refresh reads again.
    list_rows: std::cell::Cell<usize>,
    /// The items this tab's last write changed, once it committed.
    written: triage::Written,
    /// The queue's rows as the last frame drew them (kept by `render`).
    drawn: std::cell::RefCell<drawn::DrawnRows>,
}

/// What the inbox asks, and what the answer will act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// A note for escalating these items.
    Escalate(Vec<i64>),
    /// Mark this many items with this status?
    Bulk(InboxStatus, Vec<i64>),
    /// The reply to this item.
    Reply(i64),
    /// A label to add to or remove from this item.
    Label(i64),
    /// What to search for.
    Search,
    /// Which saved reply to use (or manage).
    SavedReply,
    /// The text of a new saved reply.
    NewSaved,
    /// The new text of this saved reply.
    EditSaved(i64),
    /// Delete this saved reply?
    DeleteSaved(i64),
    /// Which filter (`f`).
    Filter,
    /// The label to filter by.
    FilterLabel,
    /// Mark every item the filter shows?
    MarkAll,
    /// A note for escalating every marked item.
    EscalateAll,
    /// A label to add to every marked item.
    LabelAll,
}

/// One line of the `f` picker.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FilterChoice {
    View(InboxView),
    /// A search term to add or take away (`kind:dm`); `only` replaces terms of its own name.
    Term {
        term: String,
        only: bool,
    },
    /// Ask for a label.
    Label,
    /// Drop every term.
    Clear,
}

fn ask(q: Question) -> super::Question {
    super::Question::Inbox(q)
}

impl InboxTab {
    pub fn refresh(&mut self, ctx: &Ctx<'_>, more: bool) -> anyhow::Result<()> {
        let inbox = ctx.store.inbox();
        self.now = ctx.clock.now_ts();
        self.targets = Targets {
            negative_minutes: ctx.config.inbox.target_negative_minutes,
            question_minutes: ctx.config.inbox.target_question_minutes,
            other_minutes: ctx.config.inbox.target_other_minutes,
        };
        if let Some(id) = self.jump.take() {
            self.open_window_at(&inbox, id)?;
        }
        if more {
            self.slide(&inbox)?;
        } else {
            if self.filter.account != ctx.account {
                self.filter.account = ctx.account;
                self.restart();
                self.marked.clear();
                self.marked_all = None;
            }
            let written = self.written.take();
            if !written.is_some_and(|ids| self.splice(&inbox, &ids).unwrap_or(false)) {
                self.reread_window(&inbox)?;
            }
            self.counts = inbox.filter_counts(&self.filter, self.targets.cutoffs(self.now))?;
            self.account_handles = ctx.accounts.iter().map(|a| a.handle.clone()).collect();
            self.saved = ctx.store.saved_replies().list()?;
            self.account_names = ctx
                .accounts
                .iter()
                .map(|a| (a.id, a.display_name.clone()))
                .collect();
            self.detail = None;
        }
        self.follow
            .restore(&mut self.cursor, self.rows.iter().map(|r| r.id));
        self.cursor.clamp(self.rows.len());
        self.load_detail(ctx)?;
        Ok(())
    }

    /// Re-reads the window from where it begins, so the user keeps their place.
    fn reread_window(&mut self, inbox: &crate::store::Inbox<'_>) -> anyhow::Result<()> {
        let limit = self.rows.len().clamp(PAGE_ROWS, WINDOW);
        let first = self.rows.first().map(|r| self.filter.cursor(r));
        self.rows = match first {
            Some(first) if self.slid => inbox.page_from(&self.filter, first, limit)?,
            _ => inbox.page(&self.filter, None, limit)?,
        };
        if self.rows.is_empty() && self.slid {
            self.slid = false;
            self.rows = inbox.page(&self.filter, None, limit)?;
        }
        self.exhausted = self.rows.len() < limit;
        Ok(())
    }

    /// After this tab's write to `ids`: reads again the page on screen from the row just above
    /// it, down to the rows written and a few past them, and puts that in place of what the
    /// window held there. The rows above the page and past what was read are kept as read a
    /// moment ago, which is the truth only when the write touched none of them: false, and
    /// nothing changed, when it may have (a marked item off the page, a window whose start
    /// slid, an undone item back above the page), and the whole window is read again instead.
    fn splice(&mut self, inbox: &crate::store::Inbox<'_>, ids: &[i64]) -> anyhow::Result<bool> {
        let height = self.list_rows.get();
        let Some((start, want)) = page(self.cursor.selected, self.rows.len(), height) else {
            return Ok(false);
        };
        let after = match start.checked_sub(1) {
            Some(above) => Some(self.filter.cursor(&self.rows[above])),
            // Nothing held above the page: from the top of the queue, unless the window slid.
            None if !self.slid => None,
            None => return Ok(false),
        };
        // A triage write moves no item within a view: the written items leave it, stay where
        // they are, or (undone) come back where they were, at the cursor. The rows below them
        // are those held; reading down to the last of them (or the cursor) and the few rows
        // `page` reads past the page is enough, unless a written item is neither held nor
        // among the rows read (it came back further down): then the whole page.
        let held_at = |id: &i64| self.rows.iter().skip(start).position(|r| r.id == *id);
        let last = ids.iter().filter_map(held_at).max().unwrap_or(0);
        let near = (last.max(self.cursor.selected - start) + 1 + want - height).min(want);
        let mut fresh = inbox.page(&self.filter, after, near)?;
        let placed = |fresh: &[InboxRow]| {
            ids.iter()
                .all(|id| self.rows.iter().chain(fresh).any(|r| r.id == *id))
        };
        let want = if near < want && !placed(&fresh) {
            fresh = inbox.page(&self.filter, after, want)?;
            want
        } else {
            near
        };
        // The row to land on must be held after the splice, or the window is read again.
        let follow = self.follow.take();
        self.follow.set(follow);
        let landed = |rows: &[i64]| follow.is_none_or(|f| rows.contains(&f));
        // Spliced by id, then the rows themselves moved into place (not copied: the window
        // holds up to `WINDOW` of them): what was held above the page, the rows read, and
        // what was held past them.
        let held: Vec<i64> = self.rows.iter().map(|r| r.id).collect();
        let read: Vec<i64> = fresh.iter().map(|r| r.id).collect();
        match splice(
            &held,
            start,
            read,
            want,
            self.exhausted,
            |&i| i,
            |i| ids.contains(&i),
        ) {
            Some(s) if landed(&s.rows) => {
                let tail_from = held.len() - (s.rows.len() - start - fresh.len());
                let mut rows = std::mem::take(&mut self.rows);
                let tail = rows.split_off(tail_from);
                rows.truncate(start);
                rows.extend(fresh);
                rows.extend(tail);
                self.exhausted = s.exhausted;
                if rows.len() > WINDOW {
                    rows.truncate(WINDOW);
                    self.exhausted = false;
                }
                self.rows = rows;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// A window that starts at item `id`, in a view that shows it: the open queue when it is
    /// open, else every item; a search that would hide it is dropped (the user asked for it).
    fn open_window_at(&mut self, inbox: &crate::store::Inbox<'_>, id: i64) -> anyhow::Result<()> {
        let row = inbox.get(id)?;
        let open = matches!(row.status.as_str(), "new" | "escalated");
        self.filter.search = None;
        self.filter.view = if open {
            InboxView::Open
        } else {
            InboxView::All
        };
        self.restart();
        self.rows = inbox.page_from(&self.filter, row.cursor(self.filter.view), PAGE_ROWS)?;
        self.slid = true;
        Ok(())
    }

    /// Back to the top of the queue: a new filter, search or view reads from the start.
    fn restart(&mut self) {
        self.cursor = Cursor::default();
        self.slid = false;
        self.rows.clear();
    }

    /// Reads the next page when the cursor nears the end of the window, or the page before
    /// when it nears the start of a window that slid; the far end is dropped to stay within
    /// `WINDOW` and the cursor stays on the same row.
    fn slide(&mut self, inbox: &crate::store::Inbox<'_>) -> anyhow::Result<()> {
        if !self.exhausted && self.cursor.near_end(self.rows.len()) {
            let after = self.rows.last().map(|r| self.filter.cursor(r));
            let page = inbox.page(&self.filter, after, PAGE_ROWS)?;
            self.exhausted = page.len() < PAGE_ROWS;
            self.rows.extend(page);
            let excess = self.rows.len().saturating_sub(WINDOW);
            if excess > 0 {
                self.rows.drain(..excess);
                self.cursor.selected = self.cursor.selected.saturating_sub(excess);
                self.slid = true;
            }
        } else if self.slid
            && self.cursor.selected < 5
            && let Some(first) = self.rows.first().map(|r| self.filter.cursor(r))
        {
            let page = inbox.page_before(&self.filter, first, PAGE_ROWS)?;
            self.slid = page.len() == PAGE_ROWS;
            let n = page.len();
            self.rows.splice(0..0, page);
            self.cursor.selected += n;
            if self.rows.len() > WINDOW {
                self.rows.truncate(WINDOW);
                self.exhausted = false;
            }
        }
        Ok(())
    }

    /// Reads the detail of the selected item, unless it is already loaded.
    fn load_detail(&mut self, ctx: &Ctx<'_>) -> anyhow::Result<()> {
        let Some(row) = self.rows.get(self.cursor.selected) else {
            self.detail = None;
            return Ok(());
        };
        if self.detail.as_ref().is_some_and(|d| d.id == row.id) {
            return Ok(());
        }
        let inbox = ctx.store.inbox();
        let history = match &row.author_handle {
            Some(h) => inbox.author_history(&row.platform, h, row.id)?,
            None => AuthorHistory::default(),
        };
        let post = match row.post_id {
            Some(p) => inbox.post_of(p)?,
            None => None,
        };
        let (thread, conversation) = match (&row.thread_key, row.kind.as_str()) {
            (Some(_), "dm") => (
                inbox.conversation(row.id, CONVERSATION_SHOWN)?,
                Some(inbox.conversation_size(row.id)?),
            ),
            // A comment shows with the replies under it (and the one it replies to).
            (Some(key), _) => (inbox.thread(key, 50)?, None),
            _ => (Vec::new(), None),
        };
        let events = inbox.events(row.id, 20)?;
        self.detail = Some(Detail {
            id: row.id,
            history,
            post,
            thread,
            conversation,
            events,
        });
        Ok(())
    }

    pub fn select(&mut self, id: i64) {
        if let Some(i) = self.rows.iter().position(|r| r.id == id) {
            self.cursor.selected = i;
        } else {
            self.follow.set(Some(id));
            self.jump = Some(id);
        }
    }

    /// The item the cursor is on (for tests and jumps).
    pub fn selected_id(&self) -> Option<i64> {
        self.selected().map(|r| r.id)
    }

    fn selected(&self) -> Option<&InboxRow> {
        self.rows.get(self.cursor.selected)
    }

    /// The items an action applies to: the marked ones, or the selected one.
    fn targets_of_action(&self) -> Vec<i64> {
        if self.marked.is_empty() {
            self.selected().map(|r| vec![r.id]).unwrap_or_default()
        } else {
            self.marked.iter().copied().collect()
        }
    }

    /// Remembers which row to land on once `ids` have left (or moved in) the list.
    fn follow_after(&mut self, ids: &[i64]) {
        let next = self
            .rows
            .iter()
            .skip(self.cursor.selected)
            .find(|r| !ids.contains(&r.id))
            .map(|r| r.id);
        let prev = self
            .rows
            .iter()
            .take(self.cursor.selected)
            .rev()
            .find(|r| !ids.contains(&r.id))
            .map(|r| r.id);
        // In views that keep handled items (all), move past the one just handled.
        self.follow.set(next.or(prev));
    }

    pub fn handle(&mut self, action: &Action) -> Outcome {
        if let Some(scroll) = self.reading {
            // A conversation is read from its newest message up: its scroll counts back.
            let back = self
                .detail
                .as_ref()
                .is_some_and(|d| d.conversation.is_some());
            let room = self.reading_room.get();
            let scrolled = match (action, back) {
                (Action::Down, false) | (Action::Up, true) => Some(scroll.saturating_add(1)),
                (Action::Up, false) | (Action::Down, true) => Some(scroll.saturating_sub(1)),
                (Action::PageDown, false) | (Action::PageUp, true) => {
                    Some(scroll.saturating_add(10))
                }
                (Action::PageUp, false) | (Action::PageDown, true) => {
                    Some(scroll.saturating_sub(10))
                }
                (Action::Top, false) | (Action::Bottom, true) => Some(0),
                (Action::Top, true) | (Action::Bottom, false) => Some(room),
                _ => None,
            };
            if let Some(s) = scrolled {
                self.reading = Some(s.min(room));
                return Outcome::Handled;
            }
            if matches!(action, Action::Back | Action::Open) {
                self.reading = None;
                return Outcome::Handled;
            }
            // Any triage key acts on the item being read, then the queue shows again.
            self.reading = None;
        }
        if *action == Action::Top && self.slid {
            // The top of the queue, not of the window: read it again from the start.
            self.restart();
            return Outcome::Reload;
        }
        if self.cursor.apply(action, self.rows.len()) {
            return Outcome::Fetch;
        }
        match action {
            Action::Open if self.selected().is_some() => {
                self.reading = Some(0);
                Outcome::Handled
            }
            Action::MarkDone => self.triage(InboxStatus::Done),
            Action::Hide => self.triage(InboxStatus::Hidden),
            Action::Spam => self.triage(InboxStatus::Spam),
            Action::Escalate if self.marked_all.is_some() => Outcome::Prompt {
                title: format!(
                    "Escalate all {} marked: a note for whoever takes them (optional)",
                    self.marked_count()
                ),
                initial: String::new(),
                ask: ask(Question::EscalateAll),
            },
            Action::Label if self.marked_all.is_some() => Outcome::Prompt {
                title: format!("Label to add to all {} marked", self.marked_count()),
                initial: String::new(),
                ask: ask(Question::LabelAll),
            },
            Action::MarkAll => {
                if self.counts.shown == 0 {
                    return Outcome::Status("nothing to mark: this filter shows no item".into());
                }
                Outcome::Confirm {
                    text: format!(
                        "Mark all {} items this {} shows?",
                        count_text(&self.counts),
                        if self.filter.search.is_some() {
                            "search"
                        } else {
                            "filter"
                        }
                    ),
                    ask: ask(Question::MarkAll),
                }
            }
            Action::ToggleOrder => {
                let newest = !self.query().newest;
                self.set_search(toggle_term(
                    self.filter.search.as_deref(),
                    "order:newest",
                    false,
                ));
                Outcome::Batch(vec![
                    Outcome::Reload,
                    Outcome::Status(
                        if newest {
                            "newest first · o: urgent first"
                        } else {
                            "urgent first · o: newest first"
                        }
                        .into(),
                    ),
                ])
            }
            Action::Escalate => {
                let ids = self.targets_of_action();
                if ids.is_empty() {
                    return Outcome::Status("nothing selected".into());
                }
                Outcome::Prompt {
                    title: "Escalate: a note for whoever takes it (optional)".into(),
                    initial: String::new(),
                    ask: ask(Question::Escalate(ids)),
                }
            }
            Action::Reply => self.reply(None),
            Action::SavedReply => Outcome::Pick {
                title: "Saved replies".into(),
                items: self
                    .saved
                    .iter()
                    .map(|r| (r.id, format!("{} — {}", r.title, r.body)))
                    .collect(),
                ask: ask(Question::SavedReply),
                manage: true,
            },
            Action::OpenLink => match self
                .detail
                .as_ref()
                .and_then(|d| d.post.as_ref())
                .and_then(|p| p.permalink.clone())
            {
                Some(url) => Outcome::OpenUrl(url),
                None => Outcome::Status("this item has no link (no post with a permalink)".into()),
            },
            Action::Label => match self.selected().map(|r| (r.id, r.labels.clone())) {
                Some((id, labels)) => {
                    let now = if labels.is_empty() {
                        "none".to_string()
                    } else {
                        labels
                    };
                    Outcome::Prompt {
                        title: format!("Label to add or remove (now: {now})"),
                        initial: String::new(),
                        ask: ask(Question::Label(id)),
                    }
                }
                None => Outcome::Status("nothing selected".into()),
            },
            Action::ToggleMark => {
                if let Some(id) = self.selected().map(|r| r.id) {
                    if !self.marked.remove(&id) {
                        self.marked.insert(id);
                    }
                    self.cursor.apply(&Action::Down, self.rows.len());
                }
                Outcome::Fetch
            }
            Action::Undo => {
                self.follow.set(self.undo.undo_focus());
                self.undo.undo()
            }
            Action::Redo => {
                self.follow.set(self.undo.redo_focus());
                self.undo.redo()
            }
            Action::Search => Outcome::Prompt {
                title: "Search author and text".into(),
                initial: self.filter.search.clone().unwrap_or_default(),
                ask: ask(Question::Search),
            },
            Action::CycleFilter => self.filter_picker(),
            Action::Back if self.marked_all.is_some() => {
                self.marked_all = None;
                Outcome::Status("marks cleared".into())
            }
            Action::Back if self.filter.search.is_some() => {
                self.set_search(None);
                Outcome::Batch(vec![
                    Outcome::Reload,
                    Outcome::Status("search cleared".into()),
                ])
            }
            Action::Back if !self.marked.is_empty() => {
                self.marked.clear();
                Outcome::Status("marks cleared".into())
            }
            _ => Outcome::Ignored,
        }
    }

    /// The answer to a question this tab asked.
    pub fn answer(&mut self, question: Question, answer: Answer) -> Outcome {
        match (question, answer) {
            (Question::Search, Answer::Text(text)) => {
                let q = text.trim();
                if let Err(e) = InboxQuery::parse(q) {
                    return Outcome::Status(e);
                }
                self.set_search((!q.is_empty()).then(|| q.to_string()));
                Outcome::Reload
            }
            (Question::Filter, Answer::Picked { id: Some(i), .. }) => {
                match self.filter_choices.get(i as usize).cloned() {
                    Some(choice) => self.apply_filter(choice),
                    None => Outcome::Ignored,
                }
            }
            (Question::FilterLabel, Answer::Text(text)) => {
                let label = text.trim().trim_start_matches('#').replace([',', ' '], "");
                if label.is_empty() {
                    return Outcome::Status("no label typed".into());
                }
                self.set_search(toggle_term(
                    self.filter.search.as_deref(),
                    &format!("#{label}"),
                    false,
                ));
                Outcome::Reload
            }
            (Question::MarkAll, Answer::Yes) => {
                self.marked.clear();
                self.marked_all = Some(self.counts);
                Outcome::Status(format!(
                    "all {} marked: d h s ! l act on every one · Esc clears",
                    count_text(&self.counts)
                ))
            }
            (Question::EscalateAll, Answer::Text(text)) => {
                let note = text.trim();
                self.bulk(
                    InboxStatus::Escalated,
                    (!note.is_empty()).then(|| note.to_string()),
                )
            }
            (Question::LabelAll, Answer::Text(text)) => {
                let label = text.trim().replace(',', " ");
                if label.is_empty() {
                    return Outcome::Status("no label typed".into());
                }
                self.marked_all = None;
                triage::bulk_label(self.filter.clone(), label, self.undo.clone())
            }
            (Question::Escalate(ids), Answer::Text(text)) => {
                let note = text.trim();
                self.follow_after(&ids);
                self.marked.clear();
                triage::set_status(
                    ids,
                    InboxStatus::Escalated,
                    (!note.is_empty()).then(|| note.to_string()),
                    self.undo.clone(),
                    self.written.clone(),
                )
            }
            (Question::Reply(id), Answer::Text(text)) => {
                if text.trim().is_empty() {
                    return Outcome::Status("empty reply: nothing saved".into());
                }
                self.follow_after(&[id]);
                Outcome::Batch(vec![
                    triage::reply(id, text.clone(), self.undo.clone(), self.written.clone()),
                    Outcome::Copy(text),
                ])
            }
            (Question::Label(id), Answer::Text(text)) => {
                let label = text.trim().replace(',', " ");
                if label.is_empty() {
                    return Outcome::Status("no label typed".into());
                }
                let current = self
                    .rows
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| r.labels.clone())
                    .unwrap_or_default();
                triage::toggle_label(
                    id,
                    &current,
                    &label,
                    self.undo.clone(),
                    self.written.clone(),
                )
            }
            (Question::NewSaved, Answer::Text(text)) => triage::save_reply_template(None, text),
            (Question::EditSaved(id), Answer::Text(text)) => {
                triage::save_reply_template(Some(id), text)
            }
            (Question::Bulk(status, ids), Answer::Yes) => {
                self.marked.clear();
                self.follow_after(&ids);
                triage::set_status(ids, status, None, self.undo.clone(), self.written.clone())
            }
            (Question::DeleteSaved(id), Answer::Yes) => triage::delete_reply_template(id),
            (Question::SavedReply, Answer::Picked { id, verb }) => self.picked_saved(id, verb),
            _ => Outcome::Ignored,
        }
    }

    fn triage(&mut self, status: InboxStatus) -> Outcome {
        if self.marked_all.is_some() {
            return self.bulk(status, None);
        }
        let ids = self.targets_of_action();
        if ids.is_empty() {
            return Outcome::Status("nothing selected".into());
        }
        if ids.len() > CONFIRM_ABOVE {
            return Outcome::Confirm {
                text: format!("Mark {} items {}?", ids.len(), status),
                ask: ask(Question::Bulk(status, ids)),
            };
        }
        self.marked.clear();
        self.follow_after(&ids);
        triage::set_status(ids, status, None, self.undo.clone(), self.written.clone())
    }

    /// A triage action on every item the filter shows (after `X`), as one write.
    fn bulk(&mut self, status: InboxStatus, note: Option<String>) -> Outcome {
        self.marked_all = None;
        self.marked.clear();
        triage::bulk_status(self.filter.clone(), status, note, self.undo.clone())
    }

    fn marked_count(&self) -> String {
        self.marked_all.as_ref().map(count_text).unwrap_or_default()
    }

    fn query(&self) -> InboxQuery {
        InboxQuery::parse(self.filter.search.as_deref().unwrap_or("")).unwrap_or_default()
    }

    /// A new search text: the queue reads again from the top, and marks go.
    fn set_search(&mut self, search: Option<String>) {
        self.filter.search = search;
        self.restart();
        self.marked.clear();
        self.marked_all = None;
    }

    /// `f`: the views, then terms to add or take away, as one list.
    fn filter_picker(&mut self) -> Outcome {
        let q = self.query();
        let mut choices: Vec<(FilterChoice, String)> = InboxView::ALL
            .iter()
            .map(|v| {
                let now = if *v == self.filter.view { "  ●" } else { "" };
                (FilterChoice::View(*v), format!("view: {v}{now}"))
            })
            .collect();
        let term = |term: String, only: bool, on: bool, label: String| {
            let label = if on {
                format!("{label}  ✓ (again: off)")
            } else {
                label
            };
            (FilterChoice::Term { term, only }, label)
        };
        for k in crate::domain::InboxKind::ALL {
            choices.push(term(
                format!("kind:{k}"),
                false,
                q.kinds.contains(k),
                format!("kind: {k}"),
            ));
        }
        for p in crate::domain::inbox_rules::PriorityLevel::ALL {
            choices.push(term(
                format!("priority:{p}"),
                true,
                q.priority == Some(*p),
                format!("priority: {p}"),
            ));
        }
        choices.push(term(
            "sentiment:negative".into(),
            false,
            q.negative,
            "sentiment: negative".into(),
        ));
        for h in &self.account_handles {
            let on = q.accounts.contains(&h.to_lowercase());
            choices.push(term(
                format!("account:{h}"),
                false,
                on,
                format!("account: @{h}"),
            ));
        }
        // The labels of the search, then those on the rows held (no read: the list is there).
        let mut labels: Vec<String> = q.labels.clone();
        let held = self
            .rows
            .iter()
            .flat_map(|r| r.labels.split(','))
            .map(|l| l.trim().to_lowercase())
            .filter(|l| !l.is_empty() && !l.contains(' '));
        for l in held {
            if labels.len() >= 12 {
                break;
            }
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        for l in &labels {
            let on = q.labels.contains(l);
            choices.push(term(format!("#{l}"), false, on, format!("label: {l}")));
        }
        choices.push((FilterChoice::Label, "label: type one…".into()));
        if !q.is_empty() {
            choices.push((FilterChoice::Clear, "clear every filter term".into()));
        }
        let items = choices
            .iter()
            .enumerate()
            .map(|(i, (_, label))| (i as i64, label.clone()))
            .collect();
        self.filter_choices = choices.into_iter().map(|(c, _)| c).collect();
        Outcome::Pick {
            title: "Filter".into(),
            items,
            ask: ask(Question::Filter),
            manage: false,
        }
    }

    fn apply_filter(&mut self, choice: FilterChoice) -> Outcome {
        match choice {
            FilterChoice::View(v) => {
                self.filter.view = v;
                self.restart();
                self.marked.clear();
                self.marked_all = None;
                Outcome::Batch(vec![
                    Outcome::Reload,
                    Outcome::Status(format!("showing {v}")),
                ])
            }
            FilterChoice::Term { term, only } => {
                self.set_search(toggle_term(self.filter.search.as_deref(), &term, only));
                Outcome::Reload
            }
            FilterChoice::Label => Outcome::Prompt {
                title: "Filter by label".into(),
                initial: String::new(),
                ask: ask(Question::FilterLabel),
            },
            FilterChoice::Clear => {
                let words = InboxQuery {
                    words: self.query().words,
                    ..Default::default()
                }
                .describe();
                self.set_search((!words.is_empty()).then_some(words));
                Outcome::Reload
            }
        }
    }

    fn reply(&mut self, template: Option<&str>) -> Outcome {
        let Some(row) = self.selected() else {
            return Outcome::Status("nothing selected".into());
        };
        let account = self
            .account_names
            .iter()
            .find(|(id, _)| *id == row.account_id)
            .map(|(_, n)| n.as_str())
            .unwrap_or(&row.handle);
        let initial = match template {
            Some(t) => fill_placeholders(
                t,
                &row.author_name,
                row.author_handle.as_deref().unwrap_or(""),
                account,
            ),
            None => row.reply_text.clone().unwrap_or_default(),
        };
        let title = format!(
            "Reply to {} on {} @{}",
            row.author_name,
            Platform::badge_of(&row.platform),
            row.handle
        );
        Outcome::Editor {
            title,
            initial,
            ask: ask(Question::Reply(row.id)),
        }
    }

    fn picked_saved(&mut self, id: Option<i64>, verb: PickVerb) -> Outcome {
        let saved = id
            .and_then(|id| self.saved.iter().find(|r| r.id == id))
            .cloned();
        match (verb, saved) {
            (PickVerb::Choose, Some(s)) => self.reply(Some(&s.body)),
            (PickVerb::New, _) => Outcome::Editor {
                title:
                    "New saved reply: first line is its title; {author} {account} {handle} fill in"
                        .into(),
                initial: String::new(),
                ask: ask(Question::NewSaved),
            },
            (PickVerb::Edit, Some(s)) => Outcome::Editor {
                title: "Edit saved reply (first line is its title)".into(),
                initial: format!("{}\n{}", s.title, s.body),
                ask: ask(Question::EditSaved(s.id)),
            },
            (PickVerb::Delete, Some(s)) => Outcome::Confirm {
                text: format!("Delete the saved reply \"{}\"?", s.title),
                ask: ask(Question::DeleteSaved(s.id)),
            },
            _ => Outcome::Ignored,
        }
    }

    /// The header's counts (for tests).
    pub fn counts(&self) -> FilterCounts {
        self.counts
    }

    /// How many rows the tab holds (at most `WINDOW`), and the selected row's id.
    pub fn window(&self) -> (usize, Option<i64>) {
        (self.rows.len(), self.selected().map(|r| r.id))
    }

    /// The ids of the rows held, in order (for tests).
    pub fn held(&self) -> Vec<i64> {
        self.rows.iter().map(|r| r.id).collect()
    }

    /// How many actions `u` can take back (for tests and the header).
    pub fn undo_depth(&self) -> usize {
        self.undo.depth()
    }
}

/// "1234", or "10000+" when the count stopped at its cap.
fn count_text(c: &FilterCounts) -> String {
    if c.capped {
        format!("{}+", c.shown)
    } else {
        c.shown.to_string()
    }
}

/// The search text with `term` added, or taken away when it is there; `only` first drops
/// other terms of the same name (one priority at a time). None when nothing is left.
fn toggle_term(search: Option<&str>, term: &str, only: bool) -> Option<String> {
    let name = term.split_once(':').map(|(n, _)| format!("{n}:"));
    let mut words: Vec<&str> = search.unwrap_or("").split_whitespace().collect();
    let had = words.iter().any(|w| w.eq_ignore_ascii_case(term));
    let same_name = |w: &str| {
        only && name
            .as_ref()
            .is_some_and(|n| w.to_lowercase().starts_with(n.as_str()))
    };
    words.retain(|w| !w.eq_ignore_ascii_case(term) && !same_name(w));
    if !had {
        words.push(term);
    }
    let text = words.join(" ");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::toggle_term;

    #[test]
    fn terms_toggle_and_one_priority_replaces_another() {
        assert_eq!(
            toggle_term(None, "kind:dm", false).as_deref(),
            Some("kind:dm")
        );
        assert_eq!(
            toggle_term(Some("refund kind:dm"), "kind:dm", false).as_deref(),
            Some("refund")
        );
        assert_eq!(toggle_term(Some("kind:dm"), "kind:dm", false), None);
        assert_eq!(
            toggle_term(Some("priority:low refund"), "priority:urgent", true).as_deref(),
            Some("refund priority:urgent")
        );
        assert_eq!(
            toggle_term(Some("#billing"), "order:newest", false).as_deref(),
            Some("#billing order:newest")
        );
    }
}
