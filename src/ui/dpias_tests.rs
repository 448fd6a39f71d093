//! The DPIAs page and the activity editor's DPIAs, driven as an officer would:
//! a DPIA's screening, risk, consultation, dates and coverage are saved to the
//! store; the list narrows to the reviews due; a stale save is refused and can
//! be saved over; a DPIA is deleted after asking; a DPIA finding opens its DPIA;
//! and the editor starts a DPIA covering its activity.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ropa::Store;
use ropa::checks::Field;
use ropa::model::{
    ActivityFields, ActivityId, DpiaFields, DpiaStatus, IcoConsultation, ResidualRisk, Screening,
    ServiceFields,
};
use time::macros::date;

use super::activity_editor::DPIAS_LABEL;
use super::app::{App, Command, Page};
use super::checks::{open_hint, target};
use super::dpias::{
    ADD_ACTIVITY_LABEL, ICO_LABEL, NEXT_REVIEW_LABEL, RISK_LABEL, SCREENING_LABEL, STARTED_LABEL,
};
use super::test_support::{TODAY, app_on, click, harness, type_into};

/// Early Help's casework and transport activities, and a DPIA covering the casework.
fn store() -> (Store, ActivityId, ActivityId) {
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let casework =
        store.insert_activity(&ActivityFields::new(service, "Family support casework"), &[]).unwrap().id;
    let transport =
        store.insert_activity(&ActivityFields::new(service, "Home to school transport"), &[]).unwrap().id;
    let mut dpia = DpiaFields::new("Early Help case management DPIA");
    dpia.activities = vec![casework];
    store.insert_dpia(&dpia).unwrap();
    (store, casework, transport)
}

/// The app on `store`, on the DPIAs page.
fn on_dpias_page(store: Store) -> Harness<'static, App> {
    let mut harness = harness(app_on(store));
    harness.run();
    harness.get_by_label("DPIAs").click();
    harness.run();
    assert_eq!(harness.state().page(), Page::Dpias);
    harness
}

/// Picks `choice` in the combo box labelled `label`.
fn choose(harness: &mut Harness<'_, App>, label: &str, choice: &str) {
    click(harness, label);
    click(harness, choice);
}

#[test]
fn a_dpia_s_screening_risk_dates_and_coverage_are_saved_to_the_store() {
    let (store, casework, transport) = store();
    let mut harness = on_dpias_page(store);
    harness.get_by_label_contains("Early Help case management DPIA").click();
    harness.run();
    choose(&mut harness, "Stage of the DPIA", "In progress");
    choose(&mut harness, SCREENING_LABEL, "DPIA required");
    choose(&mut harness, RISK_LABEL, "High");
    assert!(harness.query_by_label_contains("consult the ICO before the processing starts").is_some());
    choose(&mut harness, ICO_LABEL, "ICO consulted");
    type_into(&mut harness, STARTED_LABEL, "3 March 2026");
    type_into(&mut harness, NEXT_REVIEW_LABEL, "31/02/2027");
    assert!(harness.query_by_label_contains("Cannot save yet: Next review (Art 35(11))").is_some());
    harness.get_by_label(NEXT_REVIEW_LABEL).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(NEXT_REVIEW_LABEL).type_text("1 March 2027");
    harness.run();
    type_into(&mut harness, ADD_ACTIVITY_LABEL, "school");
    click(&mut harness, "Early Help — Home to school transport");
    click(&mut harness, "Remove Early Help — Family support casework");
    click(&mut harness, "Save DPIA");

    let dpias = harness.state().session().unwrap().store.dpias().unwrap();
    let saved = &dpias[0].fields;
    assert_eq!(saved.status, DpiaStatus::InProgress);
    assert_eq!(saved.screening, Screening::Required);
    assert_eq!(saved.residual_risk, ResidualRisk::High);
    assert_eq!(saved.ico_consultation, IcoConsultation::Consulted);
    assert_eq!(saved.started, Some(date!(2026 - 03 - 03)));
    assert_eq!(saved.next_review, Some(date!(2027 - 03 - 01)));
    assert_eq!(saved.activities, [transport]);
    assert!(!saved.covers(casework));
    assert!(harness.query_by_label_contains("Saved the DPIA").is_some());
}

