//! The store writes and reads back every field, answers cross-register questions
//! with indexed queries, and refuses files it must not touch.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::BTreeSet;
use std::path::Path;

use ropa::law::{Article9Condition, LawfulBasis, Schedule1Condition, SpecialCategory, TransferSafeguard};
use ropa::model::*;
use ropa::store::ActivityRecord;
use ropa::{Error, Store};

fn date(text: &str) -> Date {
    parse_date(text).expect("valid test date")
}

/// An activity with every field filled, including non-ASCII and SQL-looking text.
fn full_activity(service_id: ServiceId) -> ActivityFields {
    let mut f = ActivityFields::new(service_id, "Family support casework");
    f.description =
        "Assessing and supporting families — “whole family” approach; Robert'); DROP TABLE activity;--"
            .into();
    f.owner = "Head of Early Help".into();
    f.status = ActivityStatus::Active;
    f.role =
        Role::JointController { with: "Côte d'Ivoire Trust, Łódź".into(), lead: "Lead council".into() };
    f.purposes = vec!["Provide family support".into(), "Safeguard children".into()];
    f.data_subjects = vec!["Children".into(), "Parents and carers".into()];
    f.personal_data = vec!["Name".into(), "Address".into(), "Date of birth".into()];
    f.special_categories = BTreeSet::from([SpecialCategory::Health, SpecialCategory::RacialOrEthnicOrigin]);
    f.other_special_items = vec!["Nationality".into()];
    f.criminal_offence_data = Some("Offences by family members".into());
    f.lawful_bases = BTreeSet::from([LawfulBasis::PublicTask, LawfulBasis::LegalObligation]);
    f.article9_conditions = BTreeSet::from([Article9Condition::SubstantialPublicInterest]);
    f.schedule1_conditions = BTreeSet::from([Schedule1Condition::SafeguardingOfChildrenAndIndividualsAtRisk]);
    f.unrecognised_citations = vec!["Article 9(1)(g)".into()];
    f.legislation = vec!["Children Act 2004 s.10".into(), "Children Act 1989".into()];
    f.legitimate_interests = "n/a".into();
    f.legitimate_interests_assessment = "LIA-1".into();
    f.consent_record = "CR-1".into();
    f.transfers = vec![Transfer {
        destination: "United States".into(),
        safeguard: Some(TransferSafeguard::Idta),
        detail: "IDTA signed 2024".into(),
        data_protection_test_met: Some(true),
    }];
    f.retention = Retention::Period { months: 18, from: "last contact".into() };
    f.retention_reason = "Limitation Act 1980 s.2".into();
    f.recognised_legitimate_interest = Some(ropa::law::RecognisedLegitimateInterest::Crime);
    f.policy_document = "APD v3".into();
    f.retained_per_policy = Some(false);
    f.policy_exceptions = "Legal hold".into();
    f.security_measures = "Role-based access; encryption at rest".into();
    f.systems = vec!["Liquidlogic EHM".into(), "Paper files".into()];
    f.automated_decision_making = Some("Risk score, reviewed by a worker".into());
    f.breach = Some("BR-2023-4".into());
    f.last_reviewed = Some(date("2025-03-31"));
    f.next_review_due = Some(date("2026-03-31"));
    f
}

struct Fixture {
    store: Store,
    service: ServiceId,
    police: PartyId,
    nhs: PartyId,
    agreement: AgreementId,
}

fn fixture() -> Fixture {
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let police = store
        .insert_party(&PartyFields::new("Greater Manchester Police", PartyKind::PublicAuthority))
        .unwrap()
        .id;
    let nhs = store.insert_party(&PartyFields::new("NHS", PartyKind::PublicAuthority)).unwrap().id;
    let mut agreement =
        AgreementFields::new(AgreementKind::DataSharing, "Greater Manchester Information Sharing Protocol");
    agreement.parties = vec![police, nhs];
    agreement.start = Some(date("2023-04-01"));
    agreement.review_due = Some(date("2026-04-01"));
    let agreement = store.insert_agreement(&agreement).unwrap().id;
    Fixture { store, service, police, nhs, agreement }
}

fn link(party: PartyId, direction: Direction) -> LinkDraft {
    LinkDraft { id: None, fields: LinkFields::new(party, direction) }
}

