//! Merging duplicate parties ("NHS" and "N.H.S."): every link, agreement
//! membership and asset hosted by the duplicate is re-pointed to the kept party and the duplicate
//! is deleted, in one logged transaction; the returned [`PartyMerge`] undoes it.

use rusqlite::named_params;
use serde::{Deserialize, Serialize};

use super::Store;
use super::activities::activity_record;
use super::agreements::select_agreements;
use super::assets::select_assets;
use super::audit::{Tx, log};
use super::codec::is_unique_violation;
use super::conn_ext::ConnExt;
use super::parties::select_parties;
use crate::model::{ActivityId, Agreement, AgreementId, Asset, AssetId, LinkId, Party, PartyId};
use crate::{Error, Result};

/// What a merge changed, so that [`Store::undo_merge_parties`] can put it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyMerge {
    /// The party that was kept.
    pub kept: PartyId,
    /// The duplicate as it was before it was deleted.
    pub duplicate: Party,
    /// The links that named the duplicate and now name the kept party.
    pub moved_links: Vec<LinkId>,
    /// The activities owning those links, with their versions before the merge.
    pub activities: Vec<(ActivityId, i64)>,
    /// The agreements the duplicate was a party to.
    pub agreements: Vec<MergedMembership>,
    /// The information assets the duplicate hosted, with their versions before
    /// the merge.
    #[serde(default)]
    pub assets: Vec<(AssetId, i64)>,
}

/// An agreement the duplicate was a party to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedMembership {
    /// The agreement.
    pub agreement_id: AgreementId,
    /// Its version before the merge.
    pub version: i64,
    /// Whether the kept party was already a party to it.
    pub kept_was_member: bool,
}

impl Store {
    /// Merges `duplicate` into `kept`: re-points every link and agreement
    /// membership, deletes the duplicate, and logs each changed record, all in one
    /// transaction. The activities and agreements touched get a new version, so a
    /// form opened before the merge cannot save a link back to the deleted party.
    pub fn merge_parties(&mut self, kept: PartyId, duplicate: PartyId) -> Result<PartyMerge> {
        self.write(|tx| merge(tx, kept, duplicate))
    }

    /// Undoes a merge: restores the duplicate with its id and version, points its
    /// links and agreement memberships back at it, and restores the versions, in one
    /// transaction. Refuses with `Conflict` if any touched record changed since.
    pub fn undo_merge_parties(&mut self, merge: &PartyMerge) -> Result<()> {
        self.write(|tx| undo(tx, merge))
    }
}

fn party(tx: &Tx<'_>, id: PartyId) -> Result<Party> {
    select_parties(tx)?
        .into_iter()
        .find(|party| party.id == id)
        .ok_or_else(|| Error::NotFound { what: format!("party {id}") })
}

fn agreement(tx: &Tx<'_>, id: AgreementId) -> Result<Agreement> {
    select_agreements(tx)?
        .into_iter()
        .find(|agreement| agreement.id == id)
        .ok_or_else(|| Error::NotFound { what: format!("agreement {id}") })
}

fn asset(tx: &Tx<'_>, id: AssetId) -> Result<Asset> {
    select_assets(tx, Some(id))?.pop().ok_or_else(|| Error::NotFound { what: format!("asset {id}") })
}

/// Points the assets `ids` at the processor `party`, setting each one's version
/// with `version(before)`, and logs each.
fn rehost(tx: &Tx<'_>, ids: &[AssetId], party: PartyId, version: impl Fn(&Asset) -> i64) -> Result<()> {
    for &id in ids {
        let before = asset(tx, id)?;
        tx.execute(
            "UPDATE asset SET processor_id = ?2, version = ?3 WHERE id = ?1",
            (id, party, version(&before)),
        )?;
        log(tx, "asset", id.0, Some(&before), Some(&asset(tx, id)?))?;
    }
    Ok(())
}

fn ids<T: rusqlite::types::FromSql>(tx: &Tx<'_>, sql: &str, party: PartyId) -> Result<Vec<T>> {
    tx.query_rows_and_then_cached(sql, [party], |row| Ok(row.get(0)?))
}

