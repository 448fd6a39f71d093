#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.
//! What passes along a link is one answer (`model::Passes`): the links CSV, the
//! flow questions, the map, the party view and the JSON exchange all give it, and
//! a link that records the data passed still carries the activity's special
//! category data unless the link narrows it.

use std::collections::{BTreeMap, BTreeSet};

use ropa::Store;
use ropa::export::{self, Format, NoProgress, Options};
use ropa::flows::graph::{FlowGraph, Scope};
use ropa::flows::party_view::PartyView;
use ropa::flows::questions::*;
use ropa::law::{LegalItem as _, SpecialCategory};
use ropa::model::{
    ActivityFields, Direction, LinkDraft, LinkFields, LinkId, PartyFields, PartyId, PartyKind, Register,
    ServiceFields, SpecialData,
};

const TRUST: &str = "Manchester University NHS Foundation Trust";
const SERVICE: &str = "Adult Social Care";

fn options() -> Options {
    Options { bom: false, generated_at: time::macros::datetime!(2026-11-22 21:35 UTC) }
}

/// Adult Social Care's assessments hold health data and send care needs to an
/// NHS trust; the link records the data passed and answers `answer` for the
/// special category data (with `only` ticked when it passes these only).
fn care_register(answer: SpecialData, only: &[SpecialCategory]) -> (Store, PartyId) {
    let mut store = Store::in_memory().unwrap();
    let service =
        store.insert_service(&ServiceFields { name: SERVICE.into(), ..Default::default() }).unwrap();
    let trust = store.insert_party(&PartyFields::new(TRUST, PartyKind::PublicAuthority)).unwrap();
    let mut activity = ActivityFields::new(service, "Care and support needs assessments");
    activity.special_categories =
        BTreeSet::from([SpecialCategory::Health, SpecialCategory::ReligiousOrPhilosophicalBeliefs]);
    activity.personal_data = vec!["Care needs".into(), "Hospital discharge details".into()];
    let mut link = LinkFields::new(trust.id, Direction::Recipient);
    link.data_categories = vec!["Care needs".into(), "Hospital discharge details".into()];
    link.special_data = answer;
    link.special_categories = only.iter().copied().collect();
    store.insert_activity(&activity, &[LinkDraft { id: None, fields: link }]).unwrap();
    (store, trust.id)
}

/// The links CSV as written, parsed: one map of heading to cell per row.
fn links_csv(register: &Register) -> Vec<BTreeMap<String, String>> {
    let mut bytes = Vec::new();
    export::write(register, Format::LinksCsv, &options(), &mut bytes, &mut NoProgress).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headings: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|record| headings.iter().cloned().zip(record.unwrap().iter().map(String::from)).collect())
        .collect()
}

fn specials(titles: &str) -> BTreeSet<String> {
    titles.split(';').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect()
}

fn titles(categories: &BTreeSet<SpecialCategory>) -> BTreeSet<String> {
    categories.iter().map(|c| c.title().to_string()).collect()
}

#[test]
fn a_link_recording_the_data_passed_still_carries_the_activitys_special_categories() {
    let (mut store, trust) = care_register(SpecialData::AsActivity, &[]);
    let register = store.load_register().unwrap();
    let expected =
        titles(&BTreeSet::from([SpecialCategory::Health, SpecialCategory::ReligiousOrPhilosophicalBeliefs]));

    let recipients = special_category_recipients(&register);
    assert_eq!(recipients.len(), 1, "the trust receives special category data");
    assert_eq!(titles(&recipients[0].special_categories), expected);
    assert_eq!(recipients[0].party, TRUST);

    let csv = links_csv(&register);
    assert_eq!(csv.len(), 1);
    assert_eq!(csv[0]["Data passed"], "Care needs; Hospital discharge details");
    assert_eq!(specials(&csv[0]["Special category data"]), expected);

    let graph = FlowGraph::build(&register, Scope::Register);
    let flow = graph.flows().next().unwrap();
    assert!(flow.passes.has_special());
    assert!(flow.passes.describe().contains("Health"), "{}", flow.passes.describe());
    let svg = ropa::flows::render_svg(&register, Scope::Register);
    assert!(svg.contains(ropa::flows::svg::SPECIAL), "the map draws the flow as special category data");

    let view = PartyView::build(&register, trust).unwrap();
    assert_eq!(titles(&view.receives[0].special_categories), expected);
}

