//! The workbook's Parties, Agreements and Links sheets read back: what cannot be
//! read is a warning naming the sheet, the row as the spreadsheet numbers it and
//! the column, and the preview counts what will be written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use ropa::Store;
use ropa::export::links_csv;
use ropa::export::xlsx::{AGREEMENT_HEADINGS, PARTY_HEADINGS};
use rust_xlsxwriter::Workbook;

fn sheet(workbook: &mut Workbook, name: &str, rows: &[Vec<&str>]) {
    let sheet = workbook.add_worksheet().set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
}

/// A register sheet with one activity, and tables with faults on known rows.
fn workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let headings = ropa::export::ico_csv::heading_row();
    let mut activity = vec![""; headings.len()];
    activity[0] = "Housing";
    activity[1] = "Allocate council homes";
    *activity.last_mut().unwrap() = "Housing allocations";
    sheet(&mut workbook, "Controller record", &[headings.clone(), activity]);
    sheet(
        &mut workbook,
        "Parties",
        &[
            PARTY_HEADINGS.to_vec(),
            vec!["Shelter", "Voluntary or community organisation", "", "No", "", "help@shelter.example", ""],
            vec!["Acme Lettings", "A kind nobody knows", "France", "Yes", "", "", ""],
        ],
    );
    sheet(
        &mut workbook,
        "Agreements",
        &[
            AGREEMENT_HEADINGS.to_vec(),
            vec![
                "Homes protocol",
                "Data sharing agreement",
                "R-1",
                "Shelter; Nobody Ltd",
                "31/01/2025",
                "next spring",
                "",
                "",
            ],
        ],
    );
    sheet(
        &mut workbook,
        "Links",
        &[
            links_csv::HEADINGS.to_vec(),
            vec![
                "Housing",
                "Housing allocations",
                "Recipient",
                "Shelter",
                "",
                "Name; Address",
                "",
                "No",
                "",
                "Portal",
                "Homes protocol (Data sharing agreement)",
                "",
                "",
            ],
            vec!["Housing", "No such activity", "Recipient", "Shelter", "", "", "", "No", "", "", "", "", ""],
            vec![
                "Housing",
                "Housing allocations",
                "Source",
                "Unknown Party",
                "",
                "",
                "",
                "No",
                "",
                "",
                "",
                "",
                "",
            ],
            vec![
                "Housing",
                "Housing allocations",
                "Source",
                "Acme Lettings",
                "",
                "",
                "",
                "No",
                "",
                "",
                "",
                "",
                "",
            ],
        ],
    );
    workbook.save_to_buffer().unwrap()
}

#[test]
fn table_rows_that_cannot_be_read_are_warnings_naming_sheet_row_and_column() {
    let mut store = Store::in_memory().unwrap();
    let register = store.load_register().unwrap();
    let plan = ropa::import::read_ico_workbook(&workbook(), "council.xlsx", &register).unwrap();
    let lines = plan.report.lines().join("\n");
    for expected in [
        "row 3, column \"Party kind (B) on sheet \"Parties\"\": \"A kind nobody knows\" is not a kind of party",
        "row 2, column \"Parties (D) on sheet \"Agreements\"\": no party \"Nobody Ltd\"",
        "row 2, column \"Review due (F) on sheet \"Agreements\"\": \"next spring\" is not a date",
        "row 3, column \"Activity (B) on sheet \"Links\"\": the activity \"No such activity\" in \"Housing\" is not among",
        "row 4, column \"Party (D) on sheet \"Links\"\": no party \"Unknown Party\"",
    ] {
        assert!(lines.contains(expected), "wanted {expected:?} in:\n{lines}");
    }
    assert_eq!(plan.agreements.len(), 1);
    let agreement = &plan.agreements[0];
    assert_eq!(agreement.fields.start.map(ropa::model::format_date).as_deref(), Some("2025-01-31"));
    assert_eq!(agreement.fields.review_due, None);
    assert_eq!(agreement.parties.len(), 1, "Shelter only");
    let links = &plan.activities[0].links;
    assert_eq!(links.len(), 2, "to Shelter and from Acme Lettings: {links:?}");
    assert_eq!(links[0].fields.data_categories, ["Name", "Address"]);
    assert_eq!(links[0].fields.method, "Portal");
    assert!(links[0].agreement.is_some());
    let names: Vec<&str> = plan.parties.iter().map(|p| p.fields.name.as_str()).collect();
    assert_eq!(names, ["Shelter", "Acme Lettings"]);
    assert_eq!(plan.parties[1].fields.country, "France");
    assert!(
        plan.summary().starts_with(
            "1 activities, 1 new services, 2 new parties (0 matched to existing), 1 agreements, 2 links"
        ),
        "{}",
        plan.summary()
    );

    let preview = ropa::import::preview::Preview::of(&plan, &register).lines();
    assert!(
        preview
            .contains(&"agreement \"Homes protocol\" (Data sharing agreement): new, 1 parties".to_string()),
        "{preview:?}"
    );
    assert!(preview.contains(&"links: 2 new".to_string()), "{preview:?}");
    assert!(preview.contains(&"party \"Acme Lettings\": new (Other)".to_string()), "{preview:?}");

    ropa::import::apply(&plan, &mut store).unwrap();
    let register = store.load_register().unwrap();
    assert_eq!((register.parties.len(), register.agreements.len(), register.links.len()), (2, 1, 2));
    let shelter = register.parties.iter().find(|p| p.fields.name == "Shelter").unwrap();
    assert_eq!(shelter.fields.contact, "help@shelter.example");
}

