//! The Information assets page: the systems, shared drives, paper file stores and
//! cloud services holding personal data, each with its information asset owner,
//! hosting, security, retention and continuity, and the activities that hold data
//! in it. Activities name their assets in the editor ("Information assets
//! holding the data"); an asset named there for the first time appears here with
//! nothing else recorded, for its owner to be filled in.

use ropa::model::{ActivityId, Asset, AssetFields, AssetId, AssetKind, Hosting, PartyKind, Register};

use super::activity_editor::choice_combo;
use super::app::{Command, SnapshotPage};
use super::widgets::{self, PartyPick, form_row, multiline_row, party_picker_ui, section_heading, text_row};

/// An asset as edited (`id` is `None` for a new asset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetDraft {
    /// The stored asset, if any.
    pub id: Option<AssetId>,
    /// The version it was read at.
    pub version: i64,
    /// What the record will say.
    pub fields: AssetFields,
}

impl AssetDraft {
    fn stored(asset: &Asset) -> Self {
        Self { id: Some(asset.id), version: asset.version, fields: asset.fields.clone() }
    }
}

/// How hosting is chosen on the form (the processor is picked separately).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HostingChoice {
    NotStated,
    InHouse,
    Processor,
}

impl HostingChoice {
    const ALL: [Self; 3] = [Self::NotStated, Self::InHouse, Self::Processor];

    fn of(hosting: Hosting) -> Self {
        match hosting {
            Hosting::NotStated => Self::NotStated,
            Hosting::InHouse => Self::InHouse,
            Hosting::Processor { .. } => Self::Processor,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::NotStated => Hosting::NotStated.label(),
            Self::InHouse => Hosting::InHouse.label(),
            Self::Processor => "Hosted by a processor",
        }
    }
}

/// The Information assets page's state.
#[derive(Debug, Clone, Default)]
pub struct AssetsPage {
    selected: Option<AssetId>,
    draft: Option<AssetDraft>,
    saved: Option<AssetDraft>,
    /// The form's hosting choice, kept while no processor is picked yet.
    hosting: Option<HostingChoice>,
    party_query: String,
    /// The list's filter, as typed.
    pub filter: String,
    /// Whether the list shows only assets with no owner.
    pub only_unowned: bool,
    /// Positions in the register's assets of those the filter lets through,
    /// worked out when the filter or the snapshot changes, never per frame.
    shown: Vec<usize>,
    /// The filter `shown` was worked out for (filter, only unowned, assets).
    shown_for: Option<(String, bool, usize)>,
    list: widgets::VirtualList,
    /// The activities holding data in the saved asset: (id, name, service),
    /// found when the asset or the snapshot changes, never per frame.
    holders: Vec<(ActivityId, String, String)>,
    /// The last save's or delete's failure, shown above the form.
    pub problem: Option<String>,
}

impl AssetsPage {
    /// Selects the asset `id` (its form is loaded on the next refresh).
    pub fn select(&mut self, id: AssetId) {
        self.selected = Some(id);
        self.draft = None;
        self.hosting = None;
        self.problem = None;
    }

    /// Forgets the selection (after the asset was deleted).
    pub fn clear(&mut self) {
        *self = Self {
            filter: std::mem::take(&mut self.filter),
            only_unowned: self.only_unowned,
            ..Self::default()
        };
    }

    /// Reloads the selected asset from `register` unless it has unsaved edits.
    fn refresh(&mut self, register: &Register) {
        if self.draft != self.saved && self.draft.as_ref().is_some_and(|draft| draft.id.is_some()) {
            return;
        }
        let draft = self
            .selected
            .and_then(|id| register.assets.iter().find(|asset| asset.id == id))
            .map(AssetDraft::stored);
        self.holders = draft.as_ref().map_or_else(Vec::new, |d| {
            register
                .activities_holding(&d.fields.name)
                .map(|a| (a.id, a.fields.name.clone(), register.service_name(a.fields.service_id).to_owned()))
                .collect()
        });
        self.saved = draft.clone();
        self.hosting = draft.as_ref().map(|d| HostingChoice::of(d.fields.hosting));
        self.draft = draft;
    }

