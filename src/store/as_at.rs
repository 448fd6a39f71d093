//! The register as it stood at a moment, rebuilt from the change log.

use rusqlite::{Connection, named_params};
use serde::de::DeserializeOwned;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Store;
use super::audit::ActivityRecord;
use crate::model::{Agreement, Asset, ControllerStatus, Date, Organisation, Party, Register, Service};
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
            "activity" => {
                let record = parse::<ActivityRecord>(&after)?;
                register.activities.push(record.activity);
                register.links.extend(record.links);
            }
            _ => {}
        }
    }
    super::order::sort_register(&mut register);
    register.controllers.sort_by_key(|c| c.name.to_lowercase());
    Ok(register)
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
