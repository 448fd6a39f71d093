//! Several writers on one register at once: real `ropa import` processes and
//! app-style saves through the library. Every change either lands or is refused
//! with the conflict named; none vanishes. See RELIABILITY.md.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ropa::ico_template::IcoColumn;
use ropa::model::*;
use ropa::{Error, Store, demo};

/// One organisation contact field an import can set, and how to read it back.
struct ContactField {
    role: &'static str,
    column: usize,
    read: fn(&Organisation) -> &str,
}

const FIELDS: &[ContactField] = &[
    ContactField { role: "Controller", column: 1, read: |o| &o.controller.name },
    ContactField { role: "Controller", column: 2, read: |o| &o.controller.address },
    ContactField { role: "Controller", column: 3, read: |o| &o.controller.email },
    ContactField { role: "Controller", column: 4, read: |o| &o.controller.telephone },
    ContactField { role: "Data Protection Officer", column: 1, read: |o| &o.dpo.name },
    ContactField { role: "Data Protection Officer", column: 3, read: |o| &o.dpo.email },
    ContactField { role: "Representative", column: 2, read: |o| &o.representative.address },
    ContactField { role: "Representative", column: 4, read: |o| &o.representative.telephone },
];

/// An ICO template CSV whose contact block sets only `field`, to `value`, and
/// which has no activity rows.
fn contact_csv(field: &ContactField, value: &str) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    writer.write_record(["Documentation template for controllers"]).unwrap();
    writer.write_record(["", "Name", "Address", "Email", "Telephone"]).unwrap();
    let mut row = vec![String::new(); 5];
    row[0] = field.role.to_string();
    row[field.column] = value.to_string();
    writer.write_record(&row).unwrap();
    writer.write_record([""]).unwrap();
    writer.write_record(IcoColumn::ALL.iter().map(|c| c.heading())).unwrap();
    writer.into_inner().unwrap()
}

fn register(dir: &Path) -> PathBuf {
    let path = dir.join("shared.ropa");
    Store::create(&path).unwrap();
    path
}

fn spawn_import(db: &Path, input: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["import", "--format", "ico-csv", "--db"])
        .arg(db)
        .arg(input)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn describe(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn simultaneous_imports_each_setting_one_contact_field_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let db = register(dir.path());
    let values: Vec<String> = (0..FIELDS.len()).map(|i| format!("Value {i} from import {i}")).collect();
    let inputs: Vec<PathBuf> = FIELDS
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(i, (field, value))| {
            let path = dir.path().join(format!("contacts-{i}.csv"));
            std::fs::write(&path, contact_csv(field, value)).unwrap();
            path
        })
        .collect();
    let children: Vec<_> = inputs.iter().map(|input| spawn_import(&db, input)).collect();
    let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let organisation = Store::open(&db).unwrap().organisation().unwrap();
    for ((field, value), output) in FIELDS.iter().zip(&values).zip(&outputs) {
        assert!(output.status.success(), "an import without a clash was refused: {}", describe(output));
        assert_eq!((field.read)(&organisation), value, "a reported import vanished: {}", describe(output));
    }
}

#[test]
fn an_import_keeps_a_contact_field_saved_after_its_plan_was_made() {
    let mut store = Store::in_memory().unwrap();
    let register = store.load_register().unwrap();
    let plan = ropa::import::read_ico_csv(&contact_csv(&FIELDS[5], "dpo@example.gov.uk"), "c.csv", &register)
        .unwrap();
    let mut meanwhile = store.organisation().unwrap();
    meanwhile.controller.name = "Manchester City Council".into();
    store.save_organisation(&meanwhile).unwrap();
    ropa::import::apply(&plan, &mut store).unwrap();
    let organisation = store.organisation().unwrap();
    assert_eq!(organisation.controller.name, "Manchester City Council", "the earlier save vanished");
    assert_eq!(organisation.dpo.email, "dpo@example.gov.uk");
}

fn two_stores() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ropa");
    let mut first = Store::create(&path).unwrap();
    demo::populate(&mut first).unwrap();
    let second = Store::open(&path).unwrap();
    (dir, first, second)
}

