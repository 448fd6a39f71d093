//! Every rule of the checks has a failing and a passing case, built as data: a
//! clean activity, one change, and the rule ids the checks must then report.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::BTreeSet;

use ropa::checks::{self, Field, FindingKey, RULES, Settings, Severity};
use ropa::law::{Article9Condition, LawfulBasis, Schedule1Condition, SpecialCategory, TransferSafeguard};
use ropa::model::*;
use ropa::{Error, Store};
use time::Duration;
use time::macros::date;

const TODAY: Date = date!(2026 - 11 - 22);
const SERVICE: ServiceId = ServiceId(1);
const ACTIVITY: ActivityId = ActivityId(1);
const POLICE: PartyId = PartyId(1);
const PROCESSOR: PartyId = PartyId(2);
const INTERNAL: PartyId = PartyId(3);
const ABROAD: PartyId = PartyId(4);
const SHARING: AgreementId = AgreementId(1);
const CONTRACT: AgreementId = AgreementId(2);
const JOINT: AgreementId = AgreementId(3);

/// One case: an activity, its links, the agreements and whether the controller is
/// a public authority. Starts clean: no rule fires.
struct Case {
    activity: ActivityFields,
    links: Vec<LinkFields>,
    agreements: Vec<Agreement>,
    assets: Vec<Asset>,
    /// The activity's DPIA as the ICO columns answer it, made into a record.
    dpia: DpiaAnswers,
    public_authority: bool,
}

fn clean_activity() -> ActivityFields {
    let mut f = ActivityFields::new(SERVICE, "Family support casework");
    f.status = ActivityStatus::Active;
    f.description = "Assessing and supporting families".into();
    f.owner = "Head of Early Help".into();
    f.purposes = vec!["Provide family support".into()];
    f.data_subjects = vec!["Children".into(), "Parents".into()];
    f.personal_data = vec!["Name".into(), "Address".into()];
    f.lawful_bases = BTreeSet::from([LawfulBasis::PublicTask]);
    f.retention = Retention::Period { months: 72, from: "case closure".into() };
    f.security_measures = "Role-based access; encryption at rest".into();
    f.systems = vec!["Liquidlogic EHM".into()];
    f.next_review_due = Some(TODAY + Duration::days(100));
    f
}

fn agreement(id: AgreementId, kind: AgreementKind, title: &str) -> Agreement {
    Agreement { id, version: 1, fields: AgreementFields::new(kind, title) }
}

fn party(id: PartyId, name: &str, kind: PartyKind, country: &str) -> Party {
    let mut fields = PartyFields::new(name, kind);
    fields.country = country.into();
    Party { id, version: 1, fields }
}

fn link(party_id: PartyId, direction: Direction, agreement: Option<AgreementId>) -> LinkFields {
    let mut fields = LinkFields::new(party_id, direction);
    fields.agreement_id = agreement;
    fields
}

/// An organisation profile that says everything Art 30(1)(a) asks for.
fn complete_organisation() -> Organisation {
    let contact =
        |name: &str, email: &str| Contact { name: name.into(), email: email.into(), ..Contact::default() };
    Organisation {
        controller: contact("Testshire Council", "info@testshire.gov.uk"),
        dpo: contact("Data Protection Officer", "dpo@testshire.gov.uk"),
        ico_registration: "Z1234567".into(),
        ..Organisation::default()
    }
}

fn register(case: Case) -> Register {
    Register {
        organisation: complete_organisation(),
        services: vec![Service {
            id: SERVICE,
            fields: ServiceFields { name: "Early Help".into(), ..Default::default() },
        }],
        activities: vec![Activity { id: ACTIVITY, version: 1, fields: case.activity }],
        parties: vec![
            party(POLICE, "Greater Manchester Police", PartyKind::PublicAuthority, ""),
            party(PROCESSOR, "Case Systems Ltd", PartyKind::Processor, ""),
            party(INTERNAL, "Adult Social Care", PartyKind::InternalService, ""),
            party(ABROAD, "Survey Co Inc", PartyKind::PrivateCompany, "United States"),
        ],
        links: case
            .links
            .into_iter()
            .enumerate()
            .map(|(i, fields)| Link { id: LinkId(i as i64 + 1), activity_id: ACTIVITY, fields })
            .collect(),
        agreements: case.agreements,
        controllers: Vec::new(),
        assets: case.assets,
        dpias: records_from_answers([(ACTIVITY, "Family support casework", &case.dpia)])
            .into_iter()
            .map(|fields| Dpia { id: DpiaId(1), version: 1, fields })
            .collect(),
    }
}

/// Applies `setup` to a clean case, runs the checks and compares the rule ids
/// reported (in order, duplicates kept) with `expected`.
fn check(setup: impl FnOnce(&mut Case), expected: &[&str]) {
    let report = run(setup);
    let mut found: Vec<&str> = report.findings.iter().map(|f| f.rule.0).collect();
    found.sort_unstable();
    let mut expected = expected.to_vec();
    expected.sort_unstable();
    assert_eq!(found, expected, "findings: {:#?}", report.findings);
}

/// The labels of a finding's concerns.
fn labels(finding: &checks::Finding) -> Vec<&str> {
    finding.concerns.iter().map(|c| c.label.as_str()).collect()
}

/// Applies `setup` to a clean case and runs the checks on `TODAY`.
fn run(setup: impl FnOnce(&mut Case)) -> checks::Report {
    run_on(TODAY, setup)
}

/// Applies `setup` to a clean case and runs the checks on `today`.
fn run_on(today: Date, setup: impl FnOnce(&mut Case)) -> checks::Report {
    let mut case = Case {
        activity: clean_activity(),
        links: Vec::new(),
        agreements: vec![
            agreement(SHARING, AgreementKind::DataSharing, "GM Information Sharing Protocol"),
            agreement(CONTRACT, AgreementKind::ProcessorContract, "Case system contract"),
            agreement(JOINT, AgreementKind::JointController, "Partnership arrangement"),
        ],
        assets: Vec::new(),
        dpia: DpiaAnswers::default(),
        public_authority: true,
    };
    setup(&mut case);
    let settings = Settings { public_authority: case.public_authority, ..Settings::new(today) };
    checks::run(&register(case), &[], settings)
}

fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    items.into_iter().collect()
}

#[test]
fn a_clean_activity_has_no_findings() {
    check(|_| {}, &[]);
}

#[test]
fn a_retired_activity_is_not_checked() {
    check(
        |c| {
            c.activity.status = ActivityStatus::Retired;
            c.activity.purposes.clear();
        },
        &[],
    );
}

#[test]
fn record_must_say_purposes_subjects_and_data() {
    check(|c| c.activity.purposes.clear(), &["purposes-missing"]);
    check(|c| c.activity.purposes = vec!["  ".into()], &["purposes-missing"]);
    check(|c| c.activity.data_subjects.clear(), &["data-subjects-missing"]);
    check(|c| c.activity.data_subjects = vec!["Job applicants".into()], &[]);
    check(|c| c.activity.personal_data.clear(), &["personal-data-missing"]);
    check(|c| c.activity.personal_data = vec!["Case notes".into()], &[]);
}

