//! Tests of the everyday desk-work fixes (issue 20), driving the real app by
//! accessible label with egui_kittest and asserting on the store or the app state.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use ropa::Store;
use ropa::export::Format;
use ropa::law::LawfulBasis;
use ropa::model::{
    Activity, ActivityFields, ActivityStatus, DateStyle, Direction, PartyFields, PartyKind, ServiceFields,
};
use time::macros::{date, datetime};

use super::app::{App, Page};
use super::export::ExportFormat;
use super::file_dialog::FileDialogs;
use super::menus::PAGE_SHORTCUTS;
use super::register_view::SortColumn;
use super::settings::Settings;
use super::test_support::{TODAY, app_on, click, demo_store, harness, type_into};
use super::theme::ThemeChoice;

/// Opens the editor on a new activity.
fn new_activity(harness: &mut Harness<'_, App>) {
    harness.run();
    harness.get_by_label("New activity").click();
    harness.run();
    assert_eq!(harness.state().page(), Page::Activity);
}

/// The purposes in the editor's draft.
fn drafted_purposes(harness: &Harness<'_, App>) -> Vec<String> {
    harness.state().editor().unwrap().draft().fields.purposes.clone()
}

#[test]
fn enter_in_a_list_field_adds_the_item_and_keeps_typing_in_the_field() {
    let mut harness = harness(app_on(demo_store()));
    new_activity(&mut harness);
    type_into(&mut harness, "Add to purposes", "Assessing homelessness");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(drafted_purposes(&harness), ["Assessing homelessness"]);
    // The next thing typed goes into the add box, not nowhere.
    harness.get_by_label("Add to purposes").type_text("Preventing homelessness");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(drafted_purposes(&harness), ["Assessing homelessness", "Preventing homelessness"]);
    // A further Enter on the now empty box deletes nothing.
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(drafted_purposes(&harness), ["Assessing homelessness", "Preventing homelessness"]);
}

/// A small register: one service, the "NHS" and "Home Office" parties, and two
/// activities, one of them due for review with an open error (no lawful basis).
fn desk_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    store.set_clock(|| datetime!(2026-11-01 10:00 UTC));
    store
        .batch(|batch| {
            let housing =
                batch.insert_service(&ServiceFields { name: "Housing".into(), ..Default::default() })?;
            batch.insert_party(&PartyFields::new("NHS", PartyKind::PublicAuthority))?;
            batch.insert_party(&PartyFields::new("Home Office", PartyKind::PublicAuthority))?;
            let mut rent = ActivityFields::new(housing, "Tenancy payments");
            rent.purposes = vec!["Collecting rent".into()];
            rent.lawful_bases = BTreeSet::from([LawfulBasis::Contract]);
            rent.status = ActivityStatus::Active;
            rent.owner = "Housing manager".into();
            rent.next_review_due = Some(date!(2026 - 12 - 01));
            batch.insert_activity(&rent, &[])?;
            let mut allocations = ActivityFields::new(housing, "Housing allocations");
            allocations.purposes = vec!["Allocating social housing".into()];
            allocations.status = ActivityStatus::Active;
            allocations.last_reviewed = Some(date!(2025 - 10 - 01));
            allocations.next_review_due = Some(date!(2026 - 10 - 01));
            batch.insert_activity(&allocations, &[])?;
            Ok(())
        })
        .unwrap();
    store
}

fn stored(harness: &mut Harness<'_, App>, name: &str) -> Activity {
    let store = &mut harness.state_mut().session_mut().unwrap().store;
    store.activities().unwrap().into_iter().find(|a| a.fields.name == name).unwrap()
}

fn change_log_len(harness: &Harness<'_, App>) -> i64 {
    let store = &harness.state().session().unwrap().store;
    store.connection().query_row("SELECT count(*) FROM change_log", [], |row| row.get(0)).unwrap()
}

fn open_in_editor(harness: &mut Harness<'_, App>, name: &str) {
    harness.run();
    harness.get_by_label(name).click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().page(), Page::Activity);
}

