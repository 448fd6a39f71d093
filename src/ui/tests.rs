//! Tests that drive the real app with egui_kittest, by accessible labels, and
//! assert on the store (not on widgets). No display or GPU is needed, and no file
//! dialog is ever opened.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use ropa::Store;
use ropa::law::{LawfulBasis, SpecialCategory};
use ropa::model::{
    ActivityFields, ActivityStatus, Direction, LinkDraft, LinkFields, PartyFields, PartyKind, ServiceFields,
};
use time::macros::date;

use super::app::{App, Page};
use super::file_dialog::FileDialogs;
use super::register_view::{Filter, RegisterView, Sort, SortColumn};
use super::test_support::{TODAY, app_on, click, demo_store, harness, type_into};

/// A small register: two services, two parties, three activities.
fn fixture_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    store
        .batch(|batch| {
            let help =
                batch.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() })?;
            let housing =
                batch.insert_service(&ServiceFields { name: "Housing".into(), ..Default::default() })?;
            let home_office =
                batch.insert_party(&PartyFields::new("Home Office", PartyKind::PublicAuthority))?;
            let _nhs = batch.insert_party(&PartyFields::new("NHS Sefton", PartyKind::PublicAuthority))?;
            let mut casework = ActivityFields::new(help, "Early Help casework");
            casework.purposes = vec!["Supporting families".into()];
            casework.lawful_bases = BTreeSet::from([LawfulBasis::PublicTask]);
            casework.special_categories = BTreeSet::from([SpecialCategory::Health]);
            casework.status = ActivityStatus::Active;
            casework.next_review_due = Some(date!(2027 - 01 - 31));
            batch.insert_activity(&casework, &[])?;
            let mut allocations = ActivityFields::new(housing, "Housing allocations");
            allocations.purposes = vec!["Allocating social housing".into()];
            allocations.lawful_bases = BTreeSet::from([LawfulBasis::LegalObligation]);
            allocations.personal_data = vec!["Immigration status".into()];
            let link = LinkDraft { id: None, fields: LinkFields::new(home_office, Direction::Recipient) };
            batch.insert_activity(&allocations, &[link])?;
            let mut payroll = ActivityFields::new(housing, "Tenancy payments");
            payroll.purposes = vec!["Collecting rent".into()];
            payroll.lawful_bases = BTreeSet::from([LawfulBasis::Contract]);
            batch.insert_activity(&payroll, &[])?;
            Ok(())
        })
        .unwrap();
    store
}

fn stored_names(harness: &mut Harness<'_, App>) -> Vec<String> {
    let session = harness.state_mut().session_mut().unwrap();
    let register = session.store.load_register().unwrap();
    register.activities.iter().map(|activity| activity.fields.name.clone()).collect()
}

fn names_shown(view: &RegisterView) -> Vec<&str> {
    view.visible_rows().map(|row| row.name.as_str()).collect()
}

#[test]
fn register_view_filters_on_any_field_and_by_facet() {
    let mut store = fixture_store();
    let register = store.load_register().unwrap();
    let mut view = RegisterView::build(&register);
    let check = |view: &mut RegisterView, filter: Filter, expected: &[&str]| {
        view.apply(&filter, Sort::default());
        assert_eq!(names_shown(view), expected, "{filter:?}");
    };
    check(&mut view, Filter::default(), &["Early Help casework", "Housing allocations", "Tenancy payments"]);
    check(&mut view, Filter { text: "RENT".into(), ..Filter::default() }, &["Tenancy payments"]);
    check(&mut view, Filter { text: "immigration".into(), ..Filter::default() }, &["Housing allocations"]);
    check(&mut view, Filter { text: "home office".into(), ..Filter::default() }, &["Housing allocations"]);
    check(&mut view, Filter { text: "6(1)(e)".into(), ..Filter::default() }, &["Early Help casework"]);
    let home_office = register.parties.iter().find(|p| p.fields.name == "Home Office").unwrap().id;
    check(&mut view, Filter { party: Some(home_office), ..Filter::default() }, &["Housing allocations"]);
    check(
        &mut view,
        Filter { special_category: Some(SpecialCategory::Health), ..Filter::default() },
        &["Early Help casework"],
    );
    check(
        &mut view,
        Filter { lawful_basis: Some(LawfulBasis::Contract), ..Filter::default() },
        &["Tenancy payments"],
    );
    check(
        &mut view,
        Filter { status: Some(ActivityStatus::Draft), ..Filter::default() },
        &["Housing allocations", "Tenancy payments"],
    );
    let housing = register.services.iter().find(|s| s.fields.name == "Housing").unwrap().id;
    check(
        &mut view,
        Filter { service: Some(housing), text: "allocat".into(), ..Filter::default() },
        &["Housing allocations"],
    );
    check(&mut view, Filter { text: "nothing like this".into(), ..Filter::default() }, &[]);
}

