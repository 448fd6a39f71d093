//! The pack's editable columns: their headings in the words of the law and the
//! ICO, the guidance shown as a note on each heading, and how each is written
//! from an activity and read back into one.

use crate::import::special_categories;
use crate::law::{LegalItem, SpecialCategory};
use crate::model::{ActivityFields, ActivityStatus};

/// A column the service owner may edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PackField {
    /// Whether the processing still happens (Yes/No; No retires the activity).
    StillCarriedOut,
    /// What the processing is.
    Description,
    /// The person or post accountable.
    Owner,
    /// Art 30(1)(b).
    Purposes,
    /// Art 30(1)(c): categories of data subjects.
    DataSubjects,
    /// Art 30(1)(c): categories of personal data.
    PersonalData,
    /// Art 9(1).
    SpecialCategories,
    /// Art 30(1)(f).
    Retention,
    /// Art 5(1)(e): why the data is kept that long.
    RetentionReason,
    /// Art 30(1)(g).
    SecurityMeasures,
    /// Where the data is held.
    Systems,
}

/// How a column's cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Free text.
    Text,
    /// One item per line.
    List,
    /// Yes or No, from a dropdown.
    YesNo,
}

impl PackField {
    /// Every column, left to right.
    pub const ALL: [Self; 11] = [
        Self::StillCarriedOut,
        Self::Description,
        Self::Owner,
        Self::Purposes,
        Self::DataSubjects,
        Self::PersonalData,
        Self::SpecialCategories,
        Self::Retention,
        Self::RetentionReason,
        Self::SecurityMeasures,
        Self::Systems,
    ];

    /// The column heading.
    pub fn heading(self) -> &'static str {
        match self {
            Self::StillCarriedOut => "Still carried out? (Yes/No)",
            Self::Description => "What the processing is",
            Self::Owner => "Person or post accountable",
            Self::Purposes => "Purposes of the processing (Art 30(1)(b))",
            Self::DataSubjects => "Categories of individuals (Art 30(1)(c))",
            Self::PersonalData => "Categories of personal data (Art 30(1)(c))",
            Self::SpecialCategories => "Special category data (Art 9(1))",
            Self::Retention => "How long the data is kept (Art 30(1)(f))",
            Self::RetentionReason => "Why it is kept this long (Art 5(1)(e))",
            Self::SecurityMeasures => "Security measures (Art 30(1)(g))",
            Self::Systems => "Systems and places the data is held",
        }
    }

    /// The guidance shown as a note on the heading.
    pub fn guidance(self) -> &'static str {
        match self {
            Self::StillCarriedOut => {
                "Answer No if the service no longer does this: the activity will be marked retired (its record is kept)."
            }
            Self::Description => "In a sentence or two, what the service does with the information.",
            Self::Owner => "The person or post accountable for this processing in the service.",
            Self::Purposes => {
                "Why the information is used, one purpose per line (UK GDPR Art 30(1)(b): the purposes of the processing)."
            }
            Self::DataSubjects => {
                "Whose information it is, one group per line, e.g. children, parents and carers, staff (Art 30(1)(c))."
            }
            Self::PersonalData => {
                "What information is held, one kind per line, e.g. contact details, case notes (Art 30(1)(c))."
            }
            Self::SpecialCategories => {
                "Any of: racial or ethnic origin, political opinions, religious or philosophical beliefs, trade union membership, genetic data, biometric data (for identification), health, sex life or sexual orientation (Art 9(1)), one per line. Health includes an NHS number and details collected to register for health care."
            }
            Self::Retention => {
                "How long the information is kept and from when, e.g. \"6 years from the end of the case\", or the retention schedule's entry (Art 30(1)(f))."
            }
            Self::RetentionReason => {
                "Why the information is needed for that long: the law or guidance that sets the period, or the service's reason. Personal data may be kept no longer than is necessary for the purposes (Art 5(1)(e))."
            }
            Self::SecurityMeasures => {
                "A general description of the technical and organisational security measures (Art 30(1)(g)), e.g. role-based access, encryption."
            }
            Self::Systems => {
                "The systems, shared drives, paper files or cloud services holding it, one per line."
            }
        }
    }

    /// The column's width in characters.
    pub fn width(self) -> usize {
        match self {
            Self::StillCarriedOut => 14,
            Self::Owner | Self::Systems => 26,
            Self::RetentionReason => 36,
            Self::Description | Self::Purposes | Self::SecurityMeasures => 44,
            Self::DataSubjects | Self::PersonalData | Self::SpecialCategories | Self::Retention => 32,
        }
    }

    /// How the cell is read.
    pub fn kind(self) -> CellKind {
        match self {
            Self::StillCarriedOut => CellKind::YesNo,
            Self::Description
            | Self::Owner
            | Self::Retention
            | Self::RetentionReason
            | Self::SecurityMeasures => CellKind::Text,
            Self::Purposes
            | Self::DataSubjects
            | Self::PersonalData
            | Self::SpecialCategories
            | Self::Systems => CellKind::List,
        }
    }

    /// The cell's text for `fields`, as the pack writes it.
    pub fn cell(self, fields: &ActivityFields) -> String {
        match self {
            Self::StillCarriedOut => {
                if fields.status == ActivityStatus::Retired { "No" } else { "Yes" }.to_owned()
            }
            Self::Description => fields.description.clone(),
            Self::Owner => fields.owner.clone(),
            Self::Purposes => bulleted(&fields.purposes),
            Self::DataSubjects => bulleted(&fields.data_subjects),
            Self::PersonalData => bulleted(&fields.personal_data),
            Self::SpecialCategories => {
                let titles: Vec<&str> = fields.special_categories.iter().map(|c| c.title()).collect();
                bulleted(&titles)
            }
            Self::Retention => fields.retention.describe(),
            Self::RetentionReason => fields.retention_reason.clone(),
            Self::SecurityMeasures => fields.security_measures.clone(),
            Self::Systems => bulleted(&fields.systems),
        }
    }

    /// Sets this field of `fields` from the owner's `text`. Refuses, with a message
    /// for the officer, text that cannot be read (the field is then left as it was).
    pub fn apply(self, fields: &mut ActivityFields, text: &str) -> Result<(), String> {
        let text = text.trim();
        match self {
            Self::StillCarriedOut => match crate::import::text::yes_no(text) {
                Some(false) => fields.status = ActivityStatus::Retired,
                Some(true) if fields.status == ActivityStatus::Retired => {
                    fields.status = ActivityStatus::Active
                }
                Some(true) => {}
                None => return Err(format!("\"{text}\" is not Yes or No")),
            },
            Self::Description => fields.description = text.to_owned(),
            Self::Owner => fields.owner = text.to_owned(),
            Self::Purposes => fields.purposes = list(text),
            Self::DataSubjects => fields.data_subjects = list(text),
            Self::PersonalData => fields.personal_data = list(text),
            Self::SpecialCategories => fields.special_categories = categories(text)?,
            Self::Retention => fields.retention = crate::import::retention_from_text(text),
            Self::RetentionReason => fields.retention_reason = text.to_owned(),
            Self::SecurityMeasures => fields.security_measures = text.to_owned(),
            Self::Systems => fields.systems = list(text),
        }
        Ok(())
    }
}

