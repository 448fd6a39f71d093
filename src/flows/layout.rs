//! A layered (Sugiyama-style) layout: nodes sit in given layers (the map's
//! columns); edges spanning several layers get one dummy point per layer crossed;
//! the order within each layer is improved by barycentre sweeps down and up plus
//! adjacent swaps (transposition), keeping the best order seen; then coordinates
//! are assigned so that boxes in a layer never overlap and layers never share x.
//! Everything is deterministic: ties keep the earlier order.

/// Font metrics the layout and the SVG share: a sans-serif font at 12 px.
pub mod metrics {
    /// Average advance of one character at the label size, generous for capitals.
    pub const CHAR_WIDTH: f64 = 7.0;
    /// Average advance of one bold character (service names).
    pub const BOLD_CHAR_WIDTH: f64 = 8.0;
    /// Height of one label line.
    pub const LINE_HEIGHT: f64 = 15.0;
    /// Height of the smaller detail line.
    pub const DETAIL_HEIGHT: f64 = 13.0;
    /// Padding inside a box.
    pub const PADDING: f64 = 8.0;
    /// Characters per label line before wrapping.
    pub const WRAP_CHARS: usize = 30;
}

/// Splits `text` into lines of at most `max_chars` characters at spaces, breaking
/// over-long words.
pub fn wrap(text: &str, max_chars: usize) -> Vec<String> {
    let max_chars = max_chars.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > max_chars {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..max_chars).collect());
        }
        let word: String = word.into_iter().collect();
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > max_chars && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Width and height of a box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Size {
    /// The box for a label wrapped into `lines` (in bold when `bold`), with an
    /// optional detail line in a smaller font.
    pub fn for_label(lines: &[String], detail: &str, bold: bool) -> Self {
        use metrics::*;
        let advance = if bold { BOLD_CHAR_WIDTH } else { CHAR_WIDTH };
        let label = lines.iter().map(|l| l.chars().count() as f64 * advance).fold(0.0, f64::max);
        let detail_width = detail.chars().count() as f64 * CHAR_WIDTH;
        let detail_height = if detail.is_empty() { 0.0 } else { DETAIL_HEIGHT };
        Self {
            width: label.max(detail_width) + 2.0 * PADDING,
            height: lines.len() as f64 * LINE_HEIGHT + detail_height + 2.0 * PADDING,
        }
    }
}

/// A point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Left to right.
    pub x: f64,
    /// Top to bottom.
    pub y: f64,
}

/// A placed box: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// Whether two boxes share any area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }
}

/// What to lay out: each node's layer and size, and edges between nodes.
#[derive(Debug, Clone, Default)]
pub struct LayoutInput {
    /// Layer of each node, from the left.
    pub layers: Vec<usize>,
    /// Size of each node.
    pub sizes: Vec<Size>,
    /// Edges as pairs of node indexes; direction does not matter to the layout.
    pub edges: Vec<(usize, usize)>,
}

/// Where everything goes.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Box of each input node.
    pub nodes: Vec<Rect>,
    /// Route of each input edge, from its node in the lower layer to its node in
    /// the higher layer (empty for an edge within one layer or naming no node).
    pub routes: Vec<Vec<Point>>,
    /// Left edge and width of each layer.
    pub layer_spans: Vec<(f64, f64)>,
    /// Edge crossings in the final order.
    pub crossings: usize,
    /// Edge crossings in the initial order (input order within each layer).
    pub initial_crossings: usize,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
}

/// Horizontal gap between layers.
pub const LAYER_GAP: f64 = 150.0;
/// Vertical gap between boxes.
pub const NODE_GAP: f64 = 14.0;
/// Vertical gap next to a dummy point.
const DUMMY_GAP: f64 = 9.0;
/// Sweeps of crossing reduction at most.
const MAX_SWEEPS: usize = 48;
/// Sweeps without improvement before stopping.
const PATIENCE: usize = 8;
/// Above this many segments (a big register's maps: the overview with a kind of
/// party expanded, the whole register's every link) the crossing reduction is
/// cut down to one schedule of a few sweeps without transposition, whose cost
/// grows with the square of the degrees: a kind of 250 parties expanded at
/// 10,000 activities took 261 s in a debug build with the full search.
const THOROUGH_SEGMENTS: usize = 5_000;
/// Sweeps on a map above [`THOROUGH_SEGMENTS`].
const QUICK_SWEEPS: usize = 8;

/// The proper layered graph: real nodes then dummies; every segment joins adjacent layers.
struct Proper {
    layer: Vec<usize>,
    height: Vec<f64>,
    real: usize,
    /// Neighbours in the layer above (lower index) and below.
    up: Vec<Vec<usize>>,
    down: Vec<Vec<usize>>,
    /// Neighbours on both sides.
    both: Vec<Vec<usize>>,
    /// Vertex chain of each input edge.
    chains: Vec<Vec<usize>>,
}

