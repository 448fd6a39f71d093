//! Migration 3 -> 4 (issue 17): the Annex 1 condition of an Art 6(1)(ea)
//! reliance, the retention reason and each transfer's Art 46(1A) data protection
//! test. The committed version-1 fixture (written by the first release) migrates
//! with nothing lost, its new columns holding their defaults, its change log still
//! replaying to the live tables, and the new fields then save and read back.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ropa::Store;
use ropa::law::RecognisedLegitimateInterest;
use ropa::model::LinkDraft;
use rusqlite::Connection;
use rusqlite::types::Value;

fn fixture_copy(dir: &Path) -> PathBuf {
    let path = dir.join("register.ropa");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/register-v1.ropa"), &path).unwrap();
    path
}

/// Every row of every table, each cell as SQLite holds it, keyed by table.
fn all_rows(path: &Path, only_columns_of: Option<&Path>) -> BTreeMap<String, Vec<Vec<Value>>> {
    let conn = Connection::open(path).unwrap();
    let columns_from = only_columns_of.map(|p| Connection::open(p).unwrap());
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = BTreeMap::new();
    for table in tables {
        let names = |c: &Connection| -> Vec<String> {
            c.prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        // Only the columns both files have: a column dropped by a migration
        // (the DPIA answers, moved into their own table) is compared elsewhere.
        let own = names(&conn);
        let columns: Vec<String> = match &columns_from {
            Some(other) => {
                let theirs = names(other);
                own.into_iter().filter(|c| theirs.contains(c)).collect()
            }
            None => own,
        };
        if columns.is_empty() {
            continue; // a table the older file does not have
        }
        let list = columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        let mut stmt = conn.prepare(&format!("SELECT {list} FROM \"{table}\" ORDER BY 1, 2")).unwrap();
        let rows = stmt
            .query_map([], |row| (0..columns.len()).map(|i| row.get::<_, Value>(i)).collect())
            .unwrap()
            .map(Result::unwrap)
            .collect();
        out.insert(table, rows);
    }
    out
}

/// (table, column, type, not null, default) for every column of every table.
fn layout(conn: &Connection) -> Vec<(String, String, String, bool, Option<String>)> {
    conn.prepare(
        "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value FROM sqlite_master m
         JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.name",
    )
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn the_version_1_fixture_migrates_with_nothing_lost_and_the_new_fields_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let untouched = dir.path().join("untouched.ropa");
    std::fs::copy(&path, &untouched).unwrap();

    let mut store = Store::open(&path).unwrap();
    let version: i64 = store.connection().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, ropa::store::SCHEMA_VERSION);
    let register = store.load_register().unwrap();
    assert!(!register.activities.is_empty());
    assert!(register.activities.iter().any(|a| !a.fields.transfers.is_empty()), "the fixture has transfers");
    for activity in &register.activities {
        assert_eq!(activity.fields.recognised_legitimate_interest, None, "{}", activity.fields.name);
        assert_eq!(activity.fields.retention_reason, "", "{}", activity.fields.name);
        for transfer in &activity.fields.transfers {
            assert_eq!(transfer.data_protection_test_met, None, "{}", activity.fields.name);
        }
    }
    let verification = store.verify().unwrap();
    assert!(verification.is_intact(), "the old log still replays: {:?}", verification.differences);
    drop(store);

    // Every cell of version 1 is still there, as it was: the old columns of each
    // table, read from the migrated file, equal the untouched copy's.
    let before = all_rows(&untouched, Some(&path));
    let after = all_rows(&path, Some(&untouched));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().filter(|t| before.contains_key(*t)).collect::<Vec<_>>()
    );
    for (table, rows) in &before {
        let after = &after[table];
        match table.as_str() {
            // Migration 5 moves the systems into assets (tests/migrate_assets.rs)
            // and logs the assets it makes after the old entries.
            "activity_item" => {
                let kept = |rows: &[Vec<Value>]| -> Vec<Vec<Value>> {
                    rows.iter().filter(|r| r[1] != Value::Text("system".into())).cloned().collect()
                };
                assert_eq!(kept(rows), kept(after), "table {table} changed in the migration");
            }
            "change_log" => assert_eq!(rows.as_slice(), &after[..rows.len()], "the old log changed"),
            _ => assert_eq!(rows, after, "table {table} changed in the migration"),
        }
    }

    // The migrated file has exactly the layout a new register gets from schema.sql.
    let fresh_path = dir.path().join("fresh.ropa");
    drop(Store::create(&fresh_path).unwrap());
    assert_eq!(layout(&Connection::open(&path).unwrap()), layout(&Connection::open(&fresh_path).unwrap()));
}

