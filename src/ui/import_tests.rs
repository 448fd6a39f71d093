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
    council_workbook_with(path, "Payroll");
}

/// The council's layout with one activity called `activity`.
fn council_workbook_with(path: &Path, activity: &str) {
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
        ["Human Resources", activity, "Pay staff", "Contract; Legal obligation", "Employees", "HR-01"],
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

/// The app on a register kept in `folder/council.ropa`.
fn harness_on_file(folder: &Path) -> (Harness<'static, App>, std::path::PathBuf) {
    let path = folder.join("council.ropa");
    drop(store_at(&path));
    let mut app = App::start(Some(path.clone()), Default::default(), TODAY, FileDialogs::typed_only());
    app.wait_for_snapshot();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    (harness, path)
}

fn store_at(path: &Path) -> Store {
    let mut store = Store::create(path).unwrap();
    store.insert_service(&ServiceFields { name: "Housing".into(), ..Default::default() }).unwrap();
    store
}

/// Waits for the worker to finish a read the last click started.
fn wait_for_read(harness: &mut Harness<'_, App>) {
    let _still_reading = harness.run_ok();
    let start = Instant::now();
    while harness.query_by_label("Reading the file…").is_some() {
        assert!(start.elapsed() < Duration::from_secs(30), "reading did not finish");
        std::thread::sleep(Duration::from_millis(10));
        let _still_reading = harness.run_ok();
    }
    harness.run();
}

const REMEMBERED: &str = "remembered from the last import of this layout";

#[test]
fn the_mapping_confirmed_on_import_is_remembered_and_proposed_for_the_same_layout() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, register) = harness_on_file(dir.path());
    let first = dir.path().join("council.xlsx");
    council_workbook(&first);
    read_file(&mut harness, &first);
    assert!(harness.query_all_by_label(REMEMBERED).next().is_none(), "nothing remembered yet");
    harness.get_by_label("Field for \"Local reference\"").click();
    harness.run();
    harness.get_by_label("Owner").click();
    wait_for_read(&mut harness);
    harness.get_by_label("Import").click();
    harness.run();
    let memory = std::fs::read_to_string(ropa::import::mapping::memory_path(&register)).unwrap();
    assert!(memory.contains("Local reference = owner"), "{memory}");

    // Next year's register, in the same layout, read again from the page.
    council_workbook_with(&first, "Pensions");
    harness.get_by_label("Read and preview").click();
    wait_for_read(&mut harness);
    assert_eq!(harness.query_all_by_label(REMEMBERED).count(), 6, "every heading as remembered");
    assert!(harness.query_by_label("The column mapping is right").is_none(), "nothing left to guess");
    harness.get_by_label("Import").click();
    harness.run();
    let store = &mut harness.state_mut().session_mut().unwrap().store;
    let register = store.load_register().unwrap();
    let pensions = register.activities.iter().find(|a| a.fields.name == "Pensions").unwrap();
    assert_eq!(pensions.fields.owner, "HR-01", "the remembered choice, not a note");
}

#[test]
fn a_mapping_remembered_by_the_command_line_is_proposed_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("council.ropa");
    // The file `ropa import` writes after landing this layout with
    // --map "Data obtained from=sources;Local reference=owner".
    std::fs::write(
        ropa::import::mapping::memory_path(&register),
        "# Column mappings remembered by ROPA Register's import\n\n[layout]\nService area = business-function\nData processing activity = name\nPurpose = purpose\nLegal basis = lawful-basis\nData obtained from = sources\nLocal reference = owner\n",
    )
    .unwrap();
    let (mut harness, _) = harness_on_file(dir.path());
    let path = dir.path().join("council.xlsx");
    council_workbook(&path);
    read_file(&mut harness, &path);
    assert_eq!(harness.query_all_by_label(REMEMBERED).count(), 6);
    assert!(!harness.get_by_label("Import").accesskit_node().is_disabled(), "no guess waits for the officer");
    harness.get_by_label("Import").click();
    harness.run();
    let store = &mut harness.state_mut().session_mut().unwrap().store;
    let payroll =
        store.load_register().unwrap().activities.into_iter().find(|a| a.fields.name == "Payroll").unwrap();
    assert_eq!(payroll.fields.owner, "HR-01");
}

