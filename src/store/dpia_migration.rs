//! The data half of migration 5 -> 6: each activity's DPIA answers (the ICO
//! template's "required?", "progress" and "link", and a date) become DPIA
//! records covering the activities, made by [`records_from_answers`] so that the
//! answers read back from the records are each activity's answers exactly. Every
//! DPIA made is logged as created, and every activity that had answers is logged
//! as changed (its record no longer carries them), so the change log still
//! replays to the live tables (`ropa verify`) and an as-at view of a day before
//! the migration still reads the answers from the old entries.

use serde_json::Value;

use super::activities::activity_record;
use super::audit::{Tx, log};
use super::codec::decode;
use super::dpias::insert_dpia;
use crate::Result;
use crate::model::{ActivityId, DpiaAnswers, DpiaProgress, parse_date, records_from_answers};

/// Moves the `dpia_*` columns of `activity` into `dpia` and `dpia_activity`
/// (the columns are dropped by the step's closing SQL).
pub(super) fn move_answers(tx: &Tx<'_>) -> Result<()> {
    let answered = answers_by_activity(tx)?;
    let records = records_from_answers(answered.iter().map(|(id, name, said)| (*id, name.as_str(), said)));
    for record in &records {
        insert_dpia(tx, record)?;
    }
    for (id, _, said) in answered.iter().filter(|(_, _, said)| !said.is_empty()) {
        log_moved(tx, *id, said)?;
    }
    Ok(())
}

/// Each activity's name and answers, in id order.
fn answers_by_activity(tx: &Tx<'_>) -> Result<Vec<(ActivityId, String, DpiaAnswers)>> {
    let mut stmt = tx.prepare(
        "SELECT id, name, dpia_required, dpia_progress, dpia_link, dpia_date FROM activity ORDER BY id",
    )?;
    let rows = stmt.query_map([], |row| {
        let progress: String = row.get(3)?;
        let date: Option<String> = row.get(5)?;
        let answers = DpiaAnswers {
            required: row.get(2)?,
            progress: decode(&progress, "activity.dpia_progress", DpiaProgress::from_code)?,
            link: row.get(4)?,
            date: date.map(|d| decode(&d, "activity.dpia_date", parse_date)).transpose()?,
        };
        Ok((row.get(0)?, row.get(1)?, answers))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Logs the activity `id` as changed: before, its record with the answers it
/// carried (as registers before version 6 logged it); after, without them.
fn log_moved(tx: &Tx<'_>, id: ActivityId, said: &DpiaAnswers) -> Result<()> {
    let Some(record) = activity_record(tx, id)? else { return Ok(()) };
    let after = json(&record)?;
    let mut before = after.clone();
    if let Some(fields) = before.pointer_mut("/activity/fields").and_then(Value::as_object_mut) {
        fields.insert("dpia".into(), json(said)?);
    }
    log(tx, "activity", id.0, Some(&before), Some(&after))
}

fn json(value: &impl serde::Serialize) -> Result<Value> {
    serde_json::to_value(value)
        .map_err(|e| crate::Error::Invalid { field: "Change log".into(), message: e.to_string() })
}
