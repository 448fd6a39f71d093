//! Importing the ICO template (with the irregularities real spreadsheets have)
//! and round-tripping whole registers through JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use ropa::ico_template::IcoColumn;
use ropa::import::{self, json};
use ropa::law::{Article9Condition, LawfulBasis, Schedule1Condition, SpecialCategory, TransferSafeguard};
use ropa::model::*;
use ropa::{Error, Store};

/// A register that already holds a service and two parties to match against.
fn existing() -> Store {
    let mut store = Store::in_memory().unwrap();
    store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    store.insert_party(&PartyFields::new("NHS", PartyKind::PublicAuthority)).unwrap();
    store.insert_party(&PartyFields::new("Greater Manchester Police", PartyKind::PublicAuthority)).unwrap();
    store
}

fn headings() -> Vec<String> {
    IcoColumn::ALL.iter().map(|c| c.heading().to_string()).collect()
}

/// A CSV file from rows of cells, written with the csv crate (quoting as Excel does).
fn csv_file(rows: &[Vec<String>], delimiter: u8) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.into_inner().unwrap()
}

fn row(cells: &[(IcoColumn, &str)]) -> Vec<String> {
    IcoColumn::ALL
        .iter()
        .map(|c| cells.iter().find(|(k, _)| k == c).map_or("", |(_, v)| v).to_string())
        .collect()
}

fn contact_block() -> Vec<Vec<String>> {
    let v = |cells: &[&str]| cells.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        v(&["Documentation template for controllers"]),
        v(&["", "Name", "Address", "Email", "Telephone"]),
        v(&[
            "Controller",
            "Manchester City Council",
            "Town Hall, Albert Square",
            "privacy@example.gov.uk",
            "0161 234 5000",
        ]),
        v(&["Data Protection Officer", "Jo Bloggs", "", "dpo@example.gov.uk", ""]),
        v(&["Representative", "", "", "", ""]),
        v(&[]),
    ]
}

fn early_help_row() -> Vec<String> {
    use IcoColumn::*;
    row(&[
        (BusinessFunction, "Early Help"),
        (Purpose, "Provide early help to families;\nSafeguard children"),
        (DataSubjects, "Children, parents, carers"),
        (PersonalData, "Name; Address; Health data; Ethnicity; Criminal offences"),
        (Recipients, "N.H.S.; Greater Manchester Police; Schools"),
        (Sources, "The individuals themselves; Greater  Manchester Police"),
        (ThirdCountries, "None"),
        (Retention, "6 years after case closure"),
        (Security, "Role-based access"),
        (Article6, "Article 6(1)(e) public task; 6.1(c)"),
        (Article9, "reasons of substantial public interest (Article 9(1)(g) of the UK GDPR); Art. 9(2)(h)"),
        (Schedule1, "Sch 1 para 18"),
        (AutomatedDecisionMaking, "No"),
        (Location, "Liquidlogic EHM\nPaper files"),
        (DpiaRequired, "Yes"),
        (DpiaProgress, "Completed"),
        (Breach, "No"),
        (RetainedPerPolicy, "Yes"),
    ])
}

fn analytics_row() -> Vec<String> {
    use IcoColumn::*;
    row(&[
        (BusinessFunction, "Website"),
        (Purpose, "Understand use of the website"),
        (DataSubjects, "Website visitors"),
        (PersonalData, "IP address, device"),
        (Recipients, "Google Ltd"),
        (ProcessorContract, "Google Analytics terms"),
        (ThirdCountries, "United States"),
        (TransferSafeguards, "UK IDTA"),
        (Retention, "14 months"),
        (Article6, "Consent"),
        (ConsentRecord, "Cookie banner log"),
    ])
}

fn template(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut all = contact_block();
    all.push(headings());
    all.extend(rows);
    all
}

fn plan_for(bytes: &[u8], store: &mut Store) -> import::Plan {
    let register = store.load_register().unwrap();
    import::read_ico_csv(bytes, "register.csv", &register).unwrap()
}

