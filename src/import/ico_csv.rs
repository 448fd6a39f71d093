//! Reading a register kept in the ICO documentation template, saved as CSV.
//!
//! Tolerates what real spreadsheets hold: the contact block above the heading row,
//! extra or missing columns, headings worded a little differently, multi-line
//! cells, lists split by ";", "," or new lines, blank "Business function" cells under
//! a merged cell, UTF-8 with or without BOM or Windows-1252, comma, semicolon or tab
//! delimiters, ragged rows.

use std::collections::{BTreeSet, HashMap};

use super::citations::{Parsed, Unrecognised, parse_article6, parse_article9, parse_schedule1};
use super::text::{decode, name_key, split_list, yes_no};
use super::{
    MAX_CELL_CHARS, MAX_FILE_BYTES, Plan, PlannedActivity, PlannedAgreement, PlannedLink, PlannedParty, Ref,
};
use crate::cells::restore;
use crate::ico_template::IcoColumn;
use crate::law::{LegalItem, SpecialCategory, TransferSafeguard};
use crate::model::{
    ActivityFields, ActivityStatus, AgreementFields, AgreementKind, Contact, Direction, DpiaProgress,
    LinkFields, Organisation, PartyFields, PartyId, PartyKind, Register, Retention, Role, ServiceFields,
    ServiceId, Transfer,
};
use crate::{Error, Result};

/// Reads an ICO-template CSV into a plan against `register` (the register it will
/// be imported into, for matching services and parties by name). `file` names the
/// file in messages.
pub fn read_ico_csv(bytes: &[u8], file: &str, register: &Register) -> Result<Plan> {
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
    let Some(table) = find_table(&text) else {
        return Err(fail(
            "no heading row of the ICO template was found (looked for \"Business function\", \"Purpose of processing\", \"Categories of individuals\"...); check the file is the ICO controller template saved as CSV",
        ));
    };
    let mut reader = Reader::new(file, register);
    reader.plan.organisation = read_contacts(&table.rows[..table.header], &register.organisation)
        .map(|edited| super::OrganisationEdit { base: register.organisation.clone(), edited });
    reader.read_rows(&table);
    Ok(reader.plan)
}

/// The file's rows and where the heading row is.
struct Table {
    rows: Vec<Vec<String>>,
    header: usize,
    columns: Vec<Option<IcoColumn>>,
    /// The column this app adds after AD with each activity's name, if present.
    name_column: Option<usize>,
}

/// Tries comma, semicolon and tab, keeping the reading whose heading row matches
/// the most template headings.
fn find_table(text: &str) -> Option<Table> {
    [b',', b';', b'\t']
        .into_iter()
        .filter_map(|delimiter| {
            let rows = parse_rows(text, delimiter);
            let (header, columns, matched) = rows
                .iter()
                .enumerate()
                .take(60)
                .map(|(index, row)| {
                    let columns = match_headings(row);
                    let matched = columns.iter().flatten().count();
                    (index, columns, matched)
                })
                .max_by_key(|(index, _, matched)| (*matched, std::cmp::Reverse(*index)))?;
            let name_column = rows[header].iter().position(|cell| is_name_heading(cell));
            (matched >= 3).then_some((Table { rows, header, columns, name_column }, matched))
        })
        .max_by_key(|(_, matched)| *matched)
        .map(|(table, _)| table)
}

/// The rows of the file, with the apostrophe this app's exports put before
/// formula-like text taken off again.
fn parse_rows(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .filter_map(|record| record.ok())
        .map(|r| r.iter().map(|cell| restore(cell).to_string()).collect())
        .collect()
}

/// Whether a heading is the activity-name column ROPA Register adds after AD.
fn is_name_heading(cell: &str) -> bool {
    let key = name_key(cell);
    key == name_key(crate::ico_template::ACTIVITY_HEADING) || key == "processing activity"
}

