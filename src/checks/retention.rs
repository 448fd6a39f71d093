//! Telling a retention period from a vague one.
//!
//! Art 30(1)(f) asks for "the envisaged time limits for erasure". A record that
//! only says "in line with our retention schedule" names no limit: the reader
//! cannot tell how long anything is kept. The heuristic: split the text into
//! words; if any word holds a digit (a period, a schedule entry number), it is
//! specific. Otherwise drop the filler words that such phrases are made of
//! ("our", "council's", "retention", "schedule", "policy", "sets out how long we
//! keep personal information", "as long as necessary"...); if nothing is left, it
//! is vague. "Retention schedule 4.2" and
//! "our retention schedule for Early Help case files" are specific; "our retention
//! schedule", "as per the corporate retention policy" and "as long as necessary"
//! are vague.

use crate::model::Retention;

/// Words that carry no time limit on their own.
const FILLER: &[&str] = &[
    "a",
    "according",
    "accordance",
    "and",
    "as",
    "authority",
    "authority's",
    "by",
    "corporate",
    "council",
    "council's",
    "data",
    "describes",
    "details",
    "disposal",
    "document",
    "documents",
    "each",
    "explains",
    "for",
    "guidance",
    "guidelines",
    "how",
    "in",
    "information",
    "is",
    "it",
    "keep",
    "keeps",
    "kept",
    "line",
    "listed",
    "lists",
    "long",
    "longer",
    "management",
    "necessary",
    "needed",
    "no",
    "of",
    "our",
    "out",
    "per",
    "period",
    "periods",
    "personal",
    "policies",
    "policy",
    "record",
    "records",
    "required",
    "retained",
    "retention",
    "schedule",
    "schedules",
    "see",
    "service",
    "services",
    "set",
    "sets",
    "than",
    "the",
    "this",
    "to",
    "we",
    "which",
    "will",
    "with",
];

/// Whether a recorded retention names no time limit that a reader could apply.
/// [`Retention::NotStated`] is not vague: it is missing, which another rule reports.
pub fn is_vague_retention(retention: &Retention) -> bool {
    match retention {
        Retention::NotStated => false,
        Retention::Period { months, .. } => *months == 0,
        Retention::Event { event: text } | Retention::Schedule { reference: text } => is_vague_text(text),
    }
}

fn is_vague_text(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
        return false;
    }
    words.iter().all(|w| FILLER.contains(&w.replace('’', "'").as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_and_specific_retention() {
        let check = |retention: Retention, vague: bool| {
            assert_eq!(is_vague_retention(&retention), vague, "{retention:?}");
        };
        let schedule = |text: &str| Retention::Schedule { reference: text.into() };
        let event = |text: &str| Retention::Event { event: text.into() };
        check(schedule("our retention schedule"), true);
        check(schedule("Our retention schedule sets out how long we keep personal information for."), true);
        check(
            schedule(
                "Our retention schedule sets out how long we keep personal information for, listed service by service.",
            ),
            true,
        );
        check(schedule("In line with the Council’s Retention Schedule"), true);
        check(schedule("as per the corporate retention policy"), true);
        check(event("as long as necessary"), true);
        check(event(""), true);
        check(schedule("Retention schedule 4.2 (Early Help case files)"), false);
        check(schedule("our retention schedule for Early Help case files"), false);
        check(event("until the child's 25th birthday"), false);
        check(event("until the end of the tenancy"), false);
        check(Retention::Period { months: 0, from: String::new() }, true);
        check(Retention::Period { months: 12, from: "last contact".into() }, false);
        check(Retention::NotStated, false);
    }
}