#[test]
fn register_view_sorts_by_any_column_both_ways() {
    let mut store = fixture_store();
    let mut view = RegisterView::build(&store.load_register().unwrap());
    view.apply(&Filter::default(), Sort { column: SortColumn::Name, ascending: false });
    assert_eq!(names_shown(&view), ["Tenancy payments", "Housing allocations", "Early Help casework"]);
    view.apply(&Filter::default(), Sort { column: SortColumn::NextReview, ascending: true });
    assert_eq!(names_shown(&view)[0], "Early Help casework", "dated reviews come before undated ones");
    view.apply(&Filter::default(), Sort { column: SortColumn::Status, ascending: false });
    assert_eq!(names_shown(&view)[0], "Early Help casework", "active sorts after draft");
}

#[test]
fn register_view_offers_values_already_used_as_suggestions() {
    let mut store = fixture_store();
    let view = RegisterView::build(&store.load_register().unwrap());
    assert_eq!(
        view.suggestions.purposes,
        ["Allocating social housing", "Collecting rent", "Supporting families"]
    );
    assert_eq!(view.suggestions.personal_data, ["Immigration status"]);
}

#[test]
fn the_register_page_shows_rows_before_the_snapshot_lands_and_waiting_commands_run_when_it_does() {
    let mut store = fixture_store();
    let snapshot = store.snapshot().unwrap();
    let payments =
        snapshot.register.activities.iter().find(|a| a.fields.name == "Tenancy payments").unwrap().id;
    let (sender, receiver) = std::sync::mpsc::channel();
    let app = App::with_pending_snapshot(store, TODAY, FileDialogs::typed_only(), receiver).unwrap();
    let mut harness = harness(app);
    harness.run();
    assert!(harness.state().session().unwrap().is_loading());
    assert!(harness.query_by_label("Tenancy payments").is_some(), "rows are shown before the snapshot");
    assert!(harness.query_by_label("Early Help casework").is_some());
    assert_eq!(harness.state().session().unwrap().view.total(), 3);

    harness.get_by_label("Tenancy payments").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(harness.state().editor().is_none(), "opening an activity waits for the snapshot");
    click(&mut harness, "Parties");
    assert_eq!(harness.state().page(), Page::Parties, "moving between pages does not wait");
    assert!(harness.query_by_label("Loading the register…").is_some());

    sender.send(Ok(snapshot)).unwrap();
    harness.run();
    assert!(!harness.state().session().unwrap().is_loading());
    assert_eq!(harness.state().page(), Page::Activity, "the waiting command ran once the snapshot landed");
    assert_eq!(harness.state().editor().and_then(|editor| editor.activity_id()), Some(payments));
    assert!(harness.query_by_label("Loading the register…").is_none());
}

#[test]
fn a_register_opened_from_a_file_shows_its_rows_then_loads_its_snapshot_on_a_worker() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("council.ropa");
    let mut store = Store::create(&path).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let expected = store.load_register().unwrap();
    drop(store);
    let mut app = App::start(Some(path), Default::default(), TODAY, FileDialogs::typed_only());
    let session = app.session().unwrap();
    assert_eq!(session.view.total(), expected.activities.len(), "the rows are read at once");
    app.wait_for_snapshot();
    let session = app.session().unwrap();
    assert!(!session.is_loading());
    assert_eq!(*session.register, expected);
}

