#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.
//! `ropa ask` answers the Flows page's ready questions from the command line with
//! the page's own answer (`flows::answers::answer`), as CSV.

use std::path::Path;
use std::process::{Command, Output};

use ropa::Store;
use ropa::flows::answers::{self, Asked, Question};
use ropa::model::Register;
use time::macros::date;

fn demo_file(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.ropa");
    let mut store = Store::create(&db).unwrap();
    ropa::demo::populate(&mut store).unwrap();
    db
}

fn ask(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa")).arg("ask").arg("--db").arg(db).args(args).output().unwrap()
}

/// The library's answer written as the CLI writes it.
fn library_csv(register: &Register, asked: &Asked) -> String {
    let mut bytes = Vec::new();
    ropa::export::answer_csv::write(&answers::answer(register, asked), false, &mut bytes).unwrap();
    String::from_utf8(bytes).unwrap()
}

fn parsed(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn every_ready_question_prints_the_flows_pages_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let register = Store::open(&db).unwrap().load_register().unwrap();
    let gmp = register.parties.iter().find(|p| p.fields.name == "Greater Manchester Police").unwrap().id;
    let today = date!(2026 - 11 - 22);
    for question in Question::READY {
        let mut args = vec![question.code(), "--today", "2026-11-22", "--days", "400"];
        let mut asked = Asked { days: 400, ..Asked::new(question, today) };
        if question == Question::PartyFlows {
            args.extend(["--party", "greater manchester police"]);
            asked.party = Some(gmp);
        }
        let output = ask(&db, &args);
        assert!(output.status.success(), "{question:?}: {}", String::from_utf8_lossy(&output.stderr));
        let printed = String::from_utf8(output.stdout).unwrap();
        let expected = library_csv(&register, &asked);
        assert_eq!(printed, expected, "{question:?}");
        let rows = parsed(&printed);
        assert!(rows.len() > 1 || question == Question::AgreementsEnding, "{question:?} answered no rows");
    }
}

#[test]
fn service_narrows_and_out_writes_the_csv_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let register = Store::open(&db).unwrap().load_register().unwrap();
    let out = dir.path().join("recipients.csv");
    let output =
        ask(&db, &["special-category-recipients", "--service", "early help", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let written = std::fs::read_to_string(&out).unwrap();
    let rows = parsed(&written);
    assert!(rows.len() > 1, "Early Help has special category recipients");
    assert!(rows[1..].iter().all(|row| row[0] == "Early Help"), "only Early Help's links: {rows:?}");
    let early_help = register.services.iter().find(|s| s.fields.name == "Early Help").unwrap().id;
    let asked = Asked {
        service: Some(early_help),
        ..Asked::new(Question::SpecialCategoryRecipients, date!(2026 - 11 - 22))
    };
    assert_eq!(written, library_csv(&register, &asked));
    let whole = parsed(&library_csv(
        &register,
        &Asked::new(Question::SpecialCategoryRecipients, date!(2026 - 11 - 22)),
    ));
    assert!(whole.len() > rows.len(), "the whole register has more");
}

#[test]
fn unknown_questions_parties_and_a_missing_party_fail_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let output = ask(&db, &["who-knows"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("special-category-recipients"), "lists the questions: {stderr}");
    let output = ask(&db, &["party-flows"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("needs --party"));
    let output = ask(&db, &["party-flows", "--party", "No Such Body"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("No Such Body"));
    let before = std::fs::read(&db).unwrap();
    let _ = ask(&db, &["links-without-agreement"]);
    assert_eq!(std::fs::read(&db).unwrap(), before, "asking changes nothing");
}
