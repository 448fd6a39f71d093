//! DPIA records (issue 21) as every export and import carries them: the
//! workbook's DPIAs sheet, the full CSV, the JSON, the `dpias-csv` export, the
//! PDF report and the audit pack; files written before DPIAs were records; the
//! checks that read them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::io::Cursor;
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use ropa::Store;
use ropa::checks::{self, Settings};
use ropa::export::{self, Format, NoProgress, Options};
use ropa::ico_template::DPIA_HEADINGS;
use ropa::model::*;

fn options() -> Options {
    Options { bom: false, generated_at: time::macros::datetime!(2026-12-03 10:00 UTC) }
}

fn export(register: &Register, format: Format) -> Vec<u8> {
    let mut bytes = Vec::new();
    export::write(register, format, &options(), &mut bytes, &mut NoProgress).unwrap();
    bytes
}

/// A register of two Early Help activities and one website activity: one
/// approved DPIA covering both Early Help activities (high residual risk, ICO
/// consulted), and one at screening, with a formula-like title, covering the
/// website.
fn register_with_dpias(store: &mut Store) -> Register {
    let early =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let web =
        store.insert_service(&ServiceFields { name: "Communications".into(), ..Default::default() }).unwrap();
    let casework =
        store.insert_activity(&ActivityFields::new(early, "Family support casework"), &[]).unwrap();
    let referrals =
        store.insert_activity(&ActivityFields::new(early, "Referrals from schools"), &[]).unwrap();
    let website = store.insert_activity(&ActivityFields::new(web, "Website analytics"), &[]).unwrap();
    let mut fields = DpiaFields::new("Early Help case management (Liquidlogic EHM)");
    fields.status = DpiaStatus::Approved;
    fields.screening = Screening::Required;
    fields.residual_risk = ResidualRisk::High;
    fields.ico_consultation = IcoConsultation::Consulted;
    fields.started = parse_date("2025-01-06");
    fields.completed = parse_date("2025-04-30");
    fields.next_review = parse_date("2026-04-30");
    fields.document = "https://intranet.example.gov.uk/ig/dpia/DPIA-2025-020.docx".into();
    fields.notes = "ICO written advice received 2 April 2025;\nmeasures 4 and 7 added".into();
    fields.activities = vec![casework.id, referrals.id];
    store.insert_dpia(&fields).unwrap();
    let mut screening = DpiaFields::new("=Website cookies and analytics");
    screening.screening = Screening::NotRequired;
    screening.started = parse_date("2026-11-02");
    screening.activities = vec![website.id];
    store.insert_dpia(&screening).unwrap();
    store.load_register().unwrap()
}

fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = workbook.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The DPIAs' fields with their coverage as activity names, for comparing
/// registers whose ids differ.
fn by_name(register: &Register) -> Vec<(DpiaFields, Vec<String>)> {
    let mut out: Vec<_> = register
        .dpias
        .iter()
        .map(|d| {
            let names = d
                .fields
                .activities
                .iter()
                .map(|&id| register.activity(id).unwrap().fields.name.clone())
                .collect();
            (DpiaFields { activities: Vec::new(), ..d.fields.clone() }, names)
        })
        .collect();
    out.sort_by(|a, b| a.0.title.cmp(&b.0.title));
    out
}

