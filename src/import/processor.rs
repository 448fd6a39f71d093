//! Reading a processor record (Art 30(2)) back: the layout of
//! [`crate::export::processor`], saved as CSV or as the workbook's "Processor
//! record" sheet.
//!
//! Every row becomes an activity the organisation carries out as a processor
//! ([`Role::Processor`]) for the controller named in its row. The contact block
//! above the headings names the processor (the organisation), its DPO and its
//! representative. Row numbers in messages are the spreadsheet's.

use std::collections::{BTreeSet, HashMap};

use super::grid::Grid;
use super::law_fields::{NO_SAFEGUARD, read_safeguard};
use super::services::ServiceIndex;
use super::text::{decode, name_key, split_list, yes_no};
use super::{MAX_CELL_CHARS, MAX_FILE_BYTES, Plan, PlannedActivity, Ref, Report};
use crate::cells::restore;
use crate::ico_template::LIST_SEPARATOR;
use crate::model::{
    ActivityFields, ActivityStatus, Contact, Organisation, Register, Role, ServiceId, Transfer,
};
use crate::processor_template::{PROCESSOR_TITLE, ProcessorColumn};
use crate::{Error, Result};

/// Reads a processor-record CSV into a plan against `register` (for matching
/// services by name). `file` names the file in messages.
pub fn read_processor_csv(bytes: &[u8], file: &str, register: &Register) -> Result<Plan> {
    let fail = |message: &str| Error::Import { file: file.to_string(), message: message.to_string() };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(
            "the file is larger than 200 MB, far beyond any register; check it is the right file",
        ));
    }
    let Some((text, _encoding)) = decode(bytes) else {
        return Err(fail("the file is not text (it holds binary data); save the sheet as CSV and try again"));
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> =
        reader.records().filter_map(|r| r.ok()).map(|r| r.iter().map(str::to_string).collect()).collect();
    read_processor_rows(&rows, file, register)
}

/// Reads the processor record from a workbook (xlsx, xls, ods): the first sheet
/// whose headings are the processor record's, such as the "Processor record"
/// sheet of the `ico-xlsx` export. Messages name the file and the sheet.
pub fn read_processor_workbook(bytes: &[u8], file: &str, register: &Register) -> Result<Plan> {
    use calamine::Reader as _;
    let fail = |message: String| Error::Import { file: file.to_string(), message };
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|error| fail(format!("the file could not be read as a workbook ({error})")))?;
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|error| fail(format!("sheet \"{name}\" could not be read ({error})")))?;
        let rows = sheet_rows(&range);
        let cells: Vec<Vec<&str>> = rows.iter().map(|row| row.iter().map(String::as_str).collect()).collect();
        if find_headings(&cells).is_some() {
            return read_processor_rows(&rows, &format!("{file}, sheet \"{name}\""), register);
        }
    }
    Err(fail("no sheet holds a processor record (looked for its headings on every sheet)".into()))
}

/// A sheet's cells as text, row `i` being the spreadsheet's row `i + 1` (a range
/// starts at its first non-empty cell, so the rows and columns before it are
/// filled in).
fn sheet_rows(range: &calamine::Range<calamine::Data>) -> Vec<Vec<String>> {
    let Some((top, left)) = range.start() else { return Vec::new() };
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
    for row in range.rows() {
        let mut cells = vec![String::new(); left as usize];
        cells.extend(row.iter().map(|cell| match cell {
            calamine::Data::Empty => String::new(),
            other => other.to_string(),
        }));
        rows.push(cells);
    }
    rows
}

/// Reads the rows of a processor record (row `i` of `rows` is the spreadsheet's
/// row `i + 1`; cells as written, with this app's apostrophes still on).
pub fn read_processor_rows(rows: &[Vec<String>], file: &str, register: &Register) -> Result<Plan> {
    let rows: Vec<Vec<&str>> =
        rows.iter().map(|row| row.iter().map(|cell| restore(cell)).collect()).collect();
    let plan = Plan { report: Report::new(file), ..Plan::default() };
    let headings = find_headings(&rows).ok_or_else(|| Error::Import {
        file: file.to_string(),
        message: format!(
            "no heading row of the processor record was found (looked for \"{}\" and \"{}\"); check it is a processor record exported by ROPA Register",
            ProcessorColumn::Controller.heading(),
            ProcessorColumn::CategoriesOfProcessing.heading()
        ),
    })?;
    Ok(read_cells(&rows, headings, register, plan))
}

/// Whether the sheet `grid` holds a processor record (its headings are the
/// processor record's), as the `ico-xlsx` export's "Processor record" sheet does.
pub(super) fn is_processor_sheet(grid: &Grid) -> bool {
    find_headings(&cells_by_number(grid)).is_some()
}

