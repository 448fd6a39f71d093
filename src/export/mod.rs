//! Exports of the register: the ICO controller layout (CSV, or a workbook with
//! every table), the processor record, the links table and the full
//! round-trippable CSV, and the PDF report.
//!
//! Every export reads a [`Register`] snapshot narrowed by a [`Scope`], reports
//! progress through a [`Progress`] (which can also cancel), and writes its file with
//! [`write_atomically`], so a failed or cancelled export never leaves a half file in
//! place of a good one. Every CSV cell passes through [`cells::neutralise`], the one
//! place where text is made safe to open in a spreadsheet; the workbook's cells go
//! through it too. `docs/exports.md`
//! describes the layouts.

pub mod cells;
mod context;
mod csv_out;
pub mod findings_csv;
pub mod full_csv;
pub mod ico_csv;
pub mod links_csv;
pub mod pdf;
pub mod processor;
mod request;
pub mod xlsx;

pub use context::ExportContext;
pub use request::{ExportRequest, export_request_file};

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

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

/// Opens the register at `db` and writes `format` to `out`: what `ropa export` does.
/// `service` narrows the export to one service, by name. Findings are computed
/// with the register's acknowledgements (see [`export_request_file`] for as-at
/// exports and the flow map of one party).
pub fn export_register_file(
    db: &Path,
    format: Format,
    service: Option<&str>,
    options: &Options,
    out: &Path,
    progress: &mut dyn Progress,
) -> Result<()> {
    let request =
        ExportRequest { format, service: service.map(str::to_string), ..ExportRequest::new(format) };
    export_request_file(db, &request, options, out, progress)
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
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: &'static [Self] = &[
        Self::IcoCsv,
        Self::IcoXlsx,
        Self::ProcessorCsv,
        Self::LinksCsv,
        Self::FullCsv,
        Self::Pdf,
        Self::PdfTable,
        Self::FindingsCsv,
        Self::Json,
        Self::FlowSvg,
    ];

    /// The name used on the command line, e.g. "ico-csv".
    pub fn code(self) -> &'static str {
        match self {
            Self::IcoCsv => "ico-csv",
            Self::IcoXlsx => "ico-xlsx",
            Self::ProcessorCsv => "processor-csv",
            Self::LinksCsv => "links-csv",
            Self::FullCsv => "full-csv",
            Self::Pdf => "pdf",
            Self::PdfTable => "pdf-table",
            Self::FindingsCsv => "findings-csv",
            Self::Json => "json",
            Self::FlowSvg => "flow-svg",
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
            Self::FullCsv => "Full register for import (CSV)",
            Self::Pdf => "Register report (PDF)",
            Self::PdfTable => "Register table only (PDF)",
            Self::FindingsCsv => "Check findings and completeness (CSV)",
            Self::Json => "Whole register (JSON)",
            Self::FlowSvg => "Data-flow map (SVG)",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf | Self::PdfTable => "pdf",
            Self::Json => "json",
            Self::FlowSvg => "svg",
            Self::IcoXlsx => "xlsx",
            Self::IcoCsv | Self::ProcessorCsv | Self::LinksCsv | Self::FullCsv | Self::FindingsCsv => "csv",
        }
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
        Format::IcoCsv => ico_csv::write(register, options, out, progress),
        Format::IcoXlsx => {
            let report = context.report(register, options);
            xlsx::write(register, &report, options, out, progress)
        }
        Format::ProcessorCsv => processor::write(register, options, out, progress),
        Format::LinksCsv => links_csv::write(register, options, out, progress),
        Format::FullCsv => full_csv::write(register, options, out, progress),
        Format::Pdf | Format::PdfTable => {
            let report = context.report(register, options);
            let extent = if format == Format::Pdf { pdf::Extent::Full } else { pdf::Extent::Table };
            pdf::write_report(register, &report, extent, options, out, progress)
        }
        Format::FindingsCsv => {
            let report = context.report(register, options);
            findings_csv::write(register, &report, options, out, progress)
        }
        Format::Json => write_text(progress, out, || crate::import::json::to_json(register)),
        Format::FlowSvg => {
            write_text(progress, out, || Ok(crate::flows::render_svg(register, context.flow_scope)))
        }
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

/// Writes a file by handing `fill` a writer on a temporary file in the same folder,
/// then renaming it over `path` only when `fill` succeeded. On any error (including
/// a cancel) the temporary file is removed and whatever was at `path` is untouched.
pub fn write_atomically(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let temp = temp_path(path);
    let result = write_temp(&temp, fill).and_then(|()| {
        std::fs::rename(&temp, path).map_err(|source| io_error("Saving the export", path, source))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn write_temp(temp: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let file = File::create(temp).map_err(|source| io_error("Creating the export file", temp, source))?;
    let mut out = BufWriter::new(file);
    fill(&mut out)?;
    let file = out.into_inner().map_err(|error| io_error("Writing the export", temp, error.into_error()))?;
    file.sync_all().map_err(|source| io_error("Writing the export", temp, source))
}

/// `.NAME.PID-N.tmp` next to `path`: same folder, so the rename never crosses disks,
/// and a new number for every export so two exports never share a temporary file.
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let number = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path.file_name().map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}-{number}.tmp", std::process::id()))
}

fn io_error(action: &'static str, path: &Path, source: std::io::Error) -> Error {
    Error::Io { action, path: path.to_path_buf(), source }
}

/// Turns a write error into [`Error::Io`] for an export going to an unnamed writer.
pub(crate) fn write_error(source: std::io::Error) -> Error {
    io_error("Writing the export", Path::new("(export)"), source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_only_on_success() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.csv");
        write_atomically(&path, |out| out.write_all(b"good").map_err(write_error)).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"good");

        let failed = write_atomically(&path, |out| {
            out.write_all(b"half a fi").map_err(write_error)?;
            Err(Error::ExportCancelled)
        });
        assert!(matches!(failed, Err(Error::ExportCancelled)));
        assert_eq!(std::fs::read(&path).unwrap(), b"good", "the good file must survive");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("register.csv")], "no temporary file is left");
    }

    #[test]
    fn failed_first_export_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.pdf");
        let _ = write_atomically(&path, |_| Err(Error::ExportCancelled));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn format_codes_round_trip() {
        for format in Format::ALL {
            assert_eq!(Format::from_code(format.code()), Some(*format));
        }
        assert_eq!(Format::from_code("xlsx"), None);
    }
}
