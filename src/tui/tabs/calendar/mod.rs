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

use std::cell::Cell;
use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Duration, Months, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Ctx, Outcome};
use crate::clock::{AccountClocks, Clock};
use crate::store::{Account, PostRow};
use crate::tui::action::Action;
use crate::tui::tabs::undo::{Drawn, Touched, UndoStack};
use crate::tui::widgets::list::Reselect;
use undo::PostStep;

/// How many posts a month cell and a week column read per day; the rest is a count. A month
/// cell reads what it showed at the last frame (fewer on a small terminal), at most this.
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

/// What identifies the days read: the view's range, the account filter and how many posts each
/// day read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct GridKey {
    start: NaiveDate,
    end: NaiveDate,
    account: Option<i64>,
    per_day: usize,
}

/// The days of one range as read, with what the planning aids found in them.
#[derive(Debug, Default)]
struct Grid {
    days: BTreeMap<NaiveDate, Day>,
    /// Posts that go out within an hour after another post of their account.
    close: HashSet<i64>,
    /// Per week (its Monday) of the range: each account's plan against its target.
    plans: BTreeMap<NaiveDate, Vec<Target>>,
    under: HashSet<NaiveDate>,
    /// Its month cells, drawn once (or while no key waited, see `idle`) and kept until other
    /// days are put on screen: a cursor move redraws only the cells it touches.
    cells: month::CellCache,
}

/// Ranges read ahead (the months or weeks beside the one on screen, and the next view's) kept
/// at most: `idle` keeps only those a next key can show, three at most, and the one just left.
const AHEAD: usize = 4;

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
    agenda: agenda::Agenda,
    today: NaiveDate,
    clock: Option<Clock>,
    accounts: Vec<Account>,
    campaigns: Vec<(i64, String)>,
    account: Option<i64>,
    /// Per account: planned this (cursor) week against target.
    targets: Vec<Target>,
    /// The days on screen, their warnings (the agenda's rows' too), plans and drawn cells.
    shown: Grid,
    /// The range `shown` was read for: a cursor move that stays in it reads nothing.
    grid: Option<GridKey>,
    /// Ranges read while the user looked at this one (see `idle`), taken when the cursor
    /// moves there; emptied by every full refresh (a write, a tick, a new filter).
    ahead: Vec<(GridKey, Grid)>,
    /// Rows of the month grid at the last frame: a cell's room follows from it and the
    /// number of weeks of the month read.
    grid_rows: Cell<u16>,
    /// The area the month grid had at the last frame, for drawing the months read ahead.
    month_area: Cell<Rect>,
    /// The agenda's first page from the cursor day, read ahead in the week view (`v` goes
    /// there next).
    agenda_ahead: Option<agenda::AheadPage>,
    /// Best local hours to post, best first, for the account filter they were computed for.
    best: Option<(Option<i64>, Vec<u32>)>,
    /// The post to select once the tab has read its rows again (writes run later set it).
    shared: Reselect,
    undo: UndoStack<PostStep>,
    /// The posts the last frame showed: `u` asks before deleting one that is not among them.
    drawn: Drawn,
}

/// The three best local hours to post: the last 90 days (audiences' habits drift, and older
/// posts would only dilute it), the same weekday × hour cells and ranking as the Analytics
/// heat map.
fn best_hours(ctx: &Ctx<'_>) -> anyhow::Result<Vec<u32>> {
    let clock = ctx.clock;
    let since = clock.now_ts() - BEST_HOURS_DAYS * 86_400;
    let cells =
        ctx.store
            .analytics()
            .heatmap(since, clock.now_ts(), ctx.account, clock.utc_offset())?;
    let hours = crate::domain::heatmap::best_hours(&cells, 3);
    Ok(hours.into_iter().take(3).map(|(h, _)| h).collect())
}

