//! Reading back the fields the ICO layout (CSV and workbook) and the processor
//! record write for the law in force (schema v4): the Annex 1 condition of a
//! recognised legitimate interest in column N ("Recognised legitimate interest:
//! LABEL; interests"), the retention reason in column J ("PERIOD; reason:
//! REASON"), and each transfer's Art 46(1A) data protection test in column I
//! ("Destination: SAFEGUARD, data protection test met (detail)").
//!
//! What cannot be read exactly is never guessed silently: the caller is given a
//! message to report against the cell.

use super::text::name_key;
use crate::law::{LegalItem, RecognisedLegitimateInterest, TransferSafeguard};

/// The words the export writes before the Annex 1 condition.
const ANNEX1_PREFIX: &str = "recognised legitimate interest:";

/// The words the export writes before the retention reason.
const REASON_MARKER: &str = "; reason:";

/// The words the export writes before the data protection test answer.
const TEST_MARKER: &str = ", data protection test";

/// What the export writes when a transfer records no safeguard.
pub(super) const NO_SAFEGUARD: &str = "no safeguard recorded";

/// Where `needle` (ASCII) first occurs in `text`, ignoring ASCII case.
fn find_ignoring_case(text: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    text.as_bytes().windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle))
}

/// `text` without `prefix` (ASCII), ignoring case, when it starts with it.
fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// Column J: the retention period as written and the reason after it
/// ("6 years from closure; reason: Limitation Act 1980", or "Reason: ..." alone).
pub(super) fn split_retention(cell: &str) -> (&str, &str) {
    let cell = cell.trim();
    if let Some(reason) = strip_prefix_ignoring_case(cell, &REASON_MARKER[2..]) {
        return ("", reason.trim());
    }
    match find_ignoring_case(cell, REASON_MARKER) {
        Some(at) => (cell[..at].trim(), cell[at + REASON_MARKER.len()..].trim()),
        None => (cell, ""),
    }
}

/// Column N as read: the Annex 1 condition, the legitimate interests, and a
/// message when the cell names a condition the register does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Interests {
    /// The Annex 1 condition, when the cell names one exactly.
    pub condition: Option<RecognisedLegitimateInterest>,
    /// The legitimate interests pursued (the whole cell, as written, when the
    /// condition could not be read).
    pub interests: String,
    /// Why the condition was not read.
    pub warning: Option<String>,
}

/// Reads column N: "Recognised legitimate interest: LABEL; interests" as the
/// export writes it, or the legitimate interests alone.
pub(super) fn read_interests(cell: &str) -> Interests {
    let cell = cell.trim();
    let Some(rest) = strip_prefix_ignoring_case(cell, ANNEX1_PREFIX)
        .or_else(|| strip_prefix_ignoring_case(cell, "recognized legitimate interest:"))
    else {
        return Interests { condition: None, interests: cell.to_string(), warning: None };
    };
    let (written, interests) = rest.split_once("; ").unwrap_or((rest, ""));
    let written = written.trim();
    match annex1_condition(written) {
        Some(condition) => {
            Interests { condition: Some(condition), interests: interests.trim().to_string(), warning: None }
        }
        None => {
            let known: Vec<String> = RecognisedLegitimateInterest::ALL.iter().map(|c| c.label()).collect();
            Interests {
                condition: None,
                interests: cell.to_string(),
                warning: Some(format!(
                    "\"{written}\" is not a condition of UK GDPR Annex 1 (Art 6(1)(ea)), which are: {}; no Annex 1 condition recorded, the cell is kept in the legitimate interests as written",
                    known.join("; ")
                )),
            }
        }
    }
}

/// The Annex 1 condition `written` names: its label, title or citation.
fn annex1_condition(written: &str) -> Option<RecognisedLegitimateInterest> {
    let key = name_key(written);
    RecognisedLegitimateInterest::ALL.iter().copied().find(|condition| {
        let citation = condition.citation();
        [condition.label(), condition.title().to_string(), citation.to_string()]
            .iter()
            .chain(citation.strip_prefix("UK GDPR ").map(str::to_string).iter())
            .any(|text| name_key(text) == key)
    })
}