#[test]
fn retention_must_be_stated_and_specific() {
    check(|c| c.activity.retention = Retention::NotStated, &["retention-missing"]);
    check(
        |c| c.activity.retention = Retention::Event { event: "until the child's 25th birthday".into() },
        &[],
    );
    check(
        |c| c.activity.retention = Retention::Schedule { reference: "our retention schedule".into() },
        &["retention-vague"],
    );
    check(
        |c| {
            c.activity.retention =
                Retention::Schedule { reference: "Retention schedule 4.2 (case files)".into() }
        },
        &[],
    );
}

#[test]
fn security_must_be_described() {
    check(|c| c.activity.security_measures = " ".into(), &["security-missing"]);
    check(|c| c.activity.security_measures = "Encrypted laptops".into(), &[]);
}

#[test]
fn article6_basis_rules() {
    check(|c| c.activity.lawful_bases.clear(), &["art6-missing"]);
    let legitimate = |c: &mut Case| {
        c.activity.lawful_bases = set([LawfulBasis::LegitimateInterests]);
        c.activity.legitimate_interests = "Fraud prevention".into();
        c.activity.legitimate_interests_assessment = "LIA 2026-04, signed off by the DPO".into();
    };
    check(legitimate, &["legitimate-interests-public-authority"]);
    check(
        |c| {
            legitimate(c);
            c.public_authority = false;
        },
        &[],
    );
}

#[test]
fn consent_rules() {
    check(
        |c| {
            c.activity.lawful_bases = set([LawfulBasis::Consent]);
            c.public_authority = false;
        },
        &["consent-no-record"],
    );
    let recorded = |c: &mut Case| {
        c.activity.lawful_bases = set([LawfulBasis::Consent]);
        c.activity.consent_record = "Consent log, Aptem CRM".into();
    };
    check(recorded, &["consent-public-authority"]);
    check(
        |c| {
            recorded(c);
            c.public_authority = false;
        },
        &[],
    );
}

#[test]
fn article9_condition_must_match_special_category_data() {
    check(|c| c.activity.special_categories = set([SpecialCategory::Health]), &["art9-no-condition"]);
    check(
        |c| {
            c.activity.special_categories = set([SpecialCategory::Health]);
            c.activity.article9_conditions = set([Article9Condition::ExplicitConsent]);
            c.activity.consent_record = "Signed consent forms, case file".into();
        },
        &[],
    );
    check(
        |c| c.activity.article9_conditions = set([Article9Condition::LegalClaims]),
        &["art9-condition-without-data"],
    );
}

fn health_under(condition: Article9Condition) -> impl FnOnce(&mut Case) {
    move |c: &mut Case| {
        c.activity.special_categories = set([SpecialCategory::Health]);
        c.activity.article9_conditions = set([condition]);
    }
}

#[test]
fn section10_requires_the_right_schedule1_part() {
    check(health_under(Article9Condition::EmploymentSocialSecurity), &["sch1-part1-missing"]);
    check(health_under(Article9Condition::HealthOrSocialCare), &["health-care-no-para2"]);
    check(
        |c| {
            health_under(Article9Condition::HealthOrSocialCare)(c);
            c.activity.schedule1_conditions = set([Schedule1Condition::HealthOrSocialCare]);
        },
        &[],
    );
    // A Part 2 condition does not meet s.10(2), and it needs a policy document
    // and the para 41 record.
    check(
        |c| {
            health_under(Article9Condition::HealthOrSocialCare)(c);
            c.activity.schedule1_conditions =
                set([Schedule1Condition::SafeguardingOfChildrenAndIndividualsAtRisk]);
        },
        &["health-care-no-para2", "apd-missing", "policy-record-missing"],
    );
    check(health_under(Article9Condition::SubstantialPublicInterest), &["sch1-part2-missing"]);
    check(
        |c| {
            health_under(Article9Condition::SubstantialPublicInterest)(c);
            c.activity.schedule1_conditions = set([Schedule1Condition::StatutoryAndGovernmentPurposes]);
            c.activity.policy_document = "Appropriate policy document v2".into();
            c.activity.retained_per_policy = Some(true);
        },
        &[],
    );
}

#[test]
fn criminal_offence_data_needs_a_schedule1_condition_and_policy_document() {
    let criminal = |c: &mut Case| c.activity.criminal_offence_data = Some("DBS results".into());
    check(criminal, &["criminal-no-sch1"]);
    check(
        |c| {
            criminal(c);
            c.activity.schedule1_conditions = set([Schedule1Condition::LegalClaims]);
        },
        &[],
    );
    check(
        |c| {
            criminal(c);
            c.activity.schedule1_conditions = set([Schedule1Condition::PreventingOrDetectingUnlawfulActs]);
        },
        &["apd-missing", "policy-record-missing"],
    );
    check(
        |c| {
            criminal(c);
            c.activity.schedule1_conditions = set([Schedule1Condition::PreventingOrDetectingUnlawfulActs]);
            c.activity.policy_document = "APD".into();
            c.activity.retained_per_policy = Some(true);
        },
        &[],
    );
}

#[test]
fn items_not_in_article9_are_flagged_in_one_finding() {
    check(
        |c| c.activity.other_special_items = vec!["Nationality".into(), "First language".into()],
        &["not-special-category"],
    );
    check(|c| c.activity.other_special_items = vec![" ".into()], &[]);
    let report =
        run(|c| c.activity.other_special_items = vec!["Nationality".into(), "First language".into()]);
    let finding = &report.findings[0];
    assert_eq!(labels(finding), ["Nationality", "First language"]);
    assert!(finding.message.contains("\"Nationality\" and \"First language\""), "{}", finding.message);
}

#[test]
fn unrecognised_citations_are_flagged_with_a_suggestion() {
    check(|c| c.activity.unrecognised_citations = vec!["Article 9(1)(g)".into()], &["unrecognised-citation"]);
    check(|c| c.activity.unrecognised_citations.clear(), &[]);
    let mut case_activity = clean_activity();
    case_activity.unrecognised_citations = vec!["Article 9(1)(g)".into()];
    let mut reg = register(Case {
        activity: case_activity,
        links: Vec::new(),
        agreements: Vec::new(),
        assets: Vec::new(),
        dpia: DpiaAnswers::default(),
        public_authority: true,
    });
    reg.services[0].fields.name = "Early Help".into();
    let report = checks::run(&reg, &[], Settings::new(TODAY));
    let finding = &report.findings[0];
    assert!(finding.fix.contains("9(2)(g)"), "{}", finding.fix);
    assert!(finding.message.contains("\"Article 9(1)(g)\""), "{}", finding.message);
    assert_eq!(finding.field, Field::UnrecognisedCitations);
}

