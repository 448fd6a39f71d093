//! Reading a register kept in the ICO documentation template, saved as CSV.
//!
//! Tolerates what real spreadsheets hold: the contact block above the heading row,
//! extra or missing columns, headings worded a little differently, multi-line
//! cells, lists split by ";", "," or new lines, blank "Business function" cells under
//! a merged cell, UTF-8 with or without BOM or Windows-1252, comma, semicolon or tab
//! delimiters, ragged rows.

use std::collections::{BTreeSet, HashMap};

use super::citations::{CitationMemo, Parsed, Unrecognised};
use super::contacts::read_contacts;
use super::csv_grid::{self, Fault};
use super::grid::{Grid, column_letters};
use super::law_fields::{read_interests, read_safeguard, split_retention};
use super::legislation::{labelled, legislation_in};
use super::mapping::{Basis, ColumnMapping, MappingInput, Proposal, Target, most_matches, propose};
use super::party_kind::guess_kind;
use super::processor::{self, safeguard_of};
use super::services::ServiceIndex;
use super::special::{is_category_name, special_categories};
use super::text::{after_yes, decode, name_key, says_no, split_list, yes_no};
use super::{
    MAX_CELL_CHARS, MAX_FILE_BYTES, Plan, PlannedActivity, PlannedAgreement, PlannedLink, PlannedParty, Ref,
};
use super::{tables, workbook};
use crate::cells::restore;
use crate::ico_template::{CHECK_SHEETS, IcoColumn};
use crate::law::{LegalItem, TransferSafeguard};
use crate::model::{
    ActivityFields, ActivityStatus, AgreementFields, AgreementKind, Direction, DpiaAnswers, DpiaProgress,
    LinkFields, PartyFields, PartyId, PartyKind, Register, Retention, ServiceId, Transfer,
};
use crate::{Error, Result};

/// Reads an ICO-template CSV into a plan against `register` (the register it will
/// be imported into, for matching services and parties by name). `file` names the
/// file in messages.
pub fn read_ico_csv(bytes: &[u8], file: &str, register: &Register) -> Result<Plan> {
    read_csv_mapped(bytes, file, register, MappingInput::default()).map(|mapped| mapped.plan)
}

/// A plan read through a column mapping, with the mapping each heading got.
#[derive(Debug, Clone)]
pub struct Mapped {
    /// What the import will write.
    pub plan: Plan,
    /// The target proposed (or given) for each heading, left to right.
    pub proposals: Vec<Proposal>,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// The heading row's number, as the spreadsheet shows it.
    pub heading_row: usize,
    /// The headings, as written, for remembering the layout.
    pub headings: Vec<String>,
}

impl Mapped {
    /// Whether any heading's target was guessed and so wants the officer's word.
    pub fn needs_confirming(&self) -> bool {
        self.proposals.iter().any(|p| p.basis == Basis::Guessed)
    }

    /// Whether the layout is not simply the ICO template's: some heading was
    /// given, remembered, guessed or left as a note.
    pub fn is_own_layout(&self) -> bool {
        super::mapping::is_own_layout(&self.proposals)
    }

    /// The mapping as it stands, every heading named, for `--map` or remembering.
    pub fn mapping(&self) -> ColumnMapping {
        ColumnMapping::of(&self.proposals)
    }

    /// The mapping as lines for the preview: one per heading, then each heading
    /// kept as a note.
    pub fn lines(&self) -> Vec<String> {
        let place = match &self.sheet {
            Some(sheet) => format!("sheet \"{sheet}\", headings on row {}", self.heading_row),
            None => format!("headings on row {}", self.heading_row),
        };
        let mut lines = vec![format!("column mapping ({place}):")];
        lines.extend(self.proposals.iter().map(|p| format!("  {}", p.describe())));
        for p in self.proposals.iter().filter(|p| p.target == Target::Note) {
            lines.push(format!(
                "unmapped column {} \"{}\": kept in each activity's description as \"{}: value\"",
                p.letters(),
                p.heading,
                p.heading
            ));
        }
        lines
    }
}

/// Reads a spreadsheet saved as CSV, in the ICO layout or any other, through the
/// column mapping proposed for its headings with `input`'s choices.
pub fn read_csv_mapped(
    bytes: &[u8],
    file: &str,
    register: &Register,
    input: MappingInput<'_>,
) -> Result<Mapped> {
    let fail = |message: &str| Error::Import { file: file.to_string(), message: message.to_string() };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(fail("the file is empty"));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(
            "the file is larger than 200 MB, far beyond any register; check it is the right file",
        ));
    }
    let Some((text, _encoding)) = decode(bytes) else {
        return Err(fail(
            "the file is not text (it holds binary data); save the spreadsheet as CSV and try again",
        ));
    };
    let Some(table) = find_table(&text, input) else {
        return Err(fail(NO_HEADINGS));
    };
    check_mapping(&table, input, file)?;
    let plan = read_ico_table(&table, file, register);
    Ok(table.into_mapped(plan))
}

/// Why no heading row was found, and what to do.
const NO_HEADINGS: &str = "no heading row was found (looked for the ICO template's headings such as \"Business function\", \"Purpose of processing\", \"Categories of individuals\", and for a row of at least three headings that name fields, such as \"Purpose\", \"Legal basis\", \"Retention period\"); name the columns with --map \"HEADING=FIELD;...\" (see docs/import.md)";

/// Refuses a mapping that names a heading the sheet lacks, or gives one field
/// (other than a note) to two headings. The message names the file (and sheet),
/// the heading row as the spreadsheet numbers it, and the headings.
fn check_mapping(table: &Table, input: MappingInput<'_>, file: &str) -> Result<()> {
    let place = table.grid.place(table.grid.rows[table.header].number);
    let fail = |message: String| Error::Import { file: file.to_string(), message };
    if let Some(given) = input.given {
        for (heading, _) in &given.entries {
            if !table.proposals.iter().any(|p| name_key(&p.heading) == name_key(heading)) {
                let found: Vec<String> =
                    table.proposals.iter().map(|p| format!("\"{}\"", p.heading)).collect();
                return Err(fail(format!(
                    "the mapping names the heading \"{heading}\", which is not among the headings of {place} ({})",
                    found.join(", ")
                )));
            }
        }
    }
    for (i, first) in table.proposals.iter().enumerate() {
        if first.target == Target::Note {
            continue;
        }
        if let Some(second) = table.proposals[i + 1..].iter().find(|p| p.target == first.target) {
            return Err(fail(format!(
                "the headings \"{}\" (column {}) and \"{}\" (column {}) of {place} both map to {}; map one of them to another field or to note",
                first.heading,
                first.letters(),
                second.heading,
                second.letters(),
                first.target
            )));
        }
    }
    Ok(())
}

