//! The organisation profile row.

use rusqlite::{Connection, named_params};

use super::Store;
use super::audit::{Tx, log};
use crate::model::{Contact, Organisation};
use crate::{Error, Result};

impl Store {
    /// The organisation profile.
    pub fn organisation(&self) -> Result<Organisation> {
        select_organisation(&self.conn)
    }

    /// Replaces the whole organisation profile, whatever it holds now. For a
    /// profile edited from one read earlier, use [`Store::edit_organisation`].
    pub fn save_organisation(&mut self, organisation: &Organisation) -> Result<()> {
        check_interval(organisation)?;
        self.write(|tx| update_organisation(tx, organisation))
    }

    /// Saves `edited`, an edit of `base` (the profile as the editor read it), onto
    /// the profile as it is now, in one immediate transaction: a field left as in
    /// `base` keeps its current value, so a field saved meanwhile by someone else is
    /// kept; a field changed here and meanwhile to different values is refused with
    /// [`Error::Conflict`] naming it. Returns the profile as saved.
    pub fn edit_organisation(&mut self, base: &Organisation, edited: &Organisation) -> Result<Organisation> {
        check_interval(edited)?;
        self.write(|tx| edit_organisation(tx, base, edited))
    }
}

fn check_interval(organisation: &Organisation) -> Result<()> {
    if organisation.review_interval_months == 0 {
        return Err(Error::Invalid {
            field: "Review interval (months)".into(),
            message: "must be at least 1 month".into(),
        });
    }
    Ok(())
}

/// Reads the current profile, merges the edit of `base` into it and saves it,
/// inside the caller's transaction.
pub(super) fn edit_organisation(
    tx: &Tx<'_>,
    base: &Organisation,
    edited: &Organisation,
) -> Result<Organisation> {
    let current = select_organisation(tx)?;
    let merged = merge(base, edited, &current)?;
    update_organisation(tx, &merged)?;
    Ok(merged)
}

/// Three-way merge of one profile: each field takes the edit where the edit
/// changed it, and the current value otherwise.
fn merge(base: &Organisation, edited: &Organisation, current: &Organisation) -> Result<Organisation> {
    let contact = |label: &str, base: &Contact, edited: &Contact, current: &Contact| -> Result<Contact> {
        Ok(Contact {
            name: field(&format!("{label} name"), &base.name, &edited.name, &current.name)?,
            address: field(&format!("{label} address"), &base.address, &edited.address, &current.address)?,
            email: field(&format!("{label} email"), &base.email, &edited.email, &current.email)?,
            telephone: field(
                &format!("{label} telephone"),
                &base.telephone,
                &edited.telephone,
                &current.telephone,
            )?,
        })
    };
    Ok(Organisation {
        controller: contact("controller", &base.controller, &edited.controller, &current.controller)?,
        ico_registration: field(
            "ICO registration number",
            &base.ico_registration,
            &edited.ico_registration,
            &current.ico_registration,
        )?,
        dpo: contact("DPO", &base.dpo, &edited.dpo, &current.dpo)?,
        representative: contact(
            "UK representative",
            &base.representative,
            &edited.representative,
            &current.representative,
        )?,
        is_partnership: field(
            "partnership flag",
            &base.is_partnership,
            &edited.is_partnership,
            &current.is_partnership,
        )?,
        review_interval_months: field(
            "review interval",
            &base.review_interval_months,
            &edited.review_interval_months,
            &current.review_interval_months,
        )?,
    })
}

/// One field of a three-way merge: unchanged by the edit keeps `current`; changed
/// by the edit only, or by both to the same value, takes `edited`; changed by both
/// to different values is a conflict that shows both values.
fn field<T: PartialEq + Clone + std::fmt::Debug>(
    label: &str,
    base: &T,
    edited: &T,
    current: &T,
) -> Result<T> {
    if edited == base || edited == current {
        Ok(current.clone())
    } else if current == base {
        Ok(edited.clone())
    } else {
        Err(Error::Conflict {
            what: format!(
                "organisation's {label} (saved meanwhile as {current:?}; yours is {edited:?}; it was {base:?})"
            ),
        })
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