/// A transfer's safeguard text as read from the safeguards column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WrittenSafeguard {
    /// The safeguard named, if one is.
    pub safeguard: Option<TransferSafeguard>,
    /// The documentation after it (in brackets), or the whole text when no
    /// safeguard is named; an answer to the test that could not be read is
    /// kept here too.
    pub detail: String,
    /// The data protection test answer, when the text gives one.
    pub test: Option<TestAnswer>,
}

/// The Art 46(1A) data protection test answer as written after a safeguard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TestAnswer {
    /// What it was read as: met, not met, or not read.
    pub met: Option<bool>,
    /// The answer as written ("met", "Yes", "N/A", "").
    pub written: String,
}

impl TestAnswer {
    /// A message for the cell, unless the answer is written as the export
    /// writes it ("met" or "not met").
    pub(super) fn warning(&self, destination: &str) -> Option<String> {
        let written = &self.written;
        match (self.met, name_key(written).as_str()) {
            (Some(_), "met" | "not met") => None,
            (Some(met), _) => Some(format!(
                "{destination}: the Art 46(1A) data protection test is written \"{written}\", read as {}",
                if met { "met" } else { "not met" }
            )),
            (None, _) => Some(format!(
                "{destination}: the Art 46(1A) data protection test is written \"{written}\", which says neither met nor not met; recorded as not answered, the words kept in the transfer's detail"
            )),
        }
    }
}

/// Reads the answer after "data protection test".
fn test_answer(written: &str) -> TestAnswer {
    let written = written.trim().trim_start_matches(':').trim().to_string();
    let met = match name_key(&written).as_str() {
        "met" | "yes" | "y" | "true" => Some(true),
        "not met" | "no" | "n" | "false" => Some(false),
        _ => None,
    };
    TestAnswer { met, written }
}

/// Every label a safeguard has had (citation and title before and after its
/// amendment), so an export as at any day reads back.
fn labels(safeguard: TransferSafeguard) -> Vec<String> {
    let label = |text: crate::law::Text| format!("{} {}", text.citation, text.title);
    let mut labels = vec![label(safeguard.original())];
    labels.extend(safeguard.amendment().map(|amendment| label(amendment.text)));
    // Longest first, so that a label that begins another is tried after it.
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    labels
}

/// A safeguard written as the export writes it: its label, then optionally
/// ", data protection test met" (or "not met"), then optionally "(detail)".
pub(super) fn read_safeguard(written: &str) -> WrittenSafeguard {
    let written = written.trim();
    let unread = || WrittenSafeguard { safeguard: None, detail: written.to_string(), test: None };
    if written.is_empty() || written == NO_SAFEGUARD {
        return WrittenSafeguard { safeguard: None, detail: String::new(), test: None };
    }
    if let Some(rest) = written.strip_prefix(NO_SAFEGUARD) {
        return match bracketed(rest) {
            Some(detail) => WrittenSafeguard { safeguard: None, detail, test: None },
            None => unread(),
        };
    }
    for &safeguard in TransferSafeguard::ALL {
        for label in labels(safeguard) {
            let Some(rest) = written.strip_prefix(&label) else { continue };
            if let Some(read) = after_label(safeguard, rest) {
                return read;
            }
        }
    }
    unread()
}

/// What follows a safeguard's label: nothing, the test answer, the detail.
fn after_label(safeguard: TransferSafeguard, rest: &str) -> Option<WrittenSafeguard> {
    let (test, rest) = match strip_prefix_ignoring_case(rest, TEST_MARKER) {
        Some(after) => {
            let (answer, rest) = match after.find(" (") {
                Some(at) => (&after[..at], &after[at..]),
                None => (after, ""),
            };
            (Some(test_answer(answer)), rest)
        }
        None => (None, rest),
    };
    let mut detail = if rest.trim().is_empty() { String::new() } else { bracketed(rest)? };
    if let Some(answer) = test.as_ref().filter(|t| t.met.is_none() && !t.written.is_empty()) {
        let kept = format!("data protection test: {}", answer.written);
        detail = if detail.is_empty() { kept } else { format!("{kept}; {detail}") };
    }
    Some(WrittenSafeguard { safeguard: Some(safeguard), detail, test })
}