/// Reads a workbook (xlsx, xls, ods) kept in the ICO template into a plan against
/// `register`. The register sheet is the one whose heading row matches the most
/// template headings, wherever it is in the workbook.
pub fn read_ico_workbook(bytes: &[u8], file: &str, register: &Register) -> Result<Plan> {
    read_workbook_mapped(bytes, file, register, MappingInput::default()).map(|mapped| mapped.plan)
}

/// Reads a workbook, in the ICO layout or any other, through the column mapping
/// proposed for the headings of its register sheet (the sheet whose heading row
/// maps the most headings) with `input`'s choices.
pub fn read_workbook_mapped(
    bytes: &[u8],
    file: &str,
    register: &Register,
    input: MappingInput<'_>,
) -> Result<Mapped> {
    // The register's own workbook carries its findings (a sheet as long as the
    // register and its links): read them only if no other sheet is a record.
    let is_checks = |name: &str| CHECK_SHEETS.iter().any(|sheet| sheet.eq_ignore_ascii_case(name.trim()));
    // The app's own table sheets (links, parties, ...) are written without
    // merged cells: only the others are searched for them.
    let sheets = workbook::read_sheets_where(
        bytes,
        file,
        |name| !is_checks(name),
        |grid| !tables::is_table_sheet(grid),
    )?;
    if let Some(mapped) = plan_of_sheets(sheets, file, register, input)? {
        return Ok(mapped);
    }
    let sheets = workbook::read_sheets(bytes, file)?;
    let names: Vec<String> = sheets.iter().filter_map(|s| s.grid.sheet.clone()).collect();
    plan_of_sheets(sheets, file, register, input)?.ok_or_else(|| Error::Import {
        file: file.to_string(),
        message: format!(
            "{NO_HEADINGS}; the sheets are {}",
            names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
        ),
    })
}

/// The plan read from a workbook's `sheets`, or `None` when none of them is a
/// record (controller or processor).
fn plan_of_sheets(
    sheets: Vec<workbook::Sheet>,
    file: &str,
    register: &Register,
    input: MappingInput<'_>,
) -> Result<Option<Mapped>> {
    let mut tables = Vec::new();
    let mut records = Vec::new();
    let mut processor_records = Vec::new();
    for sheet in sheets {
        if processor::is_processor_sheet(&sheet.grid) {
            processor_records.push(sheet.grid);
            continue;
        }
        match tables::table_sheet(sheet.grid) {
            Ok(mut table) => {
                table.cell_warnings = sheet.warnings;
                tables.push(table);
            }
            Err(grid) => records.push(workbook::Sheet { grid, warnings: sheet.warnings }),
        }
    }
    let best = records
        .into_iter()
        .filter_map(|sheet| {
            let warnings = sheet.warnings;
            find_heading(sheet.grid, Vec::new(), input).map(|(table, matched)| (table, warnings, matched))
        })
        .max_by_key(|(_, _, matched)| *matched);
    let Some((table, warnings, _)) = best else {
        return Ok(processor_only(&processor_records, file, register));
    };
    let sheet_name = table.grid.sheet.clone().unwrap_or_default();
    let file = format!("{file}, sheet \"{sheet_name}\"");
    check_mapping(&table, input, &file)?;
    let mut plan = read_ico_table(&table, &file, register);
    let headings = &table.grid.rows[table.header];
    for (row, letters, message) in warnings {
        let index = letters_index(&letters);
        let heading = headings.cell(index).trim();
        let column =
            if heading.is_empty() { format!("column {letters}") } else { format!("{heading} ({letters})") };
        plan.report.warn(Some(row), Some(&column), message);
    }
    tables::read_tables(&tables, &mut plan, register);
    for grid in &processor_records {
        processor::read_processor_sheet(grid, register, &mut plan);
    }
    let mapped = table.into_mapped(plan);
    // A register's workbook is millions of cells, each its own string: freeing
    // them took a tenth of reading it, and nothing waits for it.
    super::drop_elsewhere((tables, processor_records));
    Ok(Some(mapped))
}

/// A workbook whose only record is a processor record (Art 30(2)): its first
/// processor sheet read as the plan, with no column mapping to confirm.
fn processor_only(grids: &[Grid], file: &str, register: &Register) -> Option<Mapped> {
    let grid = grids.first()?;
    let sheet = grid.sheet.clone();
    let file = format!("{file}, sheet \"{}\"", sheet.as_deref().unwrap_or_default());
    let mut plan = Plan { report: super::Report::new(file), ..Plan::default() };
    let heading_row = processor::read_processor_sheet(grid, register, &mut plan)?;
    let headings = grid.rows.iter().find(|row| row.number == heading_row).map(|row| row.cells.clone());
    Some(Mapped { plan, proposals: Vec::new(), sheet, heading_row, headings: headings.unwrap_or_default() })
}

/// Whether a personal-data item says it is special category data, as the export
/// writes it ("Health (special category)") or as older files did ("Special
/// category: Health").
fn marks_special_category(item: &str) -> bool {
    let key = name_key(item);
    key.ends_with(" special category") || key.starts_with("special category ")
}

/// The 0-based index of spreadsheet column letters ("A" is 0, "AD" is 29).
fn letters_index(letters: &str) -> usize {
    letters.bytes().fold(0, |n, b| n * 26 + usize::from(b.saturating_sub(b'A')) + 1).saturating_sub(1)
}

/// Reads a sheet whose heading row has been found into a plan against `register`.
pub(super) fn read_ico_table(table: &Table, file: &str, register: &Register) -> Plan {
    let mut reader = Reader::new(file, register);
    reader.plan.organisation = read_contacts(&table.grid.rows[..table.header], &register.organisation)
        .map(|edited| super::OrganisationEdit { base: register.organisation.clone(), edited });
    for fault in &table.faults {
        reader.plan.report.reject(Some(fault.row), None, fault.message.clone());
    }
    reader.read_rows(table);
    reader.plan
}

