//! The data half of migration 4 -> 5: each activity's free-text systems become
//! links to information assets, item by item. The asset register is made from the
//! names as written (the first spelling of a name met, in activity order, when
//! two differ only in case); every asset made is logged as created, and an
//! activity whose record reads differently afterwards (a name spelt another way,
//! a blank item) is logged as changed, so the change log still replays to the
//! live tables (`ropa verify`).

use std::collections::BTreeMap;

use super::activities::activity_record;
use super::assets::write_activity_assets;
use super::audit::{Tx, log};
use crate::Result;
use crate::model::ActivityId;

/// Moves every `activity_item` of the list 'system' into `asset` and `activity_asset`.
pub(super) fn move_systems(tx: &Tx<'_>) -> Result<()> {
    let systems = systems_by_activity(tx)?;
    tx.execute("DELETE FROM activity_item WHERE list = 'system'", [])?;
    for (activity, names) in systems {
        let mut before = activity_record(tx, activity)?;
        if let Some(record) = before.as_mut() {
            record.activity.fields.systems = names.clone();
        }
        write_activity_assets(tx, activity, &names)?;
        log(tx, "activity", activity.0, before.as_ref(), activity_record(tx, activity)?.as_ref())?;
    }
    Ok(())
}

/// Each activity's systems, in the order of its list, activities by id.
fn systems_by_activity(tx: &Tx<'_>) -> Result<BTreeMap<ActivityId, Vec<String>>> {
    let mut stmt = tx.prepare(
        "SELECT activity_id, value FROM activity_item WHERE list = 'system' ORDER BY activity_id, position",
    )?;
    let mut rows = stmt.query([])?;
    let mut systems: BTreeMap<ActivityId, Vec<String>> = BTreeMap::new();
    while let Some(row) = rows.next()? {
        systems.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    Ok(systems)
}