#[test]
fn a_link_can_narrow_to_some_categories_or_say_none_passes() {
    let (mut store, _) = care_register(SpecialData::Only, &[SpecialCategory::Health]);
    let register = store.load_register().unwrap();
    assert_eq!(register.links[0].fields.special_data, SpecialData::Only, "the answer is stored");
    let rows = special_category_recipients(&register);
    assert_eq!(titles(&rows[0].special_categories), titles(&BTreeSet::from([SpecialCategory::Health])));
    assert!(rows[0].stated_on_link);
    assert_eq!(specials(&links_csv(&register)[0]["Special category data"]), ["Health".to_string()].into());

    let (mut store, _) = care_register(SpecialData::None, &[]);
    let register = store.load_register().unwrap();
    assert_eq!(register.links[0].fields.special_data, SpecialData::None);
    assert!(special_category_recipients(&register).is_empty(), "none passes, said explicitly");
    let csv = links_csv(&register);
    assert_eq!(csv[0]["Special category data"], "");
    assert_eq!(csv[0]["Criminal offence data"], "No");
    let graph = FlowGraph::build(&register, Scope::Register);
    assert!(!graph.flows().next().unwrap().passes.has_special());
}

#[test]
fn the_answer_survives_the_full_csv_and_json_round_trips() {
    for answer in SpecialData::ALL.iter().copied() {
        let only: &[SpecialCategory] =
            if answer == SpecialData::Only { &[SpecialCategory::Health] } else { &[] };
        let (mut store, _) = care_register(answer, only);
        let register = store.load_register().unwrap();
        let mut bytes = Vec::new();
        export::write(&register, Format::FullCsv, &options(), &mut bytes, &mut NoProgress).unwrap();
        let back = ropa::export::full_csv::read(bytes.as_slice()).unwrap();
        assert_eq!(back.links[0].fields.special_data, answer, "full CSV");
        let mut bytes = Vec::new();
        export::write(&register, Format::Json, &options(), &mut bytes, &mut NoProgress).unwrap();
        let json = String::from_utf8(bytes).unwrap();
        assert!(json.contains(&format!("\"special_data\": \"{}\"", answer.code())), "JSON says {answer:?}");
    }
}

#[test]
fn a_full_csv_written_before_the_answer_existed_reads_as_the_migration_infers() {
    let (mut store, _) = care_register(SpecialData::Only, &[SpecialCategory::Health]);
    let register = store.load_register().unwrap();
    let mut bytes = Vec::new();
    export::write(&register, Format::FullCsv, &options(), &mut bytes, &mut NoProgress).unwrap();
    // Drop the special_data column, as an older release wrote the file.
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let keep: Vec<usize> = (0..headers.len()).filter(|&i| &headers[i] != "special_data").collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(keep.iter().map(|&i| &headers[i])).unwrap();
    for record in reader.records() {
        let record = record.unwrap();
        writer.write_record(keep.iter().map(|&i| record.get(i).unwrap_or(""))).unwrap();
    }
    let old = writer.into_inner().unwrap();
    let back = ropa::export::full_csv::read(old.as_slice()).unwrap();
    assert_eq!(back.links[0].fields.special_data, SpecialData::Only, "a link listing categories keeps them");
}

/// For every link: what the links CSV row says passes, keyed by the link's id.
fn csv_passes(register: &Register) -> BTreeMap<LinkId, (String, BTreeSet<String>, String)> {
    let rows = links_csv(register);
    assert_eq!(rows.len(), register.links.len(), "one CSV row per link, in the record's order");
    register
        .links_in_record_order()
        .into_iter()
        .zip(rows)
        .map(|(link, row)| {
            let passes = (
                row["Data passed"].clone(),
                specials(&row["Special category data"]),
                row["Criminal offence data"].clone(),
            );
            (link.id, passes)
        })
        .collect()
}

/// Every ready question's rows, with the question's name.
fn every_question(register: &Register) -> Vec<(String, Vec<FlowRow>)> {
    let mut questions = vec![
        ("all links".to_string(), flow_rows(register)),
        ("special category recipients".to_string(), special_category_recipients(register)),
        ("links without agreement".to_string(), links_without_agreement(register)),
        ("internal feeds".to_string(), internal_feeds(register)),
        (
            "filter: any special category".to_string(),
            filter_rows(register, &FlowFilter { any_special_category: true, ..Default::default() }),
        ),
    ];
    for party in &register.parties {
        questions.push((format!("party {}", party.fields.name), party_flows(register, party.id)));
        if let Ok(view) = PartyView::build(register, party.id) {
            questions
                .push((format!("party view {}", party.fields.name), [view.sends, view.receives].concat()));
        }
    }
    for &category in SpecialCategory::ALL {
        let filter = FlowFilter { special_category: Some(category), ..Default::default() };
        questions.push((format!("filter {}", category.title()), filter_rows(register, &filter)));
    }
    questions
}

