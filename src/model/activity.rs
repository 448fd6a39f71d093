//! Processing activities: one row of the Record of Processing Activities, with
//! every Article 30 item and every column of the ICO documentation template.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{ActivityId, Date, ServiceId, choice_list};
use crate::law::{
    Article9Condition, LawfulBasis, RecognisedLegitimateInterest, Schedule1Condition, SpecialCategory,
    TransferSafeguard,
};

choice_list! {
    /// Where an activity is in its life.
    pub enum ActivityStatus {
        /// Being written up; not yet confirmed.
        Draft = ("draft", "Draft"),
        /// Processing is taking place.
        Active = ("active", "Active"),
        /// Processing has stopped; kept for the record.
        Retired = ("retired", "Retired"),
    }
}

/// The organisation's role in the processing (Art 30(1)(a), 30(2), Art 26).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Role {
    /// The organisation decides the purposes and means alone.
    Controller,
    /// Joint controllers under Art 26.
    JointController {
        /// The other joint controllers, with contact details (ICO column C).
        with: String,
        /// The lead partner, where a partnership names one.
        lead: String,
    },
    /// The organisation processes on behalf of another controller (Art 30(2)).
    Processor {
        /// The controller on whose behalf the processing is done.
        for_controller: String,
    },
}

impl Role {
    /// Stable identifier used in the database and the full CSV export.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Controller => "controller",
            Self::JointController { .. } => "joint_controller",
            Self::Processor { .. } => "processor",
        }
    }

    /// A label for people.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Controller => "Controller",
            Self::JointController { .. } => "Joint controller (Art 26)",
            Self::Processor { .. } => "Processor (Art 28)",
        }
    }
}

/// How long the data is kept: Art 30(1)(f).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Retention {
    /// Nothing recorded.
    NotStated,
    /// A fixed period from a trigger, e.g. 96 months from the end of the grant.
    Period {
        /// Length of the period in months.
        months: u32,
        /// What starts the clock, e.g. "last contact".
        from: String,
    },
    /// Until an event, e.g. "until the child's 25th birthday".
    Event {
        /// The event, in words.
        event: String,
    },
    /// A reference to the organisation's retention schedule.
    Schedule {
        /// The schedule entry, e.g. "Retention schedule 4.2 (Early Help case files)".
        reference: String,
    },
}

impl Retention {
    /// Stable identifier used in the database and the full CSV export.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotStated => "not_stated",
            Self::Period { .. } => "period",
            Self::Event { .. } => "event",
            Self::Schedule { .. } => "schedule",
        }
    }

    /// The retention in words, e.g. "8 years from the end of the grant".
    pub fn describe(&self) -> String {
        match self {
            Self::NotStated => String::new(),
            Self::Period { months, from } => {
                let length =
                    if months % 12 == 0 { plural(months / 12, "year") } else { plural(*months, "month") };
                if from.trim().is_empty() { length } else { format!("{length} from {}", from.trim()) }
            }
            Self::Event { event } => event.clone(),
            Self::Schedule { reference } => reference.clone(),
        }
    }
}

fn plural(count: u32, unit: &str) -> String {
    if count == 1 { format!("1 {unit}") } else { format!("{count} {unit}s") }
}

/// A transfer to a third country or international organisation: Art 30(1)(e).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    /// The country or international organisation.
    pub destination: String,
    /// The safeguard relied on, if recorded.
    pub safeguard: Option<TransferSafeguard>,
    /// Documentation of the safeguard (for Art 49, the derogation and why).
    pub detail: String,
    /// For a transfer under an Art 46 safeguard, whether the controller, acting
    /// reasonably and proportionately, considers the data protection test met
    /// (UK GDPR Art 46(1A)(a)(ii), from 5 February 2026); `None` until
    /// recorded. Records made before the field existed lack it.
    #[serde(default)]
    pub data_protection_test_met: Option<bool>,
}

