//! The workbook export (`ico-xlsx`) and the processor record (`processor-csv`),
//! checked as a user meets them: every sheet read back with calamine and compared
//! with the CSV export of the same register, the sheet XML checked for frozen
//! panes, autofilters and dropdowns, and the workbook opened by LibreOffice.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod export_support;

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use export_support::{ACTIVITY_NAMES, TRICKY};
use ropa::Store;
use ropa::export::{self, ExportContext, Format, NoProgress, Options, Scope, xlsx};
use ropa::law::TransferSafeguard;
use ropa::model::{ActivityFields, ActivityStatus, Register, Role, ServiceFields, Transfer};

fn options() -> Options {
    Options { bom: false, generated_at: time::macros::datetime!(2026-11-22 21:35 UTC) }
}

fn export(register: &Register, format: Format) -> Vec<u8> {
    let mut bytes = Vec::new();
    export::write(register, format, &options(), &mut bytes, &mut NoProgress).unwrap();
    bytes
}

/// The export fixture plus two activities carried out as a processor.
fn register_with_processing() -> Register {
    let mut store = export_support::store();
    store.batch(add_processor_activities).unwrap();
    store.load_register().unwrap()
}

fn add_processor_activities(batch: &ropa::store::Batch<'_>) -> ropa::Result<()> {
    let payroll =
        batch.insert_service(&ServiceFields { name: "Payroll bureau".into(), ..Default::default() })?;
    let mut schools = ActivityFields::new(payroll, "Payroll for maintained schools");
    schools.status = ActivityStatus::Active;
    schools.role = Role::Processor {
        for_controller: "St Mary’s Primary School, Church Lane, Łódź-on-Sea; head@stmarys.example".into(),
    };
    schools.security_measures = "=cmd|' /C calc'!A0; ISO 27001 certified".into();
    schools.transfers = vec![
        Transfer {
            destination: "India".into(),
            safeguard: Some(TransferSafeguard::Idta),
            detail: "IDTA signed 2024-05-01; reviewed yearly".into(),
            data_protection_test_met: None,
        },
        Transfer {
            destination: "Côte d'Ivoire".into(),
            safeguard: None,
            detail: String::new(),
            data_protection_test_met: None,
        },
    ];
    batch.insert_activity(&schools, &[])?;
    let mut academy = ActivityFields::new(payroll, "Pension returns for an academy trust");
    academy.role = Role::Processor { for_controller: "Northshire Academy Trust".into() };
    batch.insert_activity(&academy, &[])?;
    Ok(())
}

fn open(bytes: &[u8]) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap()
}

/// A sheet's cells as text, row `i` being the spreadsheet's row `i + 1`, with
/// trailing empty cells and rows dropped.
fn sheet_rows(workbook: &mut Xlsx<std::io::Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<String>> {
    let range = workbook.worksheet_range(name).unwrap();
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
    for row in range.rows() {
        let mut cells: Vec<String> = vec![String::new(); left as usize];
        cells.extend(row.iter().map(|cell| match cell {
            Data::Empty => String::new(),
            Data::String(text) => text.clone(),
            other => panic!("sheet {name}: a cell that is not text: {other:?}"),
        }));
        rows.push(cells);
    }
    trim(rows)
}

fn trim(mut rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    for row in &mut rows {
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
    }
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    rows
}

/// Every row of a CSV, cells as written (not restored), trimmed like [`sheet_rows`].
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    trim(reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect())
}

/// The XML of the `index`th worksheet (1-based, in sheet order).
fn sheet_xml(bytes: &[u8], index: usize) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut file = archive.by_name(&format!("xl/worksheets/sheet{index}.xml")).unwrap();
    let mut xml = String::new();
    file.read_to_string(&mut xml).unwrap();
    xml
}