#[test]
fn a_realistic_ico_template_imports_with_contacts_citations_and_matched_parties() {
    let mut store = existing();
    let mut bytes = "\u{FEFF}".as_bytes().to_vec();
    bytes.extend(csv_file(&template(vec![early_help_row(), analytics_row()]), b','));
    let plan = plan_for(&bytes, &mut store);
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    import::apply(&plan, &mut store).unwrap();

    let register = store.load_register().unwrap();
    assert_eq!(register.organisation.controller.name, "Manchester City Council");
    assert_eq!(register.organisation.controller.telephone, "0161 234 5000");
    assert_eq!(register.organisation.dpo.email, "dpo@example.gov.uk");
    assert_eq!(register.services.len(), 2, "Early Help is matched, Website is new");

    let early =
        register.activities.iter().find(|a| a.fields.name == "Provide early help to families").unwrap();
    let f = &early.fields;
    assert_eq!(register.service_name(f.service_id), "Early Help");
    assert_eq!(f.purposes, ["Provide early help to families", "Safeguard children"]);
    assert_eq!(f.data_subjects, ["Children", "parents", "carers"]);
    // The officer's own words stay beside the Art 9(1) categories they were read as.
    assert_eq!(f.personal_data, ["Name", "Address", "Health data", "Ethnicity"]);
    assert_eq!(f.special_categories, [SpecialCategory::RacialOrEthnicOrigin, SpecialCategory::Health].into());
    assert_eq!(f.criminal_offence_data.as_deref(), Some("Criminal offences"));
    assert_eq!(f.lawful_bases, [LawfulBasis::LegalObligation, LawfulBasis::PublicTask].into());
    assert_eq!(f.article9_conditions, [Article9Condition::HealthOrSocialCare].into());
    assert_eq!(
        f.schedule1_conditions,
        [Schedule1Condition::SafeguardingOfChildrenAndIndividualsAtRisk].into()
    );
    assert_eq!(f.unrecognised_citations.len(), 1);
    assert!(f.unrecognised_citations[0].contains("Article 9(1)(g)"));
    assert_eq!(f.retention, Retention::Period { months: 72, from: "case closure".into() });
    assert_eq!(f.systems, ["Liquidlogic EHM", "Paper files"]);
    let dpia = register.dpia_answers(early.id);
    assert_eq!(dpia.required, Some(true));
    assert_eq!(dpia.progress, DpiaProgress::Completed);
    assert_eq!(f.automated_decision_making, None);
    assert!(f.transfers.is_empty(), "\"None\" is not a destination");

    let warning =
        plan.report.warnings.iter().find(|w| w.message.contains("9(2)(g) was probably meant")).unwrap();
    assert_eq!(
        warning.row,
        Some(8),
        "row 8: six contact-block rows, the heading row, then the first data row"
    );
    assert_eq!(warning.column.as_deref(), Some(IcoColumn::Article9.heading()));

    let names = |direction| {
        let mut names: Vec<&str> =
            register.links_of(early.id, direction).map(|l| register.party_name(l.fields.party_id)).collect();
        names.sort();
        names
    };
    assert_eq!(names(Direction::Recipient), ["Greater Manchester Police", "NHS", "Schools"]);
    assert_eq!(names(Direction::Source), ["Greater Manchester Police", "The individuals themselves"]);
    assert_eq!(register.parties.len(), 5, "NHS and the police are matched, not duplicated");
    let individuals =
        register.parties.iter().find(|p| p.fields.name == "The individuals themselves").unwrap();
    assert_eq!(individuals.fields.kind, PartyKind::DataSubjects);

    let web = register.activities.iter().find(|a| a.fields.name == "Understand use of the website").unwrap();
    assert_eq!(web.fields.transfers.len(), 1);
    assert_eq!(web.fields.transfers[0].destination, "United States");
    assert_eq!(web.fields.transfers[0].safeguard, Some(TransferSafeguard::Idta));
    assert_eq!(web.fields.lawful_bases, [LawfulBasis::Consent].into());
    assert_eq!(register.agreements.len(), 1);
    assert_eq!(register.agreements[0].fields.kind, AgreementKind::ProcessorContract);
}

#[test]
fn windows_1252_semicolons_and_loosely_worded_headings_are_understood() {
    let mut store = existing();
    let mut rows = template(vec![early_help_row()]);
    let header = contact_block().len();
    rows[header][0] = "  BUSINESS function ".into();
    rows[header][25] = "Data Protection Act 2018 Schedule Condition for processing".into();
    rows[header].push("Internal notes".into());
    rows[header + 1][1] = "Caf\u{e9} \u{201c}family\u{201d} support \u{2013} early help".into();
    let text = String::from_utf8(csv_file(&rows, b';')).unwrap();
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| match c {
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            '\u{2013}' => 0x96,
            c => u8::try_from(u32::from(c)).unwrap(),
        })
        .collect();
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must not be valid UTF-8");
    let plan = plan_for(&bytes, &mut store);
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    let activity = &plan.activities[0];
    assert_eq!(activity.fields.name, "Café “family” support – early help");
    assert_eq!(
        activity.fields.schedule1_conditions,
        [Schedule1Condition::SafeguardingOfChildrenAndIndividualsAtRisk].into(),
        "\"Schedule Condition\" is read as the Schedule 1 column"
    );
    assert!(plan.report.warnings.iter().any(|w| w.column.as_deref() == Some("Internal notes")));
}