#[test]
fn transfers_need_a_safeguard() {
    let transfer = |safeguard| Transfer {
        destination: "United States".into(),
        safeguard,
        detail: String::new(),
        data_protection_test_met: None,
    };
    check(|c| c.activity.transfers = vec![transfer(None)], &["transfer-no-safeguard"]);
    // Since 5 February 2026 an Art 46 safeguard needs the data protection test
    // of Art 46(1A) considered met, so a bare IDTA is a warning.
    check(
        |c| c.activity.transfers = vec![transfer(Some(TransferSafeguard::Idta))],
        &["transfer-data-protection-test"],
    );
    check(
        |c| {
            c.activity.transfers = vec![Transfer {
                detail: "Transfer risk assessment TRA-12: data protection test met".into(),
                ..transfer(Some(TransferSafeguard::Idta))
            }]
        },
        &[],
    );
    let abroad = |c: &mut Case| c.links = vec![link(ABROAD, Direction::Recipient, Some(SHARING))];
    check(abroad, &["recipient-abroad-no-transfer"]);
    check(
        |c| {
            abroad(c);
            c.activity.transfers = vec![transfer(None)];
        },
        &["transfer-no-safeguard"],
    );
    check(
        |c| {
            abroad(c);
            c.activity.transfers = vec![transfer(Some(TransferSafeguard::Adequacy))];
        },
        &[],
    );
}

#[test]
fn external_recipients_need_an_agreement() {
    check(|c| c.links = vec![link(POLICE, Direction::Recipient, None)], &["recipient-no-agreement"]);
    check(|c| c.links = vec![link(POLICE, Direction::Recipient, Some(SHARING))], &[]);
    check(|c| c.links = vec![link(INTERNAL, Direction::Recipient, None)], &[]);
    check(|c| c.links = vec![link(POLICE, Direction::Source, None)], &[]);
}

#[test]
fn processors_need_an_article28_contract() {
    check(|c| c.links = vec![link(PROCESSOR, Direction::Recipient, None)], &["processor-no-contract"]);
    check(
        |c| c.links = vec![link(PROCESSOR, Direction::Recipient, Some(SHARING))],
        &["processor-no-contract"],
    );
    check(|c| c.links = vec![link(PROCESSOR, Direction::Recipient, Some(CONTRACT))], &[]);
}

#[test]
fn joint_controllers_need_an_article26_arrangement() {
    let joint =
        |c: &mut Case| c.activity.role = Role::JointController { with: "NHS".into(), lead: String::new() };
    check(joint, &["joint-controller-no-arrangement"]);
    check(
        |c| {
            joint(c);
            c.links = vec![link(POLICE, Direction::Recipient, Some(JOINT))];
        },
        &[],
    );
}

#[test]
fn automated_decisions_need_detail() {
    let completed = |c: &mut Case| c.dpia.progress = DpiaProgress::Completed;
    check(
        |c| {
            completed(c);
            c.activity.automated_decision_making = Some(" ".into());
        },
        &["adm-no-detail"],
    );
    check(
        |c| {
            completed(c);
            c.activity.automated_decision_making = Some("Risk score reviewed by a worker".into());
        },
        &[],
    );
}

#[test]
fn review_dates() {
    check(|c| c.activity.next_review_due = None, &["review-date-missing"]);
    check(|c| c.activity.next_review_due = Some(TODAY - Duration::days(1)), &["review-overdue"]);
    check(|c| c.activity.next_review_due = Some(TODAY), &["review-due-soon"]);
    check(|c| c.activity.next_review_due = Some(TODAY + Duration::days(30)), &["review-due-soon"]);
    check(|c| c.activity.next_review_due = Some(TODAY + Duration::days(31)), &[]);
}

#[test]
fn agreement_dates() {
    fn edit(c: &mut Case, edit: impl FnOnce(&mut AgreementFields)) {
        edit(&mut c.agreements.iter_mut().find(|a| a.id == SHARING).unwrap().fields);
    }
    check(|c| edit(c, |a| a.review_due = Some(TODAY - Duration::days(1))), &["agreement-review-overdue"]);
    check(|c| edit(c, |a| a.review_due = Some(TODAY)), &[]);
    check(|c| edit(c, |a| a.end = Some(TODAY + Duration::days(5))), &["agreement-ending-soon"]);
    check(|c| edit(c, |a| a.end = Some(TODAY + Duration::days(40))), &[]);
    check(
        |c| {
            edit(c, |a| a.end = Some(TODAY - Duration::days(1)));
            c.links = vec![link(POLICE, Direction::Recipient, Some(SHARING))];
        },
        &["agreement-ended"],
    );
    check(|c| edit(c, |a| a.end = Some(TODAY - Duration::days(1))), &[]);
}

#[test]
fn every_rule_is_listed_once_with_its_citation() {
    let ids: BTreeSet<&str> = RULES.iter().map(|r| r.id.0).collect();
    assert_eq!(ids.len(), RULES.len(), "duplicate rule id");
    for rule in RULES {
        assert!(!rule.citation.is_empty() && !rule.title.is_empty(), "{}", rule.id);
        assert!(rule.id.0.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
    }
}

#[test]
fn messages_name_the_record_and_cite_the_law() {
    let mut activity = clean_activity();
    activity.criminal_offence_data = Some("Offences".into());
    let reg = register(Case {
        activity,
        links: Vec::new(),
        agreements: Vec::new(),
        assets: Vec::new(),
        dpia: DpiaAnswers::default(),
        public_authority: true,
    });
    let report = checks::run(&reg, &[], Settings::new(TODAY));
    let finding = report.findings.iter().find(|f| f.rule.0 == "criminal-no-sch1").unwrap();
    assert!(finding.message.contains("\"Family support casework\" (Early Help)"), "{}", finding.message);
    assert!(finding.message.contains("s.10(5)"), "{}", finding.message);
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.activity_id, Some(ACTIVITY));
    assert_eq!(finding.field, Field::Schedule1Conditions);
    assert!(report.has_open_errors());
}

#[test]
fn completeness_counts_the_fields_that_apply() {
    let activity = clean_activity();
    let reg = register(Case {
        activity,
        links: Vec::new(),
        agreements: Vec::new(),
        assets: Vec::new(),
        dpia: DpiaAnswers { required: Some(false), ..DpiaAnswers::default() },
        public_authority: true,
    });
    let score = &checks::run(&reg, &[], Settings::new(TODAY)).completeness[0];
    assert_eq!((score.filled, score.required, score.percent()), (11, 11, 100));

    let mut activity = clean_activity();
    activity.special_categories = set([SpecialCategory::Health]);
    activity.security_measures.clear();
    let reg = register(Case {
        activity,
        links: Vec::new(),
        agreements: Vec::new(),
        assets: Vec::new(),
        dpia: DpiaAnswers::default(),
        public_authority: true,
    });
    let score = &checks::run(&reg, &[], Settings::new(TODAY)).completeness[0];
    // DPIA undecided, no security description, no Art 9 condition: 12 required, 9 filled.
    assert_eq!((score.filled, score.required, score.percent()), (9, 12, 75));
    assert_eq!(score.service_name, "Early Help");
}

