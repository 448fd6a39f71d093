//! Faults a legal record must survive: the writer killed mid-edit, two people on
//! one file, damaged and hostile files, a full disk. See RELIABILITY.md.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use ropa::model::*;
use ropa::{Error, Store, demo};

/// Kills per run of the crash test: 50 in CI, more with ROPA_KILLS=2000.
fn kills() -> usize {
    std::env::var("ROPA_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(50)
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap()
}

fn stress_names(store: &Store) -> std::collections::BTreeSet<u64> {
    let mut stmt = store.connection().prepare("SELECT name FROM activity WHERE name LIKE 'edit %'").unwrap();
    let names = stmt.query_map([], |row| row.get::<_, String>(0)).unwrap();
    names.filter_map(|n| n.ok()?.strip_prefix("edit ")?.parse().ok()).collect()
}

#[test]
fn killing_the_writer_at_random_moments_loses_nothing_committed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ropa");
    demo::populate(&mut Store::create(&path).unwrap()).unwrap();
    let mut seed = 0x5EED_u64;
    let mut committed = std::collections::BTreeSet::new();
    let mut next = 0;
    for round in 0..kills() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ropa-stress-writer"))
            .arg(&path)
            .args([next.to_string(), "100000".to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        std::thread::sleep(Duration::from_millis(20 + (seed >> 33) % 200));
        child.kill().unwrap();
        child.wait().unwrap();
        let stdout = child.stdout.take().unwrap();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(k) = line.strip_prefix("committed ").and_then(|k| k.parse::<u64>().ok()) {
                committed.insert(k);
            }
        }
        assert_eq!(integrity(&path), "ok", "round {round}");
        let store = Store::open(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let present = stress_names(&store);
        let lost: Vec<_> = committed.difference(&present).collect();
        assert!(lost.is_empty(), "round {round}: committed edits lost: {lost:?}");
        assert_eq!(store.verify_log().unwrap().first_broken, None, "round {round}");
        next = present.last().map_or(0, |k| k + 1);
    }
    assert!(
        committed.len() > kills(),
        "the writer committed too little to test anything: {}",
        committed.len()
    );
    let found = Store::open(&path).unwrap().verify().unwrap();
    assert!(found.is_intact(), "after the kills the log no longer replays to the tables: {found:#?}");
}

fn two_stores() -> (tempfile::TempDir, std::path::PathBuf, Store, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ropa");
    let mut first = Store::create(&path).unwrap();
    demo::populate(&mut first).unwrap();
    let second = Store::open(&path).unwrap();
    (dir, path, first, second)
}

#[test]
fn two_people_saving_the_same_activity_never_overwrite_each_other() {
    let (_dir, _path, mut alice, mut bob) = two_stores();
    let original = alice.load_register().unwrap().activities[0].clone();
    let mut alices = original.fields.clone();
    alices.owner = "Alice".into();
    let mut bobs = original.fields.clone();
    bobs.owner = "Bob".into();
    alice.update_activity(original.id, original.version, &alices, &[]).unwrap();
    let error = bob.update_activity(original.id, original.version, &bobs, &[]).unwrap_err();
    assert!(matches!(error, Error::Conflict { .. }), "{error:?}");
    assert!(error.to_string().contains("Your edits are kept"));
    assert_eq!(
        bob.activity(original.id).unwrap().fields.owner,
        "Alice",
        "Bob sees Alice's version to compare"
    );
}

#[test]
fn a_writer_waits_for_a_short_lock_and_gives_a_clear_message_for_a_long_one() {
    let (_dir, path, _first, mut second) = two_stores();
    let hold = |millis: u64| {
        let path = path.clone();
        let (locked, is_locked) = std::sync::mpsc::channel();
        let handle = std::thread::spawn(move || {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch("BEGIN IMMEDIATE").unwrap();
            locked.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(millis));
            conn.execute_batch("COMMIT").unwrap();
        });
        is_locked.recv().unwrap();
        handle
    };
    let service = second.load_register().unwrap().services[0].id;

    let short = hold(300);
    second.insert_activity(&ActivityFields::new(service, "Saved after waiting"), &[]).unwrap();
    short.join().unwrap();

    second.set_busy_timeout(Duration::from_millis(200)).unwrap();
    let long = hold(1_500);
    let error =
        second.insert_activity(&ActivityFields::new(service, "Not saved while locked"), &[]).unwrap_err();
    long.join().unwrap();
    assert!(matches!(error, Error::Busy), "{error:?}");
    assert!(error.to_string().contains("your edits are kept"));
    let names: Vec<String> = second.activities().unwrap().into_iter().map(|a| a.fields.name).collect();
    assert!(names.contains(&"Saved after waiting".to_string()));
    assert!(!names.contains(&"Not saved while locked".to_string()));
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_truncated_register_gives_a_clear_error_and_is_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ropa");
    {
        let mut store = Store::create(&path).unwrap();
        demo::populate(&mut store).unwrap();
        store.connection().pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let whole = bytes(&path);
    for keep in [100, 4096, whole.len() / 2, whole.len() - 4096] {
        std::fs::write(&path, &whole[..keep]).unwrap();
        let before = bytes(&path);
        let result = Store::open(&path).and_then(|mut store| store.load_register());
        let error = result.expect_err("a truncated register must not load");
        assert!(
            matches!(error, Error::Damaged(_) | Error::WrongSchema { .. } | Error::NotARegister { .. }),
            "truncated to {keep}: {error:?}"
        );
        assert!(bytes(&path) == before, "truncated to {keep}: the file was modified");
    }
}

#[test]
fn a_register_with_a_wrong_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ropa");
    drop(Store::create(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("ALTER TABLE activity DROP COLUMN owner; PRAGMA journal_mode = DELETE;").unwrap();
    }
    let before = bytes(&path);
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, Error::WrongSchema { .. }), "{error:?}");
    assert!(error.to_string().contains("activity has no column owner"), "{error}");
    assert!(bytes(&path) == before, "the file was modified");
}

