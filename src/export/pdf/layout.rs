//! A small layout engine for reports: greedy word wrap, a top-to-bottom flow of
//! headings, paragraphs and tables over as many pages as needed, and tables whose
//! header row repeats on every page and whose rows break only between lines.
//!
//! Layout produces [`Page`]s of positioned [`Item`]s in points from the bottom-left
//! corner; nothing is drawn until every page exists, so running headers and footers
//! ("Page X of Y") are added once the page count is known. It knows nothing about
//! registers: the report content lives in `report.rs`.

use super::fonts::{Fonts, Style};

/// A positioned thing to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text; `y` is the baseline and `width` the measured width.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// Measured width.
        width: f32,
        /// Font and size.
        style: Style,
        /// The text, one line.
        text: String,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Grey level, 0 black to 1 white.
        grey: f32,
    },
    /// A filled rectangle.
    Fill {
        /// Left edge.
        x: f32,
        /// Bottom edge.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Grey level, 0 black to 1 white.
        grey: f32,
    },
    /// A line through several points in colour, solid or dashed (the flow map).
    Stroke {
        /// The points, in order.
        points: Vec<(f32, f32)>,
        /// Red, green and blue, each 0 to 1.
        colour: Rgb,
        /// Line width.
        width: f32,
        /// Drawn dashed.
        dashed: bool,
    },
    /// A rectangle filled and outlined in colour (the flow map's boxes).
    Shape {
        /// Left edge.
        x: f32,
        /// Bottom edge.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Fill colour.
        fill: Rgb,
        /// Outline colour.
        stroke: Rgb,
    },
}

/// A colour as red, green and blue, each from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// The colour written `#rrggbb`; black when it cannot be read.
    pub fn from_hex(hex: &str) -> Self {
        let channel = |range: std::ops::Range<usize>| {
            hex.trim_start_matches('#').get(range).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0)
        };
        Self(
            f32::from(channel(0..2)) / 255.0,
            f32::from(channel(2..4)) / 255.0,
            f32::from(channel(4..6)) / 255.0,
        )
    }
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// What to draw, in order.
    pub items: Vec<Item>,
}

/// Page size and the box that flowing content may use, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Left edge of the content box.
    pub left: f32,
    /// Right edge of the content box.
    pub right: f32,
    /// Top edge of the content box.
    pub top: f32,
    /// Bottom edge of the content box.
    pub bottom: f32,
}

impl Geometry {
    /// A4 landscape (297 × 210 mm) with room for a running header and footer.
    pub fn a4_landscape() -> Self {
        let (width, height) = (841.89, 595.28);
        Self { width, height, left: 36.0, right: width - 36.0, top: height - 48.0, bottom: 44.0 }
    }

    /// A4 portrait (210 × 297 mm) with room for a running header and footer.
    pub fn a4_portrait() -> Self {
        let (width, height) = (595.28, 841.89);
        Self { width, height, left: 56.0, right: width - 56.0, top: height - 56.0, bottom: 52.0 }
    }

    /// Width of the content box.
    pub fn content_width(&self) -> f32 {
        self.right - self.left
    }
}

/// Replaces control characters (tabs, carriage returns) with spaces, keeping line feeds.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect()
}

/// Wraps `text` into lines no wider than `width` points: greedily by words, keeping
/// line feeds, and breaking a word that is wider than a line between characters.
pub fn wrap(fonts: &Fonts, text: &str, style: Style, width: f32) -> Vec<String> {
    // Widths are sums of glyph advances (no kerning), so a line's width is the sum
    // of its words' and spaces' widths and each word is measured once.
    let space = fonts.width(" ", style);
    let mut lines = Vec::new();
    for paragraph in clean(text).split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split(' ').filter(|word| !word.is_empty()) {
            let word_width = fonts.width(word, style);
            let candidate = if line.is_empty() { word_width } else { line_width + space + word_width };
            if candidate <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_width = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width {
                line = word.to_string();
                line_width = word_width;
            } else {
                let mut pieces = break_word(fonts, word, style, width);
                let (last, last_width) = pieces.pop().unwrap_or_default();
                lines.extend(pieces.into_iter().map(|(piece, _)| piece));
                line = last;
                line_width = last_width;
            }
        }
        lines.push(line);
    }
    lines
}