fn heading_tokens(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace("(if applicable)", "").replace("(if possible)", "");
    lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// Maps each cell of a row to a template column: exact (ignoring case, spacing and
/// punctuation) first, then the closest heading by shared words.
fn match_headings(row: &[String]) -> Vec<Option<IcoColumn>> {
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

/// Which contact a label names.
#[derive(Clone, Copy)]
enum Who {
    Controller,
    Dpo,
    Representative,
}

fn who(cell: &str) -> Option<Who> {
    let key = name_key(cell);
    if key.contains("data protection officer") || key == "dpo" {
        Some(Who::Dpo)
    } else if key.contains("representative") {
        Some(Who::Representative)
    } else if key.contains("controller") && !key.contains("joint") {
        Some(Who::Controller)
    } else {
        None
    }
}

/// Picks one detail (name, address...) out of a contact.
type DetailField = fn(&mut Contact) -> &mut String;

fn detail(cell: &str) -> Option<DetailField> {
    match name_key(cell).trim_end_matches(" number").trim_end_matches(" address") {
        "name" => Some(|c| &mut c.name),
        "address" | "postal" => Some(|c| &mut c.address),
        "email" | "e mail" => Some(|c| &mut c.email),
        "telephone" | "phone" | "tel" => Some(|c| &mut c.telephone),
        _ => None,
    }
}

/// Reads the contact block above the heading row: a grid with roles across and
/// details down, the reverse, or "Controller" followed by label/value rows.
fn read_contacts(rows: &[Vec<String>], existing: &Organisation) -> Option<Organisation> {
    let mut organisation = existing.clone();
    let mut found = false;
    let mut role_columns: HashMap<usize, Who> = HashMap::new();
    let mut detail_columns: HashMap<usize, DetailField> = HashMap::new();
    let mut current: Option<Who> = None;
    for row in rows {
        let roles: Vec<(usize, Who)> =
            row.iter().enumerate().filter_map(|(i, c)| who(c).map(|w| (i, w))).collect();
        let details: Vec<(usize, DetailField)> =
            row.iter().enumerate().filter_map(|(i, c)| detail(c).map(|d| (i, d))).collect();
        if roles.len() >= 2 {
            role_columns = roles.into_iter().collect();
            continue;
        }
        if details.len() >= 2 {
            detail_columns = details.into_iter().collect();
            continue;
        }
        let mut set = |who: Who, field: DetailField, value: &str| {
            if !value.trim().is_empty() {
                *field(contact_mut(&mut organisation, who)) = value.trim().to_string();
                found = true;
            }
        };
        if let (Some(&(label, field)), false) = (details.first(), role_columns.is_empty()) {
            for (&column, &who) in &role_columns {
                if column > label {
                    set(who, field, row.get(column).map_or("", String::as_str));
                }
            }
        } else if let (Some(&(label, who)), false) = (roles.first(), detail_columns.is_empty()) {
            for (&column, &field) in &detail_columns {
                if column > label {
                    set(who, field, row.get(column).map_or("", String::as_str));
                }
            }
        } else if let Some(&(_, who)) = roles.first() {
            current = Some(who);
            let rest: Vec<&String> = row.iter().skip(1).filter(|c| !c.trim().is_empty()).collect();
            if let (Some(name), true) = (rest.first(), row.first().is_some_and(|c| who_only(c))) {
                set(who, |c| &mut c.name, name);
            }
        } else if let (Some(&(label, field)), Some(who)) = (details.first(), current) {
            let value = row.iter().skip(label + 1).find(|c| !c.trim().is_empty()).map_or("", String::as_str);
            set(who, field, value);
        }
    }
    found.then_some(organisation)
}

fn who_only(cell: &str) -> bool {
    let key = name_key(cell);
    key.ends_with("name")
        || key.ends_with("controller")
        || key.ends_with("officer")
        || key.ends_with("representative")
}

fn contact_mut(organisation: &mut Organisation, who: Who) -> &mut Contact {
    match who {
        Who::Controller => &mut organisation.controller,
        Who::Dpo => &mut organisation.dpo,
        Who::Representative => &mut organisation.representative,
    }
}

/// One row's cells by template column.
struct Row<'a> {
    number: usize,
    cells: HashMap<IcoColumn, &'a str>,
    /// The activity's name, when the file has the name column.
    name: Option<&'a str>,
}

impl Row<'_> {
    fn get(&self, column: IcoColumn) -> &str {
        self.cells.get(&column).map_or("", |cell| cell.trim())
    }
}

