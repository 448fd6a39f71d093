//! Reading CSV text into a [`Grid`], numbering rows as the spreadsheet that saved
//! it numbers them, and catching the structural faults a hand-edited file has.
//!
//! A quote that is never closed makes an ordinary CSV reader swallow every row
//! after it into one cell. Here a quoted cell that runs over line breaks and then
//! ends at the end of the file, ends in the middle of text, or runs over more than
//! [`MAX_CELL_LINES`] lines is a [`Fault`]: its row is rejected, named by number,
//! and reading starts again on the next line, so no row is silently merged.

use super::grid::{Grid, GridRow};

/// The most line breaks one cell may hold; beyond it a closing quote is taken to
/// be missing. Real multi-line cells (a bulleted list of measures) hold far fewer.
pub const MAX_CELL_LINES: usize = 100;

/// A structural fault in the file, at a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The row (as the spreadsheet numbers it) that was not read.
    pub row: usize,
    /// What is wrong.
    pub message: String,
}

/// The rows of `text` split on `delimiter`, and the rows rejected for faults.
pub fn parse(text: &str, delimiter: char) -> (Grid, Vec<Fault>) {
    parse_head(text, delimiter, usize::MAX)
}

/// [`parse`] until `rows` rows are read (faulty rows not counted): the same
/// rows as the whole file's first, for a look at its head.
pub fn parse_head(text: &str, delimiter: char, rows: usize) -> (Grid, Vec<Fault>) {
    let mut parser = Parser { text, delimiter, pos: 0, row: 1, rows: Vec::new(), faults: Vec::new() };
    while parser.pos < text.len() && parser.rows.len() < rows {
        parser.read_row();
    }
    (Grid { sheet: None, rows: parser.rows }, parser.faults)
}

struct Parser<'t> {
    text: &'t str,
    delimiter: char,
    pos: usize,
    row: usize,
    rows: Vec<GridRow>,
    faults: Vec<Fault>,
}

