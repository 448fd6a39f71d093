//! The PDF report: its text is real text (pdftotext recovers every activity,
//! heading, footer and non-ASCII string), and the layout keeps every item inside the
//! page with no two lines of text overlapping.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod export_support;

use std::path::Path;
use std::process::Command;

use export_support::{ACTIVITY_NAMES, TRICKY};
use ropa::export::pdf::fonts::Fonts;
use ropa::export::pdf::layout::{Geometry, Item, items_outside};
use ropa::export::pdf::report::{self, REGISTER_COLUMNS};
use ropa::export::{self, Format, NoProgress, Options};

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
fn a_large_register_lays_out_quickly() {
    let mut register = export_support::register();
    let template = register.activities[0].clone();
    for i in 0..500 {
        let mut activity = template.clone();
        activity.id = ropa::model::ActivityId(10_000 + i);
        activity.fields.name = format!("Generated activity {i}");
        register.activities.push(activity);
    }
    let started = std::time::Instant::now();
    let fonts = Fonts::embedded().unwrap();
    let pages = report::layout(&register, &fonts, "today", &mut NoProgress).unwrap();
    eprintln!("layout of {} pages: {:?}", pages.len(), started.elapsed());
    let started = std::time::Instant::now();
    let mut bytes = Vec::new();
    export::write(&register, Format::Pdf, &options(), &mut bytes, &mut NoProgress).unwrap();
    let elapsed = started.elapsed();
    eprintln!("500 activities: {} bytes in {elapsed:?}", bytes.len());
    assert!(elapsed < std::time::Duration::from_secs(60), "{elapsed:?}");
}
