//! Every rule of the checks has a failing and a passing case, built as data: a
//! clean activity, one change, and the rule ids the checks must then report.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::BTreeSet;
use std::time::Instant;

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

fn register(case: Case) -> Register {
    Register {
        organisation: Organisation::default(),
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
    }
}

/// Applies `setup` to a clean case, runs the checks and compares the rule ids
/// reported (in order, duplicates kept) with `expected`.
fn check(setup: impl FnOnce(&mut Case), expected: &[&str]) {
    let mut case = Case {
        activity: clean_activity(),
        links: Vec::new(),
        agreements: vec![
            agreement(SHARING, AgreementKind::DataSharing, "GM Information Sharing Protocol"),
            agreement(CONTRACT, AgreementKind::ProcessorContract, "Case system contract"),
            agreement(JOINT, AgreementKind::JointController, "Partnership arrangement"),
        ],
        public_authority: true,
    };
    setup(&mut case);
    let settings = Settings { public_authority: case.public_authority, ..Settings::new(TODAY) };
    let report = checks::run(&register(case), &[], settings);
    let mut found: Vec<&str> = report.findings.iter().map(|f| f.rule.0).collect();
    found.sort_unstable();
    let mut expected = expected.to_vec();
    expected.sort_unstable();
    assert_eq!(found, expected, "findings: {:#?}", report.findings);
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
        },
        &[],
    );
    check(
        |c| c.activity.article9_conditions = set([Article9Condition::ExplicitConsent]),
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
    check(health_under(Article9Condition::HealthOrSocialCare), &["sch1-part1-missing"]);
    check(
        |c| {
            health_under(Article9Condition::HealthOrSocialCare)(c);
            c.activity.schedule1_conditions = set([Schedule1Condition::HealthOrSocialCare]);
        },
        &[],
    );
    // A Part 2 condition does not meet s.10(2), and it needs a policy document.
    check(
        |c| {
            health_under(Article9Condition::HealthOrSocialCare)(c);
            c.activity.schedule1_conditions =
                set([Schedule1Condition::SafeguardingOfChildrenAndIndividualsAtRisk]);
        },
        &["sch1-part1-missing", "apd-missing"],
    );
    check(health_under(Article9Condition::SubstantialPublicInterest), &["sch1-part2-missing"]);
    check(
        |c| {
            health_under(Article9Condition::SubstantialPublicInterest)(c);
            c.activity.schedule1_conditions = set([Schedule1Condition::StatutoryAndGovernmentPurposes]);
            c.activity.policy_document = "Appropriate policy document v2".into();
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
        &["apd-missing"],
    );
    check(
        |c| {
            criminal(c);
            c.activity.schedule1_conditions = set([Schedule1Condition::PreventingOrDetectingUnlawfulActs]);
            c.activity.policy_document = "APD".into();
        },
        &[],
    );
}

#[test]
fn items_not_in_article9_are_flagged_one_by_one() {
    check(
        |c| c.activity.other_special_items = vec!["Nationality".into(), "First language".into()],
        &["not-special-category", "not-special-category"],
    );
    check(|c| c.activity.other_special_items = vec![" ".into()], &[]);
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
    let transfer =
        |safeguard| Transfer { destination: "United States".into(), safeguard, detail: String::new() };
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
    check(|c| c.activity.automated_decision_making = Some(" ".into()), &["adm-no-detail"]);
    check(|c| c.activity.automated_decision_making = Some("Risk score reviewed by a worker".into()), &[]);
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
    let reg = register(Case { activity, links: Vec::new(), agreements: Vec::new(), public_authority: true });
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
    let mut activity = clean_activity();
    activity.dpia.required = Some(false);
    let reg = register(Case { activity, links: Vec::new(), agreements: Vec::new(), public_authority: true });
    let score = &checks::run(&reg, &[], Settings::new(TODAY)).completeness[0];
    assert_eq!((score.filled, score.required, score.percent()), (11, 11, 100));

    let mut activity = clean_activity();
    activity.special_categories = set([SpecialCategory::Health]);
    activity.security_measures.clear();
    let reg = register(Case { activity, links: Vec::new(), agreements: Vec::new(), public_authority: true });
    let score = &checks::run(&reg, &[], Settings::new(TODAY)).completeness[0];
    // DPIA undecided, no security description, no Art 9 condition: 12 required, 9 filled.
    assert_eq!((score.filled, score.required, score.percent()), (9, 12, 75));
    assert_eq!(score.service_name, "Early Help");
}

#[test]
fn ten_thousand_activities_check_quickly() {
    let mut reg = register(Case {
        activity: clean_activity(),
        links: Vec::new(),
        agreements: vec![agreement(SHARING, AgreementKind::DataSharing, "Protocol")],
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
    let started = Instant::now();
    let report = checks::run(&reg, &[], Settings::new(TODAY));
    let elapsed = started.elapsed();
    eprintln!("checked 10,000 activities in {elapsed:?}");
    assert_eq!(report.findings.iter().filter(|f| f.rule.0 == "processor-no-contract").count(), 10_000);
    assert_eq!(report.findings.iter().filter(|f| f.rule.0 == "art9-no-condition").count(), 3_334);
    // The 200 ms budget is for an optimised build; a debug build gets five times that.
    let budget_ms = if cfg!(debug_assertions) { 1_000 } else { 200 };
    assert!(elapsed.as_millis() < budget_ms, "10,000 activities took {elapsed:?}");
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
    let report = checks::check_store(&mut store, TODAY, 30).unwrap();
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
    let report = checks::check_store(&mut store, TODAY, 30).unwrap();
    let finding = report.findings.iter().find(|f| f.rule.0 == "criminal-no-sch1").unwrap();
    assert_eq!(finding.acknowledged.as_ref().unwrap().acknowledged_by, "J Smith");
    assert!(!report.has_open_errors());

    // Acknowledging again replaces the first; withdrawing makes it open again.
    let again = store.acknowledge(&key, "K Jones", TODAY, "Confirmed with legal").unwrap();
    assert_eq!(store.acknowledgements().unwrap(), vec![again.clone()]);
    assert!(matches!(store.withdraw_acknowledgement(ack.id), Err(Error::NotFound { .. })));
    store.withdraw_acknowledgement(again.id).unwrap();
    assert!(checks::check_store(&mut store, TODAY, 30).unwrap().has_open_errors());
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
        checks::check_store(store, TODAY, 30).unwrap().findings.iter().map(|f| f.rule.0).collect()
    };
    assert_eq!(rules(&mut store), vec!["legitimate-interests-public-authority"]);
    store.set_public_authority(false).unwrap();
    assert!(!store.is_public_authority().unwrap());
    assert!(rules(&mut store).is_empty());
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
    let report = checks::check_store(&mut store, TODAY, 30).unwrap();
    let finding = report.findings.iter().find(|f| f.rule.0 == "agreement-review-overdue").unwrap();
    assert_eq!(finding.agreement_id, Some(agreement.id));
    assert_eq!(finding.field, Field::AgreementReviewDue);
    let key = finding.key();
    assert_eq!(key.activity_id, None);
    store.acknowledge(&key, "J Smith", TODAY, "Review meeting booked").unwrap();
    store.acknowledge(&key, "J Smith", TODAY, "Review meeting moved to January").unwrap();
    let acknowledgements = store.acknowledgements().unwrap();
    assert_eq!(acknowledgements.len(), 1, "{acknowledgements:?}");
    let report = checks::check_store(&mut store, TODAY, 30).unwrap();
    let finding = report.findings.iter().find(|f| f.rule.0 == "agreement-review-overdue").unwrap();
    assert_eq!(finding.acknowledged.as_ref().unwrap().reason, "Review meeting moved to January");
    let text = checks::render_text(&report, &store.load_register().unwrap());
    assert!(text.contains("== Agreements ==") && text.contains("[agreement-review-overdue]"), "{text}");
}
