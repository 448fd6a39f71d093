//! The register report as a PDF: A4 landscape, DejaVu Sans embedded (subset), real
//! searchable text.
//!
//! The report is laid out (`report.rs` on the typesetter, `crate::typeset`) and each page
//! is written (`draw.rs`) to the output as soon as it is finished, so memory stays
//! flat however long the report (the finished file is never held); the running
//! header and footer ("Page X of Y") are added at the end, when the page count is known.

pub mod findings;
pub mod flow_page;
pub mod report;
pub mod table_document;

/// The typesetter's parts under their old paths here, for the report modules.
pub use crate::typeset::{self as layout, draw, fonts};

use std::cell::Cell;
use std::io::Write;

use super::{Options, Progress, step};
use crate::Result;
use crate::model::{LogHead, Register, format_date};
pub use report::Extent;

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

/// Writes the full register report for `register` with the findings in `checks`.
pub fn write_with_findings(
    register: &Register,
    checks: &crate::checks::Report,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    write_report(register, checks, Extent::Full, None, options, out, progress)
}

/// Writes the report for `register` to `extent` with the findings in `checks` to
/// `out`, each page as soon as it is laid out (see [`draw::Writer`]). A write error
/// stops the layout at the next step and is returned; a cancel stops it too.
pub fn write_report(
    register: &Register,
    checks: &crate::checks::Report,
    extent: Extent,
    log_head: Option<&LogHead>,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    let fonts = fonts::Fonts::embedded()?;
    let geometry = layout::Geometry::a4_landscape();
    let generated = generated_words(options.generated_at);
    let mut writer = draw::Writer::new(&fonts, geometry, out);
    let failed = Cell::new(false);
    let mut sink = |page: layout::Page| {
        if !writer.page(&page) {
            failed.set(true);
        }
    };
    let cover = report::Cover { generated: &generated, log_head };
    let mut watched = StopOnFailure { progress, failed: &failed };
    let laid_out = report::stream(register, checks, extent, &fonts, &cover, &mut sink, &mut watched);
    if !failed.get() {
        laid_out?;
    }
    let organisation = report::organisation_name(register);
    let metadata = draw::Metadata {
        title: format!("Record of Processing Activities — {organisation}"),
        author: register.organisation.controller.name.trim().to_string(),
        subject: "UK GDPR Article 30 Record of Processing Activities".into(),
        created: options.generated_at,
    };
    let running =
        |index, count| report::running_items(&fonts, geometry, &organisation, &generated, index, count);
    // After a failed write this returns that error, having written nothing more.
    writer.finish(running, &metadata)?;
    step(progress, register.activities.len() + 3, register.activities.len() + 3)
}

/// The bytes of the full register report for `register`, with findings as [`write`] has them.
pub fn render(register: &Register, options: &Options, progress: &mut dyn Progress) -> Result<Vec<u8>> {
    let report = crate::export::ExportContext::default().report(register, options);
    render_with_findings(register, &report, options, progress)
}

/// The bytes of the full register report for `register` with the findings in `checks`.
pub fn render_with_findings(
    register: &Register,
    checks: &crate::checks::Report,
    options: &Options,
    progress: &mut dyn Progress,
) -> Result<Vec<u8>> {
    render_report(register, checks, Extent::Full, None, options, progress)
}

/// The bytes of the report for `register` to `extent`, with the findings in
/// `checks` and, on the cover, the change log's head when it is given.
pub fn render_report(
    register: &Register,
    checks: &crate::checks::Report,
    extent: Extent,
    log_head: Option<&LogHead>,
    options: &Options,
    progress: &mut dyn Progress,
) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write_report(register, checks, extent, log_head, options, &mut bytes, progress)?;
    Ok(bytes)
}

/// Progress that also stops the layout once writing the pages has failed.
struct StopOnFailure<'p> {
    progress: &'p mut dyn Progress,
    failed: &'p Cell<bool>,
}

impl Progress for StopOnFailure<'_> {
    fn report(&mut self, done: usize, total: usize) -> bool {
        !self.failed.get() && self.progress.report(done, total)
    }
}

/// The moment of generation in words, in UTC: "2026-11-22 21:35 UTC".
pub(crate) fn generated_words(at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!("{} {:02}:{:02} UTC", format_date(at.date()), at.hour(), at.minute())
}