/// Reads the processor record on sheet `grid` (cells already restored) into
/// `plan`, which may hold the same workbook's controller record already: a row
/// for an activity the plan holds is that activity, written once on each record,
/// and only tells its role. The messages about the sheet's rows name it. Returns
/// the heading row's number, or `None` (and `plan` untouched) when the sheet
/// holds no processor record.
pub(super) fn read_processor_sheet(grid: &Grid, register: &Register, plan: &mut Plan) -> Option<usize> {
    let rows = cells_by_number(grid);
    let headings = find_headings(&rows)?;
    let header = headings.0;
    let (warnings, rejected) = (plan.report.warnings.len(), plan.report.rejected.len());
    *plan = read_cells(&rows, headings, register, std::mem::take(plan));
    if let Some(sheet) = &grid.sheet {
        let place = |issue: &mut super::Issue| {
            issue.column = Some(match issue.column.take() {
                Some(column) => format!("{column} on sheet \"{sheet}\""),
                None => format!("on sheet \"{sheet}\""),
            });
        };
        plan.report.warnings.iter_mut().skip(warnings).for_each(place);
        plan.report.rejected.iter_mut().skip(rejected).for_each(place);
    }
    Some(header + 1)
}

/// Whether the text file `bytes` is a processor record saved as CSV (its
/// headings are the processor record's, within its first rows).
pub fn is_processor_csv(bytes: &[u8]) -> bool {
    let Some((text, _encoding)) = decode(bytes) else { return false };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .take(HEADING_ROWS)
        .filter_map(|r| r.ok())
        .map(|r| r.iter().map(|cell| restore(cell).to_string()).collect())
        .collect();
    let cells: Vec<Vec<&str>> = rows.iter().map(|row| row.iter().map(String::as_str).collect()).collect();
    find_headings(&cells).is_some()
}

/// The cells of `grid` with row `i` the spreadsheet's row `i + 1`.
fn cells_by_number(grid: &Grid) -> Vec<Vec<&str>> {
    let last = grid.rows.iter().map(|row| row.number).max().unwrap_or(0);
    let mut rows = vec![Vec::new(); last];
    for row in &grid.rows {
        if let Some(slot) = row.number.checked_sub(1).and_then(|index| rows.get_mut(index)) {
            *slot = row.cells.iter().map(String::as_str).collect();
        }
    }
    rows
}

/// Reads restored rows, whose heading row and columns are `headings`, into `plan`.
fn read_cells(
    rows: &[Vec<&str>],
    (header, columns): (usize, HashMap<ProcessorColumn, usize>),
    register: &Register,
    plan: Plan,
) -> Plan {
    let base = plan.organisation.as_ref().map_or(&register.organisation, |edit| &edit.edited);
    let contacts = read_contacts(&rows[..header], base);
    let mut reader = Reader::over(register, plan);
    if let Some(edited) = contacts {
        reader.plan.organisation =
            Some(super::OrganisationEdit { base: register.organisation.clone(), edited });
    }
    for (index, cells) in rows.iter().enumerate().skip(header + 1) {
        if cells.iter().any(|cell| !cell.trim().is_empty()) {
            reader.read_row(index + 1, &columns, cells);
        }
    }
    reader.plan
}

/// How many rows from the top the heading row is looked for in.
const HEADING_ROWS: usize = 60;

/// The heading row (index) and the column each heading is in: the first row in
/// which at least three of the layout's headings appear.
fn find_headings(rows: &[Vec<&str>]) -> Option<(usize, HashMap<ProcessorColumn, usize>)> {
    let wanted: Vec<(ProcessorColumn, String)> =
        ProcessorColumn::ALL.iter().map(|&c| (c, name_key(c.heading()))).collect();
    rows.iter().enumerate().take(HEADING_ROWS).find_map(|(index, row)| {
        let mut columns = HashMap::new();
        for (position, cell) in row.iter().enumerate() {
            let key = name_key(cell);
            if let Some((column, _)) = wanted.iter().find(|(c, w)| *w == key && !columns.contains_key(c)) {
                columns.insert(*column, position);
            }
        }
        let found = columns.len() >= 3 && columns.contains_key(&ProcessorColumn::CategoriesOfProcessing);
        found.then_some((index, columns))
    })
}

/// Which contact a column of the contact block holds.
#[derive(Clone, Copy)]
enum Who {
    Processor,
    Dpo,
    Representative,
}

