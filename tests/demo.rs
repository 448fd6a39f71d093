//! The demo register matches the five seed privacy notices: every service and
//! activity, every source and recipient each notice lists, the imperfections the
//! checks must find, and `ropa demo --out FILE` writing it to disk.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use ropa::law::{Article9Condition, LawfulBasis, SpecialCategory};
use ropa::model::*;
use ropa::{Error, Store};

fn demo() -> Register {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    store.load_register().unwrap()
}

fn activity<'a>(register: &'a Register, name: &str) -> &'a ActivityFields {
    let found = register.activities.iter().find(|a| a.fields.name == name);
    &found.unwrap_or_else(|| panic!("no activity called {name:?}")).fields
}

fn activity_id(register: &Register, name: &str) -> ActivityId {
    register.activities.iter().find(|a| a.fields.name == name).unwrap().id
}

/// Checks that the activity's links in `direction` go to exactly the parties the
/// notice lists, given as (the notice's label, the canonical party), and that a
/// link whose party is named differently keeps the notice's label in its notes.
fn check_flows(register: &Register, activity_name: &str, direction: Direction, expected: &[(&str, &str)]) {
    let id = activity_id(register, activity_name);
    let links: Vec<&Link> = register.links_of(id, direction).collect();
    let actual: BTreeSet<&str> = links.iter().map(|l| register.party_name(l.fields.party_id)).collect();
    let wanted: BTreeSet<&str> = expected.iter().map(|(_, party)| *party).collect();
    assert_eq!(actual, wanted, "{direction} parties of {activity_name:?}");
    assert_eq!(links.len(), wanted.len(), "one link per party and direction in {activity_name:?}");
    for (label, party) in expected {
        let link = links.iter().find(|l| register.party_name(l.fields.party_id) == *party).unwrap();
        if label != party {
            assert!(
                link.fields.notes.contains(label),
                "the link to {party:?} in {activity_name:?} keeps the notice's label {label:?}: {:?}",
                link.fields.notes
            );
        }
    }
}

const NWRSMP: &str = "Asylum and resettlement coordination and support";
const BENEFICIARIES: &str = "Beneficiary services and reporting to the funder";
const RECRUITMENT: &str = "Recruitment of project staff";
const WEBSITE: &str = "Project website: contact, communications and analytics";
const EARLY_HELP: &str = "Early Help family support: assessment, referral and monitoring";
const NATIONAL_RESEARCH: &str = "National evaluation of early intervention (ONS data linkage)";
const PRI: &str = "Performance, research and intelligence analysis";
const SEFTON: &str = "Client employment and learning support";

const INDIVIDUALS: &str = "The individuals themselves";

#[test]
fn every_seed_service_is_there_with_its_activities_and_controller() {
    let register = demo();
    let services: BTreeMap<&str, &Service> =
        register.services.iter().map(|s| (s.fields.name.as_str(), s)).collect();
    let expected = [
        ("North West Regional Strategic Migration Partnership (NWRSMP)", "", &[NWRSMP][..]),
        (
            "Well-being and work for refugee integration",
            "East of England LGA Strategic Migration Partnership (lead partner) and project partners",
            &[BENEFICIARIES, RECRUITMENT, WEBSITE][..],
        ),
        ("Early Help", "", &[EARLY_HELP, NATIONAL_RESEARCH][..]),
        ("Performance, Research and Intelligence", "", &[PRI][..]),
        ("Sefton@work", "Sefton Council", &[SEFTON][..]),
    ];
    assert_eq!(services.len(), expected.len());
    for (name, controller, activities) in expected {
        let service = services.get(name).unwrap_or_else(|| panic!("no service {name:?}"));
        assert_eq!(service.fields.controller, controller, "controller of {name:?}");
        let names: BTreeSet<&str> = register
            .activities
            .iter()
            .filter(|a| a.fields.service_id == service.id)
            .map(|a| a.fields.name.as_str())
            .collect();
        assert_eq!(names, activities.iter().copied().collect(), "activities of {name:?}");
    }
}

#[test]
fn organisation_is_manchester_as_a_partnership_with_nothing_invented() {
    let organisation = demo().organisation;
    assert_eq!(organisation.controller.name, "Manchester City Council");
    assert!(organisation.is_partnership);
    assert_eq!(organisation.ico_registration, "", "no notice gives an ICO registration number");
    assert_eq!(organisation.controller.email, "");
    assert_eq!(organisation.dpo.email, "", "the Manchester notices give no DPO contact details");
    assert_eq!(organisation.dpo.telephone, "");
}

