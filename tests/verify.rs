//! Tamper evidence that survives recomputation: `ropa verify` replays the change
//! log against the live tables, checks the append-only triggers, and checks the
//! log against a head (`head N:HEX`) carried by an earlier export. See
//! RELIABILITY.md for what this proves and what it does not.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ropa::model::LogHead;
use ropa::{Store, demo};
use sha2::{Digest, Sha256};

fn demo_register(dir: &Path) -> PathBuf {
    let path = dir.join("register.ropa");
    demo::populate(&mut Store::create(&path).unwrap()).unwrap();
    path
}

fn ropa(args: &[&str], db: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).arg("--db").arg(db).args(extra).output().unwrap()
}

fn verify(db: &Path, extra: &[&str]) -> (bool, String) {
    let output = ropa(&["verify"], db, extra);
    let text =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

/// The `head N:HEX` line `ropa verify` prints.
fn printed_head(text: &str) -> LogHead {
    let line = text.lines().find(|l| l.starts_with("head ")).unwrap_or_else(|| panic!("no head in {text}"));
    line.parse().unwrap()
}

/// The head an export carries, read from the exported JSON file.
fn head_of_json_export(db: &Path, dir: &Path) -> LogHead {
    let out = dir.join("export.json");
    let export = ropa(&["export", "--format", "json", "--out", out.to_str().unwrap()], db, &[]);
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    json["log_head"].as_str().unwrap_or_else(|| panic!("no log_head in the JSON export")).parse().unwrap()
}

fn sql(db: &Path, batch: &str) {
    rusqlite::Connection::open(db).unwrap().execute_batch(batch).unwrap();
}

/// The entry hash as the app computes it (length-prefixed parts, SHA-256): what a
/// forger who has read the source can recompute.
fn entry_hash(row: &[String; 8]) -> String {
    let mut hasher = Sha256::new();
    for part in row {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Rewrites the actor of entry `id` and recomputes every hash after it, with the
/// triggers dropped and put back: a forgery the chain alone cannot see.
fn forge_actor_and_recompute(db: &Path, id: i64, actor: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let triggers: Vec<String> = conn
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'change_log'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    conn.execute_batch(
        "DROP TRIGGER change_log_is_append_only_update; DROP TRIGGER change_log_is_append_only_delete;",
    )
    .unwrap();
    conn.execute("UPDATE change_log SET actor = ?1 WHERE id = ?2", (actor, id)).unwrap();
    let rows: Vec<(i64, [String; 7])> = conn
        .prepare("SELECT id, at, actor, entity, entity_id, action, ifnull(before, char(0)), ifnull(after, char(0)) FROM change_log ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, i64>(4)?.to_string(), r.get(5)?, r.get(6)?, r.get(7)?]))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut previous = "0".repeat(64);
    for (row_id, parts) in rows {
        let [at, actor, entity, entity_id, action, before, after] = parts;
        let hash = entry_hash(&[previous.clone(), at, actor, entity, entity_id, action, before, after]);
        conn.execute(
            "UPDATE change_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
            (&previous, &hash, row_id),
        )
        .unwrap();
        previous = hash;
    }
    for trigger in triggers {
        conn.execute_batch(&trigger).unwrap();
    }
}

#[test]
fn an_untouched_register_verifies_and_prints_its_head() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_register(dir.path());
    let (ok, text) = verify(&db, &[]);
    assert!(ok, "{text}");
    assert!(text.contains("Replaying the change log gives the register's tables exactly"), "{text}");
    let head = printed_head(&text);
    let store = Store::open(&db).unwrap();
    assert_eq!(head, store.log_head().unwrap());
    assert_eq!(head.entries() as usize, store.verify_log().unwrap().entries);
    let (ok, text) = verify(&db, &["--head", &head.to_string()]);
    assert!(ok && text.contains("matches the head given"), "{text}");
}

#[test]
fn a_register_with_edits_merges_and_deletes_replays_exactly() {
    let mut store = Store::in_memory().unwrap();
    demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    let parties = store.parties().unwrap();
    store.merge_parties(parties[0].id, parties[1].id).unwrap();
    let agreement = store.agreements().unwrap()[0].clone();
    store.delete_agreement(agreement.id).unwrap();
    store.delete_activity(register.activities[2].id).unwrap();
    let mut organisation = store.organisation().unwrap();
    organisation.dpo.email = "dpo@example.gov.uk".into();
    store.save_organisation(&organisation).unwrap();
    let found = store.verify().unwrap();
    assert!(found.is_intact(), "{found:#?}");
}

#[test]
fn a_direct_edit_of_an_activity_a_link_or_a_party_is_reported_with_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_register(dir.path());
    let register = Store::open(&db).unwrap().load_register().unwrap();
    let activity = &register.activities[0];
    let link = &register.links[0];
    let party = &register.parties[0];
    sql(
        &db,
        &format!(
            "UPDATE activity SET owner = 'Nobody' WHERE id = {};
             UPDATE link SET method = 'Fax' WHERE id = {};
             UPDATE party SET country = 'Narnia' WHERE id = {};",
            activity.id, link.id, party.id
        ),
    );
    let (ok, text) = verify(&db, &[]);
    assert!(!ok, "a direct edit passed verify: {text}");
    for expected in [
        format!("activity {} \"{}\"", activity.id, activity.fields.name),
        "Nobody".to_string(),
        format!("link {}", link.id),
        "Fax".to_string(),
        format!("party {} \"{}\"", party.id, party.fields.name),
        "Narnia".to_string(),
    ] {
        assert!(text.contains(&expected), "{expected:?} missing from {text}");
    }
}

#[test]
fn a_row_inserted_or_deleted_behind_the_apps_back_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_register(dir.path());
    let agreement = Store::open(&db).unwrap().agreements().unwrap()[0].clone();
    let kind = ropa::model::PartyKind::ALL[0].code();
    sql(
        &db,
        &format!(
            "INSERT INTO party (name, kind) VALUES ('Shadow Ltd', '{kind}');
             DELETE FROM agreement WHERE id = {};",
            agreement.id
        ),
    );
    let (ok, text) = verify(&db, &[]);
    assert!(!ok, "{text}");
    assert!(text.contains("\"Shadow Ltd\": in the table but not in the change log"), "{text}");
    let deleted = format!(
        "agreement {} \"{}\": in the change log but not in the table",
        agreement.id, agreement.fields.title
    );
    assert!(text.contains(&deleted), "{deleted:?} missing from {text}");
}

#[test]
fn a_dropped_trigger_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_register(dir.path());
    sql(&db, "DROP TRIGGER change_log_is_append_only_delete;");
    let (ok, text) = verify(&db, &[]);
    assert!(!ok, "{text}");
    assert!(text.contains("change_log_is_append_only_delete is missing"), "{text}");
}

