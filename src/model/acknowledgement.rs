//! Acknowledged findings: which finding (its key) an officer accepted, who, when
//! and why. The checks make the keys, the store keeps the acknowledgements, and
//! every reader of a register as at a date applies the one rule here.

use serde::Serialize;

use super::{ActivityId, Date};

/// Names one finding across runs, so that an acknowledgement finds it again: the
/// rule, the activity (none for an agreement finding) and the subject within it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FindingKey {
    /// The rule's id.
    pub rule: String,
    /// The activity, if the finding is about one.
    pub activity_id: Option<ActivityId>,
    /// "" when the rule fires once per record; otherwise what it fired on, e.g.
    /// "link:12", "agreement:3", "item:Nationality", "transfer:United States".
    pub subject: String,
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