/// Reads the contact block as the export writes it: a row naming the roles across
/// (Processor, Data Protection Officer, Representative), then a row per detail.
fn read_contacts(rows: &[Vec<&str>], existing: &Organisation) -> Option<Organisation> {
    let processor = name_key(PROCESSOR_TITLE);
    let roles_row = rows.iter().position(|row| row.iter().any(|cell| name_key(cell) == processor))?;
    let roles: Vec<(usize, Who)> = rows[roles_row]
        .iter()
        .enumerate()
        .filter_map(|(i, cell)| match name_key(cell).as_str() {
            key if key == processor => Some((i, Who::Processor)),
            "data protection officer" | "dpo" => Some((i, Who::Dpo)),
            "representative" => Some((i, Who::Representative)),
            _ => None,
        })
        .collect();
    let mut organisation = existing.clone();
    let mut found = false;
    for row in &rows[roles_row + 1..] {
        let Some(field) = row.first().and_then(|label| detail(label)) else { continue };
        for &(column, who) in &roles {
            let value = row.get(column).map_or("", |cell| cell.trim());
            if !value.is_empty() {
                *field(contact_mut(&mut organisation, who)) = value.to_string();
                found = true;
            }
        }
    }
    found.then_some(organisation)
}

/// Picks one detail (name, address...) out of a contact.
type DetailField = fn(&mut Contact) -> &mut String;

fn detail(label: &str) -> Option<DetailField> {
    match name_key(label).as_str() {
        "name" => Some(|c| &mut c.name),
        "address" => Some(|c| &mut c.address),
        "email" | "e mail" => Some(|c| &mut c.email),
        "telephone" | "phone" => Some(|c| &mut c.telephone),
        _ => None,
    }
}

fn contact_mut(organisation: &mut Organisation, who: Who) -> &mut Contact {
    match who {
        Who::Processor => &mut organisation.controller,
        Who::Dpo => &mut organisation.dpo,
        Who::Representative => &mut organisation.representative,
    }
}

/// Builds the plan row by row, remembering the names already in the register or
/// planned.
struct Reader {
    plan: Plan,
    services: ServiceIndex,
    /// The register's activities, by service and name.
    activities: BTreeSet<(String, String)>,
    /// The activities the plan creates, by service and name: their index.
    planned: HashMap<(String, String), usize>,
}

impl Reader {
    /// A reader adding to `plan`, made against `register`.
    fn over(register: &Register, plan: Plan) -> Self {
        let services = ServiceIndex::of_plan(register, &plan);
        let activities = register
            .activities
            .iter()
            .map(|a| (name_key(register.service_name(a.fields.service_id)), name_key(&a.fields.name)))
            .collect();
        let planned = plan
            .activities
            .iter()
            .enumerate()
            .map(|(index, a)| {
                let service = match a.service {
                    Ref::Existing(id) => register.service_name(id),
                    Ref::New(at) => plan.services.get(at).map_or("", |s| s.name.as_str()),
                };
                ((name_key(service), name_key(&a.fields.name)), index)
            })
            .collect();
        Self { plan, services, activities, planned }
    }

    /// A row for an activity the plan already creates (from the controller
    /// record of the same workbook): it is carried out as a processor for
    /// `controller`, which the controller record may not have said.
    fn same_activity(&mut self, number: usize, index: usize, controller: &str) {
        let Some(activity) = self.plan.activities.get_mut(index) else { return };
        if matches!(activity.fields.role, Role::Processor { .. }) {
            return;
        }
        activity.fields.role = Role::Processor { for_controller: controller.to_string() };
        self.plan.report.warn(
            Some(number),
            Some(ProcessorColumn::Controller.heading()),
            format!(
                "\"{}\" is on the controller record as well; taken as carried out as a processor, from this row",
                activity.fields.name
            ),
        );
    }

