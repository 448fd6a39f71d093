//! The CSV writer every CSV export shares: CRLF line ends, quotes only where needed,
//! an optional UTF-8 byte order mark, and every cell neutralised.

use std::io::Write;

use csv::{QuoteStyle, Terminator, WriterBuilder};

use super::{cells, write_error};
use crate::{Error, Result};

/// A CSV writer whose cells are always passed through [`cells::neutralise`].
pub(crate) struct CsvOut<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
}

impl<'a> CsvOut<'a> {
    /// A writer on `out`, starting with a byte order mark when `bom` is set.
    pub(crate) fn new(out: &'a mut dyn Write, bom: bool) -> Result<Self> {
        if bom {
            out.write_all("\u{FEFF}".as_bytes()).map_err(write_error)?;
        }
        let writer = WriterBuilder::new()
            .quote_style(QuoteStyle::Necessary)
            .terminator(Terminator::CRLF)
            .flexible(true)
            .from_writer(out);
        Ok(Self { writer })
    }

    /// Writes one row.
    pub(crate) fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        self.writer
            .write_record(cells.iter().map(|cell| cells::neutralise(cell.as_ref()).into_owned()))
            .map_err(csv_error)
    }

    /// Flushes what is buffered.
    pub(crate) fn finish(mut self) -> Result<()> {
        self.writer.flush().map_err(write_error)
    }
}

fn csv_error(error: csv::Error) -> Error {
    match error.into_kind() {
        csv::ErrorKind::Io(source) => write_error(source),
        other => Error::Export { message: format!("CSV writer: {other:?}") },
    }
}
