//! Migration 4 -> 5 (issue 21): each activity's free-text systems become links to
//! information assets, item by item. The committed version-1 fixture (written by
//! the first release) migrates with every system kept in its place, one asset per
//! name, every asset logged, the old log untouched and still replaying; a killed
//! migration leaves the file as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use ropa::Store;
use rusqlite::Connection;

fn fixture_copy(dir: &Path) -> PathBuf {
    let path = dir.join("register.ropa");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/register-v1.ropa"), &path).unwrap();
    path
}

/// Each activity's systems as the file holds them in `activity_item`, by activity id.
fn systems_in_items(path: &Path) -> BTreeMap<i64, Vec<String>> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT activity_id, value FROM activity_item WHERE list = 'system' ORDER BY activity_id, position",
        )
        .unwrap();
    let mut out: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap() {
        let (id, value) = row.unwrap();
        out.entry(id).or_default().push(value);
    }
    out
}

/// The change log as (id, entity, entity_id, hash), in order.
fn log_entries(path: &Path) -> Vec<(i64, String, i64, String)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare("SELECT id, entity, entity_id, hash FROM change_log ORDER BY id").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn user_version(path: &Path) -> i64 {
    Connection::open(path).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

#[test]
fn the_version_1_fixtures_systems_become_assets_item_by_item_and_the_log_still_replays() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let systems_before = systems_in_items(&path);
    assert!(systems_before.values().map(Vec::len).sum::<usize>() >= 5, "the fixture records systems");
    let log_before = log_entries(&path);

    let mut store = Store::open(&path).unwrap();
    let register = store.load_register().unwrap();
    for activity in &register.activities {
        let expected = systems_before.get(&activity.id.0).cloned().unwrap_or_default();
        assert_eq!(activity.fields.systems, expected, "{}", activity.fields.name);
    }
    let mut names: Vec<String> = systems_before.values().flatten().map(|s| s.to_lowercase()).collect();
    names.sort();
    names.dedup();
    let mut assets: Vec<String> = register.assets.iter().map(|a| a.fields.name.to_lowercase()).collect();
    assets.sort();
    assert_eq!(assets, names, "one asset per distinct name");
    assert!(register.assets.iter().all(|a| a.fields.kind == ropa::model::AssetKind::NotStated));
    let verification = store.verify().unwrap();
    assert!(verification.is_intact(), "{:?}", verification.differences);
    drop(store);

    // The old log is untouched; the migration appended one creation per asset
    // and, since every name kept its spelling, changed no activity.
    let log_after = log_entries(&path);
    assert_eq!(&log_after[..log_before.len()], log_before.as_slice());
    let appended = &log_after[log_before.len()..];
    assert_eq!(appended.len(), register.assets.len(), "{appended:?}");
    assert!(appended.iter().all(|(_, entity, _, _)| entity == "asset"));
    let actor: String = Connection::open(&path)
        .unwrap()
        .query_row("SELECT actor FROM change_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert!(actor.contains("schema upgrade to version 5"), "{actor}");
    assert!(systems_in_items(&path).is_empty(), "no free-text system is left behind");

    // As at the day the fixture was written, the register still reads its systems.
    let store = Store::open(&path).unwrap();
    let then = store.register_as_at(time::macros::date!(2026 - 11 - 25)).unwrap();
    let then_systems: BTreeMap<i64, Vec<String>> = then
        .activities
        .iter()
        .filter(|a| !a.fields.systems.is_empty())
        .map(|a| (a.id.0, a.fields.systems.clone()))
        .collect();
    assert_eq!(then_systems, systems_before);
    drop(store);
}

#[test]
fn names_that_differ_only_in_case_become_one_asset_and_the_change_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let conn = Connection::open(&path).unwrap();
    let (activity, spelling): (i64, String) = conn
        .query_row("SELECT activity_id, value FROM activity_item WHERE list = 'system' ORDER BY activity_id, position LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let other: i64 =
        conn.query_row("SELECT max(id) FROM activity WHERE id > ?1", [activity], |r| r.get(0)).unwrap();
    let shouted = spelling.to_uppercase();
    conn.execute(
        "INSERT INTO activity_item (activity_id, list, position, value) VALUES (?1, 'system', 90, ?2), (?1, 'system', 91, '  ')",
        (other, &shouted),
    )
    .unwrap();
    drop(conn);

    let mut store = Store::open(&path).unwrap();
    let register = store.load_register().unwrap();
    let same: Vec<_> =
        register.assets.iter().filter(|a| a.fields.name.eq_ignore_ascii_case(&spelling)).collect();
    assert_eq!(same.len(), 1);
    assert_eq!(same[0].fields.name, spelling, "the first spelling met names the asset");
    let moved = register.activity(ropa::model::ActivityId(other)).unwrap();
    assert_eq!(moved.fields.systems.last(), Some(&spelling), "the blank item is dropped");
    let logged: (String, String) = store
        .connection()
        .query_row(
            "SELECT before, after FROM change_log WHERE entity = 'activity' AND entity_id = ?1 ORDER BY id DESC LIMIT 1",
            [other],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(logged.0.contains(&shouted) && !logged.1.contains(&shouted), "{logged:?}");
    assert!(store.verify().unwrap().differences.is_empty());
}

#[test]
fn a_migrated_activity_keeps_its_assets_when_saved_and_a_renamed_asset_renames_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let mut store = Store::open(&path).unwrap();
    let register = store.load_register().unwrap();
    let asset = register.assets[0].clone();
    let holders: Vec<_> = register.activities_holding(&asset.fields.name).map(|a| a.id).collect();
    assert!(!holders.is_empty());

    let mut renamed = asset.fields.clone();
    renamed.name = format!("{} (renamed)", asset.fields.name);
    renamed.owner_name = "Jane Smith".into();
    renamed.owner_role = "Head of Early Help".into();
    store.update_asset(asset.id, asset.version, &renamed).unwrap();
    let register = store.load_register().unwrap();
    for id in &holders {
        let activity = register.activity(*id).unwrap();
        assert!(activity.fields.systems.contains(&renamed.name), "{:?}", activity.fields.systems);
    }
    let error = store.delete_asset(asset.id).unwrap_err().to_string();
    assert!(error.contains(&renamed.name) && error.contains("remove it from"), "{error}");
    assert!(store.verify().unwrap().is_intact());
}

/// A version 4 register of `activities` generated activities: a version 6 one
/// with its asset links put back as free-text systems, the asset, DPIA and
/// review pack tables dropped and the activity's DPIA columns back.
fn version_4_register(path: &Path, activities: usize) {
    let mut store = Store::create(path).unwrap();
    ropa::generate::generate(&mut store, ropa::generate::Spec { activities, seed: 11 }).unwrap();
    // Version 4 had no DPIA records: the generated ones go, logged, before their tables do.
    for dpia in store.dpias().unwrap() {
        store.delete_dpia(dpia.id).unwrap();
    }
    drop(store);
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(
        "INSERT INTO activity_item (activity_id, list, position, value)
             SELECT l.activity_id, 'system', l.position, a.name FROM activity_asset l JOIN asset a ON a.id = l.asset_id;
         DROP TABLE activity_asset; DROP TABLE asset;
         DROP TABLE dpia_activity; DROP TABLE dpia; DROP TABLE review_pack;
         ALTER TABLE activity ADD COLUMN dpia_required INTEGER CHECK (dpia_required IN (0, 1));
         ALTER TABLE activity ADD COLUMN dpia_progress TEXT NOT NULL DEFAULT 'not_started';
         ALTER TABLE activity ADD COLUMN dpia_link TEXT NOT NULL DEFAULT '';
         ALTER TABLE activity ADD COLUMN dpia_date TEXT;
         PRAGMA user_version = 4;",
    )
    .unwrap();
}

/// Every row of the tables a version 4 register has, as text, by table.
fn contents(path: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('asset', 'activity_asset', 'dpia', 'dpia_activity', 'review_pack') ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|table| {
            let rows = dump(&conn, &table);
            (table, rows)
        })
        .collect()
}

