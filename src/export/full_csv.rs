//! The full CSV: every field of every record in one file, laid out so that
//! [`read`] gets the same register back. `docs/full-csv.md` documents the layout.
//!
//! One header row names the union of all columns ([`COLUMNS`]); the `record` column
//! says what each row is (`organisation`, `service`, `party`, `agreement`,
//! `asset`, `activity`, `transfer`, `link`) and a row fills only its own columns. Choices are
//! written as their stable codes, dates as ISO 8601, yes/no as `yes`/`no` (empty
//! when not known), and lists with [`encode_list`].

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};

use super::csv_out::CsvOut;
use super::{Options, Progress, cells, step};
use crate::law::{LegalItem, RecognisedLegitimateInterest, TransferSafeguard};
use crate::model::*;
use crate::{Error, Result};

/// Declares the full CSV's columns, in file order, as an enum whose variants
/// carry their heading, so that a misspelt column does not compile.
macro_rules! columns {
    ($($(#[$meta:meta])* $variant:ident = $name:literal,)+) => {
        /// A column of the full CSV. The discriminant is its position in the file.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Column {
            $($(#[$meta])* #[doc = concat!("`", $name, "`")] $variant,)+
        }

        impl Column {
            /// Every column, in file order.
            pub const ALL: &'static [Column] = &[$(Column::$variant,)+];
            /// Every column's heading, in file order.
            pub const NAMES: &'static [&'static str] = &[$($name,)+];

            /// The heading of this column in the file.
            pub fn name(self) -> &'static str {
                Self::NAMES[self as usize]
            }
        }
    };
}

columns! {
    Record = "record",
    Id = "id",
    // Organisation.
    ControllerName = "controller_name",
    ControllerAddress = "controller_address",
    ControllerEmail = "controller_email",
    ControllerTelephone = "controller_telephone",
    IcoRegistration = "ico_registration",
    DpoName = "dpo_name",
    DpoAddress = "dpo_address",
    DpoEmail = "dpo_email",
    DpoTelephone = "dpo_telephone",
    RepresentativeName = "representative_name",
    RepresentativeAddress = "representative_address",
    RepresentativeEmail = "representative_email",
    RepresentativeTelephone = "representative_telephone",
    IsPartnership = "is_partnership",
    ReviewIntervalMonths = "review_interval_months",
    // Shared by several records.
    Name = "name",
    Description = "description",
    Controller = "controller",
    Kind = "kind",
    Country = "country",
    Contact = "contact",
    InternalServiceId = "internal_service_id",
    Title = "title",
    Reference = "reference",
    PartyIds = "party_ids",
    Start = "start",
    ReviewDue = "review_due",
    End = "end",
    // Activity.
    ServiceId = "service_id",
    Owner = "owner",
    Status = "status",
    Role = "role",
    RoleWith = "role_with",
    RoleLead = "role_lead",
    RoleFor = "role_for",
    Purposes = "purposes",
    DataSubjects = "data_subjects",
    PersonalData = "personal_data",
    SpecialCategories = "special_categories",
    OtherSpecialItems = "other_special_items",
    CriminalOffenceData = "criminal_offence_data",
    CriminalOffenceDetail = "criminal_offence_detail",
    LawfulBases = "lawful_bases",
    Article9Conditions = "article9_conditions",
    Schedule1Conditions = "schedule1_conditions",
    UnrecognisedCitations = "unrecognised_citations",
    Legislation = "legislation",
    LegitimateInterests = "legitimate_interests",
    RecognisedLegitimateInterest = "recognised_legitimate_interest",
    LegitimateInterestsAssessment = "legitimate_interests_assessment",
    ConsentRecord = "consent_record",
    RetentionKind = "retention_kind",
    RetentionMonths = "retention_months",
    RetentionText = "retention_text",
    RetentionReason = "retention_reason",
    PolicyDocument = "policy_document",
    RetainedPerPolicy = "retained_per_policy",
    PolicyExceptions = "policy_exceptions",
    SecurityMeasures = "security_measures",
    Systems = "systems",
    AutomatedDecisionMaking = "automated_decision_making",
    AutomatedDecisionDetail = "automated_decision_detail",
    Breach = "breach",
    BreachLink = "breach_link",
    LastReviewed = "last_reviewed",
    NextReviewDue = "next_review_due",
    // Transfer and link.
    ActivityId = "activity_id",
    Destination = "destination",
    Safeguard = "safeguard",
    Detail = "detail",
    DataProtectionTestMet = "data_protection_test_met",
    PartyId = "party_id",
    Direction = "direction",
    SpecialData = "special_data",
    DataCategories = "data_categories",
    LawfulBasis = "lawful_basis",
    BasisDetail = "basis_detail",
    Method = "method",
    AgreementId = "agreement_id",
    Notes = "notes",
    // Information asset (schema version 5); name, kind, country, security
    // measures and notes are the shared columns above.
    OwnerName = "owner_name",
    OwnerRole = "owner_role",
    Location = "location",
    Hosting = "hosting",
    ProcessorId = "processor_id",
    AssetRetention = "asset_retention",
    Continuity = "continuity",
    // DPIA (schema version 6); title, status, start (started), review_due (next
    // review) and notes are the shared columns above.
    Screening = "screening",
    ResidualRisk = "residual_risk",
    IcoConsultation = "ico_consultation",
    Completed = "completed",
    Document = "document",
    ActivityIds = "activity_ids",
}

/// Every column's heading, in file order.
pub const COLUMNS: &[&str] = Column::NAMES;

/// The four columns of one contact (controller, DPO, representative).
struct ContactColumns {
    name: Column,
    address: Column,
    email: Column,
    telephone: Column,
}

const CONTROLLER: ContactColumns = ContactColumns {
    name: Column::ControllerName,
    address: Column::ControllerAddress,
    email: Column::ControllerEmail,
    telephone: Column::ControllerTelephone,
};
const DPO: ContactColumns = ContactColumns {
    name: Column::DpoName,
    address: Column::DpoAddress,
    email: Column::DpoEmail,
    telephone: Column::DpoTelephone,
};
const REPRESENTATIVE: ContactColumns = ContactColumns {
    name: Column::RepresentativeName,
    address: Column::RepresentativeAddress,
    email: Column::RepresentativeEmail,
    telephone: Column::RepresentativeTelephone,
};

/// Writes every record of `register`.
pub fn write(
    register: &Register,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    let mut csv = CsvOut::new(out, options.bom)?;
    csv.row(COLUMNS)?;
    csv.row(&organisation_row(&register.organisation).cells)?;
    for service in &register.services {
        csv.row(&service_row(service).cells)?;
    }
    for party in &register.parties {
        csv.row(&party_row(party).cells)?;
    }
    for agreement in &register.agreements {
        csv.row(&agreement_row(agreement).cells)?;
    }
    for asset in &register.assets {
        csv.row(&asset_row(asset).cells)?;
    }
    let total = register.activities.len() + register.links.len();
    for (done, activity) in register.activities.iter().enumerate() {
        step(progress, done, total)?;
        csv.row(&activity_row(activity).cells)?;
        for transfer in &activity.fields.transfers {
            csv.row(&transfer_row(activity.id, transfer).cells)?;
        }
    }
    for dpia in &register.dpias {
        csv.row(&dpia_row(dpia).cells)?;
    }
    for (done, link) in register.links.iter().enumerate() {
        step(progress, register.activities.len() + done, total)?;
        csv.row(&link_row(link).cells)?;
    }
    step(progress, total, total)?;
    csv.finish()
}

// ----- Lists, yes/no, dates -----

/// Separates the items of a list in one cell.
pub const LIST_SEPARATOR: char = '|';
/// Escapes the separator and itself inside an item.
pub const ESCAPE: char = '\\';

/// A list in one cell: items joined by `|`, with `\` written `\\` and `|` written
/// `\|` inside an item. An empty list is an empty cell; a list of one empty item,
/// which would otherwise look the same, is written `\e`.
pub fn encode_list<S: AsRef<str>>(items: &[S]) -> String {
    if let [only] = items
        && only.as_ref().is_empty()
    {
        return format!("{ESCAPE}e");
    }
    let escaped: Vec<String> = items
        .iter()
        .map(|item| {
            item.as_ref()
                .replace(ESCAPE, &format!("{ESCAPE}{ESCAPE}"))
                .replace(LIST_SEPARATOR, &format!("{ESCAPE}{LIST_SEPARATOR}"))
        })
        .collect();
    escaped.join(&LIST_SEPARATOR.to_string())
}

/// The list that [`encode_list`] wrote as `cell`. An unknown escape keeps the
/// escaped character; a trailing lone `\` is kept as written.
pub fn decode_list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    let mut items = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        let current = items.len() - 1;
        match c {
            ESCAPE => match chars.next() {
                Some('e') => {}
                Some(escaped) => items[current].push(escaped),
                None => items[current].push(ESCAPE),
            },
            LIST_SEPARATOR => items.push(String::new()),
            c => items[current].push(c),
        }
    }
    items
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_string()
}

