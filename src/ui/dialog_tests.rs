//! Every dialog answers Enter (its main button) and Escape (cancel), and the Enter
//! that opened a dialog does not also confirm it (issue 20).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ropa::Store;
use ropa::store::backups_of;

use super::app::App;
use super::checks_tests::{first_open_error, small_store};
use super::test_support::{app_on, click, demo_store, harness, type_into};
use super::tests_flows::{duplicate_store, merge_ready};

fn press(harness: &mut Harness<'_, App>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
    harness.run();
}

fn activity_count(harness: &Harness<'_, App>) -> usize {
    harness.state().session().unwrap().store.activities().unwrap().len()
}

fn open_tenancy_payments(harness: &mut Harness<'_, App>) {
    harness.run();
    harness.get_by_label("Tenancy payments").click();
    harness.run();
    press(harness, egui::Key::Enter);
}

#[test]
fn the_delete_dialog_opened_by_enter_waits_then_escape_keeps_and_enter_deletes() {
    let mut harness = harness(app_on(small_store(Store::in_memory().unwrap())));
    open_tenancy_payments(&mut harness);
    harness.get_by_label("Delete…").focus();
    harness.run();
    press(&mut harness, egui::Key::Enter);
    assert!(harness.query_by_label("Delete this activity?").is_some(), "Enter on Delete… asks");
    assert_eq!(activity_count(&harness), 1, "the Enter that opened the dialog deleted nothing");
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label("Delete this activity?").is_none(), "Escape closes");
    assert_eq!(activity_count(&harness), 1, "Escape keeps the activity");

    click(&mut harness, "Delete…");
    press(&mut harness, egui::Key::Enter);
    assert_eq!(activity_count(&harness), 0, "Enter confirms the delete");
}

#[test]
fn the_acknowledge_dialog_takes_enter_once_a_reason_is_written_and_escape_cancels() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    click(&mut harness, "Checks");
    let finding = first_open_error(&harness);
    let acknowledge = format!("Acknowledge: {}", finding.message);
    click(&mut harness, &acknowledge);
    press(&mut harness, egui::Key::Enter);
    let stored =
        |harness: &Harness<'_, App>| harness.state().session().unwrap().store.acknowledgements().unwrap();
    assert!(stored(&harness).is_empty(), "no reason, no acknowledgement");
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label("Acknowledge this finding").is_none(), "Escape closes");

    click(&mut harness, &acknowledge);
    type_into(&mut harness, "Reason for accepting the finding", "Accepted by the DPO");
    press(&mut harness, egui::Key::Enter);
    let acknowledgements = stored(&harness);
    assert_eq!(acknowledgements.len(), 1, "Enter acknowledged");
    assert_eq!(acknowledgements[0].reason, "Accepted by the DPO");
    assert_eq!(acknowledgements[0].key, finding.key());
}

#[test]
fn the_restore_dialog_steps_through_preview_and_confirmation_with_enter() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("council.ropa");
    let store = small_store(Store::create(&path).unwrap());
    let backup = store.back_up(10).unwrap();
    let mut harness = harness(app_on(store));
    open_tenancy_payments(&mut harness);
    click(&mut harness, "Delete…");
    click(&mut harness, "Delete activity");
    assert_eq!(activity_count(&harness), 0);

    click(&mut harness, "File");
    click(&mut harness, "Restore from backup…");
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label("Restore from backup").is_none(), "Escape closes");
    click(&mut harness, "File");
    click(&mut harness, "Restore from backup…");
    let info = backups_of(&path).unwrap().into_iter().find(|b| b.path == backup).unwrap();
    click(&mut harness, &format!("{} — 1 activities, 0 parties", info.taken_at));
    press(&mut harness, egui::Key::Enter);
    assert!(harness.query_by_label("Yes, replace the register").is_some(), "the first Enter asks");
    assert_eq!(activity_count(&harness), 0, "nothing replaced yet");
    press(&mut harness, egui::Key::Enter);
    assert_eq!(activity_count(&harness), 1, "the second Enter restores");
}

#[test]
fn the_merge_dialog_closes_on_escape_and_merges_on_enter() {
    let mut harness = harness(app_on(duplicate_store()));
    merge_ready(&mut harness);
    let parties = |harness: &mut Harness<'_, App>| {
        harness.state_mut().session_mut().unwrap().store.load_register().unwrap().parties.len()
    };
    click(&mut harness, "Merge into…");
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label("Merge these parties?").is_none(), "Escape closes");
    assert_eq!(parties(&mut harness), 2, "nothing merged");
    click(&mut harness, "Merge into…");
    press(&mut harness, egui::Key::Enter);
    assert_eq!(parties(&mut harness), 1, "Enter merged");
}

#[test]
fn the_save_changes_prompt_keeps_the_edits_on_escape_and_saves_on_enter() {
    let mut harness = harness(app_on(small_store(Store::in_memory().unwrap())));
    open_tenancy_payments(&mut harness);
    type_into(&mut harness, "Activity owner", "Head of Housing");
    click(&mut harness, "Parties");
    assert!(harness.state().is_asking_to_save());
    press(&mut harness, egui::Key::Escape);
    assert!(!harness.state().is_asking_to_save(), "Escape closes the prompt");
    assert_eq!(harness.get_by_label("Activity owner").value().as_deref(), Some("Head of Housing"));

    click(&mut harness, "Parties");
    press(&mut harness, egui::Key::Enter);
    let stored = harness.state().session().unwrap().store.activities().unwrap();
    assert_eq!(stored[0].fields.owner, "Head of Housing", "Enter saved the changes");
    assert_eq!(harness.state().page(), super::app::Page::Parties, "then went where it was asked");
}
