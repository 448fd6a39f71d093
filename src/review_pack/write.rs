//! Writing a service's review pack: an "About this pack" sheet with the
//! instructions and the cell for the owner's name, and an "Activities" sheet, one
//! row per activity, protected so that only the owner's cells can be typed in.

use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Note, Workbook,
    Worksheet, XlsxError,
};

use super::fields::{CellKind, PackField};
use super::{ABOUT_SHEET, ACTIVITIES_SHEET, MARKER, REFERENCE_HEADING, RETURNED_BY_LABEL, SERVICE_LABEL};
use crate::cells::neutralise;
use crate::law::LegalItem;
use crate::model::{Activity, Date, Direction, Register, ServiceId, format_date};
use crate::{Error, Result};

/// The locked columns after the owner's: for information only.
const INFORMATION_HEADINGS: [&str; 2] = [
    "For information: lawful bases (decided by the data protection officer)",
    "For information: who receives it",
];

/// The last row the Yes/No dropdown reaches.
const LAST_ROW: u32 = 10_000;

/// The workbook's formats.
struct Styles {
    heading: Format,
    editable: Format,
    locked: Format,
    label: Format,
    text: Format,
}

impl Styles {
    fn new() -> Self {
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        Self {
            heading: wrap.clone().set_bold().set_background_color("#D9E2F3").set_border(FormatBorder::Thin),
            editable: wrap
                .clone()
                .set_unlocked()
                .set_background_color("#FFFDE7")
                .set_border(FormatBorder::Thin),
            locked: wrap.clone().set_background_color("#EDEDED").set_border(FormatBorder::Thin),
            label: wrap.clone().set_bold(),
            text: wrap,
        }
    }
}

/// The review pack of `service` in `register`, prepared on `today` by `officer`,
/// as the bytes of an xlsx workbook. Refuses a service with no activities.
pub fn write_pack(register: &Register, service: ServiceId, today: Date, officer: &str) -> Result<Vec<u8>> {
    let activities: Vec<&Activity> =
        register.activities.iter().filter(|activity| activity.fields.service_id == service).collect();
    let service_name = register.service_name(service);
    if activities.is_empty() {
        return Err(Error::Invalid {
            field: "Service".into(),
            message: format!("\"{service_name}\" has no activities to review"),
        });
    }
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(register, service_name, today)?);
    about_sheet(workbook.add_worksheet(), &styles, register, service_name, today, officer)?;
    activities_sheet(workbook.add_worksheet(), &styles, register, &activities)?;
    workbook.save_to_buffer().map_err(xlsx_error)
}

fn properties(register: &Register, service: &str, today: Date) -> Result<DocProperties> {
    let created = ExcelDateTime::from_ymd(today.year() as u16, u8::from(today.month()), today.day())
        .map_err(xlsx_error)?;
    let organisation = &register.organisation.controller.name;
    Ok(DocProperties::new()
        .set_title(format!("Review of {service}'s processing activities"))
        .set_subject("Record of Processing Activities (UK GDPR Article 30): review pack")
        .set_author(organisation)
        .set_company(organisation)
        .set_comment("Written by ROPA Register")
        .set_creation_datetime(&created))
}

fn about_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    register: &Register,
    service: &str,
    today: Date,
    officer: &str,
) -> Result<()> {
    sheet.set_name(ABOUT_SHEET).map_err(xlsx_error)?;
    sheet.set_column_width(0, 34).map_err(xlsx_error)?;
    sheet.set_column_width(1, 80).map_err(xlsx_error)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 1);
    sheet.write_string_with_format(0, 0, MARKER, &styles.label).map_err(xlsx_error)?;
    let organisation = register.organisation.controller.name.as_str();
    let rows = [
        ("Organisation", organisation.to_owned()),
        (SERVICE_LABEL, service.to_owned()),
        ("Prepared on", format_date(today)),
        ("Prepared by", officer.to_owned()),
    ];
    for (index, (label, value)) in rows.iter().enumerate() {
        let row = index as u32 + 2;
        sheet.write_string_with_format(row, 0, *label, &styles.label).map_err(xlsx_error)?;
        sheet.write_string_with_format(row, 1, &*neutralise(value), &styles.text).map_err(xlsx_error)?;
    }
    let returned_by = rows.len() as u32 + 2;
    sheet.write_string_with_format(returned_by, 0, RETURNED_BY_LABEL, &styles.label).map_err(xlsx_error)?;
    sheet.write_blank(returned_by, 1, &styles.editable).map_err(xlsx_error)?;
    let instructions = [
        "This workbook holds what the organisation's Record of Processing Activities (UK GDPR Article 30) says about your service's work with personal information. Please check every row of the Activities sheet and correct anything that is wrong or out of date.",
        "Type only in the pale yellow cells. Put one item per line in a cell (Alt+Enter starts a new line in Excel). Each heading has a note explaining what it asks for: hover over it to read it.",
        "If nothing needs changing, leave the cells as they are: returning the pack unchanged records that you reviewed the activities.",
        "Write your name and role above, save the workbook and send it back to the data protection team. Do not rename the sheets or change the Reference column.",
    ];
    for (index, text) in instructions.iter().enumerate() {
        let row = returned_by + 2 + index as u32;
        sheet.write_string_with_format(row, 1, *text, &styles.text).map_err(xlsx_error)?;
        sheet.set_row_height(row, 48).map_err(xlsx_error)?;
    }
    sheet.protect();
    Ok(())
}