fn maybe_yes_no(value: Option<bool>) -> String {
    value.map_or_else(String::new, yes_no)
}

fn date_cell(date: Option<Date>) -> String {
    date.map_or_else(String::new, format_date)
}

fn codes<T: LegalItem>(items: &BTreeSet<T>) -> String {
    encode_list(&items.iter().map(|item| item.code()).collect::<Vec<_>>())
}

// ----- Writing rows -----

/// One row under construction, one cell per [`COLUMNS`] entry.
struct Row {
    cells: Vec<String>,
}

impl Row {
    fn new(record: &str, id: impl ToString) -> Self {
        let mut row = Self { cells: vec![String::new(); Column::ALL.len()] };
        row.set(Column::Record, record);
        row.set(Column::Id, id.to_string());
        row
    }

    fn set(&mut self, column: Column, value: impl Into<String>) -> &mut Self {
        self.cells[column as usize] = value.into();
        self
    }
}

fn set_contact(row: &mut Row, columns: &ContactColumns, contact: &Contact) {
    row.set(columns.name, &contact.name)
        .set(columns.address, &contact.address)
        .set(columns.email, &contact.email)
        .set(columns.telephone, &contact.telephone);
}

fn organisation_row(organisation: &Organisation) -> Row {
    let mut row = Row::new("organisation", "");
    set_contact(&mut row, &CONTROLLER, &organisation.controller);
    set_contact(&mut row, &DPO, &organisation.dpo);
    set_contact(&mut row, &REPRESENTATIVE, &organisation.representative);
    row.set(Column::IcoRegistration, &organisation.ico_registration)
        .set(Column::IsPartnership, yes_no(organisation.is_partnership))
        .set(Column::ReviewIntervalMonths, organisation.review_interval_months.to_string());
    row
}