/// How a quoted cell ended.
enum Quoted {
    /// At its closing quote; `pos` is after it.
    Closed,
    /// Not as a cell should: the row is faulty.
    Fault(String),
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let ch = self.peek()?;
        self.pos += ch.len_utf8();
        Some(ch)
    }

    /// Consumes a line end at `pos` ("\r\n", "\n" or "\r"); false if there is none.
    fn line_end(&mut self) -> bool {
        match self.peek() {
            Some('\n') => {
                self.pos += 1;
                true
            }
            Some('\r') => {
                self.pos += 1;
                if self.peek() == Some('\n') {
                    self.pos += 1;
                }
                true
            }
            _ => false,
        }
    }

    /// Reads one row (or records its fault and skips to the next line).
    fn read_row(&mut self) {
        let start = self.pos;
        let number = self.row;
        let mut cells = Vec::new();
        loop {
            let mut cell = String::new();
            if self.peek() == Some('"') {
                self.pos += 1;
                if let Quoted::Fault(message) = self.quoted(&mut cell, number) {
                    self.faults.push(Fault { row: number, message });
                    self.pos = start;
                    self.skip_line();
                    self.row = number + 1;
                    return;
                }
            }
            self.unquoted(&mut cell);
            cells.push(cell);
            if self.peek() == Some(self.delimiter) {
                self.pos += self.delimiter.len_utf8();
                continue;
            }
            self.line_end();
            break;
        }
        self.row = number + 1;
        self.rows.push(GridRow { number, cells });
    }

    /// Reads unquoted text up to a delimiter or line end (and what follows a
    /// closing quote on the same cell, as Excel does).
    fn unquoted(&mut self, cell: &mut String) {
        while let Some(ch) = self.peek() {
            if ch == self.delimiter || ch == '\n' || ch == '\r' {
                return;
            }
            cell.push(ch);
            self.pos += ch.len_utf8();
        }
    }

    /// Reads a quoted cell after its opening quote.
    fn quoted(&mut self, cell: &mut String, number: usize) -> Quoted {
        let mut breaks = 0;
        loop {
            match self.bump() {
                None => {
                    return Quoted::Fault(
                        "a quote opened in this row is never closed, so every row after it would run into one cell; the row was not imported (add the closing quote)".to_string(),
                    );
                }
                Some('"') if self.peek() == Some('"') => {
                    self.pos += 1;
                    cell.push('"');
                }
                Some('"') => {
                    let ends_cell = match self.peek() {
                        None | Some('\n' | '\r') => true,
                        Some(ch) => ch == self.delimiter,
                    };
                    if breaks > 0 && !ends_cell {
                        return Quoted::Fault(format!(
                            "a quote opened in this row runs over {breaks} line breaks to row {} and ends in the middle of text there, so a closing quote is probably missing; the row was not imported",
                            number + breaks
                        ));
                    }
                    return Quoted::Closed;
                }
                Some('\r') => {
                    if self.peek() == Some('\n') {
                        self.pos += 1;
                    }
                    breaks += 1;
                    cell.push('\n');
                }
                Some(ch) => {
                    if ch == '\n' {
                        breaks += 1;
                    }
                    cell.push(ch);
                }
            }
            if breaks > MAX_CELL_LINES {
                return Quoted::Fault(format!(
                    "a quoted cell in this row runs over more than {MAX_CELL_LINES} lines, so a closing quote is probably missing; the row was not imported"
                ));
            }
        }
    }

    fn skip_line(&mut self) {
        while let Some(ch) = self.peek() {
            if self.line_end() {
                return;
            }
            self.pos += ch.len_utf8();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(grid: &Grid) -> Vec<(usize, Vec<&str>)> {
        grid.rows.iter().map(|r| (r.number, r.cells.iter().map(String::as_str).collect())).collect()
    }

    #[test]
    fn the_head_is_the_whole_files_first_rows_faulty_rows_not_counted() {
        let text = "a,b\n\"multi\nline\",c\nbad\"quote\",x\n\"say \"\"hi\"\"\",d\ne,f\ng,h\n";
        let (whole, whole_faults) = parse(text, ',');
        let (head, head_faults) = parse_head(text, ',', 3);
        assert_eq!(cells(&head), cells(&whole)[..3].to_vec());
        assert_eq!(head_faults, whole_faults, "the faulty row before the third good one is reported");
        let (all, _) = parse_head(text, ',', 99);
        assert_eq!(cells(&all), cells(&whole));
    }

    #[test]
    fn rows_are_numbered_as_the_spreadsheet_shows_them() {
        let (grid, faults) = parse("a,b\r\n\r\n\"multi\nline\",c\n\"say \"\"hi\"\"\",d\ne,f", ',');
        assert!(faults.is_empty());
        assert_eq!(
            cells(&grid),
            vec![
                (1, vec!["a", "b"]),
                (2, vec![""]),
                (3, vec!["multi\nline", "c"]),
                (4, vec!["say \"hi\"", "d"]),
                (5, vec!["e", "f"]),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_rejects_its_row_and_the_rows_after_it_are_read() {
        let (grid, faults) = parse("h1,h2\nx,\"never closed\ny,2\nz,3\n", ',');
        assert_eq!(faults.len(), 1);
        assert_eq!(faults[0].row, 2);
        assert!(faults[0].message.contains("never closed"), "{}", faults[0].message);
        assert_eq!(cells(&grid), vec![(1, vec!["h1", "h2"]), (3, vec!["y", "2"]), (4, vec!["z", "3"])]);
    }

    #[test]
    fn a_quote_closed_rows_later_in_the_middle_of_text_is_a_fault() {
        let (grid, faults) = parse("h\n\"open,1\nnext,2\n\"quoted, text\",3\n", ',');
        assert_eq!(faults.len(), 1, "{faults:?}");
        assert_eq!(faults[0].row, 2);
        assert!(faults[0].message.contains("row 4"), "{}", faults[0].message);
        assert_eq!(cells(&grid)[1], (3, vec!["next", "2"]));
        assert_eq!(cells(&grid)[2], (4, vec!["quoted, text", "3"]));
    }

    #[test]
    fn a_cell_past_the_line_limit_is_a_fault() {
        let body = "line\n".repeat(MAX_CELL_LINES + 5);
        let text = format!("h\n\"{body}\"\nlast\n");
        let (_grid, faults) = parse(&text, ',');
        assert_eq!(faults.first().map(|f| f.row), Some(2));
        let within = format!("h\n\"{}\",x\n", "line\n".repeat(MAX_CELL_LINES - 1));
        let (grid, faults) = parse(&within, ',');
        assert!(faults.is_empty());
        assert_eq!(grid.rows[1].cells[1], "x");
    }
}