/// A list as the pack shows it: one item a line, each after a bullet, so that an
/// item wrapping over several lines is still seen as one.
fn bulleted<S: AsRef<str>>(items: &[S]) -> String {
    items.iter().map(|item| format!("• {}", item.as_ref())).collect::<Vec<_>>().join("\n")
}

/// One item per line, bullets and blank lines dropped; a line is never split on
/// its commas ("Name, address and date of birth" is one item).
pub fn list(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| crate::import::text::strip_bullet(line.trim()).trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

/// The Art 9(1) categories the lines name; a line naming none is refused, since it
/// belongs under the personal data.
fn categories(text: &str) -> Result<std::collections::BTreeSet<SpecialCategory>, String> {
    let mut found = std::collections::BTreeSet::new();
    for line in list(text) {
        let named = special_categories(&line);
        if named.is_empty() {
            return Err(format!(
                "\"{line}\" is not one of the special categories of Art 9(1); record it under the personal data"
            ));
        }
        found.extend(named);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Retention, ServiceId};

    fn fields() -> ActivityFields {
        let mut fields = ActivityFields::new(ServiceId(1), "Early Help assessments");
        fields.status = ActivityStatus::Active;
        fields.purposes = vec!["Assessing a family's needs".into(), "Planning support".into()];
        fields.personal_data = vec!["Name, address and date of birth".into()];
        fields.special_categories = [SpecialCategory::Health, SpecialCategory::RacialOrEthnicOrigin].into();
        fields.retention = Retention::Period { months: 72, from: "the end of the case".into() };
        fields.systems = vec!["Liquidlogic EHM".into()];
        fields.retention_reason = "Working Together to Safeguard Children 2023".into();
        fields
    }

    #[test]
    fn every_field_reads_back_what_it_wrote() {
        let original = fields();
        for field in PackField::ALL {
            let mut read = original.clone();
            field.apply(&mut read, &field.cell(&original)).unwrap();
            assert_eq!(read, original, "{field:?}");
        }
    }

    #[test]
    fn owners_answers_are_read_as_they_mean_them() {
        let mut fields = fields();
        PackField::StillCarriedOut.apply(&mut fields, "No").unwrap();
        assert_eq!(fields.status, ActivityStatus::Retired);
        PackField::PersonalData.apply(&mut fields, "• Name, address\n\n- Case notes").unwrap();
        assert_eq!(fields.personal_data, ["Name, address", "Case notes"]);
        PackField::SpecialCategories
            .apply(&mut fields, "Physical or mental health\nReligious beliefs")
            .unwrap();
        assert_eq!(
            fields.special_categories,
            [SpecialCategory::ReligiousOrPhilosophicalBeliefs, SpecialCategory::Health].into()
        );
        let refused = PackField::SpecialCategories.apply(&mut fields, "Nationality");
        assert!(refused.unwrap_err().contains("Nationality"));
        assert!(PackField::StillCarriedOut.apply(&mut fields, "Sometimes").is_err());
    }
}
