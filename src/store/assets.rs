//! Information assets and the links from activities to them.
//!
//! An activity names its assets (`ActivityFields::systems`); [`write_activity_assets`]
//! links each name to its asset, making (and logging) an asset for a name the
//! register does not know, so every write path (the editor, imports, review packs,
//! the demo) fills the asset register the same way.

use rusqlite::{Connection, OptionalExtension, Row, named_params};

use super::Store;
use super::activities::activity_record;
use super::audit::{Tx, log};
use super::codec::{get_code, get_str, is_unique_violation, required_name, scope, unknown_code};
use super::parties::missing_or_conflict;
use crate::model::{ActivityId, Asset, AssetFields, AssetId, AssetKind, Hosting, PartyId};
use crate::{Error, Result};

impl Store {
    /// Every asset, by name.
    pub fn assets(&self) -> Result<Vec<Asset>> {
        select_assets(&self.conn, None)
    }

    /// Adds an asset.
    pub fn insert_asset(&mut self, fields: &AssetFields) -> Result<Asset> {
        self.write(|tx| {
            let id = insert_asset(tx, fields)?;
            select_asset(tx, id)?.ok_or_else(|| Error::NotFound { what: format!("asset {id}") })
        })
    }

    /// Saves an asset edited from `version`; refuses with [`Error::Conflict`] if
    /// someone saved it since. A new name is the new name on every activity
    /// that holds its data there: each of those activities is logged as changed
    /// and its version raised, so an editor open on one cannot save the old name back.
    pub fn update_asset(&mut self, id: AssetId, version: i64, fields: &AssetFields) -> Result<Asset> {
        self.write(|tx| update_asset(tx, id, version, fields))
    }

    /// Deletes an asset that no activity names; refuses, naming them, otherwise.
    pub fn delete_asset(&mut self, id: AssetId) -> Result<()> {
        self.write(|tx| {
            let before =
                select_asset(tx, id)?.ok_or_else(|| Error::NotFound { what: format!("asset {id}") })?;
            let users = activities_naming(tx, id)?;
            if !users.is_empty() {
                return Err(Error::InUse {
                    what: format!("asset \"{}\"", before.fields.name),
                    reason: format!(
                        "{} activit{} hold{} data in it; remove it from {} first",
                        users.len(),
                        if users.len() == 1 { "y" } else { "ies" },
                        if users.len() == 1 { "s" } else { "" },
                        if users.len() == 1 { "that activity" } else { "those activities" },
                    ),
                });
            }
            tx.execute("DELETE FROM asset WHERE id = ?1", [id])?;
            log(tx, "asset", id.0, Some(&before), None)
        })
    }
}

const SELECT_ASSET: &str = "SELECT id, version, name, kind, owner_name, owner_role, location, hosting,
    processor_id, country, security_measures, retention, continuity, notes FROM asset";

fn asset_from_row(row: &Row<'_>) -> rusqlite::Result<Asset> {
    let hosting = match get_str(row, 7)? {
        "not_stated" => Hosting::NotStated,
        "in_house" => Hosting::InHouse,
        "processor" => {
            let party: Option<PartyId> = row.get(8)?;
            Hosting::Processor {
                party: party.ok_or_else(|| unknown_code("processor", "asset.processor_id"))?,
            }
        }
        other => return Err(unknown_code(other, "asset.hosting")),
    };
    Ok(Asset {
        id: row.get(0)?,
        version: row.get(1)?,
        fields: AssetFields {
            name: row.get(2)?,
            kind: get_code(row, 3, AssetKind::from_code)?,
            owner_name: row.get(4)?,
            owner_role: row.get(5)?,
            location: row.get(6)?,
            hosting,
            country: row.get(9)?,
            security_measures: row.get(10)?,
            retention: row.get(11)?,
            continuity: row.get(12)?,
            notes: row.get(13)?,
        },
    })
}