impl Proper {
    fn new(input: &LayoutInput) -> Self {
        let real = input.layers.len().min(input.sizes.len());
        let mut proper = Self {
            layer: input.layers[..real].to_vec(),
            height: input.sizes[..real].iter().map(|s| s.height).collect(),
            real,
            up: vec![Vec::new(); real],
            down: vec![Vec::new(); real],
            both: Vec::new(),
            chains: Vec::new(),
        };
        for &(a, b) in &input.edges {
            proper.add_edge(a, b);
        }
        proper.both =
            proper.up.iter().zip(&proper.down).map(|(u, d)| u.iter().chain(d).copied().collect()).collect();
        proper
    }

    fn add_edge(&mut self, a: usize, b: usize) {
        if a >= self.real || b >= self.real || self.layer[a] == self.layer[b] {
            self.chains.push(Vec::new());
            return;
        }
        let (lo, hi) = if self.layer[a] < self.layer[b] { (a, b) } else { (b, a) };
        let mut chain = vec![lo];
        for layer in self.layer[lo] + 1..self.layer[hi] {
            let dummy = self.layer.len();
            self.layer.push(layer);
            self.height.push(2.0);
            self.up.push(Vec::new());
            self.down.push(Vec::new());
            chain.push(dummy);
        }
        chain.push(hi);
        for pair in chain.windows(2) {
            self.down[pair[0]].push(pair[1]);
            self.up[pair[1]].push(pair[0]);
        }
        self.chains.push(chain);
    }

    fn initial_order(&self) -> Vec<Vec<usize>> {
        let layers = self.layer.iter().max().map_or(0, |m| m + 1);
        let mut order = vec![Vec::new(); layers];
        for (vertex, &layer) in self.layer.iter().enumerate() {
            order[layer].push(vertex);
        }
        order
    }
}