fn menu_item(harness: &mut Harness<'_, App>, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    harness.get_by_label_contains(item).click();
    harness.run();
}

/// Runs frames until the export has started and ended.
fn wait_for_export(harness: &mut Harness<'_, App>) {
    let start = std::time::Instant::now();
    while harness.state().export_page().running.is_some() || harness.state().export_page().outcome.is_none() {
        assert!(start.elapsed() < std::time::Duration::from_secs(120), "the export did not finish");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let _still_exporting = harness.run_ok();
    }
    harness.run();
}

#[test]
fn the_export_file_name_follows_the_format() {
    let mut harness = harness(app_on(desk_store()));
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run();
    let folder = tempfile::tempdir().unwrap();
    let csv = folder.path().join("council-ico-csv-2026-11-22.csv");
    type_into(&mut harness, "Destination file", csv.to_str().unwrap());
    click(&mut harness, ExportFormat::Core(Format::Pdf).label());
    let pdf = folder.path().join("council-pdf-2026-11-22.pdf");
    assert_eq!(harness.state().export_page().destination, pdf.display().to_string());
    click(&mut harness, ExportFormat::Json.label());
    let json = folder.path().join("council-json-2026-11-22.json");
    assert_eq!(harness.state().export_page().destination, json.display().to_string());
}

#[test]
fn replacing_an_existing_export_asks_first_and_escape_keeps_the_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("register.csv");
    std::fs::write(&path, "what the auditor was sent").unwrap();
    let mut harness = harness(app_on(desk_store()));
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run();
    type_into(&mut harness, "Destination file", path.to_str().unwrap());
    harness.get_by_label("Export").click();
    harness.run();
    assert!(harness.query_by_label("Replace \"register.csv\"?").is_some(), "asks before replacing");
    assert!(harness.state().export_page().running.is_none(), "nothing written while asking");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Replace \"register.csv\"?").is_none());
    std::thread::sleep(std::time::Duration::from_millis(50));
    harness.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "what the auditor was sent");

    harness.get_by_label("Export").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    let _started = harness.run_ok();
    wait_for_export(&mut harness);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("Tenancy payments"), "Enter replaced the file with the export");
}

#[test]
fn a_saved_edit_is_undone_and_redone_each_as_a_new_logged_change() {
    let mut harness = harness(app_on(desk_store()));
    open_in_editor(&mut harness, "Tenancy payments");
    let owner = harness.get_by_label("Activity owner");
    owner.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Activity owner").type_text("Rents manager");
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert_eq!(stored(&mut harness, "Tenancy payments").fields.owner, "Rents manager");
    let logged = change_log_len(&harness);

    menu_item(&mut harness, "Edit", "Undo the save of \"Tenancy payments\"");
    assert_eq!(stored(&mut harness, "Tenancy payments").fields.owner, "Housing manager");
    assert_eq!(change_log_len(&harness), logged + 1, "the undo is a new entry in the change log");
    assert!(
        harness.state().editor().unwrap().draft().fields.owner == "Housing manager",
        "the editor follows"
    );

    click(&mut harness, "Register");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    harness.run();
    assert_eq!(stored(&mut harness, "Tenancy payments").fields.owner, "Rents manager");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(stored(&mut harness, "Tenancy payments").fields.owner, "Housing manager");
    assert_eq!(change_log_len(&harness), logged + 3);
    let check = harness.state().session().unwrap().store.verify_log().unwrap();
    assert_eq!(check.first_broken, None, "the change log was appended to, never rewritten");
    assert_eq!(i64::try_from(check.entries).unwrap(), logged + 3);
}

