//! Content flowing down the pages: headings, paragraphs and tables over as many
//! pages as needed; a table's header row repeats on every page and its rows break
//! only between lines.

use super::fonts::{Fonts, Style};
use super::page::{Geometry, Item, Page};
use super::table::{HEADER_GREY, PADDING, RULE_GREY, Table, WrappedTable};
use super::wrap::wrap;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::page::items_outside;
    use crate::typeset::table::Column;

    fn fonts() -> Fonts {
        Fonts::embedded().unwrap()
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
