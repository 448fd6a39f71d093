//! Turns laid-out pages into a PDF with `pdf-writer`, one page at a time, straight
//! to the output.
//!
//! Each page is encoded, compressed and written to the output as soon as it is
//! laid out and then dropped, so a report of thousands of pages never holds more
//! than one page's drawing (and one small buffer of finished objects) in memory:
//! only each object's offset is kept, for the cross-reference table written at
//! the end. The running header and footer of every page ("Page X of Y"), the page
//! objects, the page tree and the fonts go after the pages, once the page count
//! and the glyphs used are known; every object is referred to by a number
//! allocated in advance, so nothing written needs to change afterwards.
//! Text is real text: DejaVu Sans embedded as a CID font, subset to the glyphs used
//! (`subsetter`), with a ToUnicode map so that it can be searched and copied.

use std::io::Write;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::writers::{Catalog, DocumentInfo};
use pdf_writer::{Chunk, Content, Filter, Finish, Name, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use super::fonts::{BOLD_TTF, Fonts, Metrics, REGULAR_TTF, Weight};
use super::page::{Geometry, Item, Page};
use crate::{Error, Result};

/// Document information stored in the PDF.
#[derive(Debug, Clone)]
pub struct Metadata {
    /// Title.
    pub title: String,
    /// Author (the organisation).
    pub author: String,
    /// Subject.
    pub subject: String,
    /// When the document was made.
    pub created: time::OffsetDateTime,
}

/// Renders `pages` (already decorated, laid out with `fonts`) to the bytes of a PDF file.
pub fn render(pages: &[Page], fonts: &Fonts, geometry: Geometry, metadata: &Metadata) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut writer = Writer::new(fonts, geometry, &mut bytes);
    for page in pages {
        writer.page(page);
    }
    writer.finish(|_, _| Vec::new(), metadata)?;
    Ok(bytes)
}

/// Deflate level for streams: level 1 is 5% faster but a 50% larger file; the
/// best level takes four times as long for a few per cent.
const COMPRESSION: u8 = 3;

/// The first characters of the subset fonts' names, as PDF requires of a subset.
const SUBSET_TAGS: [&str; 2] = ["RPARGA", "RPARGB"];

/// The file's header: the version and a comment of bytes above 127, which tells
/// file transfer programs that the file is binary.
const HEADER: &[u8] = b"%PDF-1.7\n%\x80\x80\x80\x80\n\n";

/// Finished objects are handed to the output in pieces of about this size.
const FLUSH_BYTES: usize = 256 * 1024;

/// A PDF being written page by page to an output.
pub struct Writer<'f, 'o> {
    fonts: &'f Fonts,
    geometry: Geometry,
    out: Objects<'o>,
    next_ref: i32,
    /// Each page's object and its body content stream.
    pages: Vec<(Ref, Ref)>,
    /// The glyphs used of the regular and the bold face.
    used: [GlyphSet; 2],
}

/// The objects written so far: a buffer of finished objects not yet handed to the
/// output, where each object starts in the file, and the first write error.
struct Objects<'o> {
    out: &'o mut dyn Write,
    chunk: Chunk,
    /// Bytes already handed to the output.
    written: u64,
    /// Each object's number and where it starts in the file.
    offsets: Vec<(i32, u64)>,
    /// The first error writing to the output; nothing more is written after it.
    error: Option<std::io::Error>,
}

impl<'o> Objects<'o> {
    fn new(out: &'o mut dyn Write) -> Self {
        let mut objects = Self { out, chunk: Chunk::new(), written: 0, offsets: Vec::new(), error: None };
        objects.emit(HEADER);
        objects
    }

    /// Starts object `id` in the buffer and returns the buffer to write it in.
    fn start(&mut self, id: Ref) -> &mut Chunk {
        self.offsets.push((id.get(), self.written + self.chunk.len() as u64));
        &mut self.chunk
    }

    /// Hands the buffer to the output once it is large enough (or `always`).
    fn flush(&mut self, always: bool) {
        if always || self.chunk.len() >= FLUSH_BYTES {
            let chunk =
                std::mem::replace(&mut self.chunk, Chunk::with_capacity(FLUSH_BYTES + FLUSH_BYTES / 4));
            self.emit(chunk.as_bytes());
        }
    }

