//! The undo stack every editing tab shares. A step is recorded only after its write committed,
//! leaves the stack only after its undo was written (a failed undo keeps it, to try again), and
//! names what it takes back. Undoing a step records its inverse for `Ctrl-R`; a new change
//! clears what could be redone, as in every editor. When taking a step back would delete a row
//! the screen does not show (a copy made in another view, a post in another month), the tab
//! asks first, naming the row ([`UndoStack::travel_or_ask`]).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::clock::Clock;
use crate::store::Store;
use crate::tui::tabs::Outcome;

/// One change a tab can take back.
pub trait Step: Sized + 'static {
    /// What the change was, for the status line: "done · 3 items", "post moved".
    fn name(&self) -> String;
    /// Writes the inverse of this change and returns the step that takes the inverse back (so
    /// that an undone change can be redone, and a redone one undone again).
    fn revert(&self, store: &Store, clock: &Clock) -> anyhow::Result<Self>;
    /// The row to select once the change is taken back, if it should be followed.
    fn focus(&self) -> Option<i64> {
        None
    }
    /// The row that taking this change back deletes (a post that was created or copied), if
    /// it deletes one.
    fn deletes(&self) -> Option<i64> {
        None
    }
    /// For a change whose inverse writes thousands of rows: that write, to run on a thread and
    /// connection of its own ([`super::LongWrite`]); `reverted` then makes the inverse step of
    /// what it gave back. None (the default): `revert` runs in place.
    fn revert_far(&self) -> Option<super::FarWrite> {
        None
    }
    /// The inverse step, from what `revert_far`'s write gave back.
    fn reverted(&self, _done: super::Done) -> anyhow::Result<Self> {
        anyhow::bail!("{}: taken back far away, but cannot say how", self.name())
    }
    /// The one row this step's change left as it is now (for a recorded step, the change just
    /// written; for an inverse, the undo or redo just written), so that the tab's refresh can
    /// read again only around it. None: the tab reads everything again.
    fn touched(&self) -> Option<Touched> {
        None
    }
}

/// The row a write just changed, as its step knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touched {
    pub id: i64,
    /// The write removed the row.
    pub gone: bool,
}

/// The rows a tab's last frame drew, by id: what the user sees now. Drawing records them
/// (render has `&self`, hence the cell); `u` reads them.
#[derive(Debug, Default)]
pub struct Drawn(RefCell<HashSet<i64>>);

impl Drawn {
    /// A new frame starts: nothing drawn yet.
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    pub fn add(&self, id: i64) {
        self.0.borrow_mut().insert(id);
    }

    pub fn contains(&self, id: i64) -> bool {
        self.0.borrow().contains(&id)
    }
}

struct Stacks<S> {
    undo: Vec<S>,
    redo: Vec<S>,
    /// How to name the rows the next undo or redo would delete, read by the tab's refresh
    /// (the step only knows the id, and the row may have changed since).
    names: HashMap<i64, String>,
    /// What was written since the tab last asked (`take_touched`).
    touched: Written,
}

/// The writes since a tab's last refresh: only one write that named its row lets the refresh
/// read around that row alone.
#[derive(Default)]
enum Written {
    #[default]
    Nothing,
    One(Option<Touched>),
    Several,
}

impl Written {
    fn add(&mut self, row: Option<Touched>) {
        *self = match self {
            Written::Nothing => Written::One(row),
            _ => Written::Several,
        };
    }
}

/// The steps of one tab. Cloning gives another handle on the same stack: the write effects,
/// which run later in the app, record through one.
pub struct UndoStack<S> {
    inner: Rc<RefCell<Stacks<S>>>,
}

impl<S> Clone for UndoStack<S> {
    fn clone(&self) -> Self {
        UndoStack {
            inner: Rc::clone(&self.inner),
        }
    }
}

impl<S> Default for UndoStack<S> {
    fn default() -> Self {
        UndoStack {
            inner: Rc::new(RefCell::new(Stacks {
                undo: Vec::new(),
                redo: Vec::new(),
                names: HashMap::new(),
                touched: Written::Nothing,
            })),
        }
    }
}

#[derive(Clone, Copy)]
enum Way {
    Undo,
    Redo,
}

impl<S: Step> UndoStack<S> {
    /// Records a change whose write has committed. A no-op must not be recorded.
    pub fn record(&self, step: S) {
        let mut stacks = self.inner.borrow_mut();
        stacks.touched.add(step.touched());
        stacks.undo.push(step);
        stacks.redo.clear();
    }

    /// The one row written since the last call, when exactly one write happened and its step
    /// named the row; None otherwise (nothing written, several writes, or a write that cannot
    /// say), when the tab reads everything again.
    pub fn take_touched(&self) -> Option<Touched> {
        match std::mem::take(&mut self.inner.borrow_mut().touched) {
            Written::One(row) => row,
            Written::Nothing | Written::Several => None,
        }
    }

    /// How many changes `u` can take back.
    pub fn depth(&self) -> usize {
        self.inner.borrow().undo.len()
    }