fn service_row(service: &Service) -> Row {
    let mut row = Row::new("service", service.id);
    let f = &service.fields;
    row.set(Column::Name, &f.name)
        .set(Column::Description, &f.description)
        .set(Column::Controller, &f.controller);
    row
}

fn party_row(party: &Party) -> Row {
    let mut row = Row::new("party", party.id);
    let f = &party.fields;
    row.set(Column::Name, &f.name)
        .set(Column::Kind, f.kind.code())
        .set(Column::Country, &f.country)
        .set(Column::Contact, &f.contact)
        .set(Column::Notes, &f.notes)
        .set(Column::InternalServiceId, f.internal_service.map_or_else(String::new, |id| id.to_string()));
    row
}

fn agreement_row(agreement: &Agreement) -> Row {
    let mut row = Row::new("agreement", agreement.id);
    let f = &agreement.fields;
    let party_ids: Vec<String> = f.parties.iter().map(ToString::to_string).collect();
    row.set(Column::Kind, f.kind.code())
        .set(Column::Title, &f.title)
        .set(Column::Reference, &f.reference)
        .set(Column::PartyIds, encode_list(&party_ids))
        .set(Column::Start, date_cell(f.start))
        .set(Column::ReviewDue, date_cell(f.review_due))
        .set(Column::End, date_cell(f.end))
        .set(Column::Notes, &f.notes);
    row
}

fn asset_row(asset: &Asset) -> Row {
    let mut row = Row::new("asset", asset.id);
    let f = &asset.fields;
    row.set(Column::Name, &f.name)
        .set(Column::Kind, f.kind.code())
        .set(Column::OwnerName, &f.owner_name)
        .set(Column::OwnerRole, &f.owner_role)
        .set(Column::Location, &f.location)
        .set(Column::Hosting, f.hosting.code())
        .set(Column::ProcessorId, f.hosting.processor().map_or_else(String::new, |id| id.to_string()))
        .set(Column::Country, &f.country)
        .set(Column::SecurityMeasures, &f.security_measures)
        .set(Column::AssetRetention, &f.retention)
        .set(Column::Continuity, &f.continuity)
        .set(Column::Notes, &f.notes);
    row
}

fn dpia_row(dpia: &Dpia) -> Row {
    let mut row = Row::new("dpia", dpia.id);
    let f = &dpia.fields;
    let activity_ids: Vec<String> = f.activities.iter().map(ToString::to_string).collect();
    row.set(Column::Title, &f.title)
        .set(Column::Status, f.status.code())
        .set(Column::Screening, f.screening.code())
        .set(Column::ResidualRisk, f.residual_risk.code())
        .set(Column::IcoConsultation, f.ico_consultation.code())
        .set(Column::Start, date_cell(f.started))
        .set(Column::Completed, date_cell(f.completed))
        .set(Column::ReviewDue, date_cell(f.next_review))
        .set(Column::Document, &f.document)
        .set(Column::ActivityIds, encode_list(&activity_ids))
        .set(Column::Notes, &f.notes);
    row
}