    /// Writes `bytes` to the output unless an earlier write failed.
    fn emit(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            match self.out.write_all(bytes) {
                Ok(()) => self.written += bytes.len() as u64,
                Err(error) => self.error = Some(error),
            }
        }
    }

    fn check(&mut self) -> Result<()> {
        self.error.take().map_or(Ok(()), |source| {
            Err(Error::Io { action: "Writing the export", path: crate::error::UNNAMED_OUTPUT.into(), source })
        })
    }

    /// Writes the cross-reference table and the trailer, pointing at `catalog` and
    /// `info`, and flushes the output.
    fn finish(mut self, catalog: Ref, info: Ref) -> Result<()> {
        self.flush(true);
        let start = self.written;
        let table = cross_reference(std::mem::take(&mut self.offsets));
        let size = table.size;
        self.emit(&table.bytes);
        let trailer = format!(
            "trailer\n<<\n  /Size {size}\n  /Root {} 0 R\n  /Info {} 0 R\n>>\nstartxref\n{start}\n%%EOF",
            catalog.get(),
            info.get()
        );
        self.emit(trailer.as_bytes());
        if self.error.is_none()
            && let Err(error) = self.out.flush()
        {
            self.error = Some(error);
        }
        self.check()
    }
}

/// A cross-reference table and the number of entries it has (the trailer's `/Size`).
struct CrossReference {
    bytes: Vec<u8>,
    size: usize,
}

/// The cross-reference table of objects at `offsets`: every number from 0 to the
/// highest has an entry; numbers not written (none, in practice) are free and
/// chained from entry 0, as the format asks.
fn cross_reference(mut offsets: Vec<(i32, u64)>) -> CrossReference {
    offsets.sort_unstable();
    let highest = offsets.last().map_or(0, |&(id, _)| usize::try_from(id).unwrap_or(0));
    let size = highest + 1;
    let mut at: Vec<Option<u64>> = vec![None; size];
    for (id, offset) in offsets {
        if let Some(slot) = usize::try_from(id).ok().and_then(|id| at.get_mut(id)) {
            *slot = Some(offset);
        }
    }
    let free: Vec<usize> = (1..size).filter(|&id| at[id].is_none()).collect();
    let mut bytes = Vec::with_capacity(20 * size + 32);
    bytes.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    let next_free = |id: usize| free.get(free.partition_point(|&f| f <= id)).copied().unwrap_or(0);
    bytes.extend_from_slice(format!("{:010} 65535 f\r\n", next_free(0)).as_bytes());
    for (id, offset) in at.iter().enumerate().skip(1) {
        let line = match offset {
            Some(offset) => format!("{offset:010} 00000 n\r\n"),
            None => format!("{:010} 00000 f\r\n", next_free(id)),
        };
        bytes.extend_from_slice(line.as_bytes());
    }
    CrossReference { bytes, size }
}

impl<'f, 'o> Writer<'f, 'o> {
    /// An empty PDF of pages of `geometry`, drawing text in `fonts`, written to `out`
    /// as it is made. A write error stops the writing; [`Writer::finish`] returns it.
    pub fn new(fonts: &'f Fonts, geometry: Geometry, out: &'o mut dyn Write) -> Self {
        Self {
            fonts,
            geometry,
            out: Objects::new(out),
            next_ref: 1,
            pages: Vec::new(),
            used: [GlyphSet::new(&fonts.regular), GlyphSet::new(&fonts.bold)],
        }
    }

    fn alloc(&mut self) -> Ref {
        let id = Ref::new(self.next_ref);
        self.next_ref += 1;
        id
    }

    /// Adds `page` as the next page and writes its drawing to the output. Returns
    /// `false` once a write to the output has failed (the error is kept for
    /// [`Writer::finish`]); there is then no point in laying out more pages.
    pub fn page(&mut self, page: &Page) -> bool {
        if self.failed() {
            return false;
        }
        let content = self.content(&page.items);
        let (page_id, body_id) = (self.alloc(), self.alloc());
        self.write_stream(body_id, &content);
        self.pages.push((page_id, body_id));
        self.out.flush(false);
        !self.failed()
    }

    /// Whether a write to the output has failed.
    pub fn failed(&self) -> bool {
        self.out.error.is_some()
    }

    /// How many pages have been added.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Finishes the PDF: `running(index, count)` gives the items drawn on page
    /// `index` (from 0) of `count` over its body, such as a running header and footer.
    /// Then come the page objects, the fonts, the page tree, the catalog, the
    /// document information and the cross-reference table.
    pub fn finish(
        mut self,
        mut running: impl FnMut(usize, usize) -> Vec<Item>,
        metadata: &Metadata,
    ) -> Result<()> {
        let (catalog_id, tree_id, info_id) = (self.alloc(), self.alloc(), self.alloc());
        let font_ids = [self.alloc(), self.alloc()];
        let pages = std::mem::take(&mut self.pages);
        let count = pages.len();
        for (index, (page_id, body_id)) in pages.iter().enumerate() {
            if self.failed() {
                break;
            }
            let mut contents = vec![*body_id];
            let items = running(index, count);
            if !items.is_empty() {
                let overlay = self.content(&items);
                let overlay_id = self.alloc();
                self.write_stream(overlay_id, &overlay);
                contents.push(overlay_id);
            }
            self.write_page(*page_id, tree_id, contents, font_ids);
            self.out.flush(false);
        }
        for (weight, font_id) in [Weight::Regular, Weight::Bold].into_iter().zip(font_ids) {
            self.write_font(weight, font_id)?;
        }
        let page_count = i32::try_from(count).unwrap_or(i32::MAX);
        self.out.start(tree_id).pages(tree_id).kids(pages.iter().map(|(page, _)| *page)).count(page_count);
        self.out.start(catalog_id).indirect(catalog_id).start::<Catalog<'_>>().pages(tree_id);
        write_info(self.out.start(info_id), info_id, metadata);
        self.out.finish(catalog_id, info_id)
    }

