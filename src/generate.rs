//! Synthetic registers of realistic shape and any size, for benchmarks and load
//! tests: for N activities about N/50 services, N/10 parties, N/20 agreements,
//! 10 links per activity and N/25 DPIAs covering one to four activities each,
//! with long free text and non-ASCII names. The same seed always gives the same
//! register.

use std::collections::BTreeSet;

use crate::Result;
use crate::law::{Article9Condition, LawfulBasis, LegalItem, Schedule1Condition, SpecialCategory};
use crate::model::*;
use crate::store::{Batch, Store};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Number of processing activities.
    pub activities: usize,
    /// Seed of the pseudo-random sequence.
    pub seed: u64,
}

/// SplitMix64: small, fast and good enough to vary test data deterministically.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn some<T: Clone>(&mut self, items: &[T], min: usize, max: usize) -> Vec<T> {
        let count = min + self.below(max - min + 1);
        let mut chosen = BTreeSet::new();
        while chosen.len() < count.min(items.len()) {
            chosen.insert(self.below(items.len()));
        }
        chosen.into_iter().map(|i| items[i].clone()).collect()
    }
}

const SERVICES: &[&str] = &[
    "Adult Social Care",
    "Children’s Services",
    "Early Help",
    "Housing Options",
    "Revenues and Benefits",
    "Planning and Building Control",
    "Licensing",
    "Waste and Recycling",
    "Electoral Services",
    "Human Resources",
    "Public Health",
    "Education and Skills",
    "Libraries and Archives",
    "Trading Standards",
    "Environmental Health",
    "Registrars",
    "Youth Justice",
    "Highways and Parking",
    "Council Tax",
    "Resettlement — Łódź twinning desk",
];

const BODIES: &[(&str, PartyKind)] = &[
    ("Home Office", PartyKind::PublicAuthority),
    ("NHS Greater Manchester", PartyKind::PublicAuthority),
    ("Greater Manchester Police", PartyKind::PublicAuthority),
    ("Department for Work and Pensions", PartyKind::PublicAuthority),
    ("HM Revenue and Customs", PartyKind::PublicAuthority),
    ("Ofsted", PartyKind::PublicAuthority),
    ("St Mary’s Primary School", PartyKind::PublicAuthority),
    ("Serco Ltd", PartyKind::Processor),
    ("Müller Logistics GmbH", PartyKind::Processor),
    ("Zoë’s Care Agency Ltd", PartyKind::PrivateCompany),
    ("Citizens Advice", PartyKind::VoluntarySector),
    ("Refugee Action", PartyKind::VoluntarySector),
    ("UNHCR", PartyKind::InternationalOrganisation),
    ("Société Générale de Surveillance", PartyKind::Processor),
    ("The individuals themselves", PartyKind::DataSubjects),
];

const PURPOSES: &[&str] = &[
    "assess eligibility for support",
    "provide and review care and support",
    "safeguard children and adults at risk",
    "collect council tax and business rates",
    "prevent and detect fraud",
    "plan and commission services",
    "meet our statutory reporting duties",
    "manage complaints and compliments",
    "keep accurate case records",
    "carry out research and statistical analysis",
    "contact you about your case",
    "recover debts owed to the council",
];

const SUBJECTS: &[&str] = &[
    "Service users",
    "Children",
    "Parents and carers",
    "Tenants",
    "Council tax payers",
    "Job applicants",
    "Employees",
    "Volunteers",
    "Complainants",
    "Family members",
];

const DATA: &[&str] = &[
    "Name",
    "Address",
    "Date of birth",
    "Contact details",
    "National Insurance number",
    "Household composition",
    "Financial circumstances",
    "Case notes",
    "Photographs",
    "Employment details",
    "Education records",
    "Housing history",
    "Bank details",
    "Nationality",
    "First language",
];

const SYSTEMS: &[&str] =
    &["Liquidlogic LAS", "Mosaic", "Northgate Revenues", "SharePoint", "Paper files", "Civica APP"];

const PROSE: &[&str] = &[
    "Information is recorded by trained staff during assessments and reviews",
    "access is limited to the team and audited every quarter",
    "records are held on the council’s case management system hosted in UK data centres",
    "paper records are kept in locked cabinets in the Town Hall annexe",
    "data is shared only where a statutory gateway or agreement applies",
    "the service works closely with partners across Greater Manchester – including health, police and the voluntary sector",
    "staff complete annual data protection training and sign the acceptable use policy",
    "requests from individuals are handled by the information governance team within one month",
];

