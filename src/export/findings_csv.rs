//! The findings export: every finding of the checks, one row each (acknowledged
//! ones included, with who acknowledged them, when and why), then a second table of
//! completeness per service in the same file.
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
pub const HEADINGS: [&str; 13] = [
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
];

/// The row that starts the completeness table.
pub const COMPLETENESS_TITLE: &str = "Completeness by service";

/// The completeness table's column headings, in order.
pub const COMPLETENESS_HEADINGS: [&str; 5] =
    ["Service", "Activities", "Required fields", "Fields filled", "Complete (%)"];

/// What the service column says for a finding about an agreement.
pub const AGREEMENTS: &str = "(agreements)";

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

/// The service a finding belongs to, or [`AGREEMENTS`].
pub fn service_of(register: &Register, finding: &Finding) -> String {
    finding.service_id.map_or_else(|| AGREEMENTS.to_string(), |id| register.service_name(id).to_string())
}

/// The activity or agreement a finding is about.
pub fn record_of(register: &Register, finding: &Finding) -> String {
    if let Some(activity) = finding.activity_id.and_then(|id| register.activity(id)) {
        return activity.fields.name.clone();
    }
    finding
        .agreement_id
        .and_then(|id| register.agreement(id))
        .map_or_else(String::new, |agreement| agreement.fields.title.clone())
}

/// "Open" or "Acknowledged".
pub fn status(finding: &Finding) -> &'static str {
    if finding.is_open() { "Open" } else { "Acknowledged" }
}

/// The cells of one finding, in [`HEADINGS`] order.
pub fn cells(register: &Register, finding: &Finding) -> [String; 13] {
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