#[test]
fn ten_thousand_activities_get_one_finding_per_rule_each() {
    let mut reg = register(Case {
        activity: clean_activity(),
        links: Vec::new(),
        agreements: vec![agreement(SHARING, AgreementKind::DataSharing, "Protocol")],
        assets: Vec::new(),
        dpia: DpiaAnswers::default(),
        public_authority: true,
    });
    let template = reg.activities[0].clone();
    reg.activities.clear();
    for i in 0..10_000i64 {
        let mut activity = template.clone();
        activity.id = ActivityId(i + 1);
        activity.fields.name = format!("Activity {i}");
        if i % 3 == 0 {
            activity.fields.special_categories = set([SpecialCategory::Health]);
            activity.fields.other_special_items = vec!["Nationality".into()];
        }
        reg.activities.push(activity);
        for (n, party) in [POLICE, PROCESSOR, INTERNAL].into_iter().enumerate() {
            reg.links.push(Link {
                id: LinkId(i * 3 + n as i64 + 1),
                activity_id: ActivityId(i + 1),
                fields: link(party, Direction::Recipient, (n == 0).then_some(SHARING)),
            });
        }
    }
    // How fast this runs is measured by `cargo bench --bench register` ("checks"),
    // not asserted here: a timed assertion fails on a busy machine.
    let report = checks::run(&reg, &[], Settings::new(TODAY));
    assert_eq!(report.findings.iter().filter(|f| f.rule.0 == "processor-no-contract").count(), 10_000);
    assert_eq!(report.findings.iter().filter(|f| f.rule.0 == "art9-no-condition").count(), 3_334);
    assert_eq!(report.findings.iter().filter(|f| f.rule.0 == "not-special-category").count(), 3_334);
}

// ---- Store: acknowledgements, reviews, the public-authority flag. ----

fn stored_activity(store: &mut Store) -> Activity {
    let service =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let mut fields = clean_activity();
    fields.service_id = service;
    fields.criminal_offence_data = Some("Offences".into());
    store.insert_activity(&fields, &[]).unwrap()
}

#[test]
fn an_acknowledged_finding_is_kept_but_no_longer_open() {
    let mut store = Store::in_memory().unwrap();
    let activity = stored_activity(&mut store);
    let report = checks::check(&store.snapshot().unwrap(), TODAY, 30);
    assert!(report.has_open_errors());
    let key = report.findings.iter().find(|f| f.rule.0 == "criminal-no-sch1").unwrap().key();
    assert_eq!(
        key,
        FindingKey {
            rule: "criminal-no-sch1".into(),
            activity_id: Some(activity.id),
            subject: String::new()
        }
    );

    let ack =
        store.acknowledge(&key, "J Smith", TODAY, "Processed under official authority (Art 10)").unwrap();
    let report = checks::check(&store.snapshot().unwrap(), TODAY, 30);
    let finding = report.findings.iter().find(|f| f.rule.0 == "criminal-no-sch1").unwrap();
    assert_eq!(finding.acknowledged.as_ref().unwrap().acknowledged_by, "J Smith");
    assert!(!report.has_open_errors());

    // Acknowledging again replaces the first; withdrawing makes it open again.
    let again = store.acknowledge(&key, "K Jones", TODAY, "Confirmed with legal").unwrap();
    assert_eq!(store.acknowledgements().unwrap(), vec![again.clone()]);
    assert!(matches!(store.withdraw_acknowledgement(ack.id), Err(Error::NotFound { .. })));
    store.withdraw_acknowledgement(again.id).unwrap();
    assert!(checks::check(&store.snapshot().unwrap(), TODAY, 30).has_open_errors());
    assert!(matches!(store.acknowledge(&key, "J Smith", TODAY, "  "), Err(Error::Invalid { .. })));
}

#[test]
fn marking_reviewed_sets_the_dates_and_keeps_who_and_when() {
    let mut store = Store::in_memory().unwrap();
    let activity = stored_activity(&mut store);
    let reviewed =
        store.mark_reviewed(activity.id, activity.version, "J Smith", date!(2026 - 01 - 31)).unwrap();
    assert_eq!(reviewed.fields.last_reviewed, Some(date!(2026 - 01 - 31)));
    assert_eq!(reviewed.fields.next_review_due, Some(date!(2027 - 01 - 31)));
    assert_eq!(reviewed.version, activity.version + 1);
    let reviews = store.reviews_of(activity.id).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!((reviews[0].reviewed_by.as_str(), reviews[0].reviewed_on), ("J Smith", date!(2026 - 01 - 31)));
    // A stale version is refused and nothing is recorded.
    let stale = store.mark_reviewed(activity.id, activity.version, "K Jones", TODAY);
    assert!(matches!(stale, Err(Error::Conflict { .. })), "{stale:?}");
    assert_eq!(store.reviews_of(activity.id).unwrap().len(), 1);
}

#[test]
fn the_public_authority_flag_is_stored_and_drives_the_checks() {
    let mut store = Store::in_memory().unwrap();
    assert!(store.is_public_authority().unwrap());
    let service =
        store.insert_service(&ServiceFields { name: "Lettings".into(), ..Default::default() }).unwrap();
    let mut fields = clean_activity();
    fields.service_id = service;
    fields.lawful_bases = set([LawfulBasis::LegitimateInterests]);
    store.insert_activity(&fields, &[]).unwrap();
    let rules = |store: &mut Store| -> Vec<&'static str> {
        checks::check(&store.snapshot().unwrap(), TODAY, 30).findings.iter().map(|f| f.rule.0).collect()
    };
    assert!(rules(&mut store).contains(&"legitimate-interests-public-authority"));
    store.set_public_authority(false).unwrap();
    assert!(!store.is_public_authority().unwrap());
    assert!(!rules(&mut store).contains(&"legitimate-interests-public-authority"));
}

// ---- The command line. ----

fn run_check(db: &std::path::Path) -> (i32, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["check", "--db"])
        .arg(db)
        .args(["--today", "2026-11-22"])
        .output()
        .unwrap();
    (output.status.code().unwrap(), String::from_utf8(output.stdout).unwrap())
}

#[test]
fn ropa_check_prints_findings_and_fails_on_open_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.db");
    let key = {
        let mut store = Store::create(&db).unwrap();
        let activity = stored_activity(&mut store);
        FindingKey { rule: "criminal-no-sch1".into(), activity_id: Some(activity.id), subject: String::new() }
    };
    let (code, text) = run_check(&db);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("== Early Help =="), "{text}");
    assert!(text.contains("Errors:"), "{text}");
    assert!(text.contains("[criminal-no-sch1]"), "{text}");
    assert!(text.contains("Activity: Family support casework"), "{text}");

    let mut store = Store::open(&db).unwrap();
    store.acknowledge(&key, "J Smith", TODAY, "Official authority").unwrap();
    drop(store);
    let (code, text) = run_check(&db);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Acknowledged by J Smith on 2026-11-22: Official authority"), "{text}");
}

#[test]
fn ropa_check_refuses_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _) = run_check(&dir.path().join("none.db"));
    assert_eq!(code, 1);
}

