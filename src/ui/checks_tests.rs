//! Tests of the Checks, Reviews, History, as-at and backup features, driving the
//! real app with egui_kittest by accessible labels and asserting on the store.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ropa::Store;
use ropa::checks::Severity;
use ropa::model::{ActivityFields, ActivityStatus, ServiceFields};
use ropa::store::{add_months, backups_of};
use time::macros::{date, datetime};

use super::app::{App, Page};
use super::file_dialog::FileDialogs;
use super::test_support::{TODAY, app_on, click, demo_store, harness, type_into};

/// One service and one activity, created on 1 November 2026.
pub(super) fn small_store(mut store: Store) -> Store {
    store.set_clock(|| datetime!(2026-11-01 10:00 UTC));
    let service =
        store.insert_service(&ServiceFields { name: "Housing".into(), ..Default::default() }).unwrap();
    let mut fields = ActivityFields::new(service, "Tenancy payments");
    fields.purposes = vec!["Collecting rent".into()];
    fields.status = ActivityStatus::Active;
    store.insert_activity(&fields, &[]).unwrap();
    store
}

fn open_counts(harness: &Harness<'_, App>) -> (usize, usize) {
    harness.state().checks_page().open_counts()
}

/// The first open error-level finding of the report.
pub(super) fn first_open_error(harness: &Harness<'_, App>) -> ropa::checks::Finding {
    let report = harness.state().checks_page().report().unwrap();
    report.findings.iter().find(|f| f.is_open() && f.severity == Severity::Error).unwrap().clone()
}

#[test]
fn the_checks_page_lists_the_demo_findings_and_the_navigation_counts_them() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    let (errors, warnings) = open_counts(&harness);
    assert!(errors > 0 && warnings > 0, "the demo register has errors and warnings");
    assert!(harness.query_by_label(&format!("{errors} errors")).is_some(), "error count in the navigation");
    assert!(harness.query_by_label(&format!("{warnings} warnings")).is_some());
    click(&mut harness, "Checks");
    assert_eq!(harness.state().page(), Page::Checks);
    let finding = first_open_error(&harness);
    assert!(harness.query_by_label(&finding.message).is_some(), "{}", finding.message);
    assert!(harness.query_all_by_label(&format!("Fix: {}", finding.fix)).next().is_some());
    let report = harness.state().checks_page().report().unwrap();
    assert!(report.findings.iter().any(|f| f.message.contains("Schedule 1")), "PRI's missing condition");
}

#[test]
fn acknowledging_a_finding_with_a_reason_stores_it_and_the_open_count_drops() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    click(&mut harness, "Checks");
    type_into(&mut harness, "Your name for the record", "Jo Bloggs");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().settings().display_name, "Jo Bloggs", "remembered between runs");
    let (errors, _) = open_counts(&harness);
    let finding = first_open_error(&harness);
    click(&mut harness, &format!("Acknowledge: {}", finding.message));
    harness.get_by_label("Acknowledge").click();
    harness.run();
    assert!(
        harness.state().session().unwrap().store.acknowledgements().unwrap().is_empty(),
        "reason required"
    );
    type_into(&mut harness, "Reason for accepting the finding", "Agreed with the DPO on 1 Nov");
    harness.get_by_label("Acknowledge").click();
    harness.run();
    let acknowledgements = harness.state().session().unwrap().store.acknowledgements().unwrap();
    assert_eq!(acknowledgements.len(), 1);
    assert_eq!(acknowledgements[0].key, finding.key());
    assert_eq!(acknowledgements[0].reason, "Agreed with the DPO on 1 Nov");
    assert_eq!(acknowledgements[0].acknowledged_on, TODAY);
    assert!(
        acknowledgements[0].acknowledged_by.ends_with("(Jo Bloggs)"),
        "{}",
        acknowledgements[0].acknowledged_by
    );
    assert_eq!(open_counts(&harness).0, errors - 1);
    assert!(harness.query_by_label_contains("Agreed with the DPO on 1 Nov").is_some(), "kept, with why");

    click(&mut harness, &format!("Withdraw acknowledgement: {}", finding.message));
    assert!(harness.state().session().unwrap().store.acknowledgements().unwrap().is_empty());
    assert_eq!(open_counts(&harness).0, errors);
}

