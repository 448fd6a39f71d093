//! The full CSV: every field of every record in one file, laid out so that
//! [`read`] gets the same register back. `docs/full-csv.md` documents the layout.
//!
//! One header row names the union of all columns ([`COLUMNS`]); the `record` column
//! says what each row is (`organisation`, `service`, `party`, `agreement`,
//! `activity`, `transfer`, `link`) and a row fills only its own columns. Choices are
//! written as their stable codes, dates as ISO 8601, yes/no as `yes`/`no` (empty
//! when not known), and lists with [`encode_list`].

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};

use super::csv_out::CsvOut;
use super::{Options, Progress, cells, step};
use crate::law::{LegalItem, TransferSafeguard};
use crate::model::*;
use crate::store::Store;
use crate::{Error, Result};

/// Every column, in file order.
pub const COLUMNS: &[&str] = &[
    "record",
    "id",
    // Organisation.
    "controller_name",
    "controller_address",
    "controller_email",
    "controller_telephone",
    "ico_registration",
    "dpo_name",
    "dpo_address",
    "dpo_email",
    "dpo_telephone",
    "representative_name",
    "representative_address",
    "representative_email",
    "representative_telephone",
    "is_partnership",
    "review_interval_months",
    // Shared by several records.
    "name",
    "description",
    "controller",
    "kind",
    "country",
    "contact",
    "internal_service_id",
    "title",
    "reference",
    "party_ids",
    "start",
    "review_due",
    "end",
    // Activity.
    "service_id",
    "owner",
    "status",
    "role",
    "role_with",
    "role_lead",
    "role_for",
    "purposes",
    "data_subjects",
    "personal_data",
    "special_categories",
    "other_special_items",
    "criminal_offence_data",
    "criminal_offence_detail",
    "lawful_bases",
    "article9_conditions",
    "schedule1_conditions",
    "unrecognised_citations",
    "legislation",
    "legitimate_interests",
    "legitimate_interests_assessment",
    "consent_record",
    "retention_kind",
    "retention_months",
    "retention_text",
    "policy_document",
    "retained_per_policy",
    "policy_exceptions",
    "security_measures",
    "systems",
    "automated_decision_making",
    "automated_decision_detail",
    "dpia_required",
    "dpia_progress",
    "dpia_link",
    "dpia_date",
    "breach",
    "breach_link",
    "last_reviewed",
    "next_review_due",
    // Transfer and link.
    "activity_id",
    "destination",
    "safeguard",
    "detail",
    "party_id",
    "direction",
    "special_data",
    "data_categories",
    "lawful_basis",
    "basis_detail",
    "method",
    "agreement_id",
    "notes",
];

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
    let total = register.activities.len() + register.links.len();
    for (done, activity) in register.activities.iter().enumerate() {
        step(progress, done, total)?;
        csv.row(&activity_row(activity).cells)?;
        for transfer in &activity.fields.transfers {
            csv.row(&transfer_row(activity.id, transfer).cells)?;
        }
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
        let mut row = Self { cells: vec![String::new(); COLUMNS.len()] };
        row.set("record", record);
        row.set("id", id.to_string());
        row
    }

    fn set(&mut self, column: &str, value: impl Into<String>) -> &mut Self {
        if let Some(index) = COLUMNS.iter().position(|c| *c == column) {
            self.cells[index] = value.into();
        }
        debug_assert!(COLUMNS.contains(&column), "unknown column {column}");
        self
    }
}

fn set_contact(row: &mut Row, prefix: &str, contact: &Contact) {
    row.set(&format!("{prefix}_name"), &contact.name)
        .set(&format!("{prefix}_address"), &contact.address)
        .set(&format!("{prefix}_email"), &contact.email)
        .set(&format!("{prefix}_telephone"), &contact.telephone);
}

