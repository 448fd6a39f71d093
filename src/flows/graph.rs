//! The flow graph: source parties on the left, services and their activities in
//! the middle, recipient parties on the right, and one edge per link.
//!
//! An internal-service party that stands for one of the register's services is
//! drawn as that service (in the middle), not as a party on either side; an
//! internal-service party with no service in the register that both sends and
//! receives also sits in the middle, once. Every other party that both sends and
//! receives appears on both sides, as a reader of a left-to-right map expects.

use std::collections::{BTreeMap, BTreeSet, HashSet};

/// What passes along a link: defined once, in the model.
pub use crate::model::Passes;
use crate::model::{
    Activity, ActivityId, AgreementId, Direction, Link, LinkId, Lookup, Party, PartyId, PartyKind, Register,
    ServiceId,
};

/// Which part of the register a map shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The whole register grouped: one box per service and per kind of party,
    /// with counts ([`super::overview`]).
    Overview,
    /// Every service and every link.
    Register,
    /// One service: its activities' links, and the links of other activities that
    /// send to or receive from a party standing for it.
    Service(ServiceId),
    /// One party: every link that names it.
    Party(PartyId),
}

impl Scope {
    /// The scope in words, for titles: "Whole register", "Service: Early Help".
    pub fn describe(self, register: &Register) -> String {
        match self {
            Self::Overview => "Whole register, by service and kind of party".to_string(),
            Self::Register => "Whole register, every link".to_string(),
            Self::Service(id) => format!("Service: {}", register.service_name(id)),
            Self::Party(id) => format!("Party: {}", register.party_name(id)),
        }
    }
}

/// The column a node is drawn in, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    /// Parties data comes from.
    Sources,
    /// The organisation's services (and internal services that both send and receive).
    Services,
    /// Processing activities.
    Activities,
    /// Parties data goes to.
    Recipients,
}

impl Column {
    /// Every column, left to right.
    pub const ALL: [Self; 4] = [Self::Sources, Self::Services, Self::Activities, Self::Recipients];

    /// Position from the left, starting at 0.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Heading drawn above the column.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Sources => "Sources",
            Self::Services => "Services",
            Self::Activities => "Activities",
            Self::Recipients => "Recipients",
        }
    }
}

/// What a node stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// A party on the sources or recipients side.
    Party(PartyId),
    /// A service of the register, with any internal-service parties that stand for it.
    Service {
        /// The service.
        service_id: ServiceId,
        /// Parties that stand for this service.
        parties: Vec<PartyId>,
    },
    /// An internal-service party with no service in the register that both sends
    /// and receives, drawn once in the services column.
    InternalParty(PartyId),
    /// A processing activity.
    Activity(ActivityId),
    /// A service on the overview, with its counts (a click opens its map).
    ServiceSummary {
        /// The service.
        service_id: ServiceId,
        /// Its activities.
        activities: usize,
        /// Links of its activities, both ways.
        links: usize,
    },
    /// One kind of party on the overview, on one side (a click shows its parties).
    PartyGroup {
        /// The kind.
        kind: PartyKind,
        /// Parties of this kind with a link on this side.
        parties: usize,
        /// Their links on this side.
        links: usize,
    },
}

impl NodeKind {
    /// Whether the box stands for a service (drawn in bold).
    pub fn is_service(&self) -> bool {
        matches!(self, Self::Service { .. } | Self::ServiceSummary { .. })
    }
}

/// A box on the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What it stands for (click target).
    pub kind: NodeKind,
    /// Its name.
    pub label: String,
    /// A second, smaller line: the party's kind and country, or "Service".
    pub detail: String,
    /// Where it is drawn.
    pub column: Column,
}

/// A data flow: one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowEdge {
    /// The link (click opens it).
    pub link_id: LinkId,
    /// The link's activity.
    pub activity_id: ActivityId,
    /// The party at the other end.
    pub party_id: PartyId,
    /// Source or recipient, seen from the activity.
    pub direction: Direction,
    /// What passes.
    pub passes: Passes,
    /// The agreement that covers it.
    pub agreement_id: Option<AgreementId>,
    /// Whether the party is outside the organisation, so the flow needs an agreement.
    pub needs_agreement: bool,
}

impl FlowEdge {
    /// Whether the flow goes to or from an outside body with no agreement recorded.
    pub fn lacks_agreement(&self) -> bool {
        self.needs_agreement && self.agreement_id.is_none()
    }
}

