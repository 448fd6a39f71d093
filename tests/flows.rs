#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The flows core on the demo register: the ready questions, the party view, the
//! flow graph, the SVG map and the `ropa flows` writer.

use std::collections::BTreeSet;

use ropa::Store;
use ropa::flows::graph::{Column, EdgeKind, FlowGraph, NodeKind, Scope};
use ropa::flows::party_view::PartyView;
use ropa::flows::questions::*;
use ropa::law::SpecialCategory;
use ropa::model::{
    ActivityFields, Direction, LinkDraft, LinkFields, PartyFields, PartyId, PartyKind, Register,
    ServiceFields, parse_date,
};

fn demo() -> Register {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    store.load_register().unwrap()
}

fn party(register: &Register, name: &str) -> PartyId {
    register.parties.iter().find(|p| p.fields.name == name).unwrap().id
}

fn pairs(rows: &[FlowRow]) -> BTreeSet<(String, String)> {
    rows.iter().map(|r| (r.service.clone(), r.party.clone())).collect()
}

const EARLY_HELP: &str = "Early Help";
const PRI: &str = "Performance, Research and Intelligence";
const GMP: &str = "Greater Manchester Police";

#[test]
fn greater_manchester_police_is_source_and_recipient_of_early_help() {
    let register = demo();
    let rows = party_flows(&register, party(&register, GMP));
    let seen: BTreeSet<(String, Direction)> = rows.iter().map(|r| (r.service.clone(), r.direction)).collect();
    let expected: BTreeSet<(String, Direction)> =
        [(EARLY_HELP.to_string(), Direction::Source), (EARLY_HELP.to_string(), Direction::Recipient)].into();
    assert_eq!(seen, expected);
    assert!(rows.iter().all(|r| r.party == GMP && r.party_kind == PartyKind::PublicAuthority));
}

#[test]
fn pri_receives_from_the_internal_services_its_notice_lists() {
    let register = demo();
    let feeds: BTreeSet<String> =
        internal_feeds(&register).into_iter().filter(|r| r.service == PRI).map(|r| r.party).collect();
    let notice: BTreeSet<String> = [
        "Children and Families",
        "Adult Social Care",
        "Education",
        "Elections",
        "Human Resources",
        "Revenues and Benefits",
        "Housing",
    ]
    .map(String::from)
    .into();
    assert_eq!(feeds, notice);
    // Every internal feed is a source naming an internal service.
    for row in internal_feeds(&register) {
        assert_eq!(row.direction, Direction::Source);
        assert_eq!(row.party_kind, PartyKind::InternalService);
    }
}

#[test]
fn special_category_recipients_are_recipients_passing_special_category_data() {
    let register = demo();
    let rows = special_category_recipients(&register);
    assert!(rows.iter().all(|r| r.direction == Direction::Recipient && !r.special_categories.is_empty()));
    let found = pairs(&rows);
    // PRI's activity holds health data and its links say nothing, so NHS may receive it.
    assert!(found.contains(&(PRI.to_string(), "NHS".to_string())));
    let nhs = rows.iter().find(|r| r.service == PRI && r.party == "NHS").unwrap();
    assert!(nhs.special_categories.contains(&SpecialCategory::Health));
    assert!(!nhs.stated_on_link);
    assert!(found.contains(&(EARLY_HELP.to_string(), GMP.to_string())));
    // The ONS evaluation processes no special category data: none of its recipients appear.
    assert!(!rows.iter().any(|r| r.activity.starts_with("National evaluation")));
    // Sources never appear.
    assert!(!rows.iter().any(|r| r.party == "Welfare Call"));
}

#[test]
fn links_without_agreement_are_outside_bodies_with_no_agreement() {
    let register = demo();
    let rows = links_without_agreement(&register);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.needs_agreement && r.agreement_id.is_none() && r.agreement.is_empty()));
    let parties: BTreeSet<&str> = rows.iter().map(|r| r.party.as_str()).collect();
    assert!(parties.contains(GMP));
    assert!(parties.contains("Welfare Call"));
    // Ecorys and UKRA are covered by the funder's data sharing agreement.
    assert!(!parties.contains("Ecorys"));
    assert!(!parties.contains("UK Responsible Authority (UKRA)"));
    // Internal services and the individuals need no agreement.
    assert!(!parties.contains("Education"));
    assert!(!parties.contains("The individuals themselves"));
    let all = flow_rows(&register);
    let expected = all.iter().filter(|r| r.party_kind.is_external() && r.agreement_id.is_none()).count();
    assert_eq!(rows.len(), expected);
}

