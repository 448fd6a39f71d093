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
    let report = checks::check(&store.snapshot().unwrap(), date!(2026 - 11 - 22), 30);
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
        .flat_map(|f| f.concerns.iter().map(|c| c.label.to_lowercase()))
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
    // The new checks, on the real binary, and no health identifier flagged.
    for rule in [
        "[dpia-required]",
        "[dpo-contact-missing]",
        "[ico-registration-missing]",
        "[repealed-legislation]",
        "[explicit-consent-no-record]",
    ] {
        assert!(text.contains(rule), "{rule} missing: {text}");
    }
    assert!(text.contains("== Organisation =="), "{text}");
    assert!(text.contains("Findings by rule"), "{text}");
    let flagged: Vec<&str> = text.lines().filter(|l| l.contains("[not-special-category]")).collect();
    assert!(!flagged.is_empty());
    for line in flagged {
        assert!(!line.contains("NHS number") && !line.contains("GP details"), "{line}");
    }
}

#[test]
fn each_rule_reports_once_per_activity_listing_every_party() {
    let (register, report) = demo();
    let mut seen = std::collections::HashSet::new();
    for finding in &report.findings {
        assert!(
            seen.insert((finding.rule, finding.activity_id, finding.agreement_id)),
            "{} twice for {:?}",
            finding.rule,
            finding.activity_id
        );
    }
    // The eight activities raised 80 findings when each recipient had its own.
    assert!(report.findings.len() < 80, "{} findings", report.findings.len());
    let nwrsmp = findings_of(&register, &report, "North West Regional Strategic Migration Partnership");
    let sharing = nwrsmp.iter().find(|f| f.rule.0 == "recipient-no-agreement").expect("no agreements");
    // Every recipient the notice names outside the council, each once.
    let activity = register.activity(sharing.activity_id.unwrap()).unwrap();
    let external: Vec<LinkId> = register
        .links_of(activity.id, Direction::Recipient)
        .filter(|l| register.party(l.fields.party_id).is_some_and(|p| p.fields.kind.is_external()))
        .map(|l| l.id)
        .collect();
    let listed: Vec<LinkId> = sharing.concerns.iter().filter_map(|c| c.link_id).collect();
    assert_eq!(listed, external);
    assert!(listed.len() >= 10, "{listed:?}");
    for party in ["Home Office", "Serco", "Migrant Help"] {
        assert!(sharing.message.contains(party), "{party}: {}", sharing.message);
    }
}

#[test]
fn health_identifiers_are_recorded_as_health_and_not_flagged() {
    let (register, report) = demo();
    let flagged: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.rule.0 == "not-special-category")
        .flat_map(|f| f.concerns.iter().map(|c| c.label.to_lowercase()))
        .collect();
    for item in ["nhs number", "gp details", "health visitor details"] {
        assert!(!flagged.contains(&item.to_string()), "{item} flagged: {flagged:?}");
    }
    assert!(
        report.findings.iter().all(|f| f.rule.0 != "health-data-not-recorded"),
        "health recorded wherever the seeds hold health data"
    );
    let early_help = register
        .activities
        .iter()
        .find(|a| a.fields.personal_data.iter().any(|d| d == "NHS number"))
        .expect("Early Help records the NHS number");
    assert!(early_help.fields.special_categories.contains(&ropa::law::SpecialCategory::Health));
}

/// The rules raised for activities of the service whose name starts with `service`.
fn rules_of(register: &Register, report: &Report, service: &str) -> Vec<&'static str> {
    findings_of(register, report, service).iter().map(|f| f.rule.0).collect()
}

#[test]
fn the_new_checks_fire_where_the_seeds_warrant_them() {
    let (register, report) = demo();
    let organisation: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.service_id.is_none() && f.agreement_id.is_none())
        .map(|f| f.rule.0)
        .collect();
    // Seeds 000, 002 and 003 name only "the Council's Data Protection Officer", and none gives an ICO number.
    for rule in ["controller-contact-missing", "dpo-contact-missing", "ico-registration-missing"] {
        assert!(organisation.contains(&rule), "{rule}: {organisation:?}");
    }
    let refugee = rules_of(&register, &report, "Well-being and work");
    for rule in [
        "legitimate-interests-no-assessment",
        "repealed-legislation",
        "retention-no-reason",
        "children-online",
        "controller-status-unknown",
    ] {
        assert!(refugee.contains(&rule), "{rule}: {refugee:?}");
    }
    let nwrsmp = rules_of(&register, &report, "North West Regional");
    for rule in ["explicit-consent-no-record", "health-care-no-para2", "dpia-required"] {
        assert!(nwrsmp.contains(&rule), "{rule}: {nwrsmp:?}");
    }
    let pri = rules_of(&register, &report, "Performance, Research");
    assert!(pri.contains(&"dpia-required"), "profiling and data matching: {pri:?}");
    let sefton = rules_of(&register, &report, "Sefton@work");
    assert!(sefton.contains(&"consent-public-authority"), "Sefton Council is recorded as a public authority");
    assert!(sefton.contains(&"repealed-legislation"), "the EU GDPR framing: {sefton:?}");
    assert!(!sefton.contains(&"controller-status-unknown"));
}
