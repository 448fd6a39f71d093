//! The one way a file is read for import, shared by `ropa import` and the app's
//! Import page: the same size limit, the same layout detection, the same
//! encoding rules, and the same exact restore of a full CSV into an empty
//! register. What lands is decided by the caller from what this returns.

use std::path::Path;

use crate::import::detect::{Layout, detect};
use crate::import::mapping::{ColumnMapping, MappingInput, Memory, memory_path};
use crate::import::{MAX_FILE_BYTES, Mapped, Plan, json, read_csv_mapped, read_workbook_mapped};
use crate::model::Register;
use crate::{Error, Result};

/// A file read for import.
#[derive(Debug)]
pub enum ImportFile {
    /// A service owner's returned review pack (`review_pack`): its bytes, to be
    /// read as proposed changes rather than as a register.
    ReviewPack(Vec<u8>),
    /// A register's contents, planned against the register.
    Plan(Box<PlannedImport>),
}

/// What an import of a register file would write.
#[derive(Debug)]
pub struct PlannedImport {
    /// The layout read (told from the content unless given).
    pub layout: Layout,
    /// What the import will write.
    pub plan: Plan,
    /// For a spreadsheet layout: the heading-by-heading mapping read.
    pub mapped: Option<Mapped>,
    /// A full CSV into an empty register: restored exactly, ids included, so
    /// that exporting again gives the same file.
    pub exact_restore: Option<Register>,
}

/// Reads `path` for import into `register`: as `layout` when given, otherwise as
/// the layout its content shows. A review pack (a workbook marked as one) is told
/// apart unless another layout than a workbook is given.
pub fn read_import_file(
    path: &Path,
    register: &Register,
    layout: Option<Layout>,
    mapping: MappingInput<'_>,
) -> Result<ImportFile> {
    let file = path.display().to_string();
    let fail = |message: String| Error::Import { file: file.clone(), message };
    let size = std::fs::metadata(path).map_err(|error| fail(format!("it cannot be read ({error})")))?.len();
    if usize::try_from(size).map_or(true, |size| size > MAX_FILE_BYTES) {
        return Err(fail(format!(
            "the file is larger than {} MB; check it is the right file",
            MAX_FILE_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(|error| fail(format!("it cannot be read ({error})")))?;
    let may_be_pack = matches!(layout, None | Some(Layout::Workbook));
    if may_be_pack && crate::review_pack::is_review_pack(&bytes) {
        return Ok(ImportFile::ReviewPack(bytes));
    }
    let layout = layout.unwrap_or_else(|| detect(&bytes));
    let (plan, mapped, exact_restore) = match layout {
        Layout::IcoCsv if crate::import::is_processor_csv(&bytes) => {
            (crate::import::read_processor_csv(&bytes, &file, register)?, None, None)
        }
        Layout::IcoCsv | Layout::Workbook => {
            let read = if layout == Layout::IcoCsv {
                read_csv_mapped(&bytes, &file, register, mapping)?
            } else {
                read_workbook_mapped(&bytes, &file, register, mapping)?
            };
            (read.plan.clone(), Some(read), None)
        }
        Layout::FullCsv => {
            if std::str::from_utf8(&bytes).is_err() {
                return Err(fail(
                    "it is not a full CSV written by ROPA Register (it is not UTF-8 text)".to_owned(),
                ));
            }
            let incoming = crate::export::full_csv::read(bytes.as_slice())
                .map_err(|error| fail(format!("it is not a full CSV written by ROPA Register ({error})")))?;
            let plan = json::merge_plan(&incoming, register, &file);
            let empty = register.services.is_empty() && register.parties.is_empty();
            let exact = (empty && plan.report.rejected.is_empty()).then_some(incoming);
            (plan, None, exact)
        }
        Layout::Json => {
            let incoming = json::from_json(&bytes, &file)?;
            (json::merge_plan(&incoming, register, &file), None, None)
        }
    };
    Ok(ImportFile::Plan(Box::new(PlannedImport { layout, plan, mapped, exact_restore })))
}

/// The column mappings remembered beside the register at `register`
/// (`REGISTER.import-mappings`); none when there is no such file yet. The one
/// reading of that file, for `ropa import` and the app's Import page alike.
pub fn remembered_mappings(register: &Path) -> Result<Memory> {
    let path = memory_path(register);
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok(Memory::default()) };
    Memory::parse(&text).map_err(|error| Error::Import {
        file: path.display().to_string(),
        message: format!("{error}. Fix or remove this file of remembered column mappings"),
    })
}

/// Remembers `mapping` (every heading of a layout) beside the register at
/// `register`, replacing what was remembered for the same headings; returns the
/// file written.
pub fn remember_mapping(register: &Path, mapping: ColumnMapping) -> Result<std::path::PathBuf> {
    let path = memory_path(register);
    let mut memory = remembered_mappings(register)?;
    memory.remember(mapping);
    crate::fsio::write_bytes(&path, memory.to_text().as_bytes(), "Remembering the column mapping")?;
    Ok(path)
}
