//! Processing activities and their lists, written with their links in one transaction.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{Connection, Row, named_params};

use super::Store;
use super::assets::{fill_activity_assets, write_activity_assets};
use super::audit::{ActivityRecord, Tx, log};
use super::codec::{
    columns, date_sql, decode, flag_sql, get_code, get_date, get_str, is_unique_violation, required_name,
    scope, unknown_code,
};
use super::dpias::{recover_activity, uncover_activity};
use super::links::{insert_link, insert_new_links, select_links, sync_links};
use super::parties::missing_or_conflict;
use crate::law::{
    Article9Condition, LawfulBasis, LegalItem, RecognisedLegitimateInterest, Schedule1Condition,
    SpecialCategory, TransferSafeguard,
};
use crate::model::{
    Activity, ActivityFields, ActivityId, ActivityStatus, DpiaId, Link, LinkDraft, Retention, Role, Transfer,
};
use crate::{Error, Result};

/// An activity removed by [`Store::delete_activity`], with its links, so that the
/// deletion can be undone with [`Store::restore_activity`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedActivity {
    /// The activity as it was.
    pub activity: Activity,
    /// Its links as they were.
    pub links: Vec<Link>,
    /// The DPIAs that covered it, each with the place it had in their list.
    pub dpias: Vec<(DpiaId, usize)>,
}

impl Store {
    /// Every activity, by service name then activity name.
    pub fn activities(&self) -> Result<Vec<Activity>> {
        select_activities(&self.conn, None)
    }

    /// The activity with `id`.
    pub fn activity(&self, id: ActivityId) -> Result<Activity> {
        select_activities(&self.conn, Some(id))?
            .pop()
            .ok_or_else(|| Error::NotFound { what: format!("activity {id}") })
    }

    /// The links of the activity with `id`.
    pub fn links_of(&self, id: ActivityId) -> Result<Vec<Link>> {
        select_links(&self.conn, Some(id))
    }

    /// Adds an activity with its links.
    pub fn insert_activity(&mut self, fields: &ActivityFields, links: &[LinkDraft]) -> Result<Activity> {
        self.write(|tx| {
            let id = insert_activity(tx, None, fields, links)?;
            stored(tx, id)
        })
    }

    /// Saves an activity edited from `version`, with its links; refuses with
    /// [`Error::Conflict`] if someone saved it since, and changes nothing.
    pub fn update_activity(
        &mut self,
        id: ActivityId,
        version: i64,
        fields: &ActivityFields,
        links: &[LinkDraft],
    ) -> Result<Activity> {
        self.write(|tx| save_activity(tx, id, version, fields, Some(links)))
    }

    /// Deletes an activity and its links, returning them for undo.
    pub fn delete_activity(&mut self, id: ActivityId) -> Result<DeletedActivity> {
        self.write(|tx| {
            let record =
                activity_record(tx, id)?.ok_or_else(|| Error::NotFound { what: format!("activity {id}") })?;
            let dpias = uncover_activity(tx, id)?;
            tx.execute("DELETE FROM activity WHERE id = ?1", [id])?;
            log(tx, "activity", id.0, Some(&record), None)?;
            Ok(DeletedActivity { activity: record.activity, links: record.links, dpias })
        })
    }

    /// Puts back an activity removed by [`Store::delete_activity`], with the same ids.
    pub fn restore_activity(&mut self, deleted: &DeletedActivity) -> Result<Activity> {
        self.write(|tx| {
            let fields = &deleted.activity.fields;
            let id = insert_activity_row(tx, Some(deleted.activity.id), fields)?;
            insert_activity_lists(tx, id, fields)?;
            for link in &deleted.links {
                insert_link(tx, id, Some(link.id), &link.fields)?;
            }
            log(tx, "activity", id.0, None, activity_record(tx, id)?.as_ref())?;
            recover_activity(tx, id, &deleted.dpias)?;
            stored(tx, id)
        })
    }
}

