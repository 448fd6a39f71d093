//! The read side's one value (`model::Snapshot`): what `Store` loads now, as at a
//! date and for one service equals what the store's separate reads give.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::sync::{Arc, Mutex};

use ropa::model::{ExtraText, FindingKey, ParagraphKey, ServiceId};
use ropa::{Error, Store, demo};
use time::OffsetDateTime;
use time::macros::{date, datetime};

fn demo_with_clock() -> (Store, Arc<Mutex<OffsetDateTime>>) {
    let mut store = Store::in_memory().unwrap();
    let now = Arc::new(Mutex::new(datetime!(2026-03-01 09:00 UTC)));
    let clock = now.clone();
    store.set_clock(move || *clock.lock().unwrap());
    demo::populate(&mut store).unwrap();
    (store, now)
}

fn key(rule: &str) -> FindingKey {
    FindingKey { rule: rule.into(), activity_id: None, subject: String::new() }
}

#[test]
fn the_snapshot_holds_what_every_reader_reads_from_the_store() {
    let (mut store, _) = demo_with_clock();
    let register = store.load_register().unwrap();
    let service = register.services[1].id;
    let mut template = store.notice_template().unwrap();
    template.set_paragraph(ParagraphKey::Intro, "Our own introduction for {service}.");
    store.save_notice_template(&template).unwrap();
    let extra = ExtraText { intro: "Ask at reception.".into(), closing: "Thank you.".into() };
    store.save_notice_extra(service, &extra).unwrap();
    store.acknowledge(&key("org-dpo-missing"), "A. Officer", date!(2026 - 03 - 01), "Shared DPO").unwrap();
    store.set_public_authority(false).unwrap();

    let snapshot = store.snapshot().unwrap();
    assert_eq!(snapshot.register, store.load_register().unwrap());
    assert_eq!(snapshot.acknowledgements, store.acknowledgements().unwrap());
    assert_eq!(snapshot.acknowledgements.len(), 1);
    assert!(!snapshot.public_authority);
    assert_eq!(snapshot.notices.template, template);
    for s in &register.services {
        assert_eq!(snapshot.notices.extra_of(s.id), store.notice_extra(s.id).unwrap(), "{}", s.fields.name);
    }
    assert_eq!(snapshot.notices.extra_of(service), extra);
    assert_eq!(snapshot.log_head, Some(store.log_head().unwrap()));
    assert_eq!(snapshot.as_at, None);
}

#[test]
fn the_snapshot_as_at_a_date_is_the_register_log_head_and_acknowledgements_of_that_day() {
    let (mut store, now) = demo_with_clock();
    store.acknowledge(&key("early"), "A. Officer", date!(2026 - 03 - 01), "Known").unwrap();
    *now.lock().unwrap() = datetime!(2026-03-05 10:00 UTC);
    let doomed = store.load_register().unwrap().activities[0].id;
    store.delete_activity(doomed).unwrap();
    store.acknowledge(&key("late"), "A. Officer", date!(2026 - 03 - 05), "Later").unwrap();

    let day = date!(2026 - 03 - 02);
    let then = store.snapshot_as_at(day).unwrap();
    assert_eq!(then.register, store.register_as_at(day).unwrap());
    assert!(then.register.activity(doomed).is_some(), "the activity deleted later is there");
    assert_eq!(then.log_head, Some(store.log_head_as_at(day).unwrap()));
    assert_ne!(then.log_head, Some(store.log_head().unwrap()));
    let rules: Vec<_> = then.acknowledgements.iter().map(|a| a.key.rule.as_str()).collect();
    assert_eq!(rules, ["early"]);
    assert_eq!(then.as_at, Some(day));
    assert_eq!(store.snapshot_at(Some(day)).unwrap(), then);

    let current = store.snapshot_at(None).unwrap();
    assert!(current.register.activity(doomed).is_none());
    assert_eq!(current.acknowledgements.len(), 2);
}

#[test]
fn the_snapshot_of_a_service_holds_only_its_activities_and_a_missing_service_is_refused() {
    let (mut store, _) = demo_with_clock();
    let whole = store.snapshot().unwrap();
    let service = whole.register.services[0].id;
    let one = store.snapshot_of_service(service).unwrap();
    assert!(!one.register.activities.is_empty());
    assert!(one.register.activities.iter().all(|a| a.fields.service_id == service));
    let ids: Vec<_> = one.register.activities.iter().map(|a| a.id).collect();
    assert!(one.register.links.iter().all(|l| ids.contains(&l.activity_id)));
    assert_eq!(
        one.register.activities.len(),
        whole.register.activities.iter().filter(|a| a.fields.service_id == service).count()
    );
    assert_eq!(one.register.services, whole.register.services);
    assert_eq!(one.log_head, whole.log_head);
    assert!(matches!(store.snapshot_of_service(ServiceId(9999)), Err(Error::NotFound { .. })));
}
