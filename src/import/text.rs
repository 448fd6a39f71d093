//! Turning the bytes of a file into text and names into comparable keys.

/// Characters 0x80 to 0x9F of Windows-1252; the rest of the code page is Latin-1.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// How the bytes of a file were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// Windows-1252, as Excel saves "CSV" on Windows in the UK.
    Windows1252,
}

/// Decodes a text file: UTF-8 (a leading BOM is dropped) or, failing that,
/// Windows-1252. Returns `None` for a file that looks binary (it holds NUL bytes).
pub fn decode(bytes: &[u8]) -> Option<(String, Encoding)> {
    if bytes.contains(&0) {
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some((text.to_string(), Encoding::Utf8)),
        Err(_) => Some((bytes.iter().map(|&b| windows_1252(b)).collect(), Encoding::Windows1252)),
    }
}

fn windows_1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Lower case, letters and digits only, single spaces: "  N.H.S. " and "nhs" give
/// the same key, as do "Greater Manchester Police" and "greater  manchester police".
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    if name.is_ascii() {
        // Most cells are ASCII, and `char::to_lowercase` per character was a
        // tenth of a workbook import; byte by byte gives the same key.
        push_key_chars(&mut key, name.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        push_key_chars(&mut key, name.chars().flat_map(char::to_lowercase));
    }
    match key.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => key,
    }
}

/// Appends the letters and digits of `lowered` to `key`, each run of anything
/// else but full stops and apostrophes one space.
fn push_key_chars(key: &mut String, lowered: impl Iterator<Item = char>) {
    let mut pending_space = false;
    for ch in lowered {
        if ch.is_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            key.push(ch);
            pending_space = false;
        } else if ch != '.' && ch != '\'' && ch != '’' {
            pending_space = true;
        }
    }
}

