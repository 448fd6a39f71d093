//! Tests of the Export page, driven by accessible labels: exports run on the worker
//! thread, so each test runs frames until the worker has finished, then reads the
//! file written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ropa::Store;

use super::app::{App, Page};
use super::file_dialog::FileDialogs;
use super::test_support::{TODAY, demo_store};

fn harness_on(store: Store) -> Harness<'static, App> {
    let app = App::with_store(store, TODAY, FileDialogs::typed_only()).unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

/// Opens the Export page with Ctrl+E and types `path` as the destination.
fn open_export_page(harness: &mut Harness<'_, App>, path: &Path) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run();
    assert_eq!(harness.state().page(), Page::Export);
    harness.get_by_label("Destination file").focus();
    harness.run();
    harness.get_by_label("Destination file").type_text(path.to_str().unwrap());
    harness.run();
}

/// Runs frames until the export's Cancel button has gone (the worker finished).
/// Runs frames until the export has started and ended (the worker may not have
/// started on the first frame, so the absence of "Cancel" alone proves nothing).
fn wait_for_export(harness: &mut Harness<'_, App>) {
    let start = Instant::now();
    while harness.state().export_page().running.is_some() || harness.state().export_page().outcome.is_none() {
        assert!(start.elapsed() < Duration::from_secs(120), "the export did not finish");
        std::thread::sleep(Duration::from_millis(20));
        // The page repaints while the worker runs, so frames need not settle.
        let _still_exporting = harness.run_ok();
    }
    harness.run();
}

/// The activity names in an ICO-layout CSV: the last cell of each row below the
/// heading row.
fn activity_names_in_ico_csv(bytes: &[u8]) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let heading = rows.iter().position(|row| row.get(0) == Some("Business function")).unwrap();
    rows[heading + 1..].iter().map(|row| row.iter().next_back().unwrap().to_owned()).collect()
}

#[test]
fn exporting_the_demo_register_writes_an_ico_csv_with_every_activity() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("demo.csv");
    let mut harness = harness_on(demo_store());
    open_export_page(&mut harness, &path);
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);

    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the byte order mark is on by default");
    let written = activity_names_in_ico_csv(&bytes[3..]);
    let register = harness.state_mut().session_mut().unwrap().store.load_register().unwrap();
    let stored: Vec<String> = register.activities.iter().map(|a| a.fields.name.clone()).collect();
    assert!(stored.len() > 5, "the demo register has activities");
    assert_eq!(written.iter().collect::<BTreeSet<_>>(), stored.iter().collect::<BTreeSet<_>>());
    assert_eq!(written.len(), stored.len());
    assert!(harness.query_by_label("Open folder").is_some(), "the folder can be opened after success");
    assert!(harness.query_by_label_contains(&path.display().to_string()).is_some(), "the path is shown");
}

#[test]
fn the_current_filter_scope_exports_only_the_activities_shown() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("filtered.json");
    let mut harness = harness_on(demo_store());
    let register = harness.state_mut().session_mut().unwrap().store.load_register().unwrap();
    let wanted = register.activities[0].fields.name.clone();
    harness.get_by_label("Filter activities").focus();
    harness.run();
    harness.get_by_label("Filter activities").type_text(&wanted);
    harness.run();
    let shown = harness.state().session().unwrap().view.visible_len();
    assert!(shown >= 1 && shown < register.activities.len(), "the filter narrows the table");

    open_export_page(&mut harness, &path);
    harness.get_by_label("Register for backup or exchange (JSON)").click();
    harness.run();
    harness.get_by_label_contains("As filtered on the Register page").click();
    harness.run();
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);

    let exported = ropa::import::json::from_json(&std::fs::read(&path).unwrap(), "filtered.json").unwrap();
    let names: Vec<&str> = exported.activities.iter().map(|a| a.fields.name.as_str()).collect();
    assert_eq!(names.len(), shown);
    assert!(names.contains(&wanted.as_str()), "{names:?}");
}

#[test]
fn a_cancelled_export_leaves_no_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("big.pdf");
    let mut store = Store::in_memory().unwrap();
    ropa::generate::generate(&mut store, ropa::generate::Spec { activities: 1500, seed: 7 }).unwrap();
    let mut harness = harness_on(store);
    open_export_page(&mut harness, &path);
    harness.get_by_label("Register report (PDF)").click();
    harness.run();
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    harness.get_by_label("Cancel").click();
    let _still_stopping = harness.run_ok();
    wait_for_export(&mut harness);

    assert!(!path.exists(), "a cancelled export writes nothing");
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0, "no temporary file is left");
    assert!(harness.query_by_label_contains("cancelled").is_some(), "the cancel is reported");
    assert!(harness.query_by_label("Open folder").is_none());
}

