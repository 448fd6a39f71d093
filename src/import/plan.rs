//! A plan of what an import will create, and applying it in one transaction.

use crate::Result;
use crate::model::{
    ActivityFields, ActivityId, AgreementFields, AgreementId, AssetFields, DpiaAnswers, DpiaFields, Hosting,
    LinkDraft, LinkFields, Organisation, PartyFields, PartyId, ServiceFields, ServiceId,
    records_from_answers,
};
use crate::store::{Batch, Store};

use super::Report;

/// A record that exists already or is created by the same plan (by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ref<Id> {
    /// A record already in the register.
    Existing(Id),
    /// The record at this index in the plan's list of new records.
    New(usize),
}

/// A party to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedParty {
    /// Its fields (`internal_service` is set from `internal_service` below).
    pub fields: PartyFields,
    /// The service it stands for, when it is one of the register's services.
    pub internal_service: Option<Ref<ServiceId>>,
}

/// An agreement to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedAgreement {
    /// Its fields (`parties` is set from `parties` below).
    pub fields: AgreementFields,
    /// The parties to it.
    pub parties: Vec<Ref<PartyId>>,
}

/// An information asset to create with what the file says of it. (An asset an
/// activity names that neither the file nor the register describes is made
/// bare when the activity lands.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedAsset {
    /// Its fields (a processor's `hosting` is set from `processor` below).
    pub fields: AssetFields,
    /// The processor hosting it, when one does.
    pub processor: Option<Ref<PartyId>>,
}

/// A link of a planned activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedLink {
    /// The party at the other end.
    pub party: Ref<PartyId>,
    /// The agreement governing it.
    pub agreement: Option<Ref<AgreementId>>,
    /// Its fields (`party_id` and `agreement_id` are set from the refs above).
    pub fields: LinkFields,
}

/// An activity to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedActivity {
    /// Row of the file it came from.
    pub row: Option<usize>,
    /// Its service.
    pub service: Ref<ServiceId>,
    /// Its fields (`service_id` is set from `service`).
    pub fields: ActivityFields,
    /// Its sources and recipients.
    pub links: Vec<PlannedLink>,
    /// Its DPIA as the ICO template's columns answer it; made into DPIA records
    /// when the plan lands (see [`Plan::dpias`]).
    pub dpia: DpiaAnswers,
}

/// A DPIA to create with what the file says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedDpia {
    /// Its fields (`activities` is set from `activities` below).
    pub fields: DpiaFields,
    /// The activities it covers: the register's, or new ones by index in
    /// [`Plan::activities`].
    pub activities: Vec<Ref<ActivityId>>,
}

/// A change to the organisation profile: the profile the import read and the
/// profile it wants. Applied as an edit of `base`, so a field the file does not
/// set keeps whatever is saved when the import lands, even if someone saved it
/// after the file was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationEdit {
    /// The profile as read when the plan was made.
    pub base: Organisation,
    /// The profile with the file's details.
    pub edited: Organisation,
}

/// Everything an import will do, shown as a preview before it is applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The file's organisation details, when it has any.
    pub organisation: Option<OrganisationEdit>,
    /// Services to create.
    pub services: Vec<ServiceFields>,
    /// Parties to create.
    pub parties: Vec<PlannedParty>,
    /// Agreements to create.
    pub agreements: Vec<PlannedAgreement>,
    /// Information assets to create.
    pub assets: Vec<PlannedAsset>,
    /// Activities to create.
    pub activities: Vec<PlannedActivity>,
    /// DPIAs the file describes as records. An activity none of them covers
    /// gets DPIA records made from its answers (`PlannedActivity::dpia`).
    pub dpias: Vec<PlannedDpia>,
    /// Parties matched to existing records (file name, register name).
    pub matched_parties: Vec<(String, String)>,
    /// Warnings and rejected rows.
    pub report: Report,
}

impl Plan {
    /// Every DPIA the plan makes: the file's records, then records made from
    /// the answers of the activities none of those covers.
    pub fn all_dpias(&self) -> Vec<PlannedDpia> {
        let covered: std::collections::HashSet<usize> = self
            .dpias
            .iter()
            .flat_map(|d| d.activities.iter())
            .filter_map(|covered| match covered {
                Ref::New(at) => Some(*at),
                Ref::Existing(_) => None,
            })
            .collect();
        let answered = self
            .activities
            .iter()
            .enumerate()
            .filter(|(at, _)| !covered.contains(at))
            .map(|(at, activity)| (ActivityId(at as i64), activity.fields.name.as_str(), &activity.dpia));
        let made = records_from_answers(answered).into_iter().map(|fields| PlannedDpia {
            activities: fields.activities.iter().map(|id| Ref::New(id.0 as usize)).collect(),
            fields: DpiaFields { activities: Vec::new(), ..fields },
        });
        self.dpias.iter().cloned().chain(made).collect()
    }

