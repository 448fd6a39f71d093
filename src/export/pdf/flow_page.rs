//! The report's flow-map page: the whole register's data flows drawn as on the
//! SVG map (same layout, box colours, line colours, dashes where an outside body
//! has no agreement, and a legend), scaled to fit an A4 landscape page. A register
//! too big to read on one page gets one page per service instead.

use crate::flows::graph::{Column, EdgeKind, FlowGraph, NodeKind, Scope};
use crate::flows::layout::{Layout, Point, metrics, wrap};
use crate::flows::svg::{self, LEGEND_ENTRIES, OWNS};
use crate::model::Register;
use crate::typeset::fonts::{Fonts, Style};
use crate::typeset::{Flow, Geometry, Item, Rgb};

/// Below this scale (map units to points) the whole map is split per service.
pub const MIN_SCALE: f32 = 0.42;
/// The page title's first words.
pub const TITLE: &str = "Data flows";

/// Height kept above the map for the title, the summary line and column headings.
const HEAD: f32 = 52.0;
/// Height kept below the map for the legend.
const LEGEND: f32 = 44.0;
/// Points sampled along each curved stretch of a line.
const SAMPLES: usize = 10;

/// Lays out the flow-map page(s) of `register`.
pub fn pages(flow: &mut Flow<'_>, fonts: &Fonts, register: &Register) {
    let geometry = flow.geometry();
    let whole = FlowGraph::build(register, Scope::Register);
    if whole.nodes.is_empty() {
        return;
    }
    if !too_tall(&whole, geometry) {
        let laid = svg::layout_graph(&whole);
        if scale_for(&laid, geometry) >= MIN_SCALE {
            page(flow, fonts, register, &whole, &laid);
            return;
        }
    }
    let mut left_out = Vec::new();
    for service in &register.services {
        let graph = FlowGraph::build(register, Scope::Service(service.id));
        if graph.flows().count() == 0 {
            continue;
        }
        if too_tall(&graph, geometry) {
            left_out.push(service.fields.name.as_str());
            continue;
        }
        let laid = svg::layout_graph(&graph);
        page(flow, fonts, register, &graph, &laid);
    }
    if !left_out.is_empty() {
        let note = format!(
            "The flow maps of {} services are too large to read on one page and are not printed here: \
             draw them as SVG with `ropa flows --service NAME`. ({})",
            left_out.len(),
            left_out.join("; ")
        );
        flow.space(6.0);
        flow.paragraph(&note, Style::regular(7.5), 2);
    }
}

/// Whether some column holds more boxes than fit the page at [`MIN_SCALE`] even at
/// their smallest, so the (slow, for a big register) layout need not be tried.
fn too_tall(graph: &FlowGraph, geometry: Geometry) -> bool {
    let smallest = (metrics::LINE_HEIGHT + 2.0 * metrics::PADDING + crate::flows::layout::NODE_GAP) as f32;
    let room = (geometry.top - geometry.bottom - HEAD - LEGEND) / MIN_SCALE;
    Column::ALL.iter().any(|&column| {
        let boxes = graph.nodes.iter().filter(|n| n.column == column).count();
        boxes as f32 * smallest > room + smallest
    })
}

fn scale_for(laid: &Layout, geometry: Geometry) -> f32 {
    let width = geometry.content_width() / laid.width.max(1.0) as f32;
    let height = (geometry.top - geometry.bottom - HEAD - LEGEND) / laid.height.max(1.0) as f32;
    width.min(height).min(1.0)
}

/// Where map coordinates land on the page.
#[derive(Clone, Copy)]
struct Frame {
    left: f32,
    top: f32,
    scale: f32,
}

impl Frame {
    fn at(self, point: Point) -> (f32, f32) {
        (self.left + point.x as f32 * self.scale, self.top - point.y as f32 * self.scale)
    }
}

