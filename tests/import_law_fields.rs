//! The fields schema v4 added for the law in force (issue 17) come back from the
//! ICO layout: the Annex 1 condition of a recognised legitimate interest (Art
//! 6(1)(ea), column N), the retention reason (Art 5(1)(e), column J) and each
//! transfer's Art 46(1A) data protection test answer (column I). The CSV and the
//! workbook are exported, parsed, imported into a new register and exported
//! again; hostile cells give a warning naming the row and column (and sheet),
//! never a silent guess.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use ropa::Store;
use ropa::export::{ExportContext, Format, NoProgress, Options, write_in};
use ropa::ico_template::IcoColumn;
use ropa::import::{self, Plan};
use ropa::law::{LawfulBasis, RecognisedLegitimateInterest, TransferSafeguard};
use ropa::model::*;
use time::macros::date;

/// A register whose one activity records every new field, with transfers
/// whose test is met, not met and not recorded.
fn register() -> Register {
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: "Fraud team".into(), ..Default::default() }).unwrap();
    let mut f = ActivityFields::new(service, "Fraud referrals");
    f.status = ActivityStatus::Active;
    f.purposes = vec!["Detecting benefit fraud".into()];
    f.lawful_bases = [LawfulBasis::RecognisedLegitimateInterest, LawfulBasis::LegitimateInterests].into();
    f.recognised_legitimate_interest = Some(RecognisedLegitimateInterest::Crime);
    f.legitimate_interests = "Recovering overpayments; deterring fraud".into();
    f.retention = Retention::Period { months: 72, from: "case closure".into() };
    f.retention_reason = "Limitation Act 1980 s.2".into();
    f.transfers = vec![
        transfer("India", TransferSafeguard::Idta, "TRA-12", Some(true)),
        transfer("United States", TransferSafeguard::Addendum, "", Some(false)),
        transfer("Japan", TransferSafeguard::Adequacy, "", None),
        transfer("Canada", TransferSafeguard::PublicAuthorityInstrument, "MoU 2024", None),
    ];
    store.insert_activity(&f, &[]).unwrap();
    let mut event = ActivityFields::new(service, "Tip-offs");
    event.purposes = vec!["Receiving tip-offs".into()];
    event.retention = Retention::Event { event: "Until the investigation closes".into() };
    event.retention_reason = "Counter-fraud policy, section 4".into();
    store.insert_activity(&event, &[]).unwrap();
    let mut reason_only = ActivityFields::new(service, "Training records");
    reason_only.purposes = vec!["Staff training".into()];
    reason_only.retention_reason = "Audit requirement".into();
    store.insert_activity(&reason_only, &[]).unwrap();
    store.load_register().unwrap()
}

fn transfer(destination: &str, safeguard: TransferSafeguard, detail: &str, met: Option<bool>) -> Transfer {
    Transfer {
        destination: destination.into(),
        safeguard: Some(safeguard),
        detail: detail.into(),
        data_protection_test_met: met,
    }
}

fn export(register: &Register, format: Format, day: Date) -> Vec<u8> {
    let context = ExportContext { today: Some(day), ..ExportContext::default() };
    let options = Options::at(time::macros::datetime!(2026-12-01 12:00 UTC));
    let mut out = Vec::new();
    write_in(register, &context, format, &options, &mut out, &mut NoProgress).unwrap();
    out
}

/// `plan` applied to a new, empty register.
fn apply(plan: &Plan) -> Register {
    assert!(plan.report.rejected.is_empty(), "{:?}", plan.report.rejected);
    let mut store = Store::in_memory().unwrap();
    import::apply(plan, &mut store).unwrap();
    store.load_register().unwrap()
}

fn activity<'r>(register: &'r Register, name: &str) -> &'r ActivityFields {
    &register.activities.iter().find(|a| a.fields.name == name).unwrap_or_else(|| panic!("no {name}")).fields
}

/// The new fields of every activity, by name, for comparing registers.
fn law_fields(
    register: &Register,
) -> Vec<(String, Option<RecognisedLegitimateInterest>, String, String, String)> {
    let mut fields: Vec<_> = register
        .activities
        .iter()
        .map(|a| {
            let f = &a.fields;
            let transfers: Vec<String> = f
                .transfers
                .iter()
                .map(|t| {
                    format!(
                        "{}|{:?}|{}|{:?}",
                        t.destination, t.safeguard, t.detail, t.data_protection_test_met
                    )
                })
                .collect();
            (
                f.name.clone(),
                f.recognised_legitimate_interest,
                f.legitimate_interests.clone(),
                format!("{:?} / {}", f.retention, f.retention_reason),
                transfers.join("; "),
            )
        })
        .collect();
    fields.sort();
    fields
}

fn check_round_trip(format: Format, day: Date) {
    let register = register();
    let first = export(&register, format, day);
    let plan = match format {
        Format::IcoCsv => import::read_ico_csv(&first, "register.csv", &Register::default()).unwrap(),
        _ => import::read_ico_workbook(&first, "register.xlsx", &Register::default()).unwrap(),
    };
    let imported = apply(&plan);
    assert_eq!(law_fields(&imported), law_fields(&register), "{format:?} as at {day}");
    let fraud = activity(&imported, "Fraud referrals");
    assert_eq!(fraud.recognised_legitimate_interest, Some(RecognisedLegitimateInterest::Crime));
    assert_eq!(fraud.retention_reason, "Limitation Act 1980 s.2");
    assert_eq!(fraud.transfers[0].data_protection_test_met, Some(true));
    assert_eq!(fraud.transfers[1].data_protection_test_met, Some(false));
    let second = export(&imported, format, day);
    if format == Format::IcoCsv {
        assert_eq!(String::from_utf8(second).unwrap(), String::from_utf8(first).unwrap());
    }
}