#[test]
fn every_activity_field_round_trips() {
    let mut fx = fixture();
    let fields = full_activity(fx.service);
    let mut recipient = link(fx.police, Direction::Recipient);
    recipient.fields.data_categories = vec!["Name".into(), "Offences".into()];
    recipient.fields.special_categories = BTreeSet::from([SpecialCategory::Health]);
    recipient.fields.criminal_offence_data = true;
    recipient.fields.lawful_basis = Some(LawfulBasis::PublicTask);
    recipient.fields.basis_detail = "Crime and Disorder Act 1998 s.115".into();
    recipient.fields.method = "Secure email".into();
    recipient.fields.agreement_id = Some(fx.agreement);
    recipient.fields.notes = "Monthly".into();
    let saved =
        fx.store.insert_activity(&fields, &[recipient.clone(), link(fx.nhs, Direction::Source)]).unwrap();

    let read = fx.store.activity(saved.id).unwrap();
    assert_eq!(read.fields, fields);
    assert_eq!(read.version, 1);
    let links = fx.store.links_of(saved.id).unwrap();
    assert_eq!(links.len(), 2);
    let stored = links.iter().find(|l| l.fields.direction == Direction::Recipient).unwrap();
    assert_eq!(stored.fields, recipient.fields);
}

/// The change log records a new activity from what was written, without reading
/// it back: it must read exactly as the register does, whatever the officer typed.
#[test]
fn a_new_activity_is_logged_exactly_as_the_register_reads_it() {
    let mut fx = fixture();
    fx.store.insert_asset(&AssetFields::new("Liquidlogic EHM")).unwrap();
    let mut fields = full_activity(fx.service);
    fields.name = "  Family support casework \t".into();
    // Another spelling of a known asset, a blank, and a new one with spaces.
    fields.systems = vec!["LIQUIDLOGIC ehm".into(), "   ".into(), "  Paper files ".into()];
    // Parties given out of name order: the register lists recipients by name.
    let links = [
        link(fx.police, Direction::Recipient),
        link(fx.nhs, Direction::Recipient),
        link(fx.police, Direction::Source),
    ];
    let saved = fx.store.insert_activity(&fields, &links).unwrap();

    let logged = fx.store.history("activity", saved.id.0).unwrap();
    let after = logged.last().and_then(|change| change.after.clone()).expect("the creation is logged");
    let logged: ActivityRecord = serde_json::from_str(&after).unwrap();
    let read = ActivityRecord {
        activity: fx.store.activity(saved.id).unwrap(),
        links: fx.store.links_of(saved.id).unwrap(),
    };
    assert_eq!(logged, read);
    assert_eq!(read.activity.fields.name, "Family support casework");
    assert_eq!(read.activity.fields.systems, ["Liquidlogic EHM", "Paper files"]);
    let order: Vec<(Direction, PartyId)> =
        read.links.iter().map(|l| (l.fields.direction, l.fields.party_id)).collect();
    let expected =
        [(Direction::Source, fx.police), (Direction::Recipient, fx.police), (Direction::Recipient, fx.nhs)];
    assert_eq!(order, expected, "sources first, then recipients by name");
}

#[test]
fn update_replaces_lists_and_links_and_raises_the_version() {
    let mut fx = fixture();
    let saved = fx
        .store
        .insert_activity(
            &full_activity(fx.service),
            &[link(fx.police, Direction::Recipient), link(fx.nhs, Direction::Source)],
        )
        .unwrap();
    let links = fx.store.links_of(saved.id).unwrap();
    let kept = links.iter().find(|l| l.fields.party_id == fx.nhs).unwrap();
    let mut edited = saved.fields.clone();
    edited.purposes = vec!["Only purpose".into()];
    edited.special_categories.clear();
    edited.retention = Retention::Schedule { reference: "RS 4.2".into() };
    let mut kept_draft = LinkDraft { id: Some(kept.id), fields: kept.fields.clone() };
    kept_draft.fields.method = "Portal".into();
    let updated = fx.store.update_activity(saved.id, saved.version, &edited, &[kept_draft]).unwrap();
    assert_eq!(updated.version, 2);
    assert_eq!(fx.store.activity(saved.id).unwrap().fields, edited);
    let links = fx.store.links_of(saved.id).unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].id, kept.id);
    assert_eq!(links[0].fields.method, "Portal");
}

#[test]
fn a_stale_save_is_refused_and_changes_nothing() {
    let mut fx = fixture();
    let saved = fx.store.insert_activity(&full_activity(fx.service), &[]).unwrap();
    let mut first = saved.fields.clone();
    first.owner = "First editor".into();
    fx.store.update_activity(saved.id, saved.version, &first, &[]).unwrap();
    let mut second = saved.fields.clone();
    second.owner = "Second editor".into();
    let error = fx.store.update_activity(saved.id, saved.version, &second, &[]).unwrap_err();
    assert!(matches!(error, Error::Conflict { .. }), "{error:?}");
    assert_eq!(fx.store.activity(saved.id).unwrap().fields.owner, "First editor");
}

