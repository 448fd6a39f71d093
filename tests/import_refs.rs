//! JSON and full-CSV imports never drop a record silently: a record naming a
//! service, party, agreement or activity the file does not hold is a rejected row
//! naming the record and the missing id, the counts add up, and a dry run agrees
//! with the real import because it runs the same code and rolls back.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::Path;
use std::process::{Command, Output};

use ropa::import::json;
use ropa::model::*;
use ropa::{Store, demo};

/// A JSON register file holding `register` exactly as given: ids and references
/// are not renumbered or cleaned, as a hand-edited or hostile file would be.
fn raw_json(register: &Register) -> Vec<u8> {
    serde_json::to_vec(
        &serde_json::json!({ "format": json::FORMAT, "version": json::VERSION, "register": register }),
    )
    .unwrap()
}

/// A small register: one service, two parties, one agreement, one activity with
/// two links.
fn small() -> Register {
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let nhs = store.insert_party(&PartyFields::new("NHS Trust", PartyKind::PublicAuthority)).unwrap();
    let police = store
        .insert_party(&PartyFields::new("Greater Manchester Police", PartyKind::PublicAuthority))
        .unwrap();
    let agreement = store
        .insert_agreement(&AgreementFields {
            parties: vec![nhs.id, police.id],
            ..AgreementFields::new(AgreementKind::DataSharing, "Early Help information sharing")
        })
        .unwrap();
    let mut to_nhs = LinkFields::new(nhs.id, Direction::Recipient);
    to_nhs.agreement_id = Some(agreement.id);
    let links = [
        LinkDraft { id: None, fields: to_nhs },
        LinkDraft { id: None, fields: LinkFields::new(police.id, Direction::Source) },
    ];
    store.insert_activity(&ActivityFields::new(service, "Early Help casework"), &links).unwrap();
    let second = ActivityFields::new(service, "Family support referrals");
    store.insert_activity(&second, &[]).unwrap();
    store.load_register().unwrap()
}

fn plan_of(incoming: &Register) -> ropa::import::Plan {
    let empty = Register::default();
    let file = "hostile.json";
    json::merge_plan(&json::from_json(&raw_json(incoming), file).unwrap(), &empty, file)
}

fn rejected(plan: &ropa::import::Plan) -> String {
    plan.report.lines().join("\n")
}

/// Every activity of the file is planned or rejected.
fn assert_activities_add_up(plan: &ropa::import::Plan, incoming: &Register) {
    let rejected_activities =
        plan.report.rejected.iter().filter(|issue| issue.message.starts_with("activity ")).count();
    assert_eq!(
        plan.activities.len() + rejected_activities,
        incoming.activities.len(),
        "activities planned plus rejected must equal the file's: {}",
        rejected(plan)
    );
}

#[test]
fn an_activity_whose_service_is_not_in_the_file_is_rejected_by_name_and_id() {
    let mut incoming = small();
    incoming.activities[0].fields.service_id = ServiceId(99);
    let plan = plan_of(&incoming);
    let text = rejected(&plan);
    assert!(text.contains("Early Help casework") && text.contains("service 99"), "{text}");
    assert_eq!(plan.report.rejected.len(), 1, "{text}");
    assert_activities_add_up(&plan, &incoming);
}

#[test]
fn an_activity_linking_to_an_unknown_party_is_rejected_not_stripped_of_the_link() {
    let mut incoming = small();
    let casework = incoming.activities.iter().find(|a| a.fields.name == "Early Help casework").unwrap().id;
    let link = incoming.links.iter_mut().find(|l| l.activity_id == casework).unwrap();
    link.fields.party_id = PartyId(77);
    let link_id = link.id;
    let plan = plan_of(&incoming);
    let text = rejected(&plan);
    assert!(text.contains("Early Help casework") && text.contains("party 77"), "{text}");
    assert!(text.contains(&format!("link {link_id}")), "{text}");
    assert!(plan.activities.iter().all(|a| a.fields.name != "Early Help casework"));
    assert_activities_add_up(&plan, &incoming);
}

#[test]
fn a_link_under_an_unknown_agreement_rejects_its_activity() {
    let mut incoming = small();
    for link in &mut incoming.links {
        if link.fields.agreement_id.is_some() {
            link.fields.agreement_id = Some(AgreementId(55));
        }
    }
    let plan = plan_of(&incoming);
    let text = rejected(&plan);
    assert!(text.contains("agreement 55") && text.contains("Early Help casework"), "{text}");
    assert_activities_add_up(&plan, &incoming);
}

#[test]
fn an_agreement_naming_an_unknown_party_is_rejected_and_so_are_the_links_under_it() {
    let mut incoming = small();
    incoming.agreements[0].fields.parties.push(PartyId(42));
    let plan = plan_of(&incoming);
    let text = rejected(&plan);
    assert!(text.contains("Early Help information sharing") && text.contains("party 42"), "{text}");
    assert!(plan.agreements.is_empty(), "{text}");
    assert!(text.contains("activity") && text.contains("Early Help casework"), "{text}");
    assert_activities_add_up(&plan, &incoming);
}