/// Writes a synthetic register of `spec.activities` activities into `store`, in
/// one transaction.
pub fn generate(store: &mut Store, spec: Spec) -> Result<()> {
    let mut rng = Rng(spec.seed);
    store.batch_adding(spec.activities, false, |batch| {
        batch.save_organisation(&organisation())?;
        let services = services(batch, spec.activities)?;
        let parties = parties(batch, &mut rng, spec.activities)?;
        let agreements = agreements(batch, &mut rng, &parties, spec.activities)?;
        let mut activities = Vec::with_capacity(spec.activities);
        for index in 0..spec.activities {
            let service = services[index % services.len()];
            let fields = activity(&mut rng, service, index);
            let links: Vec<LinkDraft> = (0..10).map(|_| link(&mut rng, &parties, &agreements)).collect();
            activities.push(batch.insert_activity(&fields, &links)?);
        }
        for index in 0..spec.activities / 25 {
            batch.insert_dpia(&dpia(&mut rng, &activities, index))?;
        }
        Ok(())
    })
}

fn organisation() -> Organisation {
    Organisation {
        controller: Contact {
            name: "Metropolitan Borough of Synthshire".into(),
            address: "Town Hall, Market Street, Synthshire SY1 1AA".into(),
            email: "information.governance@synthshire.example".into(),
            telephone: "0161 000 0000".into(),
        },
        ico_registration: "Z0000000".into(),
        dpo: Contact {
            name: "Data Protection Officer".into(),
            email: "dpo@synthshire.example".into(),
            ..Contact::default()
        },
        ..Organisation::default()
    }
}

fn services(batch: &Batch<'_>, activities: usize) -> Result<Vec<ServiceId>> {
    let count = (activities / 50).max(1);
    (0..count)
        .map(|i| {
            let base = SERVICES[i % SERVICES.len()];
            let name = if i < SERVICES.len() {
                base.to_string()
            } else {
                format!("{base} ({})", i / SERVICES.len() + 1)
            };
            batch.insert_service(&ServiceFields {
                name,
                description: PROSE[i % PROSE.len()].into(),
                controller: String::new(),
            })
        })
        .collect()
}

fn parties(batch: &Batch<'_>, rng: &mut Rng, activities: usize) -> Result<Vec<PartyId>> {
    let count = (activities / 10).max(BODIES.len());
    (0..count)
        .map(|i| {
            let (base, kind) = BODIES[i % BODIES.len()];
            let name = if i < BODIES.len() {
                base.to_string()
            } else {
                format!("{base} – branch {}", i / BODIES.len() + 1)
            };
            let mut fields = PartyFields::new(name, kind);
            if kind != PartyKind::DataSubjects && rng.chance(5) {
                fields.country = rng.pick(&["United States", "Côte d'Ivoire", "Poland", "India"]).to_string();
            }
            fields.contact = format!("dataprotection{i}@partner.example");
            batch.insert_party(&fields)
        })
        .collect()
}

fn agreements(
    batch: &Batch<'_>,
    rng: &mut Rng,
    parties: &[PartyId],
    activities: usize,
) -> Result<Vec<AgreementId>> {
    let kinds =
        [AgreementKind::DataSharing, AgreementKind::ProcessorContract, AgreementKind::JointController];
    (0..(activities / 20).max(1))
        .map(|i| {
            let kind = *rng.pick(&kinds);
            let mut fields = AgreementFields::new(kind, format!("{} {i:05}", kind.label()));
            fields.reference = format!("ISA-{i:05}");
            fields.parties = rng.some(parties, 1, 3);
            fields.start = Date::from_calendar_date(2020 + (i % 5) as i32, time::Month::April, 1).ok();
            fields.review_due = Date::from_calendar_date(2025 + (i % 3) as i32, time::Month::March, 31).ok();
            batch.insert_agreement(&fields)
        })
        .collect()
}

/// A DPIA at some stage of its life, covering one to four activities (a run of
/// neighbours, as one service's system is assessed once for its activities).
fn dpia(rng: &mut Rng, activities: &[ActivityId], index: usize) -> DpiaFields {
    let mut f = DpiaFields::new(format!("DPIA {index:04}: {}", capitalise(rng.pick::<&str>(SYSTEMS))));
    f.status = *rng.pick(DpiaStatus::ALL);
    f.screening = if rng.chance(90) { Screening::Required } else { Screening::NotStated };
    f.residual_risk = *rng.pick(ResidualRisk::ALL);
    f.ico_consultation = if rng.chance(80) { IcoConsultation::NotNeeded } else { IcoConsultation::NotStated };
    f.started = Date::from_calendar_date(2022 + rng.below(4) as i32, time::Month::May, 1).ok();
    if f.status != DpiaStatus::Screening && f.status != DpiaStatus::InProgress {
        f.completed = Date::from_calendar_date(2025, time::Month::January, 10).ok();
        f.next_review = Date::from_calendar_date(2025 + rng.below(3) as i32, time::Month::October, 1).ok();
    }
    f.document = format!("https://intranet.synthshire.example/ig/dpia/{index:04}");
    f.notes = prose(rng, 2);
    let first = rng.below(activities.len());
    let covered = 1 + rng.below(4);
    f.activities = activities.iter().copied().skip(first).take(covered).collect();
    f
}

