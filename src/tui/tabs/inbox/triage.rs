//! The inbox's write effects. Each snapshots the items first and records that on the undo
//! stack once the write has committed, so `u` takes actions back in order.

use std::cell::RefCell;
use std::rc::Rc;

use crate::clock::Clock;
use crate::domain::InboxStatus;
use crate::store::{BulkStep, InboxFilter, ItemState, Store, split_title};
use crate::tui::tabs::undo::{Step, UndoStack};
use crate::tui::tabs::{Done, LongWrite, Outcome};

/// A triage change: what it was, and the items as they were before it.
pub(crate) struct TriageStep {
    what: String,
    before: Before,
    /// Where its undo names the items it wrote.
    written: Written,
}

/// The items the inbox's last write changed, named once it committed: the refresh after it
/// then reads again only the page on screen (`InboxTab::splice`). A bulk write names none.
#[derive(Clone, Default)]
pub(super) struct Written(Rc<RefCell<Option<Vec<i64>>>>);

impl Written {
    fn set(&self, ids: Vec<i64>) {
        *self.0.borrow_mut() = Some(ids);
    }

    /// The items written since the last refresh, spent.
    pub(super) fn take(&self) -> Option<Vec<i64>> {
        self.0.borrow_mut().take()
    }
}

/// Where the items' earlier states are: in hand (a few items), or in the store's undo table
/// under a step (a bulk change over a whole filter, never read into memory).
enum Before {
    Items(Vec<ItemState>),
    Bulk(i64),
}

impl Step for TriageStep {
    fn name(&self) -> String {
        self.what.clone()
    }

    fn revert(&self, store: &Store, clock: &Clock) -> anyhow::Result<TriageStep> {
        let inbox = store.inbox();
        let before = match &self.before {
            Before::Items(items) => {
                let ids: Vec<i64> = items.iter().map(|s| s.id).collect();
                let now = inbox.states(&ids)?;
                inbox.restore(items, clock.now_ts())?;
                self.written.set(ids);
                Before::Items(now)
            }
            Before::Bulk(step) => Before::Bulk(inbox.bulk_restore(*step, clock.now_ts())?.step),
        };
        Ok(TriageStep {
            what: self.what.clone(),
            before,
            written: self.written.clone(),
        })
    }

    fn focus(&self) -> Option<i64> {
        match &self.before {
            Before::Items(items) => items.first().map(|s| s.id),
            Before::Bulk(_) => None,
        }
    }

    /// A bulk change is taken back over as many items as it changed: away from the keys.
    fn revert_far(&self) -> Option<crate::tui::tabs::FarWrite> {
        let Before::Bulk(step) = self.before else {
            return None;
        };
        Some(Box::new(move |store: &mut Store, clock: &Clock| {
            let undone = store.inbox().bulk_restore(step, clock.now_ts())?;
            Ok(Box::new(undone.step) as Done)
        }))
    }

    fn reverted(&self, done: Done) -> anyhow::Result<TriageStep> {
        let step = done
            .downcast::<i64>()
            .map_err(|_| anyhow::anyhow!("{}: the undo gave back no step", self.what))?;
        Ok(TriageStep {
            what: self.what.clone(),
            before: Before::Bulk(*step),
            written: self.written.clone(),
        })
    }
}

/// Records the step of a write to these items (`before` holds them as they were) and names
/// them as written.
fn record(undo: &UndoStack<TriageStep>, written: &Written, what: String, before: Vec<ItemState>) {
    written.set(before.iter().map(|s| s.id).collect());
    undo.record(TriageStep {
        what,
        before: Before::Items(before),
        written: written.clone(),
    });
}

/// Sets the status of every item `filter` shows, in one set-based write away from the keys;
/// undone as one step.
pub(super) fn bulk_status(
    filter: InboxFilter,
    status: InboxStatus,
    note: Option<String>,
    undo: UndoStack<TriageStep>,
) -> Outcome {
    bulk(
        format!("{status}: writing every item the filter shows…"),
        Box::new(move |store: &mut Store, clock: &Clock| {
            store
                .inbox()
                .bulk_set_status(&filter, status, note.as_deref(), clock.now_ts())
                .map_err(anyhow::Error::from)
        }),
        move |count| {
            if count == 0 {
                format!("already {status}")
            } else {
                format!("{status} · {count} items")
            }
        },
        undo,
    )
}

/// Adds a label to every item `filter` shows that lacks it, away from the keys; undone as one
/// step.
pub(super) fn bulk_label(
    filter: InboxFilter,
    label: String,
    undo: UndoStack<TriageStep>,
) -> Outcome {
    let named = label.clone();
    bulk(
        format!("label {label}: writing every item the filter shows…"),
        Box::new(move |store: &mut Store, clock: &Clock| {
            store
                .inbox()
                .bulk_add_label(&filter, &label, clock.now_ts())
                .map_err(anyhow::Error::from)
        }),
        move |count| {
            if count == 0 {
                format!("every item already has label {named}")
            } else {
                format!("label {named} added · {count} items")
            }
        },
        undo,
    )
}

type BulkWrite = Box<dyn FnOnce(&mut Store, &Clock) -> anyhow::Result<BulkStep> + Send>;

