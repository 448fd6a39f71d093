//! A service owner's returned review pack on the Import page: every cell the
//! owner changed, each with "Accept" ticked, for the officer to untick what
//! they reject; then the accepted changes land in one transaction, logged as
//! the owner's (`ropa::file_commands::apply_proposal_to`).

use std::collections::BTreeSet;

use ropa::model::ActivityId;
use ropa::review_pack::{PackField, Proposal};

use super::app::Command;

/// A returned pack read, and the changes the officer rejects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackReview {
    /// What the pack proposes.
    pub proposal: Proposal,
    /// The changes unticked: (activity, field).
    pub rejected: BTreeSet<(ActivityId, PackField)>,
}

impl PackReview {
    /// The pack with every change accepted.
    pub fn new(proposal: Proposal) -> Self {
        Self { proposal, rejected: BTreeSet::new() }
    }

    /// How many changes are accepted.
    pub fn accepted(&self) -> usize {
        self.proposal.change_count() - self.rejected.len()
    }
}

/// The label of a change's tick box, by which tests and screen readers find it.
pub fn accept_label(activity: &str, field: PackField) -> String {
    format!("Accept {} of {activity}", field.heading())
}

/// Draws the pack's changes; pushes the apply command, or clears `review` on Cancel.
pub fn ui(ui: &mut egui::Ui, review: &mut Option<PackReview>, commands: &mut Vec<Command>) {
    let Some(shown) = review else {
        return;
    };
    let proposal = &shown.proposal;
    ui.separator();
    ui.heading(format!("Review pack for {}", proposal.service));
    let who = if proposal.returned_by.trim().is_empty() {
        "its owner (no name given)"
    } else {
        &proposal.returned_by
    };
    ui.label(format!(
        "Returned by {who}: {} change(s) to {} activities; {} returned unchanged (recorded as reviewed by their owner). Untick a change to reject it.",
        proposal.change_count(),
        proposal.changed.len(),
        proposal.unchanged.len()
    ));
    let mut apply = false;
    let mut cancel = false;
    ui.horizontal(|ui| {
        let text = format!("Apply {} accepted change(s)", shown.accepted());
        let something = !proposal.changed.is_empty() || !proposal.unchanged.is_empty();
        apply = ui
            .add_enabled(something, egui::Button::new(text))
            .on_hover_text("In one transaction, logged as the pack's owner's")
            .on_disabled_hover_text("Nothing in this pack can be applied: see the warnings")
            .clicked();
        cancel = ui.button("Cancel").clicked();
    });
    for line in proposal.conflicts.iter().chain(&proposal.warnings) {
        ui.colored_label(ui.visuals().warn_fg_color, line);
    }
    egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
        for activity in &proposal.changed {
            ui.add_space(6.0);
            ui.strong(format!("{} (row {})", activity.name, activity.row));
            egui::Grid::new(("pack-changes", activity.activity_id)).striped(true).num_columns(4).show(
                ui,
                |ui| {
                    for change in &activity.changes {
                        let key = (activity.activity_id, change.field);
                        let mut accepted = !shown.rejected.contains(&key);
                        let label = accept_label(&activity.name, change.field);
                        if ui.checkbox(&mut accepted, "").accessible_name(&label).changed() {
                            if accepted {
                                shown.rejected.remove(&key);
                            } else {
                                shown.rejected.insert(key);
                            }
                        }
                        ui.label(change.field.heading()).on_hover_text(change.field.guidance());
                        ui.vertical(|ui| {
                            ui.weak(format!("was: {}", shown_text(&change.from)));
                            ui.label(format!("now: {}", shown_text(&change.to)));
                        });
                        ui.end_row();
                    }
                },
            );
        }
    });
    if apply {
        commands.push(Command::ApplyReviewPack(Box::new(shown.clone())));
    }
    if cancel {
        *review = None;
    }
}

fn shown_text(text: &str) -> String {
    if text.trim().is_empty() { "(blank)".to_owned() } else { text.to_owned() }
}
