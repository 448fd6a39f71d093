//! The public-authority status of controllers named by services in a
//! partnership register. Each write is one transaction and is logged.

use rusqlite::{Connection, OptionalExtension, named_params};

use super::Store;
use super::audit::{Tx, log};
use super::conn_ext::ConnExt;
use crate::model::ControllerStatus;
use crate::{Error, Result};

impl Store {
    /// Every named controller's recorded status, by name.
    pub fn controllers(&self) -> Result<Vec<ControllerStatus>> {
        select_controllers(&self.conn)
    }

    /// Records whether the controller called `name` is a public authority;
    /// `None` removes the record, so its status is unknown again.
    pub fn set_controller_public_authority(&mut self, name: &str, status: Option<bool>) -> Result<()> {
        self.write(|tx| set_controller(tx, name, status))
    }
}

pub(super) fn select_controllers(conn: &Connection) -> Result<Vec<ControllerStatus>> {
    conn.query_rows_and_then_cached(
        "SELECT name, is_public_authority FROM controller_authority ORDER BY name COLLATE NOCASE",
        [],
        |row| Ok(ControllerStatus { name: row.get(0)?, public_authority: row.get(1)? }),
    )
}

pub(super) fn set_controller(tx: &Tx<'_>, name: &str, status: Option<bool>) -> Result<()> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::Invalid {
            field: "Controller".into(),
            message: "name the controller whose public-authority status is recorded".into(),
        });
    }
    let before: Option<(i64, ControllerStatus)> = tx
        .query_row(
            "SELECT id, name, is_public_authority FROM controller_authority WHERE name = ?1",
            [&name],
            |row| Ok((row.get(0)?, ControllerStatus { name: row.get(1)?, public_authority: row.get(2)? })),
        )
        .optional()?;
    match (before, status) {
        (None, None) => Ok(()),
        (Some((id, before)), None) => {
            tx.execute("DELETE FROM controller_authority WHERE id = ?1", [id])?;
            log(tx, "controller", id, Some(&before), None)
        }
        (Some((id, before)), Some(public_authority)) => {
            tx.execute(
                "UPDATE controller_authority SET is_public_authority = :status WHERE id = :id",
                named_params! {":status": public_authority, ":id": id},
            )?;
            let after = ControllerStatus { name: before.name.clone(), public_authority };
            log(tx, "controller", id, Some(&before), Some(&after))
        }
        (None, Some(public_authority)) => {
            tx.execute(
                "INSERT INTO controller_authority (name, is_public_authority) VALUES (:name, :status)",
                named_params! {":name": name, ":status": public_authority},
            )?;
            let id = tx.last_insert_rowid();
            log(tx, "controller", id, None, Some(&ControllerStatus { name, public_authority }))
        }
    }
}