/// A bulk write as a long write: `write` on its own thread, then its undo step recorded here
/// under `what(count)` (none when it changed nothing: no step to take back nothing).
fn bulk(
    doing: String,
    write: BulkWrite,
    what: impl FnOnce(usize) -> String + 'static,
    undo: UndoStack<TriageStep>,
) -> Outcome {
    Outcome::LongWrite(LongWrite {
        doing,
        run: Box::new(move |store, clock| Ok(Box::new(write(store, clock)?) as Done)),
        then: Box::new(move |done| {
            let step = done
                .downcast::<BulkStep>()
                .map_err(|_| anyhow::anyhow!("the bulk write gave back no step"))?;
            let what = what(step.count);
            if step.count == 0 {
                return Ok(what);
            }
            undo.record(TriageStep {
                what: what.clone(),
                before: Before::Bulk(step.step),
                written: Written::default(),
            });
            Ok(format!("{what} · u undoes"))
        }),
    })
}

pub(super) fn set_status(
    ids: Vec<i64>,
    status: InboxStatus,
    note: Option<String>,
    undo: UndoStack<TriageStep>,
    written: Written,
) -> Outcome {
    Outcome::Write(Box::new(move |store, clock| {
        let inbox = store.inbox();
        let before = inbox.states(&ids)?;
        if note.is_none() && before.iter().all(|s| s.status == status.as_str()) {
            // Nothing changes: no write, and no undo step to take back nothing.
            return Ok(format!("already {status}"));
        }
        let n = inbox.set_status_many(&ids, status, note.as_deref(), clock.now_ts())?;
        let what = match n {
            1 => format!("{status}"),
            n => format!("{status} · {n} items"),
        };
        record(&undo, &written, what.clone(), before);
        Ok(format!("{what} · u undoes"))
    }))
}

pub(super) fn reply(
    id: i64,
    text: String,
    undo: UndoStack<TriageStep>,
    written: Written,
) -> Outcome {
    Outcome::Write(Box::new(move |store, clock| {
        let inbox = store.inbox();
        let before = inbox.states(&[id])?;
        inbox.save_reply(id, &text, clock.now_ts())?;
        record(&undo, &written, "reply".into(), before);
        Ok("reply saved and copied: paste it on the platform · u undoes".into())
    }))
}

/// Adds `label` to a comma-separated list, or removes it when present.
pub(super) fn toggle_label(
    id: i64,
    current: &str,
    label: &str,
    undo: UndoStack<TriageStep>,
    written: Written,
) -> Outcome {
    let mut labels: Vec<String> = current
        .split(',')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    let removed = labels
        .iter()
        .position(|l| l.eq_ignore_ascii_case(label))
        .map(|i| labels.remove(i))
        .is_some();
    if !removed {
        labels.push(label.to_string());
    }
    let joined = labels.join(",");
    let verb = if removed { "removed" } else { "added" };
    let label = label.to_string();
    Outcome::Write(Box::new(move |store, clock| {
        let inbox = store.inbox();
        let before = inbox.states(&[id])?;
        inbox.set_labels(id, &joined, clock.now_ts())?;
        let what = format!("label {label} {verb}");
        record(&undo, &written, what.clone(), before);
        Ok(what)
    }))
}

pub(super) fn save_reply_template(id: Option<i64>, text: String) -> Outcome {
    Outcome::Write(Box::new(move |store, clock| {
        let (title, body) = split_title(&text);
        let replies = store.saved_replies();
        match id {
            Some(id) => replies.update(id, &title, &body)?,
            None => {
                replies.add(&title, &body, clock.now_ts())?;
            }
        }
        Ok(format!("saved reply \"{title}\" stored · t to use it"))
    }))
}

pub(super) fn delete_reply_template(id: i64) -> Outcome {
    Outcome::Write(Box::new(move |store, _| {
        store.saved_replies().delete(id)?;
        Ok("saved reply deleted".into())
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_toggle() {
        let undo = UndoStack::default();
        let check = |current: &str, label: &str, want: &str| {
            let store = crate::store::Store::open_in_memory().unwrap();
            let acc = store
                .accounts()
                .add(
                    &crate::store::NewAccount {
                        platform: "x".into(),
                        handle: "a".into(),
                        ..Default::default()
                    },
                    0,
                )
                .unwrap();
            let id = store
                .inbox()
                .add(&crate::store::NewInboxItem {
                    account_id: acc,
                    platform: "x".into(),
                    kind: "comment".into(),
                    external_id: "1".into(),
                    labels: current.into(),
                    ..Default::default()
                })
                .unwrap()
                .unwrap();
            let written = Written::default();
            let Outcome::Write(mut w) = toggle_label(id, current, label, undo.clone(), written)
            else {
                panic!("a write")
            };
            let clock = crate::clock::Clock::fixed(
                chrono::DateTime::from_timestamp(0, 0).unwrap(),
                chrono_tz::UTC,
            );
            w(&store, &clock).unwrap();
            assert_eq!(store.inbox().get(id).unwrap().labels, want);
        };
        check("", "billing", "billing");
        check("billing,vip", "Billing", "vip");
        check("vip", "urgent", "vip,urgent");
    }
}
