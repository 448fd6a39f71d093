//! The undo/redo stack of the register's activity changes: saves, new activities,
//! deletes and reviews. Each step keeps the activity as it stood before and after;
//! undoing writes the "before" state back as a new, logged change (the change log
//! is never rewritten), and redoing writes the "after" state again.
//!
//! A step is only undone while the activity is still as the step left it: if
//! someone (another window, another person) changed it since, the undo is refused
//! rather than overwriting their work.

use ropa::model::{Activity, ActivityId, Link, LinkDraft, Register};
use ropa::store::ActivityRecord;

/// How many steps are kept.
const DEPTH: usize = 100;

/// One undoable change of one activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What the change was, for the Edit menu: "save of \"Payroll\"".
    pub what: String,
    /// The activity changed.
    pub id: ActivityId,
    /// The activity before the change (`None`: it did not exist).
    pub before: Option<ActivityRecord>,
    /// The activity after the change (`None`: it was deleted).
    pub after: Option<ActivityRecord>,
    /// While the activity is deleted: the DPIAs that covered it, each with its
    /// place in their list, so that putting it back puts it back in them.
    pub dpias: Vec<(ropa::model::DpiaId, usize)>,
}

/// The steps that can be undone and, after an undo, redone.
#[derive(Debug, Clone, Default)]
pub struct UndoStack {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl UndoStack {
    /// Records a change just made; a new change ends what could be redone.
    pub fn record(&mut self, step: Step) {
        self.redo.clear();
        self.push_undo(step);
    }

    /// Puts back a step that can be undone (after a redo, or a failed undo).
    pub fn push_undo(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
    }

    /// Puts back a step that can be redone (after an undo, or a failed redo).
    pub fn push_redo(&mut self, step: Step) {
        self.redo.push(step);
    }

    /// Takes the step to undo next.
    pub fn take_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    /// Takes the step to redo next.
    pub fn take_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    /// What Undo would undo, if anything.
    pub fn next_undo(&self) -> Option<&str> {
        self.undo.last().map(|step| step.what.as_str())
    }

    /// What Redo would redo, if anything.
    pub fn next_redo(&self) -> Option<&str> {
        self.redo.last().map(|step| step.what.as_str())
    }

    /// Forgets every step (another register was opened, or a backup restored).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// `register`'s activity `id` with its links, if it exists.
pub fn record_in(register: &Register, id: ActivityId) -> Option<ActivityRecord> {
    let activity = register.activity(id)?.clone();
    let links = register.links.iter().filter(|link| link.activity_id == id).cloned().collect();
    Some(ActivityRecord { activity, links })
}

/// The record of `activity` with `links`, as read from the store.
pub fn record_of(activity: Activity, links: Vec<Link>) -> ActivityRecord {
    ActivityRecord { activity, links }
}

/// Whether `current` is the state `expected`: the same fields and the same links
/// (by what they say; versions and link ids aside, as a redo recreates links).
pub fn same_state(current: Option<&ActivityRecord>, expected: Option<&ActivityRecord>) -> bool {
    match (current, expected) {
        (None, None) => true,
        (Some(current), Some(expected)) => {
            current.activity.fields == expected.activity.fields
                && sorted_links(&current.links) == sorted_links(&expected.links)
        }
        _ => false,
    }
}

fn sorted_links(links: &[Link]) -> Vec<String> {
    let mut texts: Vec<String> = links.iter().map(|link| format!("{:?}", link.fields)).collect();
    texts.sort();
    texts
}

/// The links of `target` as drafts to save over `current`: a link that still
/// exists keeps its id, one deleted since comes back as a new link.
pub fn link_drafts(target: &ActivityRecord, current: &ActivityRecord) -> Vec<LinkDraft> {
    target
        .links
        .iter()
        .map(|link| LinkDraft {
            id: Some(link.id).filter(|id| current.links.iter().any(|stored| stored.id == *id)),
            fields: link.fields.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn step(what: &str) -> Step {
        Step { what: what.into(), id: ActivityId(1), before: None, after: None, dpias: Vec::new() }
    }

    #[test]
    fn undo_then_redo_walk_the_steps_and_a_new_change_ends_redo() {
        let mut stack = UndoStack::default();
        stack.record(step("first"));
        stack.record(step("second"));
        assert_eq!(stack.next_undo(), Some("second"));
        let undone = stack.take_undo().unwrap();
        stack.push_redo(undone);
        assert_eq!((stack.next_undo(), stack.next_redo()), (Some("first"), Some("second")));
        stack.record(step("third"));
        assert_eq!((stack.next_undo(), stack.next_redo()), (Some("third"), None));
    }

    #[test]
    fn the_stack_keeps_the_latest_steps() {
        let mut stack = UndoStack::default();
        for number in 0..=DEPTH {
            stack.record(step(&number.to_string()));
        }
        let mut count = 0;
        while stack.take_undo().is_some() {
            count += 1;
        }
        assert_eq!(count, DEPTH);
    }
}
