//! Calendar: the content plan as a month grid, a week of columns, or a paged agenda, with the
//! post editor and the actions that move a post along (status, day, account), each undoable.
//!
//! The cursor is a local date; Enter focuses the posts of that day. The visible days are one
//! statement (each day a capped range of the `(scheduled_at, id)` index), never the whole table.

mod actions;
mod agenda;
mod form;
mod month;
mod undo;
mod week;

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Duration, Months, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Ctx, Outcome};
use crate::clock::{AccountClocks, Clock};
use crate::store::{Account, PostRow};
use crate::tui::action::Action;
use crate::tui::tabs::undo::{Drawn, UndoStack};
use crate::tui::widgets::list::Reselect;
use undo::PostStep;

/// How many posts a month cell and a week column read per day; the rest is a count.
const MONTH_PER_DAY: usize = 12;
const WEEK_PER_DAY: usize = 60;
/// The focused day reads this many, so every post on it can be picked.
const FOCUSED_PER_DAY: usize = 500;
/// Two posts of one account closer than this get a warning.
const TOO_CLOSE_S: i64 = 3600;
/// How far back "best hours to post" looks.
const BEST_HOURS_DAYS: i64 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Month,
    Week,
    Agenda,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Day {
    pub posts: Vec<PostRow>,
    pub total: i64,
}

/// An account's plan for one week against its target.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub label: String,
    pub planned: i64,
    pub target: i64,
}

/// What the calendar asks, and the post the answer acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Where to move this post.
    Reschedule(i64),
    /// Which account to copy this post to.
    Duplicate(i64),
    /// Delete this post?
    Delete(i64),
    /// The caption of this post, back from `$EDITOR`.
    Caption(i64),
    /// Move this ready or scheduled post to this instant, which has passed?
    MoveIntoPast(i64, i64),
    /// Undo (or redo) the change that deletes this post, which is not on screen?
    Undo { id: i64, redo: bool },
}

#[derive(Default)]
pub struct CalendarTab {
    view: View,
    /// The cursor; None until the first refresh puts it on today.
    day: Option<NaiveDate>,
    /// The selected post of the cursor day, when Enter focused its posts.
    post: Option<usize>,
    days: BTreeMap<NaiveDate, Day>,
    agenda: agenda::Agenda,
    today: NaiveDate,
    clock: Option<Clock>,
    accounts: Vec<Account>,
    campaigns: Vec<(i64, String)>,
    account: Option<i64>,
    /// Posts that go out within an hour after another post of their account.
    close: HashSet<i64>,
    /// Per account: planned this (cursor) week against target.
    targets: Vec<Target>,
    /// Week starts (Mondays) in view where some account is under its target.
    under: HashSet<NaiveDate>,
    /// The view range, filter and cursor week the planning aids were read for.
    aids_for: Option<(NaiveDate, NaiveDate, Option<i64>, NaiveDate)>,
    /// Best local hours to post, best first, for the account filter they were computed for.
    best: Option<(Option<i64>, Vec<u32>)>,
    /// The post to select once the tab has read its rows again (writes run later set it).
    shared: Reselect,
    undo: UndoStack<PostStep>,
    /// The posts the last frame showed: `u` asks before deleting one that is not among them.
    drawn: Drawn,
}

