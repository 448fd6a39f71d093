//! Services (business functions).

use rusqlite::{Connection, OptionalExtension, named_params};

use super::Store;
use super::audit::{Tx, log};
use super::codec::{is_unique_violation, required_name};
use super::conn_ext::ConnExt;
use crate::model::{Service, ServiceFields, ServiceId};
use crate::{Error, Result};

impl Store {
    /// Every service, by name.
    pub fn services(&self) -> Result<Vec<Service>> {
        select_services(&self.conn)
    }

    /// Adds a service.
    pub fn insert_service(&mut self, fields: &ServiceFields) -> Result<ServiceId> {
        self.write(|tx| insert_service(tx, fields))
    }

    /// Changes a service.
    pub fn update_service(&mut self, id: ServiceId, fields: &ServiceFields) -> Result<()> {
        self.write(|tx| update_service(tx, id, fields))
    }

    /// The service called `name` (ignoring case), if any.
    pub fn service_by_name(&self, name: &str) -> Result<Option<ServiceId>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM service WHERE name = :name")?;
        Ok(stmt.query_row(named_params! {":name": name.trim()}, |row| row.get(0)).optional()?)
    }

    /// Deletes a service that has no activities.
    pub fn delete_service(&mut self, id: ServiceId) -> Result<()> {
        self.write(|tx| {
            let count: i64 =
                tx.query_row("SELECT count(*) FROM activity WHERE service_id = ?1", [id], |r| r.get(0))?;
            if count > 0 {
                return Err(Error::InUse {
                    what: format!("service {id}"),
                    reason: format!("{count} activities belong to it; move or delete them first"),
                });
            }
            let before =
                select_service(tx, id)?.ok_or_else(|| Error::NotFound { what: format!("service {id}") })?;
            tx.execute("DELETE FROM service WHERE id = ?1", [id])?;
            log(tx, "service", id.0, Some(&before), None)
        })
    }
}

pub(super) fn select_services(conn: &Connection) -> Result<Vec<Service>> {
    conn.query_rows_and_then_cached(
        "SELECT id, name, description, controller FROM service ORDER BY name",
        [],
        |row| {
            Ok(Service {
                id: row.get("id")?,
                fields: ServiceFields {
                    name: row.get("name")?,
                    description: row.get("description")?,
                    controller: row.get("controller")?,
                },
            })
        },
    )
}

fn select_service(conn: &Connection, id: ServiceId) -> Result<Option<Service>> {
    Ok(select_services(conn)?.into_iter().find(|service| service.id == id))
}

pub(super) fn insert_service(tx: &Tx<'_>, fields: &ServiceFields) -> Result<ServiceId> {
    let name = required_name(&fields.name, "Business function")?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO service (name, description, controller) VALUES (:name, :description, :controller)",
    )?;
    stmt.execute(
        named_params! {":name": name, ":description": fields.description, ":controller": fields.controller},
    )
    .map_err(|e| duplicate_or(e, &name))?;
    let id = ServiceId(tx.last_insert_rowid());
    log(tx, "service", id.0, None, Some(&Service { id, fields: ServiceFields { name, ..fields.clone() } }))?;
    Ok(id)
}

fn update_service(tx: &Tx<'_>, id: ServiceId, fields: &ServiceFields) -> Result<()> {
    let name = required_name(&fields.name, "Business function")?;
    let before = select_service(tx, id)?.ok_or_else(|| Error::NotFound { what: format!("service {id}") })?;
    let mut stmt = tx.prepare_cached(
        "UPDATE service SET name = :name, description = :description, controller = :controller WHERE id = :id",
    )?;
    let changed = stmt
        .execute(named_params! {":id": id, ":name": name, ":description": fields.description, ":controller": fields.controller})
        .map_err(|e| duplicate_or(e, &name))?;
    if changed == 0 {
        return Err(Error::NotFound { what: format!("service {id}") });
    }
    log(
        tx,
        "service",
        id.0,
        Some(&before),
        Some(&Service { id, fields: ServiceFields { name, ..fields.clone() } }),
    )
}

fn duplicate_or(error: rusqlite::Error, name: &str) -> Error {
    if is_unique_violation(&error) {
        Error::Duplicate { what: "service", name: name.to_string() }
    } else {
        error.into()
    }
}
