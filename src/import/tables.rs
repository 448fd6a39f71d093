//! Reading back the workbook's tables of parties, agreements, information assets
//! and links (the "Parties", "Agreements", "Information assets" and "Links"
//! sheets of the `ico-xlsx` export) into a plan already read from its register
//! sheet.
//!
//! Each sheet is found by its headings, wherever it is. Parties and agreements
//! the plan creates take the sheet's details (kind, country, contact, dates...);
//! ones the register already holds are matched and left as they are. Each row of
//! the links sheet fills the planned link of its activity to the same party in
//! the same direction, or adds one. A row that cannot be read (an unknown
//! activity, party or agreement, a bad date) is a warning naming the sheet, the
//! row as the spreadsheet numbers it and the column; nothing is dropped silently.
//! Every lookup is by hash (no scan per row), so a sheet of 100,000 links reads
//! in linear time.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::OnceLock;

use super::grid::{Grid, GridRow, column_letters};
use super::text::{name_key, yes_no};
use super::{Plan, PlannedAgreement, PlannedAsset, PlannedDpia, PlannedLink, PlannedParty, Ref};
use crate::ico_template::{
    AGREEMENT_HEADINGS, ASSET_HEADINGS, DPIA_COVERAGE_HEADINGS, DPIA_HEADINGS, LINK_HEADINGS, PARTY_HEADINGS,
    SERVICE_ACTIVITY_SEPARATOR, is_dpia_coverage_pointer,
};
use crate::law::{LawfulBasis, LegalItem as _, SpecialCategory};
use crate::model::{
    ActivityId, AgreementFields, AgreementId, AgreementKind, AssetFields, AssetKind, Date, Direction,
    DpiaFields, DpiaStatus, Hosting, IcoConsultation, LinkFields, PartyFields, PartyId, PartyKind, Register,
    ResidualRisk, Screening, ServiceId, SpecialData, parse_date, parse_uk_date,
};

/// Which table a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Parties,
    Agreements,
    Assets,
    Dpias,
    /// The activities of a DPIA too many for its cell, one a row.
    DpiaCoverage,
    Links,
}

impl Kind {
    fn headings(self) -> &'static [&'static str] {
        match self {
            Self::Parties => &PARTY_HEADINGS,
            Self::Agreements => &AGREEMENT_HEADINGS,
            Self::Assets => &ASSET_HEADINGS[..ASSET_HEADINGS.len() - 1],
            Self::Dpias => &DPIA_HEADINGS[..DPIA_HEADINGS.len() - 2],
            Self::DpiaCoverage => &DPIA_COVERAGE_HEADINGS,
            Self::Links => &LINK_HEADINGS,
        }
    }
}

/// A table sheet: its kind, rows, the heading row's index and each heading's column.
pub(super) struct TableSheet {
    kind: Kind,
    grid: Grid,
    header: usize,
    columns: HashMap<&'static str, usize>,
    /// Cells that could not be read: (row, column letters, message).
    pub(super) cell_warnings: Vec<(usize, String, String)>,
}

/// The most rows searched for a table's heading row.
const HEADING_SEARCH_ROWS: usize = 10;

/// The table `grid` holds, when its heading row (among the first ten rows) has
/// every heading of the parties, agreements or links table.
pub(super) fn table_sheet(grid: Grid) -> Result<TableSheet, Grid> {
    match table_heading(&grid) {
        Some((kind, header, columns)) => {
            Ok(TableSheet { kind, grid, header, columns, cell_warnings: Vec::new() })
        }
        None => Err(grid),
    }
}

/// Whether `grid` holds one of the app's own tables (see [`table_sheet`]).
pub(super) fn is_table_sheet(grid: &Grid) -> bool {
    table_heading(grid).is_some()
}

/// The kind of table `grid` holds, its heading row's index and each heading's column.
fn table_heading(grid: &Grid) -> Option<(Kind, usize, HashMap<&'static str, usize>)> {
    [Kind::Links, Kind::Agreements, Kind::Assets, Kind::Dpias, Kind::DpiaCoverage, Kind::Parties]
        .into_iter()
        .find_map(|kind| {
            grid.rows.iter().take(HEADING_SEARCH_ROWS).enumerate().find_map(|(index, row)| {
                let keys: HashMap<String, usize> =
                    row.cells.iter().enumerate().map(|(i, c)| (name_key(c), i)).rev().collect();
                let columns: Option<HashMap<&'static str, usize>> =
                    kind.headings().iter().map(|h| keys.get(&name_key(h)).map(|&i| (*h, i))).collect();
                columns.map(|columns| (kind, index, columns))
            })
        })
}