/// A sheet's rows and where its heading row is.
pub(super) struct Table {
    pub(super) grid: Grid,
    /// Index in `grid.rows` of the heading row.
    pub(super) header: usize,
    /// The target of each non-blank heading, left to right.
    pub(super) proposals: Vec<Proposal>,
    /// Rows that could not be split into cells.
    pub(super) faults: Vec<Fault>,
}

impl Table {
    fn into_mapped(self, plan: Plan) -> Mapped {
        let heading_row = &self.grid.rows[self.header];
        Mapped {
            plan,
            heading_row: heading_row.number,
            headings: heading_row.cells.clone(),
            sheet: self.grid.sheet,
            proposals: self.proposals,
        }
    }

    /// The column of the first heading mapped to `target`.
    fn column_of(&self, target: Target) -> Option<usize> {
        self.proposals.iter().find(|p| p.target == target).map(|p| p.index)
    }
}

/// How many rows below a heading row are looked at to guess a column from its cells.
const SAMPLE_ROWS: usize = 20;

/// The most rows above the heading row searched for it.
const HEADING_SEARCH_ROWS: usize = 60;

/// Finds the heading row in a grid: the row among the first sixty whose headings
/// map to the most fields (ICO headings, known synonyms, guesses, the officer's
/// mapping), at least three.
pub(super) fn find_heading(
    grid: Grid,
    faults: Vec<Fault>,
    input: MappingInput<'_>,
) -> Option<(Table, usize)> {
    let mut best: Option<(usize, Vec<Proposal>, usize)> = None;
    for (index, row) in grid.rows.iter().enumerate().take(HEADING_SEARCH_ROWS) {
        // The earliest row with the most matches wins, so a row that cannot
        // match more than the best so far is not read (a data row under the
        // headings: reading it means guessing each cell's field from the cells
        // below it).
        let most = best.as_ref().map_or(0, |(_, _, matched)| *matched);
        if best.is_some() && most_matches(&row.cells) <= most {
            continue;
        }
        let sample: Vec<&[String]> =
            grid.rows.iter().skip(index + 1).take(SAMPLE_ROWS).map(|r| r.cells.as_slice()).collect();
        let proposals = propose(&row.cells, &sample, input);
        let matched = proposals.iter().filter(|p| p.target != Target::Note).count();
        if best.is_none() || matched > most {
            best = Some((index, proposals, matched));
        }
    }
    let (header, proposals, matched) = best?;
    (matched >= 3).then_some((Table { grid, header, proposals, faults }, matched))
}

/// Tries comma, semicolon and tab on the file's head (the rows the heading
/// search reads), keeping the delimiter whose heading row matches the most
/// template headings; then reads the whole file with it, once.
fn find_table(text: &str, input: MappingInput<'_>) -> Option<Table> {
    let head_rows = HEADING_SEARCH_ROWS + SAMPLE_ROWS + 1;
    let (delimiter, head) = [',', ';', '\t']
        .into_iter()
        .filter_map(|delimiter| {
            let (grid, faults) = csv_grid::parse_head(text, delimiter, head_rows);
            Some((delimiter, find_heading(restored(grid), faults, input)?))
        })
        .max_by_key(|(_, (_, matched))| *matched)?;
    let (grid, faults) = csv_grid::parse(text, delimiter);
    let (head, _) = head;
    Some(Table { grid: restored(grid), faults, ..head })
}

/// `grid` with each cell's spreadsheet-safe prefix taken off again.
fn restored(mut grid: Grid) -> Grid {
    for row in &mut grid.rows {
        for cell in &mut row.cells {
            if restore(cell).len() != cell.len() {
                *cell = restore(cell).to_string();
            }
        }
    }
    grid
}

fn heading_tokens(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace("(if applicable)", "").replace("(if possible)", "");
    lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// Maps each cell of a row to a template column: exact (ignoring case, spacing and
/// punctuation) first, then the closest heading by shared words.
pub(super) fn match_headings(row: &[String]) -> Vec<Option<IcoColumn>> {
    let wanted: Vec<(IcoColumn, Vec<String>)> =
        IcoColumn::ALL.iter().map(|&c| (c, heading_tokens(c.heading()))).collect();
    let mut taken: BTreeSet<IcoColumn> = BTreeSet::new();
    let mut columns: Vec<Option<IcoColumn>> = vec![None; row.len()];
    for (cell, slot) in row.iter().zip(columns.iter_mut()) {
        let tokens = heading_tokens(cell);
        if let Some((column, _)) = wanted.iter().find(|(c, w)| *w == tokens && !taken.contains(c)) {
            taken.insert(*column);
            *slot = Some(*column);
        }
    }
    for (cell, slot) in row.iter().zip(columns.iter_mut()).filter(|(_, slot)| slot.is_none()) {
        let tokens: BTreeSet<String> = heading_tokens(cell).into_iter().collect();
        if tokens.len() < 2 {
            continue;
        }
        let best = wanted
            .iter()
            .filter(|(c, _)| !taken.contains(c))
            .map(|(c, w)| {
                let w: BTreeSet<String> = w.iter().cloned().collect();
                let shared = tokens.intersection(&w).count() as f64;
                (c, shared / tokens.len() as f64, shared / tokens.union(&w).count() as f64)
            })
            .filter(|(_, contained, jaccard)| *contained >= 0.75 && *jaccard >= 0.4)
            .max_by(|a, b| a.2.total_cmp(&b.2));
        if let Some((column, _, _)) = best {
            taken.insert(*column);
            *slot = Some(*column);
        }
    }
    columns
}

/// One row's cells by template column.
struct Row<'a> {
    number: usize,
    cells: HashMap<IcoColumn, &'a str>,
    /// The activity's name, when the file has the name column.
    name: Option<&'a str>,
    /// The activity's owner, when a column is mapped to it.
    owner: Option<&'a str>,
    /// The cells of columns mapped to legislation.
    legislation: Vec<&'a str>,
    /// Cells under headings that are not the template's, by heading.
    notes: Vec<(&'a str, &'a str)>,
}