#[test]
fn undo_is_refused_when_someone_changed_the_activity_since() {
    let mut harness = harness(app_on(desk_store()));
    open_in_editor(&mut harness, "Tenancy payments");
    type_into(&mut harness, "Description", "Rent and arrears.");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let mine = stored(&mut harness, "Tenancy payments");
    let mut theirs = mine.fields.clone();
    theirs.owner = "Someone else".into();
    let store = &mut harness.state_mut().session_mut().unwrap().store;
    store.update_activity(mine.id, mine.version, &theirs, &[]).unwrap();
    menu_item(&mut harness, "Edit", "Undo the save of \"Tenancy payments\"");
    assert_eq!(stored(&mut harness, "Tenancy payments").fields.owner, "Someone else", "their change stays");
    let notice = harness.state().notice().unwrap();
    assert!(notice.is_error && notice.text.contains("changed again"), "{notice:?}");
}

#[test]
fn mark_reviewed_asks_for_a_note_warns_of_open_errors_logs_the_note_and_can_be_undone() {
    let mut harness = harness(app_on(desk_store()));
    harness.run();
    click(&mut harness, "Reviews due");
    click(&mut harness, "Mark reviewed: Housing allocations");
    assert_eq!(stored(&mut harness, "Housing allocations").fields.last_reviewed, Some(date!(2025 - 10 - 01)));
    assert!(harness.query_by_label_contains("open errors:").is_some(), "warns of the open errors");
    assert!(harness.query_by_label("Record review").is_some());
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        stored(&mut harness, "Housing allocations").fields.last_reviewed,
        Some(date!(2025 - 10 - 01)),
        "no review without a note"
    );
    harness.get_by_label("Reviewer's note").type_text("Checked with the allocations team; basis to add.");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let reviewed = stored(&mut harness, "Housing allocations");
    assert_eq!(reviewed.fields.last_reviewed, Some(TODAY));
    let store = &harness.state().session().unwrap().store;
    let logged: String = store
        .connection()
        .query_row(
            "SELECT after FROM change_log WHERE entity = 'activity_review' ORDER BY id DESC",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(logged.contains("Checked with the allocations team; basis to add."), "{logged}");
    assert!(logged.contains(&format!("\"reviewed_on\":\"{TODAY}\"")), "{logged}");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let undone = stored(&mut harness, "Housing allocations");
    assert_eq!(undone.fields.last_reviewed, Some(date!(2025 - 10 - 01)));
    assert_eq!(undone.fields.next_review_due, Some(date!(2026 - 10 - 01)));
}

#[test]
fn escape_cancels_mark_reviewed() {
    let mut harness = harness(app_on(desk_store()));
    harness.run();
    click(&mut harness, "Reviews due");
    click(&mut harness, "Mark reviewed: Housing allocations");
    harness.get_by_label("Reviewer's note").type_text("Half a thought");
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Reviewer's note").is_none());
    assert_eq!(stored(&mut harness, "Housing allocations").fields.last_reviewed, Some(date!(2025 - 10 - 01)));
}

#[test]
fn uk_dates_are_typed_shown_in_the_style_chosen_and_stored_as_iso() {
    let mut harness = harness(app_on(desk_store()));
    open_in_editor(&mut harness, "Tenancy payments");
    let shown = harness.get_by_label("Next review due").value();
    assert_eq!(shown.as_deref(), Some("1 December 2026"), "shown in the long style by default");
    harness.get_by_label("Next review due").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Next review due").type_text("01/04/2027");
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let saved = stored(&mut harness, "Tenancy payments");
    assert_eq!(saved.fields.next_review_due, Some(date!(2027 - 04 - 01)));
    let store = &harness.state().session().unwrap().store;
    let in_file: String = store
        .connection()
        .query_row("SELECT next_review_due FROM activity WHERE id = ?1", [saved.id], |row| row.get(0))
        .unwrap();
    assert_eq!(in_file, "2027-04-01", "always ISO in the file");

    click(&mut harness, "Register");
    assert_eq!(harness.state().page(), Page::Register, "Register in the navigation leaves the editor");
    assert!(harness.query_by_label("1 April 2027").is_some());
    menu_item(&mut harness, "View", "01/04/2025");
    assert_eq!(harness.state().settings().date_style, DateStyle::Numeric, "remembered in the settings");
    harness.run();
    assert!(harness.query_by_label("01/04/2027").is_some(), "the register shows the numeric style");
}