#[test]
fn nwrsmp_sources_and_recipients_are_those_of_seed_000() {
    let register = demo();
    check_flows(
        &register,
        NWRSMP,
        Direction::Source,
        &[
            ("provided by you", INDIVIDUALS),
            ("UNHCR", "UNHCR (UN Refugee Agency)"),
            ("International Organization for Migration", "International Organization for Migration (IOM)"),
            ("Home Office", "Home Office"),
            ("Local Authorities within the North West", "Local authorities"),
            (
                "Partner organisations across public, private and third sectors working under Home Office \
                 Asylum and Resettlement schemes.",
                "Home Office asylum and resettlement scheme partners",
            ),
        ],
    );
    check_flows(
        &register,
        NWRSMP,
        Direction::Recipient,
        &[
            ("Local Authorities", "Local authorities"),
            ("Social Landlords", "Social housing providers"),
            ("Refugee Action", "Refugee Action"),
            ("Home Office", "Home Office"),
            ("Adult Social Care", "Adult Social Care"),
            ("Children’s Social Care", "Children's Social Care"),
            ("NHS Clinical Commissioning Groups", "NHS Clinical Commissioning Groups"),
            ("Public Health England", "Public Health England"),
            ("Ministry of Defence", "Ministry of Defence"),
            ("Police", "Police (force not named)"),
            ("Serco", "Serco"),
            ("Migrant Help", "Migrant Help"),
        ],
    );
}

#[test]
fn refugee_integration_flows_are_those_of_seed_001() {
    let register = demo();
    check_flows(&register, BENEFICIARIES, Direction::Source, &[("you", INDIVIDUALS)]);
    check_flows(
        &register,
        BENEFICIARIES,
        Direction::Recipient,
        &[
            (
                "the lead project partner, East of England LGA Strategic Migration Partnership",
                "East of England LGA Strategic Migration Partnership",
            ),
            ("the project funders, the UK Responsible Authority (UKRA)", "UK Responsible Authority (UKRA)"),
            ("their evaluators, Ecorys", "Ecorys"),
            ("a small number of organisations within the partnership", "Project partner organisations"),
            ("another third party", "Third parties where required by law"),
        ],
    );
    check_flows(&register, RECRUITMENT, Direction::Source, &[("you", INDIVIDUALS)]);
    check_flows(&register, RECRUITMENT, Direction::Recipient, &[]);
    check_flows(&register, WEBSITE, Direction::Source, &[("you", INDIVIDUALS)]);
    check_flows(
        &register,
        WEBSITE,
        Direction::Recipient,
        &[("Google Analytics web analysis", "Google (Google Analytics)")],
    );
}

#[test]
fn early_help_flows_are_those_of_seed_002() {
    let register = demo();
    check_flows(
        &register,
        EARLY_HELP,
        Direction::Source,
        &[
            ("You and your family", INDIVIDUALS),
            ("Greater Manchester Police", "Greater Manchester Police"),
            (
                "Education providers e.g. nurseries, schools and colleges",
                "Education providers (nurseries, schools and colleges)",
            ),
            ("GPs", "GPs (general practices)"),
            ("Health visitors", "Health visitors"),
            ("Housing providers", "Social housing providers"),
            ("Local Job Centres", "Department for Work and Pensions"),
            ("Victim Support", "Victim Support"),
            ("Youth Justice and Probation Services", "Youth Justice and Probation Services"),
            ("Social Care services", "Social Care services"),
            ("Voluntary and community services", "Voluntary and community sector organisations"),
        ],
    );
    check_flows(
        &register,
        EARLY_HELP,
        Direction::Recipient,
        &[
            (
                "Education Providers e.g. nurseries, schools and colleges",
                "Education providers (nurseries, schools and colleges)",
            ),
            ("Social Care services", "Social Care services"),
            ("GPs", "GPs (general practices)"),
            ("Health Visitors", "Health visitors"),
            ("Counselling Services", "Counselling services"),
            ("Housing Providers", "Social housing providers"),
            ("Local Job Centres", "Department for Work and Pensions"),
            ("Financial Advisors", "Financial advisers"),
            ("Greater Manchester Police", "Greater Manchester Police"),
            ("Victim Support", "Victim Support"),
            ("Youth Justice and Probation Services", "Youth Justice and Probation Services"),
            ("Voluntary and Community Sector Bodies", "Voluntary and community sector organisations"),
        ],
    );
    check_flows(
        &register,
        NATIONAL_RESEARCH,
        Direction::Source,
        &[("basic personal information supplied by us", "Early Help")],
    );
    check_flows(
        &register,
        NATIONAL_RESEARCH,
        Direction::Recipient,
        &[
            ("the Office of National Statistics (ONS)", "Office for National Statistics (ONS)"),
            ("Ministry of Justice (Police National Computer and prisons database)", "Ministry of Justice"),
            (
                "Department for Education (National Pupil Database and individualised learner record)",
                "Department for Education",
            ),
            (
                "Department for Work and Pensions (Work & Pensions Longitudinal Study)",
                "Department for Work and Pensions",
            ),
            ("Health & Social Care Information Centre", "Health and Social Care Information Centre"),
            ("Public Health England (national drug treatment monitoring system)", "Public Health England"),
            ("National Crime Agency (crime mapping database)", "National Crime Agency"),
            (
                "Department for Levelling Up, Housing, and Communities",
                "Department for Levelling Up, Housing and Communities",
            ),
        ],
    );
}

