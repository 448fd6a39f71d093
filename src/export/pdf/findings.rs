//! The report's findings section: counts by severity and by rule, completeness
//! per service, and every finding (one per rule and activity, listing every
//! party or item it concerns) grouped by service then severity, acknowledged
//! ones marked as such with who accepted them, when and why.

use super::fonts::Style;
use super::layout::{Column, Flow, Table};
use crate::checks::{Finding, Report, Severity};
use crate::export::findings_csv::{self, COMPLETENESS_HEADINGS};
use crate::model::{Register, format_date};

/// The section's heading.
pub const HEADING: &str = "Checks: findings and completeness";
/// The heading of the completeness table.
pub const COMPLETENESS_HEADING: &str = "Completeness by service";
/// The heading of the table of findings counted by rule.
pub const BY_RULE_HEADING: &str = "Findings by rule";
/// The headings of each group's findings table.
pub const FINDING_COLUMNS: [(&str, f32); 5] = [
    ("Activity or agreement", 1.2),
    ("Rule", 1.3),
    ("Finding", 2.6),
    ("Suggested fix", 2.0),
    ("Status", 1.4),
];

const BODY: Style = Style::regular(7.5);
const BODY_BOLD: Style = Style::bold(7.5);

/// Lays out the findings section for `checks` on new pages: the overview, then
/// every finding.
pub fn section(flow: &mut Flow<'_>, register: &Register, checks: &Report) {
    overview(flow, checks, Listing::Below);
    findings(flow, register, checks);
}

/// Where the findings themselves are, as the overview tells its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Listed after the overview, in this report.
    Below,
    /// Not in this report: in the full report and the findings CSV.
    Elsewhere,
}

impl Listing {
    fn sentence(self) -> &'static str {
        match self {
            Self::Below => "Acknowledged findings stay listed with who accepted them, when and why.",
            Self::Elsewhere => {
                "This report does not list the findings: the full register report and the findings CSV list each one, with acknowledgements."
            }
        }
    }
}

/// Lays out the findings overview on a new page: the summary, the counts by
/// severity and completeness by service, without the findings themselves.
pub fn overview(flow: &mut Flow<'_>, checks: &Report, listing: Listing) {
    flow.new_page();
    flow.paragraph(HEADING, Style::bold(14.0), 2);
    flow.space(2.0);
    flow.paragraph(&format!("{} {}", summary(checks), listing.sentence()), Style::regular(9.0), 0);
    flow.space(6.0);
    flow.table(&plain_table(
        vec![Column::new("Severity", 1.0), Column::new("Open", 1.0), Column::new("Acknowledged", 1.0)],
        counts(checks),
        Style::regular(9.0),
        Style::bold(9.0),
    ));
    flow.space(10.0);
    by_rule(flow, checks);
    flow.space(10.0);
    flow.paragraph(COMPLETENESS_HEADING, Style::bold(11.0), 3);
    flow.space(2.0);
    flow.table(&plain_table(
        COMPLETENESS_HEADINGS.iter().map(|h| Column::new(*h, 1.0)).collect(),
        checks.completeness.iter().map(|s| findings_csv::completeness_cells(s).to_vec()).collect(),
        BODY,
        BODY_BOLD,
    ));
}

/// One row per rule that raised findings: severity, rule, open and all.
fn by_rule(flow: &mut Flow<'_>, checks: &Report) {
    let rows: Vec<Vec<String>> = checks
        .counts_by_rule()
        .iter()
        .map(|count| {
            vec![
                count.rule.severity.heading().to_string(),
                format!("{} ({})", count.rule.title, count.rule.id),
                count.rule.citation.to_string(),
                count.open.to_string(),
                count.total.to_string(),
            ]
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    flow.paragraph(BY_RULE_HEADING, Style::bold(11.0), 3);
    flow.space(2.0);
    flow.table(&plain_table(
        vec![
            Column::new("Severity", 0.8),
            Column::new("Rule", 2.6),
            Column::new("Citation", 1.8),
            Column::new("Open", 0.5),
            Column::new("All", 0.5),
        ],
        rows,
        BODY,
        BODY_BOLD,
    ));
}

fn findings(flow: &mut Flow<'_>, register: &Register, checks: &Report) {
    for (service, group) in groups(register, &checks.findings) {
        flow.space(12.0);
        flow.paragraph(&service, Style::bold(12.0), 4);
        for severity in Severity::ALL {
            let rows: Vec<Vec<String>> =
                group.iter().filter(|f| f.severity == severity).map(|f| row(register, f)).collect();
            if rows.is_empty() {
                continue;
            }
            flow.space(4.0);
            flow.paragraph(&format!("{} ({})", severity.heading(), rows.len()), Style::bold(9.5), 3);
            flow.table(&plain_table(
                FINDING_COLUMNS.iter().map(|(h, w)| Column::new(*h, *w)).collect(),
                rows,
                BODY,
                BODY_BOLD,
            ));
        }
    }
}

fn plain_table(columns: Vec<Column>, rows: Vec<Vec<String>>, style: Style, header_style: Style) -> Table {
    Table { columns, rows, show_header: true, style, header_style, auto_width: false }
}

/// "Checked as of 22 November 2026: 12 findings, 9 open and 3 acknowledged."
fn summary(checks: &Report) -> String {
    let total = checks.findings.len();
    let open = checks.findings.iter().filter(|f| f.is_open()).count();
    if total == 0 {
        return format!("Checked as of {}: no findings.", format_date(checks.today));
    }
    format!(
        "Checked as of {}: {total} finding(s), {open} open and {} acknowledged.",
        format_date(checks.today),
        total - open
    )
}

fn counts(checks: &Report) -> Vec<Vec<String>> {
    Severity::ALL
        .iter()
        .map(|&severity| {
            let all = checks.findings.iter().filter(|f| f.severity == severity).count();
            let open = checks.open_count(severity);
            vec![severity.heading().to_string(), open.to_string(), (all - open).to_string()]
        })
        .collect()
}

/// Findings grouped by service, in the report's order (it is sorted by service).
fn groups<'a>(register: &Register, findings: &'a [Finding]) -> Vec<(String, Vec<&'a Finding>)> {
    let mut groups: Vec<(String, Vec<&Finding>)> = Vec::new();
    for finding in findings {
        let service = findings_csv::service_of(register, finding);
        match groups.last_mut() {
            Some((name, group)) if *name == service => group.push(finding),
            _ => groups.push((service, vec![finding])),
        }
    }
    groups
}

fn row(register: &Register, finding: &Finding) -> Vec<String> {
    let rule = finding
        .rule_info()
        .map_or_else(|| finding.rule.0.to_string(), |r| format!("{}\n{}\n({})", r.title, r.citation, r.id));
    let acknowledged_concerns = finding.concerns.iter().filter(|c| c.acknowledged.is_some()).count();
    let status = match &finding.acknowledged {
        None if acknowledged_concerns > 0 => {
            format!("Open: {acknowledged_concerns} of {} acknowledged", finding.concerns.len())
        }
        None => "Open".to_string(),
        Some(ack) => format!(
            "Acknowledged by {} on {}: {}",
            ack.acknowledged_by,
            format_date(ack.acknowledged_on),
            ack.reason
        ),
    };
    let message = if finding.concerns.len() > 1 {
        format!(
            "{}\nConcerns ({}):\n{}",
            finding.message,
            finding.concerns.len(),
            findings_csv::concerns(finding)
        )
    } else {
        finding.message.clone()
    };
    vec![findings_csv::record_of(register, finding), rule, message, finding.fix.clone(), status]
}