/// Reads `tables` into `plan` (read from the register sheet against `register`):
/// parties first, then agreements and assets (which name parties), then links.
pub(super) fn read_tables(tables: &[TableSheet], plan: &mut Plan, register: &Register) {
    let mut index = Index::new(plan, register);
    for kind in [Kind::Parties, Kind::Agreements, Kind::Assets, Kind::Links, Kind::Dpias, Kind::DpiaCoverage]
    {
        for table in tables.iter().filter(|t| t.kind == kind) {
            let mut reader = SheetReader { table, plan: &mut *plan, index: &mut index };
            reader.read();
        }
    }
}

/// The plan's and the register's records by normalised name.
struct Index {
    parties: HashMap<String, Ref<PartyId>>,
    services: HashMap<String, Ref<ServiceId>>,
    /// By "Title (Kind)" as the links sheet names them.
    agreements: HashMap<String, Ref<AgreementId>>,
    /// By (title, kind): the key the agreements sheet matches on.
    agreements_by_title: HashMap<(String, AgreementKind), Ref<AgreementId>>,
    /// Assets: the register's (matched, left as they are) and the plan's, by name.
    assets: HashMap<String, Ref<crate::model::AssetId>>,
    /// The planned activity at each (service, activity) name.
    activities: HashMap<(String, String), usize>,
    /// Activities the register holds already, by the same key.
    existing_activities: HashMap<(String, String), ActivityId>,
    /// The titles of the register's DPIAs: a row of one is the register's own.
    existing_dpias: HashSet<String>,
    /// The plan's DPIAs read from the DPIAs sheet, by title and by the row
    /// there: where the DPIA coverage sheet's rows go.
    planned_dpias: HashMap<String, usize>,
    planned_dpia_rows: HashMap<usize, usize>,
    /// The planned links not yet filled from a row, by (activity, party,
    /// direction), first planned first.
    unclaimed: HashMap<(usize, Ref<PartyId>, Direction), VecDeque<usize>>,
}

impl Index {
    fn new(plan: &Plan, register: &Register) -> Self {
        let mut index = Self {
            parties: HashMap::new(),
            services: HashMap::new(),
            agreements: HashMap::new(),
            agreements_by_title: HashMap::new(),
            assets: HashMap::new(),
            activities: HashMap::new(),
            existing_activities: HashMap::new(),
            existing_dpias: register.dpias.iter().map(|d| name_key(&d.fields.title)).collect(),
            planned_dpias: HashMap::new(),
            planned_dpia_rows: HashMap::new(),
            unclaimed: HashMap::new(),
        };
        for party in &register.parties {
            index.parties.insert(name_key(&party.fields.name), Ref::Existing(party.id));
        }
        for (i, party) in plan.parties.iter().enumerate() {
            index.parties.entry(name_key(&party.fields.name)).or_insert(Ref::New(i));
        }
        for service in &register.services {
            index.services.insert(name_key(&service.fields.name), Ref::Existing(service.id));
        }
        for (i, service) in plan.services.iter().enumerate() {
            index.services.entry(name_key(&service.name)).or_insert(Ref::New(i));
        }
        for agreement in &register.agreements {
            index.add_agreement(&agreement.fields, Ref::Existing(agreement.id));
        }
        for (i, agreement) in plan.agreements.iter().enumerate() {
            index.add_agreement(&agreement.fields, Ref::New(i));
        }
        for asset in &register.assets {
            index.assets.insert(name_key(&asset.fields.name), Ref::Existing(asset.id));
        }
        for (i, asset) in plan.assets.iter().enumerate() {
            index.assets.entry(name_key(&asset.fields.name)).or_insert(Ref::New(i));
        }
        let service_names: HashMap<ServiceId, &str> =
            register.services.iter().map(|s| (s.id, s.fields.name.as_str())).collect();
        let service_name = |id: ServiceId| service_names.get(&id).copied().unwrap_or("");
        for activity in &register.activities {
            let service = service_name(activity.fields.service_id);
            index
                .existing_activities
                .insert((name_key(service), name_key(&activity.fields.name)), activity.id);
        }
        for (i, activity) in plan.activities.iter().enumerate() {
            let service = match activity.service {
                Ref::Existing(id) => service_name(id),
                Ref::New(s) => plan.services.get(s).map_or("", |s| s.name.as_str()),
            };
            index.activities.entry((name_key(service), name_key(&activity.fields.name))).or_insert(i);
            for (l, link) in activity.links.iter().enumerate() {
                index.unclaimed.entry((i, link.party, link.fields.direction)).or_default().push_back(l);
            }
        }
        index
    }

