//! The flow map drawn with egui's painter: boxes for parties, services and
//! activities, one line per link coloured as the SVG map colours it (dashed where
//! an outside body has no agreement), a legend, pan by dragging, zoom by scrolling.
//!
//! [`FlowMap`] is built once per scope and register change: the graph, its layout
//! and every line flattened to points. Drawing a frame only transforms and culls.

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};
use ropa::flows::graph::{Column, EdgeKind, FlowEdge, NodeKind};
use ropa::flows::layout::{self, Point, metrics, wrap};
use ropa::flows::overview::Expanded;
use ropa::flows::svg::{self, BOTH, CRIMINAL, EdgeLabel, PLAIN, SPECIAL};
use ropa::flows::{FlowGraph, Scope};
use ropa::model::Register;

use super::flow_dashes::{self, Dashes};

/// Points per curved stretch of a line.
const CURVE_STEPS: usize = 12;
/// How close (screen pixels) a click must be to a line to hit it.
const HIT_DISTANCE: f32 = 5.0;
/// Zoom limits.
const MIN_ZOOM: f32 = 0.05;
const MAX_ZOOM: f32 = 3.0;
/// The zoom a fitted map is never made smaller than, if its width allows.
const READABLE_ZOOM: f32 = 0.6;
/// Screen space kept above the boxes for the column headings.
const HEADING_SPACE: f32 = 26.0;

/// A laid-out flow map, ready to draw many times.
#[derive(Debug, Clone)]
pub struct FlowMap {
    /// The graph drawn.
    pub graph: FlowGraph,
    /// Its layout.
    pub layout: layout::Layout,
    /// Each node's label, wrapped as the layout sized it.
    lines: Vec<Vec<String>>,
    /// Each edge as a polyline in layout units.
    polylines: Vec<Vec<Pos2>>,
    /// Each edge's bounding box in layout units (for culling and hits).
    edge_bounds: Vec<Rect>,
    /// The overview's link counts on its lines, placed once.
    labels: Vec<EdgeLabel>,
}

impl FlowMap {
    /// Builds and lays out the map of `scope` in `register`.
    pub fn build(register: &Register, scope: Scope) -> Self {
        Self::of_graph(FlowGraph::build(register, scope))
    }

    /// Builds and lays out the map of `scope`, the overview with the kinds of
    /// party in `expanded` shown as their parties.
    pub fn build_expanded(register: &Register, scope: Scope, expanded: &Expanded) -> Self {
        match scope {
            Scope::Overview => Self::of_graph(ropa::flows::overview::build(register, expanded)),
            scope => Self::build(register, scope),
        }
    }

    /// Lays out `graph`.
    pub fn of_graph(graph: FlowGraph) -> Self {
        let layout = svg::layout_graph(&graph);
        let lines = graph.nodes.iter().map(|node| wrap(&node.label, metrics::WRAP_CHARS)).collect();
        let polylines: Vec<Vec<Pos2>> = layout.routes.iter().map(|route| flatten(route)).collect();
        let edge_bounds = polylines.iter().map(|points| Rect::from_points(points)).collect();
        let labels =
            if graph.scope == Scope::Overview { svg::edge_labels(&graph, &layout) } else { Vec::new() };
        Self { graph, layout, lines, polylines, edge_bounds, labels }
    }

    /// The boxes a selection of `node` outlines: every box of the same party.
    fn selected_nodes(&self, node: Option<usize>) -> Vec<usize> {
        match node.and_then(|n| self.graph.nodes.get(n)).map(|n| &n.kind) {
            Some(NodeKind::Party(id) | NodeKind::InternalParty(id)) => self.graph.nodes_of_party(*id),
            Some(_) => node.into_iter().collect(),
            None => Vec::new(),
        }
    }

    /// The node's box in layout units.
    fn node_rect(&self, node: usize) -> Option<Rect> {
        self.layout.nodes.get(node).map(to_rect)
    }

    /// The size of the drawing, in layout units, headings included.
    fn extent(&self) -> Rect {
        Rect::from_min_max(Pos2::ZERO, pos2(self.layout.width as f32, self.layout.height as f32))
    }

