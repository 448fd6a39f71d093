//! Review rounds with service owners (issue 21): `ropa review-pack` writes a
//! service's workbook; the owner's edits come back through `ropa import` as
//! proposed changes, field by field, applied in one transaction and logged as
//! coming from that owner; an unchanged pack records their review; an activity
//! saved since the pack was written is not overwritten.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use ropa::Store;
use ropa::law::SpecialCategory;
use ropa::model::{ActivityStatus, Register};
use ropa::review_pack::{ACTIVITIES_SHEET, PackField};

const SERVICE: &str = "Early Help";

fn ropa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).output().unwrap()
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// A demo register on disk and the review pack of Early Help written from it.
fn demo_with_pack(dir: &Path) -> (PathBuf, PathBuf) {
    let db = dir.join("council.ropa");
    let pack = dir.join("early-help-review.xlsx");
    let made = ropa(&["demo", "--out", db.to_str().unwrap()]);
    assert!(made.status.success(), "{}", text(&made));
    let written = ropa(&[
        "review-pack",
        "--db",
        db.to_str().unwrap(),
        "--service",
        SERVICE,
        "--out",
        pack.to_str().unwrap(),
        "--today",
        "2026-12-01",
    ]);
    assert!(written.status.success(), "{}", text(&written));
    (db, pack)
}

/// Every sheet of a workbook as rows of text.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let bytes = std::fs::read(path).unwrap();
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|cell| match cell {
                            Data::Empty => String::new(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// Writes `sheets` as a new workbook, as the owner's spreadsheet program would
/// save the pack (text cells, the same sheets and rows).
fn save_as_owner(sheets: &[(String, Vec<Vec<String>>)], path: &Path) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

fn column(rows: &[Vec<String>], heading: &str) -> usize {
    rows[0].iter().position(|cell| cell == heading).unwrap_or_else(|| panic!("no heading {heading}"))
}

fn register(db: &Path) -> Register {
    Store::open_read(db).unwrap().load_register().unwrap()
}

fn early_help(register: &Register) -> Vec<&ropa::model::Activity> {
    let service = register.services.iter().find(|s| s.fields.name == SERVICE).unwrap().id;
    register.activities.iter().filter(|a| a.fields.service_id == service).collect()
}

#[test]
fn the_pack_holds_the_services_activities_in_locked_and_editable_cells() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pack) = demo_with_pack(dir.path());
    let sheets = sheets(&pack);
    assert_eq!(sheets[0].0, "About this pack");
    assert_eq!(sheets[0].1[0][0], "ROPA Register review pack");
    assert!(sheets[0].1.iter().any(|row| row.first().is_some_and(|c| c == "Service") && row[1] == SERVICE));
    let (name, rows) = &sheets[1];
    assert_eq!(name, ACTIVITIES_SHEET);
    for field in PackField::ALL {
        column(rows, field.heading());
    }
    let register = register(&db);
    let activities = early_help(&register);
    assert_eq!(rows.len() - 1, activities.len(), "one row per activity of the service");
    let purposes = column(rows, PackField::Purposes.heading());
    for activity in activities {
        let row = rows.iter().find(|row| row[1] == activity.fields.name).unwrap();
        assert_eq!(row[0], format!("{}/{}", activity.id.0, activity.version));
        let bulleted: Vec<String> = activity.fields.purposes.iter().map(|p| format!("• {p}")).collect();
        assert_eq!(row[purposes], bulleted.join("\n"));
    }
    // Locked except the owner's cells; guidance as notes on the headings.
    let zip = std::fs::read(&pack).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let mut sheet_xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("xl/worksheets/sheet2.xml").unwrap(), &mut sheet_xml)
        .unwrap();
    assert!(sheet_xml.contains("<sheetProtection"), "the sheet is protected");
    let notes = archive.by_name("xl/comments1.xml").is_ok();
    assert!(notes, "headings carry notes");
}