#[test]
fn a_trigger_replaced_by_one_that_does_nothing_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_register(dir.path());
    sql(
        &db,
        "DROP TRIGGER change_log_is_append_only_update;
         CREATE TRIGGER change_log_is_append_only_update BEFORE UPDATE ON change_log BEGIN SELECT 1; END;",
    );
    let (ok, text) = verify(&db, &[]);
    assert!(!ok && text.contains("change_log_is_append_only_update has been altered"), "{text}");
}

#[test]
fn a_recomputed_chain_passes_alone_but_is_caught_against_an_earlier_exports_head() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_register(dir.path());
    let exported = head_of_json_export(&db, dir.path());
    forge_actor_and_recompute(&db, 3, "someone else");
    let (ok, text) = verify(&db, &[]);
    assert!(ok, "the forger recomputed every hash, so the chain alone passes: {text}");
    let (ok, text) = verify(&db, &["--head", &exported.to_string()]);
    assert!(!ok, "the rewritten chain passed against the export's head: {text}");
    assert!(text.contains("has been rewritten"), "{text}");
}

#[test]
fn deleting_the_log_tail_is_caught_against_a_head() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_register(dir.path());
    let (_, text) = verify(&db, &[]);
    let head = printed_head(&text);
    sql(
        &db,
        "DROP TRIGGER change_log_is_append_only_delete;
         DELETE FROM change_log WHERE id > (SELECT max(id) - 3 FROM change_log);
         CREATE TRIGGER change_log_is_append_only_delete BEFORE DELETE ON change_log
         BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;",
    );
    let (ok, text) = verify(&db, &["--head", &head.to_string()]);
    assert!(!ok, "{text}");
    assert!(text.contains("entries have been deleted"), "{text}");
    assert!(text.contains(&format!("only {} entries", head.entries() - 3)), "{text}");
}