/// Links drawn as one line on the overview: between one service and one kind
/// of party (or one party of an expanded kind), one way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// The service.
    pub service_id: ServiceId,
    /// Source or recipient, seen from the service's activities.
    pub direction: Direction,
    /// Links it stands for.
    pub links: usize,
    /// Of them, links passing special category data.
    pub special: usize,
    /// Of them, links passing criminal offence data.
    pub criminal: usize,
    /// Of them, links with an outside body and no agreement recorded.
    pub lacking_agreement: usize,
}

/// What an edge stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EdgeKind {
    /// A service owns an activity.
    Owns,
    /// Data passes along a link.
    Flow(FlowEdge),
    /// Several links, counted (the overview).
    Bundle(Bundle),
}

/// A line on the map, from where the data comes from to where it goes (for
/// [`EdgeKind::Owns`], from the service to its activity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Index of the node data leaves.
    pub from: usize,
    /// Index of the node data reaches.
    pub to: usize,
    /// What it stands for.
    pub kind: EdgeKind,
}

/// A register's data flows as nodes and edges, ready to lay out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowGraph {
    /// The scope shown.
    pub scope: Scope,
    /// Boxes, by column then name.
    pub nodes: Vec<Node>,
    /// Lines.
    pub edges: Vec<Edge>,
}

/// Where a party's links land.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Service(ServiceId),
    Middle(PartyId),
    Side(PartyId, Column),
}

impl FlowGraph {
    /// Builds the flow graph of `scope` in `register`.
    /// The whole register's [`Scope::Overview`] has nothing expanded.
    pub fn build(register: &Register, scope: Scope) -> Self {
        if scope == Scope::Overview {
            return super::overview::build(register, &super::overview::Expanded::new());
        }
        let lookup = register.lookup();
        let links = links_in_scope(register, scope);
        let activities = activities_in_scope(register, scope, &links);
        let both_ways = internal_both_ways(&links, &lookup);
        let slots: Vec<Slot> = links.iter().map(|link| slot(link, &lookup, &both_ways)).collect();
        let mut builder = Builder::default();
        for activity in &activities {
            builder.service(register, activity.fields.service_id);
            builder.activity(activity);
        }
        for &slot in &slots {
            builder.slot(register, &lookup, slot);
        }
        let (nodes, index) = builder.finish();
        let mut edges: Vec<Edge> = activities.iter().filter_map(|a| owns_edge(a, &index)).collect();
        for (link, &slot) in links.iter().zip(&slots) {
            edges.extend(flow_edge(register, &lookup, link, slot, &index));
        }
        Self { scope, nodes, edges }
    }

    /// Indexes of the edges touching node `node`: what a click on a box lists.
    pub fn edges_at(&self, node: usize) -> Vec<usize> {
        (0..self.edges.len()).filter(|&i| self.edges[i].from == node || self.edges[i].to == node).collect()
    }

    /// The flow edges (links), without the service-owns-activity lines.
    pub fn flows(&self) -> impl Iterator<Item = &FlowEdge> {
        self.edges.iter().filter_map(|edge| match &edge.kind {
            EdgeKind::Flow(flow) => Some(flow),
            EdgeKind::Owns | EdgeKind::Bundle(_) => None,
        })
    }

    /// The layer a column is laid out in: its place from the left, less the empty
    /// columns between non-empty ones (the overview has no activities column).
    pub fn layer_of(&self, column: Column) -> usize {
        self.layers()[column.index()]
    }

    /// [`Self::layer_of`] every column, by column index.
    pub fn layers(&self) -> [usize; 4] {
        let mut used = [false; 4];
        for node in &self.nodes {
            used[node.column.index()] = true;
        }
        let first = used.iter().position(|&u| u).unwrap_or(0);
        let last = used.iter().rposition(|&u| u).unwrap_or(0);
        let mut layers = [0; 4];
        let mut dropped = 0;
        for (i, layer) in layers.iter_mut().enumerate() {
            *layer = i - dropped;
            if i > first && i < last && !used[i] {
                dropped += 1;
            }
        }
        layers
    }