    /// The activity a DPIA's "Service — Activity" line names: one of the plan's,
    /// else one the register holds. A service or activity name may itself hold
    /// the separator, so every place it occurs is tried.
    fn covered(&self, line: &str) -> Option<Ref<ActivityId>> {
        let separator = SERVICE_ACTIVITY_SEPARATOR.trim();
        line.match_indices(separator).find_map(|(at, _)| {
            let (service, activity) = (&line[..at], &line[at + separator.len()..]);
            let key = (name_key(service.trim()), name_key(activity.trim()));
            match self.activities.get(&key) {
                Some(&planned) => Some(Ref::New(planned)),
                None => self.existing_activities.get(&key).map(|&id| Ref::Existing(id)),
            }
        })
    }

    fn add_agreement(&mut self, fields: &AgreementFields, reference: Ref<AgreementId>) {
        let named = format!("{} ({})", fields.title, fields.kind.label());
        self.agreements.entry(name_key(&named)).or_insert(reference);
        self.agreements_by_title.entry((name_key(&fields.title), fields.kind)).or_insert(reference);
    }
}

/// Reads one table sheet into the plan.
struct SheetReader<'a> {
    table: &'a TableSheet,
    plan: &'a mut Plan,
    index: &'a mut Index,
}

impl SheetReader<'_> {
    fn read(&mut self) {
        let sheet = self.table.grid.sheet.clone().unwrap_or_default();
        for (row, letters, message) in &self.table.cell_warnings {
            let column = format!("column {letters} on sheet \"{sheet}\"");
            self.plan.report.warn(Some(*row), Some(&column), message.clone());
        }
        for row in self.table.grid.rows.iter().skip(self.table.header + 1) {
            if row.is_blank() {
                continue;
            }
            let mut cells = Cells { table: self.table, row, sheet: &sheet, plan: &mut *self.plan };
            match self.table.kind {
                Kind::Parties => read_party(&mut cells, self.index),
                Kind::Agreements => read_agreement(&mut cells, self.index),
                Kind::Assets => read_asset(&mut cells, self.index),
                Kind::Dpias => read_dpia(&mut cells, self.index),
                Kind::DpiaCoverage => read_dpia_coverage(&mut cells, self.index),
                Kind::Links => read_link(&mut cells, self.index),
            }
        }
    }
}

/// One row of a table sheet, and the plan its warnings go to.
struct Cells<'a> {
    table: &'a TableSheet,
    row: &'a GridRow,
    sheet: &'a str,
    plan: &'a mut Plan,
}

impl Cells<'_> {
    /// The cell under `heading`, trimmed.
    fn get(&self, heading: &str) -> &str {
        self.table.columns.get(heading).map_or("", |&i| self.row.cell(i).trim())
    }

    /// A warning on this row naming the sheet and the column under `heading`.
    fn warn(&mut self, heading: &str, message: String) {
        let letters = self.table.columns.get(heading).map_or_else(String::new, |&i| column_letters(i));
        let column = format!("{heading} ({letters}) on sheet \"{}\"", self.sheet);
        self.plan.report.warn(Some(self.row.number), Some(&column), message);
    }
}

/// The choice whose label (or code) is `written`, ignoring case and punctuation.
fn choice<T: Copy>(
    all: &[T],
    written: &str,
    label: fn(T) -> &'static str,
    code: fn(T) -> &'static str,
) -> Option<T> {
    let key = name_key(written);
    all.iter().copied().find(|&c| name_key(label(c)) == key || name_key(code(c)) == key)
}

/// A list cell's items: split at `;` and line breaks, as the export joins them.
fn items(cell: &str) -> Vec<String> {
    cell.split([';', '\n', '\r']).map(str::trim).filter(|item| !item.is_empty()).map(str::to_string).collect()
}