/// The register's own workbook carries its findings, which an import skips; a
/// council's workbook whose record happens to sit on a sheet called "Findings"
/// still imports from it.
#[test]
fn a_record_on_a_sheet_named_like_the_findings_still_imports() {
    let headings = ropa::export::ico_csv::heading_row();
    let mut activity = vec![""; headings.len()];
    activity[0] = "Housing";
    activity[1] = "Allocate council homes";
    *activity.last_mut().unwrap() = "Housing allocations";
    let mut workbook = Workbook::new();
    sheet(&mut workbook, "Introduction", &[vec!["Our record of processing activities"]]);
    sheet(&mut workbook, "Findings", &[headings, activity]);
    let bytes = workbook.save_to_buffer().unwrap();
    let register = Store::in_memory().unwrap().load_register().unwrap();
    let plan = ropa::import::read_ico_workbook(&bytes, "council.xlsx", &register).unwrap();
    let mut store = Store::in_memory().unwrap();
    ropa::import::apply(&plan, &mut store).unwrap();
    let names: Vec<String> =
        store.load_register().unwrap().activities.into_iter().map(|a| a.fields.name).collect();
    assert_eq!(names, ["Housing allocations"]);
}

#[test]
fn an_information_assets_sheet_is_read_with_its_faults_named_and_the_preview_lists_each_asset() {
    use ropa::export::xlsx::ASSET_HEADINGS;
    let mut workbook = Workbook::new();
    let headings = ropa::export::ico_csv::heading_row();
    let location = ropa::export::ico_csv::headings()
        .iter()
        .position(|h| h.starts_with("Location of personal data"))
        .expect("the ICO location column");
    let mut activity = vec![""; headings.len()];
    activity[0] = "Housing";
    activity[1] = "Allocate council homes";
    activity[location] = "Northgate Housing; Paper files";
    *activity.last_mut().unwrap() = "Housing allocations";
    sheet(&mut workbook, "Controller record", &[headings.clone(), activity]);
    let row = |cells: [&'static str; 14]| cells.to_vec();
    sheet(
        &mut workbook,
        "Information assets",
        &[
            ASSET_HEADINGS.to_vec(),
            row([
                "Northgate Housing",
                "Cloud service",
                "Sam Patel",
                "Head of Housing",
                "Supplier data centre",
                "Hosted by a processor",
                "Nobody Hosting Ltd",
                "",
                "No",
                "MFA",
                "",
                "",
                "",
                "1",
            ]),
            row(["", "System", "", "", "", "", "", "", "", "", "", "", "", ""]),
        ],
    );
    let mut store = Store::in_memory().unwrap();
    let register = store.load_register().unwrap();
    let plan =
        ropa::import::read_ico_workbook(&workbook.save_to_buffer().unwrap(), "council.xlsx", &register)
            .unwrap();
    let lines = plan.report.lines().join("\n");
    for expected in [
        "row 2, column \"Processor (G) on sheet \"Information assets\"\": no party \"Nobody Hosting Ltd\"",
        "row 3, column \"Information asset (A) on sheet \"Information assets\"\": empty",
    ] {
        assert!(lines.contains(expected), "wanted {expected:?} in:\n{lines}");
    }
    let preview = ropa::import::preview::Preview::of(&plan, &register).lines();
    assert!(
        preview.contains(&"information asset \"Northgate Housing\": new (owner Sam Patel)".to_string()),
        "{preview:?}"
    );
    assert!(
        preview.contains(
            &"information asset \"Paper files\": new (named by an activity, nothing else recorded)"
                .to_string()
        ),
        "{preview:?}"
    );
    ropa::import::apply(&plan, &mut store).unwrap();
    let register = store.load_register().unwrap();
    let northgate = register.asset_named("Northgate Housing").unwrap();
    assert_eq!(northgate.fields.owner_role, "Head of Housing");
    assert_eq!(northgate.fields.hosting, ropa::model::Hosting::NotStated, "no processor to point at");
    assert_eq!(register.activities[0].fields.systems, ["Northgate Housing", "Paper files"]);
}
