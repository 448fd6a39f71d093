//! The Data flows page: the flow map of the whole register, a service or a party
//! (with a side panel listing the links of the box clicked), the ready questions
//! with their table and CSV export, and the party view with "Merge into…".
//!
//! The map is laid out once per scope and snapshot, never per frame: on a worker
//! thread when the register is large (the page says "Laying out the map…" until it
//! lands), kept per scope and dropped when the snapshot changes
//! ([`FlowsPage::stale`]); a layout of an older snapshot landing late is discarded.
//! The whole register is drawn as the overview (by service and kind of party)
//! above [`ropa::flows::FULL_MAP_MAX_LINKS`] links.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use crate::ui::dialog_keys::enter_confirms;
use ropa::flows::Scope;
use ropa::flows::graph::{EdgeKind, NodeKind};
use ropa::flows::overview::Expanded;
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

/// Registers with at most this many links have their maps laid out in the frame
/// (a few milliseconds); larger ones on a worker thread.
const INLINE_LINKS: usize = 1_000;
/// Laid-out maps kept at most (for one snapshot).
const CACHED_MAPS: usize = 12;

/// Which map: the scope, and for the overview the kinds of party expanded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MapKey {
    /// The scope.
    pub scope: Scope,
    /// The overview's kinds shown as their parties (empty for other scopes).
    pub expanded: Expanded,
}

/// A layout landing from a worker: the snapshot generation it was made for, its key, the map.
type Landed = (u64, MapKey, FlowMap);

/// The Data flows page's state.
pub struct FlowsPage {
    /// The tab shown.
    pub tab: Tab,
    scope: Option<Scope>,
    expanded: Expanded,
    /// The map shown: the last key asked for.
    current: Option<MapKey>,
    /// Maps laid out for this snapshot.
    maps: HashMap<MapKey, FlowMap>,
    /// Maps being laid out on workers for this snapshot.
    pending: HashSet<MapKey>,
    /// Bumped on every snapshot change, so that a late layout is told apart.
    generation: u64,
    sender: Sender<Landed>,
    receiver: Receiver<Landed>,
    /// Above this many links the layout goes to a worker (tests lower it).
    inline_links: usize,
    /// A party to select once the map showing it is laid out.
    select_when_ready: Option<PartyId>,
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

impl Default for FlowsPage {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            tab: Tab::default(),
            scope: None,
            expanded: Expanded::new(),
            current: None,
            maps: HashMap::new(),
            pending: HashSet::new(),
            generation: 0,
            sender,
            receiver,
            inline_links: INLINE_LINKS,
            select_when_ready: None,
            view: View::default(),
            highlight: Highlight::default(),
            questions: QuestionsPanel::default(),
            party: None,
            party_view: None,
            merge_keep: None,
            confirm_merge: false,
            last_merge: None,
        }
    }
}

impl FlowsPage {
    /// An empty page; `today` dates the "agreements ending" question.
    pub fn new(today: ropa::model::Date) -> Self {
        let mut page = Self::default();
        page.questions.today = today;
        page
    }

    /// Marks everything built from the register as out of date: the maps laid
    /// out are dropped and any still being laid out will be discarded.
    pub fn stale(&mut self) {
        self.generation += 1;
        self.maps.clear();
        self.pending.clear();
        self.party_view = None;
        self.questions.stale();
    }

    /// Shows the map of `scope`, laid out on the next frame (or taken from the cache).
    pub fn set_scope(&mut self, scope: Scope) {
        self.scope = Some(scope);
        self.highlight = Highlight::default();
        self.view = View::default();
    }

    /// Shows the overview's `kind` of party as its parties, or groups it again.
    pub fn toggle_kind(&mut self, kind: ropa::model::PartyKind) {
        if !self.expanded.remove(&kind) {
            self.expanded.insert(kind);
        }
        self.highlight = Highlight::default();
    }