#[test]
fn pri_flows_are_those_of_seed_003() {
    let register = demo();
    check_flows(
        &register,
        PRI,
        Direction::Source,
        &[
            ("Children and Families", "Children and Families"),
            ("Adult Social Care", "Adult Social Care"),
            ("Education", "Education"),
            ("Elections", "Elections"),
            ("Human Resources (in relation to Council employees)", "Human Resources"),
            ("NHS", "NHS"),
            ("Revenue and Benefits.", "Revenues and Benefits"),
            ("Council services such as housing", "Housing"),
            ("the Police", "Police (force not named)"),
            ("Department for Work and Pensions", "Department for Work and Pensions"),
            ("Housing Associations", "Social housing providers"),
            ("Land Registry", "HM Land Registry"),
            ("Career Connect", "Career Connect"),
            ("Mental Health Trust", "Mental Health Trust"),
            ("Welfare Call", "Welfare Call"),
            ("Fire Service", "Fire and Rescue Service"),
            ("Schools and Colleges", "Education providers (nurseries, schools and colleges)"),
        ],
    );
    check_flows(
        &register,
        PRI,
        Direction::Recipient,
        &[
            ("Government Agencies", "Government agencies"),
            ("NHS", "NHS"),
            ("Universities", "Universities"),
            ("Career Connect", "Career Connect"),
            (
                "Adoption Counts Consortium of Voluntary Adoption Agencies",
                "Adoption Counts Consortium of Voluntary Adoption Agencies",
            ),
            ("Share Foundation", "The Share Foundation"),
            ("Barnardos Action for Children (MTFC).", "Barnardos Action for Children (MTFC)"),
            ("Central Government", "Central government"),
            ("Ofsted", "Ofsted"),
            ("the Electoral Services Commission", "The Electoral Commission"),
        ],
    );
}

#[test]
fn sefton_at_work_flows_are_those_of_seed_004() {
    let register = demo();
    check_flows(&register, SEFTON, Direction::Source, &[("The information you provide to us", INDIVIDUALS)]);
    check_flows(
        &register,
        SEFTON,
        Direction::Recipient,
        &[
            ("Sefton Adult and Community Learning", "Sefton Adult and Community Learning"),
            ("an additional project", "Employment programme and project providers"),
        ],
    );
}

#[test]
fn internal_flows_are_internal_services() {
    let register = demo();
    let kind = |name: &str| register.parties.iter().find(|p| p.fields.name == name).unwrap().fields.kind;
    for name in [
        "Children and Families",
        "Adult Social Care",
        "Education",
        "Human Resources",
        "Revenues and Benefits",
        "Social Care services",
        "Sefton Adult and Community Learning",
        "Early Help",
    ] {
        assert_eq!(kind(name), PartyKind::InternalService, "{name}");
    }
    assert_eq!(kind(INDIVIDUALS), PartyKind::DataSubjects);
    let early_help_party = register.parties.iter().find(|p| p.fields.name == "Early Help").unwrap();
    let early_help_service = register.services.iter().find(|s| s.fields.name == "Early Help").unwrap();
    assert_eq!(early_help_party.fields.internal_service, Some(early_help_service.id));
    let gmp = register.parties.iter().find(|p| p.fields.name == "Greater Manchester Police").unwrap();
    let id = activity_id(&register, EARLY_HELP);
    for direction in [Direction::Source, Direction::Recipient] {
        assert!(register.links_of(id, direction).any(|l| l.fields.party_id == gmp.id), "GMP as {direction}");
    }
}