#[test]
fn sql_looking_text_in_every_field_is_stored_as_text() {
    let mut store = Store::in_memory().unwrap();
    let evil = "Robert'); DROP TABLE activity; -- \" OR 1=1; /* */";
    let service = store
        .insert_service(&ServiceFields {
            name: evil.into(),
            description: evil.into(),
            controller: evil.into(),
        })
        .unwrap();
    let mut party = PartyFields::new(evil, PartyKind::Other);
    party.country = evil.into();
    party.contact = evil.into();
    party.notes = evil.into();
    let party = store.insert_party(&party).unwrap().id;
    let mut f = ActivityFields::new(service, evil);
    f.description = evil.into();
    f.owner = evil.into();
    f.purposes = vec![evil.into()];
    f.data_subjects = vec![evil.into()];
    f.personal_data = vec![evil.into()];
    f.legislation = vec![evil.into()];
    f.security_measures = evil.into();
    f.retention = Retention::Event { event: evil.into() };
    f.role = Role::JointController { with: evil.into(), lead: evil.into() };
    let mut link = LinkFields::new(party, Direction::Recipient);
    link.data_categories = vec![evil.into()];
    link.method = evil.into();
    link.basis_detail = evil.into();
    let saved = store.insert_activity(&f, &[LinkDraft { id: None, fields: link.clone() }]).unwrap();
    assert_eq!(store.activity(saved.id).unwrap().fields, f);
    assert_eq!(store.links_of(saved.id).unwrap()[0].fields, link);
    assert_eq!(store.activities().unwrap().len(), 1, "the activity table is still there");
}

#[test]
fn an_extremely_long_field_and_a_hundred_thousand_links_save_and_load() {
    let mut store = Store::in_memory().unwrap();
    let service = store.insert_service(&ServiceFields { name: "Big".into(), ..Default::default() }).unwrap();
    let party = store.insert_party(&PartyFields::new("Everyone", PartyKind::Other)).unwrap().id;
    let mut f = ActivityFields::new(service, "Huge");
    f.description = "Łódź – ".repeat(1_500_000);
    let links: Vec<LinkDraft> = (0..100_000)
        .map(|_| LinkDraft { id: None, fields: LinkFields::new(party, Direction::Source) })
        .collect();
    let saved = store.insert_activity(&f, &links).unwrap();
    assert_eq!(store.activity(saved.id).unwrap().fields.description.len(), f.description.len());
    assert_eq!(store.links_of(saved.id).unwrap().len(), 100_000);
}

#[test]
fn a_full_disk_refuses_the_save_clearly_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ropa");
    let mut store = Store::create(&path).unwrap();
    demo::populate(&mut store).unwrap();
    let before = store.load_register().unwrap();
    let pages: i64 = store.connection().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    store.connection().pragma_update(None, "max_page_count", pages).unwrap();
    let mut f = before.activities[0].fields.clone();
    f.name = "A new activity that does not fit".into();
    f.description = "x".repeat(200_000);
    let error = store.insert_activity(&f, &[]).unwrap_err();
    assert!(matches!(error, Error::DiskFull), "{error:?}");
    assert!(error.to_string().contains("edits are kept"));
    assert_eq!(store.load_register().unwrap(), before);
}
