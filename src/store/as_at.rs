//! The register as it stood at a moment, rebuilt from the change log.

use rusqlite::named_params;
use serde::de::DeserializeOwned;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Store;
use super::audit::ActivityRecord;
use crate::model::{Agreement, ControllerStatus, Date, Organisation, Party, Register, Service};
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
                "controller" => register.controllers.push(parse::<ControllerStatus>(&after)?),
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
}

fn parse<T: DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json)
        .map_err(|e| Error::Invalid { field: "Change log".into(), message: e.to_string() })
}
