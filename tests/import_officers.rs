//! Moving a real council register in: what officers write in the ICO template
//! (as CSV and as a workbook), read as they meant it, with every message naming
//! the row the spreadsheet shows; and starting a register from the command line.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::Path;
use std::process::{Command, Output};

use ropa::Store;
use ropa::ico_template::IcoColumn;
use ropa::import;
use ropa::law::{LawfulBasis, SpecialCategory};
use ropa::model::*;

fn headings() -> Vec<String> {
    IcoColumn::ALL.iter().map(|c| c.heading().to_string()).collect()
}

fn row(cells: &[(IcoColumn, &str)]) -> Vec<String> {
    IcoColumn::ALL
        .iter()
        .map(|c| cells.iter().find(|(k, _)| k == c).map_or("", |(_, v)| v).to_string())
        .collect()
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

/// A CSV file from rows of cells, quoted as Excel quotes.
fn csv_file(rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer =
        csv::WriterBuilder::new().flexible(true).terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.into_inner().unwrap()
}

/// The ICO template's contact block: one row per role, details across (rows 1-6).
fn contact_rows_per_role() -> Vec<Vec<String>> {
    vec![
        strings(&["Documentation of processing activities"]),
        strings(&["", "Name", "Address", "Email", "Telephone"]),
        strings(&[
            "Controller",
            "Wrexham County Borough Council",
            "Guildhall, Wrexham, LL11 1AY",
            "foi@wrexham.gov.uk",
            "01978 292000",
        ]),
        strings(&[
            "Data Protection Officer",
            "Data Protection Officer",
            "Guildhall, Wrexham",
            "dataprotection@wrexham.gov.uk",
            "",
        ]),
        strings(&["Representative", "Not applicable", "", "", ""]),
        strings(&[""]),
    ]
}

/// The same details with one column per role, labels down the side (rows 1-6).
fn contact_columns_per_role() -> Vec<Vec<String>> {
    vec![
        strings(&["", "Controller", "Data Protection Officer", "Representative"]),
        strings(&["Name", "Wrexham County Borough Council", "Data Protection Officer", "N/A"]),
        strings(&["Address", "Guildhall, Wrexham, LL11 1AY", "Guildhall, Wrexham", ""]),
        strings(&["Email", "foi@wrexham.gov.uk", "dataprotection@wrexham.gov.uk", ""]),
        strings(&["Telephone", "01978 292000", "", ""]),
        strings(&[""]),
    ]
}

/// A council's housing benefit row, in the words of real privacy notices.
fn benefits_row() -> Vec<String> {
    use IcoColumn::*;
    row(&[
        (BusinessFunction, "Revenues and Benefits"),
        (Purpose, "Assess and pay Housing Benefit and Council Tax Reduction"),
        (DataSubjects, "Claimants; partners; household members"),
        (
            PersonalData,
            "Name; Address; National Insurance number; Information about your physical or mental health; Ethnicity; Religious beliefs; Sexual orientation; Trade union membership",
        ),
        (
            Recipients,
            "Health professionals; Manchester University NHS Foundation Trust; Department for Work and Pensions; Citizens Advice",
        ),
        (Sources, "You; Department for Work and Pensions"),
        (ThirdCountries, "Not applicable."),
        (Retention, "6 years after the claim ends"),
        (Security, "Role-based access; encryption at rest"),
        (
            Article6,
            "Public task (Social Security Administration Act 1992, s.134); Legal obligation under section 10 of the Children Act 2004",
        ),
        (Article9, "Art 9(2)(g)"),
        (Schedule1, "Sch 1 para 6"),
        (AutomatedDecisionMaking, "Not applicable."),
        (JointController, "Not applicable."),
        (DpiaRequired, "No"),
        (Breach, "N/A"),
        (BreachLink, "N/A"),
    ])
}

fn template(contacts: Vec<Vec<String>>, rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut all = contacts;
    all.push(headings());
    all.extend(rows);
    csv_file(&all)
}

fn ropa(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn import_cmd(db: &Path, input: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["import".as_ref(), "--db".as_ref(), db.as_os_str(), input.as_os_str()];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    ropa(&args)
}

fn export_ico(register: &Register) -> Vec<Vec<String>> {
    let mut bytes = Vec::new();
    let options =
        ropa::export::Options { bom: false, generated_at: time::macros::datetime!(2026-12-01 12:00 UTC) };
    ropa::export::write(
        register,
        ropa::export::Format::IcoCsv,
        &options,
        &mut bytes,
        &mut ropa::export::NoProgress,
    )
    .unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The exported row of the first activity (after the contact block, band and headings).
fn first_activity_row(rows: &[Vec<String>]) -> Vec<String> {
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == IcoColumn::BusinessFunction.heading()))
        .unwrap();
    rows[header + 1].clone()
}

fn cell(row: &[String], column: IcoColumn) -> &str {
    let index = IcoColumn::ALL.iter().position(|c| *c == column).unwrap();
    row[index].as_str()
}

fn imported(bytes: &[u8]) -> (Store, import::Plan) {
    let mut store = Store::in_memory().unwrap();
    let register = store.load_register().unwrap();
    let plan = import::read_ico_csv(bytes, "council.csv", &register).unwrap();
    import::apply(&plan, &mut store).unwrap();
    (store, plan)
}

#[test]
fn not_applicable_answers_read_as_no_and_derive_no_art22_rights() {
    let (mut store, plan) = imported(&template(contact_rows_per_role(), vec![benefits_row()]));
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    let activity = &store.activities().unwrap()[0];
    assert_eq!(activity.fields.automated_decision_making, None);
    assert_eq!(activity.fields.role, Role::Controller);
    assert!(activity.fields.transfers.is_empty(), "{:?}", activity.fields.transfers);
    assert_eq!(activity.fields.breach, None);
    assert_eq!(store.load_register().unwrap().dpia_answers(activity.id).required, Some(false));
    let exported = first_activity_row(&export_ico(&store.load_register().unwrap()));
    assert_eq!(cell(&exported, IcoColumn::AutomatedDecisionMaking), "No");

    // The privacy notice built from it says no decision is made by automated means.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("council.csv");
    std::fs::write(&input, template(contact_rows_per_role(), vec![benefits_row()])).unwrap();
    let db = dir.path().join("register.ropa");
    assert!(import_cmd(&db, &input, &[]).status.success());
    let notice = ropa(&[
        "notice".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
        "--service".as_ref(),
        "Revenues and Benefits".as_ref(),
        "--format".as_ref(),
        "md".as_ref(),
        "--override".as_ref(),
    ]);
    let text = stdout(&notice);
    assert!(text.contains("We do not make decisions about you by automated means alone"), "{text}");
    assert!(!text.contains("decisions by automated means:"), "{text}");
}

#[test]
fn a_yes_with_detail_keeps_the_detail_once() {
    use IcoColumn::*;
    let adm = row(&[
        (BusinessFunction, "Revenues"),
        (Purpose, "Score arrears"),
        (AutomatedDecisionMaking, "Yes: arrears are scored by the system"),
    ]);
    let (store, _) = imported(&template(contact_rows_per_role(), vec![adm]));
    let activity = &store.activities().unwrap()[0];
    assert_eq!(
        activity.fields.automated_decision_making.as_deref(),
        Some("arrears are scored by the system")
    );
}

#[test]
fn legislation_in_the_basis_cell_is_kept_and_goes_back_out_in_the_same_column() {
    let (mut store, _) = imported(&template(contact_rows_per_role(), vec![benefits_row()]));
    let register = store.load_register().unwrap();
    let fields = &register.activities[0].fields;
    assert_eq!(
        fields.legislation,
        ["Social Security Administration Act 1992, s.134", "section 10 of the Children Act 2004"]
    );
    assert!(fields.lawful_bases.contains(&LawfulBasis::PublicTask));
    assert!(fields.lawful_bases.contains(&LawfulBasis::LegalObligation));
    assert!(fields.unrecognised_citations.is_empty(), "{:?}", fields.unrecognised_citations);
    let exported = export_ico(&register);
    let basis = cell(&first_activity_row(&exported), IcoColumn::Article6).to_string();
    assert!(basis.contains("Social Security Administration Act 1992, s.134"), "{basis}");
    assert!(basis.contains("section 10 of the Children Act 2004"), "{basis}");

    // And back in again: the same legislation, no more, no less.
    let again = csv_file(&exported);
    let (store2, _) = imported(&again);
    assert_eq!(store2.activities().unwrap()[0].fields.legislation, fields.legislation);
}

#[test]
fn the_contact_block_is_read_in_either_layout_and_the_report_says_what_was_taken() {
    let dir = tempfile::tempdir().unwrap();
    for (index, contacts) in [contact_rows_per_role(), contact_columns_per_role()].into_iter().enumerate() {
        let input = dir.path().join(format!("council-{index}.csv"));
        std::fs::write(&input, template(contacts, vec![benefits_row()])).unwrap();
        let db = dir.path().join(format!("register-{index}.ropa"));
        let output = import_cmd(&db, &input, &[]);
        let out = stdout(&output);
        assert!(output.status.success(), "{out}{}", String::from_utf8_lossy(&output.stderr));
        assert!(out.contains("controller: name, address, email, telephone"), "{out}");
        assert!(out.contains("DPO: name, address, email"), "{out}");
        assert!(!out.contains("representative:"), "{out}");
        let organisation = Store::open(&db).unwrap().organisation().unwrap();
        assert_eq!(organisation.controller.name, "Wrexham County Borough Council");
        assert_eq!(organisation.controller.address, "Guildhall, Wrexham, LL11 1AY");
        assert_eq!(organisation.controller.email, "foi@wrexham.gov.uk");
        assert_eq!(organisation.controller.telephone, "01978 292000");
        assert_eq!(organisation.dpo.email, "dataprotection@wrexham.gov.uk");
        assert!(organisation.representative.is_empty(), "{:?}", organisation.representative);
    }
}

#[test]
fn recipients_get_the_kinds_their_names_say() {
    let (store, _) = imported(&template(contact_rows_per_role(), vec![benefits_row()]));
    let kind = |name: &str| {
        store.parties().unwrap().into_iter().find(|p| p.fields.name == name).unwrap().fields.kind
    };
    assert_eq!(kind("Health professionals"), PartyKind::Other);
    assert_eq!(kind("Manchester University NHS Foundation Trust"), PartyKind::PublicAuthority);
    assert_eq!(kind("Department for Work and Pensions"), PartyKind::PublicAuthority);
    assert_eq!(kind("Citizens Advice"), PartyKind::VoluntarySector);
    assert_eq!(kind("You"), PartyKind::DataSubjects);
}

#[test]
fn free_text_special_category_wording_maps_to_art9_with_the_words_kept() {
    let (store, _) = imported(&template(contact_rows_per_role(), vec![benefits_row()]));
    let fields = &store.activities().unwrap()[0].fields;
    use SpecialCategory::*;
    assert_eq!(
        fields.special_categories,
        [
            Health,
            RacialOrEthnicOrigin,
            ReligiousOrPhilosophicalBeliefs,
            SexLifeOrSexualOrientation,
            TradeUnionMembership
        ]
        .into_iter()
        .collect()
    );
    // "Trade union membership" is the law's own title, so it needs no copy.
    for words in [
        "Information about your physical or mental health",
        "Ethnicity",
        "Religious beliefs",
        "Sexual orientation",
    ] {
        assert!(
            fields.personal_data.iter().any(|p| p == words),
            "{words} not kept: {:?}",
            fields.personal_data
        );
    }
    assert!(fields.personal_data.iter().any(|p| p == "National Insurance number"));
}

#[test]
fn row_numbers_are_the_spreadsheets_past_blank_rows_and_multi_line_cells() {
    use IcoColumn::*;
    let multi = row(&[
        (BusinessFunction, "Housing"),
        (Purpose, "Allocate homes"),
        (Security, "Access control\nAudit logs\nEncryption"),
    ]);
    let duplicate = multi.clone();
    // Rows 1-6 contacts, 7 headings, 8 the multi-line row, 9 blank, 10 the duplicate.
    let mut bytes = template(contact_rows_per_role(), vec![multi]);
    bytes.extend_from_slice(b"\r\n");
    bytes.extend(csv_file(&[duplicate]));
    let register = Register::default();
    let plan = import::read_ico_csv(&bytes, "council.csv", &register).unwrap();
    assert_eq!(plan.activities[0].row, Some(8));
    assert_eq!(plan.report.rejected.len(), 1, "{:?}", plan.report.rejected);
    assert_eq!(plan.report.rejected[0].row, Some(10), "{:?}", plan.report.rejected);
}

#[test]
fn an_unclosed_quote_is_a_rejected_row_named_by_number_and_the_register_is_unchanged() {
    use IcoColumn::*;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.ropa");
    assert!(ropa(&["new".as_ref(), "--out".as_ref(), db.as_os_str()]).status.success());
    let before = std::fs::read(&db).unwrap();
    let good = row(&[(BusinessFunction, "Housing"), (Purpose, "Allocate homes")]);
    let mut bytes = template(contact_rows_per_role(), vec![good.clone()]);
    // Row 9: a cell opened with a quote that is never closed; rows 10 and 11 follow.
    bytes.extend_from_slice(b"Housing,\"Repairs to council homes,,,\r\n");
    bytes.extend(csv_file(&[
        row(&[(BusinessFunction, "Housing"), (Purpose, "Tenancy management")]),
        row(&[(BusinessFunction, "Housing"), (Purpose, "Rent collection")]),
    ]));
    let plan = import::read_ico_csv(&bytes, "council.csv", &Register::default()).unwrap();
    assert_eq!(plan.report.rejected.len(), 1, "{:?}", plan.report.rejected);
    assert_eq!(plan.report.rejected[0].row, Some(9));
    assert!(plan.report.rejected[0].message.contains("never closed"));
    let names: Vec<&str> = plan.activities.iter().map(|a| a.fields.name.as_str()).collect();
    assert_eq!(names, ["Allocate homes", "Tenancy management", "Rent collection"]);

    let input = dir.path().join("broken.csv");
    std::fs::write(&input, &bytes).unwrap();
    let output = import_cmd(&db, &input, &[]);
    assert!(!output.status.success());
    assert!(stdout(&output).contains("rejected: row 9"), "{}", stdout(&output));
    assert!(std::fs::read(&db).unwrap() == before, "the register changed");
}

#[test]
fn too_many_cells_in_a_row_is_rejected_not_shifted() {
    use IcoColumn::*;
    let mut shifted = row(&[(BusinessFunction, "Libraries"), (Purpose, "Lend books")]);
    shifted.push("stray".into());
    let bytes = template(contact_rows_per_role(), vec![shifted]);
    let plan = import::read_ico_csv(&bytes, "council.csv", &Register::default()).unwrap();
    assert!(plan.activities.is_empty());
    assert_eq!(plan.report.rejected.len(), 1);
    assert_eq!(plan.report.rejected[0].row, Some(8));
    assert!(plan.report.rejected[0].message.contains("column AE"), "{}", plan.report.rejected[0].message);
}

#[test]
fn ropa_new_starts_a_register_and_import_creates_one_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.ropa");
    let output = ropa(&[
        "new".as_ref(),
        "--out".as_ref(),
        db.as_os_str(),
        "--organisation".as_ref(),
        "Wrexham County Borough Council".as_ref(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout(&output).contains("Created a new register"));
    assert_eq!(
        Store::open(&db).unwrap().organisation().unwrap().controller.name,
        "Wrexham County Borough Council"
    );
    let again = ropa(&["new".as_ref(), "--out".as_ref(), db.as_os_str()]);
    assert!(!again.status.success(), "a second `ropa new` must not replace the register");

    let input = dir.path().join("council.csv");
    std::fs::write(&input, template(contact_rows_per_role(), vec![benefits_row()])).unwrap();
    let fresh = dir.path().join("fresh.ropa");
    let dry = import_cmd(&fresh, &input, &["--dry-run"]);
    assert!(dry.status.success());
    assert!(stdout(&dry).contains("would create it"), "{}", stdout(&dry));
    assert!(!fresh.exists(), "a dry run created the register");
    let output = import_cmd(&fresh, &input, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        stdout(&output).contains(&format!("Created a new register at {}", fresh.display())),
        "{}",
        stdout(&output)
    );
    assert!(stdout(&output).contains("Reading"), "the detected layout is named: {}", stdout(&output));
    assert_eq!(Store::open(&fresh).unwrap().activities().unwrap().len(), 1);
}

#[test]
fn a_refused_import_into_a_new_path_leaves_no_register_behind() {
    use IcoColumn::*;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dup.csv");
    let r = row(&[(BusinessFunction, "Housing"), (Purpose, "Allocate homes")]);
    std::fs::write(&input, template(contact_rows_per_role(), vec![r.clone(), r])).unwrap();
    let db = dir.path().join("fresh.ropa");
    let output = import_cmd(&db, &input, &[]);
    assert!(!output.status.success());
    assert!(!db.exists());
}

/// A council register kept in the ICO workbook: an introduction sheet first, then
/// the register sheet with its contact block, a merged band row over the
/// headings, a business function merged down over two activities, a multi-line
/// cell, a date and a cell that looks like a formula.
fn council_workbook() -> Vec<u8> {
    use IcoColumn::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let intro = workbook.add_worksheet();
    intro.set_name("Introduction").unwrap();
    intro.write_string(0, 0, "How to use this template").unwrap();
    intro.write_string(2, 0, "Business function: the area of your organisation").unwrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Template").unwrap();
    // Rows 1-5: one row per role beside headings (0-based 0-4).
    for (r, cells) in contact_rows_per_role().iter().take(5).enumerate() {
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r as u32, c as u16, text).unwrap();
            }
        }
    }
    // Row 7: a band merged over A:C; row 8: the headings.
    sheet.merge_range(6, 0, 6, 2, "Article 30 record", &Format::new()).unwrap();
    for (c, heading) in headings().iter().enumerate() {
        sheet.write_string(7, c as u16, heading).unwrap();
    }
    let col = |column: IcoColumn| IcoColumn::ALL.iter().position(|c| *c == column).unwrap() as u16;
    // Rows 9 and 10 share a business function merged down A9:A10.
    sheet.merge_range(8, 0, 9, 0, "Housing", &Format::new()).unwrap();
    sheet.write_string(8, col(Purpose), "Allocate council homes").unwrap();
    sheet.write_string(8, col(Security), "Access control\nAudit logs").unwrap();
    sheet.write_string(8, col(AutomatedDecisionMaking), "Not applicable.").unwrap();
    sheet.write_string(8, col(Article6), "Public task (Housing Act 1996, Part 6)").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_datetime_with_format(
            8,
            col(PolicyExceptions),
            ExcelDateTime::from_ymd(2025, 4, 1).unwrap(),
            &date,
        )
        .unwrap();
    sheet.write_string(9, col(Purpose), "=HYPERLINK(\"https://example.gov.uk\")").unwrap();
    // Row 11 repeats row 9's activity.
    sheet.write_string(10, 0, "Housing").unwrap();
    sheet.write_string(10, col(Purpose), "Allocate council homes").unwrap();
    workbook.save_to_buffer().unwrap()
}