    /// Number of links the plan creates.
    pub fn link_count(&self) -> usize {
        self.activities.iter().map(|activity| activity.links.len()).sum()
    }

    /// A one-line summary for the preview, e.g. "12 activities, 3 services, ...".
    pub fn summary(&self) -> String {
        format!(
            "{} activities, {} new services, {} new parties ({} matched to existing), {} agreements, {}{}{} links; {} rows rejected, {} warnings",
            self.activities.len(),
            self.services.len(),
            self.parties.len(),
            self.matched_parties.len(),
            self.agreements.len(),
            if self.assets.is_empty() {
                String::new()
            } else {
                format!("{} new information assets, ", self.assets.len())
            },
            match self.all_dpias().len() {
                0 => String::new(),
                count => format!("{count} DPIAs, "),
            },
            self.link_count(),
            self.report.rejected.len(),
            self.report.warnings.len(),
        )
    }
}

/// Applies `plan` to `store` in one transaction: all of it lands, or none of it.
pub fn apply(plan: &Plan, store: &mut Store) -> Result<()> {
    store.batch_adding(plan.activities.len(), false, |batch| apply_in(plan, batch))
}

/// Runs exactly what [`apply`] runs, in one transaction that is then rolled back:
/// `Ok` means the real import would land, and the register is unchanged either way.
pub fn dry_run(plan: &Plan, store: &mut Store) -> Result<()> {
    store.batch_adding(plan.activities.len(), true, |batch| apply_in(plan, batch))
}

fn apply_in(plan: &Plan, batch: &Batch<'_>) -> Result<()> {
    if let Some(edit) = &plan.organisation {
        batch.edit_organisation(&edit.base, &edit.edited)?;
    }
    let services: Vec<ServiceId> =
        plan.services.iter().map(|s| batch.insert_service(s)).collect::<Result<_>>()?;
    let mut parties = Vec::with_capacity(plan.parties.len());
    for party in &plan.parties {
        let internal_service = party.internal_service.map(|r| resolve(r, &services)).transpose()?;
        parties.push(batch.insert_party(&PartyFields { internal_service, ..party.fields.clone() })?);
    }
    let mut agreements = Vec::with_capacity(plan.agreements.len());
    for agreement in &plan.agreements {
        let members = agreement.parties.iter().map(|&p| resolve(p, &parties)).collect::<Result<_>>()?;
        agreements
            .push(batch.insert_agreement(&AgreementFields { parties: members, ..agreement.fields.clone() })?);
    }
    for asset in &plan.assets {
        let hosting = match asset.processor {
            Some(processor) => Hosting::Processor { party: resolve(processor, &parties)? },
            None => asset.fields.hosting,
        };
        batch.insert_asset(&AssetFields { hosting, ..asset.fields.clone() })?;
    }
    let mut created = Vec::with_capacity(plan.activities.len());
    for activity in &plan.activities {
        let fields =
            ActivityFields { service_id: resolve(activity.service, &services)?, ..activity.fields.clone() };
        let mut links = Vec::with_capacity(activity.links.len());
        for link in &activity.links {
            let fields = LinkFields {
                party_id: resolve(link.party, &parties)?,
                agreement_id: link.agreement.map(|a| resolve(a, &agreements)).transpose()?,
                ..link.fields.clone()
            };
            links.push(LinkDraft { id: None, fields });
        }
        created.push(batch.insert_activity(&fields, &links)?);
    }
    insert_dpias(plan, &created, batch)
}

/// Inserts every DPIA the plan makes ([`Plan::all_dpias`]), covering the
/// register's activities it names and the activities just created.
fn insert_dpias(plan: &Plan, created: &[ActivityId], batch: &Batch<'_>) -> Result<()> {
    for dpia in plan.all_dpias() {
        let activities =
            dpia.activities.iter().map(|&covered| resolve(covered, created)).collect::<Result<_>>()?;
        batch.insert_dpia(&DpiaFields { activities, ..dpia.fields })?;
    }
    Ok(())
}

fn resolve<Id: Copy>(reference: Ref<Id>, created: &[Id]) -> Result<Id> {
    match reference {
        Ref::Existing(id) => Ok(id),
        Ref::New(index) => created.get(index).copied().ok_or_else(|| crate::Error::Invalid {
            field: "Import plan".into(),
            message: format!("refers to new record {index}, which the plan does not hold"),
        }),
    }
}