#[test]
fn an_agreement_finding_can_be_acknowledged_once() {
    let mut store = Store::in_memory().unwrap();
    let mut fields = AgreementFields::new(AgreementKind::DataSharing, "GM Information Sharing Protocol");
    fields.review_due = Some(TODAY - Duration::days(10));
    let agreement = store.insert_agreement(&fields).unwrap();
    let report = checks::check(&store.snapshot().unwrap(), TODAY, 30);
    let finding = report.findings.iter().find(|f| f.rule.0 == "agreement-review-overdue").unwrap();
    assert_eq!(finding.agreement_id, Some(agreement.id));
    assert_eq!(finding.field, Field::AgreementReviewDue);
    let key = finding.key();
    assert_eq!(key.activity_id, None);
    store.acknowledge(&key, "J Smith", TODAY, "Review meeting booked").unwrap();
    store.acknowledge(&key, "J Smith", TODAY, "Review meeting moved to January").unwrap();
    let acknowledgements = store.acknowledgements().unwrap();
    assert_eq!(acknowledgements.len(), 1, "{acknowledgements:?}");
    let report = checks::check(&store.snapshot().unwrap(), TODAY, 30);
    let finding = report.findings.iter().find(|f| f.rule.0 == "agreement-review-overdue").unwrap();
    assert_eq!(finding.acknowledged.as_ref().unwrap().reason, "Review meeting moved to January");
    let text = checks::render_text(&report, &store.load_register().unwrap());
    assert!(text.contains("== Agreements ==") && text.contains("[agreement-review-overdue]"), "{text}");
}

// ---- One finding per rule and activity; acknowledgements of its concerns. ----

/// The clean case's register after `edit`, checked on `today`.
fn run_register(today: Date, edit: impl FnOnce(&mut Register)) -> checks::Report {
    let mut reg = register(Case {
        activity: clean_activity(),
        links: Vec::new(),
        agreements: vec![agreement(SHARING, AgreementKind::DataSharing, "GM Information Sharing Protocol")],
        assets: Vec::new(),
        dpia: DpiaAnswers::default(),
        public_authority: true,
    });
    edit(&mut reg);
    checks::run(&reg, &[], Settings::new(today))
}

