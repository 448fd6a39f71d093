//! The Data flows page: the flow map of the whole register, a service or a party
//! (with a side panel listing the links of the box clicked), the ready questions
//! with their table and CSV export, and the party view with "Merge into…".
//!
//! The map is laid out once per scope and register change ([`FlowsPage::stale`]),
//! never per frame.

use crate::ui::dialog_keys::enter_confirms;
use ropa::flows::Scope;
use ropa::flows::graph::{EdgeKind, NodeKind};
use ropa::flows::party_view::PartyView;
use ropa::flows::questions::FlowRow;
use ropa::model::{Direction, PartyId, Register};
use ropa::store::PartyMerge;

use super::app::{Command, SnapshotPage};
use super::file_dialog::FilePurpose;
use super::flow_canvas::{self, FlowMap, Highlight, Hit, View};
use super::flow_questions::QuestionsPanel;

/// The tabs of the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tab {
    /// The drawn map.
    #[default]
    Map,
    /// Ready questions and filters, as a table.
    Questions,
    /// One party's flows and agreements.
    Party,
}

/// The Data flows page's state.
#[derive(Default)]
pub struct FlowsPage {
    /// The tab shown.
    pub tab: Tab,
    scope: Option<Scope>,
    map: Option<FlowMap>,
    view: View,
    highlight: Highlight,
    /// The questions tab.
    pub questions: QuestionsPanel,
    party: Option<PartyId>,
    party_view: Option<PartyView>,
    /// The party chosen to keep in "Merge into…".
    pub merge_keep: Option<PartyId>,
    confirm_merge: bool,
    /// The last merge, which "Undo merge" reverses.
    pub last_merge: Option<PartyMerge>,
}

impl FlowsPage {
    /// An empty page; `today` dates the "agreements ending" question.
    pub fn new(today: ropa::model::Date) -> Self {
        let mut page = Self::default();
        page.questions.today = today;
        page
    }

    /// Marks everything built from the register as out of date.
    pub fn stale(&mut self) {
        self.map = None;
        self.party_view = None;
        self.questions.stale();
    }

    /// Shows the map of `scope`, laid out on the next frame.
    pub fn set_scope(&mut self, scope: Scope) {
        self.scope = Some(scope);
        self.map = None;
        self.highlight = Highlight::default();
        self.view = View::default();
    }

    /// Selects the box standing for `party` on the map (the first, if it is on both
    /// sides), laying the map out first if needed.
    pub fn select_party_node(&mut self, register: &Register, party: PartyId) {
        let map = self.map_for(register);
        self.highlight = Highlight { node: map.graph.nodes_of_party(party).first().copied(), edge: None };
    }

    /// Shows `party` on the party tab.
    pub fn show_party(&mut self, party: PartyId) {
        self.party = Some(party);
        self.party_view = None;
        self.merge_keep = None;
        self.tab = Tab::Party;
    }

    /// Writes the map shown as a standalone SVG file.
    pub fn write_svg(&mut self, register: &Register, path: &std::path::Path) -> ropa::Result<()> {
        let svg = ropa::flows::svg::render_graph(register, &self.map_for(register).graph);
        ropa::fsio::write_bytes(path, svg.as_bytes(), "Writing the flow map")
    }

    /// The map of the current scope, built if out of date.
    fn map_for(&mut self, register: &Register) -> &FlowMap {
        let scope = self.scope.unwrap_or(Scope::Register);
        self.map.get_or_insert_with(|| FlowMap::build(register, scope))
    }
}

/// The map, the party view and the answer are worked out again when next shown.
impl SnapshotPage for FlowsPage {
    fn snapshot_changed(&mut self, _register: &Register) {
        self.stale();
    }
}

