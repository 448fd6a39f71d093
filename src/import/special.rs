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
            format!(" {key} ").contains(&format!(" {wording} "))
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

/// Whether an item is only a category's name, as this app's export writes it
/// ("Health (special category)") or the law titles it, so no words of the
/// officer's need keeping beside the category.
pub fn is_category_name(item: &str) -> bool {
    let key = name_key(item);
    let key = key.trim_end_matches(" special category").trim_start_matches("special category ");
    SpecialCategory::ALL.iter().any(|c| name_key(c.title()) == key || name_key(&c.label()) == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use SpecialCategory::*;

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
