//! The findings export: every finding of the checks, one row each (acknowledged
//! ones included, with who acknowledged them, when and why), then a second table of
//! completeness per service in the same file. A finding that concerns several
//! parties or items (one finding per rule and activity) lists them all in its
//! last cell, one per line, each marked when acknowledged.
//!
//! The file holds two tables one after the other: the findings table under
//! [`HEADINGS`], then one row holding only [`COMPLETENESS_TITLE`], then the
//! completeness table under [`COMPLETENESS_HEADINGS`]. One file keeps the two
//! together when it is attached to an audit file; a spreadsheet shows both.

use std::io::Write;

use super::csv_out::CsvOut;
use super::{Options, Progress, step};
use crate::Result;
use crate::checks::{Finding, Report, ServiceCompleteness};
use crate::model::{Register, format_date};

/// The findings table's column headings, in order.
pub const HEADINGS: [&str; 14] = [
    "Service",
    "Activity or agreement",
    "Severity",
    "Status",
    "Rule id",
    "Rule",
    "Citation",
    "Field",
    "Finding",
    "Suggested fix",
    "Acknowledged by",
    "Acknowledged on",
    "Acknowledgement reason",
    "Concerns",
];

/// The row that starts the completeness table.
pub const COMPLETENESS_TITLE: &str = "Completeness by service";

/// The completeness table's column headings, in order.
pub const COMPLETENESS_HEADINGS: [&str; 5] =
    ["Service", "Activities", "Required fields", "Fields filled", "Complete (%)"];

/// What the service column says for a finding about an agreement.
pub const AGREEMENTS: &str = "(agreements)";

/// What the service column says for a finding about the organisation profile.
pub const ORGANISATION: &str = "(organisation)";

/// Writes `report`'s findings and completeness for `register`.
pub fn write(
    register: &Register,
    report: &Report,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    let mut csv = CsvOut::new(out, options.bom)?;
    csv.row(&HEADINGS)?;
    let total = report.findings.len();
    for (done, finding) in report.findings.iter().enumerate() {
        step(progress, done, total)?;
        csv.row(&cells(register, finding))?;
    }
    csv.row(&[COMPLETENESS_TITLE])?;
    csv.row(&COMPLETENESS_HEADINGS)?;
    for score in &report.completeness {
        csv.row(&completeness_cells(score))?;
    }
    step(progress, total, total)?;
    csv.finish()
}

/// The service a finding belongs to, [`AGREEMENTS`] or [`ORGANISATION`].
pub fn service_of(register: &Register, finding: &Finding) -> String {
    match (finding.service_id, finding.agreement_id) {
        (Some(id), _) => register.service_name(id).to_string(),
        (None, Some(_)) => AGREEMENTS.to_string(),
        (None, None) => ORGANISATION.to_string(),
    }
}

/// The activity, agreement or organisation a finding is about.
pub fn record_of(register: &Register, finding: &Finding) -> String {
    if let Some(activity) = finding.activity_id.and_then(|id| register.activity(id)) {
        return activity.fields.name.clone();
    }
    match finding.agreement_id {
        Some(id) => register.agreement(id).map_or_else(String::new, |a| a.fields.title.clone()),
        None if finding.service_id.is_none() => register.organisation.controller.name.clone(),
        None => String::new(),
    }
}

/// "Open" or "Acknowledged".
pub fn status(finding: &Finding) -> &'static str {
    if finding.is_open() { "Open" } else { "Acknowledged" }
}

/// The concerns of a finding, one per line, each acknowledged one marked with
/// who acknowledged it and when; "" for a finding about the record as a whole.
pub fn concerns(finding: &Finding) -> String {
    finding
        .concerns
        .iter()
        .map(|c| match &c.acknowledged {
            None => c.label.clone(),
            Some(ack) => format!(
                "{} (acknowledged by {} on {})",
                c.label,
                ack.acknowledged_by,
                format_date(ack.acknowledged_on)
            ),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cells of one finding, in [`HEADINGS`] order.
pub fn cells(register: &Register, finding: &Finding) -> [String; 14] {
    let rule = finding.rule_info();
    let ack = finding.acknowledged.as_ref();
    [
        service_of(register, finding),
        record_of(register, finding),
        finding.severity.code().to_string(),
        status(finding).to_string(),
        finding.rule.0.to_string(),
        rule.map_or_else(String::new, |r| r.title.to_string()),
        rule.map_or_else(String::new, |r| r.citation.to_string()),
        finding.field.label().to_string(),
        finding.message.clone(),
        finding.fix.clone(),
        ack.map_or_else(String::new, |a| a.acknowledged_by.clone()),
        ack.map_or_else(String::new, |a| format_date(a.acknowledged_on)),
        ack.map_or_else(String::new, |a| a.reason.clone()),
        concerns(finding),
    ]
}

/// The cells of one service's completeness, in [`COMPLETENESS_HEADINGS`] order.
pub fn completeness_cells(score: &ServiceCompleteness) -> [String; 5] {
    [
        score.service_name.clone(),
        score.activities.to_string(),
        score.required.to_string(),
        score.filled.to_string(),
        score.percent().to_string(),
    ]
}
