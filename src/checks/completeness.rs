//! How complete each service's entries are: the share of the required ICO and
//! Article 30 fields that are filled.
//!
//! The fields counted are listed in [`COMPLETENESS_FIELDS`]. Every activity that
//! is not retired must have: a description and an owner (ICO accountability),
//! purposes (Art 30(1)(b)), data subjects and personal data (Art 30(1)(c)), an
//! Article 6 basis (ICO column L), a retention period (Art 30(1)(f)), a security
//! description (Art 30(1)(g)), the systems where the data is held (ICO column T),
//! a DPIA decision (ICO column U) and a next review date. Some fields count only
//! where they apply: an Article 9 condition where special category data is
//! recorded (ICO column M); a Schedule 1 condition where s.10 requires one
//! (column Z); a consent record where consent is relied on (column S); the
//! legitimate interests where 6(1)(f) is (column N); a safeguard for every
//! transfer (column I); and the other controllers where the role is joint
//! (column C).

use serde::Serialize;

use crate::model::{ActivityFields, ActivityStatus, DpiaAnswers, Register, Retention, Role, ServiceId};

/// An activity as completeness counts it: its fields, and its DPIA as the DPIA
/// records covering it answer the ICO template's columns.
#[derive(Debug)]
pub struct Counted<'a> {
    /// The activity's fields.
    pub fields: &'a ActivityFields,
    /// Its DPIA answers.
    pub dpia: DpiaAnswers,
}

impl std::ops::Deref for Counted<'_> {
    type Target = ActivityFields;
    fn deref(&self) -> &ActivityFields {
        self.fields
    }
}

/// One field that counts towards completeness.
#[derive(Debug, Clone, Copy)]
pub struct CompletenessField {
    /// The field, in the words of the form.
    pub label: &'static str,
    /// Whether the field is required for this activity.
    pub applies: fn(&Counted<'_>) -> bool,
    /// Whether it is filled.
    pub filled: fn(&Counted<'_>) -> bool,
}

fn always(_: &Counted<'_>) -> bool {
    true
}

fn text(value: &str) -> bool {
    !value.trim().is_empty()
}

fn list(items: &[String]) -> bool {
    items.iter().any(|item| text(item))
}

fn needs_schedule1(f: &Counted<'_>) -> bool {
    f.criminal_offence_data.is_some()
        || f.article9_conditions.iter().any(|c| c.required_schedule1_part().is_some())
}

const fn field(
    label: &'static str,
    applies: fn(&Counted<'_>) -> bool,
    filled: fn(&Counted<'_>) -> bool,
) -> CompletenessField {
    CompletenessField { label, applies, filled }
}

/// The fields that count, with when each applies and when it is filled.
pub static COMPLETENESS_FIELDS: &[CompletenessField] = &[
    field("Description", always, |f| text(&f.description)),
    field("Owner", always, |f| text(&f.owner)),
    field("Purposes of processing", always, |f| list(&f.purposes)),
    field("Categories of individuals", always, |f| list(&f.data_subjects)),
    field("Categories of personal data", always, |f| list(&f.personal_data)),
    field("Article 6 lawful basis", always, |f| !f.lawful_bases.is_empty()),
    field("Retention period", always, |f| f.retention != Retention::NotStated),
    field("Security measures", always, |f| text(&f.security_measures)),
    field("Location of personal data", always, |f| list(&f.systems)),
    field("DPIA required?", always, |f| f.dpia.required.is_some()),
    field("Next review due", always, |f| f.next_review_due.is_some()),
    field("Article 9 condition", |f| !f.special_categories.is_empty(), |f| !f.article9_conditions.is_empty()),
    field("DPA 2018 Schedule 1 condition", needs_schedule1, |f| !f.schedule1_conditions.is_empty()),
    field(
        "Link to record of consent",
        |f| f.lawful_bases.contains(&crate::law::LawfulBasis::Consent),
        |f| text(&f.consent_record),
    ),
    field(
        "Legitimate interests",
        |f| f.lawful_bases.contains(&crate::law::LawfulBasis::LegitimateInterests),
        |f| text(&f.legitimate_interests),
    ),
    field(
        "Transfer safeguards",
        |f| !f.transfers.is_empty(),
        |f| f.transfers.iter().all(|t| t.safeguard.is_some()),
    ),
    field(
        "Joint controllers",
        |f| matches!(f.role, Role::JointController { .. }),
        |f| matches!(&f.role, Role::JointController { with, .. } if text(with)),
    ),
];

/// Completeness of one service's activities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceCompleteness {
    /// The service.
    pub service_id: ServiceId,
    /// Its name.
    pub service_name: String,
    /// Activities counted (those not retired).
    pub activities: usize,
    /// Required fields, summed over its activities.
    pub required: usize,
    /// Of those, how many are filled.
    pub filled: usize,
}

impl ServiceCompleteness {
    /// Filled as a whole percentage, rounded down; 100 for a service with nothing required.
    pub fn percent(&self) -> u32 {
        if self.required == 0 {
            return 100;
        }
        u32::try_from(self.filled * 100 / self.required).unwrap_or(100)
    }
}

/// Completeness per service, by service name.
pub fn completeness(register: &Register) -> Vec<ServiceCompleteness> {
    let mut scores: Vec<ServiceCompleteness> = register
        .services
        .iter()
        .map(|s| ServiceCompleteness {
            service_id: s.id,
            service_name: s.fields.name.clone(),
            activities: 0,
            required: 0,
            filled: 0,
        })
        .collect();
    let index: std::collections::HashMap<ServiceId, usize> =
        scores.iter().enumerate().map(|(i, s)| (s.service_id, i)).collect();
    let dpias = register.dpia_index();
    for activity in register.activities.iter().filter(|a| a.fields.status != ActivityStatus::Retired) {
        let Some(score) = index.get(&activity.fields.service_id).and_then(|i| scores.get_mut(*i)) else {
            continue;
        };
        score.activities += 1;
        let counted = Counted { fields: &activity.fields, dpia: dpias.answers(activity.id) };
        for field in COMPLETENESS_FIELDS.iter().filter(|field| (field.applies)(&counted)) {
            score.required += 1;
            score.filled += usize::from((field.filled)(&counted));
        }
    }
    scores.sort_by_key(|s| s.service_name.to_lowercase());
    scores
}