#[test]
fn transfers_outside_the_uk_list_activity_transfers_and_non_uk_recipients() {
    let register = demo();
    let rows = transfers_outside_uk(&register);
    let routes: Vec<(&str, bool)> = rows
        .iter()
        .map(|r| (r.destination.as_str(), matches!(r.route, TransferRoute::ActivityTransfer { .. })))
        .collect();
    assert_eq!(routes, vec![("United States", true), ("United States (Google (Google Analytics))", false)]);
    assert!(rows.iter().all(|r| r.activity.starts_with("Project website")));
}

#[test]
fn agreements_expiring_within_n_days_of_today() {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let agreements = store.agreements().unwrap();
    let (first, second) = (&agreements[0], &agreements[1]);
    let mut fields = first.fields.clone();
    fields.end = parse_date("2026-01-31");
    store.update_agreement(first.id, first.version, &fields).unwrap();
    let mut fields = second.fields.clone();
    fields.end = parse_date("2026-06-30");
    store.update_agreement(second.id, second.version, &fields).unwrap();
    let register = store.load_register().unwrap();
    let today = parse_date("2026-01-01").unwrap();
    let soon = agreements_expiring(&register, today, 30);
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0].agreement_id, first.id);
    assert_eq!(soon[0].days_left, 30);
    assert_eq!(soon[0].parties.len(), 3);
    assert!(soon[0].links > 0, "links relying on the funder's agreement are counted");
    let titles: Vec<_> =
        agreements_expiring(&register, today, 365).into_iter().map(|a| a.agreement_id).collect();
    assert_eq!(titles, vec![first.id, second.id], "soonest first");
    assert!(
        agreements_expiring(&register, parse_date("2026-02-01").unwrap(), 10).is_empty(),
        "ended ones are not expiring"
    );
    assert!(agreements_expiring(&register, today, 29).is_empty());
}

#[test]
fn ad_hoc_filters_combine() {
    let register = demo();
    let early_help = register.services.iter().find(|s| s.fields.name == EARLY_HELP).unwrap().id;
    let check = |filter: FlowFilter, expected: &dyn Fn(&FlowRow) -> bool| {
        let rows = filter_rows(&register, &filter);
        let all = flow_rows(&register);
        let want: Vec<_> = all.iter().filter(|r| expected(r)).map(|r| r.link_id).collect();
        assert!(!want.is_empty(), "{filter:?} should match something in the demo");
        assert_eq!(rows.iter().map(|r| r.link_id).collect::<Vec<_>>(), want, "{filter:?}");
    };
    check(
        FlowFilter { service: Some(early_help), direction: Some(Direction::Source), ..Default::default() },
        &|r| r.service == EARLY_HELP && r.direction == Direction::Source,
    );
    check(FlowFilter { special_category: Some(SpecialCategory::Health), ..Default::default() }, &|r| {
        r.special_categories.contains(&SpecialCategory::Health)
    });
    check(FlowFilter { party: Some(party(&register, "NHS")), ..Default::default() }, &|r| r.party == "NHS");
    let with_categories = flow_rows(&register).into_iter().find(|r| !r.data_categories.is_empty()).unwrap();
    let word = with_categories.data_categories[0].to_uppercase();
    check(FlowFilter { data_category: Some(word.clone()), ..Default::default() }, &|r| {
        r.data_categories.iter().any(|c| c.to_uppercase().contains(&word))
    });
    assert_eq!(filter_rows(&register, &FlowFilter::default()).len(), register.links.len());
}

#[test]
fn party_view_lists_what_a_party_sends_and_receives_with_agreements() {
    let register = demo();
    let view = PartyView::build(&register, party(&register, GMP)).unwrap();
    assert_eq!(view.sends.len(), 1);
    assert_eq!(view.receives.len(), 1);
    assert_eq!(view.services, vec![EARLY_HELP.to_string()]);
    assert_eq!(view.links_without_agreement, 2);
    assert!(view.agreements.is_empty());
    let ecorys = PartyView::build(&register, party(&register, "Ecorys")).unwrap();
    assert_eq!(ecorys.agreements.len(), 1);
    assert!(ecorys.agreements[0].names_party);
    assert!(ecorys.agreements[0].links_covered >= 1);
    assert_eq!(ecorys.links_without_agreement, 0);
    assert!(PartyView::build(&register, PartyId(999_999)).is_err());
}

