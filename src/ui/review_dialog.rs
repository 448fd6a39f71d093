//! "Mark reviewed": asks for the reviewer's note (recorded in the change log with
//! the review) and warns when the activity still has open error-level findings.
//! Enter records the review, Escape cancels.

use crate::ui::dialog_keys::enter_confirms;
use ropa::checks::{Finding, Severity};
use ropa::model::ActivityId;

use super::app::Command;
use super::widgets::warning_icon_ui;

/// The review being recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDialog {
    /// The activity.
    pub id: ActivityId,
    /// The version it was read at.
    pub version: i64,
    /// Its name.
    pub name: String,
    /// What the reviewer writes: what was checked, what is left to do.
    pub note: String,
    /// The messages of the activity's open error-level findings.
    pub open_errors: Vec<String>,
    focused: bool,
}

impl ReviewDialog {
    /// The dialog for activity `id`, read at `version`, with its open `findings`.
    pub fn new(id: ActivityId, version: i64, name: String, findings: &[Finding]) -> Self {
        let open_errors = findings
            .iter()
            .filter(|finding| finding.severity == Severity::Error && finding.is_open())
            .map(|finding| finding.message.clone())
            .collect();
        Self { id, version, name, note: String::new(), open_errors, focused: false }
    }
}

/// Draws the dialog; returns whether it stays open.
pub fn ui(ui: &mut egui::Ui, dialog: &mut ReviewDialog, commands: &mut Vec<Command>) -> bool {
    let mut open = true;
    let id = egui::Id::unique("review-dialog");
    let modal = egui::Modal::new(id).show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        ui.heading(format!("Mark \"{}\" reviewed", dialog.name));
        ui.label("Records the review as today's, by you, and sets the next review date.");
        if !dialog.open_errors.is_empty() {
            ui.add_space(6.0);
            let count = dialog.open_errors.len();
            let heading = if count == 1 {
                "This activity still has an open error:".to_owned()
            } else {
                format!("This activity still has {count} open errors:")
            };
            ui.horizontal(|ui| {
                let color = ui.visuals().error_fg_color;
                warning_icon_ui(ui, color, "Open errors");
                ui.colored_label(color, heading);
            });
            for message in dialog.open_errors.iter().take(5) {
                ui.add(egui::Label::new(format!("• {message}")).wrap());
            }
            ui.label("Say in the note why the review stands despite them, or fix them first.");
        }
        ui.add_space(6.0);
        let label = ui.label("Reviewer's note");
        let response = ui
            .add(
                egui::TextEdit::multiline(&mut dialog.note)
                    .desired_rows(3)
                    .desired_width(480.0)
                    .hint_text("What you checked, and anything left to do"),
            )
            .labelled_by(label.id);
        if !dialog.focused {
            response.request_focus();
            dialog.focused = true;
        }
        let ready = !dialog.note.trim().is_empty();
        let enter = enter_confirms(ui, id);
        ui.horizontal(|ui| {
            let record = ui.add_enabled(ready, egui::Button::new("Record review"));
            if record.clicked() || (enter && ready) {
                commands.push(Command::MarkReviewed {
                    id: dialog.id,
                    version: dialog.version,
                    note: dialog.note.trim().to_owned(),
                });
                open = false;
            }
            if ui.button("Cancel").clicked() {
                open = false;
            }
        });
        if !ready {
            ui.weak("Write a note to record the review (Shift+Enter starts a new line).");
        }
    });
    if modal.should_close() {
        open = false;
    }
    open
}
