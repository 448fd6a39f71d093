//! Data protection impact assessments and the activities each covers.
//!
//! Coverage belongs to the DPIA (its scope names the processing it assesses), so
//! a change of coverage is a change of the DPIA, logged as one. Deleting an
//! activity takes it out of each DPIA covering it ([`uncover_activity`]), logged,
//! and the undo puts it back ([`recover_activity`]).

use std::collections::HashMap;

use rusqlite::{Connection, Row, named_params};

use super::Store;
use super::audit::{Tx, log};
use super::codec::{date_sql, get_code, get_date, required_name, scope};
use super::parties::missing_or_conflict;
use crate::model::{
    ActivityId, Dpia, DpiaFields, DpiaId, DpiaStatus, IcoConsultation, ResidualRisk, Screening,
};
use crate::{Error, Result};

impl Store {
    /// Every DPIA, by title.
    pub fn dpias(&self) -> Result<Vec<Dpia>> {
        select_dpias(&self.conn, None)
    }

    /// Adds a DPIA.
    pub fn insert_dpia(&mut self, fields: &DpiaFields) -> Result<Dpia> {
        self.write(|tx| {
            let id = insert_dpia(tx, fields)?;
            stored(tx, id)
        })
    }

    /// Saves a DPIA edited from `version`; refuses with [`Error::Conflict`] if
    /// someone saved it since, and changes nothing.
    pub fn update_dpia(&mut self, id: DpiaId, version: i64, fields: &DpiaFields) -> Result<Dpia> {
        self.write(|tx| update_dpia(tx, id, version, fields))
    }

    /// Deletes a DPIA (the activities it covered stay as they are).
    pub fn delete_dpia(&mut self, id: DpiaId) -> Result<()> {
        self.write(|tx| {
            let before = stored(tx, id)?;
            tx.execute("DELETE FROM dpia WHERE id = ?1", [id])?;
            log(tx, "dpia", id.0, Some(&before), None)
        })
    }
}

const SELECT_DPIA: &str = "SELECT id, version, title, status, screening, residual_risk, ico_consultation,
    started, completed, next_review, document, notes FROM dpia";

fn dpia_from_row(row: &Row<'_>) -> rusqlite::Result<Dpia> {
    Ok(Dpia {
        id: row.get(0)?,
        version: row.get(1)?,
        fields: DpiaFields {
            title: row.get(2)?,
            status: get_code(row, 3, DpiaStatus::from_code)?,
            screening: get_code(row, 4, Screening::from_code)?,
            residual_risk: get_code(row, 5, ResidualRisk::from_code)?,
            ico_consultation: get_code(row, 6, IcoConsultation::from_code)?,
            started: get_date(row, 7)?,
            completed: get_date(row, 8)?,
            next_review: get_date(row, 9)?,
            document: row.get(10)?,
            notes: row.get(11)?,
            activities: Vec::new(),
        },
    })
}

/// Every DPIA (or one), by title, each with the activities it covers.
pub(super) fn select_dpias(conn: &Connection, only: Option<DpiaId>) -> Result<Vec<Dpia>> {
    let scope_id = scope("id", only);
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT_DPIA} WHERE {scope_id} ORDER BY title COLLATE NOCASE, id"))?;
    let rows = stmt.query_map(named_params! {":only": only}, dpia_from_row)?;
    let mut dpias: Vec<Dpia> = rows.collect::<rusqlite::Result<_>>()?;
    let at: HashMap<DpiaId, usize> = dpias.iter().enumerate().map(|(at, d)| (d.id, at)).collect();
    let scope_dpia = scope("dpia_id", only);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT dpia_id, activity_id FROM dpia_activity WHERE {scope_dpia} ORDER BY dpia_id, position"
    ))?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(row) = rows.next()? {
        if let Some(&index) = at.get(&row.get(0)?) {
            dpias[index].fields.activities.push(row.get(1)?);
        }
    }
    Ok(dpias)
}

fn stored(conn: &Connection, id: DpiaId) -> Result<Dpia> {
    select_dpias(conn, Some(id))?.pop().ok_or_else(|| Error::NotFound { what: format!("DPIA {id}") })
}

/// Adds a DPIA with its coverage, and logs it.
pub(super) fn insert_dpia(tx: &Tx<'_>, fields: &DpiaFields) -> Result<DpiaId> {
    let title = required_name(&fields.title, "DPIA title")?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO dpia (title, status, screening, residual_risk, ico_consultation, started, completed,
            next_review, document, notes)
         VALUES (:title, :status, :screening, :risk, :ico, :started, :completed, :next_review, :document, :notes)",
    )?;
    stmt.execute(named_params! {
        ":title": title, ":status": fields.status.code(), ":screening": fields.screening.code(),
        ":risk": fields.residual_risk.code(), ":ico": fields.ico_consultation.code(),
        ":started": date_sql(fields.started), ":completed": date_sql(fields.completed),
        ":next_review": date_sql(fields.next_review), ":document": fields.document.trim(), ":notes": fields.notes,
    })?;
    let id = DpiaId(tx.last_insert_rowid());
    write_coverage(tx, id, &fields.activities)?;
    log(tx, "dpia", id.0, None, Some(&stored(tx, id)?))?;
    Ok(id)
}