#[test]
fn missing_columns_ragged_rows_and_merged_business_functions_are_tolerated() {
    let mut store = existing();
    let v = |cells: &[&str]| cells.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let rows = vec![
        v(&[
            "Business function",
            "Purpose of processing",
            "Categories of individuals",
            "Categories of personal data",
        ]),
        // (Cells past the last heading reject their row: tests/import_officers.rs.)
        v(&["Payroll", "Pay staff", "Employees", "Bank details"]),
        v(&["", "Pension returns", "Employees"]),
        v(&["", "", "", ""]),
    ];
    let plan = plan_for(&csv_file(&rows, b','), &mut store);
    assert_eq!(plan.activities.len(), 2);
    assert_eq!(plan.services.len(), 1, "the second row inherits Payroll");
    assert!(plan.report.warnings.iter().any(|w| w.row == Some(3) && w.message.contains("Payroll")));
    assert_eq!(plan.activities[1].fields.personal_data, Vec::<String>::new());
}

#[test]
fn duplicate_activities_are_rejected_with_the_row_and_the_rest_lands() {
    let mut store = existing();
    let bytes = csv_file(&template(vec![early_help_row(), early_help_row(), analytics_row()]), b',');
    let plan = plan_for(&bytes, &mut store);
    assert_eq!(plan.activities.len(), 2);
    assert_eq!(plan.report.rejected.len(), 1);
    assert_eq!(plan.report.rejected[0].row, Some(9));
    assert!(plan.report.lines()[0].starts_with("register.csv: rejected: row 9"), "{:?}", plan.report.lines());
    import::apply(&plan, &mut store).unwrap();
    let again = plan_for(&bytes, &mut store);
    assert!(again.activities.is_empty(), "importing twice creates nothing new");
    assert_eq!(again.report.rejected.len(), 3);
}

#[test]
fn bad_files_get_a_clear_error_and_leave_the_register_unchanged() {
    let mut store = existing();
    let before = store.load_register().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", b"  \r\n".to_vec(), "empty"),
        ("binary", b"PK\x03\x04\x14\x00\x06\x00binary".to_vec(), "binary"),
        (
            "wrong delimiter",
            b"Business function|Purpose of processing|Categories of individuals\r\nA|B|C\r\n".to_vec(),
            "heading row",
        ),
        ("not a register", b"name,age\r\nfred,3\r\n".to_vec(), "heading row"),
    ];
    for (what, bytes, expected) in cases {
        let register = store.load_register().unwrap();
        let error = import::read_ico_csv(&bytes, "bad.csv", &register).unwrap_err();
        assert!(matches!(error, Error::Import { .. }), "{what}: {error:?}");
        let message = error.to_string();
        assert!(message.contains(expected) && message.contains("bad.csv"), "{what}: {message}");
    }
    assert_eq!(store.load_register().unwrap(), before);
}

#[test]
fn a_fifty_megabyte_cell_rejects_its_row_only() {
    let mut store = existing();
    let mut huge = early_help_row();
    huge[10] = "x".repeat(50 * 1024 * 1024); // Column K, security measures.
    let bytes = csv_file(&template(vec![huge, analytics_row()]), b',');
    let plan = plan_for(&bytes, &mut store);
    assert_eq!(plan.activities.len(), 1);
    assert_eq!(plan.report.rejected.len(), 1);
    assert_eq!(plan.report.rejected[0].column.as_deref(), Some(IcoColumn::Security.heading()));
}

#[test]
fn a_plan_that_fails_part_way_lands_nothing() {
    let mut store = existing();
    let before = store.load_register().unwrap();
    let mut plan = plan_for(&csv_file(&template(vec![analytics_row()]), b','), &mut store);
    plan.services.push(ServiceFields { name: "early help".into(), ..Default::default() });
    let error = import::apply(&plan, &mut store).unwrap_err();
    assert!(matches!(error, Error::Duplicate { .. }), "{error:?}");
    assert_eq!(store.load_register().unwrap(), before);
}

#[test]
fn json_round_trips_byte_for_byte_and_merges_by_name() {
    let mut source = existing();
    import::apply(
        &plan_for(&csv_file(&template(vec![early_help_row(), analytics_row()]), b','), &mut source),
        &mut source,
    )
    .unwrap();
    let first = json::to_json(&source.load_register().unwrap()).unwrap();

    let mut copy = Store::in_memory().unwrap();
    let incoming = json::from_json(first.as_bytes(), "register.json").unwrap();
    let empty = copy.load_register().unwrap();
    import::apply(&json::merge_plan(&incoming, &empty, "register.json"), &mut copy).unwrap();
    let second = json::to_json(&copy.load_register().unwrap()).unwrap();
    assert_eq!(first, second);

    let mut partner = existing();
    let before = partner.load_register().unwrap();
    let plan = json::merge_plan(&incoming, &before, "register.json");
    assert!(plan.matched_parties.iter().any(|(_, existing)| existing == "NHS"));
    import::apply(&plan, &mut partner).unwrap();
    let merged = partner.load_register().unwrap();
    assert_eq!(merged.parties.iter().filter(|p| p.fields.name == "NHS").count(), 1);
    assert_eq!(merged.activities.len(), 2);
}