impl Row<'_> {
    fn get(&self, column: IcoColumn) -> &str {
        self.cells.get(&column).map_or("", |cell| cell.trim())
    }
}

/// Builds the plan row by row, remembering names already matched or planned.
struct Reader<'r> {
    plan: Plan,
    services: ServiceIndex,
    parties: HashMap<String, Ref<PartyId>>,
    /// The register's parties by id (no scan per row).
    party_by_id: HashMap<PartyId, &'r crate::model::Party>,
    /// Keys of the parties already listed in `plan.matched_parties`.
    matched: std::collections::HashSet<String>,
    activities: BTreeSet<(String, String)>,
    contracts: HashMap<String, usize>,
    /// (recipient, country) read from "Country (recipient: NAME)" in column H.
    recipient_countries: Vec<(String, String)>,
    /// Whether some column is the business function; if none, band rows name it.
    has_function_column: bool,
    /// The citation cells read so far, each distinct text read once.
    citations: CitationMemo,
    /// Each party name read from a sources or recipients cell so far: its key
    /// and its party (a register's few hundred parties fill 100,000 links).
    written_parties: HashMap<String, (String, Ref<PartyId>)>,
}

impl<'r> Reader<'r> {
    fn new(file: &str, register: &'r Register) -> Self {
        let services = ServiceIndex::of(register);
        let parties =
            register.parties.iter().map(|p| (name_key(&p.fields.name), Ref::Existing(p.id))).collect();
        let service_names: HashMap<ServiceId, &str> =
            register.services.iter().map(|s| (s.id, s.fields.name.as_str())).collect();
        let activities = register
            .activities
            .iter()
            .map(|a| {
                let service = service_names.get(&a.fields.service_id).copied().unwrap_or("");
                (name_key(service), name_key(&a.fields.name))
            })
            .collect();
        let plan = Plan { report: super::Report::new(file), ..Plan::default() };
        Self {
            plan,
            services,
            parties,
            party_by_id: register.parties.iter().map(|p| (p.id, p)).collect(),
            matched: std::collections::HashSet::new(),
            activities,
            contracts: HashMap::new(),
            recipient_countries: Vec::new(),
            has_function_column: true,
            citations: CitationMemo::default(),
            written_parties: HashMap::new(),
        }
    }

    fn read_rows(&mut self, table: &Table) {
        let heading_row = &table.grid.rows[table.header];
        let headings = &heading_row.cells;
        let notes: Vec<(usize, &str)> = table
            .proposals
            .iter()
            .filter(|p| p.target == Target::Note)
            .map(|p| (p.index, p.heading.as_str()))
            .collect();
        for (_, heading) in &notes {
            self.plan.report.warn(
                Some(heading_row.number),
                Some(heading),
                format!(
                    "mapped to no field; its values are kept in each activity's description as \"{heading}: value\""
                ),
            );
        }
        let columns: Vec<(usize, IcoColumn)> = table
            .proposals
            .iter()
            .filter_map(|p| match p.target {
                Target::Column(column) => Some((p.index, column)),
                _ => None,
            })
            .collect();
        let legislation: Vec<usize> =
            table.proposals.iter().filter(|p| p.target == Target::Legislation).map(|p| p.index).collect();
        let name_column = table.column_of(Target::Name);
        let owner_column = table.column_of(Target::Owner);
        let first_column = table.proposals.first().map_or(0, |p| p.index);
        self.has_function_column = columns.iter().any(|(_, c)| *c == IcoColumn::BusinessFunction);
        if !self.has_function_column {
            self.plan.report.warn(
                Some(heading_row.number),
                None,
                format!(
                    "no column is the business function; activities are filed under \"{}\" until a band row (a row with only its first cell filled, such as \"Information in\") names another",
                    default_service(&table.grid)
                ),
            );
            self.services.set_current(&default_service(&table.grid));
        }
        let width = headings.iter().rposition(|h| !h.trim().is_empty()).map_or(0, |last| last + 1);
        for grid_row in table.grid.rows.iter().skip(table.header + 1) {
            if grid_row.is_blank() {
                continue;
            }
            let number = grid_row.number;
            let cells = &grid_row.cells;
            if let Some(cell) = cells.iter().position(|cell| cell.chars().count() > MAX_CELL_CHARS) {
                let heading = headings.get(cell).map(String::as_str);
                self.plan.report.reject(
                    Some(number),
                    heading,
                    "a cell holds more than a million characters; the row was not imported",
                );
                continue;
            }
            if let Some(extra) = cells.iter().skip(width).position(|c| !c.trim().is_empty()) {
                let column = column_letters(width + extra);
                self.plan.report.reject(
                    Some(number),
                    None,
                    format!(
                        "{} holds a value in column {column}, beyond the last heading; a comma or quote in a cell has probably shifted the cells, so the row was not imported",
                        table.grid.place(number)
                    ),
                );
                continue;
            }
            if !self.has_function_column && self.band_without_function(grid_row, first_column) {
                continue;
            }
            let filled = |i: usize| Some(grid_row.cell(i).trim()).filter(|n| !n.is_empty());
            let row = Row {
                number,
                cells: columns.iter().map(|&(i, c)| (c, grid_row.cell(i))).collect(),
                name: name_column.and_then(filled),
                owner: owner_column.and_then(filled),
                legislation: legislation.iter().filter_map(|&i| filled(i)).collect(),
                notes: notes
                    .iter()
                    .map(|&(i, heading)| (heading, grid_row.cell(i).trim()))
                    .filter(|(_, value)| !value.is_empty())
                    .collect(),
            };
            if self.band_row(&row) {
                continue;
            }
            self.read_row(&row);
        }
    }

    /// In a layout with no business function column, a row with only its first
    /// cell filled ("Information in") is a band naming the function of the rows
    /// below it.
    fn band_without_function(&mut self, row: &super::grid::GridRow, first_column: usize) -> bool {
        let mut filled = row.cells.iter().enumerate().filter(|(_, c)| !c.trim().is_empty());
        let (Some((index, function)), None) = (filled.next(), filled.next()) else { return false };
        if index != first_column {
            return false;
        }
        let function = function.trim().to_string();
        self.plan.report.warn(
            Some(row.number),
            None,
            format!("a band row: \"{function}\" is taken as the business function of the rows below it"),
        );
        self.services.set_current(&function);
        true
    }