fn activity_row(activity: &Activity) -> Row {
    let mut row = Row::new("activity", activity.id);
    let f = &activity.fields;
    row.set(Column::ServiceId, f.service_id.to_string())
        .set(Column::Name, &f.name)
        .set(Column::Description, &f.description)
        .set(Column::Owner, &f.owner)
        .set(Column::Status, f.status.code())
        .set(Column::Role, f.role.code());
    match &f.role {
        Role::Controller => {}
        Role::JointController { with, lead } => {
            row.set(Column::RoleWith, with).set(Column::RoleLead, lead);
        }
        Role::Processor { for_controller } => {
            row.set(Column::RoleFor, for_controller);
        }
    }
    row.set(Column::Purposes, encode_list(&f.purposes))
        .set(Column::DataSubjects, encode_list(&f.data_subjects))
        .set(Column::PersonalData, encode_list(&f.personal_data))
        .set(Column::SpecialCategories, codes(&f.special_categories))
        .set(Column::OtherSpecialItems, encode_list(&f.other_special_items))
        .set(Column::CriminalOffenceData, yes_no(f.criminal_offence_data.is_some()))
        .set(Column::CriminalOffenceDetail, f.criminal_offence_data.clone().unwrap_or_default())
        .set(Column::LawfulBases, codes(&f.lawful_bases))
        .set(Column::Article9Conditions, codes(&f.article9_conditions))
        .set(Column::Schedule1Conditions, codes(&f.schedule1_conditions))
        .set(Column::UnrecognisedCitations, encode_list(&f.unrecognised_citations))
        .set(Column::Legislation, encode_list(&f.legislation))
        .set(Column::LegitimateInterests, &f.legitimate_interests)
        .set(
            Column::RecognisedLegitimateInterest,
            f.recognised_legitimate_interest.map_or("", LegalItem::code),
        )
        .set(Column::LegitimateInterestsAssessment, &f.legitimate_interests_assessment)
        .set(Column::ConsentRecord, &f.consent_record);
    set_retention(&mut row, &f.retention);
    row.set(Column::RetentionReason, &f.retention_reason)
        .set(Column::PolicyDocument, &f.policy_document)
        .set(Column::RetainedPerPolicy, maybe_yes_no(f.retained_per_policy))
        .set(Column::PolicyExceptions, &f.policy_exceptions)
        .set(Column::SecurityMeasures, &f.security_measures)
        .set(Column::Systems, encode_list(&f.systems))
        .set(Column::AutomatedDecisionMaking, yes_no(f.automated_decision_making.is_some()))
        .set(Column::AutomatedDecisionDetail, f.automated_decision_making.clone().unwrap_or_default())
        .set(Column::Breach, yes_no(f.breach.is_some()))
        .set(Column::BreachLink, f.breach.clone().unwrap_or_default())
        .set(Column::LastReviewed, date_cell(f.last_reviewed))
        .set(Column::NextReviewDue, date_cell(f.next_review_due));
    row
}

fn set_retention(row: &mut Row, retention: &Retention) {
    row.set(Column::RetentionKind, retention.code());
    match retention {
        Retention::NotStated => {}
        Retention::Period { months, from } => {
            row.set(Column::RetentionMonths, months.to_string()).set(Column::RetentionText, from);
        }
        Retention::Event { event } => {
            row.set(Column::RetentionText, event);
        }
        Retention::Schedule { reference } => {
            row.set(Column::RetentionText, reference);
        }
    }
}

fn transfer_row(activity_id: ActivityId, transfer: &Transfer) -> Row {
    let mut row = Row::new("transfer", "");
    row.set(Column::ActivityId, activity_id.to_string())
        .set(Column::Destination, &transfer.destination)
        .set(Column::Safeguard, transfer.safeguard.map_or("", LegalItem::code))
        .set(Column::Detail, &transfer.detail)
        .set(Column::DataProtectionTestMet, maybe_yes_no(transfer.data_protection_test_met));
    row
}

fn link_row(link: &Link) -> Row {
    let mut row = Row::new("link", link.id);
    let f = &link.fields;
    row.set(Column::ActivityId, link.activity_id.to_string())
        .set(Column::PartyId, f.party_id.to_string())
        .set(Column::Direction, f.direction.code())
        .set(Column::SpecialData, f.special_data.code())
        .set(Column::DataCategories, encode_list(&f.data_categories))
        .set(Column::SpecialCategories, codes(&f.special_categories))
        .set(Column::CriminalOffenceData, yes_no(f.criminal_offence_data))
        .set(Column::LawfulBasis, f.lawful_basis.map_or("", LegalItem::code))
        .set(Column::BasisDetail, &f.basis_detail)
        .set(Column::Method, &f.method)
        .set(Column::AgreementId, f.agreement_id.map_or_else(String::new, |id| id.to_string()))
        .set(Column::Notes, &f.notes);
    row
}

