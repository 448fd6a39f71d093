//! The one shape every spreadsheet is read into before its layout is understood:
//! rows of text cells, each row carrying the number the spreadsheet shows for it.
//!
//! A CSV file ([`super::csv_grid`]) and a workbook sheet ([`super::workbook`]) both
//! become a [`Grid`], so the ICO layout and a council's own layout are read by the
//! same code whatever the file was.

/// One row of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// The row's number as the spreadsheet shows it (the first row is 1).
    pub number: usize,
    /// The cells, left to right from column A, as text.
    pub cells: Vec<String>,
}

impl GridRow {
    /// The cell in column `index` (0 for A), or "" past the end of the row.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    /// Whether every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|cell| cell.trim().is_empty())
    }
}

/// A sheet of rows, with where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    /// The sheet's name, for workbooks; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The rows in order; blank rows may be left out, so numbers can jump.
    pub rows: Vec<GridRow>,
}

impl Grid {
    /// "sheet \"Register\", row 12" or "row 12", as messages name a place.
    pub fn place(&self, row: usize) -> String {
        match &self.sheet {
            Some(sheet) => format!("sheet \"{sheet}\", row {row}"),
            None => format!("row {row}"),
        }
    }
}

/// The spreadsheet letters of a 0-based column index: 0 is A, 26 is AA.
pub fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_letter_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(29), "AD");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
