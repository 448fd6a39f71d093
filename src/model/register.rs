//! The whole register in memory: what exports, checks and reports read.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{
    Activity, ActivityId, Agreement, AgreementId, Asset, ControllerStatus, Direction, Dpia, DpiaAnswers,
    Link, Organisation, Party, PartyId, Service, ServiceId, controller_key,
};

/// A consistent snapshot of a register, loaded in one read transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register {
    /// Who keeps the record.
    pub organisation: Organisation,
    /// Services, by name.
    pub services: Vec<Service>,
    /// Activities, by service name then activity name.
    pub activities: Vec<Activity>,
    /// Parties, by name.
    pub parties: Vec<Party>,
    /// Links, by activity then direction then party name.
    pub links: Vec<Link>,
    /// Agreements, by title.
    pub agreements: Vec<Agreement>,
    /// The recorded public-authority status of controllers named by services
    /// (partnership registers), by name. Absent from files written before it.
    #[serde(default)]
    pub controllers: Vec<ControllerStatus>,
    /// Information assets, by name. Absent from files written before schema
    /// version 5.
    #[serde(default)]
    pub assets: Vec<Asset>,
    /// Data protection impact assessments, by title. Absent from files written
    /// before schema version 6, whose activities carried their DPIA answers.
    #[serde(default)]
    pub dpias: Vec<Dpia>,
}

impl Register {
    /// The service with `id`.
    pub fn service(&self, id: ServiceId) -> Option<&super::Service> {
        self.services.iter().find(|service| service.id == id)
    }

    /// The party with `id`.
    pub fn party(&self, id: PartyId) -> Option<&Party> {
        self.parties.iter().find(|party| party.id == id)
    }

    /// The agreement with `id`.
    pub fn agreement(&self, id: AgreementId) -> Option<&Agreement> {
        self.agreements.iter().find(|agreement| agreement.id == id)
    }

    /// The asset called `name` (ignoring case, as the register compares names).
    pub fn asset_named(&self, name: &str) -> Option<&Asset> {
        let name = name.trim();
        self.assets.iter().find(|asset| asset.fields.name.eq_ignore_ascii_case(name))
    }