/// Inserts an activity with its lists and links, and logs it.
pub(super) fn insert_activity(
    tx: &Tx<'_>,
    id: Option<ActivityId>,
    fields: &ActivityFields,
    links: &[LinkDraft],
) -> Result<ActivityId> {
    let id = insert_activity_row(tx, id, fields)?;
    let systems = insert_activity_lists(tx, id, fields)?;
    let links = insert_new_links(tx, id, links)?;
    let record = written_record(id, fields, systems, links);
    // What was written, as reading it back gives it: the log records it without
    // reading it back (that was a tenth of a 10,000-activity import). Debug
    // builds, and so every test, check the two agree.
    debug_assert_eq!(activity_record(tx, id)?.as_ref(), Some(&record), "activity {id} as logged");
    log(tx, "activity", id.0, None, Some(&record))?;
    Ok(id)
}

/// The new activity `id` as [`activity_record`] reads it back: `fields` with the
/// name as stored (trimmed), its `systems` as the asset register spells them,
/// at the first version, with its `links` as stored.
fn written_record(
    id: ActivityId,
    fields: &ActivityFields,
    systems: Vec<String>,
    links: Vec<Link>,
) -> ActivityRecord {
    let mut fields = fields.clone();
    fields.name = fields.name.trim().to_string();
    fields.systems = systems;
    ActivityRecord { activity: Activity { id, version: 1, fields }, links }
}

/// The activity `id` as stored: its asset names as the asset register spells them.
fn stored(conn: &Connection, id: ActivityId) -> Result<Activity> {
    select_activities(conn, Some(id))?.pop().ok_or_else(|| Error::NotFound { what: format!("activity {id}") })
}

/// The activity with its links, as the change log records it.
pub(super) fn activity_record(conn: &Connection, id: ActivityId) -> Result<Option<ActivityRecord>> {
    let Some(activity) = select_activities(conn, Some(id))?.pop() else { return Ok(None) };
    Ok(Some(ActivityRecord { activity, links: select_links(conn, Some(id))? }))
}

/// The activity's free-text lists with the names they are stored under. (The
/// assets holding its data, `systems`, are links: see [`super::assets`].)
fn item_lists(fields: &ActivityFields) -> [(&'static str, &Vec<String>); 6] {
    [
        ("purpose", &fields.purposes),
        ("data_subject", &fields.data_subjects),
        ("personal_data", &fields.personal_data),
        ("other_special", &fields.other_special_items),
        ("unrecognised_citation", &fields.unrecognised_citations),
        ("legislation", &fields.legislation),
    ]
}

fn item_list_mut<'a>(fields: &'a mut ActivityFields, list: &str) -> Option<&'a mut Vec<String>> {
    Some(match list {
        "purpose" => &mut fields.purposes,
        "data_subject" => &mut fields.data_subjects,
        "personal_data" => &mut fields.personal_data,
        "other_special" => &mut fields.other_special_items,
        "unrecognised_citation" => &mut fields.unrecognised_citations,
        "legislation" => &mut fields.legislation,
        _ => return None,
    })
}

/// The tables holding the activity's sets of legal codes: (table, column).
const CODE_TABLES: [(&str, &str); 4] = [
    ("activity_special_category", "category"),
    ("activity_lawful_basis", "basis"),
    ("activity_article9_condition", "condition"),
    ("activity_schedule1_condition", "condition"),
];

fn code_sets(fields: &ActivityFields) -> [Vec<&'static str>; 4] {
    fn codes<T: LegalItem>(set: &BTreeSet<T>) -> Vec<&'static str> {
        set.iter().map(|item| item.code()).collect()
    }
    [
        codes(&fields.special_categories),
        codes(&fields.lawful_bases),
        codes(&fields.article9_conditions),
        codes(&fields.schedule1_conditions),
    ]
}

fn insert_activity_row(conn: &Connection, id: Option<ActivityId>, f: &ActivityFields) -> Result<ActivityId> {
    let name = required_name(&f.name, "Activity name")?;
    let mut stmt =
        conn.prepare_cached(&format!("INSERT INTO activity (id, {COLUMNS}) VALUES (:id, {PARAMS})"))?;
    let computed = Computed::new(f, &name);
    let mut params = activity_params(f, &computed);
    params.push((":id", &id));
    stmt.execute(params.as_slice()).map_err(|e| duplicate_or(e, &name))?;
    Ok(ActivityId(conn.last_insert_rowid()))
}