/// No text cell may start (after whitespace) with a character that runs a formula.
fn assert_no_formula(sheet: &str, rows: &[Vec<String>]) {
    for (number, row) in rows.iter().enumerate() {
        for cell in row {
            let first = cell.chars().find(|c| !c.is_whitespace() || *c == '\t' || *c == '\r');
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')),
                "sheet {sheet}, row {}: cell {cell:?} would run as a formula",
                number + 1
            );
        }
    }
}

#[test]
fn the_workbook_has_its_sheets_in_order() {
    let bytes = export(&register_with_processing(), Format::IcoXlsx);
    let workbook = open(&bytes);
    assert_eq!(workbook.sheet_names(), xlsx::SHEETS.map(str::to_string).to_vec());
    assert_eq!(
        xlsx::SHEETS,
        [
            "Controller record",
            "Processor record",
            "Links",
            "Parties",
            "Agreements",
            "Information assets",
            "DPIAs",
            "Findings",
            "Completeness"
        ]
    );
}

#[test]
fn the_controller_sheet_says_what_the_ico_csv_says() {
    let register = register_with_processing();
    let bytes = export(&register, Format::IcoXlsx);
    let sheet = sheet_rows(&mut open(&bytes), "Controller record");
    let csv = csv_rows(&export(&register, Format::IcoCsv));
    assert_eq!(sheet, csv, "the Controller record sheet and the ICO CSV must hold the same cells");
    // And what they both hold is the ICO layout: contact block, band row, headings.
    assert_eq!(sheet[0][1..4], ["Controller", "Data Protection Officer", "Representative"]);
    assert_eq!(sheet[1][..2], ["Name", "Metropolitan Borough of Łódź-on-Sea"]);
    assert_eq!(sheet[6][0], "Article 30 Record of Processing Activities");
    assert_eq!(sheet[7][..30], ropa::export::ico_csv::headings());
    assert_eq!(sheet[7][29], "Reasons for not adhering to policy document (if applicable)");
    let names: Vec<&str> = sheet[8..].iter().map(|row| row[30].as_str()).collect();
    assert_eq!(names.len(), register.activities.len());
    for name in ACTIVITY_NAMES {
        let written = ropa::export::cells::neutralise(name);
        assert!(names.contains(&written.as_ref()), "{name} is missing from {names:?}");
    }
    let all: String = sheet.iter().flatten().cloned().collect::<Vec<_>>().join("|");
    for tricky in TRICKY {
        assert!(all.contains(tricky), "{tricky} did not come through");
    }
}

#[test]
fn the_other_sheets_say_what_their_csv_exports_say() {
    let register = register_with_processing();
    let mut workbook = open(&export(&register, Format::IcoXlsx));
    assert_eq!(
        sheet_rows(&mut workbook, "Processor record"),
        csv_rows(&export(&register, Format::ProcessorCsv))
    );
    assert_eq!(sheet_rows(&mut workbook, "Links"), csv_rows(&export(&register, Format::LinksCsv)));

    let findings = csv_rows(&export(&register, Format::FindingsCsv));
    let split = findings.iter().position(|row| row == &[export::findings_csv::COMPLETENESS_TITLE]).unwrap();
    assert_eq!(sheet_rows(&mut workbook, "Findings"), findings[..split].to_vec());
    assert_eq!(sheet_rows(&mut workbook, "Completeness"), findings[split + 1..].to_vec());
    assert!(split > 1, "the fixture has findings");

    let parties = sheet_rows(&mut workbook, "Parties");
    assert_eq!(parties[0], xlsx::PARTY_HEADINGS);
    let names: Vec<&str> = parties[1..].iter().map(|row| row[0].as_str()).collect();
    let stored: Vec<&str> = register.parties.iter().map(|p| p.fields.name.as_str()).collect();
    assert_eq!(names, stored);
    let unhcr = parties.iter().find(|row| row[0] == "UNHCR").unwrap();
    assert_eq!(unhcr[1..4], ["International organisation", "Côte d'Ivoire", "Yes"]);

    let agreements = sheet_rows(&mut workbook, "Agreements");
    assert_eq!(agreements[0], xlsx::AGREEMENT_HEADINGS);
    let contract = agreements.iter().find(|row| row[0] == "Aptem hosting contract").unwrap();
    assert_eq!(contract[1..5], ["Art 28 processor contract", "C-2024/17", "Aptem CRM Ltd", "2024-04-01"]);
    assert_eq!(agreements.len(), register.agreements.len() + 1);
}