#[test]
fn two_officers_editing_different_organisation_fields_keep_both() {
    let (_dir, mut alice, mut bob) = two_stores();
    let base = alice.organisation().unwrap();
    let mut alices = base.clone();
    alices.dpo.telephone = "0161 000 0001".into();
    let mut bobs = base.clone();
    bobs.ico_registration = "Z1234567".into();
    alice.edit_organisation(&base, &alices).unwrap();
    bob.edit_organisation(&base, &bobs).unwrap();
    let saved = alice.organisation().unwrap();
    assert_eq!(saved.dpo.telephone, "0161 000 0001");
    assert_eq!(saved.ico_registration, "Z1234567");
    assert_eq!(saved.controller, base.controller);
}

#[test]
fn two_officers_changing_the_same_organisation_field_differently_is_refused_with_both_values() {
    let (_dir, mut alice, mut bob) = two_stores();
    let base = alice.organisation().unwrap();
    let mut alices = base.clone();
    alices.dpo.email = "alice@example.gov.uk".into();
    let mut bobs = base.clone();
    bobs.dpo.email = "bob@example.gov.uk".into();
    alice.edit_organisation(&base, &alices).unwrap();
    let error = bob.edit_organisation(&base, &bobs).unwrap_err();
    assert!(matches!(error, Error::Conflict { .. }), "{error:?}");
    let message = error.to_string();
    for part in ["DPO email", "alice@example.gov.uk", "bob@example.gov.uk", "Your edits are kept"] {
        assert!(message.contains(part), "{part:?} missing from {message}");
    }
    assert_eq!(bob.organisation().unwrap().dpo.email, "alice@example.gov.uk");
}

#[test]
fn app_style_party_and_agreement_saves_from_threads_land_or_are_refused() {
    let (dir, first, _second) = two_stores();
    let path = dir.path().join("shared.ropa");
    let party = first.parties().unwrap()[0].clone();
    let agreement = first.agreements().unwrap()[0].clone();
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let path = path.clone();
            let party = party.clone();
            let agreement = agreement.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                let mut fields = party.fields.clone();
                fields.notes = format!("notes by writer {i}");
                let party_result = store.update_party(party.id, party.version, &fields);
                let mut fields = agreement.fields.clone();
                fields.reference = format!("REF-{i}");
                let agreement_result = store.update_agreement(agreement.id, agreement.version, &fields);
                (i, party_result.map(|_| ()), agreement_result.map(|_| ()))
            })
        })
        .collect();
    let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let saved_party = first.party(party.id).unwrap();
    let saved_agreement = first.agreements().unwrap().into_iter().find(|a| a.id == agreement.id).unwrap();
    let landed_party: Vec<usize> = results.iter().filter(|r| r.1.is_ok()).map(|r| r.0).collect();
    let landed_agreement: Vec<usize> = results.iter().filter(|r| r.2.is_ok()).map(|r| r.0).collect();
    assert_eq!(landed_party.len(), 1, "exactly one save from the same version lands: {results:?}");
    assert_eq!(landed_agreement.len(), 1, "exactly one save from the same version lands: {results:?}");
    assert_eq!(saved_party.fields.notes, format!("notes by writer {}", landed_party[0]));
    assert_eq!(saved_agreement.fields.reference, format!("REF-{}", landed_agreement[0]));
    for (_, party_result, agreement_result) in &results {
        for result in [party_result, agreement_result] {
            if let Err(error) = result {
                assert!(matches!(error, Error::Conflict { .. }), "refused for the wrong reason: {error:?}");
            }
        }
    }
}

#[test]
fn two_officers_acknowledging_the_same_open_finding_keep_the_first_and_are_told_of_it() {
    let (_dir, mut alice, mut bob) = two_stores();
    let register = alice.load_register().unwrap();
    let today = time::macros::date!(2026 - 11 - 25);
    let finding = ropa::checks::run(&register, &[], ropa::checks::Settings::new(today)).findings[0].clone();
    alice.acknowledge_open_finding(&finding.key(), "Alice", today, "Accepted at the IG board").unwrap();
    let error = bob.acknowledge_open_finding(&finding.key(), "Bob", today, "Bob's reason").unwrap_err();
    assert!(matches!(error, Error::Conflict { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("Alice") && message.contains("Accepted at the IG board"), "{message}");
    let kept = bob.acknowledgements().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].reason, "Accepted at the IG board");
}
