//! `ropa notice --format pdf`: the notice's headings, paragraphs and bullets come
//! back out of the PDF with pdftotext, paginated with "Page X of Y".
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::Path;
use std::process::Command;

use ropa::Store;
use ropa::file_commands::{self, NoticeCommand};
use ropa::notice::{self, Block, Format, Outcome, Scope};
use ropa::typeset::fonts::Fonts;
use ropa::typeset::{Geometry, Item, items_outside};
use time::macros::date;

fn pdftotext(pdf: &Path) -> String {
    let output = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output().unwrap_or_else(
        |error| panic!("pdftotext is needed for this test ({error}); run scripts/test.sh, which installs poppler-utils"),
    );
    assert!(output.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    let mut store = Store::create(&db).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    db
}

#[test]
fn the_pdf_notice_has_every_heading_paragraph_and_bullet() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = dir.path().join("notice.pdf");
    let today = date!(2026 - 11 - 22);
    let command = NoticeCommand {
        db: db.clone(),
        service: "early help".into(),
        format: Format::Pdf,
        out: Some(out.clone()),
        today,
        allow_override: true,
    };
    let outcome = file_commands::run_command(&command).unwrap();
    assert!(outcome.success, "{outcome:?}");
    let text = pdftotext(&out);
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 2, "the demo notice runs over pages");
    let text = flat(&text);

    let mut store = Store::open(&db).unwrap();
    let service = store.service_by_name("Early Help").unwrap().unwrap();
    let Outcome::Ready(expected) =
        notice::generate(&store.snapshot().unwrap(), Scope::Service(service), today, true).unwrap()
    else {
        panic!("overridden notices are ready");
    };
    assert!(text.starts_with(&flat(&expected.title)), "title first: {}", &text[..80]);
    assert!(text.contains("Last updated: 22 November 2026"));
    let mut at = 0;
    for section in &expected.sections {
        let heading = flat(&section.heading);
        let found = text[at..].find(&heading).unwrap_or_else(|| panic!("heading {heading:?} in order"));
        at += found;
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) | Block::Subheading(p) => assert!(text.contains(&flat(p)), "{p:?}"),
                Block::Bullets(items) => {
                    for item in items {
                        assert!(text.contains(&format!("• {}", flat(item))), "bullet {item:?}");
                    }
                }
            }
        }
    }
    assert!(
        text.contains(&format!("Page 1 of {pages}")) && text.contains(&format!("Page {pages} of {pages}"))
    );
}

#[test]
fn the_pdf_notice_stays_on_the_page_and_needs_an_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut store = Store::open(&db).unwrap();
    let service = store.service_by_name("Early Help").unwrap().unwrap();
    let Outcome::Ready(notice) =
        notice::generate(&store.snapshot().unwrap(), Scope::Service(service), date!(2026 - 11 - 22), true)
            .unwrap()
    else {
        panic!("overridden notices are ready");
    };
    let fonts = Fonts::embedded().unwrap();
    let geometry = Geometry::a4_portrait();
    let pages = notice::layout_pdf(&notice, &fonts, geometry);
    for page in &pages {
        assert_eq!(items_outside(page, geometry, 0.0), Vec::<Item>::new());
        for item in &page.items {
            if let Item::Text { x, width, .. } = item {
                assert!(x + width <= geometry.right + 0.01, "text inside the right margin");
            }
        }
    }
    let command = NoticeCommand {
        db,
        service: "Early Help".into(),
        format: Format::Pdf,
        out: None,
        today: date!(2026 - 11 - 22),
        allow_override: true,
    };
    assert!(file_commands::run_command(&command).is_err(), "a PDF is never written to standard output");
    assert_eq!(Format::parse("PDF"), Ok(Format::Pdf));
}
