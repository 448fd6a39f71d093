//! What an import found: warnings kept with the rows they concern, and rows
//! rejected with the reason.

use std::fmt;

/// One problem, located as precisely as the file allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Row number in the file, counting from 1 as a spreadsheet does.
    pub row: Option<usize>,
    /// Column heading.
    pub column: Option<String>,
    /// What is wrong and what happened to the value.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(row) = self.row {
            write!(f, "row {row}, ")?;
        }
        if let Some(column) = &self.column {
            write!(f, "column \"{column}\": ")?;
        }
        f.write_str(&self.message)
    }
}

/// Warnings and rejections of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The file read, as shown to the user.
    pub file: String,
    /// Rows imported with a remark (a citation kept as text, a value moved).
    pub warnings: Vec<Issue>,
    /// Rows not imported, with the reason.
    pub rejected: Vec<Issue>,
}

impl Report {
    /// A report for `file`.
    pub fn new(file: impl Into<String>) -> Self {
        Self { file: file.into(), warnings: Vec::new(), rejected: Vec::new() }
    }

    /// Records a warning.
    pub fn warn(&mut self, row: Option<usize>, column: Option<&str>, message: impl Into<String>) {
        self.warnings.push(Issue { row, column: column.map(str::to_string), message: message.into() });
    }

    /// Records a rejected row.
    pub fn reject(&mut self, row: Option<usize>, column: Option<&str>, message: impl Into<String>) {
        self.rejected.push(Issue { row, column: column.map(str::to_string), message: message.into() });
    }

    /// Every issue as lines of text naming the file.
    pub fn lines(&self) -> Vec<String> {
        let rejected = self.rejected.iter().map(|issue| format!("{}: rejected: {issue}", self.file));
        let warnings = self.warnings.iter().map(|issue| format!("{}: warning: {issue}", self.file));
        rejected.chain(warnings).collect()
    }
}
