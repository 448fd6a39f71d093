//! Benchmarks at the scale of a large council: `cargo bench --bench register`.
//!
//! Generates registers of 1,000 and 10,000 activities once (kept under
//! `target/bench-data/`), then runs each case in a child process of this binary,
//! so each case's peak memory is its own. Each case is timed over several runs and
//! the median is reported, with the figures as a Markdown table for BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A benchmark fails loudly by design.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use ropa::Store;
use ropa::export::{Format, NoProgress, Options};
use ropa::model::Register;

/// The desktop app's source, compiled into this benchmark so the register page's
/// data and one frame of the real app can be timed (the app lives in the binary
/// crate, which a benchmark cannot import).
#[allow(dead_code, unused_imports)]
#[path = "../src/ui/mod.rs"]
mod ui;

/// Sizes benchmarked, in activities.
const SIZES: [usize; 2] = [1_000, 10_000];

/// Timed runs per case (after one untimed warm-up run).
const RUNS: usize = 7;

/// Cases that take minutes at 10,000 activities: timed once, with no warm-up.
const SLOW_CASES: [&str; 2] = ["pdf-full", "pdf-full-file"];

/// A benchmark: `setup` runs once untimed and returns the work to time.
struct Case {
    name: &'static str,
    what: &'static str,
    target_ms_at_10k: Option<f64>,
    /// The work times this many operations; the figure reported is per operation.
    per: f64,
    setup: fn(&Path) -> Box<dyn FnMut()>,
}

fn load(db: &Path) -> Register {
    Store::open(db).unwrap().load_register().unwrap()
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "open-load",
            what: "open the register and load it whole",
            target_ms_at_10k: Some(150.0),
            per: 1.0,
            setup: |db| {
                let db = db.to_path_buf();
                Box::new(move || {
                    std::hint::black_box(load(&db));
                })
            },
        },
        Case {
            name: "open-only",
            what: "open the register (identity and schema checks, no load)",
            target_ms_at_10k: None,
            per: 1.0,
            setup: |db| {
                let db = db.to_path_buf();
                Box::new(move || {
                    std::hint::black_box(Store::open(&db).unwrap());
                })
            },
        },
        Case {
            name: "checks",
            what: "run all compliance checks",
            target_ms_at_10k: Some(200.0),
            per: 1.0,
            setup: |db| {
                let register = load(db);
                let today = time::macros::date!(2026 - 11 - 22);
                Box::new(move || {
                    let settings = ropa::checks::Settings::new(today);
                    std::hint::black_box(ropa::checks::run(&register, &[], settings));
                })
            },
        },
        Case {
            name: "open-and-build-page",
            what: "open and build the Register page's data, as the app does before its first frame \
                   (the snapshot then loads on a worker thread)",
            target_ms_at_10k: Some(150.0),
            per: 1.0,
            setup: |db| {
                let db = db.to_path_buf();
                Box::new(move || {
                    std::hint::black_box(ui::bench::open_register_page(&db).unwrap());
                })
            },
        },
        Case {
            name: "filter-keystroke",
            what: "apply the text filter over all fields (mean of the 9 keystrokes typing \"safeguard\")",
            target_ms_at_10k: Some(10.0),
            per: 9.0,
            setup: |db| {
                let register = load(db);
                let mut view = ui::bench::register_view(&register);
                Box::new(move || {
                    for end in 1..="safeguard".len() {
                        ui::bench::filter(&mut view, &"safeguard"[..end]);
                    }
                })
            },
        },
        Case {
            name: "ui-frame",
            what: "one frame of the Register page, laid out and tessellated (CPU only)",
            target_ms_at_10k: Some(8.0),
            per: 1.0,
            setup: |db| {
                let mut frame = ui::bench::AppFrame::open(db);
                frame.run();
                frame.run();
                Box::new(move || frame.run())
            },
        },
        Case {
            name: "ico-csv",
            what: "ICO template CSV export",
            target_ms_at_10k: Some(300.0),
            per: 1.0,
            setup: |db| export_case(db, Format::IcoCsv),
        },
        Case {
            name: "ico-xlsx",
            what: "ICO template workbook export (controller and processor records, links, parties, \
                   agreements, findings: 7 sheets)",
            target_ms_at_10k: Some(1500.0),
            per: 1.0,
            setup: |db| export_case(db, Format::IcoXlsx),
        },
        Case {
            name: "ico-xlsx-import",
            what: "import the ico-xlsx workbook (register sheet, links, parties, agreements) into a \
                   new register: read, plan and apply in one transaction",
            target_ms_at_10k: Some(3000.0),
            per: 1.0,
            setup: |db| {
                let register = load(db);
                let options =
                    Options { bom: false, generated_at: time::macros::datetime!(2026-11-22 12:00 UTC) };
                let mut workbook = Vec::with_capacity(1 << 20);
                ropa::export::write(&register, Format::IcoXlsx, &options, &mut workbook, &mut NoProgress)
                    .unwrap();
                Box::new(move || {
                    let mut store = ropa::Store::in_memory().unwrap();
                    let empty = store.load_register().unwrap();
                    let plan = ropa::import::read_ico_workbook(&workbook, "bench.xlsx", &empty).unwrap();
                    ropa::import::apply(&plan, &mut store).unwrap();
                    std::hint::black_box(store);
                })
            },
        },
        Case {
            name: "links-csv",
            what: "links CSV export (10 links per activity: 100,000 links at 10,000)",
            target_ms_at_10k: Some(300.0),
            per: 1.0,
            setup: |db| export_case(db, Format::LinksCsv),
        },
        Case {
            name: "pdf-report",
            what: "PDF register report (cover, findings overview, register table): `--format pdf-table`",
            target_ms_at_10k: Some(3000.0),
            per: 1.0,
            setup: |db| export_case(db, Format::PdfTable),
        },
        Case {
            name: "pdf-full",
            what: "full PDF report (adds every finding, flow map, detail per activity, links table): `--format pdf`; one timed run",
            target_ms_at_10k: None,
            per: 1.0,
            setup: |db| export_case(db, Format::Pdf),
        },
        Case {
            name: "json-export",
            what: "whole register as JSON",
            target_ms_at_10k: None,
            per: 1.0,
            setup: |db| {
                let register = load(db);
                Box::new(move || {
                    std::hint::black_box(ropa::import::json::to_json(&register).unwrap());
                })
            },
        },
        Case {
            name: "app-open",
            what: "open the register in the app, wait for the snapshot and draw a frame \
                   (peak memory: the app with the register open)",
            target_ms_at_10k: None,
            per: 1.0,
            setup: |db| {
                let db = db.to_path_buf();
                Box::new(move || {
                    let mut frame = ui::bench::AppFrame::open(&db);
                    frame.run();
                })
            },
        },
    ]
    .into_iter()
    .chain(stream_cases())
    .collect()
}