/// Saves the activity `id` edited from `version` inside `tx`, and its links when
/// `links` is given (`None` keeps them as they are); logs the change. Refuses with
/// `Error::Conflict` if someone saved it since.
pub(super) fn save_activity(
    tx: &Tx<'_>,
    id: ActivityId,
    version: i64,
    fields: &ActivityFields,
    links: Option<&[LinkDraft]>,
) -> Result<Activity> {
    let before = activity_record(tx, id)?;
    update_activity_row(tx, id, version, fields)?;
    delete_activity_lists(tx, id)?;
    insert_activity_lists(tx, id, fields)?;
    if let Some(links) = links {
        sync_links(tx, id, links)?;
    }
    let after = activity_record(tx, id)?;
    log(tx, "activity", id.0, before.as_ref(), after.as_ref())?;
    after.map(|record| record.activity).ok_or_else(|| Error::NotFound { what: format!("activity {id}") })
}

fn update_activity_row(conn: &Connection, id: ActivityId, version: i64, f: &ActivityFields) -> Result<()> {
    let name = required_name(&f.name, "Activity name")?;
    let assignments: Vec<String> =
        COLUMNS.split(',').map(str::trim).map(|column| format!("{column} = :{column}")).collect();
    let sql = format!(
        "UPDATE activity SET {}, version = version + 1 WHERE id = :id AND version = :version",
        assignments.join(", ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let computed = Computed::new(f, &name);
    let mut params = activity_params(f, &computed);
    params.push((":id", &id));
    params.push((":version", &version));
    let changed = stmt.execute(params.as_slice()).map_err(|e| duplicate_or(e, &name))?;
    if changed == 0 {
        return Err(missing_or_conflict(conn, "activity", id.0, &name)?);
    }
    Ok(())
}

/// The activity table's data columns, in the order of [`activity_params`].
const COLUMNS: &str = "service_id, name, description, owner, status, role, role_with, role_lead,
    criminal_offence_data, criminal_offence_detail, legitimate_interests, legitimate_interests_assessment,
    consent_record, retention_kind, retention_months, retention_text, policy_document, retained_per_policy,
    policy_exceptions, security_measures, automated_decision_making, automated_decision_detail,
    breach, breach_link, last_reviewed, next_review_due, recognised_legitimate_interest, retention_reason";

const PARAMS: &str = ":service_id, :name, :description, :owner, :status, :role, :role_with, :role_lead,
    :criminal_offence_data, :criminal_offence_detail, :legitimate_interests, :legitimate_interests_assessment,
    :consent_record, :retention_kind, :retention_months, :retention_text, :policy_document, :retained_per_policy,
    :policy_exceptions, :security_measures, :automated_decision_making, :automated_decision_detail,
    :breach, :breach_link, :last_reviewed, :next_review_due, :recognised_legitimate_interest, :retention_reason";

type Params<'a> = Vec<(&'static str, &'a dyn rusqlite::ToSql)>;

fn activity_params<'a>(f: &'a ActivityFields, c: &'a Computed) -> Params<'a> {
    vec![
        (":service_id", &f.service_id),
        (":name", &c.name),
        (":description", &f.description),
        (":owner", &f.owner),
        (":status", &c.status),
        (":role", &c.role),
        (":role_with", &c.role_with),
        (":role_lead", &c.role_lead),
        (":criminal_offence_data", &c.criminal),
        (":criminal_offence_detail", &c.criminal_detail),
        (":legitimate_interests", &f.legitimate_interests),
        (":legitimate_interests_assessment", &f.legitimate_interests_assessment),
        (":consent_record", &f.consent_record),
        (":retention_kind", &c.retention_kind),
        (":retention_months", &c.retention_months),
        (":retention_text", &c.retention_text),
        (":policy_document", &f.policy_document),
        (":retained_per_policy", &c.retained_per_policy),
        (":policy_exceptions", &f.policy_exceptions),
        (":security_measures", &f.security_measures),
        (":automated_decision_making", &c.adm),
        (":automated_decision_detail", &c.adm_detail),
        (":breach", &c.breach),
        (":breach_link", &c.breach_link),
        (":last_reviewed", &c.last_reviewed),
        (":next_review_due", &c.next_review_due),
        (":recognised_legitimate_interest", &c.recognised_legitimate_interest),
        (":retention_reason", &f.retention_reason),
    ]
}

/// The activity's values as stored, where the model's types and the columns differ.
struct Computed {
    name: String,
    status: &'static str,
    role: &'static str,
    role_with: String,
    role_lead: String,
    criminal: bool,
    criminal_detail: String,
    retention_kind: &'static str,
    retention_months: Option<u32>,
    retention_text: String,
    retained_per_policy: Option<i64>,
    adm: bool,
    adm_detail: String,
    breach: bool,
    breach_link: String,
    last_reviewed: Option<String>,
    next_review_due: Option<String>,
    recognised_legitimate_interest: Option<&'static str>,
}

impl Computed {
    fn new(f: &ActivityFields, name: &str) -> Self {
        let (role_with, role_lead) = match &f.role {
            Role::Controller => ("", ""),
            Role::JointController { with, lead } => (with.as_str(), lead.as_str()),
            Role::Processor { for_controller } => (for_controller.as_str(), ""),
        };
        let (retention_months, retention_text) = match &f.retention {
            Retention::NotStated => (None, ""),
            Retention::Period { months, from } => (Some(*months), from.as_str()),
            Retention::Event { event } => (None, event.as_str()),
            Retention::Schedule { reference } => (None, reference.as_str()),
        };
        Self {
            name: name.to_string(),
            status: f.status.code(),
            role: f.role.code(),
            role_with: role_with.to_string(),
            role_lead: role_lead.to_string(),
            criminal: f.criminal_offence_data.is_some(),
            criminal_detail: f.criminal_offence_data.clone().unwrap_or_default(),
            retention_kind: f.retention.code(),
            retention_months,
            retention_text: retention_text.to_string(),
            retained_per_policy: flag_sql(f.retained_per_policy),
            adm: f.automated_decision_making.is_some(),
            adm_detail: f.automated_decision_making.clone().unwrap_or_default(),
            breach: f.breach.is_some(),
            breach_link: f.breach.clone().unwrap_or_default(),
            last_reviewed: date_sql(f.last_reviewed),
            next_review_due: date_sql(f.next_review_due),
            recognised_legitimate_interest: f.recognised_legitimate_interest.map(LegalItem::code),
        }
    }
}

fn duplicate_or(error: rusqlite::Error, name: &str) -> Error {
    if is_unique_violation(&error) {
        Error::Duplicate { what: "activity in this service", name: name.to_string() }
    } else {
        error.into()
    }
}

/// Writes the activity's lists, legal codes, transfers and asset links; returns
/// the names of its assets as stored.
fn insert_activity_lists(tx: &Tx<'_>, id: ActivityId, fields: &ActivityFields) -> Result<Vec<String>> {
    let systems = write_activity_assets(tx, id, &fields.systems)?;
    let conn: &Connection = tx;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO activity_item (activity_id, list, position, value) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (list, values) in item_lists(fields) {
        for (position, value) in values.iter().enumerate() {
            stmt.execute((id, list, position as i64, value))?;
        }
    }
    for ((table, column), codes) in CODE_TABLES.iter().zip(code_sets(fields)) {
        let mut stmt =
            conn.prepare_cached(&format!("INSERT INTO {table} (activity_id, {column}) VALUES (?1, ?2)"))?;
        for code in codes {
            stmt.execute((id, code))?;
        }
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO activity_transfer (activity_id, position, destination, safeguard, detail, data_protection_test_met)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, transfer) in fields.transfers.iter().enumerate() {
        stmt.execute((
            id,
            position as i64,
            &transfer.destination,
            transfer.safeguard.map(LegalItem::code),
            &transfer.detail,
            flag_sql(transfer.data_protection_test_met),
        ))?;
    }
    Ok(systems)
}

fn delete_activity_lists(conn: &Connection, id: ActivityId) -> Result<()> {
    let tables = ["activity_item", "activity_transfer", "activity_asset"]
        .into_iter()
        .chain(CODE_TABLES.iter().map(|(table, _)| *table));
    for table in tables {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE activity_id = ?1"))?.execute([id])?;
    }
    Ok(())
}

/// Every activity (or one), with all its lists, in a fixed number of queries.
pub(super) fn select_activities(conn: &Connection, only: Option<ActivityId>) -> Result<Vec<Activity>> {
    let scope_a_id = scope("a.id", only);
    let mut stmt =
        conn.prepare_cached(&format!("SELECT a.* FROM activity a WHERE {scope_a_id} ORDER BY a.id"))?;
    let columns = ActivityColumns::of(&stmt)?;
    let rows = stmt.query_map(named_params! {":only": only}, |row| activity_from_row(row, &columns))?;
    let mut activities: Vec<Activity> = rows.collect::<rusqlite::Result<_>>()?;
    let index: HashMap<ActivityId, usize> = activities.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    fill_items(conn, only, &mut activities, &index)?;
    fill_activity_assets(conn, only, |id, name| {
        index.get(&id).map(|&i| activities[i].fields.systems.push(name))
    })?;
    fill_codes(conn, only, &mut activities, &index)?;
    fill_transfers(conn, only, &mut activities, &index)?;
    if only.is_none() {
        super::order::sort_activities(&mut activities, &super::services::select_services(conn)?);
    }
    Ok(activities)
}

/// Position of each activity in the loaded vector.
type Index = HashMap<ActivityId, usize>;

fn fill_items(
    conn: &Connection,
    only: Option<ActivityId>,
    activities: &mut [Activity],
    index: &Index,
) -> Result<()> {
    let scope_activity_id = scope("activity_id", only);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT activity_id, list, value FROM activity_item WHERE {scope_activity_id}
         ORDER BY activity_id, list, position"
    ))?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(row) = rows.next()? {
        let Some(&i) = index.get(&row.get(0)?) else { continue };
        let list = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let Some(items) = item_list_mut(&mut activities[i].fields, list) else {
            return Err(unknown_code(list, "activity_item.list").into());
        };
        items.push(row.get(2)?);
    }
    Ok(())
}