fn assert_links_csv_and_questions_agree(register: &Register) {
    let csv = csv_passes(register);
    let mut compared = 0;
    for (question, rows) in every_question(register) {
        for row in rows {
            let cells = row.cells();
            let (data, special, criminal) = &csv[&row.link_id];
            let heading = |name: &str| FlowRow::HEADINGS.iter().position(|h| *h == name).unwrap();
            assert_eq!(&cells[heading("Data passed")], data, "{question}: link {}", row.link_id);
            assert_eq!(
                &specials(&cells[heading("Special category data")]),
                special,
                "{question}: link {}",
                row.link_id
            );
            assert_eq!(
                &cells[heading("Criminal offence data")],
                criminal,
                "{question}: link {}",
                row.link_id
            );
            compared += 1;
        }
    }
    // The map says the same of every flow.
    let graph = FlowGraph::build(register, Scope::Register);
    for flow in graph.flows() {
        let (_, special, criminal) = &csv[&flow.link_id];
        assert_eq!(&titles(&flow.passes.special_categories), special, "map: link {}", flow.link_id);
        assert_eq!(if flow.passes.criminal_offence_data { "Yes" } else { "No" }, criminal);
        compared += 1;
    }
    assert!(compared > register.links.len(), "{compared} rows compared");
}

#[test]
fn links_csv_and_every_question_agree_row_by_row_on_the_demo() {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    assert_links_csv_and_questions_agree(&register);
    // The demo's links record the data passed and say nothing narrower, so the
    // special category data of the activities reaches their recipients.
    assert!(special_category_recipients(&register).iter().any(|row| row.party == "NHS"));
}

#[test]
fn links_csv_and_every_question_agree_row_by_row_on_a_generated_register() {
    let mut store = Store::in_memory().unwrap();
    ropa::generate::generate(&mut store, ropa::generate::Spec { activities: 120, seed: 16 }).unwrap();
    let register = store.load_register().unwrap();
    let answers: BTreeSet<SpecialData> = register.links.iter().map(|l| l.fields.special_data).collect();
    assert_eq!(answers.len(), 3, "the generated register uses all three answers");
    assert_links_csv_and_questions_agree(&register);
}

#[test]
fn the_version_1_fixture_migrates_each_link_to_the_answer_its_lists_imply() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/register-v1.ropa");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ropa");
    std::fs::copy(&fixture, &path).unwrap();
    // What version 1 says of each link, read before the migration.
    let before: BTreeMap<i64, (bool, usize)> = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT l.id, l.criminal_offence_data,
                        (SELECT count(*) FROM link_data_category c WHERE c.link_id = l.id)
                        + 100000 * (SELECT count(*) FROM link_special_category s WHERE s.link_id = l.id)
                 FROM link l",
            )
            .unwrap();
        stmt.query_map([], |row| Ok((row.get(0)?, (row.get(1)?, row.get::<_, i64>(2)? as usize))))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert!(!before.is_empty(), "the fixture has links");
    let register = Store::open(&path).unwrap().load_register().unwrap();
    assert_eq!(register.links.len(), before.len(), "no link lost");
    let mut answers = BTreeSet::new();
    for link in &register.links {
        let (criminal, counts) = before[&link.id.0];
        let (specials, data) = (counts / 100000, counts % 100000);
        assert_eq!(link.fields.data_categories.len(), data, "link {} keeps its data passed", link.id);
        assert_eq!(link.fields.special_categories.len(), specials, "link {} keeps its categories", link.id);
        assert_eq!(link.fields.criminal_offence_data, criminal);
        let expected = if specials > 0 || criminal { SpecialData::Only } else { SpecialData::AsActivity };
        assert_eq!(link.fields.special_data, expected, "link {}", link.id);
        answers.insert(link.fields.special_data);
    }
    assert!(answers.contains(&SpecialData::AsActivity));
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, ropa::store::SCHEMA_VERSION);
}
