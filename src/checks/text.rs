//! The findings as plain text, grouped by service and severity: what
//! `ropa check` prints.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{Finding, Report, Severity};
use crate::model::{ActivityId, Register, format_date};

type Names<'a> = HashMap<ActivityId, &'a str>;

/// Renders `report` for a terminal or a log: a summary line, the open findings
/// counted by rule, then per service its completeness and its findings by
/// severity, then the organisation's and the agreements' findings.
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
    write_counts(&mut out, report);
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
    let organisation: Vec<&Finding> =
        report.findings.iter().filter(|f| f.service_id.is_none() && f.agreement_id.is_none()).collect();
    if !organisation.is_empty() {
        let _ = writeln!(out, "\n== Organisation ==");
        write_groups(&mut out, &organisation, &names);
    }
    let agreements: Vec<&Finding> = report.findings.iter().filter(|f| f.agreement_id.is_some()).collect();
    if !agreements.is_empty() {
        let _ = writeln!(out, "\n== Agreements ==");
        write_groups(&mut out, &agreements, &names);
    }
    out
}

/// "Findings by rule:" then one line per rule that raised any.
fn write_counts(out: &mut String, report: &Report) {
    let counts = report.counts_by_rule();
    if counts.is_empty() {
        return;
    }
    let _ = writeln!(out, "Findings by rule (open of all):");
    for count in counts {
        let _ = writeln!(
            out,
            "  {:>3} of {:<3} {} [{}] {}",
            count.open,
            count.total,
            count.rule.severity.code(),
            count.rule.id,
            count.rule.title
        );
    }
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
    if f.concerns.len() > 1 {
        let _ = writeln!(out, "      Concerns ({}):", f.concerns.len());
        for concern in &f.concerns {
            match &concern.acknowledged {
                None => {
                    let _ = writeln!(out, "        - {}", concern.label);
                }
                Some(ack) => {
                    let _ = writeln!(
                        out,
                        "        - {} (acknowledged by {} on {})",
                        concern.label,
                        ack.acknowledged_by,
                        format_date(ack.acknowledged_on)
                    );
                }
            }
        }
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
