//! The workbook as officers move it: the `ico-xlsx` export imported into a new
//! register and exported again gives the same workbook, cell by cell; and the
//! same register saved by LibreOffice as .xls and .ods imports as the .xlsx does.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod export_support;

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use ropa::Store;
use ropa::export::{self, Format, NoProgress, Options, xlsx};
use ropa::model::Register;

fn options() -> Options {
    Options { bom: false, generated_at: time::macros::datetime!(2026-11-22 21:35 UTC) }
}

fn export(register: &Register, format: Format) -> Vec<u8> {
    let mut bytes = Vec::new();
    export::write(register, format, &options(), &mut bytes, &mut NoProgress).unwrap();
    bytes
}

/// Every sheet of a workbook: (sheet, rows of cells as text), in order.
type Sheets = Vec<(String, Vec<Vec<String>>)>;

/// Every sheet of a workbook as (sheet, rows of cells as text), in order.
fn cells(bytes: &[u8]) -> Sheets {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let (top, left) = range.start().unwrap_or((0, 0));
            let mut rows = vec![Vec::new(); top as usize];
            for row in range.rows() {
                let mut cells = vec![String::new(); left as usize];
                cells.extend(row.iter().map(|cell| match cell {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                }));
                while cells.last().is_some_and(String::is_empty) {
                    cells.pop();
                }
                rows.push(cells);
            }
            (name, rows)
        })
        .collect()
}

/// Imports the workbook `bytes` (its controller record, its processor record and
/// its tables, in one plan) into a new register.
fn import_workbook(bytes: &[u8], file: &str) -> Register {
    let mut store = Store::in_memory().unwrap();
    let register = store.load_register().unwrap();
    let plan = ropa::import::read_ico_workbook(bytes, file, &register).unwrap();
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    ropa::import::apply(&plan, &mut store).unwrap();
    store.load_register().unwrap()
}

/// The cells that differ between two workbooks, as "sheet!row,col: a | b".
fn differences(first: &[(String, Vec<Vec<String>>)], second: &[(String, Vec<Vec<String>>)]) -> Vec<String> {
    let mut found = Vec::new();
    let names = |w: &[(String, Vec<Vec<String>>)]| w.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(first), names(second), "the same sheets");
    for ((name, a), (_, b)) in first.iter().zip(second) {
        for row in 0..a.len().max(b.len()) {
            let (ra, rb) = (a.get(row).cloned().unwrap_or_default(), b.get(row).cloned().unwrap_or_default());
            for col in 0..ra.len().max(rb.len()) {
                let (ca, cb) =
                    (ra.get(col).cloned().unwrap_or_default(), rb.get(col).cloned().unwrap_or_default());
                if ca != cb {
                    found.push(format!("{name}!{},{}: {ca:?} | {cb:?}", row + 1, col + 1));
                }
            }
        }
    }
    found
}

/// The workbook exported, imported into a new register and exported again.
fn round_trip() -> (Sheets, Sheets) {
    let register = export_support::register();
    let first = export(&register, Format::IcoXlsx);
    let imported = import_workbook(&first, "register.xlsx");
    let second = export(&imported, Format::IcoXlsx);
    (cells(&first), cells(&second))
}

#[test]
fn the_record_sheets_exported_imported_and_exported_again_are_the_same_cell_by_cell() {
    let (first, second) = round_trip();
    assert_eq!(first.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), xlsx::SHEETS);
    let records = |w: &[(String, Vec<Vec<String>>)]| {
        w.iter().filter(|(n, _)| n.ends_with(" record")).cloned().collect::<Vec<_>>()
    };
    let differences = differences(&records(&first), &records(&second));
    assert!(differences.is_empty(), "{} cells differ:\n{}", differences.len(), differences.join("\n"));
}

/// The findings and completeness sheets are derived from the register, not read back.
const DERIVED: [&str; 2] = ["Findings", "Completeness"];