#[test]
fn graph_places_parties_by_direction_and_internal_services_in_the_middle() {
    let register = demo();
    let graph = FlowGraph::build(&register, Scope::Register);
    let columns_of = |name: &str| -> BTreeSet<Column> {
        graph.nodes.iter().filter(|n| n.label == name).map(|n| n.column).collect()
    };
    assert_eq!(columns_of(GMP), [Column::Sources, Column::Recipients].into());
    assert_eq!(columns_of("Welfare Call"), [Column::Sources].into());
    // The Early Help party stands for the Early Help service: one node, the service.
    assert_eq!(columns_of(EARLY_HELP), [Column::Services].into());
    let eh = graph.nodes.iter().find(|n| n.label == EARLY_HELP).unwrap();
    assert!(
        matches!(&eh.kind, NodeKind::Service { parties, .. } if parties == &vec![party(&register, EARLY_HELP)])
    );
    // An internal service with no register service that sends and receives sits in the middle once.
    assert_eq!(columns_of("Social Care services"), [Column::Services].into());
    assert_eq!(graph.flows().count(), register.links.len());
    for edge in &graph.edges {
        if let EdgeKind::Flow(flow) = &edge.kind {
            let (data_from, data_to) = (&graph.nodes[edge.from], &graph.nodes[edge.to]);
            match flow.direction {
                Direction::Source => {
                    assert!(matches!(data_to.kind, NodeKind::Activity(id) if id == flow.activity_id))
                }
                Direction::Recipient => {
                    assert!(matches!(data_from.kind, NodeKind::Activity(id) if id == flow.activity_id))
                }
            }
        }
    }
}

#[test]
fn party_and_service_scopes_keep_only_their_links() {
    let register = demo();
    let gmp = party(&register, GMP);
    let graph = FlowGraph::build(&register, Scope::Party(gmp));
    assert_eq!(graph.flows().count(), 2);
    assert!(graph.flows().all(|f| f.party_id == gmp));
    // A click on the activity lists its service line and both links.
    let activity = graph.nodes.iter().position(|n| matches!(n.kind, NodeKind::Activity(_))).unwrap();
    assert_eq!(graph.edges_at(activity).len(), 3);
    assert_eq!(graph.nodes_of_party(gmp).len(), 2);
    let pri = register.services.iter().find(|s| s.fields.name == PRI).unwrap().id;
    let graph = FlowGraph::build(&register, Scope::Service(pri));
    let pri_links = flow_rows(&register).into_iter().filter(|r| r.service == PRI).count();
    assert_eq!(graph.flows().count(), pri_links);
    assert!(graph.nodes.iter().all(|n| n.label != EARLY_HELP));
}

fn parse_xml(svg: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut texts = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("SVG is not well-formed XML: {e}")) {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Text(text) => texts.push(text.decode().unwrap().into_owned()),
            Event::GeneralRef(r) => texts.push(format!("&{};", String::from_utf8_lossy(&r))),
            Event::Eof => break,
            _ => {}
        }
        assert!(depth >= 0);
    }
    assert_eq!(depth, 0, "every element is closed");
    texts
}

#[test]
fn demo_svg_is_well_formed_with_title_legend_and_dashed_unagreed_links() {
    let register = demo();
    let svg = ropa::flows::render_svg(&register, Scope::Register);
    let texts = parse_xml(&svg).concat();
    assert!(texts.contains("Manchester City Council"));
    assert!(texts.contains("Whole register"));
    assert!(texts.contains("Legend"));
    assert!(texts.contains("Special category data (Art 9)"));
    let dashed = svg.lines().filter(|l| l.contains("data-link-id") && l.contains("stroke-dasharray")).count();
    assert_eq!(dashed, links_without_agreement(&register).len());
    let special =
        svg.lines().filter(|l| l.contains("data-link-id") && l.contains(ropa::flows::svg::SPECIAL)).count();
    assert!(special > 0);
    let gmp = ropa::flows::render_svg(&register, Scope::Party(party(&register, GMP)));
    assert!(parse_xml(&gmp).concat().contains("Party: Greater Manchester Police"));
}

