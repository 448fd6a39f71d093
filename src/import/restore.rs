//! Restoring a whole register (read from a full CSV export) into a store exactly,
//! ids included, so that exporting it again gives the same file.

use std::collections::HashMap;

use crate::model::{Hosting, LinkDraft, PartyId, Register, ServiceId};
use crate::store::{Batch, Store};
use crate::{Error, Result};

/// Restores `register` (typically read from a full CSV) into `store` in one
/// transaction: all of it lands or none does. Records are inserted in id order
/// and references are mapped to the new ids, so in an empty store a register
/// whose ids run 1, 2, 3... keeps them. A reference to a record the register does
/// not hold refuses the whole restore, naming the record and the missing id.
pub fn restore(store: &mut Store, register: &Register) -> Result<()> {
    store.batch_adding(register.activities.len(), false, |batch| restore_in(batch, register))
}

/// Runs exactly what [`restore`] runs, then rolls it back: `Ok` means the restore
/// would land, and the register is unchanged either way.
pub fn restore_dry_run(store: &mut Store, register: &Register) -> Result<()> {
    store.batch_adding(register.activities.len(), true, |batch| restore_in(batch, register))
}

fn restore_in(batch: &Batch<'_>, register: &Register) -> Result<()> {
    if let Some(link) =
        register.links.iter().find(|l| !register.activities.iter().any(|a| a.id == l.activity_id))
    {
        return Err(missing(&format!("Link {}", link.id), "activity", link.activity_id.0));
    }
    batch.save_organisation(&register.organisation)?;
    let mut services = HashMap::new();
    for service in sorted(&register.services, |s| s.id) {
        services.insert(service.id, batch.insert_service(&service.fields)?);
    }
    let map_service =
        |id: ServiceId, what: &str| services.get(&id).copied().ok_or_else(|| missing(what, "service", id.0));
    let mut parties = HashMap::new();
    for party in sorted(&register.parties, |p| p.id) {
        let mut fields = party.fields.clone();
        fields.internal_service =
            fields.internal_service.map(|id| map_service(id, &party.fields.name)).transpose()?;
        parties.insert(party.id, batch.insert_party(&fields)?);
    }
    let map_party =
        |id: PartyId, what: &str| parties.get(&id).copied().ok_or_else(|| missing(what, "party", id.0));
    let mut agreements = HashMap::new();
    for agreement in sorted(&register.agreements, |a| a.id) {
        let mut fields = agreement.fields.clone();
        fields.parties =
            fields.parties.iter().map(|&id| map_party(id, &agreement.fields.title)).collect::<Result<_>>()?;
        agreements.insert(agreement.id, batch.insert_agreement(&fields)?);
    }
    for asset in sorted(&register.assets, |a| a.id) {
        let mut fields = asset.fields.clone();
        if let Hosting::Processor { party } = &mut fields.hosting {
            *party = map_party(*party, &asset.fields.name)?;
        }
        batch.insert_asset(&fields)?;
    }
    let mut activities = HashMap::new();
    for activity in sorted(&register.activities, |a| a.id) {
        let mut fields = activity.fields.clone();
        fields.service_id = map_service(fields.service_id, &fields.name)?;
        let links = sorted(&register.links, |link| link.id)
            .into_iter()
            .filter(|link| link.activity_id == activity.id)
            .map(|link| {
                let mut fields = link.fields.clone();
                fields.party_id = map_party(fields.party_id, &activity.fields.name)?;
                fields.agreement_id = match fields.agreement_id {
                    Some(id) => Some(
                        agreements
                            .get(&id)
                            .copied()
                            .ok_or_else(|| missing(&activity.fields.name, "agreement", id.0))?,
                    ),
                    None => None,
                };
                Ok(LinkDraft { id: None, fields })
            })
            .collect::<Result<Vec<_>>>()?;
        activities.insert(activity.id, batch.insert_activity(&fields, &links)?);
    }
    for dpia in sorted(&register.dpias, |d| d.id) {
        let mut fields = dpia.fields.clone();
        fields.activities = fields
            .activities
            .iter()
            .map(|id| {
                activities.get(id).copied().ok_or_else(|| missing(&dpia.fields.title, "activity", id.0))
            })
            .collect::<Result<_>>()?;
        batch.insert_dpia(&fields)?;
    }
    Ok(())
}

fn sorted<T, K: Ord>(records: &[T], key: impl Fn(&T) -> K) -> Vec<&T> {
    let mut records: Vec<&T> = records.iter().collect();
    records.sort_by_key(|record| key(record));
    records
}

fn missing(what: &str, kind: &str, id: i64) -> Error {
    Error::Invalid {
        field: what.to_string(),
        message: format!("refers to {kind} {id}, which is not in the file"),
    }
}
