//! The findings CSV, the JSON and flow-map exports, and as-at exports: each is
//! written through the same entry point as `ropa export` and read back.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod export_support;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ropa::Store;
use ropa::checks::{self, Settings};
use ropa::export::findings_csv::{COMPLETENESS_HEADINGS, COMPLETENESS_TITLE, HEADINGS};
use ropa::export::{self, Format, NoProgress, Options};
use ropa::file_commands::{self, ExportRequest};
use ropa::model::{Date, LinkDraft};
use time::macros::{date, datetime};

const AT: time::OffsetDateTime = datetime!(2026-11-22 21:35 UTC);

fn options(bom: bool) -> Options {
    Options { bom, generated_at: AT }
}

/// The fixture written to a register file, with the first finding acknowledged.
fn fixture_file(dir: &Path) -> (PathBuf, checks::Finding) {
    let path = dir.join("register.db");
    let mut store = Store::create(&path).unwrap();
    store.batch(export_support::populate).unwrap();
    let register = store.load_register().unwrap();
    let report = checks::run(&register, &[], Settings::new(AT.date()));
    let first = report.findings.first().expect("the fixture has findings").clone();
    store.acknowledge(&first.key(), "Aoife O’Brien", date!(2026 - 11 - 20), "=Accepted by the SIRO").unwrap();
    (path, first)
}

fn export(db: &Path, request: &ExportRequest, options: &Options, out: &Path) -> Vec<u8> {
    file_commands::export_request_file(db, request, options, out, &mut NoProgress).unwrap();
    std::fs::read(out).unwrap()
}

/// Line feeds not preceded by a carriage return, outside quoted cells (a cell
/// may hold line breaks of its own).
fn bare_line_feeds_outside_cells(text: &str) -> usize {
    let (mut quoted, mut previous, mut count) = (false, '\0', 0);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted && previous != '\r' => count += 1,
            _ => {}
        }
        previous = c;
    }
    count
}

fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn findings_csv_lists_every_finding_with_acknowledgements_then_completeness() {
    let dir = tempfile::tempdir().unwrap();
    let (db, acknowledged) = fixture_file(dir.path());
    let out = dir.path().join("findings.csv");
    let bytes = export(&db, &ExportRequest::new(Format::FindingsCsv), &options(false), &out);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(!text.starts_with('\u{feff}'));
    assert_eq!(bare_line_feeds_outside_cells(&text), 0, "every record ends CRLF");

    let mut store = Store::open(&db).unwrap();
    let register = store.load_register().unwrap();
    let expected = checks::run(&register, &store.acknowledgements().unwrap(), Settings::new(AT.date()));
    let rows = records(&bytes);
    assert_eq!(rows[0], HEADINGS);
    let title = rows.iter().position(|r| r == &[COMPLETENESS_TITLE]).expect("completeness title row");
    let findings = &rows[1..title];
    assert_eq!(findings.len(), expected.findings.len());
    for (row, finding) in findings.iter().zip(&expected.findings) {
        assert_eq!(row[4], finding.rule.0);
        assert_eq!(row[2], finding.severity.code());
        assert_eq!(row[8], finding.message.trim_start_matches('\''));
        assert_eq!(row[6], finding.rule_info().unwrap().citation);
    }
    let acked: Vec<_> = findings.iter().filter(|r| r[3] == "Acknowledged").collect();
    assert_eq!(acked.len(), 1, "one finding was acknowledged");
    assert_eq!(acked[0][4], acknowledged.rule.0);
    assert_eq!(acked[0][10], "Aoife O’Brien");
    assert_eq!(acked[0][11], "2026-11-20");
    assert_eq!(acked[0][12], "'=Accepted by the SIRO", "cells are neutralised");
    assert!(findings.iter().filter(|r| r[3] == "Open").all(|r| r[10].is_empty() && r[12].is_empty()));

    assert_eq!(rows[title + 1], COMPLETENESS_HEADINGS);
    let scores = &rows[title + 2..];
    assert_eq!(scores.len(), register.services.len());
    for (row, score) in scores.iter().zip(&expected.completeness) {
        assert_eq!(row[0], score.service_name);
        assert_eq!(row[4], score.percent().to_string());
    }
}

#[test]
fn findings_csv_bom_and_service_scope() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = fixture_file(dir.path());
    let out = dir.path().join("findings.csv");
    let request =
        ExportRequest { service: Some("early help".into()), ..ExportRequest::new(Format::FindingsCsv) };
    let bytes = export(&db, &request, &options(true), &out);
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let rows = records(&bytes[3..]);
    let title = rows.iter().position(|r| r == &[COMPLETENESS_TITLE]).unwrap();
    assert!(title > 1, "Early Help has findings");
    for row in &rows[1..title] {
        // Findings about the whole organisation (its profile, its asset
        // register narrowed to the service's assets) stay in the service's file.
        assert!(
            row[0] == "Early Help"
                || row[0] == export::findings_csv::AGREEMENTS
                || row[0] == "(organisation)",
            "{row:?}"
        );
    }
}