    /// Links on the map: one per flow line, and every link a bundle counts.
    pub fn link_count(&self) -> usize {
        self.edges
            .iter()
            .map(|edge| match &edge.kind {
                EdgeKind::Flow(_) => 1,
                EdgeKind::Bundle(bundle) => bundle.links,
                EdgeKind::Owns => 0,
            })
            .sum()
    }

    /// Links on the map with an outside body and no agreement recorded.
    pub fn lacking_agreement_count(&self) -> usize {
        self.edges
            .iter()
            .map(|edge| match &edge.kind {
                EdgeKind::Flow(flow) => usize::from(flow.lacks_agreement()),
                EdgeKind::Bundle(bundle) => bundle.lacking_agreement,
                EdgeKind::Owns => 0,
            })
            .sum()
    }

    /// Indexes of the nodes standing for `party_id` (on either side, or as its service).
    pub fn nodes_of_party(&self, party_id: PartyId) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&i| match &self.nodes[i].kind {
                NodeKind::Party(id) | NodeKind::InternalParty(id) => *id == party_id,
                NodeKind::Service { parties, .. } => parties.contains(&party_id),
                NodeKind::Activity(_) | NodeKind::ServiceSummary { .. } | NodeKind::PartyGroup { .. } => {
                    false
                }
            })
            .collect()
    }
}

/// The activities a map shows: those with a link in scope, every activity of a
/// service map's service, and every activity of the whole register.
fn activities_in_scope<'a>(register: &'a Register, scope: Scope, links: &[&Link]) -> Vec<&'a Activity> {
    let linked: BTreeSet<ActivityId> = links.iter().map(|l| l.activity_id).collect();
    register
        .activities
        .iter()
        .filter(|a| match scope {
            Scope::Register | Scope::Overview => true,
            Scope::Service(service_id) => a.fields.service_id == service_id || linked.contains(&a.id),
            Scope::Party(_) => linked.contains(&a.id),
        })
        .collect()
}

/// The line from a service to one of its activities.
fn owns_edge(activity: &Activity, index: &BTreeMap<Key, usize>) -> Option<Edge> {
    let from = *index.get(&Key::Service(activity.fields.service_id))?;
    let to = *index.get(&Key::Activity(activity.id))?;
    Some(Edge { from, to, kind: EdgeKind::Owns })
}

/// The line for one link, from where the data comes from to where it goes.
fn flow_edge(
    register: &Register,
    lookup: &Lookup<'_>,
    link: &Link,
    slot: Slot,
    index: &BTreeMap<Key, usize>,
) -> Option<Edge> {
    let activity = register.activity(link.activity_id)?;
    let party_node = *index.get(&slot_key(slot))?;
    let activity_node = *index.get(&Key::Activity(link.activity_id))?;
    let flow = FlowEdge {
        link_id: link.id,
        activity_id: link.activity_id,
        party_id: link.fields.party_id,
        direction: link.fields.direction,
        passes: Passes::of(link, activity),
        agreement_id: link.fields.agreement_id,
        needs_agreement: lookup
            .parties
            .get(&link.fields.party_id)
            .is_some_and(|p| p.fields.kind.is_external()),
    };
    let (from, to) = match link.fields.direction {
        Direction::Source => (party_node, activity_node),
        Direction::Recipient => (activity_node, party_node),
    };
    Some(Edge { from, to, kind: EdgeKind::Flow(flow) })
}

fn links_in_scope(register: &Register, scope: Scope) -> Vec<&Link> {
    let service_of: BTreeMap<ActivityId, ServiceId> =
        register.activities.iter().map(|a| (a.id, a.fields.service_id)).collect();
    let stands_for: BTreeMap<PartyId, ServiceId> =
        register.parties.iter().filter_map(|p| p.fields.internal_service.map(|s| (p.id, s))).collect();
    register
        .links
        .iter()
        .filter(|link| match scope {
            Scope::Register | Scope::Overview => true,
            Scope::Party(party_id) => link.fields.party_id == party_id,
            Scope::Service(service_id) => {
                service_of.get(&link.activity_id) == Some(&service_id)
                    || stands_for.get(&link.fields.party_id) == Some(&service_id)
            }
        })
        .collect()
}

