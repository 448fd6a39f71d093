//! Reading a returned review pack: the service and who returned it from the first
//! sheet, and each activity row's reference and cells from the second. Errors
//! name the file, sheet, row (as the spreadsheet numbers it) and column.

use std::collections::BTreeMap;

use calamine::Reader as _;

use super::fields::PackField;
use super::{ABOUT_SHEET, ACTIVITIES_SHEET, MARKER, REFERENCE_HEADING, RETURNED_BY_LABEL, SERVICE_LABEL};
use crate::import::grid::{Grid, column_letters};
use crate::import::workbook::{is_workbook, read_sheets};
use crate::model::ActivityId;
use crate::{Error, Result};

/// A returned pack as written in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedPack {
    /// The service the pack was written for, by name.
    pub service: String,
    /// Who returned it, as they wrote it (may be blank).
    pub returned_by: String,
    /// The activity rows.
    pub rows: Vec<ReturnedRow>,
}

/// One activity's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedRow {
    /// The row's number in the sheet.
    pub row: usize,
    /// The activity.
    pub activity_id: ActivityId,
    /// The activity's version when the pack was written.
    pub version: i64,
    /// The owner's cells, by column.
    pub cells: BTreeMap<PackField, String>,
}

/// Whether `bytes` are a workbook whose first sheet is "About this pack" and says
/// it is a review pack. Only the sheet names and that one sheet are read, so
/// telling an ICO workbook apart costs no second reading of its register sheet.
pub fn is_review_pack(bytes: &[u8]) -> bool {
    if !is_workbook(bytes) {
        return false;
    }
    let Ok(mut workbook) = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)) else {
        return false;
    };
    if workbook.sheet_names().first().map(String::as_str) != Some(ABOUT_SHEET) {
        return false;
    }
    workbook
        .worksheet_range(ABOUT_SHEET)
        .ok()
        .and_then(|range| range.get_value((0, 0)).map(|cell| cell.to_string().trim() == MARKER))
        == Some(true)
}

/// Reads the returned pack in `bytes` (from the file shown as `file`).
pub fn read_pack(bytes: &[u8], file: &str) -> Result<ReturnedPack> {
    let fail = |message: String| Error::Import { file: file.to_owned(), message };
    let sheets = read_sheets(bytes, file)?;
    let sheet = |name: &str| {
        sheets
            .iter()
            .find(|sheet| sheet.grid.sheet.as_deref() == Some(name))
            .map(|sheet| &sheet.grid)
            .ok_or_else(|| {
                fail(format!(
                    "it has no sheet \"{name}\"; was it renamed? This is not a review pack as written"
                ))
            })
    };
    let about = sheet(ABOUT_SHEET)?;
    if first_cell(about) != MARKER {
        return Err(fail(format!("cell A1 of sheet \"{ABOUT_SHEET}\" does not say \"{MARKER}\"")));
    }
    let service = labelled(about, SERVICE_LABEL);
    if service.is_empty() {
        return Err(fail(format!("sheet \"{ABOUT_SHEET}\" names no service beside \"{SERVICE_LABEL}\"")));
    }
    let returned_by = labelled(about, RETURNED_BY_LABEL);
    let rows = activity_rows(sheet(ACTIVITIES_SHEET)?, &fail)?;
    Ok(ReturnedPack { service, returned_by, rows })
}

fn first_cell(grid: &Grid) -> &str {
    grid.rows.first().filter(|row| row.number == 1).map_or("", |row| row.cell(0).trim())
}

/// The cell right of the label `label` in column A.
fn labelled(grid: &Grid, label: &str) -> String {
    grid.rows
        .iter()
        .find(|row| row.cell(0).trim() == label)
        .map_or_else(String::new, |row| row.cell(1).trim().to_owned())
}

fn activity_rows(grid: &Grid, fail: &dyn Fn(String) -> Error) -> Result<Vec<ReturnedRow>> {
    let Some(headings) = grid.rows.first() else {
        return Err(fail(format!("sheet \"{ACTIVITIES_SHEET}\" is empty")));
    };
    let column_of = |heading: &str| headings.cells.iter().position(|cell| cell.trim() == heading);
    let Some(reference_column) = column_of(REFERENCE_HEADING) else {
        return Err(fail(format!(
            "sheet \"{ACTIVITIES_SHEET}\", row {}: no \"{REFERENCE_HEADING}\" heading",
            headings.number
        )));
    };
    let mut columns = Vec::with_capacity(PackField::ALL.len());
    for field in PackField::ALL {
        let column = column_of(field.heading()).ok_or_else(|| {
            fail(format!(
                "sheet \"{ACTIVITIES_SHEET}\", row {}: the heading \"{}\" is missing; headings must not be changed",
                headings.number,
                field.heading()
            ))
        })?;
        columns.push((field, column));
    }
    let mut rows = Vec::new();
    for row in grid.rows.iter().skip(1).filter(|row| !row.is_blank()) {
        let reference = row.cell(reference_column).trim();
        let place = || {
            format!(
                "sheet \"{ACTIVITIES_SHEET}\", row {}, column {}",
                row.number,
                column_letters(reference_column)
            )
        };
        let (activity_id, version) = parse_reference(reference).ok_or_else(|| {
            fail(format!(
                "{}: the reference \"{reference}\" is not one this register wrote (id/version)",
                place()
            ))
        })?;
        if let Some(first) = rows.iter().find(|r: &&ReturnedRow| r.activity_id == activity_id) {
            return Err(fail(format!(
                "{}: the reference \"{reference}\" is on row {} too (a copied row?); keep one row per activity and import it again",
                place(),
                first.row
            )));
        }
        let cells = columns.iter().map(|(field, column)| (*field, row.cell(*column).to_owned())).collect();
        rows.push(ReturnedRow { row: row.number, activity_id, version, cells });
    }
    Ok(rows)
}

/// "17/3" as activity 17 at version 3.
fn parse_reference(reference: &str) -> Option<(ActivityId, i64)> {
    let (id, version) = reference.split_once('/')?;
    Some((ActivityId(id.trim().parse().ok()?), version.trim().parse().ok()?))
}
