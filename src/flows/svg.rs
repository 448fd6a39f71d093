//! The flow map as a standalone SVG: a title with the organisation and scope,
//! column headings, boxes for parties, services and activities, one line per
//! link coloured by what passes (dashed where an outside body has no agreement),
//! and a legend. All text is escaped.

use std::fmt::Write as _;

use super::graph::{Bundle, Column, EdgeKind, FlowEdge, FlowGraph, NodeKind, Scope};
use super::layout::{self, LayoutInput, Point, Rect, Size, metrics, wrap};
use super::overview::plural;
use crate::model::{Direction, Register};

/// Space above the drawing for the title and the column headings.
const HEADER: f64 = 80.0;
/// Margin around the drawing.
const MARGIN: f64 = 24.0;
/// Height of the legend below the drawing.
const LEGEND: f64 = 120.0;
/// Width the legend needs.
const LEGEND_WIDTH: f64 = 760.0;

/// Line colour for a flow carrying no special category or criminal offence data.
pub const PLAIN: &str = "#5d6d7e";
/// Line colour for special category data.
pub const SPECIAL: &str = "#c0392b";
/// Line colour for criminal offence data.
pub const CRIMINAL: &str = "#7d3c98";
/// Line colour for both.
pub const BOTH: &str = "#b9770e";
/// Line colour for a service owning an activity.
pub const OWNS: &str = "#aab7b8";

/// Escapes text for SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The colour of a flow, by what passes.
pub fn colour(flow: &FlowEdge) -> &'static str {
    match (flow.passes.has_special(), flow.passes.criminal_offence_data) {
        (true, true) => BOTH,
        (true, false) => SPECIAL,
        (false, true) => CRIMINAL,
        (false, false) => PLAIN,
    }
}

/// The colour of a bundle of links, as of a flow carrying what any of them carries.
pub fn bundle_colour(bundle: &Bundle) -> &'static str {
    match (bundle.special > 0, bundle.criminal > 0) {
        (true, true) => BOTH,
        (true, false) => SPECIAL,
        (false, true) => CRIMINAL,
        (false, false) => PLAIN,
    }
}

/// The width of a bundle's line: wider for more links, within reason.
pub fn bundle_width(bundle: &Bundle) -> f64 {
    (1.0 + (bundle.links as f64).log2() * 0.6).clamp(1.0, 6.0)
}

/// What a bundle's hover title says: how many links, and how many of them
/// carry special category or criminal offence data or lack an agreement.
pub fn bundle_text(bundle: &Bundle) -> String {
    let mut parts = vec![plural(bundle.links, "link", "links")];
    if bundle.special > 0 {
        parts.push(format!("{} with special category data", bundle.special));
    }
    if bundle.criminal > 0 {
        parts.push(format!("{} with criminal offence data", bundle.criminal));
    }
    if bundle.lacking_agreement > 0 {
        parts.push(format!("{} with an outside body and no agreement", bundle.lacking_agreement));
    }
    parts.join("; ")
}

/// Renders the flow map of `scope` in `register` as SVG; the whole register
/// ([`Scope::Register`]) as [`super::whole_register`] says.
pub fn render_svg(register: &Register, scope: Scope) -> String {
    let scope = if scope == Scope::Register { super::whole_register(register) } else { scope };
    render_graph(register, &FlowGraph::build(register, scope))
}

/// The label lines of every node, wrapped.
fn label_lines(graph: &FlowGraph) -> Vec<Vec<String>> {
    graph.nodes.iter().map(|node| wrap(&node.label, metrics::WRAP_CHARS)).collect()
}

