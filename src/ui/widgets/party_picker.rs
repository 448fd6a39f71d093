//! Picking a party by typing its name: the parties with a similar name are offered
//! first (case, punctuation, abbreviations and initials set aside, so "NHS Trust"
//! finds "NHS"), then "create a new party", which asks for the new party's kind.

use ropa::model::{Party, PartyId, PartyKind, similar_names};

/// How many matching parties the picker lists.
const MATCH_LIMIT: usize = 8;

/// How alike a name must be to be offered.
const MATCH_THRESHOLD: f32 = 0.5;

/// What the user picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartyPick {
    /// An existing party.
    Existing(PartyId),
    /// A new party with this name and kind.
    New {
        /// The name typed.
        name: String,
        /// The kind chosen.
        kind: PartyKind,
    },
}

/// The kind being chosen for a new party, kept between frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NewKind(Option<PartyKind>);

/// A type-ahead box named `label` over `parties`; `query` holds what is typed.
/// Returns the pick once the user makes one, and clears the box.
pub fn party_picker_ui(
    ui: &mut egui::Ui,
    label: &str,
    parties: &[Party],
    query: &mut String,
) -> Option<PartyPick> {
    ui.horizontal(|ui| {
        let label_id = ui.label(label).id;
        ui.add(egui::TextEdit::singleline(query).hint_text("type a party's name").desired_width(260.0))
            .labelled_by(label_id);
    });
    let typed = query.trim().to_owned();
    if typed.is_empty() {
        return None;
    }
    let ranked =
        similar_names(&typed, parties.iter().map(|party| party.fields.name.as_str()), MATCH_THRESHOLD);
    let exact = ranked.first().is_some_and(|(_, similarity)| *similarity >= 1.0);
    let mut pick = None;
    if !ranked.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.weak(if exact { "Already recorded:" } else { "Did you mean:" });
            for (index, _) in ranked.iter().take(MATCH_LIMIT) {
                let party = &parties[*index];
                let text = format!("{} ({})", party.fields.name, party.fields.kind.label());
                if ui.small_button(text).clicked() {
                    pick = Some(PartyPick::Existing(party.id));
                }
            }
        });
    }
    if !exact {
        pick = pick.or_else(|| new_party_ui(ui, label, &typed));
    }
    if pick.is_some() {
        query.clear();
    }
    pick
}

/// "Create a new party" with a choice of its kind; returns the pick once made.
fn new_party_ui(ui: &mut egui::Ui, label: &str, typed: &str) -> Option<PartyPick> {
    let id = ui.make_persistent_id(("party-picker-kind", label));
    let mut kind: NewKind = ui.data(|data| data.get_temp(id)).unwrap_or(NewKind(None));
    let mut pick = None;
    ui.horizontal_wrapped(|ui| {
        ui.weak(format!("Or create a new party \"{typed}\", a"));
        let chosen = kind.0.map_or("choose its kind…", PartyKind::label);
        egui::ComboBox::from_id_salt(id)
            .selected_text(chosen)
            .width(220.0)
            .show_ui(ui, |ui| {
                for choice in PartyKind::ALL {
                    ui.selectable_value(&mut kind.0, Some(*choice), choice.label());
                }
            })
            .response
            .accessible_name(format!("{label}: kind of the new party"));
        let button = egui::Button::new("Create party").small();
        let create =
            ui.add_enabled(kind.0.is_some(), button).accessible_name(format!("{label}: create party"));
        if create.clicked()
            && let Some(chosen) = kind.0
        {
            pick = Some(PartyPick::New { name: typed.to_owned(), kind: chosen });
        }
    });
    if pick.is_some() {
        kind = NewKind(None);
    }
    ui.data_mut(|data| data.insert_temp(id, kind));
    pick
}