    fn read_row(&mut self, number: usize, columns: &HashMap<ProcessorColumn, usize>, cells: &[&str]) {
        let get = |column: ProcessorColumn| {
            columns.get(&column).and_then(|&i| cells.get(i)).map_or("", |cell| cell.trim())
        };
        if let Some(at) = cells.iter().position(|cell| cell.chars().count() > MAX_CELL_CHARS) {
            let heading = ProcessorColumn::ALL.iter().find(|c| columns.get(c) == Some(&at));
            self.plan.report.reject(
                Some(number),
                heading.map(|c| c.heading()),
                "a cell holds more than a million characters; the row was not imported",
            );
            return;
        }
        let heading = ProcessorColumn::BusinessFunction.heading();
        let cell = get(ProcessorColumn::BusinessFunction);
        let Some(service_name) = self.services.function_of(&mut self.plan, number, heading, cell) else {
            return;
        };
        let name = get(ProcessorColumn::CategoriesOfProcessing);
        if name.is_empty() {
            self.plan.report.reject(
                Some(number),
                Some(ProcessorColumn::CategoriesOfProcessing.heading()),
                "empty; every processor activity needs its category of processing (Art 30(2)(b)); the row was not imported",
            );
            return;
        }
        let key = (name_key(&service_name), name_key(name));
        if let Some(&index) = self.planned.get(&key) {
            self.same_activity(number, index, get(ProcessorColumn::Controller));
            return;
        }
        if !self.activities.insert(key) {
            self.plan.report.reject(
                Some(number),
                Some(ProcessorColumn::CategoriesOfProcessing.heading()),
                format!(
                    "an activity \"{name}\" already exists in \"{service_name}\"; the row was not imported"
                ),
            );
            return;
        }
        let controller = get(ProcessorColumn::Controller);
        if controller.is_empty() {
            self.plan.report.warn(
                Some(number),
                Some(ProcessorColumn::Controller.heading()),
                "empty; Art 30(2)(a) asks for the controller on whose behalf the processing is done",
            );
        }
        let service = self.services.service_ref(&mut self.plan, &service_name);
        let mut fields = ActivityFields::new(ServiceId(0), name);
        fields.status = ActivityStatus::Active;
        fields.role = Role::Processor { for_controller: controller.to_string() };
        fields.transfers = self.transfers(
            number,
            get(ProcessorColumn::ThirdCountries),
            get(ProcessorColumn::TransferSafeguards),
        );
        fields.security_measures = get(ProcessorColumn::Security).to_string();
        self.plan.activities.push(PlannedActivity {
            row: Some(number),
            service,
            fields,
            links: Vec::new(),
            dpia: crate::model::DpiaAnswers::default(),
        });
    }

    /// The transfers of a row: one per destination, with the safeguard written
    /// after "Destination: " in the safeguards cell.
    fn transfers(&mut self, number: usize, destinations: &str, safeguards: &str) -> Vec<Transfer> {
        let destinations: Vec<String> = split_list(destinations)
            .into_iter()
            .filter(|d| yes_no(d) != Some(false) && name_key(d) != "not applicable")
            .collect();
        let mut transfers = Vec::new();
        for destination in &destinations {
            if destination.contains("(recipient: ") {
                self.plan.report.warn(
                    Some(number),
                    Some(ProcessorColumn::ThirdCountries.heading()),
                    format!("\"{destination}\" is a recipient's country, not a transfer of this activity; not imported"),
                );
                continue;
            }
            let written = safeguard_of(destination, &destinations, safeguards);
            let read = read_safeguard(written);
            let safeguard = read.safeguard;
            if safeguard.is_none() && !written.is_empty() && written != NO_SAFEGUARD {
                self.plan.report.warn(
                    Some(number),
                    Some(ProcessorColumn::TransferSafeguards.heading()),
                    format!("\"{written}\" names no known safeguard; kept as the transfer's detail"),
                );
            }
            if let Some(warning) = read.test.as_ref().and_then(|test| test.warning(destination)) {
                self.plan.report.warn(
                    Some(number),
                    Some(ProcessorColumn::TransferSafeguards.heading()),
                    warning,
                );
            }
            transfers.push(Transfer {
                destination: destination.clone(),
                safeguard,
                detail: read.detail,
                data_protection_test_met: read.test.and_then(|test| test.met),
            });
        }
        transfers
    }
}

/// What the safeguards cell says about `destination`: the text after
/// "destination: " up to the next "; Other destination: ".
pub(super) fn safeguard_of<'c>(destination: &str, destinations: &[String], cell: &'c str) -> &'c str {
    let start_of = |d: &str, from: usize| -> Option<usize> {
        let marker = format!("{d}: ");
        cell.get(from..)?.find(&marker).map(|at| from + at)
    };
    let Some(start) = start_of(destination, 0) else { return "" };
    let text_start = start + destination.len() + 2;
    let end = destinations
        .iter()
        .filter_map(|other| start_of(&format!("{LIST_SEPARATOR}{other}"), text_start))
        .min()
        .unwrap_or(cell.len());
    cell.get(text_start..end).unwrap_or("").trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_destination_gets_its_own_safeguard() {
        let destinations = vec!["United States".to_string(), "India".to_string()];
        let cell = "United States: safeguard A (detail; with a semicolon); India: no safeguard recorded";
        assert_eq!(
            safeguard_of("United States", &destinations, cell),
            "safeguard A (detail; with a semicolon)"
        );
        assert_eq!(safeguard_of("India", &destinations, cell), NO_SAFEGUARD);
        assert_eq!(safeguard_of("France", &destinations, cell), "");
    }
}