fn export_case(db: &Path, format: Format) -> Box<dyn FnMut()> {
    let register = load(db);
    let options = Options { bom: true, generated_at: time::macros::datetime!(2026-11-22 12:00 UTC) };
    Box::new(move || {
        let mut out = Vec::with_capacity(1 << 20);
        ropa::export::write(&register, format, &options, &mut out, &mut NoProgress).unwrap();
        std::hint::black_box(out);
    })
}

/// The full PDF report to a file, the command's check, and imports of the
/// register's own exports into a new register (issue 19's streaming and
/// whole-process targets).
fn stream_cases() -> Vec<Case> {
    vec![
        Case {
            name: "pdf-full-file",
            what: "full PDF report (`--format pdf`) streamed to a file through the atomic writer, as \
                   `ropa export` writes it (peak memory is what matters); one timed run",
            target_ms_at_10k: Some(15_000.0),
            per: 1.0,
            setup: |db| {
                let register = load(db);
                let dir = tempfile::tempdir().unwrap();
                let out = dir.path().join("report.pdf");
                Box::new(move || {
                    let options =
                        Options { bom: true, generated_at: time::macros::datetime!(2026-11-22 12:00 UTC) };
                    let scope = ropa::export::Scope::Whole;
                    ropa::export::export_to_file(
                        &register,
                        &scope,
                        Format::Pdf,
                        &options,
                        &out,
                        &mut NoProgress,
                    )
                    .unwrap();
                    std::hint::black_box(&dir);
                })
            },
        },
        Case {
            name: "check-process",
            what: "`ropa check --db R` as a whole process (the release binary); peak memory here is \
                   the benchmark's, the child's is printed to stderr",
            target_ms_at_10k: Some(1000.0),
            per: 1.0,
            setup: |db| {
                let db = db.to_path_buf();
                Box::new(move || {
                    let peak = run_and_watch(
                        Command::new(env!("CARGO_BIN_EXE_ropa"))
                            .args(["check", "--today", "2026-11-22", "--db"])
                            .arg(&db),
                    );
                    eprintln!("ropa check: peak {} MB", peak / 1024);
                })
            },
        },
        Case {
            name: "import-ico-csv",
            what: "import the register's ICO CSV export into a new register, in one transaction",
            target_ms_at_10k: Some(3000.0),
            per: 1.0,
            setup: |db| import_case(db, Format::IcoCsv, "ico.csv"),
        },
        Case {
            name: "import-ico-xlsx",
            what: "import the register's ICO workbook export into a new register, in one transaction",
            target_ms_at_10k: Some(3000.0),
            per: 1.0,
            setup: |db| import_case(db, Format::IcoXlsx, "ico.xlsx"),
        },
        Case {
            name: "import-json",
            what: "import the register's JSON export into a new register, in one transaction",
            target_ms_at_10k: Some(2000.0),
            per: 1.0,
            setup: |db| import_case(db, Format::Json, "register.json"),
        },
    ]
}

