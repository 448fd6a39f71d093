//! Tests of the Checks page itself: it opens at its top, the severity filter and
//! the counts by rule narrow the list, a grouped finding is acknowledged for
//! every party it lists, and each named controller's public-authority status is
//! recorded. They drive the real app by accessible label and assert on the store.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ropa::checks::{Field, Finding, Severity};

use super::app::{App, Page};
use super::test_support::{TODAY, app_on, click, demo_store, harness, type_into};

fn report_findings(harness: &Harness<'_, App>) -> Vec<Finding> {
    harness.state().checks_page().report().unwrap().findings.clone()
}

fn shown(harness: &Harness<'_, App>, finding: &Finding) -> bool {
    harness.query_by_label(&finding.message).is_some()
}

#[test]
fn the_checks_page_opens_at_its_top_after_another_page_was_scrolled() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    click(&mut harness, "Checks");
    let top = harness.get_by_label("Completeness by service").rect();
    // Open a finding at the foot of the form: the editor scrolls down to it.
    let finding = report_findings(&harness)
        .into_iter()
        .find(|f| f.field == Field::NextReviewDue && f.activity_id.is_some())
        .expect("the demo has an overdue review");
    click(&mut harness, &finding.message);
    assert_eq!(harness.state().page(), Page::Activity);
    click(&mut harness, "Checks");
    assert_eq!(harness.state().page(), Page::Checks);
    let again = harness.get_by_label("Completeness by service").rect();
    assert_eq!(again.min.y, top.min.y, "the page opens where it starts, not part-way down");
}

#[test]
fn the_severity_filter_hides_and_shows_findings() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    click(&mut harness, "Checks");
    let findings = report_findings(&harness);
    let warning = findings.iter().find(|f| f.severity == Severity::Warning).unwrap().clone();
    let error = findings.iter().find(|f| f.severity == Severity::Error).unwrap().clone();
    assert!(shown(&harness, &warning) && shown(&harness, &error));
    click(&mut harness, "Show warnings");
    assert!(!shown(&harness, &warning), "warnings hidden");
    assert!(shown(&harness, &error), "errors still listed");
    click(&mut harness, "Show errors");
    assert!(!shown(&harness, &error));
    click(&mut harness, "Show warnings");
    click(&mut harness, "Show errors");
    assert!(shown(&harness, &warning) && shown(&harness, &error));
}

#[test]
fn a_rules_count_lists_only_that_rules_findings() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    click(&mut harness, "Checks");
    let findings = report_findings(&harness);
    let rule = ropa::checks::Rule::find("recipient-no-agreement").unwrap();
    let (of_rule, others): (Vec<&Finding>, Vec<&Finding>) = findings.iter().partition(|f| f.rule == rule.id);
    assert!(of_rule.len() > 1, "several activities share with parties under no agreement");
    click(&mut harness, &format!("Only {}", rule.title));
    assert!(of_rule.iter().all(|f| shown(&harness, f)));
    assert!(others.iter().all(|f| !shown(&harness, f)), "other rules hidden");
    click(&mut harness, "Show every rule");
    assert!(others.iter().all(|f| shown(&harness, f)));
}

#[test]
fn acknowledging_a_grouped_finding_covers_every_party_it_lists() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    click(&mut harness, "Checks");
    let finding = report_findings(&harness)
        .into_iter()
        .find(|f| f.rule.0 == "recipient-no-agreement" && f.concerns.len() > 2)
        .unwrap();
    click(&mut harness, &format!("Acknowledge: {}", finding.message));
    type_into(&mut harness, "Reason for accepting the finding", "Statutory sharing, protocol in draft");
    harness.get_by_label("Acknowledge").click();
    harness.run();
    let stored = harness.state().session().unwrap().store.acknowledgements().unwrap();
    assert_eq!(stored.len(), 1);
    let covered = stored[0].key.covered_subjects();
    let subjects: Vec<String> = finding.concerns.iter().map(|c| c.subject.clone()).collect();
    assert_eq!(covered, subjects, "one acknowledgement names every party");
    let now = report_findings(&harness).into_iter().find(|f| f.key() == finding.key()).unwrap();
    assert!(!now.is_open() && now.concerns.iter().all(|c| c.acknowledged.is_some()));
    click(&mut harness, &format!("Withdraw acknowledgement: {}", finding.message));
    assert!(harness.state().session().unwrap().store.acknowledgements().unwrap().is_empty());
}

