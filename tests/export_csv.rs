//! The CSV exports: parsed back with the csv crate and compared with the register,
//! cell by cell; no cell can run as a formula; the full CSV round-trips exactly.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod export_support;

use export_support::{ACTIVITY_NAMES, TRICKY};
use ropa::export::{self, Format, NoProgress, Options, Scope, cells, full_csv};
use ropa::law::{LegalItem, rights_for};
use ropa::model::Register;
use ropa::{Error, Store};

/// The ICO template headings, A to AD, as the template words them.
const ICO_HEADINGS: [&str; 30] = [
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 condition for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Link to record of legitimate interests assessment (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)",
    "Link to record of consent",
    "Location of personal data",
    "Data Protection Impact Assessment required?",
    "Data Protection Impact Assessment progress",
    "Link to Data Protection Impact Assessment",
    "Has a personal data breach occurred?",
    "Link to record of personal data breach",
    "Data Protection Act 2018 Schedule 1 Condition for processing",
    "GDPR Article 6 lawful basis for processing",
    "Link to retention and erasure policy document",
    "Is personal data retained and erased in accordance with the policy document?",
    "Reasons for not adhering to policy document (if applicable)",
];

fn options(bom: bool) -> Options {
    Options { bom, generated_at: time::macros::datetime!(2026-11-22 21:35 UTC) }
}

fn export(register: &Register, format: Format, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    export::write(register, format, &options(bom), &mut bytes, &mut NoProgress).unwrap();
    bytes
}

/// Every row of a CSV, cells as written (not restored).
fn parse(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

fn restored(row: &[String]) -> Vec<&str> {
    row.iter().map(|cell| cells::restore(cell)).collect()
}

/// No cell may start (after whitespace) with a character that runs a formula.
fn assert_no_formula(rows: &[Vec<String>]) {
    for row in rows {
        for cell in row {
            let first = cell.chars().find(|c| !c.is_whitespace() || *c == '\t' || *c == '\r');
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')),
                "cell {cell:?} would run as a formula"
            );
        }
    }
}

#[test]
fn ico_csv_has_the_contact_block_and_the_thirty_headings() {
    let register = export_support::register();
    let bytes = export(&register, Format::IcoCsv, true);
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()), "BOM requested");
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'), "CRLF line ends");
    let rows = parse(&bytes);
    assert_no_formula(&rows);
    assert_eq!(rows[0], ["", "Controller", "Data Protection Officer", "Representative"]);
    assert_eq!(restored(&rows[1])[..3], ["Name", "Metropolitan Borough of Łódź-on-Sea", "Aoife O’Brien"]);
    assert_eq!(restored(&rows[2])[0], "Address");
    assert_eq!(restored(&rows[3]), ["Email", "dpo@example.gov.uk", "@SUM(A1)", ""]);
    assert_eq!(rows[3][2], "'@SUM(A1)");
    assert_eq!(restored(&rows[4]), ["Telephone", "+44 161 234 5000", "-1.5", ""]);
    assert_eq!(rows[4][2], "'-1.5");
    assert_eq!(rows[6][0], "Article 30 Record of Processing Activities");
    assert_eq!(rows[6][11], "Privacy Notices");
    assert_eq!(
        rows[6][25],
        "Data Protection Act 2018 - Special Category or Criminal Conviction and Offence data"
    );
    assert_eq!(rows[7][..30], ICO_HEADINGS);
    assert_eq!(rows[7][30], "Processing activity (added by ROPA Register)");
    assert_eq!(rows.len(), 8 + register.activities.len());
}