#[test]
fn the_owners_edits_are_shown_field_by_field_then_land_logged_as_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pack) = demo_with_pack(dir.path());
    let before = register(&db);
    let target = early_help(&before)[0].clone();
    let mut sheets = sheets(&pack);
    let returned_by =
        sheets[0].1.iter().position(|row| row[0] == "Returned by (your name and role)").unwrap();
    sheets[0].1[returned_by][1] = "Jo Bloggs, Early Help Manager".into();
    let rows = &mut sheets[1].1;
    let at = rows.iter().position(|row| row[1] == target.fields.name).unwrap();
    let (purposes, special, owner) = (
        column(rows, PackField::Purposes.heading()),
        column(rows, PackField::SpecialCategories.heading()),
        column(rows, PackField::Owner.heading()),
    );
    rows[at][purposes] = format!("{}\nEvaluating the Early Help offer", rows[at][purposes]);
    rows[at][special] = "Physical or mental health\nReligious beliefs".into();
    rows[at][owner] = "Head of Early Help".into();
    let returned = dir.path().join("returned.xlsx");
    save_as_owner(&sheets, &returned);

    let dry = ropa(&["import", "--db", db.to_str().unwrap(), returned.to_str().unwrap(), "--dry-run"]);
    let shown = text(&dry);
    assert!(dry.status.success(), "{shown}");
    assert!(shown.contains("returned by Jo Bloggs, Early Help Manager"), "{shown}");
    assert!(shown.contains("now: Head of Early Help"), "{shown}");
    assert!(shown.contains("Evaluating the Early Help offer"), "{shown}");
    assert!(shown.contains("3 change(s) to 1 activity would be applied"), "{shown}");
    assert_eq!(register(&db), before, "a dry run changes nothing");

    let applied = ropa(&["import", "--db", db.to_str().unwrap(), returned.to_str().unwrap()]);
    assert!(applied.status.success(), "{}", text(&applied));
    let after = register(&db);
    let edited = after.activity(target.id).unwrap();
    assert_eq!(edited.fields.owner, "Head of Early Help");
    assert_eq!(edited.fields.purposes.last().unwrap(), "Evaluating the Early Help offer");
    assert_eq!(
        edited.fields.special_categories,
        [SpecialCategory::ReligiousOrPhilosophicalBeliefs, SpecialCategory::Health].into()
    );
    assert_eq!(edited.fields.personal_data, target.fields.personal_data, "untouched cells stay as they were");
    assert_eq!(after.links, before.links, "links are kept");
    let store = Store::open_read(&db).unwrap();
    let history = store.history("activity", target.id.0).unwrap();
    let last = history.iter().max_by_key(|change| change.id).unwrap();
    assert!(last.actor.contains("review pack returned by Jo Bloggs"), "{}", last.actor);
    let verify = ropa(&["verify", "--db", db.to_str().unwrap()]);
    assert!(verify.status.success(), "the log replays: {}", text(&verify));
}

#[test]
fn an_unchanged_pack_records_the_owners_review_of_every_activity() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pack) = demo_with_pack(dir.path());
    let mut sheets = sheets(&pack);
    let returned_by =
        sheets[0].1.iter().position(|row| row[0] == "Returned by (your name and role)").unwrap();
    sheets[0].1[returned_by][1] = "Jo Bloggs".into();
    let returned = dir.path().join("returned.xlsx");
    save_as_owner(&sheets, &returned);
    let applied = ropa(&["import", "--db", db.to_str().unwrap(), returned.to_str().unwrap()]);
    let shown = text(&applied);
    assert!(applied.status.success(), "{shown}");
    assert!(shown.contains("0 change(s)"), "{shown}");
    let register = register(&db);
    let store = Store::open_read(&db).unwrap();
    for activity in early_help(&register) {
        let reviews = store.reviews_of(activity.id).unwrap();
        assert!(reviews.iter().any(|review| review.reviewed_by == "Jo Bloggs"), "{}", activity.fields.name);
    }
}

#[test]
fn an_activity_saved_since_the_pack_was_written_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pack) = demo_with_pack(dir.path());
    let target = early_help(&register(&db))[0].clone();
    {
        let mut store = Store::open(&db).unwrap();
        let mut fields = target.fields.clone();
        fields.owner = "Changed by the officer".into();
        let links: Vec<_> = store
            .links_of(target.id)
            .unwrap()
            .into_iter()
            .map(|link| ropa::model::LinkDraft { id: Some(link.id), fields: link.fields })
            .collect();
        store.update_activity(target.id, target.version, &fields, &links).unwrap();
    }
    let mut sheets = sheets(&pack);
    let rows = &mut sheets[1].1;
    let at = rows.iter().position(|row| row[1] == target.fields.name).unwrap();
    let still = column(rows, PackField::StillCarriedOut.heading());
    rows[at][still] = "No".into();
    let returned = dir.path().join("returned.xlsx");
    save_as_owner(&sheets, &returned);
    let applied = ropa(&["import", "--db", db.to_str().unwrap(), returned.to_str().unwrap()]);
    let shown = text(&applied);
    assert!(applied.status.success(), "{shown}");
    assert!(shown.contains("was saved in the register after the pack was written"), "{shown}");
    let now = register(&db);
    let activity = now.activity(target.id).unwrap();
    assert_eq!(activity.fields.owner, "Changed by the officer", "the officer's later edit stands");
    assert_ne!(activity.fields.status, ActivityStatus::Retired, "the stale answer is not applied");
}

