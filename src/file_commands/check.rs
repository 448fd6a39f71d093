//! `ropa check` on a register file.

use std::path::Path;

use crate::model::Date;
use crate::{Result, Store};

/// Checks the register file at `path` for `today`: the plain-text report, and
/// whether any unacknowledged error-level finding exists. Opens the register for
/// reading, so it works while someone else is writing.
pub fn check_file(path: &Path, today: Date, due_soon_days: i64) -> Result<(String, bool)> {
    let snapshot = Store::open_read(path)?.snapshot()?;
    let report = crate::checks::check(&snapshot, today, due_soon_days);
    Ok((crate::checks::render_text(&report, &snapshot.register), report.has_open_errors()))
}