fn read_party(cells: &mut Cells<'_>, index: &mut Index) {
    let name = cells.get("Party").to_string();
    if name.is_empty() {
        cells.warn("Party", "empty; a party needs a name, so the row was not imported".into());
        return;
    }
    let kind_cell = cells.get("Party kind").to_string();
    let kind = choice(PartyKind::ALL, &kind_cell, PartyKind::label, PartyKind::code);
    if kind.is_none() {
        cells.warn(
            "Party kind",
            format!(
                "\"{kind_cell}\" is not a kind of party; the party \"{name}\" is imported as \"{}\"",
                PartyKind::Other.label()
            ),
        );
    }
    let reference = match index.parties.get(&name_key(&name)).copied() {
        Some(Ref::Existing(_)) => return,
        Some(Ref::New(i)) => i,
        None => {
            let i = cells.plan.parties.len();
            let fields = PartyFields::new(name.clone(), kind.unwrap_or(PartyKind::Other));
            cells.plan.parties.push(PlannedParty { fields, internal_service: None });
            index.parties.insert(name_key(&name), Ref::New(i));
            i
        }
    };
    let service_cell = cells.get("Internal service").to_string();
    let internal_service = if service_cell.is_empty() {
        None
    } else {
        let found = index.services.get(&name_key(&service_cell)).copied();
        if found.is_none() {
            cells.warn(
                "Internal service",
                format!("no service \"{service_cell}\" is in the register or the import; the party \"{name}\" is kept without it"),
            );
        }
        found
    };
    let (country, contact, notes) =
        (cells.get("Country").to_string(), cells.get("Contact").to_string(), cells.get("Notes").to_string());
    if let Some(party) = cells.plan.parties.get_mut(reference) {
        if let Some(kind) = kind {
            party.fields.kind = kind;
        }
        party.fields.country = country;
        party.fields.contact = contact;
        party.fields.notes = notes;
        party.internal_service = internal_service;
    }
}

fn read_asset(cells: &mut Cells<'_>, index: &mut Index) {
    let name = cells.get("Information asset").to_string();
    if name.is_empty() {
        cells.warn("Information asset", "empty; an asset needs a name, so the row was not imported".into());
        return;
    }
    if let Some(Ref::Existing(_)) = index.assets.get(&name_key(&name)) {
        return;
    }
    let kind_cell = cells.get("Asset kind").to_string();
    let kind = choice(AssetKind::ALL, &kind_cell, AssetKind::label, AssetKind::code).unwrap_or_else(|| {
        if !kind_cell.is_empty() {
            cells.warn(
                "Asset kind",
                format!(
                    "\"{kind_cell}\" is not a kind of asset; the asset \"{name}\" is imported as \"{}\"",
                    AssetKind::Other.label()
                ),
            );
        }
        if kind_cell.is_empty() { AssetKind::NotStated } else { AssetKind::Other }
    });
    let hosting_cell = cells.get("Hosting").to_string();
    let processor_cell = cells.get("Processor").to_string();
    let hostings = [Hosting::NotStated, Hosting::InHouse, Hosting::Processor { party: PartyId(0) }];
    let mut hosting = choice(&hostings, &hosting_cell, Hosting::label, Hosting::code).unwrap_or_else(|| {
        if !hosting_cell.is_empty() {
            cells.warn("Hosting", format!("\"{hosting_cell}\" is not a kind of hosting; the asset \"{name}\" is imported with hosting not stated"));
        }
        Hosting::NotStated
    });
    let mut processor = None;
    if let Hosting::Processor { .. } = hosting {
        processor = index.parties.get(&name_key(&processor_cell)).copied();
        if processor.is_none() {
            cells.warn(
                "Processor",
                format!("no party \"{processor_cell}\" is in the register or the import (nor on the Parties sheet); the asset \"{name}\" is imported with hosting not stated"),
            );
            hosting = Hosting::NotStated;
        }
    }
    let mut fields = AssetFields::new(name.clone());
    fields.kind = kind;
    fields.hosting = hosting;
    fields.owner_name = cells.get("Information asset owner").to_string();
    fields.owner_role = cells.get("Owner's role").to_string();
    fields.location = cells.get("Location").to_string();
    fields.country = cells.get("Country").to_string();
    fields.security_measures = cells.get("Security measures").to_string();
    fields.retention = cells.get("Retention").to_string();
    fields.continuity = cells.get("Business continuity").to_string();
    fields.notes = cells.get("Notes").to_string();
    let planned = PlannedAsset { fields, processor };
    match index.assets.get(&name_key(&name)).copied() {
        Some(Ref::New(i)) => {
            if let Some(asset) = cells.plan.assets.get_mut(i) {
                *asset = planned;
            }
        }
        _ => {
            index.assets.insert(name_key(&name), Ref::New(cells.plan.assets.len()));
            cells.plan.assets.push(planned);
        }
    }
}