/// Builds the plan row by row, remembering names already matched or planned.
struct Reader<'r> {
    register: &'r Register,
    plan: Plan,
    services: HashMap<String, Ref<ServiceId>>,
    parties: HashMap<String, Ref<PartyId>>,
    activities: BTreeSet<(String, String)>,
    contracts: HashMap<String, usize>,
    last_service: Option<String>,
}

impl<'r> Reader<'r> {
    fn new(file: &str, register: &'r Register) -> Self {
        let services =
            register.services.iter().map(|s| (name_key(&s.fields.name), Ref::Existing(s.id))).collect();
        let parties =
            register.parties.iter().map(|p| (name_key(&p.fields.name), Ref::Existing(p.id))).collect();
        let activities = register
            .activities
            .iter()
            .map(|a| (name_key(register.service_name(a.fields.service_id)), name_key(&a.fields.name)))
            .collect();
        let plan = Plan { report: super::Report::new(file), ..Plan::default() };
        Self { register, plan, services, parties, activities, contracts: HashMap::new(), last_service: None }
    }

    fn read_rows(&mut self, table: &Table) {
        let headings = &table.rows[table.header];
        for (heading, column) in headings.iter().zip(&table.columns) {
            if column.is_none() && !heading.trim().is_empty() && !is_name_heading(heading) {
                self.plan.report.warn(
                    Some(table.header + 1),
                    Some(heading.trim()),
                    "not a column of the ICO template; its values were not imported",
                );
            }
        }
        for (index, cells) in table.rows.iter().enumerate().skip(table.header + 1) {
            if cells.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            let number = index + 1;
            if let Some(cell) = cells.iter().position(|cell| cell.chars().count() > MAX_CELL_CHARS) {
                let heading = headings.get(cell).map(String::as_str);
                self.plan.report.reject(
                    Some(number),
                    heading,
                    "a cell holds more than a million characters; the row was not imported",
                );
                continue;
            }
            let row = Row {
                number,
                cells: table
                    .columns
                    .iter()
                    .zip(cells)
                    .filter_map(|(c, cell)| c.map(|c| (c, cell.as_str())))
                    .collect(),
                name: table
                    .name_column
                    .and_then(|i| cells.get(i))
                    .map(|n| n.trim())
                    .filter(|n| !n.is_empty()),
            };
            self.read_row(&row);
        }
    }

    fn read_row(&mut self, row: &Row<'_>) {
        let Some(service_name) = self.service_name(row) else { return };
        let service = self.service_ref(&service_name);
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
        self.read_article30(row, &mut fields);
        self.read_lawfulness(row, &mut fields);
        read_accountability(row, &mut fields);
        let mut links = self.links(row, IcoColumn::Sources, Direction::Source);
        links.extend(self.links(row, IcoColumn::Recipients, Direction::Recipient));
        self.read_processor_contract(row);
        self.plan.activities.push(PlannedActivity { row: Some(row.number), service, fields, links });
    }

    fn service_name(&mut self, row: &Row<'_>) -> Option<String> {
        let heading = IcoColumn::BusinessFunction.heading();
        let cell = row.get(IcoColumn::BusinessFunction);
        if !cell.is_empty() {
            self.last_service = Some(cell.to_string());
            return Some(cell.to_string());
        }
        match &self.last_service {
            Some(previous) => {
                self.plan.report.warn(
                    Some(row.number),
                    Some(heading),
                    format!("empty; taken as \"{previous}\" from the row above (a merged cell)"),
                );
                Some(previous.clone())
            }
            None => {
                self.plan.report.reject(
                    Some(row.number),
                    Some(heading),
                    "empty; every activity needs a business function",
                );
                None
            }
        }
    }

    fn service_ref(&mut self, name: &str) -> Ref<ServiceId> {
        let key = name_key(name);
        if let Some(&found) = self.services.get(&key) {
            return found;
        }
        let created = Ref::New(self.plan.services.len());
        self.plan.services.push(ServiceFields { name: name.to_string(), ..ServiceFields::default() });
        self.services.insert(key, created);
        created
    }