/// Positions of every vertex within its layer.
fn positions(order: &[Vec<usize>], vertices: usize) -> Vec<usize> {
    let mut pos = vec![0; vertices];
    for layer in order {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// Crossings between every pair of adjacent layers: sorts the segments by their
/// upper end and counts inversions of their lower ends with a Fenwick tree.
fn count_crossings(proper: &Proper, order: &[Vec<usize>]) -> usize {
    let pos = positions(order, proper.layer.len());
    let mut total = 0;
    for pair in order.windows(2) {
        let mut segments: Vec<(usize, usize)> = Vec::new();
        for &v in &pair[0] {
            segments.extend(proper.down[v].iter().map(|&w| (pos[v], pos[w])));
        }
        segments.sort_unstable();
        let mut tree = vec![0usize; pair[1].len() + 1];
        for (seen, &(_, lower)) in segments.iter().enumerate() {
            let mut at_most = 0;
            let mut i = lower + 1;
            while i > 0 {
                at_most += tree[i];
                i &= i - 1;
            }
            total += seen - at_most;
            let mut i = lower + 1;
            while i < tree.len() {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// Reorders `layer` by the barycentre of each vertex's neighbours (vertices with
/// none keep their position as key); the sort is stable, so ties keep their order.
fn sort_by_barycentre(layer: &mut [usize], neighbours: &[Vec<usize>], pos: &[usize]) {
    let mut keyed: Vec<(f64, usize)> = layer
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let n = &neighbours[v];
            let key = if n.is_empty() {
                i as f64
            } else {
                n.iter().map(|&w| pos[w] as f64).sum::<f64>() / n.len() as f64
            };
            (key, v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (slot, (_, v)) in layer.iter_mut().zip(keyed) {
        *slot = v;
    }
}

/// Crossings between the segments of `u` and `v` when `u` is left of `v`, towards
/// neighbours on both sides.
fn pair_crossings(proper: &Proper, pos: &[usize], u: usize, v: usize) -> usize {
    let mut count = 0;
    for side in [&proper.up, &proper.down] {
        for &a in &side[u] {
            count += side[v].iter().filter(|&&b| pos[b] < pos[a]).count();
        }
    }
    count
}

/// Swaps adjacent vertices while that removes crossings.
fn transpose(proper: &Proper, order: &mut [Vec<usize>]) {
    let mut pos = positions(order, proper.layer.len());
    let mut improved = true;
    let mut rounds = 0;
    while improved && rounds < 8 {
        improved = false;
        rounds += 1;
        for layer in order.iter_mut() {
            for i in 1..layer.len() {
                let (u, v) = (layer[i - 1], layer[i]);
                if pair_crossings(proper, &pos, v, u) < pair_crossings(proper, &pos, u, v) {
                    layer.swap(i - 1, i);
                    pos[u] = i;
                    pos[v] = i - 1;
                    improved = true;
                }
            }
        }
    }
}

/// Which neighbours a sweep sorts by.
#[derive(Debug, Clone, Copy)]
enum Sweep {
    /// Top-down: each layer by its neighbours in the layer before.
    Down,
    /// Bottom-up: each layer by its neighbours in the layer after.
    Up,
    /// Each layer by its neighbours on both sides.
    Both,
}

/// The sweep schedules tried, each repeated in a cycle; the best result wins.
/// Barycentre sweeps are a local search, so a few schedules from the same start
/// find better orders than any one of them.
const SCHEDULES: [&[Sweep]; 4] = [
    &[Sweep::Down, Sweep::Up, Sweep::Both],
    &[Sweep::Down, Sweep::Up],
    &[Sweep::Down, Sweep::Up, Sweep::Both, Sweep::Up, Sweep::Down, Sweep::Both],
    &[Sweep::Both, Sweep::Up, Sweep::Down],
];

fn sweep(proper: &Proper, order: &mut [Vec<usize>], kind: Sweep) {
    let layers = order.len();
    let (range, neighbours): (Vec<usize>, &[Vec<usize>]) = match kind {
        Sweep::Down => ((1..layers).collect(), &proper.up),
        Sweep::Up => ((0..layers.saturating_sub(1)).rev().collect(), &proper.down),
        Sweep::Both => ((0..layers).collect(), &proper.both),
    };
    for l in range {
        let pos = positions(order, proper.layer.len());
        sort_by_barycentre(&mut order[l], neighbours, &pos);
    }
}

/// One schedule of sweeps from `order`, each followed by transposition, keeping
/// the best order found.
fn run_schedule(proper: &Proper, mut order: Vec<Vec<usize>>, schedule: &[Sweep]) -> (Vec<Vec<usize>>, usize) {
    let mut best = order.clone();
    let mut best_crossings = count_crossings(proper, &order);
    let mut since_better = 0;
    let quick = is_big(proper);
    let sweeps = if quick { QUICK_SWEEPS } else { MAX_SWEEPS };
    for &kind in schedule.iter().cycle().take(sweeps) {
        if best_crossings == 0 || since_better >= PATIENCE {
            break;
        }
        sweep(proper, &mut order, kind);
        if !quick {
            transpose(proper, &mut order);
        }
        let crossings = count_crossings(proper, &order);
        if crossings < best_crossings {
            best = order.clone();
            best_crossings = crossings;
            since_better = 0;
        } else {
            since_better += 1;
        }
    }
    (best, best_crossings)
}

/// Whether the graph has more segments than a thorough search can afford.
fn is_big(proper: &Proper) -> bool {
    proper.down.iter().map(Vec::len).sum::<usize>() > THOROUGH_SEGMENTS
}

/// Crossing reduction: every schedule from the initial order; the first with the
/// fewest crossings wins (never worse than the initial order).
fn reduce_crossings(proper: &Proper, order: Vec<Vec<usize>>) -> (Vec<Vec<usize>>, usize) {
    let initial = count_crossings(proper, &order);
    let mut best = (order.clone(), initial);
    let schedules = if is_big(proper) { &SCHEDULES[..1] } else { &SCHEDULES[..] };
    for &schedule in schedules {
        if best.1 == 0 {
            break;
        }
        let found = run_schedule(proper, order.clone(), schedule);
        if found.1 < best.1 {
            best = found;
        }
    }
    best
}

/// Places each layer's vertices in order, near the mean centre of their
/// neighbours, never closer than the gap: the mean of a push-down and a push-up
/// placement, both of which keep the order and the gaps.
fn place_layer(layer: &[usize], desired: &[f64], proper: &Proper, top: &mut [f64]) {
    let n = layer.len();
    if n == 0 {
        return;
    }
    let gap = |a: usize, b: usize| if a >= proper.real || b >= proper.real { DUMMY_GAP } else { NODE_GAP };
    let mut down = vec![0.0; n];
    for i in 0..n {
        let v = layer[i];
        let want = desired[i] - proper.height[v] / 2.0;
        down[i] = if i == 0 {
            want
        } else {
            let prev = layer[i - 1];
            want.max(down[i - 1] + proper.height[prev] + gap(prev, v))
        };
    }
    let mut up = vec![0.0; n];
    for i in (0..n).rev() {
        let v = layer[i];
        let want = desired[i] - proper.height[v] / 2.0;
        up[i] = if i == n - 1 {
            want
        } else {
            let next = layer[i + 1];
            want.min(up[i + 1] - proper.height[v] - gap(v, next))
        };
    }
    for i in 0..n {
        top[layer[i]] = (down[i] + up[i]) / 2.0;
    }
}

fn stack(order: &[Vec<usize>], proper: &Proper, top: &mut [f64]) {
    for layer in order {
        let mut y = 0.0;
        for (i, &v) in layer.iter().enumerate() {
            if i > 0 {
                let prev = layer[i - 1];
                y += if prev >= proper.real || v >= proper.real { DUMMY_GAP } else { NODE_GAP };
            }
            top[v] = y;
            y += proper.height[v];
        }
    }
}

/// Vertical positions: stacked, then pulled towards neighbours in alternating
/// passes.
fn assign_y(order: &[Vec<usize>], proper: &Proper) -> Vec<f64> {
    let mut top = vec![0.0; proper.layer.len()];
    stack(order, proper, &mut top);
    let centre = |top: &[f64], v: usize| top[v] + proper.height[v] / 2.0;
    for pass in 0..8 {
        let layers: Vec<usize> =
            if pass % 2 == 0 { (0..order.len()).collect() } else { (0..order.len()).rev().collect() };
        for l in layers {
            let desired: Vec<f64> = order[l]
                .iter()
                .map(|&v| {
                    let n: Vec<usize> = proper.up[v].iter().chain(&proper.down[v]).copied().collect();
                    if n.is_empty() {
                        centre(&top, v)
                    } else {
                        n.iter().map(|&w| centre(&top, w)).sum::<f64>() / n.len() as f64
                    }
                })
                .collect();
            place_layer(&order[l], &desired, proper, &mut top);
        }
    }
    top
}

/// Lays out `input` with [`LAYER_GAP`] between layers.
pub fn layout(input: &LayoutInput) -> Layout {
    layout_with_gap(input, LAYER_GAP)
}

/// Lays out `input` with `layer_gap` between layers (wider when lines carry labels).
pub fn layout_with_gap(input: &LayoutInput, layer_gap: f64) -> Layout {
    let proper = Proper::new(input);
    let initial = proper.initial_order();
    let initial_crossings = count_crossings(&proper, &initial);
    let (order, crossings) = reduce_crossings(&proper, initial);
    let top = assign_y(&order, &proper);
    let min_y = top.iter().copied().fold(f64::INFINITY, f64::min);
    let min_y = if min_y.is_finite() { min_y } else { 0.0 };
    let mut layer_spans = Vec::new();
    let mut x = 0.0;
    for layer in &order {
        let width =
            layer.iter().filter(|&&v| v < proper.real).map(|&v| input.sizes[v].width).fold(0.0, f64::max);
        layer_spans.push((x, width));
        x += width + layer_gap;
    }
    let last = order.len().saturating_sub(1);
    let nodes: Vec<Rect> = (0..proper.real)
        .map(|v| {
            let (left, span) = layer_spans[proper.layer[v]];
            let size = input.sizes[v];
            let x = match proper.layer[v] {
                0 if last > 0 => left + span - size.width,
                l if l == last && l > 0 => left,
                _ => left + (span - size.width) / 2.0,
            };
            Rect { x, y: top[v] - min_y, width: size.width, height: size.height }
        })
        .collect();
    let routes =
        proper.chains.iter().map(|chain| route(chain, &proper, &nodes, &layer_spans, &top, min_y)).collect();
    let width = (x - layer_gap).max(0.0);
    let height = nodes.iter().map(|r| r.y + r.height).fold(0.0, f64::max);
    Layout { nodes, routes, layer_spans, crossings, initial_crossings, width, height }
}

/// The points of one edge: the right side of its lower-layer box, both sides of
/// each layer it crosses, the left side of its higher-layer box.
fn route(
    chain: &[usize],
    proper: &Proper,
    nodes: &[Rect],
    spans: &[(f64, f64)],
    top: &[f64],
    min_y: f64,
) -> Vec<Point> {
    let (Some(&first), Some(&last)) = (chain.first(), chain.last()) else { return Vec::new() };
    let mut points = Vec::new();
    let a = nodes[first];
    points.push(Point { x: a.x + a.width, y: a.y + a.height / 2.0 });
    for &dummy in &chain[1..chain.len() - 1] {
        let (left, width) = spans[proper.layer[dummy]];
        let y = top[dummy] - min_y + proper.height[dummy] / 2.0;
        points.push(Point { x: left, y });
        points.push(Point { x: left + width, y });
    }
    let b = nodes[last];
    points.push(Point { x: b.x, y: b.y + b.height / 2.0 });
    points
}