#[test]
fn the_dpias_sheet_says_every_detail_and_comes_back_in_a_new_register() {
    let mut store = Store::in_memory().unwrap();
    let register = register_with_dpias(&mut store);
    let bytes = export(&register, Format::IcoXlsx);
    let rows = sheet(&bytes, "DPIAs");
    assert_eq!(rows[0], DPIA_HEADINGS.map(str::to_string).to_vec());
    let approved = rows.iter().find(|r| r[0].starts_with("Early Help case")).unwrap();
    assert_eq!(
        approved[1..8],
        ["Approved", "DPIA required", "High", "ICO consulted", "2025-01-06", "2025-04-30", "2026-04-30"]
    );
    assert_eq!(approved[10], "Early Help — Family support casework\nEarly Help — Referrals from schools");
    assert_eq!(approved[11], "2");
    assert_eq!(approved[12], "Yes", "its review date is past on the day checked");
    let formula = rows.iter().find(|r| r[0].contains("Website cookies")).unwrap();
    assert!(formula[0].starts_with('\''), "a formula-like title is neutralised: {:?}", formula[0]);
    // The register sheet's DPIA columns are read from the records.
    let record = sheet(&bytes, "Controller record");
    let casework = record.iter().find(|r| r.last().is_some_and(|c| c == "Family support casework")).unwrap();
    assert_eq!(
        casework[20..23],
        ["Yes", "Completed (2025-04-30)", "https://intranet.example.gov.uk/ig/dpia/DPIA-2025-020.docx"]
    );

    let mut fresh = Store::in_memory().unwrap();
    let empty = fresh.load_register().unwrap();
    let plan = ropa::import::read_ico_workbook(&bytes, "register.xlsx", &empty).unwrap();
    let preview = ropa::import::preview::Preview::of(&plan, &empty).lines();
    assert!(
        preview.iter().any(|l| l == "DPIA \"Early Help case management (Liquidlogic EHM)\" (Approved): new, covering 2 activities"),
        "{preview:#?}"
    );
    ropa::import::apply(&plan, &mut fresh).unwrap();
    let imported = fresh.load_register().unwrap();
    assert_eq!(by_name(&imported), by_name(&register));
    assert_eq!(sheet(&export(&imported, Format::IcoXlsx), "DPIAs"), rows, "the same sheet again");
}

/// The workbook `bytes` written again, every cell as text, with `edit` applied
/// to the rows of the sheet `name`.
fn rewritten(bytes: &[u8], name: &str, edit: impl Fn(&mut Vec<Vec<String>>)) -> Vec<u8> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for sheet_name in workbook.sheet_names() {
        let mut rows = sheet(bytes, &sheet_name);
        let _ = workbook.worksheet_range(&sheet_name);
        if sheet_name == name {
            edit(&mut rows);
        }
        let sheet = out.add_worksheet();
        sheet.set_name(&sheet_name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
        }
    }
    out.save_to_buffer().unwrap()
}

#[test]
fn a_dpias_sheet_row_that_cannot_be_read_is_a_warning_naming_sheet_row_and_column() {
    let mut store = Store::in_memory().unwrap();
    let register = register_with_dpias(&mut store);
    let bytes = rewritten(&export(&register, Format::IcoXlsx), "DPIAs", |rows| {
        let row = &mut rows[1];
        row[1] = "Half done".into();
        row[3] = "Severe".into();
        row[5] = "31/02/2026".into();
        row[10] = format!("{}\nEarly Help — No such activity", row[10]);
    });
    let mut fresh = Store::in_memory().unwrap();
    let empty = fresh.load_register().unwrap();
    let plan = ropa::import::read_ico_workbook(&bytes, "officer.xlsx", &empty).unwrap();
    let warnings: Vec<String> = plan.report.warnings.iter().map(ToString::to_string).collect();
    for (needle, column) in
        [("Half done", "(B)"), ("Severe", "(D)"), ("31/02/2026", "(F)"), ("No such activity", "(K)")]
    {
        assert!(
            warnings.iter().any(|w| w.contains(needle)
                && w.contains(column)
                && w.contains("\"DPIAs\"")
                && w.contains('2')),
            "{needle}: {warnings:#?}"
        );
    }
    // The rest of the row still lands, with what could be read.
    ropa::import::apply(&plan, &mut fresh).unwrap();
    let imported = fresh.load_register().unwrap();
    let dpia = imported.dpias.iter().find(|d| d.fields.title == register.dpias[0].fields.title).unwrap();
    assert_eq!(dpia.fields.activities.len(), register.dpias[0].fields.activities.len());
    assert_eq!(dpia.fields.residual_risk, ResidualRisk::NotStated);
}