/// Draws the page.
pub fn ui(ui: &mut egui::Ui, page: &mut FlowsPage, register: &Register, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading("Data flows");
        ui.separator();
        for (tab, title) in [(Tab::Map, "Map"), (Tab::Questions, "Questions"), (Tab::Party, "Party view")] {
            ui.selectable_value(&mut page.tab, tab, title);
        }
        if let Some(merge) = &page.last_merge {
            ui.separator();
            if ui.button(format!("Undo merge of \"{}\"", merge.duplicate.fields.name)).clicked() {
                commands.push(Command::UndoMergeParties);
            }
        }
    });
    ui.separator();
    match page.tab {
        Tab::Map => map_tab_ui(ui, page, register, commands),
        Tab::Questions => super::flow_questions::ui(ui, &mut page.questions, register, commands),
        Tab::Party => party_tab_ui(ui, page, register, commands),
    }
    merge_prompt_ui(ui, page, register, commands);
}

fn map_tab_ui(ui: &mut egui::Ui, page: &mut FlowsPage, register: &Register, commands: &mut Vec<Command>) {
    // Wrapped, so that on a small screen the toolbar never widens the page past
    // the window (which pushed the side panel off it).
    ui.horizontal_wrapped(|ui| {
        scope_picker_ui(ui, page, register);
        ui.separator();
        if ui.button("Zoom in").clicked() {
            page.view.zoom_by(1.25, ui.available_size() / 2.0);
        }
        if ui.button("Zoom out").clicked() {
            page.view.zoom_by(0.8, ui.available_size() / 2.0);
        }
        if ui.button("Fit").clicked() {
            page.view.fit_pending = true;
        }
        if ui.button("Export SVG…").clicked() {
            commands.push(Command::ChooseFile(FilePurpose::FlowSvg));
        }
        ui.weak("Drag to pan, scroll to zoom, click a box or a line.");
    });
    page.map_for(register);
    let Some(map) = &page.map else { return };
    let flows = map.graph.flows().count();
    let missing = map.graph.flows().filter(|f| f.lacks_agreement()).count();
    ui.weak(format!(
        "{} · {flows} links · {missing} with an outside body and no agreement",
        map.graph.scope.describe(register)
    ));
    flow_canvas::legend_ui(ui);
    egui::Panel::right("flow-links").resizable(true).default_size(340.0).show(ui, |ui| {
        side_panel_ui(ui, page, register, commands);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(map) = &page.map else { return };
        match flow_canvas::canvas_ui(ui, map, &mut page.view, page.highlight) {
            Some(Hit::Node(node)) => page.highlight = Highlight { node: Some(node), edge: None },
            Some(Hit::Edge(edge)) => {
                page.highlight.edge = Some(edge);
                if let Some(activity) = edge_activity(map, edge) {
                    commands.push(Command::OpenActivity(activity));
                }
            }
            None => {}
        }
    });
}

fn edge_activity(map: &FlowMap, edge: usize) -> Option<ropa::model::ActivityId> {
    let edge = map.graph.edges.get(edge)?;
    match &edge.kind {
        EdgeKind::Flow(flow) => Some(flow.activity_id),
        EdgeKind::Owns => match map.graph.nodes.get(edge.to)?.kind {
            NodeKind::Activity(id) => Some(id),
            _ => None,
        },
    }
}

fn scope_picker_ui(ui: &mut egui::Ui, page: &mut FlowsPage, register: &Register) {
    let current = page.scope.unwrap_or(Scope::Register);
    let label = ui.label("Show");
    let mut chosen = current;
    egui::ComboBox::from_id_salt("flow-scope")
        .selected_text(current.describe(register))
        .width(320.0)
        .height(400.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, Scope::Register, "Whole register");
            ui.separator();
            for service in &register.services {
                let scope = Scope::Service(service.id);
                ui.selectable_value(&mut chosen, scope, format!("Service: {}", service.fields.name));
            }
            ui.separator();
            for party in &register.parties {
                let scope = Scope::Party(party.id);
                ui.selectable_value(&mut chosen, scope, format!("Party: {}", party.fields.name));
            }
        })
        .response
        .labelled_by(label.id);
    if chosen != current || page.scope.is_none() {
        page.set_scope(chosen);
    }
}