#[test]
fn an_export_that_cannot_write_shows_why_and_leaves_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("no such folder").join("register.csv");
    let mut harness = harness_on(demo_store());
    open_export_page(&mut harness, &path);
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);

    assert!(harness.query_by_label_contains("Creating the file failed").is_some());
    assert!(harness.query_by_label("Open folder").is_none());
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0, "nothing was written");
}

#[test]
fn the_register_table_pdf_exports_from_the_page() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("register-table.pdf");
    let mut harness = harness_on(demo_store());
    open_export_page(&mut harness, &path);
    harness.get_by_label("Register table only (PDF)").click();
    harness.run();
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);

    let output = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/test.sh)");
    let text = String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("The register") && text.contains("Asylum and resettlement"), "{text}");
    assert!(text.contains("This report does not list the findings"));
    assert!(!text.contains("Data flows: sources and recipients"), "the table report has no links table");
    assert!(harness.query_by_label("Open folder").is_some(), "the export is reported done");
}

/// A register with one activity created on 1 November and one on 10 November.
fn two_day_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    store.set_clock(|| time::macros::datetime!(2026-11-01 10:00 UTC));
    let fields = ropa::model::ServiceFields { name: "Housing".into(), ..Default::default() };
    let service = store.insert_service(&fields).unwrap();
    store.insert_activity(&ropa::model::ActivityFields::new(service, "Tenancy payments"), &[]).unwrap();
    store.set_clock(|| time::macros::datetime!(2026-11-10 10:00 UTC));
    store.insert_activity(&ropa::model::ActivityFields::new(service, "Council tax"), &[]).unwrap();
    store
}

#[test]
fn the_register_shown_as_at_a_past_day_exports_as_it_stood() {
    let folder = tempfile::tempdir().unwrap();
    let then = folder.path().join("then.csv");
    let now = folder.path().join("now.csv");
    let mut harness = harness_on(two_day_store());
    super::test_support::type_into(&mut harness, "As-at date", "2026-11-05");
    harness.get_by_label("Show the register as at that date").click();
    harness.run();
    open_export_page(&mut harness, &then);
    assert!(harness.query_by_label_contains("1 activities then").is_some(), "the as-at choice is offered");
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);
    assert_eq!(activity_names_in_ico_csv(&std::fs::read(&then).unwrap()), ["Tenancy payments"]);

    harness.get_by_label("Today's register").click();
    harness.run();
    harness.get_by_label("Destination file").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Destination file").type_text(now.to_str().unwrap());
    harness.run();
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);
    let names: BTreeSet<String> =
        activity_names_in_ico_csv(&std::fs::read(&now).unwrap()).into_iter().collect();
    assert_eq!(names, BTreeSet::from(["Council tax".to_owned(), "Tenancy payments".to_owned()]));
}

#[test]
fn the_workbook_exports_from_the_page_with_every_sheet() {
    use calamine::Reader as _;
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("demo.xlsx");
    let mut harness = harness_on(demo_store());
    open_export_page(&mut harness, &path);
    harness.get_by_label("ICO template workbook with every sheet (Excel)").click();
    harness.run();
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);

    let bytes = std::fs::read(&path).unwrap();
    let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), ropa::export::xlsx::SHEETS.map(str::to_owned).to_vec());
    let controller = workbook.worksheet_range("Controller record").unwrap();
    let register = harness.state_mut().session_mut().unwrap().store.load_register().unwrap();
    let names: BTreeSet<String> = controller
        .rows()
        .skip_while(|row| row.first().is_none_or(|cell| *cell != "Business function"))
        .skip(1)
        .map(|row| row[30].to_string())
        .collect();
    let stored: BTreeSet<String> = register.activities.iter().map(|a| a.fields.name.clone()).collect();
    assert_eq!(names, stored, "every activity is on the Controller record sheet");
    assert!(harness.query_by_label("Open folder").is_some(), "the export is reported done");
}

/// The demo register in a file in `folder` (the audit pack reads the file).
fn demo_file_store(folder: &Path) -> Store {
    let mut store = Store::create(&folder.join("council.ropa")).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    store
}

