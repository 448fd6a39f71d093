//! File > Restore from backup…: the register's backups listed with the date each
//! was taken and what it holds, a preview of the one chosen, and a confirmation
//! before the register is replaced by it.

use crate::ui::dialog_keys::enter_confirms;
use ropa::store::BackupInfo;

use super::app::Command;

/// How many backups are kept when one is taken automatically on open.
pub const KEEP: usize = 10;

/// The restore dialog's state.
#[derive(Debug, Clone, Default)]
pub struct RestoreDialog {
    /// The backups, newest first.
    pub backups: Vec<BackupInfo>,
    /// The one chosen.
    selected: Option<usize>,
    /// Whether "Restore" was pressed and the confirmation is showing.
    confirming: bool,
}

impl RestoreDialog {
    /// A dialog over `backups` (newest first).
    pub fn new(backups: Vec<BackupInfo>) -> Self {
        Self { backups, selected: None, confirming: false }
    }
}

/// Draws the dialog; returns `false` when it should close.
pub fn dialog_ui(ui: &mut egui::Ui, dialog: &mut RestoreDialog, commands: &mut Vec<Command>) -> bool {
    let mut keep_open = true;
    let id = egui::Id::unique("restore-backup");
    let modal = egui::Modal::new(id).show(ui.ctx(), |ui| {
        let enter = enter_confirms(ui, id);
        ui.set_max_width(560.0);
        ui.heading("Restore from backup");
        if dialog.backups.is_empty() {
            ui.label("This register has no backups yet. Use File > Back up now to take one.");
        } else {
            ui.weak("Newest first (times in UTC). Choose one to see what it holds.");
        }
        egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
            for (index, backup) in dialog.backups.iter().enumerate() {
                let text = format!(
                    "{} — {} activities, {} parties",
                    backup.taken_at, backup.activities, backup.parties
                );
                if ui.selectable_label(dialog.selected == Some(index), text).clicked() {
                    dialog.selected = Some(index);
                    dialog.confirming = false;
                }
            }
        });
        ui.separator();
        if let Some(backup) = dialog.selected.and_then(|index| dialog.backups.get(index)) {
            ui.label(format!("Taken {}", backup.taken_at));
            ui.label(format!("Holds {} activities and {} parties.", backup.activities, backup.parties));
            ui.weak(backup.path.display().to_string());
            if dialog.confirming {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "The register will be replaced by this backup. Changes made since it was taken \
                     will be lost (take a backup first if unsure).",
                );
            }
        }
        ui.horizontal(|ui| {
            let chosen = dialog.selected.and_then(|index| dialog.backups.get(index));
            if dialog.confirming {
                if let Some(backup) = chosen
                    && (ui.button("Yes, replace the register").clicked() || enter)
                {
                    commands.push(Command::RestoreBackup(backup.path.clone()));
                    keep_open = false;
                }
            } else if ui.add_enabled(chosen.is_some(), egui::Button::new("Restore…")).clicked()
                || (enter && chosen.is_some())
            {
                dialog.confirming = true;
            }
            if ui.button("Cancel").clicked() {
                keep_open = false;
            }
        });
    });
    keep_open && !modal.should_close()
}
