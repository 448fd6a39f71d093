//! A council's own layout moving in through a column mapping: well-known headings
//! map without asking, guessed ones wait for the officer's word (`--map`,
//! `--map-file`, `--accept-mapping`), unmapped columns are kept as notes in the
//! description, and the mapping is remembered for the next import of the layout.
//!
//! The parish council sheet uses the headings of the data audit that parish
//! councils publish (Great Badminton Parish Council, Wool Parish Council: "Information
//! type", "What personal information (data) is collected?", ...); the council
//! register uses the headings of a council's own record ("Data processing activity /
//! Purpose / Legal basis / Relevant law / Retention / Recipients"); the CNIL's
//! register is in French.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::Path;
use std::process::{Command, Output};

use ropa::Store;
use ropa::import::mapping::{Basis, ColumnMapping, MappingInput, Target, memory_path};
use ropa::import::read_workbook_mapped;
use ropa::law::LawfulBasis;
use ropa::model::{Register, Retention};

/// Writes rows of text cells (row 1 first) into a one-sheet workbook.
fn workbook(sheet_name: &str, rows: &[Vec<&str>]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name).unwrap();
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// A parish council's data audit, in the layout parish councils publish: a
/// contact block, a "COLUMN A..." row, the headings on row 9 (one of them on two
/// lines), then a band row "Information in" over the rows it covers.
fn parish_audit() -> Vec<u8> {
    workbook(
        "Data audit",
        &[
            vec!["Adopted by the Parish Council on 12th July 2018"],
            vec!["Council contact details", "", "DPO contact details"],
            vec!["Contact name:", "Clerk to the Council"],
            vec!["Contact address:", "The Village Hall, The Street"],
            vec!["Contact phone number:", "01454 000000"],
            vec!["Contact email:", "clerk@parish.example"],
            vec![],
            vec![
                "COLUMN A", "COLUMN B", "COLUMN C", "COLUMN D", "COLUMN E", "COLUMN F", "COLUMN G",
                "COLUMN H", "COLUMN I",
            ],
            vec![
                "Information\ntype",
                "What personal information (data) is collected?",
                "Category of\nindividual",
                "Where does the\ndata go?",
                "Where and how is\nthe data stored?",
                "What security measures\ndo you use?",
                "Why do you need the data? Processing purpose",
                "Lawful basis\nfor processing",
                "How long do you\nretain the data?",
            ],
            vec!["Information in"],
            vec![
                "Email in",
                "Email address; persons name; possibly phone number",
                "Resident/councillor/employee/contractor",
                "To the intended recipient/council meeting",
                "Email server/hard drive/hard copy",
                "Password/encryption",
                "Management",
                "Public task; Legal obligation",
                "As long as necessary",
            ],
            vec![
                "Invoices",
                "Persons name; email address; address; bank details",
                "Contractor",
                "To recipient and to council meeting",
                "Filing cabinet/email system/hard drive",
                "",
                "Paying suppliers",
                "Contract; Legal obligation",
                "8 years",
            ],
        ],
    )
}

const COUNCIL_HEADINGS: [&str; 9] = [
    "Service area",
    "Data processing activity",
    "Purpose",
    "Legal basis",
    "Relevant law",
    "Retention",
    "Recipients",
    "Data obtained from",
    "Local reference",
];

/// A council's own register: well-known headings, one to guess ("Data obtained
/// from") and one no field fits ("Local reference").
fn council_register(activity: &str, reference: &str) -> Vec<u8> {
    workbook(
        "ROPA",
        &[
            COUNCIL_HEADINGS.to_vec(),
            vec![
                "Human Resources",
                activity,
                "Pay staff and keep their employment records",
                "Contract; Legal obligation",
                "Employment Rights Act 1996; Income Tax (Earnings and Pensions) Act 2003",
                "6 years after employment ends",
                "HM Revenue and Customs; Local Government Pension Scheme",
                "Employees",
                reference,
            ],
        ],
    )
}

fn ropa(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).output().unwrap()
}