    /// A row with nothing but a business function is a band over the rows below
    /// it: it names their function and is not an activity.
    fn band_row(&mut self, row: &Row<'_>) -> bool {
        let function = row.get(IcoColumn::BusinessFunction);
        let only_function =
            row.cells.iter().all(|(c, v)| *c == IcoColumn::BusinessFunction || v.trim().is_empty())
                && row.name.is_none()
                && row.notes.is_empty();
        if function.is_empty() || !only_function {
            return false;
        }
        self.services.set_current(function);
        self.plan.report.warn(
            Some(row.number),
            Some(IcoColumn::BusinessFunction.heading()),
            format!("a band row: \"{function}\" is taken as the business function of the rows below it"),
        );
        true
    }

    fn read_row(&mut self, row: &Row<'_>) {
        let Some(service_name) = self.service_name(row) else { return };
        let service = self.services.service_ref(&mut self.plan, &service_name);
        let name = activity_name(row);
        let key = (name_key(&service_name), name_key(&name));
        if !self.activities.insert(key) {
            self.plan.report.reject(
                Some(row.number),
                Some(IcoColumn::Purpose.heading()),
                format!(
                    "an activity \"{name}\" already exists in \"{service_name}\"; the row was not imported"
                ),
            );
            return;
        }
        let mut fields = ActivityFields::new(ServiceId(0), name);
        fields.status = ActivityStatus::Active;
        fields.description = row
            .notes
            .iter()
            .map(|(heading, value)| format!("{heading}: {value}"))
            .collect::<Vec<_>>()
            .join("\n");
        fields.owner = row.owner.unwrap_or_default().to_string();
        self.read_article30(row, &mut fields);
        self.read_lawfulness(row, &mut fields);
        for law in row.legislation.iter().flat_map(|cell| split_list(cell)) {
            if !fields.legislation.contains(&law) {
                fields.legislation.push(law);
            }
        }
        let dpia = read_accountability(row, &mut fields);
        let mut links = self.links(row, IcoColumn::Sources, Direction::Source);
        links.extend(self.links(row, IcoColumn::Recipients, Direction::Recipient));
        self.read_processor_contract(row, &mut links);
        for (recipient, country) in std::mem::take(&mut self.recipient_countries) {
            if let Some(Ref::New(index)) = self.parties.get(&name_key(&recipient))
                && let Some(party) = self.plan.parties.get_mut(*index)
                && party.fields.country.trim().is_empty()
            {
                party.fields.country = country;
            }
        }
        self.plan.activities.push(PlannedActivity { row: Some(row.number), service, fields, links, dpia });
    }

    fn service_name(&mut self, row: &Row<'_>) -> Option<String> {
        let heading = IcoColumn::BusinessFunction.heading();
        let cell = row.get(IcoColumn::BusinessFunction);
        self.services.function_of(&mut self.plan, row.number, heading, cell)
    }

    fn read_article30(&mut self, row: &Row<'_>, f: &mut ActivityFields) {
        f.purposes = split_list(row.get(IcoColumn::Purpose));
        f.data_subjects = split_list(row.get(IcoColumn::DataSubjects));
        let items = split_list(row.get(IcoColumn::PersonalData));
        let marked = items.iter().any(|item| marks_special_category(item));
        for item in items {
            self.sort_personal_data(row.number, item, marked, f);
        }
        let joint = row.get(IcoColumn::JointController);
        if !says_no(joint) {
            f.role = crate::ico_template::role_of_cell(joint);
        }
        f.transfers = self.transfers(row);
        let (period, reason) = split_retention(row.get(IcoColumn::Retention));
        f.retention = retention(period);
        f.retention_reason = reason.to_string();
        f.security_measures = row.get(IcoColumn::Security).to_string();
        f.systems = split_list(row.get(IcoColumn::Location));
    }

    /// Puts an item of column E where the law puts it: special category data and
    /// criminal offence data are kept apart from ordinary personal data.
    /// In a cell that `marked` its special category data item by item (as this
    /// app's export does), an unmarked item is ordinary personal data whatever its
    /// words suggest: the officer classified it.
    fn sort_personal_data(&mut self, row: usize, item: String, marked: bool, f: &mut ActivityFields) {
        let column = Some(IcoColumn::PersonalData.heading());
        let bare = item.trim_start_matches("Special category:").trim().to_string();
        // This app's export writes criminal offence data as "Criminal offence data"
        // or "Criminal offence data: DETAIL".
        if let Some(detail) = criminal_offence_detail(&bare) {
            let detail = match f.criminal_offence_data.take() {
                Some(before) if !before.is_empty() => format!("{before}; {detail}"),
                _ => detail.to_string(),
            };
            f.criminal_offence_data = Some(detail);
            return;
        }
        let categories = special_categories(&bare);
        if marked && !categories.is_empty() && !marks_special_category(&item) && !is_category_name(&bare) {
            let titles: Vec<&str> = categories.iter().map(|c| c.title()).collect();
            self.plan.report.warn(
                Some(row),
                column,
                format!(
                    "\"{item}\" may be special category data (Art 9(1): {}); kept as ordinary personal data, as the cell marks its special category data item by item",
                    titles.join(", ")
                ),
            );
            f.personal_data.push(item);
        } else if !categories.is_empty() {
            let titles: Vec<&str> = categories.iter().map(|c| c.title()).collect();
            f.special_categories.extend(categories);
            if is_category_name(&bare) {
                return;
            }
            self.plan.report.warn(
                Some(row),
                column,
                format!(
                    "\"{item}\" recorded as special category data (Art 9(1): {}); the words are kept in the personal data",
                    titles.join(", ")
                ),
            );
            f.personal_data.push(item);
        } else if is_criminal(&bare) {
            let detail = f.criminal_offence_data.take().map_or(bare.clone(), |d| format!("{d}; {bare}"));
            f.criminal_offence_data = Some(detail);
            self.plan.report.warn(
                Some(row),
                column,
                format!("\"{item}\" recorded as criminal offence data (Art 10)"),
            );
        } else {
            f.personal_data.push(item);
        }
    }

