//! Parties: sources and recipients shared by every activity that names them.

use rusqlite::{Connection, OptionalExtension, named_params};

use super::Store;
use super::audit::{Tx, log};
use super::codec::{get_code, is_unique_violation, required_name};
use super::conn_ext::ConnExt;
use crate::model::{Party, PartyFields, PartyId, PartyKind};
use crate::{Error, Result};

impl Store {
    /// Every party, by name.
    pub fn parties(&self) -> Result<Vec<Party>> {
        select_parties(&self.conn)
    }

    /// The party with `id`.
    pub fn party(&self, id: PartyId) -> Result<Party> {
        select_party(&self.conn, id)?.ok_or_else(|| Error::NotFound { what: format!("party {id}") })
    }

    /// The party called `name` (ignoring case), if any.
    pub fn party_by_name(&self, name: &str) -> Result<Option<PartyId>> {
        Ok(self
            .conn
            .try_query_one("SELECT id FROM party WHERE name = :name", named_params! {":name": name.trim()})?)
    }

    /// Adds a party.
    pub fn insert_party(&mut self, fields: &PartyFields) -> Result<Party> {
        self.write(|tx| {
            let id = insert_party(tx, fields)?;
            Ok(Party { id, version: 1, fields: fields.clone() })
        })
    }

    /// Saves a party edited from `version`; refuses if someone saved it since.
    pub fn update_party(&mut self, id: PartyId, version: i64, fields: &PartyFields) -> Result<Party> {
        self.write(|tx| {
            let name = required_name(&fields.name, "Party name")?;
            let before = select_party(tx, id)?;
            let mut stmt = tx.prepare_cached(
                "UPDATE party SET name = :name, kind = :kind, country = :country, contact = :contact,
                    notes = :notes, internal_service_id = :service, version = version + 1
                 WHERE id = :id AND version = :version",
            )?;
            let changed = stmt
                .execute(named_params! {
                    ":id": id, ":version": version, ":name": name, ":kind": fields.kind.code(),
                    ":country": fields.country.trim(), ":contact": fields.contact, ":notes": fields.notes,
                    ":service": fields.internal_service,
                })
                .map_err(|e| duplicate_or(e, &name))?;
            if changed == 0 {
                return Err(missing_or_conflict(tx, "party", id.0, &name)?);
            }
            let after = Party { id, version: version + 1, fields: PartyFields { name, ..fields.clone() } };
            log(tx, "party", id.0, before.as_ref(), Some(&after))?;
            Ok(after)
        })
    }

    /// Deletes a party that no link or agreement names.
    pub fn delete_party(&mut self, id: PartyId) -> Result<()> {
        self.write(|tx| {
            let links: i64 =
                tx.query_row("SELECT count(*) FROM link WHERE party_id = ?1", [id], |r| r.get(0))?;
            if links > 0 {
                return Err(Error::InUse {
                    what: format!("party {id}"),
                    reason: format!("{links} links name it; remove those links first"),
                });
            }
            let hosted: i64 =
                tx.query_row("SELECT count(*) FROM asset WHERE processor_id = ?1", [id], |r| r.get(0))?;
            if hosted > 0 {
                return Err(Error::InUse {
                    what: format!("party {id}"),
                    reason: if hosted == 1 {
                        "it hosts an information asset; choose another host for it first".to_string()
                    } else {
                        format!("it hosts {hosted} information assets; choose another host for them first")
                    },
                });
            }
            let before =
                select_party(tx, id)?.ok_or_else(|| Error::NotFound { what: format!("party {id}") })?;
            tx.execute("DELETE FROM party WHERE id = ?1", [id])?;
            log(tx, "party", id.0, Some(&before), None)
        })
    }
}

const SELECT_PARTY: &str =
    "SELECT id, version, name, kind, country, contact, notes, internal_service_id FROM party";

/// The columns of [`SELECT_PARTY`], in order.
const ID: usize = 0;
const VERSION: usize = 1;
const NAME: usize = 2;
const KIND: usize = 3;
const COUNTRY: usize = 4;
const CONTACT: usize = 5;
const NOTES: usize = 6;
const INTERNAL_SERVICE_ID: usize = 7;

fn party_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Party> {
    Ok(Party {
        id: row.get(ID)?,
        version: row.get(VERSION)?,
        fields: PartyFields {
            name: row.get(NAME)?,
            kind: get_code(row, KIND, PartyKind::from_code)?,
            country: row.get(COUNTRY)?,
            contact: row.get(CONTACT)?,
            notes: row.get(NOTES)?,
            internal_service: row.get(INTERNAL_SERVICE_ID)?,
        },
    })
}

pub(super) fn select_parties(conn: &Connection) -> Result<Vec<Party>> {
    conn.query_rows_and_then_cached(&format!("{SELECT_PARTY} ORDER BY name"), [], |row| {
        Ok(party_from_row(row)?)
    })
}

fn select_party(conn: &Connection, id: PartyId) -> Result<Option<Party>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_PARTY} WHERE id = ?1"))?;
    Ok(stmt.query_row([id], party_from_row).optional()?)
}

pub(super) fn insert_party(tx: &Tx<'_>, fields: &PartyFields) -> Result<PartyId> {
    let name = required_name(&fields.name, "Party name")?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO party (name, kind, country, contact, notes, internal_service_id)
         VALUES (:name, :kind, :country, :contact, :notes, :service)",
    )?;
    stmt.execute(named_params! {
        ":name": name, ":kind": fields.kind.code(), ":country": fields.country.trim(),
        ":contact": fields.contact, ":notes": fields.notes, ":service": fields.internal_service,
    })
    .map_err(|e| duplicate_or(e, &name))?;
    let id = PartyId(tx.last_insert_rowid());
    let fields = PartyFields { name, country: fields.country.trim().to_string(), ..fields.clone() };
    log(tx, "party", id.0, None, Some(&Party { id, version: 1, fields }))?;
    Ok(id)
}

fn duplicate_or(error: rusqlite::Error, name: &str) -> Error {
    if is_unique_violation(&error) {
        Error::Duplicate { what: "party", name: name.to_string() }
    } else {
        error.into()
    }
}

/// After an update matched no row: `NotFound` if the row is gone, `Conflict` if its
/// version moved on.
pub(super) fn missing_or_conflict(
    conn: &Connection,
    table: &'static str,
    id: i64,
    name: &str,
) -> Result<Error> {
    let exists = conn.exists(&format!("SELECT 1 FROM {table} WHERE id = ?1"), [id])?;
    Ok(if exists {
        Error::Conflict { what: format!("{table} \"{name}\"") }
    } else {
        Error::NotFound { what: format!("{table} \"{name}\"") }
    })
}