#[test]
fn clicking_a_finding_opens_its_activity_at_the_field() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    click(&mut harness, "Checks");
    let finding = first_open_error(&harness);
    click(&mut harness, &finding.message);
    assert_eq!(harness.state().page(), Page::Activity);
    let editor = harness.state().editor().unwrap();
    assert_eq!(editor.activity_id(), finding.activity_id);
    assert_eq!(editor.focused_field(), Some(finding.field));
    let note = format!("Error: {}", finding.message);
    assert!(harness.query_by_label(&note).is_some(), "the finding is shown beside the field");
}

#[test]
fn mark_reviewed_sets_the_review_dates_in_the_store() {
    let mut store = demo_store();
    let interval = store.organisation().unwrap().review_interval_months;
    let register = store.load_register().unwrap();
    let horizon = TODAY.checked_add(time::Duration::days(60)).unwrap();
    let due = register
        .activities
        .iter()
        .find(|a| {
            a.fields.status != ActivityStatus::Retired
                && a.fields.next_review_due.is_none_or(|d| d <= horizon)
        })
        .expect("the demo register has an activity due for review")
        .clone();
    let mut harness = harness(app_on(store));
    harness.run();
    click(&mut harness, "Reviews due");
    assert_eq!(harness.state().page(), Page::Reviews);
    let label = format!("Mark reviewed: {}", due.fields.name);
    harness.get_all_by_label(&label).next().unwrap().click();
    harness.run();
    harness.get_by_label("Reviewer's note").type_text("Checked against the service's records.");
    harness.run();
    harness.get_by_label("Record review").click();
    harness.run();
    let stored = harness.state().session().unwrap().store.activity(due.id).unwrap();
    assert_eq!(stored.fields.last_reviewed, Some(TODAY));
    assert_eq!(stored.fields.next_review_due, Some(add_months(TODAY, interval)));
}

#[test]
fn history_shows_an_edit_and_restores_the_earlier_version_into_the_draft() {
    let mut harness = harness(app_on(small_store(Store::in_memory().unwrap())));
    harness.run();
    harness.get_by_label("Tenancy payments").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    type_into(&mut harness, "Activity owner", "Rents manager");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let id = harness.state().editor().unwrap().activity_id().unwrap();
    let stored = harness.state().session().unwrap().store.activity(id).unwrap();
    assert_eq!(stored.fields.owner, "Rents manager");
    click(&mut harness, "History");
    assert!(harness.query_by_label("2. Changed").is_some());
    assert!(harness.query_by_label("1. Created").is_some());
    assert!(harness.query_by_label("Rents manager").is_some(), "the new value in the difference");
    click(&mut harness, "Restore version 1");
    let editor = harness.state().editor().unwrap();
    assert_eq!(editor.draft().fields.owner, "", "the first version had no owner");
    assert!(editor.is_dirty(), "restored into the draft, not saved");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let store = &harness.state().session().unwrap().store;
    assert_eq!(store.activity(id).unwrap().fields.owner, "");
    assert_eq!(store.history("activity", id.0).unwrap().len(), 3, "the restore is itself a logged change");
}

#[test]
fn the_register_as_at_an_earlier_day_is_shown_read_only_with_a_way_back() {
    let mut harness = harness(app_on(small_store(Store::in_memory().unwrap())));
    harness.run();
    type_into(&mut harness, "As-at date", "2026-10-31");
    click(&mut harness, "Show the register as at that date");
    assert!(harness.state().is_showing_as_at());
    assert!(harness.query_by_label_contains("Read-only: the register as at the end of 2026-10-31").is_some());
    assert!(harness.query_by_label("Tenancy payments").is_none(), "created on 1 November");
    click(&mut harness, "Back to today");
    assert!(!harness.state().is_showing_as_at());
    harness.get_by_label("As-at date").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    type_into(&mut harness, "As-at date", "2026-11-01");
    click(&mut harness, "Show the register as at that date");
    assert!(harness.query_by_label("Tenancy payments").is_some());
}