    /// The node or edge under `point` (layout units), nodes first.
    fn hit(&self, point: Pos2, tolerance: f32) -> Option<Hit> {
        let node =
            (0..self.layout.nodes.len()).find(|&i| self.node_rect(i).is_some_and(|r| r.contains(point)));
        if let Some(node) = node {
            return Some(Hit::Node(node));
        }
        let mut best: Option<(usize, f32)> = None;
        for (i, points) in self.polylines.iter().enumerate() {
            if !self.edge_bounds[i].expand(tolerance).contains(point) {
                continue;
            }
            let distance = polyline_distance(points, point);
            if distance <= tolerance && best.is_none_or(|(_, d)| distance < d) {
                best = Some((i, distance));
            }
        }
        best.map(|(i, _)| Hit::Edge(i))
    }
}

/// What a click on the map landed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A box, by node index.
    Node(usize),
    /// A line, by edge index.
    Edge(usize),
}

/// Pan and zoom of the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Screen offset of the layout origin from the canvas's top left.
    pub pan: Vec2,
    /// Screen pixels per layout unit.
    pub zoom: f32,
    /// Fit the whole map on the next frame.
    pub fit_pending: bool,
}

impl Default for View {
    fn default() -> Self {
        Self { pan: Vec2::ZERO, zoom: 1.0, fit_pending: true }
    }
}

impl View {
    /// Zooms by `factor` keeping the screen point `anchor` (relative to the canvas) still.
    pub fn zoom_by(&mut self, factor: f32, anchor: Vec2) {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let layout_anchor = (anchor - self.pan) / self.zoom;
        self.zoom = zoom;
        self.pan = anchor - layout_anchor * zoom;
    }

    fn fit(&mut self, extent: Rect, canvas: Vec2) {
        let margin = 20.0;
        let size = extent.size().max(vec2(1.0, 1.0));
        let across = (canvas.x - 2.0 * margin) / size.x;
        let down = (canvas.y - 2.0 * margin - HEADING_SPACE) / size.y;
        // A map too tall to read whole (the overview of a big register) fits its
        // width instead, at a size the text can be read, from the top.
        let zoom = across.min(down).max(across.min(READABLE_ZOOM));
        self.zoom = zoom.clamp(MIN_ZOOM, 1.2);
        let drawn = size * self.zoom;
        self.pan =
            vec2((canvas.x - drawn.x) / 2.0, margin + HEADING_SPACE) - extent.min.to_vec2() * self.zoom;
        self.fit_pending = false;
    }
}

/// What the map highlights.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Highlight {
    /// The selected box.
    pub node: Option<usize>,
    /// The selected line.
    pub edge: Option<usize>,
}

/// Draws `map` filling the space left in `ui`; returns what was clicked.
pub fn canvas_ui(ui: &mut egui::Ui, map: &FlowMap, view: &mut View, highlight: Highlight) -> Option<Hit> {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    let nodes = map.graph.nodes.len();
    let flows = map.graph.link_count();
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, format!("Flow map: {nodes} boxes, {flows} links"))
    });
    if view.fit_pending {
        view.fit(map.extent(), rect.size());
    }
    if response.dragged() {
        view.pan += response.drag_delta();
    }
    if response.hovered() {
        let (scroll, zoom) = ui.input(|input| (input.smooth_scroll_delta().y, input.zoom_delta()));
        let factor = zoom * (scroll * 0.002).exp();
        if (factor - 1.0).abs() > f32::EPSILON {
            let anchor = response.hover_pos().map_or(rect.size() / 2.0, |p| p - rect.min);
            view.zoom_by(factor, anchor);
        }
    }
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::from_rgb(0xfd, 0xfe, 0xfe));
    let to_screen = |p: Pos2| rect.min + view.pan + p.to_vec2() * view.zoom;
    let visible = Rect::from_min_max(
        pos2(-view.pan.x / view.zoom, -view.pan.y / view.zoom),
        pos2((rect.width() - view.pan.x) / view.zoom, (rect.height() - view.pan.y) / view.zoom),
    );
    draw_headings(&painter, map, view.zoom, &to_screen);
    draw_edges(&painter, map, view.zoom, visible, highlight, &to_screen);
    draw_nodes(&painter, map, view.zoom, visible, highlight, &to_screen);
    draw_labels(&painter, map, view.zoom, visible, &to_screen);
    if map.graph.nodes.is_empty() {
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            "Nothing to draw: no activities or links in this scope.",
            FontId::proportional(14.0),
            Color32::DARK_GRAY,
        );
    }
    let to_layout = |p: Pos2| ((p - rect.min - view.pan) / view.zoom).to_pos2();
    if let Some(pointer) = response.hover_pos()
        && !response.dragged()
        && let Some(hit) = map.hit(to_layout(pointer), HIT_DISTANCE / view.zoom)
    {
        response.clone().on_hover_ui_at_pointer(|ui| hover_ui(ui, map, hit));
    }
    let clicked = response.clicked().then(|| response.interact_pointer_pos()).flatten()?;
    map.hit(to_layout(clicked), HIT_DISTANCE / view.zoom)
}