fn organisation_row(organisation: &Organisation) -> Row {
    let mut row = Row::new("organisation", "");
    set_contact(&mut row, "controller", &organisation.controller);
    set_contact(&mut row, "dpo", &organisation.dpo);
    set_contact(&mut row, "representative", &organisation.representative);
    row.set("ico_registration", &organisation.ico_registration)
        .set("is_partnership", yes_no(organisation.is_partnership))
        .set("review_interval_months", organisation.review_interval_months.to_string());
    row
}

fn service_row(service: &Service) -> Row {
    let mut row = Row::new("service", service.id);
    let f = &service.fields;
    row.set("name", &f.name).set("description", &f.description).set("controller", &f.controller);
    row
}

fn party_row(party: &Party) -> Row {
    let mut row = Row::new("party", party.id);
    let f = &party.fields;
    row.set("name", &f.name)
        .set("kind", f.kind.code())
        .set("country", &f.country)
        .set("contact", &f.contact)
        .set("notes", &f.notes)
        .set("internal_service_id", f.internal_service.map_or_else(String::new, |id| id.to_string()));
    row
}

fn agreement_row(agreement: &Agreement) -> Row {
    let mut row = Row::new("agreement", agreement.id);
    let f = &agreement.fields;
    let party_ids: Vec<String> = f.parties.iter().map(ToString::to_string).collect();
    row.set("kind", f.kind.code())
        .set("title", &f.title)
        .set("reference", &f.reference)
        .set("party_ids", encode_list(&party_ids))
        .set("start", date_cell(f.start))
        .set("review_due", date_cell(f.review_due))
        .set("end", date_cell(f.end))
        .set("notes", &f.notes);
    row
}

fn activity_row(activity: &Activity) -> Row {
    let mut row = Row::new("activity", activity.id);
    let f = &activity.fields;
    row.set("service_id", f.service_id.to_string())
        .set("name", &f.name)
        .set("description", &f.description)
        .set("owner", &f.owner)
        .set("status", f.status.code())
        .set("role", f.role.code());
    match &f.role {
        Role::Controller => {}
        Role::JointController { with, lead } => {
            row.set("role_with", with).set("role_lead", lead);
        }
        Role::Processor { for_controller } => {
            row.set("role_for", for_controller);
        }
    }
    row.set("purposes", encode_list(&f.purposes))
        .set("data_subjects", encode_list(&f.data_subjects))
        .set("personal_data", encode_list(&f.personal_data))
        .set("special_categories", codes(&f.special_categories))
        .set("other_special_items", encode_list(&f.other_special_items))
        .set("criminal_offence_data", yes_no(f.criminal_offence_data.is_some()))
        .set("criminal_offence_detail", f.criminal_offence_data.clone().unwrap_or_default())
        .set("lawful_bases", codes(&f.lawful_bases))
        .set("article9_conditions", codes(&f.article9_conditions))
        .set("schedule1_conditions", codes(&f.schedule1_conditions))
        .set("unrecognised_citations", encode_list(&f.unrecognised_citations))
        .set("legislation", encode_list(&f.legislation))
        .set("legitimate_interests", &f.legitimate_interests)
        .set("legitimate_interests_assessment", &f.legitimate_interests_assessment)
        .set("consent_record", &f.consent_record);
    set_retention(&mut row, &f.retention);
    row.set("policy_document", &f.policy_document)
        .set("retained_per_policy", maybe_yes_no(f.retained_per_policy))
        .set("policy_exceptions", &f.policy_exceptions)
        .set("security_measures", &f.security_measures)
        .set("systems", encode_list(&f.systems))
        .set("automated_decision_making", yes_no(f.automated_decision_making.is_some()))
        .set("automated_decision_detail", f.automated_decision_making.clone().unwrap_or_default())
        .set("dpia_required", maybe_yes_no(f.dpia.required))
        .set("dpia_progress", f.dpia.progress.code())
        .set("dpia_link", &f.dpia.link)
        .set("dpia_date", date_cell(f.dpia.date))
        .set("breach", yes_no(f.breach.is_some()))
        .set("breach_link", f.breach.clone().unwrap_or_default())
        .set("last_reviewed", date_cell(f.last_reviewed))
        .set("next_review_due", date_cell(f.next_review_due));
    row
}