// ----- Reading -----

/// One row being read, with its row number (the header is row 1) for error messages.
struct Fields<'a> {
    header: &'a HashMap<String, usize>,
    record: &'a csv::StringRecord,
    row: usize,
}

impl Fields<'_> {
    fn text(&self, column: Column) -> String {
        self.header
            .get(column.name())
            .and_then(|&index| self.record.get(index))
            .map_or_else(String::new, |cell| cells::restore(cell).to_string())
    }

    fn invalid(&self, column: Column, message: impl std::fmt::Display) -> Error {
        Error::Invalid {
            field: format!("Row {}, column {}", self.row, column.name()),
            message: message.to_string(),
        }
    }

    fn list(&self, column: Column) -> Vec<String> {
        decode_list(&self.text(column))
    }

    fn number<T: std::str::FromStr>(&self, column: Column) -> Result<T> {
        let text = self.text(column);
        text.trim().parse().map_err(|_| self.invalid(column, format!("\"{text}\" is not a whole number")))
    }

    fn optional_id<T>(&self, column: Column, make: fn(i64) -> T) -> Result<Option<T>> {
        if self.text(column).trim().is_empty() { Ok(None) } else { Ok(Some(make(self.number(column)?))) }
    }

    fn flag(&self, column: Column) -> Result<Option<bool>> {
        match self.text(column).trim() {
            "" => Ok(None),
            "yes" => Ok(Some(true)),
            "no" => Ok(Some(false)),
            other => Err(self.invalid(column, format!("\"{other}\" should be yes, no or empty"))),
        }
    }

    fn date(&self, column: Column) -> Result<Option<Date>> {
        let text = self.text(column);
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_date(&text)
            .map(Some)
            .ok_or_else(|| self.invalid(column, format!("\"{text}\" is not a date like 2025-03-31")))
    }

    fn choice<T>(&self, column: Column, from_code: fn(&str) -> Option<T>) -> Result<T> {
        let text = self.text(column);
        from_code(text.trim()).ok_or_else(|| self.invalid(column, format!("\"{text}\" is not a known code")))
    }

    fn optional_choice<T>(&self, column: Column, from_code: fn(&str) -> Option<T>) -> Result<Option<T>> {
        if self.text(column).trim().is_empty() { Ok(None) } else { self.choice(column, from_code).map(Some) }
    }

    fn code_set<T: LegalItem>(&self, column: Column) -> Result<BTreeSet<T>> {
        self.list(column)
            .iter()
            .map(|code| {
                T::from_code(code)
                    .ok_or_else(|| self.invalid(column, format!("\"{code}\" is not a known code")))
            })
            .collect()
    }

    fn contact(&self, columns: &ContactColumns) -> Contact {
        Contact {
            name: self.text(columns.name),
            address: self.text(columns.address),
            email: self.text(columns.email),
            telephone: self.text(columns.telephone),
        }
    }
}

/// Reads a full CSV written by [`write`] back into a register. Ids are those in the
/// file; versions are 1. A byte order mark is skipped.
pub fn read(input: impl Read) -> Result<Register> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let header: HashMap<String, usize> = reader
        .headers()
        .map_err(read_error)?
        .iter()
        .enumerate()
        .map(|(index, name)| (name.to_string(), index))
        .collect();
    if !header.contains_key(Column::Record.name()) {
        return Err(Error::Invalid {
            field: "Full CSV".into(),
            message: "the first row has no \"record\" column; is this a full export of a register?".into(),
        });
    }
    let mut register = Register::default();
    let mut legacy = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(read_error)?;
        let row = Fields { header: &header, record: &record, row: index + 2 };
        read_row(&row, &mut register)?;
        if let Some(answers) = legacy_answers(&row)? {
            legacy.push(answers);
        }
    }
    if register.dpias.is_empty() {
        register.dpias =
            records_from_answers(legacy.iter().map(|(id, name, said)| (*id, name.as_str(), said)))
                .into_iter()
                .enumerate()
                .map(|(at, fields)| Dpia { id: DpiaId(at as i64 + 1), version: 1, fields })
                .collect();
    }
    Ok(register)
}

