//! The one place where a CSV cell is made safe to open in a spreadsheet.
//!
//! Excel and LibreOffice run a cell as a formula when its first character is `=`,
//! `+`, `-` or `@` (also after leading spaces), and treat a leading tab or carriage
//! return specially. [`neutralise`] puts an apostrophe `'` in front of any value
//! that, once leading whitespace is skipped, starts with one of
//! `=` `+` `-` `@` tab CR or their full-width forms `＝` `＋` `－` `＠`.
//!
//! **Plain numbers are neutralised too**: `-1.5` is written `'-1.5` and `+44161`
//! `'+44161`. Every value in the register is text (a telephone number, a citation,
//! a free note), never arithmetic, so keeping it exactly as written matters more
//! than letting a spreadsheet read it as a number; and one rule with no exception
//! is easier to trust and to reverse.
//!
//! So that the rule can be reversed without loss, a value that itself starts with
//! `'` gets a second one. An encoded cell therefore starts with `'` exactly when an
//! apostrophe was added, and [`restore`] removes it: `restore(neutralise(v)) == v`
//! for every `v`. Importers call [`restore`] on every cell.

use std::borrow::Cow;

/// Characters that make a spreadsheet treat a cell as a formula when they come
/// first (after any leading whitespace).
const TRIGGERS: &[char] = &['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// The prefix that neutralises a cell.
const PREFIX: char = '\'';

/// Whether `value` would be read by a spreadsheet as a formula (or needs the prefix
/// to stay reversible).
pub fn needs_prefix(value: &str) -> bool {
    if value.starts_with(PREFIX) {
        return true;
    }
    for c in value.chars() {
        if TRIGGERS.contains(&c) {
            return true;
        }
        if !c.is_whitespace() {
            return false;
        }
    }
    false
}

/// `value` made safe for a spreadsheet cell (see the module documentation).
pub fn neutralise(value: &str) -> Cow<'_, str> {
    if needs_prefix(value) { Cow::Owned(format!("{PREFIX}{value}")) } else { Cow::Borrowed(value) }
}

/// The value that [`neutralise`] turned into `cell`.
pub fn restore(cell: &str) -> &str {
    cell.strip_prefix(PREFIX).unwrap_or(cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, expected: &str) {
        assert_eq!(neutralise(value), expected, "neutralising {value:?}");
        assert_eq!(restore(&neutralise(value)), value, "restoring {value:?}");
    }

    #[test]
    fn formula_starts_get_an_apostrophe() {
        check("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")");
        check("=1+1", "'=1+1");
        check("+44 161 234 5000", "'+44 161 234 5000");
        check("-2+3", "'-2+3");
        check("@SUM(A1:A2)", "'@SUM(A1:A2)");
        check("\t=1", "'\t=1");
        check("\tplain after a tab", "'\tplain after a tab");
        check("\rcarriage", "'\rcarriage");
        check("  =1", "'  =1");
        check("\n\n@x", "'\n\n@x");
        check("\u{a0}=1", "'\u{a0}=1");
        check("＝1+1", "'＝1+1");
        check("＋44", "'＋44");
        check("－5", "'－5");
        check("＠SUM", "'＠SUM");
    }

    #[test]
    fn plain_numbers_are_neutralised_too() {
        check("-1.5", "'-1.5");
        check("+44161", "'+44161");
        check("-", "'-");
        check("1.5", "1.5");
        check("0161 234 5000", "0161 234 5000");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        check("", "");
        check("   ", "   ");
        check("Côte d'Ivoire", "Côte d'Ivoire");
        check("Łódź – “quoted” ’", "Łódź – “quoted” ’");
        check("a=b", "a=b");
        check("Name; Address", "Name; Address");
        check("Art 6(1)(e) Public task", "Art 6(1)(e) Public task");
        check("x-ray", "x-ray");
        check("e-mail @ work", "e-mail @ work");
    }

    #[test]
    fn apostrophes_stay_reversible() {
        check("'quoted'", "''quoted'");
        check("'=1", "''=1");
        check("''", "'''");
        check(" 'leading space", " 'leading space");
    }
}
