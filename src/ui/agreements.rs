//! The Agreements page: data sharing agreements, processor contracts and
//! joint-controller arrangements, with their parties, dates, and the links that
//! rely on them.

use ropa::model::{Agreement, AgreementFields, AgreementId, AgreementKind, Register};

use super::activity_editor::choice_combo;
use super::app::{Command, SnapshotPage};
use super::widgets::{
    self, DateText, PartyPick, date_field_ui, form_row, multiline_row, party_picker_ui, section_heading,
    text_row,
};

/// An agreement as edited (`id` is `None` for a new agreement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementDraft {
    /// The stored agreement, if any.
    pub id: Option<AgreementId>,
    /// The version it was read at.
    pub version: i64,
    /// What the record will say.
    pub fields: AgreementFields,
}

/// The agreement being edited with its dates as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AgreementForm {
    draft: AgreementDraft,
    start: DateText,
    review_due: DateText,
    end: DateText,
}

impl AgreementForm {
    fn of(draft: AgreementDraft) -> Self {
        Self {
            start: DateText::from_date(draft.fields.start),
            review_due: DateText::from_date(draft.fields.review_due),
            end: DateText::from_date(draft.fields.end),
            draft,
        }
    }

    fn stored(agreement: &Agreement) -> Self {
        Self::of(AgreementDraft {
            id: Some(agreement.id),
            version: agreement.version,
            fields: agreement.fields.clone(),
        })
    }

    /// The draft with its dates read in, or the first problem.
    fn to_save(&self) -> Result<AgreementDraft, String> {
        if self.draft.fields.title.trim().is_empty() {
            return Err("Give the agreement a title".to_owned());
        }
        let mut draft = self.draft.clone();
        for (label, text, date) in [
            ("Start", &self.start, &mut draft.fields.start),
            ("Review due", &self.review_due, &mut draft.fields.review_due),
            ("End", &self.end, &mut draft.fields.end),
        ] {
            *date = text.parse().map_err(|problem| format!("{label}: {problem}"))?;
        }
        Ok(draft)
    }
}

/// The Agreements page's state.
#[derive(Debug, Clone, Default)]
pub struct AgreementsPage {
    selected: Option<AgreementId>,
    form: Option<AgreementForm>,
    saved: Option<AgreementForm>,
    party_query: String,
    /// The list's row heights (only the agreements in view are laid out).
    list: widgets::VirtualList,
    /// The last save's failure, shown above the form.
    pub problem: Option<String>,
}

impl AgreementsPage {
    /// Selects the agreement `id` (its form is loaded on the next refresh).
    pub fn select(&mut self, id: AgreementId) {
        self.selected = Some(id);
        self.form = None;
        self.problem = None;
    }

    /// Reloads the selected agreement from `register` unless it has unsaved edits.
    pub fn refresh(&mut self, register: &Register) {
        if self.form != self.saved && self.form.as_ref().is_some_and(|form| form.draft.id.is_some()) {
            return;
        }
        let form = self.selected.and_then(|id| register.agreement(id)).map(AgreementForm::stored);
        self.saved = form.clone();
        self.form = form;
    }
}

/// The selected agreement is read again, unless its edits are unsaved.
impl SnapshotPage for AgreementsPage {
    fn snapshot_changed(&mut self, register: &Register) {
        self.refresh(register);
    }
}

/// Draws the page.
pub fn ui(ui: &mut egui::Ui, page: &mut AgreementsPage, register: &Register, commands: &mut Vec<Command>) {
    if page.form.is_none() && page.selected.is_some() {
        page.refresh(register);
    }
    egui::Panel::left("agreement-list").resizable(true).default_size(320.0).show(ui, |ui| {
        list_ui(ui, page, register);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(860.0));
            editor_ui(ui, page, register, commands);
        });
    });
}

