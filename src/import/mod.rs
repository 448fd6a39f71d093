//! Import: reading a register from a file into a [`Plan`], showing it as a
//! preview with a [`Report`], then applying it to a store in one transaction.
//!
//! Every format turns its file into the same `Plan`: what will be created, matched
//! to existing records by normalised name, with each row's warnings and each
//! rejected row's reason (file, row, column). [`apply`] lands the whole plan or,
//! on any error, nothing.

pub mod citations;
pub mod contacts;
mod csv_grid;
pub mod detect;
pub mod grid;
mod ico_csv;
pub mod json;
mod law_fields;
mod legislation;
pub mod mapping;
mod party_kind;
mod plan;
pub mod preview;
mod processor;
mod report;
mod restore;
mod services;
mod special;
mod tables;
pub mod text;
pub mod workbook;

pub(crate) use ico_csv::retention as retention_from_text;
pub use ico_csv::{Mapped, read_csv_mapped, read_ico_csv, read_ico_workbook, read_workbook_mapped};
pub use plan::{
    OrganisationEdit, Plan, PlannedActivity, PlannedAgreement, PlannedAsset, PlannedDpia, PlannedLink,
    PlannedParty, Ref, apply, dry_run,
};
pub use processor::{is_processor_csv, read_processor_csv, read_processor_rows, read_processor_workbook};
pub use report::{Issue, Report};
pub use restore::{restore, restore_dry_run};
pub(crate) use special::special_categories;

/// The largest file an import reads (bytes): well beyond any real register.
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// The largest cell an import accepts (characters); a larger one rejects its row.
pub const MAX_CELL_CHARS: usize = 1_000_000;

/// Frees `value` on another thread: for what was read from a large file and is
/// no longer needed, so that nothing waits while its many allocations are
/// given back.
fn drop_elsewhere<T: Send + 'static>(value: T) {
    let _detached = std::thread::Builder::new().name("free".into()).spawn(move || drop(value));
}