#[test]
fn the_ico_csv_gives_back_the_annex_1_condition_the_retention_reason_and_the_test() {
    check_round_trip(Format::IcoCsv, date!(2026 - 12 - 01));
}

#[test]
fn the_ico_csv_exported_as_at_a_day_before_the_duaa_comes_back_too() {
    // Before 5 February 2026 the safeguards have their old citations (Art 45;
    // DPA 2018 s.17A): the import still knows them.
    check_round_trip(Format::IcoCsv, date!(2025 - 12 - 01));
}

#[test]
fn the_workbook_gives_back_the_annex_1_condition_the_retention_reason_and_the_test() {
    check_round_trip(Format::IcoXlsx, date!(2026 - 12 - 01));
    check_round_trip(Format::IcoXlsx, date!(2025 - 12 - 01));
}

/// An ICO-layout sheet with one activity whose cells are `cells`.
fn hostile_rows(cells: &[(IcoColumn, &str)]) -> Vec<Vec<String>> {
    let headings: Vec<String> = IcoColumn::ALL.iter().map(|c| c.heading().to_string()).collect();
    let row: Vec<String> = IcoColumn::ALL
        .iter()
        .map(|c| cells.iter().find(|(k, _)| k == c).map_or("", |(_, v)| v).to_string())
        .collect();
    vec![headings, row]
}

const HOSTILE: [(IcoColumn, &str); 5] = [
    (IcoColumn::BusinessFunction, "Fraud team"),
    (IcoColumn::Purpose, "Detecting benefit fraud"),
    (IcoColumn::LegitimateInterests, "Recognised legitimate interest: Annex 1 para 9 Tax collection"),
    (IcoColumn::ThirdCountries, "India; United States; Japan; Canada"),
    (
        IcoColumn::TransferSafeguards,
        "India: Art 46(2)(d) International Data Transfer Agreement (IDTA), data protection test: Yes; United States: Art 46(2)(d) UK Addendum to the EU SCCs, data protection test: No; Japan: Art 46(2)(d) International Data Transfer Agreement (IDTA), data protection test: N/A; Canada: Art 46(2)(d) International Data Transfer Agreement (IDTA), data protection test:",
    ),
];

fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.into_inner().unwrap()
}

fn xlsx_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Controller record").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// The warnings of `plan` on spreadsheet row 2 in the column headed `column`.
fn warnings_in(plan: &Plan, column: IcoColumn) -> Vec<&str> {
    plan.report
        .warnings
        .iter()
        .filter(|w| w.row == Some(2) && w.column.as_deref() == Some(column.heading()))
        .map(|w| w.message.as_str())
        .collect()
}

fn check_hostile(plan: &Plan) {
    let f = &plan.activities[0].fields;
    // An unknown Annex 1 condition: none recorded, the words kept, a warning.
    assert_eq!(f.recognised_legitimate_interest, None);
    assert!(f.legitimate_interests.contains("Annex 1 para 9 Tax collection"), "{}", f.legitimate_interests);
    let interests = warnings_in(plan, IcoColumn::LegitimateInterests);
    assert!(
        interests.iter().any(|w| w.contains("Annex 1 para 9 Tax collection") && w.contains("Annex 1")),
        "{:#?}",
        plan.report.warnings
    );
    // Yes and No are read, and said so; N/A and blank are not guessed.
    let met: Vec<Option<bool>> = f.transfers.iter().map(|t| t.data_protection_test_met).collect();
    assert_eq!(met, [Some(true), Some(false), None, None], "{:#?}", f.transfers);
    assert!(f.transfers.iter().all(|t| t.safeguard.is_some()), "{:#?}", f.transfers);
    let tests = warnings_in(plan, IcoColumn::TransferSafeguards);
    for (destination, said) in [("India", "Yes"), ("United States", "No"), ("Japan", "N/A"), ("Canada", "")] {
        assert!(
            tests.iter().any(|w| w.contains(destination)
                && w.contains(&format!("\"{said}\""))
                && w.contains("46(1A)")),
            "{destination}: {tests:#?}"
        );
    }
    assert!(f.transfers[2].detail.contains("N/A"), "the unread answer is kept: {:?}", f.transfers[2]);
}

#[test]
fn hostile_cells_in_a_csv_warn_by_row_and_column() {
    let plan = import::read_ico_csv(&csv_bytes(&hostile_rows(&HOSTILE)), "hostile.csv", &Register::default())
        .unwrap();
    check_hostile(&plan);
}

#[test]
fn hostile_cells_in_a_workbook_warn_by_sheet_row_and_column() {
    let plan =
        import::read_ico_workbook(&xlsx_bytes(&hostile_rows(&HOSTILE)), "hostile.xlsx", &Register::default())
            .unwrap();
    assert!(plan.report.file.contains("sheet \"Controller record\""), "{}", plan.report.file);
    check_hostile(&plan);
}

#[test]
fn a_reason_written_in_an_officers_own_words_is_read_after_the_period() {
    let rows = hostile_rows(&[
        (IcoColumn::BusinessFunction, "HR"),
        (IcoColumn::Purpose, "Payroll"),
        (IcoColumn::Retention, "6 years from leaving; Reason: HMRC record-keeping rules"),
    ]);
    let plan = import::read_ico_csv(&csv_bytes(&rows), "own.csv", &Register::default()).unwrap();
    let f = &plan.activities[0].fields;
    assert_eq!(f.retention, Retention::Period { months: 72, from: "leaving".into() });
    assert_eq!(f.retention_reason, "HMRC record-keeping rules");
}