    fn write_page(&mut self, page_id: Ref, tree_id: Ref, contents: Vec<Ref>, font_ids: [Ref; 2]) {
        let Geometry { width, height, .. } = self.geometry;
        let mut page = self.out.start(page_id).page(page_id);
        page.parent(tree_id).media_box(Rect::new(0.0, 0.0, width, height)).contents_array(contents);
        let mut resources = page.resources();
        let mut fonts = resources.fonts();
        fonts.pair(Name(b"F1"), font_ids[0]).pair(Name(b"F2"), font_ids[1]);
    }

    fn write_stream(&mut self, id: Ref, data: &[u8]) {
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(data, COMPRESSION);
        self.out.start(id).stream(id, &compressed).filter(Filter::FlateDecode);
    }

    /// The content stream that draws `items`.
    fn content(&mut self, items: &[Item]) -> Vec<u8> {
        let mut content = Content::new();
        content.set_line_width(0.5);
        let mut text = TextRun::default();
        for item in items {
            match item {
                Item::Text { x, y, style, text: line, .. } => {
                    let slot = usize::from(style.weight == Weight::Bold);
                    let glyphs = self.used[slot].encode(self.fonts.metrics(style.weight), line);
                    text.show(&mut content, slot, style.size, (*x, *y), &glyphs);
                }
                other => {
                    text.end(&mut content);
                    draw_shape(&mut content, other);
                }
            }
        }
        text.end(&mut content);
        content.finish().into_vec()
    }

    /// Writes the subset of `weight`'s face that the pages used as the Type 0
    /// font `font_id`, with its widths and its map back to Unicode.
    fn write_font(&mut self, weight: Weight, font_id: Ref) -> Result<()> {
        let slot = usize::from(weight == Weight::Bold);
        let (ttf, base) = match weight {
            Weight::Regular => (REGULAR_TTF, "DejaVuSans"),
            Weight::Bold => (BOLD_TTF, "DejaVuSans-Bold"),
        };
        let (cid_id, descriptor_id, file_id, unicode_id) =
            (self.alloc(), self.alloc(), self.alloc(), self.alloc());
        let metrics = self.fonts.metrics(weight);
        let used = &self.used[slot];
        let program = subsetter::subset(ttf, 0, &used.remapper).map_err(|error| Error::Export {
            message: format!("the embedded font cannot be subset ({error})"),
        })?;
        let name = format!("{}+{base}", SUBSET_TAGS[slot]);
        let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
        self.out
            .start(font_id)
            .type0_font(font_id)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_id)
            .to_unicode(unicode_id);
        let scale = 1000.0 / metrics.units_per_em();
        let widths: Vec<f32> =
            used.remapper.remapped_gids().map(|glyph| f32::from(metrics.advance(glyph)) * scale).collect();
        let mut cid = self.out.start(cid_id).cid_font(cid_id);
        cid.subtype(CidFontType::Type2)
            .base_font(Name(name.as_bytes()))
            .system_info(system)
            .font_descriptor(descriptor_id)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        cid.finish();
        write_descriptor(self.out.start(descriptor_id), descriptor_id, file_id, &name, metrics, scale);
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&program, COMPRESSION);
        self.out.start(file_id).stream(file_id, &compressed).filter(Filter::FlateDecode);
        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system);
        for (new, c) in used.unicode.iter().enumerate() {
            if let (Ok(new), Some(c)) = (u16::try_from(new), c) {
                cmap.pair(new, *c);
            }
        }
        self.out.start(unicode_id).cmap(unicode_id, &cmap.finish());
        Ok(())
    }
}

fn write_descriptor(pdf: &mut Chunk, id: Ref, file_id: Ref, name: &str, metrics: &Metrics, scale: f32) {
    let face = metrics.face();
    let bounds = face.global_bounding_box();
    let units = |value: i16| f32::from(value) * scale;
    pdf.font_descriptor(id)
        .name(Name(name.as_bytes()))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(units(bounds.x_min), units(bounds.y_min), units(bounds.x_max), units(bounds.y_max)))
        .italic_angle(0.0)
        .ascent(units(face.ascender()))
        .descent(units(face.descender()))
        .cap_height(units(face.capital_height().unwrap_or(face.ascender())))
        .stem_v(80.0)
        .font_file2(file_id);
}

