//! What the calendar's keys do to the selected post: each becomes a write the app runs, and
//! each successful write leaves a step on the undo stack that puts things back as they were.

use chrono::{Duration, NaiveDateTime, NaiveTime};

use super::form::{FormCtx, PostForm};
use super::undo::{Change, PostStep};
use super::{CalendarTab, Question};
use crate::clock::Clock;
use crate::domain::PostStatus;
use crate::domain::when::parse_when;
use crate::store::{PostEdit, PostRow};
use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::tabs::{Answer, Outcome};

const NO_POST: &str = "no post selected: Enter picks one of the day's posts";

impl CalendarTab {
    fn form_ctx(&self) -> Option<FormCtx> {
        Some(FormCtx {
            clock: self.clock?,
            accounts: self.accounts.clone(),
            campaigns: self.campaigns.clone(),
            day: self.cursor(),
        })
    }

    pub(super) fn edit(&mut self) -> Outcome {
        let (Some(p), Some(ctx)) = (self.selected().cloned(), self.form_ctx()) else {
            return Outcome::Status(NO_POST.into());
        };
        let clock = self.account_clock(p.account_id).unwrap_or(ctx.clock);
        let when = p
            .scheduled_at
            .map(|at| clock.format(at, "%Y-%m-%d %H:%M"))
            .unwrap_or_default();
        let form = PostForm::new(
            Some(p.id),
            PostEdit::from(&p),
            when,
            ctx,
            self.shared.clone(),
            self.undo.clone(),
        );
        Outcome::Form(Box::new(form))
    }

    fn new_post(&mut self) -> Outcome {
        let Some(ctx) = self.form_ctx() else {
            return Outcome::Ignored;
        };
        let Some(account) = self.account.or_else(|| self.accounts.first().map(|a| a.id)) else {
            return Outcome::Status("add an account first: smmdeck accounts add".into());
        };
        let edit = PostEdit {
            account_id: account,
            format: "post".into(),
            status: PostStatus::Draft.as_str().into(),
            ..Default::default()
        };
        let when = self.free_slot(account).unwrap_or_default();
        let form = PostForm::new(
            None,
            edit,
            when,
            ctx,
            self.shared.clone(),
            self.undo.clone(),
        );
        Outcome::Form(Box::new(form))
    }

    /// A new post's slot: on the cursor day (today when the cursor is in the past), the first
    /// of the best hours (the week view's, from the account's own history; else 9, 12, 15 and
    /// 18 o'clock) that is still ahead and has no post of this account within the hour; the
    /// next day's when the day is full. In the account's zone, as the form reads it.
    fn free_slot(&self, account: i64) -> Option<String> {
        let clock = self.account_clock(account)?;
        let now = clock.now_ts();
        // The best hours in the day's order first, then the usual ones.
        let mut hours: Vec<u32> = match &self.best {
            Some((_, h)) if !h.is_empty() => h.clone(),
            _ => Vec::new(),
        };
        hours.sort_unstable();
        for h in [9, 12, 15, 18] {
            if !hours.contains(&h) {
                hours.push(h);
            }
        }
        let taken: Vec<i64> = self
            .shown
            .days
            .values()
            .flat_map(|d| d.posts.iter())
            .filter(|p| p.account_id == account)
            .filter_map(|p| p.scheduled_at)
            .collect();
        let first = self.cursor().max(clock.today());
        for day in first.iter_days().take(14) {
            for h in &hours {
                let Some(naive) = day.and_hms_opt(*h, 0, 0) else {
                    continue;
                };
                let Some(at) = clock.local_to_ts(naive) else {
                    continue;
                };
                if at > now && taken.iter().all(|t| (t - at).abs() >= 3600) {
                    return Some(clock.format(at, "%Y-%m-%d %H:%M"));
                }
            }
        }
        Some(format!("{} 09:00", first.format("%Y-%m-%d")))
    }

    /// The clock of an account: a post's time is entered and shown in its account's zone.
    pub(super) fn account_clock(&self, account: i64) -> Option<Clock> {
        let tz = self
            .accounts
            .iter()
            .find(|a| a.id == account)
            .and_then(|a| a.timezone.as_deref());
        Some(self.clock?.for_account(tz))
    }

    /// A post the calendar has read (a day's or the agenda's).
    fn loaded_post(&self, id: i64) -> Option<&PostRow> {
        self.shown
            .days
            .values()
            .flat_map(|d| d.posts.iter())
            .chain(self.agenda.rows())
            .find(|p| p.id == id)
    }

