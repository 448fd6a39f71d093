//! The organisation profile row.

use rusqlite::{Connection, named_params};

use super::Store;
use super::audit::{Tx, log};
use crate::Result;
use crate::model::{Contact, Organisation};

impl Store {
    /// The organisation profile.
    pub fn organisation(&self) -> Result<Organisation> {
        select_organisation(&self.conn)
    }

    /// Replaces the organisation profile.
    pub fn save_organisation(&mut self, organisation: &Organisation) -> Result<()> {
        if organisation.review_interval_months == 0 {
            return Err(crate::Error::Invalid {
                field: "Review interval (months)".into(),
                message: "must be at least 1 month".into(),
            });
        }
        self.write(|tx| update_organisation(tx, organisation))
    }
}

pub(super) fn select_organisation(conn: &Connection) -> Result<Organisation> {
    let mut stmt = conn.prepare_cached("SELECT * FROM organisation WHERE id = 1")?;
    let contact = |row: &rusqlite::Row<'_>, prefix: &str| -> rusqlite::Result<Contact> {
        Ok(Contact {
            name: row.get(format!("{prefix}_name").as_str())?,
            address: row.get(format!("{prefix}_address").as_str())?,
            email: row.get(format!("{prefix}_email").as_str())?,
            telephone: row.get(format!("{prefix}_telephone").as_str())?,
        })
    };
    Ok(stmt.query_row([], |row| {
        Ok(Organisation {
            controller: contact(row, "controller")?,
            ico_registration: row.get("ico_registration")?,
            dpo: contact(row, "dpo")?,
            representative: contact(row, "representative")?,
            is_partnership: row.get("is_partnership")?,
            review_interval_months: row.get("review_interval_months")?,
        })
    })?)
}

pub(super) fn update_organisation(tx: &Tx<'_>, o: &Organisation) -> Result<()> {
    let before = select_organisation(tx)?;
    let mut stmt = tx.prepare_cached(
        "UPDATE organisation SET
            controller_name = :cn, controller_address = :ca, controller_email = :ce, controller_telephone = :ct,
            ico_registration = :ico,
            dpo_name = :dn, dpo_address = :da, dpo_email = :de, dpo_telephone = :dt,
            representative_name = :rn, representative_address = :ra, representative_email = :re,
            representative_telephone = :rt,
            is_partnership = :partnership, review_interval_months = :interval
         WHERE id = 1",
    )?;
    stmt.execute(named_params! {
        ":cn": o.controller.name, ":ca": o.controller.address, ":ce": o.controller.email, ":ct": o.controller.telephone,
        ":ico": o.ico_registration,
        ":dn": o.dpo.name, ":da": o.dpo.address, ":de": o.dpo.email, ":dt": o.dpo.telephone,
        ":rn": o.representative.name, ":ra": o.representative.address, ":re": o.representative.email,
        ":rt": o.representative.telephone,
        ":partnership": o.is_partnership, ":interval": o.review_interval_months,
    })?;
    log(tx, "organisation", 1, Some(&before), Some(o))
}