/// What an activity record says: every Article 30 and ICO template item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityFields {
    /// The service (business function) that carries out the processing.
    pub service_id: ServiceId,
    /// Name of the activity, unique within its service.
    pub name: String,
    /// What the processing is.
    pub description: String,
    /// Person or post accountable for the activity.
    pub owner: String,
    /// Draft, active or retired.
    pub status: ActivityStatus,
    /// Controller, joint controller or processor.
    pub role: Role,
    /// Purposes of processing: Art 30(1)(b).
    pub purposes: Vec<String>,
    /// Categories of data subjects: Art 30(1)(c).
    pub data_subjects: Vec<String>,
    /// Categories of personal data: Art 30(1)(c).
    pub personal_data: Vec<String>,
    /// Special category data: Art 9(1).
    pub special_categories: BTreeSet<SpecialCategory>,
    /// Items recorded as special category data that Art 9(1) does not list
    /// (nationality, first language, gender...), kept as written so that the
    /// checks can flag them.
    pub other_special_items: Vec<String>,
    /// Criminal offence data (Art 10): `Some(detail)` when processed.
    pub criminal_offence_data: Option<String>,
    /// Article 6 lawful bases.
    pub lawful_bases: BTreeSet<LawfulBasis>,
    /// Article 9 conditions.
    pub article9_conditions: BTreeSet<Article9Condition>,
    /// DPA 2018 Schedule 1 conditions.
    pub schedule1_conditions: BTreeSet<Schedule1Condition>,
    /// Legal citations as written that could not be read as an Article 6, Article 9
    /// or Schedule 1 reference (e.g. "Article 9(1)(g)").
    pub unrecognised_citations: Vec<String>,
    /// Legislation and statutory basis, e.g. "Children Act 2004 s.10".
    pub legislation: Vec<String>,
    /// The legitimate interests pursued, when relying on Art 6(1)(f).
    pub legitimate_interests: String,
    /// The UK GDPR Annex 1 condition met, when relying on Art 6(1)(ea)
    /// (Art 6(5)). Records made before the field existed lack it.
    #[serde(default)]
    pub recognised_legitimate_interest: Option<RecognisedLegitimateInterest>,
    /// Link to the legitimate interests assessment.
    pub legitimate_interests_assessment: String,
    /// Link to the record of consent, when relying on Art 6(1)(a).
    pub consent_record: String,
    /// Transfers to third countries or international organisations: Art 30(1)(e).
    pub transfers: Vec<Transfer>,
    /// Retention period: Art 30(1)(f).
    pub retention: Retention,
    /// Why the data is kept for that period (statute, contract, schedule entry,
    /// business need): UK GDPR Art 5(1)(e). Records made before the field
    /// existed lack it.
    #[serde(default)]
    pub retention_reason: String,
    /// Link to the retention and erasure policy (appropriate policy document).
    pub policy_document: String,
    /// Whether data is retained and erased in line with that policy; `None` if not known.
    pub retained_per_policy: Option<bool>,
    /// Reasons for not adhering to the policy document.
    pub policy_exceptions: String,
    /// General description of technical and organisational security measures:
    /// Art 30(1)(g).
    pub security_measures: String,
    /// The information assets holding the data (ICO "Location of personal
    /// data"), each by the name of an asset of the register. The store links each
    /// name to its asset, making an asset for a name it does not know.
    pub systems: Vec<String>,
    /// Automated decision-making including profiling (Art 22): `Some(detail)` when it happens.
    pub automated_decision_making: Option<String>,
    /// Personal data breach: `Some(link to the breach record)` when one has occurred.
    pub breach: Option<String>,
    /// Date last reviewed.
    pub last_reviewed: Option<Date>,
    /// Date the next review is due.
    pub next_review_due: Option<Date>,
}

impl ActivityFields {
    /// A draft activity called `name` in `service_id`, with nothing else recorded.
    pub fn new(service_id: ServiceId, name: impl Into<String>) -> Self {
        Self {
            service_id,
            name: name.into(),
            description: String::new(),
            owner: String::new(),
            status: ActivityStatus::Draft,
            role: Role::Controller,
            purposes: Vec::new(),
            data_subjects: Vec::new(),
            personal_data: Vec::new(),
            special_categories: BTreeSet::new(),
            other_special_items: Vec::new(),
            criminal_offence_data: None,
            lawful_bases: BTreeSet::new(),
            article9_conditions: BTreeSet::new(),
            schedule1_conditions: BTreeSet::new(),
            unrecognised_citations: Vec::new(),
            legislation: Vec::new(),
            legitimate_interests: String::new(),
            recognised_legitimate_interest: None,
            legitimate_interests_assessment: String::new(),
            consent_record: String::new(),
            transfers: Vec::new(),
            retention: Retention::NotStated,
            retention_reason: String::new(),
            policy_document: String::new(),
            retained_per_policy: None,
            policy_exceptions: String::new(),
            security_measures: String::new(),
            systems: Vec::new(),
            automated_decision_making: None,
            breach: None,
            last_reviewed: None,
            next_review_due: None,
        }
    }
}

/// A stored activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// Row id.
    pub id: ActivityId,
    /// Optimistic-concurrency version, raised by every save.
    pub version: i64,
    /// What the record says.
    pub fields: ActivityFields,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_reads_as_words() {
        let check = |retention: Retention, expected: &str| assert_eq!(retention.describe(), expected);
        check(
            Retention::Period { months: 96, from: "the end of the grant".into() },
            "8 years from the end of the grant",
        );
        check(Retention::Period { months: 12, from: String::new() }, "1 year");
        check(Retention::Period { months: 18, from: "last contact".into() }, "18 months from last contact");
        check(Retention::NotStated, "");
    }
}