#[test]
fn a_link_whose_activity_is_not_in_the_file_is_rejected() {
    let mut incoming = small();
    let mut orphan = incoming.links[0].clone();
    orphan.id = LinkId(500);
    orphan.activity_id = ActivityId(600);
    incoming.links.push(orphan);
    let plan = plan_of(&incoming);
    let text = rejected(&plan);
    assert!(text.contains("link 500") && text.contains("activity 600"), "{text}");
    let planned_links = plan.link_count();
    assert_eq!(planned_links + 1, incoming.links.len(), "every link planned or rejected: {text}");
}

#[test]
fn a_clean_file_plans_every_record_and_rejects_none() {
    let mut store = Store::in_memory().unwrap();
    demo::populate(&mut store).unwrap();
    let incoming = store.load_register().unwrap();
    let plan = plan_of(&incoming);
    assert!(plan.report.rejected.is_empty(), "{}", rejected(&plan));
    assert_eq!(plan.activities.len(), incoming.activities.len());
    assert_eq!(plan.link_count(), incoming.links.len());
    assert_eq!(plan.agreements.len(), incoming.agreements.len());
}

fn full_csv(register: &Register) -> Vec<u8> {
    let mut csv = Vec::new();
    let options = ropa::export::Options::at(time::OffsetDateTime::UNIX_EPOCH);
    ropa::export::full_csv::write(register, &options, &mut csv, &mut ropa::export::NoProgress).unwrap();
    csv
}

fn import(db: &Path, format: &str, input: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["import", "--db"])
        .arg(db)
        .args(["--format", format])
        .arg(input)
        .args(extra)
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Runs the dry run and then the real import, and asserts they agree and that a
/// refused import leaves the register's bytes as they were.
fn dry_run_agrees(format: &str, file_name: &str, bytes: &[u8]) -> (Output, Output) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.ropa");
    drop(Store::create(&db).unwrap());
    let input = dir.path().join(file_name);
    std::fs::write(&input, bytes).unwrap();
    let before = std::fs::read(&db).unwrap();
    let dry = import(&db, format, &input, &["--dry-run"]);
    assert_eq!(std::fs::read(&db).unwrap(), before, "a dry run changed the register: {}", text(&dry));
    let real = import(&db, format, &input, &[]);
    assert_eq!(dry.status.success(), real.status.success(), "dry run: {}\nreal: {}", text(&dry), text(&real));
    if !real.status.success() {
        let store = Store::open(&db).unwrap();
        assert!(store.activities().unwrap().is_empty(), "a refused import landed: {}", text(&real));
    }
    (dry, real)
}

#[test]
fn a_dry_run_fails_where_the_real_import_fails_on_a_clash_inside_the_file() {
    // "Greater Manchester Police" and "greater manchester police" are one name to the register: the plan passes,
    // the second insert fails. The old dry run said it would succeed.
    let mut incoming = small();
    let mut twin = incoming.parties[0].clone();
    twin.id = PartyId(90);
    twin.fields.name = twin.fields.name.to_lowercase();
    let clash = twin.fields.name.clone();
    incoming.parties.push(twin);
    let (dry, real) = dry_run_agrees("json", "clash.json", &raw_json(&incoming));
    assert!(!real.status.success(), "{}", text(&real));
    assert!(text(&dry).contains(&clash), "the dry run names the clash: {}", text(&dry));
}

#[test]
fn a_full_csv_with_a_missing_service_is_rejected_by_the_dry_run_and_the_real_import_alike() {
    let mut store = Store::in_memory().unwrap();
    demo::populate(&mut store).unwrap();
    let mut register = store.load_register().unwrap();
    let victim = register.activities[0].fields.name.clone();
    register.activities[0].fields.service_id = ServiceId(9_999);
    let csv = full_csv(&register);
    let (dry, real) = dry_run_agrees("full-csv", "full.csv", &csv);
    assert!(!dry.status.success() && !real.status.success());
    for output in [&dry, &real] {
        let said = text(output);
        assert!(said.contains(&victim) && said.contains("service 9999"), "{said}");
        assert!(!said.contains("0 rows rejected"), "{said}");
    }
}

#[test]
fn a_clean_full_csv_dry_run_and_import_agree_and_the_import_lands_whole() {
    let mut store = Store::in_memory().unwrap();
    demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    let csv = full_csv(&register);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.ropa");
    drop(Store::create(&db).unwrap());
    let input = dir.path().join("full.csv");
    std::fs::write(&input, &csv).unwrap();
    let dry = import(&db, "full-csv", &input, &["--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry));
    assert!(Store::open(&db).unwrap().activities().unwrap().is_empty());
    let real = import(&db, "full-csv", &input, &[]);
    assert!(real.status.success(), "{}", text(&real));
    assert_eq!(Store::open(&db).unwrap().activities().unwrap().len(), register.activities.len());
}