/// The Register page's rows read from the store (as on open) equal those built
/// from the snapshot: same rows, same order, same haystacks.
fn assert_views_agree(mut store: Store) {
    let from_snapshot = RegisterView::build(&store.load_register().unwrap());
    let from_store = RegisterView::read(&mut store).unwrap();
    assert!(from_snapshot.total() > 0);
    assert_eq!(
        from_store.visible_rows().collect::<Vec<_>>(),
        from_snapshot.visible_rows().collect::<Vec<_>>()
    );
    assert_eq!(
        (&from_store.services, &from_store.parties),
        (&from_snapshot.services, &from_snapshot.parties)
    );
}

#[test]
fn register_view_read_from_the_store_equals_the_view_built_from_the_snapshot() {
    assert_views_agree(demo_store());
    let mut generated = Store::in_memory().unwrap();
    ropa::generate::generate(&mut generated, ropa::generate::Spec { activities: 300, seed: 11 }).unwrap();
    assert_views_agree(generated);
}

#[test]
fn register_view_stays_fast_at_ten_thousand_activities() {
    let mut store = Store::in_memory().unwrap();
    store
        .batch(|batch| {
            let service =
                batch.insert_service(&ServiceFields { name: "Service".into(), ..Default::default() })?;
            for number in 0..10_000 {
                let mut fields = ActivityFields::new(service, format!("Activity {number:05}"));
                fields.purposes = vec![format!("Purpose {}", number % 97)];
                fields.lawful_bases = BTreeSet::from([LawfulBasis::PublicTask]);
                batch.insert_activity(&fields, &[])?;
            }
            Ok(())
        })
        .unwrap();
    // How fast this is belongs to `cargo bench` (open, filter-keystroke, ui-frame);
    // here only what the view shows and that rows off screen are not drawn.
    let register = store.load_register().unwrap();
    let mut view = RegisterView::build(&register);
    view.apply(&Filter { text: "purpose 42".into(), ..Filter::default() }, Sort::default());
    assert_eq!(view.total(), 10_000);
    assert_eq!(view.visible_len(), 103, "10,000 / 97 rounded up, for purpose 42");

    let mut harness = harness(app_on(store));
    harness.run();
    assert!(harness.query_by_label("Activity 00000").is_some());
    assert!(harness.query_by_label("Activity 09999").is_none(), "rows off screen are not drawn");
}

#[test]
fn creating_an_activity_with_a_source_and_a_recipient_saves_it_to_the_store() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("New activity").click();
    harness.run();
    assert_eq!(harness.state().page(), Page::Activity);
    type_into(&mut harness, "Name of the activity", "Homelessness assessments");
    harness.run();
    type_into(&mut harness, "Add to purposes", "Assessing homelessness");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("Art 6(1)(e) Public task").click();
    harness.run();
    click(&mut harness, "Art 9(1) Health");
    harness.run();
    type_into(&mut harness, "Add a source", "home off");
    harness.run();
    click(&mut harness, "Home Office (Public authority)");
    harness.get_by_label_contains("Home Office — Public authority").scroll_to_me();
    harness.run();
    harness.get_by_label_contains("Home Office — Public authority").click();
    harness.run();
    type_into(&mut harness, "Method (how the data passes)", "Secure email");
    type_into(&mut harness, "Add to data passed", "Immigration status");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    type_into(&mut harness, "Add a recipient", "Shelter Merseyside");
    harness.run();
    click(&mut harness, "Add a recipient: kind of the new party");
    click(&mut harness, "Voluntary or community organisation");
    click(&mut harness, "Add a recipient: create party");
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();

    let session = harness.state_mut().session_mut().unwrap();
    let register = session.store.load_register().unwrap();
    let saved = register.activities.iter().find(|a| a.fields.name == "Homelessness assessments").unwrap();
    assert_eq!(saved.fields.purposes, ["Assessing homelessness"]);
    assert_eq!(saved.fields.lawful_bases, BTreeSet::from([LawfulBasis::PublicTask]));
    assert_eq!(saved.fields.special_categories, BTreeSet::from([SpecialCategory::Health]));
    let links: Vec<(&str, Direction)> = register
        .links_of(saved.id, Direction::Source)
        .chain(register.links_of(saved.id, Direction::Recipient))
        .map(|link| (register.party_name(link.fields.party_id), link.fields.direction))
        .collect();
    assert_eq!(links, [("Home Office", Direction::Source), ("Shelter Merseyside", Direction::Recipient)]);
    let source = register.links_of(saved.id, Direction::Source).next().unwrap();
    assert_eq!(source.fields.method, "Secure email");
    assert_eq!(source.fields.data_categories, ["Immigration status"]);
}

