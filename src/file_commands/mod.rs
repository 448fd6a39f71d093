//! What the headless commands do on register files, as values and errors: open the
//! register by path (for reading unless the command writes to it), run the core,
//! and write any output file through the one atomic writer ([`crate::fsio`]).
//!
//! This is the core's edge: argument parsing, printing and exit codes stay in the
//! binary's `src/cli/`; the readers below it (checks, exports, flows, notices)
//! never open a file by path.

mod audit_pack;
mod check;
mod create;
mod export;
mod flows;
mod import;
mod notice;
mod review_pack;

pub use audit_pack::{PackSummary, write_audit_pack};
pub use check::check_file;
pub use create::create_register;
pub use export::{ExportRequest, export_register_file, export_request_file};
pub use flows::{WholeMap, write_flow_svg};
pub use import::{ImportFile, PlannedImport, read_import_file, remember_mapping, remembered_mappings};
pub use notice::{CommandOutcome, NoticeCommand, run_command};
pub use review_pack::{
    DEFAULT_DAYS_TO_RETURN, apply_proposal, apply_proposal_to, apply_review_pack, read_review_pack,
    write_review_pack, write_review_round,
};
