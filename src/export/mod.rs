//! Exports of the register: the ICO controller layout (CSV, or a workbook with
//! every table), the processor record, the links table and the full
//! round-trippable CSV, and the PDF report.
//!
//! Every export reads a [`Register`] snapshot narrowed by a [`Scope`], reports
//! progress through a [`Progress`] (which can also cancel), and writes its file with
//! [`write_atomically`] (the one atomic writer, in [`crate::fsio`]), so a failed or cancelled export never leaves a half file in
//! place of a good one. Every CSV cell passes through [`cells::neutralise`], the one
//! place where text is made safe to open in a spreadsheet; the workbook's cells go
//! through it too. `docs/exports.md`
//! describes the layouts.

pub mod answer_csv;
pub mod assets_csv;
pub mod audit_pack;
pub mod dpias_csv;
/// Spreadsheet-safe cells, shared with the importers (which restore them).
pub use crate::cells;
mod context;
mod csv_out;
pub mod findings_csv;
pub mod full_csv;
pub mod ico_csv;
pub mod links_csv;
pub mod pdf;
pub mod processor;
pub mod public_html;
pub mod xlsx;

pub use crate::fsio::write_atomically;
pub use context::ExportContext;

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use crate::model::{Activity, ActivityId, Link, Register, ServiceId};
use crate::{Error, Result};

/// Which part of the register an export covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// Every activity.
    #[default]
    Whole,
    /// The activities of one service.
    Service(ServiceId),
    /// An explicit list of activities: the app's current filter.
    Activities(Vec<ActivityId>),
}

impl Scope {
    /// The register narrowed to this scope: the activities in scope and their links.
    /// Organisation, services, parties and agreements are kept whole, so that names
    /// and references still resolve.
    pub fn apply(&self, register: &Register) -> Register {
        let keep: Box<dyn Fn(&Activity) -> bool> = match self {
            Self::Whole => Box::new(|_| true),
            Self::Service(id) => {
                let id = *id;
                Box::new(move |activity| activity.fields.service_id == id)
            }
            Self::Activities(ids) => {
                let ids: HashSet<ActivityId> = ids.iter().copied().collect();
                Box::new(move |activity| ids.contains(&activity.id))
            }
        };
        let activities: Vec<Activity> = register.activities.iter().filter(|a| keep(a)).cloned().collect();
        let kept: HashSet<ActivityId> = activities.iter().map(|a| a.id).collect();
        let links: Vec<Link> =
            register.links.iter().filter(|link| kept.contains(&link.activity_id)).cloned().collect();
        Register { activities, links, ..register.clone() }
    }
}

/// The scope of the service called `name` (ignoring case and surrounding spaces).
pub fn service_scope(register: &Register, name: &str) -> Result<Scope> {
    let wanted = name.trim().to_lowercase();
    register
        .services
        .iter()
        .find(|service| service.fields.name.trim().to_lowercase() == wanted)
        .map(|service| Scope::Service(service.id))
        .ok_or_else(|| Error::NotFound { what: format!("service \"{}\"", name.trim()) })
}

/// Receives progress from a running export and decides whether it goes on.
pub trait Progress {
    /// `done` of `total` steps are finished. Return `false` to cancel the export: it
    /// then stops with [`Error::ExportCancelled`] and writes nothing.
    fn report(&mut self, done: usize, total: usize) -> bool;
}

/// Progress that is not shown and never cancels.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn report(&mut self, _done: usize, _total: usize) -> bool {
        true
    }
}

impl<F: FnMut(usize, usize) -> bool> Progress for F {
    fn report(&mut self, done: usize, total: usize) -> bool {
        self(done, total)
    }
}

