//! A whole register as versioned JSON, for backup and for exchange between partner
//! organisations; importing one merges it into the open register, matching
//! services and parties by name.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::text::name_key;
use super::{
    OrganisationEdit, Plan, PlannedActivity, PlannedAgreement, PlannedAsset, PlannedDpia, PlannedLink,
    PlannedParty, Ref, Report,
};
use crate::model::{
    ActivityId, AgreementId, DpiaAnswers, DpiaId, Link, LogHead, PartyId, Register, ServiceId,
    records_from_answers,
};
use crate::{Error, Result};

/// The `format` field of every file this module writes.
pub const FORMAT: &str = "ropa-register";

/// The version of the JSON layout this build writes. Version 2 (schema version
/// 6) holds DPIAs as records (`register.dpias`); version 1 files, whose
/// activities carry their DPIA answers, are still read.
pub const VERSION: u32 = 2;

/// What a JSON register file holds.
#[derive(Debug, Serialize, Deserialize)]
struct Envelope<R> {
    format: String,
    version: u32,
    /// The change log's head when the register was read (`head N:HEX`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    log_head: Option<LogHead>,
    register: R,
}

/// The register as pretty-printed, versioned JSON, in canonical form (see
/// [`canonical`]) so that the same register always gives the same bytes.
pub fn to_json(register: &Register) -> Result<String> {
    to_json_with_head(register, None)
}

/// [`to_json`], carrying the change log's head (`"log_head": "head N:HEX"`) when
/// it is given, so that `ropa verify --head` can check the register against it.
pub fn to_json_with_head(register: &Register, log_head: Option<&LogHead>) -> Result<String> {
    let register = canonical(register);
    let envelope = Envelope {
        format: FORMAT.to_string(),
        version: VERSION,
        log_head: log_head.cloned(),
        register: &register,
    };
    serde_json::to_string_pretty(&envelope)
        .map_err(|e| Error::Invalid { field: "JSON export".into(), message: e.to_string() })
}

/// Reads a JSON register file written by [`to_json`].
pub fn from_json(bytes: &[u8], file: &str) -> Result<Register> {
    let fail = |message: String| Error::Import { file: file.to_string(), message };
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    let header: Header =
        serde_json::from_slice(bytes).map_err(|e| fail(format!("it is not a JSON register file ({e})")))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(fail(format!(
            "it is not a ROPA Register JSON file (its \"format\" is not \"{FORMAT}\")"
        )));
    }
    match header.version {
        Some(1 | VERSION) => {}
        Some(newer) if newer > VERSION => {
            return Err(fail(format!(
                "it was written by a newer version of ROPA Register (JSON version {newer}); update the app"
            )));
        }
        other => return Err(fail(format!("its JSON version {other:?} is not one this app reads"))),
    }
    let envelope: Envelope<Register> = serde_json::from_slice(bytes)
        .map_err(|e| fail(format!("its content does not match the register layout ({e})")))?;
    let mut register = envelope.register;
    if register.dpias.is_empty() {
        register.dpias = legacy_dpias(bytes, &register);
    }
    Ok(register)
}

/// DPIA records for a file written before DPIAs were records, whose activities
/// carry their answers (`fields.dpia`); made as migration 5 -> 6 makes them.
fn legacy_dpias(bytes: &[u8], register: &Register) -> Vec<crate::model::Dpia> {
    #[derive(Deserialize)]
    struct File {
        register: Activities,
    }
    #[derive(Deserialize)]
    struct Activities {
        #[serde(default)]
        activities: Vec<Entry>,
    }
    #[derive(Deserialize)]
    struct Entry {
        id: ActivityId,
        fields: Fields,
    }
    #[derive(Deserialize)]
    struct Fields {
        #[serde(default)]
        dpia: Option<DpiaAnswers>,
    }
    let Ok(file) = serde_json::from_slice::<File>(bytes) else { return Vec::new() };
    let answers: HashMap<ActivityId, DpiaAnswers> =
        file.register.activities.into_iter().filter_map(|e| Some((e.id, e.fields.dpia?))).collect();
    let answered = register
        .activities
        .iter()
        .filter_map(|a| answers.get(&a.id).map(|said| (a.id, a.fields.name.as_str(), said)));
    records_from_answers(answered)
        .into_iter()
        .enumerate()
        .map(|(at, fields)| crate::model::Dpia { id: DpiaId(at as i64 + 1), version: 1, fields })
        .collect()
}

