//! The full PDF report is written to its file as it is laid out, page by page,
//! never held whole: the streamed file is a valid PDF with every page (pdfinfo,
//! pdftotext of the first and last pages, the same text as the pages laid out and
//! kept), a write that fails midway stops the layout and returns the error, and a
//! full disk leaves no partial file at the target (the earlier file is kept).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod export_support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use ropa::export::pdf::report;
use ropa::export::{self, Format, NoProgress, Options};
use ropa::typeset::fonts::Fonts;

fn options() -> Options {
    Options { bom: false, generated_at: time::macros::datetime!(2026-11-22 21:35 UTC) }
}

/// Runs a poppler tool on `pdf`; fails (never skips) when it is not installed.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool).args(args).arg(pdf).arg("-").output().unwrap_or_else(|error| {
        panic!("{tool} is needed for this test ({error}); run scripts/test.sh, which installs poppler-utils")
    });
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn pdfinfo(pdf: &Path) -> String {
    let output = Command::new("pdfinfo").arg(pdf).output().unwrap_or_else(|error| {
        panic!("pdfinfo is needed for this test ({error}); run scripts/test.sh, which installs poppler-utils")
    });
    assert!(output.status.success(), "pdfinfo failed: {}", String::from_utf8_lossy(&output.stderr));
    // Poppler repairs a broken cross-reference table quietly but for a complaint here.
    assert!(output.stderr.is_empty(), "pdfinfo complained: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Asserts that the cross-reference table `startxref` points at has an entry for
/// every object and that each entry in use points at that object's start.
fn assert_cross_reference_exact(pdf: &[u8]) {
    let text = |range: std::ops::Range<usize>| String::from_utf8_lossy(&pdf[range]).into_owned();
    let tail = text(pdf.len().saturating_sub(40)..pdf.len());
    let start: usize =
        tail.split("startxref").nth(1).unwrap().split_whitespace().next().unwrap().parse().unwrap();
    let head = text(start..start + 40);
    let mut lines = head.lines();
    assert_eq!(lines.next(), Some("xref"));
    let size: usize = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let entries = start + 5 + format!("0 {size}\n").len();
    for id in 1..size {
        let entry = text(entries + id * 20..entries + id * 20 + 20);
        assert!(entry.ends_with(" 00000 n\r\n"), "object {id} is written: {entry:?}");
        let offset: usize = entry[..10].parse().unwrap();
        assert!(
            pdf[offset..].starts_with(format!("{id} 0 obj").as_bytes()),
            "object {id} is where the table says"
        );
    }
}

/// Text of pages `first..=last` of `pdf`, whitespace collapsed.
fn page_text(pdf: &Path, first: usize, last: usize) -> String {
    let (first, last) = (first.to_string(), last.to_string());
    let text = poppler("pdftotext", &["-f", &first, "-l", &last, "-enc", "UTF-8"], pdf);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fixture with `extra` more activities, so the report runs to many pages.
fn long_register(extra: i64) -> ropa::model::Register {
    let mut register = export_support::register();
    let template = register.activities[0].clone();
    for i in 0..extra {
        let mut activity = template.clone();
        activity.id = ropa::model::ActivityId(10_000 + i);
        activity.fields.name = format!("Generated activity {i}");
        register.activities.push(activity);
    }
    register
}

#[test]
fn the_streamed_report_is_a_valid_pdf_with_every_page_and_the_same_text_as_the_kept_pages() {
    let register = long_register(120);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    export::export_to_file(&register, &export::Scope::Whole, Format::Pdf, &options(), &path, &mut NoProgress)
        .unwrap();

    // The same report laid out and kept whole, then written in one go.
    let fonts = Fonts::embedded().unwrap();
    let checks =
        ropa::checks::run(&register, &[], ropa::checks::Settings::new(options().generated_at.date()));
    let mut kept = report::layout_with_findings(
        &register,
        &checks,
        report::Extent::Full,
        &fonts,
        "2026-11-22 21:35 UTC",
        &mut NoProgress,
    )
    .unwrap();
    let count = kept.len();
    assert!(count > 100, "a long report: {count} pages");
    let organisation = report::organisation_name(&register);
    ropa::typeset::decorate(&mut kept, |index, count| {
        report::running_items(
            &fonts,
            ropa::typeset::Geometry::a4_landscape(),
            &organisation,
            "2026-11-22 21:35 UTC",
            index,
            count,
        )
    });
    let metadata = ropa::typeset::draw::Metadata {
        title: "kept".into(),
        author: String::new(),
        subject: String::new(),
        created: options().generated_at,
    };
    let whole =
        ropa::typeset::draw::render(&kept, &fonts, ropa::typeset::Geometry::a4_landscape(), &metadata)
            .unwrap();
    let whole_path = dir.path().join("kept.pdf");
    std::fs::write(&whole_path, whole).unwrap();

    let info = pdfinfo(&path);
    assert!(info.contains(&format!("Pages:           {count}")), "{info}");
    assert_cross_reference_exact(&std::fs::read(&path).unwrap());
    let first = page_text(&path, 1, 1);
    assert!(first.contains("Record of Processing Activities"), "{first}");
    assert!(first.contains("Metropolitan Borough of Łódź-on-Sea"), "{first}");
    assert!(first.contains(&format!("Page 1 of {count}")), "{first}");
    let last = page_text(&path, count, count);
    assert!(last.contains(&format!("Page {count} of {count}")), "{last}");
    assert!(last.contains("Data protection impact assessments"), "the DPIA register ends the report: {last}");
    let before = page_text(&path, count - 1, count - 1);
    assert!(before.contains("Information assets"), "the asset register comes before it: {before}");
    let links = page_text(&path, count - 2, count - 2);
    assert!(
        links.contains("Data flows: sources and recipients"),
        "the links table comes before that: {links}"
    );
    let streamed_text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &path);
    let kept_text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &whole_path);
    assert_eq!(streamed_text, kept_text, "the streamed pages read exactly as the pages laid out and kept");
}

/// An output that accepts `limit` bytes and then fails every write, counting the
/// bytes it was offered.
struct FailingAfter {
    limit: usize,
    accepted: usize,
    offered_after_failure: usize,
}

impl Write for FailingAfter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.accepted >= self.limit {
            self.offered_after_failure += buf.len();
            return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left"));
        }
        let n = buf.len().min(self.limit - self.accepted);
        self.accepted += n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_write_that_fails_midway_stops_the_layout_and_returns_the_error() {
    let register = long_register(120);
    let mut whole = Vec::new();
    export::write(&register, Format::Pdf, &options(), &mut whole, &mut NoProgress).unwrap();
    assert!(whole.len() > 600_000, "the report is long enough to fail midway: {} bytes", whole.len());

    let mut out = FailingAfter { limit: 100_000, accepted: 0, offered_after_failure: 0 };
    let mut last_step = 0;
    let mut total = 0;
    let mut progress = |done: usize, of: usize| {
        (last_step, total) = (done, of);
        true
    };
    let error = export::write(&register, Format::Pdf, &options(), &mut out, &mut progress).unwrap_err();
    assert!(
        matches!(&error, ropa::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull),
        "{error:?}"
    );
    assert!(error.to_string().contains("no space left"), "{error}");
    assert_eq!(out.accepted, 100_000);
    assert!(
        out.offered_after_failure <= 256 * 1024 * 2,
        "one failed write, then nothing more: {}",
        out.offered_after_failure
    );
    assert!(last_step < total / 2, "the layout stopped soon after the failure: step {last_step} of {total}");
}

fn ropa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).output().unwrap()
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A tmpfs of `kib` KiB mounted on a new folder, unmounted on drop; `None` (with the
/// reason printed) where mounting is not allowed.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(kib: u32) -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status();
        if status.is_ok_and(|s| s.success()) {
            Some(Self { dir })
        } else {
            eprintln!("skipped: cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN)");
            None
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk up, leaving about `kib` KiB free.
    fn fill_leaving(&self, kib: usize) {
        let output = Command::new("df").args(["-k", "--output=avail"]).arg(self.path()).output().unwrap();
        let free: usize =
            String::from_utf8_lossy(&output.stdout).lines().nth(1).unwrap().trim().parse().unwrap();
        std::fs::write(self.path().join("filler"), vec![b'x'; free.saturating_sub(kib) * 1024]).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A demo register at `dir/register.ropa`.
fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("register.ropa");
    ropa::file_commands::create_register(&db, ropa::demo::populate).unwrap();
    db
}

#[test]
fn a_full_disk_midway_through_the_report_leaves_the_earlier_report_whole_and_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let Some(disk) = SmallDisk::mount(8192) else { return };
    let out = disk.path().join("report.pdf");
    let export = ["export", "--db", s(&db), "--format", "pdf", "--out", s(&out)];
    let first = ropa(&export);
    assert!(first.status.success(), "{}", text(&first));
    let before = std::fs::read(&out).unwrap();
    assert!(before.len() > 200 * 1024, "the report is larger than the space left: {} bytes", before.len());

    disk.fill_leaving(64);
    let full = ropa(&export);
    assert!(!full.status.success(), "a report larger than the space left cannot be written");
    assert!(text(&full).contains("No space left on device"), "{}", text(&full));
    assert!(text(&full).contains(s(&out)), "the message names the file: {}", text(&full));
    assert_eq!(std::fs::read(&out).unwrap(), before, "the earlier report is whole");
    assert_eq!(file_names(disk.path()), ["filler", "report.pdf"], "no partial file is left");
}
