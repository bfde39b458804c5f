//! The calendar's changes as undo steps: each knows how to put a post back as it was, and
//! answers with the step that would put it forward again (for `Ctrl-R`).

use crate::clock::Clock;
use crate::store::{DeletedPost, PostEdit, Store};
use crate::tui::tabs::undo::{Step, Touched};

pub(crate) enum Change {
    /// The post's fields before an edit.
    Edit { id: i64, before: PostEdit },
    /// The slot before a move.
    Move { id: i64, before: Option<i64> },
    /// The status (and publication time) before a status change.
    Status {
        id: i64,
        status: String,
        published_at: Option<i64>,
    },
    /// A post that did not exist before (new, or a copy).
    Created { id: i64 },
    /// A post that was deleted, whole.
    Deleted(Box<DeletedPost>),
}

/// One change to a post, named as the status line tells it.
pub(crate) struct PostStep {
    pub what: &'static str,
    pub change: Change,
}

impl PostStep {
    pub fn new(what: &'static str, change: Change) -> PostStep {
        PostStep { what, change }
    }
}

impl Step for PostStep {
    fn name(&self) -> String {
        self.what.to_string()
    }

    fn revert(&self, store: &Store, clock: &Clock) -> anyhow::Result<PostStep> {
        let posts = store.posts();
        let now = clock.now_ts();
        let inverse = match &self.change {
            Change::Edit { id, before } => Change::Edit {
                id: *id,
                before: posts.update(*id, before, now)?,
            },
            Change::Move { id, before } => Change::Move {
                id: *id,
                before: posts.reschedule(*id, *before, now)?,
            },
            Change::Status {
                id,
                status,
                published_at,
            } => {
                let current = posts.get(*id)?;
                posts.restore_status(*id, status, *published_at, now)?;
                Change::Status {
                    id: *id,
                    status: current.status,
                    published_at: current.published_at,
                }
            }
            Change::Created { id } => Change::Deleted(Box::new(posts.delete(*id)?)),
            Change::Deleted(gone) => {
                posts.undelete(gone)?;
                Change::Created { id: gone.id }
            }
        };
        Ok(PostStep {
            what: self.what,
            change: inverse,
        })
    }

    fn deletes(&self) -> Option<i64> {
        match &self.change {
            Change::Created { id } => Some(*id),
            _ => None,
        }
    }

    fn focus(&self) -> Option<i64> {
        match &self.change {
            Change::Edit { id, .. } | Change::Move { id, .. } | Change::Status { id, .. } => {
                Some(*id)
            }
            Change::Created { .. } => None,
            Change::Deleted(gone) => Some(gone.id),
        }
    }

    /// Every change is to one post: the step holds what undoes it, so one that restores
    /// (`Deleted`) follows a write that removed the post; any other, one that left it there.
    fn touched(&self) -> Option<Touched> {
        let (id, gone) = match &self.change {
            Change::Edit { id, .. }
            | Change::Move { id, .. }
            | Change::Status { id, .. }
            | Change::Created { id } => (*id, false),
            Change::Deleted(gone) => (gone.id, true),
        };
        Some(Touched { id, gone })
    }
}
