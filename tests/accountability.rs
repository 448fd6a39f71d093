//! The change log, the register as it stood on a date, and backups.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::sync::{Arc, Mutex};

use ropa::import::json;
use ropa::model::*;
use ropa::store::ChangeAction;
use ropa::{Store, demo};
use time::OffsetDateTime;
use time::macros::datetime;

/// A store whose clock the test moves.
fn store_with_clock() -> (Store, Arc<Mutex<OffsetDateTime>>) {
    let mut store = Store::in_memory().unwrap();
    let now = Arc::new(Mutex::new(datetime!(2025-03-01 09:00 UTC)));
    let clock = now.clone();
    store.set_clock(move || *clock.lock().unwrap());
    (store, now)
}

fn day(n: u8) -> Date {
    Date::from_calendar_date(2025, time::Month::March, n).unwrap()
}

#[test]
fn the_register_as_at_each_date_equals_the_register_taken_that_day() {
    let (mut store, now) = store_with_clock();
    let mut snapshots = Vec::new();

    demo::populate(&mut store).unwrap();
    snapshots.push((day(1), store.load_register().unwrap()));

    *now.lock().unwrap() = datetime!(2025-03-02 14:30 UTC);
    let register = store.load_register().unwrap();
    let activity = register.activities[0].clone();
    let mut edited = activity.fields.clone();
    edited.purposes.push("A purpose added on the second day".into());
    edited.lawful_bases.insert(ropa::law::LawfulBasis::LegalObligation);
    let links: Vec<LinkDraft> = register
        .links
        .iter()
        .filter(|l| l.activity_id == activity.id)
        .skip(1)
        .map(|l| LinkDraft { id: Some(l.id), fields: l.fields.clone() })
        .collect();
    store.update_activity(activity.id, activity.version, &edited, &links).unwrap();
    let party = register.parties[0].clone();
    let mut renamed = party.fields.clone();
    renamed.name = format!("{} (renamed)", renamed.name);
    store.update_party(party.id, party.version, &renamed).unwrap();
    snapshots.push((day(2), store.load_register().unwrap()));

    *now.lock().unwrap() = datetime!(2025-03-03 23:59:59 UTC);
    let doomed = store.load_register().unwrap().activities[1].id;
    store.delete_activity(doomed).unwrap();
    let mut org = store.organisation().unwrap();
    org.ico_registration = "Z1234567".into();
    store.save_organisation(&org).unwrap();
    snapshots.push((day(3), store.load_register().unwrap()));

    *now.lock().unwrap() = datetime!(2025-03-04 00:00 UTC);
    let another = store.load_register().unwrap().activities[2].id;
    store.delete_activity(another).unwrap();

    for (date, taken) in &snapshots {
        let rebuilt = store.register_as_at(*date).unwrap();
        assert_eq!(&rebuilt, taken, "register as at {date}");
        assert_eq!(json::to_json(&rebuilt).unwrap(), json::to_json(taken).unwrap(), "export as at {date}");
    }
    assert!(
        store
            .register_as_at(Date::from_calendar_date(2025, time::Month::February, 28).unwrap())
            .unwrap()
            .activities
            .is_empty()
    );
}

#[test]
fn history_records_who_when_and_the_record_before_and_after() {
    let (mut store, now) = store_with_clock();
    store.set_display_name("Jo Bloggs");
    let service =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let saved = store.insert_activity(&ActivityFields::new(service, "Casework"), &[]).unwrap();
    *now.lock().unwrap() = datetime!(2025-03-05 10:00 UTC);
    let mut edited = saved.fields.clone();
    edited.owner = "Head of Early Help".into();
    store.update_activity(saved.id, saved.version, &edited, &[]).unwrap();
    store.delete_activity(saved.id).unwrap();

    let history = store.history("activity", saved.id.0).unwrap();
    let actions: Vec<ChangeAction> = history.iter().map(|c| c.action).collect();
    assert_eq!(actions, [ChangeAction::Create, ChangeAction::Update, ChangeAction::Delete]);
    assert!(history[0].actor.ends_with("(Jo Bloggs)"), "{}", history[0].actor);
    assert_eq!(history[0].at, "2025-03-01T09:00:00Z");
    assert_eq!(history[1].at, "2025-03-05T10:00:00Z");
    assert!(!history[1].before.as_deref().unwrap().contains("Head of Early Help"));
    assert!(history[1].after.as_deref().unwrap().contains("Head of Early Help"));
    assert!(history[2].after.is_none());
}