/// Splits a word wider than `width` into pieces that fit (at least one character
/// each), with their widths.
fn break_word(fonts: &Fonts, word: &str, style: Style, width: f32) -> Vec<(String, f32)> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut piece_width = 0.0;
    let mut buffer = [0; 4];
    for c in word.chars() {
        let char_width = fonts.width(c.encode_utf8(&mut buffer), style);
        if !piece.is_empty() && piece_width + char_width > width {
            pieces.push((std::mem::take(&mut piece), piece_width));
            piece_width = 0.0;
        }
        piece.push(c);
        piece_width += char_width;
    }
    pieces.push((piece, piece_width));
    pieces
}

/// A column of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The heading.
    pub heading: String,
    /// Share of the table width, relative to the other columns.
    pub weight: f32,
}

impl Column {
    /// A column headed `heading` taking `weight` shares of the width.
    pub fn new(heading: impl Into<String>, weight: f32) -> Self {
        Self { heading: heading.into(), weight }
    }
}

/// A table: columns and rows of text cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// Rows of cells, one cell per column.
    pub rows: Vec<Vec<String>>,
    /// Whether to draw the heading row (repeated on every page).
    pub show_header: bool,
    /// Style of body text.
    pub style: Style,
    /// Style of header text.
    pub header_style: Style,
    /// Fit column widths to their content (see `column_widths`); when false the
    /// widths follow the weights exactly.
    pub auto_width: bool,
}

const PADDING: f32 = 3.0;
/// How many rows of a table are wrapped to compare candidate column widths.
const SAMPLE_ROWS: usize = 1_000;
const RULE_GREY: f32 = 0.6;
const HEADER_GREY: f32 = 0.88;

/// A table's column edges and wrapped header; body rows are wrapped one at a time
/// as they are placed, so a long table never holds all its lines at once.
struct WrappedTable {
    edges: Vec<f32>,
    header: Vec<Vec<String>>,
}

impl WrappedTable {
    /// Tries each candidate set of column widths and keeps the one that makes the
    /// table shortest.
    fn new(fonts: &Fonts, table: &Table, left: f32, width: f32) -> Self {
        let candidates = if table.auto_width {
            column_widths(fonts, table, width)
        } else {
            vec![weighted_widths(table, width)]
        };
        let wrapped: Vec<Self> =
            candidates.iter().map(|widths| Self::with_widths(fonts, table, left, widths)).collect();
        // A long table is judged on an evenly spread sample of its rows.
        let step = table.rows.len().div_ceil(SAMPLE_ROWS).max(1);
        let height = |wrapped: &Self| {
            (0..table.rows.len())
                .step_by(step)
                .map(|i| Self::line_count(&wrapped.row(fonts, table, i)))
                .sum::<usize>()
                + Self::line_count(&wrapped.header)
        };
        match wrapped.len() {
            1 => wrapped.into_iter().next(),
            _ => wrapped.into_iter().min_by_key(height),
        }
        .unwrap_or_else(|| Self::with_widths(fonts, table, left, &weighted_widths(table, width)))
    }

    fn with_widths(fonts: &Fonts, table: &Table, left: f32, widths: &[f32]) -> Self {
        let mut edges = vec![left];
        for column_width in widths {
            let last = edges.last().copied().unwrap_or(left);
            edges.push(last + column_width);
        }
        let mut wrapped = Self { edges, header: Vec::new() };
        wrapped.header = wrapped.wrap_cells(
            fonts,
            &mut table.columns.iter().map(|c| c.heading.as_str()),
            table.header_style,
        );
        wrapped
    }

    /// Row `index` of `table`, each cell wrapped to its column.
    fn row(&self, fonts: &Fonts, table: &Table, index: usize) -> Vec<Vec<String>> {
        let row = &table.rows[index];
        let mut cells = (0..table.columns.len()).map(|i| row.get(i).map_or("", String::as_str));
        self.wrap_cells(fonts, &mut cells, table.style)
    }