#[test]
fn shared_parties_exist_once_and_serve_several_notices() {
    let register = demo();
    let mut seen = BTreeSet::new();
    for party in &register.parties {
        assert!(seen.insert(party.fields.name.to_lowercase()), "{:?} twice", party.fields.name);
        assert!(
            register.links.iter().any(|l| l.fields.party_id == party.id),
            "{:?} is linked to nothing",
            party.fields.name
        );
    }
    let services_naming = |name: &str| -> BTreeSet<ServiceId> {
        let party = register.parties.iter().find(|p| p.fields.name == name).unwrap();
        register
            .links
            .iter()
            .filter(|l| l.fields.party_id == party.id)
            .map(|l| register.activity(l.activity_id).unwrap().fields.service_id)
            .collect()
    };
    for (name, services) in [
        (INDIVIDUALS, 4),
        ("Police (force not named)", 2),
        ("Department for Work and Pensions", 2),
        ("Public Health England", 2),
        ("Social housing providers", 3),
        ("Education providers (nurseries, schools and colleges)", 2),
        ("Adult Social Care", 2),
    ] {
        assert_eq!(services_naming(name).len(), services, "services naming {name:?}");
    }
    let kind = |name: &str| register.parties.iter().find(|p| p.fields.name == name).unwrap().fields.kind;
    assert_eq!(kind("Home Office"), PartyKind::PublicAuthority);
    assert_eq!(kind("UNHCR (UN Refugee Agency)"), PartyKind::InternationalOrganisation);
    assert_eq!(kind("Serco"), PartyKind::PrivateCompany);
    assert_eq!(kind("Google (Google Analytics)"), PartyKind::Processor);
    assert_eq!(kind("Victim Support"), PartyKind::VoluntarySector);
}

#[test]
fn nwrsmp_keeps_its_imperfections() {
    let register = demo();
    let a = activity(&register, NWRSMP);
    assert_eq!(a.other_special_items, ["gender", "first language", "nationality"]);
    assert!(a.special_categories.contains(&SpecialCategory::Biometric));
    assert!(a.article9_conditions.contains(&Article9Condition::ExplicitConsent));
    assert!(a.article9_conditions.contains(&Article9Condition::HealthOrSocialCare));
    assert_eq!(a.consent_record, "");
    assert!(a.schedule1_conditions.is_empty());
    assert!(
        matches!(&a.retention, Retention::Schedule { reference } if reference.starts_with("Our retention"))
    );
    assert!(a.automated_decision_making.as_deref().unwrap().contains("automated means"));
    assert!(a.personal_data.contains(&"information held in paper files".to_owned()));
    assert_eq!(a.lawful_bases, BTreeSet::from([LawfulBasis::PublicTask, LawfulBasis::VitalInterests]));
}

#[test]
fn early_help_keeps_the_citation_that_does_not_exist() {
    let register = demo();
    let a = activity(&register, EARLY_HELP);
    assert_eq!(a.unrecognised_citations, ["Article 9(1)(g)"]);
    assert_eq!(
        a.article9_conditions,
        BTreeSet::from([Article9Condition::EmploymentSocialSecurity]),
        "9(1)(g) is not silently read as 9(2)(g)"
    );
    assert_eq!(a.other_special_items.len(), 6);
    // Health identifiers are health data (recital 35): recorded as data, with Health.
    assert!(!a.other_special_items.contains(&"NHS number".to_owned()));
    assert!(a.personal_data.contains(&"NHS number".to_owned()));
    assert!(a.special_categories.contains(&SpecialCategory::Health));
    assert!(a.criminal_offence_data.is_none(), "the notice declares none");
    assert!(a.schedule1_conditions.is_empty());
    assert!(a.legislation.is_empty());
    assert!(a.automated_decision_making.is_none());
}