    /// The clock of a post on screen (the view's when it is not loaded).
    fn post_clock(&self, id: i64) -> Option<Clock> {
        match self.loaded_post(id).map(|p| p.account_id) {
            Some(a) => self.account_clock(a),
            None => self.clock,
        }
    }

    /// The same local time on a day `days` away (DST-safe: local time is kept, not seconds).
    fn shifted(&self, p: &PostRow, days: i64) -> Option<i64> {
        let clock = self.account_clock(p.account_id)?;
        let at = p.scheduled_at?;
        let local = NaiveDateTime::parse_from_str(
            &clock.format(at, "%Y-%m-%d %H:%M:%S"),
            "%Y-%m-%d %H:%M:%S",
        )
        .ok()?;
        clock.local_to_ts(local.checked_add_signed(Duration::days(days))?)
    }

    /// Moves a post, asking first when a ready or scheduled post would land in the past
    /// (it would show as overdue at once, or go out late through a scheduler).
    fn move_checked(&self, p: &PostRow, at: i64, label: String) -> Outcome {
        let committed = matches!(
            PostStatus::parse(&p.status),
            Some(PostStatus::Ready | PostStatus::Scheduled)
        );
        let now = self.clock.map_or(0, |c| c.now_ts());
        if committed && at < now {
            return Outcome::Confirm {
                text: format!(
                    "Move {} “{}” to {label}, which has passed? It will be overdue at once.",
                    p.status,
                    truncate(&one_line(p.headline()), 30)
                ),
                ask: super::super::Question::Calendar(Question::MoveIntoPast(p.id, at)),
            };
        }
        self.move_to(p.id, at, label)
    }

    fn move_to(&self, id: i64, at: i64, label: String) -> Outcome {
        let (shared, undo) = (self.shared.clone(), self.undo.clone());
        Outcome::Write(Box::new(move |store, clock| {
            let before = store.posts().reschedule(id, Some(at), clock.now_ts())?;
            shared.set(Some(id));
            if before == Some(at) {
                return Ok(format!("already at {label}"));
            }
            undo.record(PostStep::new("move", Change::Move { id, before }));
            Ok(format!("moved to {label}"))
        }))
    }

    /// `u` and `Ctrl-R`: the post they touch is selected once they are written.
    /// Asks first when it would delete a post the screen does not show (`confirmed` then).
    fn travel(&mut self, redo: bool) -> Outcome {
        let focus = if redo {
            self.undo.redo_focus()
        } else {
            self.undo.undo_focus()
        };
        let outcome = self.undo.travel_or_ask(redo, &self.drawn, |id| {
            super::super::Question::Calendar(Question::Undo { id, redo })
        });
        if matches!(outcome, Outcome::Write(_)) {
            self.shared.set(focus);
        }
        outcome
    }

    /// Everything that acts on posts; navigation is handled before this.
    pub(super) fn act(&mut self, action: &Action) -> Outcome {
        match action {
            Action::New => return self.new_post(),
            Action::Edit => return self.edit(),
            Action::Undo => return self.travel(false),
            Action::Redo => return self.travel(true),
            _ => {}
        }
        let needs_post = matches!(
            action,
            Action::EditExternal
                | Action::AdvanceStatus
                | Action::MoveLater
                | Action::MoveEarlier
                | Action::Reschedule
                | Action::Duplicate
                | Action::Delete
        );
        if !needs_post {
            return Outcome::Ignored;
        }
        let Some(p) = self.selected().cloned() else {
            return Outcome::Status(NO_POST.into());
        };
        let id = p.id;
        match action {
            Action::EditExternal => Outcome::External {
                initial: p.caption.clone(),
                ask: super::super::Question::Calendar(Question::Caption(id)),
            },
            Action::AdvanceStatus => {
                let Some(next) = PostStatus::parse(&p.status).and_then(PostStatus::next) else {
                    return Outcome::Status(format!("{} is the end of the line", p.status));
                };
                let (shared, undo) = (self.shared.clone(), self.undo.clone());
                Outcome::Write(Box::new(move |store, clock| {
                    let (status, published_at) =
                        store.posts().set_status(id, next, clock.now_ts())?;
                    undo.record(PostStep::new(
                        "status change",
                        Change::Status {
                            id,
                            status,
                            published_at,
                        },
                    ));
                    shared.set(Some(id));
                    Ok(format!("now {next}"))
                }))
            }
            Action::MoveLater | Action::MoveEarlier => {
                let days = if *action == Action::MoveLater { 1 } else { -1 };
                match (self.shifted(&p, days), self.account_clock(p.account_id)) {
                    (Some(at), Some(clock)) => self.move_checked(&p, at, when_label(&clock, at)),
                    _ => Outcome::Status("this post has no slot to move".into()),
                }
            }
            Action::Reschedule => {
                let clock = self.account_clock(p.account_id);
                let initial = match (p.scheduled_at, clock) {
                    (Some(at), Some(clock)) => clock.format(at, "%Y-%m-%d %H:%M"),
                    _ => String::new(),
                };
                let zone = clock.map(|c| c.zone_name()).unwrap_or_default();
                Outcome::Prompt {
                    title: format!(
                        "Move to, {zone} time (2026-12-01 18:30, +2d 18:30, tomorrow 9:00)"
                    ),
                    initial,
                    ask: super::super::Question::Calendar(Question::Reschedule(id)),
                }
            }
            Action::Duplicate => {
                let others: Vec<(i64, String)> = self
                    .accounts
                    .iter()
                    .filter(|a| a.id != p.account_id)
                    .map(|a| (a.id, format!("{}  {}", a.label(), a.brand)))
                    .collect();
                Outcome::Pick {
                    title: "Copy to which account? (its caption limits are checked)".into(),
                    items: others,
                    ask: super::super::Question::Calendar(Question::Duplicate(id)),
                    manage: false,
                }
            }
            Action::Delete => Outcome::Confirm {
                text: format!(
                    "Delete “{}”? (u undoes it)",
                    truncate(&one_line(p.headline()), 40)
                ),
                ask: super::super::Question::Calendar(Question::Delete(id)),
            },
            _ => Outcome::Ignored,
        }
    }