    /// Works out which assets the list shows, when the filter or the register changed.
    fn filter_assets(&mut self, register: &Register) {
        let key = (self.filter.clone(), self.only_unowned, register.assets.len());
        if self.shown_for.as_ref() == Some(&key) {
            return;
        }
        let query = self.filter.trim().to_lowercase();
        self.shown = register
            .assets
            .iter()
            .enumerate()
            .filter(|(_, asset)| !self.only_unowned || !asset.fields.has_owner())
            .filter(|(_, asset)| query.is_empty() || search_text(asset).contains(&query))
            .map(|(index, _)| index)
            .collect();
        self.shown_for = Some(key);
    }
}

/// What the list's filter matches: the asset's name, kind, owner, role and location.
fn search_text(asset: &Asset) -> String {
    let f = &asset.fields;
    [f.name.as_str(), f.kind.label(), &f.owner_name, &f.owner_role, &f.location, &f.country]
        .join(" ")
        .to_lowercase()
}

/// The selected asset is read again (unless edited) and the list filtered anew.
impl SnapshotPage for AssetsPage {
    fn snapshot_changed(&mut self, register: &Register) {
        self.shown_for = None;
        self.refresh(register);
    }
}

/// Draws the page.
pub fn ui(ui: &mut egui::Ui, page: &mut AssetsPage, register: &Register, commands: &mut Vec<Command>) {
    if page.draft.is_none() && page.selected.is_some() {
        page.refresh(register);
    }
    page.filter_assets(register);
    egui::Panel::left("asset-list").resizable(true).default_size(320.0).show(ui, |ui| {
        list_ui(ui, page, register);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(860.0));
            editor_ui(ui, page, register, commands);
        });
    });
}

fn list_ui(ui: &mut egui::Ui, page: &mut AssetsPage, register: &Register) {
    ui.horizontal(|ui| {
        ui.heading("Information assets");
        if ui.button("New asset").clicked() {
            page.selected = None;
            page.saved = None;
            page.hosting = Some(HostingChoice::NotStated);
            page.draft = Some(AssetDraft { id: None, version: 0, fields: AssetFields::new("") });
            page.problem = None;
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut page.filter)
                .hint_text("name, owner, location")
                .desired_width(180.0),
        )
        .labelled_by(label.id);
    });
    ui.checkbox(&mut page.only_unowned, "Only assets with no owner");
    ui.separator();
    if register.assets.is_empty() {
        ui.weak("No information assets yet. Name the systems holding an activity's data in the activity editor, or add one here.");
        return;
    }
    if page.shown.is_empty() {
        ui.weak("No asset matches the filter.");
    }
    let (assets, shown) = (&register.assets, &page.shown);
    let clicked = widgets::selectable_list_ui(ui, &mut page.list, shown.len(), page.selected, |index| {
        let asset = assets.get(*shown.get(index)?)?;
        let owner = if asset.fields.has_owner() { asset.fields.kind.label() } else { "No owner" };
        Some((asset.id, asset.fields.name.as_str(), owner))
    });
    if let Some(id) = clicked {
        page.select(id);
    }
}

