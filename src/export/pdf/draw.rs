//! Turns laid-out pages into a PDF with printpdf: embedded, subset fonts, real text.

use printpdf::{
    Color, FontId, Greyscale, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use super::fonts::{BOLD_TTF, REGULAR_TTF, Weight};
use super::layout::{Geometry, Item, Page, Rgb};
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

/// Renders `pages` to the bytes of a PDF file.
pub fn render(pages: &[Page], geometry: Geometry, metadata: &Metadata) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(&metadata.title);
    let regular = add_font(&mut doc, REGULAR_TTF)?;
    let bold = add_font(&mut doc, BOLD_TTF)?;
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let ops = page_ops(page, &regular, &bold);
            PdfPage::new(Mm::from(Pt(geometry.width)), Mm::from(Pt(geometry.height)), ops)
        })
        .collect();
    set_metadata(&mut doc, metadata);
    let mut warnings = Vec::new();
    let options = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    Ok(doc.with_pages(pdf_pages).save(&options, &mut warnings))
}

fn add_font(doc: &mut PdfDocument, bytes: &[u8]) -> Result<FontId> {
    let mut warnings = Vec::new();
    let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
        .ok_or_else(|| Error::Export { message: "the embedded font cannot be read".into() })?;
    Ok(doc.add_font(&font))
}

fn set_metadata(doc: &mut PdfDocument, metadata: &Metadata) {
    let when = printpdf::DateTime::from_unix_timestamp(metadata.created.unix_timestamp())
        .unwrap_or(doc.metadata.info.creation_date);
    let info = &mut doc.metadata.info;
    info.document_title = metadata.title.clone();
    info.author = metadata.author.clone();
    info.subject = metadata.subject.clone();
    info.creator = "ROPA Register".into();
    info.producer = "ROPA Register (printpdf)".into();
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

fn rgb(colour: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb { r: colour.0, g: colour.1, b: colour.2, icc_profile: None })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}

fn page_ops(page: &Page, regular: &FontId, bold: &FontId) -> Vec<Op> {
    let mut ops = vec![Op::SetOutlineThickness { pt: Pt(0.5) }];
    for item in &page.items {
        match item {
            Item::Fill { x, y, width, height, grey: level } => {
                ops.push(Op::SetFillColor { col: grey(*level) });
                let mut rectangle = Rect::from_xywh(Pt(*x), Pt(*y), Pt(*width), Pt(*height));
                rectangle.mode = Some(PaintMode::Fill);
                ops.push(Op::DrawRectangle { rectangle });
            }
            Item::Line { from, to, grey: level } => {
                ops.push(Op::SetOutlineColor { col: grey(*level) });
                let line = Line { points: vec![point(from.0, from.1), point(to.0, to.1)], is_closed: false };
                ops.push(Op::DrawLine { line });
            }
            Item::Stroke { points, colour, width, dashed } => {
                let pattern: &[f32] = if *dashed { &[4.0, 2.5] } else { &[] };
                ops.extend([
                    Op::SetOutlineColor { col: rgb(*colour) },
                    Op::SetOutlineThickness { pt: Pt(*width) },
                    Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, pattern) },
                    Op::DrawLine {
                        line: Line {
                            points: points.iter().map(|(x, y)| point(*x, *y)).collect(),
                            is_closed: false,
                        },
                    },
                    Op::SetLineDashPattern { dash: LineDashPattern::solid() },
                    Op::SetOutlineThickness { pt: Pt(0.5) },
                ]);
            }
            Item::Shape { x, y, width, height, fill, stroke } => {
                ops.push(Op::SetFillColor { col: rgb(*fill) });
                ops.push(Op::SetOutlineColor { col: rgb(*stroke) });
                let mut rectangle = Rect::from_xywh(Pt(*x), Pt(*y), Pt(*width), Pt(*height));
                rectangle.mode = Some(PaintMode::FillStroke);
                ops.push(Op::DrawRectangle { rectangle });
            }
            Item::Text { x, y, style, text, .. } => {
                let font = if style.weight == Weight::Bold { bold } else { regular };
                ops.extend([
                    Op::SetFillColor { col: grey(0.0) },
                    Op::StartTextSection,
                    Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(style.size) },
                    Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(*y)) },
                    Op::ShowText { items: vec![TextItem::Text(text.clone())] },
                    Op::EndTextSection,
                ]);
            }
        }
    }
    ops
}
