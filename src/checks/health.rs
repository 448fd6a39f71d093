//! Which items of personal data are data concerning health (UK GDPR Art 4(15)).
//!
//! Recital 35 says that data concerning health includes information collected
//! in the course of registering for, or being provided with, health care, and "a
//! number, symbol or particular assigned to a natural person to uniquely identify
//! the natural person for health purposes", as well as information on a disease,
//! disability, medical history or clinical treatment. So "NHS number", "GP
//! details" and "health visitor details" are health data, and a register must
//! not tell an officer that they are "not special category".
//!
//! The test is on the words officers write: a health identifier (NHS, CHI or
//! hospital number), a health professional the person is registered with or
//! seen by (GP, health visitor, midwife), or a word that names health itself.
//! "Health and safety" is not health data about a person and is left out.

/// Phrases that make an item health data wherever they appear in it.
const PHRASES: &[&str] = &[
    "nhs number",
    "nhs no",
    "nhs id",
    "chi number",
    "health and care number",
    "h&c number",
    "hospital number",
    "patient number",
    "patient id",
    "general practitioner",
    "health visitor",
    "mental health",
    "learning disabilit",
    "medical",
    "medication",
    "prescription",
    "diagnos",
    "disabilit",
    "illness",
    "clinical",
    "hospital",
    "pregnan",
    "maternity",
    "allerg",
    "immunisation",
    "vaccination",
];

/// Whole words that make an item health data.
const WORDS: &[&str] = &["gp", "health", "midwife", "doctor", "nhs", "treatment", "patient"];

/// Whether `item` as an officer wrote it is data concerning health.
pub fn is_health_data(item: &str) -> bool {
    let text = item.to_lowercase().replace("health and safety", " ");
    if PHRASES.iter().any(|phrase| text.contains(phrase)) {
        return true;
    }
    text.split(|c: char| !c.is_alphanumeric()).any(|word| WORDS.contains(&word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_identifiers_and_registration_details_are_health_data() {
        for item in [
            "NHS number",
            "NHS No.",
            "GP details",
            "your GP clinic",
            "health visitor details",
            "CHI number",
            "Hospital number",
            "disability/learning difficulties",
            "what health or education needs you may have",
            "Mental health",
            "Medication",
        ] {
            assert!(is_health_data(item), "{item}");
        }
    }

    #[test]
    fn other_items_are_not() {
        for item in [
            "gender",
            "first language",
            "nationality",
            "education details",
            "social care status",
            "Compliance with health and safety requirements",
            "GPS location",
            "Guardian's name",
        ] {
            assert!(!is_health_data(item), "{item}");
        }
    }
}