#[test]
fn ico_csv_rows_say_what_the_register_says() {
    let register = export_support::register();
    let rows = parse(&export(&register, Format::IcoCsv, false));
    let body: Vec<Vec<&str>> = rows[8..].iter().map(|row| restored(row)).collect();
    for (row, activity) in body.iter().zip(&register.activities) {
        let f = &activity.fields;
        assert_eq!(row.len(), 31);
        assert_eq!(row[0], register.service_name(f.service_id));
        assert_eq!(row[30], f.name);
        assert_eq!(row[1], f.purposes.join("; "));
        assert_eq!(row[3], f.data_subjects.join("; "));
        // Column J: the period, then why it is that long where recorded.
        let mut retention = f.retention.describe();
        if !f.retention_reason.is_empty() {
            retention.push_str(&format!("; reason: {}", f.retention_reason));
        }
        assert_eq!(row[9], retention);
        let rights: Vec<_> = rights_for(&f.lawful_bases).iter().map(|r| r.title()).collect();
        assert_eq!(row[15], rights.join("; "));
        let art9: Vec<_> =
            f.article9_conditions.iter().map(|c| format!("{} {}", c.citation(), c.title())).collect();
        assert_eq!(row[12], art9.join("; "));
    }
    let by_name = |name: &str| {
        let index = register.activities.iter().position(|a| a.fields.name == name).unwrap();
        &body[index]
    };
    let family = by_name(ACTIVITY_NAMES[0]);
    assert_eq!(
        family[4],
        "Name; Address; -1.5 risk score; Nationality; Health (special category); Criminal offence data: Offences by family members"
    );
    assert_eq!(family[5], "Aptem CRM Ltd (Processor); Greater Manchester Police (Public authority)");
    assert_eq!(family[6], "Aptem hosting contract (C-2024/17)");
    assert_eq!(family[7], "Ireland (recipient: Aptem CRM Ltd)");
    assert_eq!(
        family[11],
        "Art 6(1)(c) Legal obligation; Art 6(1)(e) Public task; Legislation: Children Act 2004 s.10"
    );
    assert_eq!(family[9], "8 years from the child’s 18th birthday");
    assert_eq!(family[16], "Yes: Risk score reviewed by a worker");
    assert_eq!(family[17], "Families (The individuals themselves)");
    assert_eq!(family[19], "Liquidlogic EHM; Paper files");
    assert_eq!(family[20..25], ["Yes", "Completed (2024-02-29)", "DPIA-7", "No", ""]);
    assert_eq!(family[25], "DPA 2018 Sch 1 para 18 Safeguarding of children and of individuals at risk");
    assert!(
        family[26].starts_with("Legal obligation: processing is necessary for compliance"),
        "{}",
        family[26]
    );
    assert_eq!(family[27..30], ["APD v3", "Yes", ""]);

    let resettle = by_name(ACTIVITY_NAMES[1]);
    assert_eq!(resettle[2], "Home Office, 2 Marsham St (lead partner: Home Office)");
    assert_eq!(resettle[1], "Resettle refugees; arrange housing; @SUM(1+1)");
    assert_eq!(resettle[7], "Côte d'Ivoire", "a recipient in a country already named adds nothing");
    assert_eq!(
        resettle[8],
        "Côte d'Ivoire: Art 49(1) Exception for specific situations (Art 49 derogation) (Art 49(1)(d) – important reasons of public interest)"
    );
    assert_eq!(resettle[17], "UNHCR (International organisation)");
    assert_eq!(resettle[23..25], ["Yes", "BR-2023-4"]);

    let formula = by_name(ACTIVITY_NAMES[2]);
    assert_eq!(formula[1], "-1.5");
    assert_eq!(formula[18], "'quoted reference'");
    assert_eq!(
        formula[15],
        "Right to be informed; Right of access; Right to rectification; Right to erasure; Right to restrict processing; Right to data portability; Rights related to automated decision-making including profiling"
    );
}

#[test]
fn formula_cells_are_neutralised_with_an_apostrophe() {
    let register = export_support::register();
    let rows = parse(&export(&register, Format::IcoCsv, false));
    let raw: Vec<&String> = rows.iter().flatten().collect();
    assert!(raw.contains(&&"'=HYPERLINK(\"http://evil\",\"x\")".to_string()), "activity name neutralised");
    assert!(raw.contains(&&"'-1.5".to_string()));
    assert!(raw.contains(&&"''quoted reference'".to_string()), "apostrophes doubled to stay reversible");
    for format in [Format::LinksCsv, Format::FullCsv] {
        assert_no_formula(&parse(&export(&register, format, false)));
    }
}

