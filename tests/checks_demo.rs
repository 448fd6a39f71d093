//! On the demo register (built from five real privacy notices) the checks find
//! what the notices really contain. Nothing here tells the checks what to find:
//! the test names the services and the problems, and the rules must find them
//! from the data.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use ropa::Store;
use ropa::checks::{self, Finding, Report, Severity};
use ropa::model::*;
use time::macros::date;

fn demo() -> (Register, Report) {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let report = checks::check_store(&mut store, date!(2026 - 11 - 22), 30).unwrap();
    (store.load_register().unwrap(), report)
}

/// The findings about activities of the service whose name starts with `service`.
fn findings_of<'a>(register: &Register, report: &'a Report, service: &str) -> Vec<&'a Finding> {
    let ids: Vec<ServiceId> =
        register.services.iter().filter(|s| s.fields.name.starts_with(service)).map(|s| s.id).collect();
    assert!(!ids.is_empty(), "no service {service:?} in the demo");
    report.findings.iter().filter(|f| f.service_id.is_some_and(|id| ids.contains(&id))).collect()
}

fn rules<'a>(findings: &[&'a Finding]) -> Vec<&'a str> {
    findings.iter().map(|f| f.rule.0).collect()
}

#[test]
fn pri_criminal_offence_data_and_9_2_g_lack_a_schedule1_condition() {
    let (register, report) = demo();
    let pri = findings_of(&register, &report, "Performance, Research and Intelligence");
    assert!(rules(&pri).contains(&"criminal-no-sch1"), "{:#?}", rules(&pri));
    let part2 = pri.iter().find(|f| f.rule.0 == "sch1-part2-missing").expect("9(2)(g) without Part 2");
    assert!(part2.message.contains("Art 9(2)(g)") && part2.message.contains("s.10(3)"), "{}", part2.message);
    assert_eq!(part2.severity, Severity::Error);
}

#[test]
fn sefton_at_work_relies_on_consent_for_a_council_service() {
    let (register, report) = demo();
    let sefton = findings_of(&register, &report, "Sefton@work");
    assert!(rules(&sefton).contains(&"consent-public-authority"), "{:#?}", rules(&sefton));
}

#[test]
fn nwrsmp_lists_items_that_are_not_special_category() {
    let (register, report) = demo();
    let nwrsmp = findings_of(&register, &report, "North West Regional Strategic Migration Partnership");
    let items: Vec<String> = nwrsmp
        .iter()
        .filter(|f| f.rule.0 == "not-special-category")
        .map(|f| f.subject.trim_start_matches("item:").to_lowercase())
        .collect();
    for expected in ["nationality", "first language", "gender"] {
        assert!(items.iter().any(|item| item == expected), "{expected} not flagged: {items:?}");
    }
}

#[test]
fn vague_retention_is_found_wherever_no_period_is_given() {
    let (register, report) = demo();
    let vague: Vec<ActivityId> = report
        .findings
        .iter()
        .filter(|f| f.rule.0 == "retention-vague")
        .filter_map(|f| f.activity_id)
        .collect();
    let schedule_only: Vec<ActivityId> = register
        .activities
        .iter()
        .filter(|a| {
            matches!(&a.fields.retention, Retention::Schedule { reference }
                if reference.to_lowercase().contains("retention schedule")
                    && !reference.chars().any(|c| c.is_ascii_digit()))
        })
        .map(|a| a.id)
        .collect();
    assert!(schedule_only.len() >= 2, "the demo should hold several schedule-only retentions");
    assert_eq!(vague, schedule_only);
    for finding in report.findings.iter().filter(|f| f.rule.0 == "retention-vague") {
        assert!(finding.message.contains("retention schedule"), "{}", finding.message);
    }
}

#[test]
fn article_9_1_g_is_flagged_with_9_2_g_suggested() {
    let (_, report) = demo();
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule.0 == "unrecognised-citation" && f.message.contains("Article 9(1)(g)"))
        .expect("the notice's \"Article 9(1)(g)\" is flagged");
    assert!(finding.fix.contains("Article 9(2)(g)"), "{}", finding.fix);
}

#[test]
fn the_demo_register_fails_ropa_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["demo", "--out"])
        .arg(&db)
        .status()
        .unwrap();
    assert!(status.success());
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["check", "--today", "2026-11-22", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("[criminal-no-sch1] \"Performance, research and intelligence analysis\""),
        "{text}"
    );
}