/// The tooltip for the box or line under the pointer: its full text.
fn hover_ui(ui: &mut egui::Ui, map: &FlowMap, hit: Hit) {
    match hit {
        Hit::Node(node) => {
            let Some(node) = map.graph.nodes.get(node) else { return };
            ui.strong(&node.label);
            ui.weak(&node.detail);
        }
        Hit::Edge(edge) => {
            let Some(edge) = map.graph.edges.get(edge) else { return };
            let (from, to) = (&map.graph.nodes[edge.from].label, &map.graph.nodes[edge.to].label);
            ui.strong(format!("From {from} to {to}"));
            match &edge.kind {
                EdgeKind::Flow(flow) => {
                    ui.label(flow.passes.describe());
                    if flow.lacks_agreement() {
                        ui.label("No agreement recorded");
                    }
                    ui.weak("Click to open the activity");
                }
                EdgeKind::Bundle(bundle) => {
                    ui.label(svg::bundle_text(bundle));
                    ui.weak("Click to open the service's map");
                }
                EdgeKind::Owns => {
                    ui.weak("Click to open the activity");
                }
            }
        }
    }
}

fn draw_headings(painter: &egui::Painter, map: &FlowMap, zoom: f32, to_screen: &impl Fn(Pos2) -> Pos2) {
    for column in Column::ALL {
        if !map.graph.nodes.iter().any(|n| n.column == column) {
            continue;
        }
        let Some(&(left, width)) = map.layout.layer_spans.get(map.graph.layer_of(column)) else { continue };
        let at = to_screen(pos2((left + width / 2.0) as f32, 0.0)) - vec2(0.0, 6.0);
        painter.text(
            at,
            Align2::CENTER_BOTTOM,
            column.heading(),
            FontId::proportional((14.0 * zoom).clamp(11.0, 18.0)),
            Color32::from_rgb(0x56, 0x65, 0x73),
        );
    }
}

fn draw_edges(
    painter: &egui::Painter,
    map: &FlowMap,
    zoom: f32,
    visible: Rect,
    highlight: Highlight,
    to_screen: &impl Fn(Pos2) -> Pos2,
) {
    let selected = map.selected_nodes(highlight.node);
    let touching: Vec<bool> = (0..map.graph.edges.len())
        .map(|i| {
            let edge = &map.graph.edges[i];
            highlight.edge == Some(i) || selected.contains(&edge.from) || selected.contains(&edge.to)
        })
        .collect();
    // Highlighted lines last, so they sit on top.
    for pass in [false, true] {
        let mut dashes = Dashes::default();
        for (i, edge) in map.graph.edges.iter().enumerate() {
            if touching[i] != pass || !map.edge_bounds[i].intersects(visible) {
                continue;
            }
            let (colour, width, dashed) = match &edge.kind {
                EdgeKind::Owns => (hex("#aab7b8"), 1.2, false),
                EdgeKind::Flow(flow) => (
                    flow_colour(flow),
                    if flow_colour(flow) == hex(PLAIN) { 1.3 } else { 2.0 },
                    flow.lacks_agreement(),
                ),
                EdgeKind::Bundle(bundle) => (
                    hex(svg::bundle_colour(bundle)).gamma_multiply(if pass { 1.0 } else { 0.55 }),
                    svg::bundle_width(bundle) as f32,
                    bundle.lacking_agreement > 0,
                ),
            };
            let width = if pass { width + 1.5 } else { width } * zoom.clamp(0.5, 1.5);
            let stroke = Stroke::new(width, colour);
            let points = &map.polylines[i];
            for run in visible_runs(points, visible.expand(EDGE_MARGIN / zoom), MIN_STEP / zoom) {
                let ends_line = run.last() == points.last();
                let run: Vec<Pos2> = run.into_iter().map(to_screen).collect();
                if ends_line && !matches!(edge.kind, EdgeKind::Owns) {
                    arrow_head(painter, &run, colour, (7.0 * zoom).clamp(3.0, 10.0));
                }
                if dashed {
                    dashes.add(&run, stroke);
                } else {
                    painter.add(Shape::line(run, stroke));
                }
            }
        }
        if !dashes.is_empty() {
            painter.add(dashes.into_shape());
        }
    }
}