fn dump(conn: &Connection, table: &str) -> Vec<String> {
    let columns: Vec<String> = conn
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let quoted = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || ',' || ");
    let mut rows: Vec<String> = conn
        .prepare(&format!("SELECT {quoted} FROM \"{table}\""))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.sort();
    rows
}

#[test]
fn a_migration_killed_part_way_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("v4.ropa");
    version_4_register(&original, 1_500);
    let before = contents(&original);
    let mut seed = 0xA55E7_u64;
    let mut interrupted = 0;
    for round in 0..8 {
        let path = dir.path().join(format!("round-{round}.ropa"));
        std::fs::copy(&original, &path).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_ropa"))
            .args(["verify", "--db"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        std::thread::sleep(Duration::from_millis(30 + (seed >> 33) % 400));
        child.kill().unwrap();
        child.wait().unwrap();
        let conn = Connection::open(&path).unwrap();
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "round {round}");
        drop(conn);
        match user_version(&path) {
            4 => {
                interrupted += 1;
                assert_eq!(contents(&path), before, "round {round}: a killed migration changed the file");
            }
            6 => {}
            other => panic!("round {round}: version {other}"),
        }
        let mut store = Store::open(&path).unwrap();
        let found = store.verify().unwrap();
        assert!(found.is_intact(), "round {round}: {:?}", found.differences);
        assert!(systems_in_items(&path).is_empty(), "round {round}");
    }
    assert!(interrupted > 0, "no kill landed before the migration committed");
}

#[test]
fn an_asset_or_an_asset_link_changed_with_sqlite3_is_reported_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.execute("UPDATE asset SET owner_name = 'Someone Else' WHERE id = (SELECT min(id) FROM asset)", [])
        .unwrap();
    conn.execute(
        "DELETE FROM activity_asset WHERE activity_id = (SELECT max(activity_id) FROM activity_asset)",
        [],
    )
    .unwrap();
    drop(conn);
    let found = Store::open(&path).unwrap().verify().unwrap();
    assert!(!found.is_intact());
    let differences = found.differences.join("\n");
    assert!(differences.contains("asset ") && differences.contains("owner_name"), "{differences}");
    assert!(differences.contains("activity ") && differences.contains("systems"), "{differences}");
}