#[test]
fn party_names_are_escaped_in_the_svg() {
    let mut store = Store::in_memory().unwrap();
    let name = r#"<script>&""#;
    let service =
        store.insert_service(&ServiceFields { name: "Svc & Co".into(), ..Default::default() }).unwrap();
    let p = store.insert_party(&PartyFields::new(name, PartyKind::PrivateCompany)).unwrap();
    let mut link = LinkFields::new(p.id, Direction::Recipient);
    link.special_categories.insert(SpecialCategory::Health);
    store
        .insert_activity(&ActivityFields::new(service, "Act <b>"), &[LinkDraft { id: None, fields: link }])
        .unwrap();
    let register = store.load_register().unwrap();
    let svg = ropa::flows::render_svg(&register, Scope::Register);
    assert!(!svg.contains("<script>"));
    assert!(!svg.contains("<b>"));
    assert!(svg.contains("&lt;script&gt;&amp;&quot;"));
    let texts = parse_xml(&svg).concat();
    assert!(texts.contains("&lt;") && texts.contains("script"), "{texts}");
}

#[test]
fn flows_command_writes_the_map_of_a_named_party() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut store = Store::create(&db).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    drop(store);
    let out = dir.path().join("map.svg");
    let (nodes, edges) = ropa::file_commands::write_flow_svg(
        &db,
        &out,
        None,
        Some("greater manchester police"),
        ropa::file_commands::WholeMap::Auto,
    )
    .unwrap();
    assert_eq!((nodes, edges), (4, 3));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(parse_xml(&svg).concat().contains("Party: Greater Manchester Police"));
    assert!(
        ropa::file_commands::write_flow_svg(
            &db,
            &out,
            Some("No such service"),
            None,
            ropa::file_commands::WholeMap::Auto
        )
        .is_err()
    );
    assert!(
        ropa::file_commands::write_flow_svg(
            &db,
            &out,
            Some("Early Help"),
            Some(GMP),
            ropa::file_commands::WholeMap::Auto
        )
        .is_err()
    );
}