fn rule_ids(report: &checks::Report) -> Vec<&'static str> {
    let mut ids: Vec<&str> = report.findings.iter().map(|f| f.rule.0).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn a_rule_reports_one_finding_per_activity_listing_every_party() {
    let report = run(|c| {
        c.links = vec![
            link(POLICE, Direction::Recipient, None),
            link(ABROAD, Direction::Recipient, None),
            link(PROCESSOR, Direction::Recipient, None),
        ];
        c.activity.transfers = vec![Transfer {
            destination: "United States".into(),
            safeguard: Some(TransferSafeguard::Idta),
            detail: "Data protection test met: transfer risk assessment TRA-12".into(),
            data_protection_test_met: None,
        }];
    });
    assert_eq!(rule_ids(&report), ["processor-no-contract", "recipient-no-agreement"]);
    let sharing = report.findings.iter().find(|f| f.rule.0 == "recipient-no-agreement").unwrap();
    assert_eq!(labels(sharing), ["Greater Manchester Police", "Survey Co Inc"]);
    assert!(
        sharing
            .message
            .contains("with Greater Manchester Police and Survey Co Inc under no recorded agreement"),
        "{}",
        sharing.message
    );
    assert_eq!(sharing.concerns[0].subject, "link:1");
    assert_eq!(sharing.concerns[0].party_id, Some(POLICE));
    assert_eq!(sharing.key().subject, r#"["link:1","link:2"]"#);
}

fn three_recipients(c: &mut Case) {
    c.links = vec![link(POLICE, Direction::Recipient, None), link(ABROAD, Direction::Recipient, None)];
    c.activity.transfers = vec![Transfer {
        destination: "United States".into(),
        safeguard: Some(TransferSafeguard::Idta),
        detail: String::new(),
        data_protection_test_met: None,
    }];
}

fn ack(id: i64, rule: &str, subject: &str) -> checks::Acknowledgement {
    checks::Acknowledgement {
        id,
        key: FindingKey { rule: rule.into(), activity_id: Some(ACTIVITY), subject: subject.into() },
        acknowledged_by: "J Smith".into(),
        acknowledged_on: TODAY - Duration::days(id),
        reason: format!("reason {id}"),
    }
}

#[test]
fn acknowledgements_stored_per_party_before_grouping_still_cover_their_party() {
    let mut case_setup = Case {
        activity: clean_activity(),
        links: Vec::new(),
        agreements: Vec::new(),
        assets: Vec::new(),
        dpia: DpiaAnswers::default(),
        public_authority: true,
    };
    three_recipients(&mut case_setup);
    let reg = register(case_setup);
    let settings = Settings::new(TODAY);
    // Stored by the release before grouping: one acknowledgement per link.
    let legacy = ack(1, "recipient-no-agreement", "link:1");
    let report = checks::run(&reg, std::slice::from_ref(&legacy), settings);
    let finding = report.findings.iter().find(|f| f.rule.0 == "recipient-no-agreement").unwrap();
    assert_eq!(finding.concerns[0].acknowledged.as_ref().map(|a| a.id), Some(1));
    assert!(finding.concerns[1].acknowledged.is_none());
    assert!(finding.is_open(), "one party of two is still unaccepted");
    assert_eq!(finding.open_concerns().count(), 1);

    // Both legacy keys: the finding is acknowledged, showing the latest.
    let both = [legacy.clone(), ack(2, "recipient-no-agreement", "link:2")];
    let report = checks::run(&reg, &both, settings);
    let finding = report.findings.iter().find(|f| f.rule.0 == "recipient-no-agreement").unwrap();
    assert!(!finding.is_open());
    assert_eq!(finding.acknowledged.as_ref().unwrap().id, 1, "the most recent (2 is a day older)");
    assert_eq!(finding.acknowledgement_ids(), [1, 2]);
}

#[test]
fn acknowledging_a_grouped_finding_covers_its_parties_and_a_new_party_reopens_it() {
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let police = store
        .insert_party(&PartyFields::new("Greater Manchester Police", PartyKind::PublicAuthority))
        .unwrap()
        .id;
    let dwp = store.insert_party(&PartyFields::new("DWP", PartyKind::PublicAuthority)).unwrap().id;
    let victim =
        store.insert_party(&PartyFields::new("Victim Support", PartyKind::VoluntarySector)).unwrap().id;
    let mut fields = clean_activity();
    fields.service_id = service;
    let draft = |party| LinkDraft { id: None, fields: LinkFields::new(party, Direction::Recipient) };
    let activity = store.insert_activity(&fields, &[draft(police), draft(dwp)]).unwrap();
    let finding_of = |store: &mut Store| {
        checks::check(&store.snapshot().unwrap(), TODAY, 30)
            .findings
            .into_iter()
            .find(|f| f.rule.0 == "recipient-no-agreement")
            .unwrap()
    };
    let finding = finding_of(&mut store);
    assert_eq!(finding.concerns.len(), 2);
    store.acknowledge(&finding.key(), "J Smith", TODAY, "Statutory sharing under the Children Act").unwrap();
    assert!(!finding_of(&mut store).is_open(), "both parties covered");

    // A third recipient, added later, opens the finding again.
    let register = store.load_register().unwrap();
    let mut links: Vec<LinkDraft> =
        register.links.iter().map(|l| LinkDraft { id: Some(l.id), fields: l.fields.clone() }).collect();
    links.push(draft(victim));
    store.update_activity(activity.id, activity.version, &fields, &links).unwrap();
    let finding = finding_of(&mut store);
    assert!(finding.is_open());
    let open: Vec<&str> = finding.open_concerns().map(|c| c.label.as_str()).collect();
    assert_eq!(open, ["Victim Support"]);

    // Withdrawing takes away every acknowledgement the finding shows.
    for id in finding.acknowledgement_ids() {
        store.withdraw_acknowledgement(id).unwrap();
    }
    assert!(store.acknowledgements().unwrap().is_empty());
}

#[test]
fn findings_are_counted_by_rule() {
    let report = run(|c| {
        c.activity.other_special_items = vec!["Nationality".into(), "Gender".into()];
        c.activity.next_review_due = None;
    });
    let counts: Vec<(&str, usize, usize)> =
        report.counts_by_rule().iter().map(|c| (c.rule.id.0, c.open, c.total)).collect();
    assert_eq!(counts, [("not-special-category", 1, 1), ("review-date-missing", 1, 1)]);
}

// ---- Health identifiers (UK GDPR recital 35). ----

#[test]
fn health_identifiers_are_health_data_not_other_items() {
    let identifiers = |c: &mut Case| {
        c.activity.other_special_items = vec!["NHS number".into(), "GP details".into(), "Nationality".into()];
    };
    let report = run(identifiers);
    assert_eq!(rule_ids(&report), ["health-data-not-recorded", "not-special-category"]);
    let not_special = report.findings.iter().find(|f| f.rule.0 == "not-special-category").unwrap();
    assert_eq!(labels(not_special), ["Nationality"], "NHS number and GP details are not flagged");
    let health = report.findings.iter().find(|f| f.rule.0 == "health-data-not-recorded").unwrap();
    assert_eq!(labels(health), ["NHS number", "GP details"]);
    assert!(health.message.contains("recital 35"), "{}", health.message);
    // Recording Health (with its condition) answers it.
    check(
        |c| {
            identifiers(c);
            c.activity.other_special_items = vec!["NHS number".into(), "GP details".into()];
            c.activity.special_categories = set([SpecialCategory::Health]);
            c.activity.article9_conditions = set([Article9Condition::HealthOrSocialCare]);
            c.activity.schedule1_conditions = set([Schedule1Condition::HealthOrSocialCare]);
        },
        &[],
    );
    // In the ordinary categories too.
    check(|c| c.activity.personal_data.push("Your GP clinic".into()), &["health-data-not-recorded"]);
}

// ---- The checks an expert officer expects. ----

#[test]
fn organisation_profile_must_give_controller_dpo_and_ico_registration() {
    assert!(run_register(TODAY, |_| {}).findings.is_empty());
    let report = run_register(TODAY, |r| r.organisation = Organisation::default());
    assert_eq!(
        rule_ids(&report),
        ["controller-contact-missing", "dpo-contact-missing", "ico-registration-missing"]
    );
    assert!(report.findings.iter().all(|f| f.activity_id.is_none() && f.service_id.is_none()));
    let report = run_register(TODAY, |r| {
        r.organisation.dpo =
            Contact { name: "The Council's Data Protection Officer".into(), ..Contact::default() };
    });
    assert_eq!(rule_ids(&report), ["dpo-contact-missing"], "a name alone is not contact details");
    assert!(report.findings[0].message.contains("Art 37(7)"), "{}", report.findings[0].message);
    let report = run_register(TODAY, |r| r.organisation.controller.email.clear());
    assert_eq!(rule_ids(&report), ["controller-contact-missing"]);
    let report = run_register(TODAY, |r| r.organisation.ico_registration = " ".into());
    assert_eq!(rule_ids(&report), ["ico-registration-missing"]);
}

#[test]
fn high_risk_processing_needs_a_completed_dpia() {
    let profiling =
        |c: &mut Case| c.activity.automated_decision_making = Some("Risk scores reviewed by a worker".into());
    check(profiling, &["dpia-required"]);
    check(
        |c| {
            profiling(c);
            c.dpia.progress = DpiaProgress::Completed;
        },
        &[],
    );
    check(
        |c| c.activity.purposes.push("Match your personal information with DWP records".into()),
        &["dpia-required"],
    );
    check(|c| c.dpia.required = Some(true), &["dpia-required"]);
    check(
        |c| c.activity.special_categories = set([SpecialCategory::Biometric]),
        &["dpia-required", "art9-no-condition"],
    );
    let report = run(|c| {
        profiling(c);
        c.dpia.progress = DpiaProgress::InProgress;
    });
    assert!(report.findings[0].message.contains("not yet completed"), "{}", report.findings[0].message);
    // Purposes that only "match your needs" are not data matching.
    check(|c| c.activity.purposes.push("Refer you to agencies which match your needs".into()), &[]);
}

#[test]
fn children_in_an_online_service_cite_the_law_of_the_day() {
    let online = |c: &mut Case| c.activity.systems = vec!["Project website".into()];
    check(online, &["children-online", "dpia-required"]);
    check(|c| c.activity.data_subjects = vec!["Parents".into()], &[]);
    let after = run(online);
    let finding = after.findings.iter().find(|f| f.rule.0 == "children-online").unwrap();
    assert!(finding.message.contains("children's higher protection matters"), "{}", finding.message);
    let before = run_on(date!(2026 - 02 - 04), online);
    let finding = before.findings.iter().find(|f| f.rule.0 == "children-online").unwrap();
    assert!(!finding.message.contains("higher protection"), "{}", finding.message);
    assert!(finding.message.contains("recital 38"), "{}", finding.message);
    let on_the_day = run_on(date!(2026 - 02 - 05), online);
    assert!(on_the_day.findings.iter().any(|f| f.message.contains("s.81")));
}

#[test]
fn retention_needs_a_starting_point_and_reason() {
    check(
        |c| c.activity.retention = Retention::Period { months: 96, from: String::new() },
        &["retention-no-reason"],
    );
    check(
        |c| c.activity.retention = Retention::Period { months: 96, from: "the end of the grant".into() },
        &[],
    );
    // The retention reason answers the rule: why the data is kept for that period.
    check(
        |c| {
            c.activity.retention = Retention::Period { months: 96, from: String::new() };
            c.activity.retention_reason = "Grant conditions, clause 14: keep for 8 years".into();
        },
        &[],
    );
    check(
        |c| {
            c.activity.retention = Retention::Period { months: 96, from: String::new() };
            c.activity.retention_reason = "   ".into();
        },
        &["retention-no-reason"],
    );
}

#[test]
fn legitimate_interests_need_an_assessment() {
    let legitimate = |c: &mut Case| {
        c.activity.lawful_bases = set([LawfulBasis::LegitimateInterests]);
        c.public_authority = false;
    };
    check(legitimate, &["legitimate-interests-no-assessment"]);
    check(
        |c| {
            legitimate(c);
            c.activity.legitimate_interests_assessment = "LIA v1".into();
        },
        &[],
    );
}

#[test]
fn explicit_consent_needs_a_record() {
    let explicit = |c: &mut Case| {
        c.activity.special_categories = set([SpecialCategory::Health]);
        c.activity.article9_conditions = set([Article9Condition::ExplicitConsent]);
    };
    check(explicit, &["explicit-consent-no-record"]);
    check(
        |c| {
            explicit(c);
            c.activity.consent_record = "Consent forms".into();
        },
        &[],
    );
}

#[test]
fn a_part3_condition_cannot_cover_special_category_data() {
    let part3 = |c: &mut Case| {
        c.activity.special_categories = set([SpecialCategory::Health]);
        c.activity.article9_conditions = set([Article9Condition::LegalClaims]);
        c.activity.schedule1_conditions = set([Schedule1Condition::LegalClaims]);
    };
    check(part3, &["sch1-part3-for-special-category"]);
    check(
        |c| {
            part3(c);
            c.activity.criminal_offence_data = Some("Offences alleged in claims".into());
        },
        &[],
    );
}

#[test]
fn the_para41_record_says_whether_data_is_kept_per_the_policy() {
    let apd = |c: &mut Case| {
        c.activity.criminal_offence_data = Some("DBS results".into());
        c.activity.schedule1_conditions = set([Schedule1Condition::PreventingOrDetectingUnlawfulActs]);
        c.activity.policy_document = "APD".into();
    };
    check(apd, &["policy-record-missing"]);
    check(
        |c| {
            apd(c);
            c.activity.retained_per_policy = Some(false);
        },
        &["policy-record-missing"],
    );
    check(
        |c| {
            apd(c);
            c.activity.retained_per_policy = Some(false);
            c.activity.policy_exceptions = "Litigation hold on 2024 files".into();
        },
        &[],
    );
}

#[test]
fn international_organisations_as_recipients_need_a_transfer() {
    let unhcr = |r: &mut Register| {
        r.parties.push(party(PartyId(9), "UNHCR", PartyKind::InternationalOrganisation, ""));
        r.links.push(Link {
            id: LinkId(9),
            activity_id: ACTIVITY,
            fields: link(PartyId(9), Direction::Recipient, Some(SHARING)),
        });
    };
    let report = run_register(TODAY, unhcr);
    assert_eq!(rule_ids(&report), ["international-organisation-no-transfer"]);
    assert_eq!(labels(&report.findings[0]), ["UNHCR"]);
    let report = run_register(TODAY, |r| {
        unhcr(r);
        r.activities[0].fields.transfers = vec![Transfer {
            destination: "UNHCR".into(),
            safeguard: Some(TransferSafeguard::PublicAuthorityInstrument),
            detail: "Data protection test met: assessment of the UNHCR instrument".into(),
            data_protection_test_met: None,
        }];
    });
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    // As a source it is not a transfer.
    let report = run_register(TODAY, |r| {
        unhcr(r);
        r.links[0].fields.direction = Direction::Source;
    });
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

#[test]
fn repealed_legislation_is_found_from_the_day_it_stopped_applying() {
    let cites = |text: &'static str| {
        move |c: &mut Case| c.activity.legislation = vec![text.into(), "Children Act 2004 s.10".into()]
    };
    check(cites("UK Data Protection Act 1998 (DPA)"), &["repealed-legislation"]);
    let report = run_on(date!(2018 - 05 - 24), cites("Data Protection Act 1998"));
    assert!(report.findings.iter().all(|f| f.rule.0 != "repealed-legislation"), "in force until 25 May 2018");
    let report = run_on(date!(2018 - 05 - 25), cites("Data Protection Act 1998"));
    assert!(report.findings.iter().any(|f| f.rule.0 == "repealed-legislation"));
    check(cites("EU General Data Protection Regulation 2018 (GDPR)"), &["repealed-legislation"]);
    let report = run_on(date!(2020 - 12 - 31), cites("EU General Data Protection Regulation"));
    assert!(
        report.findings.iter().all(|f| f.rule.0 != "repealed-legislation"),
        "applied until the end of 2020"
    );
    check(cites("UK GDPR Art 6(1)(e)"), &[]);
    check(cites("Data Protection Act 2018"), &[]);
    let report = run(cites("Data Protection Act 1998"));
    let finding = &report.findings[0];
    assert_eq!(labels(finding), ["Data Protection Act 1998"]);
    assert!(finding.message.contains("2018-05-25"), "{}", finding.message);
}

// ---- Each controller's public-authority status. ----

#[test]
fn the_public_authority_bar_reads_the_activitys_controller() {
    let partnership = |status: Option<bool>| {
        move |r: &mut Register| {
            r.services[0].fields.controller = "Sefton Council".into();
            r.activities[0].fields.lawful_bases = set([LawfulBasis::LegitimateInterests]);
            r.activities[0].fields.legitimate_interests_assessment = "LIA".into();
            if let Some(public_authority) = status {
                r.controllers = vec![ControllerStatus { name: " sefton  council".into(), public_authority }];
            }
        }
    };
    assert_eq!(rule_ids(&run_register(TODAY, partnership(None))), ["controller-status-unknown"]);
    assert_eq!(
        rule_ids(&run_register(TODAY, partnership(Some(true)))),
        ["legitimate-interests-public-authority"]
    );
    assert!(run_register(TODAY, partnership(Some(false))).findings.is_empty());
    // The register's own status no longer decides for another controller.
    let mut reg = register(Case {
        activity: clean_activity(),
        links: Vec::new(),
        agreements: Vec::new(),
        assets: Vec::new(),
        dpia: DpiaAnswers::default(),
        public_authority: true,
    });
    partnership(Some(false))(&mut reg);
    let settings = Settings { public_authority: true, ..Settings::new(TODAY) };
    assert!(checks::run(&reg, &[], settings).findings.is_empty());
}

#[test]
fn a_controllers_status_is_stored_logged_and_loaded_with_the_register() {
    let mut store = Store::in_memory().unwrap();
    store.set_controller_public_authority("Sefton Council", Some(true)).unwrap();
    store.set_controller_public_authority("  SEFTON council ", Some(false)).unwrap();
    assert_eq!(
        store.load_register().unwrap().controllers,
        [ControllerStatus { name: "Sefton Council".into(), public_authority: false }]
    );
    let logged: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM change_log WHERE entity = 'controller'", [], |row| row.get(0))
        .unwrap();
    assert_eq!(logged, 2);
    store.set_controller_public_authority("Sefton Council", None).unwrap();
    assert!(store.controllers().unwrap().is_empty());
    assert!(matches!(store.set_controller_public_authority("  ", Some(true)), Err(Error::Invalid { .. })));
}

#[test]
fn the_version1_fixture_migrates_with_nothing_lost_and_its_acknowledgement_still_matching() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ropa");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/register-v1.ropa"), &path).unwrap();
    let count = |table: &str| -> i64 {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0)).unwrap()
    };
    let tables = ["activity", "party", "link", "agreement", "acknowledgement", "change_log", "service"];
    let before: Vec<i64> = tables.iter().map(|t| count(t)).collect();
    let mut store = Store::open(&path).unwrap();
    let version: i64 = store.connection().pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
    assert_eq!(version, ropa::store::SCHEMA_VERSION);
    let register = store.load_register().unwrap();
    assert!(register.controllers.is_empty(), "no controller status recorded yet");
    drop(store);
    let after: Vec<i64> = tables.iter().map(|t| count(t)).collect();
    // The log gains one entry per asset the systems became (schema version 5).
    let logged = tables.iter().position(|t| *t == "change_log").unwrap();
    let mut expected = before.clone();
    expected[logged] += count("asset");
    assert_eq!(after, expected);
    let mut store = Store::open(&path).unwrap();
    let acknowledgements = store.acknowledgements().unwrap();
    assert_eq!(acknowledgements.len(), 1);
    let report = checks::check(&store.snapshot().unwrap(), date!(2026 - 11 - 25), 30);
    let covered = report.findings.iter().any(|f| {
        f.acknowledged.as_ref().is_some_and(|a| a.id == acknowledgements[0].id)
            || f.concerns
                .iter()
                .any(|c| c.acknowledged.as_ref().is_some_and(|a| a.id == acknowledgements[0].id))
    });
    assert!(covered, "the stored acknowledgement {:?} matches a finding", acknowledgements[0].key);
}

