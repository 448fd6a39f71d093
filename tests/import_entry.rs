//! One entry point reads every import file, for `ropa import` and the app alike
//! (`file_commands::read_import_file`): the same size limit, detection and
//! review-pack recognition (issue 16).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::process::Command;

use ropa::Store;
use ropa::file_commands::{ImportFile, read_import_file};
use ropa::import::detect::Layout;
use ropa::import::mapping::MappingInput;

fn no_mapping() -> MappingInput<'static> {
    MappingInput { given: None, memory: None }
}

#[test]
fn a_file_over_the_limit_is_refused_by_name_before_it_is_read_by_both_edges() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("everything.csv");
    // Sparse: the size is what counts, and nothing is read.
    std::fs::File::create(&big).unwrap().set_len(ropa::import::MAX_FILE_BYTES as u64 + 1).unwrap();
    let register = Store::in_memory().unwrap().load_register().unwrap();
    let error = read_import_file(&big, &register, None, no_mapping()).unwrap_err().to_string();
    assert!(error.contains("everything.csv") && error.contains("larger than 200 MB"), "{error}");

    let db = dir.path().join("council.ropa");
    let output = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["import", "--db", db.to_str().unwrap(), big.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let shown = String::from_utf8_lossy(&output.stderr);
    assert!(shown.contains("larger than 200 MB"), "the CLI says the same: {shown}");
    assert!(!db.exists(), "no register was created");
}

#[test]
fn a_review_pack_is_recognised_as_one_even_when_read_as_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("council.ropa")).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    let service = register.services.iter().find(|s| s.fields.name == "Early Help").unwrap().id;
    let pack = dir.path().join("pack.xlsx");
    let today = time::macros::date!(2026 - 12 - 01);
    std::fs::write(&pack, ropa::review_pack::write_pack(&register, service, today, "Officer").unwrap())
        .unwrap();
    for layout in [None, Some(Layout::Workbook)] {
        let read = read_import_file(&pack, &register, layout, no_mapping()).unwrap();
        assert!(matches!(read, ImportFile::ReviewPack(_)), "{layout:?}");
    }
    let forced = read_import_file(&pack, &register, Some(Layout::Json), no_mapping());
    assert!(forced.is_err(), "read as another layout, it is not taken for a register");
}