/// A plan merging `incoming` into `register`: services and parties with the same
/// name (ignoring case and punctuation) are reused, everything else is created;
/// an activity whose service and name already exist is rejected.
///
/// Nothing is dropped silently: a record naming a service, party, agreement or
/// activity the file does not hold (or one rejected itself) is a rejected row
/// that names the record and the missing id, so every activity and link of the
/// file is either planned or rejected.
pub fn merge_plan(incoming: &Register, register: &Register, file: &str) -> Plan {
    let mut plan = Plan { report: Report::new(file), ..Plan::default() };
    if register.activities.is_empty() && register.organisation == Default::default() {
        plan.organisation = Some(OrganisationEdit {
            base: register.organisation.clone(),
            edited: incoming.organisation.clone(),
        });
    }
    let services = plan_services(incoming, register, &mut plan);
    let parties = plan_parties(incoming, register, &services, &mut plan);
    let agreements = plan_agreements(incoming, &parties, &mut plan);
    plan_assets(incoming, register, &parties, &mut plan);
    reject_orphan_links(incoming, &mut plan);
    let existing: HashSet<(String, String)> = register
        .activities
        .iter()
        .map(|a| (name_key(register.service_name(a.fields.service_id)), name_key(&a.fields.name)))
        .collect();
    let lookup = incoming.lookup();
    let mut planned_at: HashMap<ActivityId, Ref<ActivityId>> = HashMap::new();
    let existing_ids: HashMap<(String, String), ActivityId> = register
        .activities
        .iter()
        .map(|a| ((name_key(register.service_name(a.fields.service_id)), name_key(&a.fields.name)), a.id))
        .collect();
    for (index, activity) in incoming.activities.iter().enumerate() {
        let row = Some(index + 1);
        let service_name = lookup.service_name(activity.fields.service_id);
        let key = (name_key(service_name), name_key(&activity.fields.name));
        if existing.contains(&key) {
            // Its DPIAs in the file cover the register's activity of that name.
            if let Some(&id) = existing_ids.get(&key) {
                planned_at.insert(activity.id, Ref::Existing(id));
            }
            plan.report.reject(
                row,
                None,
                format!(
                    "activity \"{}\" already exists in \"{service_name}\"; not imported",
                    activity.fields.name
                ),
            );
            continue;
        }
        let planned = services
            .get(&activity.fields.service_id)
            .copied()
            .ok_or_else(|| format!("names service {}, which is not in the file", activity.fields.service_id))
            .and_then(|service| {
                let links = lookup
                    .links_of(activity.id)
                    .iter()
                    .map(|link| plan_link(link, &parties, &agreements))
                    .collect::<Result<_, String>>()?;
                Ok(PlannedActivity {
                    row,
                    service,
                    fields: activity.fields.clone(),
                    links,
                    dpia: DpiaAnswers::default(),
                })
            });
        match planned {
            Ok(planned) => {
                planned_at.insert(activity.id, Ref::New(plan.activities.len()));
                plan.activities.push(planned);
            }
            Err(reason) => plan.report.reject(
                row,
                None,
                format!("activity {} \"{}\" {reason}; not imported", activity.id, activity.fields.name),
            ),
        }
    }
    plan_dpias(incoming, register, &planned_at, &mut plan);
    plan
}

/// The file's DPIAs, each covering those of its activities the plan imports or
/// the register already holds (by service and name); an activity left out is a
/// warning naming the DPIA, and a DPIA left covering nothing is not imported.
/// A DPIA whose title the register already has is the register's, left as it is.
fn plan_dpias(
    incoming: &Register,
    register: &Register,
    planned_at: &HashMap<ActivityId, Ref<ActivityId>>,
    plan: &mut Plan,
) {
    let titles: HashSet<String> = register.dpias.iter().map(|d| name_key(&d.fields.title)).collect();
    for dpia in &incoming.dpias {
        let activities: Vec<Ref<ActivityId>> =
            dpia.fields.activities.iter().filter_map(|id| planned_at.get(id).copied()).collect();
        if titles.contains(&name_key(&dpia.fields.title)) {
            // Merged again into the register it came from: the register's own.
            if activities.iter().all(|covered| matches!(covered, Ref::Existing(_))) {
                plan.report.warn(
                    None,
                    None,
                    format!("DPIA \"{}\" is in the register already; kept as it is there", dpia.fields.title),
                );
                continue;
            }
            plan.report.warn(
                None,
                None,
                format!(
                    "a DPIA called \"{}\" is in the register already; this one covers activities new to it, so it is imported as another record",
                    dpia.fields.title
                ),
            );
        }
        let left_out = dpia.fields.activities.len() - activities.len();
        if left_out > 0 && !activities.is_empty() {
            plan.report.warn(
                None,
                None,
                format!(
                    "DPIA \"{}\" covers {left_out} activit{} of the file that {} not imported; it is imported covering the other {}",
                    dpia.fields.title,
                    if left_out == 1 { "y" } else { "ies" },
                    if left_out == 1 { "is" } else { "are" },
                    activities.len()
                ),
            );
        }
        if activities.is_empty() && !dpia.fields.activities.is_empty() {
            plan.report.warn(
                None,
                None,
                format!(
                    "DPIA \"{}\" covers only activities that are not imported; not imported",
                    dpia.fields.title
                ),
            );
            continue;
        }
        plan.dpias.push(PlannedDpia { fields: dpia.fields.clone(), activities });
    }
}