/// An activity row's DPIA answers in a file written before DPIAs were records
/// (columns `dpia_required`, `dpia_progress`, `dpia_link`, `dpia_date`).
fn legacy_answers(row: &Fields<'_>) -> Result<Option<(ActivityId, String, DpiaAnswers)>> {
    if row.text(Column::Record) != "activity" || !row.header.contains_key("dpia_progress") {
        return Ok(None);
    }
    let cell = |name: &str| {
        row.header.get(name).and_then(|&at| row.record.get(at)).map_or("", str::trim).to_string()
    };
    let bad = |name: &str, what: &str| Error::Invalid {
        field: format!("Row {}, column {name}", row.row),
        message: format!("\"{}\" {what}", cell(name)),
    };
    let required = match cell("dpia_required").as_str() {
        "" => None,
        "yes" => Some(true),
        "no" => Some(false),
        _ => return Err(bad("dpia_required", "should be yes, no or empty")),
    };
    let progress = match cell("dpia_progress").as_str() {
        "" => DpiaProgress::NotStarted,
        code => DpiaProgress::from_code(code).ok_or_else(|| bad("dpia_progress", "is not a known code"))?,
    };
    let date = match cell("dpia_date").as_str() {
        "" => None,
        text => Some(parse_date(text).ok_or_else(|| bad("dpia_date", "is not a date like 2025-03-31"))?),
    };
    let said = DpiaAnswers { required, progress, link: cell("dpia_link"), date };
    Ok(Some((ActivityId(row.number(Column::Id)?), row.text(Column::Name), said)))
}

fn read_error(error: csv::Error) -> Error {
    Error::Invalid {
        field: "Full CSV".into(),
        message: format!("the file could not be read as CSV: {error}"),
    }
}

fn read_row(row: &Fields<'_>, register: &mut Register) -> Result<()> {
    match row.text(Column::Record).as_str() {
        "organisation" => register.organisation = read_organisation(row)?,
        "service" => register.services.push(read_service(row)?),
        "party" => register.parties.push(read_party(row)?),
        "agreement" => register.agreements.push(read_agreement(row)?),
        "asset" => register.assets.push(read_asset(row)?),
        "dpia" => register.dpias.push(read_dpia(row)?),
        "activity" => register.activities.push(read_activity(row)?),
        "transfer" => read_transfer(row, register)?,
        "link" => register.links.push(read_link(row)?),
        other => return Err(row.invalid(Column::Record, format!("\"{other}\" is not a record type"))),
    }
    Ok(())
}

fn read_organisation(row: &Fields<'_>) -> Result<Organisation> {
    Ok(Organisation {
        controller: row.contact(&CONTROLLER),
        ico_registration: row.text(Column::IcoRegistration),
        dpo: row.contact(&DPO),
        representative: row.contact(&REPRESENTATIVE),
        is_partnership: row.flag(Column::IsPartnership)?.unwrap_or(false),
        review_interval_months: row.number(Column::ReviewIntervalMonths)?,
    })
}

fn read_service(row: &Fields<'_>) -> Result<Service> {
    Ok(Service {
        id: ServiceId(row.number(Column::Id)?),
        fields: ServiceFields {
            name: row.text(Column::Name),
            description: row.text(Column::Description),
            controller: row.text(Column::Controller),
        },
    })
}

fn read_party(row: &Fields<'_>) -> Result<Party> {
    Ok(Party {
        id: PartyId(row.number(Column::Id)?),
        version: 1,
        fields: PartyFields {
            name: row.text(Column::Name),
            kind: row.choice(Column::Kind, PartyKind::from_code)?,
            country: row.text(Column::Country),
            contact: row.text(Column::Contact),
            notes: row.text(Column::Notes),
            internal_service: row.optional_id(Column::InternalServiceId, ServiceId)?,
        },
    })
}

fn read_agreement(row: &Fields<'_>) -> Result<Agreement> {
    let parties = row
        .list(Column::PartyIds)
        .iter()
        .map(|id| {
            id.trim()
                .parse()
                .map(PartyId)
                .map_err(|_| row.invalid(Column::PartyIds, format!("\"{id}\" is not an id")))
        })
        .collect::<Result<_>>()?;
    Ok(Agreement {
        id: AgreementId(row.number(Column::Id)?),
        version: 1,
        fields: AgreementFields {
            kind: row.choice(Column::Kind, AgreementKind::from_code)?,
            title: row.text(Column::Title),
            reference: row.text(Column::Reference),
            parties,
            start: row.date(Column::Start)?,
            review_due: row.date(Column::ReviewDue)?,
            end: row.date(Column::End)?,
            notes: row.text(Column::Notes),
        },
    })
}