#[test]
fn unreadable_answers_and_tampered_packs_are_named_by_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pack) = demo_with_pack(dir.path());
    let before = register(&db);
    let mut sheets = sheets(&pack);
    let special = column(&sheets[1].1, PackField::SpecialCategories.heading());
    sheets[1].1[1][special] = "Nationality".into();
    let returned = dir.path().join("returned.xlsx");
    save_as_owner(&sheets, &returned);
    let dry = ropa(&["import", "--db", db.to_str().unwrap(), returned.to_str().unwrap(), "--dry-run"]);
    let shown = text(&dry);
    let letter = char::from(b'A' + special as u8);
    assert!(shown.contains(&format!("sheet \"Activities\", row 2, column {letter}")), "{shown}");
    assert!(shown.contains("\"Nationality\" is not one of the special categories"), "{shown}");

    let mut copied = sheets.clone();
    let row = copied[1].1[1].clone();
    copied[1].1.push(row);
    save_as_owner(&copied, &returned);
    let refused = ropa(&["import", "--db", db.to_str().unwrap(), returned.to_str().unwrap()]);
    let shown = text(&refused);
    assert!(!refused.status.success(), "{shown}");
    assert!(shown.contains("is on row 2 too (a copied row?)"), "{shown}");

    sheets[1].1[1][0] = "=HYPERLINK(\"http://example.invalid\")".into();
    save_as_owner(&sheets, &returned);
    let refused = ropa(&["import", "--db", db.to_str().unwrap(), returned.to_str().unwrap()]);
    let shown = text(&refused);
    assert!(!refused.status.success());
    assert!(shown.contains("sheet \"Activities\", row 2, column A"), "{shown}");

    sheets[1].0 = "Renamed".into();
    save_as_owner(&sheets, &returned);
    let refused = ropa(&["import", "--db", db.to_str().unwrap(), returned.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(text(&refused).contains("no sheet \"Activities\""), "{}", text(&refused));
    assert_eq!(register(&db), before, "the register stays as it was");
}

/// Saves `workbook` again with LibreOffice as `extension` (xlsx or ods), as an
/// owner using LibreOffice would; returns the new file.
fn save_with_libreoffice(workbook: &Path, extension: &str) -> PathBuf {
    let folder = workbook.parent().unwrap().join(format!("saved-{extension}"));
    std::fs::create_dir_all(&folder).unwrap();
    let output = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", folder.join("lo-profile").display()))
        .args(["--headless", "--norestore", "--convert-to", extension, "--outdir"])
        .arg(&folder)
        .arg(workbook)
        .output()
        .expect("soffice (libreoffice-calc-nogui, installed by scripts/install-debian-packages.sh test)");
    assert!(output.status.success(), "soffice failed: {}", String::from_utf8_lossy(&output.stderr));
    folder.join(format!("{}.{extension}", workbook.file_stem().unwrap().to_string_lossy()))
}

#[test]
fn a_pack_saved_by_libreoffice_reads_back_with_only_the_owners_edits() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pack) = demo_with_pack(dir.path());
    for extension in ["xlsx", "ods"] {
        let saved = save_with_libreoffice(&pack, extension);
        let dry = ropa(&["import", "--db", db.to_str().unwrap(), saved.to_str().unwrap(), "--dry-run"]);
        let shown = text(&dry);
        assert!(dry.status.success(), "{extension}: {shown}");
        assert!(shown.contains("0 change(s) to 0 activities would be applied"), "{extension}: {shown}");
    }
    let mut sheets = sheets(&pack);
    let security = column(&sheets[1].1, PackField::SecurityMeasures.heading());
    sheets[1].1[1][security] = "Role-based access; “need to know” checks; encrypted laptops".into();
    let edited = dir.path().join("edited.xlsx");
    save_as_owner(&sheets, &edited);
    let saved = save_with_libreoffice(&edited, "ods");
    let applied = ropa(&["import", "--db", db.to_str().unwrap(), saved.to_str().unwrap()]);
    assert!(applied.status.success(), "{}", text(&applied));
    let name = &sheets[1].1[1][1];
    let register = register(&db);
    let activity = register.activities.iter().find(|a| &a.fields.name == name).unwrap();
    assert_eq!(
        activity.fields.security_measures,
        "Role-based access; “need to know” checks; encrypted laptops"
    );
}