    fn transfers(&mut self, row: &Row<'_>) -> Vec<Transfer> {
        let destinations = split_list(row.get(IcoColumn::ThirdCountries))
            .into_iter()
            .filter(|d| !says_no(d))
            .collect::<Vec<_>>();
        let safeguards_cell = row.get(IcoColumn::TransferSafeguards);
        // This app's export: a recipient's country is listed as "Country (recipient:
        // NAME)", and each destination's safeguard as "Country: Safeguard (detail)".
        let (recipients, destinations): (Vec<String>, Vec<String>) =
            destinations.into_iter().partition(|d| d.contains("(recipient: "));
        self.recipient_countries.extend(recipients.iter().filter_map(|d| recipient_country(d)));
        if !destinations.is_empty()
            && destinations.iter().all(|d| !safeguard_of(d, &destinations, safeguards_cell).is_empty())
        {
            return destinations
                .iter()
                .map(|destination| {
                    let read = read_safeguard(safeguard_of(destination, &destinations, safeguards_cell));
                    if let Some(warning) = read.test.as_ref().and_then(|test| test.warning(destination)) {
                        self.plan.report.warn(
                            Some(row.number),
                            Some(IcoColumn::TransferSafeguards.heading()),
                            warning,
                        );
                    }
                    Transfer {
                        destination: destination.clone(),
                        safeguard: read.safeguard,
                        detail: read.detail,
                        data_protection_test_met: read.test.and_then(|test| test.met),
                    }
                })
                .collect();
        }
        let safeguard = safeguard(safeguards_cell);
        if !destinations.is_empty() && !safeguards_cell.is_empty() && safeguard.is_none() {
            self.plan.report.warn(
                Some(row.number),
                Some(IcoColumn::TransferSafeguards.heading()),
                "no known safeguard named (adequacy, IDTA, Addendum, BCRs, Art 49); the text is kept as the detail",
            );
        }
        destinations
            .into_iter()
            .map(|destination| Transfer {
                destination,
                safeguard,
                detail: safeguards_cell.to_string(),
                data_protection_test_met: None,
            })
            .collect()
    }

    fn read_lawfulness(&mut self, row: &Row<'_>, f: &mut ActivityFields) {
        self.read_bases(row, IcoColumn::Article6, f);
        self.read_bases(row, IcoColumn::GdprArticle6, f);
        let article9 = self.citations.article9(row.get(IcoColumn::Article9));
        f.article9_conditions = article9.items.clone();
        self.keep_unrecognised(row.number, IcoColumn::Article9, article9, f);
        let schedule1 = self.citations.schedule1(row.get(IcoColumn::Schedule1));
        f.schedule1_conditions = schedule1.items.clone();
        self.keep_unrecognised(row.number, IcoColumn::Schedule1, schedule1, f);
        let interests = read_interests(row.get(IcoColumn::LegitimateInterests));
        if let Some(warning) = interests.warning {
            self.plan.report.warn(Some(row.number), Some(IcoColumn::LegitimateInterests.heading()), warning);
        }
        f.recognised_legitimate_interest = interests.condition;
        f.legitimate_interests = interests.interests;
        f.legitimate_interests_assessment = row.get(IcoColumn::LegitimateInterestsAssessment).to_string();
        f.consent_record = row.get(IcoColumn::ConsentRecord).to_string();
        let adm = row.get(IcoColumn::AutomatedDecisionMaking);
        if !says_no(adm) {
            f.automated_decision_making =
                Some(if yes_no(adm) == Some(true) { String::new() } else { after_yes(adm).to_string() });
        }
    }

    /// Reads a lawful-basis cell: the Article 6 bases, and the legislation written
    /// beside them ("Public task (Children Act 1989, s.17)"), kept word for word.
    fn read_bases(&mut self, row: &Row<'_>, column: IcoColumn, f: &mut ActivityFields) {
        let cell = row.get(column);
        let mut parsed = self.citations.article6(cell);
        f.lawful_bases.extend(parsed.items.iter().copied());
        let mut after_label = false;
        let mut kept = Vec::new();
        for piece in cell.split([';', '\n', '\r']).map(str::trim).filter(|piece| !piece.is_empty()) {
            let unread = parsed.unrecognised.iter().any(|u| u.text == piece);
            // After "Legislation:" every piece is legislation, word for word: the
            // export writes the activity's legislation there, one title a piece.
            let found = match labelled(piece) {
                Some(rest) => {
                    after_label = true;
                    Some(rest.to_string()).filter(|rest| !rest.is_empty())
                }
                None if after_label => Some(piece.to_string()),
                None => legislation_in(piece),
            };
            if let Some(law) = found {
                if unread {
                    kept.push(piece.to_string());
                }
                if !f.legislation.contains(&law) {
                    self.plan.report.warn(
                        Some(row.number),
                        Some(column.heading()),
                        format!("\"{law}\" kept as the activity's legislation"),
                    );
                    f.legislation.push(law);
                }
            }
        }
        parsed.unrecognised.retain(|u| !kept.contains(&u.text));
        self.keep_unrecognised(row.number, column, parsed, f);
    }

    fn keep_unrecognised<T>(
        &mut self,
        row: usize,
        column: IcoColumn,
        parsed: Parsed<T>,
        f: &mut ActivityFields,
    ) {
        for Unrecognised { text, note } in parsed.unrecognised {
            if yes_no(&text) == Some(false) || name_key(&text) == "not applicable" {
                continue;
            }
            self.plan.report.warn(
                Some(row),
                Some(column.heading()),
                format!("\"{text}\": {note}; kept as written"),
            );
            if !f.unrecognised_citations.contains(&text) {
                f.unrecognised_citations.push(text);
            }
        }
    }

    fn links(&mut self, row: &Row<'_>, column: IcoColumn, direction: Direction) -> Vec<PlannedLink> {
        let mut seen = BTreeSet::new();
        split_list(row.get(column))
            .into_iter()
            .filter_map(|written| {
                let (key, party) = self.written_party(written);
                seen.insert(key).then(|| PlannedLink {
                    party,
                    agreement: None,
                    fields: LinkFields::new(PartyId(0), direction),
                })
            })
            .collect()
    }

