//! Reading a workbook (xlsx, xls, ods) into one [`Grid`] per sheet with calamine.
//!
//! Rows keep the number the spreadsheet shows (a sheet's used range may start
//! below row 1 and right of column A); a value merged down over several rows is
//! repeated in each of them (only the top-left cell of a merge holds it), on
//! the sheets whose caller says their rows may rely on merges; dates
//! read as dates (YYYY-MM-DD); text that looks like a formula stays text; a cell
//! that holds an error (#REF!, #DIV/0!) is read as blank with a warning naming
//! the sheet, row and column.

use std::io::Cursor;

use calamine::{Data, Dimensions, Reader, Sheets, open_workbook_auto_from_rs};

use super::grid::{Grid, GridRow, column_letters};
use crate::cells::restore;
use crate::{Error, Result};

/// The first bytes of a zip file (xlsx, ods) and of an OLE file (xls).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether `bytes` look like a workbook rather than text.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC)
}

/// A sheet read from a workbook, with the warnings about its cells.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The rows.
    pub grid: Grid,
    /// Cells that could not be read: (row, column letters, message).
    pub warnings: Vec<(usize, String, String)>,
}

/// Every sheet of the workbook in `bytes`, in the workbook's order.
pub fn read_sheets(bytes: &[u8], file: &str) -> Result<Vec<Sheet>> {
    read_sheets_where(bytes, file, |_| true, |_| true)
}

/// The sheets of the workbook in `bytes` whose names `keep` accepts, in the
/// workbook's order (a sheet not kept is never parsed), each with its merged
/// cells filled down when `merged` says its rows may rely on them (finding
/// them reads the sheet a second time: a sixth of reading a 100,000-row
/// links sheet).
///
/// The sheets are read on up to [`READERS`] threads, each with its own copy of
/// the workbook's directory, taking the next sheet not yet taken: a register's
/// own workbook has two long sheets (the record and its links), and reading
/// them one after the other was a third of a 10,000-activity import.
pub fn read_sheets_where(
    bytes: &[u8],
    file: &str,
    keep: impl Fn(&str) -> bool,
    merged: impl Fn(&Grid) -> bool + Sync,
) -> Result<Vec<Sheet>> {
    let mut first = open(bytes, file)?;
    let names: Vec<String> = first.sheet_names().into_iter().filter(|name| keep(name)).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let read_some = |workbook: &mut Sheets<Cursor<&[u8]>>| -> Result<Vec<(usize, Sheet)>> {
        let mut read = Vec::new();
        loop {
            let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(name) = names.get(at) else { return Ok(read) };
            read.push((at, read_sheet(workbook, name, file, &merged)?));
        }
    };
    let helpers = READERS.min(names.len()).saturating_sub(1);
    let mut read: Vec<(usize, Sheet)> = std::thread::scope(|scope| {
        let workers: Vec<_> =
            (0..helpers).map(|_| scope.spawn(|| read_some(&mut open(bytes, file)?))).collect();
        let mut read = read_some(&mut first);
        for worker in workers {
            let stopped = || Err(fail(file, "reading a sheet stopped unexpectedly".into()));
            read = match (read, worker.join().unwrap_or_else(|_| stopped())) {
                (Ok(mut mine), Ok(theirs)) => {
                    mine.extend(theirs);
                    Ok(mine)
                }
                (Err(error), _) | (_, Err(error)) => Err(error),
            };
        }
        read
    })?;
    read.sort_by_key(|(at, _)| *at);
    Ok(read.into_iter().map(|(_, sheet)| sheet).collect())
}

/// How many threads read a workbook's sheets.
const READERS: usize = 2;

fn fail(file: &str, message: String) -> Error {
    Error::Import { file: file.to_string(), message }
}

fn open<'a>(bytes: &'a [u8], file: &str) -> Result<Sheets<Cursor<&'a [u8]>>> {
    open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|error| {
        fail(file, format!("it is not a workbook that can be read (xlsx, xls or ods): {error}"))
    })
}

fn read_sheet(
    workbook: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    file: &str,
    merged: impl Fn(&Grid) -> bool,
) -> Result<Sheet> {
    let range = workbook
        .worksheet_range(name)
        .map_err(|error| fail(file, format!("sheet \"{name}\" cannot be read: {error}")))?;
    let mut sheet = sheet(name, &range);
    if merged(&sheet.grid) {
        fill_merges_down(&mut sheet.grid, &merged_regions(workbook, name));
    }
    Ok(sheet)
}

