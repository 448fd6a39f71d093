//! The whole register at a glance: one box per service and one box per kind of
//! party on each side (sources on the left, recipients on the right), with
//! counts on the boxes (activities, parties, links) and one line per service and
//! kind carrying the number of links it stands for. Every link is counted once.
//!
//! A kind of party can be expanded into its parties (what a click on its box
//! does); the full map of one service or one party is [`FlowGraph::build`].

use std::collections::{BTreeMap, BTreeSet};

use super::graph::{Bundle, Column, Edge, EdgeKind, FlowGraph, Node, NodeKind, Scope};
use crate::model::{Direction, PartyId, PartyKind, Passes, Register, ServiceId};

/// The kinds of party shown as their parties rather than as one box.
pub type Expanded = BTreeSet<PartyKind>;

/// One end of a line on the overview, on the parties' side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum End {
    Kind(PartyKind),
    Party(PartyKind, PartyId),
}

/// Builds the overview of `register` with the kinds in `expanded` shown as their parties.
pub fn build(register: &Register, expanded: &Expanded) -> FlowGraph {
    let lookup = register.lookup();
    let mut activities: BTreeMap<ServiceId, usize> = BTreeMap::new();
    for activity in &register.activities {
        *activities.entry(activity.fields.service_id).or_default() += 1;
    }
    // (side, party end, service) -> bundle; parties seen per kind box.
    let mut bundles: BTreeMap<(Column, End, ServiceId), Bundle> = BTreeMap::new();
    let mut parties: BTreeMap<(Column, PartyKind), BTreeSet<PartyId>> = BTreeMap::new();
    for link in &register.links {
        let (Some(activity), Some(party)) =
            (lookup.activities.get(&link.activity_id), lookup.parties.get(&link.fields.party_id))
        else {
            continue;
        };
        let kind = party.fields.kind;
        let side = side_of(link.fields.direction);
        let end = if expanded.contains(&kind) { End::Party(kind, party.id) } else { End::Kind(kind) };
        parties.entry((side, kind)).or_default().insert(party.id);
        let service_id = activity.fields.service_id;
        let bundle = bundles.entry((side, end, service_id)).or_insert_with(|| Bundle {
            service_id,
            direction: link.fields.direction,
            links: 0,
            special: 0,
            criminal: 0,
            lacking_agreement: 0,
        });
        let passes = Passes::of(link, activity);
        bundle.links += 1;
        bundle.special += usize::from(passes.has_special());
        bundle.criminal += usize::from(passes.criminal_offence_data);
        bundle.lacking_agreement += usize::from(kind.is_external() && link.fields.agreement_id.is_none());
    }
    let mut nodes = Vec::new();
    let mut index: BTreeMap<(Column, End), usize> = BTreeMap::new();
    let mut services: BTreeMap<ServiceId, usize> = BTreeMap::new();
    let mut end_links: BTreeMap<(Column, End), usize> = BTreeMap::new();
    for ((column, end, _), bundle) in &bundles {
        *end_links.entry((*column, *end)).or_default() += bundle.links;
    }
    for column in [Column::Sources, Column::Services, Column::Recipients] {
        if column == Column::Services {
            add_services(register, &activities, &bundles, &mut nodes, &mut services);
            continue;
        }
        for end in ends(&end_links, column) {
            index.insert((column, end), nodes.len());
            let links = end_links.get(&(column, end)).copied().unwrap_or(0);
            nodes.push(end_node(register, column, end, &parties, links));
        }
    }
    let edges = bundles
        .into_iter()
        .filter_map(|((column, end, service_id), bundle)| {
            let party = *index.get(&(column, end))?;
            let service = *services.get(&service_id)?;
            let (from, to) = if column == Column::Sources { (party, service) } else { (service, party) };
            Some(Edge { from, to, kind: EdgeKind::Bundle(bundle) })
        })
        .collect();
    FlowGraph { scope: Scope::Overview, nodes, edges }
}

fn side_of(direction: Direction) -> Column {
    match direction {
        Direction::Source => Column::Sources,
        Direction::Recipient => Column::Recipients,
    }
}

/// The party ends on one side: kinds in their display order, a kind's parties by name.
fn ends(end_links: &BTreeMap<(Column, End), usize>, column: Column) -> Vec<End> {
    end_links.keys().filter(|(c, _)| *c == column).map(|(_, e)| *e).collect()
}

fn add_services(
    register: &Register,
    activities: &BTreeMap<ServiceId, usize>,
    bundles: &BTreeMap<(Column, End, ServiceId), Bundle>,
    nodes: &mut Vec<Node>,
    index: &mut BTreeMap<ServiceId, usize>,
) {
    let mut links: BTreeMap<ServiceId, usize> = BTreeMap::new();
    for ((_, _, service_id), bundle) in bundles {
        *links.entry(*service_id).or_default() += bundle.links;
    }
    let mut services: Vec<_> = register.services.iter().collect();
    services.sort_by_key(|s| (s.fields.name.to_lowercase(), s.id));
    for service in services {
        let count = activities.get(&service.id).copied().unwrap_or(0);
        let service_links = links.get(&service.id).copied().unwrap_or(0);
        index.insert(service.id, nodes.len());
        nodes.push(Node {
            kind: NodeKind::ServiceSummary {
                service_id: service.id,
                activities: count,
                links: service_links,
            },
            label: service.fields.name.clone(),
            detail: format!(
                "{} · {}",
                plural(count, "activity", "activities"),
                plural(service_links, "link", "links")
            ),
            column: Column::Services,
        });
    }
}

fn end_node(
    register: &Register,
    column: Column,
    end: End,
    parties: &BTreeMap<(Column, PartyKind), BTreeSet<PartyId>>,
    links: usize,
) -> Node {
    match end {
        End::Kind(kind) => {
            let count = parties.get(&(column, kind)).map_or(0, BTreeSet::len);
            Node {
                kind: NodeKind::PartyGroup { kind, parties: count, links },
                label: kind.label().to_string(),
                detail: format!("{} · {}", plural(count, "party", "parties"), plural(links, "link", "links")),
                column,
            }
        }
        End::Party(kind, party_id) => Node {
            kind: NodeKind::Party(party_id),
            label: register.party_name(party_id).to_string(),
            detail: format!("{} · {}", kind.label(), plural(links, "link", "links")),
            column,
        },
    }
}

/// "1 link", "2,400 links".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    let word = if count == 1 { one } else { many };
    format!("{} {word}", thousands(count))
}

/// A count with thousands separated by commas.
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