/// The Monday of `d`'s week.
pub(crate) fn week_start(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// The first and last (exclusive) day of the month grid around `d`: whole weeks.
pub(crate) fn month_range(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = d.with_day(1).unwrap_or(d);
    let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
    let start = week_start(first);
    let end = week_start(next - Duration::days(1)) + Duration::days(7);
    (start, end)
}

impl CalendarTab {
    fn cursor(&self) -> NaiveDate {
        self.day.unwrap_or(self.today)
    }

    fn visible_range(&self) -> (NaiveDate, NaiveDate) {
        let d = self.cursor();
        match self.view {
            View::Month => month_range(d),
            View::Week | View::Agenda => (week_start(d), week_start(d) + Duration::days(7)),
        }
    }

    pub fn refresh(&mut self, ctx: &Ctx<'_>, more: bool) -> anyhow::Result<()> {
        self.today = ctx.clock.today();
        self.clock = Some(*ctx.clock);
        self.accounts = ctx.accounts.to_vec();
        self.account = ctx.account;
        if self.day.is_none() {
            self.day = Some(self.today);
        }
        let clock = ctx.clock;
        let posts = ctx.store.posts();
        let select = self.shared.take();
        if let Some(id) = select
            && let Ok(p) = posts.get(id)
            && let Some(at) = p.scheduled_at
        {
            self.day = Some(clock.local_date(at));
            // A jump to a post the agenda has not read (an overdue one, before its anchor)
            // starts the agenda at that post's day instead of adding a page after today.
            if !self.agenda.rows().iter().any(|r| r.id == id) {
                self.agenda.reset();
            }
        }
        if self.view == View::Agenda {
            self.agenda.set_anchor(self.cursor());
            let from = clock.start_of_day(self.agenda.from.unwrap_or(self.cursor()));
            let loaded = self.agenda.rows().len();
            self.agenda.load(&posts, from, ctx.account, more)?;
            if more && select.is_none() {
                // Paging the agenda reads the next page only, and the warnings of its posts.
                let page: Vec<i64> = self
                    .agenda
                    .rows()
                    .get(loaded..)
                    .unwrap_or_default()
                    .iter()
                    .map(|p| p.id)
                    .collect();
                self.close
                    .extend(posts.close_to_previous(&page, TOO_CLOSE_S)?);
                return Ok(());
            }
        }
        let (start, end) = self.visible_range();
        let per_day = match self.view {
            View::Week => WEEK_PER_DAY,
            _ => MONTH_PER_DAY,
        };
        // Every visible day in one statement (each capped, with its total); the cursor's day
        // then reads all its posts when it has more, so every one can be picked.
        let dates: Vec<NaiveDate> = start.iter_days().take_while(|d| *d < end).collect();
        let bounds: Vec<(i64, i64)> = dates
            .iter()
            .map(|d| {
                (
                    clock.start_of_day(*d),
                    clock.start_of_day(*d + Duration::days(1)),
                )
            })
            .collect();
        let read = posts.days(&bounds, per_day, ctx.account)?;
        self.days = dates
            .iter()
            .zip(read)
            .map(|(d, day)| {
                (
                    *d,
                    Day {
                        posts: day.posts,
                        total: day.total,
                    },
                )
            })
            .collect();
        let cursor = self.cursor();
        if let Some(day) = self.days.get_mut(&cursor)
            && day.total > day.posts.len() as i64
        {
            let (from, to) = (
                clock.start_of_day(cursor),
                clock.start_of_day(cursor + Duration::days(1)),
            );
            day.posts = posts.in_range(from, to, ctx.account, FOCUSED_PER_DAY)?;
        }
        // The close-post warnings of the posts on screen only (one statement, a short index
        // range behind each post): the whole range's pairs were a walk over ten thousand posts.
        let on_screen: Vec<i64> = self
            .days
            .values()
            .flat_map(|d| d.posts.iter())
            .chain(
                self.agenda
                    .rows()
                    .iter()
                    .filter(|_| self.view == View::Agenda),
            )
            .map(|p| p.id)
            .collect();
        self.close = posts
            .close_to_previous(&on_screen, TOO_CLOSE_S)?
            .into_iter()
            .collect();
        // The week targets cover the whole view: moving the cursor inside it (a Fetch) keeps
        // them; a write or a new filter (a full refresh) or another range reads them again.
        let key = (start, end, ctx.account, week_start(self.cursor()));
        if !more || self.aids_for != Some(key) {
            self.plan_targets(ctx, start, end)?;
            self.aids_for = Some(key);
        }
        if self.view == View::Week && self.best.as_ref().is_none_or(|(a, _)| *a != ctx.account) {
            // The last 90 days: audiences' habits drift, and older posts would only dilute it.
            // The same weekday × hour cells and ranking as the Analytics heat map.
            let since = clock.now_ts() - BEST_HOURS_DAYS * 86_400;
            let cells = ctx.store.analytics().heatmap(
                since,
                clock.now_ts(),
                ctx.account,
                clock.utc_offset(),
            )?;
            let hours = crate::domain::heatmap::best_hours(&cells, 3);
            self.best = Some((
                ctx.account,
                hours.into_iter().take(3).map(|(h, _)| h).collect(),
            ));
        }
        self.campaigns = ctx.store.campaigns().names()?;
        if !more {
            // After a write (the only change to the undo stack): what `u` would delete, named
            // for its question (one row by id).
            self.undo.name_doomed(|id| {
                let p = posts.get(id).ok()?;
                let at = p.scheduled_at.map(|at| {
                    let clock = self.account_clock(p.account_id).unwrap_or(*clock);
                    format!(", {}", clock.format(at, "%a %d %b %H:%M"))
                });
                Some(format!(
                    "the {} post “{}” on {} @{}{}",
                    p.status,
                    crate::text::truncate(&crate::text::one_line(p.headline()), 40),
                    crate::domain::Platform::badge_of(&p.platform),
                    p.handle,
                    at.unwrap_or_default()
                ))
            });
        }
        match select {
            Some(id) => self.focus_post(id),
            None => self.clamp_post(),
        }
        Ok(())
    }

    /// Planned posts per account per visible week, against `target_posts_per_week`.
    fn plan_targets(
        &mut self,
        ctx: &Ctx<'_>,
        start: NaiveDate,
        end: NaiveDate,
    ) -> anyhow::Result<()> {
        let clock = ctx.clock;
        let with_target: Vec<&Account> = ctx
            .accounts
            .iter()
            .filter(|a| a.target_posts_per_week.is_some_and(|t| t > 0))
            .filter(|a| ctx.account.is_none_or(|f| f == a.id))
            .collect();
        self.under.clear();
        self.targets.clear();
        let cursor_week = week_start(self.cursor());
        // Only weeks still ahead can be fixed; past weeks are history, not a warning, and are
        // not counted at all, except the cursor's (its targets are shown).
        let mut weeks = Vec::new();
        let mut w = week_start(start);
        while w < end.max(cursor_week + Duration::days(1)) {
            if w + Duration::days(7) > self.today || w == cursor_week {
                weeks.push(w);
            }
            w += Duration::days(7);
        }
        let bounds: Vec<(i64, i64)> = weeks
            .iter()
            .map(|w| {
                (
                    clock.start_of_day(*w),
                    clock.start_of_day(*w + Duration::days(7)),
                )
            })
            .collect();
        let ids: Vec<i64> = with_target.iter().map(|a| a.id).collect();
        // Every week and account in one statement.
        let counts = ctx.store.posts().planned_per_week(&bounds, &ids)?;
        for (w, planned) in weeks.iter().zip(&counts) {
            let target = |i: usize| with_target[i].target_posts_per_week.unwrap_or(0);
            if *w + Duration::days(7) > self.today
                && planned.iter().enumerate().any(|(i, n)| *n < target(i))
            {
                self.under.insert(*w);
            }
            if *w == cursor_week {
                self.targets = with_target
                    .iter()
                    .zip(planned)
                    .map(|(a, n)| Target {
                        label: a.label(),
                        planned: *n,
                        target: a.target_posts_per_week.unwrap_or(0),
                    })
                    .collect();
            }
        }
        Ok(())
    }

    fn day_posts(&self) -> &[PostRow] {
        self.days
            .get(&self.cursor())
            .map_or(&[], |d| d.posts.as_slice())
    }

    fn focus_post(&mut self, id: i64) {
        if self.view == View::Agenda {
            self.agenda.select(id);
            return;
        }
        self.post = self.day_posts().iter().position(|p| p.id == id);
    }

    fn clamp_post(&mut self) {
        let n = self.day_posts().len();
        self.post = match self.post {
            Some(_) if n == 0 => None,
            Some(i) => Some(i.min(n - 1)),
            None => None,
        };
    }

    /// The post the actions apply to: the focused one, or the only one of the day.
    fn selected(&self) -> Option<&PostRow> {
        if self.view == View::Agenda {
            return self.agenda.selected();
        }
        let posts = self.day_posts();
        match self.post {
            Some(i) => posts.get(i),
            None if posts.len() == 1 => posts.first(),
            None => None,
        }
    }

    /// Each account's clock beside the view's: a post's time in its own zone.
    pub(super) fn clocks(&self, view: &Clock) -> AccountClocks {
        AccountClocks::new(
            *view,
            self.accounts.iter().map(|a| (a.id, a.timezone.as_deref())),
        )
    }

    /// The post the cursor is on, for tests and jumps.
    pub fn selected_id(&self) -> Option<i64> {
        self.selected().map(|p| p.id)
    }

    /// After a jump from another tab: lands on the post if it is loaded, else at the next read.
    pub fn select(&mut self, id: i64) {
        let found = self
            .days
            .iter()
            .find_map(|(d, day)| day.posts.iter().position(|p| p.id == id).map(|i| (*d, i)));
        match found {
            Some((d, i)) if self.view != View::Agenda => {
                self.day = Some(d);
                self.post = Some(i);
            }
            _ => {
                self.agenda.select(id);
                self.shared.set(Some(id));
            }
        }
    }

    /// Moves the cursor; reading again when it leaves the loaded range.
    /// Moves the cursor and re-reads: the focused day reads more posts than the others, and
    /// the view may now cover other days (a few dozen indexed range queries).
    fn go(&mut self, day: NaiveDate) -> Outcome {
        self.day = Some(day);
        self.post = None;
        self.agenda.reset();
        Outcome::Fetch
    }

    pub fn handle(&mut self, action: &Action) -> Outcome {
        if self.view == View::Agenda
            && let Some(outcome) = self.agenda.handle(action)
        {
            if let Some(p) = self.agenda.selected()
                && let Some(clock) = self.clock
            {
                self.day = Some(clock.local_date(p.scheduled_at.unwrap_or_default()));
            }
            return outcome;
        }
        let d = self.cursor();
        let focused = self.post.is_some();
        match action {
            Action::CycleView => {
                self.view = match self.view {
                    View::Month => View::Week,
                    View::Week => View::Agenda,
                    View::Agenda => View::Month,
                };
                self.go(d)
            }
            Action::GoToday => self.go(self.today),
            Action::Down if focused => self.step_post(1),
            Action::Up if focused => self.step_post(-1),
            Action::Left => self.go(d - Duration::days(1)),
            Action::Right => self.go(d + Duration::days(1)),
            Action::Up => self.go(d - Duration::days(7)),
            Action::Down => self.go(d + Duration::days(7)),
            Action::PrevPeriod | Action::NextPeriod => {
                let back = *action == Action::PrevPeriod;
                let to = match self.view {
                    View::Month if back => d.checked_sub_months(Months::new(1)),
                    View::Month => d.checked_add_months(Months::new(1)),
                    _ if back => d.checked_sub_signed(Duration::days(7)),
                    _ => d.checked_add_signed(Duration::days(7)),
                };
                self.go(to.unwrap_or(d))
            }
            Action::Open if focused => self.edit(),
            Action::Open if self.day_posts().is_empty() => {
                Outcome::Status("no posts on this day; n adds one".into())
            }
            Action::Open => {
                self.post = Some(0);
                Outcome::Handled
            }
            Action::Back if focused => {
                self.post = None;
                Outcome::Handled
            }
            _ => self.act(action),
        }
    }

    fn step_post(&mut self, step: isize) -> Outcome {
        let n = self.day_posts().len();
        if let Some(i) = self.post.as_mut()
            && n > 0
        {
            *i = (*i as isize + step).clamp(0, n as isize - 1) as usize;
        }
        Outcome::Handled
    }

    /// Posts in the coming seven days.
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, clock: &Clock) {
        self.drawn.clear();
        match self.view {
            View::Month => month::render(self, frame, area, clock),
            View::Week => week::render(self, frame, area, clock),
            View::Agenda => {
                self.agenda
                    .render(frame, area, &self.clocks(clock), &self.close, &self.drawn)
            }
        }
    }
}