/// Lays out `graph` with box sizes from its labels.
pub fn layout_graph(graph: &FlowGraph) -> layout::Layout {
    let lines = label_lines(graph);
    let layers = graph.layers();
    let input = LayoutInput {
        layers: graph.nodes.iter().map(|n| layers[n.column.index()]).collect(),
        sizes: graph
            .nodes
            .iter()
            .zip(&lines)
            .map(|(n, l)| Size::for_label(l, &n.detail, n.kind.is_service()))
            .collect(),
        edges: graph.edges.iter().map(|e| (e.from, e.to)).collect(),
    };
    let gap = if graph.flows().count() <= LABELLED_FLOWS { LABELLED_LAYER_GAP } else { layout::LAYER_GAP };
    let mut laid = layout::layout_with_gap(&input, gap);
    if graph.scope == Scope::Overview {
        kinds_at_the_top(graph, &mut laid);
    }
    laid
}

/// On the overview the few kinds of party would sit level with the middle of a
/// long column of services, off screen on a big register: they are stacked from
/// the top instead (in the order the layout chose) and the lines drawn again.
/// Every line joins adjacent columns, so it is one straight-ended curve.
fn kinds_at_the_top(graph: &FlowGraph, laid: &mut layout::Layout) {
    for column in [Column::Sources, Column::Recipients] {
        let mut boxes: Vec<usize> =
            (0..graph.nodes.len()).filter(|&i| graph.nodes[i].column == column).collect();
        boxes.sort_by(|&a, &b| laid.nodes[a].y.total_cmp(&laid.nodes[b].y));
        let mut y = 0.0;
        for i in boxes {
            laid.nodes[i].y = y;
            y += laid.nodes[i].height + layout::NODE_GAP;
        }
    }
    for (edge, route) in graph.edges.iter().zip(laid.routes.iter_mut()) {
        let (a, b) = (laid.nodes[edge.from], laid.nodes[edge.to]);
        let (left, right) = if a.x <= b.x { (a, b) } else { (b, a) };
        *route = vec![
            Point { x: left.x + left.width, y: left.y + left.height / 2.0 },
            Point { x: right.x, y: right.y + right.height / 2.0 },
        ];
    }
    laid.height = laid.nodes.iter().map(|r| r.y + r.height).fold(0.0, f64::max);
}

/// Renders an already built graph as SVG.
pub fn render_graph(register: &Register, graph: &FlowGraph) -> String {
    let laid = layout_graph(graph);
    let lines = label_lines(graph);
    let width = (laid.width + 2.0 * MARGIN).max(LEGEND_WIDTH + 2.0 * MARGIN);
    let labels = edge_labels(graph, &laid);
    let content_height = labels.iter().map(|l| l.rect.y + l.rect.height).fold(laid.height, f64::max);
    let height = content_height + HEADER + LEGEND + 2.0 * MARGIN;
    let (dx, dy) = (MARGIN, MARGIN + HEADER);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="12">
"#
    );
    let organisation = register.organisation.controller.name.trim();
    let organisation = if organisation.is_empty() { "The register" } else { organisation };
    let scope = graph.scope.describe(register);
    let _ = writeln!(svg, "<title>{}</title>", escape(&format!("Data flows: {organisation} — {scope}")));
    let _ = writeln!(svg, r##"<rect x="0" y="0" width="{width:.0}" height="{height:.0}" fill="#ffffff"/>"##);
    markers(&mut svg);
    header(&mut svg, organisation, &scope, graph, MARGIN);
    headings(&mut svg, graph, &laid, dx, dy);
    for (edge, route) in graph.edges.iter().zip(&laid.routes) {
        edge_svg(
            &mut svg,
            register,
            &edge.kind,
            route,
            dx,
            dy,
            graph.nodes[edge.from].column > graph.nodes[edge.to].column,
        );
    }
    for ((node, rect), lines) in graph.nodes.iter().zip(&laid.nodes).zip(&lines) {
        node_svg(&mut svg, node, rect, lines, dx, dy);
    }
    for label in &labels {
        label_svg(&mut svg, label, dx, dy);
    }
    legend(&mut svg, MARGIN, dy + content_height + 24.0);
    svg.push_str("</svg>\n");
    svg
}