#[test]
fn a_migrated_register_saves_and_reads_the_new_fields_and_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let mut store = Store::open(&path).unwrap();
    let activity = store
        .activities()
        .unwrap()
        .into_iter()
        .find(|a| !a.fields.transfers.is_empty())
        .expect("an activity with a transfer");
    let links: Vec<LinkDraft> = store
        .links_of(activity.id)
        .unwrap()
        .into_iter()
        .map(|l| LinkDraft { id: Some(l.id), fields: l.fields })
        .collect();
    let mut fields = activity.fields.clone();
    fields.recognised_legitimate_interest =
        Some(RecognisedLegitimateInterest::SafeguardingVulnerableIndividuals);
    fields.retention_reason = "Limitation Act 1980 s.2; retention schedule 4.2".into();
    fields.transfers[0].data_protection_test_met = Some(false);
    store.update_activity(activity.id, activity.version, &fields, &links).unwrap();
    drop(store);

    let mut store = Store::open(&path).unwrap();
    let saved = store.activity(activity.id).unwrap();
    assert_eq!(saved.fields, fields);
    let (condition, reason, test): (Option<String>, String, Option<i64>) = store
        .connection()
        .query_row(
            "SELECT a.recognised_legitimate_interest, a.retention_reason, t.data_protection_test_met
             FROM activity a JOIN activity_transfer t ON t.activity_id = a.id AND t.position = 0 WHERE a.id = ?1",
            [activity.id.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(condition.as_deref(), Some("annex1_safeguarding"));
    assert_eq!(reason, "Limitation Act 1980 s.2; retention schedule 4.2");
    assert_eq!(test, Some(0));
    let verification = store.verify().unwrap();
    assert!(verification.is_intact(), "{:?}", verification.differences);
}

#[test]
fn a_stored_condition_code_this_build_does_not_know_is_an_error_not_a_silent_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE activity SET recognised_legitimate_interest = 'annex1_made_up' WHERE id = (SELECT min(id) FROM activity)", [])
        .unwrap();
    let store = Store::open(&path).unwrap();
    let error = store.activities().unwrap_err().to_string();
    assert!(error.contains("annex1_made_up"), "{error}");
}

/// A register whose activity records all three new fields, saved and read back.
fn register_with_the_new_fields() -> ropa::model::Register {
    use ropa::law::{LawfulBasis, TransferSafeguard};
    use ropa::model::{ActivityFields, ServiceFields, Transfer};
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let mut fields = ActivityFields::new(service, "Disclosures to the police");
    fields.lawful_bases = [LawfulBasis::RecognisedLegitimateInterest].into();
    fields.recognised_legitimate_interest = Some(RecognisedLegitimateInterest::Crime);
    fields.retention_reason =
        "Crime and Disorder Act 1998 s.115 protocol, para 9: \"6 years\", then review".into();
    fields.transfers = vec![
        Transfer {
            destination: "India".into(),
            safeguard: Some(TransferSafeguard::Idta),
            detail: "TRA-12".into(),
            data_protection_test_met: Some(true),
        },
        Transfer {
            destination: "Côte d'Ivoire".into(),
            safeguard: Some(TransferSafeguard::Addendum),
            detail: String::new(),
            data_protection_test_met: Some(false),
        },
        Transfer {
            destination: "Ghana".into(),
            safeguard: None,
            detail: String::new(),
            data_protection_test_met: None,
        },
    ];
    store.insert_activity(&fields, &[]).unwrap();
    let register = store.load_register().unwrap();
    assert_eq!(register.activities[0].fields, fields);
    register
}

#[test]
fn the_full_csv_and_json_exports_carry_the_new_fields_and_import_them_back() {
    let register = register_with_the_new_fields();
    let mut csv = Vec::new();
    let options = ropa::export::Options::at(time::OffsetDateTime::UNIX_EPOCH);
    ropa::export::full_csv::write(&register, &options, &mut csv, &mut ropa::export::NoProgress).unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    let header = text.lines().next().unwrap();
    for column in ["recognised_legitimate_interest", "retention_reason", "data_protection_test_met"] {
        assert!(header.split(',').any(|c| c == column), "{column} in {header}");
    }
    assert!(text.contains("annex1_crime"), "{text}");
    let read = ropa::export::full_csv::read(csv.as_slice()).unwrap();
    assert_eq!(read.activities[0].fields, register.activities[0].fields);
    let mut store = Store::in_memory().unwrap();
    ropa::import::restore(&mut store, &read).unwrap();
    assert_eq!(store.load_register().unwrap().activities[0].fields, register.activities[0].fields);

    let json = ropa::import::json::to_json(&register).unwrap();
    let back = ropa::import::json::from_json(json.as_bytes(), "register.json").unwrap();
    assert_eq!(back.activities[0].fields, register.activities[0].fields);
}

#[test]
fn a_full_csv_with_a_bad_test_answer_names_its_row_and_column() {
    let register = register_with_the_new_fields();
    let mut csv = Vec::new();
    let options = ropa::export::Options::at(time::OffsetDateTime::UNIX_EPOCH);
    ropa::export::full_csv::write(&register, &options, &mut csv, &mut ropa::export::NoProgress).unwrap();
    let text = String::from_utf8(csv).unwrap().replacen(",yes,", ",perhaps,", 1);
    let error = ropa::export::full_csv::read(text.as_bytes()).unwrap_err().to_string();
    assert!(error.contains("data_protection_test_met") && error.contains("perhaps"), "{error}");
}
