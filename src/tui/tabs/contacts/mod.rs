//! Contacts: the people the user promotes through, as a list (filtered, searched, sorted) with
//! the selected one in full beside it, or as a board with a column per stage. Every change is
//! one store write that leaves an undo step naming itself.

mod form;
mod render;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::splice::{page, splice};
use super::undo::{Drawn, Step, UndoStack};
use super::{Answer, Ctx, Outcome};
use crate::clock::Clock;
use crate::domain::fuzzy::Fuzzy;
use crate::domain::metrics::money;
use crate::domain::when::parse_day;
use crate::domain::{Channel, ContactSort, Stage};
use crate::store::{ContactDetail, ContactFilter, ContactRow, ContactUndo, Store};
use crate::tui::action::Action;
use crate::tui::widgets::list::{Cursor, Reselect};

const PAGE_ROWS: usize = 100;
/// Cards first read per board column (a tall terminal's column); the column head shows the
/// full count, and the focused column reads `BOARD_PAGE` more as its cursor nears the end.
const BOARD_FIRST: usize = 24;
const BOARD_PAGE: usize = 40;
/// At most this many cards per column are read again after a write (where the user was).
const BOARD_KEEP: usize = 400;
/// How many niches the filter picker offers (the most common ones).
const FILTER_NICHES: usize = 30;

/// What the contacts tab asks, and what the answer acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    Delete(i64),
    Channel(i64),
    Note(i64, Channel),
    FollowUp(i64),
    Rate(i64),
    Paid(i64),
    Search,
    Filter,
    /// Undo (or redo) the change that deletes this contact, who is not on screen?
    Undo {
        id: i64,
        redo: bool,
    },
}

/// One change to a contact: the store's undo data, named.
pub struct ContactStep(ContactUndo);

impl Step for ContactStep {
    fn name(&self) -> String {
        self.0.label.clone()
    }
    fn revert(&self, store: &Store, _: &Clock) -> anyhow::Result<Self> {
        Ok(ContactStep(store.contacts().undo(&self.0)?))
    }
    fn focus(&self) -> Option<i64> {
        (!self.0.created()).then_some(self.0.contact_id)
    }
    fn deletes(&self) -> Option<i64> {
        self.0.created().then_some(self.0.contact_id)
    }
}

/// A choice of the `f` picker.
#[derive(Debug, Clone, PartialEq)]
enum FilterChoice {
    All,
    Due,
    Stage(Stage),
    Niche(String),
    Platform(String),
}

#[derive(Default)]
pub struct ContactsTab {
    rows: Vec<ContactRow>,
    exhausted: bool,
    cursor: Cursor,
    total: i64,
    due: i64,
    today: String,
    detail: Option<ContactDetail>,
    filter: ContactFilter,
    search: Option<String>,
    search_capped: bool,
    sort: ContactSort,
    board: bool,
    board_col: usize,
    board_rows: Vec<Vec<ContactRow>>,
    board_cursor: Vec<usize>,
    board_counts: Vec<(Stage, i64)>,
    /// The filter picker's choices as last offered (read when it opened).
    filter_choices: std::rc::Rc<std::cell::RefCell<Vec<FilterChoice>>>,
    campaigns: Vec<(i64, String)>,
    shared: Reselect,
    undo: UndoStack<ContactStep>,
    /// The contacts the last frame showed: `u` asks before deleting one not among them.
    drawn: Drawn,
    clock: Option<Clock>,
    /// A jump (from Today) asked for a contact: the list shows it even when a filter, a search
    /// or the page read so far would not.
    jump: bool,
    /// The order, search, filter or view changed: the next refresh reads the rows again,
    /// even when the app only asked for more (nothing was written, so no counts moved).
    stale: bool,
    /// The contact this tab's last write changed, once it committed: the refresh after it
    /// reads again only the page on screen (`splice`).
    written: std::rc::Rc<std::cell::Cell<Option<i64>>>,
    /// The list's rows on screen at the last frame (kept by `render`).
    list_rows: std::cell::Cell<usize>,
}