fn read_asset(row: &Fields<'_>) -> Result<Asset> {
    let processor = row.optional_id(Column::ProcessorId, PartyId)?;
    let hosting = match (row.text(Column::Hosting).trim(), processor) {
        ("not_stated" | "", None) => Hosting::NotStated,
        ("in_house", None) => Hosting::InHouse,
        ("processor", Some(party)) => Hosting::Processor { party },
        ("processor", None) => {
            return Err(row.invalid(
                Column::ProcessorId,
                "an asset hosted by a processor names the processor's party id",
            ));
        }
        (_, Some(_)) => {
            return Err(
                row.invalid(Column::ProcessorId, "only an asset hosted by a processor names a processor")
            );
        }
        (other, None) => {
            return Err(row.invalid(Column::Hosting, format!("\"{other}\" is not a kind of hosting")));
        }
    };
    Ok(Asset {
        id: AssetId(row.number(Column::Id)?),
        version: 1,
        fields: AssetFields {
            name: row.text(Column::Name),
            kind: row.choice(Column::Kind, AssetKind::from_code)?,
            owner_name: row.text(Column::OwnerName),
            owner_role: row.text(Column::OwnerRole),
            location: row.text(Column::Location),
            hosting,
            country: row.text(Column::Country),
            security_measures: row.text(Column::SecurityMeasures),
            retention: row.text(Column::AssetRetention),
            continuity: row.text(Column::Continuity),
            notes: row.text(Column::Notes),
        },
    })
}

fn read_dpia(row: &Fields<'_>) -> Result<Dpia> {
    let activities = row
        .list(Column::ActivityIds)
        .iter()
        .map(|id| {
            id.trim()
                .parse()
                .map(ActivityId)
                .map_err(|_| row.invalid(Column::ActivityIds, format!("\"{id}\" is not an id")))
        })
        .collect::<Result<_>>()?;
    Ok(Dpia {
        id: DpiaId(row.number(Column::Id)?),
        version: 1,
        fields: DpiaFields {
            title: row.text(Column::Title),
            status: row.choice(Column::Status, DpiaStatus::from_code)?,
            screening: row.choice(Column::Screening, Screening::from_code)?,
            residual_risk: row.choice(Column::ResidualRisk, ResidualRisk::from_code)?,
            ico_consultation: row.choice(Column::IcoConsultation, IcoConsultation::from_code)?,
            started: row.date(Column::Start)?,
            completed: row.date(Column::Completed)?,
            next_review: row.date(Column::ReviewDue)?,
            document: row.text(Column::Document),
            notes: row.text(Column::Notes),
            activities,
        },
    })
}

fn read_role(row: &Fields<'_>) -> Result<Role> {
    match row.text(Column::Role).trim() {
        "controller" => Ok(Role::Controller),
        "joint_controller" => {
            Ok(Role::JointController { with: row.text(Column::RoleWith), lead: row.text(Column::RoleLead) })
        }
        "processor" => Ok(Role::Processor { for_controller: row.text(Column::RoleFor) }),
        other => Err(row.invalid(Column::Role, format!("\"{other}\" is not a known role"))),
    }
}

fn read_retention(row: &Fields<'_>) -> Result<Retention> {
    let text = row.text(Column::RetentionText);
    match row.text(Column::RetentionKind).trim() {
        "not_stated" | "" => Ok(Retention::NotStated),
        "period" => Ok(Retention::Period { months: row.number(Column::RetentionMonths)?, from: text }),
        "event" => Ok(Retention::Event { event: text }),
        "schedule" => Ok(Retention::Schedule { reference: text }),
        other => Err(row.invalid(Column::RetentionKind, format!("\"{other}\" is not a known kind"))),
    }
}

/// `Some(detail)` when the yes/no column says yes.
fn detail_if(row: &Fields<'_>, flag: Column, detail: Column) -> Result<Option<String>> {
    Ok(row.flag(flag)?.unwrap_or(false).then(|| row.text(detail)))
}