fn editor_ui(ui: &mut egui::Ui, page: &mut AssetsPage, register: &Register, commands: &mut Vec<Command>) {
    let dirty = page.draft != page.saved;
    let Some(draft) = &mut page.draft else {
        ui.add_space(20.0);
        ui.label("Choose an asset on the left, or add one with \"New asset\".");
        return;
    };
    let name = draft.fields.name.trim();
    ui.heading(if name.is_empty() { "New information asset" } else { name });
    let choice = page.hosting.unwrap_or(HostingChoice::of(draft.fields.hosting));
    let ready = ready_to_save(draft, choice);
    ui.horizontal(|ui| {
        if ui.add_enabled(dirty && ready.is_ok(), egui::Button::new("Save asset")).clicked() {
            commands.push(Command::SaveAsset(draft.clone()));
        }
        if let Some(id) = draft.id
            && ui.button("Delete asset").clicked()
        {
            commands.push(Command::DeleteAsset(id));
        }
        if let Err(problem) = &ready {
            ui.colored_label(widgets::problem_color(ui), format!("Cannot save yet: {problem}"));
        }
    });
    if let Some(problem) = &page.problem {
        ui.colored_label(widgets::problem_color(ui), problem);
    }
    let fields = &mut draft.fields;
    section_heading(ui, "The asset", "ICO Accountability Framework: information asset register");
    text_row(ui, "Asset name", &mut fields.name);
    form_row(ui, "Kind of asset", |ui, label_id| {
        choice_combo(ui, "asset-kind", label_id, &mut fields.kind, AssetKind::ALL, AssetKind::label);
    });
    section_heading(ui, "Information asset owner", "UK GDPR Art 5(2), Art 24(1)");
    ui.weak("The senior person responsible for the asset: who knows what it holds, who may use it, and answers for its risks.");
    text_row(ui, "Owner's name", &mut fields.owner_name);
    text_row(ui, "Owner's role", &mut fields.owner_role);
    section_heading(ui, "Where it is held", "UK GDPR Art 28(3); Arts 44-46, 49");
    text_row(ui, "Location", &mut fields.location);
    text_row(ui, "Country, if outside the UK", &mut fields.country);
    let mut picked = choice;
    form_row(ui, "Hosting", |ui, label_id| {
        choice_combo(ui, "asset-hosting", label_id, &mut picked, &HostingChoice::ALL, HostingChoice::label);
    });
    page.hosting = Some(picked);
    match picked {
        HostingChoice::NotStated => fields.hosting = Hosting::NotStated,
        HostingChoice::InHouse => fields.hosting = Hosting::InHouse,
        HostingChoice::Processor => processor_ui(ui, fields, register, &mut page.party_query),
    }
    section_heading(ui, "Security, retention and continuity", "UK GDPR Art 32(1), Art 5(1)(e)");
    multiline_row(ui, "Security measures", &mut fields.security_measures);
    multiline_row(ui, "Retention", &mut fields.retention);
    multiline_row(ui, "Business continuity", &mut fields.continuity);
    multiline_row(ui, "Asset notes", &mut fields.notes);
    if page.saved.is_some() {
        holders_ui(ui, &page.holders, commands);
    }
}

/// Whether the draft can be saved with hosting `choice`, or the first problem.
fn ready_to_save(draft: &AssetDraft, choice: HostingChoice) -> Result<(), String> {
    if draft.fields.name.trim().is_empty() {
        return Err("Give the asset a name".to_owned());
    }
    if choice == HostingChoice::Processor && draft.fields.hosting.processor().is_none() {
        return Err("Choose the processor hosting it".to_owned());
    }
    Ok(())
}

fn processor_ui(ui: &mut egui::Ui, fields: &mut AssetFields, register: &Register, query: &mut String) {
    if let Some(party) = fields.hosting.processor() {
        form_row(ui, "Processor", |ui, _| {
            ui.label(register.party_name(party));
        });
    }
    let processors: Vec<_> =
        register.parties.iter().filter(|party| party.fields.kind == PartyKind::Processor).cloned().collect();
    if let Some(PartyPick::Existing(id)) = party_picker_ui(ui, "Choose the processor", &processors, query) {
        fields.hosting = Hosting::Processor { party: id };
    }
    if processors.is_empty() {
        ui.weak("No party of kind Processor yet: add the supplier on the Parties page first.");
    }
}

fn holders_ui(ui: &mut egui::Ui, holders: &[(ActivityId, String, String)], commands: &mut Vec<Command>) {
    section_heading(ui, "Activities holding data in it", "ICO template: Location of personal data");
    for (id, name, service) in holders {
        ui.horizontal(|ui| {
            if ui.link(name).clicked() {
                commands.push(Command::OpenActivity(*id));
            }
            ui.weak(service);
        });
    }
    if holders.is_empty() {
        ui.weak("No activity names this asset yet; add it in an activity's \"Information assets holding the data\".");
    }
}