fn side_panel_ui(ui: &mut egui::Ui, page: &mut FlowsPage, register: &Register, commands: &mut Vec<Command>) {
    let Some(map) = &page.map else { return };
    let Some(node_index) = page.highlight.node else {
        ui.add_space(8.0);
        ui.label("Click a box to list its links here; click a line to open its activity.");
        return;
    };
    let Some(node) = map.graph.nodes.get(node_index) else { return };
    ui.heading(&node.label);
    ui.weak(&node.detail);
    let party = match node.kind {
        NodeKind::Party(id) | NodeKind::InternalParty(id) => Some(id),
        _ => None,
    };
    let mut show_party = None;
    let mut chosen_edge = None;
    if let Some(id) = party
        && ui.button("Party view").clicked()
    {
        show_party = Some(id);
    }
    ui.separator();
    // A party drawn on both sides lists the links of both boxes.
    let edges: Vec<usize> = match party {
        Some(id) => {
            let mut all: Vec<usize> =
                map.graph.nodes_of_party(id).into_iter().flat_map(|n| map.graph.edges_at(n)).collect();
            all.sort_unstable();
            all.dedup();
            all
        }
        None => map.graph.edges_at(node_index),
    };
    ui.label(format!(
        "{} links",
        edges.iter().filter(|&&e| matches!(map.graph.edges[e].kind, EdgeKind::Flow(_))).count()
    ));
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        for edge_index in edges {
            let EdgeKind::Flow(flow) = &map.graph.edges[edge_index].kind else { continue };
            let activity = register.activity(flow.activity_id).map_or("", |a| a.fields.name.as_str());
            let party = register.party_name(flow.party_id);
            let title = match flow.direction {
                Direction::Source => format!("From {party} to {activity}"),
                Direction::Recipient => format!("From {activity} to {party}"),
            };
            let agreement = match flow.agreement_id.and_then(|id| register.agreement(id)) {
                Some(agreement) => format!("Agreement: {}", agreement.fields.title),
                None if flow.needs_agreement => "No agreement recorded".to_string(),
                None => "No agreement needed".to_string(),
            };
            let colour = flow_canvas::flow_colour(flow);
            let selected = page.highlight.edge == Some(edge_index);
            let response = ui.add(
                egui::Button::selectable(selected, egui::RichText::new(&title).color(colour).strong())
                    .min_size(egui::vec2(ui.available_width(), 0.0)),
            );
            ui.label(egui::RichText::new(format!("{}\n{agreement}", flow.passes.describe())).small());
            if response.clicked() {
                chosen_edge = Some(edge_index);
                commands.push(Command::OpenActivity(flow.activity_id));
            }
            ui.add_space(4.0);
        }
    });
    if let Some(edge) = chosen_edge {
        page.highlight.edge = Some(edge);
    }
    if let Some(id) = show_party {
        page.show_party(id);
    }
}

fn party_tab_ui(ui: &mut egui::Ui, page: &mut FlowsPage, register: &Register, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label("Party");
        let mut chosen = page.party;
        egui::ComboBox::from_id_salt("party-view-party")
            .selected_text(chosen.map_or("Choose a party", |id| register.party_name(id)))
            .width(320.0)
            .height(400.0)
            .show_ui(ui, |ui| {
                for party in &register.parties {
                    ui.selectable_value(&mut chosen, Some(party.id), &party.fields.name);
                }
            })
            .response
            .labelled_by(label.id);
        if chosen != page.party
            && let Some(id) = chosen
        {
            page.show_party(id);
        }
    });
    let Some(party_id) = page.party else {
        ui.label("Choose a party to see everything it sends and receives, across services.");
        return;
    };
    if page.party_view.as_ref().is_none_or(|v| v.party.id != party_id) {
        page.party_view = PartyView::build(register, party_id).ok();
    }
    let Some(view) = &page.party_view else {
        ui.label("That party is no longer in the register.");
        return;
    };
    let view = view.clone();
    if ui.button("Show on the map").clicked() {
        page.select_party_node(register, party_id);
        page.tab = Tab::Map;
    }
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        party_view_ui(ui, &view, commands);
        ui.separator();
        merge_ui(ui, page, register, party_id);
    });
}