    /// Whether the overview shows `kind` of party as its parties.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn is_expanded(&self, kind: ropa::model::PartyKind) -> bool {
        self.expanded.contains(&kind)
    }

    /// Whether the map of the current scope is laid out and can be drawn.
    pub fn is_ready(&self) -> bool {
        self.current.as_ref().is_some_and(|key| self.maps.contains_key(key))
    }

    /// Lays out on the page's thread any map from now on, whatever the
    /// register's size (`usize::MAX`), or on a worker always (`0`): for tests.
    #[cfg(test)]
    pub fn lay_out_inline_up_to(&mut self, links: usize) {
        self.inline_links = links;
    }

    /// Blocks until the map asked for last has landed (benchmarks and tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn wait_for_map(&mut self) {
        while !self.is_ready() && !self.pending.is_empty() {
            match self.receiver.recv_timeout(Duration::from_secs(60)) {
                Ok(landed) => self.land(landed),
                Err(_) => return,
            }
        }
    }

    /// Where the centre of the first box labelled `label` is drawn, from the
    /// canvas's top left (tests click it).
    #[cfg(test)]
    pub fn box_centre(&self, label: &str) -> Option<egui::Vec2> {
        let map = self.map()?;
        let node = map.graph.nodes.iter().position(|n| n.label == label)?;
        let rect = map.layout.nodes.get(node)?;
        let centre = egui::vec2((rect.x + rect.width / 2.0) as f32, (rect.y + rect.height / 2.0) as f32);
        Some(self.view.pan + centre * self.view.zoom)
    }

    /// The labels of the boxes on the map shown (tests).
    #[cfg(test)]
    pub fn box_labels(&self) -> Vec<String> {
        self.map().map(|map| map.graph.nodes.iter().map(|n| n.label.clone()).collect()).unwrap_or_default()
    }

    /// The scope of the map shown.
    pub fn shown_scope(&self) -> Option<Scope> {
        self.current.as_ref().map(|key| key.scope)
    }

    /// The key of the map `register` shows now.
    fn key(&self, register: &Register) -> MapKey {
        let scope = self.scope.unwrap_or_else(|| ropa::flows::whole_register(register));
        let expanded = if scope == Scope::Overview { self.expanded.clone() } else { Expanded::new() };
        MapKey { scope, expanded }
    }

    /// Keeps a layout that landed, unless it was made from an older snapshot.
    fn land(&mut self, (generation, key, map): Landed) {
        if generation != self.generation {
            return;
        }
        self.pending.remove(&key);
        if self.maps.len() >= CACHED_MAPS {
            let current = self.current.clone();
            self.maps.retain(|k, _| Some(k) == current.as_ref());
        }
        self.maps.insert(key, map);
    }

    /// Takes in the layouts that landed, and asks for the map of the current scope
    /// if it is neither laid out nor on its way: in this frame for a small
    /// register, else on a worker that wakes the window when done.
    fn request(&mut self, register: &Arc<Register>, ctx: &egui::Context) {
        while let Ok(landed) = self.receiver.try_recv() {
            self.land(landed);
        }
        let key = self.key(register);
        self.current = Some(key.clone());
        if self.maps.contains_key(&key) || self.pending.contains(&key) {
            return;
        }
        if register.links.len() <= self.inline_links {
            let map = FlowMap::build_expanded(register, key.scope, &key.expanded);
            self.maps.insert(key, map);
            return;
        }
        self.pending.insert(key.clone());
        let (register, sender, ctx, generation) =
            (Arc::clone(register), self.sender.clone(), ctx.clone(), self.generation);
        std::thread::spawn(move || {
            let map = FlowMap::build_expanded(&register, key.scope, &key.expanded);
            let _ignored_if_the_page_is_gone = sender.send((generation, key, map));
            ctx.request_repaint();
        });
    }

    /// The map shown, if laid out.
    fn map(&self) -> Option<&FlowMap> {
        self.current.as_ref().and_then(|key| self.maps.get(key))
    }

    /// Selects the box standing for `party` on the map (the first, if it is on both
    /// sides): on the map shown if it has one, else on the party's own map, once laid out.
    pub fn select_party_node(&mut self, register: &Register, party: PartyId) {
        let on_map = self.map().map(|map| map.graph.nodes_of_party(party));
        match on_map.and_then(|nodes| nodes.first().copied()) {
            Some(node) => self.highlight = Highlight { node: Some(node), edge: None },
            None => {
                let _ = register;
                self.set_scope(Scope::Party(party));
                self.select_when_ready = Some(party);
            }
        }
    }

    /// Shows `party` on the party tab.
    pub fn show_party(&mut self, party: PartyId) {
        self.party = Some(party);
        self.party_view = None;
        self.merge_keep = None;
        self.tab = Tab::Party;
    }

    /// Writes the map shown as a standalone SVG file (built now if not laid out yet).
    pub fn write_svg(&mut self, register: &Register, path: &std::path::Path) -> ropa::Result<()> {
        let key = self.key(register);
        let svg = match self.maps.get(&key) {
            Some(map) => ropa::flows::svg::render_graph(register, &map.graph),
            None => {
                let graph = match key.scope {
                    Scope::Overview => ropa::flows::overview::build(register, &key.expanded),
                    scope => ropa::flows::FlowGraph::build(register, scope),
                };
                ropa::flows::svg::render_graph(register, &graph)
            }
        };
        ropa::fsio::write_bytes(path, svg.as_bytes(), "Writing the flow map")
    }
}