    /// How many undone changes `Ctrl-R` can bring back.
    pub fn redo_depth(&self) -> usize {
        self.inner.borrow().redo.len()
    }

    /// The row the next undo will want selected.
    pub fn undo_focus(&self) -> Option<i64> {
        self.inner.borrow().undo.last().and_then(Step::focus)
    }

    /// The row the next redo will want selected.
    pub fn redo_focus(&self) -> Option<i64> {
        self.inner.borrow().redo.last().and_then(Step::focus)
    }

    /// The row the next undo (or with `redo`, the next redo) would delete.
    pub fn doomed(&self, redo: bool) -> Option<i64> {
        let stacks = self.inner.borrow();
        let from = if redo { &stacks.redo } else { &stacks.undo };
        from.last().and_then(Step::deletes)
    }

    /// Called by the tab's refresh, which can read the store: names the rows the next undo and
    /// redo would delete (`name` reads one row by its id), for the question `u` may ask.
    pub fn name_doomed(&self, name: impl Fn(i64) -> Option<String>) {
        let ids: Vec<i64> = [false, true]
            .into_iter()
            .filter_map(|redo| self.doomed(redo))
            .collect();
        let mut stacks = self.inner.borrow_mut();
        stacks.names.retain(|id, _| ids.contains(id));
        for id in ids {
            if let Some(n) = name(id) {
                stacks.names.insert(id, n);
            }
        }
    }

    /// `u` (or with `redo`, `Ctrl-R`) as a tab runs it: the write straight away, unless it
    /// would delete a row `drawn` does not hold; then a confirm that names the row and says
    /// what is taken back, asked as `ask(id)`. Yes to it comes back to [`Self::confirmed`].
    pub fn travel_or_ask(
        &self,
        redo: bool,
        drawn: &Drawn,
        ask: impl FnOnce(i64) -> super::Question,
    ) -> Outcome {
        let way = if redo { Way::Redo } else { Way::Undo };
        let Some(id) = self.doomed(redo).filter(|id| !drawn.contains(*id)) else {
            return self.travel(way);
        };
        let stacks = self.inner.borrow();
        let from = if redo { &stacks.redo } else { &stacks.undo };
        let step = from.last().map(Step::name).unwrap_or_default();
        let what = stacks
            .names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("row #{id}"));
        let key = if redo { "Ctrl-R" } else { "u" };
        Outcome::Confirm {
            text: format!(
                "{key} takes back “{step}”: it deletes {what}, which is not on screen. Delete it?"
            ),
            ask: ask(id),
        }
    }

    /// Yes to the question of [`Self::travel_or_ask`]: the write, if the change it asked about
    /// is still the next one.
    pub fn confirmed(&self, redo: bool, id: i64) -> Outcome {
        if self.doomed(redo) != Some(id) {
            return Outcome::Status(
                "nothing was taken back: the changes moved on meanwhile".into(),
            );
        }
        self.travel(if redo { Way::Redo } else { Way::Undo })
    }

    /// `u`: a write that takes back the newest change.
    pub fn undo(&self) -> Outcome {
        self.travel(Way::Undo)
    }

    /// `Ctrl-R`: a write that makes the newest undone change again.
    pub fn redo(&self) -> Outcome {
        self.travel(Way::Redo)
    }

    fn travel(&self, way: Way) -> Outcome {
        let empty = match way {
            Way::Undo => self.inner.borrow().undo.is_empty(),
            Way::Redo => self.inner.borrow().redo.is_empty(),
        };
        if empty {
            return Outcome::Status(match way {
                Way::Undo => "nothing to undo".into(),
                Way::Redo => "nothing to redo".into(),
            });
        }
        let inner = Rc::clone(&self.inner);
        let far = {
            let stacks = self.inner.borrow();
            let from = match way {
                Way::Undo => &stacks.undo,
                Way::Redo => &stacks.redo,
            };
            from.last()
                .and_then(|step| Some((step.name(), step.revert_far()?)))
        };
        if let Some((name, run)) = far {
            // The step leaves the stack once its inverse is written, as below, but the write
            // runs away from the keys; the app runs one such write at a time.
            return Outcome::LongWrite(super::LongWrite {
                doing: format!("taking back {name}…"),
                run,
                then: Box::new(move |done| travelled(&inner, way, |step| step.reverted(done))),
            });
        }
        Outcome::Write(Box::new(move |store, clock| {
            travelled(&inner, way, |step| step.revert(store, clock))
        }))
    }
}