    /// Answers from the prompt, picker, confirm and `$EDITOR` the actions asked for.
    pub fn answer(&mut self, question: Question, answer: Answer) -> Outcome {
        let (shared, undo) = (self.shared.clone(), self.undo.clone());
        match (question, answer) {
            (Question::Reschedule(id), Answer::Text(text)) => {
                let Some(clock) = self.post_clock(id) else {
                    return Outcome::Ignored;
                };
                let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
                let post = self.loaded_post(id).cloned();
                match parse_when(text.trim(), self.today, self.cursor(), nine) {
                    Ok(naive) => match (clock.local_to_ts(naive), post) {
                        (Some(at), Some(p)) => self.move_checked(&p, at, when_label(&clock, at)),
                        (Some(at), None) => self.move_to(id, at, when_label(&clock, at)),
                        (None, _) => Outcome::Status(format!("{naive} does not exist here")),
                    },
                    Err(e) => Outcome::Status(e.to_string()),
                }
            }
            (Question::MoveIntoPast(id, at), Answer::Yes) => {
                let label = self
                    .post_clock(id)
                    .map(|c| when_label(&c, at))
                    .unwrap_or_default();
                self.move_to(id, at, label)
            }
            (
                Question::Duplicate(id),
                Answer::Picked {
                    id: Some(account), ..
                },
            ) => Outcome::Write(Box::new(move |store, clock| {
                let (copy, broken) = store.posts().duplicate(id, account, clock.now_ts())?;
                undo.record(PostStep::new("copy", Change::Created { id: copy }));
                shared.set(Some(copy));
                Ok(match broken.first() {
                    None => "copied".to_string(),
                    Some(v) => format!("copied as a draft: {v}"),
                })
            })),
            (Question::Delete(id), Answer::Yes) => Outcome::Write(Box::new(move |store, _| {
                let gone = store.posts().delete(id)?;
                undo.record(PostStep::new("delete", Change::Deleted(Box::new(gone))));
                Ok("deleted (u undoes it)".into())
            })),
            (Question::Undo { id, redo }, Answer::Yes) => {
                let focus = if redo {
                    self.undo.redo_focus()
                } else {
                    self.undo.undo_focus()
                };
                self.shared.set(focus);
                self.undo.confirmed(redo, id)
            }
            (Question::Caption(id), Answer::Text(caption)) => {
                Outcome::Write(Box::new(move |store, clock| {
                    let posts = store.posts();
                    let mut edit = PostEdit::from(&posts.get(id)?);
                    if edit.caption == caption {
                        return Ok("caption unchanged".into());
                    }
                    edit.caption = caption.clone();
                    let before = posts.update(id, &edit, clock.now_ts())?;
                    undo.record(PostStep::new("caption edit", Change::Edit { id, before }));
                    shared.set(Some(id));
                    Ok("caption saved".into())
                }))
            }
            _ => Outcome::Ignored,
        }
    }
}

/// "Tue 01 Dec 18:30 Europe/Kyiv": a slot with the zone it is in.
fn when_label(clock: &Clock, at: i64) -> String {
    format!(
        "{} {}",
        clock.format(at, "%a %d %b %H:%M"),
        clock.zone_name()
    )
}