/// The file's assets the register does not have (by name), with their processor.
fn plan_assets(
    incoming: &Register,
    register: &Register,
    parties: &HashMap<PartyId, Ref<PartyId>>,
    plan: &mut Plan,
) {
    for asset in &incoming.assets {
        if register.asset_named(&asset.fields.name).is_some() {
            continue;
        }
        let processor = match asset.fields.hosting.processor() {
            None => None,
            Some(party) => match parties.get(&party) {
                Some(&target) => Some(target),
                None => {
                    plan.report.reject(
                        None,
                        None,
                        format!(
                            "asset {} \"{}\" is hosted by party {party}, which is not in the file; not imported",
                            asset.id, asset.fields.name
                        ),
                    );
                    continue;
                }
            },
        };
        plan.assets.push(PlannedAsset { fields: asset.fields.clone(), processor });
    }
}

/// The planned link, or why it cannot be planned.
fn plan_link(
    link: &Link,
    parties: &HashMap<PartyId, Ref<PartyId>>,
    agreements: &HashMap<AgreementId, Ref<AgreementId>>,
) -> Result<PlannedLink, String> {
    let party = parties.get(&link.fields.party_id).copied().ok_or_else(|| {
        format!(
            "has link {} to party {}, which is not in the file or was rejected",
            link.id, link.fields.party_id
        )
    })?;
    let agreement = link
        .fields
        .agreement_id
        .map(|id| {
            agreements.get(&id).copied().ok_or_else(|| {
                format!("has link {} under agreement {id}, which is not in the file or was rejected", link.id)
            })
        })
        .transpose()?;
    Ok(PlannedLink { party, agreement, fields: link.fields.clone() })
}

/// Rejects every link whose activity is not in the file.
fn reject_orphan_links(incoming: &Register, plan: &mut Plan) {
    let activities: HashSet<ActivityId> = incoming.activities.iter().map(|a| a.id).collect();
    for link in incoming.links.iter().filter(|link| !activities.contains(&link.activity_id)) {
        plan.report.reject(
            None,
            None,
            format!(
                "link {} names activity {}, which is not in the file; not imported",
                link.id, link.activity_id
            ),
        );
    }
}

fn plan_services(
    incoming: &Register,
    register: &Register,
    plan: &mut Plan,
) -> HashMap<ServiceId, Ref<ServiceId>> {
    let known: HashMap<String, ServiceId> =
        register.services.iter().map(|s| (name_key(&s.fields.name), s.id)).collect();
    incoming
        .services
        .iter()
        .map(|service| {
            let target = match known.get(&name_key(&service.fields.name)) {
                Some(&id) => Ref::Existing(id),
                None => {
                    plan.services.push(service.fields.clone());
                    Ref::New(plan.services.len() - 1)
                }
            };
            (service.id, target)
        })
        .collect()
}

fn plan_parties(
    incoming: &Register,
    register: &Register,
    services: &HashMap<ServiceId, Ref<ServiceId>>,
    plan: &mut Plan,
) -> HashMap<PartyId, Ref<PartyId>> {
    let known: HashMap<String, (PartyId, &str)> =
        register.parties.iter().map(|p| (name_key(&p.fields.name), (p.id, p.fields.name.as_str()))).collect();
    let mut planned = HashMap::new();
    for party in &incoming.parties {
        let target = match known.get(&name_key(&party.fields.name)) {
            Some(&(id, name)) => {
                plan.matched_parties.push((party.fields.name.clone(), name.to_string()));
                Ref::Existing(id)
            }
            None => {
                let internal_service = match party.fields.internal_service {
                    None => None,
                    Some(id) => match services.get(&id) {
                        Some(&service) => Some(service),
                        None => {
                            plan.report.reject(
                                None,
                                None,
                                format!(
                                    "party {} \"{}\" stands for service {id}, which is not in the file; not imported",
                                    party.id, party.fields.name
                                ),
                            );
                            continue;
                        }
                    },
                };
                plan.parties.push(PlannedParty { fields: party.fields.clone(), internal_service });
                Ref::New(plan.parties.len() - 1)
            }
        };
        planned.insert(party.id, target);
    }
    planned
}