#[test]
fn an_ico_workbook_imports_from_its_register_sheet_with_the_spreadsheets_rows() {
    let bytes = council_workbook();
    assert_eq!(import::detect::detect(&bytes), import::detect::Layout::Workbook);
    let plan = import::read_ico_workbook(&bytes, "council.xlsx", &Register::default()).unwrap();
    assert!(plan.report.file.contains("sheet \"Template\""), "{}", plan.report.file);
    let organisation = plan.organisation.clone().unwrap();
    assert_eq!(organisation.edited.controller.name, "Wrexham County Borough Council");
    assert_eq!(organisation.edited.controller.telephone, "01978 292000");
    assert_eq!(plan.activities.len(), 2, "{:?}", plan.report);
    let first = &plan.activities[0];
    assert_eq!(first.row, Some(9));
    assert_eq!(first.fields.security_measures, "Access control\nAudit logs");
    assert_eq!(first.fields.automated_decision_making, None);
    assert_eq!(first.fields.legislation, ["Housing Act 1996, Part 6"]);
    assert_eq!(first.fields.policy_exceptions, "2025-04-01");
    let second = &plan.activities[1];
    assert_eq!(second.row, Some(10));
    assert_eq!(second.fields.name, "=HYPERLINK(\"https://example.gov.uk\")");
    assert_eq!(plan.services.len(), 1, "the merged Housing cell covers both rows");
    assert_eq!(plan.report.rejected.len(), 1, "{:?}", plan.report.rejected);
    assert_eq!(plan.report.rejected[0].row, Some(11));
}