/// Each of `starts` as the instants `[from, to)` of its `days` local days: local midnights,
/// so that a day with a clock change is still one day.
fn spans(clock: &Clock, starts: &[NaiveDate], days: i64) -> Vec<(i64, i64)> {
    starts
        .iter()
        .map(|d| {
            (
                clock.start_of_day(*d),
                clock.start_of_day(*d + Duration::days(days)),
            )
        })
        .collect()
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
        let touched = self.undo.take_touched().filter(|_| !more);
        if let Some(id) = select
            && let Ok(p) = posts.get(id)
            && let Some(at) = p.scheduled_at
        {
            self.day = Some(clock.local_date(at));
            // A jump to a post the agenda has not read (an overdue one, before its anchor)
            // starts the agenda at that post's day instead of adding a page after today. The
            // post a write just touched is first put in place (`refresh_agenda`).
            if !self.agenda.holds(id) && touched.is_none_or(|t| t.id != id) {
                self.agenda.reset();
            }
        }
        if !more {
            self.ahead.clear();
            self.agenda_ahead = None;
        }
        if self.view == View::Agenda {
            self.refresh_agenda(ctx, more, touched, select)?;
        } else {
            self.refresh_grid(ctx, more, select.is_some())?;
        }
        if !more {
            self.campaigns = ctx.store.campaigns().names()?;
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

    /// The agenda's rows and their warnings; it shows no days grid and no plan. After one
    /// write of this tab's to a post, the rows change in place (see `Agenda::apply_write`) and
    /// only the warnings it can change are read; otherwise a new page, or everything anew.
    fn refresh_agenda(
        &mut self,
        ctx: &Ctx<'_>,
        more: bool,
        touched: Option<Touched>,
        select: Option<i64>,
    ) -> anyhow::Result<()> {
        let posts = ctx.store.posts();
        self.agenda.set_anchor(self.cursor());
        let from = ctx
            .clock
            .start_of_day(self.agenda.from.unwrap_or(self.cursor()));
        if more && self.agenda.wants_before() {
            let close = self.agenda.load_before(&posts, from, ctx.account)?;
            self.warn_held(close);
            return Ok(());
        }
        if let Some(t) = touched
            && let Some(rewarn) = self.agenda.apply_write(&posts, from, ctx.account, t)?
        {
            // The post to follow went past the rows held: the agenda starts at its day.
            if select.is_some_and(|id| !self.agenda.holds(id)) {
                self.agenda.reset();
                return self.refresh_agenda(ctx, more, None, None);
            }
            for id in &rewarn {
                self.shown.close.remove(id);
            }
            self.shown
                .close
                .extend(posts.close_to_previous(&rewarn, TOO_CLOSE_S)?);
            // Posts that moved away leave the rows short: the next page tops them up.
            if self.agenda.short()
                && let agenda::Loaded::More(close) =
                    self.agenda
                        .load(&posts, from, ctx.account, true, &mut self.agenda_ahead)?
            {
                self.warn_held(close);
            }
            return Ok(());
        }
        let loaded = self
            .agenda
            .load(&posts, from, ctx.account, more, &mut self.agenda_ahead)?;
        let close = match loaded {
            agenda::Loaded::More(close) => {
                self.warn_held(close);
                return Ok(());
            }
            agenda::Loaded::Anew(close) | agenda::Loaded::Ahead(close) => {
                // The days grid of the view before is put by for `v` to come back to, unless
                // a write or a tick made it stale.
                let left = std::mem::take(&mut self.shown);
                if let Some(key) = self.grid.take()
                    && more
                {
                    self.keep_ahead((key, left));
                }
                close
            }
        };
        self.shown.close.extend(close);
        Ok(())
    }

    /// After the agenda read a page beside its rows: the page's warnings, and none left for
    /// the rows its window let go (read again later, they bring their own).
    fn warn_held(&mut self, close: Vec<i64>) {
        let held: HashSet<i64> = self.agenda.rows().iter().map(|p| p.id).collect();
        self.shown.close.retain(|id| held.contains(id));
        self.shown.close.extend(close);
    }

    /// The month or week view's days: read again after a write or a tick, else only when the
    /// cursor left the range read (taken from what `idle` read ahead when it is there).
    fn refresh_grid(&mut self, ctx: &Ctx<'_>, more: bool, jumping: bool) -> anyhow::Result<()> {
        let key = self.grid_key(ctx.account);
        // A cursor move inside the range read (or Enter on a day) reads nothing more here.
        if !more || self.grid != Some(key) {
            let grid = match self.ahead.iter().position(|(k, _)| *k == key) {
                Some(i) if more => self.ahead.remove(i).1,
                _ => self.read_grid(ctx, key)?,
            };
            let left = self.install(key, grid);
            // The range just left is kept too: `[` after `]` comes back to it.
            if more && let Some(left) = left {
                self.keep_ahead(left);
            }
        }
        self.read_focused_day(ctx, jumping)?;
        self.targets = self
            .shown
            .plans
            .get(&week_start(self.cursor()))
            .cloned()
            .unwrap_or_default();
        if self.view == View::Week && self.best.as_ref().is_none_or(|(a, _)| *a != ctx.account) {
            self.best = Some((ctx.account, best_hours(ctx)?));
        }
        Ok(())
    }

    /// How many posts each day of a month grid from `start` to `end` reads: what its tallest
    /// cell shows at the size of the last frame (the week view reads what a column can hold).
    fn month_rows(&self, (start, end): (NaiveDate, NaiveDate)) -> usize {
        let weeks = ((end - start).num_days() / 7).max(1) as u16;
        match self.grid_rows.get() {
            0 => MONTH_PER_DAY,
            rows => usize::from(rows.div_ceil(weeks).saturating_sub(1)).clamp(1, MONTH_PER_DAY),
        }
    }

    fn per_day(&self) -> usize {
        match self.view {
            View::Week => WEEK_PER_DAY,
            _ => self.month_rows(self.visible_range()),
        }
    }

    fn grid_key(&self, account: Option<i64>) -> GridKey {
        let (start, end) = self.visible_range();
        GridKey {
            start,
            end,
            account,
            per_day: self.per_day(),
        }
    }

    /// The ranges a next key is likely to show: the month (or week) before and after the one
    /// on screen, and the range of the view `v` goes to next.
    fn likely_next(&self, account: Option<i64>) -> Vec<GridKey> {
        let d = self.cursor();
        let key = |(start, end): (NaiveDate, NaiveDate), per_day| GridKey {
            start,
            end,
            account,
            per_day,
        };
        let month = |range| key(range, self.month_rows(range));
        let week = |w: NaiveDate| (w, w + Duration::days(7));
        let first = d.with_day(1).unwrap_or(d);
        match self.view {
            View::Month => vec![
                month(month_range(
                    first.checked_add_months(Months::new(1)).unwrap_or(first),
                )),
                month(month_range(
                    first.checked_sub_months(Months::new(1)).unwrap_or(first),
                )),
                key(week(week_start(d)), WEEK_PER_DAY),
            ],
            View::Week => vec![
                key(week(week_start(d) + Duration::days(7)), WEEK_PER_DAY),
                key(week(week_start(d) - Duration::days(7)), WEEK_PER_DAY),
                // The agenda's days are its cursor week, read as a month cell would.
                key(week(week_start(d)), self.month_rows(week(week_start(d)))),
            ],
            View::Agenda => vec![month(month_range(d))],
        }
    }

    /// Every visible day in one statement (each capped, with its total and the posts too close
    /// to the one before), and every week's plan against the accounts' targets.
    fn read_grid(&self, ctx: &Ctx<'_>, key: GridKey) -> anyhow::Result<Grid> {
        let clock = ctx.clock;
        let dates: Vec<NaiveDate> = key.start.iter_days().take_while(|d| *d < key.end).collect();
        let bounds = spans(clock, &dates, 1);
        let read = ctx
            .store
            .posts()
            .days(&bounds, key.per_day, TOO_CLOSE_S, key.account)?;
        let mut grid = Grid::default();
        for (d, day) in dates.iter().zip(read) {
            grid.close.extend(day.close);
            grid.days.insert(
                *d,
                Day {
                    posts: day.posts,
                    total: day.total,
                },
            );
        }
        self.plan_targets(ctx, &key, &mut grid)?;
        Ok(grid)
    }

    /// Puts `grid` on screen; gives back the one it replaces.
    fn install(&mut self, key: GridKey, grid: Grid) -> Option<(GridKey, Grid)> {
        let before = self.grid.replace(key);
        let left = std::mem::replace(&mut self.shown, grid);
        before.map(|k| (k, left))
    }

    /// Keeps a range read for later, the oldest going first when there are too many.
    fn keep_ahead(&mut self, (key, grid): (GridKey, Grid)) {
        self.ahead.retain(|(k, _)| *k != key);
        if self.ahead.len() >= AHEAD {
            self.ahead.remove(0);
        }
        self.ahead.push((key, grid));
    }

    /// The cursor's day with all its posts once they are picked from (Enter, or a jump to one
    /// of them): the other days read only what their cells show.
    fn read_focused_day(&mut self, ctx: &Ctx<'_>, jumping: bool) -> anyhow::Result<()> {
        if self.post.is_none() && !jumping {
            return Ok(());
        }
        let cursor = self.cursor();
        let clock = ctx.clock;
        let Some(day) = self.shown.days.get_mut(&cursor) else {
            return Ok(());
        };
        if day.total <= day.posts.len() as i64 {
            return Ok(());
        }
        let (from, to) = (
            clock.start_of_day(cursor),
            clock.start_of_day(cursor + Duration::days(1)),
        );
        let posts = ctx.store.posts();
        day.posts = posts.in_range(from, to, ctx.account, FOCUSED_PER_DAY)?;
        let ids: Vec<i64> = day.posts.iter().map(|p| p.id).collect();
        self.shown
            .close
            .extend(posts.close_to_previous(&ids, TOO_CLOSE_S)?);
        Ok(())
    }

    /// Work for a quiet moment (no key waiting): reads the month or week beside the one on
    /// screen, one per call, so that the next `]`, `[` or `j` over the edge finds it read; and
    /// reads the range on screen again when the cells grew (a larger terminal). True when the
    /// screen changed; None when there is nothing left to do.
    pub fn idle(&mut self, ctx: &Ctx<'_>) -> anyhow::Result<Option<bool>> {
        // Nothing before the first refresh, nor for a filter the tab has not read yet.
        if self.clock.is_none() || self.account != ctx.account {
            return Ok(None);
        }
        if self.view == View::Agenda && self.agenda.wants_more() {
            let from = ctx
                .clock
                .start_of_day(self.agenda.from.unwrap_or(self.cursor()));
            let posts = ctx.store.posts();
            if let agenda::Loaded::More(close) =
                self.agenda
                    .load(&posts, from, ctx.account, true, &mut self.agenda_ahead)?
            {
                self.shown.close.extend(close);
            }
            return Ok(Some(false));
        }
        let key = self.grid_key(ctx.account);
        // The agenda reads no days grid; the other views read around the one on screen.
        if self.view != View::Agenda && self.grid.is_none() {
            return Ok(None);
        }
        if self.view == View::Month && self.grid.is_some_and(|on_screen| on_screen != key) {
            let grid = self.read_grid(ctx, key)?;
            // The cells' size changed: what the old size read is of no more use.
            self.install(key, grid);
            self.read_focused_day(ctx, false)?;
            return Ok(Some(true));
        }
        let wanted = self.likely_next(ctx.account);
        // What no next key can show is let go (a first-in-first-out bound let go of what the
        // next key wanted, and that key paid for reading it again).
        self.ahead.retain(|(k, _)| wanted.contains(k));
        for next in wanted {
            if next != key && self.ahead.iter().all(|(k, _)| *k != next) {
                let grid = self.read_grid(ctx, next)?;
                // A month grid (beside this one, or the one `v` goes to) is drawn ahead too.
                if (next.end - next.start).num_days() > 7 {
                    grid.cells.warm(
                        self.month_area.get(),
                        (next.start, next.end),
                        &grid.days,
                        &grid.close,
                        self.today,
                        ctx.clock,
                    );
                }
                self.keep_ahead((next, grid));
                return Ok(Some(false));
            }
        }
        if self.view == View::Week {
            let from = ctx.clock.start_of_day(self.cursor());
            let read = self
                .agenda_ahead
                .as_ref()
                .is_some_and(|a| a.from == from && a.account == ctx.account);
            if !read {
                self.agenda_ahead = Some(agenda::AheadPage::read(
                    &ctx.store.posts(),
                    from,
                    ctx.account,
                )?);
                return Ok(Some(false));
            }
        }
        if self.best.as_ref().is_none_or(|(a, _)| *a != ctx.account) {
            // The week view's best hours, the longest of its reads, before `v` asks for them.
            self.best = Some((ctx.account, best_hours(ctx)?));
            return Ok(Some(false));
        }
        Ok(None)
    }

    /// Planned posts per account per week of the range, against `target_posts_per_week`.
    fn plan_targets(&self, ctx: &Ctx<'_>, key: &GridKey, grid: &mut Grid) -> anyhow::Result<()> {
        let clock = ctx.clock;
        let with_target: Vec<&Account> = ctx
            .accounts
            .iter()
            .filter(|a| a.target_posts_per_week.is_some_and(|t| t > 0))
            .filter(|a| key.account.is_none_or(|f| f == a.id))
            .collect();
        if with_target.is_empty() {
            return Ok(());
        }
        let weeks: Vec<NaiveDate> = week_start(key.start)
            .iter_weeks()
            .take_while(|w| *w < key.end)
            .collect();
        let bounds = spans(clock, &weeks, 7);
        let ids: Vec<i64> = with_target.iter().map(|a| a.id).collect();
        // Every week and account in one statement.
        let counts = ctx.store.posts().planned_per_week(&bounds, &ids)?;
        for (w, planned) in weeks.iter().zip(&counts) {
            let target = |i: usize| with_target[i].target_posts_per_week.unwrap_or(0);
            // Only weeks still ahead can be fixed: past weeks are history, not a warning.
            if *w + Duration::days(7) > self.today
                && planned.iter().enumerate().any(|(i, n)| *n < target(i))
            {
                grid.under.insert(*w);
            }
            let plan = with_target
                .iter()
                .zip(planned)
                .map(|(a, n)| Target {
                    label: a.label(),
                    planned: *n,
                    target: a.target_posts_per_week.unwrap_or(0),
                })
                .collect();
            grid.plans.insert(*w, plan);
        }
        Ok(())
    }

    fn day_posts(&self) -> &[PostRow] {
        self.shown
            .days
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

    /// How many of the agenda's rows are held (it keeps a window of them), for tests.
    pub fn agenda_rows_held(&self) -> usize {
        self.agenda.rows().len()
    }

    /// The post the cursor is on, for tests and jumps.
    pub fn selected_id(&self) -> Option<i64> {
        self.selected().map(|p| p.id)
    }

    /// After a jump from another tab: lands on the post if it is loaded, else at the next read.
    pub fn select(&mut self, id: i64) {
        let found = self
            .shown
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

    /// Moves the cursor; the refresh reads only when it left the range read (and finds the
    /// months or weeks beside it already read, see `idle`).
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
                // The cells read only the posts they show; picking reads the whole day.
                match self.shown.days.get(&d) {
                    Some(day) if day.total > day.posts.len() as i64 => Outcome::Fetch,
                    _ => Outcome::Handled,
                }
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
            View::Agenda => self.agenda.render(
                frame,
                area,
                &self.clocks(clock),
                &self.shown.close,
                &self.drawn,
            ),
        }
    }
}