impl ContactsTab {
    pub fn refresh(&mut self, ctx: &Ctx<'_>, more: bool) -> anyhow::Result<()> {
        let contacts = ctx.store.contacts();
        self.clock = Some(*ctx.clock);
        if !more {
            // After a write: whom `u` would delete, named for its question.
            self.undo
                .name_doomed(|id| Some(format!("the contact {}", contacts.input(id).ok()?.name)));
        }
        let more = more && !std::mem::take(&mut self.stale);
        if std::mem::take(&mut self.jump) {
            self.board = false;
            return self.refresh_at_jump(ctx);
        }
        if self.board {
            if more {
                return self.refresh_detail(ctx);
            }
            return self.refresh_board(ctx);
        }
        if more && self.search.is_none() {
            if !self.exhausted && self.cursor.near_end(self.rows.len()) {
                let after = self.rows.last().map(|r| r.cursor(self.sort));
                let page = contacts.page(&self.filter, self.sort, after.as_ref(), PAGE_ROWS)?;
                self.exhausted = page.len() < PAGE_ROWS;
                self.rows.extend(page);
            }
        } else if !more {
            self.today = ctx.clock.today().format("%Y-%m-%d").to_string();
            match &self.search {
                Some(q) => {
                    let (rows, capped) = contacts.search(&self.filter, q, PAGE_ROWS)?;
                    self.total = rows.len() as i64;
                    self.rows = rows;
                    self.search_capped = capped;
                    self.exhausted = true;
                }
                None => {
                    let written = self.written.take();
                    if !written.is_some_and(|id| self.splice(ctx, id).unwrap_or(false)) {
                        let limit = self.rows.len().clamp(PAGE_ROWS, 10 * PAGE_ROWS);
                        self.rows =
                            ctx.store
                                .kept()
                                .contacts_page(&self.filter, self.sort, limit)?;
                        self.exhausted = self.rows.len() < limit;
                    }
                    self.total = ctx.store.kept().contacts_matching(&self.filter)?;
                }
            }
            // Kept figures: read again only when a write could have moved them.
            self.due = ctx.store.kept().follow_ups_due(&self.today)?;
            self.campaigns = ctx.store.kept().campaign_names()?;
            self.detail = None;
        }
        self.shared
            .restore(&mut self.cursor, self.rows.iter().map(|r| r.id));
        self.cursor.clamp(self.rows.len());
        let selected = self.rows.get(self.cursor.selected).map(|r| r.id);
        if selected != self.detail.as_ref().map(|d| d.id) {
            self.detail = selected.map(|id| contacts.detail(id)).transpose()?;
        }
        Ok(())
    }