fn read_agreement(cells: &mut Cells<'_>, index: &mut Index) {
    let title = cells.get("Agreement").to_string();
    if title.is_empty() {
        cells.warn("Agreement", "empty; an agreement needs a title, so the row was not imported".into());
        return;
    }
    let kind_cell = cells.get("Kind").to_string();
    let Some(kind) = choice(AgreementKind::ALL, &kind_cell, AgreementKind::label, AgreementKind::code) else {
        let kinds: Vec<&str> = AgreementKind::ALL.iter().map(|k| k.label()).collect();
        cells.warn(
            "Kind",
            format!(
                "\"{kind_cell}\" is not a kind of agreement ({}); the agreement \"{title}\" was not imported",
                kinds.join(", ")
            ),
        );
        return;
    };
    let mut fields = AgreementFields::new(kind, title.clone());
    fields.reference = cells.get("Reference").to_string();
    fields.notes = cells.get("Notes").to_string();
    fields.start = date(cells, "Start");
    fields.review_due = date(cells, "Review due");
    fields.end = date(cells, "End");
    let mut parties = Vec::new();
    for name in items(cells.get("Parties")) {
        match index.parties.get(&name_key(&name)) {
            Some(&party) => parties.push(party),
            None => cells.warn(
                "Parties",
                format!("no party \"{name}\" is in the register or the import (nor on the Parties sheet); the agreement \"{title}\" is kept without it"),
            ),
        }
    }
    match index.agreements_by_title.get(&(name_key(&title), kind)).copied() {
        Some(Ref::Existing(_)) => {}
        Some(Ref::New(i)) => {
            if let Some(planned) = cells.plan.agreements.get_mut(i) {
                *planned = PlannedAgreement { fields, parties };
            }
        }
        None => {
            let reference = Ref::New(cells.plan.agreements.len());
            index.add_agreement(&fields, reference);
            cells.plan.agreements.push(PlannedAgreement { fields, parties });
        }
    }
}

/// The date under `heading`, ISO (2026-01-31) or as the UK writes it
/// (31/01/2026); a warning and none when it is neither.
fn date(cells: &mut Cells<'_>, heading: &str) -> Option<Date> {
    let written = cells.get(heading).to_string();
    if written.is_empty() {
        return None;
    }
    let read = parse_date(&written).or_else(|| parse_uk_date(&written).ok());
    if read.is_none() {
        cells.warn(heading, format!("\"{written}\" is not a date (write it as 2026-01-31); left empty"));
    }
    read
}

/// A DPIAs sheet row: a DPIA covering the listed activities of the register
/// sheet ("Service — Activity", one per line).
fn read_dpia(cells: &mut Cells<'_>, index: &mut Index) {
    let title = cells.get("DPIA").to_string();
    if title.is_empty() {
        cells.warn("DPIA", "empty; a DPIA needs a title, so the row was not imported".into());
        return;
    }
    let mut fields = DpiaFields::new(title.clone());
    fields.status = closed(cells, "Status", DpiaStatus::ALL, DpiaStatus::label, DpiaStatus::code, &title)
        .unwrap_or(DpiaStatus::Screening);
    fields.screening =
        closed(cells, "Screening outcome", Screening::ALL, Screening::label, Screening::code, &title)
            .unwrap_or(Screening::NotStated);
    fields.residual_risk =
        closed(cells, "Residual risk", ResidualRisk::ALL, ResidualRisk::label, ResidualRisk::code, &title)
            .unwrap_or(ResidualRisk::NotStated);
    fields.ico_consultation = closed(
        cells,
        "ICO consulted (Art 36)",
        IcoConsultation::ALL,
        IcoConsultation::label,
        IcoConsultation::code,
        &title,
    )
    .unwrap_or(IcoConsultation::NotStated);
    fields.started = date(cells, "Started");
    fields.completed = date(cells, "Completed");
    fields.next_review = date(cells, "Next review");
    fields.document = cells.get("Document").to_string();
    fields.notes = cells.get("Notes").to_string();
    let mut activities = Vec::new();
    let listed = cells.get("Activities covered");
    // Listed on the DPIA coverage sheet instead, read after this one.
    let listed = if is_dpia_coverage_pointer(listed) { "" } else { listed };
    let covered: Vec<String> = listed.lines().map(str::to_string).collect();
    for line in covered.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        match index.covered(line) {
            Some(activity) => activities.push(activity),
            None => cells.warn(
                "Activities covered",
                format!("\"{line}\" is not an activity of the register sheet; the DPIA \"{title}\" is kept without it"),
            ),
        }
    }
    if index.existing_dpias.contains(&name_key(&title)) {
        // Read again into the register it came from: the register's own.
        if activities.iter().all(|covered| matches!(covered, Ref::Existing(_))) {
            cells.warn("DPIA", format!("\"{title}\" is in the register already; kept as it is there"));
            return;
        }
        cells.warn(
            "DPIA",
            format!("a DPIA called \"{title}\" is in the register already; this one covers activities new to it, so it is imported as another record"),
        );
    }
    index.planned_dpias.insert(name_key(&title), cells.plan.dpias.len());
    index.planned_dpia_rows.insert(cells.row.number, cells.plan.dpias.len());
    cells.plan.dpias.push(PlannedDpia { fields, activities });
}