fn activities_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    register: &Register,
    activities: &[&Activity],
) -> Result<()> {
    sheet.set_name(ACTIVITIES_SHEET).map_err(xlsx_error)?;
    let mut headings = vec![REFERENCE_HEADING, "Activity"];
    headings.extend(PackField::ALL.iter().map(|field| field.heading()));
    headings.extend(INFORMATION_HEADINGS);
    let widths = column_widths();
    for (column, (heading, width)) in headings.iter().zip(&widths).enumerate() {
        let column = col(column)?;
        sheet.write_string_with_format(0, column, *heading, &styles.heading).map_err(xlsx_error)?;
        sheet.set_column_width(column, *width as f64).map_err(xlsx_error)?;
    }
    sheet.set_row_height(0, 45).map_err(xlsx_error)?;
    for (index, field) in PackField::ALL.iter().enumerate() {
        let note = Note::new(field.guidance()).set_author("ROPA Register").add_author_prefix(false);
        sheet.insert_note(0, col(index + 2)?, &note).map_err(xlsx_error)?;
    }
    for (index, activity) in activities.iter().enumerate() {
        let row = index as u32 + 1;
        activity_row(sheet, styles, register, activity, row, &widths)?;
    }
    let last = activities.len() as u32;
    for (index, field) in PackField::ALL.iter().enumerate() {
        if field.kind() == CellKind::YesNo {
            let dropdown = DataValidation::new()
                .allow_list_strings(&["Yes", "No"])
                .map_err(xlsx_error)?
                .set_error_title("Yes or No")
                .map_err(xlsx_error)?;
            let column = col(index + 2)?;
            sheet
                .add_data_validation(1, column, last.clamp(1, LAST_ROW), column, &dropdown)
                .map_err(xlsx_error)?;
        }
    }
    sheet.set_freeze_panes(1, 2).map_err(xlsx_error)?;
    // A3 landscape, two pages across, the headings on every page.
    sheet.set_paper_size(8);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(2, 0);
    sheet.set_repeat_rows(0, 0).map_err(xlsx_error)?;
    sheet.protect();
    Ok(())
}

/// Every column's width in characters, left to right.
fn column_widths() -> Vec<usize> {
    let mut widths = vec![14, 28];
    widths.extend(PackField::ALL.iter().map(|field| field.width()));
    widths.extend([30; INFORMATION_HEADINGS.len()]);
    widths
}

fn activity_row(
    sheet: &mut Worksheet,
    styles: &Styles,
    register: &Register,
    activity: &Activity,
    row: u32,
    widths: &[usize],
) -> Result<()> {
    let bases = activity.fields.lawful_bases.iter().map(|basis| basis.label()).collect::<Vec<_>>().join("\n");
    let mut recipients: Vec<&str> = register
        .links_of(activity.id, Direction::Recipient)
        .map(|link| register.party_name(link.fields.party_id))
        .collect();
    recipients.dedup();
    let mut cells = vec![format!("{}/{}", activity.id.0, activity.version), activity.fields.name.clone()];
    cells.extend(PackField::ALL.iter().map(|field| field.cell(&activity.fields)));
    cells.extend([bases, recipients.join("\n")]);
    let editable = 2..2 + PackField::ALL.len();
    let mut tallest = 2;
    for (column, text) in cells.iter().enumerate() {
        let format = if editable.contains(&column) { &styles.editable } else { &styles.locked };
        sheet.write_string_with_format(row, col(column)?, &*neutralise(text), format).map_err(xlsx_error)?;
        tallest = tallest.max(wrapped_lines(text, widths.get(column).copied().unwrap_or(30)));
    }
    // Spreadsheets do not grow a row to fit wrapped text on opening: 15 points a
    // line, up to Excel's 409-point limit.
    sheet.set_row_height(row, (tallest as f64 * 15.0).min(409.0)).map_err(xlsx_error)?;
    Ok(())
}

/// About how many lines `text` wraps to in a column `width` characters wide
/// (ordinary text fits about a fifth more characters than the width's digits).
fn wrapped_lines(text: &str, width: usize) -> usize {
    let per_line = (width * 6 / 5).max(1);
    text.lines().map(|line| line.chars().count().div_ceil(per_line).max(1)).sum()
}

fn col(index: usize) -> Result<u16> {
    u16::try_from(index)
        .map_err(|_| Error::Export { message: format!("column {index} is beyond a worksheet") })
}

fn xlsx_error(error: XlsxError) -> Error {
    Error::Export { message: format!("the review pack could not be written: {error}") }
}