/// Reports `done` of `total` and turns a cancel into [`Error::ExportCancelled`].
pub(crate) fn step(progress: &mut dyn Progress, done: usize, total: usize) -> Result<()> {
    if progress.report(done, total) { Ok(()) } else { Err(Error::ExportCancelled) }
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The ICO documentation template's controller layout (CSV).
    IcoCsv,
    /// The register as an Excel workbook: the ICO controller layout, the processor
    /// record, links, parties, agreements and the checks' findings, a sheet each.
    IcoXlsx,
    /// The processor record (Art 30(2)): activities carried out for another
    /// controller (CSV).
    ProcessorCsv,
    /// One row per activity–party link (CSV).
    LinksCsv,
    /// The information asset register: one row per asset (CSV).
    AssetsCsv,
    /// The DPIA register: one row per data protection impact assessment (CSV).
    DpiasCsv,
    /// Every field of every record, for import (CSV).
    FullCsv,
    /// The full register report (PDF): cover, findings, register table, flow map,
    /// a detail section per activity and the links table.
    Pdf,
    /// The register table report (PDF): cover and the register table only, the
    /// report that stays short and quick at any register size.
    PdfTable,
    /// Every finding of the checks, then completeness per service (CSV).
    FindingsCsv,
    /// The whole register as versioned JSON, readable by `ropa import --format json`.
    Json,
    /// The data-flow map (SVG).
    FlowSvg,
    /// The public register: a folder of web pages for the organisation's website
    /// ([`public_html`]).
    PublicHtml,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: &'static [Self] = &[
        Self::IcoCsv,
        Self::IcoXlsx,
        Self::ProcessorCsv,
        Self::LinksCsv,
        Self::AssetsCsv,
        Self::DpiasCsv,
        Self::FullCsv,
        Self::Pdf,
        Self::PdfTable,
        Self::FindingsCsv,
        Self::Json,
        Self::FlowSvg,
        Self::PublicHtml,
    ];

    /// The name used on the command line, e.g. "ico-csv".
    pub fn code(self) -> &'static str {
        match self {
            Self::IcoCsv => "ico-csv",
            Self::IcoXlsx => "ico-xlsx",
            Self::ProcessorCsv => "processor-csv",
            Self::LinksCsv => "links-csv",
            Self::AssetsCsv => "assets-csv",
            Self::DpiasCsv => "dpias-csv",
            Self::FullCsv => "full-csv",
            Self::Pdf => "pdf",
            Self::PdfTable => "pdf-table",
            Self::FindingsCsv => "findings-csv",
            Self::Json => "json",
            Self::FlowSvg => "flow-svg",
            Self::PublicHtml => "public-html",
        }
    }

    /// The format whose [`Format::code`] is `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|format| format.code() == code)
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::IcoCsv => "ICO template layout (CSV)",
            Self::IcoXlsx => "ICO template workbook with every sheet (Excel)",
            Self::ProcessorCsv => "Processor record, Art 30(2) (CSV)",
            Self::LinksCsv => "Links table (CSV)",
            Self::AssetsCsv => "Information asset register (CSV)",
            Self::DpiasCsv => "DPIA register (CSV)",
            Self::FullCsv => "Full register for import (CSV)",
            Self::Pdf => "Register report (PDF)",
            Self::PdfTable => "Register table only (PDF)",
            Self::FindingsCsv => "Check findings and completeness (CSV)",
            Self::Json => "Whole register (JSON)",
            Self::FlowSvg => "Data-flow map (SVG)",
            Self::PublicHtml => "Public register for the website (a folder of HTML pages)",
        }
    }

    /// The usual file extension, without the dot ("" for a folder).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf | Self::PdfTable => "pdf",
            Self::Json => "json",
            Self::FlowSvg => "svg",
            Self::IcoXlsx => "xlsx",
            Self::IcoCsv
            | Self::ProcessorCsv
            | Self::LinksCsv
            | Self::AssetsCsv
            | Self::DpiasCsv
            | Self::FullCsv
            | Self::FindingsCsv => "csv",
            Self::PublicHtml => "",
        }
    }

    /// Whether the export is a folder of files rather than one file.
    pub fn writes_folder(self) -> bool {
        self == Self::PublicHtml
    }
}

/// Choices that apply to every export.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Start CSV files with a UTF-8 byte order mark, which older Excel needs to read
    /// non-ASCII text correctly.
    pub bom: bool,
    /// When the export is made: printed on the PDF and stored in its metadata.
    /// Injected so that output does not depend on the clock.
    pub generated_at: time::OffsetDateTime,
}

impl Options {
    /// No byte order mark, generated at `generated_at`.
    pub fn at(generated_at: time::OffsetDateTime) -> Self {
        Self { bom: false, generated_at }
    }
}