/// "(TEXT)": the text in the brackets.
fn bracketed(text: &str) -> Option<String> {
    text.trim().strip_prefix('(').and_then(|r| r.strip_suffix(')')).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::{DUAA_MAIN_COMMENCEMENT, LAW_CURRENT_TO};

    #[test]
    fn the_reason_follows_the_period() {
        assert_eq!(
            split_retention("6 years from closure; reason: Limitation Act"),
            ("6 years from closure", "Limitation Act")
        );
        assert_eq!(split_retention("Reason: audit"), ("", "audit"));
        assert_eq!(split_retention("6 years; REASON: audit; then review"), ("6 years", "audit; then review"));
        assert_eq!(split_retention("Until closure"), ("Until closure", ""));
    }

    #[test]
    fn the_annex_1_condition_is_read_by_label_title_or_citation() {
        let crime = RecognisedLegitimateInterest::Crime;
        let cell = format!("Recognised legitimate interest: {}; Fraud; deterrence", crime.label());
        assert_eq!(
            read_interests(&cell),
            Interests { condition: Some(crime), interests: "Fraud; deterrence".into(), warning: None }
        );
        assert_eq!(read_interests("recognised legitimate interest: Annex 1 para 5").condition, Some(crime));
        assert_eq!(read_interests("Recognised legitimate interest: crime").condition, Some(crime));
        let unknown = read_interests("Recognised legitimate interest: para 9");
        assert_eq!(unknown.condition, None);
        assert!(unknown.warning.is_some_and(|w| w.contains("\"para 9\"")));
        assert_eq!(read_interests("Fraud prevention").interests, "Fraud prevention");
    }

    #[test]
    fn safeguards_read_back_as_written_on_either_side_of_the_duaa() {
        let before = DUAA_MAIN_COMMENCEMENT.previous_day().unwrap_or(DUAA_MAIN_COMMENCEMENT);
        for day in [before, LAW_CURRENT_TO] {
            for &safeguard in TransferSafeguard::ALL {
                let read = read_safeguard(&format!(
                    "{}, data protection test met (signed 2024)",
                    safeguard.label_on(day)
                ));
                assert_eq!(read.safeguard, Some(safeguard), "{day}");
                assert_eq!(read.detail, "signed 2024");
                assert_eq!(read.test.map(|t| t.met), Some(Some(true)));
            }
        }
        let idta = TransferSafeguard::Idta;
        assert_eq!(
            read_safeguard(&idta.label()),
            WrittenSafeguard { safeguard: Some(idta), detail: String::new(), test: None }
        );
        let not_met = read_safeguard(&format!("{}, data protection test not met", idta.label()));
        assert_eq!(not_met.test.and_then(|t| t.met), Some(false));
        assert_eq!(read_safeguard("no safeguard recorded (asked twice)").detail, "asked twice");
        assert_eq!(
            read_safeguard("a letter"),
            WrittenSafeguard { safeguard: None, detail: "a letter".into(), test: None }
        );
    }

    #[test]
    fn an_answer_that_is_not_met_or_not_met_warns() {
        let read = |answer: &str| {
            read_safeguard(&format!("{}, data protection test{answer}", TransferSafeguard::Idta.label()))
        };
        let yes = read(": Yes").test.unwrap();
        assert_eq!(yes.met, Some(true));
        assert!(yes.warning("India").is_some_and(|w| w.contains("\"Yes\", read as met")));
        let na = read(": N/A");
        assert_eq!(na.test.as_ref().unwrap().met, None);
        assert_eq!(na.detail, "data protection test: N/A");
        assert!(na.test.unwrap().warning("India").is_some_and(|w| w.contains("neither met nor not met")));
        assert!(read(" met").test.unwrap().warning("India").is_none());
    }
}