#[test]
fn the_full_csv_and_json_carry_dpias_and_restore_them() {
    let mut store = Store::in_memory().unwrap();
    let register = register_with_dpias(&mut store);
    let csv = export(&register, Format::FullCsv);
    let read = export::full_csv::read(csv.as_slice()).unwrap();
    assert_eq!(
        read.dpias.iter().map(|d| &d.fields).collect::<Vec<_>>(),
        register.dpias.iter().map(|d| &d.fields).collect::<Vec<_>>()
    );
    let mut restored = Store::in_memory().unwrap();
    ropa::import::restore(&mut restored, &read).unwrap();
    assert_eq!(restored.load_register().unwrap().dpias, register.dpias);

    let json = ropa::import::json::to_json(&register).unwrap();
    let incoming = ropa::import::json::from_json(json.as_bytes(), "register.json").unwrap();
    let mut merged = Store::in_memory().unwrap();
    let base = merged.load_register().unwrap();
    let plan = ropa::import::json::merge_plan(&incoming, &base, "register.json");
    ropa::import::apply(&plan, &mut merged).unwrap();
    assert_eq!(by_name(&merged.load_register().unwrap()), by_name(&register));
}

#[test]
fn a_merge_keeps_each_dpia_covering_the_registers_own_activities_says_what_it_left_out_and_adds_no_copy() {
    let mut store = Store::in_memory().unwrap();
    let register = register_with_dpias(&mut store);
    let json = ropa::import::json::to_json(&register).unwrap();
    let incoming = ropa::import::json::from_json(json.as_bytes(), "register.json").unwrap();

    // The other register already keeps the casework activity, but no DPIA.
    let mut other = Store::in_memory().unwrap();
    let early =
        other.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let theirs = other.insert_activity(&ActivityFields::new(early, "Family support casework"), &[]).unwrap();
    let base = other.load_register().unwrap();
    let plan = ropa::import::json::merge_plan(&incoming, &base, "register.json");
    ropa::import::apply(&plan, &mut other).unwrap();
    let merged = other.load_register().unwrap();
    let early_help = merged.dpias.iter().find(|d| d.fields.title.starts_with("Early Help case")).unwrap();
    let covered: Vec<&str> = early_help
        .fields
        .activities
        .iter()
        .map(|id| merged.activity(*id).unwrap().fields.name.as_str())
        .collect();
    assert_eq!(covered, ["Family support casework", "Referrals from schools"], "nothing narrowed");
    assert!(early_help.fields.activities.contains(&theirs.id), "the register's own casework is covered");

    // Merged again: every activity is there already, and so is every DPIA.
    let again = ropa::import::json::merge_plan(&incoming, &merged, "register.json");
    assert!(again.all_dpias().is_empty(), "{:?}", again.all_dpias());
    let said = again.report.warnings.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    assert!(
        said.contains("\"Early Help case management (Liquidlogic EHM)\" is in the register already"),
        "{said}"
    );

    // A register with a DPIA of that title but none of its activities: the
    // file's DPIA still covers the activities it brings, as another record.
    let mut third = Store::in_memory().unwrap();
    third.insert_dpia(&DpiaFields::new("Early Help case management (Liquidlogic EHM)")).unwrap();
    let plan = ropa::import::json::merge_plan(&incoming, &third.load_register().unwrap(), "register.json");
    ropa::import::apply(&plan, &mut third).unwrap();
    let landed = third.load_register().unwrap();
    let named: Vec<_> = landed
        .dpias
        .iter()
        .filter(|d| d.fields.title.starts_with("Early Help case"))
        .map(|d| d.fields.activities.len())
        .collect();
    assert_eq!(named, [0, 2], "the register's own is left, the file's covers its two activities");

    // An activity the file holds but the merge rejects is named, not dropped silently.
    let mut broken = incoming.clone();
    let referrals = broken.activities.iter().position(|a| a.fields.name == "Referrals from schools").unwrap();
    broken.activities[referrals].fields.service_id = ServiceId(9_999);
    let mut empty = Store::in_memory().unwrap();
    let plan = ropa::import::json::merge_plan(&broken, &empty.load_register().unwrap(), "register.json");
    let said = plan.report.warnings.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    assert!(
        said.contains("DPIA \"Early Help case management (Liquidlogic EHM)\" covers 1 activity of the file that is not imported"),
        "{said}"
    );
    ropa::import::apply(&plan, &mut empty).unwrap();
    assert_eq!(empty.load_register().unwrap().dpias.len(), register.dpias.len());
}

