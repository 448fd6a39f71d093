//! The Organisation page: who keeps the record (Art 30(1)(a)): the controller, the
//! Data Protection Officer, the UK representative, the ICO registration and how
//! often activities are reviewed.

use ropa::model::{Contact, Organisation, Register};

use super::app::{Command, SnapshotPage};
use super::widgets::{form_row, multiline_row, section_heading, text_row};

/// The organisation profile as edited, and as last saved.
#[derive(Debug, Clone, Default)]
pub struct OrganisationPage {
    draft: Organisation,
    saved: Organisation,
}

impl OrganisationPage {
    /// The page on `register`'s organisation (defaults when none is open).
    pub fn load(register: Option<&Register>) -> Self {
        let organisation = register.map(|register| register.organisation.clone()).unwrap_or_default();
        Self { draft: organisation.clone(), saved: organisation }
    }

    /// Drops the unsaved edits (they have just been saved, or the register they
    /// were made on was replaced), so the next snapshot loads the page afresh.
    pub fn discard_draft(&mut self) {
        self.draft = self.saved.clone();
    }
}

/// Unsaved edits are kept; otherwise the page shows the organisation as it now
/// stands.
impl SnapshotPage for OrganisationPage {
    fn snapshot_changed(&mut self, register: &Register) {
        if self.draft == self.saved {
            *self = Self::load(Some(register));
        }
    }
}

/// Draws the page.
pub fn ui(ui: &mut egui::Ui, page: &mut OrganisationPage, commands: &mut Vec<Command>) {
    let dirty = page.draft != page.saved;
    ui.horizontal(|ui| {
        ui.heading("Organisation");
        if ui.add_enabled(dirty, egui::Button::new("Save details")).clicked() {
            commands.push(Command::SaveOrganisation(page.draft.clone()));
        }
        if ui.add_enabled(dirty, egui::Button::new("Revert details")).clicked() {
            page.draft = page.saved.clone();
        }
    });
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.set_max_width(ui.available_width().min(860.0));
        let draft = &mut page.draft;
        section_heading(ui, "Controller", "Art 30(1)(a)");
        contact_ui(ui, "Controller", &mut draft.controller);
        text_row(ui, "ICO registration number", &mut draft.ico_registration);
        ui.checkbox(&mut draft.is_partnership, "The register covers a partnership of several controllers");
        section_heading(ui, "Data Protection Officer", "Art 37-39");
        contact_ui(ui, "DPO", &mut draft.dpo);
        section_heading(ui, "Representative", "Art 27");
        contact_ui(ui, "Representative", &mut draft.representative);
        section_heading(ui, "Reviews", "Art 5(2), 24(1)");
        form_row(ui, "Review activities every (months)", |ui, label_id| {
            ui.add(egui::DragValue::new(&mut draft.review_interval_months).range(1..=60))
                .labelled_by(label_id);
        });
    });
}

fn contact_ui(ui: &mut egui::Ui, who: &str, contact: &mut Contact) {
    text_row(ui, &format!("{who} name"), &mut contact.name);
    multiline_row(ui, &format!("{who} address"), &mut contact.address);
    text_row(ui, &format!("{who} email"), &mut contact.email);
    text_row(ui, &format!("{who} telephone"), &mut contact.telephone);
}