fn page(flow: &mut Flow<'_>, fonts: &Fonts, register: &Register, graph: &FlowGraph, laid: &Layout) {
    let geometry = flow.geometry();
    let scale = scale_for(laid, geometry);
    let width = laid.width as f32 * scale;
    let frame = Frame {
        left: geometry.left + (geometry.content_width() - width) / 2.0,
        top: geometry.top - HEAD,
        scale,
    };
    let mut items = head(fonts, register, graph, laid, geometry, frame);
    for (edge, route) in graph.edges.iter().zip(&laid.routes) {
        items.extend(edge_items(edge, route, graph, frame));
    }
    for (node, rect) in graph.nodes.iter().zip(&laid.nodes) {
        items.extend(node_items(fonts, node, rect, frame));
    }
    items.extend(legend(fonts, geometry));
    flow.new_page();
    flow.place(items);
}

fn text(fonts: &Fonts, x: f32, y: f32, style: Style, text: String) -> Item {
    Item::Text { x, y, width: fonts.width(&text, style), style, text }
}

fn head(
    fonts: &Fonts,
    register: &Register,
    graph: &FlowGraph,
    laid: &Layout,
    geometry: Geometry,
    frame: Frame,
) -> Vec<Item> {
    let flows = graph.flows().count();
    let missing = graph.flows().filter(|f| f.lacks_agreement()).count();
    let scope = graph.scope.describe(register);
    let title = vec![format!("{TITLE} — {scope}")];
    let title_style = fitted(fonts, &title, Style::bold(14.0), geometry.content_width());
    let mut items = vec![
        text(fonts, geometry.left, geometry.top - 14.0, title_style, title.concat()),
        text(
            fonts,
            geometry.left,
            geometry.top - 28.0,
            Style::regular(8.5),
            format!("{flows} links · {missing} with an outside body and no agreement (dashed)"),
        ),
    ];
    let style = Style::bold(8.0);
    for column in Column::ALL {
        if !graph.nodes.iter().any(|n| n.column == column) {
            continue;
        }
        let Some(&(left, width)) = laid.layer_spans.get(column.index()) else { continue };
        let centre = frame.left + (left + width / 2.0) as f32 * frame.scale;
        let heading = column.heading().to_string();
        let x = centre - fonts.width(&heading, style) / 2.0;
        items.push(text(fonts, x, frame.top + 6.0, style, heading));
    }
    items
}

/// Points along a route, with the SVG's curves between rows sampled.
fn sampled(route: &[Point], frame: Frame) -> Vec<(f32, f32)> {
    let mut points = Vec::new();
    for (i, &p) in route.iter().enumerate() {
        let Some(&prev) = i.checked_sub(1).and_then(|j| route.get(j)) else {
            points.push(frame.at(p));
            continue;
        };
        if (prev.y - p.y).abs() < 0.01 {
            points.push(frame.at(p));
            continue;
        }
        let bend = (p.x - prev.x) / 2.0;
        let (c1, c2) = (Point { x: prev.x + bend, y: prev.y }, Point { x: p.x - bend, y: p.y });
        for step in 1..=SAMPLES {
            let t = step as f64 / SAMPLES as f64;
            let u = 1.0 - t;
            let x = u * u * u * prev.x + 3.0 * u * u * t * c1.x + 3.0 * u * t * t * c2.x + t * t * t * p.x;
            let y = u * u * u * prev.y + 3.0 * u * u * t * c1.y + 3.0 * u * t * t * c2.y + t * t * t * p.y;
            points.push(frame.at(Point { x, y }));
        }
    }
    points
}