#[test]
fn save_is_disabled_with_the_reason_while_the_name_is_empty_or_a_date_is_wrong() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("New activity").click();
    harness.run();
    assert!(harness.query_by_label_contains("Cannot save yet: Give the activity a name").is_some());
    type_into(&mut harness, "Name of the activity", "Blue badges");
    harness.run();
    type_into(&mut harness, "Last reviewed", "31/02/2026");
    harness.run();
    assert!(harness.query_by_label("\"31/02/2026\" is not a date: February 2026 has 28 days").is_some());
    assert!(harness.query_by_label_contains("Cannot save yet: Last reviewed").is_some());
    harness.get_by_label("Save").click();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(!stored_names(&mut harness).contains(&"Blue badges".to_owned()));
}

#[test]
fn typing_in_the_filter_box_leaves_only_matching_rows() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    assert!(harness.query_by_label("Tenancy payments").is_some());
    type_into(&mut harness, "Filter activities", "housing");
    harness.run();
    let view = &harness.state().session().unwrap().view;
    assert_eq!(names_shown(view), ["Housing allocations", "Tenancy payments"]);
    assert!(harness.query_by_label("Early Help casework").is_none());
    assert!(harness.query_by_label("Housing allocations").is_some());
}

#[test]
fn leaving_a_changed_activity_asks_to_save_and_cancel_keeps_the_edits() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("Early Help casework").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().page(), Page::Activity);
    type_into(&mut harness, "Activity owner", "Head of Early Help");
    harness.run();
    harness.get_by_label("Parties").click();
    harness.run();
    assert!(harness.state().is_asking_to_save());
    assert!(harness.query_by_label("Save changes to this activity?").is_some());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().page(), Page::Activity);
    assert_eq!(harness.get_by_label("Activity owner").value().as_deref(), Some("Head of Early Help"));

    harness.get_by_label("Parties").click();
    harness.run();
    harness.get_by_label("Discard changes").click();
    harness.run();
    assert_eq!(harness.state().page(), Page::Parties);
    let session = harness.state_mut().session_mut().unwrap();
    let register = session.store.load_register().unwrap();
    assert!(register.activities.iter().all(|activity| activity.fields.owner.is_empty()));
}

#[test]
fn save_from_the_prompt_saves_then_leaves() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("Tenancy payments").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    type_into(&mut harness, "Activity owner", "Rents manager");
    harness.run();
    harness.get_by_label("Organisation").click();
    harness.run();
    harness.get_by_label("Save changes").click();
    harness.run();
    assert_eq!(harness.state().page(), Page::Organisation);
    let session = harness.state_mut().session_mut().unwrap();
    let register = session.store.load_register().unwrap();
    let saved = register.activities.iter().find(|a| a.fields.name == "Tenancy payments").unwrap();
    assert_eq!(saved.fields.owner, "Rents manager");
}

#[test]
fn delete_asks_first_and_undo_puts_the_activity_back_with_its_links() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("Housing allocations").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("Delete…").click();
    harness.run();
    assert!(
        stored_names(&mut harness).contains(&"Housing allocations".to_owned()),
        "not deleted before confirming"
    );
    harness.get_by_label("Delete activity").click();
    harness.run();
    assert!(!stored_names(&mut harness).contains(&"Housing allocations".to_owned()));
    assert_eq!(harness.state().page(), Page::Register);
    harness.get_by_label("Undo").click();
    harness.run();
    let session = harness.state_mut().session_mut().unwrap();
    let register = session.store.load_register().unwrap();
    let restored = register.activities.iter().find(|a| a.fields.name == "Housing allocations").unwrap();
    assert_eq!(register.links_of(restored.id, Direction::Recipient).count(), 1);
}