/// How far outside the canvas (screen pixels) a line is still drawn, so that its
/// width and arrow head are never cut at the edge.
const EDGE_MARGIN: f32 = 16.0;
/// The shortest stretch of a line drawn (screen pixels): points closer together
/// than this to the last one kept are one point on the screen.
const MIN_STEP: f32 = 1.5;

/// The stretches of the line through `points` that cross `visible`, each as the
/// points to draw: a stretch wholly outside is left out (most of the overview's
/// lines run far below the window), and a point within `min_step` of the last
/// kept one is dropped, but each stretch keeps its first and last points.
fn visible_runs(points: &[Pos2], visible: Rect, min_step: f32) -> Vec<Vec<Pos2>> {
    let mut runs: Vec<Vec<Pos2>> = Vec::new();
    let mut run: Vec<Pos2> = Vec::new();
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if !Rect::from_two_pos(a, b).intersects(visible) {
            if run.len() > 1 {
                runs.push(std::mem::take(&mut run));
            } else {
                run.clear();
            }
            continue;
        }
        if run.is_empty() {
            run.push(a);
        }
        match run.as_mut_slice() {
            // The stretch so far is one short step: move its end instead.
            [.., before, last] if last.distance(*before) < min_step => *last = b,
            _ => run.push(b),
        }
    }
    if run.len() > 1 {
        runs.push(run);
    }
    runs
}

fn draw_nodes(
    painter: &egui::Painter,
    map: &FlowMap,
    zoom: f32,
    visible: Rect,
    highlight: Highlight,
    to_screen: &impl Fn(Pos2) -> Pos2,
) {
    let show_text = zoom >= 0.3;
    let selected_nodes = map.selected_nodes(highlight.node);
    for (i, node) in map.graph.nodes.iter().enumerate() {
        let Some(layout_rect) = map.node_rect(i) else { continue };
        if !layout_rect.intersects(visible) {
            continue;
        }
        let rect = Rect::from_min_max(to_screen(layout_rect.min), to_screen(layout_rect.max));
        let (fill, stroke) = node_colours(&node.kind, node.column);
        let selected = selected_nodes.contains(&i);
        let stroke = if selected { Stroke::new(3.0, Color32::BLACK) } else { Stroke::new(1.2, stroke) };
        painter.rect(rect, 5.0 * zoom, fill, stroke, StrokeKind::Inside);
        if !show_text {
            continue;
        }
        let size = 12.0 * zoom;
        let text_painter = painter.with_clip_rect(rect.intersect(painter.clip_rect()));
        let mut y = rect.min.y + (metrics::PADDING as f32 + 1.0) * zoom;
        let x = rect.min.x + metrics::PADDING as f32 * zoom;
        let font = FontId::proportional(size);
        for line in &map.lines[i] {
            text_painter.text(
                pos2(x, y),
                Align2::LEFT_TOP,
                line,
                font.clone(),
                Color32::from_rgb(0x17, 0x20, 0x2a),
            );
            y += metrics::LINE_HEIGHT as f32 * zoom;
        }
        if !node.detail.is_empty() {
            text_painter.text(
                pos2(x, y),
                Align2::LEFT_TOP,
                &node.detail,
                FontId::proportional(10.0 * zoom),
                Color32::from_rgb(0x62, 0x65, 0x67),
            );
        }
    }
}

/// The overview's counts on its lines, when the text is big enough to read.
fn draw_labels(
    painter: &egui::Painter,
    map: &FlowMap,
    zoom: f32,
    visible: Rect,
    to_screen: &impl Fn(Pos2) -> Pos2,
) {
    if zoom < 0.3 {
        return;
    }
    for label in &map.labels {
        let layout_rect = to_rect(&label.rect);
        if !layout_rect.intersects(visible) {
            continue;
        }
        let rect = Rect::from_min_max(to_screen(layout_rect.min), to_screen(layout_rect.max));
        let colour = hex(label.colour);
        painter.rect(
            rect,
            3.0 * zoom,
            Color32::from_white_alpha(235),
            Stroke::new(0.6, colour),
            StrokeKind::Inside,
        );
        let text = label.lines.first().map_or("", String::as_str);
        painter.text(rect.center(), Align2::CENTER_CENTER, text, FontId::proportional(10.0 * zoom), colour);
    }
}