fn fill_codes(
    conn: &Connection,
    only: Option<ActivityId>,
    activities: &mut [Activity],
    index: &Index,
) -> Result<()> {
    for (table, column) in CODE_TABLES {
        let scope_activity_id = scope("activity_id", only);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT activity_id, {column} FROM {table} WHERE {scope_activity_id}"
        ))?;
        let mut rows = stmt.query(named_params! {":only": only})?;
        while let Some(row) = rows.next()? {
            let Some(&i) = index.get(&row.get(0)?) else { continue };
            let code = get_str(row, 1)?;
            let fields = &mut activities[i].fields;
            match table {
                "activity_special_category" => {
                    fields.special_categories.insert(decode(code, column, SpecialCategory::from_code)?);
                }
                "activity_lawful_basis" => {
                    fields.lawful_bases.insert(decode(code, column, LawfulBasis::from_code)?);
                }
                "activity_article9_condition" => {
                    fields.article9_conditions.insert(decode(code, column, Article9Condition::from_code)?);
                }
                _ => {
                    fields.schedule1_conditions.insert(decode(code, column, Schedule1Condition::from_code)?);
                }
            }
        }
    }
    Ok(())
}

fn fill_transfers(
    conn: &Connection,
    only: Option<ActivityId>,
    activities: &mut [Activity],
    index: &Index,
) -> Result<()> {
    let scope_activity_id = scope("activity_id", only);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT activity_id, destination, safeguard, detail, data_protection_test_met FROM activity_transfer
         WHERE {scope_activity_id} ORDER BY activity_id, position"
    ))?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(row) = rows.next()? {
        let Some(&i) = index.get(&row.get(0)?) else { continue };
        let safeguard: Option<String> = row.get(2)?;
        activities[i].fields.transfers.push(Transfer {
            destination: row.get(1)?,
            safeguard: safeguard
                .map(|code| decode(&code, "safeguard", TransferSafeguard::from_code))
                .transpose()?,
            detail: row.get(3)?,
            data_protection_test_met: row.get(4)?,
        });
    }
    Ok(())
}