fn set_retention(row: &mut Row, retention: &Retention) {
    row.set("retention_kind", retention.code());
    match retention {
        Retention::NotStated => {}
        Retention::Period { months, from } => {
            row.set("retention_months", months.to_string()).set("retention_text", from);
        }
        Retention::Event { event } => {
            row.set("retention_text", event);
        }
        Retention::Schedule { reference } => {
            row.set("retention_text", reference);
        }
    }
}

fn transfer_row(activity_id: ActivityId, transfer: &Transfer) -> Row {
    let mut row = Row::new("transfer", "");
    row.set("activity_id", activity_id.to_string())
        .set("destination", &transfer.destination)
        .set("safeguard", transfer.safeguard.map_or("", LegalItem::code))
        .set("detail", &transfer.detail);
    row
}

fn link_row(link: &Link) -> Row {
    let mut row = Row::new("link", link.id);
    let f = &link.fields;
    row.set("activity_id", link.activity_id.to_string())
        .set("party_id", f.party_id.to_string())
        .set("direction", f.direction.code())
        .set("special_data", f.special_data.code())
        .set("data_categories", encode_list(&f.data_categories))
        .set("special_categories", codes(&f.special_categories))
        .set("criminal_offence_data", yes_no(f.criminal_offence_data))
        .set("lawful_basis", f.lawful_basis.map_or("", LegalItem::code))
        .set("basis_detail", &f.basis_detail)
        .set("method", &f.method)
        .set("agreement_id", f.agreement_id.map_or_else(String::new, |id| id.to_string()))
        .set("notes", &f.notes);
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
    fn text(&self, column: &str) -> String {
        self.header
            .get(column)
            .and_then(|&index| self.record.get(index))
            .map_or_else(String::new, |cell| cells::restore(cell).to_string())
    }

    fn invalid(&self, column: &str, message: impl std::fmt::Display) -> Error {
        Error::Invalid { field: format!("Row {}, column {column}", self.row), message: message.to_string() }
    }

    fn list(&self, column: &str) -> Vec<String> {
        decode_list(&self.text(column))
    }

    fn number<T: std::str::FromStr>(&self, column: &str) -> Result<T> {
        let text = self.text(column);
        text.trim().parse().map_err(|_| self.invalid(column, format!("\"{text}\" is not a whole number")))
    }

    fn optional_id<T>(&self, column: &str, make: fn(i64) -> T) -> Result<Option<T>> {
        if self.text(column).trim().is_empty() { Ok(None) } else { Ok(Some(make(self.number(column)?))) }
    }

    fn flag(&self, column: &str) -> Result<Option<bool>> {
        match self.text(column).trim() {
            "" => Ok(None),
            "yes" => Ok(Some(true)),
            "no" => Ok(Some(false)),
            other => Err(self.invalid(column, format!("\"{other}\" should be yes, no or empty"))),
        }
    }

    fn date(&self, column: &str) -> Result<Option<Date>> {
        let text = self.text(column);
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_date(&text)
            .map(Some)
            .ok_or_else(|| self.invalid(column, format!("\"{text}\" is not a date like 2025-03-31")))
    }

    fn choice<T>(&self, column: &str, from_code: fn(&str) -> Option<T>) -> Result<T> {
        let text = self.text(column);
        from_code(text.trim()).ok_or_else(|| self.invalid(column, format!("\"{text}\" is not a known code")))
    }

    fn optional_choice<T>(&self, column: &str, from_code: fn(&str) -> Option<T>) -> Result<Option<T>> {
        if self.text(column).trim().is_empty() { Ok(None) } else { self.choice(column, from_code).map(Some) }
    }

    fn code_set<T: LegalItem>(&self, column: &str) -> Result<BTreeSet<T>> {
        self.list(column)
            .iter()
            .map(|code| {
                T::from_code(code)
                    .ok_or_else(|| self.invalid(column, format!("\"{code}\" is not a known code")))
            })
            .collect()
    }

    fn contact(&self, prefix: &str) -> Contact {
        Contact {
            name: self.text(&format!("{prefix}_name")),
            address: self.text(&format!("{prefix}_address")),
            email: self.text(&format!("{prefix}_email")),
            telephone: self.text(&format!("{prefix}_telephone")),
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
    if !header.contains_key("record") {
        return Err(Error::Invalid {
            field: "Full CSV".into(),
            message: "the first row has no \"record\" column; is this a full export of a register?".into(),
        });
    }
    let mut register = Register::default();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(read_error)?;
        let row = Fields { header: &header, record: &record, row: index + 2 };
        read_row(&row, &mut register)?;
    }
    Ok(register)
}

fn read_error(error: csv::Error) -> Error {
    Error::Invalid {
        field: "Full CSV".into(),
        message: format!("the file could not be read as CSV: {error}"),
    }
}

fn read_row(row: &Fields<'_>, register: &mut Register) -> Result<()> {
    match row.text("record").as_str() {
        "organisation" => register.organisation = read_organisation(row)?,
        "service" => register.services.push(read_service(row)?),
        "party" => register.parties.push(read_party(row)?),
        "agreement" => register.agreements.push(read_agreement(row)?),
        "activity" => register.activities.push(read_activity(row)?),
        "transfer" => read_transfer(row, register)?,
        "link" => register.links.push(read_link(row)?),
        other => return Err(row.invalid("record", format!("\"{other}\" is not a record type"))),
    }
    Ok(())
}

fn read_organisation(row: &Fields<'_>) -> Result<Organisation> {
    Ok(Organisation {
        controller: row.contact("controller"),
        ico_registration: row.text("ico_registration"),
        dpo: row.contact("dpo"),
        representative: row.contact("representative"),
        is_partnership: row.flag("is_partnership")?.unwrap_or(false),
        review_interval_months: row.number("review_interval_months")?,
    })
}

fn read_service(row: &Fields<'_>) -> Result<Service> {
    Ok(Service {
        id: ServiceId(row.number("id")?),
        fields: ServiceFields {
            name: row.text("name"),
            description: row.text("description"),
            controller: row.text("controller"),
        },
    })
}

fn read_party(row: &Fields<'_>) -> Result<Party> {
    Ok(Party {
        id: PartyId(row.number("id")?),
        version: 1,
        fields: PartyFields {
            name: row.text("name"),
            kind: row.choice("kind", PartyKind::from_code)?,
            country: row.text("country"),
            contact: row.text("contact"),
            notes: row.text("notes"),
            internal_service: row.optional_id("internal_service_id", ServiceId)?,
        },
    })
}

fn read_agreement(row: &Fields<'_>) -> Result<Agreement> {
    let parties = row
        .list("party_ids")
        .iter()
        .map(|id| {
            id.trim()
                .parse()
                .map(PartyId)
                .map_err(|_| row.invalid("party_ids", format!("\"{id}\" is not an id")))
        })
        .collect::<Result<_>>()?;
    Ok(Agreement {
        id: AgreementId(row.number("id")?),
        version: 1,
        fields: AgreementFields {
            kind: row.choice("kind", AgreementKind::from_code)?,
            title: row.text("title"),
            reference: row.text("reference"),
            parties,
            start: row.date("start")?,
            review_due: row.date("review_due")?,
            end: row.date("end")?,
            notes: row.text("notes"),
        },
    })
}

fn read_role(row: &Fields<'_>) -> Result<Role> {
    match row.text("role").trim() {
        "controller" => Ok(Role::Controller),
        "joint_controller" => {
            Ok(Role::JointController { with: row.text("role_with"), lead: row.text("role_lead") })
        }
        "processor" => Ok(Role::Processor { for_controller: row.text("role_for") }),
        other => Err(row.invalid("role", format!("\"{other}\" is not a known role"))),
    }
}

fn read_retention(row: &Fields<'_>) -> Result<Retention> {
    let text = row.text("retention_text");
    match row.text("retention_kind").trim() {
        "not_stated" | "" => Ok(Retention::NotStated),
        "period" => Ok(Retention::Period { months: row.number("retention_months")?, from: text }),
        "event" => Ok(Retention::Event { event: text }),
        "schedule" => Ok(Retention::Schedule { reference: text }),
        other => Err(row.invalid("retention_kind", format!("\"{other}\" is not a known kind"))),
    }
}

/// `Some(detail)` when the yes/no column says yes.
fn detail_if(row: &Fields<'_>, flag: &str, detail: &str) -> Result<Option<String>> {
    Ok(row.flag(flag)?.unwrap_or(false).then(|| row.text(detail)))
}

fn read_activity(row: &Fields<'_>) -> Result<Activity> {
    let fields = ActivityFields {
        service_id: ServiceId(row.number("service_id")?),
        name: row.text("name"),
        description: row.text("description"),
        owner: row.text("owner"),
        status: row.choice("status", ActivityStatus::from_code)?,
        role: read_role(row)?,
        purposes: row.list("purposes"),
        data_subjects: row.list("data_subjects"),
        personal_data: row.list("personal_data"),
        special_categories: row.code_set("special_categories")?,
        other_special_items: row.list("other_special_items"),
        criminal_offence_data: detail_if(row, "criminal_offence_data", "criminal_offence_detail")?,
        lawful_bases: row.code_set("lawful_bases")?,
        article9_conditions: row.code_set("article9_conditions")?,
        schedule1_conditions: row.code_set("schedule1_conditions")?,
        unrecognised_citations: row.list("unrecognised_citations"),
        legislation: row.list("legislation"),
        legitimate_interests: row.text("legitimate_interests"),
        legitimate_interests_assessment: row.text("legitimate_interests_assessment"),
        consent_record: row.text("consent_record"),
        transfers: Vec::new(),
        retention: read_retention(row)?,
        policy_document: row.text("policy_document"),
        retained_per_policy: row.flag("retained_per_policy")?,
        policy_exceptions: row.text("policy_exceptions"),
        security_measures: row.text("security_measures"),
        systems: row.list("systems"),
        automated_decision_making: detail_if(row, "automated_decision_making", "automated_decision_detail")?,
        dpia: Dpia {
            required: row.flag("dpia_required")?,
            progress: row.choice("dpia_progress", DpiaProgress::from_code)?,
            link: row.text("dpia_link"),
            date: row.date("dpia_date")?,
        },
        breach: detail_if(row, "breach", "breach_link")?,
        last_reviewed: row.date("last_reviewed")?,
        next_review_due: row.date("next_review_due")?,
    };
    Ok(Activity { id: ActivityId(row.number("id")?), version: 1, fields })
}

fn read_transfer(row: &Fields<'_>, register: &mut Register) -> Result<()> {
    let activity_id = ActivityId(row.number("activity_id")?);
    let transfer = Transfer {
        destination: row.text("destination"),
        safeguard: row.optional_choice("safeguard", <TransferSafeguard as LegalItem>::from_code)?,
        detail: row.text("detail"),
    };
    let activity = register.activities.iter_mut().find(|activity| activity.id == activity_id);
    let Some(activity) = activity else {
        return Err(
            row.invalid("activity_id", format!("no activity {activity_id} comes before this transfer"))
        );
    };
    activity.fields.transfers.push(transfer);
    Ok(())
}

fn read_link(row: &Fields<'_>) -> Result<Link> {
    let special_categories = row.code_set("special_categories")?;
    let criminal_offence_data = row.flag("criminal_offence_data")?.unwrap_or(false);
    // Files written before the three-way answer have no special_data column.
    let special_data = match row.optional_choice("special_data", SpecialData::from_code)? {
        Some(answer) => answer,
        None => SpecialData::inferred(&special_categories, criminal_offence_data),
    };
    Ok(Link {
        id: LinkId(row.number("id")?),
        activity_id: ActivityId(row.number("activity_id")?),
        fields: LinkFields {
            party_id: PartyId(row.number("party_id")?),
            direction: row.choice("direction", Direction::from_code)?,
            data_categories: row.list("data_categories"),
            special_data,
            special_categories,
            criminal_offence_data,
            lawful_basis: row
                .optional_choice("lawful_basis", <crate::law::LawfulBasis as LegalItem>::from_code)?,
            basis_detail: row.text("basis_detail"),
            method: row.text("method"),
            agreement_id: row.optional_id("agreement_id", AgreementId)?,
            notes: row.text("notes"),
        },
    })
}

// ----- Inserting into a store -----

/// Inserts `register` (typically from [`read`]) into `store` in one transaction:
/// all of it lands or none does. Records are inserted in id order and references
/// are mapped to the new ids, so in an empty store a register whose ids run 1, 2,
/// 3... keeps them.
pub fn insert(store: &mut Store, register: &Register) -> Result<()> {
    store.batch(|batch| {
        batch.save_organisation(&register.organisation)?;
        let mut services = HashMap::new();
        for service in sorted(&register.services, |s| s.id) {
            services.insert(service.id, batch.insert_service(&service.fields)?);
        }
        let map_service = |id: ServiceId, what: &str| {
            services.get(&id).copied().ok_or_else(|| missing(what, "service", id.0))
        };
        let mut parties = HashMap::new();
        for party in sorted(&register.parties, |p| p.id) {
            let mut fields = party.fields.clone();
            fields.internal_service =
                fields.internal_service.map(|id| map_service(id, &party.fields.name)).transpose()?;
            parties.insert(party.id, batch.insert_party(&fields)?);
        }
        let map_party =
            |id: PartyId, what: &str| parties.get(&id).copied().ok_or_else(|| missing(what, "party", id.0));
        let mut agreements = HashMap::new();
        for agreement in sorted(&register.agreements, |a| a.id) {
            let mut fields = agreement.fields.clone();
            fields.parties = fields
                .parties
                .iter()
                .map(|&id| map_party(id, &agreement.fields.title))
                .collect::<Result<_>>()?;
            agreements.insert(agreement.id, batch.insert_agreement(&fields)?);
        }
        for activity in sorted(&register.activities, |a| a.id) {
            let mut fields = activity.fields.clone();
            fields.service_id = map_service(fields.service_id, &fields.name)?;
            let links = sorted(&register.links, |link| link.id)
                .into_iter()
                .filter(|link| link.activity_id == activity.id)
                .map(|link| {
                    let mut fields = link.fields.clone();
                    fields.party_id = map_party(fields.party_id, &activity.fields.name)?;
                    fields.agreement_id = match fields.agreement_id {
                        Some(id) => Some(
                            agreements
                                .get(&id)
                                .copied()
                                .ok_or_else(|| missing(&activity.fields.name, "agreement", id.0))?,
                        ),
                        None => None,
                    };
                    Ok(LinkDraft { id: None, fields })
                })
                .collect::<Result<Vec<_>>>()?;
            batch.insert_activity(&fields, &links)?;
        }
        Ok(())
    })
}

fn sorted<T, K: Ord>(records: &[T], key: impl Fn(&T) -> K) -> Vec<&T> {
    let mut records: Vec<&T> = records.iter().collect();
    records.sort_by_key(|record| key(record));
    records
}

fn missing(what: &str, kind: &str, id: i64) -> Error {
    Error::Invalid {
        field: what.to_string(),
        message: format!("refers to {kind} {id}, which is not in the file"),
    }
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