#[test]
fn links_csv_has_one_row_per_link() {
    let register = export_support::register();
    let rows = parse(&export(&register, Format::LinksCsv, false));
    assert_eq!(
        rows[0],
        [
            "Service",
            "Activity",
            "Direction",
            "Party",
            "Party kind",
            "Data passed",
            "Special category data",
            "Criminal offence data",
            "Basis for disclosure",
            "Method",
            "Agreement",
            "Transfer outside the UK",
            "Notes"
        ]
    );
    assert_eq!(rows.len() - 1, register.links.len());
    for (row, link) in rows[1..].iter().zip(&register.links) {
        let row = restored(row);
        let activity = register.activity(link.activity_id).unwrap();
        assert_eq!(row[0], register.service_name(activity.fields.service_id));
        assert_eq!(row[1], activity.fields.name);
        assert_eq!(row[2], link.fields.direction.label());
        assert_eq!(row[3], register.party_name(link.fields.party_id));
        assert_eq!(row[5], link.fields.data_categories.join("; "));
    }
    let police = rows.iter().map(|r| restored(r)).find(|r| r[3] == "Greater Manchester Police").unwrap();
    assert_eq!(police[7], "Yes");
    assert_eq!(police[8], "Art 6(1)(e) Public task; Crime and Disorder Act 1998 s.115");
    assert_eq!(police[10], "GM Information Sharing Protocol (Data sharing agreement)");
    assert_eq!(police[11], "");
    let to_unhcr = rows.iter().map(|r| restored(r)).find(|r| r[3] == "UNHCR" && r[2] == "Recipient").unwrap();
    assert_eq!(to_unhcr[9], "=HYPERLINK(\"http://evil\",\"portal\")");
    assert_eq!(to_unhcr[11], "Côte d'Ivoire");
}

#[test]
fn full_csv_round_trips_to_identical_bytes() {
    let register = export_support::register();
    let first = export(&register, Format::FullCsv, false);
    let text = String::from_utf8(first.clone()).unwrap();
    for tricky in TRICKY {
        assert!(text.contains(tricky), "{tricky} in the full CSV");
    }
    let read = full_csv::read(first.as_slice()).unwrap();
    assert_eq!(read.organisation, register.organisation);
    assert_eq!(read.services, register.services);
    for (a, b) in read.activities.iter().zip(&register.activities) {
        assert_eq!(a.fields, b.fields);
    }
    assert_eq!(read.links, register.links);

    let mut store = Store::in_memory().unwrap();
    ropa::import::restore(&mut store, &read).unwrap();
    let again = store.load_register().unwrap();
    let second = export(&again, Format::FullCsv, false);
    assert_eq!(String::from_utf8(second).unwrap(), text);

    // With a byte order mark it reads the same.
    let with_bom = export(&register, Format::FullCsv, true);
    assert_eq!(full_csv::read(with_bom.as_slice()).unwrap().activities.len(), register.activities.len());
}

#[test]
fn full_csv_reports_bad_rows_with_their_line() {
    let bad = "record,id,name,kind\r\nparty,1,Police,not_a_kind\r\n";
    match full_csv::read(bad.as_bytes()) {
        Err(Error::Invalid { field, message }) => {
            assert!(field.contains("Row 2") && field.contains("kind"), "{field}");
            assert!(message.contains("not_a_kind"), "{message}");
        }
        other => panic!("expected an invalid-row error, got {other:?}"),
    }
    assert!(matches!(full_csv::read("a,b\r\n1,2\r\n".as_bytes()), Err(Error::Invalid { .. })));
}

#[test]
fn scope_narrows_activities_and_links() {
    let register = export_support::register();
    let early_help = export::service_scope(&register, " early help ").unwrap();
    let scoped = early_help.apply(&register);
    assert_eq!(scoped.activities.len(), 2);
    assert!(scoped.links.iter().all(|l| scoped.activity(l.activity_id).is_some()));
    assert_eq!(scoped.links.len(), 3);
    let rows = parse(&export(&scoped, Format::IcoCsv, false));
    assert_eq!(rows.len(), 8 + 2);

    let one = register.activities[1].id;
    let scoped = Scope::Activities(vec![one]).apply(&register);
    assert_eq!(scoped.activities.iter().map(|a| a.id).collect::<Vec<_>>(), vec![one]);
    assert!(matches!(export::service_scope(&register, "Libraries"), Err(Error::NotFound { .. })));
}

