//! Tests of the Data flows and Privacy notices pages, driving the real app with
//! egui_kittest on the demo register (and a small register for merging), and
//! asserting on the store and on the files written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use ropa::Store;
use ropa::flows::Scope;
use ropa::flows::questions::party_flows;
use ropa::model::{
    ActivityFields, Direction, LinkDraft, LinkFields, PartyFields, PartyId, PartyKind, ServiceFields,
};

use super::app::{App, Page};
use super::flows::Tab;
use super::test_support::{app_on, demo_store, harness};

const GMP: &str = "Greater Manchester Police";
const PRI: &str = "Performance, Research and Intelligence";

fn party_named(harness: &Harness<'_, App>, name: &str) -> PartyId {
    let register = &harness.state().session().unwrap().register;
    register.parties.iter().find(|p| p.fields.name == name).unwrap().id
}

/// Answers the typed-path box (no file dialog in tests) with `path`.
fn give_path(harness: &mut Harness<'_, App>, path: &std::path::Path) {
    harness.run();
    harness.get_by_label("File path").focus();
    harness.run();
    harness.get_by_label("File path").type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
}

#[test]
fn the_flow_map_draws_and_lists_greater_manchester_polices_links() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    harness.get_by_label("Data flows").click();
    harness.run();
    assert_eq!(harness.state().page(), Page::Flows);
    let canvas = harness.get_by_label_contains("Flow map:").accesskit_node().label().unwrap_or_default();
    assert!(!canvas.contains(": 0 boxes"), "{canvas}");
    assert!(harness.query_by_label_contains("Drag to pan").is_some());

    let gmp = party_named(&harness, GMP);
    let expected = party_flows(&harness.state().session().unwrap().register, gmp);
    let (page, register) = harness.state_mut().flows_page_mut();
    page.select_party_node(&register.unwrap().clone(), gmp);
    harness.run();
    let sends = harness.query_all_by_label_contains(&format!("From {GMP} to ")).count();
    let receives = harness.query_all_by_label_contains(&format!(" to {GMP}")).count();
    assert!(sends > 0 && receives > 0, "GMP both sends to and receives from Early Help");
    let expected_sends = expected.iter().filter(|r| r.direction == Direction::Source).count();
    assert_eq!((sends, receives), (expected_sends, expected.len() - expected_sends));

    // The map shown exports as SVG, one path per link.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    harness.get_by_label("Export SVG…").click();
    give_path(&mut harness, &out);
    let svg = std::fs::read_to_string(&out).unwrap();
    let links = harness.state().session().unwrap().register.links.len();
    assert!(svg.starts_with("<?xml") && svg.contains(GMP));
    assert_eq!(svg.matches("data-link-id=").count(), links, "the whole register: every link drawn");

    // A link in the side panel opens its activity in the editor.
    harness.get_all_by_label_contains(&format!("From {GMP} to ")).next().unwrap().click();
    harness.run();
    assert_eq!(harness.state().page(), Page::Activity);
}

/// The demo register on the Data flows page, asking which activities receive data
/// from another of our services.
fn internal_feeds_question() -> Harness<'static, App> {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    harness.get_by_label("Data flows").click();
    harness.run();
    harness.get_by_label("Questions").click();
    harness.run();
    harness.get_by_label("Which activities receive data from another of our services?").click();
    harness.run();
    harness
}

#[test]
fn the_internal_feeds_question_lists_pris_feeds_and_exports_them_as_csv() {
    let mut harness = internal_feeds_question();
    assert!(harness.query_by_label("Elections").is_some(), "a feed into PRI is shown");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("feeds.csv");
    harness.get_by_label("Export CSV…").click();
    give_path(&mut harness, &out);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "Service");
    assert_eq!(&headers[3], "Party");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let pri_feeds: BTreeSet<&str> = rows.iter().filter(|r| &r[0] == PRI).map(|r| &r[3]).collect();
    let expected: BTreeSet<&str> = [
        "Children and Families",
        "Adult Social Care",
        "Education",
        "Elections",
        "Human Resources",
        "Revenues and Benefits",
        "Housing",
    ]
    .into();
    assert_eq!(pri_feeds, expected);
    assert!(rows.iter().all(|r| &r[2] == "Source"));
}

/// One activity linked to "Home Office" and to its duplicate "The Home Office".
pub(super) fn duplicate_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    store
        .batch(|batch| {
            let housing =
                batch.insert_service(&ServiceFields { name: "Housing".into(), ..Default::default() })?;
            let kept = batch.insert_party(&PartyFields::new("Home Office", PartyKind::PublicAuthority))?;
            let dup = batch.insert_party(&PartyFields::new("The Home Office", PartyKind::PublicAuthority))?;
            let links = [
                LinkDraft { id: None, fields: LinkFields::new(kept, Direction::Recipient) },
                LinkDraft { id: None, fields: LinkFields::new(dup, Direction::Source) },
            ];
            batch.insert_activity(&ActivityFields::new(housing, "Housing allocations"), &links)?;
            Ok(())
        })
        .unwrap();
    store
}