    /// The activities that name the asset called `name`, in register order.
    pub fn activities_holding<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Activity> + 'a {
        let name = name.trim();
        self.activities
            .iter()
            .filter(move |a| a.fields.systems.iter().any(|s| s.trim().eq_ignore_ascii_case(name)))
    }

    /// The DPIAs covering the activity `id`, in register order.
    pub fn dpias_covering(&self, id: ActivityId) -> impl Iterator<Item = &Dpia> + '_ {
        self.dpias.iter().filter(move |dpia| dpia.fields.covers(id))
    }

    /// The activity `id`'s DPIA as the ICO template's columns give it.
    pub fn dpia_answers(&self, id: ActivityId) -> DpiaAnswers {
        DpiaAnswers::of(self.dpias_covering(id).map(|dpia| &dpia.fields))
    }

    /// The DPIAs covering each activity, for work that asks of many activities.
    pub fn dpia_index(&self) -> DpiaIndex<'_> {
        let mut by_activity: HashMap<ActivityId, Vec<&Dpia>> = HashMap::new();
        for dpia in &self.dpias {
            for &activity in &dpia.fields.activities {
                by_activity.entry(activity).or_default().push(dpia);
            }
        }
        DpiaIndex { by_activity }
    }

    /// The DPIA with `id`.
    pub fn dpia(&self, id: crate::model::DpiaId) -> Option<&Dpia> {
        self.dpias.iter().find(|dpia| dpia.id == id)
    }

    /// The activity with `id`.
    pub fn activity(&self, id: ActivityId) -> Option<&Activity> {
        self.activities.iter().find(|activity| activity.id == id)
    }

    /// Whether the controller called `name` is a public authority, if recorded.
    pub fn controller_status(&self, name: &str) -> Option<bool> {
        let key = controller_key(name);
        self.controllers.iter().find(|c| controller_key(&c.name) == key).map(|c| c.public_authority)
    }

    /// The controllers named by services, each once, in service order (the
    /// register's own organisation is not among them).
    pub fn named_controllers(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.services
            .iter()
            .map(|s| s.fields.controller.trim())
            .filter(|name| !name.is_empty() && seen.insert(controller_key(name)))
            .collect()
    }

    /// Name of the service with `id`, or "" if there is none.
    pub fn service_name(&self, id: ServiceId) -> &str {
        self.service(id).map_or("", |service| service.fields.name.as_str())
    }

    /// Name of the party with `id`, or "" if there is none.
    pub fn party_name(&self, id: PartyId) -> &str {
        self.party(id).map_or("", |party| party.fields.name.as_str())
    }

    /// Hash indexes over the snapshot, for work that looks up many records (exports,
    /// checks): build once, then every lookup is constant time.
    pub fn lookup(&self) -> Lookup<'_> {
        let mut links_by_activity: HashMap<ActivityId, Vec<&Link>> = HashMap::new();
        for link in &self.links {
            links_by_activity.entry(link.activity_id).or_default().push(link);
        }
        Lookup {
            activities: self.activities.iter().map(|a| (a.id, a)).collect(),
            services: self.services.iter().map(|s| (s.id, s)).collect(),
            parties: self.parties.iter().map(|p| (p.id, p)).collect(),
            agreements: self.agreements.iter().map(|a| (a.id, a)).collect(),
            links_by_activity,
            dpias: self.dpia_index(),
        }
    }

    /// Every link, each activity's together in the order of the record (the
    /// register's order of activities), and each activity's in the order they
    /// were made: the order of the links tables, so that a table read back into
    /// a new register is written again row for row.
    pub fn links_in_record_order(&self) -> Vec<&Link> {
        let position: HashMap<ActivityId, usize> =
            self.activities.iter().enumerate().map(|(at, activity)| (activity.id, at)).collect();
        let mut links: Vec<&Link> = self.links.iter().collect();
        links.sort_by_key(|link| position.get(&link.activity_id).copied().unwrap_or(usize::MAX));
        links
    }

    /// The links of one activity in one direction.
    pub fn links_of(&self, activity_id: ActivityId, direction: Direction) -> impl Iterator<Item = &Link> {
        self.links
            .iter()
            .filter(move |link| link.activity_id == activity_id && link.fields.direction == direction)
    }
}

/// The DPIAs covering each activity, built by [`Register::dpia_index`].
#[derive(Debug, Default)]
pub struct DpiaIndex<'a> {
    by_activity: HashMap<ActivityId, Vec<&'a Dpia>>,
}

impl<'a> DpiaIndex<'a> {
    /// The DPIAs covering the activity `id`, in register order.
    pub fn covering(&self, id: ActivityId) -> &[&'a Dpia] {
        self.by_activity.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The activity `id`'s DPIA as the ICO template's columns give it.
    pub fn answers(&self, id: ActivityId) -> DpiaAnswers {
        DpiaAnswers::of(self.covering(id).iter().map(|dpia| &dpia.fields))
    }
}

/// Hash indexes over a [`Register`], built by [`Register::lookup`].
#[derive(Debug)]
pub struct Lookup<'a> {
    /// Activities by id.
    pub activities: HashMap<ActivityId, &'a Activity>,
    /// Services by id.
    pub services: HashMap<ServiceId, &'a Service>,
    /// Parties by id.
    pub parties: HashMap<PartyId, &'a Party>,
    /// Agreements by id.
    pub agreements: HashMap<AgreementId, &'a Agreement>,
    /// Links by activity, in register order.
    pub links_by_activity: HashMap<ActivityId, Vec<&'a Link>>,
    /// The DPIAs covering each activity.
    pub dpias: DpiaIndex<'a>,
}

impl<'a> Lookup<'a> {
    /// Name of the service with `id`, or "" if there is none.
    pub fn service_name(&self, id: ServiceId) -> &'a str {
        self.services.get(&id).map_or("", |service| service.fields.name.as_str())
    }

    /// Name of the party with `id`, or "" if there is none.
    pub fn party_name(&self, id: PartyId) -> &'a str {
        self.parties.get(&id).map_or("", |party| party.fields.name.as_str())
    }

    /// The links of the activity with `id`.
    pub fn links_of(&self, id: ActivityId) -> &[&'a Link] {
        self.links_by_activity.get(&id).map_or(&[], Vec::as_slice)
    }
}
