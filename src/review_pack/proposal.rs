//! A returned pack as proposed changes: for each activity, the cells the owner
//! changed (compared with what the pack would hold today), with the activity as it
//! would be after them.

use super::fields::PackField;
use super::read::{ReturnedPack, ReturnedRow};
use crate::import::grid::column_letters;
use crate::import::text::name_key;
use crate::model::{Activity, ActivityFields, ActivityId, Register};
use crate::{Error, Result};

/// One cell the owner changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The column.
    pub field: PackField,
    /// What the register says now.
    pub from: String,
    /// What the owner wrote.
    pub to: String,
}

/// The changes proposed for one activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityProposal {
    /// The activity.
    pub activity_id: ActivityId,
    /// Its name.
    pub name: String,
    /// Its version now (the same as when the pack was written).
    pub version: i64,
    /// The pack's row.
    pub row: usize,
    /// The cells changed, left to right.
    pub changes: Vec<FieldChange>,
    /// The activity's fields after every change.
    pub fields: ActivityFields,
}

/// What a returned pack proposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The service.
    pub service: String,
    /// Who returned it, as written in the pack.
    pub returned_by: String,
    /// Activities with changes.
    pub changed: Vec<ActivityProposal>,
    /// Activities returned unchanged: reviewed by the owner (id, version, name).
    pub unchanged: Vec<(ActivityId, i64, String)>,
    /// Activities saved in the register since the pack was written: nothing of
    /// theirs is proposed.
    pub conflicts: Vec<String>,
    /// Cells or rows that could not be read, by sheet, row and column.
    pub warnings: Vec<String>,
}

impl Proposal {
    /// How many cells are proposed in all.
    pub fn change_count(&self) -> usize {
        self.changed.iter().map(|activity| activity.changes.len()).sum()
    }
}

/// The service called `name`: spelt exactly so, or else the one service whose
/// name differs from it only in case, spacing or punctuation ("Early Help" and
/// "Early-Help" are two services when the register has both).
pub fn service_named<'r>(register: &'r Register, name: &str) -> Option<&'r crate::model::Service> {
    let name = name.trim();
    if let Some(exact) = register.services.iter().find(|s| s.fields.name.trim() == name) {
        return Some(exact);
    }
    let mut loose = register.services.iter().filter(|s| name_key(&s.fields.name) == name_key(name));
    match (loose.next(), loose.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// Compares `pack` with `register`. Refuses a pack whose service the register
/// does not hold.
pub fn propose(register: &Register, pack: &ReturnedPack, file: &str) -> Result<Proposal> {
    let service = service_named(register, &pack.service).ok_or_else(|| Error::Import {
        file: file.to_owned(),
        message: format!(
            "the pack is for the service \"{}\", which this register does not hold",
            pack.service
        ),
    })?;
    let mut proposal = Proposal {
        service: service.fields.name.clone(),
        returned_by: pack.returned_by.clone(),
        changed: Vec::new(),
        unchanged: Vec::new(),
        conflicts: Vec::new(),
        warnings: Vec::new(),
    };
    for row in &pack.rows {
        let Some(activity) = register.activity(row.activity_id) else {
            proposal.warnings.push(format!(
                "sheet \"Activities\", row {}: activity {} is no longer in the register; its row is left out",
                row.row, row.activity_id.0
            ));
            continue;
        };
        if activity.fields.service_id != service.id {
            proposal.warnings.push(format!(
                "sheet \"Activities\", row {}: \"{}\" is no longer in {}; its row is left out",
                row.row, activity.fields.name, service.fields.name
            ));
            continue;
        }
        compare(activity, row, &mut proposal);
    }
    Ok(proposal)
}

fn compare(activity: &Activity, row: &ReturnedRow, proposal: &mut Proposal) {
    let mut fields = activity.fields.clone();
    let mut changes = Vec::new();
    for (index, field) in PackField::ALL.iter().enumerate() {
        let Some(written) = row.cells.get(field) else {
            continue;
        };
        let now = field.cell(&activity.fields);
        if normalised(written) == normalised(&now) {
            continue;
        }
        match field.apply(&mut fields, written) {
            Ok(()) => changes.push(FieldChange { field: *field, from: now, to: normalised(written) }),
            Err(why) => proposal.warnings.push(format!(
                "sheet \"Activities\", row {}, column {} ({}): {why}; the register keeps what it says",
                row.row,
                column_letters(index + 2),
                field.heading()
            )),
        }
    }
    let name = activity.fields.name.clone();
    if activity.version != row.version {
        if !changes.is_empty() {
            proposal.conflicts.push(format!(
                "\"{name}\" (row {}) was saved in the register after the pack was written (version {} then, {} now); its {} change(s) are not proposed: compare them by hand",
                row.row,
                row.version,
                activity.version,
                changes.len()
            ));
        }
        return;
    }
    if changes.is_empty() {
        proposal.unchanged.push((activity.id, activity.version, name));
    } else {
        proposal.changed.push(ActivityProposal {
            activity_id: activity.id,
            name,
            version: activity.version,
            row: row.row,
            changes,
            fields,
        });
    }
}

/// A cell's text with line endings, blank lines and spaces at line ends ignored.
fn normalised(text: &str) -> String {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join("\n")
}
