//! The read side in one value: everything a reader of the register needs (the
//! checks, the flows, the notices, every export), loaded by the store in one
//! read transaction (`Store::snapshot`, `Store::snapshot_as_at`,
//! `Store::snapshot_of_service`). The readers are pure functions of it, plus the
//! date and the law in force; none of them opens the store.

use std::collections::{BTreeMap, HashSet};

use super::{Acknowledgement, ActivityId, Date, ExtraText, LogHead, Register, ServiceId, Template};

/// The notice template and each service's extra texts: the notices are built with them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeTexts {
    /// The register's notice template.
    pub template: Template,
    /// Each service's extra paragraphs; a service missing here has none.
    pub extra: BTreeMap<ServiceId, ExtraText>,
}

impl NoticeTexts {
    /// The extra text of the service with `id` (empty if it has none).
    pub fn extra_of(&self, id: ServiceId) -> ExtraText {
        self.extra.get(&id).cloned().unwrap_or_default()
    }
}

/// A register and everything read with it, as one consistent value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The register (its named controllers' public-authority status in
    /// [`Register::controllers`]).
    pub register: Register,
    /// The acknowledged findings, oldest first; as at a date, only those made by then.
    pub acknowledgements: Vec<Acknowledgement>,
    /// Whether the register's own organisation is a public authority (UK GDPR
    /// Art 6(1), last sentence).
    pub public_authority: bool,
    /// The notice template and the services' extra texts.
    pub notices: NoticeTexts,
    /// The change log's head when the register was read (as at a date: the head
    /// of that day), `None` when not known (a register built in memory).
    pub log_head: Option<LogHead>,
    /// The day the register is as at; `None` for the register as it is now.
    pub as_at: Option<Date>,
}

impl Snapshot {
    /// `register` alone: no acknowledgements, its organisation a public
    /// authority, the default notice texts, no log head, as it is now.
    pub fn new(register: Register) -> Self {
        Self {
            register,
            acknowledgements: Vec::new(),
            public_authority: true,
            notices: NoticeTexts::default(),
            log_head: None,
            as_at: None,
        }
    }

    /// The snapshot narrowed to the service with `id`: its activities and their
    /// links, its extra notice text, and the acknowledgements of its activities or
    /// of no activity, the information assets its activities hold data in, and
    /// the DPIAs covering any of them (with the service's activities only).
    /// The organisation, services, parties, agreements and controllers stay
    /// whole, so that names and references still resolve.
    pub fn of_service(&self, id: ServiceId) -> Self {
        let register = &self.register;
        let activities: Vec<_> =
            register.activities.iter().filter(|a| a.fields.service_id == id).cloned().collect();
        let kept: HashSet<ActivityId> = activities.iter().map(|a| a.id).collect();
        let links = register.links.iter().filter(|l| kept.contains(&l.activity_id)).cloned().collect();
        let held: HashSet<String> = activities
            .iter()
            .flat_map(|a| &a.fields.systems)
            .map(|name| name.trim().to_ascii_lowercase())
            .collect();
        let assets = register
            .assets
            .iter()
            .filter(|a| held.contains(&a.fields.name.trim().to_ascii_lowercase()))
            .cloned()
            .collect();
        let dpias = register
            .dpias
            .iter()
            .filter(|d| d.fields.activities.iter().any(|a| kept.contains(a)))
            .map(|d| {
                let mut dpia = d.clone();
                dpia.fields.activities.retain(|a| kept.contains(a));
                dpia
            })
            .collect();
        let acknowledgements = self
            .acknowledgements
            .iter()
            .filter(|a| a.key.activity_id.is_none_or(|activity| kept.contains(&activity)))
            .cloned()
            .collect();
        let extra = self.notices.extra.get(&id).map(|text| (id, text.clone())).into_iter().collect();
        Self {
            register: Register { activities, links, assets, dpias, ..register.clone() },
            acknowledgements,
            notices: NoticeTexts { template: self.notices.template.clone(), extra },
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Activity, ActivityFields, Direction, FindingKey, Link, LinkFields, PartyId, Service, ServiceFields,
    };
    use time::macros::date;

    fn activity(id: i64, service: i64) -> Activity {
        Activity {
            id: ActivityId(id),
            version: 1,
            fields: ActivityFields::new(ServiceId(service), format!("Activity {id}")),
        }
    }

    fn acknowledged(activity: Option<i64>) -> Acknowledgement {
        Acknowledgement {
            id: activity.unwrap_or(0),
            key: FindingKey {
                rule: "R".into(),
                activity_id: activity.map(ActivityId),
                subject: String::new(),
            },
            acknowledged_by: "A. Officer".into(),
            acknowledged_on: date!(2026 - 01 - 01),
            reason: "Accepted".into(),
        }
    }

    #[test]
    fn one_service_keeps_its_activities_links_texts_and_acknowledgements() {
        let services = [1, 2].map(|id| Service { id: ServiceId(id), fields: ServiceFields::default() });
        let link = |id: i64, activity: i64| Link {
            id: crate::model::LinkId(id),
            activity_id: ActivityId(activity),
            fields: LinkFields::new(PartyId(1), Direction::Recipient),
        };
        let register = Register {
            services: services.to_vec(),
            activities: vec![activity(10, 1), activity(20, 2)],
            links: vec![link(1, 10), link(2, 20)],
            ..Register::default()
        };
        let mut whole = Snapshot::new(register);
        whole.acknowledgements = vec![acknowledged(Some(10)), acknowledged(Some(20)), acknowledged(None)];
        let text = |intro: &str| ExtraText { intro: intro.into(), closing: String::new() };
        whole.notices.extra = BTreeMap::from([(ServiceId(1), text("One")), (ServiceId(2), text("Two"))]);

        let one = whole.of_service(ServiceId(2));
        assert_eq!(one.register.activities, [activity(20, 2)]);
        assert_eq!(one.register.links, [link(2, 20)]);
        assert_eq!(one.register.services.len(), 2, "names still resolve");
        assert_eq!(one.acknowledgements, [acknowledged(Some(20)), acknowledged(None)]);
        assert_eq!(one.notices.extra_of(ServiceId(2)), text("Two"));
        assert_eq!(one.notices.extra_of(ServiceId(1)), ExtraText::default());
        assert_eq!(one.public_authority, whole.public_authority);
    }
}