fn plan_agreements(
    incoming: &Register,
    parties: &HashMap<PartyId, Ref<PartyId>>,
    plan: &mut Plan,
) -> HashMap<AgreementId, Ref<AgreementId>> {
    let mut planned = HashMap::new();
    for agreement in &incoming.agreements {
        let members: Result<Vec<_>, PartyId> =
            agreement.fields.parties.iter().map(|p| parties.get(p).copied().ok_or(*p)).collect();
        match members {
            Ok(members) => {
                plan.agreements.push(PlannedAgreement { fields: agreement.fields.clone(), parties: members });
                planned.insert(agreement.id, Ref::New(plan.agreements.len() - 1));
            }
            Err(missing) => plan.report.reject(
                None,
                None,
                format!(
                    "agreement {} \"{}\" names party {missing}, which is not in the file or was rejected; not imported",
                    agreement.id, agreement.fields.title
                ),
            ),
        }
    }
    planned
}

/// The register with ids renumbered 1, 2, 3... in display order and every record
/// version set to 1. Ids and versions are local to one database file; renumbering
/// makes a register exported, imported elsewhere and exported again give
/// identical files.
pub fn canonical(register: &Register) -> Register {
    fn renumber<Id: Copy + Eq + std::hash::Hash>(
        ids: impl Iterator<Item = Id>,
        make: fn(i64) -> Id,
    ) -> HashMap<Id, Id> {
        ids.enumerate().map(|(index, id)| (id, make(index as i64 + 1))).collect()
    }
    let services = renumber(register.services.iter().map(|s| s.id), ServiceId);
    let parties = renumber(register.parties.iter().map(|p| p.id), PartyId);
    let agreements = renumber(register.agreements.iter().map(|a| a.id), AgreementId);
    let activities = renumber(register.activities.iter().map(|a| a.id), crate::model::ActivityId);
    let mut links: Vec<_> =
        register.links.iter().filter(|l| activities.contains_key(&l.activity_id)).collect();
    let party_names: HashMap<PartyId, String> =
        register.parties.iter().map(|p| (p.id, p.fields.name.to_lowercase())).collect();
    links.sort_by_cached_key(|link| {
        (
            activities[&link.activity_id],
            std::cmp::Reverse(link.fields.direction),
            party_names.get(&link.fields.party_id).cloned().unwrap_or_default(),
        )
    });
    let mut out = register.clone();
    for service in &mut out.services {
        service.id = services[&service.id];
    }
    for party in &mut out.parties {
        party.id = parties[&party.id];
        party.version = 1;
        party.fields.internal_service = party.fields.internal_service.and_then(|s| services.get(&s).copied());
    }
    for agreement in &mut out.agreements {
        agreement.id = agreements[&agreement.id];
        agreement.version = 1;
        agreement.fields.parties =
            agreement.fields.parties.iter().filter_map(|p| parties.get(p).copied()).collect();
    }
    for (index, asset) in out.assets.iter_mut().enumerate() {
        asset.id = crate::model::AssetId(index as i64 + 1);
        asset.version = 1;
        if let crate::model::Hosting::Processor { party } = &mut asset.fields.hosting {
            *party = parties.get(party).copied().unwrap_or(PartyId(0));
        }
    }
    for (index, dpia) in out.dpias.iter_mut().enumerate() {
        dpia.id = DpiaId(index as i64 + 1);
        dpia.version = 1;
        dpia.fields.activities =
            dpia.fields.activities.iter().filter_map(|a| activities.get(a).copied()).collect();
    }
    for activity in &mut out.activities {
        activity.id = activities[&activity.id];
        activity.version = 1;
        activity.fields.service_id =
            services.get(&activity.fields.service_id).copied().unwrap_or(ServiceId(0));
    }
    out.links = links
        .into_iter()
        .enumerate()
        .map(|(index, link)| {
            let mut link = link.clone();
            link.id = crate::model::LinkId(index as i64 + 1);
            link.activity_id = activities[&link.activity_id];
            link.fields.party_id = parties.get(&link.fields.party_id).copied().unwrap_or(PartyId(0));
            link.fields.agreement_id = link.fields.agreement_id.and_then(|a| agreements.get(&a).copied());
            link
        })
        .collect();
    out
}
