//! The register as it stood at a moment, rebuilt from the change log.

use rusqlite::{Connection, named_params};
use serde::de::DeserializeOwned;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Store;
use super::audit::ActivityRecord;
use crate::model::{
    ActivityId, Agreement, Asset, ControllerStatus, Date, Dpia, DpiaAnswers, DpiaId, Organisation, Party,
    Register, Service, records_from_answers,
};
use crate::{Error, Result};

impl Store {
    /// The register exactly as it stood at the end of `date` (UTC): every record's
    /// last logged state at or before then, in the order [`Store::load_register`]
    /// gives.
    pub fn register_as_at(&self, date: Date) -> Result<Register> {
        self.register_before(end_of(date))
    }

    /// The register as it stood just before `moment`.
    pub fn register_before(&self, moment: OffsetDateTime) -> Result<Register> {
        register_before(&self.conn, moment)
    }
}

/// The register as it stood just before `moment`, from the log of `conn`.
pub(super) fn register_before(conn: &Connection, moment: OffsetDateTime) -> Result<Register> {
    let moment = stamp(moment)?;
    let mut stmt = conn.prepare(
        "SELECT entity, after FROM change_log WHERE id IN (
                 SELECT max(id) FROM change_log WHERE at < :moment GROUP BY entity, entity_id)
             AND after IS NOT NULL ORDER BY id",
    )?;
    let mut rows = stmt.query(named_params! {":moment": moment})?;
    let mut register = Register::default();
    let mut legacy_dpias = Vec::new();
    while let Some(row) = rows.next()? {
        let entity: String = row.get(0)?;
        let after: String = row.get(1)?;
        match entity.as_str() {
            "organisation" => register.organisation = parse::<Organisation>(&after)?,
            "service" => register.services.push(parse::<Service>(&after)?),
            "party" => register.parties.push(parse::<Party>(&after)?),
            "agreement" => register.agreements.push(parse::<Agreement>(&after)?),
            "controller" => register.controllers.push(parse::<ControllerStatus>(&after)?),
            "asset" => register.assets.push(parse::<Asset>(&after)?),
            "dpia" => register.dpias.push(parse::<Dpia>(&after)?),
            "activity" => {
                let record = parse::<ActivityRecord>(&after)?;
                if let Some(answers) = legacy_answers(&after)? {
                    legacy_dpias.push((record.activity.id, record.activity.fields.name.clone(), answers));
                }
                register.activities.push(record.activity);
                register.links.extend(record.links);
            }
            _ => {}
        }
    }
    // In id order, as the migration makes them, so that the records (and their
    // titles) of a day before it read as the migrated ones do.
    legacy_dpias.sort_by_key(|(id, _, _)| *id);
    register.dpias.extend(legacy_records(&legacy_dpias));
    super::order::sort_register(&mut register);
    register.controllers.sort_by_key(|c| c.name.to_lowercase());
    Ok(register)
}

/// The DPIA answers an activity entry written before schema version 6 carries.
fn legacy_answers(json: &str) -> Result<Option<DpiaAnswers>> {
    #[derive(serde::Deserialize)]
    struct Entry {
        activity: EntryActivity,
    }
    #[derive(serde::Deserialize)]
    struct EntryActivity {
        fields: EntryFields,
    }
    #[derive(serde::Deserialize)]
    struct EntryFields {
        #[serde(default)]
        dpia: Option<DpiaAnswers>,
    }
    Ok(parse::<Entry>(json)?.activity.fields.dpia.filter(|answers| !answers.is_empty()))
}

/// DPIA records for activities whose latest entry still carries answers (days
/// before migration 5 -> 6 made them records), as that migration makes them;
/// their ids are places, not rows.
fn legacy_records(answers: &[(ActivityId, String, DpiaAnswers)]) -> Vec<Dpia> {
    records_from_answers(answers.iter().map(|(id, name, said)| (*id, name.as_str(), said)))
        .into_iter()
        .enumerate()
        .map(|(at, fields)| Dpia { id: DpiaId(at as i64 + 1), version: 1, fields })
        .collect()
}

/// The first moment after `date` (UTC).
pub(super) fn end_of(date: Date) -> OffsetDateTime {
    date.next_day().map(|next| next.midnight().assume_utc()).unwrap_or_else(|| date.midnight().assume_utc())
}

/// `moment` as the change log writes its stamps.
pub(super) fn stamp(moment: OffsetDateTime) -> Result<String> {
    moment.format(&Rfc3339).map_err(|e| Error::Invalid { field: "Date".into(), message: e.to_string() })
}

fn parse<T: DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json)
        .map_err(|e| Error::Invalid { field: "Change log".into(), message: e.to_string() })
}
