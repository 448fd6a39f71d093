//! Agreements: data sharing agreements, processor contracts, joint-controller arrangements.

use std::collections::HashMap;

use rusqlite::{Connection, named_params};

use super::Store;
use super::audit::{Tx, log};
use super::codec::{date_sql, get_code, get_date, required_name, scope};
use super::parties::missing_or_conflict;
use crate::model::{Agreement, AgreementFields, AgreementId, AgreementKind, PartyId};
use crate::{Error, Result};

impl Store {
    /// Every agreement, by title.
    pub fn agreements(&self) -> Result<Vec<Agreement>> {
        select_agreements(&self.conn)
    }

    /// Adds an agreement.
    pub fn insert_agreement(&mut self, fields: &AgreementFields) -> Result<Agreement> {
        self.write(|tx| {
            let id = insert_agreement(tx, fields)?;
            select_agreement(tx, id)?.ok_or_else(|| Error::NotFound { what: format!("agreement {id}") })
        })
    }

    /// Saves an agreement edited from `version`; refuses if someone saved it since.
    pub fn update_agreement(
        &mut self,
        id: AgreementId,
        version: i64,
        fields: &AgreementFields,
    ) -> Result<Agreement> {
        self.write(|tx| {
            let title = required_name(&fields.title, "Agreement title")?;
            let before = select_agreement(tx, id)?;
            let mut stmt = tx.prepare_cached(
                "UPDATE agreement SET kind = :kind, title = :title, reference = :reference,
                    start_date = :start, review_date = :review, end_date = :end, notes = :notes,
                    version = version + 1
                 WHERE id = :id AND version = :version",
            )?;
            let changed = stmt.execute(named_params! {
                ":id": id, ":version": version, ":kind": fields.kind.code(), ":title": title,
                ":reference": fields.reference, ":start": date_sql(fields.start),
                ":review": date_sql(fields.review_due), ":end": date_sql(fields.end), ":notes": fields.notes,
            })?;
            if changed == 0 {
                return Err(missing_or_conflict(tx, "agreement", id.0, &title)?);
            }
            tx.execute("DELETE FROM agreement_party WHERE agreement_id = ?1", [id])?;
            insert_agreement_parties(tx, id, &fields.parties)?;
            let after = select_agreement(tx, id)?
                .ok_or_else(|| Error::NotFound { what: format!("agreement {id}") })?;
            log(tx, "agreement", id.0, before.as_ref(), Some(&after))?;
            Ok(after)
        })
    }

    /// Deletes an agreement; links that relied on it are left with no agreement.
    pub fn delete_agreement(&mut self, id: AgreementId) -> Result<()> {
        self.write(|tx| {
            let before = select_agreement(tx, id)?
                .ok_or_else(|| Error::NotFound { what: format!("agreement {id}") })?;
            tx.execute("DELETE FROM agreement WHERE id = ?1", [id])?;
            log(tx, "agreement", id.0, Some(&before), None)
        })
    }
}

pub(super) fn select_agreements(conn: &Connection) -> Result<Vec<Agreement>> {
    select_agreements_where(conn, None)
}

fn select_agreements_where(conn: &Connection, only: Option<AgreementId>) -> Result<Vec<Agreement>> {
    let mut parties: HashMap<AgreementId, Vec<PartyId>> = HashMap::new();
    let scope_ap_agreement_id = scope("ap.agreement_id", only);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT ap.agreement_id, ap.party_id FROM agreement_party ap JOIN party p ON p.id = ap.party_id
         WHERE {scope_ap_agreement_id} ORDER BY ap.agreement_id, p.name"
    ))?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(row) = rows.next()? {
        parties.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    let scope_id = scope("id", only);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, version, kind, title, reference, start_date, review_date, end_date, notes
         FROM agreement WHERE {scope_id} ORDER BY title, id"
    ))?;
    // The columns in the order selected above.
    let rows = stmt.query_map(named_params! {":only": only}, |row| {
        let id: AgreementId = row.get(0)?;
        Ok(Agreement {
            id,
            version: row.get(1)?,
            fields: AgreementFields {
                kind: get_code(row, 2, AgreementKind::from_code)?,
                title: row.get(3)?,
                reference: row.get(4)?,
                parties: parties.remove(&id).unwrap_or_default(),
                start: get_date(row, 5)?,
                review_due: get_date(row, 6)?,
                end: get_date(row, 7)?,
                notes: row.get(8)?,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn select_agreement(conn: &Connection, id: AgreementId) -> Result<Option<Agreement>> {
    Ok(select_agreements_where(conn, Some(id))?.pop())
}

pub(super) fn insert_agreement(tx: &Tx<'_>, fields: &AgreementFields) -> Result<AgreementId> {
    let title = required_name(&fields.title, "Agreement title")?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO agreement (kind, title, reference, start_date, review_date, end_date, notes)
         VALUES (:kind, :title, :reference, :start, :review, :end, :notes)",
    )?;
    stmt.execute(named_params! {
        ":kind": fields.kind.code(), ":title": title, ":reference": fields.reference,
        ":start": date_sql(fields.start), ":review": date_sql(fields.review_due),
        ":end": date_sql(fields.end), ":notes": fields.notes,
    })?;
    let id = AgreementId(tx.last_insert_rowid());
    insert_agreement_parties(tx, id, &fields.parties)?;
    let after =
        select_agreement(tx, id)?.ok_or_else(|| Error::NotFound { what: format!("agreement {id}") })?;
    log(tx, "agreement", id.0, None, Some(&after))?;
    Ok(id)
}

fn insert_agreement_parties(conn: &Connection, id: AgreementId, parties: &[PartyId]) -> Result<()> {
    let mut stmt = conn
        .prepare_cached("INSERT OR IGNORE INTO agreement_party (agreement_id, party_id) VALUES (?1, ?2)")?;
    for party in parties {
        stmt.execute((id, party))?;
    }
    Ok(())
}
