//! What the calendar's keys do to the selected post: each becomes a write the app runs, and
//! each successful write leaves a step on the undo stack that puts things back as they were.

use std::rc::Rc;

use chrono::{Duration, NaiveDateTime, NaiveTime};

use super::form::{FormCtx, PostForm};
use super::{CalendarTab, Pending, Undo};
use crate::domain::PostStatus;
use crate::domain::when::parse_when;
use crate::store::{PostEdit, PostRow};
use crate::tui::action::Action;
use crate::tui::tabs::Outcome;
use crate::tui::widgets::text::{one_line, truncate};

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
        let when = p
            .scheduled_at
            .map(|at| ctx.clock.format(at, "%Y-%m-%d %H:%M"))
            .unwrap_or_default();
        let form = PostForm::new(
            Some(p.id),
            PostEdit::from(&p),
            when,
            ctx,
            Rc::clone(&self.shared),
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
        let when = format!("{} 09:00", self.cursor().format("%Y-%m-%d"));
        let form = PostForm::new(None, edit, when, ctx, Rc::clone(&self.shared));
        Outcome::Form(Box::new(form))
    }

    /// The same local time on a day `days` away (DST-safe: local time is kept, not seconds).
    fn shifted(&self, p: &PostRow, days: i64) -> Option<i64> {
        let clock = self.clock?;
        let at = p.scheduled_at?;
        let local = NaiveDateTime::parse_from_str(
            &clock.format(at, "%Y-%m-%d %H:%M:%S"),
            "%Y-%m-%d %H:%M:%S",
        )
        .ok()?;
        clock.local_to_ts(local.checked_add_signed(Duration::days(days))?)
    }

    fn move_to(&self, id: i64, at: i64, label: String) -> Outcome {
        let shared = Rc::clone(&self.shared);
        Outcome::Write(Box::new(move |store, clock| {
            let before = store.posts().reschedule(id, Some(at), clock.now_ts())?;
            let mut s = shared.borrow_mut();
            s.undo.push(Undo::Move { id, before });
            s.select = Some(id);
            Ok(format!("moved to {label}"))
        }))
    }

    /// Everything that acts on posts; navigation is handled before this.
    pub(super) fn act(&mut self, action: &Action) -> Outcome {
        match action {
            Action::New => return self.new_post(),
            Action::Edit => return self.edit(),
            Action::Undo => return self.undo(),
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
            Action::EditExternal => {
                self.pending = Some(Pending::Caption(id));
                Outcome::External {
                    initial: p.caption.clone(),
                    tag: "caption",
                }
            }
            Action::AdvanceStatus => {
                let Some(next) = PostStatus::parse(&p.status).and_then(PostStatus::next) else {
                    return Outcome::Status(format!("{} is the end of the line", p.status));
                };
                let shared = Rc::clone(&self.shared);
                Outcome::Write(Box::new(move |store, clock| {
                    let (status, published_at) =
                        store.posts().set_status(id, next, clock.now_ts())?;
                    let mut s = shared.borrow_mut();
                    s.undo.push(Undo::Status {
                        id,
                        status,
                        published_at,
                    });
                    s.select = Some(id);
                    Ok(format!("now {next}"))
                }))
            }
            Action::MoveLater | Action::MoveEarlier => {
                let days = if *action == Action::MoveLater { 1 } else { -1 };
                match (self.shifted(&p, days), self.clock) {
                    (Some(at), Some(clock)) => {
                        self.move_to(id, at, clock.format(at, "%a %d %b %H:%M"))
                    }
                    _ => Outcome::Status("this post has no slot to move".into()),
                }
            }
            Action::Reschedule => {
                self.pending = Some(Pending::Reschedule(id));
                let initial = match (p.scheduled_at, self.clock) {
                    (Some(at), Some(clock)) => clock.format(at, "%Y-%m-%d %H:%M"),
                    _ => String::new(),
                };
                Outcome::Prompt {
                    title: "Move to (2026-12-01 18:30, +2d 18:30, tomorrow 9:00)".into(),
                    initial,
                    tag: "reschedule",
                }
            }
            Action::Duplicate => {
                self.pending = Some(Pending::Duplicate(id));
                let others: Vec<(i64, String)> = self
                    .accounts
                    .iter()
                    .filter(|a| a.id != p.account_id)
                    .map(|a| (a.id, format!("{}  {}", a.label(), a.brand)))
                    .collect();
                Outcome::Pick {
                    title: "Copy to which account? (its caption limits are checked)".into(),
                    items: others,
                    tag: "duplicate",
                    manage: false,
                }
            }
            Action::Delete => {
                self.pending = Some(Pending::Delete(id));
                Outcome::Confirm {
                    question: format!(
                        "Delete “{}”? (u undoes it)",
                        truncate(&one_line(p.headline()), 40)
                    ),
                    tag: "delete",
                }
            }
            _ => Outcome::Ignored,
        }
    }

    /// Answers from the prompt, confirm and `$EDITOR` the actions asked for.
    pub(super) fn answer(&mut self, action: &Action) -> Option<Outcome> {
        let (tag, text) = match action {
            Action::Submit { tag, text } => (*tag, text.trim().to_string()),
            Action::Confirmed { tag } => (*tag, String::new()),
            Action::Picked {
                tag, id: Some(id), ..
            } => (*tag, id.to_string()),
            _ => return None,
        };
        let pending = self.pending.take()?;
        let shared = Rc::clone(&self.shared);
        Some(match (tag, pending) {
            ("reschedule", Pending::Reschedule(id)) => {
                let clock = self.clock?;
                let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
                match parse_when(&text, self.today, self.cursor(), nine) {
                    Ok(naive) => match clock.local_to_ts(naive) {
                        Some(at) => self.move_to(id, at, clock.format(at, "%a %d %b %H:%M")),
                        None => Outcome::Status(format!("{naive} does not exist here")),
                    },
                    Err(e) => Outcome::Status(e.to_string()),
                }
            }
            ("duplicate", Pending::Duplicate(id)) => match text
                .parse::<i64>()
                .map_err(|_| String::new())
                .or_else(|_| self.find_account(&text))
            {
                Ok(account) => Outcome::Write(Box::new(move |store, clock| {
                    let (copy, broken) = store.posts().duplicate(id, account, clock.now_ts())?;
                    let mut s = shared.borrow_mut();
                    s.undo.push(Undo::Created { id: copy });
                    s.select = Some(copy);
                    Ok(match broken.first() {
                        None => "copied".to_string(),
                        Some(v) => format!("copied as a draft: {v}"),
                    })
                })),
                Err(msg) => Outcome::Status(msg),
            },
            ("delete", Pending::Delete(id)) => Outcome::Write(Box::new(move |store, _| {
                let gone = store.posts().delete(id)?;
                shared.borrow_mut().undo.push(Undo::Deleted(Box::new(gone)));
                Ok("deleted (u undoes it)".into())
            })),
            ("caption", Pending::Caption(id)) => {
                let caption = match action {
                    Action::Submit { text, .. } => text.clone(),
                    _ => return None,
                };
                Outcome::Write(Box::new(move |store, clock| {
                    let posts = store.posts();
                    let mut edit = PostEdit::from(&posts.get(id)?);
                    edit.caption = caption;
                    let before = posts.update(id, &edit, clock.now_ts())?;
                    let mut s = shared.borrow_mut();
                    s.undo.push(Undo::Edit { id, before });
                    s.select = Some(id);
                    Ok("caption saved".into())
                }))
            }
            _ => return None,
        })
    }

    /// An account by label (`IG @lumen`), handle, or platform when only one account has it.
    fn find_account(&self, text: &str) -> Result<i64, String> {
        let t = text.trim().trim_start_matches('@').to_lowercase();
        if t.is_empty() {
            return Err("no account named".into());
        }
        let hits: Vec<&crate::store::Account> = self
            .accounts
            .iter()
            .filter(|a| {
                a.label().to_lowercase() == t
                    || a.handle.to_lowercase() == t
                    || a.platform == t
                    || crate::domain::Platform::parse_loose(&t)
                        .is_some_and(|p| p.as_str() == a.platform)
            })
            .collect();
        match hits.as_slice() {
            [one] => Ok(one.id),
            [] => Err(format!("no account matches {text:?}")),
            many => Err(format!(
                "{text:?} matches {}; type the label",
                many.iter()
                    .map(|a| a.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// Takes back the most recent change that is still on the stack.
    fn undo(&mut self) -> Outcome {
        let Some(step) = self.shared.borrow_mut().undo.pop() else {
            return Outcome::Status("nothing to undo".into());
        };
        let shared = Rc::clone(&self.shared);
        Outcome::Write(Box::new(move |store, clock| {
            let posts = store.posts();
            let now = clock.now_ts();
            let (select, msg) = match step {
                Undo::Edit { id, before } => {
                    posts.update(id, &before, now)?;
                    (Some(id), "edit undone")
                }
                Undo::Move { id, before } => {
                    posts.reschedule(id, before, now)?;
                    (Some(id), "move undone")
                }
                Undo::Status {
                    id,
                    status,
                    published_at,
                } => {
                    posts.restore_status(id, &status, published_at, now)?;
                    (Some(id), "status undone")
                }
                Undo::Created { id } => {
                    posts.delete(id)?;
                    (None, "new post removed")
                }
                Undo::Deleted(gone) => {
                    posts.undelete(&gone)?;
                    (Some(gone.id), "delete undone")
                }
            };
            shared.borrow_mut().select = select;
            Ok(msg.into())
        }))
    }
}