fn write_info(pdf: &mut Chunk, id: Ref, metadata: &Metadata) {
    let at = metadata.created.to_offset(time::UtcOffset::UTC);
    let date = pdf_writer::Date::new(u16::try_from(at.year()).unwrap_or(2000))
        .month(u8::from(at.month()))
        .day(at.day())
        .hour(at.hour())
        .minute(at.minute())
        .second(at.second())
        .utc_offset_hour(0);
    pdf.indirect(id)
        .start::<DocumentInfo<'_>>()
        .title(TextStr(&metadata.title))
        .author(TextStr(&metadata.author))
        .subject(TextStr(&metadata.subject))
        .creator(TextStr("ROPA Register"))
        .producer(TextStr("ROPA Register (pdf-writer)"))
        .creation_date(date)
        .modified_date(date);
}

/// The glyphs of one face used so far, numbered in order of first use, with the
/// character each one first drew (for the ToUnicode map).
struct GlyphSet {
    remapper: GlyphRemapper,
    /// The new number of each glyph of the face (0: not used yet, or .notdef).
    numbers: Vec<u16>,
    /// The character of each new number.
    unicode: Vec<Option<char>>,
}

impl GlyphSet {
    fn new(metrics: &Metrics) -> Self {
        let glyphs = metrics.face().number_of_glyphs();
        Self { remapper: GlyphRemapper::new(), numbers: vec![0; usize::from(glyphs)], unicode: vec![None] }
    }

    /// `text` as big-endian two-byte glyph numbers of the subset.
    fn encode(&mut self, metrics: &Metrics, text: &str) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let glyph = metrics.glyph(c);
            let number = self.number(glyph, c);
            bytes.extend_from_slice(&number.to_be_bytes());
        }
        bytes
    }

    fn number(&mut self, glyph: u16, c: char) -> u16 {
        if glyph == 0 {
            return 0;
        }
        let slot = usize::from(glyph);
        match self.numbers.get(slot) {
            Some(&number) if number != 0 => number,
            _ => {
                let number = self.remapper.remap(glyph);
                if let Some(entry) = self.numbers.get_mut(slot) {
                    *entry = number;
                }
                self.unicode.resize(usize::from(number) + 1, None);
                self.unicode[usize::from(number)] = Some(c);
                number
            }
        }
    }
}

/// The state of an open text object (`BT` … `ET`) in a content stream, so that
/// consecutive lines of text share one, and the font is set only when it changes.
#[derive(Default)]
struct TextRun {
    open: bool,
    font: Option<(usize, u32)>,
}

impl TextRun {
    fn show(&mut self, content: &mut Content, slot: usize, size: f32, at: (f32, f32), glyphs: &[u8]) {
        if !self.open {
            content.set_fill_gray(0.0);
            content.begin_text();
            self.open = true;
            self.font = None;
        }
        if self.font != Some((slot, size.to_bits())) {
            content.set_font(Name(if slot == 0 { b"F1" } else { b"F2" }), size);
            self.font = Some((slot, size.to_bits()));
        }
        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, at.0, at.1]);
        content.show(Str(glyphs));
    }

    fn end(&mut self, content: &mut Content) {
        if self.open {
            content.end_text();
            self.open = false;
        }
    }
}

fn draw_shape(content: &mut Content, item: &Item) {
    match item {
        Item::Fill { x, y, width, height, grey } => {
            content.set_fill_gray(*grey);
            content.rect(*x, *y, *width, *height);
            content.fill_nonzero();
        }
        Item::Line { from, to, grey } => {
            content.set_stroke_gray(*grey);
            content.move_to(from.0, from.1);
            content.line_to(to.0, to.1);
            content.stroke();
        }
        Item::Stroke { points, colour, width, dashed } => {
            content.set_stroke_rgb(colour.0, colour.1, colour.2);
            content.set_line_width(*width);
            if *dashed {
                content.set_dash_pattern([4.0, 2.5], 0.0);
            }
            for (index, (x, y)) in points.iter().enumerate() {
                if index == 0 {
                    content.move_to(*x, *y);
                } else {
                    content.line_to(*x, *y);
                }
            }
            content.stroke();
            if *dashed {
                content.set_dash_pattern([], 0.0);
            }
            content.set_line_width(0.5);
        }
        Item::Shape { x, y, width, height, fill, stroke } => {
            content.set_fill_rgb(fill.0, fill.1, fill.2);
            content.set_stroke_rgb(stroke.0, stroke.1, stroke.2);
            content.rect(*x, *y, *width, *height);
            content.fill_nonzero_and_stroke();
        }
        Item::Text { .. } => {}
    }
}
