//! The Sources and Recipients lists inside the activity editor: each link to a
//! party with what passes, on what basis, how, and under which agreement.

use ropa::law::{LawfulBasis, LegalItem};
use ropa::model::{AgreementId, Direction, LinkDraft, LinkFields, Register, SpecialData};

use super::app::Command;
use super::register_view::Suggestions;
use super::widgets::{PartyPick, legal_checkboxes_ui, list_editor_ui, party_picker_ui, text_row};

/// What is typed into the two party pickers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkQueries {
    sources: String,
    recipients: String,
}

/// Draws the Sources list then the Recipients list of `links`.
pub fn ui(
    ui: &mut egui::Ui,
    links: &mut Vec<LinkDraft>,
    queries: &mut LinkQueries,
    register: &Register,
    suggestions: &Suggestions,
    commands: &mut Vec<Command>,
) {
    for direction in [Direction::Source, Direction::Recipient] {
        let (heading, picker_label, query) = match direction {
            Direction::Source => ("Sources of the data", "Add a source", &mut queries.sources),
            Direction::Recipient => ("Recipients", "Add a recipient", &mut queries.recipients),
        };
        ui.add_space(4.0);
        ui.strong(heading);
        let mut remove = None;
        let mut any = false;
        for (index, link) in
            links.iter_mut().enumerate().filter(|(_, link)| link.fields.direction == direction)
        {
            any = true;
            if link_ui(ui, index, &mut link.fields, register, suggestions) {
                remove = Some(index);
            }
        }
        if !any {
            ui.weak("None recorded.");
        }
        if let Some(index) = remove {
            links.remove(index);
        }
        match party_picker_ui(ui, picker_label, &register.parties, query) {
            Some(PartyPick::Existing(party_id)) => {
                links.push(LinkDraft { id: None, fields: LinkFields::new(party_id, direction) });
            }
            Some(PartyPick::New { name, kind }) => {
                commands.push(Command::CreateLinkParty { name, kind, direction });
            }
            None => {}
        }
    }
}

/// One link, collapsible; returns whether the user asked to remove it.
fn link_ui(
    ui: &mut egui::Ui,
    index: usize,
    fields: &mut LinkFields,
    register: &Register,
    suggestions: &Suggestions,
) -> bool {
    let party = register.party(fields.party_id);
    let name = party.map_or("(party missing)", |party| party.fields.name.as_str());
    let kind = party.map_or("", |party| party.fields.kind.label());
    let mut remove = false;
    let header = link_header(ui, name, kind, fields, register);
    egui::CollapsingHeader::new(header).id_salt(("link", index)).default_open(false).show(ui, |ui| {
        list_editor_ui(ui, "Data passed", &mut fields.data_categories, &suggestions.personal_data);
        super::widgets::form_row(ui, "Lawful basis for the disclosure", |ui, label_id| {
            egui::ComboBox::from_id_salt(("link-basis", index))
                .selected_text(fields.lawful_basis.map_or("Not recorded".to_owned(), |basis| basis.label()))
                .width(300.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut fields.lawful_basis, None, "Not recorded");
                    for &basis in LawfulBasis::ALL {
                        ui.selectable_value(&mut fields.lawful_basis, Some(basis), basis.label())
                            .on_hover_text(basis.wording());
                    }
                })
                .response
                .labelled_by(label_id);
        });
        text_row(ui, "Basis in detail (gateway, purpose)", &mut fields.basis_detail);
        text_row(ui, "Method (how the data passes)", &mut fields.method);
        super::widgets::form_row(ui, "Agreement", |ui, label_id| {
            agreement_combo(ui, index, &mut fields.agreement_id, register).labelled_by(label_id);
        });
        special_data_ui(ui, fields);
        text_row(ui, "Notes", &mut fields.notes);
        if ui.button("Remove this link").accessible_name(format!("Remove link to {name}")).clicked() {
            remove = true;
        }
    });
    remove
}

/// The three-way answer for special category and criminal offence data, with the
/// categories to tick when the link passes only some. Leaving "these categories
/// only" clears the ticks, so a link never keeps lists it does not use.
fn special_data_ui(ui: &mut egui::Ui, fields: &mut LinkFields) {
    super::widgets::form_row(ui, SPECIAL_DATA_LABEL, |ui, _label_id| {
        ui.vertical(|ui| {
            for &answer in SpecialData::ALL {
                let response = ui.radio_value(&mut fields.special_data, answer, answer.label());
                if response.changed() && answer != SpecialData::Only {
                    fields.special_categories.clear();
                    fields.criminal_offence_data = false;
                }
            }
            if fields.special_data == SpecialData::Only {
                ui.indent("link-special-categories", |ui| {
                    legal_checkboxes_ui(ui, &mut fields.special_categories);
                    ui.checkbox(&mut fields.criminal_offence_data, "Criminal offence data passes (Art 10)");
                });
            }
        });
    });
}

/// The label of the link's special category data answer.
pub const SPECIAL_DATA_LABEL: &str = "Special category and criminal offence data passing";

/// The collapsed link's one line: the party and its kind, then a quiet summary of
/// what is recorded.
fn link_header(
    ui: &egui::Ui,
    name: &str,
    kind: &str,
    fields: &LinkFields,
    register: &Register,
) -> egui::WidgetText {
    let mut summary = Vec::new();
    match fields.data_categories.len() {
        0 => summary.push("data passed not recorded".to_owned()),
        1 => summary.push(fields.data_categories[0].clone()),
        count => summary.push(format!("{count} categories of data")),
    }
    if let Some(basis) = fields.lawful_basis {
        summary.push(basis.citation().to_owned());
    }
    if let Some(agreement) = fields.agreement_id.and_then(|id| register.agreement(id)) {
        summary.push(format!("under {}", agreement.fields.title));
    }
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style();
    let (font, align) = (egui::FontSelection::Default, egui::Align::LEFT);
    egui::RichText::new(format!("{name} — {kind}")).append_to(&mut job, style, font.clone(), align);
    egui::RichText::new(format!("   {}", summary.join(" · "))).weak().append_to(&mut job, style, font, align);
    job.into()
}

fn agreement_combo(
    ui: &mut egui::Ui,
    index: usize,
    agreement_id: &mut Option<AgreementId>,
    register: &Register,
) -> egui::Response {
    let selected = agreement_id
        .and_then(|id| register.agreement(id))
        .map_or("None".to_owned(), |agreement| agreement.fields.title.clone());
    egui::ComboBox::from_id_salt(("link-agreement", index))
        .selected_text(selected)
        .width(300.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(agreement_id, None, "None");
            for agreement in &register.agreements {
                ui.selectable_value(agreement_id, Some(agreement.id), &agreement.fields.title)
                    .on_hover_text(agreement.fields.kind.label());
            }
        })
        .response
}