#[test]
fn delete_then_restore_gives_back_the_same_activity_and_links() {
    let mut fx = fixture();
    let saved = fx
        .store
        .insert_activity(&full_activity(fx.service), &[link(fx.police, Direction::Recipient)])
        .unwrap();
    let before = fx.store.load_register().unwrap();
    let deleted = fx.store.delete_activity(saved.id).unwrap();
    assert!(fx.store.activities().unwrap().is_empty());
    assert!(fx.store.load_register().unwrap().links.is_empty());
    fx.store.restore_activity(&deleted).unwrap();
    assert_eq!(fx.store.load_register().unwrap(), before);
}

#[test]
fn agreements_and_parties_round_trip() {
    let fx = fixture();
    let agreements = fx.store.agreements().unwrap();
    assert_eq!(agreements.len(), 1);
    let a = &agreements[0];
    assert_eq!(a.fields.kind, AgreementKind::DataSharing);
    assert_eq!(a.fields.parties, vec![fx.police, fx.nhs]);
    assert_eq!(a.fields.start, Some(date("2023-04-01")));
    let parties = fx.store.parties().unwrap();
    assert_eq!(
        parties.iter().map(|p| p.fields.name.as_str()).collect::<Vec<_>>(),
        ["Greater Manchester Police", "NHS"]
    );
}

#[test]
fn duplicate_names_and_empty_names_are_refused() {
    let mut fx = fixture();
    let error = fx.store.insert_party(&PartyFields::new("nhs", PartyKind::Other)).unwrap_err();
    assert!(matches!(error, Error::Duplicate { what: "party", .. }), "{error:?}");
    let error = fx.store.insert_party(&PartyFields::new("   ", PartyKind::Other)).unwrap_err();
    assert!(matches!(error, Error::Invalid { .. }), "{error:?}");
    fx.store.insert_activity(&ActivityFields::new(fx.service, "Casework"), &[]).unwrap();
    let error = fx.store.insert_activity(&ActivityFields::new(fx.service, "casework"), &[]).unwrap_err();
    assert!(matches!(error, Error::Duplicate { .. }), "{error:?}");
}

#[test]
fn a_party_in_use_cannot_be_deleted() {
    let mut fx = fixture();
    fx.store
        .insert_activity(
            &ActivityFields::new(fx.service, "Casework"),
            &[link(fx.police, Direction::Recipient)],
        )
        .unwrap();
    let error = fx.store.delete_party(fx.police).unwrap_err();
    assert!(matches!(error, Error::InUse { .. }), "{error:?}");
    assert!(fx.store.party(fx.police).is_ok());
}

#[test]
fn questions_across_the_register_use_the_indexes() {
    let mut fx = fixture();
    let health = fx
        .store
        .insert_activity(&full_activity(fx.service), &[link(fx.police, Direction::Recipient)])
        .unwrap();
    let mut plain = ActivityFields::new(fx.service, "Newsletter");
    plain.personal_data = vec!["email address".into()];
    let plain = fx.store.insert_activity(&plain, &[link(fx.police, Direction::Source)]).unwrap();

    assert_eq!(fx.store.activities_with_special_category(SpecialCategory::Health).unwrap(), vec![health.id]);
    assert_eq!(fx.store.activities_with_personal_data("Email Address").unwrap(), vec![plain.id]);
    assert_eq!(fx.store.links_with_party(fx.police, None).unwrap().len(), 2);
    assert_eq!(fx.store.links_with_party(fx.police, Some(Direction::Source)).unwrap().len(), 1);

    for sql in [
        "SELECT activity_id FROM activity_special_category WHERE category = 'health'",
        "SELECT id FROM link WHERE party_id = 1 AND direction = 'source'",
        "SELECT activity_id FROM activity_item WHERE list = 'personal_data' AND value = 'x' COLLATE NOCASE",
    ] {
        let plan = query_plan(&fx.store, sql);
        assert!(plan.contains("USING") && !plan.contains("SCAN"), "{sql} is not indexed: {plan}");
    }
}

fn query_plan(store: &Store, sql: &str) -> String {
    let conn = store.connection();
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows = stmt.query_map([], |row| row.get::<_, String>(3)).unwrap();
    rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
}

#[test]
fn organisation_profile_round_trips() {
    let mut fx = fixture();
    let org = Organisation {
        controller: Contact {
            name: "Manchester City Council".into(),
            address: "Town Hall".into(),
            email: "a@b".into(),
            telephone: "0161".into(),
        },
        ico_registration: "Z1234567".into(),
        dpo: Contact { name: "Jo Bloggs".into(), ..Default::default() },
        representative: Contact::default(),
        is_partnership: true,
        review_interval_months: 6,
    };
    fx.store.save_organisation(&org).unwrap();
    assert_eq!(fx.store.organisation().unwrap(), org);
}