#[test]
fn typing_nhs_trust_offers_the_existing_nhs_and_a_new_party_needs_its_kind() {
    let mut harness = harness(app_on(desk_store()));
    open_in_editor(&mut harness, "Tenancy payments");
    type_into(&mut harness, "Add a recipient", "NHS Trust");
    assert!(harness.query_by_label("NHS (Public authority)").is_some(), "the existing NHS is offered");
    assert!(
        harness.get_by_label("Add a recipient: create party").accesskit_node().is_disabled(),
        "no new party until its kind is chosen"
    );
    click(&mut harness, "Add a recipient: kind of the new party");
    click(&mut harness, "Processor");
    click(&mut harness, "Add a recipient: create party");
    let register = harness.state_mut().session_mut().unwrap().store.load_register().unwrap();
    let created = register.parties.iter().find(|p| p.fields.name == "NHS Trust").unwrap();
    assert_eq!(created.fields.kind, PartyKind::Processor);
}

#[test]
fn picking_the_offered_party_links_it_instead_of_a_duplicate() {
    let mut harness = harness(app_on(desk_store()));
    open_in_editor(&mut harness, "Tenancy payments");
    type_into(&mut harness, "Add a recipient", "home office.");
    click(&mut harness, "Home Office (Public authority)");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let register = harness.state_mut().session_mut().unwrap().store.load_register().unwrap();
    assert_eq!(register.parties.len(), 2, "no duplicate party");
    let saved = register.activities.iter().find(|a| a.fields.name == "Tenancy payments").unwrap();
    let names: Vec<&str> = register
        .links_of(saved.id, Direction::Recipient)
        .map(|l| register.party_name(l.fields.party_id))
        .collect();
    assert_eq!(names, ["Home Office"]);
}

#[test]
fn the_view_menu_chooses_the_theme_and_remembers_it() {
    let mut harness = harness(app_on(desk_store()));
    harness.run();
    assert_eq!(harness.state().settings().theme, ThemeChoice::System, "follows the system by default");
    menu_item(&mut harness, "View", "Light");
    harness.run();
    assert_eq!(harness.state().settings().theme, ThemeChoice::Light);
    assert!(!harness.ctx.global_style().visuals.dark_mode);
    menu_item(&mut harness, "View", "High contrast");
    harness.run();
    assert_eq!(harness.state().settings().theme, ThemeChoice::HighContrast);
    let visuals = harness.ctx.global_style().visuals.clone();
    assert!(visuals.dark_mode);
    assert_eq!(visuals.panel_fill, egui::Color32::BLACK);
}

#[test]
fn at_1024_by_700_the_register_keeps_status_and_next_review_in_view() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1024.0, 700.0))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app_on(demo_store()));
    harness.run();
    let in_view = |harness: &Harness<'_, App>, width: f32| {
        for heading in ["Status", "Next review"] {
            let rect = harness.get_by_label(heading).rect();
            assert!(rect.right() <= width && rect.left() >= 0.0, "{heading} is at {rect:?}, outside {width}");
        }
    };
    in_view(&harness, 1024.0);
    // A window made smaller after the columns were laid out keeps them too.
    let mut harness = harness_at(egui::vec2(1920.0, 1080.0));
    harness.run();
    harness.set_size(egui::vec2(1024.0, 700.0));
    harness.run();
    harness.run();
    in_view(&harness, 1024.0);
}

fn harness_at(size: egui::Vec2) -> Harness<'static, App> {
    Harness::builder().with_size(size).build_ui_state(|ui, app: &mut App| app.ui(ui), app_on(demo_store()))
}