    /// After this tab's write to contact `id`: reads again the page on screen (and a few rows
    /// past it) from the row just above it and puts it in place of what the list held there,
    /// keeping the rows above and past it as read a moment ago. False, and nothing changed,
    /// when that may not be the truth: the contact held above the page or past the rows read,
    /// or not among them (it left the filter, or a new sort value took it elsewhere).
    fn splice(&mut self, ctx: &Ctx<'_>, id: i64) -> anyhow::Result<bool> {
        let Some((start, want)) = page(self.cursor.selected, self.rows.len(), self.list_rows.get())
        else {
            return Ok(false);
        };
        let after = start.checked_sub(1).map(|i| self.rows[i].cursor(self.sort));
        let fresh = ctx
            .store
            .contacts()
            .page(&self.filter, self.sort, after.as_ref(), want)?;
        if !fresh.iter().any(|r| r.id == id) {
            return Ok(false);
        }
        let written = |i: i64| i == id;
        match splice(
            &self.rows,
            start,
            fresh,
            want,
            self.exhausted,
            |r| r.id,
            written,
        ) {
            Some(s) => {
                self.rows = s.rows;
                self.exhausted = s.exhausted;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Reads the list as usual; when the wanted contact is not in it, drops the filter and
    /// search and reads the list from that contact on, so the jump lands on it.
    fn refresh_at_jump(&mut self, ctx: &Ctx<'_>) -> anyhow::Result<()> {
        let want = self.shared.take();
        self.refresh(ctx, false)?;
        let Some(id) = want else { return Ok(()) };
        if let Some(i) = self.rows.iter().position(|r| r.id == id) {
            self.cursor.selected = i;
        } else if let Some(row) = ctx.store.contacts().row(id)? {
            self.filter = ContactFilter::default();
            self.search = None;
            let contacts = ctx.store.contacts();
            let after = row.cursor(self.sort);
            let page = contacts.page(&self.filter, self.sort, Some(&after), PAGE_ROWS)?;
            self.exhausted = page.len() < PAGE_ROWS;
            self.rows = std::iter::once(row).chain(page).collect();
            self.total = contacts.count_matching(&self.filter)?;
            self.cursor = Cursor::default();
        }
        let selected = self.rows.get(self.cursor.selected).map(|r| r.id);
        self.detail = selected
            .map(|id| ctx.store.contacts().detail(id))
            .transpose()?;
        Ok(())
    }

    /// The tab's filter narrowed to one stage: a board column.
    fn stage_filter(&self, stage: Stage) -> ContactFilter {
        ContactFilter {
            stage: Some(stage),
            ..self.filter.clone()
        }
    }

    /// Reads the focused column's next cards when its cursor nears the last one read and the
    /// column holds more.
    fn read_more_of_column(&mut self, ctx: &Ctx<'_>) -> anyhow::Result<()> {
        let col = self.board_col;
        let (Some(stage), Some(rows)) = (Stage::ALL.get(col), self.board_rows.get(col)) else {
            return Ok(());
        };
        let total = self
            .board_counts
            .iter()
            .find(|(s, _)| s == stage)
            .map_or(0, |(_, n)| *n);
        let at = self.board_cursor.get(col).copied().unwrap_or(0);
        let near_end = Cursor { selected: at }.near_end(rows.len());
        if rows.len() as i64 >= total || !near_end {
            return Ok(());
        }
        let after = rows.last().map(|r| r.cursor(self.sort));
        let page = ctx.store.contacts().page(
            &self.stage_filter(*stage),
            self.sort,
            after.as_ref(),
            BOARD_PAGE,
        )?;
        if let Some(rows) = self.board_rows.get_mut(col) {
            rows.extend(page);
        }
        Ok(())
    }

    /// A move on the board: only the selected card's detail is read (and the focused column's
    /// next cards when the cursor nears the last one read).
    fn refresh_detail(&mut self, ctx: &Ctx<'_>) -> anyhow::Result<()> {
        self.read_more_of_column(ctx)?;
        if let Some(id) = self.shared.take() {
            for (col, rows) in self.board_rows.iter().enumerate() {
                if let Some(i) = rows.iter().position(|r| r.id == id) {
                    self.board_col = col;
                    self.board_cursor[col] = i;
                }
            }
        }
        let selected = self.selected_id();
        if selected != self.detail.as_ref().map(|d| d.id) {
            self.detail = selected
                .map(|id| ctx.store.contacts().detail(id))
                .transpose()?;
        }
        Ok(())
    }

    /// Asks for the rows to be read again without a write (no counts moved): a fetch.
    fn reread(&mut self) -> Outcome {
        self.stale = true;
        // A new sort, filter or search, or the board shown again: every column is read anew
        // (only a write reads just the columns its contact left and joined).
        self.board_rows.clear();
        Outcome::Fetch
    }

    fn refresh_board(&mut self, ctx: &Ctx<'_>) -> anyhow::Result<()> {
        let contacts = ctx.store.contacts();
        self.today = ctx.clock.today().format("%Y-%m-%d").to_string();
        self.board_counts = ctx.store.kept().contacts_by_stage(&self.filter)?;
        let want = self.shared.take();
        // After a write to one contact only its old and new columns can have changed; anything
        // else (a filter, a tick, an undo, another tab's write) reads every column.
        let touched: Option<Vec<usize>> = match want {
            Some(id) if self.board_rows.len() == Stage::ALL.len() => {
                let was = self
                    .board_rows
                    .iter()
                    .position(|rows| rows.iter().any(|r| r.id == id));
                let now = contacts
                    .row(id)?
                    .and_then(|r| Stage::ALL.iter().position(|s| s.as_str() == r.stage));
                Some(was.into_iter().chain(now).collect())
            }
            _ => None,
        };
        for (i, stage) in Stage::ALL.iter().enumerate() {
            if touched.as_ref().is_some_and(|cols| !cols.contains(&i)) {
                continue;
            }
            // As far as the column was read, so a write deep in it keeps the user's place.
            let limit = self
                .board_rows
                .get(i)
                .map_or(0, Vec::len)
                .clamp(BOARD_FIRST, BOARD_KEEP);
            let rows =
                ctx.store
                    .kept()
                    .contacts_page(&self.stage_filter(*stage), self.sort, limit)?;
            match self.board_rows.get_mut(i) {
                Some(col) => *col = rows,
                None => self.board_rows.push(rows),
            }
        }
        self.board_cursor.resize(Stage::ALL.len(), 0);
        if let Some(id) = want {
            for (col, rows) in self.board_rows.iter().enumerate() {
                if let Some(i) = rows.iter().position(|r| r.id == id) {
                    self.board_col = col;
                    self.board_cursor[col] = i;
                }
            }
        }
        for (c, rows) in self.board_cursor.iter_mut().zip(&self.board_rows) {
            *c = (*c).min(rows.len().saturating_sub(1));
        }
        self.due = ctx.store.kept().follow_ups_due(&self.today)?;
        self.campaigns = ctx.store.kept().campaign_names()?;
        let selected = self.selected_id();
        if selected != self.detail.as_ref().map(|d| d.id) {
            self.detail = selected.map(|id| contacts.detail(id)).transpose()?;
        }
        Ok(())
    }

    /// The contact the keys act on: the list's row, or the board's card.
    fn selected_id(&self) -> Option<i64> {
        if self.board {
            let col = self.board_rows.get(self.board_col)?;
            col.get(*self.board_cursor.get(self.board_col)?)
                .map(|r| r.id)
        } else {
            self.rows.get(self.cursor.selected).map(|r| r.id)
        }
    }

    pub fn select(&mut self, id: i64) {
        self.shared.set(Some(id));
        self.jump = true;
    }

    /// The ids of the list's rows held, in order (for tests).
    pub fn held(&self) -> Vec<i64> {
        self.rows.iter().map(|r| r.id).collect()
    }

    /// The contact the keys act on (for tests and jumps).
    pub fn selected_contact(&self) -> Option<i64> {
        self.selected_id()
    }

    /// Follow-ups due today or earlier.
    pub fn badge(&self) -> Option<i64> {
        (self.due > 0).then_some(self.due)
    }

    fn now_clock(&self) -> Clock {
        self.clock.unwrap_or_else(Clock::system)
    }

    /// A write that may be a no-op: a step is recorded only when something changed.
    fn write(
        &self,
        id: i64,
        mut run: impl FnMut(&Store, i64) -> anyhow::Result<Option<ContactUndo>> + 'static,
        unchanged: &'static str,
    ) -> Outcome {
        let (shared, undo) = (self.shared.clone(), self.undo.clone());
        let written = self.written.clone();
        Outcome::Write(Box::new(move |store, clock| {
            shared.set(Some(id));
            match run(store, clock.now_ts())? {
                Some(step) => {
                    let label = step.label.clone();
                    undo.record(ContactStep(step));
                    written.set(Some(id));
                    Ok(label)
                }
                None => Ok(unchanged.to_string()),
            }
        }))
    }

    fn move_in_board(&mut self, action: &Action) -> bool {
        let cols = self.board_rows.len();
        match action {
            Action::Left => self.board_col = self.board_col.saturating_sub(1),
            Action::Right => self.board_col = (self.board_col + 1).min(cols.saturating_sub(1)),
            _ => {
                let len = self.board_rows.get(self.board_col).map_or(0, Vec::len);
                let Some(c) = self.board_cursor.get_mut(self.board_col) else {
                    return false;
                };
                let mut cur = Cursor { selected: *c };
                if !cur.apply(action, len) {
                    return false;
                }
                *c = cur.selected;
            }
        }
        true
    }

    pub fn handle(&mut self, action: &Action) -> Outcome {
        if self.board {
            if self.move_in_board(action) {
                return Outcome::Fetch;
            }
        } else if self.cursor.apply(action, self.rows.len()) {
            return Outcome::Fetch;
        }
        match action {
            Action::New => {
                return Outcome::Form(Box::new(form::ContactForm::new(
                    None,
                    Default::default(),
                    self.now_clock(),
                    self.shared.clone(),
                    self.undo.clone(),
                )));
            }
            Action::Undo | Action::Redo => {
                let redo = *action == Action::Redo;
                let outcome = self.undo.travel_or_ask(redo, &self.drawn, |id| {
                    super::Question::Contacts(Question::Undo { id, redo })
                });
                if matches!(outcome, Outcome::Write(_)) {
                    self.follow_undo(redo);
                }
                return outcome;
            }
            Action::ToggleBoard => {
                self.board = !self.board;
                if let Some(id) = self.detail.as_ref().map(|d| d.id) {
                    self.shared.set(Some(id));
                }
                return self.reread();
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.rows.clear();
                let status = Outcome::Status(format!("sorted by {}", self.sort.label()));
                return Outcome::Batch(vec![self.reread(), status]);
            }
            Action::Search => {
                return Outcome::Prompt {
                    title: "Search name, handles, niche, notes (fuzzy)".into(),
                    initial: self.search.clone().unwrap_or_default(),
                    ask: super::Question::Contacts(Question::Search),
                };
            }
            Action::Filter => return self.filter_picker(),
            Action::Back if self.search.is_some() || self.filter != ContactFilter::default() => {
                self.search = None;
                self.filter = ContactFilter::default();
                self.rows.clear();
                return Outcome::Batch(vec![
                    self.reread(),
                    Outcome::Status("showing everyone".into()),
                ]);
            }
            _ => {}
        }
        let Some(id) = self.selected_id() else {
            return match action {
                Action::Edit
                | Action::Delete
                | Action::StageForward
                | Action::StageBack
                | Action::LogInteraction
                | Action::SetFollowUp
                | Action::RateCard
                | Action::AddCollaboration
                | Action::MarkPaid => Outcome::Status("no contact selected; n adds one".into()),
                _ => Outcome::Ignored,
            };
        };
        let name = self
            .detail
            .as_ref()
            .filter(|d| d.id == id)
            .map(|d| d.name.clone())
            .unwrap_or_default();
        let ask = |q| super::Question::Contacts(q);
        match action {
            Action::Edit => match &self.detail {
                Some(d) if d.id == id => Outcome::Form(Box::new(form::ContactForm::new(
                    Some(id),
                    form::input_of(d),
                    self.now_clock(),
                    self.shared.clone(),
                    self.undo.clone(),
                ))),
                _ => Outcome::Ignored,
            },
            Action::Delete => Outcome::Confirm {
                text: format!(
                    "Delete {name} with their handles, rates, collaborations and interactions?"
                ),
                ask: ask(Question::Delete(id)),
            },
            Action::StageForward | Action::StageBack => {
                let forward = *action == Action::StageForward;
                self.write(
                    id,
                    move |store, now| Ok(store.contacts().step_stage(id, forward, now)?),
                    if forward {
                        "at the end of the pipeline (e sets declined or paused)"
                    } else {
                        "at the start of the pipeline"
                    },
                )
            }
            Action::LogInteraction => Outcome::Pick {
                title: format!("How did you reach {name}?"),
                items: Channel::CHOICES
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i as i64, c.as_str().to_string()))
                    .collect(),
                ask: ask(Question::Channel(id)),
                manage: false,
            },
            Action::SetFollowUp => Outcome::Prompt {
                title: format!("Follow up with {name} on (2026-12-03, +3d, mon; empty clears)"),
                initial: self
                    .detail
                    .as_ref()
                    .and_then(|d| d.follow_up_on.clone())
                    .unwrap_or_default(),
                ask: ask(Question::FollowUp(id)),
            },
            Action::RateCard => Outcome::Prompt {
                title: format!(
                    "Rate of {name}: FORMAT PRICE [CURRENCY], e.g. reel 250 USD (no price removes)"
                ),
                initial: String::new(),
                ask: ask(Question::Rate(id)),
            },
            Action::AddCollaboration => Outcome::Form(Box::new(form::CollabForm::new(
                id,
                &name,
                self.campaigns.clone(),
                self.now_clock(),
                self.shared.clone(),
                self.undo.clone(),
            ))),
            Action::MarkPaid => self.paid_picker(id, &name),
            _ => Outcome::Ignored,
        }
    }

    fn paid_picker(&self, id: i64, name: &str) -> Outcome {
        let Some(d) = self.detail.as_ref().filter(|d| d.id == id) else {
            return Outcome::Ignored;
        };
        let items: Vec<(i64, String)> = d
            .collaborations
            .iter()
            .filter(|k| k.status != "cancelled")
            .map(|k| {
                let fee = k
                    .fee_minor
                    .map(|f| format!(" · {} {}", money(f), k.currency))
                    .unwrap_or_default();
                let paid = if k.paid { "paid" } else { "unpaid" };
                (k.id, format!("{paid} · {}{fee}", k.deliverable))
            })
            .collect();
        if items.is_empty() {
            return Outcome::Status(format!("{name} has no collaborations; c adds one"));
        }
        Outcome::Pick {
            title: "Mark paid (or unpaid again)".into(),
            items,
            ask: super::Question::Contacts(Question::Paid(id)),
            manage: false,
        }
    }

    /// `f`: everyone, follow-up due, each stage, and the niches and platforms the contacts
    /// have (most common first), read when the picker opens.
    fn filter_picker(&mut self) -> Outcome {
        let chosen = self.filter_choices.clone();
        Outcome::Read(Box::new(move |store, _| {
            let contacts = store.contacts();
            let mut choices = vec![(FilterChoice::All, None), (FilterChoice::Due, None)];
            choices.extend(Stage::ALL.iter().map(|s| (FilterChoice::Stage(*s), None)));
            for (n, count) in contacts.niches(FILTER_NICHES)? {
                choices.push((FilterChoice::Niche(n), Some(count)));
            }
            for (p, count) in contacts.platforms()? {
                choices.push((FilterChoice::Platform(p), Some(count)));
            }
            let items = choices
                .iter()
                .enumerate()
                .map(|(i, (c, count))| {
                    let label = match c {
                        FilterChoice::All => "everyone".to_string(),
                        FilterChoice::Due => "follow-up due".to_string(),
                        FilterChoice::Stage(s) => format!("stage: {}", s.label()),
                        FilterChoice::Niche(n) => format!("niche: {n}"),
                        FilterChoice::Platform(p) => format!("platform: {p}"),
                    };
                    let label = match count {
                        Some(n) => format!("{label} ({n})"),
                        None => label,
                    };
                    (i as i64, label)
                })
                .collect();
            *chosen.borrow_mut() = choices.into_iter().map(|(c, _)| c).collect();
            Ok(Outcome::Pick {
                title: "Show".into(),
                items,
                ask: super::Question::Contacts(Question::Filter),
                manage: false,
            })
        }))
    }

    /// Selects, once written, the contact the next undo (or redo) touches.
    fn follow_undo(&self, redo: bool) {
        let focus = if redo {
            self.undo.redo_focus()
        } else {
            self.undo.undo_focus()
        };
        self.shared.set(focus);
    }

    pub fn answer(&mut self, question: Question, answer: Answer) -> Outcome {
        let today = self.now_clock().today();
        match (question, answer) {
            (Question::Undo { id, redo }, Answer::Yes) => {
                self.follow_undo(redo);
                self.undo.confirmed(redo, id)
            }
            (Question::Delete(id), Answer::Yes) => self.write(
                id,
                move |store, _| Ok(Some(store.contacts().delete(id)?)),
                "",
            ),
            (Question::Channel(id), Answer::Picked { id: Some(i), .. }) => {
                let channel = Channel::CHOICES
                    .get(i as usize)
                    .copied()
                    .unwrap_or(Channel::Other);
                Outcome::Prompt {
                    title: format!("{channel}: what was said (optional)"),
                    initial: String::new(),
                    ask: super::Question::Contacts(Question::Note(id, channel)),
                }
            }
            (Question::Note(id, channel), Answer::Text(note)) => self.write(
                id,
                move |store, now| {
                    Ok(Some(
                        store.contacts().log_interaction(id, channel, &note, now)?,
                    ))
                },
                "",
            ),
            (Question::FollowUp(id), Answer::Text(text)) => {
                let day = if text.trim().is_empty() {
                    None
                } else {
                    match parse_day(&text, today) {
                        Ok(d) => Some(d.format("%Y-%m-%d").to_string()),
                        Err(e) => return Outcome::Status(e.to_string()),
                    }
                };
                self.write(
                    id,
                    move |store, now| {
                        Ok(store.contacts().set_follow_up(id, day.as_deref(), now)?)
                    },
                    "the follow-up was already that",
                )
            }
            (Question::Rate(id), Answer::Text(text)) => {
                let mut words = text.split_whitespace();
                let Some(format) = words.next().map(String::from) else {
                    return Outcome::Status("cancelled".into());
                };
                let price = match words.next() {
                    Some(p) => match crate::domain::contact::parse_money(p) {
                        Some(p) => Some(p),
                        None => return Outcome::Status(format!("{p:?} is not a price")),
                    },
                    None => None,
                };
                let currency = words.next().unwrap_or("USD").to_string();
                self.write(
                    id,
                    move |store, _| Ok(store.contacts().set_rate(id, &format, price, &currency)?),
                    "the rate card already says that",
                )
            }
            (Question::Paid(id), Answer::Picked { id: Some(k), .. }) => {
                let paid = self
                    .detail
                    .as_ref()
                    .and_then(|d| d.collaborations.iter().find(|c| c.id == k))
                    .is_some_and(|c| !c.paid);
                self.write(
                    id,
                    move |store, now| Ok(store.contacts().set_paid(k, paid, now)?),
                    "",
                )
            }
            (Question::Search, Answer::Text(q)) => {
                let q = q.trim().to_string();
                self.search = (!q.is_empty()).then_some(q);
                self.board = false;
                self.cursor = Cursor::default();
                self.reread()
            }
            (Question::Filter, Answer::Picked { id: Some(i), .. }) => {
                let choice = self.filter_choices.borrow().get(i as usize).cloned();
                self.filter = match choice {
                    Some(FilterChoice::Due) => ContactFilter {
                        due_by: Some(self.today.clone()),
                        ..Default::default()
                    },
                    Some(FilterChoice::Stage(s)) => ContactFilter {
                        stage: Some(s),
                        ..Default::default()
                    },
                    Some(FilterChoice::Niche(n)) => ContactFilter {
                        niche: Some(n),
                        ..Default::default()
                    },
                    Some(FilterChoice::Platform(p)) => ContactFilter {
                        platform: Some(p),
                        ..Default::default()
                    },
                    Some(FilterChoice::All) | None => ContactFilter::default(),
                };
                self.rows.clear();
                self.cursor = Cursor::default();
                self.reread()
            }
            _ => Outcome::Ignored,
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        render::render(self, frame, area, clock);
    }

    /// The search's matched character positions in `text`, for highlighting.
    fn matched(&self, text: &str) -> Vec<usize> {
        match &self.search {
            Some(q) => Fuzzy::new(q).positions(&crate::domain::contact::fold(text)),
            None => Vec::new(),
        }
    }
}