fn party_view_ui(ui: &mut egui::Ui, view: &PartyView, commands: &mut Vec<Command>) {
    ui.heading(&view.party.fields.name);
    ui.label(format!(
        "{} · deals with: {}",
        view.party.fields.kind.label(),
        if view.services.is_empty() { "no service yet".to_string() } else { view.services.join(", ") }
    ));
    if view.links_without_agreement > 0 {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{} links with no agreement recorded", view.links_without_agreement),
        );
    }
    rows_ui(ui, "What it sends us", "party-sends", &view.sends, commands);
    rows_ui(ui, "What it receives from us", "party-receives", &view.receives, commands);
    ui.add_space(8.0);
    ui.strong("Agreements");
    if view.agreements.is_empty() {
        ui.weak("None recorded.");
    }
    for agreement in &view.agreements {
        let end = agreement.end.map_or(String::new(), |d| format!(", ends {d}"));
        let names = if agreement.names_party { "names this party" } else { "does not name this party" };
        ui.label(format!(
            "{} ({}){end}: {names}, covers {} of its links",
            agreement.title,
            agreement.kind.label(),
            agreement.links_covered
        ));
    }
}

fn rows_ui(ui: &mut egui::Ui, title: &str, id: &str, rows: &[FlowRow], commands: &mut Vec<Command>) {
    ui.add_space(8.0);
    ui.strong(format!("{title} ({})", rows.len()));
    if rows.is_empty() {
        ui.weak("Nothing.");
        return;
    }
    egui::Grid::new(id).striped(true).num_columns(4).show(ui, |ui| {
        for heading in ["Service", "Activity", "Data passed", "Agreement"] {
            ui.strong(heading);
        }
        ui.end_row();
        for row in rows {
            ui.label(&row.service);
            if ui.link(&row.activity).clicked() {
                commands.push(Command::OpenActivity(row.activity_id));
            }
            let cells = row.cells();
            let passed = [cells[5].as_str(), cells[6].as_str()]
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            ui.label(passed);
            let agreement = if !row.agreement.is_empty() {
                row.agreement.clone()
            } else if row.needs_agreement {
                "None recorded".to_string()
            } else {
                "Not needed".to_string()
            };
            ui.label(agreement);
            ui.end_row();
        }
    });
}

fn merge_ui(ui: &mut egui::Ui, page: &mut FlowsPage, register: &Register, duplicate: PartyId) {
    ui.strong("Merge a duplicate");
    ui.label("If this party is a duplicate, merge it into the party to keep: its links and agreements move there and it is deleted. You can undo.");
    ui.horizontal(|ui| {
        let label = ui.label("Party to keep");
        egui::ComboBox::from_id_salt("merge-keep")
            .selected_text(page.merge_keep.map_or("Choose", |id| register.party_name(id)))
            .width(320.0)
            .height(400.0)
            .show_ui(ui, |ui| {
                for party in register.parties.iter().filter(|p| p.id != duplicate) {
                    ui.selectable_value(&mut page.merge_keep, Some(party.id), &party.fields.name);
                }
            })
            .response
            .labelled_by(label.id);
        if ui.add_enabled(page.merge_keep.is_some(), egui::Button::new("Merge into…")).clicked() {
            page.confirm_merge = true;
        }
    });
}

fn merge_prompt_ui(
    ui: &mut egui::Ui,
    page: &mut FlowsPage,
    register: &Register,
    commands: &mut Vec<Command>,
) {
    let (true, Some(duplicate), Some(kept)) = (page.confirm_merge, page.party, page.merge_keep) else {
        return;
    };
    let mut close = false;
    let id = egui::Id::unique("merge-prompt");
    let modal = egui::Modal::new(id).show(ui.ctx(), |ui| {
        let enter = enter_confirms(ui, id);
        ui.set_max_width(460.0);
        ui.heading("Merge these parties?");
        ui.label(format!(
            "\"{}\" will be merged into \"{}\": every link and agreement naming it will name \"{}\", and \"{}\" will be deleted.",
            register.party_name(duplicate),
            register.party_name(kept),
            register.party_name(kept),
            register.party_name(duplicate),
        ));
        ui.horizontal(|ui| {
            if ui.button("Merge").clicked() || enter {
                commands.push(Command::MergeParties { kept, duplicate });
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        page.confirm_merge = false;
    }
}
