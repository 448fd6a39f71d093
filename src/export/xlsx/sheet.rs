//! One worksheet being filled row by row: every cell neutralised by
//! [`cells::neutralise`] and written as text, column widths measured from what is
//! written, and the finishing touches (frozen header, autofilter, Yes/No
//! dropdowns) applied in one place.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, Worksheet,
};

use super::super::cells;
use super::xlsx_error;
use crate::{Error, Result};

/// The most characters Excel holds in one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The last row a worksheet has (0-based): dropdowns reach it, so rows an officer
/// adds get them too.
const LAST_ROW: u32 = 1_048_575;

/// Narrowest and widest column, in characters.
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 50;

/// The formats every sheet shares.
pub struct Styles {
    /// Ordinary cells: wrapped, aligned to the top.
    pub body: Format,
    /// Heading cells: bold, wrapped, shaded, bordered.
    pub heading: Format,
    /// The band row above the headings and the contact block's labels: bold.
    pub band: Format,
}

impl Styles {
    /// The house formats.
    pub fn new() -> Self {
        let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let heading = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color("#D9E2F3")
            .set_border(FormatBorder::Thin);
        let band = Format::new().set_bold().set_align(FormatAlign::Top).set_background_color("#B4C6E7");
        Self { body, heading, band }
    }
}

/// A worksheet being written, top to bottom.
pub struct SheetWriter<'a> {
    sheet: &'a mut Worksheet,
    name: &'static str,
    styles: &'a Styles,
    next_row: u32,
    widths: Vec<usize>,
    /// The lengths of the lines of every wrapping cell: (row, column, lengths).
    /// Spreadsheets do not grow a row to fit wrapped text when they open a file,
    /// so the row heights are set from these once the widths are known.
    wrapped: Vec<(u32, u16, Vec<u32>)>,
}

impl<'a> SheetWriter<'a> {
    /// A writer on `sheet`, called `name`, starting at the top.
    pub fn new(sheet: &'a mut Worksheet, name: &'static str, styles: &'a Styles) -> Result<Self> {
        sheet.set_name(name).map_err(xlsx_error)?;
        Ok(Self { sheet, name, styles, next_row: 0, widths: Vec::new(), wrapped: Vec::new() })
    }

    /// Writes one row of ordinary cells.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        let styles = self.styles;
        self.write_row(cells, &styles.body, true)
    }

    /// Writes the contact block: its first row and first column as labels.
    pub fn contact_block(&mut self, rows: &[Vec<String>]) -> Result<()> {
        for (index, row) in rows.iter().enumerate() {
            let at = self.next_row;
            for (column, value) in row.iter().enumerate() {
                let styles = self.styles;
                let format = if index == 0 || column == 0 { &styles.band } else { &styles.body };
                self.cell(at, column, value, format, true)?;
            }
            self.next_row += 1;
        }
        Ok(())
    }

    /// Writes the band row, each title merged across the columns up to the next
    /// title (or `width` columns in all).
    pub fn band_row(&mut self, titles: &[&str], width: usize) -> Result<()> {
        let at = self.next_row;
        let starts: Vec<usize> = (0..titles.len()).filter(|&i| !titles[i].is_empty()).collect();
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).map_or(width, |&next| next) - 1;
            let text = checked(self.name, at, start, titles[start])?;
            let text = cells::neutralise(text);
            if end > start {
                self.sheet
                    .merge_range(at, col(start)?, at, col(end)?, &text, &self.styles.band)
                    .map_err(xlsx_error)?;
            } else {
                self.sheet
                    .write_string_with_format(at, col(start)?, &*text, &self.styles.band)
                    .map_err(xlsx_error)?;
            }
        }
        self.next_row += 1;
        Ok(())
    }

    /// Writes the heading row. Headings wrap, so only their longest word counts
    /// towards the column's width.
    pub fn heading_row<S: AsRef<str>>(&mut self, headings: &[S]) -> Result<u32> {
        let at = self.next_row;
        let styles = self.styles;
        self.write_row(headings, &styles.heading, false)?;
        for (column, heading) in headings.iter().enumerate() {
            let longest = heading.as_ref().split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
            self.widen(column, longest.max(MIN_WIDTH * 2));
        }
        Ok(at)
    }

    /// Freezes everything above the first data row and the first column, puts an
    /// autofilter on the heading row over the data, offers Yes/No dropdowns in
    /// `yes_no` columns and sets the column widths.
    pub fn finish_table(mut self, heading_row: u32, columns: usize, yes_no: &[usize]) -> Result<()> {
        let first_data = heading_row + 1;
        let last_data = self.next_row.saturating_sub(1).max(heading_row);
        let last_column = col(columns.saturating_sub(1))?;
        self.sheet.set_freeze_panes(first_data, 1).map_err(xlsx_error)?;
        self.sheet.autofilter(heading_row, 0, last_data, last_column).map_err(xlsx_error)?;
        if !yes_no.is_empty() {
            let dropdown = yes_no_validation()?;
            for &column in yes_no {
                self.sheet
                    .add_data_validation(first_data, col(column)?, LAST_ROW, col(column)?, &dropdown)
                    .map_err(xlsx_error)?;
            }
        }
        let widths: Vec<usize> = self.widths.iter().map(|&width| width.clamp(MIN_WIDTH, MAX_WIDTH)).collect();
        for (column, &width) in widths.iter().enumerate() {
            self.sheet.set_column_width(col(column)?, (width + 2) as f64).map_err(xlsx_error)?;
        }
        self.set_row_heights(&widths)?;
        self.set_printing(heading_row, widths.iter().sum());
        Ok(())
    }

    /// Sets each row that holds wrapping text to the height of its tallest cell:
    /// the lines each cell wraps to at its column's width (an estimate: the
    /// spreadsheet's own wrapping may differ a little), at 15 points a line
    /// (Excel's default row), up to Excel's 409-point limit.
    fn set_row_heights(&mut self, widths: &[usize]) -> Result<()> {
        let mut lines_by_row: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
        for (row, column, lines) in &self.wrapped {
            // A column's width counts the digit "0"; ordinary text fits about a
            // quarter more characters than that on a line.
            let width = widths.get(usize::from(*column)).copied().unwrap_or(MAX_WIDTH).max(1) as u32 * 5 / 4;
            let count: u32 = lines.iter().map(|&length| length.div_ceil(width).max(1)).sum();
            let entry = lines_by_row.entry(*row).or_insert(1);
            *entry = (*entry).max(count);
        }
        for (row, lines) in lines_by_row {
            if lines > 1 {
                let height = (f64::from(lines) * 15.0).min(409.0);
                self.sheet.set_row_height(row, height).map_err(xlsx_error)?;
            }
        }
        Ok(())
    }

    /// Prints landscape, the rows down to the headings on every page, and as many
    /// pages across as the table needs at about 250 characters a page.
    fn set_printing(&mut self, heading_row: u32, total_width: usize) {
        self.sheet.set_landscape();
        let _unchanged_if_refused = self.sheet.set_repeat_rows(heading_row, heading_row);
        let across = u16::try_from(total_width.div_ceil(250).max(1)).unwrap_or(u16::MAX);
        self.sheet.set_print_fit_to_pages(across, 0);
    }

    fn write_row<S: AsRef<str>>(&mut self, cells: &[S], format: &Format, measure: bool) -> Result<()> {
        let at = self.next_row;
        for (column, value) in cells.iter().enumerate() {
            self.cell(at, column, value.as_ref(), format, measure)?;
        }
        self.next_row += 1;
        Ok(())
    }

    fn cell(&mut self, row: u32, column: usize, value: &str, format: &Format, measure: bool) -> Result<()> {
        if value.is_empty() {
            return Ok(());
        }
        let text = cells::neutralise(checked(self.name, row, column, value)?);
        self.sheet.write_string_with_format(row, col(column)?, &*text, format).map_err(xlsx_error)?;
        let lines: Vec<u32> = text.lines().map(|line| line.chars().count() as u32).collect();
        if measure {
            self.widen(column, lines.iter().copied().max().unwrap_or(0) as usize);
        }
        if lines.len() > 1 || lines.iter().any(|&length| length as usize > MIN_WIDTH) {
            self.wrapped.push((row, col(column)?, lines));
        }
        Ok(())
    }

    fn widen(&mut self, column: usize, width: usize) {
        if self.widths.len() <= column {
            self.widths.resize(column + 1, 0);
        }
        self.widths[column] = self.widths[column].max(width);
    }
}