#[test]
fn the_preview_counts_the_agreements_and_links_a_whole_workbook_brings() {
    let demo = super::test_support::demo_store().load_register().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.xlsx");
    let mut bytes = Vec::new();
    let options =
        ropa::export::Options { bom: false, generated_at: time::macros::datetime!(2026-11-22 10:00 UTC) };
    ropa::export::write(
        &demo,
        ropa::export::Format::IcoXlsx,
        &options,
        &mut bytes,
        &mut ropa::export::NoProgress,
    )
    .unwrap();
    std::fs::write(&path, bytes).unwrap();
    let mut harness = harness_on(Store::in_memory().unwrap());
    read_file(&mut harness, &path);
    assert!(demo.links.len() > 10 && !demo.agreements.is_empty());
    assert!(
        harness.query_by_label(&format!("Links ({})", demo.links.len())).is_some(),
        "every link of the Links sheet"
    );
    assert!(harness.query_by_label(&format!("Agreements ({})", demo.agreements.len())).is_some());
    let title = &demo.agreements[0].fields.title;
    assert!(harness.query_by_label_contains(title).is_some(), "{title} listed");
}

/// `bytes` (a workbook) written again as text cells, with `edit` applied to
/// each sheet's rows by name: as the owner's spreadsheet program saves a pack.
fn resaved(bytes: &[u8], edit: impl Fn(&str, &mut Vec<Vec<String>>)) -> Vec<u8> {
    use calamine::{Data, Reader, open_workbook_auto_from_rs};
    let mut workbook = open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).unwrap();
        let mut rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|c| if matches!(c, Data::Empty) { String::new() } else { c.to_string() })
                    .collect()
            })
            .collect();
        edit(&name, &mut rows);
        let sheet = out.add_worksheet();
        sheet.set_name(&name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    out.save_to_buffer().unwrap()
}

#[test]
fn a_returned_review_pack_shows_each_change_to_accept_and_lands_only_the_accepted_ones() {
    use ropa::model::ActivityFields;
    use ropa::review_pack::{ACTIVITIES_SHEET, PackField, RETURNED_BY_LABEL};
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let mut fields = ActivityFields::new(service, "Family support casework");
    fields.security_measures = "Locked cabinets".into();
    let casework = store.insert_activity(&fields, &[]).unwrap();
    let register = store.load_register().unwrap();
    let pack = ropa::review_pack::write_pack(&register, service, TODAY, "officer").unwrap();
    let returned = resaved(&pack, |sheet, rows| {
        if sheet == ACTIVITIES_SHEET {
            let at = |heading: &str| rows[0].iter().position(|c| c == heading).unwrap();
            let (owner, security) =
                (at(PackField::Owner.heading()), at(PackField::SecurityMeasures.heading()));
            rows[1][owner] = "Head of Early Help".into();
            rows[1][security] = "None".into();
        } else if let Some(row) = rows.iter_mut().find(|r| r.first().is_some_and(|c| c == RETURNED_BY_LABEL))
        {
            row[1] = "Jo Bloggs, Early Help Manager".into();
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("early-help-returned.xlsx");
    std::fs::write(&path, returned).unwrap();

    let mut harness = harness_on(store);
    read_file(&mut harness, &path);
    assert!(harness.query_by_label("Review pack for Early Help").is_some());
    assert!(
        harness.query_by_label_contains("Returned by Jo Bloggs, Early Help Manager: 2 change(s)").is_some()
    );
    let reject = super::pack_review::accept_label("Family support casework", PackField::SecurityMeasures);
    harness.get_by_label(&reject).click();
    harness.run();
    harness.get_by_label("Apply 1 accepted change(s)").click();
    harness.run();
    let store = &mut harness.state_mut().session_mut().unwrap().store;
    let saved = store.activity(casework.id).unwrap();
    assert_eq!(saved.fields.owner, "Head of Early Help", "the accepted change landed");
    assert_eq!(saved.fields.security_measures, "Locked cabinets", "the rejected one did not");
    let history = store.history("activity", casework.id.0).unwrap();
    let last = history.iter().max_by_key(|change| change.id).unwrap();
    assert!(last.actor.contains("review pack returned by Jo Bloggs"), "{}", last.actor);
    assert!(store.verify().unwrap().is_intact());
    assert!(
        harness.query_all_by_label_contains("Applied 1 of 2 change(s) from the review pack").next().is_some()
    );
}
