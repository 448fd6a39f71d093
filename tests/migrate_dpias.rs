//! Migration 5 -> 6 (issue 21): each activity's DPIA answers become DPIA records
//! covering the activities. The committed version-5 fixture (written by the
//! release before DPIA records) migrates with every activity's answers read back
//! the same from its records, the old log untouched and still replaying, as-at
//! views of earlier moments still reading the answers, and the ICO export's DPIA
//! columns unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ropa::Store;
use ropa::model::{
    ActivityFields, ActivityId, DpiaAnswers, DpiaFields, DpiaProgress, DpiaStatus, Screening, ServiceFields,
    parse_date,
};
use rusqlite::Connection;

fn fixture_copy(dir: &Path) -> PathBuf {
    let path = dir.join("register.ropa");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/register-v5.ropa"), &path).unwrap();
    path
}

fn user_version(path: &Path) -> i64 {
    Connection::open(path).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

/// Each activity's DPIA answers as a version-5 file holds them, by activity id.
fn answers_in_columns(path: &Path) -> BTreeMap<i64, DpiaAnswers> {
    let conn = Connection::open(path).unwrap();
    let mut stmt =
        conn.prepare("SELECT id, dpia_required, dpia_progress, dpia_link, dpia_date FROM activity").unwrap();
    stmt.query_map([], |r| {
        let progress: String = r.get(2)?;
        let date: Option<String> = r.get(4)?;
        Ok((
            r.get(0)?,
            DpiaAnswers {
                required: r.get(1)?,
                progress: DpiaProgress::from_code(&progress).unwrap(),
                link: r.get(3)?,
                date: date.map(|d| parse_date(&d).unwrap()),
            },
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
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

fn last_stamp(path: &Path) -> time::OffsetDateTime {
    let at: String = Connection::open(path)
        .unwrap()
        .query_row("SELECT at FROM change_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    time::OffsetDateTime::parse(&at, &time::format_description::well_known::Rfc3339).unwrap()
}

#[test]
fn the_version_5_fixtures_dpia_answers_become_records_that_answer_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let before = answers_in_columns(&path);
    assert_eq!(before.values().filter(|a| !a.is_empty()).count(), 5, "the fixture answers five activities");
    let log_before = log_entries(&path);
    let fixture_written = last_stamp(&path);

    let mut store = Store::open(&path).unwrap();
    let register = store.load_register().unwrap();
    for activity in &register.activities {
        assert_eq!(register.dpia_answers(activity.id), before[&activity.id.0], "{}", activity.fields.name);
    }
    // Two activities shared one completed DPIA document: one record covers both.
    assert_eq!(register.dpias.len(), 4, "{:#?}", register.dpias);
    let shared = register.dpias.iter().find(|d| d.fields.activities.len() == 2).expect("a shared DPIA");
    assert_eq!(shared.fields.status, DpiaStatus::Completed);
    assert_eq!(shared.fields.screening, Screening::Required);
    assert_eq!(shared.fields.completed, parse_date("2025-03-14"));
    assert!(shared.fields.document.ends_with("DPIA-2025-014.docx"));
    let verification = store.verify().unwrap();
    assert!(verification.is_intact(), "{:?}", verification.differences);

    // The old log is untouched; the migration appended one creation per DPIA and
    // one change per activity that had answers, stamped as the upgrade.
    let log_after = log_entries(&path);
    assert_eq!(&log_after[..log_before.len()], log_before.as_slice());
    let appended = &log_after[log_before.len()..];
    assert_eq!(appended.iter().filter(|e| e.1 == "dpia").count(), 4, "{appended:?}");
    assert_eq!(appended.iter().filter(|e| e.1 == "activity").count(), 5, "{appended:?}");
    let actors: Vec<String> = store
        .connection()
        .prepare("SELECT actor FROM change_log WHERE id > ?1")
        .unwrap()
        .query_map([log_before.len() as i64], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(actors.iter().all(|a| a.contains("schema upgrade to version 6")), "{actors:?}");
    // The History shows what moved: the entry's before carries the answers.
    let moved: String = store
        .connection()
        .query_row(
            "SELECT before FROM change_log WHERE entity = 'activity' AND id > ?1 ORDER BY id LIMIT 1",
            [log_before.len() as i64],
            |r| r.get(0),
        )
        .unwrap();
    assert!(moved.contains("\"dpia\""), "{moved}");

    // Just after the fixture was written, the register reads the same answers.
    let then = store.register_before(fixture_written + time::Duration::seconds(1)).unwrap();
    for activity in &then.activities {
        assert_eq!(then.dpia_answers(activity.id), before[&activity.id.0], "as at: {}", activity.fields.name);
    }
    let titles = |register: &ropa::model::Register| {
        let mut titles: Vec<String> = register.dpias.iter().map(|d| d.fields.title.clone()).collect();
        titles.sort();
        titles
    };
    assert_eq!(titles(&then), titles(&register), "the day before reads the DPIAs the migration made");
    let columns: Vec<String> = store
        .connection()
        .prepare("SELECT name FROM pragma_table_info('activity') WHERE name LIKE 'dpia%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(columns.is_empty(), "the old columns are dropped: {columns:?}");
}

#[test]
fn the_ico_export_of_the_migrated_fixture_keeps_its_dpia_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let out = dir.path().join("ico.csv");
    let status = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["export", "--format", "ico-csv", "--db"])
        .arg(&path)
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let dpia_cells = |file: &Path| -> BTreeMap<String, Vec<String>> {
        let text = std::fs::read_to_string(file).unwrap();
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let heading = rows.iter().position(|r| r.get(0) == Some("Business function")).unwrap();
        rows[heading + 1..]
            .iter()
            .map(|r| (r.get(30).unwrap_or("").to_string(), (20..23).map(|c| r[c].to_string()).collect()))
            .collect()
    };
    let source = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/register-v5-source.csv"));
    let exported = dpia_cells(&out);
    let expected: BTreeMap<String, Vec<String>> = dpia_cells(source)
        .into_iter()
        .map(|(name, cells)| {
            // The source was written by hand: "Not started", with no DPIA required
            // and no link, exports as an empty progress cell, as the release
            // before did too.
            let mut cells = cells;
            if cells[0] != "Yes" && cells[1] == "Not started" && cells[2].is_empty() {
                cells[1].clear();
            }
            (name, cells)
        })
        .collect();
    assert_eq!(exported.len(), expected.len());
    for (name, cells) in &exported {
        // The source names activities in its own column only where this app wrote it.
        if let Some(want) = expected.get(name) {
            assert_eq!(cells, want, "{name}");
        }
    }
    assert!(exported.values().any(|c| c[1] == "Completed (2025-03-14)"), "{exported:?}");
    assert!(exported.values().any(|c| c[1] == "In progress (2026-10-02)"), "{exported:?}");
}

#[test]
fn deleting_a_covered_activity_takes_it_out_of_its_dpia_and_the_undo_puts_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let mut store = Store::open(&path).unwrap();
    let register = store.load_register().unwrap();
    let shared = register.dpias.iter().find(|d| d.fields.activities.len() == 2).unwrap().clone();
    let second = shared.fields.activities[1];

    let deleted = store.delete_activity(shared.fields.activities[0]).unwrap();
    let now = store.dpias().unwrap().into_iter().find(|d| d.id == shared.id).unwrap();
    assert_eq!(now.fields.activities, [second]);
    assert!(now.version > shared.version, "an editor open on the DPIA cannot save the old coverage back");
    assert!(store.verify().unwrap().is_intact());

    store.restore_activity(&deleted).unwrap();
    let back = store.dpias().unwrap().into_iter().find(|d| d.id == shared.id).unwrap();
    assert_eq!(back.fields.activities, shared.fields.activities, "back in its place");
    assert!(store.verify().unwrap().is_intact());
}

#[test]
fn undoing_a_delete_after_its_dpia_was_deleted_and_another_made_leaves_the_new_dpia_alone() {
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: "Housing".into(), ..Default::default() }).unwrap();
    let allocations = store.insert_activity(&ActivityFields::new(service, "Allocations"), &[]).unwrap().id;
    let repairs = store.insert_activity(&ActivityFields::new(service, "Repairs"), &[]).unwrap().id;
    let mut first = DpiaFields::new("Allocations DPIA");
    first.activities = vec![allocations];
    let first = store.insert_dpia(&first).unwrap();

    let deleted = store.delete_activity(allocations).unwrap();
    store.delete_dpia(first.id).unwrap();
    let mut unrelated = DpiaFields::new("Repairs DPIA");
    unrelated.activities = vec![repairs];
    let unrelated = store.insert_dpia(&unrelated).unwrap();
    assert_ne!(unrelated.id, first.id, "a deleted DPIA's id is never given to another");

    store.restore_activity(&deleted).unwrap();
    let now = store.dpias().unwrap();
    assert_eq!(now.len(), 1);
    assert_eq!(
        now[0].fields.activities,
        [repairs],
        "the activity is not put into a DPIA that never covered it"
    );
    assert!(store.verify().unwrap().is_intact());
}

#[test]
fn restoring_a_backup_taken_before_the_upgrade_brings_it_to_this_version_and_one_from_a_newer_app_is_refused()
{
    let dir = tempfile::tempdir().unwrap();
    let backup = fixture_copy(dir.path());
    let untouched = std::fs::read(&backup).unwrap();
    let opened = dir.path().join("opened");
    std::fs::create_dir(&opened).unwrap();
    let expected = Store::open(&fixture_copy(&opened)).unwrap().load_register().unwrap();

    let live = dir.path().join("live.ropa");
    let mut store = Store::create(&live).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    store.restore_from(&backup).unwrap();
    assert_eq!(user_version(&live), 6, "the register is never left at the backup's older schema");
    let restored = store.load_register().unwrap();
    assert_eq!(restored.activities, expected.activities);
    assert_eq!(restored.dpias, expected.dpias, "its DPIA answers became records, as on open");
    assert!(store.verify().unwrap().is_intact());
    let dpia = restored.dpias[0].clone();
    store.delete_activity(dpia.fields.activities[0]).unwrap();
    assert_eq!(std::fs::read(&backup).unwrap(), untouched, "the backup itself is left as it was");

    let newer = dir.path().join("newer.ropa");
    std::fs::copy(&live, &newer).unwrap();
    Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let before = store.load_register().unwrap();
    let refused = store.restore_from(&newer).unwrap_err().to_string();
    assert!(refused.contains("newer"), "{refused}");
    assert_eq!(store.load_register().unwrap(), before);
}

#[test]
fn the_store_refuses_the_same_activity_twice_in_one_dpia_written_with_sqlite3() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let store = Store::open(&path).unwrap();
    let dpia = store.dpias().unwrap().into_iter().find(|d| !d.fields.activities.is_empty()).unwrap();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let twice = conn.execute(
        "INSERT INTO dpia_activity (dpia_id, position, activity_id) VALUES (?1, 99, ?2)",
        rusqlite::params![dpia.id.0, dpia.fields.activities[0].0],
    );
    assert!(twice.is_err(), "the schema holds each activity once per DPIA");
}

#[test]
fn a_dpia_saves_its_fields_and_coverage_and_refuses_an_unknown_activity_or_a_stale_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let mut store = Store::open(&path).unwrap();
    let activities: Vec<ActivityId> = store.activities().unwrap().iter().map(|a| a.id).collect();

    let mut fields = DpiaFields::new("Liquidlogic EHM case management");
    fields.status = DpiaStatus::Approved;
    fields.screening = Screening::Required;
    fields.residual_risk = ropa::model::ResidualRisk::High;
    fields.ico_consultation = ropa::model::IcoConsultation::Consulted;
    fields.started = parse_date("2025-01-06");
    fields.completed = parse_date("2025-04-30");
    fields.next_review = parse_date("2026-04-30");
    fields.document = "https://intranet.example.gov.uk/ig/dpia/DPIA-2025-020.docx".into();
    fields.notes = "ICO written advice received 2025-04-02".into();
    fields.activities = vec![activities[2], activities[0], activities[2]];
    let saved = store.insert_dpia(&fields).unwrap();
    assert_eq!(saved.fields.activities, [activities[2], activities[0]], "each activity once, in order");
    assert_eq!(DpiaFields { activities: saved.fields.activities.clone(), ..fields.clone() }, saved.fields);

    let mut stale = saved.fields.clone();
    stale.title = "Renamed".into();
    store.update_dpia(saved.id, saved.version, &stale).unwrap();
    let conflict = store.update_dpia(saved.id, saved.version, &fields).unwrap_err();
    assert!(matches!(conflict, ropa::Error::Conflict { .. }), "{conflict}");

    let mut unknown = DpiaFields::new("Nothing");
    unknown.activities = vec![ActivityId(9_999)];
    let error = store.insert_dpia(&unknown).unwrap_err().to_string();
    assert!(error.contains("9999"), "{error}");
    assert!(store.dpias().unwrap().iter().all(|d| d.fields.title != "Nothing"), "nothing half-saved");
    assert!(store.verify().unwrap().is_intact());
}

#[test]
fn verify_reports_a_dpia_or_its_coverage_changed_with_sqlite3() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.execute("UPDATE dpia SET residual_risk = 'low' WHERE id = 1", []).unwrap();
    conn.execute("DELETE FROM dpia_activity WHERE dpia_id = 2", []).unwrap();
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    let differences = store.verify().unwrap().differences;
    assert!(differences.iter().any(|d| d.contains("dpia") && d.contains("residual_risk")), "{differences:?}");
    assert!(differences.iter().any(|d| d.contains("dpia") && d.contains("activities")), "{differences:?}");
}