/// A DPIA coverage sheet row: one more activity of a DPIA of the DPIAs sheet.
fn read_dpia_coverage(cells: &mut Cells<'_>, index: &mut Index) {
    let title = cells.get("DPIA").to_string();
    let line = cells.get("Activity covered").trim().to_string();
    // By its row on the DPIAs sheet (titles may repeat), else by title.
    let by_row = cells.get("DPIAs sheet row").trim().parse::<usize>().ok();
    let found = by_row
        .and_then(|row| index.planned_dpia_rows.get(&row))
        .filter(|&&at| {
            cells.plan.dpias.get(at).is_some_and(|d| name_key(&d.fields.title) == name_key(&title))
        })
        .or_else(|| index.planned_dpias.get(&name_key(&title)));
    let Some(&at) = found else {
        if index.existing_dpias.contains(&name_key(&title)) {
            return; // The register's own, said once on the DPIAs sheet.
        }
        cells.warn("DPIA", format!("\"{title}\" is not a DPIA of the DPIAs sheet; the row was not imported"));
        return;
    };
    match index.covered(&line) {
        Some(activity) => cells.plan.dpias[at].activities.push(activity),
        None => cells.warn(
            "Activity covered",
            format!(
                "\"{line}\" is not an activity of the register sheet; the DPIA \"{title}\" is kept without it"
            ),
        ),
    }
}

/// The closed-list answer under `heading`, by label or code; a warning and none
/// when it is neither.
fn closed<T: Copy>(
    cells: &mut Cells<'_>,
    heading: &str,
    all: &[T],
    label: fn(T) -> &'static str,
    code: fn(T) -> &'static str,
    title: &str,
) -> Option<T> {
    let cell = cells.get(heading).to_string();
    if cell.is_empty() {
        return None;
    }
    let found = choice(all, &cell, label, code);
    if found.is_none() {
        let choices: Vec<&str> = all.iter().map(|&c| label(c)).collect();
        cells.warn(
            heading,
            format!(
                "\"{cell}\" is not one of {}; the DPIA \"{title}\" is imported without it",
                choices.join(", ")
            ),
        );
    }
    found
}