/// Internal-service parties standing for no register service that both send and receive.
fn internal_both_ways(links: &[&Link], lookup: &Lookup<'_>) -> HashSet<PartyId> {
    let mut directions: BTreeMap<PartyId, BTreeSet<Direction>> = BTreeMap::new();
    for link in links {
        directions.entry(link.fields.party_id).or_default().insert(link.fields.direction);
    }
    directions
        .into_iter()
        .filter(|(party_id, dirs)| {
            dirs.len() == 2
                && lookup.parties.get(party_id).is_some_and(|p| {
                    p.fields.kind == PartyKind::InternalService && standing_service(p, lookup).is_none()
                })
        })
        .map(|(party_id, _)| party_id)
        .collect()
}

fn standing_service(party: &Party, lookup: &Lookup<'_>) -> Option<ServiceId> {
    party.fields.internal_service.filter(|id| lookup.services.contains_key(id))
}

fn slot(link: &Link, lookup: &Lookup<'_>, both_ways: &HashSet<PartyId>) -> Slot {
    let party_id = link.fields.party_id;
    if let Some(service_id) = lookup.parties.get(&party_id).and_then(|p| standing_service(p, lookup)) {
        return Slot::Service(service_id);
    }
    if both_ways.contains(&party_id) {
        return Slot::Middle(party_id);
    }
    match link.fields.direction {
        Direction::Source => Slot::Side(party_id, Column::Sources),
        Direction::Recipient => Slot::Side(party_id, Column::Recipients),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key {
    Service(ServiceId),
    Activity(ActivityId),
    Party(PartyId, Column),
}

fn slot_key(slot: Slot) -> Key {
    match slot {
        Slot::Service(id) => Key::Service(id),
        Slot::Middle(id) => Key::Party(id, Column::Services),
        Slot::Side(id, column) => Key::Party(id, column),
    }
}

/// Collects nodes by key, then sorts them by column and name for a deterministic
/// initial order.
#[derive(Default)]
struct Builder {
    nodes: BTreeMap<Key, Node>,
}

impl Builder {
    fn service(&mut self, register: &Register, service_id: ServiceId) -> &mut Node {
        self.nodes.entry(Key::Service(service_id)).or_insert_with(|| Node {
            kind: NodeKind::Service { service_id, parties: Vec::new() },
            label: register.service_name(service_id).to_string(),
            detail: "Service".to_string(),
            column: Column::Services,
        })
    }

    fn activity(&mut self, activity: &Activity) {
        self.nodes.entry(Key::Activity(activity.id)).or_insert_with(|| Node {
            kind: NodeKind::Activity(activity.id),
            label: activity.fields.name.clone(),
            detail: String::new(),
            column: Column::Activities,
        });
    }

    fn slot(&mut self, register: &Register, lookup: &Lookup<'_>, slot: Slot) {
        match slot {
            Slot::Service(service_id) => {
                let node = self.service(register, service_id);
                let party_ids: Vec<PartyId> = lookup
                    .parties
                    .values()
                    .filter(|p| p.fields.internal_service == Some(service_id))
                    .map(|p| p.id)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                if let NodeKind::Service { parties, .. } = &mut node.kind {
                    *parties = party_ids;
                }
            }
            Slot::Middle(party_id) | Slot::Side(party_id, _) => {
                let column = match slot {
                    Slot::Side(_, column) => column,
                    _ => Column::Services,
                };
                let Some(party) = lookup.parties.get(&party_id) else { return };
                let kind = if column == Column::Services {
                    NodeKind::InternalParty(party_id)
                } else {
                    NodeKind::Party(party_id)
                };
                self.nodes.entry(Key::Party(party_id, column)).or_insert_with(|| Node {
                    kind,
                    label: party.fields.name.clone(),
                    detail: party_detail(party),
                    column,
                });
            }
        }
    }

    fn finish(self) -> (Vec<Node>, BTreeMap<Key, usize>) {
        let mut entries: Vec<(Key, Node)> = self.nodes.into_iter().collect();
        entries.sort_by(|(ka, a), (kb, b)| {
            (a.column, a.label.to_lowercase(), ka).cmp(&(b.column, b.label.to_lowercase(), kb))
        });
        let index = entries.iter().enumerate().map(|(i, (key, _))| (*key, i)).collect();
        (entries.into_iter().map(|(_, node)| node).collect(), index)
    }
}

/// The party's kind, and its country when outside the UK.
fn party_detail(party: &Party) -> String {
    if party.fields.is_outside_uk() {
        format!("{} · {}", party.fields.kind.label(), party.fields.country.trim())
    } else {
        party.fields.kind.label().to_string()
    }
}
