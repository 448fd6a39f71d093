//! The blocking rule: a notice must not tell the public something the register
//! itself shows to be unlawful or missing. While any activity the notice covers
//! has an error-level finding that nobody has acknowledged, the notice is
//! blocked, and the reasons are the findings' messages. The user may override.

use std::collections::HashSet;

use crate::checks::{Report, Severity};
use crate::model::Activity;

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

/// The open error-level findings of `report` about any of `activities`.
pub fn block_reasons(report: &Report, activities: &[&Activity]) -> Vec<BlockReason> {
    let ids: HashSet<_> = activities.iter().map(|a| a.id).collect();
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.is_open())
        .filter(|f| f.activity_id.is_some_and(|id| ids.contains(&id)))
        .map(|f| BlockReason { rule: f.rule.0.to_string(), message: f.message.clone(), fix: f.fix.clone() })
        .collect()
}