// Files the store must refuse without changing a byte.

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, b"This is a spreadsheet, honest.\n").unwrap();
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, Error::NotARegister { .. }), "{error:?}");
    assert!(error.to_string().contains("notes.db"));
    assert!(bytes(&path) == b"This is a spreadsheet, honest.\n");
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    }
    let before = bytes(&path);
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, Error::NotARegister { .. }), "{error:?}");
    assert!(bytes(&path) == before, "the file was modified");
    assert!(!dir.path().join("other.sqlite-wal").exists());
}

#[test]
fn a_register_from_a_newer_app_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.ropa");
    drop(Store::create(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", ropa::store::SCHEMA_VERSION + 1).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = bytes(&path);
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, Error::NewerSchema { .. }), "{error:?}");
    assert!(error.to_string().contains("future.ropa"));
    assert!(bytes(&path) == before, "the file was modified");
}

#[test]
fn a_read_only_register_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.ropa");
    drop(Store::create(&path).unwrap());
    let before = bytes(&path);
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, Error::ReadOnly { .. }), "{error:?}");
    assert!(bytes(&path) == before, "the file was modified");
}

#[test]
fn create_refuses_to_overwrite_and_open_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ropa");
    let mut store = Store::create(&path).unwrap();
    let service = store.insert_service(&ServiceFields { name: "PRI".into(), ..Default::default() }).unwrap();
    store.insert_activity(&full_activity(service), &[]).unwrap();
    drop(store);
    assert!(matches!(Store::create(&path).unwrap_err(), Error::AlreadyExists { .. }));
    let mut reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.load_register().unwrap().activities[0].fields, full_activity(service));
    let fk: i64 = reopened.connection().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    let mode: String = reopened.connection().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

/// Every index of the register, as (name, SQL), by name.
fn indexes(store: &Store) -> Vec<(String, String)> {
    let mut stmt = store
        .connection()
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

/// Adds `count` activities, each with a link to `party` carrying data categories.
fn add_many(
    batch: &ropa::store::Batch<'_>,
    service: ServiceId,
    party: PartyId,
    count: usize,
) -> ropa::Result<()> {
    for n in 0..count {
        let mut recipient = link(party, Direction::Recipient);
        recipient.fields.data_categories = vec!["Name".into(), format!("Case {n}")];
        let mut fields = ActivityFields::new(service, format!("Activity {n}"));
        fields.personal_data = vec!["Email address".into()];
        batch.insert_activity(&fields, &[recipient])?;
    }
    Ok(())
}

/// A batch that adds a register's worth of activities builds some indexes once
/// at its end: afterwards the register has exactly the indexes it had, and the
/// questions asked across it still use them.
#[test]
fn a_large_batch_leaves_the_same_indexes_in_use() {
    let mut fx = fixture();
    let before = indexes(&fx.store);
    let count = ropa::store::BULK_ACTIVITIES;
    let (service, police) = (fx.service, fx.police);
    fx.store.batch_adding(count, false, |batch| add_many(batch, service, police, count)).unwrap();

    assert_eq!(indexes(&fx.store), before);
    assert_eq!(fx.store.links_with_party(fx.police, None).unwrap().len(), count);
    assert_eq!(fx.store.activities_with_personal_data("email ADDRESS").unwrap().len(), count);
    for sql in [
        "SELECT id FROM link WHERE party_id = 1 AND direction = 'recipient'",
        "SELECT id FROM link WHERE agreement_id = 1",
        "SELECT activity_id FROM activity_item WHERE list = 'personal_data' AND value = 'x' COLLATE NOCASE",
        "SELECT link_id FROM link_data_category WHERE value = 'name' COLLATE NOCASE",
    ] {
        let plan = query_plan(&fx.store, sql);
        assert!(plan.contains("USING") && !plan.contains("SCAN"), "{sql} is not indexed: {plan}");
    }
    let integrity: String =
        fx.store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
}

/// A large batch that fails, or is a dry run, leaves the register and its
/// indexes as they were.
#[test]
fn a_large_batch_that_fails_or_is_a_dry_run_changes_nothing() {
    let mut fx = fixture();
    let before = indexes(&fx.store);
    let count = ropa::store::BULK_ACTIVITIES;
    let (service, police) = (fx.service, fx.police);
    let failed = fx.store.batch_adding(count, false, |batch| {
        add_many(batch, service, police, count)?;
        // The same name again in the same service is refused: the batch fails at its end.
        add_many(batch, service, police, 1)
    });
    assert!(matches!(failed, Err(Error::Duplicate { .. })), "{failed:?}");
    fx.store.batch_adding(count, true, |batch| add_many(batch, service, police, count)).unwrap();

    assert_eq!(indexes(&fx.store), before);
    assert!(fx.store.load_register().unwrap().activities.is_empty());
    assert!(fx.store.links_with_party(fx.police, None).unwrap().is_empty());
}