#[test]
fn no_cell_of_any_sheet_runs_as_a_formula() {
    let register = register_with_processing();
    let bytes = export(&register, Format::IcoXlsx);
    let mut workbook = open(&bytes);
    for (index, name) in xlsx::SHEETS.iter().enumerate() {
        let rows = sheet_rows(&mut workbook, name);
        assert_no_formula(name, &rows);
        assert!(!sheet_xml(&bytes, index + 1).contains("<f>"), "sheet {name} holds a formula");
    }
    let controller = sheet_rows(&mut workbook, "Controller record");
    assert_eq!(controller[3][2], "'@SUM(A1)", "the DPO's email is neutralised as in the CSV");
    assert_eq!(controller[4][2], "'-1.5");
    let processor = sheet_rows(&mut workbook, "Processor record");
    assert!(processor.iter().flatten().any(|cell| cell.starts_with("'=cmd|")), "{processor:?}");
}

#[test]
fn headers_are_frozen_filtered_and_yes_no_cells_are_dropdowns() {
    let register = register_with_processing();
    let bytes = export(&register, Format::IcoXlsx);
    let rows = 8 + register.activities.len();
    let controller = sheet_xml(&bytes, 1);
    assert!(
        controller.contains(
            r#"<pane xSplit="1" ySplit="8" topLeftCell="B9" activePane="bottomRight" state="frozen"/>"#
        ),
        "{controller}"
    );
    assert!(controller.contains(&format!(r#"<autoFilter ref="A8:AE{rows}"/>"#)), "{controller}");
    for column in ["U", "X", "AC"] {
        let validation = format!(r#"sqref="{column}9:{column}1048576""#);
        assert!(controller.contains(&validation), "no dropdown on column {column}");
    }
    assert!(controller.contains("<formula1>\"Yes,No\"</formula1>"), "{controller}");
    assert!(controller.contains("<mergeCell ref=\"A7:K7\"/>"), "the band row is merged per section");
    assert!(controller.contains("<cols>"), "column widths are set");
    let links = sheet_xml(&bytes, 3);
    assert!(links.contains(r#"ySplit="1""#) && links.contains(r#"state="frozen""#));
    assert!(links.contains(&format!(r#"<autoFilter ref="A1:M{}"/>"#, register.links.len() + 1)));
    assert!(links.contains(r#"sqref="H2:H1048576""#), "Criminal offence data is a dropdown");
    let mut workbook = open(&bytes);
    let links_rows = sheet_rows(&mut workbook, "Links");
    assert_eq!(links_rows[0][7], "Criminal offence data");
}

#[test]
fn the_same_register_gives_the_same_bytes() {
    let register = register_with_processing();
    let first = export(&register, Format::IcoXlsx);
    let second = export(&register, Format::IcoXlsx);
    assert!(first == second, "two exports with the same options differ");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(first)).unwrap();
    let mut core = String::new();
    archive.by_name("docProps/core.xml").unwrap().read_to_string(&mut core).unwrap();
    assert!(core.contains("2026-11-22T21:35:00Z"), "the document's date is the export's: {core}");
    assert!(core.contains("Metropolitan Borough of Łódź-on-Sea"), "the author is the organisation: {core}");
}

#[test]
fn an_overlong_cell_is_refused_by_name_and_nothing_is_written() {
    let mut register = export_support::register();
    register.activities[0].fields.security_measures = "Encrypted. ".repeat(3_000);
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("register.xlsx");
    let error =
        export::export_to_file(&register, &Scope::Whole, Format::IcoXlsx, &options(), &path, &mut NoProgress)
            .unwrap_err()
            .to_string();
    assert!(error.contains("sheet \"Controller record\", row 9, column K"), "{error}");
    assert!(error.contains("32767"), "{error}");
    assert!(!path.exists(), "no file is left behind");
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0);
}

#[test]
fn the_processor_record_lists_only_processor_activities_in_art_30_2_words() {
    let register = register_with_processing();
    let rows = csv_rows(&export(&register, Format::ProcessorCsv));
    assert_eq!(rows[0][1..4], ["Processor", "Data Protection Officer", "Representative"]);
    assert_eq!(rows[1][..2], ["Name", "Metropolitan Borough of Łódź-on-Sea"]);
    assert_eq!(rows[6][1..3], ["Art 30(2)(a)", "Art 30(2)(b)"]);
    assert_eq!(
        rows[7],
        [
            "Business function",
            "Name and contact details of each controller on behalf of which the processor is acting",
            "Categories of processing carried out on behalf of each controller",
            "Names of third countries or international organisations that personal data are transferred to (if applicable)",
            "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
            "General description of technical and organisational security measures (if possible)",
        ]
    );
    let names: Vec<&str> = rows[8..].iter().map(|row| row[2].as_str()).collect();
    assert_eq!(names, ["Payroll for maintained schools", "Pension returns for an academy trust"]);
    let schools = &rows[8];
    assert_eq!(schools[1], "St Mary’s Primary School, Church Lane, Łódź-on-Sea; head@stmarys.example");
    assert_eq!(schools[3], "India; Côte d'Ivoire");
    assert_eq!(
        schools[4],
        format!(
            "India: {} (IDTA signed 2024-05-01; reviewed yearly); Côte d'Ivoire: no safeguard recorded",
            ropa::law::LegalItem::label(TransferSafeguard::Idta)
        )
    );
    assert_eq!(schools[5], "'=cmd|' /C calc'!A0; ISO 27001 certified");
}

#[test]
fn the_processor_record_imports_back_into_a_new_register_and_exports_the_same() {
    let register = register_with_processing();
    let first = export(&register, Format::ProcessorCsv);
    let mut fresh = Store::in_memory().unwrap();
    let plan =
        ropa::import::read_processor_csv(&first, "processor.csv", &fresh.load_register().unwrap()).unwrap();
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    assert_eq!(plan.activities.len(), 2);
    ropa::import::apply(&plan, &mut fresh).unwrap();
    let imported = fresh.load_register().unwrap();
    assert_eq!(imported.organisation.controller, register.organisation.controller);
    assert_eq!(imported.organisation.dpo, register.organisation.dpo);
    let schools =
        imported.activities.iter().find(|a| a.fields.name == "Payroll for maintained schools").unwrap();
    assert_eq!(
        schools.fields.role,
        Role::Processor {
            for_controller: "St Mary’s Primary School, Church Lane, Łódź-on-Sea; head@stmarys.example".into()
        }
    );
    let original =
        register.activities.iter().find(|a| a.fields.name == "Payroll for maintained schools").unwrap();
    assert_eq!(
        schools.fields.transfers, original.fields.transfers,
        "transfers and their safeguards come back"
    );
    assert_eq!(
        schools.fields.security_measures, original.fields.security_measures,
        "the apostrophe is taken off"
    );
    assert_eq!(export(&imported, Format::ProcessorCsv), first, "export, import, export gives the same file");
}

#[test]
fn the_processor_record_reports_bad_rows_by_their_spreadsheet_number() {
    let mut text = String::from_utf8(export(&register_with_processing(), Format::ProcessorCsv)).unwrap();
    text.push_str(",Northshire Academy Trust,,,,\r\n");
    let register = Store::in_memory().unwrap().load_register().unwrap();
    let plan = ropa::import::read_processor_csv(text.as_bytes(), "p.csv", &register).unwrap();
    let lines = plan.report.lines();
    assert!(
        lines.iter().any(|l| l.contains(
            "rejected: row 11, column \"Categories of processing carried out on behalf of each controller\""
        )),
        "{lines:?}"
    );
    assert_eq!(plan.activities.len(), 2, "the good rows are kept");
    let error = ropa::import::read_processor_csv(b"a,b\r\n1,2\r\n", "other.csv", &register).unwrap_err();
    assert!(error.to_string().contains("no heading row of the processor record"), "{error}");
}

/// Converts every sheet of `workbook` to CSV with LibreOffice, as a user opening it
/// would see it; returns the CSV text of each sheet by name.
fn libreoffice_sheets(workbook: &Path) -> Vec<(String, Vec<u8>)> {
    let folder = workbook.parent().unwrap();
    let profile = folder.join("lo-profile");
    // Filter options: comma, double quote, UTF-8, from row 1, no formatting, ...,
    // and -1 for every sheet to a file of its own (LibreOffice 7.2 and later).
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    let output = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", filter, "--outdir"])
        .arg(folder)
        .arg(workbook)
        .output()
        .expect("soffice (libreoffice-calc-nogui, installed by scripts/install-debian-packages.sh test)");
    assert!(output.status.success(), "soffice failed: {}", String::from_utf8_lossy(&output.stderr));
    let stem = workbook.file_stem().unwrap().to_string_lossy().into_owned();
    xlsx::SHEETS
        .iter()
        .map(|sheet| {
            let path = folder.join(format!("{stem}-{sheet}.csv"));
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("LibreOffice wrote no {}: {e}", path.display()));
            (sheet.to_string(), bytes)
        })
        .collect()
}

#[test]
fn libreoffice_opens_every_sheet_and_reads_what_the_csv_exports_say() {
    let register = register_with_processing();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("register.xlsx");
    let context = ExportContext::default();
    export::export_to_file_in(
        &register,
        &context,
        &Scope::Whole,
        Format::IcoXlsx,
        &options(),
        &path,
        &mut NoProgress,
    )
    .unwrap();
    let sheets = libreoffice_sheets(&path);
    let read = |name: &str| csv_rows(&sheets.iter().find(|(sheet, _)| sheet == name).unwrap().1);
    assert_eq!(read("Controller record"), csv_rows(&export(&register, Format::IcoCsv)));
    assert_eq!(read("Processor record"), csv_rows(&export(&register, Format::ProcessorCsv)));
    assert_eq!(read("Links"), csv_rows(&export(&register, Format::LinksCsv)));
    let findings = csv_rows(&export(&register, Format::FindingsCsv));
    let split = findings.iter().position(|row| row == &[export::findings_csv::COMPLETENESS_TITLE]).unwrap();
    assert_eq!(read("Findings"), findings[..split].to_vec());
    assert_eq!(read("Completeness"), findings[split + 1..].to_vec());
    let mut workbook = open(&std::fs::read(&path).unwrap());
    assert_eq!(read("Parties"), sheet_rows(&mut workbook, "Parties"));
    assert_eq!(read("Agreements"), sheet_rows(&mut workbook, "Agreements"));
}

#[test]
fn the_command_line_writes_the_workbook_and_the_processor_record() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("demo.ropa");
    let ropa = env!("CARGO_BIN_EXE_ropa");
    let status = std::process::Command::new(ropa).args(["demo", "--out"]).arg(&db).status().unwrap();
    assert!(status.success());
    for (format, file) in [("ico-xlsx", "demo.xlsx"), ("processor-csv", "processor.csv")] {
        let out = folder.path().join(file);
        let output = std::process::Command::new(ropa)
            .args(["export", "--format", format, "--db"])
            .arg(&db)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(output.status.success(), "{format}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(out.exists(), "{format} wrote nothing");
    }
    let register = Store::open(&db).unwrap().load_register().unwrap();
    let mut workbook = open(&std::fs::read(folder.path().join("demo.xlsx")).unwrap());
    let controller = sheet_rows(&mut workbook, "Controller record");
    // Exported from a register file, the contact block carries the change log's
    // head in one more row, above the law's currency.
    assert_eq!(controller.len(), 9 + register.activities.len());
    assert_eq!(controller[1][1], register.organisation.controller.name);
    assert_eq!(controller[5][0], "Change log");
    assert!(controller[5][1].starts_with("head "), "{:?}", controller[5]);
}

#[test]
fn the_processor_sheet_of_the_workbook_imports_back() {
    let register = register_with_processing();
    let bytes = export(&register, Format::IcoXlsx);
    let fresh = Store::in_memory().unwrap().load_register().unwrap();
    let plan = ropa::import::read_processor_workbook(&bytes, "register.xlsx", &fresh).unwrap();
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    assert_eq!(plan.report.file, "register.xlsx, sheet \"Processor record\"");
    let mut store = Store::in_memory().unwrap();
    ropa::import::apply(&plan, &mut store).unwrap();
    let imported = store.load_register().unwrap();
    assert_eq!(export(&imported, Format::ProcessorCsv), export(&register, Format::ProcessorCsv));
}

/// Each activity's role (controller, joint controller with its lead, processor
/// for whom) and transfers, keyed by service and name.
fn roles(register: &Register) -> std::collections::BTreeMap<(String, String), (Role, Vec<Transfer>)> {
    register
        .activities
        .iter()
        .map(|a| {
            let key = (register.service_name(a.fields.service_id).to_string(), a.fields.name.clone());
            (key, (a.fields.role.clone(), a.fields.transfers.clone()))
        })
        .collect()
}

#[test]
fn the_whole_workbook_imports_in_one_step_with_every_activitys_role_and_transfers() {
    let register = register_with_processing();
    assert!(
        register
            .activities
            .iter()
            .any(|a| matches!(&a.fields.role, Role::JointController { lead, .. } if !lead.is_empty())),
        "the fixture names a lead partner"
    );
    let bytes = export(&register, Format::IcoXlsx);
    let mut fresh = Store::in_memory().unwrap();
    let plan =
        ropa::import::read_ico_workbook(&bytes, "register.xlsx", &fresh.load_register().unwrap()).unwrap();
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    assert_eq!(plan.activities.len(), register.activities.len());
    ropa::import::apply(&plan, &mut fresh).unwrap();
    let imported = fresh.load_register().unwrap();
    assert_eq!(roles(&imported), roles(&register));
    assert_eq!(export(&imported, Format::ProcessorCsv), export(&register, Format::ProcessorCsv));
    assert_eq!(export(&imported, Format::IcoCsv), export(&register, Format::IcoCsv));
}

#[test]
fn a_processor_record_saved_as_csv_imports_as_one_through_the_import_entry() {
    let register = register_with_processing();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("processor.csv");
    std::fs::write(&csv, export(&register, Format::ProcessorCsv)).unwrap();
    let fresh = Store::in_memory().unwrap().load_register().unwrap();
    let input = ropa::import::mapping::MappingInput { given: None, memory: None };
    let read = ropa::file_commands::read_import_file(&csv, &fresh, None, input).unwrap();
    let ropa::file_commands::ImportFile::Plan(planned) = read else { panic!("read as a review pack") };
    assert!(planned.plan.report.rejected.is_empty(), "{:?}", planned.plan.report.rejected);
    let planned_roles: Vec<&Role> = planned.plan.activities.iter().map(|a| &a.fields.role).collect();
    assert_eq!(planned_roles.len(), 2, "{planned_roles:?}");
    assert!(planned_roles.iter().all(|r| matches!(r, Role::Processor { .. })), "{planned_roles:?}");
}