/// Moves the newest step of `way`'s stack to the other once `inverse` has written its inverse
/// (if that fails, the step stays where it was), and says what was taken back.
fn travelled<S: Step>(
    inner: &RefCell<Stacks<S>>,
    way: Way,
    inverse: impl FnOnce(&S) -> anyhow::Result<S>,
) -> anyhow::Result<String> {
    let mut stacks = inner.borrow_mut();
    let Stacks {
        undo,
        redo,
        touched,
        ..
    } = &mut *stacks;
    let (from, to) = match way {
        Way::Undo => (undo, redo),
        Way::Redo => (redo, undo),
    };
    let Some(step) = from.last() else {
        return Ok("nothing left to take back".into());
    };
    let inverse = inverse(step)?;
    let name = step.name();
    from.pop();
    touched.add(inverse.touched());
    to.push(inverse);
    Ok(match way {
        Way::Undo => format!("undone: {name} · Ctrl-R redoes"),
        Way::Redo => format!("redone: {name} · u undoes"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A step over a counter kept in the store's settings-free world: a cell.
    #[derive(Debug)]
    struct Add {
        n: i64,
        fail: Rc<RefCell<bool>>,
        total: Rc<RefCell<i64>>,
    }

    impl Step for Add {
        fn name(&self) -> String {
            format!("add {}", self.n)
        }
        fn revert(&self, _: &Store, _: &Clock) -> anyhow::Result<Self> {
            if *self.fail.borrow() {
                anyhow::bail!("disk full");
            }
            *self.total.borrow_mut() -= self.n;
            Ok(Add {
                n: -self.n,
                fail: Rc::clone(&self.fail),
                total: Rc::clone(&self.total),
            })
        }
    }

    /// A step whose undo deletes row `id`.
    struct Create {
        id: i64,
    }

    impl Step for Create {
        fn name(&self) -> String {
            "copy".into()
        }
        fn revert(&self, _: &Store, _: &Clock) -> anyhow::Result<Self> {
            Ok(Create { id: -self.id })
        }
        fn deletes(&self) -> Option<i64> {
            (self.id > 0).then_some(self.id)
        }
    }

    #[test]
    fn a_delete_off_screen_asks_naming_the_row_and_yes_checks_it_is_still_next() {
        let store = Store::open_in_memory().unwrap();
        let stack = UndoStack::<Create>::default();
        let ask =
            |id| crate::tui::tabs::Question::Contacts(super::super::contacts::Question::Delete(id));
        stack.record(Create { id: 7 });
        stack.name_doomed(|id| Some(format!("the post #{id}")));
        let drawn = Drawn::default();
        let Outcome::Confirm { text, ask: asked } = stack.travel_or_ask(false, &drawn, ask) else {
            panic!("asks first");
        };
        assert_eq!(
            text,
            "u takes back “copy”: it deletes the post #7, which is not on screen. Delete it?"
        );
        assert_eq!(asked, ask(7));
        // On screen: the write at once.
        drawn.add(7);
        assert!(matches!(
            stack.travel_or_ask(false, &drawn, ask),
            Outcome::Write(_)
        ));
        // Yes to a question about a step that is no longer next takes nothing back.
        stack.record(Create { id: 8 });
        assert!(matches!(stack.confirmed(false, 7), Outcome::Status(_)));
        assert_eq!(stack.depth(), 2);
        run(stack.confirmed(false, 8), &store).unwrap();
        assert_eq!(stack.depth(), 1);
    }

    fn run(outcome: Outcome, store: &Store) -> anyhow::Result<String> {
        let clock = Clock::fixed(
            chrono::DateTime::from_timestamp(0, 0).unwrap_or_default(),
            chrono_tz::UTC,
        );
        match outcome {
            Outcome::Write(mut w) => w(store, &clock),
            Outcome::Status(s) => Ok(s),
            _ => anyhow::bail!("unexpected outcome"),
        }
    }

    #[test]
    fn a_failed_undo_keeps_its_step_and_redo_follows_undo() {
        let store = Store::open_in_memory().unwrap();
        let stack = UndoStack::<Add>::default();
        let fail = Rc::new(RefCell::new(false));
        let total = Rc::new(RefCell::new(0));
        for n in [1, 10] {
            *total.borrow_mut() += n;
            stack.record(Add {
                n,
                fail: Rc::clone(&fail),
                total: Rc::clone(&total),
            });
        }
        *fail.borrow_mut() = true;
        assert!(run(stack.undo(), &store).is_err());
        assert_eq!(stack.depth(), 2, "the failed undo keeps its step");
        *fail.borrow_mut() = false;
        assert_eq!(
            run(stack.undo(), &store).unwrap(),
            "undone: add 10 · Ctrl-R redoes"
        );
        assert_eq!(*total.borrow(), 1);
        assert_eq!((stack.depth(), stack.redo_depth()), (1, 1));
        assert_eq!(
            run(stack.redo(), &store).unwrap(),
            "redone: add -10 · u undoes"
        );
        assert_eq!(*total.borrow(), 11);
        // A new change clears what could be redone.
        run(stack.undo(), &store).unwrap();
        stack.record(Add {
            n: 5,
            fail: Rc::clone(&fail),
            total: Rc::clone(&total),
        });
        assert_eq!(stack.redo_depth(), 0);
        assert_eq!(run(stack.redo(), &store).unwrap(), "nothing to redo");
    }
}