    fn wrap_cells(
        &self,
        fonts: &Fonts,
        cells: &mut dyn Iterator<Item = &str>,
        style: Style,
    ) -> Vec<Vec<String>> {
        let inner = |i: usize| self.edges[i + 1] - self.edges[i] - 2.0 * PADDING;
        cells.enumerate().map(|(i, cell)| wrap(fonts, cell, style, inner(i))).collect()
    }

    fn line_count(row: &[Vec<String>]) -> usize {
        row.iter().map(Vec::len).max().unwrap_or(1).max(1)
    }
}

/// Widths that follow the column weights exactly.
fn weighted_widths(table: &Table, width: f32) -> Vec<f32> {
    let total: f32 = table.columns.iter().map(|c| c.weight.max(0.01)).sum();
    table.columns.iter().map(|c| width * c.weight.max(0.01) / total).collect()
}

/// How wide a column's text is: its longest word, its longest line, and the average
/// width of its non-empty cells and of all its cells (padding included).
struct ColumnText {
    word: f32,
    line: f32,
    average_filled: f32,
    average_all: f32,
}

fn measure_column(fonts: &Fonts, table: &Table, index: usize) -> ColumnText {
    let cells = table.rows.iter().filter_map(|row| row.get(index)).map(|cell| (cell.as_str(), table.style));
    let all = std::iter::once((table.columns[index].heading.as_str(), table.header_style)).chain(cells);
    let (mut word, mut line, mut total, mut filled, mut count) =
        (0.0_f32, 0.0_f32, 0.0_f32, 0.0_f32, 0.0_f32);
    for (text, style) in all {
        for part in text.split('\n') {
            let part_width = fonts.width(part, style);
            line = line.max(part_width);
            total += part_width;
        }
        for piece in text.split_whitespace() {
            word = word.max(fonts.width(piece, style));
        }
        count += 1.0;
        if !text.trim().is_empty() {
            filled += 1.0;
        }
    }
    let padding = 2.0 * PADDING + 0.5;
    ColumnText {
        word: word + padding,
        line: line + padding,
        average_filled: total / filled.max(1.0) + padding,
        average_all: total / count.max(1.0) + padding,
    }
}

/// Candidate column widths that add up to `width`, in the spirit of an automatic
/// HTML table layout: every column first gets its longest word (so words break
/// mid-word only when the table cannot fit them all), then the rest of the width
/// goes to the columns with more text, never past the width their longest line
/// needs. "More text" is judged three ways (average of filled cells, average of all
/// cells, weights alone); the table keeps whichever makes it shortest.
fn column_widths(fonts: &Fonts, table: &Table, width: f32) -> Vec<Vec<f32>> {
    let count = table.columns.len();
    let measured: Vec<ColumnText> = (0..count).map(|i| measure_column(fonts, table, i)).collect();
    let minimum: Vec<f32> = measured.iter().map(|m| m.word).collect();
    if minimum.iter().sum::<f32>() > width {
        return vec![weighted_widths(table, width)];
    }
    let weights: Vec<f32> = table.columns.iter().map(|c| c.weight.max(0.01)).collect();
    let demands: [Vec<f32>; 3] = [
        measured.iter().zip(&weights).map(|(m, w)| (m.average_filled - m.word).max(1.0) * w).collect(),
        measured.iter().zip(&weights).map(|(m, w)| (m.average_all - m.word).max(1.0) * w).collect(),
        weights.clone(),
    ];
    let maximum: Vec<f32> = measured.iter().map(|m| m.line).collect();
    demands.iter().map(|demand| distribute(width, &minimum, &maximum, demand, &weights)).collect()
}