#[test]
fn undoing_a_delete_puts_the_activity_back_in_the_dpia_that_covered_it_and_redo_takes_it_out() {
    let mut store = fixture_store();
    let activities = store.activities().unwrap();
    let housing = activities.iter().find(|a| a.fields.name == "Housing allocations").unwrap().id;
    let other = activities.iter().find(|a| a.id != housing).unwrap().id;
    let mut fields = ropa::model::DpiaFields::new("Housing DPIA");
    fields.activities = vec![other, housing];
    let dpia = store.insert_dpia(&fields).unwrap().id;
    let mut harness = harness(app_on(store));
    harness.run();
    harness.get_by_label("Housing allocations").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label("Delete activity").click();
    harness.run();
    let covered = |harness: &mut egui_kittest::Harness<'_, App>| {
        let store = &mut harness.state_mut().session_mut().unwrap().store;
        store.dpias().unwrap().into_iter().find(|d| d.id == dpia).unwrap().fields.activities
    };
    assert_eq!(covered(&mut harness), [other]);
    harness.get_by_label("Undo").click();
    harness.run();
    assert_eq!(covered(&mut harness), [other, housing], "back in its place");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    harness.run();
    assert_eq!(covered(&mut harness), [other]);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(covered(&mut harness), [other, housing]);
    assert!(harness.state_mut().session_mut().unwrap().store.verify().unwrap().is_intact());
}

#[test]
fn an_undo_that_fails_keeps_the_dpia_places_for_the_undo_that_succeeds() {
    let mut store = fixture_store();
    let activities = store.activities().unwrap();
    let housing = activities.iter().find(|a| a.fields.name == "Housing allocations").unwrap().clone();
    let mut fields = ropa::model::DpiaFields::new("Housing DPIA");
    fields.activities = vec![housing.id];
    let dpia = store.insert_dpia(&fields).unwrap().id;
    let mut harness = harness(app_on(store));
    harness.run();
    harness.get_by_label("Housing allocations").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label("Delete activity").click();
    harness.run();
    // Meanwhile an import adds an activity of the same name in the same service.
    let store = &mut harness.state_mut().session_mut().unwrap().store;
    let newcomer = store.insert_activity(&housing.fields, &[]).unwrap();
    harness.get_by_label("Undo").click();
    harness.run();
    let store = &mut harness.state_mut().session_mut().unwrap().store;
    assert!(store.activity(housing.id).is_err(), "the undo could not put it back");
    let mut renamed = newcomer.fields.clone();
    renamed.name = "Housing allocations (imported)".into();
    store.update_activity(newcomer.id, newcomer.version, &renamed, &[]).unwrap();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let store = &mut harness.state_mut().session_mut().unwrap().store;
    assert!(store.activity(housing.id).is_ok(), "the second undo put it back");
    let covered = store.dpias().unwrap().into_iter().find(|d| d.id == dpia).unwrap().fields.activities;
    assert_eq!(covered, [housing.id], "and back in its DPIA");
}

#[test]
fn a_conflicting_save_keeps_the_draft_and_says_why() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("Tenancy payments").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    type_into(&mut harness, "Activity owner", "Me");
    harness.run();
    {
        let store = &mut harness.state_mut().session_mut().unwrap().store;
        let activity =
            store.activities().unwrap().into_iter().find(|a| a.fields.name == "Tenancy payments").unwrap();
        let mut fields = activity.fields.clone();
        fields.owner = "Someone else".into();
        store.update_activity(activity.id, activity.version, &fields, &[]).unwrap();
    }
    harness.get_by_label("Save").click();
    harness.run();
    assert!(harness.query_by_label_contains("was changed by someone else").is_some());
    assert_eq!(harness.get_by_label("Activity owner").value().as_deref(), Some("Me"));
    assert_eq!(harness.state().page(), Page::Activity);

    harness.get_by_label("Keep my edits and save over theirs").click();
    harness.run();
    let store = &harness.state().session().unwrap().store;
    let saved =
        store.activities().unwrap().into_iter().find(|a| a.fields.name == "Tenancy payments").unwrap();
    assert_eq!(saved.fields.owner, "Me");
    assert_eq!(saved.version, 3, "saved over the other person's version 2");
}

