//! The register report as a PDF: A4 landscape, DejaVu Sans embedded (subset), real
//! searchable text.
//!
//! The report is laid out completely (`report.rs` on the engine in `layout.rs`)
//! before anything is drawn (`draw.rs`), so every footer knows the page count.

pub mod draw;
pub mod findings;
pub mod flow_page;
pub mod fonts;
pub mod layout;
pub mod report;

use std::io::Write;

use super::{Options, Progress, step, write_error};
use crate::Result;
use crate::model::{Register, format_date};

/// Writes the register report for `register`, with the findings of the checks run
/// with no acknowledgements as of the export's date.
pub fn write(
    register: &Register,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    let report = crate::export::ExportContext::default().report(register, options);
    write_with_findings(register, &report, options, out, progress)
}

/// Writes the register report for `register` with the findings in `checks`.
pub fn write_with_findings(
    register: &Register,
    checks: &crate::checks::Report,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    let bytes = render_with_findings(register, checks, options, progress)?;
    out.write_all(&bytes).map_err(write_error)
}

/// The bytes of the register report for `register`, with findings as [`write`] has them.
pub fn render(register: &Register, options: &Options, progress: &mut dyn Progress) -> Result<Vec<u8>> {
    let report = crate::export::ExportContext::default().report(register, options);
    render_with_findings(register, &report, options, progress)
}

/// The bytes of the register report for `register` with the findings in `checks`.
pub fn render_with_findings(
    register: &Register,
    checks: &crate::checks::Report,
    options: &Options,
    progress: &mut dyn Progress,
) -> Result<Vec<u8>> {
    let fonts = fonts::Fonts::embedded()?;
    let generated = generated_words(options.generated_at);
    let pages = report::layout_with_findings(register, checks, &fonts, &generated, progress)?;
    let organisation = register.organisation.controller.name.trim();
    let metadata = draw::Metadata {
        title: format!("Record of Processing Activities — {organisation}"),
        author: organisation.to_string(),
        subject: "UK GDPR Article 30 Record of Processing Activities".into(),
        created: options.generated_at,
    };
    let bytes = draw::render(&pages, layout::Geometry::a4_landscape(), &metadata)?;
    step(progress, register.activities.len() + 3, register.activities.len() + 3)?;
    Ok(bytes)
}

/// The moment of generation in words, in UTC: "2026-11-22 21:35 UTC".
fn generated_words(at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!("{} {:02}:{:02} UTC", format_date(at.date()), at.hour(), at.minute())
}