#[test]
fn json_export_reads_back_as_the_same_register() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = fixture_file(dir.path());
    let out = dir.path().join("register.json");
    let bytes = export(&db, &ExportRequest::new(Format::Json), &options(false), &out);
    let read = ropa::import::json::from_json(&bytes, "register.json").unwrap();
    let register = Store::open(&db).unwrap().load_register().unwrap();
    assert_eq!(ropa::import::json::to_json(&read).unwrap(), ropa::import::json::to_json(&register).unwrap());
    assert_eq!(read.activities.len(), register.activities.len());
}

#[test]
fn flow_svg_export_honours_service_and_party() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = fixture_file(dir.path());
    let register = Store::open(&db).unwrap().load_register().unwrap();
    let out = dir.path().join("map.svg");
    let whole =
        String::from_utf8(export(&db, &ExportRequest::new(Format::FlowSvg), &options(false), &out)).unwrap();
    assert!(whole.contains("Whole register"));
    for party in &register.parties {
        assert!(
            whole.contains(&ropa::flows::svg::escape(&party.fields.name))
                || party_unlinked(&register, party.id)
        );
    }
    let party = &register.parties[0];
    let request =
        ExportRequest { party: Some(party.fields.name.clone()), ..ExportRequest::new(Format::FlowSvg) };
    let one = String::from_utf8(export(&db, &request, &options(false), &out)).unwrap();
    assert!(one.contains(&ropa::flows::svg::escape(&format!("Party: {}", party.fields.name))), "{one}");
    let request = ExportRequest { service: Some("Early Help".into()), ..ExportRequest::new(Format::FlowSvg) };
    let service = String::from_utf8(export(&db, &request, &options(false), &out)).unwrap();
    assert!(service.contains("Service: Early Help"));
    assert!(!service.contains("Refugee Resettlement"), "another service's boxes are left out");

    let wrong =
        ExportRequest { party: Some(party.fields.name.clone()), ..ExportRequest::new(Format::IcoCsv) };
    assert!(file_commands::export_request_file(&db, &wrong, &options(false), &out, &mut NoProgress).is_err());
}

fn party_unlinked(register: &ropa::model::Register, id: ropa::model::PartyId) -> bool {
    !register.links.iter().any(|l| l.fields.party_id == id)
}

/// Formats whose as-at export must equal the export made that day, byte for byte
/// (the PDF is compared by its text in `export_pdf.rs`: printpdf gives each file a new id).
const AS_AT_FORMATS: [Format; 6] =
    [Format::IcoCsv, Format::LinksCsv, Format::FullCsv, Format::FindingsCsv, Format::Json, Format::FlowSvg];

#[test]
fn as_at_export_equals_the_export_made_that_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.db");
    let mut store = Store::create(&db).unwrap();
    let now = Arc::new(Mutex::new(datetime!(2025-03-01 09:00 UTC)));
    let clock = now.clone();
    store.set_clock(move || *clock.lock().unwrap());
    ropa::demo::populate(&mut store).unwrap();
    let day_one = Options { bom: false, generated_at: datetime!(2025-03-01 17:00 UTC) };
    let taken: Vec<Vec<u8>> = AS_AT_FORMATS
        .iter()
        .map(|&format| export(&db, &ExportRequest::new(format), &day_one, &dir.path().join("then")))
        .collect();

    *now.lock().unwrap() = datetime!(2025-03-02 10:00 UTC);
    let register = store.load_register().unwrap();
    let activity = register.activities[0].clone();
    let mut edited = activity.fields.clone();
    edited.name = format!("{} (renamed on day two)", edited.name);
    let links: Vec<LinkDraft> = register
        .links
        .iter()
        .filter(|l| l.activity_id == activity.id)
        .skip(1)
        .map(|l| LinkDraft { id: Some(l.id), fields: l.fields.clone() })
        .collect();
    store.update_activity(activity.id, activity.version, &edited, &links).unwrap();
    let finding = checks::run(&register, &[], Settings::new(date!(2025 - 03 - 02))).findings[0].clone();
    store.acknowledge(&finding.key(), "IG officer", date!(2025 - 03 - 02), "accepted").unwrap();
    *now.lock().unwrap() = datetime!(2025-03-03 10:00 UTC);
    let doomed = store.load_register().unwrap().activities[1].id;
    store.delete_activity(doomed).unwrap();
    drop(store);

    let later = Options { bom: false, generated_at: datetime!(2025-03-05 12:00 UTC) };
    for (format, then) in AS_AT_FORMATS.iter().zip(&taken) {
        let request = ExportRequest { as_at: Some(date!(2025 - 03 - 01)), ..ExportRequest::new(*format) };
        let as_at = export(&db, &request, &day_one, &dir.path().join("as-at"));
        assert!(as_at == *then, "{format:?} as at day one differs from the export made that day");
        let current = export(&db, &ExportRequest::new(*format), &later, &dir.path().join("now"));
        assert!(current != *then, "{format:?}: the edits must change the current export");
    }
}

