//! The register as it stood at a moment, rebuilt from the change log.

use std::cmp::Ordering;

use rusqlite::named_params;
use serde::de::DeserializeOwned;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Store;
use super::audit::ActivityRecord;
use crate::model::{Agreement, Date, Organisation, Party, Register, Service};
use crate::{Error, Result};

impl Store {
    /// The register exactly as it stood at the end of `date` (UTC): every record's
    /// last logged state at or before then, in the order [`Store::load_register`]
    /// gives.
    pub fn register_as_at(&self, date: Date) -> Result<Register> {
        let end = date
            .next_day()
            .map(|next| next.midnight().assume_utc())
            .unwrap_or_else(|| date.midnight().assume_utc());
        self.register_before(end)
    }

    /// The register as it stood just before `moment`.
    pub fn register_before(&self, moment: OffsetDateTime) -> Result<Register> {
        let moment = moment
            .format(&Rfc3339)
            .map_err(|e| Error::Invalid { field: "Date".into(), message: e.to_string() })?;
        let mut stmt = self.conn.prepare(
            "SELECT entity, after FROM change_log WHERE id IN (
                 SELECT max(id) FROM change_log WHERE at < :moment GROUP BY entity, entity_id)
             AND after IS NOT NULL ORDER BY id",
        )?;
        let mut rows = stmt.query(named_params! {":moment": moment})?;
        let mut register = Register::default();
        while let Some(row) = rows.next()? {
            let entity: String = row.get(0)?;
            let after: String = row.get(1)?;
            match entity.as_str() {
                "organisation" => register.organisation = parse::<Organisation>(&after)?,
                "service" => register.services.push(parse::<Service>(&after)?),
                "party" => register.parties.push(parse::<Party>(&after)?),
                "agreement" => register.agreements.push(parse::<Agreement>(&after)?),
                "activity" => {
                    let record = parse::<ActivityRecord>(&after)?;
                    register.activities.push(record.activity);
                    register.links.extend(record.links);
                }
                _ => {}
            }
        }
        sort_as_loaded(&mut register);
        Ok(register)
    }
}

fn parse<T: DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json)
        .map_err(|e| Error::Invalid { field: "Change log".into(), message: e.to_string() })
}

/// SQLite's NOCASE collation: bytes compared with ASCII letters folded.
fn nocase(a: &str, b: &str) -> Ordering {
    a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Orders the records as the store's queries do (see `load.rs` and the ORDER BY
/// clauses they use), so a rebuilt register equals a loaded one.
fn sort_as_loaded(register: &mut Register) {
    register.services.sort_by(|a, b| nocase(&a.fields.name, &b.fields.name));
    register.parties.sort_by(|a, b| nocase(&a.fields.name, &b.fields.name));
    register.agreements.sort_by(|a, b| a.fields.title.cmp(&b.fields.title).then(a.id.cmp(&b.id)));
    let services = register.services.clone();
    let service_name = |id| services.iter().find(|s| s.id == id).map_or("", |s| s.fields.name.as_str());
    register.activities.sort_by(|a, b| {
        nocase(service_name(a.fields.service_id), service_name(b.fields.service_id))
            .then(nocase(&a.fields.name, &b.fields.name))
            .then(a.id.cmp(&b.id))
    });
    let parties = register.parties.clone();
    let party_name = |id| parties.iter().find(|p| p.id == id).map_or("", |p| p.fields.name.as_str());
    register.links.sort_by(|a, b| {
        a.activity_id
            .cmp(&b.activity_id)
            .then(b.fields.direction.code().cmp(a.fields.direction.code()))
            .then(nocase(party_name(a.fields.party_id), party_name(b.fields.party_id)))
            .then(a.id.cmp(&b.id))
    });
}
