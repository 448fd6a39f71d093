//! The PDF report: its text is real text (pdftotext recovers every activity,
//! heading, footer and non-ASCII string), and the layout keeps every item inside the
//! page with no two lines of text overlapping.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod export_support;

use std::path::Path;
use std::process::Command;

use export_support::{ACTIVITY_NAMES, TRICKY};
use ropa::export::pdf::report::{self, REGISTER_COLUMNS};
use ropa::export::{self, Format, NoProgress, Options};
use ropa::typeset::fonts::Fonts;
use ropa::typeset::{Geometry, Item, items_outside};

fn options() -> Options {
    Options { bom: false, generated_at: time::macros::datetime!(2026-11-22 21:35 UTC) }
}

/// Runs a poppler tool; fails (never skips) when it is not installed.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool).args(args).arg(pdf).arg("-").output().unwrap_or_else(|error| {
        panic!("{tool} is needed for this test ({error}); run scripts/test.sh, which installs poppler-utils")
    });
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn write_pdf(dir: &Path) -> std::path::PathBuf {
    let register = export_support::register();
    let path = dir.join("register.pdf");
    export::export_to_file(&register, &export::Scope::Whole, Format::Pdf, &options(), &path, &mut NoProgress)
        .unwrap();
    path
}

#[test]
fn pdftotext_recovers_names_headings_footers_and_non_ascii() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_pdf(dir.path());
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf);
    let pages = text.matches('\u{c}').count().max(1);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in ACTIVITY_NAMES {
        assert!(flat.contains(name), "activity {name:?} missing");
    }
    // A heading wrapped over two lines of its cell is split by -layout, which reads
    // across the row; -raw reads the text in drawing order, cell by cell.
    let raw = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf);
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    for (heading, _) in REGISTER_COLUMNS {
        assert!(raw.contains(heading), "register heading {heading:?} missing");
    }
    for heading in ropa::export::links_csv::HEADINGS {
        assert!(raw.contains(heading), "links heading {heading:?} missing");
    }
    // The information asset register, after the links.
    let assets = raw.rfind("Information assets Information asset").expect("the assets section and its table");
    for heading in ropa::export::xlsx::ASSET_HEADINGS {
        assert!(raw[assets..].contains(heading), "asset heading {heading:?} missing");
    }
    assert!(raw[assets..].contains("Liquidlogic EHM") && raw[assets..].contains("Paper files"));
    for heading in ropa::export::ico_csv::headings() {
        assert!(raw.contains(heading), "ICO heading {heading:?} missing from the detail pages");
    }
    for tricky in TRICKY {
        assert!(flat.contains(tricky), "{tricky:?} missing");
    }
    assert!(flat.contains(&format!("Page 1 of {pages}")), "first footer");
    assert!(flat.contains(&format!("Page {pages} of {pages}")), "last footer");
    assert!(flat.contains("Metropolitan Borough of Łódź-on-Sea"));
    assert!(flat.contains("Generated 2026-11-22 21:35 UTC"));
    assert!(flat.contains("Aoife O’Brien"), "DPO on the cover");
    assert!(flat.contains("Processing activities 3"), "counts on the cover: {flat}");
}

#[test]
fn metadata_names_the_register_and_the_injected_date() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_pdf(dir.path());
    let output = Command::new("pdfinfo").arg(&pdf).output().unwrap_or_else(|error| {
        panic!("pdfinfo is needed for this test ({error}); run scripts/test.sh, which installs poppler-utils")
    });
    let info = String::from_utf8(output.stdout).unwrap();
    assert!(info.contains("Record of Processing Activities — Metropolitan Borough of Łódź-on-Sea"), "{info}");
    assert!(info.contains("Author:          Metropolitan Borough of Łódź-on-Sea"), "{info}");
    assert!(info.contains("2026"), "creation date injected: {info}");
    assert!(info.contains("Page size:       841.89"), "A4 landscape: {info}");
    assert!(info.contains("CreationDate:    Sun Nov 22 21:35:00 2026"), "{info}");
}