fn stored_party_names(harness: &mut Harness<'_, App>) -> Vec<String> {
    let session = harness.state_mut().session_mut().unwrap();
    let register = session.store.load_register().unwrap();
    register.parties.iter().map(|p| p.fields.name.clone()).collect()
}

/// The app on [`duplicate_store`], showing "The Home Office" on the Data flows
/// page with "Home Office" chosen to merge it into; returns (kept, duplicate).
pub(super) fn merge_ready(harness: &mut Harness<'_, App>) -> (PartyId, PartyId) {
    harness.run();
    harness.get_by_label("Data flows").click();
    harness.run();
    let (kept, dup) = (party_named(harness, "Home Office"), party_named(harness, "The Home Office"));
    let (page, _) = harness.state_mut().flows_page_mut();
    page.show_party(dup);
    page.merge_keep = Some(kept);
    harness.run();
    (kept, dup)
}

#[test]
fn merging_a_duplicate_party_leaves_one_and_undo_brings_it_back() {
    let mut harness = harness(app_on(duplicate_store()));
    let (kept, dup) = merge_ready(&mut harness);
    assert_eq!(harness.state_mut().flows_page_mut().0.tab, Tab::Party);
    assert!(harness.query_by_label_contains("What it sends us (1)").is_some());
    harness.get_by_label("Merge into…").click();
    harness.run();
    harness.get_by_label("Merge").click();
    harness.run();
    assert_eq!(stored_party_names(&mut harness), ["Home Office"]);
    let links = harness.state_mut().session_mut().unwrap().store.load_register().unwrap().links;
    assert!(links.iter().all(|l| l.fields.party_id == kept), "both links name the kept party");

    harness.get_by_label("Undo merge of \"The Home Office\"").click();
    harness.run();
    let mut names = stored_party_names(&mut harness);
    names.sort();
    assert_eq!(names, ["Home Office", "The Home Office"]);
    let links = harness.state_mut().session_mut().unwrap().store.load_register().unwrap().links;
    assert_eq!(links.iter().filter(|l| l.fields.party_id == dup).count(), 1);
}

#[test]
fn the_early_help_notice_is_blocked_then_generated_anyway_and_saved_as_html() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    harness.get_by_label("Privacy notices").click();
    harness.run();
    let early_help = {
        let register = &harness.state().session().unwrap().register;
        register.services.iter().find(|s| s.fields.name == "Early Help").unwrap().id
    };
    harness.state_mut().notice_page_mut().service = Some(early_help);
    harness.run();
    harness.run();
    assert!(harness.query_by_label_contains("This notice is blocked").is_some());
    assert!(harness.query_by_label_contains("[sch1-part1-missing]").is_some(), "the blocking rule is named");
    assert!(harness.query_by_label("Save as HTML…").is_some());

    harness.get_by_label("Generate anyway").click();
    harness.run();
    harness.run();
    assert!(harness.query_by_label("Early Help privacy notice").is_some());
    let notice = harness.state_mut().notice_page_mut().notice().cloned().unwrap();
    assert!(!notice.overridden.is_empty());
    let first = &notice.sections[0].heading;
    assert!(harness.query_by_label(first).is_some(), "section heading {first} is shown");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("early-help.html");
    harness.get_by_label("Save as HTML…").click();
    give_path(&mut harness, &out);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<h1>Early Help privacy notice</h1>"), "{html}");
    assert!(html.contains(&format!("<h2>{first}</h2>")) || html.contains(first.as_str()));
}

#[test]
fn a_map_of_three_hundred_parties_is_laid_out_once_and_draws_quickly() {
    let mut store = Store::in_memory().unwrap();
    store
        .batch(|batch| {
            let service =
                batch.insert_service(&ServiceFields { name: "Service".into(), ..Default::default() })?;
            let parties: Vec<PartyId> = (0..300)
                .map(|n| batch.insert_party(&PartyFields::new(format!("Party {n:03}"), PartyKind::Processor)))
                .collect::<ropa::Result<_>>()?;
            for a in 0..60 {
                let links: Vec<LinkDraft> = (0..10)
                    .map(|k| {
                        let direction = if k % 2 == 0 { Direction::Source } else { Direction::Recipient };
                        LinkDraft { id: None, fields: LinkFields::new(parties[(a * 5 + k) % 300], direction) }
                    })
                    .collect();
                batch.insert_activity(&ActivityFields::new(service, format!("Activity {a:02}")), &links)?;
            }
            Ok(())
        })
        .unwrap();
    let mut harness = harness(app_on(store));
    harness.run();
    harness.get_by_label("Data flows").click();
    harness.run();
    // Frame times belong to `cargo bench`; here the map is laid out and stays
    // drawn across later frames.
    for _ in 0..5 {
        harness.get_by_label_contains("Flow map:").hover();
        harness.run();
    }
    let label = harness.get_by_label_contains("Flow map:").accesskit_node().label().unwrap_or_default();
    assert!(label.contains("600 links"), "{label}");
}