/// Maps with at most this many links get a text label on each line saying what
/// passes; larger maps rely on colour and the hover title.
pub const LABELLED_FLOWS: usize = 20;
/// Gap between layers on a labelled map, wide enough for a label line.
const LABELLED_LAYER_GAP: f64 = 210.0;
/// Characters per edge-label line.
const LABEL_WRAP: usize = 26;
/// Advance of one edge-label character (10 px text).
const LABEL_CHAR_WIDTH: f64 = 6.0;
/// Height of one edge-label line.
const LABEL_LINE_HEIGHT: f64 = 12.0;

/// A text label on a line of the map, in layout coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeLabel {
    /// The box the label's background fills.
    pub rect: Rect,
    /// Its lines.
    pub lines: Vec<String>,
    /// Its colour (the line's).
    pub colour: &'static str,
}

/// What an edge label says: the special categories and criminal offence data
/// that pass, or nothing when neither does.
fn label_text(flow: &FlowEdge) -> String {
    use crate::law::LegalItem as _;
    let mut parts: Vec<String> =
        flow.passes.special_categories.iter().map(|c| c.title().to_string()).collect();
    if flow.passes.criminal_offence_data {
        parts.push("Criminal offence data".to_string());
    }
    parts.join(", ")
}

/// Labels for the lines of a small map, each centred on the stretch of line next
/// to its party, and left out where it would overlap a box or another label (the
/// hover title still says it all).
pub fn edge_labels(graph: &FlowGraph, laid: &layout::Layout) -> Vec<EdgeLabel> {
    if graph.scope == Scope::Overview {
        return count_labels(graph, laid);
    }
    if graph.flows().count() > LABELLED_FLOWS {
        return Vec::new();
    }
    let mut placed: Vec<EdgeLabel> = Vec::new();
    for (edge, route) in graph.edges.iter().zip(&laid.routes) {
        let EdgeKind::Flow(flow) = &edge.kind else { continue };
        let text = label_text(flow);
        if text.is_empty() || route.len() < 2 {
            continue;
        }
        // The stretch next to the party: the first when the party is left of the activity.
        let party_node = if flow.direction == Direction::Source { edge.from } else { edge.to };
        let activity_node = if flow.direction == Direction::Source { edge.to } else { edge.from };
        let party_left = graph.nodes[party_node].column < graph.nodes[activity_node].column;
        let (a, b) =
            if party_left { (route[0], route[1]) } else { (route[route.len() - 2], route[route.len() - 1]) };
        let lines = wrap(&text, LABEL_WRAP);
        let width =
            lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * LABEL_CHAR_WIDTH + 6.0;
        let height = lines.len() as f64 * LABEL_LINE_HEIGHT + 4.0;
        let centre = Point { x: (a.x + b.x) / 2.0, y: (a.y + b.y) / 2.0 };
        // Kept inside the drawing, clear of the column headings and the legend.
        let y = (centre.y - height / 2.0).min(laid.height - height).max(0.0);
        let rect = Rect { x: centre.x - width / 2.0, y, width, height };
        if rect.y + rect.height > laid.height.max(height) {
            continue;
        }
        let clashes =
            laid.nodes.iter().any(|n| n.overlaps(&rect)) || placed.iter().any(|l| l.rect.overlaps(&rect));
        if !clashes {
            placed.push(EdgeLabel { rect, lines, colour: colour(flow) });
        }
    }
    placed
}