#[test]
fn only_reviews_due_leaves_the_dpias_due_within_30_days_or_overdue() {
    let (mut store, casework, _) = store();
    for (title, next_review) in [
        ("Overdue DPIA", Some(date!(2026 - 11 - 01))),
        ("Due soon DPIA", Some(date!(2026 - 12 - 20))),
        ("Next year DPIA", Some(date!(2027 - 11 - 01))),
    ] {
        let mut fields = DpiaFields::new(title);
        fields.next_review = next_review;
        fields.activities = vec![casework];
        store.insert_dpia(&fields).unwrap();
    }
    assert_eq!(TODAY, date!(2026 - 11 - 22));
    let mut harness = on_dpias_page(store);
    assert!(harness.query_by_label_contains("Review overdue (due").is_some(), "an overdue review says so");
    click(&mut harness, "Only reviews due");
    assert!(harness.query_by_label_contains("Overdue DPIA").is_some());
    assert!(harness.query_by_label_contains("Due soon DPIA").is_some());
    assert!(harness.query_by_label_contains("Next year DPIA").is_none());
    assert!(harness.query_by_label_contains("Early Help case management DPIA").is_none(), "no review date");
    click(&mut harness, "Only reviews due");
    type_into(&mut harness, "Filter", "transport");
    assert!(harness.query_by_label("No DPIA matches the filter.").is_some());
}

#[test]
fn reviews_due_lists_the_dpias_whose_review_is_within_the_notice_period_and_opens_one() {
    let (mut store, casework, transport) = store();
    for (title, next_review, covers) in [
        ("Overdue DPIA", date!(2026 - 11 - 01), vec![casework, transport]),
        ("Due soon DPIA", date!(2026 - 12 - 20), vec![casework]),
        ("Next year DPIA", date!(2027 - 11 - 01), vec![casework]),
    ] {
        let mut fields = DpiaFields::new(title);
        fields.next_review = Some(next_review);
        fields.activities = covers;
        store.insert_dpia(&fields).unwrap();
    }
    assert_eq!(TODAY, date!(2026 - 11 - 22));
    let mut harness = harness(app_on(store));
    harness.run();
    click(&mut harness, "Reviews due");
    assert!(harness.query_by_label("DPIAs (2)").is_some(), "two within the 60 days' notice");
    assert!(harness.query_by_label_contains("Review overdue since").is_some());
    assert!(harness.query_by_label("covers 2 activities").is_some());
    assert!(harness.query_by_label("Next year DPIA").is_none());
    assert!(harness.query_by_label("Early Help case management DPIA").is_none(), "no review date");
    click(&mut harness, "Due soon DPIA");
    assert_eq!(harness.state().page(), Page::Dpias);
    let selected = harness.state().dpias_page().selected().unwrap();
    let session = harness.state().session().unwrap();
    assert_eq!(session.register.dpia(selected).unwrap().fields.title, "Due soon DPIA");
}

#[test]
fn a_stale_save_is_refused_and_can_be_saved_over_the_version_saved_since() {
    let (store, _, _) = store();
    let mut harness = on_dpias_page(store);
    harness.get_by_label_contains("Early Help case management DPIA").click();
    harness.run();
    // Someone else saves the DPIA meanwhile.
    let store = &mut harness.state_mut().session_mut().unwrap().store;
    let theirs = store.dpias().unwrap().remove(0);
    let mut fields = theirs.fields.clone();
    fields.document = "DPIA-2026-014".into();
    store.update_dpia(theirs.id, theirs.version, &fields).unwrap();

    choose(&mut harness, SCREENING_LABEL, "DPIA not required");
    click(&mut harness, "Save DPIA");
    assert!(harness.query_by_label_contains("was changed by someone else").is_some());
    click(&mut harness, "Keep my edits and save over theirs");
    let saved = harness.state().session().unwrap().store.dpias().unwrap().remove(0);
    assert_eq!(saved.fields.screening, Screening::NotRequired);
}