/// Gives each column its `minimum`, then shares the rest by `demand`, capping a
/// column at its `maximum` and handing what it does not need to the others; what
/// nobody wants is shared by `weights`.
fn distribute(width: f32, minimum: &[f32], maximum: &[f32], demand: &[f32], weights: &[f32]) -> Vec<f32> {
    let count = minimum.len();
    let mut widths = minimum.to_vec();
    let mut open: Vec<bool> = (0..count).map(|i| maximum[i] > minimum[i]).collect();
    loop {
        let slack = width - widths.iter().sum::<f32>();
        let wanted: Vec<f32> = (0..count).map(|i| if open[i] { demand[i] } else { 0.0 }).collect();
        let total_wanted: f32 = wanted.iter().sum();
        if slack <= 0.01 || total_wanted <= 0.0 {
            let total: f32 = weights.iter().sum::<f32>().max(0.01);
            return widths
                .iter()
                .zip(weights)
                .map(|(w, weight)| w + slack.max(0.0) * weight / total)
                .collect();
        }
        let mut capped = false;
        for i in 0..count {
            if open[i] && widths[i] + slack * wanted[i] / total_wanted >= maximum[i] {
                widths[i] = maximum[i];
                open[i] = false;
                capped = true;
            }
        }
        if !capped {
            for i in 0..count {
                widths[i] += slack * wanted[i] / total_wanted;
            }
            return widths;
        }
    }
}

/// Content flowing down the pages.
pub struct Flow<'a> {
    fonts: &'a Fonts,
    geometry: Geometry,
    /// Pages laid out and kept: all of them, or only the current one when streaming.
    pages: Vec<Page>,
    /// Where finished pages go when streaming.
    sink: Option<&'a mut dyn FnMut(Page)>,
    /// The top of the free space on the current page.
    y: f32,
}

impl<'a> Flow<'a> {
    /// An empty flow that keeps its pages; the first page starts with the first item.
    pub fn new(fonts: &'a Fonts, geometry: Geometry) -> Self {
        Self { fonts, geometry, pages: Vec::new(), sink: None, y: geometry.bottom - 1.0 }
    }

    /// An empty flow that hands each page to `sink` as soon as it is finished
    /// (the last one at [`Flow::finish`]) instead of keeping it.
    pub fn streaming(fonts: &'a Fonts, geometry: Geometry, sink: &'a mut dyn FnMut(Page)) -> Self {
        Self { sink: Some(sink), ..Self::new(fonts, geometry) }
    }

    fn hand_over(&mut self) {
        if let Some(sink) = &mut self.sink {
            for page in self.pages.drain(..) {
                sink(page);
            }
        }
    }

    /// The page geometry.
    pub fn geometry(&self) -> Geometry {
        self.geometry
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.hand_over();
        self.pages.push(Page::default());
        self.y = self.geometry.top;
    }

    /// Starts a new page unless `height` points still fit on this one.
    pub fn need(&mut self, height: f32) {
        if self.pages.is_empty() || self.y - height < self.geometry.bottom {
            self.new_page();
        }
    }

    /// Leaves `height` points of space (never crossing a page end).
    pub fn space(&mut self, height: f32) {
        self.y = (self.y - height).max(self.geometry.bottom);
    }