#[test]
fn a_round_sends_every_service_a_pack_and_the_status_says_sent_overdue_and_returned_with_what_was_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("council.ropa");
    let made = ropa(&["demo", "--out", db.to_str().unwrap()]);
    assert!(made.status.success(), "{}", text(&made));
    let folder = dir.path().join("round");
    let db_arg = db.to_str().unwrap();
    let started = ropa(&[
        "review-pack",
        "--db",
        db_arg,
        "--all",
        "--out",
        folder.to_str().unwrap(),
        "--today",
        "2026-11-02",
        "--due",
        "2026-11-30",
    ]);
    let said = text(&started);
    assert!(started.status.success(), "{said}");
    let services: Vec<String> = {
        let register = register(&db);
        register
            .services
            .iter()
            .filter(|s| register.activities.iter().any(|a| a.fields.service_id == s.id))
            .map(|s| s.fields.name.clone())
            .collect()
    };
    assert!(said.contains(&format!("Started a review round: {} packs", services.len())), "{said}");
    let pack = folder.join("early-help-review.xlsx");
    assert!(pack.exists(), "{said}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), services.len());

    let status = |today: &str| text(&ropa(&["review-pack", "--db", db_arg, "--status", "--today", today]));
    let before_due = status("2026-11-30");
    assert!(before_due.contains("Early Help: sent (sent 2026-11-02, due 2026-11-30"), "{before_due}");
    assert_eq!(before_due.lines().count(), services.len(), "{before_due}");
    let after_due = status("2026-12-01");
    assert!(after_due.contains("Early Help: overdue"), "{after_due}");

    // The owner changes two cells and returns the pack.
    let mut sheets = sheets(&pack);
    let returned_by =
        sheets[0].1.iter().position(|row| row[0] == "Returned by (your name and role)").unwrap();
    sheets[0].1[returned_by][1] = "Jo Bloggs, Early Help Manager".into();
    let rows = &mut sheets[1].1;
    let owner = column(rows, PackField::Owner.heading());
    let security = column(rows, PackField::SecurityMeasures.heading());
    rows[1][owner] = "Head of Early Help".into();
    rows[1][security] = "Role-based access to Liquidlogic EHM; audit of every view".into();
    let returned = dir.path().join("returned.xlsx");
    save_as_owner(&sheets, &returned);
    let applied = ropa(&["import", "--db", db_arg, returned.to_str().unwrap()]);
    assert!(applied.status.success(), "{}", text(&applied));
    let back = status("2026-12-01");
    assert!(
        back.contains("Early Help: returned") && back.contains("by Jo Bloggs, Early Help Manager"),
        "{back}"
    );
    assert!(back.contains("2 of 2 change(s) accepted"), "{back}");
    assert_eq!(back.lines().filter(|l| l.contains(": overdue (")).count(), services.len() - 1, "{back}");

    // A second round never replaces the packs of the first.
    let first = std::fs::read(&pack).unwrap();
    let again = ropa(&["review-pack", "--db", db_arg, "--all", "--out", folder.to_str().unwrap()]);
    let said = text(&again);
    assert!(!again.status.success(), "an existing pack is not replaced: {said}");
    assert!(said.contains("already exists"), "{said}");
    assert_eq!(std::fs::read(&pack).unwrap(), first, "the first round's pack is as it was");
    assert_eq!(
        Store::open_read(&db).unwrap().review_packs().unwrap().len(),
        services.len(),
        "no pack recorded"
    );
}