// ---- Information assets (issue 21). ----

/// The clean activity's asset, owned and in-house: no rule fires on it.
fn owned_asset() -> Asset {
    let mut fields = AssetFields::new("Liquidlogic EHM");
    fields.kind = AssetKind::System;
    fields.owner_name = "Jane Smith".into();
    fields.owner_role = "Head of Early Help".into();
    fields.hosting = Hosting::InHouse;
    Asset { id: AssetId(1), version: 1, fields }
}

#[test]
fn an_owned_in_house_asset_in_the_uk_raises_nothing() {
    check(|c| c.assets = vec![owned_asset()], &[]);
}

#[test]
fn an_asset_with_no_owner_is_one_finding_naming_each_unowned_asset() {
    let report = run(|c| {
        let mut unowned = owned_asset();
        unowned.fields.owner_name = "  ".into();
        let mut paper = AssetFields::new("Paper files, Bootle");
        paper.owner_role = "Records manager".into();
        c.assets = vec![unowned, Asset { id: AssetId(2), version: 1, fields: paper }];
    });
    let found: Vec<_> = report.findings.iter().filter(|f| f.rule.0 == "asset-no-owner").collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(labels(found[0]), ["Liquidlogic EHM", "Paper files, Bootle"]);
    assert_eq!(found[0].activity_id, None);
    assert_eq!(found[0].field, Field::Assets);
    assert!(found[0].message.contains("Art 24(1)"), "{}", found[0].message);
    let subjects: Vec<_> = found[0].concerns.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(subjects, ["asset:1", "asset:2"], "named by id, so a rename keeps its acknowledgement");
}