#[test]
fn a_party_with_a_duplicate_name_cannot_be_saved() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("Parties").click();
    harness.run();
    harness.get_by_label("New party").click();
    harness.run();
    type_into(&mut harness, "Party name", "home office");
    harness.run();
    assert!(harness.query_by_label_contains("Another party is already called").is_some());
    type_into(&mut harness, "Party name", " (Immigration Enforcement)");
    harness.run();
    harness.get_by_label("Save party").click();
    harness.run();
    let session = harness.state_mut().session_mut().unwrap();
    assert!(session.store.party_by_name("home office (Immigration Enforcement)").unwrap().is_some());
}

#[test]
fn organisation_details_are_saved() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("Organisation").click();
    harness.run();
    type_into(&mut harness, "Controller name", "Sefton Council");
    type_into(&mut harness, "ICO registration number", "Z5555555");
    harness.run();
    harness.get_by_label("Save details").click();
    harness.run();
    let organisation = harness.state().session().unwrap().store.organisation().unwrap();
    assert_eq!(organisation.controller.name, "Sefton Council");
    assert_eq!(organisation.ico_registration, "Z5555555");
}

#[test]
fn a_file_that_is_not_a_register_is_refused_by_name_and_left_untouched() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("notes.ropa");
    std::fs::write(&path, b"shopping list").unwrap();
    let app = App::start(Some(path.clone()), Default::default(), TODAY, FileDialogs::typed_only());
    assert!(app.session().is_none());
    let notice = app.notice().unwrap();
    assert!(notice.is_error);
    assert!(notice.text.contains("not a ROPA register"), "{}", notice.text);
    assert!(notice.text.contains("notes.ropa"), "{}", notice.text);
    assert_eq!(std::fs::read(&path).unwrap(), b"shopping list");
}

#[test]
fn open_through_the_typed_path_box_opens_the_register_and_remembers_it() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("council.ropa");
    drop(Store::create(&path).unwrap());
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open…").click();
    harness.run();
    type_into(&mut harness, "File path", path.to_str().unwrap());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
    let session = harness.state().session().unwrap();
    assert_eq!(session.store.path(), Some(path.as_path()));
    assert_eq!(harness.state().settings().last_register.as_deref(), Some(path.as_path()));
}

#[test]
fn save_a_copy_writes_a_register_that_opens() {
    let folder = tempfile::tempdir().unwrap();
    let copy = folder.path().join("copy.ropa");
    let store = fixture_store();
    store.save_copy(&copy).unwrap();
    let mut reopened = Store::open(&copy).unwrap();
    assert_eq!(reopened.load_register().unwrap().activities.len(), 3);
    assert!(matches!(store.save_copy(&copy), Err(ropa::Error::AlreadyExists { .. })));
}

#[test]
fn open_demo_creates_a_new_register_file_and_opens_it() {
    let folder = tempfile::tempdir().unwrap();
    let mut app = app_on(fixture_store());
    app.set_demo_folder(folder.path().to_path_buf());
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open demo").click();
    harness.run();
    let expected = folder.path().join("demo.ropa");
    let session = harness.state().session().unwrap();
    assert_eq!(session.store.path(), Some(expected.as_path()));
    assert!(Store::open(&expected).is_ok(), "the demo file is a register");
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("Tenancy payments").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    type_into(&mut harness, "Activity owner", "Rents manager");
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Quit").click();
    harness.run();
    assert!(harness.state().is_asking_to_save());
    assert_eq!(harness.state().page(), Page::Activity);
}

#[test]
fn clicking_a_column_heading_sorts_by_it_and_again_reverses() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("Activity").click();
    harness.run();
    let view = &harness.state().session().unwrap().view;
    assert_eq!(names_shown(view), ["Early Help casework", "Housing allocations", "Tenancy payments"]);
    harness.get_by_label("Activity").click();
    harness.run();
    let view = &harness.state().session().unwrap().view;
    assert_eq!(names_shown(view), ["Tenancy payments", "Housing allocations", "Early Help casework"]);
}