#[test]
fn an_export_from_the_page_carries_the_change_log_head() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("ico.csv");
    let mut harness = harness_on(demo_store());
    let head = harness.state().session().unwrap().store.log_head().unwrap().to_string();
    open_export_page(&mut harness, &path);
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains(&head), "the ICO CSV's contact block names {head}");
}

#[test]
fn the_audit_pack_and_the_public_register_are_written_from_the_page() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness_on(demo_file_store(folder.path()));
    let head = harness.state().session().unwrap().store.log_head().unwrap().to_string();
    let pack = folder.path().join("audit");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run();
    harness.get_by_label(super::export::ExportFormat::AuditPack.label()).click();
    harness.run();
    assert!(harness.query_by_label_contains("an audit pack is never partial").is_some());
    open_export_page(&mut harness, &pack);
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);
    let manifest = std::fs::read_to_string(pack.join("MANIFEST.txt")).unwrap();
    assert!(manifest.contains(&head), "{manifest}");
    let check = std::process::Command::new("sha256sum")
        .args(["-c", "--strict", "MANIFEST.txt"])
        .current_dir(&pack)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));

    // The folder exists now: a second export there is refused, not merged into it.
    harness.get_by_label("Export").click();
    harness.run();
    let outcome = harness.state().export_page().outcome.clone();
    assert!(
        matches!(outcome, Some(super::export::ExportOutcome::Failed(ref why)) if why.contains("already exists"))
    );

    let public = folder.path().join("public");
    harness.get_by_label(ropa::export::Format::PublicHtml.label()).click();
    harness.run();
    harness.get_by_label("Destination file").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Destination file").type_text(public.to_str().unwrap());
    harness.run();
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);
    let index = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(index.contains("Manchester City Council"), "{index}");
}

#[test]
fn an_audit_pack_of_a_register_with_no_file_says_to_save_a_copy_first() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness_on(demo_store());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run();
    harness.get_by_label(super::export::ExportFormat::AuditPack.label()).click();
    harness.run();
    open_export_page(&mut harness, &folder.path().join("audit"));
    harness.get_by_label("Export").click();
    harness.run();
    let outcome = harness.state().export_page().outcome.clone();
    assert!(
        matches!(outcome, Some(super::export::ExportOutcome::Failed(ref why)) if why.contains("save a copy"))
    );
    assert!(!folder.path().join("audit").exists());
}

#[test]
fn an_export_carries_the_head_of_the_register_it_holds_not_a_later_one() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness_on(demo_file_store(folder.path()));
    harness.state_mut().wait_for_snapshot();
    let shown = harness.state().session().unwrap().store.log_head().unwrap().to_string();
    // Another copy of the app writes after this one read the register.
    let mut other = Store::open(&folder.path().join("council.ropa")).unwrap();
    other
        .insert_service(&ropa::model::ServiceFields { name: "Added elsewhere".into(), ..Default::default() })
        .unwrap();
    let later = other.log_head().unwrap().to_string();
    assert_ne!(shown, later);
    let path = folder.path().join("ico.csv");
    open_export_page(&mut harness, &path);
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains(&shown), "the head the register was read at");
    assert!(!written.contains(&later), "never a head whose changes the export lacks");
}

#[test]
fn a_review_round_is_started_from_the_page_and_shows_on_reviews_due() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness_on(demo_file_store(folder.path()));
    let round = folder.path().join("round");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run();
    harness.get_by_label(super::export::ExportFormat::ReviewRound.label()).click();
    harness.run();
    assert!(harness.query_by_label_contains("each gets its own pack").is_some());
    open_export_page(&mut harness, &round);
    harness.get_by_label("Export").click();
    let _still_exporting = harness.run_ok();
    wait_for_export(&mut harness);
    let packs = harness.state().session().unwrap().store.review_packs().unwrap();
    let files = std::fs::read_dir(&round).unwrap().count();
    assert!(files > 1, "a pack per service: {files}");
    assert_eq!(packs.len(), files, "each pack written is recorded as sent");
    harness.run();
    harness.get_by_label("Reviews due").click();
    harness.run();
    let heading = format!("Review rounds with service owners ({files})");
    assert!(harness.query_by_label(&heading).is_some(), "the Reviews page reads the round at once");
    assert!(harness.query_by_label_contains("Early Help: sent (sent").is_some());
}