/// The overview's counts: each bundle's number of links at the middle of its
/// line, left out where it would overlap a box or another count (its hover
/// title still says it). Placed once per layout, by sweeping labels sorted by x.
fn count_labels(graph: &FlowGraph, laid: &layout::Layout) -> Vec<EdgeLabel> {
    let mut candidates: Vec<EdgeLabel> = Vec::new();
    for (edge, route) in graph.edges.iter().zip(&laid.routes) {
        let EdgeKind::Bundle(bundle) = &edge.kind else { continue };
        if route.len() < 2 {
            continue;
        }
        let (a, b) = (route[route.len() / 2 - 1], route[route.len() / 2]);
        let text = super::overview::thousands(bundle.links);
        let width = text.chars().count() as f64 * LABEL_CHAR_WIDTH + 6.0;
        let height = LABEL_LINE_HEIGHT + 2.0;
        let rect = Rect { x: (a.x + b.x - width) / 2.0, y: (a.y + b.y - height) / 2.0, width, height };
        candidates.push(EdgeLabel { rect, lines: vec![text], colour: bundle_colour(bundle) });
    }
    // Labels mostly share a few x positions (the middles between columns): bucket
    // them by column gap and check only neighbours by y.
    candidates.sort_by(|p, q| {
        (p.rect.x.round(), p.rect.y)
            .partial_cmp(&(q.rect.x.round(), q.rect.y))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut placed: Vec<EdgeLabel> = Vec::new();
    for label in candidates {
        let near = placed.iter().rev().take(64);
        let clashes = near.into_iter().any(|l| l.rect.overlaps(&label.rect))
            || laid.nodes.iter().any(|n| n.overlaps(&label.rect));
        if !clashes {
            placed.push(label);
        }
    }
    placed
}

fn label_svg(svg: &mut String, label: &EdgeLabel, dx: f64, dy: f64) {
    let (x, y) = (label.rect.x + dx, label.rect.y + dy);
    let _ = writeln!(
        svg,
        r##"<g class="edge-label"><rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" rx="3" fill="#ffffff" fill-opacity="0.92" stroke="{}" stroke-width="0.6"/>"##,
        label.rect.width, label.rect.height, label.colour
    );
    for (i, line) in label.lines.iter().enumerate() {
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="{}">{}</text>"#,
            x + label.rect.width / 2.0,
            y + 2.0 + LABEL_LINE_HEIGHT * (i as f64 + 1.0) - 2.5,
            label.colour,
            escape(line)
        );
    }
    svg.push_str("</g>\n");
}

fn markers(svg: &mut String) {
    svg.push_str("<defs>\n");
    for (name, colour) in [("plain", PLAIN), ("special", SPECIAL), ("criminal", CRIMINAL), ("both", BOTH)] {
        let _ = writeln!(
            svg,
            r#"<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>"#
        );
    }
    svg.push_str("</defs>\n");
}

fn header(svg: &mut String, organisation: &str, scope: &str, graph: &FlowGraph, x: f64) {
    let flows = graph.flows().count();
    let missing = graph.flows().filter(|f| f.lacks_agreement()).count();
    let _ = writeln!(
        svg,
        r##"<text x="{x}" y="{}" font-size="20" font-weight="bold" fill="#1b2631">{}</text>"##,
        MARGIN + 8.0,
        escape(&format!("Data flows — {organisation}"))
    );
    let _ = writeln!(
        svg,
        r##"<text x="{x}" y="{}" font-size="13" fill="#34495e">{}</text>"##,
        MARGIN + 30.0,
        escape(&format!("{scope} · {flows} links · {missing} with an outside body and no agreement"))
    );
}

fn headings(svg: &mut String, graph: &FlowGraph, laid: &layout::Layout, dx: f64, dy: f64) {
    for column in Column::ALL {
        if !graph.nodes.iter().any(|n| n.column == column) {
            continue;
        }
        let Some(&(left, width)) = laid.layer_spans.get(graph.layer_of(column)) else { continue };
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="14" font-weight="bold" fill="#566573">{}</text>"##,
            dx + left + width / 2.0,
            dy - 14.0,
            column.heading()
        );
    }
}

fn path_data(route: &[Point], dx: f64, dy: f64) -> String {
    let mut d = String::new();
    for (i, p) in route.iter().enumerate() {
        let (x, y) = (p.x + dx, p.y + dy);
        if i == 0 {
            let _ = write!(d, "M{x:.1},{y:.1}");
            continue;
        }
        let prev = route[i - 1];
        let (px, py) = (prev.x + dx, prev.y + dy);
        if (py - y).abs() < 0.01 {
            let _ = write!(d, " L{x:.1},{y:.1}");
        } else {
            let bend = (x - px) / 2.0;
            let _ = write!(d, " C{:.1},{py:.1} {:.1},{y:.1} {x:.1},{y:.1}", px + bend, x - bend);
        }
    }
    d
}