#[test]
fn a_named_controllers_public_authority_status_is_recorded_and_used() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    click(&mut harness, "Checks");
    let controller =
        "East of England LGA Strategic Migration Partnership (lead partner) and project partners";
    let rules = |harness: &Harness<'_, App>| -> Vec<&'static str> {
        report_findings(harness).iter().map(|f| f.rule.0).collect()
    };
    assert!(rules(&harness).contains(&"controller-status-unknown"), "seed 001 does not say");
    assert!(!rules(&harness).contains(&"legitimate-interests-public-authority"));
    click(&mut harness, &format!("{controller}: public authority"));
    let stored = harness.state().session().unwrap().store.controllers().unwrap();
    assert_eq!(stored.len(), 2, "{stored:?}");
    assert_eq!(harness.state().session().unwrap().register.controller_status(controller), Some(true));
    assert!(rules(&harness).contains(&"legitimate-interests-public-authority"));
    assert!(!rules(&harness).contains(&"controller-status-unknown"));
    click(&mut harness, &format!("{controller}: not recorded"));
    assert_eq!(harness.state().session().unwrap().store.controllers().unwrap().len(), 1);
}

/// A register with this many generated activities, in memory.
fn generated_store(activities: usize) -> ropa::Store {
    let mut store = ropa::Store::in_memory().unwrap();
    ropa::generate::generate(&mut store, ropa::generate::Spec { activities, seed: 1 }).unwrap();
    store
}

fn fixes_laid_out(harness: &Harness<'_, App>) -> usize {
    harness.query_all_by_label_contains("Fix: ").count()
}

#[test]
fn a_long_list_of_findings_lays_out_only_those_in_view_and_scrolls_to_the_last() {
    let mut harness = harness(app_on(generated_store(400)));
    harness.run();
    click(&mut harness, "Checks");
    let findings = report_findings(&harness);
    assert!(findings.len() > 1_000, "{} findings", findings.len());
    let laid_out = fixes_laid_out(&harness);
    assert!(laid_out < 40, "{laid_out} findings laid out of {}", findings.len());
    let last = findings.last().unwrap();
    assert!(!shown(&harness, last), "the last finding is far below");
    for _ in 0..60 {
        harness.event(egui::Event::PointerMoved(egui::pos2(700.0, 500.0)));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -50.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run_steps(10);
    }
    assert!(shown(&harness, last), "scrolled to the end, the last finding is drawn");
    assert!(fixes_laid_out(&harness) < 40, "still only those in view");
}

#[test]
fn folding_a_group_hides_its_findings_and_unfolding_shows_them() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    click(&mut harness, "Checks");
    let findings = report_findings(&harness);
    let service = findings.iter().find_map(|f| f.service_id).unwrap();
    let register = &harness.state().session().unwrap().register;
    let name = register.service_name(service).to_owned();
    let of_service: Vec<Finding> =
        findings.iter().filter(|f| f.service_id == Some(service)).cloned().collect();
    let open = of_service.iter().filter(|f| f.is_open()).count();
    let heading = format!("{name} ({open} open of {})", of_service.len());
    assert!(of_service.iter().all(|f| shown(&harness, f)));
    click(&mut harness, &heading);
    assert!(of_service.iter().all(|f| !shown(&harness, f)), "folded");
    assert!(findings.iter().filter(|f| f.service_id != Some(service)).all(|f| shown(&harness, f)));
    click(&mut harness, &heading);
    assert!(of_service.iter().all(|f| shown(&harness, f)), "unfolded");
}