#[test]
fn ropa_flows_command_writes_an_svg_and_refuses_an_unknown_service() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut store = Store::create(&db).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    drop(store);
    let out = dir.path().join("eh.svg");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
            .arg("flows")
            .arg("--db")
            .arg(&db)
            .arg("--out")
            .arg(&out)
            .args(args)
            .output()
            .unwrap()
    };
    let output = run(&["--service", "Early Help"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(parse_xml(&svg).concat().contains("Service: Early Help"));
    let output = run(&["--service", "Nope"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("service \"Nope\""));
    let output = run(&["--service", "Early Help", "--party", GMP]);
    assert!(!output.status.success(), "service and party together are refused");
}

#[test]
fn empty_registers_and_unknown_scopes_draw_an_empty_map_without_panicking() {
    let empty = Store::in_memory().unwrap().load_register().unwrap();
    let demo = demo();
    for (register, scope) in [
        (&empty, Scope::Register),
        (&demo, Scope::Party(PartyId(999_999))),
        (&demo, Scope::Service(ropa::model::ServiceId(999_999))),
    ] {
        let svg = ropa::flows::render_svg(register, scope);
        let texts = parse_xml(&svg).concat();
        assert!(texts.contains("Legend"));
        assert!(texts.contains("0 links"), "{texts}");
    }
}

/// Two services, three parties of two kinds: "Housing" has two activities, one
/// sending to the Home Office and the police (both public authorities) and
/// receiving from a processor; "Waste" has one activity sending to the processor.
fn small_register() -> Register {
    let mut store = Store::in_memory().unwrap();
    store
        .batch(|batch| {
            let housing =
                batch.insert_service(&ServiceFields { name: "Housing".into(), ..Default::default() })?;
            let waste =
                batch.insert_service(&ServiceFields { name: "Waste".into(), ..Default::default() })?;
            let home = batch.insert_party(&PartyFields::new("Home Office", PartyKind::PublicAuthority))?;
            let police = batch.insert_party(&PartyFields::new("Police", PartyKind::PublicAuthority))?;
            let capita = batch.insert_party(&PartyFields::new("Capita", PartyKind::Processor))?;
            let link = |party, direction| LinkDraft { id: None, fields: LinkFields::new(party, direction) };
            batch.insert_activity(
                &ActivityFields::new(housing, "Allocations"),
                &[
                    link(home, Direction::Recipient),
                    link(police, Direction::Recipient),
                    link(capita, Direction::Source),
                ],
            )?;
            batch.insert_activity(
                &ActivityFields::new(housing, "Repairs"),
                &[link(police, Direction::Recipient)],
            )?;
            batch.insert_activity(
                &ActivityFields::new(waste, "Collections"),
                &[link(capita, Direction::Recipient)],
            )?;
            Ok(())
        })
        .unwrap();
    store.load_register().unwrap()
}

fn node<'a>(graph: &'a FlowGraph, label: &str, column: Column) -> (usize, &'a ropa::flows::graph::Node) {
    graph.nodes.iter().enumerate().find(|(_, n)| n.label == label && n.column == column).unwrap()
}

fn bundle_links(graph: &FlowGraph, from: usize, to: usize) -> usize {
    graph
        .edges
        .iter()
        .filter(|e| e.from == from && e.to == to)
        .map(|e| match &e.kind {
            EdgeKind::Bundle(b) => b.links,
            other => panic!("the overview draws bundles only: {other:?}"),
        })
        .sum()
}

#[test]
fn the_overview_counts_activities_parties_and_links_by_service_and_kind() {
    let register = small_register();
    let graph = FlowGraph::build(&register, Scope::Overview);
    let (housing, h) = node(&graph, "Housing", Column::Services);
    assert!(matches!(h.kind, NodeKind::ServiceSummary { activities: 2, links: 4, .. }), "{h:?}");
    assert_eq!(h.detail, "2 activities · 4 links");
    let (waste, w) = node(&graph, "Waste", Column::Services);
    assert!(matches!(w.kind, NodeKind::ServiceSummary { activities: 1, links: 1, .. }), "{w:?}");
    let (authorities, a) = node(&graph, "Public authority", Column::Recipients);
    assert!(matches!(
        a.kind,
        NodeKind::PartyGroup { kind: PartyKind::PublicAuthority, parties: 2, links: 3 }
    ));
    assert_eq!(a.detail, "2 parties · 3 links");
    let (processor_in, _) = node(&graph, "Processor", Column::Sources);
    let (processor_out, p) = node(&graph, "Processor", Column::Recipients);
    assert!(matches!(p.kind, NodeKind::PartyGroup { parties: 1, links: 1, .. }));
    assert_eq!(
        bundle_links(&graph, housing, authorities),
        3,
        "two links to the police, one to the Home Office"
    );
    assert_eq!(bundle_links(&graph, processor_in, housing), 1);
    assert_eq!(bundle_links(&graph, waste, processor_out), 1);
    assert_eq!(graph.edges.len(), 3, "one line per service, kind and direction");
    assert_eq!(graph.link_count(), register.links.len());
    assert_eq!(graph.nodes.len(), 5, "two services, two kinds on the right, one on the left");
}

#[test]
fn expanding_a_kind_shows_its_parties_with_their_links() {
    let register = small_register();
    let expanded = [PartyKind::PublicAuthority].into();
    let graph = ropa::flows::overview::build(&register, &expanded);
    assert!(
        graph
            .nodes
            .iter()
            .all(|n| !matches!(n.kind, NodeKind::PartyGroup { kind: PartyKind::PublicAuthority, .. }))
    );
    let (housing, _) = node(&graph, "Housing", Column::Services);
    let (police, p) = node(&graph, "Police", Column::Recipients);
    assert!(matches!(p.kind, NodeKind::Party(id) if id == party(&register, "Police")));
    assert_eq!(p.detail, "Public authority · 2 links");
    let (home, _) = node(&graph, "Home Office", Column::Recipients);
    assert_eq!((bundle_links(&graph, housing, police), bundle_links(&graph, housing, home)), (2, 1));
    // The other kind stays grouped, and every link is still counted once.
    node(&graph, "Processor", Column::Sources);
    assert_eq!(graph.link_count(), register.links.len());
}

#[test]
fn the_demo_overview_counts_every_link_once_and_draws_as_svg() {
    let register = demo();
    let graph = FlowGraph::build(&register, Scope::Overview);
    assert_eq!(graph.link_count(), register.links.len());
    let activities: usize = graph
        .nodes
        .iter()
        .map(|n| match n.kind {
            NodeKind::ServiceSummary { activities, .. } => activities,
            _ => 0,
        })
        .sum();
    assert_eq!(activities, register.activities.len());
    assert_eq!(graph.nodes.iter().filter(|n| n.column == Column::Services).count(), register.services.len());
    // Each side's kinds count each party once and each of its links once.
    for column in [Column::Sources, Column::Recipients] {
        let direction = if column == Column::Sources { Direction::Source } else { Direction::Recipient };
        for kind in PartyKind::ALL {
            let links: Vec<_> = register
                .links
                .iter()
                .filter(|l| l.fields.direction == direction)
                .filter(|l| {
                    register.parties.iter().any(|p| p.id == l.fields.party_id && p.fields.kind == *kind)
                })
                .collect();
            let parties: BTreeSet<PartyId> = links.iter().map(|l| l.fields.party_id).collect();
            let box_ = graph.nodes.iter().find(|n| n.column == column && n.label == kind.label());
            match box_.map(|n| &n.kind) {
                Some(NodeKind::PartyGroup { parties: p, links: l, .. }) => {
                    assert_eq!((*p, *l), (parties.len(), links.len()), "{kind:?} {column:?}")
                }
                _ => assert!(links.is_empty(), "{kind:?} {column:?} has links but no box"),
            }
        }
    }
    // Expanding every kind draws every linked party, still each link once.
    let all: ropa::flows::overview::Expanded = PartyKind::ALL.iter().copied().collect();
    assert_eq!(ropa::flows::overview::build(&register, &all).link_count(), register.links.len());

    let svg = ropa::flows::svg::render_graph(&register, &graph);
    let text = parse_xml(&svg).concat();
    assert!(text.contains("Whole register, by service and kind of party"), "{text}");
    let drawn: usize = svg
        .split("<path ")
        .filter_map(|p| p.split("data-links=\"").nth(1))
        .map(|rest| rest.split('"').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(drawn, register.links.len(), "the lines' counts add up to every link");
}

#[test]
fn ropa_flows_draws_a_large_register_as_the_overview_unless_asked_for_every_link() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.ropa");
    let mut store = Store::create(&db).unwrap();
    ropa::generate::generate(&mut store, ropa::generate::Spec { activities: 200, seed: 7 }).unwrap();
    let links = store.load_register().unwrap().links.len();
    assert!(links > ropa::flows::FULL_MAP_MAX_LINKS, "{links}");
    drop(store);
    let out = dir.path().join("map.svg");
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
            .args(["flows", "--db"])
            .arg(&db)
            .arg("--out")
            .arg(&out)
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        std::fs::read_to_string(&out).unwrap()
    };
    let overview = run(&[]);
    assert!(overview.contains("data-party-kind=") && !overview.contains("data-link-id="));
    let full = run(&["--full"]);
    assert_eq!(full.matches("data-link-id=").count(), links, "--full draws every link");
}

