//! Review rounds with service owners: a workbook per service that the owner fills
//! in, and the returned workbook read back as proposed changes, field by field.
//!
//! The pack holds, for each of the service's activities, the answers the service
//! owner knows best (what the processing is, who is accountable, purposes, people
//! and data, special category data, retention, security, systems, whether it still
//! happens) in cells they may edit, and, locked beside them for information, what
//! the officer decides (the lawful bases) and who receives the data. The returned
//! pack is compared cell by cell with what the register would write today: only a
//! cell the owner changed is proposed, so nothing is "changed" by being read back.
//! An activity saved in the register since the pack was written is not proposed
//! at all (its changes are reported as a conflict to look at by hand).
//!
//! [`fields`] holds the pack's columns and how each reads and writes an activity,
//! [`write`] the workbook, [`read`] the returned one and [`proposal`] the diff.

pub mod fields;
pub mod proposal;
pub mod read;
pub mod write;

pub use fields::PackField;
pub use proposal::{ActivityProposal, FieldChange, Proposal, propose, service_named};
pub use read::{ReturnedPack, ReturnedRow, is_review_pack, read_pack};
pub use write::write_pack;

/// The first sheet's name, and the words in its cell A1 that mark a review pack.
pub const ABOUT_SHEET: &str = "About this pack";
/// What cell A1 of the first sheet says.
pub const MARKER: &str = "ROPA Register review pack";
/// The sheet of activities.
pub const ACTIVITIES_SHEET: &str = "Activities";
/// The heading of the reference column (activity id and version, e.g. "17/3").
pub const REFERENCE_HEADING: &str = "Reference (do not change)";
/// The label of the cell where the owner writes who returns the pack.
pub const RETURNED_BY_LABEL: &str = "Returned by (your name and role)";
/// The label of the cell holding the service's name.
pub const SERVICE_LABEL: &str = "Service";