#[test]
fn checks_on_a_worker_land_with_the_same_report_as_checks_run_at_once() {
    use std::sync::Arc;
    let mut store = demo_store();
    let register = Arc::new(store.load_register().unwrap());
    let mut at_once = super::checks::ChecksPage::default();
    at_once.refresh(&store, &register, super::test_support::TODAY, false).unwrap();
    assert!(!at_once.is_checking());
    let mut worker = super::checks::ChecksPage::default();
    worker.refresh(&store, &register, super::test_support::TODAY, true).unwrap();
    assert!(worker.is_checking(), "the run is on its way, not done in the call");
    assert!(worker.report().is_none(), "nothing is shown as checked before it lands");
    assert!(worker.wait());
    assert!(!worker.is_checking());
    assert_eq!(worker.report().unwrap().findings, at_once.report().unwrap().findings);
}

#[test]
fn on_a_register_file_an_acknowledgement_shows_once_its_checks_land() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("council.ropa");
    let mut store = ropa::Store::create(&path).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let mut harness = harness(app_on(store));
    for _ in 0..500 {
        harness.step();
        if !harness.state().checks_page().is_checking() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    click(&mut harness, "Checks");
    let finding = report_findings(&harness).into_iter().find(|f| f.is_open()).unwrap();
    click(&mut harness, &format!("Acknowledge: {}", finding.message));
    type_into(&mut harness, "Reason for accepting the finding", "Accepted by the DPO");
    harness.get_by_label("Acknowledge").click();
    harness.step();
    for _ in 0..500 {
        harness.step();
        if !harness.state().checks_page().is_checking() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run();
    let now = report_findings(&harness).into_iter().find(|f| f.key() == finding.key()).unwrap();
    assert!(!now.is_open(), "the worker's report carries the acknowledgement");
    assert!(harness.query_by_label(&format!("Withdraw acknowledgement: {}", finding.message)).is_some());
}

/// One activity, recorded on 1 November 2025 (before the DUAA's main
/// commencement on 5 February 2026), whose automated decisions use health data
/// with neither 9(2)(a) nor 9(2)(g): Art 22(4) before that day, Art 22B after.
fn automated_decisions_store() -> ropa::Store {
    use ropa::law::SpecialCategory;
    let mut store = ropa::Store::in_memory().unwrap();
    store.set_clock(|| time::macros::datetime!(2025-11-01 10:00 UTC));
    let service = store
        .insert_service(&ropa::model::ServiceFields { name: "Adult Care".into(), ..Default::default() })
        .unwrap();
    let mut fields = ropa::model::ActivityFields::new(service, "Care needs scoring");
    fields.purposes = vec!["Prioritising assessments".into()];
    fields.special_categories.insert(SpecialCategory::Health);
    fields.automated_decision_making = Some("Referrals are scored and ranked by the system".into());
    store.insert_activity(&fields, &[]).unwrap();
    store
}

fn adm_finding(page: &super::checks::ChecksPage) -> Finding {
    let report = page.report().unwrap();
    report.findings.iter().find(|f| f.rule.0 == "adm-special-category").unwrap().clone()
}

fn show_as_at(harness: &mut Harness<'_, App>, day: &str) {
    click(harness, "Register");
    harness.get_by_label("As-at date").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    type_into(harness, "As-at date", day);
    click(harness, "Show the register as at that date");
}

#[test]
fn the_checks_as_at_a_day_apply_the_law_of_that_day_read_only_and_back_to_today_restores_today() {
    let mut harness = harness(app_on(automated_decisions_store()));
    harness.run();
    click(&mut harness, "Checks");
    let today = adm_finding(harness.state().checks_page());
    assert!(today.message.contains("Art 22B(1)-(3)"), "{}", today.message);
    assert!(shown(&harness, &today));
    let acknowledge = format!("Acknowledge: {}", today.message);
    assert!(harness.query_by_label(&acknowledge).is_some());

    show_as_at(&mut harness, "2025-12-01");
    let page = harness.state().as_at_checks_page().unwrap();
    assert_eq!(page.as_at(), Some(time::macros::date!(2025 - 12 - 01)));
    let before = adm_finding(page);
    assert!(before.message.contains("(UK GDPR Art 22(4))"), "{}", before.message);
    let summary = page.open_summary();
    assert!(
        harness.query_by_label_contains(&format!("Checked under the law of that day: {summary}")).is_some(),
        "the Register page's banner counts the findings as at that day"
    );
    click(&mut harness, "Checks");
    assert!(
        harness
            .query_by_label_contains("Checks as at the end of 2025-12-01, under the law in force that day")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains(&ropa::law::currency_note(time::macros::date!(2025 - 12 - 01)))
            .is_some()
    );
    assert!(shown(&harness, &before), "the old Art 22(4) finding is listed");
    assert!(!shown(&harness, &today), "today's Art 22B finding is not");
    assert!(
        harness.query_all_by_label_contains("Acknowledge: ").next().is_none(),
        "acknowledging is a today action"
    );
    assert!(harness.query_by_label("Today:").is_some(), "the navigation says it counts today's");

    click(&mut harness, "Back to today");
    assert!(!harness.state().is_showing_as_at());
    assert_eq!(harness.state().page(), Page::Checks);
    assert!(shown(&harness, &today) && !shown(&harness, &before), "today's report is back");
    assert!(harness.query_by_label(&acknowledge).is_some());
    assert!(harness.query_by_label("Today:").is_none());

    show_as_at(&mut harness, "2026-03-01");
    let after = adm_finding(harness.state().as_at_checks_page().unwrap());
    assert!(after.message.contains("Art 22B(1)-(3)"), "{}", after.message);
    click(&mut harness, "Checks");
    assert!(shown(&harness, &after) && !shown(&harness, &before));
}

#[test]
fn the_checks_as_at_a_day_count_only_the_acknowledgements_made_by_then() {
    let mut store = automated_decisions_store();
    let report = ropa::checks::run(
        &store.load_register().unwrap(),
        &[],
        ropa::checks::Settings::new(time::macros::date!(2025 - 11 - 01)),
    );
    let missing = report.findings.iter().find(|f| f.rule.0 == "art6-missing").unwrap().clone();
    store
        .acknowledge_open_finding(&missing.key(), "A. Officer", TODAY, "Basis being agreed with legal")
        .unwrap();
    let mut harness = harness(app_on(store));
    harness.run();
    let acknowledged = |page: &super::checks::ChecksPage| {
        let report = page.report().unwrap();
        !report.findings.iter().find(|f| f.rule.0 == "art6-missing").unwrap().is_open()
    };
    assert!(acknowledged(harness.state().checks_page()), "acknowledged today");
    show_as_at(&mut harness, "2026-03-01");
    assert!(!acknowledged(harness.state().as_at_checks_page().unwrap()), "open as at 1 March 2026");
    click(&mut harness, "Back to today");
    assert!(acknowledged(harness.state().checks_page()), "today's report untouched");
}

#[test]
fn a_register_of_many_services_starts_with_its_completeness_table_folded() {
    const BODY: &str = "The share of the required ICO and Article 30 fields that are filled.";
    // 700 generated activities: 14 services of 50 activities each.
    let mut harness = harness(app_on(generated_store(700)));
    harness.run();
    harness.get_by_label("Checks").click();
    harness.run_steps(10);
    assert_eq!(harness.state().page(), Page::Checks);
    assert!(harness.query_by_label("Completeness by service").is_some());
    assert!(harness.query_by_label(BODY).is_none(), "folded, so the findings come first");
    harness.get_by_label("Completeness by service").click();
    harness.run_steps(10);
    assert!(harness.query_by_label(BODY).is_some(), "unfolds on a click");
    assert_eq!(harness.query_all_by_label("50 activities").count(), 14);

    let mut small = super::test_support::harness(app_on(demo_store()));
    small.run();
    click(&mut small, "Checks");
    assert!(small.query_by_label(BODY).is_some(), "the demo's few services are shown open");
}
