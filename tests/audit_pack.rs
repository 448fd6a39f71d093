//! The audit pack (`export::audit_pack`): every file an auditor asks for, a manifest
//! that `sha256sum -c` accepts and that catches a changed file, and a folder that is
//! written whole or not at all.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::Path;
use std::process::Command;

use ropa::Store;
use ropa::export::Options;
use ropa::export::audit_pack::{PackFile, build, write_pack};
use ropa::model::Register;
use time::macros::datetime;

fn demo() -> (Store, Register) {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    (store, register)
}

/// The pack of the store's snapshot, as at the day it is made.
fn pack(store: &mut Store) -> Vec<PackFile> {
    build(&store.snapshot().unwrap(), &Options::at(datetime!(2026-12-01 09:00 UTC))).unwrap()
}

fn sha256sum_check(dir: &Path) -> (bool, String) {
    let output =
        Command::new("sha256sum").args(["-c", "--strict", "MANIFEST.txt"]).current_dir(dir).output().unwrap();
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn the_pack_holds_every_file_and_its_manifest_checks() {
    let (mut store, register) = demo();
    let files = pack(&mut store);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack");
    write_pack(&out, &files).unwrap();

    for expected in [
        "register-ico.csv",
        "register-report.pdf",
        "findings.csv",
        "links.csv",
        "register.json",
        "flow-map.svg",
    ] {
        assert!(out.join(expected).is_file(), "{expected} missing");
    }
    for (index, service) in register.services.iter().enumerate() {
        let notices: Vec<String> = std::fs::read_dir(out.join("notices"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(&format!("service-{}-", index + 1)))
            .collect();
        assert_eq!(
            notices.len(),
            1,
            "{}: one notice or one blocked note, got {notices:?}",
            service.fields.name
        );
        let flow_maps = std::fs::read_dir(out.join("flow-maps")).unwrap().count();
        assert_eq!(flow_maps, register.services.len());
    }
    // The ICO CSV parses and holds every activity.
    let csv = std::fs::read_to_string(out.join("register-ico.csv")).unwrap();
    for activity in &register.activities {
        assert!(
            csv.contains(activity.fields.name.trim()),
            "{} missing from the ICO CSV",
            activity.fields.name
        );
    }
    // A notice that is there is a real notice of that service.
    let notices = out.join("notices");
    let html_notice = std::fs::read_dir(&notices)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "html"));
    if let Some(path) = html_notice {
        let html = std::fs::read_to_string(path).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
    }
    // The manifest lists every other file once and ends with the pack's facts.
    let manifest = std::fs::read_to_string(out.join("MANIFEST.txt")).unwrap();
    let listed: Vec<&str> = manifest.lines().filter(|l| !l.starts_with('#')).map(|l| &l[66..]).collect();
    assert_eq!(listed.len(), files.len() - 1, "every file but the manifest is listed");
    let head = store.log_head().unwrap();
    assert!(manifest.contains(&format!("# Change log: {head} (check with")), "{manifest}");
    assert!(csv.contains(&head.to_string()), "the ICO CSV carries the head the manifest records");
    assert!(manifest.contains("# Register as at: 2026-12-01"));
    assert!(manifest.contains("# Law applied: UK GDPR and the DPA 2018 as in force on 1 December 2026."));
    assert!(manifest.contains("Law current to 1 December 2026."));
    let (ok, report) = sha256sum_check(&out);
    assert!(ok, "sha256sum -c failed:\n{report}");
    assert_eq!(report.lines().filter(|l| l.ends_with(": OK")).count(), listed.len());
}

#[test]
fn the_manifest_catches_a_changed_file() {
    let (mut store, _) = demo();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack");
    write_pack(&out, &pack(&mut store)).unwrap();
    let path = out.join("findings.csv");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("an extra row,\r\n");
    std::fs::write(&path, text).unwrap();
    let (ok, report) = sha256sum_check(&out);
    assert!(!ok, "a changed file passed the manifest:\n{report}");
    assert!(report.contains("findings.csv: FAILED"), "{report}");
}

#[test]
fn the_pdf_report_in_the_pack_is_the_register() {
    let (mut store, register) = demo();
    let files = pack(&mut store);
    let pdf = files.iter().find(|f| f.path == "register-report.pdf").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let output = Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains(register.organisation.controller.name.trim()), "the report names the organisation");
}

#[test]
fn an_existing_folder_is_never_replaced() {
    let (mut store, _) = demo();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("earlier.txt"), "an earlier pack").unwrap();
    let error = write_pack(&out, &pack(&mut store)).unwrap_err();
    assert!(error.to_string().contains("already exists"), "{error}");
    assert_eq!(std::fs::read_to_string(out.join("earlier.txt")).unwrap(), "an earlier pack");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing else is left beside it");
}

#[test]
fn a_failed_pack_leaves_no_half_folder() {
    let (mut store, _) = demo();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack");
    let mut files = pack(&mut store);
    // A file whose path climbs out of the pack fails part-way through the write.
    files.push(PackFile { path: "../escape.txt".into(), bytes: b"x".to_vec() });
    assert!(write_pack(&out, &files).is_err());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "a failed pack left {left:?}");
}

fn ropa(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).output().unwrap()
}

#[test]
fn ropa_audit_pack_writes_a_pack_that_checks_and_refuses_to_replace_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.ropa");
    let db = db.to_str().unwrap();
    assert!(ropa(&["demo", "--out", db]).status.success());
    let out = dir.path().join("pack");
    let out = out.to_str().unwrap();
    let written = ropa(&["audit-pack", "--db", db, "--out", out, "--as-at", "2026-12-01"]);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    assert!(String::from_utf8_lossy(&written.stdout).contains("as at 2026-12-01"));
    let (ok, report) = sha256sum_check(Path::new(out));
    assert!(ok, "{report}");
    let manifest = std::fs::read_to_string(Path::new(out).join("MANIFEST.txt")).unwrap();
    assert!(manifest.contains("# Register as at: 2026-12-01"));
    // The head the pack records is the register's, and `ropa verify --head` accepts it.
    let head = manifest.lines().find_map(|l| l.strip_prefix("# Change log: ")).unwrap();
    let head = head.split(" (").next().unwrap();
    assert!(head.starts_with("head "), "{head}");
    let verified = ropa(&["verify", "--db", db, "--head", head]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));
    let csv = std::fs::read_to_string(Path::new(out).join("register-ico.csv")).unwrap();
    assert!(csv.contains(head), "the ICO CSV in the pack carries the same head");

    let again = ropa(&["audit-pack", "--db", db, "--out", out]);
    assert!(!again.status.success(), "a second pack over the first must be refused");
    assert!(String::from_utf8_lossy(&again.stderr).contains(out), "the refusal names the folder");
    assert!(sha256sum_check(Path::new(out)).0, "the first pack is untouched");
}