fn prose(rng: &mut Rng, sentences: usize) -> String {
    let parts: Vec<&str> = (0..sentences).map(|_| *rng.pick(PROSE)).collect();
    format!("{}.", parts.join("; "))
}

fn strings(items: Vec<&&str>) -> Vec<String> {
    items.into_iter().map(|s| s.to_string()).collect()
}

fn activity(rng: &mut Rng, service: ServiceId, index: usize) -> ActivityFields {
    let mut f = ActivityFields::new(
        service,
        format!("{} (activity {index:05})", capitalise(rng.pick::<&str>(PURPOSES))),
    );
    f.description = prose(rng, 4);
    f.owner = format!("Head of service {}", index % 97);
    f.status = if rng.chance(90) { ActivityStatus::Active } else { ActivityStatus::Draft };
    f.purposes = strings(rng.some(&PURPOSES.iter().collect::<Vec<_>>(), 2, 5));
    f.data_subjects = strings(rng.some(&SUBJECTS.iter().collect::<Vec<_>>(), 1, 4));
    f.personal_data = strings(rng.some(&DATA.iter().collect::<Vec<_>>(), 4, 10));
    if rng.chance(40) {
        f.special_categories = rng.some(SpecialCategory::ALL, 1, 3).into_iter().collect();
        f.article9_conditions = rng.some(Article9Condition::ALL, 1, 2).into_iter().collect();
        if rng.chance(70) {
            f.schedule1_conditions = rng.some(Schedule1Condition::ALL, 1, 2).into_iter().collect();
        }
    }
    f.lawful_bases = rng.some(LawfulBasis::ALL, 1, 2).into_iter().collect();
    f.legislation = vec!["Local Government Act 1972".into(), "Care Act 2014 s.42".into()];
    f.retention = match rng.below(4) {
        0 => Retention::Period { months: 12 * (1 + rng.below(10) as u32), from: "the case closing".into() },
        1 => Retention::Event { event: "until the child’s 25th birthday".into() },
        2 => Retention::Schedule {
            reference: format!("Retention schedule {}.{}", rng.below(20), rng.below(9)),
        },
        _ => Retention::NotStated,
    };
    f.security_measures = prose(rng, 3);
    f.systems = strings(rng.some(&SYSTEMS.iter().collect::<Vec<_>>(), 1, 3));
    f.next_review_due = Date::from_calendar_date(2025 + rng.below(3) as i32, time::Month::June, 30).ok();
    f
}

fn link(rng: &mut Rng, parties: &[PartyId], agreements: &[AgreementId]) -> LinkDraft {
    let direction = if rng.chance(50) { Direction::Source } else { Direction::Recipient };
    let mut fields = LinkFields::new(*rng.pick(parties), direction);
    fields.data_categories = strings(rng.some(&DATA.iter().collect::<Vec<_>>(), 1, 4));
    // Most links pass what the activity holds; some narrow it, a few say none.
    match rng.below(10) {
        0 | 1 => {
            fields.special_data = SpecialData::Only;
            fields.special_categories.insert(*rng.pick(SpecialCategory::ALL));
            fields.criminal_offence_data = rng.chance(20);
        }
        2 => fields.special_data = SpecialData::None,
        _ => {}
    }
    fields.lawful_basis = Some(*rng.pick(LawfulBasis::ALL));
    fields.method =
        rng.pick(&["Secure email", "Portal", "Case system", "Encrypted file transfer"]).to_string();
    if rng.chance(60) {
        fields.agreement_id = Some(*rng.pick(agreements));
    }
    LinkDraft { id: None, fields }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_register_and_proportions_hold() {
        let build = |seed| {
            let mut store = Store::in_memory().unwrap();
            generate(&mut store, Spec { activities: 200, seed }).unwrap();
            store.load_register().unwrap()
        };
        let first = build(7);
        assert_eq!(first, build(7));
        assert_ne!(first, build(8));
        assert_eq!(first.activities.len(), 200);
        assert_eq!(first.services.len(), 4);
        assert_eq!(first.parties.len(), 20);
        assert_eq!(first.agreements.len(), 10);
        assert_eq!(first.links.len(), 2000);
        assert_eq!(first.dpias.len(), 8);
        assert!(first.dpias.iter().all(|d| (1..=4).contains(&d.fields.activities.len())));
        assert!(first.parties.iter().any(|p| !p.fields.name.is_ascii()));
        assert!(first.activities.iter().all(|a| a.fields.description.len() > 100));
    }
}