#[test]
fn the_officer_accepts_one_change_and_rejects_the_other_and_only_the_accepted_one_lands() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pack) = demo_with_pack(dir.path());
    let before = register(&db);
    let target = early_help(&before)[0].clone();
    let mut sheets = sheets(&pack);
    let rows = &mut sheets[1].1;
    let at = rows.iter().position(|row| row[1] == target.fields.name).unwrap();
    let (owner, security) =
        (column(rows, PackField::Owner.heading()), column(rows, PackField::SecurityMeasures.heading()));
    rows[at][owner] = "Head of Early Help".into();
    rows[at][security] = "Nothing special".into();
    let returned = dir.path().join("returned.xlsx");
    save_as_owner(&sheets, &returned);
    let bytes = std::fs::read(&returned).unwrap();

    let proposal = ropa::file_commands::read_review_pack(&db, &bytes, "returned.xlsx").unwrap();
    assert_eq!(proposal.change_count(), 2);
    let rejected = std::collections::BTreeSet::from([(target.id, PackField::SecurityMeasures)]);
    let today = time::macros::date!(2026 - 12 - 02);
    let accepted = ropa::file_commands::apply_proposal(&db, &proposal, &rejected, today).unwrap();
    assert_eq!(accepted, 1);
    let after = register(&db);
    let saved = after.activity(target.id).unwrap();
    assert_eq!(saved.fields.owner, "Head of Early Help", "the accepted change landed");
    assert_eq!(saved.fields.security_measures, target.fields.security_measures, "the rejected one did not");
    let store = Store::open_read(&db).unwrap();
    let packs = store.review_packs().unwrap();
    let back = packs.last().unwrap().returned.as_ref().unwrap();
    assert_eq!((back.proposed, back.accepted, back.on), (2, 1, today));
    drop(store);
    // Read again after it landed, the same proposal is refused: the activity was saved since.
    let stale = ropa::file_commands::apply_proposal(&db, &proposal, &Default::default(), today).unwrap_err();
    assert!(matches!(stale, ropa::Error::Conflict { .. }), "{stale}");
    assert_eq!(register(&db), after, "nothing changed");
    let verify = ropa(&["verify", "--db", db.to_str().unwrap()]);
    assert!(verify.status.success(), "the log replays: {}", text(&verify));
}

#[test]
fn a_round_names_every_pack_apart_and_lands_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("council.ropa");
    let mut store = Store::create(&db).unwrap();
    let mut ids = Vec::new();
    for name in ["Early Help", "Early Help 3", "Early-Help"] {
        let service = store
            .insert_service(&ropa::model::ServiceFields { name: name.into(), ..Default::default() })
            .unwrap();
        store.insert_activity(&ropa::model::ActivityFields::new(service, "Casework"), &[]).unwrap();
        ids.push(service);
    }
    let today = time::macros::date!(2026 - 12 - 01);
    let folder = dir.path().join("round");
    let written = ropa::file_commands::write_review_round(&db, &folder, today, None).unwrap();
    assert_eq!(written.len(), 3);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 3, "no pack replaced another: {written:?}");
    assert_eq!(store.review_packs().unwrap().len(), 3);

    // "Early-Help"'s pack comes back: it is read against that service, and its round closed.
    let (_, path, _) = written.iter().find(|(name, _, _)| name == "Early-Help").unwrap();
    let bytes = std::fs::read(path).unwrap();
    let proposal = ropa::file_commands::read_review_pack(&db, &bytes, "returned.xlsx").unwrap();
    assert_eq!(proposal.service, "Early-Help");
    assert_eq!(proposal.unchanged.len(), 1, "{proposal:?}");
    ropa::file_commands::apply_proposal(&db, &proposal, &Default::default(), today).unwrap();
    let returned: Vec<_> = store
        .review_packs()
        .unwrap()
        .into_iter()
        .filter(|p| p.returned.is_some())
        .map(|p| p.service_id)
        .collect();
    assert_eq!(returned, [ids[2]]);

    // A cell longer than a workbook holds: no pack is written, none recorded.
    let activity = store.activities().unwrap().remove(0);
    let mut long = activity.fields.clone();
    long.description = "Case notes. ".repeat(3_500);
    store.update_activity(activity.id, activity.version, &long, &[]).unwrap();
    let second = dir.path().join("round-2");
    let refused = ropa::file_commands::write_review_round(&db, &second, today, None);
    assert!(refused.is_err(), "{refused:?}");
    assert!(!second.exists(), "no half-written round");
    assert_eq!(store.review_packs().unwrap().len(), 3, "no pack recorded as sent");
}