#[test]
fn the_whole_workbook_exported_imported_and_exported_again_is_the_same_cell_by_cell() {
    let (first, second) = round_trip();
    let read_back = |w: &[(String, Vec<Vec<String>>)]| {
        w.iter().filter(|(n, _)| !DERIVED.contains(&n.as_str())).cloned().collect::<Vec<_>>()
    };
    let (first, second) = (read_back(&first), read_back(&second));
    assert_eq!(first.len(), 7, "records, links, parties, agreements, assets and DPIAs");
    let differences = differences(&first, &second);
    assert!(differences.is_empty(), "{} cells differ:\n{}", differences.len(), differences.join("\n"));
}

/// The rows of sheet `name`, sorted (the register orders links by when they
/// were made, which an import into a new register changes).
fn sorted_rows(workbook: &[(String, Vec<Vec<String>>)], name: &str) -> Vec<Vec<String>> {
    let mut rows = workbook.iter().find(|(n, _)| n == name).unwrap().1.clone();
    rows.sort();
    rows
}

#[test]
fn the_demo_registers_parties_agreements_and_links_come_back_from_its_workbook() {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    let first = export(&register, Format::IcoXlsx);
    let mut store = Store::in_memory().unwrap();
    let plan = ropa::import::read_ico_workbook(&first, "demo.xlsx", &store.load_register().unwrap()).unwrap();
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    let table_warnings: Vec<String> =
        plan.report.lines().into_iter().filter(|l| l.contains("on sheet")).collect();
    assert!(table_warnings.is_empty(), "{table_warnings:#?}");
    ropa::import::apply(&plan, &mut store).unwrap();
    let imported = store.load_register().unwrap();
    assert_eq!(
        (imported.parties.len(), imported.agreements.len(), imported.links.len()),
        (register.parties.len(), register.agreements.len(), register.links.len())
    );
    let (first, second) = (cells(&first), cells(&export(&imported, Format::IcoXlsx)));
    for sheet in ["Parties", "Agreements", "Links"] {
        assert_eq!(sorted_rows(&first, sheet), sorted_rows(&second, sheet), "{sheet}");
    }
}

/// Converts `xlsx` to `extension` (xls, ods) with LibreOffice, or says why not.
fn convert(xlsx: &Path, extension: &str) -> Option<Vec<u8>> {
    let folder = xlsx.parent().unwrap();
    let profile = folder.join("lo-profile");
    let output = match std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", extension, "--outdir"])
        .arg(folder)
        .arg(xlsx)
        .output()
    {
        Ok(output) => output,
        Err(error) => {
            println!(
                "skipped: soffice cannot be run ({error}); scripts/install-debian-packages.sh test installs it"
            );
            return None;
        }
    };
    assert!(output.status.success(), "soffice failed: {}", String::from_utf8_lossy(&output.stderr));
    let converted = xlsx.with_extension(extension);
    Some(
        std::fs::read(&converted)
            .unwrap_or_else(|e| panic!("LibreOffice wrote no {}: {e}", converted.display())),
    )
}

#[test]
fn xls_and_ods_saved_by_libreoffice_import_as_the_xlsx_does() {
    let register = export_support::register();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("register.xlsx");
    let bytes = export(&register, Format::IcoXlsx);
    std::fs::write(&path, &bytes).unwrap();
    let from_xlsx = export(&import_workbook(&bytes, "register.xlsx"), Format::IcoCsv);
    for extension in ["xls", "ods"] {
        let Some(converted) = convert(&path, extension) else { return };
        assert_eq!(
            ropa::import::detect::detect(&converted),
            ropa::import::detect::Layout::Workbook,
            "{extension}"
        );
        let imported = import_workbook(&converted, &format!("register.{extension}"));
        assert_eq!(
            String::from_utf8(export(&imported, Format::IcoCsv)).unwrap(),
            String::from_utf8(from_xlsx.clone()).unwrap(),
            "the register read from the .{extension} is the one read from the .xlsx"
        );
    }
}