fn import_cmd(db: &Path, input: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["import".as_ref(), "--db".as_ref(), db.as_os_str(), input.as_os_str()];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    ropa(&args)
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn a_parish_data_audit_maps_its_well_known_headings_without_asking() {
    let mapped =
        read_workbook_mapped(&parish_audit(), "audit.xlsx", &Register::default(), MappingInput::default())
            .unwrap();
    assert_eq!(mapped.heading_row, 9);
    assert!(!mapped.needs_confirming(), "{:?}", mapped.lines());
    let targets: Vec<Target> = mapped.proposals.iter().map(|p| p.target).collect();
    use ropa::ico_template::IcoColumn::*;
    assert_eq!(
        targets,
        [
            Target::Name,
            Target::Column(PersonalData),
            Target::Column(DataSubjects),
            Target::Column(Recipients),
            Target::Column(Location),
            Target::Column(Security),
            Target::Column(Purpose),
            Target::Column(Article6),
            Target::Column(Retention),
        ]
    );
    assert!(mapped.proposals.iter().all(|p| p.basis == Basis::Known));
    let plan = &mapped.plan;
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    let names: Vec<&str> = plan.activities.iter().map(|a| a.fields.name.as_str()).collect();
    assert_eq!(names, ["Email in", "Invoices"]);
    assert_eq!(plan.activities[0].row, Some(11), "the spreadsheet's row number");
    let services: Vec<&str> = plan.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(services, ["Information in"], "the band row names the business function");
    let invoices = &plan.activities[1].fields;
    assert_eq!(invoices.personal_data, ["Persons name", "email address", "address", "bank details"]);
    assert_eq!(invoices.purposes, ["Paying suppliers"]);
    assert!(invoices.lawful_bases.contains(&LawfulBasis::Contract));
    assert!(invoices.lawful_bases.contains(&LawfulBasis::LegalObligation));
    assert_eq!(invoices.retention, ropa::model::Retention::Period { months: 96, from: String::new() });
    assert_eq!(invoices.systems, ["Filing cabinet/email system/hard drive"]);
}

#[test]
fn the_cnil_register_in_french_maps_its_headings() {
    let bytes = workbook(
        "Registre",
        &[
            vec![
                "Nom / sigle du traitement",
                "Finalité(s) du traitement",
                "Catégories de personnes concernées",
                "Catégories de données",
                "Catégories de destinataires",
                "Durée de conservation",
                "Mesures de sécurité",
            ],
            vec![
                "Gestion de la paie",
                "Payer les salariés",
                "Salariés",
                "Nom; Coordonnées bancaires",
                "Administration fiscale",
                "5 years",
                "Accès restreint",
            ],
        ],
    );
    let mapped =
        read_workbook_mapped(&bytes, "registre.xlsx", &Register::default(), MappingInput::default()).unwrap();
    assert!(mapped.proposals.iter().all(|p| p.basis == Basis::Known), "{:?}", mapped.lines());
    let activity = &mapped.plan.activities[0].fields;
    assert_eq!(activity.name, "Gestion de la paie");
    assert_eq!(activity.purposes, ["Payer les salariés"]);
    assert_eq!(activity.data_subjects, ["Salariés"]);
    assert_eq!(activity.security_measures, "Accès restreint");
    assert_eq!(mapped.plan.services[0].name, "Registre", "no function column: the sheet names it");
}

#[test]
fn a_council_layout_waits_for_the_officer_then_lands_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("council.xlsx");
    std::fs::write(&input, council_register("Payroll", "HR-01")).unwrap();
    let db = dir.path().join("register.ropa");

    // The dry run shows the mapping, the guess and the column kept as a note.
    let dry = import_cmd(&db, &input, &["--dry-run"]);
    let out = text(&dry);
    assert!(!dry.status.success(), "a guessed column needs the officer's word: {out}");
    assert!(out.contains("column mapping (sheet \"ROPA\", headings on row 1):"), "{out}");
    assert!(out.contains("E \"Relevant law\" -> legislation (a well-known heading)"), "{out}");
    assert!(
        out.contains("H \"Data obtained from\" -> sources (guessed from its words or cells: check it)"),
        "{out}"
    );
    assert!(
        out.contains("unmapped column I \"Local reference\": kept in each activity's description"),
        "{out}"
    );
    assert!(out.contains("--map \"Service area=business-function;"), "{out}");

    // Without the officer's word nothing lands, not even a new register.
    let refused = import_cmd(&db, &input, &[]);
    assert!(!refused.status.success(), "{}", text(&refused));
    assert!(!db.exists(), "nothing was created");

    // The officer confirms the guess with --map; the import lands.
    let landed = import_cmd(&db, &input, &["--map", "Data obtained from=sources"]);
    let out = text(&landed);
    assert!(landed.status.success(), "{out}");
    assert!(out.contains("Remembered the column mapping"), "{out}");
    let register = Store::open(&db).unwrap().load_register().unwrap();
    let payroll = &register.activities[0].fields;
    assert_eq!(payroll.name, "Payroll");
    assert_eq!(register.service_name(payroll.service_id), "Human Resources");
    assert_eq!(
        payroll.legislation,
        ["Employment Rights Act 1996", "Income Tax (Earnings and Pensions) Act 2003"]
    );
    assert_eq!(payroll.description, "Local reference: HR-01", "the unmapped column is kept as a note");
    assert!(payroll.lawful_bases.contains(&LawfulBasis::LegalObligation));
    assert_eq!(payroll.retention, Retention::Period { months: 72, from: "employment ends".into() });
    let parties: Vec<&str> = register.parties.iter().map(|p| p.fields.name.as_str()).collect();
    assert!(parties.contains(&"Employees"), "the source column: {parties:?}");
    assert!(parties.contains(&"HM Revenue and Customs"), "{parties:?}");
    let remembered = std::fs::read_to_string(memory_path(&db)).unwrap();
    assert!(remembered.contains("Data obtained from = sources"), "{remembered}");

    // The next import of the same layout uses the remembered mapping unasked.
    let next = dir.path().join("next.xlsx");
    std::fs::write(&next, council_register("Recruitment", "HR-02")).unwrap();
    let again = import_cmd(&db, &next, &[]);
    let out = text(&again);
    assert!(again.status.success(), "{out}");
    assert!(out.contains("-> sources (remembered from the last import of this layout)"), "{out}");
    let register = Store::open(&db).unwrap().load_register().unwrap();
    assert_eq!(register.activities.len(), 2);
}

