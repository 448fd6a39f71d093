//! Acknowledged findings of the checks: who accepted a finding, when and why.
//! Each write is one transaction.

use rusqlite::{Connection, Row, named_params};

use super::Store;
use super::codec::{decode, required_name};
use super::conn_ext::ConnExt;
use crate::model::{Acknowledgement, ActivityId, Date, FindingKey, format_date, parse_date};
use crate::{Error, Result};

impl Store {
    /// Records that `key`'s finding is accepted by `by` on `on` for `reason`,
    /// replacing any earlier acknowledgement of the same finding.
    pub fn acknowledge(
        &mut self,
        key: &FindingKey,
        by: &str,
        on: Date,
        reason: &str,
    ) -> Result<Acknowledgement> {
        self.record_acknowledgement(key, by, on, reason, Replace::Any)
    }

    /// [`Store::acknowledge`] for a finding the caller saw unacknowledged: if
    /// someone acknowledged it meanwhile, nothing is replaced and the save is
    /// refused with [`Error::Conflict`] showing who acknowledged it, when and why.
    /// The check and the insert are one immediate transaction.
    pub fn acknowledge_open_finding(
        &mut self,
        key: &FindingKey,
        by: &str,
        on: Date,
        reason: &str,
    ) -> Result<Acknowledgement> {
        self.record_acknowledgement(key, by, on, reason, Replace::Nothing)
    }

    fn record_acknowledgement(
        &mut self,
        key: &FindingKey,
        by: &str,
        on: Date,
        reason: &str,
        replace: Replace,
    ) -> Result<Acknowledgement> {
        let by = required_name(by, "Acknowledged by")?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::Invalid {
                field: "Reason".into(),
                message: "say why the finding is accepted, so the next reader knows".into(),
            });
        }
        self.write(|tx| {
            if replace == Replace::Nothing {
                refuse_if_acknowledged(tx, key)?;
            }
            delete_acknowledgement(tx, key)?;
            let id = insert_acknowledgement(tx, key, &by, on, reason)?;
            Ok(Acknowledgement {
                id,
                key: key.clone(),
                acknowledged_by: by.clone(),
                acknowledged_on: on,
                reason: reason.to_string(),
            })
        })
    }

    /// Withdraws the acknowledgement with `id`, so its finding counts again.
    pub fn withdraw_acknowledgement(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let deleted = tx.execute("DELETE FROM acknowledgement WHERE id = ?1", [id])?;
            if deleted == 0 {
                return Err(Error::NotFound { what: format!("acknowledgement {id}") });
            }
            Ok(())
        })
    }

    /// Every acknowledgement, oldest first.
    pub fn acknowledgements(&self) -> Result<Vec<Acknowledgement>> {
        select_acknowledgements(&self.conn)
    }
}

/// Every acknowledgement, oldest first.
pub(super) fn select_acknowledgements(conn: &Connection) -> Result<Vec<Acknowledgement>> {
    conn.query_rows_and_then_cached(
        "SELECT id, rule, activity_id, subject, acknowledged_by, acknowledged_on, reason
         FROM acknowledgement ORDER BY acknowledged_on, id",
        [],
        |row| Ok(read_acknowledgement(row)?),
    )
}

/// Whether an acknowledgement may replace one already recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replace {
    Any,
    Nothing,
}

fn refuse_if_acknowledged(conn: &Connection, key: &FindingKey) -> Result<()> {
    let existing = conn
        .query_rows_and_then_cached(
            "SELECT id, rule, activity_id, subject, acknowledged_by, acknowledged_on, reason FROM acknowledgement
             WHERE rule = :rule AND ifnull(activity_id, 0) = ifnull(:activity, 0) AND subject = :subject",
            named_params! {":rule": key.rule, ":activity": key.activity_id, ":subject": key.subject},
            |row| Ok::<_, Error>(read_acknowledgement(row)?),
        )?
        .pop();
    match existing {
        None => Ok(()),
        Some(found) => Err(Error::Conflict {
            what: format!(
                "finding \"{}\" (acknowledged meanwhile by {} on {}: \"{}\")",
                key.rule,
                found.acknowledged_by,
                format_date(found.acknowledged_on),
                found.reason
            ),
        }),
    }
}

fn read_acknowledgement(row: &Row<'_>) -> rusqlite::Result<Acknowledgement> {
    let on: String = row.get("acknowledged_on")?;
    Ok(Acknowledgement {
        id: row.get("id")?,
        key: FindingKey {
            rule: row.get("rule")?,
            activity_id: row.get::<_, Option<ActivityId>>("activity_id")?,
            subject: row.get("subject")?,
        },
        acknowledged_by: row.get("acknowledged_by")?,
        acknowledged_on: decode(&on, "acknowledged_on", parse_date)?,
        reason: row.get("reason")?,
    })
}

fn delete_acknowledgement(conn: &Connection, key: &FindingKey) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "DELETE FROM acknowledgement
         WHERE rule = :rule AND ifnull(activity_id, 0) = ifnull(:activity, 0) AND subject = :subject",
    )?;
    stmt.execute(named_params! {":rule": key.rule, ":activity": key.activity_id, ":subject": key.subject})?;
    Ok(())
}

fn insert_acknowledgement(
    conn: &Connection,
    key: &FindingKey,
    by: &str,
    on: Date,
    reason: &str,
) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO acknowledgement (rule, activity_id, subject, acknowledged_by, acknowledged_on, reason)
         VALUES (:rule, :activity, :subject, :by, :on, :reason)",
    )?;
    stmt.execute(named_params! {
        ":rule": key.rule, ":activity": key.activity_id, ":subject": key.subject,
        ":by": by, ":on": format_date(on), ":reason": reason,
    })?;
    Ok(conn.last_insert_rowid())
}