#[test]
fn the_workbooks_contact_block_carries_the_log_head_and_its_import_ignores_it() {
    let mut store = export_support::store();
    let register = store.load_register().unwrap();
    let head = store.log_head().unwrap();
    let context = ropa::export::ExportContext { log_head: Some(head.clone()), ..Default::default() };
    let mut bytes = Vec::new();
    export::write_in(&register, &context, Format::IcoXlsx, &options(), &mut bytes, &mut NoProgress).unwrap();
    let sheets = cells(&bytes);
    let (_, controller) = &sheets[0];
    let heading_row = controller.iter().position(|row| row.iter().any(|c| c == "Business function")).unwrap();
    let head_text = head.to_string();
    assert!(
        controller[..heading_row]
            .iter()
            .any(|row| row.contains(&"Change log".to_string()) && row.contains(&head_text)),
        "the log head {head_text} is not in the contact block: {:?}",
        &controller[..heading_row]
    );
    let plan = ropa::import::read_ico_workbook(&bytes, "register.xlsx", &Default::default()).unwrap();
    assert_eq!(plan.organisation.unwrap().edited.controller, register.organisation.controller);
    assert!(plan.report.warnings.iter().all(|w| !w.message.contains("head")), "{:?}", plan.report.warnings);
}

#[test]
fn the_demo_workbook_exported_imported_and_exported_again_is_the_same_cell_by_cell() {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let first = export(&store.load_register().unwrap(), Format::IcoXlsx);
    let imported = import_workbook(&first, "demo.xlsx");
    let (first, second) = (cells(&first), cells(&export(&imported, Format::IcoXlsx)));
    let read_back = |w: &[(String, Vec<Vec<String>>)]| {
        w.iter().filter(|(n, _)| !DERIVED.contains(&n.as_str())).cloned().collect::<Vec<_>>()
    };
    let differences = differences(&read_back(&first), &read_back(&second));
    assert!(differences.is_empty(), "{} cells differ:\n{}", differences.len(), differences.join("\n"));
}

/// A register whose activity's data is held in a described asset hosted by a
/// processor, and in one nobody has described.
fn register_with_assets() -> Register {
    use ropa::model::{
        ActivityFields, AgreementFields, AgreementKind, AssetFields, AssetKind, Hosting, PartyFields,
        PartyKind, ServiceFields,
    };
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() }).unwrap();
    let host =
        store.insert_party(&PartyFields::new("System C Healthcare Ltd", PartyKind::Processor)).unwrap();
    let mut contract = AgreementFields::new(AgreementKind::ProcessorContract, "Hosting contract EH-2024-07");
    contract.parties = vec![host.id];
    store.insert_agreement(&contract).unwrap();
    let mut fields = AssetFields::new("Liquidlogic EHM");
    fields.kind = AssetKind::CloudService;
    fields.owner_name = "Jane Smith".into();
    fields.owner_role = "Head of Early Help".into();
    fields.location = "Microsoft Azure UK South".into();
    fields.hosting = Hosting::Processor { party: host.id };
    fields.security_measures = "Role-based access; MFA; encryption at rest (AES-256)".into();
    fields.retention = "Case files 6 years after closure; audit trail 2 years".into();
    fields.continuity = "Nightly backup to UK West; recovery point 24 hours".into();
    fields.notes = "=HYPERLINK(\"http://example.invalid\")".into();
    store.insert_asset(&fields).unwrap();
    let mut activity = ActivityFields::new(service, "Family support casework");
    activity.systems = vec!["Liquidlogic EHM".into(), "Paper files, Bootle Town Hall".into()];
    store.insert_activity(&activity, &[]).unwrap();
    store.load_register().unwrap()
}