fn edge_svg(
    svg: &mut String,
    register: &Register,
    kind: &EdgeKind,
    route: &[Point],
    dx: f64,
    dy: f64,
    backwards: bool,
) {
    if route.len() < 2 {
        return;
    }
    let d = path_data(route, dx, dy);
    let flow = match kind {
        EdgeKind::Owns => {
            let _ = writeln!(svg, r#"<path d="{d}" fill="none" stroke="{OWNS}" stroke-width="1.5"/>"#);
            return;
        }
        EdgeKind::Flow(flow) => flow,
        EdgeKind::Bundle(bundle) => {
            bundle_svg(svg, register, bundle, &d, backwards);
            return;
        }
    };
    let colour = colour(flow);
    let marker = match colour {
        SPECIAL => "special",
        CRIMINAL => "criminal",
        BOTH => "both",
        _ => "plain",
    };
    let dash = if flow.lacks_agreement() { r#" stroke-dasharray="6,4""# } else { "" };
    let end = if backwards { "marker-start" } else { "marker-end" };
    let width = if colour == PLAIN { 1.4 } else { 2.0 };
    let party = register.party_name(flow.party_id);
    let activity = register.activity(flow.activity_id).map_or("", |a| a.fields.name.as_str());
    let arrow = match flow.direction {
        Direction::Source => format!("{party} → {activity}"),
        Direction::Recipient => format!("{activity} → {party}"),
    };
    let agreement = match flow.agreement_id.and_then(|id| register.agreement(id)) {
        Some(agreement) => format!("agreement: {}", agreement.fields.title),
        None if flow.needs_agreement => "no agreement recorded".to_string(),
        None => "no agreement needed (internal or the individuals)".to_string(),
    };
    let _ = writeln!(
        svg,
        r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-opacity="0.85"{dash} {end}="url(#arrow-{marker})" data-link-id="{}" data-activity-id="{}"><title>{}</title></path>"#,
        flow.link_id,
        flow.activity_id,
        escape(&format!("{arrow}: {}; {agreement}", flow.passes.describe()))
    );
}

fn bundle_svg(svg: &mut String, register: &Register, bundle: &Bundle, d: &str, backwards: bool) {
    let colour = bundle_colour(bundle);
    let marker = match colour {
        SPECIAL => "special",
        CRIMINAL => "criminal",
        BOTH => "both",
        _ => "plain",
    };
    let dash = if bundle.lacking_agreement > 0 { r#" stroke-dasharray="6,4""# } else { "" };
    let end = if backwards { "marker-start" } else { "marker-end" };
    let service = register.service_name(bundle.service_id);
    let way = match bundle.direction {
        Direction::Source => "into",
        Direction::Recipient => "out of",
    };
    let _ = writeln!(
        svg,
        r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="{:.1}" stroke-opacity="0.6"{dash} {end}="url(#arrow-{marker})" data-links="{}" data-service-id="{}"><title>{}</title></path>"#,
        bundle_width(bundle),
        bundle.links,
        bundle.service_id,
        escape(&format!("{} {way} {service}", bundle_text(bundle)))
    );
}

/// The fill and outline colours of a node's box, by what it stands for.
pub fn node_colours(node: &super::graph::Node) -> (&'static str, &'static str) {
    match (&node.kind, node.column) {
        (NodeKind::Service { .. } | NodeKind::ServiceSummary { .. }, _) => ("#fdebd0", "#ca6f1e"),
        (NodeKind::InternalParty(_), _) => ("#f4ecf7", "#7d3c98"),
        (NodeKind::Activity(_), _) => ("#fef9e7", "#b7950b"),
        (_, Column::Sources) => ("#eaf2fb", "#2e86c1"),
        _ => ("#e9f7ef", "#229954"),
    }
}

/// The legend's entries: colour, whether dashed, and what it means.
pub const LEGEND_ENTRIES: [(&str, bool, &str); 6] = [
    (PLAIN, false, "No special category or criminal offence data"),
    (SPECIAL, false, "Special category data (Art 9)"),
    (CRIMINAL, false, "Criminal offence data (Art 10)"),
    (BOTH, false, "Special category and criminal offence data"),
    (PLAIN, true, "Dashed: outside body, no agreement recorded"),
    (OWNS, false, "Grey: the service's own activity"),
];

fn node_svg(svg: &mut String, node: &super::graph::Node, rect: &Rect, lines: &[String], dx: f64, dy: f64) {
    let (fill, stroke) = node_colours(node);
    let (x, y) = (rect.x + dx, rect.y + dy);
    let attr = match &node.kind {
        NodeKind::Party(id) | NodeKind::InternalParty(id) => format!(r#" data-party-id="{id}""#),
        NodeKind::Service { service_id, .. } => format!(r#" data-service-id="{service_id}""#),
        NodeKind::Activity(id) => format!(r#" data-activity-id="{id}""#),
        NodeKind::ServiceSummary { service_id, activities, links } => {
            format!(r#" data-service-id="{service_id}" data-activities="{activities}" data-links="{links}""#)
        }
        NodeKind::PartyGroup { kind, parties, links } => {
            format!(r#" data-party-kind="{}" data-parties="{parties}" data-links="{links}""#, kind.code())
        }
    };
    let _ = writeln!(
        svg,
        r#"<g{attr}><rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" rx="5" fill="{fill}" stroke="{stroke}" stroke-width="1.2"/>"#,
        rect.width, rect.height
    );
    let weight = if node.kind.is_service() { r#" font-weight="bold""# } else { "" };
    let tx = x + metrics::PADDING;
    let mut baseline = y + metrics::PADDING + 11.0;
    for line in lines {
        let _ = writeln!(
            svg,
            r##"<text x="{tx:.1}" y="{baseline:.1}" fill="#17202a"{weight}>{}</text>"##,
            escape(line)
        );
        baseline += metrics::LINE_HEIGHT;
    }
    if !node.detail.is_empty() {
        let _ = writeln!(
            svg,
            r##"<text x="{tx:.1}" y="{:.1}" font-size="10" fill="#626567">{}</text>"##,
            baseline - 2.0,
            escape(&node.detail)
        );
    }
    svg.push_str("</g>\n");
}

fn legend(svg: &mut String, x: f64, y: f64) {
    let _ = writeln!(
        svg,
        r##"<rect x="{x:.1}" y="{y:.1}" width="{LEGEND_WIDTH}" height="{:.1}" fill="#fbfcfc" stroke="#d5d8dc"/>"##,
        LEGEND - 8.0
    );
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-weight="bold" fill="#1b2631">Legend</text>"##,
        x + 12.0,
        y + 20.0
    );
    for (i, (colour, dashed, text)) in LEGEND_ENTRIES.iter().enumerate() {
        let dash = if *dashed { "6,4" } else { "" };
        let (col, row) = (i / 3, i % 3);
        let lx = x + 12.0 + col as f64 * 370.0;
        let ly = y + 40.0 + row as f64 * 18.0;
        let dash = if dash.is_empty() { String::new() } else { format!(r#" stroke-dasharray="{dash}""#) };
        let _ = writeln!(
            svg,
            r#"<line x1="{lx:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="2.5"{dash}/>"#,
            ly - 4.0,
            lx + 36.0,
            ly - 4.0
        );
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{ly:.1}" fill="#17202a">{}</text>"##,
            lx + 44.0,
            escape(text)
        );
    }
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#626567">Arrows show which way data moves. Unless a link narrows what passes, the activity's special category and criminal offence data are shown.</text>"##,
        x + 12.0,
        y + 40.0 + 3.0 * 18.0
    );
}
