//! Picking a party by typing part of its name, or creating one with the name typed.

use ropa::model::{Party, PartyId};

/// How many matching parties the picker lists.
const MATCH_LIMIT: usize = 8;

/// What the user picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartyPick {
    /// An existing party.
    Existing(PartyId),
    /// A new party with this name.
    New(String),
}

/// A type-ahead box named `label` over `parties`; `query` holds what is typed.
/// Returns the pick once the user makes one, and clears the box.
pub fn party_picker_ui(
    ui: &mut egui::Ui,
    label: &str,
    parties: &[Party],
    query: &mut String,
) -> Option<PartyPick> {
    let mut pick = None;
    ui.horizontal(|ui| {
        let label_id = ui.label(label).id;
        ui.add(egui::TextEdit::singleline(query).hint_text("type a party's name").desired_width(260.0))
            .labelled_by(label_id);
    });
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return None;
    }
    let matches: Vec<&Party> = parties
        .iter()
        .filter(|party| party.fields.name.to_lowercase().contains(&needle))
        .take(MATCH_LIMIT)
        .collect();
    let exact = parties.iter().any(|party| party.fields.name.trim().to_lowercase() == needle);
    ui.horizontal_wrapped(|ui| {
        for party in matches {
            let text = format!("{} ({})", party.fields.name, party.fields.kind.label());
            if ui.small_button(text).clicked() {
                pick = Some(PartyPick::Existing(party.id));
            }
        }
        if !exact {
            let text = format!("Create party \"{}\"", query.trim());
            if ui.small_button(&text).accessible_name(format!("{label}: create party")).clicked() {
                pick = Some(PartyPick::New(query.trim().to_owned()));
            }
        }
    });
    if pick.is_some() {
        query.clear();
    }
    pick
}