/// The sheet's merged regions; none for formats calamine gives none for (ods).
fn merged_regions(workbook: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Vec<Dimensions> {
    match workbook {
        Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
    }
}

fn sheet(name: &str, range: &calamine::Range<Data>) -> Sheet {
    let mut result =
        Sheet { grid: Grid { sheet: Some(name.to_string()), rows: Vec::new() }, warnings: Vec::new() };
    let Some((first_row, first_column)) = range.start() else { return result };
    let first_column = first_column as usize;
    for (offset, cells) in range.rows().enumerate() {
        let number = first_row as usize + offset + 1;
        let mut row = vec![String::new(); first_column];
        for (index, data) in cells.iter().enumerate() {
            let text = match cell_text(data) {
                Ok(text) => text,
                Err(message) => {
                    result.warnings.push((number, column_letters(first_column + index), message));
                    String::new()
                }
            };
            row.push(text);
        }
        result.grid.rows.push(GridRow { number, cells: row });
    }
    result
}

/// Repeats the value of each merge's top-left cell down its first column, as a
/// "Business function" merged over the rows of its activities means.
fn fill_merges_down(grid: &mut Grid, merges: &[Dimensions]) {
    for merge in merges.iter().filter(|m| m.end.0 > m.start.0) {
        let column = merge.start.1 as usize;
        let top = merge.start.0 as usize + 1;
        let bottom = merge.end.0 as usize + 1;
        let Some(value) = grid.rows.iter().find(|r| r.number == top).map(|r| r.cell(column).to_string())
        else {
            continue;
        };
        for row in grid.rows.iter_mut().filter(|r| r.number > top && r.number <= bottom) {
            if row.cells.len() <= column {
                row.cells.resize(column + 1, String::new());
            }
            if row.cells[column].trim().is_empty() {
                row.cells[column] = value.clone();
            }
        }
    }
}

/// A cell as text, or why it cannot be read.
fn cell_text(data: &Data) -> std::result::Result<String, String> {
    Ok(match data {
        Data::Empty => String::new(),
        Data::String(text) => restore(text).to_string(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) => float_text(*number),
        Data::Bool(true) => "Yes".to_string(),
        Data::Bool(false) => "No".to_string(),
        Data::DateTime(when) => {
            let (year, month, day, hour, minute, _, _) = when.to_ymd_hms_milli();
            if when.is_duration() {
                when.as_f64().to_string()
            } else if hour == 0 && minute == 0 {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
            }
        }
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Error(error) => return Err(format!("the cell holds the error {error}; read as blank")),
    })
}

/// A number as a spreadsheet shows it: 3 not 3.0.
fn float_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 { format!("{number:.0}") } else { number.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_spreadsheet_shows_them() {
        assert_eq!(float_text(3.0), "3");
        assert_eq!(float_text(-1.5), "-1.5");
        assert_eq!(cell_text(&Data::Bool(true)), Ok("Yes".to_string()));
        assert_eq!(cell_text(&Data::String("'=SUM(A1)".into())), Ok("=SUM(A1)".to_string()));
        assert!(cell_text(&Data::Error(calamine::CellErrorType::Ref)).is_err());
    }

    /// A workbook of `sheets` (name, rows of text), merged as a register's
    /// "Business function" often is: A2:A3 on every sheet.
    fn workbook(sheets: &[(&str, Vec<Vec<String>>)]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        for (name, rows) in sheets {
            let sheet = book.add_worksheet().set_name(*name).expect("a valid sheet name");
            for (r, row) in rows.iter().enumerate() {
                for (c, text) in row.iter().enumerate() {
                    if r == 1 && c == 0 {
                        sheet.merge_range(1, 0, 2, 0, text, &rust_xlsxwriter::Format::new()).expect("merge");
                    } else if !(r == 2 && c == 0) {
                        sheet.write(r as u32, c as u16, text.as_str()).expect("cell");
                    }
                }
            }
        }
        book.save_to_buffer().expect("a workbook")
    }

    #[test]
    fn sheets_read_on_several_threads_come_back_whole_in_the_workbooks_order() {
        let sheets: Vec<(String, Vec<Vec<String>>)> = (0..7)
            .map(|s| {
                let rows =
                    (0..=s * 40).map(|r| (0..3).map(|c| format!("sheet {s} row {r} col {c}")).collect());
                (format!("Sheet {s}"), rows.collect())
            })
            .collect();
        let borrowed: Vec<(&str, Vec<Vec<String>>)> =
            sheets.iter().map(|(name, rows)| (name.as_str(), rows.clone())).collect();
        let bytes = workbook(&borrowed);
        let read =
            read_sheets_where(&bytes, "book.xlsx", |name| name != "Sheet 3", |_| true).expect("readable");
        let names: Vec<&str> = read.iter().filter_map(|sheet| sheet.grid.sheet.as_deref()).collect();
        assert_eq!(names, ["Sheet 0", "Sheet 1", "Sheet 2", "Sheet 4", "Sheet 5", "Sheet 6"]);
        for (sheet, (name, rows)) in read.iter().zip(sheets.iter().filter(|(name, _)| name != "Sheet 3")) {
            assert_eq!(sheet.grid.rows.len(), rows.len(), "{name}");
            for (got, want) in sheet.grid.rows.iter().zip(rows) {
                let mut want = want.clone();
                if got.number == 3 {
                    want[0] = rows[1][0].clone(); // the merge's value, repeated down
                }
                assert_eq!(&got.cells, &want, "{name} row {}", got.number);
            }
        }
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_refused_naming_it() {
        let error = read_sheets(b"PK\x03\x04 not really a zip", "book.xlsx").unwrap_err();
        assert!(error.to_string().contains("book.xlsx"), "{error}");
    }

    #[test]
    fn text_is_not_taken_for_a_workbook() {
        assert!(!is_workbook(b"Business function,Purpose"));
        assert!(is_workbook(b"PK\x03\x04rest"));
    }
}