fn update_dpia(tx: &Tx<'_>, id: DpiaId, version: i64, fields: &DpiaFields) -> Result<Dpia> {
    let title = required_name(&fields.title, "DPIA title")?;
    let before = select_dpias(tx, Some(id))?.pop();
    let mut stmt = tx.prepare_cached(
        "UPDATE dpia SET title = :title, status = :status, screening = :screening, residual_risk = :risk,
            ico_consultation = :ico, started = :started, completed = :completed, next_review = :next_review,
            document = :document, notes = :notes, version = version + 1
         WHERE id = :id AND version = :version",
    )?;
    let changed = stmt.execute(named_params! {
        ":id": id, ":version": version, ":title": title, ":status": fields.status.code(),
        ":screening": fields.screening.code(), ":risk": fields.residual_risk.code(),
        ":ico": fields.ico_consultation.code(), ":started": date_sql(fields.started),
        ":completed": date_sql(fields.completed), ":next_review": date_sql(fields.next_review),
        ":document": fields.document.trim(), ":notes": fields.notes,
    })?;
    if changed == 0 {
        return Err(missing_or_conflict(tx, "dpia", id.0, &title)?);
    }
    tx.execute("DELETE FROM dpia_activity WHERE dpia_id = ?1", [id])?;
    write_coverage(tx, id, &fields.activities)?;
    let after = stored(tx, id)?;
    log(tx, "dpia", id.0, before.as_ref(), Some(&after))?;
    Ok(after)
}

/// Writes the DPIA `id`'s coverage, each activity once, in order (its old rows
/// already removed). An activity the register does not hold is refused.
fn write_coverage(tx: &Tx<'_>, id: DpiaId, activities: &[ActivityId]) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    let mut exists = tx.prepare_cached("SELECT 1 FROM activity WHERE id = ?1")?;
    let mut insert =
        tx.prepare_cached("INSERT INTO dpia_activity (dpia_id, position, activity_id) VALUES (?1, ?2, ?3)")?;
    let mut position = 0_i64;
    for &activity in activities {
        if !seen.insert(activity) {
            continue;
        }
        if !exists.exists([activity])? {
            return Err(Error::NotFound {
                what: format!("activity {activity}, named as covered by the DPIA"),
            });
        }
        insert.execute((id, position, activity))?;
        position += 1;
    }
    Ok(())
}

/// Takes the activity `id` out of every DPIA covering it, logging each DPIA
/// changed; returns each one with the place the activity had in its list.
pub(super) fn uncover_activity(tx: &Tx<'_>, id: ActivityId) -> Result<Vec<(DpiaId, usize)>> {
    let covering = covering(tx, id)?;
    let mut places = Vec::new();
    for dpia in covering {
        let before = stored(tx, dpia)?;
        let place = before.fields.activities.iter().position(|&a| a == id).unwrap_or(0);
        let mut fields = before.fields.clone();
        fields.activities.retain(|&a| a != id);
        tx.execute("DELETE FROM dpia_activity WHERE dpia_id = ?1", [dpia])?;
        write_coverage(tx, dpia, &fields.activities)?;
        tx.execute("UPDATE dpia SET version = version + 1 WHERE id = ?1", [dpia])?;
        log(tx, "dpia", dpia.0, Some(&before), Some(&stored(tx, dpia)?))?;
        places.push((dpia, place));
    }
    Ok(places)
}

/// Puts the activity `id` back in the DPIAs [`uncover_activity`] took it out of,
/// at the same places, logging each; a DPIA deleted since is passed over.
pub(super) fn recover_activity(tx: &Tx<'_>, id: ActivityId, places: &[(DpiaId, usize)]) -> Result<()> {
    for &(dpia, place) in places {
        let Some(before) = select_dpias(tx, Some(dpia))?.pop() else { continue };
        let mut fields = before.fields.clone();
        fields.activities.insert(place.min(fields.activities.len()), id);
        tx.execute("DELETE FROM dpia_activity WHERE dpia_id = ?1", [dpia])?;
        write_coverage(tx, dpia, &fields.activities)?;
        tx.execute("UPDATE dpia SET version = version + 1 WHERE id = ?1", [dpia])?;
        log(tx, "dpia", dpia.0, Some(&before), Some(&stored(tx, dpia)?))?;
    }
    Ok(())
}

/// The DPIAs covering the activity `id`, by id.
fn covering(conn: &Connection, id: ActivityId) -> Result<Vec<DpiaId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT dpia_id FROM dpia_activity WHERE activity_id = ?1 ORDER BY dpia_id",
    )?;
    let rows = stmt.query_map([id], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
