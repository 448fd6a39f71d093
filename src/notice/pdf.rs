//! Renders a notice as a PDF with the report's layout engine: A4 portrait, the
//! title and publisher, section headings, paragraphs, sub-headings and bulleted
//! lists, wrapped and paginated, with "Page X of Y" in every footer.

use super::document::{Block, Notice, long_date};
use crate::Result;
use crate::typeset::draw::{self, Metadata};
use crate::typeset::fonts::{Fonts, Style};
use crate::typeset::{Flow, Geometry, Item, Page, decorate};

const BODY: Style = Style::regular(10.0);
const RUNNING: Style = Style::regular(8.0);

/// The notice as the bytes of a PDF file.
pub fn to_pdf(notice: &Notice) -> Result<Vec<u8>> {
    let fonts = Fonts::embedded()?;
    let geometry = Geometry::a4_portrait();
    let pages = layout(notice, &fonts, geometry);
    let metadata = Metadata {
        title: notice.title.clone(),
        author: notice.publisher.clone(),
        subject: "Privacy notice (UK GDPR Articles 13 and 14)".into(),
        created: notice.updated_on.midnight().assume_utc(),
    };
    draw::render(&pages, &fonts, geometry, &metadata)
}

/// The notice laid out on pages, with running headers and footers.
pub fn layout(notice: &Notice, fonts: &Fonts, geometry: Geometry) -> Vec<Page> {
    let mut flow = Flow::new(fonts, geometry);
    flow.new_page();
    flow.paragraph(&notice.title, Style::bold(20.0), 1);
    flow.space(4.0);
    flow.paragraph(
        &format!("{}. Last updated: {}.", notice.publisher, long_date(notice.updated_on)),
        Style::regular(10.5),
        0,
    );
    for section in &notice.sections {
        flow.space(12.0);
        flow.paragraph(&section.heading, Style::bold(14.0), 2);
        for block in &section.blocks {
            flow.space(4.0);
            match block {
                Block::Paragraph(text) => flow.paragraph(text, BODY, 0),
                Block::Subheading(text) => {
                    flow.space(2.0);
                    flow.paragraph(text, Style::bold(11.5), 2);
                }
                Block::Bullets(items) => {
                    for item in items {
                        flow.bullet("•", item, BODY, 14.0);
                        flow.space(1.5);
                    }
                }
            }
        }
    }
    let mut pages = flow.finish();
    decorate(&mut pages, |index, count| running(fonts, geometry, notice, index, count));
    pages
}

fn running(fonts: &Fonts, geometry: Geometry, notice: &Notice, index: usize, count: usize) -> Vec<Item> {
    let text = |x: f32, y: f32, text: String| Item::Text {
        x,
        y,
        width: fonts.width(&text, RUNNING),
        style: RUNNING,
        text,
    };
    let page = format!("Page {} of {count}", index + 1);
    let page_x = geometry.right - fonts.width(&page, RUNNING);
    let footer_y = 26.0;
    vec![
        Item::Line {
            from: (geometry.left, footer_y + 10.0),
            to: (geometry.right, footer_y + 10.0),
            grey: 0.5,
        },
        text(geometry.left, footer_y, shorten(fonts, &notice.title, page_x - geometry.left - 12.0)),
        text(page_x, footer_y, page),
    ]
}

/// `text` cut with an ellipsis to fit `width` in the running style.
fn shorten(fonts: &Fonts, text: &str, width: f32) -> String {
    if fonts.width(text, RUNNING) <= width {
        return text.to_string();
    }
    let mut out: String = text.to_string();
    while !out.is_empty() && fonts.width(&format!("{out}…"), RUNNING) > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}