#[test]
fn the_log_cannot_be_changed_through_sql_and_tampering_is_detected() {
    let (mut store, _) = store_with_clock();
    demo::populate(&mut store).unwrap();
    let check = store.verify_log().unwrap();
    assert!(check.entries > 50, "{check:?}");
    assert_eq!(check.first_broken, None);

    let conn = store.connection();
    let update = conn.execute("UPDATE change_log SET actor = 'someone else' WHERE id = 3", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM change_log WHERE id = 3", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    assert_eq!(store.verify_log().unwrap().first_broken, None);

    conn.execute_batch(
        r#"DROP TRIGGER change_log_is_append_only_update;
           UPDATE change_log SET after = replace(after, '"name":"', '"name":"Not ') WHERE id = 5;"#,
    )
    .unwrap();
    assert_eq!(store.verify_log().unwrap().first_broken, Some(5));
}

#[test]
fn backups_are_kept_newest_first_and_restore_the_exact_register() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ropa");
    let mut store = Store::create(&path).unwrap();
    let now = Arc::new(Mutex::new(datetime!(2025-03-01 09:00 UTC)));
    let clock = now.clone();
    store.set_clock(move || *clock.lock().unwrap());
    demo::populate(&mut store).unwrap();
    let before = store.load_register().unwrap();
    let first = store.back_up(10).unwrap();

    let doomed = before.activities[0].id;
    store.delete_activity(doomed).unwrap();
    assert_ne!(store.load_register().unwrap(), before);
    for minute in 1..=11u8 {
        *now.lock().unwrap() = datetime!(2025-03-01 10:00 UTC) + time::Duration::minutes(minute.into());
        store.back_up(10).unwrap();
    }
    let backups = ropa::store::backups_of(&path).unwrap();
    assert_eq!(backups.len(), 10, "only the newest ten are kept");
    assert!(backups[0].taken_at.starts_with("2025-03-01 10:11"), "{:?}", backups[0]);
    assert!(!first.exists(), "the oldest backup was removed");

    let mut restored = Store::create(&dir.path().join("copy.ropa")).unwrap();
    let oldest = backups.last().unwrap();
    assert_eq!(oldest.activities as usize, before.activities.len() - 1);
    restored.restore_from(&oldest.path).unwrap();
    assert_eq!(restored.load_register().unwrap(), store.load_register().unwrap());

    let mut original = Store::create(&dir.path().join("again.ropa")).unwrap();
    let early = dir.path().join("early.ropa");
    demo::populate(&mut original).unwrap();
    original.backup_to(&early).unwrap();
    let taken = original.load_register().unwrap();
    let victim = taken.activities[3].id;
    original.delete_activity(victim).unwrap();
    original.restore_from(&early).unwrap();
    assert_eq!(original.load_register().unwrap(), taken);
    assert_eq!(original.verify_log().unwrap().first_broken, None);
}

#[test]
fn verify_command_exits_non_zero_when_the_chain_is_broken() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ropa");
    let mut store = Store::create(&path).unwrap();
    demo::populate(&mut store).unwrap();
    drop(store);
    let verify = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
            .args(["verify", "--db"])
            .arg(&path)
            .output()
            .unwrap()
    };
    let ok = verify();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stdout));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("intact"));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER change_log_is_append_only_update; UPDATE change_log SET actor = 'x' WHERE id = 2;",
    )
    .unwrap();
    drop(conn);
    let broken = verify();
    assert!(!broken.status.success());
    assert!(
        String::from_utf8_lossy(&broken.stdout).contains("entry 2"),
        "{}",
        String::from_utf8_lossy(&broken.stdout)
    );
}

#[test]
fn marking_reviewed_is_logged_so_the_as_at_view_keeps_up() {
    let (mut store, now) = store_with_clock();
    demo::populate(&mut store).unwrap();
    *now.lock().unwrap() = datetime!(2025-03-06 12:00 UTC);
    let activity = store.load_register().unwrap().activities[0].clone();
    store.mark_reviewed(activity.id, activity.version, "Jo Bloggs", day(6)).unwrap();
    let taken = store.load_register().unwrap();
    assert_eq!(store.register_as_at(day(6)).unwrap(), taken);
    assert_eq!(store.history("activity", activity.id.0).unwrap().len(), 2);
}

/// A backup cut off by a stopped app leaves a temporary file as large as the
/// register; the next backup removes it once it has gone unwritten for a
/// while, and never one that may still be being written. The copy taken on
/// another thread's connection is a whole register.
#[test]
fn a_backup_cut_off_is_cleared_by_the_next_and_a_backup_from_another_connection_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("council.ropa");
    let mut store = Store::create(&path).unwrap();
    demo::populate(&mut store).unwrap();
    let folder = ropa::store::backup_folder(&path);
    std::fs::create_dir_all(&folder).unwrap();
    let abandoned = folder.join(".council-20260101-100000.ropa.4242-0.tmp");
    let journal = folder.join(".council-20260101-100000.ropa.4242-0.tmp-journal");
    let in_progress = folder.join(".council-20260101-100001.ropa.4243-0.tmp");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for file in [&abandoned, &journal, &in_progress] {
        std::fs::write(file, b"part of a copy").unwrap();
    }
    for file in [&abandoned, &journal] {
        std::fs::File::options().write(true).open(file).unwrap().set_modified(an_hour_ago).unwrap();
    }

    let made = Store::back_up_file(&path, 10).unwrap();

    assert!(!abandoned.exists() && !journal.exists(), "the abandoned copy is removed");
    assert!(in_progress.exists(), "a copy written a moment ago may still be running");
    let copy = ropa::store::backups_of(&path).unwrap();
    assert_eq!(copy.len(), 1);
    assert_eq!(copy[0].path, made);
    assert_eq!(copy[0].activities, store.load_register().unwrap().activities.len() as i64);
}