#[test]
fn pri_has_criminal_offence_data_and_9_2_g_with_no_schedule_1_condition() {
    let register = demo();
    let a = activity(&register, PRI);
    assert!(a.criminal_offence_data.as_deref().unwrap().contains("offences you have been accused of"));
    assert_eq!(a.article9_conditions, BTreeSet::from([Article9Condition::SubstantialPublicInterest]));
    assert!(a.schedule1_conditions.is_empty());
    assert!(a.legislation.is_empty(), "the equality duty's statute is not named");
    assert_eq!(a.security_measures, "");
}

#[test]
fn sefton_relies_on_consent_and_four_article_9_conditions() {
    let register = demo();
    let a = activity(&register, SEFTON);
    assert_eq!(a.lawful_bases, BTreeSet::from([LawfulBasis::Consent]));
    assert_eq!(a.consent_record, "");
    assert_eq!(a.article9_conditions.len(), 4);
    assert!(a.schedule1_conditions.is_empty());
    assert_eq!(a.other_special_items, ["Equalities data"]);
    assert_eq!(a.retention.describe(), "1 year from last contact");
    assert!(a.systems.contains(&"Aptem CRM system".to_owned()));
}

#[test]
fn refugee_integration_is_a_partnership_with_agreements_and_a_us_transfer() {
    let register = demo();
    let a = activity(&register, BENEFICIARIES);
    let Role::JointController { lead, .. } = &a.role else { panic!("not joint controllers: {:?}", a.role) };
    assert_eq!(lead, "East of England LGA Strategic Migration Partnership");
    assert_eq!(a.retention, Retention::Period { months: 96, from: String::new() });
    assert!(a.article9_conditions.is_empty(), "no Art 9 condition is cited for service users");
    let id = activity_id(&register, BENEFICIARIES);
    for link in register.links_of(id, Direction::Recipient) {
        let party = register.party_name(link.fields.party_id);
        let agreement = link.fields.agreement_id.and_then(|id| register.agreement(id));
        match party {
            "Third parties where required by law" => assert!(agreement.is_none()),
            _ => assert_eq!(agreement.unwrap().fields.kind, AgreementKind::DataSharing, "{party}"),
        }
    }
    let website = activity(&register, WEBSITE);
    assert_eq!(website.transfers.len(), 1);
    assert_eq!(website.transfers[0].destination, "United States");
    assert_eq!(website.transfers[0].safeguard, None);
    let google = register.links_of(activity_id(&register, WEBSITE), Direction::Recipient).next().unwrap();
    assert_eq!(google.fields.agreement_id, None, "no processor contract is stated");
    assert_eq!(register.agreements.len(), 2);
}

#[test]
fn review_dates_are_fixed_and_mixed() {
    let register = demo();
    let today = parse_date("2026-11-22").unwrap();
    let due: Vec<Date> = register.activities.iter().map(|a| a.fields.next_review_due.unwrap()).collect();
    assert!(due.iter().any(|d| *d < today) && due.iter().any(|d| *d > today));
    assert!(register.activities.iter().any(|a| a.fields.last_reviewed.is_some()));
    let active = register.activities.iter().filter(|a| a.fields.status == ActivityStatus::Active).count();
    assert!(active * 2 > register.activities.len());
    assert_eq!(demo(), register, "the demo is the same on every run");
}

#[test]
fn populate_refuses_a_register_that_is_not_empty() {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    assert!(matches!(ropa::demo::populate(&mut store), Err(Error::Invalid { .. })));
    assert_eq!(store.services().unwrap().len(), 5);
}

#[test]
fn cli_writes_the_demo_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.ropa");
    let run =
        || Command::new(env!("CARGO_BIN_EXE_ropa")).arg("demo").arg("--out").arg(&path).output().unwrap();
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let written = Store::open(&path).unwrap().load_register().unwrap();
    let expected = demo();
    assert_eq!(written.services.len(), expected.services.len());
    assert_eq!(written.activities.len(), expected.activities.len());
    assert_eq!(written.parties.len(), expected.parties.len());
    assert_eq!(written.links.len(), expected.links.len());
    assert_eq!(written.agreements.len(), expected.agreements.len());
    assert_eq!(written.organisation, expected.organisation);

    let before = std::fs::read(&path).unwrap();
    let second = run();
    assert!(!second.status.success(), "a second run must not overwrite the register");
    assert!(String::from_utf8_lossy(&second.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "the existing file is unchanged");
}