/// Splits a list cell: on ";" or new lines when it has any, otherwise on ",".
pub fn split_list(cell: &str) -> Vec<String> {
    let separators: &[char] = if cell.contains([';', '\n', '\r']) { &[';', '\n', '\r'] } else { &[','] };
    cell.split(separators)
        .map(|item| strip_bullet(item.trim()).trim())
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

/// Drops a list bullet ("• ", "- ", "* ", "· ") but not a sign: "-1.5" stays.
pub fn strip_bullet(item: &str) -> &str {
    let bullet = item.strip_prefix('•').or_else(|| item.strip_prefix('·'));
    let dashed = ["- ", "* "].iter().find_map(|b| item.strip_prefix(b));
    bullet.or(dashed).map_or(item, str::trim)
}

/// The words officers write for "no" in a yes/no column (compared by [`name_key`]).
const NEGATIVE_ANSWERS: [&str; 14] = [
    "no",
    "n",
    "false",
    "0",
    "not required",
    "none",
    "n a",
    "na",
    "not applicable",
    "nil",
    "nothing",
    "not relevant",
    "no not applicable",
    "none known",
];

/// Reads yes / no answers as spreadsheets hold them; `None` for blank or anything else.
/// "Not applicable." and "N/A" are answers of no; "-" is blank.
pub fn yes_no(cell: &str) -> Option<bool> {
    let key = name_key(cell);
    if NEGATIVE_ANSWERS.contains(&key.as_str()) {
        return Some(false);
    }
    match key.as_str() {
        "yes" | "y" | "true" | "1" | "required" => Some(true),
        _ => None,
    }
}

/// Whether a cell of a yes/no column says no: blank, "-", "No", "N/A", "None",
/// "Not applicable.", or a sentence that starts by saying no ("No automated decisions
/// are made", "Not applicable - decisions are made by officers").
pub fn says_no(cell: &str) -> bool {
    let key = name_key(cell);
    key.is_empty()
        || yes_no(cell) == Some(false)
        || ["no ", "none ", "not applicable ", "n a ", "na ", "nil "]
            .iter()
            .any(|start| key.starts_with(start))
}

/// The detail after a leading "Yes" ("Yes: scoring by the system" gives "scoring by
/// the system"); the whole cell when it does not start with yes.
pub fn after_yes(cell: &str) -> &str {
    let trimmed = cell.trim();
    let Some(prefix) = trimmed.get(..3).filter(|p| p.eq_ignore_ascii_case("yes")) else { return trimmed };
    let rest = &trimmed[prefix.len()..];
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return trimmed;
    }
    rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | ',' | '.'))
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_punctuation_or_spacing() {
        for (a, b) in [
            ("NHS", "N.H.S."),
            ("Greater Manchester Police", " greater  manchester   police "),
            ("The Home Office", "Home Office"),
            ("Children’s Services", "Childrens Services"),
            ("DWP / Jobcentre Plus", "DWP - Jobcentre Plus"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} vs {b}");
        }
        assert_ne!(name_key("NHS England"), name_key("NHS"));
    }

    #[test]
    fn an_ascii_name_gets_the_key_the_unicode_path_gives() {
        let unicode_key = |name: &str| {
            let mut key = String::new();
            push_key_chars(&mut key, name.chars().flat_map(char::to_lowercase));
            key.strip_prefix("the ").map(str::to_string).unwrap_or(key)
        };
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for name in [
            every_ascii.as_str(),
            "The Home Office",
            "  THE  N.H.S.  Trust  ",
            "O'Brien & Sons Ltd.",
            "theatre",
            "the",
            "Tab\tand\nnew line",
        ] {
            assert_eq!(name_key(name), unicode_key(name), "{name:?}");
        }
        assert_eq!(name_key("  THE  N.H.S.  Trust  "), "nhs trust");
    }

    #[test]
    fn lists_split_on_semicolons_new_lines_or_commas() {
        assert_eq!(split_list("Name; Address; Date of birth"), ["Name", "Address", "Date of birth"]);
        assert_eq!(split_list("Name, address\nPhone"), ["Name, address", "Phone"]);
        assert_eq!(split_list("clients, staff , volunteers"), ["clients", "staff", "volunteers"]);
        assert_eq!(split_list("• name;\r\n• addresses;"), ["name", "addresses"]);
        assert!(split_list("  ").is_empty());
        assert_eq!(
            split_list("- first\n- second\n-1.5 adjustments"),
            ["first", "second", "-1.5 adjustments"]
        );
    }

    #[test]
    fn officers_ways_of_saying_no_read_as_no() {
        for cell in
            ["No", "no.", "N/A", "n/a", "NA", "None", "None.", "Not applicable", "Not applicable.", "nil"]
        {
            assert_eq!(yes_no(cell), Some(false), "{cell}");
            assert!(says_no(cell), "{cell}");
        }
        for cell in
            ["", "  ", "-", "–", "No automated decisions are made", "Not applicable - officers decide"]
        {
            assert!(says_no(cell), "{cell:?}");
        }
        for cell in ["Yes", "Yes: credit scoring", "Profiling of arrears cases", "Nominal roll"] {
            assert!(!says_no(cell), "{cell}");
        }
        assert_eq!(yes_no("-"), None);
        assert_eq!(yes_no("Yes"), Some(true));
    }

    #[test]
    fn the_detail_after_yes_is_kept() {
        assert_eq!(after_yes("Yes: credit scoring"), "credit scoring");
        assert_eq!(after_yes("yes - scoring"), "scoring");
        assert_eq!(after_yes("Yes"), "");
        assert_eq!(after_yes("Yesterday's scores"), "Yesterday's scores");
        assert_eq!(after_yes("Profiling"), "Profiling");
    }

    #[test]
    fn windows_1252_is_read_when_the_file_is_not_utf8() {
        let (text, encoding) = decode(b"Caf\xe9 \x93quoted\x94 \x96 \x80").unwrap();
        assert_eq!(encoding, Encoding::Windows1252);
        assert_eq!(text, "Café “quoted” – €");
        let (text, encoding) = decode("\u{FEFF}Łódź".as_bytes()).unwrap();
        assert_eq!((text.as_str(), encoding), ("Łódź", Encoding::Utf8));
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), None);
    }
}
