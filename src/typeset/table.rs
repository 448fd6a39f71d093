//! Tables: columns and rows of text cells, with column widths fitted to their
//! content and cells wrapped to their columns.

use super::fonts::{Fonts, Style};
use super::wrap::wrap;

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

pub(super) const PADDING: f32 = 3.0;
/// How many rows of a table are wrapped to compare candidate column widths.
const SAMPLE_ROWS: usize = 1_000;
pub(super) const RULE_GREY: f32 = 0.6;
pub(super) const HEADER_GREY: f32 = 0.88;

/// A table's column edges and wrapped header; body rows are wrapped one at a time
/// as they are placed, so a long table never holds all its lines at once.
pub(super) struct WrappedTable {
    pub(super) edges: Vec<f32>,
    pub(super) header: Vec<Vec<String>>,
}

impl WrappedTable {
    /// Tries each candidate set of column widths and keeps the one that makes the
    /// table shortest.
    pub(super) fn new(fonts: &Fonts, table: &Table, left: f32, width: f32) -> Self {
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
    pub(super) fn row(&self, fonts: &Fonts, table: &Table, index: usize) -> Vec<Vec<String>> {
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

    pub(super) fn line_count(row: &[Vec<String>]) -> usize {
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