/// The legend, as a strip of line samples and their meanings.
pub fn legend_ui(ui: &mut egui::Ui) {
    let entries = [
        (hex(PLAIN), false, "Neither special category nor criminal"),
        (hex(SPECIAL), false, "Special category (Art 9)"),
        (hex(CRIMINAL), false, "Criminal offence (Art 10)"),
        (hex(BOTH), false, "Both"),
        (hex(PLAIN), true, "Dashed: outside body, no agreement"),
        (hex("#aab7b8"), false, "Grey: service's own activity"),
    ];
    ui.horizontal_wrapped(|ui| {
        for (colour, dashed, text) in entries {
            // Each entry is one widget, swatch and words: on a narrow window it
            // moves to the next row whole, never breaking between its words or
            // from its swatch.
            let galley = ui.painter().layout_no_wrap(
                text.to_string(),
                FontId::proportional(11.0),
                ui.visuals().text_color(),
            );
            let size = vec2(30.0 + 6.0 + galley.size().x, galley.size().y.max(12.0));
            let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
            let swatch = Rect::from_min_size(rect.min, vec2(30.0, rect.height()));
            let line = vec![swatch.left_center(), swatch.right_center()];
            let stroke = Stroke::new(2.5, colour);
            if dashed {
                ui.painter().extend(Shape::dashed_line(&line, stroke, flow_dashes::DASH, flow_dashes::GAP));
            } else {
                ui.painter().add(Shape::line(line, stroke));
            }
            let text_at = pos2(swatch.right() + 6.0, rect.center().y - galley.size().y / 2.0);
            ui.painter().galley(text_at, galley, ui.visuals().text_color());
            ui.add_space(8.0);
        }
    });
}

/// A filled triangle at the end of `points`, pointing along the last stretch.
fn arrow_head(painter: &egui::Painter, points: &[Pos2], colour: Color32, size: f32) {
    let [.., before, tip] = points else { return };
    let along = (*tip - *before).normalized();
    if !along.is_finite() || along == Vec2::ZERO {
        return;
    }
    let side = along.rot90() * size * 0.45;
    let base = *tip - along * size;
    painter.add(Shape::convex_polygon(vec![*tip, base + side, base - side], colour, Stroke::NONE));
}

/// The colour of a flow, as the SVG map draws it.
pub fn flow_colour(flow: &FlowEdge) -> Color32 {
    hex(svg::colour(flow))
}

fn node_colours(kind: &NodeKind, column: Column) -> (Color32, Color32) {
    let (fill, stroke) = match (kind, column) {
        (NodeKind::Service { .. } | NodeKind::ServiceSummary { .. }, _) => ("#fdebd0", "#ca6f1e"),
        (NodeKind::InternalParty(_), _) => ("#f4ecf7", "#7d3c98"),
        (NodeKind::Activity(_), _) => ("#fef9e7", "#b7950b"),
        (_, Column::Sources) => ("#eaf2fb", "#2e86c1"),
        _ => ("#e9f7ef", "#229954"),
    };
    (hex(fill), hex(stroke))
}

/// A colour from its `#rrggbb` code (grey if malformed).
pub fn hex_colour(code: &str) -> Color32 {
    hex(code)
}

fn hex(code: &str) -> Color32 {
    Color32::from_hex(code).unwrap_or(Color32::GRAY)
}

fn to_rect(rect: &layout::Rect) -> Rect {
    Rect::from_min_size(pos2(rect.x as f32, rect.y as f32), vec2(rect.width as f32, rect.height as f32))
}