#[test]
fn a_question_answer_exports_as_a_pdf_table() {
    let mut harness = internal_feeds_question();

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("feeds.pdf");
    harness.get_by_label("Export PDF…").click();
    give_path(&mut harness, &out);
    let output = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&out)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/test.sh)");
    let text = String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Which activities receive data from another of our services?"), "{text}");
    for feed in ["Children and Families", "Revenues and Benefits", "Elections", PRI] {
        assert!(text.contains(feed), "{feed:?} missing: {text}");
    }
    assert!(text.contains("Page 1 of"), "running footer");
}

/// The demo register's Data flows page showing the overview, every map laid out
/// on a worker: steps frames until the page has asked for its map, and checks
/// that this first frame says the map is being laid out.
fn overview_on_a_worker() -> Harness<'static, App> {
    let mut harness = harness(app_on(demo_store()));
    {
        let (page, _) = harness.state_mut().flows_page_mut();
        page.lay_out_inline_up_to(0);
        page.set_scope(Scope::Overview);
    }
    harness.run();
    harness.get_by_label("Data flows").click();
    for _ in 0..5 {
        harness.step();
        if harness.state_mut().flows_page_mut().0.shown_scope().is_some() {
            break;
        }
    }
    assert!(!harness.state_mut().flows_page_mut().0.is_ready());
    assert!(harness.query_by_label("Laying out the map…").is_some(), "the first frame says so");
    assert!(harness.query_by_label_contains("Flow map:").is_none());
    land(&mut harness);
    harness
}

/// Waits for the worker's layout and draws it.
fn land(harness: &mut Harness<'_, App>) {
    harness.run();
    harness.state_mut().flows_page_mut().0.wait_for_map();
    harness.run();
    assert!(harness.state_mut().flows_page_mut().0.is_ready());
}

/// Clicks the centre of the box labelled `label` on the map.
fn click_box(harness: &mut Harness<'_, App>, label: &str) {
    let canvas = harness.get_by_label_contains("Flow map:").rect();
    let offset = harness.state_mut().flows_page_mut().0.box_centre(label).expect(label);
    let pos = canvas.min + offset;
    assert!(canvas.contains(pos), "{label} is on screen");
    let button = |pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::default(),
    };
    harness.input_mut().events.push(egui::Event::PointerMoved(pos));
    harness.step();
    harness.input_mut().events.push(button(true));
    harness.step();
    harness.input_mut().events.push(button(false));
    harness.run();
}

#[test]
fn the_overview_is_laid_out_on_a_worker_and_a_service_box_opens_its_map() {
    let mut harness = overview_on_a_worker();
    let links = harness.state().session().unwrap().register.links.len();
    let services = harness.state().session().unwrap().register.services.len();
    let canvas = harness.get_by_label_contains("Flow map:").accesskit_node().label().unwrap_or_default();
    assert!(canvas.contains(&format!("{links} links")), "{canvas}");
    assert!(harness.query_by_label_contains("by service and kind of party").is_some());
    let labels = harness.state_mut().flows_page_mut().0.box_labels();
    assert!(labels.iter().any(|l| l == "Public authority") && labels.iter().any(|l| l == "Early Help"));
    assert!(!labels.iter().any(|l| l == GMP), "parties are grouped by kind");
    assert!(labels.len() > services);

    click_box(&mut harness, "Early Help");
    land(&mut harness);
    let early_help = {
        let register = &harness.state().session().unwrap().register;
        register.services.iter().find(|s| s.fields.name == "Early Help").unwrap().id
    };
    assert_eq!(harness.state_mut().flows_page_mut().0.shown_scope(), Some(Scope::Service(early_help)));
    assert!(harness.query_by_label_contains("Service: Early Help ·").is_some());

    // Back to the overview: taken from the cache, drawn in the same frame.
    harness.get_by_label("Back to the overview").click();
    harness.run();
    assert!(harness.state_mut().flows_page_mut().0.is_ready());
    assert!(harness.query_by_label_contains("by service and kind of party").is_some());

    click_box(&mut harness, "Public authority");
    land(&mut harness);
    let labels = harness.state_mut().flows_page_mut().0.box_labels();
    assert!(labels.iter().any(|l| l == GMP), "the kind's parties are shown: {labels:?}");
}

#[test]
fn a_saved_edit_lays_the_overview_out_again_and_a_late_layout_is_discarded() {
    let mut harness = overview_on_a_worker();
    assert!(!harness.state_mut().flows_page_mut().0.box_labels().iter().any(|l| l == "Parks"));
    harness.state_mut().push_command(super::app::Command::AddService("Parks".into()));
    harness.run();
    land(&mut harness);
    assert!(harness.state_mut().flows_page_mut().0.box_labels().iter().any(|l| l == "Parks"));

    // A layout asked for, then the snapshot changes before it lands: the late
    // one (without "Allotments") is thrown away and the map laid out again.
    harness.state_mut().flows_page_mut().0.toggle_kind(ropa::model::PartyKind::Processor);
    harness.step();
    assert!(!harness.state_mut().flows_page_mut().0.is_ready());
    harness.state_mut().push_command(super::app::Command::AddService("Allotments".into()));
    harness.step();
    land(&mut harness);
    assert!(harness.state_mut().flows_page_mut().0.box_labels().iter().any(|l| l == "Allotments"));
}
