//! The Parties page: every party with its kind, an editor for the selected party,
//! and every activity that receives data from it or sends data to it.

use ropa::model::{Direction, Party, PartyFields, PartyId, PartyKind, Register};

use super::activity_editor::choice_combo;
use super::app::{Command, SnapshotPage};
use super::widgets::{self, form_row, multiline_row, section_heading, text_row};

/// A party as edited (`id` is `None` for a new party).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyDraft {
    /// The stored party, if any.
    pub id: Option<PartyId>,
    /// The version it was read at.
    pub version: i64,
    /// What the record will say.
    pub fields: PartyFields,
}

impl PartyDraft {
    fn of(party: &Party) -> Self {
        Self { id: Some(party.id), version: party.version, fields: party.fields.clone() }
    }
}

/// The Parties page's state.
#[derive(Debug, Clone, Default)]
pub struct PartiesPage {
    selected: Option<PartyId>,
    draft: Option<PartyDraft>,
    saved: Option<PartyDraft>,
    search: String,
    /// The list's row heights (only the parties in view are laid out).
    list: widgets::VirtualList,
    /// The last save's failure, shown above the form.
    pub problem: Option<String>,
}

impl PartiesPage {
    /// Selects the party `id` (its draft is loaded on the next refresh).
    pub fn select(&mut self, id: PartyId) {
        self.selected = Some(id);
        self.draft = None;
        self.problem = None;
    }

    /// Reloads the selected party's draft from `register` unless it has unsaved edits.
    pub fn refresh(&mut self, register: &Register) {
        if self.draft != self.saved && self.draft.as_ref().is_some_and(|draft| draft.id.is_some()) {
            return;
        }
        let draft = self.selected.and_then(|id| register.party(id)).map(PartyDraft::of);
        self.saved = draft.clone();
        self.draft = draft;
    }

    fn is_dirty(&self) -> bool {
        self.draft != self.saved
    }
}

/// The selected party is read again, unless its edits are unsaved.
impl SnapshotPage for PartiesPage {
    fn snapshot_changed(&mut self, register: &Register) {
        self.refresh(register);
    }
}

/// Draws the page.
pub fn ui(ui: &mut egui::Ui, page: &mut PartiesPage, register: &Register, commands: &mut Vec<Command>) {
    if page.draft.is_none() && page.selected.is_some() {
        page.refresh(register);
    }
    egui::Panel::left("party-list").resizable(true).default_size(300.0).show(ui, |ui| {
        list_ui(ui, page, register);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(860.0));
            editor_ui(ui, page, register, commands);
        });
    });
}

fn list_ui(ui: &mut egui::Ui, page: &mut PartiesPage, register: &Register) {
    ui.horizontal(|ui| {
        ui.heading("Parties");
        if ui.button("New party").clicked() {
            page.selected = None;
            let draft =
                PartyDraft { id: None, version: 0, fields: PartyFields::new("", PartyKind::PublicAuthority) };
            page.saved = None;
            page.draft = Some(draft);
            page.problem = None;
        }
    });
    ui.add(
        egui::TextEdit::singleline(&mut page.search).hint_text("Find a party").desired_width(f32::INFINITY),
    )
    .accessible_name("Find a party");
    let needle = page.search.trim().to_lowercase();
    let shown: Vec<&Party> =
        register.parties.iter().filter(|party| party.fields.name.to_lowercase().contains(&needle)).collect();
    ui.separator();
    let clicked = widgets::selectable_list_ui(ui, &mut page.list, shown.len(), page.selected, |index| {
        shown.get(index).map(|party| (party.id, party.fields.name.as_str(), party.fields.kind.label()))
    });
    if let Some(id) = clicked {
        page.select(id);
    }
}

fn editor_ui(ui: &mut egui::Ui, page: &mut PartiesPage, register: &Register, commands: &mut Vec<Command>) {
    if page.draft.is_none() {
        page.refresh(register);
    }
    let dirty = page.is_dirty();
    let Some(draft) = &mut page.draft else {
        ui.add_space(20.0);
        ui.label("Choose a party on the left, or add one with \"New party\".");
        return;
    };
    ui.heading(if draft.fields.name.trim().is_empty() { "New party" } else { draft.fields.name.as_str() });
    let problem = name_problem(draft, register);
    ui.horizontal(|ui| {
        if ui.add_enabled(dirty && problem.is_none(), egui::Button::new("Save party")).clicked() {
            commands.push(Command::SaveParty(draft.clone()));
        }
        if let Some(problem) = &problem {
            ui.colored_label(widgets::problem_color(ui), format!("Cannot save yet: {problem}"));
        }
    });
    if let Some(problem) = &page.problem {
        ui.colored_label(widgets::problem_color(ui), problem);
    }
    section_heading(ui, "The party", "");
    text_row(ui, "Party name", &mut draft.fields.name);
    form_row(ui, "Kind", |ui, label_id| {
        choice_combo(ui, "party-kind", label_id, &mut draft.fields.kind, PartyKind::ALL, |kind| kind.label());
    });
    text_row(ui, "Country (if outside the UK)", &mut draft.fields.country);
    multiline_row(ui, "Contact for data protection", &mut draft.fields.contact);
    multiline_row(ui, "Party notes", &mut draft.fields.notes);
    if let Some(id) = draft.id {
        links_ui(ui, id, register, commands);
    }
}

/// Why the party's name cannot be saved, if it cannot.
fn name_problem(draft: &PartyDraft, register: &Register) -> Option<String> {
    let name = draft.fields.name.trim();
    if name.is_empty() {
        return Some("Give the party a name".to_owned());
    }
    register
        .parties
        .iter()
        .any(|party| Some(party.id) != draft.id && party.fields.name.trim().eq_ignore_ascii_case(name))
        .then(|| format!("Another party is already called \"{name}\""))
}

fn links_ui(ui: &mut egui::Ui, party_id: PartyId, register: &Register, commands: &mut Vec<Command>) {
    for (direction, title) in [
        (Direction::Source, "Activities that receive data from this party"),
        (Direction::Recipient, "Activities that send data to this party"),
    ] {
        section_heading(ui, title, "");
        let mut any = false;
        for link in
            register.links.iter().filter(|l| l.fields.party_id == party_id && l.fields.direction == direction)
        {
            let Some(activity) = register.activity(link.activity_id) else {
                continue;
            };
            any = true;
            ui.horizontal(|ui| {
                let service = register.service_name(activity.fields.service_id);
                if ui.link(&activity.fields.name).on_hover_text("Open the activity").clicked() {
                    commands.push(Command::OpenActivity(activity.id));
                }
                ui.weak(service);
                if !link.fields.data_categories.is_empty() {
                    ui.label(format!("— {}", link.fields.data_categories.join(", ")));
                }
            });
        }
        if !any {
            ui.weak("None.");
        }
    }
}
