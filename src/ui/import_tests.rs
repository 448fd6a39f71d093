//! Tests of the Import page, driven by accessible labels: a file written by the test
//! is read on the worker thread, previewed, and applied (or refused), and the
//! store is checked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use ropa::Store;
use ropa::model::{Date, PartyFields, PartyKind, ServiceFields};
use time::macros::date;

use super::app::{App, Page};
use super::file_dialog::FileDialogs;

const TODAY: Date = date!(2026 - 11 - 22);

/// An ICO-template CSV with three activities: row 3 leaves "Business function"
/// blank (a warning: taken from the row above) and row 5 repeats row 2 (rejected).
const ICO_CSV: &str = "Business function,Purpose of processing,Categories of individuals,Categories of personal data,Categories of recipients\r\n\
Housing,Tenancy management,Tenants,Contact details,Home Office\r\n\
,Rent collection,Tenants,Bank details,\r\n\
Libraries,Library membership,Library members,Contact details,\r\n\
Housing,Tenancy management,Tenants,Contact details,\r\n";

/// A register with the service and the party the file names.
fn store() -> Store {
    let mut store = Store::in_memory().unwrap();
    store.insert_service(&ServiceFields { name: "Housing".into(), ..Default::default() }).unwrap();
    store.insert_party(&PartyFields::new("Home Office", PartyKind::PublicAuthority)).unwrap();
    store
}

fn harness_on(store: Store) -> Harness<'static, App> {
    let app = App::with_store(store, TODAY, FileDialogs::typed_only()).unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

/// File > Import…, then types `path` and reads it as the default layout (ICO CSV).
fn read_file(harness: &mut Harness<'_, App>, path: &Path) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import…").click();
    harness.run();
    assert_eq!(harness.state().page(), Page::Import);
    harness.get_by_label("File to import").focus();
    harness.run();
    harness.get_by_label("File to import").type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_label("Read and preview").click();
    // The page repaints while the worker reads, so frames need not settle.
    let _still_reading = harness.run_ok();
    let start = Instant::now();
    while harness.query_by_label("Reading the file…").is_some() {
        assert!(start.elapsed() < Duration::from_secs(30), "reading did not finish");
        std::thread::sleep(Duration::from_millis(10));
        let _still_reading = harness.run_ok();
    }
    harness.run();
}

fn activity_names(harness: &mut Harness<'_, App>) -> Vec<String> {
    let store = &mut harness.state_mut().session_mut().unwrap().store;
    store.load_register().unwrap().activities.into_iter().map(|a| a.fields.name).collect()
}

#[test]
fn an_ico_csv_is_previewed_and_imported_only_once_the_rejected_rows_are_skipped() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("template.csv");
    std::fs::write(&path, ICO_CSV).unwrap();
    let mut harness = harness_on(store());
    read_file(&mut harness, &path);

    assert!(
        harness.query_by_label_contains("3 activities, 1 new services").is_some(),
        "the summary counts what will be created"
    );
    assert!(harness.query_by_label_contains("1 rows rejected, 1 warnings").is_some());
    assert!(harness.query_by_label("5").is_some(), "the rejected row's number is shown");
    assert!(harness.query_by_label_contains("an activity \"Tenancy management\" already exists").is_some());
    assert!(harness.query_by_label_contains("taken as \"Housing\" from the row above").is_some());
    assert!(harness.query_by_label("Parties matched to existing ones").is_some());
    assert_eq!(harness.query_all_by_label("Home Office").count(), 2, "file name and register name");
    assert!(
        harness.get_by_label("Import").accesskit_node().is_disabled(),
        "Import waits while rows are rejected"
    );
    assert!(harness.query_by_label_contains("tick \"Skip the rejected rows\"").is_some(), "and says why");
    harness.get_by_label("Import").click();
    harness.run();
    assert!(activity_names(&mut harness).is_empty(), "nothing is written by the preview");

    harness.get_by_label("Skip the rejected rows").click();
    harness.run();
    assert!(!harness.get_by_label("Import").accesskit_node().is_disabled());
    harness.get_by_label("Import").click();
    harness.run();

    let mut names = activity_names(&mut harness);
    names.sort();
    assert_eq!(names, ["Library membership", "Rent collection", "Tenancy management"]);
    let register = harness.state_mut().session_mut().unwrap().store.load_register().unwrap();
    assert_eq!(register.parties.len(), 1, "Home Office was matched, not duplicated");
    assert_eq!(register.services.len(), 2, "Housing was reused and Libraries created");
    assert!(harness.query_by_label_contains("Imported 3 activities, 1 new services").is_some());
    assert!(harness.query_by_label("• Library membership").is_some(), "the activities created are listed");
    assert_eq!(harness.state().session().unwrap().view.total(), 3, "the page data was rebuilt");
}