#[test]
fn layout_keeps_text_inside_the_page_and_apart() {
    let register = export_support::register();
    let fonts = Fonts::embedded().unwrap();
    let geometry = Geometry::a4_landscape();
    let pages = report::layout(&register, &fonts, "2026-11-22 21:35 UTC", &mut NoProgress).unwrap();
    assert!(pages.len() >= 5, "cover, table, 3 detail pages, links");
    assert_inside_and_apart(&pages, geometry);
}

#[test]
fn a_long_register_paginates_with_page_x_of_y() {
    let mut register = export_support::register();
    let template = register.activities[0].clone();
    for i in 0..60 {
        let mut activity = template.clone();
        activity.id = ropa::model::ActivityId(1000 + i);
        activity.fields.name = format!("Generated activity {i}");
        register.activities.push(activity);
    }
    let fonts = Fonts::embedded().unwrap();
    let pages = report::layout(&register, &fonts, "today", &mut NoProgress).unwrap();
    let count = pages.len();
    for (index, page) in pages.iter().enumerate() {
        let footer = format!("Page {} of {count}", index + 1);
        let found = page.items.iter().any(|item| matches!(item, Item::Text { text, .. } if *text == footer));
        assert!(found, "{footer}");
    }
}

/// Writes the fixture report to `$ROPA_PDF_OUT` for looking at by eye.
#[test]
#[ignore = "writes a file for inspection"]
fn write_fixture_pdf_for_inspection() {
    let out = std::env::var("ROPA_PDF_OUT").unwrap();
    let register = export_support::register();
    export::export_to_file(
        &register,
        &export::Scope::Whole,
        Format::Pdf,
        &options(),
        Path::new(&out),
        &mut NoProgress,
    )
    .unwrap();
}

/// An empty register and text the font cannot show (emoji, CJK, control
/// characters, a 3,000-character word) export without a panic and stay on the page.
#[test]
fn odd_registers_still_make_a_report() {
    let fonts = Fonts::embedded().unwrap();
    let geometry = Geometry::a4_landscape();
    let empty = ropa::model::Register::default();
    let pages = report::layout(&empty, &fonts, "today", &mut NoProgress).unwrap();
    assert_eq!(pages.len(), 3, "cover, empty register table, empty links table");
    let mut bytes = Vec::new();
    export::write(&empty, Format::Pdf, &options(), &mut bytes, &mut NoProgress).unwrap();
    assert!(bytes.starts_with(b"%PDF"));

    let mut register = export_support::register();
    register.activities[0].fields.name = "漢字 🙂 \u{0}\u{7}\t\r odd".into();
    register.activities[1].fields.description = "W".repeat(3000);
    let pages = report::layout(&register, &fonts, "today", &mut NoProgress).unwrap();
    for page in &pages {
        assert_eq!(items_outside(page, geometry, 0.0), Vec::<Item>::new());
    }
    let mut bytes = Vec::new();
    export::write(&register, Format::Pdf, &options(), &mut bytes, &mut NoProgress).unwrap();
    assert!(bytes.len() > 1000);
}

/// A register of 500 activities lays out in reasonable time (a debug build).
#[test]
fn a_long_report_written_page_by_page_has_every_laid_out_page() {
    let mut register = export_support::register();
    let template = register.activities[0].clone();
    for i in 0..300 {
        let mut activity = template.clone();
        activity.id = ropa::model::ActivityId(10_000 + i);
        activity.fields.name = format!("Generated activity {i}");
        register.activities.push(activity);
    }
    let checks =
        ropa::checks::run(&register, &[], ropa::checks::Settings::new(options().generated_at.date()));
    let fonts = Fonts::embedded().unwrap();
    for (format, extent) in [(Format::Pdf, report::Extent::Full), (Format::PdfTable, report::Extent::Table)] {
        let kept = report::layout_with_findings(&register, &checks, extent, &fonts, "today", &mut NoProgress)
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.pdf");
        export::export_to_file(&register, &export::Scope::Whole, format, &options(), &path, &mut NoProgress)
            .unwrap();
        let info = poppler_info(&path);
        assert!(info.contains(&format!("Pages:           {}", kept.len())), "{format:?}: {info}");
        let last = page_text(&path, kept.len(), kept.len());
        assert!(last.contains(&format!("Page {0} of {0}", kept.len())), "{format:?}: {last}");
    }
}