#[test]
fn as_at_before_the_register_existed_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = fixture_file(dir.path());
    let out = dir.path().join("old.json");
    let early: Date = date!(2000 - 01 - 01);
    let request = ExportRequest { as_at: Some(early), ..ExportRequest::new(Format::Json) };
    let read =
        ropa::import::json::from_json(&export(&db, &request, &options(false), &out), "old.json").unwrap();
    assert!(read.activities.is_empty() && read.services.is_empty(), "{read:?}");
}

fn ropa(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).output().unwrap()
}

/// The new formats and options through the real command line.
#[test]
fn ropa_export_writes_the_new_formats_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db_arg = db.to_str().unwrap();
    assert!(ropa(&["demo", "--out", db_arg]).status.success());
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let cases: [(&str, &[&str], &str); 4] = [
        ("findings-csv", &["--as-at", &today], COMPLETENESS_TITLE),
        ("json", &[], "\"activities\""),
        ("flow-svg", &["--party", "Home Office"], "Party: Home Office"),
        ("flow-svg", &["--service", "Sefton@work"], "Service: Sefton@work"),
    ];
    for (format, extra, expected) in cases {
        let out = dir.path().join(format!("out.{format}"));
        let mut args = vec!["export", "--db", db_arg, "--format", format, "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        let output = ropa(&args);
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.contains(expected), "{format} {extra:?} lacks {expected:?}");
    }
    let refused =
        ropa(&["export", "--db", db_arg, "--format", "ico-csv", "--party", "Home Office", "--out", "x.csv"]);
    assert!(!refused.status.success(), "--party is for the flow map only");
    let pdf = dir.path().join("notice.pdf");
    let notice = ropa(&[
        "notice",
        "--db",
        db_arg,
        "--service",
        "Sefton@work",
        "--format",
        "pdf",
        "--out",
        pdf.to_str().unwrap(),
        "--override",
    ]);
    assert!(notice.status.success(), "{}", String::from_utf8_lossy(&notice.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

/// The demo register in a file, with its report as `ropa export` makes it.
fn demo_file(dir: &Path) -> (PathBuf, checks::Report) {
    let path = dir.join("demo.ropa");
    let mut store = Store::create(&path).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let report = checks::check(&store.snapshot().unwrap(), AT.date(), 30);
    (path, report)
}

#[test]
fn a_grouped_finding_lists_every_party_in_the_csv_and_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let (db, report) = demo_file(dir.path());
    let grouped = report
        .findings
        .iter()
        .find(|f| f.rule.0 == "recipient-no-agreement" && f.concerns.len() > 2)
        .expect("a finding listing several recipients");
    let labels: Vec<&str> = grouped.concerns.iter().map(|c| c.label.as_str()).collect();

    let out = dir.path().join("findings.csv");
    let rows = records(&export(&db, &ExportRequest::new(Format::FindingsCsv), &options(false), &out));
    let concerns = HEADINGS.iter().position(|h| *h == "Concerns").unwrap();
    let row =
        rows.iter().find(|r| r.get(8).is_some_and(|m| *m == grouped.message)).expect("the finding's row");
    assert_eq!(row[concerns].split('\n').collect::<Vec<_>>(), labels);
    let of_rule = rows.iter().filter(|r| r.get(4).is_some_and(|id| id == "recipient-no-agreement")).count();
    assert_eq!(of_rule, report.findings.iter().filter(|f| f.rule.0 == "recipient-no-agreement").count());

    let pdf = dir.path().join("report.pdf");
    export(&db, &ExportRequest::new(Format::Pdf), &options(false), &pdf);
    let output = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap().replace('\n', " ");
    assert!(text.contains("Findings by rule"), "counts by rule in the overview");
    assert!(text.contains(&format!("Concerns ({}):", labels.len())), "the concerns listed with the finding");
    for label in labels {
        assert!(text.contains(label), "{label} in the PDF");
    }
}