/// A route as points: straight where it stays level, otherwise the same cubic
/// curve the SVG map draws, sampled.
fn flatten(route: &[Point]) -> Vec<Pos2> {
    let mut points = Vec::with_capacity(route.len() * CURVE_STEPS);
    for (i, p) in route.iter().enumerate() {
        let here = pos2(p.x as f32, p.y as f32);
        let Some(prev) = i.checked_sub(1).and_then(|j| route.get(j)) else {
            points.push(here);
            continue;
        };
        let start = pos2(prev.x as f32, prev.y as f32);
        if (start.y - here.y).abs() < 0.01 {
            points.push(here);
            continue;
        }
        let bend = (here.x - start.x) / 2.0;
        let (c1, c2) = (pos2(start.x + bend, start.y), pos2(here.x - bend, here.y));
        for step in 1..=CURVE_STEPS {
            let t = step as f32 / CURVE_STEPS as f32;
            let u = 1.0 - t;
            let point = start.to_vec2() * (u * u * u)
                + c1.to_vec2() * (3.0 * u * u * t)
                + c2.to_vec2() * (3.0 * u * t * t)
                + here.to_vec2() * (t * t * t);
            points.push(point.to_pos2());
        }
    }
    points
}

/// The distance from `point` to the nearest stretch of `points`.
fn polyline_distance(points: &[Pos2], point: Pos2) -> f32 {
    points.windows(2).map(|pair| segment_distance(pair[0], pair[1], point)).fold(f32::INFINITY, f32::min)
}

fn segment_distance(a: Pos2, b: Pos2, p: Pos2) -> f32 {
    let ab = b - a;
    let length = ab.length_sq();
    if length <= f32::EPSILON {
        return a.distance(p);
    }
    let t = ((p - a).dot(ab) / length).clamp(0.0, 1.0);
    (a + ab * t).distance(p)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn a_click_on_a_box_or_near_a_line_hits_it() {
        let mut store = ropa::Store::in_memory().unwrap();
        ropa::demo::populate(&mut store).unwrap();
        let register = store.load_register().unwrap();
        let map = FlowMap::build(&register, Scope::Register);
        let centre = map.node_rect(0).unwrap().center();
        assert_eq!(map.hit(centre, 1.0), Some(Hit::Node(0)));
        let edge = map.graph.edges.iter().position(|e| matches!(e.kind, EdgeKind::Flow(_))).unwrap();
        let points = &map.polylines[edge];
        let middle = points[points.len() / 2] + vec2(0.0, 2.0);
        // The middle of a line may pass under another line, never under a box.
        assert!(matches!(map.hit(middle, 3.0), Some(Hit::Edge(_))));
        assert_eq!(map.hit(pos2(-500.0, -500.0), 3.0), None);
    }

    #[test]
    fn a_line_is_drawn_only_where_it_crosses_the_view_and_keeps_its_ends() {
        let visible = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 100.0));
        // Down through the view, out below it, and back in.
        let points =
            [pos2(50.0, -50.0), pos2(50.0, 50.0), pos2(50.0, 300.0), pos2(50.0, 400.0), pos2(60.0, 90.0)];
        assert_eq!(
            visible_runs(&points, visible, 0.0),
            vec![
                vec![pos2(50.0, -50.0), pos2(50.0, 50.0), pos2(50.0, 300.0)],
                vec![pos2(50.0, 400.0), pos2(60.0, 90.0)]
            ]
        );
        // Wholly outside: nothing to draw.
        assert!(visible_runs(&[pos2(200.0, 0.0), pos2(300.0, 50.0)], visible, 0.0).is_empty());
        // A curve sampled finer than the screen shows keeps its ends and its shape.
        let curve: Vec<Pos2> = (0..=100).map(|i| pos2(i as f32 * 0.1, (i as f32 * 0.1).powi(2))).collect();
        let runs = visible_runs(&curve, visible, 1.5);
        let [run] = runs.as_slice() else { panic!("one run: {runs:?}") };
        assert_eq!((run.first(), run.last()), (curve.first(), curve.last()));
        assert!(run.len() < 70, "{} points", run.len());
        assert!(run.iter().all(|p| curve.contains(p)), "every point drawn is on the curve");
        let steps: Vec<f32> = run.windows(2).map(|w| w[0].distance(w[1])).collect();
        assert!(steps[..steps.len() - 1].iter().all(|&step| step >= 1.5), "{steps:?}");
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_still() {
        let mut view = View { pan: vec2(10.0, 20.0), zoom: 1.0, fit_pending: false };
        let anchor = vec2(300.0, 200.0);
        let before = (anchor - view.pan) / view.zoom;
        view.zoom_by(2.0, anchor);
        let after = (anchor - view.pan) / view.zoom;
        assert!((before - after).length() < 0.001);
        assert!((view.zoom - 2.0).abs() < f32::EPSILON);
    }
}
