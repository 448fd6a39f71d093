//! Reading the special category data officers describe in their own words
//! ("physical or mental health", "ethnicity", "religious beliefs", "sexual
//! orientation", "trade union membership") as the Art 9(1) categories.

use std::collections::BTreeSet;

use super::text::name_key;
use crate::law::{LegalItem, SpecialCategory};

/// Word starts (of any word) and phrases that name each category.
const WORDING: &[(SpecialCategory, &[&str])] = &[
    (SpecialCategory::Health, &["health", "medical", "disabilit", "illness", "medication", "diagnos"]),
    (SpecialCategory::RacialOrEthnicOrigin, &["racial", "race", "ethnic"]),
    (SpecialCategory::ReligiousOrPhilosophicalBeliefs, &["religio", "philosophical", "belief", "faith"]),
    (SpecialCategory::PoliticalOpinions, &["political"]),
    (SpecialCategory::TradeUnionMembership, &["trade union", "union membership"]),
    (SpecialCategory::Genetic, &["genetic", "dna"]),
    (SpecialCategory::Biometric, &["biometric", "fingerprint", "facial recognition"]),
    (SpecialCategory::SexLifeOrSexualOrientation, &["sexual orientation", "sex life", "sexuality"]),
];

/// The longest description read as naming categories (longer text is a sentence
/// about something else, not an item of a list).
const MAX_WORDS: usize = 16;

/// The Art 9(1) categories an item of the personal data column names; empty when
/// it names none or denies them ("no health data").
pub fn special_categories(item: &str) -> BTreeSet<SpecialCategory> {
    let key = name_key(item);
    let words: Vec<&str> = key.split(' ').collect();
    if words.len() > MAX_WORDS || words.iter().any(|w| matches!(*w, "no" | "not" | "never" | "excluding")) {
        return BTreeSet::new();
    }
    let names = |wording: &str| {
        if wording.contains(' ') {
            contains_phrase(&key, wording)
        } else {
            words.iter().any(|w| w.starts_with(wording))
        }
    };
    WORDING
        .iter()
        .filter(|(_, wordings)| wordings.iter().any(|w| names(w)))
        .map(|(category, _)| *category)
        .collect()
}

/// Whether the words of `key` (single spaces, as [`name_key`] gives) include
/// the words of `phrase` one after the other.
fn contains_phrase(key: &str, phrase: &str) -> bool {
    key.match_indices(phrase).any(|(at, _)| {
        let before = key[..at].chars().next_back();
        let after = key[at + phrase.len()..].chars().next();
        before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
    })
}

/// Whether an item is only a category's name, as this app's export writes it
/// ("Health (special category)") or the law titles it, so no words of the
/// officer's need keeping beside the category.
pub fn is_category_name(item: &str) -> bool {
    /// The keys of every category's title and label, made once.
    static NAMES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        SpecialCategory::ALL.iter().flat_map(|c| [name_key(c.title()), name_key(&c.label())]).collect()
    });
    let key = name_key(item);
    let key = key.trim_end_matches(" special category").trim_start_matches("special category ");
    NAMES.iter().any(|name| name == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use SpecialCategory::*;

    #[test]
    fn a_phrase_is_found_only_as_whole_words() {
        assert!(contains_phrase("physical or mental health", "mental health"));
        assert!(contains_phrase("mental health", "mental health"));
        assert!(contains_phrase("trade union membership", "trade union"));
        assert!(!contains_phrase("supermental health", "mental health"));
        assert!(!contains_phrase("mental healthy", "mental health"));
        assert!(!contains_phrase("mental", "mental health"));
        // A later occurrence counts when the first is part of a longer word.
        assert!(contains_phrase("sexual lifestyle and sexual life", "sexual life"));
    }

    #[test]
    fn officers_words_name_the_categories() {
        for (item, expected) in [
            ("physical or mental health", &[Health][..]),
            ("Information about your physical or mental health or condition", &[Health]),
            ("ethnicity", &[RacialOrEthnicOrigin]),
            ("religious beliefs", &[ReligiousOrPhilosophicalBeliefs]),
            ("sexual orientation", &[SexLifeOrSexualOrientation]),
            ("trade union membership", &[TradeUnionMembership]),
            ("ethnicity and religion", &[RacialOrEthnicOrigin, ReligiousOrPhilosophicalBeliefs]),
            ("Disability and special educational needs", &[Health]),
            ("Fingerprints for door entry", &[Biometric]),
            ("Health (special category)", &[Health]),
            ("Name", &[]),
            ("Unionised workforce rota", &[]),
            ("No health data is collected", &[]),
            ("Home address", &[]),
        ] {
            let found: Vec<SpecialCategory> = special_categories(item).into_iter().collect();
            assert_eq!(found, expected, "{item}");
        }
    }

    #[test]
    fn only_bare_category_names_need_no_words_kept() {
        assert!(is_category_name("Health (special category)"));
        assert!(is_category_name("Racial or ethnic origin"));
        assert!(!is_category_name("physical or mental health"));
        assert!(!is_category_name("ethnicity"));
    }
}
