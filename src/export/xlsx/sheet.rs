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
}

impl<'a> SheetWriter<'a> {
    /// A writer on `sheet`, called `name`, starting at the top.
    pub fn new(sheet: &'a mut Worksheet, name: &'static str, styles: &'a Styles) -> Result<Self> {
        sheet.set_name(name).map_err(xlsx_error)?;
        Ok(Self { sheet, name, styles, next_row: 0, widths: Vec::new() })
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
    pub fn finish_table(self, heading_row: u32, columns: usize, yes_no: &[usize]) -> Result<()> {
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
        for (column, &width) in self.widths.iter().enumerate() {
            let width = width.clamp(MIN_WIDTH, MAX_WIDTH) + 2;
            self.sheet.set_column_width(col(column)?, width as f64).map_err(xlsx_error)?;
        }
        Ok(())
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
        if measure {
            let longest = text.lines().map(|line| line.chars().count()).max().unwrap_or(0);
            self.widen(column, longest);
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
        let error = checked("Links", 0, 0, &format!("={}", "x".repeat(MAX_CELL_CHARS - 1)));
        assert!(error.is_err(), "the apostrophe added counts towards the limit");
    }
}
