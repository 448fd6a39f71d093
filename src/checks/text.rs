//! The findings as plain text, grouped by service and severity: what
//! `ropa check` prints.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{Finding, Report, Severity};
use crate::model::{ActivityId, Register, format_date};

type Names<'a> = HashMap<ActivityId, &'a str>;

/// Renders `report` for a terminal or a log: a summary line, then per service its
/// completeness and its findings by severity, then agreement findings.
pub fn render_text(report: &Report, register: &Register) -> String {
    let names: Names<'_> = register.activities.iter().map(|a| (a.id, a.fields.name.as_str())).collect();
    let mut out = String::new();
    let acknowledged = report.findings.iter().filter(|f| !f.is_open()).count();
    let _ = writeln!(
        out,
        "Register check on {}: {} errors, {} warnings, {} advice open; {} acknowledged.",
        format_date(report.today),
        report.open_count(Severity::Error),
        report.open_count(Severity::Warning),
        report.open_count(Severity::Advice),
        acknowledged
    );
    let _ = writeln!(out, "{}", crate::law::currency_note(report.today));
    for score in &report.completeness {
        let findings: Vec<&Finding> =
            report.findings.iter().filter(|f| f.service_id == Some(score.service_id)).collect();
        let _ = writeln!(
            out,
            "\n== {} == completeness {}% ({} of {} required fields, {} activities)",
            score.service_name,
            score.percent(),
            score.filled,
            score.required,
            score.activities
        );
        write_groups(&mut out, &findings, &names);
    }
    let others: Vec<&Finding> = report.findings.iter().filter(|f| f.service_id.is_none()).collect();
    if !others.is_empty() {
        let _ = writeln!(out, "\n== Agreements ==");
        write_groups(&mut out, &others, &names);
    }
    out
}

fn write_groups(out: &mut String, findings: &[&Finding], names: &Names<'_>) {
    if findings.is_empty() {
        let _ = writeln!(out, "No findings.");
    }
    for severity in Severity::ALL {
        let group: Vec<&&Finding> = findings.iter().filter(|f| f.severity == severity).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}:", severity.heading());
        for finding in group {
            write_finding(out, finding, names);
        }
    }
}

fn write_finding(out: &mut String, f: &Finding, names: &Names<'_>) {
    let activity = f.activity_id.and_then(|id| names.get(&id));
    let _ = writeln!(out, "  [{}] {}", f.rule, f.message);
    if let Some(name) = activity {
        let _ = writeln!(out, "      Activity: {name}; field: {}", f.field.label());
    }
    let _ = writeln!(out, "      Fix: {}", f.fix);
    if let Some(ack) = &f.acknowledged {
        let _ = writeln!(
            out,
            "      Acknowledged by {} on {}: {}",
            ack.acknowledged_by,
            format_date(ack.acknowledged_on),
            ack.reason
        );
    }
}
