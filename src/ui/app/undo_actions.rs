//! Undo and redo, run by [`App::run`](super::App): each step moves an activity
//! from the state the step left it in to the state before (or after) it, as a new
//! change written through the store and logged like any other.

use ropa::model::{ActivityId, DpiaId};
use ropa::store::{ActivityRecord, DeletedActivity};

use super::{App, Notice, Page};
use crate::ui::activity_editor::ActivityEditor;
use crate::ui::undo::{self, Step};

/// Which way a step is walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    Undo,
    Redo,
}

impl App {
    /// Records a change of activity `id` from `before` (as it stood in the
    /// snapshot before the change) to how it stands now in the reloaded snapshot.
    pub(super) fn record_step(&mut self, what: String, id: ActivityId, before: Option<ActivityRecord>) {
        self.record_deletion(what, id, before, Vec::new());
    }

    /// [`App::record_step`] for a change that deleted the activity, taking it
    /// out of the DPIAs at `dpias` (each with its place in their list).
    pub(super) fn record_deletion(
        &mut self,
        what: String,
        id: ActivityId,
        before: Option<ActivityRecord>,
        dpias: Vec<(DpiaId, usize)>,
    ) {
        let after = self.session.as_ref().and_then(|session| undo::record_in(&session.register, id));
        self.undo_stack.record(Step { what, id, before, after, dpias });
    }

    /// Undoes the last change that can be undone.
    pub(super) fn undo(&mut self) -> ropa::Result<()> {
        self.walk(Way::Undo)
    }

    /// Redoes the last change undone.
    pub(super) fn redo(&mut self) -> ropa::Result<()> {
        self.walk(Way::Redo)
    }

    fn walk(&mut self, way: Way) -> ropa::Result<()> {
        let step = match way {
            Way::Undo => self.undo_stack.take_undo(),
            Way::Redo => self.undo_stack.take_redo(),
        };
        let Some(mut step) = step else {
            return Ok(());
        };
        let (from, to) = match way {
            Way::Undo => (step.after.clone(), step.before.clone()),
            Way::Redo => (step.before.clone(), step.after.clone()),
        };
        let mut dpias = std::mem::take(&mut step.dpias);
        let moved = self.move_activity(step.id, from.as_ref(), to.as_ref(), &step.what, &mut dpias);
        step.dpias = dpias;
        let now = match moved {
            Ok(now) => now,
            Err(error) => {
                match way {
                    Way::Undo => self.undo_stack.push_undo(step),
                    Way::Redo => self.undo_stack.push_redo(step),
                }
                return Err(error);
            }
        };
        let verb = match way {
            Way::Undo => {
                step.before = now;
                "Undid"
            }
            Way::Redo => {
                step.after = now;
                "Redid"
            }
        };
        let text = format!("{verb} the {}.", step.what);
        match way {
            Way::Undo => self.undo_stack.push_redo(step),
            Way::Redo => self.undo_stack.push_undo(step),
        }
        self.notice = Some(Notice::info(text));
        Ok(())
    }

    /// Writes activity `id` from state `from` to state `to`, refusing if it is no
    /// longer in state `from`; returns the state written, as stored. A deletion
    /// leaves in `dpias` the DPIAs it took the activity out of; a restore puts it
    /// back in them.
    fn move_activity(
        &mut self,
        id: ActivityId,
        from: Option<&ActivityRecord>,
        to: Option<&ActivityRecord>,
        what: &str,
        dpias: &mut Vec<(DpiaId, usize)>,
    ) -> ropa::Result<Option<ActivityRecord>> {
        let session = self.session_or_err()?;
        let current = match session.store.activity(id) {
            Ok(activity) => Some(undo::record_of(activity, session.store.links_of(id)?)),
            Err(ropa::Error::NotFound { .. }) => None,
            Err(error) => return Err(error),
        };
        if !undo::same_state(current.as_ref(), from) {
            return Err(ropa::Error::Invalid {
                field: "Undo".to_owned(),
                message: format!(
                    "the activity was changed again since the {what}, so it was left as it is now. Use its history to go back to an earlier version."
                ),
            });
        }
        match (current, to) {
            (Some(_), None) => {
                *dpias = session.store.delete_activity(id)?.dpias;
            }
            (None, Some(target)) => {
                let deleted = DeletedActivity {
                    activity: target.activity.clone(),
                    links: target.links.clone(),
                    dpias: dpias.clone(),
                };
                session.store.restore_activity(&deleted)?;
                // Only once it is back: a failed restore keeps the places for the next try.
                dpias.clear();
            }
            (Some(current), Some(target)) => {
                let links = undo::link_drafts(target, &current);
                session.store.update_activity(
                    id,
                    current.activity.version,
                    &target.activity.fields,
                    &links,
                )?;
            }
            (None, None) => {}
        }
        self.reload()?;
        self.follow_in_editor(id);
        Ok(self.session.as_ref().and_then(|session| undo::record_in(&session.register, id)))
    }

    /// After an undo or redo of `id`: an editor on it shows it as stored now (or
    /// closes if it was deleted); the Register page selects it.
    fn follow_in_editor(&mut self, id: ActivityId) {
        let Some(session) = &self.session else {
            return;
        };
        let exists = session.register.activity(id).is_some();
        if exists {
            self.register_page.selected = Some(id);
        }
        if self.editor.as_ref().and_then(ActivityEditor::activity_id) == Some(id) {
            self.editor = ActivityEditor::open_in(&session.register, id);
            if self.editor.is_none() {
                self.page = Page::Register;
            }
            self.attach_findings(None);
        }
    }
}