columns! {
    /// Where [`select_activities`]'s query puts each column of the activity table.
    ActivityColumns {
        id, version, service_id, name, description, owner, status, role, role_with, role_lead,
        criminal_offence_data, criminal_offence_detail, legitimate_interests, legitimate_interests_assessment,
        consent_record, retention_kind, retention_months, retention_text, policy_document, retained_per_policy,
        policy_exceptions, security_measures, automated_decision_making, automated_decision_detail,
        breach, breach_link, last_reviewed, next_review_due, recognised_legitimate_interest, retention_reason,
    }
}

fn activity_from_row(row: &Row<'_>, c: &ActivityColumns) -> rusqlite::Result<Activity> {
    let text = |column: usize| row.get::<_, String>(column);
    let flagged = |flag: usize, detail: usize| -> rusqlite::Result<Option<String>> {
        Ok(if row.get::<_, bool>(flag)? { Some(text(detail)?) } else { None })
    };
    let role = match get_str(row, c.role)? {
        "controller" => Role::Controller,
        "joint_controller" => Role::JointController { with: text(c.role_with)?, lead: text(c.role_lead)? },
        "processor" => Role::Processor { for_controller: text(c.role_with)? },
        other => return Err(unknown_code(other, "role")),
    };
    let retention = retention_from_row(row, c.retention_kind, c.retention_months, c.retention_text)?;
    let mut fields = ActivityFields::new(row.get(c.service_id)?, text(c.name)?);
    fields.description = text(c.description)?;
    fields.owner = text(c.owner)?;
    fields.status = get_code(row, c.status, ActivityStatus::from_code)?;
    fields.role = role;
    fields.criminal_offence_data = flagged(c.criminal_offence_data, c.criminal_offence_detail)?;
    fields.legitimate_interests = text(c.legitimate_interests)?;
    fields.legitimate_interests_assessment = text(c.legitimate_interests_assessment)?;
    fields.consent_record = text(c.consent_record)?;
    fields.retention = retention;
    fields.policy_document = text(c.policy_document)?;
    fields.retained_per_policy = row.get(c.retained_per_policy)?;
    fields.policy_exceptions = text(c.policy_exceptions)?;
    fields.security_measures = text(c.security_measures)?;
    fields.automated_decision_making = flagged(c.automated_decision_making, c.automated_decision_detail)?;
    fields.breach = flagged(c.breach, c.breach_link)?;
    fields.last_reviewed = get_date(row, c.last_reviewed)?;
    fields.next_review_due = get_date(row, c.next_review_due)?;
    fields.recognised_legitimate_interest = row
        .get::<_, Option<String>>(c.recognised_legitimate_interest)?
        .map(|code| decode(&code, "recognised_legitimate_interest", RecognisedLegitimateInterest::from_code))
        .transpose()?;
    fields.retention_reason = text(c.retention_reason)?;
    Ok(Activity { id: row.get(c.id)?, version: row.get(c.version)?, fields })
}

/// The retention stored in the columns at `kind`, `months` and `text`.
pub(super) fn retention_from_row(
    row: &Row<'_>,
    kind: usize,
    months: usize,
    text: usize,
) -> rusqlite::Result<Retention> {
    Ok(match get_str(row, kind)? {
        "not_stated" => Retention::NotStated,
        "period" => Retention::Period {
            months: row.get::<_, Option<u32>>(months)?.unwrap_or(0),
            from: row.get(text)?,
        },
        "event" => Retention::Event { event: row.get(text)? },
        "schedule" => Retention::Schedule { reference: row.get(text)? },
        other => return Err(unknown_code(other, "retention_kind")),
    })
}