#[test]
fn the_table_report_holds_the_cover_the_findings_overview_and_the_register_table() {
    let dir = tempfile::tempdir().unwrap();
    let register = export_support::register();
    let table = dir.path().join("table.pdf");
    export::export_to_file(
        &register,
        &export::Scope::Whole,
        Format::PdfTable,
        &options(),
        &table,
        &mut NoProgress,
    )
    .unwrap();
    let raw = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &table);
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in ACTIVITY_NAMES {
        assert!(raw.contains(name), "activity {name:?} missing");
    }
    for (heading, _) in REGISTER_COLUMNS {
        assert!(raw.contains(heading), "register heading {heading:?} missing");
    }
    for tricky in TRICKY {
        assert!(raw.contains(tricky), "{tricky:?} missing");
    }
    assert!(raw.contains("Aoife O’Brien"), "DPO on the cover");
    assert!(raw.contains(ropa::export::pdf::findings::HEADING));
    assert!(raw.contains(ropa::export::pdf::findings::COMPLETENESS_HEADING));
    assert!(raw.contains("This report does not list the findings"), "{raw}");
    assert!(!raw.contains("Data flows: sources and recipients"), "no links table");
    assert!(!raw.contains("Suggested fix"), "no list of findings");
    let full = write_pdf(dir.path());
    let pages = |pdf: &Path| poppler("pdftotext", &["-enc", "UTF-8"], pdf).matches('\u{c}').count();
    assert!(pages(&table) < pages(&full), "{} pages against {}", pages(&table), pages(&full));
}

#[test]
fn the_fonts_are_embedded_as_subsets_with_a_unicode_map() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_pdf(dir.path());
    let output = Command::new("pdffonts").arg(&pdf).output().unwrap_or_else(|error| {
        panic!(
            "pdffonts is needed for this test ({error}); run scripts/test.sh, which installs poppler-utils"
        )
    });
    let listing = String::from_utf8(output.stdout).unwrap();
    for name in ["+DejaVuSans ", "+DejaVuSans-Bold "] {
        let line = listing.lines().find(|line| line.contains(name)).unwrap_or_else(|| panic!("{listing}"));
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[1..6], ["CID", "TrueType", "Identity-H", "yes", "yes"], "{line}");
        assert_eq!(words[6], "yes", "a ToUnicode map: {line}");
    }
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 400_000, "the fonts are subset, so a short report is small: {size} bytes");
}

fn poppler_info(pdf: &Path) -> String {
    let output = Command::new("pdfinfo").arg(pdf).output().unwrap_or_else(|error| {
        panic!("pdfinfo is needed for this test ({error}); run scripts/test.sh, which installs poppler-utils")
    });
    String::from_utf8(output.stdout).unwrap()
}

/// Asserts that nothing on `pages` falls outside the page and no two lines of
/// text overlap.
fn assert_inside_and_apart(pages: &[ropa::typeset::Page], geometry: Geometry) {
    for (index, page) in pages.iter().enumerate() {
        assert_eq!(items_outside(page, geometry, 0.0), Vec::<Item>::new(), "page {}", index + 1);
        let boxes: Vec<(f32, f32, f32, f32, &str)> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text { x, y, width, style, text } if !text.is_empty() => {
                    Some((*x, y - style.size * 0.2, x + width, y + style.size * 0.75, text.as_str()))
                }
                _ => None,
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap = a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
                assert!(!overlap, "page {}: {:?} overlaps {:?}", index + 1, a.4, b.4);
            }
        }
    }
}