#[test]
fn hidden_register_columns_are_remembered() {
    let mut harness = harness(app_on(desk_store()));
    harness.run();
    assert!(harness.query_by_label("Purposes").is_some());
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Register columns").hover();
    harness.run();
    harness.get_by_label("Show the Purposes column").click();
    harness.run();
    assert!(harness.state().settings().hidden_columns.contains(&SortColumn::Purposes));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Collecting rent").is_none(), "the column is hidden");
}

#[test]
fn register_columns_can_be_moved_and_the_order_is_remembered() {
    let mut harness = harness(app_on(desk_store()));
    harness.run();
    let x = |harness: &Harness<'_, App>, heading: &str| harness.get_by_label(heading).rect().left();
    assert!(x(&harness, "Status") < x(&harness, "Purposes"), "the standard order");
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Register columns").hover();
    harness.run();
    for _ in 0..3 {
        harness.get_by_label("Move the Purposes column left").click();
        harness.run();
    }
    assert_eq!(
        harness.state().settings().column_order[..4],
        [SortColumn::Service, SortColumn::Purposes, SortColumn::Name, SortColumn::Status],
        "remembered in the settings"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(x(&harness, "Purposes") < x(&harness, "Activity"), "the table follows the order");
    assert!(x(&harness, "Service") < x(&harness, "Purposes"));
}

#[test]
fn the_first_run_asks_where_the_register_should_live() {
    let app = App::start(None, Settings::default(), TODAY, FileDialogs::typed_only());
    let mut harness = harness(app);
    harness.run();
    assert!(harness.state().session().is_none(), "no register is made unasked");
    assert!(harness.query_by_label("Where should your organisation's register live?").is_some());
    for choice in ["New register…", "Open a register…", "Open the demo register"] {
        assert!(harness.query_by_label(choice).is_some(), "{choice}");
    }
}

#[test]
fn the_window_title_names_the_register_and_marks_unsaved_changes() {
    let mut harness = harness(app_on(desk_store()));
    open_in_editor(&mut harness, "Tenancy payments");
    let name = harness.state().session().unwrap().name();
    assert_eq!(harness.state().window_title(), format!("{name} — ROPA Register"));
    type_into(&mut harness, "Description", "Rent.");
    assert_eq!(harness.state().window_title(), format!("● {name} — ROPA Register"));
}

#[test]
fn every_page_is_reachable_by_shortcut() {
    let mut harness = harness(app_on(desk_store()));
    harness.run();
    for (key, page) in PAGE_SHORTCUTS {
        harness.key_press_modifiers(egui::Modifiers::COMMAND, key);
        harness.run();
        assert_eq!(harness.state().page(), page, "{key:?}");
    }
    harness.key_press(egui::Key::F1);
    harness.run();
    assert!(harness.query_by_label("Keyboard shortcuts").is_some());
}

#[test]
fn escape_on_the_save_changes_prompt_cancels_and_keeps_the_edits() {
    let mut harness = harness(app_on(desk_store()));
    open_in_editor(&mut harness, "Tenancy payments");
    type_into(&mut harness, "Description", "Rent and arrears.");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    harness.run();
    assert!(harness.state().is_asking_to_save());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!harness.state().is_asking_to_save(), "Escape cancels");
    assert_eq!(harness.state().page(), Page::Activity);
    assert!(harness.state().editor().unwrap().is_dirty(), "the edits are kept");
}

#[test]
fn at_1024_by_700_the_flow_maps_hint_and_legend_entries_are_never_broken_across_lines() {
    let mut harness = harness_at(egui::vec2(1024.0, 700.0));
    harness.run();
    harness.get_by_label("Data flows").click();
    for _ in 0..4 {
        harness.run();
    }
    let line = |text: &str| {
        let rect = harness.get_by_label(text).rect();
        assert!(rect.height() < 20.0, "\"{text}\" is broken across lines: {rect:?}");
        assert!(rect.right() <= 1024.0, "\"{text}\" runs off the window: {rect:?}");
    };
    line("Drag to pan, scroll to zoom, click a box or a line.");
    line("Dashed: outside body, no agreement");
    line("Grey: service's own activity");
}