#[test]
fn a_dpia_covering_more_activities_than_a_cell_holds_lists_them_on_a_sheet_of_their_own_and_comes_back_whole()
{
    let mut store = Store::in_memory().unwrap();
    let service = store
        .insert_service(&ServiceFields {
            name: "Corporate ICT and Digital Services".into(),
            ..Default::default()
        })
        .unwrap();
    let ids: Vec<ActivityId> = (0..700)
        .map(|n| {
            let name = format!("Microsoft 365 tenancy: mailbox and OneDrive of team {n:03}");
            store.insert_activity(&ActivityFields::new(service, name), &[]).unwrap().id
        })
        .collect();
    // Two DPIAs of one title (a title need not be unique), each of 400 activities.
    for covered in [&ids[..400], &ids[300..]] {
        let mut fields = DpiaFields::new("Microsoft 365 corporate tenancy DPIA");
        fields.activities = covered.to_vec();
        store.insert_dpia(&fields).unwrap();
    }
    let register = store.load_register().unwrap();
    let bytes = export(&register, Format::IcoXlsx);
    let dpias = sheet(&bytes, "DPIAs");
    assert_eq!(dpias[1][10], ropa::ico_template::dpia_coverage_pointer(400));
    assert_eq!(dpias[1][11], "400");
    let coverage = sheet(&bytes, ropa::ico_template::DPIA_COVERAGE_SHEET);
    assert_eq!(coverage[0], ["DPIA", "DPIAs sheet row", "Activity covered"]);
    assert_eq!(coverage.len(), 801);
    assert_eq!(
        coverage[800],
        [
            "Microsoft 365 corporate tenancy DPIA",
            "3",
            "Corporate ICT and Digital Services — Microsoft 365 tenancy: mailbox and OneDrive of team 699"
        ]
    );

    let mut fresh = Store::in_memory().unwrap();
    let plan =
        ropa::import::read_ico_workbook(&bytes, "register.xlsx", &fresh.load_register().unwrap()).unwrap();
    let said = plan.report.warnings.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert!(!said.iter().any(|w| w.contains("DPIA")), "{said:?}");
    ropa::import::apply(&plan, &mut fresh).unwrap();
    assert_eq!(by_name(&fresh.load_register().unwrap()), by_name(&register), "every activity, in order");
}

#[test]
fn a_dpias_sheet_line_finds_its_activity_when_the_service_name_holds_the_separator() {
    let mut store = Store::in_memory().unwrap();
    let adults = store
        .insert_service(&ServiceFields { name: "Adults — North locality".into(), ..Default::default() })
        .unwrap();
    let reablement =
        store.insert_activity(&ActivityFields::new(adults, "Reablement — home care"), &[]).unwrap();
    let mut fields = DpiaFields::new("Reablement DPIA");
    fields.activities = vec![reablement.id];
    store.insert_dpia(&fields).unwrap();
    let register = store.load_register().unwrap();
    let bytes = export(&register, Format::IcoXlsx);
    assert_eq!(sheet(&bytes, "DPIAs")[1][10], "Adults — North locality — Reablement — home care");

    let mut fresh = Store::in_memory().unwrap();
    let plan =
        ropa::import::read_ico_workbook(&bytes, "register.xlsx", &fresh.load_register().unwrap()).unwrap();
    let said = plan.report.warnings.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert!(!said.iter().any(|w| w.contains("is not an activity of the register sheet")), "{said:?}");
    ropa::import::apply(&plan, &mut fresh).unwrap();
    assert_eq!(by_name(&fresh.load_register().unwrap()), by_name(&register));
}

