//! Acknowledged findings: which finding (its key) an officer accepted, who, when
//! and why. The checks make the keys, the store keeps the acknowledgements, and
//! every reader of a register as at a date applies the one rule here.

use serde::Serialize;

use super::{ActivityId, Date};

/// Names what an acknowledgement covers, so that it finds its finding again on
/// every run: the rule, the activity (none for an agreement or organisation
/// finding) and the subject within it.
///
/// The subject is "" for a finding that lists no concerns, "agreement:3" for an
/// agreement's finding, one concern's subject ("link:12", "item:Nationality",
/// "transfer:United States") when the finding lists one concern, and a JSON
/// array of the concerns' subjects when it lists several. Registers written
/// before findings were grouped stored one acknowledgement per concern under
/// exactly those one-concern subjects, so they keep covering their concern.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FindingKey {
    /// The rule's id.
    pub rule: String,
    /// The activity, if the finding is about one.
    pub activity_id: Option<ActivityId>,
    /// What the acknowledgement covers within the record (see above).
    pub subject: String,
}

impl FindingKey {
    /// The concern subjects this key covers: none for a finding without
    /// concerns, otherwise one or more.
    pub fn covered_subjects(&self) -> Vec<String> {
        super::finding_subjects::decode(&self.subject)
    }
}

/// An acknowledgement of a finding: who accepted it, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Acknowledgement {
    /// Row id.
    pub id: i64,
    /// The finding acknowledged.
    pub key: FindingKey,
    /// Who acknowledged it.
    pub acknowledged_by: String,
    /// When.
    pub acknowledged_on: Date,
    /// Why the finding is accepted.
    pub reason: String,
}

/// Keeps the acknowledgements known at the end of `as_at` (all of them when there
/// is no such date): a register shown as at a day knows only what had been
/// acknowledged by then.
pub fn acknowledgements_as_at(acknowledgements: &mut Vec<Acknowledgement>, as_at: Option<Date>) {
    if let Some(date) = as_at {
        acknowledgements.retain(|a| a.acknowledged_on <= date);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn acknowledged(on: Date) -> Acknowledgement {
        Acknowledgement {
            id: 1,
            key: FindingKey { rule: "R1".into(), activity_id: None, subject: String::new() },
            acknowledged_by: "A. Officer".into(),
            acknowledged_on: on,
            reason: "Accepted".into(),
        }
    }

    #[test]
    fn as_at_a_day_only_the_acknowledgements_made_by_its_end_count() {
        let all = vec![acknowledged(date!(2026 - 03 - 01)), acknowledged(date!(2026 - 03 - 02))];
        let mut kept = all.clone();
        acknowledgements_as_at(&mut kept, Some(date!(2026 - 03 - 01)));
        assert_eq!(kept, all[..1]);
        let mut kept = all.clone();
        acknowledgements_as_at(&mut kept, None);
        assert_eq!(kept, all);
    }
}