fn merge(tx: &Tx<'_>, kept: PartyId, duplicate: PartyId) -> Result<PartyMerge> {
    if kept == duplicate {
        return Err(Error::Invalid {
            field: "Merge parties".into(),
            message: "a party cannot be merged into itself; choose two different parties".into(),
        });
    }
    party(tx, kept)?;
    let duplicate = party(tx, duplicate)?;
    let dup = duplicate.id;
    let moved_links: Vec<LinkId> = ids(tx, "SELECT id FROM link WHERE party_id = ?1 ORDER BY id", dup)?;
    let activity_ids: Vec<ActivityId> =
        ids(tx, "SELECT DISTINCT activity_id FROM link WHERE party_id = ?1 ORDER BY activity_id", dup)?;
    let agreement_ids: Vec<AgreementId> =
        ids(tx, "SELECT agreement_id FROM agreement_party WHERE party_id = ?1 ORDER BY agreement_id", dup)?;
    let mut activities = Vec::new();
    for id in activity_ids {
        let before =
            activity_record(tx, id)?.ok_or_else(|| Error::NotFound { what: format!("activity {id}") })?;
        tx.execute(
            "UPDATE link SET party_id = :kept WHERE activity_id = :activity AND party_id = :dup",
            named_params! {":kept": kept, ":activity": id, ":dup": dup},
        )?;
        tx.execute("UPDATE activity SET version = version + 1 WHERE id = ?1", [id])?;
        log(tx, "activity", id.0, Some(&before), activity_record(tx, id)?.as_ref())?;
        activities.push((id, before.activity.version));
    }
    let mut agreements = Vec::new();
    for id in agreement_ids {
        let before = agreement(tx, id)?;
        let kept_was_member = before.fields.parties.contains(&kept);
        tx.execute("DELETE FROM agreement_party WHERE agreement_id = ?1 AND party_id = ?2", (id, dup))?;
        tx.execute(
            "INSERT OR IGNORE INTO agreement_party (agreement_id, party_id) VALUES (?1, ?2)",
            (id, kept),
        )?;
        tx.execute("UPDATE agreement SET version = version + 1 WHERE id = ?1", [id])?;
        log(tx, "agreement", id.0, Some(&before), Some(&agreement(tx, id)?))?;
        agreements.push(MergedMembership { agreement_id: id, version: before.version, kept_was_member });
    }
    let hosted: Vec<AssetId> = ids(tx, "SELECT id FROM asset WHERE processor_id = ?1 ORDER BY id", dup)?;
    let assets = hosted.iter().map(|&id| Ok((id, asset(tx, id)?.version))).collect::<Result<Vec<_>>>()?;
    rehost(tx, &hosted, kept, |before| before.version + 1)?;
    tx.execute("DELETE FROM party WHERE id = ?1", [dup])?;
    log(tx, "party", dup.0, Some(&duplicate), None)?;
    Ok(PartyMerge { kept, duplicate, moved_links, activities, agreements, assets })
}

fn version_of(tx: &Tx<'_>, table: &str, id: i64) -> Result<Option<i64>> {
    Ok(tx.try_query_one(&format!("SELECT version FROM {table} WHERE id = ?1"), [id])?)
}

/// Refuses the undo if any record the merge touched changed since.
fn check_unchanged(tx: &Tx<'_>, merge: &PartyMerge) -> Result<()> {
    let conflict = |what: String| Err(Error::Conflict { what });
    for &(id, version) in &merge.activities {
        if version_of(tx, "activity", id.0)? != Some(version + 1) {
            return conflict(format!("activity {id}"));
        }
    }
    for membership in &merge.agreements {
        let id = membership.agreement_id;
        if version_of(tx, "agreement", id.0)? != Some(membership.version + 1) {
            return conflict(format!("agreement {id}"));
        }
    }
    for &(id, version) in &merge.assets {
        if version_of(tx, "asset", id.0)? != Some(version + 1) {
            return conflict(format!("asset {id}"));
        }
    }
    for link in &merge.moved_links {
        let party: Option<PartyId> = tx.try_query_one("SELECT party_id FROM link WHERE id = ?1", [link])?;
        if party != Some(merge.kept) {
            return conflict(format!("link {link}"));
        }
    }
    Ok(())
}

fn undo(tx: &Tx<'_>, merge: &PartyMerge) -> Result<()> {
    check_unchanged(tx, merge)?;
    let dup = &merge.duplicate;
    tx.execute(
        "INSERT INTO party (id, version, name, kind, country, contact, notes, internal_service_id)
         VALUES (:id, :version, :name, :kind, :country, :contact, :notes, :service)",
        named_params! {
            ":id": dup.id, ":version": dup.version, ":name": dup.fields.name, ":kind": dup.fields.kind.code(),
            ":country": dup.fields.country, ":contact": dup.fields.contact, ":notes": dup.fields.notes,
            ":service": dup.fields.internal_service,
        },
    )
    .map_err(|e| {
        if is_unique_violation(&e) {
            Error::Duplicate { what: "party", name: dup.fields.name.clone() }
        } else {
            e.into()
        }
    })?;
    log(tx, "party", dup.id.0, None, Some(dup))?;
    for &(id, version) in &merge.activities {
        let before = activity_record(tx, id)?;
        for link in &merge.moved_links {
            tx.execute(
                "UPDATE link SET party_id = :dup WHERE id = :link AND activity_id = :activity",
                named_params! {":dup": dup.id, ":link": link, ":activity": id},
            )?;
        }
        tx.execute("UPDATE activity SET version = ?2 WHERE id = ?1", (id, version))?;
        log(tx, "activity", id.0, before.as_ref(), activity_record(tx, id)?.as_ref())?;
    }
    for membership in &merge.agreements {
        let id = membership.agreement_id;
        let before = agreement(tx, id)?;
        tx.execute("INSERT INTO agreement_party (agreement_id, party_id) VALUES (?1, ?2)", (id, dup.id))?;
        if !membership.kept_was_member {
            tx.execute(
                "DELETE FROM agreement_party WHERE agreement_id = ?1 AND party_id = ?2",
                (id, merge.kept),
            )?;
        }
        tx.execute("UPDATE agreement SET version = ?2 WHERE id = ?1", (id, membership.version))?;
        log(tx, "agreement", id.0, Some(&before), Some(&agreement(tx, id)?))?;
    }
    for &(id, version) in &merge.assets {
        rehost(tx, &[id], dup.id, |_| version)?;
    }
    Ok(())
}
