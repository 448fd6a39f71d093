//! Telling a file's layout from its content, so `ropa import` needs no `--format`.

use super::workbook::is_workbook;

/// The layouts an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The ICO controller template (or a council's own layout) saved as CSV.
    IcoCsv,
    /// A workbook: xlsx, xls or ods.
    Workbook,
    /// This app's full CSV export.
    FullCsv,
    /// A whole register as JSON.
    Json,
}

impl Layout {
    /// How messages name the layout.
    pub fn label(self) -> &'static str {
        match self {
            Self::IcoCsv => "a spreadsheet saved as CSV",
            Self::Workbook => "a workbook (xlsx, xls or ods)",
            Self::FullCsv => "a full CSV export of ROPA Register",
            Self::Json => "a JSON register",
        }
    }
}

/// The layout of a file, judged by its first bytes: a zip or OLE file is a
/// workbook, text starting with `{` is JSON, a CSV whose first row starts
/// `record,id` is the full CSV, and any other text is read as a spreadsheet.
pub fn detect(bytes: &[u8]) -> Layout {
    if is_workbook(bytes) {
        return Layout::Workbook;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).map_or(text, |i| &text[i..]);
    if start.starts_with(b"{") {
        Layout::Json
    } else if start.starts_with(b"record,id,") {
        Layout::FullCsv
    } else {
        Layout::IcoCsv
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_are_told_by_content() {
        assert_eq!(detect(b"PK\x03\x04...."), Layout::Workbook);
        assert_eq!(detect(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...."), Layout::Workbook);
        assert_eq!(detect(b"\xEF\xBB\xBF  {\"format\": 1}"), Layout::Json);
        assert_eq!(detect(b"record,id,controller_name\r\n"), Layout::FullCsv);
        assert_eq!(detect(b",Controller,Data Protection Officer\r\n"), Layout::IcoCsv);
        assert_eq!(detect(b""), Layout::IcoCsv);
    }
}