/// The dropdown of the Yes/No columns. A blank cell stays allowed: "not decided".
fn yes_no_validation() -> Result<DataValidation> {
    DataValidation::new()
        .allow_list_strings(&["Yes", "No"])
        .and_then(|validation| validation.set_error_title("Yes or No"))
        .and_then(|validation| validation.set_error_message("Answer Yes or No, or leave the cell blank."))
        .map(|validation| validation.set_error_style(DataValidationErrorStyle::Stop))
        .map_err(xlsx_error)
}

/// `value`, or an error naming the sheet, row and column when it is longer than
/// Excel allows in a cell (it would otherwise be cut short or refused).
fn checked<'v>(sheet: &str, row: u32, column: usize, value: &'v str) -> Result<&'v str> {
    let length = value.chars().count() + usize::from(cells::needs_prefix(value));
    if length <= MAX_CELL_CHARS {
        return Ok(value);
    }
    Err(Error::Export {
        message: format!(
            "sheet \"{sheet}\", row {}, column {}: the cell holds {length} characters, more than the {MAX_CELL_CHARS} an Excel cell can hold; shorten it, or export as CSV (ico-csv), which has no such limit",
            row + 1,
            column_name(column),
        ),
    })
}

/// The spreadsheet name of column `index` (0 is A, 26 is AA).
pub fn column_name(index: usize) -> String {
    let mut name = String::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    name
}

fn col(index: usize) -> Result<u16> {
    u16::try_from(index)
        .map_err(|_| Error::Export { message: format!("column {index} is beyond a worksheet") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_run_like_a_spreadsheet() {
        let check = |index, name: &str| assert_eq!(column_name(index), name);
        check(0, "A");
        check(25, "Z");
        check(26, "AA");
        check(29, "AD");
        check(30, "AE");
        check(701, "ZZ");
        check(702, "AAA");
    }

    #[test]
    fn over_long_cells_are_refused_with_their_place() {
        let long = "x".repeat(MAX_CELL_CHARS + 1);
        let error = checked("Links", 4, 27, &long).unwrap_err().to_string();
        assert!(error.contains("sheet \"Links\", row 5, column AB"), "{error}");
        assert!(checked("Links", 0, 0, &"x".repeat(MAX_CELL_CHARS)).is_ok());
        let formula_like = format!("={}", "x".repeat(MAX_CELL_CHARS - 1));
        assert!(
            checked("Links", 0, 0, &formula_like).is_err(),
            "the apostrophe added counts towards the limit"
        );
    }
}
