//! `ropa export` on a register file: the register now or as it stood at a date,
//! narrowed to a service, with the acknowledgements the checks need.

use std::path::Path;

use crate::export::{ExportContext, Format, Options, Progress, Scope, export_to_file_in, service_scope};
use crate::model::Date;
use crate::{Error, Result, Store};

/// What to export from a register file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// The format.
    pub format: Format,
    /// Only this service (by name).
    pub service: Option<String>,
    /// Only this party (by name); the flow map only.
    pub party: Option<String>,
    /// Export the register as it stood at the end of this date (UTC), rebuilt from
    /// the change log; the checks then treat this date as today.
    pub as_at: Option<Date>,
}

impl ExportRequest {
    /// The whole current register as `format`.
    pub fn new(format: Format) -> Self {
        Self { format, service: None, party: None, as_at: None }
    }
}

/// Opens the register at `db` for reading and writes what `request` asks for to
/// `out`, through the atomic writer (which refuses the register itself, any other
/// database, and special files).
pub fn export_request_file(
    db: &Path,
    request: &ExportRequest,
    options: &Options,
    out: &Path,
    progress: &mut dyn Progress,
) -> Result<()> {
    if request.party.is_some() && request.format != Format::FlowSvg {
        return Err(Error::Invalid {
            field: "Party".into(),
            message: "only the flow map (flow-svg) can be narrowed to one party".into(),
        });
    }
    if !request.format.writes_folder() {
        crate::fsio::check_target(out)?;
    }
    // One read transaction: the log head, the register and the acknowledgements
    // agree. As at a date, the head is that day's, as an export made then carried.
    let snapshot = Store::open_read(db)?.snapshot_at(request.as_at)?;
    let register = &snapshot.register;
    let flow_scope =
        crate::flows::scope_by_name(register, request.service.as_deref(), request.party.as_deref())?;
    let context = ExportContext { flow_scope, ..ExportContext::of(&snapshot) };
    let scope = match &request.service {
        Some(name) => service_scope(register, name)?,
        None => Scope::Whole,
    };
    export_to_file_in(register, &context, &scope, request.format, options, out, progress)
}

/// Opens the register at `db` and writes `format` to `out`, narrowed to the
/// service called `service` when given.
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