    /// The key of a party name as a cell writes it, and its party (see
    /// [`Self::party_ref`]), each worked out once per distinct text.
    fn written_party(&mut self, written: String) -> (String, Ref<PartyId>) {
        if let Some((key, party)) = self.written_parties.get(&written) {
            return (key.clone(), *party);
        }
        let found = (name_key(&written), self.party_ref(&written));
        self.written_parties.insert(written, found.clone());
        found
    }

    /// The party a cell names: "NAME (KIND)" as this app's export writes it, or
    /// a bare name whose kind is guessed.
    fn party_ref(&mut self, written: &str) -> Ref<PartyId> {
        let (name, written_kind) = name_and_kind(written);
        let key = name_key(name);
        if let Some(&found) = self.parties.get(&key) {
            if let Ref::Existing(id) = found
                && self.matched.insert(key.clone())
            {
                let existing = self.party_by_id.get(&id).map_or("", |p| p.fields.name.as_str());
                self.plan.matched_parties.push((name.to_string(), existing.to_string()));
            }
            return found;
        }
        let internal_service = self.services.get(&key);
        let kind = match (internal_service, written_kind) {
            (Some(_), _) => PartyKind::InternalService,
            (None, Some(kind)) => kind,
            (None, None) => guess_kind(&key),
        };
        let created = Ref::New(self.plan.parties.len());
        self.plan.parties.push(PlannedParty { fields: PartyFields::new(name, kind), internal_service });
        self.parties.insert(key, created);
        created
    }

    /// Reads column G: the Art 28 contract ("TITLE (REFERENCE)" as this app's
    /// export writes it), attached to the row's recipient links to processors.
    fn read_processor_contract(&mut self, row: &Row<'_>, links: &mut [PlannedLink]) {
        let contract = row.get(IcoColumn::ProcessorContract);
        if says_no(contract) {
            return;
        }
        let key = name_key(contract);
        let index = match self.contracts.get(&key) {
            Some(&index) => index,
            None => {
                let index = self.plan.agreements.len();
                self.contracts.insert(key, index);
                let (title, reference) = match bracketed(contract) {
                    Some((title, reference)) => (title, reference),
                    None => (contract, contract),
                };
                let mut fields = AgreementFields::new(AgreementKind::ProcessorContract, title);
                fields.reference = reference.to_string();
                self.plan.agreements.push(PlannedAgreement { fields, parties: Vec::new() });
                index
            }
        };
        let mut attached = false;
        for link in links.iter_mut().filter(|l| l.fields.direction == Direction::Recipient) {
            if self.kind_of(link.party) == Some(PartyKind::Processor) {
                link.agreement = Some(Ref::New(index));
                if let Some(agreement) = self.plan.agreements.get_mut(index)
                    && !agreement.parties.contains(&link.party)
                {
                    agreement.parties.push(link.party);
                }
                attached = true;
            }
        }
        let message = if attached {
            "recorded as an Art 28 processor contract, attached to the links to the row's processors"
        } else {
            "recorded as an Art 28 processor contract; attach it to the processor's recipient link"
        };
        self.plan.report.warn(Some(row.number), Some(IcoColumn::ProcessorContract.heading()), message);
    }

    fn kind_of(&self, party: Ref<PartyId>) -> Option<PartyKind> {
        match party {
            Ref::Existing(id) => self.party_by_id.get(&id).map(|p| p.fields.kind),
            Ref::New(index) => self.plan.parties.get(index).map(|p| p.fields.kind),
        }
    }
}

/// "Ireland (recipient: Aptem CRM Ltd)", as the export lists a recipient's
/// country: (recipient, country).
fn recipient_country(destination: &str) -> Option<(String, String)> {
    let (country, rest) = destination.split_once(" (recipient: ")?;
    let recipient = rest.strip_suffix(')')?;
    Some((recipient.trim().to_string(), country.trim().to_string()))
}

/// "TEXT (INNER)": the text and what the brackets hold.
fn bracketed(cell: &str) -> Option<(&str, &str)> {
    let cell = cell.trim();
    let open = cell.rfind(" (").filter(|_| cell.ends_with(')'))?;
    Some((&cell[..open], &cell[open + 2..cell.len() - 1]))
}

/// Reads the breach columns into `f`, and returns the DPIA columns' answers.
fn read_accountability(row: &Row<'_>, f: &mut ActivityFields) -> DpiaAnswers {
    let (progress, date) = dated(row.get(IcoColumn::DpiaProgress));
    let dpia = DpiaAnswers {
        required: yes_no(row.get(IcoColumn::DpiaRequired)),
        progress: dpia_progress(progress),
        date,
        link: row.get(IcoColumn::DpiaLink).to_string(),
    };
    let breach_link = row.get(IcoColumn::BreachLink);
    let breach_link = if says_no(breach_link) { "" } else { breach_link };
    if yes_no(row.get(IcoColumn::Breach)) == Some(true) || !breach_link.is_empty() {
        f.breach = Some(breach_link.to_string());
    }
    f.policy_document = row.get(IcoColumn::RetentionPolicy).to_string();
    f.retained_per_policy = yes_no(row.get(IcoColumn::RetainedPerPolicy));
    f.policy_exceptions = row.get(IcoColumn::PolicyExceptions).to_string();
    dpia
}

/// The business function of a layout that has none: the sheet's name, or for a
/// CSV file "Imported activities".
fn default_service(grid: &Grid) -> String {
    grid.sheet.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "Imported activities".to_string())
}