fn list_ui(ui: &mut egui::Ui, page: &mut AgreementsPage, register: &Register) {
    ui.horizontal(|ui| {
        ui.heading("Agreements");
        if ui.button("New agreement").clicked() {
            let draft = AgreementDraft {
                id: None,
                version: 0,
                fields: AgreementFields::new(AgreementKind::DataSharing, ""),
            };
            page.selected = None;
            page.saved = None;
            page.form = Some(AgreementForm::of(draft));
            page.problem = None;
        }
    });
    ui.separator();
    if register.agreements.is_empty() {
        ui.weak("No agreements recorded yet.");
    }
    let agreements = &register.agreements;
    let clicked = widgets::selectable_list_ui(ui, &mut page.list, agreements.len(), page.selected, |index| {
        agreements.get(index).map(|a| (a.id, a.fields.title.as_str(), a.fields.kind.label()))
    });
    if let Some(id) = clicked {
        page.select(id);
    }
}

fn editor_ui(ui: &mut egui::Ui, page: &mut AgreementsPage, register: &Register, commands: &mut Vec<Command>) {
    let dirty = page.form != page.saved;
    let Some(form) = &mut page.form else {
        ui.add_space(20.0);
        ui.label("Choose an agreement on the left, or add one with \"New agreement\".");
        return;
    };
    let title = form.draft.fields.title.trim();
    ui.heading(if title.is_empty() { "New agreement" } else { title });
    let ready = form.to_save();
    ui.horizontal(|ui| {
        if ui.add_enabled(dirty && ready.is_ok(), egui::Button::new("Save agreement")).clicked()
            && let Ok(draft) = &ready
        {
            commands.push(Command::SaveAgreement(draft.clone()));
        }
        if let Err(problem) = &ready {
            ui.colored_label(widgets::problem_color(ui), format!("Cannot save yet: {problem}"));
        }
    });
    if let Some(problem) = &page.problem {
        ui.colored_label(widgets::problem_color(ui), problem);
    }
    section_heading(ui, "The agreement", "");
    let fields = &mut form.draft.fields;
    form_row(ui, "Kind of agreement", |ui, label_id| {
        choice_combo(ui, "agreement-kind", label_id, &mut fields.kind, AgreementKind::ALL, |kind| {
            kind.label()
        });
    });
    text_row(ui, "Agreement title", &mut fields.title);
    text_row(ui, "Reference or link", &mut fields.reference);
    date_field_ui(ui, "Start", &mut form.start);
    date_field_ui(ui, "Review due", &mut form.review_due);
    date_field_ui(ui, "End", &mut form.end);
    multiline_row(ui, "Agreement notes", &mut fields.notes);
    section_heading(ui, "Parties to the agreement", "");
    let mut remove = None;
    for (index, party_id) in fields.parties.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(register.party_name(*party_id));
            if ui.small_button("×").accessible_name(format!("Remove party {}", index + 1)).clicked() {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        fields.parties.remove(index);
    }
    let others: Vec<_> =
        register.parties.iter().filter(|party| !fields.parties.contains(&party.id)).cloned().collect();
    if let Some(PartyPick::Existing(id)) =
        party_picker_ui(ui, "Add a party to the agreement", &others, &mut page.party_query)
    {
        fields.parties.push(id);
    }
    if let Some(id) = form.draft.id {
        relying_links_ui(ui, id, register, commands);
    }
}

fn relying_links_ui(ui: &mut egui::Ui, id: AgreementId, register: &Register, commands: &mut Vec<Command>) {
    section_heading(ui, "Links that rely on this agreement", "");
    let mut any = false;
    for link in register.links.iter().filter(|link| link.fields.agreement_id == Some(id)) {
        let Some(activity) = register.activity(link.activity_id) else {
            continue;
        };
        any = true;
        ui.horizontal(|ui| {
            if ui.link(&activity.fields.name).clicked() {
                commands.push(Command::OpenActivity(activity.id));
            }
            ui.label(format!(
                "{} {}",
                link.fields.direction.label().to_lowercase(),
                register.party_name(link.fields.party_id)
            ));
        });
    }
    if !any {
        ui.weak("No link names this agreement yet; choose it in an activity's Sources or Recipients.");
    }
}