/// Exports the register at `db` as `format` to a file, then times importing that
/// file into a new register each run, as `ropa import --db NEW FILE` does.
fn import_case(db: &Path, format: Format, name: &str) -> Box<dyn FnMut()> {
    let register = load(db);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    let options = Options { bom: true, generated_at: time::macros::datetime!(2026-11-22 12:00 UTC) };
    ropa::export::export_to_file(
        &register,
        &ropa::export::Scope::Whole,
        format,
        &options,
        &file,
        &mut NoProgress,
    )
    .unwrap();
    drop(register);
    let mut run = 0;
    Box::new(move || {
        run += 1;
        let target = dir.path().join(format!("new-{run}.ropa"));
        let empty = Register::default();
        let read = ropa::file_commands::read_import_file(&file, &empty, None, Default::default()).unwrap();
        let ropa::file_commands::ImportFile::Plan(planned) = read else { panic!("not a register file") };
        assert!(planned.plan.report.rejected.is_empty(), "{:?}", planned.plan.report.rejected.first());
        ropa::file_commands::create_register(&target, |store| match &planned.exact_restore {
            Some(incoming) => ropa::import::restore(store, incoming),
            None => ropa::import::apply(&planned.plan, store),
        })
        .unwrap();
    })
}

/// Runs `command` to its end and returns its peak memory in KiB, read from
/// `/proc` while it runs (a lower bound, close when it runs for more than a few ms).
fn run_and_watch(command: &mut Command) -> u64 {
    let mut child = command.stdout(std::process::Stdio::null()).spawn().unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        let text = std::fs::read_to_string(&status).unwrap_or_default();
        let hwm = text.lines().find_map(|line| line.strip_prefix("VmHWM:"));
        peak = peak.max(hwm.and_then(|v| v.split_whitespace().next()?.parse().ok()).unwrap_or(0));
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    peak
}

fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// In the child: runs one case and prints "median_ms peak_kb".
fn run_case(name: &str, db: &Path) {
    let case = cases().into_iter().find(|c| c.name == name).expect("known case");
    let mut work = (case.setup)(db);
    let runs = if SLOW_CASES.contains(&case.name) { 1 } else { RUNS };
    if runs > 1 {
        work();
    }
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{:.2} {}", times[runs / 2] / case.per, peak_kb());
}

/// Milliseconds `work` took.
fn time_ms(work: impl FnOnce()) -> f64 {
    let start = Instant::now();
    work();
    start.elapsed().as_secs_f64() * 1000.0
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

/// In the child: one page of the app at this size. Prints the first visit's
/// first frame, the time until the page is ready (its background work done and
/// drawn), a later visit's first frame (median), one scroll frame and one hover
/// frame (medians), all in ms, then the peak memory in kB.
fn run_page(page: &str, db: &Path) {
    let mut frame = ui::bench::AppFrame::open(db);
    frame.run();
    frame.run();
    let start = Instant::now();
    let first = time_ms(|| {
        frame.navigate(page);
        frame.run();
    });
    while !frame.page_ready() && start.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(5));
        frame.run();
    }
    frame.run();
    let ready = start.elapsed().as_secs_f64() * 1000.0;
    let scroll = median((0..RUNS).map(|_| time_ms(|| frame.scroll())).collect());
    let hover = median((0..RUNS).map(|step| time_ms(|| frame.hover(step))).collect());
    let revisit = median(
        (0..RUNS)
            .map(|_| {
                frame.navigate("register");
                frame.run();
                time_ms(|| {
                    frame.navigate(page);
                    frame.run();
                })
            })
            .collect(),
    );
    println!("{first:.2} {ready:.2} {revisit:.2} {scroll:.2} {hover:.2} {}", peak_kb());
}