/// The activity's name: from the name column this app adds, or else its first
/// purpose, shortened at a word, since the ICO template has no name column.
fn activity_name(row: &Row<'_>) -> String {
    if let Some(name) = row.name {
        return name.to_string();
    }
    let purpose = split_list(row.get(IcoColumn::Purpose)).into_iter().next().unwrap_or_default();
    if purpose.is_empty() {
        return format!("Processing activity (row {})", row.number);
    }
    if purpose.chars().count() <= 80 {
        return purpose;
    }
    let mut name = String::new();
    for word in purpose.split_whitespace() {
        if name.chars().count() + word.chars().count() > 76 {
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(word);
    }
    format!("{name}…")
}

/// "NAME (KIND)" as the export writes a party: the name and the kind, when the
/// brackets hold a kind's label; otherwise the whole text and no kind.
fn name_and_kind(written: &str) -> (&str, Option<PartyKind>) {
    let written = written.trim();
    let Some(open) = written.rfind(" (").filter(|_| written.ends_with(')')) else { return (written, None) };
    let label = &written[open + 2..written.len() - 1];
    match PartyKind::ALL.iter().find(|k| k.label().eq_ignore_ascii_case(label)) {
        Some(&kind) => (&written[..open], Some(kind)),
        None => (written, None),
    }
}

/// "Completed (2024-02-29)", "Completed (29/02/2024)" or "Completed (29 February
/// 2024)": the text before the date and the date.
fn dated(cell: &str) -> (&str, Option<crate::model::Date>) {
    let cell = cell.trim();
    if let Some(open) = cell.rfind(" (").filter(|_| cell.ends_with(')'))
        && let Ok(date) = crate::model::parse_uk_date(&cell[open + 2..cell.len() - 1])
    {
        return (&cell[..open], Some(date));
    }
    (cell, None)
}

/// The detail of an item written "Criminal offence data" or "Criminal offence
/// data: DETAIL".
fn criminal_offence_detail(item: &str) -> Option<&str> {
    const LABEL: &str = "Criminal offence data";
    let rest = item.strip_prefix(LABEL)?;
    if rest.trim().is_empty() {
        return Some("");
    }
    rest.strip_prefix(':').map(str::trim)
}

fn is_criminal(item: &str) -> bool {
    let key = name_key(item);
    key.split(' ').count() <= 8
        && ["criminal", "offence", "offences", "conviction", "convictions"]
            .iter()
            .any(|w| key.split(' ').any(|k| k == *w))
}

/// The retention an officer wrote: a period ("6 years from closure"), a schedule
/// or policy reference, or an event.
pub(crate) fn retention(cell: &str) -> Retention {
    let text = cell.trim();
    if text.is_empty() {
        return Retention::NotStated;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, pair) in words.windows(2).enumerate() {
        let Ok(count) = pair[0].parse::<u32>() else { continue };
        let unit = name_key(pair[1]);
        let months = match unit.as_str() {
            "year" | "years" | "yrs" => count * 12,
            "month" | "months" => count,
            _ => continue,
        };
        // "6 years after..." or "For 6 years after...": a period; "Until 12
        // months after..." is an event, kept in its words.
        if i > 1 || (i == 1 && name_key(words[0]) != "for") {
            break;
        }
        let rest = words[i + 2..].join(" ");
        let from = rest.trim_start_matches("from ").trim_start_matches("after ").trim_end_matches('.');
        return Retention::Period { months, from: from.to_string() };
    }
    if name_key(text).contains("schedule") || name_key(text).contains("policy") {
        Retention::Schedule { reference: text.to_string() }
    } else {
        Retention::Event { event: text.to_string() }
    }
}

fn safeguard(cell: &str) -> Option<TransferSafeguard> {
    use TransferSafeguard::*;
    let key = name_key(cell);
    let has = |word: &str| key.contains(word);
    Some(if has("idta") || has("international data transfer agreement") {
        Idta
    } else if has("addendum") || has("standard contractual") || has("scc") {
        Addendum
    } else if has("binding corporate") || has("bcr") {
        BindingCorporateRules
    } else if has("adequa") {
        Adequacy
    } else if has("49") || has("derogation") {
        Article49Derogation
    } else if has("public authorit") || has("46 2 a") {
        PublicAuthorityInstrument
    } else {
        return None;
    })
}

fn dpia_progress(cell: &str) -> DpiaProgress {
    let key = name_key(cell);
    if key.contains("complete") || key == "done" || key.contains("signed off") {
        DpiaProgress::Completed
    } else if key.contains("progress")
        || key.contains("draft")
        || key.contains("ongoing")
        || key.contains("started") && !key.contains("not")
    {
        DpiaProgress::InProgress
    } else {
        DpiaProgress::NotStarted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[Vec<&str>]) -> Grid {
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, cells)| super::super::grid::GridRow {
                number: i + 1,
                cells: cells.iter().map(|c| c.to_string()).collect(),
            })
            .collect();
        Grid { sheet: None, rows }
    }

    /// The heading row as found by reading every candidate row in full.
    fn read_every_row(grid: &Grid) -> (usize, usize) {
        let input = MappingInput::default();
        (0..grid.rows.len().min(HEADING_SEARCH_ROWS))
            .map(|index| {
                let sample: Vec<&[String]> =
                    grid.rows.iter().skip(index + 1).take(SAMPLE_ROWS).map(|r| r.cells.as_slice()).collect();
                let proposals = propose(&grid.rows[index].cells, &sample, input);
                (index, proposals.iter().filter(|p| p.target != Target::Note).count())
            })
            .max_by_key(|&(index, matched)| (matched, std::cmp::Reverse(index)))
            .unwrap()
    }

    #[test]
    fn the_heading_row_found_without_reading_data_rows_is_the_one_reading_every_row_finds() {
        let ico: Vec<&str> = IcoColumn::ALL.iter().map(|c| c.heading()).collect();
        let data = vec!["Public task"; 30];
        let short = vec!["Purpose", "Lawful basis", "Retention", "", ""];
        let council = vec!["Data processing activity", "Purpose", "Legal basis", "Relevant law", "Retention"];
        let answers =
            vec!["Housing allocations", "Allocating homes", "Public task", "Housing Act 1996", "6 years"];
        let grids = [
            grid(&[
                vec!["Record of processing activities"],
                short.clone(),
                ico.clone(),
                data.clone(),
                data.clone(),
            ]),
            grid(&[ico.clone(), ico.clone(), data.clone()]),
            grid(&[short.clone(), council.clone(), answers.clone(), answers.clone(), answers.clone()]),
            grid(&[vec!["Name", "Address"], council.clone(), answers.clone(), council.clone(), answers]),
            grid(&[data.clone(), data.clone(), short, data]),
        ];
        for (number, grid) in grids.into_iter().enumerate() {
            let expected = read_every_row(&grid);
            let found = find_heading(grid, Vec::new(), MappingInput::default());
            let found = found.map(|(table, matched)| (table.header, matched));
            assert_eq!(found, Some(expected).filter(|&(_, matched)| matched >= 3), "grid {number}");
        }
    }
}