#[test]
fn ctrl_f_focuses_the_filter_box() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    assert!(!harness.get_by_label("Filter activities").is_focused());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    assert!(harness.get_by_label("Filter activities").is_focused());
}

#[test]
fn after_a_conflict_loading_their_version_shows_what_they_saved() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("Tenancy payments").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    type_into(&mut harness, "Activity owner", "Me");
    {
        let store = &mut harness.state_mut().session_mut().unwrap().store;
        let activity =
            store.activities().unwrap().into_iter().find(|a| a.fields.name == "Tenancy payments").unwrap();
        let mut fields = activity.fields.clone();
        fields.owner = "Someone else".into();
        store.update_activity(activity.id, activity.version, &fields, &[]).unwrap();
    }
    harness.get_by_label("Save").click();
    harness.run();
    harness.get_by_label("Load their version (drop my edits)").click();
    harness.run();
    assert_eq!(harness.get_by_label("Activity owner").value().as_deref(), Some("Someone else"));
    assert!(harness.query_by_label_contains("was changed by someone else").is_none());
}

#[test]
fn a_new_agreement_with_a_party_and_dates_is_saved() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("Agreements").click();
    harness.run();
    harness.get_by_label("New agreement").click();
    harness.run();
    type_into(&mut harness, "Agreement title", "Sefton Information Sharing Protocol");
    type_into(&mut harness, "Add a party to the agreement", "nhs");
    click(&mut harness, "NHS Sefton (Public authority)");
    type_into(&mut harness, "Start", "2025-04-01");
    type_into(&mut harness, "Review due", "next spring");
    assert!(harness.query_by_label_contains("Cannot save yet: Review due").is_some());
    harness.get_by_label("Review due").focus();
    harness.run();
    for _ in 0.."next spring".len() {
        harness.key_press(egui::Key::Backspace);
    }
    harness.run();
    type_into(&mut harness, "Review due", "2026-04-01");
    harness.get_by_label("Save agreement").click();
    harness.run();
    let agreements = harness.state().session().unwrap().store.agreements().unwrap();
    let saved = agreements.iter().find(|a| a.fields.title == "Sefton Information Sharing Protocol").unwrap();
    assert_eq!(saved.fields.start, Some(date!(2025 - 04 - 01)));
    assert_eq!(saved.fields.review_due, Some(date!(2026 - 04 - 01)));
    assert_eq!(saved.fields.parties.len(), 1);
}

#[test]
fn organisation_edits_survive_a_change_elsewhere_and_saving_them_leaves_the_page_clean() {
    let mut harness = harness(app_on(fixture_store()));
    harness.run();
    harness.get_by_label("Organisation").click();
    harness.run();
    type_into(&mut harness, "Controller name", "Sefton Council");
    // Saving a party reloads the snapshot: the Organisation page keeps its unsaved edits.
    harness.get_by_label("Parties").click();
    harness.run();
    harness.get_by_label("New party").click();
    harness.run();
    type_into(&mut harness, "Party name", "Sefton CVS");
    harness.get_by_label("Save party").click();
    harness.run();
    assert!(harness.state().session().unwrap().store.party_by_name("Sefton CVS").unwrap().is_some());
    harness.get_by_label("Organisation").click();
    harness.run();
    assert_eq!(harness.get_by_label("Controller name").value().as_deref(), Some("Sefton Council"));
    assert!(!harness.get_by_label("Save details").accesskit_node().is_disabled());
    harness.get_by_label("Save details").click();
    harness.run();
    assert!(
        harness.get_by_label("Save details").accesskit_node().is_disabled(),
        "once saved, the page shows the organisation as stored, with nothing left to save"
    );
    assert_eq!(harness.get_by_label("Controller name").value().as_deref(), Some("Sefton Council"));
    let stored = harness.state().session().unwrap().store.organisation().unwrap();
    assert_eq!(stored.controller.name, "Sefton Council");
}
