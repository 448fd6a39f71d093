//! A titled table on its own as a PDF: the answers to the Flows page's questions
//! ("Which recipients get special category data?"), laid out and written like the
//! register report, with its running header and footer.

use super::report::{organisation_label, running_items};
use crate::Result;
use crate::typeset::draw::{Metadata, Writer};
use crate::typeset::fonts::{Fonts, Style};
use crate::typeset::{Column, Flow, Geometry, Page, Table};

/// What the document shows.
#[derive(Debug, Clone, Copy)]
pub struct TableDocument<'a> {
    /// The heading, e.g. the question asked.
    pub title: &'a str,
    /// A line under the heading, e.g. how many rows and what they cover.
    pub note: &'a str,
    /// The column headings.
    pub headings: &'a [String],
    /// The rows, one cell per heading.
    pub rows: &'a [Vec<String>],
    /// The organisation, for the running header and footer.
    pub organisation: &'a str,
}

/// The bytes of `document` as an A4 landscape PDF generated at `generated_at`.
pub fn render(document: &TableDocument<'_>, generated_at: time::OffsetDateTime) -> Result<Vec<u8>> {
    let fonts = Fonts::embedded()?;
    let geometry = Geometry::a4_landscape();
    let mut bytes = Vec::new();
    let mut writer = Writer::new(&fonts, geometry, &mut bytes);
    let mut sink = |page: Page| {
        writer.page(&page);
    };
    let mut flow = Flow::streaming(&fonts, geometry, &mut sink);
    flow.new_page();
    flow.paragraph(document.title, Style::bold(14.0), 2);
    flow.paragraph(document.note, Style::regular(9.0), 0);
    flow.space(6.0);
    if document.rows.is_empty() {
        flow.paragraph("No rows.", Style::regular(9.0), 0);
    } else {
        flow.table(&Table {
            columns: document.headings.iter().map(|heading| Column::new(heading.as_str(), 1.0)).collect(),
            rows: document.rows.to_vec(),
            show_header: true,
            style: Style::regular(7.5),
            header_style: Style::bold(7.5),
            auto_width: true,
        });
    }
    flow.finish();
    let generated = super::generated_words(generated_at);
    let organisation = organisation_label(document.organisation);
    let metadata = Metadata {
        title: format!("{} — {organisation}", document.title),
        author: organisation.clone(),
        subject: "Data flows recorded in the Record of Processing Activities".into(),
        created: generated_at,
    };
    let running = |index, count| running_items(&fonts, geometry, &organisation, &generated, index, count);
    writer.finish(running, &metadata)?;
    Ok(bytes)
}