#[test]
fn cancel_drops_the_preview_and_writes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("template.csv");
    std::fs::write(&path, ICO_CSV).unwrap();
    let mut harness = harness_on(store());
    read_file(&mut harness, &path);
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Preview").is_none());
    assert!(activity_names(&mut harness).is_empty());
}

#[test]
fn a_binary_file_shows_an_error_naming_it_and_changes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("spreadsheet.xlsx");
    std::fs::write(&path, b"PK\x03\x04\x14\x00\x06\x00\x00\x00binary\x00\x01\x02").unwrap();
    let mut harness = harness_on(store());
    let before = harness.state_mut().session_mut().unwrap().store.load_register().unwrap();
    read_file(&mut harness, &path);

    // A file that starts as a zip is taken for a workbook, and this one is not one.
    let file = path.display().to_string();
    assert!(
        harness.query_by_label_contains("it is not a workbook that can be read (xlsx, xls or ods)").is_some(),
        "the error says what is wrong"
    );
    assert!(harness.query_by_label_contains(&file).is_some(), "the error names the file");
    assert!(harness.query_by_label("Preview").is_none());
    let after = harness.state_mut().session_mut().unwrap().store.load_register().unwrap();
    assert_eq!(before, after);
}

/// A council's own register: "Data obtained from" is a guess, "Local reference"
/// fits no field.
fn council_workbook(path: &Path) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let rows = [
        [
            "Service area",
            "Data processing activity",
            "Purpose",
            "Legal basis",
            "Data obtained from",
            "Local reference",
        ],
        ["Human Resources", "Payroll", "Pay staff", "Contract; Legal obligation", "Employees", "HR-01"],
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    workbook.save(path).unwrap();
}

#[test]
fn a_council_layout_shows_a_field_chooser_per_heading_and_imports_as_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("council.xlsx");
    council_workbook(&path);
    let mut harness = harness_on(store());
    read_file(&mut harness, &path);
    assert!(harness.query_by_label("Field for \"Data processing activity\"").is_some());
    assert!(
        harness.get_by_label("Import").accesskit_node().is_disabled(),
        "a guessed column waits for the officer"
    );
    assert!(harness.query_by_label("The column mapping is right").is_some());
    // The officer files "Local reference" as the owner instead of a note.
    harness.get_by_label("Field for \"Local reference\"").click();
    harness.run();
    harness.get_by_label("Owner").click();
    let _still_reading = harness.run_ok();
    let start = Instant::now();
    while harness.query_by_label("Reading the file…").is_some() {
        assert!(start.elapsed() < Duration::from_secs(30), "reading did not finish");
        std::thread::sleep(Duration::from_millis(10));
        let _still_reading = harness.run_ok();
    }
    harness.run();
    assert!(harness.query_by_label("The column mapping is right").is_none(), "every heading is now chosen");
    harness.get_by_label("Import").click();
    harness.run();
    assert_eq!(activity_names(&mut harness), ["Payroll"]);
    let store = &mut harness.state_mut().session_mut().unwrap().store;
    let register = store.load_register().unwrap();
    let payroll = register.activities.iter().find(|a| a.fields.name == "Payroll").unwrap();
    assert_eq!(payroll.fields.owner, "HR-01");
    assert_eq!(payroll.fields.purposes, ["Pay staff"]);
}