#[test]
fn a_cancelled_export_leaves_the_old_file_alone() {
    let register = export_support::register();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.csv");
    std::fs::write(&path, "previous good export").unwrap();
    // A folder export (public-html) never replaces anything, so it is not tried here.
    for format in Format::ALL.iter().filter(|format| !format.writes_folder()) {
        let mut calls = 0;
        let mut cancel_second = |_done: usize, _total: usize| {
            calls += 1;
            calls < 2
        };
        // A folder export is never written over a file: its target is a new folder.
        let target = if format.writes_folder() { dir.path().join("public") } else { path.clone() };
        let result = export::export_to_file(
            &register,
            &Scope::Whole,
            *format,
            &options(false),
            &target,
            &mut cancel_second,
        );
        assert!(matches!(result, Err(Error::ExportCancelled)), "{format:?}: {result:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous good export");
        assert!(!format.writes_folder() || !target.exists(), "{format:?}: a cancelled folder was written");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    let mut seen = Vec::new();
    let mut record = |done: usize, total: usize| {
        seen.push((done, total));
        true
    };
    export::export_to_file(&register, &Scope::Whole, Format::IcoCsv, &options(false), &path, &mut record)
        .unwrap();
    assert_eq!(seen.last(), Some(&(3, 3)));
    assert!(std::fs::read_to_string(&path).unwrap().contains("Business function"));
}

#[test]
fn the_command_line_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.ropa");
    let mut store = Store::create(&db).unwrap();
    store.batch(export_support::populate).unwrap();
    drop(store);
    for format in ["ico-csv", "links-csv", "full-csv"] {
        let out = dir.path().join(format!("{format}.csv"));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
            .args(["export", "--db"])
            .arg(&db)
            .args(["--format", format, "--service", "Early Help", "--out"])
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success(), "{format}");
        let rows = parse(&std::fs::read(&out).unwrap());
        assert!(rows.iter().flatten().any(|cell| cell == "Family support casework"), "{format}");
        assert!(
            !rows.iter().flatten().any(|cell| cell.contains("Resettlement of refugees")),
            "{format} scoped"
        );
    }
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["export", "--db"])
        .arg(&db)
        .args(["--format", "ico-csv", "--service", "No such service", "--out"])
        .arg(dir.path().join("x.csv"))
        .output()
        .unwrap();
    assert!(!status.status.success());
    assert!(String::from_utf8_lossy(&status.stderr).contains("No such service"));
}

/// The demo register's ICO CSV, compared byte for byte with the reviewed golden file.
/// After a deliberate change, regenerate with `UPDATE_GOLDEN=1 cargo test --test
/// export_csv` and review the diff by eye before committing.
#[test]
fn demo_ico_csv_matches_the_golden_file() {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    let bytes = export(&register, Format::IcoCsv, false);
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/demo-ico.csv");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &bytes).unwrap();
    }
    let expected = std::fs::read(&golden).expect("tests/golden/demo-ico.csv (UPDATE_GOLDEN=1 writes it)");
    assert!(bytes == expected, "the demo ICO CSV differs from tests/golden/demo-ico.csv");
    let rows = parse(&bytes);
    assert_no_formula(&rows);
    assert_eq!(rows[7][..30], ICO_HEADINGS);
    assert_eq!(rows.len() - 8, register.activities.len());
}

/// The ICO import reads what the ICO export writes: every activity comes back with
/// its service, bases, conditions and subjects.
#[test]
fn ico_import_reads_the_ico_export() {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    let bytes = export(&register, Format::IcoCsv, true);
    let plan = ropa::import::read_ico_csv(&bytes, "demo-ico.csv", &Register::default()).unwrap();
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    assert_eq!(plan.activities.len(), register.activities.len());
    for (planned, activity) in plan.activities.iter().zip(&register.activities) {
        let (a, b) = (&planned.fields, &activity.fields);
        assert_eq!(a.lawful_bases, b.lawful_bases, "{}", b.name);
        assert_eq!(a.article9_conditions, b.article9_conditions, "{}", b.name);
        assert_eq!(a.schedule1_conditions, b.schedule1_conditions, "{}", b.name);
        assert_eq!(a.data_subjects, b.data_subjects, "{}", b.name);
        assert_eq!(a.retention, b.retention, "{}", b.name);
    }
}

/// The demo register (real privacy-notice text) also survives the full CSV exactly.
#[test]
fn demo_register_round_trips_through_the_full_csv() {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    let first = export(&register, Format::FullCsv, true);
    let mut again = Store::in_memory().unwrap();
    ropa::import::restore(&mut again, &full_csv::read(first.as_slice()).unwrap()).unwrap();
    let reloaded = again.load_register().unwrap();
    assert_eq!(reloaded.activities.len(), register.activities.len());
    assert_eq!(reloaded.links.len(), register.links.len());
    assert!(export(&reloaded, Format::FullCsv, true) == first, "second export differs from the first");
}
