//! `ropa audit-pack` on a register file: the pack as at today or a past date.

use std::path::Path;

use crate::export::audit_pack;
use crate::export::{ExportContext, Options};
use crate::model::Date;
use crate::{Result, Store};

/// What the written pack holds, for the command's confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackSummary {
    /// How many files, the manifest included.
    pub files: usize,
    /// The date the register is as at.
    pub as_at: Date,
}

/// Opens the register at `db` for reading and writes its audit pack as the new
/// folder `out`: the register now, or as it stood at the end of `as_at` (rebuilt
/// from the change log, with only the acknowledgements made by then).
pub fn write_audit_pack(
    db: &Path,
    out: &Path,
    as_at: Option<Date>,
    options: &Options,
) -> Result<PackSummary> {
    let snapshot = Store::open_read(db)?.snapshot_at(as_at)?;
    let files = audit_pack::build(&snapshot, options)?;
    audit_pack::write_pack(out, &files)?;
    Ok(PackSummary { files: files.len(), as_at: ExportContext::of(&snapshot).today(options) })
}