/// Times the whole register's overview and full map on the register named by
/// `ROPA_FLOWS_TIMING` (e.g. one made by `ropa generate --activities 10000`):
/// `ROPA_FLOWS_TIMING=/tmp/g10k.ropa cargo test --test flows timing -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, run by hand on a generated register"]
fn timing_of_the_overview_and_the_full_map() {
    let Ok(path) = std::env::var("ROPA_FLOWS_TIMING") else { return };
    let register = Store::open_read(std::path::Path::new(&path)).unwrap().load_register().unwrap();
    let start = std::time::Instant::now();
    let graph = FlowGraph::build(&register, Scope::Overview);
    let built = start.elapsed();
    let laid = ropa::flows::svg::layout_graph(&graph);
    let labels = ropa::flows::svg::edge_labels(&graph, &laid);
    println!(
        "overview: {} boxes, {} lines, {} counts shown; build {:?}, build+layout {:?}",
        graph.nodes.len(),
        graph.edges.len(),
        labels.len(),
        built,
        start.elapsed()
    );
    let all: ropa::flows::overview::Expanded = [PartyKind::PublicAuthority].into();
    let start = std::time::Instant::now();
    let graph = ropa::flows::overview::build(&register, &all);
    let _ = ropa::flows::svg::layout_graph(&graph);
    println!(
        "overview, public authorities expanded: {} boxes, {} lines, {:?}",
        graph.nodes.len(),
        graph.edges.len(),
        start.elapsed()
    );
    let service = register.services[0].id;
    let start = std::time::Instant::now();
    let graph = FlowGraph::build(&register, Scope::Service(service));
    let _ = ropa::flows::svg::layout_graph(&graph);
    println!(
        "one service's full map: {} boxes, {} lines, {:?}",
        graph.nodes.len(),
        graph.edges.len(),
        start.elapsed()
    );
    if std::env::var("ROPA_FLOWS_TIMING_FULL").is_ok() {
        let start = std::time::Instant::now();
        let graph = FlowGraph::build(&register, Scope::Register);
        let _ = ropa::flows::svg::layout_graph(&graph);
        println!("full map: {} boxes, {} lines, {:?}", graph.nodes.len(), graph.edges.len(), start.elapsed());
    }
}