/// Text of pages `first..=last` of `pdf`, whitespace collapsed.
fn page_text(pdf: &Path, first: usize, last: usize) -> String {
    let (first, last) = (first.to_string(), last.to_string());
    let text = poppler("pdftotext", &["-f", &first, "-l", &last, "-enc", "UTF-8"], pdf);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fixture in a register file with the first finding acknowledged, and the
/// report exported from it as `ropa export --format pdf` does.
fn findings_pdf(dir: &Path) -> (std::path::PathBuf, ropa::model::Register, ropa::checks::Report) {
    let db = dir.join("register.db");
    let mut store = ropa::Store::create(&db).unwrap();
    store.batch(export_support::populate).unwrap();
    let register = store.load_register().unwrap();
    let settings = ropa::checks::Settings::new(options().generated_at.date());
    let first = ropa::checks::run(&register, &[], settings).findings[0].clone();
    store
        .acknowledge(
            &first.key(),
            "Aoife O’Brien",
            time::macros::date!(2026 - 11 - 20),
            "Risk accepted by the SIRO",
        )
        .unwrap();
    let report = ropa::checks::run(&register, &store.acknowledgements().unwrap(), settings);
    let pdf = dir.join("report.pdf");
    let request = ropa::file_commands::ExportRequest::new(Format::Pdf);
    ropa::file_commands::export_request_file(&db, &request, &options(), &pdf, &mut NoProgress).unwrap();
    (pdf, register, report)
}

#[test]
fn the_report_has_a_findings_section_with_counts_groups_and_acknowledgements() {
    use ropa::export::pdf::findings::{COMPLETENESS_HEADING, HEADING};
    let dir = tempfile::tempdir().unwrap();
    let (pdf, register, report) = findings_pdf(dir.path());
    let flat = page_text(&pdf, 1, 999);
    let start = flat.find(HEADING).expect("findings heading");
    let end = flat.find("The register").expect("register table after the findings");
    assert!(start < end);
    let section = &flat[start..end];
    let open = report.findings.iter().filter(|f| f.is_open()).count();
    assert!(
        section.contains(&format!("{} finding(s), {open} open and 1 acknowledged", report.findings.len())),
        "{section}"
    );
    for severity in ropa::checks::Severity::ALL {
        let all = report.findings.iter().filter(|f| f.severity == severity).count();
        let row = format!(
            "{} {} {}",
            severity.heading(),
            report.open_count(severity),
            all - report.open_count(severity)
        );
        assert!(section.contains(&row), "count row {row:?} in {section}");
    }
    assert!(section.contains(COMPLETENESS_HEADING));
    for score in &report.completeness {
        assert!(
            section.contains(&format!("{} {}", score.service_name, score.activities)),
            "{}",
            score.service_name
        );
    }
    assert!(
        section.contains("Acknowledged by Aoife O’Brien on 2026-11-20: Risk accepted by the SIRO"),
        "{section}"
    );
    // Rule ids may wrap at a hyphen, so compare with the white space taken out.
    let squeezed: String = section.chars().filter(|c| !c.is_whitespace()).collect();
    for finding in &report.findings {
        assert!(squeezed.contains(&format!("({})", finding.rule.0)), "rule {} listed", finding.rule);
    }
    // Grouped by service: each service's heading comes before its findings' rows,
    // in the order of the checks' report.
    let mut at = 0;
    for service in &register.services {
        if report.findings.iter().any(|f| f.service_id == Some(service.id)) {
            let found = section[at..].find(&service.fields.name).expect("service heading in order");
            at += found;
        }
    }
}

#[test]
fn the_flow_map_page_draws_every_party_and_service_with_colours_and_dashes() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, register, _) = findings_pdf(dir.path());
    let pages = poppler("pdftotext", &[], &pdf).matches('\u{c}').count();
    let page = (1..=pages)
        .find(|&p| page_text(&pdf, p, p).contains("Data flows — Whole register"))
        .expect("a flow map page");
    let text = page_text(&pdf, page, page);
    for party in &register.parties {
        if register.links.iter().any(|l| l.fields.party_id == party.id) {
            let name = party.fields.name.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains(&name), "party {name:?} on the map page: {text}");
        }
    }
    for service in &register.services {
        assert!(text.contains(&service.fields.name), "service {:?}", service.fields.name);
    }
    assert!(text.contains("Legend"));

    let fonts = Fonts::embedded().unwrap();
    let mut flow = ropa::typeset::Flow::new(&fonts, Geometry::a4_landscape());
    ropa::export::pdf::flow_page::pages(&mut flow, &fonts, &register);
    let pages = flow.finish();
    assert_eq!(pages.len(), 1, "the fixture's map fits one page");
    let graph = ropa::flows::FlowGraph::build(&register, ropa::flows::Scope::Register);
    let shapes = pages[0].items.iter().filter(|i| matches!(i, Item::Shape { .. })).count();
    assert_eq!(shapes, graph.nodes.len(), "one box per node");
    let dashed = pages[0].items.iter().filter(|i| matches!(i, Item::Stroke { dashed: true, .. })).count();
    let missing = graph.flows().filter(|f| f.lacks_agreement()).count();
    assert_eq!(dashed, missing + 1, "a dashed line per link with no agreement, plus the legend's");
    let special = ropa::typeset::Rgb::from_hex(ropa::flows::svg::SPECIAL);
    let red = graph.flows().filter(|f| ropa::flows::svg::colour(f) == ropa::flows::svg::SPECIAL).count();
    let drawn_red = pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, Item::Stroke { colour, .. } if *colour == special))
        .count();
    assert!(drawn_red >= red, "special category flows drawn in the SVG's colour");
    assert_eq!(items_outside(&pages[0], Geometry::a4_landscape(), 0.0), Vec::<Item>::new());
}

