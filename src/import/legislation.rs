//! Finding the legislation an officer writes beside the lawful basis: "Public task
//! (Children Act 1989, s.17)", "Legal obligation under section 10 of the Children
//! Act 2004", "Legislation: Localism Act 2011".
//!
//! The ICO template has no legislation column, so officers (and this app's export)
//! write the statutory basis into the Article 6 cell. What is found here is kept as
//! the activity's legislation, word for word, so it goes back out in that cell.

/// Words that end the title of a piece of legislation.
const TITLE_ENDS: [&str; 8] =
    ["Act", "Acts", "Regulations", "Order", "Rules", "Measure", "Directive", "Code"];

/// Small words inside a title: "Act of Parliament", "Children and Families Act".
const CONNECTORS: [&str; 6] = ["of", "the", "and", "for", "on", "&"];

/// Words that, before "of the ... Act", point into it: "section 17 of the Children Act".
const POINTERS: [&str; 12] = [
    "section",
    "sections",
    "s",
    "s.",
    "part",
    "schedule",
    "paragraph",
    "para",
    "regulation",
    "reg",
    "article",
    "chapter",
];

/// Prefixes that say the rest of a piece is legislation, as this app's export writes it.
const LABELS: [&str; 5] =
    ["legislation:", "relevant legislation:", "statutory basis:", "relevant law:", "law:"];

/// The legislation a piece of a lawful-basis cell names, as written; `None` when it
/// names none. A piece labelled "Legislation:" is legislation whatever it says.
pub fn legislation_in(piece: &str) -> Option<String> {
    let piece = piece.trim();
    if let Some(rest) = labelled(piece) {
        return Some(rest.to_string()).filter(|rest| !rest.is_empty());
    }
    let words: Vec<(usize, &str)> = word_spans(piece);
    let end = words.iter().position(|(_, word)| TITLE_ENDS.contains(&bare(word)))?;
    let mut start = end;
    while start > 0 && continues_title(words[start - 1].1) {
        start -= 1;
    }
    start = with_pointer(&words, start);
    while start < end && CONNECTORS.contains(&words[start].1.to_lowercase().as_str()) {
        start += 1;
    }
    if start == end && !has_year_after(&words, end) {
        return None;
    }
    Some(tidy(&piece[words[start].0..]))
}

/// The rest of a piece that starts with a label such as "Legislation:".
pub fn labelled(piece: &str) -> Option<&str> {
    let lower = piece.to_lowercase();
    LABELS.iter().find(|label| lower.starts_with(*label)).map(|label| piece[label.len()..].trim())
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (index, ch) in text.char_indices() {
        match (ch.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push((s, &text[s..index]));
                start = None;
            }
            (false, None) => start = Some(index),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, &text[s..]));
    }
    spans
}

/// A word without the punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether a word before a title's last word belongs to the title: a capitalised
/// word not closed by punctuation, or a connector.
fn continues_title(word: &str) -> bool {
    if word.ends_with([',', ';', ':', '–', '—']) || word == "-" {
        return false;
    }
    CONNECTORS.contains(&word.to_lowercase().as_str())
        || word.trim_start_matches('(').starts_with(|c: char| c.is_uppercase())
}

/// Moves the start back over "section 17 of" when the title is preceded by it.
fn with_pointer(words: &[(usize, &str)], start: usize) -> usize {
    let is_of = |i: usize| words.get(i).is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"));
    let of = if is_of(start) {
        start
    } else if start > 0 && is_of(start - 1) {
        start - 1
    } else {
        return start;
    };
    if of < 2 {
        return start;
    }
    let number = words[of - 1].1;
    let pointer = words[of - 2].1.to_lowercase();
    let is_number = number.starts_with(|c: char| c.is_ascii_digit());
    if is_number && POINTERS.contains(&pointer.trim_start_matches('(')) { of - 2 } else { start }
}

fn has_year_after(words: &[(usize, &str)], end: usize) -> bool {
    words.get(end + 1).is_some_and(|(_, w)| {
        let w = bare(w);
        w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())
    })
}

/// Drops a closing bracket the title does not open, and a final full stop.
fn tidy(text: &str) -> String {
    let text = text.trim();
    let text = text.strip_prefix('(').unwrap_or(text);
    let mut text = text.trim().trim_end_matches('.').trim().to_string();
    while text.ends_with(')') && text.matches(')').count() > text.matches('(').count() {
        text.pop();
        text = text.trim_end().trim_end_matches([',', '.']).to_string();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legislation_beside_a_basis_is_found_as_written() {
        for (cell, expected) in [
            ("Public task (Children Act 1989, s.17)", Some("Children Act 1989, s.17")),
            ("Public task - Localism Act 2011", Some("Localism Act 2011")),
            ("Article 6(1)(e) – Local Government Act 1972 s.111", Some("Local Government Act 1972 s.111")),
            (
                "Legal obligation under section 10 of the Children Act 2004",
                Some("section 10 of the Children Act 2004"),
            ),
            ("Legislation: Children Act 2004 s.10", Some("Children Act 2004 s.10")),
            ("Legislation: s.111 LGA 1972", Some("s.111 LGA 1972")),
            (
                "6(1)(c) The Council Tax Reduction Schemes (Prescribed Requirements) (England) Regulations 2012",
                Some("Council Tax Reduction Schemes (Prescribed Requirements) (England) Regulations 2012"),
            ),
            ("Education Act 1996", Some("Education Act 1996")),
            ("Children and Families Act 2014.", Some("Children and Families Act 2014")),
            ("Public task", None),
            ("Article 6(1)(e)", None),
            ("Consent", None),
            ("We act in the public interest", None),
        ] {
            assert_eq!(legislation_in(cell).as_deref(), expected, "{cell}");
        }
    }
}
