//! Findings counted by rule: what the Checks page and the reports show above the
//! findings, so that an officer sees which problems recur.

use super::{Finding, RULES, Rule};

/// How many findings one rule raised.
#[derive(Debug, Clone, Copy)]
pub struct RuleCount {
    /// The rule.
    pub rule: &'static Rule,
    /// Findings nobody has acknowledged.
    pub open: usize,
    /// Every finding, acknowledged or not.
    pub total: usize,
}

/// The count for every rule that raised a finding, in the order of [`RULES`].
pub(super) fn by_rule(findings: &[Finding]) -> Vec<RuleCount> {
    RULES
        .iter()
        .filter_map(|rule| {
            let of_rule = findings.iter().filter(|f| f.rule == rule.id);
            let (total, open) =
                of_rule.fold((0, 0), |(total, open), f| (total + 1, open + usize::from(f.is_open())));
            (total > 0).then_some(RuleCount { rule, open, total })
        })
        .collect()
}