/// Every asset (or one), by name.
pub(super) fn select_assets(conn: &Connection, only: Option<AssetId>) -> Result<Vec<Asset>> {
    let scope_id = scope("id", only);
    let mut stmt = conn.prepare_cached(&format!("{SELECT_ASSET} WHERE {scope_id} ORDER BY name, id"))?;
    let rows = stmt.query_map(named_params! {":only": only}, asset_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn select_asset(conn: &Connection, id: AssetId) -> Result<Option<Asset>> {
    Ok(select_assets(conn, Some(id))?.pop())
}

/// The values of an asset's columns, as bound by the INSERT and the UPDATE.
fn asset_values(fields: &AssetFields) -> Result<(String, Option<PartyId>)> {
    Ok((required_name(&fields.name, "Asset name")?, fields.hosting.processor()))
}

/// Adds an asset and logs it.
pub(super) fn insert_asset(tx: &Tx<'_>, fields: &AssetFields) -> Result<AssetId> {
    let (name, processor) = asset_values(fields)?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO asset (name, kind, owner_name, owner_role, location, hosting, processor_id, country,
            security_measures, retention, continuity, notes)
         VALUES (:name, :kind, :owner_name, :owner_role, :location, :hosting, :processor, :country,
            :security, :retention, :continuity, :notes)",
    )?;
    stmt.execute(named_params! {
        ":name": name, ":kind": fields.kind.code(), ":owner_name": fields.owner_name.trim(),
        ":owner_role": fields.owner_role.trim(), ":location": fields.location, ":hosting": fields.hosting.code(),
        ":processor": processor, ":country": fields.country.trim(), ":security": fields.security_measures,
        ":retention": fields.retention, ":continuity": fields.continuity, ":notes": fields.notes,
    })
    .map_err(|e| duplicate_or(e, &name))?;
    let id = AssetId(tx.last_insert_rowid());
    let after = select_asset(tx, id)?.ok_or_else(|| Error::NotFound { what: format!("asset {id}") })?;
    log(tx, "asset", id.0, None, Some(&after))?;
    Ok(id)
}

fn update_asset(tx: &Tx<'_>, id: AssetId, version: i64, fields: &AssetFields) -> Result<Asset> {
    let (name, processor) = asset_values(fields)?;
    let before = select_asset(tx, id)?;
    let renamed = before.as_ref().is_some_and(|b| b.fields.name != name);
    let holders = if renamed { activities_naming(tx, id)? } else { Vec::new() };
    let holders_before =
        holders.iter().map(|&activity| activity_record(tx, activity)).collect::<Result<Vec<_>>>()?;
    let mut stmt = tx.prepare_cached(
        "UPDATE asset SET name = :name, kind = :kind, owner_name = :owner_name, owner_role = :owner_role,
            location = :location, hosting = :hosting, processor_id = :processor, country = :country,
            security_measures = :security, retention = :retention, continuity = :continuity, notes = :notes,
            version = version + 1
         WHERE id = :id AND version = :version",
    )?;
    let changed = stmt
        .execute(named_params! {
            ":id": id, ":version": version, ":name": name, ":kind": fields.kind.code(),
            ":owner_name": fields.owner_name.trim(), ":owner_role": fields.owner_role.trim(),
            ":location": fields.location, ":hosting": fields.hosting.code(), ":processor": processor,
            ":country": fields.country.trim(), ":security": fields.security_measures,
            ":retention": fields.retention, ":continuity": fields.continuity, ":notes": fields.notes,
        })
        .map_err(|e| duplicate_or(e, &name))?;
    if changed == 0 {
        return Err(missing_or_conflict(tx, "asset", id.0, &name)?);
    }
    let after = select_asset(tx, id)?.ok_or_else(|| Error::NotFound { what: format!("asset {id}") })?;
    log(tx, "asset", id.0, before.as_ref(), Some(&after))?;
    for (activity, record_before) in holders.into_iter().zip(holders_before) {
        tx.execute("UPDATE activity SET version = version + 1 WHERE id = ?1", [activity])?;
        log(tx, "activity", activity.0, record_before.as_ref(), activity_record(tx, activity)?.as_ref())?;
    }
    Ok(after)
}

fn duplicate_or(error: rusqlite::Error, name: &str) -> Error {
    if is_unique_violation(&error) {
        Error::Duplicate { what: "asset", name: name.to_string() }
    } else {
        error.into()
    }
}

/// The activities that name the asset `id`, by id.
fn activities_naming(conn: &Connection, id: AssetId) -> Result<Vec<ActivityId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT activity_id FROM activity_asset WHERE asset_id = ?1 ORDER BY activity_id",
    )?;
    let rows = stmt.query_map([id], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The asset called `name` (ignoring case), made and logged if there is none,
/// with its name as the asset register spells it.
fn asset_named(tx: &Tx<'_>, name: &str) -> Result<(AssetId, String)> {
    let name = required_name(name, "Information asset")?;
    let found: Option<(AssetId, String)> = tx
        .prepare_cached("SELECT id, name FROM asset WHERE name = ?1")?
        .query_row([&name], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    match found {
        Some(found) => Ok(found),
        None => Ok((insert_asset(tx, &AssetFields::new(name.as_str()))?, name)),
    }
}

/// Links the activity `id` to the assets `names`, in order (its old links
/// already removed), and returns their names as the asset register spells them:
/// what reading the activity back gives as its `systems`.
pub(super) fn write_activity_assets(tx: &Tx<'_>, id: ActivityId, names: &[String]) -> Result<Vec<String>> {
    let mut stmt = tx
        .prepare_cached("INSERT INTO activity_asset (activity_id, position, asset_id) VALUES (?1, ?2, ?3)")?;
    let mut stored = Vec::with_capacity(names.len());
    for (position, name) in names.iter().filter(|name| !name.trim().is_empty()).enumerate() {
        let (asset, name) = asset_named(tx, name)?;
        stmt.execute((id, position as i64, asset))?;
        stored.push(name);
    }
    Ok(stored)
}

/// Fills each activity's `systems` with the names of its assets, in order.
pub(super) fn fill_activity_assets<T>(
    conn: &Connection,
    only: Option<ActivityId>,
    mut push: impl FnMut(ActivityId, String) -> Option<T>,
) -> Result<()> {
    let scope_activity_id = scope("l.activity_id", only);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.activity_id, a.name FROM activity_asset l JOIN asset a ON a.id = l.asset_id
         WHERE {scope_activity_id} ORDER BY l.activity_id, l.position"
    ))?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(row) = rows.next()? {
        push(row.get(0)?, row.get(1)?);
    }
    Ok(())
}