#[test]
fn a_dpia_is_deleted_after_asking_and_its_activities_stay() {
    let (store, _, _) = store();
    let mut harness = on_dpias_page(store);
    harness.get_by_label_contains("Early Help case management DPIA").click();
    harness.run();
    click(&mut harness, "Delete DPIA…");
    assert!(harness.query_by_label("Delete this DPIA?").is_some());
    click(&mut harness, "Keep it");
    assert_eq!(harness.state().session().unwrap().store.dpias().unwrap().len(), 1);
    click(&mut harness, "Delete DPIA…");
    click(&mut harness, "Delete DPIA");
    let session = harness.state().session().unwrap();
    assert!(session.store.dpias().unwrap().is_empty());
    assert_eq!(session.register.activities.len(), 2);
}

#[test]
fn a_dpia_finding_opens_the_dpias_page_on_its_dpia() {
    let (mut store, _, _) = store();
    store.insert_dpia(&DpiaFields::new("Orphaned screening")).unwrap();
    let mut harness = harness(app_on(store));
    harness.run();
    let report = harness.state().checks_page().report().unwrap();
    let finding = report
        .findings
        .iter()
        .find(|f| f.field == Field::Dpias && f.message.contains("Orphaned screening"))
        .unwrap();
    let target = target(finding).unwrap();
    assert_eq!(open_hint(&target), "Open the DPIA on the DPIAs page", "not \"in the editor\"");
    harness.state_mut().run_now(Command::OpenFinding(target));
    harness.run();
    assert_eq!(harness.state().page(), Page::Dpias);
    assert!(harness.query_by_label("Orphaned screening").is_some(), "its form is open: {target:?}");
}

#[test]
fn the_editor_starts_a_dpia_covering_its_activity_and_lists_it() {
    let (store, _, transport) = store();
    // Tall enough that the editor's Accountability section is laid out in view.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 3200.0))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app_on(store));
    harness.run();
    harness.state_mut().run_now(Command::OpenActivity(transport));
    harness.run();
    assert!(harness.query_by_label(DPIAS_LABEL).is_some());
    assert!(harness.query_by_label("No DPIA covers this activity.").is_some());
    click(&mut harness, "New DPIA for this activity");
    assert_eq!(harness.state().page(), Page::Dpias);
    let dpias = harness.state().session().unwrap().store.dpias().unwrap();
    let started = dpias.iter().find(|d| d.fields.title == "DPIA: Home to school transport").unwrap();
    assert_eq!(started.fields.activities, [transport]);
    assert!(harness.query_by_label("DPIA: Home to school transport").is_some(), "shown on the DPIAs page");

    harness.state_mut().run_now(Command::OpenActivity(transport));
    harness.run();
    assert!(harness.query_by_label("No DPIA covers this activity.").is_none());
    click(&mut harness, "Open DPIA: Home to school transport on the DPIAs page");
    assert_eq!(harness.state().page(), Page::Dpias);
}

#[test]
fn reviews_due_shows_where_each_services_latest_review_pack_stands_overdue_first() {
    let (mut store, _, _) = store();
    let library =
        store.insert_service(&ServiceFields { name: "Libraries".into(), ..Default::default() }).unwrap();
    let early = store.load_register().unwrap().services[0].id;
    store.record_pack_sent(early, date!(2026 - 10 - 01), date!(2026 - 10 - 29), 2).unwrap();
    store.record_pack_sent(library, date!(2026 - 11 - 10), date!(2026 - 12 - 08), 5).unwrap();
    let mut harness = harness(app_on(store));
    harness.run();
    click(&mut harness, "Reviews due");
    assert!(harness.query_by_label("Review rounds with service owners (2)").is_some());
    let overdue =
        harness.get_by_label_contains("Early Help: overdue (sent 2026-10-01, due 2026-10-29").rect();
    let sent = harness
        .get_by_label_contains("Libraries: sent (sent 2026-11-10, due 2026-12-08, 5 activities)")
        .rect();
    assert!(overdue.min.y < sent.min.y, "the overdue pack is listed first");
}