#[test]
fn the_report_with_findings_keeps_text_inside_the_page_and_apart() {
    let register = export_support::register();
    let fonts = Fonts::embedded().unwrap();
    let geometry = Geometry::a4_landscape();
    let checks =
        ropa::checks::run(&register, &[], ropa::checks::Settings::new(options().generated_at.date()));
    let pages = report::layout_with_findings(
        &register,
        &checks,
        report::Extent::Full,
        &fonts,
        "today",
        &mut NoProgress,
    )
    .unwrap();
    assert_inside_and_apart(&pages, geometry);
}

/// A register too big to read on one page gets one flow-map page per service.
#[test]
fn a_huge_flow_map_is_split_per_service() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut store = ropa::Store::create(&db).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    let fonts = Fonts::embedded().unwrap();
    let mut flow = ropa::typeset::Flow::new(&fonts, Geometry::a4_landscape());
    ropa::export::pdf::flow_page::pages(&mut flow, &fonts, &register);
    let pages = flow.finish();
    let titles: Vec<String> = pages
        .iter()
        .filter_map(|p| {
            p.items.iter().find_map(|i| match i {
                Item::Text { text, .. } if text.starts_with("Data flows — ") => Some(text.clone()),
                _ => None,
            })
        })
        .collect();
    assert_eq!(titles.len(), pages.len());
    let with_links: Vec<_> = register
        .services
        .iter()
        .filter(|s| {
            ropa::flows::FlowGraph::build(&register, ropa::flows::Scope::Service(s.id)).flows().count() > 0
        })
        .collect();
    assert_eq!(pages.len(), with_links.len(), "{titles:?}");
    for service in with_links {
        assert!(titles.contains(&format!("Data flows — Service: {}", service.fields.name)), "{titles:?}");
    }
}