#[test]
fn files_written_before_dpias_were_records_import_with_their_answers_as_records() {
    let mut store = Store::in_memory().unwrap();
    let register = register_with_dpias(&mut store);
    let answers: Vec<DpiaAnswers> = register.activities.iter().map(|a| register.dpia_answers(a.id)).collect();

    // A full CSV of the release before: DPIA answers in four activity columns, no dpia rows.
    let csv = String::from_utf8(export(&register, Format::FullCsv)).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let mut header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    header.extend(["dpia_required", "dpia_progress", "dpia_link", "dpia_date"].map(str::to_string));
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&header).unwrap();
    for record in reader.records() {
        let record = record.unwrap();
        if &record[0] == "dpia" {
            continue;
        }
        let mut cells: Vec<String> = record.iter().map(str::to_string).collect();
        cells.resize(header.len() - 4, String::new());
        if &record[0] == "activity" {
            let id: i64 = record[1].parse().unwrap();
            let said = register.dpia_answers(ActivityId(id));
            cells.push(said.required.map_or("", |r| if r { "yes" } else { "no" }).into());
            cells.push(said.progress.code().into());
            cells.push(said.link.clone());
            cells.push(said.date.map(format_date).unwrap_or_default());
        } else {
            cells.extend([String::new(), String::new(), String::new(), String::new()]);
        }
        out.write_record(&cells).unwrap();
    }
    let legacy = out.into_inner().unwrap();
    let read = export::full_csv::read(legacy.as_slice()).unwrap();
    let got: Vec<DpiaAnswers> = read.activities.iter().map(|a| read.dpia_answers(a.id)).collect();
    assert_eq!(got, answers, "full CSV");
    assert_eq!(read.dpias.len(), 2, "one record per shared document");

    // A JSON of the release before: each activity's `fields.dpia`, no `dpias`.
    let json = ropa::import::json::to_json(&register).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["version"] = 1.into();
    value["register"].as_object_mut().unwrap().remove("dpias");
    let by_activity_name = |r: &Register, name: &str| {
        r.dpia_answers(r.activities.iter().find(|a| a.fields.name == name).unwrap().id)
    };
    for activity in value["register"]["activities"].as_array_mut().unwrap() {
        let name = activity["fields"]["name"].as_str().unwrap().to_string();
        activity["fields"]["dpia"] = serde_json::to_value(by_activity_name(&register, &name)).unwrap();
    }
    let incoming = ropa::import::json::from_json(value.to_string().as_bytes(), "old.json").unwrap();
    for activity in &register.activities {
        let name = &activity.fields.name;
        assert_eq!(by_activity_name(&incoming, name), register.dpia_answers(activity.id), "JSON: {name}");
    }
}

#[test]
fn an_ico_csv_written_by_an_officer_reads_uk_dates_in_the_progress_cell() {
    let mut store = Store::in_memory().unwrap();
    let register = register_with_dpias(&mut store);
    let text = String::from_utf8(export(&register, Format::IcoCsv)).unwrap();
    let officer = text.replace("Completed (2025-04-30)", "Completed (30/04/2025)");
    assert_ne!(officer, text);
    let mut fresh = Store::in_memory().unwrap();
    let empty = fresh.load_register().unwrap();
    let plan = ropa::import::read_ico_csv(officer.as_bytes(), "officer.csv", &empty).unwrap();
    ropa::import::apply(&plan, &mut fresh).unwrap();
    let imported = fresh.load_register().unwrap();
    let casework = imported.activities.iter().find(|a| a.fields.name == "Family support casework").unwrap();
    let said = imported.dpia_answers(casework.id);
    assert_eq!((said.progress, said.date), (DpiaProgress::Completed, parse_date("2025-04-30")));
}

