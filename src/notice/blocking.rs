//! The blocking rule: a notice must not tell the public something the register
//! itself shows to be unlawful or missing. While any activity the notice covers
//! has an error-level finding that nobody has acknowledged, the notice is
//! blocked, and the reasons are the findings' messages. So is a notice that could
//! only say it does not know how long the data is kept, or where it came from.
//! The user may override.

use std::collections::HashSet;

use crate::checks::{Report, Severity};
use crate::model::{Activity, Direction, Register, Retention};

/// One reason a notice is blocked: an open error-level finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BlockReason {
    /// The rule that found it, e.g. "art9-no-schedule1".
    pub rule: String,
    /// The finding's message, naming the activity and citing the provision.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl std::fmt::Display for BlockReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} [{}] Fix: {}", self.message, self.rule, self.fix)
    }
}

/// The rule id of the notice's own block: an activity with no retention period,
/// for which the notice could only say "we have not yet set how long we keep
/// this information", which tells the reader nothing Art 13(2)(a) and 14(2)(a)
/// require.
pub const RETENTION_NOT_SET: &str = "notice-retention-not-set";

/// The rule id of the notice's own block for an activity with no recorded
/// source: the register cannot tell whether its data came from the people
/// themselves (Art 13) or from elsewhere, and where it came from, which Art
/// 14(2)(f) requires a notice to say, so the notice could only say "we have not
/// yet recorded where we get this information from".
pub const SOURCE_NOT_RECORDED: &str = "notice-source-not-recorded";

/// The open error-level findings of `report` about any of `activities`, then
/// what the notice itself could not say (no retention period, no source, read
/// from `register`'s links).
pub fn block_reasons(report: &Report, register: &Register, activities: &[&Activity]) -> Vec<BlockReason> {
    let mut reasons = open_errors(report, activities);
    reasons.extend(activities.iter().filter(|a| a.fields.retention == Retention::NotStated).map(|a| {
        BlockReason {
            rule: RETENTION_NOT_SET.to_string(),
            message: format!(
                "\"{}\" records no retention period, so the notice cannot tell people how long their information is kept or the criteria used to decide (UK GDPR Art 13(2)(a), 14(2)(a)).",
                a.fields.name
            ),
            fix: "Record the retention period, the event it runs from, or the retention schedule entry.".to_string(),
        }
    }));
    reasons.extend(activities.iter().filter(|a| !records_a_source(register, a)).map(|a| BlockReason {
        rule: SOURCE_NOT_RECORDED.to_string(),
        message: format!(
            "\"{}\" records no source of its personal data, so the notice cannot tell people whether it comes from them or where it came from (UK GDPR Art 13(1), 14(2)(f)).",
            a.fields.name
        ),
        fix: "Record where the data comes from: link the activity to each source (the individuals themselves, another service, or the organisation that supplies it).".to_string(),
    }));
    reasons
}

/// Whether the activity has a source link to a party the register holds (the
/// individuals themselves, another body, or its own service).
fn records_a_source(register: &Register, activity: &Activity) -> bool {
    register
        .links_of(activity.id, Direction::Source)
        .any(|link| register.party(link.fields.party_id).is_some())
}

fn open_errors(report: &Report, activities: &[&Activity]) -> Vec<BlockReason> {
    let ids: HashSet<_> = activities.iter().map(|a| a.id).collect();
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.is_open())
        .filter(|f| f.activity_id.is_some_and(|id| ids.contains(&id)))
        .map(|f| BlockReason { rule: f.rule.0.to_string(), message: f.message.clone(), fix: f.fix.clone() })
        .collect()
}