fn read_link(cells: &mut Cells<'_>, index: &mut Index) {
    let (service, activity) = (cells.get("Service").to_string(), cells.get("Activity").to_string());
    let key = (name_key(&service), name_key(&activity));
    let Some(&planned) = index.activities.get(&key) else {
        let why = if index.existing_activities.contains_key(&key) {
            "is already in the register, and an import adds no links to existing activities"
        } else {
            "is not among the activities of the register sheet"
        };
        cells.warn(
            "Activity",
            format!("the activity \"{activity}\" in \"{service}\" {why}; the link was not imported"),
        );
        return;
    };
    let direction_cell = cells.get("Direction").to_string();
    let Some(direction) = choice(Direction::ALL, &direction_cell, Direction::label, Direction::code) else {
        cells.warn(
            "Direction",
            format!("\"{direction_cell}\" is neither Source nor Recipient; the link was not imported"),
        );
        return;
    };
    let party_name = cells.get("Party").to_string();
    let Some(&party) = index.parties.get(&name_key(&party_name)) else {
        cells.warn(
            "Party",
            format!("no party \"{party_name}\" is in the register or the import (nor on the Parties sheet); the link was not imported"),
        );
        return;
    };
    let mut fields = LinkFields::new(PartyId(0), direction);
    fields.data_categories = items(cells.get("Data passed"));
    fields.method = cells.get("Method").to_string();
    fields.notes = cells.get("Notes").to_string();
    (fields.lawful_basis, fields.basis_detail) = basis(cells.get("Basis for disclosure"));
    special_data(cells, &mut fields, planned);
    let agreement = agreement(cells, index);
    let links = &mut cells.plan.activities[planned].links;
    let same = index.unclaimed.get_mut(&(planned, party, direction)).and_then(VecDeque::pop_front);
    let link = PlannedLink { party, agreement, fields };
    match same.and_then(|i| links.get_mut(i)) {
        Some(planned_link) => *planned_link = link,
        None => links.push(link),
    }
}

/// The lawful basis written first ("Art 6(1)(e) Public task; detail"), and the detail.
fn basis(cell: &str) -> (Option<LawfulBasis>, String) {
    let (first, rest) = cell.split_once(';').map_or((cell, ""), |(a, b)| (a, b));
    static BASES: OnceLock<HashMap<String, LawfulBasis>> = OnceLock::new();
    let bases = BASES.get_or_init(|| LawfulBasis::ALL.iter().map(|&b| (name_key(&b.label()), b)).collect());
    match bases.get(&name_key(first)).copied() {
        Some(basis) => (Some(basis), rest.trim().to_string()),
        None => (None, cell.trim().to_string()),
    }
}

/// The special category whose title or label is `written`, ignoring case and
/// punctuation (each of 100,000 links' cells is looked up, not compared with
/// every category's words made anew).
fn special_category_named(written: &str) -> Option<SpecialCategory> {
    static NAMES: OnceLock<HashMap<String, SpecialCategory>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut names = HashMap::new();
        for &category in SpecialCategory::ALL {
            names.entry(name_key(category.title())).or_insert(category);
            names.entry(name_key(&category.label())).or_insert(category);
        }
        names
    });
    names.get(&name_key(written)).copied()
}

/// What special category and criminal offence data the row says passes: as
/// the activity when it says what the activity holds, none when it says none,
/// otherwise those only.
fn special_data(cells: &mut Cells<'_>, fields: &mut LinkFields, activity: usize) {
    let mut categories = BTreeSet::new();
    for item in items(cells.get("Special category data")) {
        match special_category_named(&item) {
            Some(category) => {
                categories.insert(category);
            }
            None => cells.warn(
                "Special category data",
                format!("\"{item}\" is not a special category of data (Art 9(1)); not imported"),
            ),
        }
    }
    let criminal_cell = cells.get("Criminal offence data").to_string();
    let criminal = match yes_no(&criminal_cell) {
        Some(answer) => answer,
        None if criminal_cell.is_empty() => false,
        None => {
            cells.warn("Criminal offence data", format!("\"{criminal_cell}\" is not Yes or No; read as No"));
            false
        }
    };
    let held = &cells.plan.activities[activity].fields;
    fields.special_data =
        if categories == held.special_categories && criminal == held.criminal_offence_data.is_some() {
            SpecialData::AsActivity
        } else if categories.is_empty() && !criminal {
            SpecialData::None
        } else {
            SpecialData::Only
        };
    if fields.special_data == SpecialData::Only {
        fields.special_categories = categories;
        fields.criminal_offence_data = criminal;
    }
}

/// The agreement named "Title (Kind)" (or just its title) in the row; a warning
/// and none when no agreement has that name.
fn agreement(cells: &mut Cells<'_>, index: &Index) -> Option<Ref<AgreementId>> {
    let written = cells.get("Agreement").to_string();
    if written.is_empty() {
        return None;
    }
    let found = index.agreements.get(&name_key(&written)).copied().or_else(|| {
        AgreementKind::ALL
            .iter()
            .find_map(|&kind| index.agreements_by_title.get(&(name_key(&written), kind)).copied())
    });
    if found.is_none() {
        cells.warn(
            "Agreement",
            format!("no agreement \"{written}\" is in the register or the import (nor on the Agreements sheet); the link is kept without it"),
        );
    }
    found
}