#[test]
fn a_finished_dpia_does_not_excuse_another_covering_dpia_recorded_as_required_and_not_finished() {
    let mut store = Store::in_memory().unwrap();
    let mut register = register_with_dpias(&mut store);
    let today = time::macros::date!(2026 - 12 - 03);
    let casework =
        register.activities.iter().find(|a| a.fields.name == "Family support casework").unwrap().id;
    let required = |register: &Register| -> Vec<String> {
        checks::run(register, &[], Settings::new(today))
            .findings
            .into_iter()
            .filter(|f| f.rule.0 == "dpia-required" && f.activity_id == Some(casework))
            .map(|f| f.message)
            .collect()
    };
    assert!(required(&register).is_empty(), "covered by an approved DPIA");
    let mut tracking = DpiaFields::new("Casework app location tracking");
    tracking.status = DpiaStatus::InProgress;
    tracking.screening = Screening::Required;
    tracking.activities = vec![casework];
    register.dpias.push(Dpia { id: DpiaId(99), version: 1, fields: tracking });
    let found = required(&register);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("\"Casework app location tracking\" is not yet completed"), "{}", found[0]);
    // The ICO columns say the same: the least advanced of the two.
    let answers = register.dpia_answers(casework);
    assert_eq!(answers.progress, DpiaProgress::InProgress);
}

#[test]
fn the_dpia_checks_read_the_records() {
    let mut store = Store::in_memory().unwrap();
    let mut register = register_with_dpias(&mut store);
    let today = time::macros::date!(2026 - 12 - 03);
    let rules = |register: &Register| -> Vec<String> {
        checks::run(register, &[], Settings::new(today))
            .findings
            .into_iter()
            .filter(|f| f.rule.0.starts_with("dpia-"))
            .map(|f| {
                format!(
                    "{} {}",
                    f.rule.0,
                    f.concerns.iter().map(|c| c.subject.as_str()).collect::<Vec<_>>().join(",")
                )
            })
            .collect()
    };
    let first = register.dpias.iter().find(|d| d.fields.status == DpiaStatus::Approved).unwrap().id;
    assert_eq!(rules(&register), [format!("dpia-review-overdue dpia:{first}")]);

    let dpia = register.dpias.iter_mut().find(|d| d.id == first).unwrap();
    dpia.fields.ico_consultation = IcoConsultation::NotStated;
    dpia.fields.next_review = parse_date("2027-04-30");
    dpia.fields.activities.clear();
    let found = rules(&register);
    assert!(found.contains(&format!("dpia-high-risk-not-consulted dpia:{first}")), "{found:?}");
    assert!(found.contains(&format!("dpia-covers-nothing dpia:{first}")), "{found:?}");
    // The activities it no longer covers show high-risk processing? No: these
    // record nothing that indicates it, and none is recorded as needing a DPIA.
    assert!(!found.iter().any(|f| f.starts_with("dpia-required")), "{found:?}");
}

#[test]
fn the_dpia_register_is_exported_alone_in_the_pdf_report_and_in_the_audit_pack() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.ropa");
    let mut store = Store::create(&db).unwrap();
    register_with_dpias(&mut store);
    drop(store);
    let ropa = env!("CARGO_BIN_EXE_ropa");
    let out = dir.path().join("dpias.csv");
    let status = Command::new(ropa)
        .args(["export", "--format", "dpias-csv", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), DPIA_HEADINGS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter().any(|r| &r[9] == "ICO written advice received 2 April 2025;\nmeasures 4 and 7 added"),
        "a multi-line note stays one cell"
    );

    let pack = dir.path().join("pack");
    let status =
        Command::new(ropa).args(["audit-pack", "--db"]).arg(&db).arg("--out").arg(&pack).status().unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(pack.join("dpias.csv")).unwrap(), text);
    let manifest = std::fs::read_to_string(pack.join("MANIFEST.txt")).unwrap();
    assert!(manifest.lines().any(|l| l.ends_with("  dpias.csv")), "{manifest}");

    let pdf = dir.path().join("report.pdf");
    let status = Command::new(ropa)
        .args(["export", "--format", "pdf", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&pdf)
        .status()
        .unwrap();
    assert!(status.success());
    let Ok(text) = Command::new("pdftotext").arg(&pdf).arg("-").output() else {
        panic!("pdftotext is needed (scripts/install-debian-packages.sh test)");
    };
    let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
    assert!(text.contains("Data protection impact assessments"), "the PDF has the DPIA table");
    assert!(text.contains("Early Help case management"), "and names each DPIA");
}