#[test]
fn the_pdf_as_at_a_date_reads_as_the_pdf_made_that_day() {
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.db");
    let mut store = ropa::Store::create(&db).unwrap();
    let now = Arc::new(Mutex::new(time::macros::datetime!(2025-03-01 09:00 UTC)));
    let clock = now.clone();
    store.set_clock(move || *clock.lock().unwrap());
    store.batch(export_support::populate).unwrap();
    let day_one = Options { bom: false, generated_at: time::macros::datetime!(2025-03-01 17:00 UTC) };
    let then = dir.path().join("then.pdf");
    ropa::file_commands::export_request_file(
        &db,
        &ropa::file_commands::ExportRequest::new(Format::Pdf),
        &day_one,
        &then,
        &mut NoProgress,
    )
    .unwrap();
    *now.lock().unwrap() = time::macros::datetime!(2025-03-02 10:00 UTC);
    let doomed = store.load_register().unwrap().activities[0].id;
    store.delete_activity(doomed).unwrap();
    let request = ropa::file_commands::ExportRequest {
        as_at: Some(time::macros::date!(2025 - 03 - 01)),
        ..ropa::file_commands::ExportRequest::new(Format::Pdf)
    };
    let as_at = dir.path().join("as-at.pdf");
    ropa::file_commands::export_request_file(&db, &request, &day_one, &as_at, &mut NoProgress).unwrap();
    let current = dir.path().join("now.pdf");
    ropa::file_commands::export_request_file(
        &db,
        &ropa::file_commands::ExportRequest::new(Format::Pdf),
        &day_one,
        &current,
        &mut NoProgress,
    )
    .unwrap();
    assert_eq!(page_text(&as_at, 1, 999), page_text(&then, 1, 999));
    assert!(std::fs::read(&as_at).unwrap() == std::fs::read(&then).unwrap(), "byte for byte");
    assert_ne!(page_text(&current, 1, 999), page_text(&then, 1, 999));
}

/// Writes the demo register's report, with one finding acknowledged, to
/// `$ROPA_DEMO_PDF_OUT`: the source of docs/screenshots/report-*.png.
#[test]
#[ignore = "writes a file for the screenshots"]
fn write_demo_report_for_screenshots() {
    let out = std::env::var("ROPA_DEMO_PDF_OUT").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut store = ropa::Store::create(&db).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    let settings = ropa::checks::Settings::new(options().generated_at.date());
    let report = ropa::checks::run(&register, &[], settings);
    let warning = report.findings.iter().find(|f| f.severity == ropa::checks::Severity::Warning).unwrap();
    store
        .acknowledge(
            &warning.key(),
            "Information Governance Officer",
            options().generated_at.date(),
            "Recorded as special on purpose: the service treats it as sensitive",
        )
        .unwrap();
    ropa::file_commands::export_request_file(
        &db,
        &ropa::file_commands::ExportRequest::new(Format::Pdf),
        &options(),
        Path::new(&out),
        &mut NoProgress,
    )
    .unwrap();
}

#[test]
fn a_table_document_prints_its_title_headings_and_every_cell() {
    use ropa::export::pdf::table_document::{self, TableDocument};
    let headings: Vec<String> = ["Service", "Activity", "Party"].iter().map(ToString::to_string).collect();
    let rows: Vec<Vec<String>> = (0..150)
        .map(|i| vec![format!("Service {i}"), format!("Activity {i} — Łódź"), format!("=HYPERLINK({i})")])
        .collect();
    let document = TableDocument {
        title: "Which recipients get special category data?",
        note: "150 rows",
        headings: &headings,
        rows: &rows,
        organisation: "Metropolitan Borough of Łódź-on-Sea",
    };
    let bytes = table_document::render(&document, options().generated_at).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answer.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &path);
    let pages = text.matches('\u{c}').count();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(pages > 1, "150 rows take more than a page");
    assert!(flat.contains("Which recipients get special category data?"));
    for row in &rows {
        for cell in row {
            assert!(flat.contains(cell.as_str()), "{cell:?} missing");
        }
    }
    assert_eq!(flat.matches("Service Activity Party").count(), pages, "the header row on every page");
    assert!(flat.contains(&format!("Page {pages} of {pages}")));
    assert!(poppler_info(&path).contains("Which recipients get special category data?"), "the title");
}