#[test]
fn the_information_assets_sheet_says_every_detail_and_comes_back_in_a_new_register() {
    let register = register_with_assets();
    let bytes = export(&register, Format::IcoXlsx);
    let sheets = cells(&bytes);
    let (_, rows) = sheets.iter().find(|(name, _)| name == "Information assets").unwrap();
    assert_eq!(rows[0], xlsx::ASSET_HEADINGS.map(str::to_string).to_vec());
    let described = rows.iter().find(|r| r[0] == "Liquidlogic EHM").unwrap();
    assert_eq!(
        described[1..9],
        [
            "Cloud service",
            "Jane Smith",
            "Head of Early Help",
            "Microsoft Azure UK South",
            "Hosted by a processor",
            "System C Healthcare Ltd",
            "",
            "No"
        ]
    );
    assert_eq!(described[13], "1", "one activity holds data in it");
    assert!(described[12].starts_with('\''), "a formula-like note is neutralised: {:?}", described[12]);
    let bare = rows.iter().find(|r| r[0] == "Paper files, Bootle Town Hall").unwrap();
    assert_eq!(bare[1], "Not stated");

    let imported = import_workbook(&bytes, "register.xlsx");
    let strip = |r: &Register| {
        r.assets
            .iter()
            .map(|a| {
                let mut f = a.fields.clone();
                f.hosting = match f.hosting {
                    ropa::model::Hosting::Processor { party } => ropa::model::Hosting::Processor {
                        party: ropa::model::PartyId(r.party_name(party).len() as i64),
                    },
                    other => other,
                };
                f
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&imported), strip(&register));
    let back = cells(&export(&imported, Format::IcoXlsx));
    let again = back.iter().find(|(name, _)| name == "Information assets").unwrap();
    assert_eq!(&again.1, rows);
}

#[test]
fn the_full_csv_and_json_carry_the_assets_and_restore_them_with_their_processor() {
    let register = register_with_assets();
    let mut csv = Vec::new();
    export::full_csv::write(&register, &options(), &mut csv, &mut NoProgress).unwrap();
    let read = export::full_csv::read(csv.as_slice()).unwrap();
    assert_eq!(
        read.assets.iter().map(|a| &a.fields).collect::<Vec<_>>(),
        register.assets.iter().map(|a| &a.fields).collect::<Vec<_>>()
    );
    let mut store = Store::in_memory().unwrap();
    ropa::import::restore(&mut store, &read).unwrap();
    let restored = store.load_register().unwrap();
    assert_eq!(restored.assets, register.assets);
    assert_eq!(restored.activities[0].fields.systems, register.activities[0].fields.systems);

    let json = ropa::import::json::to_json(&register).unwrap();
    let incoming = ropa::import::json::from_json(json.as_bytes(), "register.json").unwrap();
    let mut store = Store::in_memory().unwrap();
    let empty = store.load_register().unwrap();
    let plan = ropa::import::json::merge_plan(&incoming, &empty, "register.json");
    assert_eq!(plan.assets.len(), 2, "{:?}", plan.assets);
    ropa::import::apply(&plan, &mut store).unwrap();
    let merged = store.load_register().unwrap();
    let hosted = merged.asset_named("Liquidlogic EHM").unwrap();
    let processor = hosted.fields.hosting.processor().expect("still hosted by a processor");
    assert_eq!(merged.party_name(processor), "System C Healthcare Ltd");
    assert!(store.verify().unwrap().is_intact());
}

#[test]
fn a_full_csv_asset_hosted_by_a_processor_it_does_not_name_is_refused_with_its_row() {
    let register = register_with_assets();
    let mut csv = Vec::new();
    export::full_csv::write(&register, &options(), &mut csv, &mut NoProgress).unwrap();
    let text = String::from_utf8(csv).unwrap();
    let broken: String = text
        .split("\r\n")
        .map(|line| {
            if line.starts_with("asset,") && line.contains(",processor,") {
                line.replacen(",processor,1,", ",processor,,", 1)
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    assert_ne!(broken, text, "the asset row was changed");
    let error = export::full_csv::read(broken.as_bytes()).unwrap_err().to_string();
    assert!(error.contains("processor_id") && error.contains("Row "), "{error}");
}