fn edge_items(
    edge: &crate::flows::graph::Edge,
    route: &[Point],
    graph: &FlowGraph,
    frame: Frame,
) -> Vec<Item> {
    if route.len() < 2 {
        return Vec::new();
    }
    let points = sampled(route, frame);
    let flow = match &edge.kind {
        EdgeKind::Owns => {
            return vec![Item::Stroke { points, colour: Rgb::from_hex(OWNS), width: 0.9, dashed: false }];
        }
        EdgeKind::Flow(flow) => flow,
        // The report draws the full maps, never the overview's bundles.
        EdgeKind::Bundle(_) => return Vec::new(),
    };
    let colour = Rgb::from_hex(svg::colour(flow));
    let width = if svg::colour(flow) == svg::PLAIN { 0.8 } else { 1.2 };
    let backwards = graph.nodes[edge.from].column > graph.nodes[edge.to].column;
    let tip = if backwards { points.first() } else { points.last() }.copied();
    let mut items = vec![Item::Stroke { points, colour, width, dashed: flow.lacks_agreement() }];
    if let Some((x, y)) = tip {
        // The curves leave and reach boxes level, so the arrow is horizontal.
        let back = if backwards { 4.0 } else { -4.0 };
        items.push(Item::Stroke {
            points: vec![(x + back, y + 2.2), (x, y), (x + back, y - 2.2)],
            colour,
            width,
            dashed: false,
        });
    }
    items
}

/// The largest size up to `size` at which every line fits `width`.
fn fitted(fonts: &Fonts, lines: &[String], style: Style, width: f32) -> Style {
    let widest = lines.iter().map(|l| fonts.width(l, style)).fold(0.0, f32::max);
    if widest <= width || widest <= 0.0 {
        style
    } else {
        Style { size: style.size * width / widest, ..style }
    }
}

fn node_items(
    fonts: &Fonts,
    node: &crate::flows::graph::Node,
    rect: &crate::flows::layout::Rect,
    frame: Frame,
) -> Vec<Item> {
    let (fill, stroke) = svg::node_colours(node);
    let (x, top) = frame.at(Point { x: rect.x, y: rect.y });
    let (width, height) = (rect.width as f32 * frame.scale, rect.height as f32 * frame.scale);
    let mut items = vec![Item::Shape {
        x,
        y: top - height,
        width,
        height,
        fill: Rgb::from_hex(fill),
        stroke: Rgb::from_hex(stroke),
    }];
    let padding = metrics::PADDING as f32 * frame.scale;
    let inner = width - 2.0 * padding;
    let lines = wrap(&node.label, metrics::WRAP_CHARS);
    let base = 12.0 * frame.scale;
    let label =
        if matches!(node.kind, NodeKind::Service { .. }) { Style::bold(base) } else { Style::regular(base) };
    let label = fitted(fonts, &lines, label, inner);
    let mut baseline = top - padding - 11.0 * frame.scale;
    for line in lines {
        items.push(text(fonts, x + padding, baseline, label, line));
        baseline -= metrics::LINE_HEIGHT as f32 * frame.scale;
    }
    if !node.detail.is_empty() {
        let detail =
            fitted(fonts, std::slice::from_ref(&node.detail), Style::regular(10.0 * frame.scale), inner);
        items.push(text(fonts, x + padding, baseline + 2.0 * frame.scale, detail, node.detail.clone()));
    }
    items
}

fn legend(fonts: &Fonts, geometry: Geometry) -> Vec<Item> {
    let style = Style::regular(7.5);
    let top = geometry.bottom + LEGEND - 6.0;
    let mut items = vec![text(fonts, geometry.left, top, Style::bold(8.0), "Legend".into())];
    for (i, (colour, dashed, meaning)) in LEGEND_ENTRIES.iter().enumerate() {
        let (column, row) = (i / 3, i % 3);
        let x = geometry.left + 46.0 + column as f32 * 300.0;
        let y = top - row as f32 * 11.0;
        items.push(Item::Stroke {
            points: vec![(x, y + 2.5), (x + 26.0, y + 2.5)],
            colour: Rgb::from_hex(colour),
            width: 1.6,
            dashed: *dashed,
        });
        items.push(text(fonts, x + 32.0, y, style, (*meaning).to_string()));
    }
    items.push(text(fonts, geometry.left + 646.0, top, style, "Arrows show which way data moves.".into()));
    items
}