/// The map, the party view and the answer are worked out again when next shown.
impl SnapshotPage for FlowsPage {
    fn snapshot_changed(&mut self, _register: &Register) {
        self.stale();
    }
}

/// Draws the page.
pub fn ui(ui: &mut egui::Ui, page: &mut FlowsPage, shared: &Arc<Register>, commands: &mut Vec<Command>) {
    let register: &Register = shared;
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
        Tab::Map => map_tab_ui(ui, page, shared, commands),
        Tab::Questions => super::flow_questions::ui(ui, &mut page.questions, register, commands),
        Tab::Party => party_tab_ui(ui, page, register, commands),
    }
    merge_prompt_ui(ui, page, register, commands);
}

fn map_tab_ui(ui: &mut egui::Ui, page: &mut FlowsPage, shared: &Arc<Register>, commands: &mut Vec<Command>) {
    let register: &Register = shared;
    // Wrapped, so that on a small screen the toolbar never widens the page past
    // the window (which pushed the side panel off it).
    ui.horizontal_wrapped(|ui| {
        scope_picker_ui(ui, page, register);
        if page.shown_scope().is_some_and(|s| s != Scope::Overview)
            && ui.button("Back to the overview").clicked()
        {
            page.set_scope(Scope::Overview);
        }
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
        // Kept whole: on a narrow window it moves below the buttons rather
        // than breaking after its first word.
        let hint = egui::Label::new(
            egui::RichText::new("Drag to pan, scroll to zoom, click a box or a line.").weak(),
        );
        ui.add(hint.wrap_mode(egui::TextWrapMode::Extend));
    });
    page.request(shared, ui.ctx());
    if !page.is_ready() {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| ui.label("Laying out the map…"));
        // The worker wakes the window when it lands; this is a safety net only.
        ui.ctx().request_repaint_after(Duration::from_millis(500));
        return;
    }
    if let Some(party) = page.select_when_ready.take() {
        let node = page.map().and_then(|map| map.graph.nodes_of_party(party).first().copied());
        page.highlight = Highlight { node, edge: None };
    }
    let Some(map) = page.map() else { return };
    let flows = ropa::flows::overview::thousands(map.graph.link_count());
    let missing = ropa::flows::overview::thousands(map.graph.lacking_agreement_count());
    let overview = map.graph.scope == Scope::Overview;
    ui.weak(format!(
        "{} · {flows} links · {missing} with an outside body and no agreement{}",
        map.graph.scope.describe(register),
        if overview { " · click a service for its map, a kind of party for its parties" } else { "" }
    ));
    flow_canvas::legend_ui(ui);
    egui::Panel::right("flow-links").resizable(true).default_size(340.0).show(ui, |ui| {
        side_panel_ui(ui, page, register, commands);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(key) = page.current.clone() else { return };
        let Some(map) = page.maps.get(&key) else { return };
        let hit = flow_canvas::canvas_ui(ui, map, &mut page.view, page.highlight);
        let node_kind = match hit {
            Some(Hit::Node(node)) => map.graph.nodes.get(node).map(|n| n.kind.clone()),
            _ => None,
        };
        let bundle_service =
            match hit.and_then(|h| if let Hit::Edge(e) = h { map.graph.edges.get(e) } else { None }) {
                Some(edge) => match &edge.kind {
                    EdgeKind::Bundle(bundle) => Some(bundle.service_id),
                    _ => None,
                },
                None => None,
            };
        let activity = match hit {
            Some(Hit::Edge(edge)) => edge_activity(map, edge),
            _ => None,
        };
        match (hit, node_kind) {
            (Some(Hit::Node(_)), Some(NodeKind::ServiceSummary { service_id, .. })) => {
                page.set_scope(Scope::Service(service_id));
            }
            (Some(Hit::Node(_)), Some(NodeKind::PartyGroup { kind, .. })) => page.toggle_kind(kind),
            (Some(Hit::Node(node)), _) => page.highlight = Highlight { node: Some(node), edge: None },
            (Some(Hit::Edge(edge)), _) => {
                page.highlight.edge = Some(edge);
                if let Some(service) = bundle_service {
                    page.set_scope(Scope::Service(service));
                } else if let Some(activity) = activity {
                    commands.push(Command::OpenActivity(activity));
                }
            }
            (None, _) => {}
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
        EdgeKind::Bundle(_) => None,
    }
}

fn scope_picker_ui(ui: &mut egui::Ui, page: &mut FlowsPage, register: &Register) {
    let current = page.scope.unwrap_or_else(|| ropa::flows::whole_register(register));
    let label = ui.label("Show");
    let mut chosen = current;
    egui::ComboBox::from_id_salt("flow-scope")
        .selected_text(current.describe(register))
        .width(320.0)
        .height(400.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, Scope::Overview, Scope::Overview.describe(register));
            let full_ok = register.links.len() <= ropa::flows::FULL_MAP_MAX_LINKS;
            ui.add_enabled_ui(full_ok, |ui| {
                ui.selectable_value(&mut chosen, Scope::Register, Scope::Register.describe(register))
                    .on_disabled_hover_text("Too many links to draw on one map: choose a service or a party");
            });
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
    if chosen != current {
        page.set_scope(chosen);
    }
}

fn side_panel_ui(ui: &mut egui::Ui, page: &mut FlowsPage, register: &Register, commands: &mut Vec<Command>) {
    let Some(key) = page.current.clone() else { return };
    let Some(map) = page.maps.get(&key) else { return };
    let Some(node_index) = page.highlight.node else {
        ui.add_space(8.0);
        if map.graph.scope == Scope::Overview {
            ui.label("Click a service to open its map, a kind of party to show its parties (click again to group them), a party to list its lines here.");
        } else {
            ui.label("Click a box to list its links here; click a line to open its activity.");
        }
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
    let mut open_scope = None;
    if let Some(id) = party {
        ui.horizontal(|ui| {
            if ui.button("Party view").clicked() {
                show_party = Some(id);
            }
            if map.graph.scope != Scope::Party(id) && ui.button("Map of this party").clicked() {
                open_scope = Some(Scope::Party(id));
            }
        });
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
    let links: usize = edges
        .iter()
        .map(|&e| match &map.graph.edges[e].kind {
            EdgeKind::Flow(_) => 1,
            EdgeKind::Bundle(bundle) => bundle.links,
            EdgeKind::Owns => 0,
        })
        .sum();
    ui.label(format!("{links} links"));
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        for edge_index in edges {
            if let EdgeKind::Bundle(bundle) = &map.graph.edges[edge_index].kind {
                let service = register.service_name(bundle.service_id);
                let way = if bundle.direction == Direction::Source { "To" } else { "From" };
                let colour = flow_canvas::hex_colour(ropa::flows::svg::bundle_colour(bundle));
                let text = egui::RichText::new(format!("{way} {service}")).color(colour).strong();
                if ui
                    .add(
                        egui::Button::selectable(false, text).min_size(egui::vec2(ui.available_width(), 0.0)),
                    )
                    .clicked()
                {
                    open_scope = Some(Scope::Service(bundle.service_id));
                }
                ui.label(egui::RichText::new(ropa::flows::svg::bundle_text(bundle)).small());
                ui.add_space(4.0);
                continue;
            }
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
    if let Some(scope) = open_scope {
        page.set_scope(scope);
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