#[test]
fn opening_a_register_takes_a_backup_and_back_up_now_takes_another() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("council.ropa");
    drop(small_store(Store::create(&path).unwrap()));
    let mut app = App::start(Some(path.clone()), Default::default(), TODAY, FileDialogs::typed_only());
    app.wait_for_snapshot();
    app.wait_for_backup();
    assert_eq!(backups_of(&path).unwrap().len(), 1, "automatic backup on open, once the snapshot lands");
    let mut harness = harness(app);
    harness.run();
    click(&mut harness, "File");
    click(&mut harness, "Back up now");
    let backups = backups_of(&path).unwrap();
    assert_eq!(backups.len(), 2);
    assert!(backups.iter().all(|backup| backup.activities == 1));
}

#[test]
fn restoring_a_backup_brings_back_a_deleted_activity() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("council.ropa");
    let store = small_store(Store::create(&path).unwrap());
    let backup = store.back_up(10).unwrap();
    let mut harness = harness(app_on(store));
    harness.run();
    harness.get_by_label("Tenancy payments").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    click(&mut harness, "Delete…");
    click(&mut harness, "Delete activity");
    assert!(harness.state().session().unwrap().store.activities().unwrap().is_empty());
    click(&mut harness, "File");
    click(&mut harness, "Restore from backup…");
    let info = backups_of(&path).unwrap().into_iter().find(|b| b.path == backup).unwrap();
    click(&mut harness, &format!("{} — 1 activities, 0 parties", info.taken_at));
    assert!(harness.query_by_label("Holds 1 activities and 0 parties.").is_some(), "preview");
    click(&mut harness, "Restore…");
    assert!(harness.state().session().unwrap().store.activities().unwrap().is_empty(), "asks first");
    click(&mut harness, "Yes, replace the register");
    let session = harness.state().session().unwrap();
    let names: Vec<String> = session.store.activities().unwrap().into_iter().map(|a| a.fields.name).collect();
    assert_eq!(names, ["Tenancy payments"]);
    assert_eq!(session.register.activities.len(), 1, "page data rebuilt");
}

#[test]
fn fixing_a_field_in_the_editor_updates_the_findings_after_saving() {
    let mut harness = harness(app_on(small_store(Store::in_memory().unwrap())));
    harness.run();
    let report = harness.state().checks_page().report().unwrap();
    let lawful_basis =
        report.findings.iter().filter(|f| f.field == ropa::checks::Field::LawfulBases && f.is_open()).count();
    assert!(lawful_basis > 0, "no lawful basis is recorded yet");
    let (errors, _) = open_counts(&harness);
    harness.get_by_label("Tenancy payments").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    click(&mut harness, "Art 6(1)(b) Contract");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let report = harness.state().checks_page().report().unwrap();
    assert!(report.findings.iter().all(|f| f.field != ropa::checks::Field::LawfulBases || !f.is_open()));
    assert!(open_counts(&harness).0 < errors, "the navigation count follows the save");
}

#[test]
fn an_agreement_past_its_review_date_is_listed_and_its_finding_opens_the_agreement() {
    let mut store = small_store(Store::in_memory().unwrap());
    let mut fields = ropa::model::AgreementFields::new(
        ropa::model::AgreementKind::DataSharing,
        "Sefton Information Sharing Protocol",
    );
    fields.review_due = Some(date!(2026 - 01 - 01));
    let agreement = store.insert_agreement(&fields).unwrap();
    let mut harness = harness(app_on(store));
    harness.run();
    click(&mut harness, "Reviews due");
    assert!(harness.query_by_label("Review due 2026-01-01").is_some());
    click(&mut harness, "Checks");
    let report = harness.state().checks_page().report().unwrap();
    let finding = report.findings.iter().find(|f| f.agreement_id == Some(agreement.id)).unwrap().clone();
    click(&mut harness, &finding.message);
    assert_eq!(harness.state().page(), Page::Agreements);
    assert_eq!(harness.get_by_label("Agreement title").value().as_deref(), Some(fields.title.as_str()));
}