#[test]
fn a_malformed_head_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_register(dir.path());
    let (ok, text) = verify(&db, &["--head", "head 12:not-a-hash"]);
    assert!(!ok && text.contains("not a SHA-256 hash"), "{text}");
}

#[test]
fn the_ico_csv_and_pdf_exports_carry_the_head_verify_prints() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_register(dir.path());
    let (_, text) = verify(&db, &[]);
    let head = printed_head(&text).to_string();
    let csv_path = dir.path().join("ico.csv");
    let export = ropa(&["export", "--format", "ico-csv", "--out", csv_path.to_str().unwrap()], &db, &[]);
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let header_at = csv.find("Business function").unwrap();
    assert!(csv[..header_at].contains(&format!("Change log,{head}")), "not in the contact block: {csv}");

    let pdf_path = dir.path().join("report.pdf");
    let export = ropa(&["export", "--format", "pdf-table", "--out", pdf_path.to_str().unwrap()], &db, &[]);
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    let output = Command::new("pdftotext").arg(&pdf_path).arg("-").output().unwrap_or_else(|error| {
        panic!(
            "pdftotext is needed for this test ({error}); run scripts/test.sh, which installs poppler-utils"
        )
    });
    let pdf_text: String = String::from_utf8_lossy(&output.stdout).split_whitespace().collect();
    assert!(pdf_text.contains(&head.replace(' ', "")), "the PDF cover does not carry {head}");
}

#[test]
fn the_apps_ico_import_of_an_export_with_a_head_reads_the_contacts_and_ignores_the_head() {
    let mut store = Store::in_memory().unwrap();
    demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    let context =
        ropa::export::ExportContext { log_head: Some(store.log_head().unwrap()), ..Default::default() };
    let options = ropa::export::Options::at(time::OffsetDateTime::UNIX_EPOCH);
    let mut csv = Vec::new();
    ropa::export::write_in(
        &register,
        &context,
        ropa::export::Format::IcoCsv,
        &options,
        &mut csv,
        &mut ropa::export::NoProgress,
    )
    .unwrap();
    let plan = ropa::import::read_ico_csv(&csv, "ico.csv", &Default::default()).unwrap();
    assert_eq!(plan.organisation.unwrap().edited.controller, register.organisation.controller);
    assert!(plan.report.warnings.iter().all(|w| !w.message.contains("head")), "{:?}", plan.report.warnings);
}

#[test]
fn the_last_releases_register_and_a_generated_one_replay_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = dir.path().join("register-v1.ropa");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/register-v1.ropa"), &fixture).unwrap();
    let found = Store::open(&fixture).unwrap().verify().unwrap();
    assert!(found.is_intact(), "{found:#?}");
    assert!(found.head.entries() > 0);

    let generated = dir.path().join("generated.ropa");
    let mut store = Store::create(&generated).unwrap();
    ropa::generate::generate(&mut store, ropa::generate::Spec { activities: 60, seed: 7 }).unwrap();
    let found = store.verify().unwrap();
    assert!(found.is_intact(), "{found:#?}");
}