    fn push(&mut self, item: Item) {
        if self.pages.is_empty() {
            self.new_page();
        }
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    /// Adds `items` to the current page as they are (already positioned).
    pub fn place(&mut self, items: Vec<Item>) {
        for item in items {
            self.push(item);
        }
    }

    fn text_line(&mut self, x: f32, baseline: f32, style: Style, text: String) {
        let width = self.fonts.width(&text, style);
        self.push(Item::Text { x, y: baseline, width, style, text });
    }

    /// A wrapped paragraph across the content width; it moves to a new page line by
    /// line as needed. `keep_lines` lines must fit together with it (for headings).
    pub fn paragraph(&mut self, text: &str, style: Style, keep_lines: usize) {
        let lines = wrap(self.fonts, text, style, self.geometry.content_width());
        let line_height = style.line_height();
        self.need(line_height * (lines.len().min(2) + keep_lines) as f32);
        for line in lines {
            self.need(line_height);
            self.y -= line_height;
            let baseline = self.y + line_height - style.size;
            self.text_line(self.geometry.left, baseline, style, line);
        }
    }

    /// A bulleted item: `marker` in the margin, the text wrapped beside it with a
    /// hanging indent of `indent` points, moving to a new page line by line.
    pub fn bullet(&mut self, marker: &str, text: &str, style: Style, indent: f32) {
        let lines = wrap(self.fonts, text, style, self.geometry.content_width() - indent);
        let line_height = style.line_height();
        self.need(line_height * lines.len().min(2) as f32);
        for (index, line) in lines.into_iter().enumerate() {
            self.need(line_height);
            self.y -= line_height;
            let baseline = self.y + line_height - style.size;
            if index == 0 {
                self.text_line(self.geometry.left + indent * 0.3, baseline, style, marker.to_string());
            }
            self.text_line(self.geometry.left + indent, baseline, style, line);
        }
    }

    /// A table across the content width.
    pub fn table(&mut self, table: &Table) {
        let wrapped = WrappedTable::new(self.fonts, table, self.geometry.left, self.geometry.content_width());
        let line_height = table.style.line_height();
        let header_height = if table.show_header {
            WrappedTable::line_count(&wrapped.header) as f32 * table.header_style.line_height()
                + 2.0 * PADDING
        } else {
            0.0
        };
        self.need(header_height + line_height + 2.0 * PADDING);
        self.header(table, &wrapped, header_height);
        for index in 0..table.rows.len() {
            let row = wrapped.row(self.fonts, table, index);
            self.row(table, &wrapped, &row, header_height);
        }
    }

    fn header(&mut self, table: &Table, wrapped: &WrappedTable, header_height: f32) {
        if !table.show_header {
            self.rule(wrapped);
            return;
        }
        let (left, right) = (wrapped.edges[0], wrapped.edges[wrapped.edges.len() - 1]);
        let top = self.y;
        self.push(Item::Fill {
            x: left,
            y: top - header_height,
            width: right - left,
            height: header_height,
            grey: HEADER_GREY,
        });
        self.rule(wrapped);
        self.cells(
            wrapped,
            &wrapped.header,
            0..WrappedTable::line_count(&wrapped.header),
            table.header_style,
        );
        self.y = top - header_height;
        self.verticals(wrapped, top);
        self.rule(wrapped);
    }

    /// Places one row, splitting it between lines only when it is taller than a page.
    fn row(&mut self, table: &Table, wrapped: &WrappedTable, row: &[Vec<String>], header_height: f32) {
        let line_height = table.style.line_height();
        let count = WrappedTable::line_count(row);
        let page_lines = ((self.geometry.top - self.geometry.bottom - header_height - 2.0 * PADDING)
            / line_height)
            .floor()
            .max(1.0) as usize;
        let mut start = 0;
        let mut fresh_page = false;
        while start < count {
            let remaining = count - start;
            let fit =
                ((self.y - self.geometry.bottom - 2.0 * PADDING) / line_height).floor().max(0.0) as usize;
            let lines = if remaining <= fit {
                remaining
            } else if fresh_page {
                // Even a fresh page cannot hold the rest: fill it (at least one line).
                fit.max(1)
            } else if remaining <= page_lines || fit == 0 {
                self.continue_table(table, wrapped, header_height);
                fresh_page = true;
                continue;
            } else {
                fit
            };
            fresh_page = false;
            let top = self.y;
            self.cells(wrapped, row, start..start + lines, table.style);
            self.y = top - lines as f32 * line_height - 2.0 * PADDING;
            self.verticals(wrapped, top);
            self.rule(wrapped);
            start += lines;
        }
    }

    fn continue_table(&mut self, table: &Table, wrapped: &WrappedTable, header_height: f32) {
        self.new_page();
        self.header(table, wrapped, header_height);
    }

    /// Draws lines `range` of every cell of `row`, from the current top.
    fn cells(
        &mut self,
        wrapped: &WrappedTable,
        row: &[Vec<String>],
        range: std::ops::Range<usize>,
        style: Style,
    ) {
        let top = self.y;
        for (column, lines) in row.iter().enumerate() {
            let x = wrapped.edges[column] + PADDING;
            for (offset, line) in lines.iter().enumerate().skip(range.start).take(range.len()) {
                let index = offset - range.start;
                let baseline = top - PADDING - index as f32 * style.line_height() - style.size;
                self.text_line(x, baseline, style, line.clone());
            }
        }
    }

    fn rule(&mut self, wrapped: &WrappedTable) {
        let (left, right) = (wrapped.edges[0], wrapped.edges[wrapped.edges.len() - 1]);
        self.push(Item::Line { from: (left, self.y), to: (right, self.y), grey: RULE_GREY });
    }

    fn verticals(&mut self, wrapped: &WrappedTable, top: f32) {
        for &x in &wrapped.edges {
            self.push(Item::Line { from: (x, top), to: (x, self.y), grey: RULE_GREY });
        }
    }

    /// The laid-out pages; none when streaming, where the last page has now gone to
    /// the sink.
    pub fn finish(mut self) -> Vec<Page> {
        self.hand_over();
        self.pages
    }
}

/// Adds a running header and footer to every page: `decorate(index, count)` returns
/// the items for page `index` (from 0) of `count`.
pub fn decorate(pages: &mut [Page], mut decorate: impl FnMut(usize, usize) -> Vec<Item>) {
    let count = pages.len();
    for (index, page) in pages.iter_mut().enumerate() {
        page.items.extend(decorate(index, count));
    }
}

/// Items that fall outside the page, by a margin of `tolerance` points: a test aid
/// and a guard in the report.
pub fn items_outside(page: &Page, geometry: Geometry, tolerance: f32) -> Vec<Item> {
    let inside_x = |x: f32| x >= -tolerance && x <= geometry.width + tolerance;
    let inside_y = |y: f32| y >= -tolerance && y <= geometry.height + tolerance;
    page.items
        .iter()
        .filter(|item| match item {
            Item::Text { x, y, width, style, .. } => {
                !(inside_x(*x)
                    && inside_x(x + width)
                    && inside_y(*y - style.size * 0.25)
                    && inside_y(y + style.size))
            }
            Item::Line { from, to, .. } => {
                !(inside_x(from.0) && inside_x(to.0) && inside_y(from.1) && inside_y(to.1))
            }
            Item::Fill { x, y, width, height, .. } | Item::Shape { x, y, width, height, .. } => {
                !(inside_x(*x) && inside_x(x + width) && inside_y(*y) && inside_y(y + height))
            }
            Item::Stroke { points, .. } => !points.iter().all(|(x, y)| inside_x(*x) && inside_y(*y)),
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::embedded().unwrap()
    }

    fn check_wrap(text: &str, width: f32, expected: &[&str]) {
        let fonts = fonts();
        let style = Style::regular(10.0);
        let lines = wrap(&fonts, text, style, width);
        assert_eq!(lines, expected, "wrapping {text:?} at {width}");
        for line in &lines {
            let measured = fonts.width(line, style);
            assert!(measured <= width || line.chars().count() == 1, "{line:?} is {measured} > {width}");
        }
    }

    #[test]
    fn wrap_is_greedy_and_breaks_long_words() {
        let fonts = fonts();
        let style = Style::regular(10.0);
        let word = fonts.width("alpha", style);
        let space = fonts.width("alpha beta", style) - word - fonts.width("beta", style);
        check_wrap("", 100.0, &[""]);
        check_wrap("alpha beta", 1000.0, &["alpha beta"]);
        check_wrap(
            "alpha beta gamma",
            word + space + fonts.width("beta", style) + 0.1,
            &["alpha beta", "gamma"],
        );
        check_wrap("line one\nline two", 1000.0, &["line one", "line two"]);
        check_wrap("  spaced   out  ", 1000.0, &["spaced out"]);
        check_wrap("tab\there", 1000.0, &["tab here"]);
        let long = "Supercalifragilisticexpialidocious";
        let lines = wrap(&fonts, long, style, 40.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.concat(), long);
        // A width narrower than one character still makes progress.
        assert_eq!(wrap(&fonts, "WW", style, 1.0), vec!["W", "W"]);
    }

    fn table(rows: Vec<Vec<String>>) -> Table {
        Table {
            columns: vec![Column::new("First heading", 1.0), Column::new("Second", 3.0)],
            rows,
            show_header: true,
            style: Style::regular(9.0),
            header_style: Style::bold(9.0),
            auto_width: true,
        }
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.items
            .iter()
            .filter_map(|item| match item {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn tables_repeat_the_header_and_keep_rows_whole() {
        let fonts = fonts();
        let geometry = Geometry::a4_landscape();
        let rows: Vec<Vec<String>> =
            (0..120).map(|i| vec![format!("Row {i}"), format!("first line {i}\nsecond line {i}")]).collect();
        let mut flow = Flow::new(&fonts, geometry);
        flow.table(&table(rows));
        let pages = flow.finish();
        assert!(pages.len() > 2, "{} pages", pages.len());
        for page in &pages {
            let texts = texts(page);
            assert_eq!(texts[0], "First heading", "header repeated");
            // Each row's two lines sit on the same page.
            for i in 0..120 {
                let first = texts.contains(&format!("first line {i}").as_str());
                let second = texts.contains(&format!("second line {i}").as_str());
                assert_eq!(first, second, "row {i} split across pages");
            }
            assert!(items_outside(page, geometry, 0.0).is_empty());
            for item in &page.items {
                if let Item::Text { y, .. } = item {
                    assert!(*y >= geometry.bottom, "text below the content box: {item:?}");
                }
            }
        }
    }

    #[test]
    fn a_streaming_flow_hands_over_the_pages_a_kept_flow_keeps() {
        let fonts = fonts();
        let geometry = Geometry::a4_landscape();
        let rows: Vec<Vec<String>> =
            (0..200).map(|i| vec![format!("Row {i}"), format!("first line {i}\nsecond line {i}")]).collect();
        let lay_out = |flow: &mut Flow<'_>| {
            flow.paragraph("A heading", Style::bold(14.0), 2);
            flow.table(&table(rows.clone()));
            flow.new_page();
            flow.paragraph("The last page", Style::regular(9.0), 0);
        };
        let mut kept = Flow::new(&fonts, geometry);
        lay_out(&mut kept);
        let kept = kept.finish();
        let mut streamed = Vec::new();
        let mut sink = |page: Page| streamed.push(page);
        let mut flow = Flow::streaming(&fonts, geometry, &mut sink);
        lay_out(&mut flow);
        assert!(flow.finish().is_empty(), "a streaming flow keeps nothing");
        assert!(kept.len() > 3, "{} pages", kept.len());
        assert_eq!(streamed, kept);
    }

    #[test]
    fn a_row_taller_than_a_page_splits_between_lines() {
        let fonts = fonts();
        let geometry = Geometry::a4_landscape();
        let tall: String = (0..200).map(|i| format!("line {i}\n")).collect();
        let mut flow = Flow::new(&fonts, geometry);
        flow.table(&table(vec![vec!["Tall".into(), tall]]));
        let pages = flow.finish();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let all: Vec<&str> = pages.iter().flat_map(texts).collect();
        for i in 0..200 {
            assert_eq!(all.iter().filter(|t| **t == format!("line {i}")).count(), 1, "line {i} once");
        }
        for page in &pages {
            assert_eq!(texts(page)[0], "First heading");
            assert!(items_outside(page, geometry, 0.0).is_empty());
        }
    }

    #[test]
    fn long_unbroken_text_stays_inside_its_column() {
        let fonts = fonts();
        let geometry = Geometry::a4_landscape();
        let mut flow = Flow::new(&fonts, geometry);
        flow.table(&table(vec![vec!["x".repeat(500), "=HYPERLINK(".repeat(80)]]));
        let pages = flow.finish();
        let first_column_right = geometry.left + geometry.content_width() / 4.0;
        for page in &pages {
            for item in &page.items {
                if let Item::Text { x, width, .. } = item
                    && *x < first_column_right
                {
                    assert!(x + width <= first_column_right, "{item:?} crosses into the next column");
                }
            }
            assert!(items_outside(page, geometry, 0.0).is_empty());
        }
    }
}
