//! What an import will write, item by item, for the preview in the app and for
//! `ropa import --dry-run`: each activity with its row, each service and party as
//! new or matched to which existing record, and the organisation details taken.
//! The warnings and rejections of each row are the plan's [`Report`](super::Report).

use super::contacts::organisation_changes;
use super::{Plan, Ref};
use crate::model::Register;

/// Whether an item is created or matched to a record already in the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// Created by the import.
    New,
    /// Matched to the existing record of this name.
    Matched(String),
}

impl Fate {
    /// "new" or "matched to \"NAME\"".
    pub fn describe(&self) -> String {
        match self {
            Self::New => "new".to_string(),
            Self::Matched(name) => format!("matched to \"{name}\""),
        }
    }
}

/// Every asset the plan describes or its activities name, each once, in the
/// order met: matched to the register's asset of that name, or new (described by
/// the file, or made bare from the name).
fn assets(plan: &Plan, register: &Register) -> Vec<(String, Fate, Option<String>)> {
    let mut seen = std::collections::HashSet::new();
    let described = plan.assets.iter().map(|a| a.fields.name.as_str());
    let named = plan.activities.iter().flat_map(|a| a.fields.systems.iter().map(String::as_str));
    let mut out = Vec::new();
    for name in described.chain(named).map(str::trim).filter(|name| !name.is_empty()) {
        if !seen.insert(name.to_lowercase()) {
            continue;
        }
        let line = match register.asset_named(name) {
            Some(existing) => (name.to_string(), Fate::Matched(existing.fields.name.clone()), None),
            None => {
                let planned = plan.assets.iter().find(|a| a.fields.name.trim().eq_ignore_ascii_case(name));
                let detail = match planned {
                    Some(a) if a.fields.has_owner() => format!("owner {}", a.fields.owner_name.trim()),
                    Some(_) => "no owner given".to_string(),
                    None => "named by an activity, nothing else recorded".to_string(),
                };
                (name.to_string(), Fate::New, Some(detail))
            }
        };
        out.push(line);
    }
    out
}

/// One activity the import writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityLine {
    /// The row it came from.
    pub row: Option<usize>,
    /// Its name.
    pub name: String,
    /// Its service's name.
    pub service: String,
    /// Its service: new or matched.
    pub service_fate: Fate,
    /// How many sources and recipients it links to.
    pub links: usize,
}

/// The whole preview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// The activities, in file order (every one is new: a duplicate is rejected).
    pub activities: Vec<ActivityLine>,
    /// Services by name, new or matched.
    pub services: Vec<(String, Fate)>,
    /// Parties by the file's name, new (with the kind guessed) or matched.
    pub parties: Vec<(String, Fate, Option<String>)>,
    /// The organisation's details the import changes ("controller: name, email").
    pub organisation: Vec<String>,
    /// Agreements to create: (title, kind, number of parties).
    pub agreements: Vec<(String, String, usize)>,
    /// Links to create, over every activity.
    pub links: usize,
    /// Information assets the import names: (name, new or matched, what the
    /// file says of a new one: its owner, or that nothing is described).
    pub assets: Vec<(String, Fate, Option<String>)>,
    /// DPIAs to create: (title, status, number of activities covered).
    pub dpias: Vec<(String, String, usize)>,
    /// The plan's one-line summary ([`Plan::summary`]), worked out once.
    pub summary: String,
}

impl Preview {
    /// The preview of `plan` against the `register` it will be applied to.
    pub fn of(plan: &Plan, register: &Register) -> Self {
        let service_name = |service: Ref<crate::model::ServiceId>| match service {
            Ref::Existing(id) => {
                (register.service_name(id).to_string(), Fate::Matched(register.service_name(id).to_string()))
            }
            Ref::New(index) => {
                (plan.services.get(index).map(|s| s.name.clone()).unwrap_or_default(), Fate::New)
            }
        };
        let activities: Vec<ActivityLine> = plan
            .activities
            .iter()
            .map(|activity| {
                let (service, service_fate) = service_name(activity.service);
                ActivityLine {
                    row: activity.row,
                    name: activity.fields.name.clone(),
                    service,
                    service_fate,
                    links: activity.links.len(),
                }
            })
            .collect();
        let mut services: Vec<(String, Fate)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for line in &activities {
            if seen.insert(line.service.as_str()) {
                services.push((line.service.clone(), line.service_fate.clone()));
            }
        }
        let mut parties: Vec<(String, Fate, Option<String>)> = plan
            .parties
            .iter()
            .map(|p| (p.fields.name.clone(), Fate::New, Some(p.fields.kind.label().to_string())))
            .collect();
        parties.extend(
            plan.matched_parties
                .iter()
                .map(|(file, existing)| (file.clone(), Fate::Matched(existing.clone()), None)),
        );
        let organisation = plan
            .organisation
            .as_ref()
            .map(|o| organisation_changes(&register.organisation, &o.edited))
            .unwrap_or_default();
        let agreements = plan
            .agreements
            .iter()
            .map(|a| (a.fields.title.clone(), a.fields.kind.label().to_string(), a.parties.len()))
            .collect();
        let assets = assets(plan, register);
        let dpias = plan
            .all_dpias()
            .into_iter()
            .map(|d| (d.fields.title, d.fields.status.label().to_string(), d.activities.len()))
            .collect();
        Self {
            activities,
            services,
            parties,
            agreements,
            links: plan.link_count(),
            organisation,
            assets,
            dpias,
            summary: plan.summary(),
        }
    }

    /// The preview as lines of text, as `ropa import --dry-run` prints it.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.organisation.is_empty() {
            lines.push("organisation details: none taken from the file".to_string());
        }
        lines.extend(
            self.organisation.iter().map(|change| format!("organisation details from the file: {change}")),
        );
        for (name, fate) in &self.services {
            lines.push(format!("service \"{name}\": {}", fate.describe()));
        }
        for (name, fate, kind) in &self.parties {
            let kind = kind.as_deref().map(|k| format!(" ({k})")).unwrap_or_default();
            lines.push(format!("party \"{name}\": {}{kind}", fate.describe()));
        }
        for (title, kind, parties) in &self.agreements {
            lines.push(format!("agreement \"{title}\" ({kind}): new, {parties} parties"));
        }
        for (name, fate, detail) in &self.assets {
            let detail = detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            lines.push(format!("information asset \"{name}\": {}{detail}", fate.describe()));
        }
        for (title, status, covered) in &self.dpias {
            let plural = if *covered == 1 { "activity" } else { "activities" };
            lines.push(format!("DPIA \"{title}\" ({status}): new, covering {covered} {plural}"));
        }
        lines.push(format!("links: {} new", self.links));
        for line in &self.activities {
            let row = line.row.map(|r| format!("row {r}: ")).unwrap_or_default();
            lines.push(format!(
                "{row}activity \"{}\" in \"{}\": new, {} links",
                line.name, line.service, line.links
            ));
        }
        lines
    }
}