    fn read_article30(&mut self, row: &Row<'_>, f: &mut ActivityFields) {
        f.purposes = split_list(row.get(IcoColumn::Purpose));
        f.data_subjects = split_list(row.get(IcoColumn::DataSubjects));
        for item in split_list(row.get(IcoColumn::PersonalData)) {
            self.sort_personal_data(row.number, item, f);
        }
        let joint = row.get(IcoColumn::JointController);
        if !joint.is_empty() && yes_no(joint) != Some(false) {
            f.role = Role::JointController { with: joint.to_string(), lead: String::new() };
        }
        f.transfers = self.transfers(row);
        f.retention = retention(row.get(IcoColumn::Retention));
        f.security_measures = row.get(IcoColumn::Security).to_string();
        f.systems = split_list(row.get(IcoColumn::Location));
    }

    /// Puts an item of column E where the law puts it: special category data and
    /// criminal offence data are kept apart from ordinary personal data.
    fn sort_personal_data(&mut self, row: usize, item: String, f: &mut ActivityFields) {
        let column = Some(IcoColumn::PersonalData.heading());
        let bare = item.trim_start_matches("Special category:").trim().to_string();
        if let Some(category) = special_category(&bare) {
            f.special_categories.insert(category);
            self.plan.report.warn(
                Some(row),
                column,
                format!("\"{item}\" recorded as special category data ({})", category.label()),
            );
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
            .filter(|d| yes_no(d) != Some(false) && name_key(d) != "none")
            .collect::<Vec<_>>();
        let safeguards_cell = row.get(IcoColumn::TransferSafeguards);
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
            .map(|destination| Transfer { destination, safeguard, detail: safeguards_cell.to_string() })
            .collect()
    }

    fn read_lawfulness(&mut self, row: &Row<'_>, f: &mut ActivityFields) {
        let article6 = parse_article6(row.get(IcoColumn::Article6));
        let gdpr6 = parse_article6(row.get(IcoColumn::GdprArticle6));
        f.lawful_bases = article6.items.iter().chain(&gdpr6.items).copied().collect();
        self.keep_unrecognised(row.number, IcoColumn::Article6, article6, f);
        self.keep_unrecognised(row.number, IcoColumn::GdprArticle6, gdpr6, f);
        let article9 = parse_article9(row.get(IcoColumn::Article9));
        f.article9_conditions = article9.items.clone();
        self.keep_unrecognised(row.number, IcoColumn::Article9, article9, f);
        let schedule1 = parse_schedule1(row.get(IcoColumn::Schedule1));
        f.schedule1_conditions = schedule1.items.clone();
        self.keep_unrecognised(row.number, IcoColumn::Schedule1, schedule1, f);
        f.legitimate_interests = row.get(IcoColumn::LegitimateInterests).to_string();
        f.legitimate_interests_assessment = row.get(IcoColumn::LegitimateInterestsAssessment).to_string();
        f.consent_record = row.get(IcoColumn::ConsentRecord).to_string();
        let adm = row.get(IcoColumn::AutomatedDecisionMaking);
        let key = name_key(adm);
        if !adm.is_empty() && yes_no(adm) != Some(false) && !key.starts_with("no ") {
            f.automated_decision_making =
                Some(if yes_no(adm) == Some(true) { String::new() } else { adm.to_string() });
        }
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
            .filter(|name| seen.insert(name_key(name)))
            .map(|name| PlannedLink {
                party: self.party_ref(&name),
                agreement: None,
                fields: LinkFields::new(PartyId(0), direction),
            })
            .collect()
    }

    fn party_ref(&mut self, name: &str) -> Ref<PartyId> {
        let key = name_key(name);
        if let Some(&found) = self.parties.get(&key) {
            if let Ref::Existing(id) = found {
                let existing = self.register.party_name(id).to_string();
                if !self.plan.matched_parties.iter().any(|(n, _)| name_key(n) == key) {
                    self.plan.matched_parties.push((name.to_string(), existing));
                }
            }
            return found;
        }
        let internal_service = self.services.get(&key).copied();
        let kind = if internal_service.is_some() { PartyKind::InternalService } else { guess_kind(&key) };
        let created = Ref::New(self.plan.parties.len());
        self.plan.parties.push(PlannedParty { fields: PartyFields::new(name, kind), internal_service });
        self.parties.insert(key, created);
        created
    }

    fn read_processor_contract(&mut self, row: &Row<'_>) {
        let contract = row.get(IcoColumn::ProcessorContract);
        if contract.is_empty() || yes_no(contract) == Some(false) {
            return;
        }
        let key = name_key(contract);
        if self.contracts.contains_key(&key) {
            return;
        }
        self.contracts.insert(key, self.plan.agreements.len());
        let mut fields = AgreementFields::new(AgreementKind::ProcessorContract, contract);
        fields.reference = contract.to_string();
        self.plan.agreements.push(PlannedAgreement { fields, parties: Vec::new() });
        self.plan.report.warn(
            Some(row.number),
            Some(IcoColumn::ProcessorContract.heading()),
            "recorded as an Art 28 processor contract; attach it to the processor's recipient link",
        );
    }
}

fn read_accountability(row: &Row<'_>, f: &mut ActivityFields) {
    f.dpia.required = yes_no(row.get(IcoColumn::DpiaRequired));
    f.dpia.progress = dpia_progress(row.get(IcoColumn::DpiaProgress));
    f.dpia.link = row.get(IcoColumn::DpiaLink).to_string();
    let breach_link = row.get(IcoColumn::BreachLink);
    if yes_no(row.get(IcoColumn::Breach)) == Some(true) || !breach_link.is_empty() {
        f.breach = Some(breach_link.to_string());
    }
    f.policy_document = row.get(IcoColumn::RetentionPolicy).to_string();
    f.retained_per_policy = yes_no(row.get(IcoColumn::RetainedPerPolicy));
    f.policy_exceptions = row.get(IcoColumn::PolicyExceptions).to_string();
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

fn special_category(item: &str) -> Option<SpecialCategory> {
    use SpecialCategory::*;
    let key = name_key(item);
    if key.split(' ').count() > 6 {
        return None;
    }
    let has = |word: &str| key.split(' ').any(|w| w.starts_with(word));
    Some(if has("health") || has("medical") || has("disabilit") {
        Health
    } else if has("racial") || has("race") || has("ethnic") {
        RacialOrEthnicOrigin
    } else if has("religio") || has("philosophical") || has("belief") {
        ReligiousOrPhilosophicalBeliefs
    } else if has("political") {
        PoliticalOpinions
    } else if key.contains("trade union") {
        TradeUnionMembership
    } else if has("genetic") {
        Genetic
    } else if has("biometric") {
        Biometric
    } else if key.contains("sexual orientation") || key.contains("sex life") || has("sexuality") {
        SexLifeOrSexualOrientation
    } else {
        return None;
    })
}

fn is_criminal(item: &str) -> bool {
    let key = name_key(item);
    key.split(' ').count() <= 8
        && ["criminal", "offence", "offences", "conviction", "convictions"]
            .iter()
            .any(|w| key.split(' ').any(|k| k == *w))
}

fn retention(cell: &str) -> Retention {
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
        if i > 1 {
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

/// A first guess at a new party's kind from its name; the officer can correct it.
fn guess_kind(key: &str) -> PartyKind {
    let has = |words: &[&str]| {
        words.iter().any(|w| key.split(' ').any(|k| k == *w) || key.contains(&format!("{w} ")))
    };
    if has(&[
        "you",
        "yourself",
        "individuals",
        "individual",
        "clients",
        "client",
        "applicants",
        "service users",
        "data subject",
        "data subjects",
    ]) {
        PartyKind::DataSubjects
    } else if has(&["unhcr", "iom", "united nations", "international organisation"]) {
        PartyKind::InternationalOrganisation
    } else if has(&["ltd", "limited", "plc", "llp", "inc", "google", "microsoft"]) {
        PartyKind::PrivateCompany
    } else if has(&["charity", "charities", "voluntary", "community", "trust", "foundation", "ngo", "ngos"]) {
        PartyKind::VoluntarySector
    } else if has(&[
        "council",
        "councils",
        "nhs",
        "police",
        "office",
        "department",
        "dwp",
        "hmrc",
        "court",
        "courts",
        "government",
        "authority",
        "authorities",
        "ministry",
        "agency",
        "jobcentre",
        "school",
        "schools",
        "gp",
        "gps",
        "hospital",
        "hospitals",
        "probation",
    ]) {
        PartyKind::PublicAuthority
    } else {
        PartyKind::Other
    }
}
