//! The Information assets page, driven as an officer would: an asset made from
//! an activity's systems gets its owner and processor, is saved to the store,
//! and is refused deletion while an activity holds data in it.

use egui_kittest::kittest::Queryable;
use ropa::Store;
use ropa::model::{ActivityFields, Hosting, PartyFields, PartyKind, ServiceFields};

use super::app::Page;
use super::test_support::{app_on, click, harness, type_into};

/// An Early Help activity holding data in "Liquidlogic EHM" and on paper, and a processor.
fn store() -> Store {
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    store.insert_party(&PartyFields::new("System C Healthcare Ltd", PartyKind::Processor)).unwrap();
    let mut fields = ActivityFields::new(service, "Family support casework");
    fields.systems = vec!["Liquidlogic EHM".into(), "Paper files, Bootle".into()];
    store.insert_activity(&fields, &[]).unwrap();
    store
}

#[test]
fn an_asset_gets_its_owner_and_processor_and_is_saved_to_the_store() {
    let mut harness = harness(app_on(store()));
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    harness.run();
    assert_eq!(harness.state().page(), Page::Assets);
    harness.get_by_label_contains("Liquidlogic EHM").click();
    harness.run();
    type_into(&mut harness, "Owner's name", "Jane Smith");
    type_into(&mut harness, "Owner's role", "Head of Early Help");
    type_into(&mut harness, "Location", "Microsoft Azure UK South");
    click(&mut harness, "Hosting");
    click(&mut harness, "Hosted by a processor");
    assert!(harness.query_by_label_contains("Cannot save yet: Choose the processor").is_some());
    type_into(&mut harness, "Choose the processor", "system");
    click(&mut harness, "System C Healthcare Ltd (Processor)");
    click(&mut harness, "Save asset");

    let session = harness.state().session().unwrap();
    let assets = session.store.assets().unwrap();
    let saved = assets.iter().find(|a| a.fields.name == "Liquidlogic EHM").unwrap();
    assert_eq!(saved.fields.owner_name, "Jane Smith");
    assert_eq!(saved.fields.owner_role, "Head of Early Help");
    assert_eq!(saved.fields.location, "Microsoft Azure UK South");
    let processor = session.store.party_by_name("System C Healthcare Ltd").unwrap().unwrap();
    assert_eq!(saved.fields.hosting, Hosting::Processor { party: processor });
    assert!(harness.query_by_label_contains("Saved the information asset").is_some());
    assert!(harness.query_by_label("Family support casework").is_some(), "the activity holding it is listed");
}

#[test]
fn an_asset_an_activity_names_is_not_deleted_and_the_page_says_why() {
    let mut harness = harness(app_on(store()));
    harness.run();
    harness.get_by_label("Assets").click();
    harness.run();
    harness.get_by_label_contains("Paper files, Bootle").click();
    harness.run();
    click(&mut harness, "Delete asset");
    assert!(harness.query_by_label_contains("remove it from that activity first").is_some());
    assert_eq!(harness.state().session().unwrap().store.assets().unwrap().len(), 2);
}

#[test]
fn the_filter_leaves_only_the_assets_with_no_owner_or_matching_words() {
    let mut harness = harness(app_on(store()));
    harness.run();
    harness.get_by_label("Assets").click();
    harness.run();
    type_into(&mut harness, "Filter", "paper");
    assert!(harness.query_by_label_contains("Liquidlogic EHM").is_none());
    assert!(harness.query_by_label_contains("Paper files, Bootle").is_some());
}