#[test]
fn accept_mapping_takes_the_guesses_and_a_map_file_changes_them() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("council.xlsx");
    std::fs::write(&input, council_register("Payroll", "HR-01")).unwrap();
    let db = dir.path().join("accepted.ropa");
    let accepted = import_cmd(&db, &input, &["--accept-mapping"]);
    assert!(accepted.status.success(), "{}", text(&accepted));

    let map_file = dir.path().join("council.map");
    std::fs::write(&map_file, "# our register\nData obtained from = note\nLocal reference = owner\n")
        .unwrap();
    let db = dir.path().join("mapped.ropa");
    let path = map_file.to_str().unwrap();
    let mapped = import_cmd(&db, &input, &["--map-file", path]);
    assert!(mapped.status.success(), "{}", text(&mapped));
    let register = Store::open(&db).unwrap().load_register().unwrap();
    let payroll = &register.activities[0].fields;
    assert_eq!(payroll.owner, "HR-01");
    assert_eq!(payroll.description, "Data obtained from: Employees");
}

#[test]
fn a_bad_mapping_is_refused_naming_the_file_sheet_row_and_heading() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("council.xlsx");
    std::fs::write(&input, council_register("Payroll", "HR-01")).unwrap();
    let db = dir.path().join("register.ropa");

    let unknown_field = import_cmd(&db, &input, &["--map", "Relevant law=statute book"]);
    let out = text(&unknown_field);
    assert!(!unknown_field.status.success());
    assert!(out.contains("\"statute book\" (for the heading \"Relevant law\") is not a field"), "{out}");

    let missing = import_cmd(&db, &input, &["--map", "Departement=business-function"]);
    let out = text(&missing);
    assert!(!missing.status.success());
    assert!(out.contains("council.xlsx, sheet \"ROPA\""), "{out}");
    assert!(
        out.contains("the heading \"Departement\", which is not among the headings of sheet \"ROPA\", row 1"),
        "{out}"
    );

    let twice = import_cmd(&db, &input, &["--map", "Local reference=purpose"]);
    let out = text(&twice);
    assert!(!twice.status.success());
    assert!(
        out.contains("the headings \"Purpose\" (column C) and \"Local reference\" (column I) of sheet \"ROPA\", row 1 both map to purpose"),
        "{out}"
    );

    let bad_file = dir.path().join("bad.map");
    std::fs::write(&bad_file, "Purpose purpose\n").unwrap();
    let out = text(&import_cmd(&db, &input, &["--map-file", bad_file.to_str().unwrap()]));
    assert!(out.contains("\"Purpose purpose\" is not HEADING=FIELD. Mapping file:"), "{out}");
    assert!(!db.exists(), "no register was made by a refused import");
}

#[test]
fn a_given_mapping_reads_a_layout_whose_words_say_nothing() {
    let bytes = workbook(
        "Sheet1",
        &[vec!["Ref", "Col 2", "Col 3", "Col 4"], vec!["A1", "Council Tax", "Bill residents", "Public task"]],
    );
    let register = Register::default();
    let error = read_workbook_mapped(&bytes, "odd.xlsx", &register, MappingInput::default()).unwrap_err();
    assert!(error.to_string().contains("name the columns with --map"), "{error}");
    let given = ColumnMapping::parse("Col 2=name;Col 3=purpose;Col 4=lawful-basis").unwrap();
    let input = MappingInput { given: Some(&given), memory: None };
    let mapped = read_workbook_mapped(&bytes, "odd.xlsx", &register, input).unwrap();
    let activity = &mapped.plan.activities[0].fields;
    assert_eq!(activity.name, "Council Tax");
    assert_eq!(activity.purposes, ["Bill residents"]);
    assert_eq!(activity.description, "Ref: A1");
}