/// Writes `register`, narrowed to `scope`, as `format` to the file at `path`,
/// atomically.
pub fn export_to_file(
    register: &Register,
    scope: &Scope,
    format: Format,
    options: &Options,
    path: &Path,
    progress: &mut dyn Progress,
) -> Result<()> {
    export_to_file_in(register, &ExportContext::default(), scope, format, options, path, progress)
}

/// [`export_to_file`] with the acknowledgements, controller status and flow-map
/// party of `context`.
pub fn export_to_file_in(
    register: &Register,
    context: &ExportContext,
    scope: &Scope,
    format: Format,
    options: &Options,
    path: &Path,
    progress: &mut dyn Progress,
) -> Result<()> {
    let register = scope.apply(register);
    if format == Format::PublicHtml {
        step(progress, 0, 2)?;
        let files = public_html::folder_files(&register, context.today(options));
        // The last chance to cancel is before the folder is written: once it is in
        // place, the export is done.
        step(progress, 1, 2)?;
        crate::fsio::write_folder(path, &files)?;
        progress.report(2, 2);
        return Ok(());
    }
    write_atomically(path, |out| write_in(&register, context, format, options, out, progress))
}

/// Writes `register` as `format` to `out` (no scoping, no file handling), with no
/// acknowledgements and the controller taken as a public authority.
pub fn write(
    register: &Register,
    format: Format,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    write_in(register, &ExportContext::default(), format, options, out, progress)
}

/// Writes `register` as `format` to `out` with `context` (no scoping, no file handling).
pub fn write_in(
    register: &Register,
    context: &ExportContext,
    format: Format,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    match format {
        Format::IcoCsv => {
            let day = context.today(options);
            ico_csv::write_with_head_on(register, context.log_head.as_ref(), day, options, out, progress)
        }
        Format::IcoXlsx => {
            let report = context.report(register, options);
            xlsx::write(register, &report, context.log_head.as_ref(), options, out, progress)
        }
        Format::ProcessorCsv => processor::write(register, options, out, progress),
        Format::LinksCsv => links_csv::write(register, options, out, progress),
        Format::AssetsCsv => assets_csv::write(register, options, out, progress),
        Format::DpiasCsv => dpias_csv::write(register, context.today(options), options, out, progress),
        Format::FullCsv => full_csv::write(register, options, out, progress),
        Format::Pdf | Format::PdfTable => {
            let report = context.report(register, options);
            let extent = if format == Format::Pdf { pdf::Extent::Full } else { pdf::Extent::Table };
            pdf::write_report(register, &report, extent, context.log_head.as_ref(), options, out, progress)
        }
        Format::FindingsCsv => {
            let report = context.report(register, options);
            findings_csv::write(register, &report, options, out, progress)
        }
        Format::Json => write_text(progress, out, || {
            crate::import::json::to_json_with_head(register, context.log_head.as_ref())
        }),
        Format::FlowSvg => {
            write_text(progress, out, || Ok(crate::flows::render_svg(register, context.flow_scope)))
        }
        Format::PublicHtml => Err(Error::Invalid {
            field: "Format".into(),
            message: "the public register is a folder of pages: export it to a folder path".into(),
        }),
    }
}

/// Makes a whole text with `make` and writes it, reporting progress before, in
/// between and after so that the export can be cancelled.
fn write_text(
    progress: &mut dyn Progress,
    out: &mut dyn Write,
    make: impl FnOnce() -> Result<String>,
) -> Result<()> {
    step(progress, 0, 2)?;
    let text = make()?;
    step(progress, 1, 2)?;
    out.write_all(text.as_bytes()).map_err(write_error)?;
    step(progress, 2, 2)
}

fn io_error(action: &'static str, path: &Path, source: std::io::Error) -> Error {
    Error::Io { action, path: path.to_path_buf(), source }
}

/// Turns a write error into [`Error::Io`] for an export going to an unnamed writer.
pub(crate) fn write_error(source: std::io::Error) -> Error {
    io_error("Writing the export", Path::new(crate::fsio::UNNAMED_OUTPUT), source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_codes_round_trip() {
        for format in Format::ALL {
            assert_eq!(Format::from_code(format.code()), Some(*format));
        }
        assert_eq!(Format::from_code("xlsx"), None);
    }
}