#[test]
fn an_asset_hosted_by_a_processor_needs_an_art_28_contract_naming_that_processor() {
    let hosted = || {
        let mut asset = owned_asset();
        asset.fields.hosting = Hosting::Processor { party: PROCESSOR };
        asset
    };
    check(|c| c.assets = vec![hosted()], &["asset-processor-no-contract"]);
    // A data sharing agreement with the processor is not an Art 28 contract.
    check(
        |c| {
            c.assets = vec![hosted()];
            let mut sharing = agreement(SHARING, AgreementKind::DataSharing, "Sharing");
            sharing.fields.parties = vec![PROCESSOR];
            c.agreements = vec![sharing];
        },
        &["asset-processor-no-contract"],
    );
    // A contract with someone else does not cover it either; one with the processor does.
    check(
        |c| {
            c.assets = vec![hosted()];
            let mut contract = agreement(CONTRACT, AgreementKind::ProcessorContract, "Hosting contract");
            contract.fields.parties = vec![POLICE];
            c.agreements = vec![contract];
        },
        &["asset-processor-no-contract"],
    );
    check(
        |c| {
            c.assets = vec![hosted()];
            let mut contract = agreement(CONTRACT, AgreementKind::ProcessorContract, "Hosting contract");
            contract.fields.parties = vec![PROCESSOR];
            c.agreements = vec![contract];
        },
        &[],
    );
    let report = run(|c| c.assets = vec![hosted()]);
    let finding = report.findings.iter().find(|f| f.rule.0 == "asset-processor-no-contract").unwrap();
    assert_eq!(labels(finding), ["Liquidlogic EHM (hosted by Case Systems Ltd)"]);
}

#[test]
fn data_held_in_an_asset_abroad_needs_a_transfer_to_that_country_on_the_activity() {
    let abroad = || {
        let mut asset = owned_asset();
        asset.fields.country = "United States".into();
        asset
    };
    check(|c| c.assets = vec![abroad()], &["asset-abroad-no-transfer"]);
    let report = run(|c| c.assets = vec![abroad()]);
    let finding = report.findings.iter().find(|f| f.rule.0 == "asset-abroad-no-transfer").unwrap();
    assert_eq!(finding.activity_id, Some(ACTIVITY));
    assert!(finding.message.contains("\"Liquidlogic EHM\" in United States"), "{}", finding.message);
    // A transfer elsewhere does not cover it (and itself wants a safeguard).
    check(
        |c| {
            c.assets = vec![abroad()];
            c.activity.transfers = vec![Transfer {
                destination: "India".into(),
                safeguard: Some(TransferSafeguard::Adequacy),
                detail: String::new(),
                data_protection_test_met: None,
            }];
        },
        &["asset-abroad-no-transfer"],
    );
    check(
        |c| {
            c.assets = vec![abroad()];
            c.activity.transfers = vec![Transfer {
                destination: "united states".into(),
                safeguard: Some(TransferSafeguard::Adequacy),
                detail: String::new(),
                data_protection_test_met: None,
            }];
        },
        &[],
    );
    // An asset abroad that the activity does not name is not its concern.
    check(
        |c| {
            let mut other = abroad();
            other.fields.name = "Survey platform".into();
            c.assets = vec![owned_asset(), other];
        },
        &[],
    );
}

#[test]
fn the_asset_rules_read_assets_saved_in_a_store() {
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let mut fields = ActivityFields::new(service, "Family support casework");
    fields.systems = vec!["Liquidlogic EHM".into(), "liquidlogic ehm".into(), "Cloud drive".into()];
    store.insert_activity(&fields, &[]).unwrap();
    let register = store.load_register().unwrap();
    let names: Vec<_> = register.assets.iter().map(|a| a.fields.name.as_str()).collect();
    assert_eq!(names, ["Cloud drive", "Liquidlogic EHM"], "one asset per name, made as the activity saved");
    assert_eq!(register.activities[0].fields.systems, ["Liquidlogic EHM", "Liquidlogic EHM", "Cloud drive"]);
    let report = checks::run(&register, &[], Settings::new(TODAY));
    let unowned = report.findings.iter().find(|f| f.rule.0 == "asset-no-owner").unwrap();
    assert_eq!(labels(unowned), ["Cloud drive", "Liquidlogic EHM"]);
}