fn read_activity(row: &Fields<'_>) -> Result<Activity> {
    let fields = ActivityFields {
        service_id: ServiceId(row.number(Column::ServiceId)?),
        name: row.text(Column::Name),
        description: row.text(Column::Description),
        owner: row.text(Column::Owner),
        status: row.choice(Column::Status, ActivityStatus::from_code)?,
        role: read_role(row)?,
        purposes: row.list(Column::Purposes),
        data_subjects: row.list(Column::DataSubjects),
        personal_data: row.list(Column::PersonalData),
        special_categories: row.code_set(Column::SpecialCategories)?,
        other_special_items: row.list(Column::OtherSpecialItems),
        criminal_offence_data: detail_if(row, Column::CriminalOffenceData, Column::CriminalOffenceDetail)?,
        lawful_bases: row.code_set(Column::LawfulBases)?,
        article9_conditions: row.code_set(Column::Article9Conditions)?,
        schedule1_conditions: row.code_set(Column::Schedule1Conditions)?,
        unrecognised_citations: row.list(Column::UnrecognisedCitations),
        legislation: row.list(Column::Legislation),
        legitimate_interests: row.text(Column::LegitimateInterests),
        recognised_legitimate_interest: row.optional_choice(
            Column::RecognisedLegitimateInterest,
            <RecognisedLegitimateInterest as LegalItem>::from_code,
        )?,
        legitimate_interests_assessment: row.text(Column::LegitimateInterestsAssessment),
        consent_record: row.text(Column::ConsentRecord),
        transfers: Vec::new(),
        retention: read_retention(row)?,
        retention_reason: row.text(Column::RetentionReason),
        policy_document: row.text(Column::PolicyDocument),
        retained_per_policy: row.flag(Column::RetainedPerPolicy)?,
        policy_exceptions: row.text(Column::PolicyExceptions),
        security_measures: row.text(Column::SecurityMeasures),
        systems: row.list(Column::Systems),
        automated_decision_making: detail_if(
            row,
            Column::AutomatedDecisionMaking,
            Column::AutomatedDecisionDetail,
        )?,
        breach: detail_if(row, Column::Breach, Column::BreachLink)?,
        last_reviewed: row.date(Column::LastReviewed)?,
        next_review_due: row.date(Column::NextReviewDue)?,
    };
    Ok(Activity { id: ActivityId(row.number(Column::Id)?), version: 1, fields })
}

fn read_transfer(row: &Fields<'_>, register: &mut Register) -> Result<()> {
    let activity_id = ActivityId(row.number(Column::ActivityId)?);
    let transfer = Transfer {
        destination: row.text(Column::Destination),
        safeguard: row.optional_choice(Column::Safeguard, <TransferSafeguard as LegalItem>::from_code)?,
        detail: row.text(Column::Detail),
        data_protection_test_met: row.flag(Column::DataProtectionTestMet)?,
    };
    let activity = register.activities.iter_mut().find(|activity| activity.id == activity_id);
    let Some(activity) = activity else {
        return Err(
            row.invalid(Column::ActivityId, format!("no activity {activity_id} comes before this transfer"))
        );
    };
    activity.fields.transfers.push(transfer);
    Ok(())
}

fn read_link(row: &Fields<'_>) -> Result<Link> {
    let special_categories = row.code_set(Column::SpecialCategories)?;
    let criminal_offence_data = row.flag(Column::CriminalOffenceData)?.unwrap_or(false);
    // Files written before the three-way answer have no special_data column.
    let special_data = match row.optional_choice(Column::SpecialData, SpecialData::from_code)? {
        Some(answer) => answer,
        None => SpecialData::inferred(&special_categories, criminal_offence_data),
    };
    Ok(Link {
        id: LinkId(row.number(Column::Id)?),
        activity_id: ActivityId(row.number(Column::ActivityId)?),
        fields: LinkFields {
            party_id: PartyId(row.number(Column::PartyId)?),
            direction: row.choice(Column::Direction, Direction::from_code)?,
            data_categories: row.list(Column::DataCategories),
            special_data,
            special_categories,
            criminal_offence_data,
            lawful_basis: row
                .optional_choice(Column::LawfulBasis, <crate::law::LawfulBasis as LegalItem>::from_code)?,
            basis_detail: row.text(Column::BasisDetail),
            method: row.text(Column::Method),
            agreement_id: row.optional_id(Column::AgreementId, AgreementId)?,
            notes: row.text(Column::Notes),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(items: &[&str], expected: &str) {
        assert_eq!(encode_list(items), expected, "encoding {items:?}");
        assert_eq!(decode_list(expected), items, "decoding {expected:?}");
    }

    #[test]
    fn lists_survive_their_own_separator() {
        check(&[], "");
        check(&[""], "\\e");
        check(&["", ""], "|");
        check(&["Name"], "Name");
        check(&["Name", "Address"], "Name|Address");
        check(&["a|b", "c"], "a\\|b|c");
        check(&["back\\slash"], "back\\\\slash");
        check(&["\\e"], "\\\\e");
        check(&["ends with \\"], "ends with \\\\");
        check(&["Côte d'Ivoire", "Łódź; “x”"], "Côte d'Ivoire|Łódź; “x”");
    }

    #[test]
    fn every_column_is_named_once() {
        let unique: BTreeSet<_> = COLUMNS.iter().collect();
        assert_eq!(unique.len(), COLUMNS.len());
    }
}