#[test]
fn the_import_command_reads_a_workbook_without_being_told_its_format() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("council.xlsx");
    std::fs::write(&input, council_workbook()).unwrap();
    let db = dir.path().join("register.ropa");
    let output = import_cmd(&db, &input, &["--skip-rejected"]);
    let out = stdout(&output);
    assert!(output.status.success(), "{out}{}", String::from_utf8_lossy(&output.stderr));
    assert!(out.contains("a workbook"), "{out}");
    assert!(out.contains("sheet \"Template\": rejected: row 11"), "{out}");
    assert_eq!(Store::open(&db).unwrap().activities().unwrap().len(), 2);
}

/// Acts whose titles have a comma or a bracket inside (from legislation.gov.uk),
/// written after "Legislation:" as the export writes them.
const TITLES: [&str; 3] = [
    "Nationality, Asylum and Immigration Act 2002",
    "Asylum and Immigration (Treatment of Claimants, etc.) Act 2004",
    "The Privacy and Electronic Communications (EC Directive) Regulations 2003",
];

#[test]
fn legislation_after_its_label_is_kept_word_for_word_however_its_titles_are_punctuated() {
    let mut row = benefits_row();
    let basis = format!("Art 6(1)(e) Public task; Legislation: {}", TITLES.join("; "));
    row[IcoColumn::ALL.iter().position(|c| *c == IcoColumn::Article6).unwrap()] = basis;
    let (store, _) = imported(&template(contact_rows_per_role(), vec![row]));
    let fields = &store.activities().unwrap()[0].fields;
    assert_eq!(fields.legislation, TITLES);
    assert_eq!(fields.lawful_bases, [LawfulBasis::PublicTask].into_iter().collect());
}

#[test]
fn an_unmarked_item_beside_marked_special_category_data_stays_as_the_officer_classed_it() {
    let mut row = benefits_row();
    let data = "Name; biometric residence permit number; Health (special category); medical history";
    row[IcoColumn::ALL.iter().position(|c| *c == IcoColumn::PersonalData).unwrap()] = data.into();
    let (store, plan) = imported(&template(contact_rows_per_role(), vec![row]));
    let fields = &store.activities().unwrap()[0].fields;
    assert_eq!(fields.special_categories, [SpecialCategory::Health].into_iter().collect());
    assert_eq!(fields.personal_data, ["Name", "biometric residence permit number", "medical history"]);
    let notes: Vec<String> =
        plan.report.lines().into_iter().filter(|l| l.contains("may be special")).collect();
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert!(notes[0].contains("Biometric") && notes[0].contains("row 8"), "{notes:#?}");
}