#[test]
fn json_from_elsewhere_is_refused_clearly() {
    for (bytes, expected) in [
        (&b"not json"[..], "not a JSON register"),
        (br#"{"format":"something-else","version":1}"#, "not a ROPA Register JSON"),
        (br#"{"format":"ropa-register","version":99,"register":{}}"#, "newer version"),
        (br#"{"format":"ropa-register","version":1,"register":{"services":3}}"#, "does not match"),
    ] {
        let error = json::from_json(bytes, "x.json").unwrap_err().to_string();
        assert!(error.contains(expected) && error.contains("x.json"), "{error}");
    }
}

#[test]
fn the_import_command_previews_refuses_rejected_rows_and_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.ropa");
    drop(Store::create(&db).unwrap());
    let input = dir.path().join("ico.csv");
    std::fs::write(
        &input,
        csv_file(&template(vec![early_help_row(), early_help_row(), analytics_row()]), b','),
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"));
        command.args(["import", "--db"]).arg(&db).args(["--format", "ico-csv"]).arg(&input).args(extra);
        command.output().unwrap()
    };
    let count = || Store::open(&db).unwrap().activities().unwrap().len();

    let dry = run(&["--dry-run"]);
    let stdout = String::from_utf8_lossy(&dry.stdout);
    assert!(!dry.status.success(), "the dry run agrees with the real import, which refuses: {stdout}");
    assert!(stdout.contains("2 activities") && stdout.contains("rejected: row 9"), "{stdout}");
    assert_eq!(count(), 0);

    let refused = run(&[]);
    assert!(!refused.status.success());
    assert_eq!(count(), 0);

    let dry = run(&["--dry-run", "--skip-rejected"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stdout));
    assert_eq!(count(), 0);

    let imported = run(&["--skip-rejected"]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    assert_eq!(count(), 2);
}

#[test]
fn the_apps_own_ico_export_comes_back_with_names_and_formula_text_intact() {
    let mut source = Store::in_memory().unwrap();
    let service =
        source.insert_service(&ServiceFields { name: "Finance".into(), ..Default::default() }).unwrap();
    let mut fields = ActivityFields::new(service, "=SUM(A1:A9) reconciliation");
    fields.purposes = vec!["-1.5 adjustments".into(), "+44 161 helpline".into()];
    fields.data_subjects = vec!["@mentions".into()];
    fields.lawful_bases = [ropa::law::LawfulBasis::PublicTask].into();
    source.insert_activity(&fields, &[]).unwrap();
    let register = source.load_register().unwrap();
    let mut bytes = Vec::new();
    let options =
        ropa::export::Options { bom: true, generated_at: time::macros::datetime!(2026-11-22 12:00 UTC) };
    ropa::export::write(
        &register,
        ropa::export::Format::IcoCsv,
        &options,
        &mut bytes,
        &mut ropa::export::NoProgress,
    )
    .unwrap();
    let plan = import::read_ico_csv(&bytes, "export.csv", &Register::default()).unwrap();
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    let imported = &plan.activities[0].fields;
    assert_eq!(imported.name, "=SUM(A1:A9) reconciliation");
    assert_eq!(imported.purposes, ["-1.5 adjustments", "+44 161 helpline"]);
    assert_eq!(imported.data_subjects, ["@mentions"]);
    assert!(
        !plan
            .report
            .warnings
            .iter()
            .any(|w| w.column.as_deref().is_some_and(|c| c.contains("Processing activity")))
    );
}

#[test]
fn the_import_command_round_trips_the_full_csv_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.ropa");
    ropa::demo::populate(&mut Store::create(&source).unwrap()).unwrap();
    let target = dir.path().join("target.ropa");
    drop(Store::create(&target).unwrap());
    let ropa = |args: &[&std::ffi::OsStr]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    };
    let export = |db: &std::path::Path, out: &std::path::Path| {
        ropa(&[
            "export".as_ref(),
            "--db".as_ref(),
            db.as_os_str(),
            "--format".as_ref(),
            "full-csv".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ]);
    };
    let first = dir.path().join("first.csv");
    export(&source, &first);
    ropa(&[
        "import".as_ref(),
        "--db".as_ref(),
        target.as_os_str(),
        "--format".as_ref(),
        "full-csv".as_ref(),
        first.as_os_str(),
    ]);
    let second = dir.path().join("second.csv");
    export(&target, &second);
    assert!(
        std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap(),
        "the second export differs from the first"
    );
}
