//! A flow question's answer as CSV: the table the Flows page shows and `ropa ask`
//! prints, every cell neutralised like every other CSV export.

use std::io::Write;

use super::csv_out::CsvOut;
use crate::Result;
use crate::flows::answers::Answer;

/// Writes `answer` (headings, then its rows) as CSV to `out`.
pub fn write(answer: &Answer, bom: bool, out: &mut dyn Write) -> Result<()> {
    let mut csv = CsvOut::new(out, bom)?;
    csv.row(&answer.headings)?;
    for (cells, _) in &answer.rows {
        csv.row(cells)?;
    }
    csv.finish()
}