/// In the child: opens the app, draws its first frame (time printed), waits until
/// every page is usable (time printed), visits every page until it is ready, and
/// prints the peak memory in kB.
fn run_all_pages(db: &Path) {
    let start = Instant::now();
    let mut frame = ui::bench::AppFrame::start(db);
    frame.run();
    let first_frame = start.elapsed().as_secs_f64() * 1000.0;
    frame.wait_for_snapshot();
    frame.run();
    let usable = start.elapsed().as_secs_f64() * 1000.0;
    for page in ui::bench::PAGES {
        frame.navigate(page);
        frame.run();
        let visit = Instant::now();
        while !frame.page_ready() && visit.elapsed().as_secs() < 60 {
            std::thread::sleep(std::time::Duration::from_millis(5));
            frame.run();
        }
        frame.scroll();
        frame.hover(1);
    }
    println!("{first_frame:.2} {usable:.2} {}", peak_kb());
}

/// Runs this binary as a child with `args` and the register of `n` activities,
/// and returns the numbers it printed.
fn child(args: &[&str], n: usize) -> Vec<f64> {
    let output = Command::new(std::env::current_exe().unwrap()).args(args).arg(bench_db(n)).output().unwrap();
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .map(|p| p.parse().unwrap_or(f64::NAN))
        .collect()
}

/// Every page at every size: one line per page and size, then the open and the
/// peak after visiting every page.
fn page_benches() {
    println!();
    println!("| page | activities | first visit | ready | later visit | scroll frame | hover frame | peak |");
    println!("|---|---|---|---|---|---|---|---|");
    for page in ui::bench::PAGES {
        for n in SIZES {
            let v = child(&["--page", page], n);
            let at = |i: usize| v.get(i).copied().unwrap_or(f64::NAN);
            println!(
                "| {page} | {n} | {:.1} ms | {:.1} ms | {:.1} ms | {:.2} ms | {:.2} ms | {:.0} MB |",
                at(0),
                at(1),
                at(2),
                at(3),
                at(4),
                at(5) / 1024.0
            );
        }
    }
    println!();
    println!("| all pages | activities | open to first frame | open to usable | peak after every page |");
    println!("|---|---|---|---|---|");
    for n in SIZES {
        let runs: Vec<Vec<f64>> = (0..3).map(|_| child(&["--all-pages"], n)).collect();
        let at = |i: usize| median(runs.iter().map(|v| v.get(i).copied().unwrap_or(f64::NAN)).collect());
        println!("| every page | {n} | {:.1} ms | {:.1} ms | {:.0} MB |", at(0), at(1), at(2) / 1024.0);
    }
}

fn bench_db(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("register-{n}.ropa"));
    if !path.exists() {
        let partial = dir.join(format!("register-{n}.partial"));
        let _ = std::fs::remove_file(&partial);
        let start = Instant::now();
        let mut store = Store::create(&partial).unwrap();
        ropa::generate::generate(&mut store, ropa::generate::Spec { activities: n, seed: 1 }).unwrap();
        drop(store);
        std::fs::rename(&partial, &path).unwrap();
        eprintln!("generated {n} activities in {:.1} s", start.elapsed().as_secs_f64());
    }
    path
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--case") {
        run_case(&args[at + 1], Path::new(&args[at + 2]));
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--page") {
        run_page(&args[at + 1], Path::new(&args[at + 2]));
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--all-pages") {
        run_all_pages(Path::new(&args[at + 1]));
        return;
    }
    let filter = args.iter().skip(1).find(|a| !a.starts_with("--")).cloned();
    if filter.as_deref() == Some("pages") {
        page_benches();
        return;
    }
    println!(
        "| case | what | 1,000 activities | 10,000 activities | peak memory at 10,000 | target at 10,000 |"
    );
    println!("|---|---|---|---|---|---|");
    for case in cases().into_iter().filter(|c| filter.as_ref().is_none_or(|f| c.name.contains(f.as_str()))) {
        let results: Vec<(f64, u64)> = SIZES
            .iter()
            .map(|&n| {
                let db = bench_db(n);
                let output = Command::new(std::env::current_exe().unwrap())
                    .args(["--case", case.name])
                    .arg(&db)
                    .output()
                    .unwrap();
                let text = String::from_utf8_lossy(&output.stdout);
                let mut parts = text.split_whitespace();
                let ms = parts.next().and_then(|p| p.parse().ok()).unwrap_or(f64::NAN);
                let kb = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
                (ms, kb)
            })
            .collect();
        let target = case.target_ms_at_10k.map_or("–".to_string(), |t| format!("< {t} ms"));
        println!(
            "| {} | {} | {:.1} ms | {:.1} ms | {} MB | {} |",
            case.name,
            case.what,
            results[0].0,
            results[1].0,
            results[1].1 / 1024,
            target
        );
    }
}
