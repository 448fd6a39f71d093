//! The link editor's three-way answer for special category and criminal offence
//! data, driven by accessible label and checked in the store.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ropa::Store;
use ropa::law::SpecialCategory;
use ropa::model::{
    ActivityFields, Direction, Link, LinkDraft, LinkFields, PartyFields, PartyKind, ServiceFields,
    SpecialData,
};

use super::app::App;
use super::test_support::{app_on, click, harness};

const ACTIVITY: &str = "Care and support needs assessments";
const TRUST: &str = "Manchester University NHS Foundation Trust";

/// Adult Social Care's assessments (health and religious beliefs data) send care
/// needs to an NHS trust; the link says nothing narrower.
fn care_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    store
        .batch(|batch| {
            let service = batch
                .insert_service(&ServiceFields { name: "Adult Social Care".into(), ..Default::default() })?;
            let trust = batch.insert_party(&PartyFields::new(TRUST, PartyKind::PublicAuthority))?;
            let mut activity = ActivityFields::new(service, ACTIVITY);
            activity.special_categories =
                BTreeSet::from([SpecialCategory::Health, SpecialCategory::ReligiousOrPhilosophicalBeliefs]);
            let mut link = LinkFields::new(trust, Direction::Recipient);
            link.data_categories = vec!["Care needs".into()];
            batch.insert_activity(&activity, &[LinkDraft { id: None, fields: link }])?;
            Ok(())
        })
        .unwrap();
    store
}

fn stored_link(harness: &mut Harness<'_, App>) -> Link {
    let session = harness.state_mut().session_mut().unwrap();
    session.store.load_register().unwrap().links.remove(0)
}

fn save(harness: &mut Harness<'_, App>) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
}

fn open_the_link(harness: &mut Harness<'_, App>) {
    harness.get_by_label(ACTIVITY).click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let header = format!("{TRUST} — Public authority");
    harness.get_by_label_contains(&header).scroll_to_me();
    harness.run();
    harness.get_by_label_contains(&header).click();
    harness.run();
}

#[test]
fn the_link_editor_narrows_special_data_to_the_ticked_categories_then_to_none() {
    let mut harness = harness(app_on(care_store()));
    harness.run();
    assert_eq!(stored_link(&mut harness).fields.special_data, SpecialData::AsActivity);
    open_the_link(&mut harness);
    click(&mut harness, SpecialData::Only.label());
    // The activity's own checkboxes come first; the link's are the last ones.
    let health = harness.get_all_by_label("Art 9(1) Health").count();
    assert_eq!(health, 2, "the link offers its own categories to tick");
    harness.get_all_by_label("Art 9(1) Health").last().unwrap().click();
    harness.run();
    harness.get_by_label("Criminal offence data passes (Art 10)").click();
    harness.run();
    save(&mut harness);
    let link = stored_link(&mut harness);
    assert_eq!(link.fields.special_data, SpecialData::Only);
    assert_eq!(link.fields.special_categories, BTreeSet::from([SpecialCategory::Health]));
    assert!(link.fields.criminal_offence_data);

    click(&mut harness, SpecialData::None.label());
    assert_eq!(harness.get_all_by_label("Art 9(1) Health").count(), 1, "the link's ticks are gone");
    save(&mut harness);
    let link = stored_link(&mut harness);
    assert_eq!(link.fields.special_data, SpecialData::None);
    assert!(link.fields.special_categories.is_empty() && !link.fields.criminal_offence_data);

    click(&mut harness, SpecialData::AsActivity.label());
    save(&mut harness);
    assert_eq!(stored_link(&mut harness).fields.special_data, SpecialData::AsActivity);
}
