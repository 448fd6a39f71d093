//! The law as at a day: each dated provision on both sides of its commencement,
//! through the checks, the notices and `ropa check` as a user runs it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::BTreeSet;

use ropa::checks::{self, Rule, Settings};
use ropa::law::{
    Article9Condition, LawfulBasis, LegalItem, RecognisedLegitimateInterest, Schedule1Condition,
    SpecialCategory, TransferSafeguard,
};
use ropa::model::*;
use time::Duration;
use time::macros::date;

const BEFORE_DUAA: Date = date!(2026 - 02 - 04);
const DUAA: Date = date!(2026 - 02 - 05);
const SERVICE: ServiceId = ServiceId(1);
const ACTIVITY: ActivityId = ActivityId(1);

fn activity(today: Date) -> ActivityFields {
    let mut f = ActivityFields::new(SERVICE, "Family support casework");
    f.status = ActivityStatus::Active;
    f.purposes = vec!["Provide family support".into()];
    f.data_subjects = vec!["Parents".into()];
    f.personal_data = vec!["Name".into()];
    f.lawful_bases = BTreeSet::from([LawfulBasis::PublicTask]);
    f.retention = Retention::Period { months: 72, from: "case closure".into() };
    f.security_measures = "Role-based access".into();
    f.next_review_due = Some(today + Duration::days(100));
    f
}

/// An organisation whose profile the checks find complete, so that only the
/// activity's law is in question.
fn organisation() -> Organisation {
    let contact = |name: &str, email: &str| Contact {
        name: name.into(),
        address: "Town Hall, Bootle, L20 7AE".into(),
        email: email.into(),
        telephone: "0345 140 0845".into(),
    };
    Organisation {
        controller: contact("Sefton Council", "info@sefton.gov.uk"),
        dpo: contact("Data Protection Officer", "dpo@sefton.gov.uk"),
        ico_registration: "Z5804573".into(),
        ..Organisation::default()
    }
}

fn register(fields: ActivityFields) -> Register {
    Register {
        organisation: organisation(),
        services: vec![Service {
            id: SERVICE,
            fields: ServiceFields { name: "Early Help".into(), ..Default::default() },
        }],
        activities: vec![Activity { id: ACTIVITY, version: 1, fields }],
        parties: Vec::new(),
        links: Vec::new(),
        agreements: Vec::new(),
        dpias: vec![completed_dpia()],
        ..Register::default()
    }
}

/// A completed DPIA covering the activity: the cases add high-risk processing
/// (automated decisions) and test the law of the day, not the DPIA rule.
fn completed_dpia() -> Dpia {
    let mut fields = DpiaFields::new("Early Help casework DPIA");
    fields.status = DpiaStatus::Completed;
    fields.screening = Screening::Required;
    fields.completed = Some(date!(2026 - 01 - 10));
    fields.document = "DPIA-2026-014".into();
    fields.activities = vec![ACTIVITY];
    Dpia { id: DpiaId(1), version: 1, fields }
}

/// The findings (rule id, message) for a clean activity changed by `edit`, checked
/// as at `today` for a public authority.
fn findings(today: Date, edit: impl FnOnce(&mut ActivityFields)) -> Vec<(String, String)> {
    let mut fields = activity(today);
    edit(&mut fields);
    let report = checks::run(&register(fields), &[], Settings::new(today));
    report.findings.into_iter().map(|f| (f.rule.0.to_string(), f.message)).collect()
}

fn rules(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(rule, _)| rule.as_str()).collect()
}

fn message<'a>(found: &'a [(String, String)], rule: &str) -> &'a str {
    found
        .iter()
        .find(|(r, _)| r == rule)
        .map(|(_, m)| m.as_str())
        .unwrap_or_else(|| panic!("no {rule}: {found:?}"))
}

#[test]
fn a_clean_activity_is_clean_on_both_sides_of_the_duaa() {
    assert_eq!(rules(&findings(BEFORE_DUAA, |_| {})), Vec::<&str>::new());
    assert_eq!(rules(&findings(DUAA, |_| {})), Vec::<&str>::new());
}

#[test]
fn recognised_legitimate_interest_is_not_law_before_5_february_2026() {
    let ea = |f: &mut ActivityFields| {
        f.lawful_bases = BTreeSet::from([LawfulBasis::RecognisedLegitimateInterest]);
        f.recognised_legitimate_interest = Some(RecognisedLegitimateInterest::Crime);
    };
    let before = findings(BEFORE_DUAA, ea);
    assert_eq!(rules(&before), vec!["law-not-in-force"]);
    let text = message(&before, "law-not-in-force");
    assert!(text.contains("Art 6(1)(ea) Recognised legitimate interest"), "{text}");
    assert!(text.contains("in force from 5 February 2026"), "{text}");
    assert!(text.contains("UK GDPR Annex 1 para 5"), "the Annex 1 condition is not law either: {text}");
    // From commencement the basis is law, and a public authority may not use it
    // for its tasks: the bar of Art 6(1), last sentence, now covers (ea).
    let after = findings(DUAA, ea);
    assert_eq!(rules(&after), vec!["legitimate-interests-public-authority"]);
    assert!(message(&after, "legitimate-interests-public-authority").contains("points (ea) and (f)"));
}

#[test]
fn a_recognised_legitimate_interest_needs_its_annex_1_condition_from_5_february_2026() {
    // A controller that is not a public authority, so that only Art 6(5) is in question.
    let run = |today: Date, condition: Option<RecognisedLegitimateInterest>| {
        let mut fields = activity(today);
        fields.lawful_bases = BTreeSet::from([LawfulBasis::RecognisedLegitimateInterest]);
        fields.recognised_legitimate_interest = condition;
        let settings = Settings { public_authority: false, ..Settings::new(today) };
        let report = checks::run(&register(fields), &[], settings);
        report.findings.into_iter().map(|f| (f.rule.0.to_string(), f.message)).collect::<Vec<_>>()
    };
    let missing = run(DUAA, None);
    assert_eq!(rules(&missing), vec!["recognised-legitimate-interest-no-condition"]);
    assert!(message(&missing, "recognised-legitimate-interest-no-condition").contains("Art 6(5)"));
    for &condition in RecognisedLegitimateInterest::ALL {
        assert_eq!(rules(&run(DUAA, Some(condition))), Vec::<&str>::new(), "{condition:?}");
    }
    // Before commencement (ea) itself is not law: that is the finding, not a missing condition.
    assert_eq!(rules(&run(BEFORE_DUAA, None)), vec!["law-not-in-force"]);
}

#[test]
fn the_data_protection_test_is_read_from_the_transfer_from_5_february_2026() {
    let transfer = |detail: &'static str, met: Option<bool>| {
        move |f: &mut ActivityFields| {
            f.transfers = vec![Transfer {
                destination: "India".into(),
                safeguard: Some(TransferSafeguard::Idta),
                detail: detail.into(),
                data_protection_test_met: met,
            }];
        }
    };
    // Nothing recorded: a warning from commencement, nothing before it.
    assert_eq!(rules(&findings(DUAA, transfer("", None))), vec!["transfer-data-protection-test"]);
    assert_eq!(rules(&findings(BEFORE_DUAA, transfer("", None))), Vec::<&str>::new());
    // Recorded as met: clean, even with no documentation text.
    assert_eq!(rules(&findings(DUAA, transfer("", Some(true)))), Vec::<&str>::new());
    // Recorded as not met: the safeguard does not count (an error), but only from commencement.
    let not_met = findings(DUAA, transfer("TRA-12", Some(false)));
    assert_eq!(rules(&not_met), vec!["transfer-data-protection-test-not-met"]);
    assert!(message(&not_met, "transfer-data-protection-test-not-met").contains("India"));
    assert_eq!(rules(&findings(BEFORE_DUAA, transfer("TRA-12", Some(false)))), Vec::<&str>::new());
    // A register from before the field: documentation in the detail still stands for the test.
    assert_eq!(rules(&findings(DUAA, transfer("TRA-12: test met", None))), Vec::<&str>::new());
}

#[test]
fn the_public_authority_bar_is_worded_as_in_force_on_the_day() {
    let f = |f: &mut ActivityFields| f.lawful_bases = BTreeSet::from([LawfulBasis::LegitimateInterests]);
    let before = findings(BEFORE_DUAA, f);
    let text = message(&before, "legitimate-interests-public-authority");
    assert!(text.contains("disapplies point (f)"), "{text}");
    assert!(!text.contains("(ea)"), "{text}");
    let after = findings(DUAA, f);
    assert!(message(&after, "legitimate-interests-public-authority").contains("points (ea) and (f)"));
}

#[test]
fn automated_decisions_on_special_category_data_cite_the_law_of_the_day() {
    let adm = |f: &mut ActivityFields| {
        f.automated_decision_making = Some("Eligibility score".into());
        f.special_categories = BTreeSet::from([SpecialCategory::Health]);
        f.article9_conditions = BTreeSet::from([Article9Condition::HealthOrSocialCare]);
        f.schedule1_conditions = BTreeSet::from([Schedule1Condition::HealthOrSocialCare]);
    };
    let before = findings(BEFORE_DUAA, adm);
    assert_eq!(rules(&before), vec!["adm-special-category"]);
    assert!(message(&before, "adm-special-category").contains("Art 22(4)"));
    let after = findings(DUAA, adm);
    assert_eq!(rules(&after), vec!["adm-special-category"]);
    assert!(message(&after, "adm-special-category").contains("Art 22B(1)-(3)"));
    // Explicit consent lifts the restriction on both sides.
    let with_consent = |f: &mut ActivityFields| {
        adm(f);
        f.article9_conditions.insert(Article9Condition::ExplicitConsent);
        f.consent_record = "Signed consent forms, held on the case record".into();
    };
    assert_eq!(rules(&findings(BEFORE_DUAA, with_consent)), Vec::<&str>::new());
    assert_eq!(rules(&findings(DUAA, with_consent)), Vec::<&str>::new());
}

#[test]
fn automated_decisions_on_a_recognised_legitimate_interest_are_restricted_by_article_22b4() {
    let adm = |f: &mut ActivityFields| {
        f.automated_decision_making = Some("Risk flag".into());
        f.lawful_bases = BTreeSet::from([LawfulBasis::RecognisedLegitimateInterest]);
        f.recognised_legitimate_interest = Some(RecognisedLegitimateInterest::Crime);
    };
    let mut fields = activity(DUAA);
    adm(&mut fields);
    let settings = Settings { public_authority: false, ..Settings::new(DUAA) };
    let report = checks::run(&register(fields), &[], settings);
    let found: Vec<&str> = report.findings.iter().map(|f| f.rule.0).collect();
    assert_eq!(found, vec!["adm-recognised-legitimate-interest"]);
    assert!(report.findings[0].message.contains("Art 22B(4)"));
    // Without automated decisions the rule is silent.
    let mut fields = activity(DUAA);
    fields.lawful_bases = BTreeSet::from([LawfulBasis::RecognisedLegitimateInterest]);
    fields.recognised_legitimate_interest = Some(RecognisedLegitimateInterest::Crime);
    let report = checks::run(&register(fields), &[], settings);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn rule_citations_follow_the_law_of_the_day() {
    let rule = Rule::find("adm-no-detail").unwrap();
    assert_eq!(rule.citation_on(BEFORE_DUAA), "UK GDPR Art 22, Art 13(2)(f)");
    assert_eq!(rule.citation_on(DUAA), "UK GDPR Arts 22A-22D, Art 13(2)(f)");
    let rule = Rule::find("transfer-no-safeguard").unwrap();
    assert!(rule.citation_on(BEFORE_DUAA).contains("Arts 44-46"));
    assert!(rule.citation_on(DUAA).contains("44A, 45A"));
    let unchanged = Rule::find("purposes-missing").unwrap();
    assert_eq!(unchanged.citation_on(DUAA), unchanged.citation);
    let adm = findings(DUAA, |f| f.automated_decision_making = Some(" ".into()));
    assert!(message(&adm, "adm-no-detail").contains("Arts 22A-22D"));
    let adm = findings(BEFORE_DUAA, |f| f.automated_decision_making = Some(" ".into()));
    assert!(message(&adm, "adm-no-detail").contains("UK GDPR Art 22,"));
}

#[test]
fn criminal_offence_data_may_be_processed_under_official_authority() {
    let criminal =
        |f: &mut ActivityFields| f.criminal_offence_data = Some("Offences disclosed by police".into());
    assert_eq!(rules(&findings(DUAA, criminal)), vec!["criminal-no-sch1"]);
    let official = |f: &mut ActivityFields| {
        criminal(f);
        f.legislation = vec!["Children Act 1989 s.47".into()];
    };
    let found = findings(DUAA, official);
    assert_eq!(rules(&found), vec!["criminal-official-authority"]);
    assert!(message(&found, "criminal-official-authority").contains("Children Act 1989 s.47"));
}

#[test]
fn the_policy_document_fix_names_the_schedule_s_own_exception() {
    let mut fields = activity(DUAA);
    fields.criminal_offence_data = Some("Offences".into());
    fields.schedule1_conditions = BTreeSet::from([Schedule1Condition::PreventingOrDetectingUnlawfulActs]);
    let report = checks::run(&register(fields), &[], Settings::new(DUAA));
    let finding = report.findings.iter().find(|f| f.rule.0 == "apd-missing").unwrap();
    assert!(finding.fix.contains("para 10(2)"), "{}", finding.fix);
    // Journalism (para 13(3)) never needs one.
    let mut fields = activity(DUAA);
    fields.criminal_offence_data = Some("Offences".into());
    fields.schedule1_conditions = BTreeSet::from([Schedule1Condition::Journalism]);
    let report = checks::run(&register(fields), &[], Settings::new(DUAA));
    assert!(report.findings.iter().all(|f| f.rule.0 != "apd-missing"), "{:?}", report.findings);
}

#[test]
fn the_law_offered_is_the_law_in_force() {
    assert!(!LawfulBasis::offered_on(BEFORE_DUAA).contains(&LawfulBasis::RecognisedLegitimateInterest));
    assert!(LawfulBasis::offered_on(DUAA).contains(&LawfulBasis::RecognisedLegitimateInterest));
    assert_eq!(LawfulBasis::PublicTask.citation_on(BEFORE_DUAA), "Art 6(1)(e)");
}

fn ropa(args: &[&str], db: &std::path::Path) -> (Option<i32>, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).arg(db).output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap())
}

/// Adds 6(1)(f) to one of the demo's activities whose controller is the council
/// itself, so that the public-authority bar, worded by the law of the day, applies.
fn rely_on_legitimate_interests(db: &std::path::Path) {
    let mut store = ropa::Store::open(db).unwrap();
    let register = store.load_register().unwrap();
    let own = |a: &&Activity| {
        register.service(a.fields.service_id).is_some_and(|s| s.fields.controller.trim().is_empty())
    };
    let activity = register.activities.iter().find(own).expect("an activity of the council's own");
    let mut fields = activity.fields.clone();
    fields.lawful_bases.insert(LawfulBasis::LegitimateInterests);
    let links: Vec<LinkDraft> = register
        .links
        .iter()
        .filter(|l| l.activity_id == activity.id)
        .map(|l| LinkDraft { id: Some(l.id), fields: l.fields.clone() })
        .collect();
    store.update_activity(activity.id, activity.version, &fields, &links).unwrap();
}

#[test]
fn ropa_check_applies_the_law_of_the_day_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.ropa");
    let (code, _) = ropa(&["demo", "--out"], &db);
    assert_eq!(code, Some(0));
    rely_on_legitimate_interests(&db);

    let (_, before) = ropa(&["check", "--today", "2025-12-01", "--db"], &db);
    assert!(before.contains("Law current to 1 December 2026."), "{before}");
    assert!(!before.contains("are not known"), "{before}");
    assert!(before.contains("disapplies point (f)"), "{before}");
    assert!(!before.contains("points (ea) and (f)"), "{before}");

    let (_, after) = ropa(&["check", "--today", "2026-12-01", "--db"], &db);
    assert!(after.contains("Law current to 1 December 2026."), "{after}");
    assert!(after.contains("points (ea) and (f)"), "{after}");
    assert!(!after.contains("disapplies point (f)"), "{after}");

    let (_, later) = ropa(&["check", "--today", "2027-03-01", "--db"], &db);
    assert!(
        later.contains("changes to the law after 1 December 2026 are not known to this register"),
        "{later}"
    );
}

#[test]
fn the_currency_of_the_law_is_in_the_ico_csv_contact_block() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.ropa");
    let out = dir.path().join("ico.csv");
    let (code, _) = ropa(&["demo", "--out"], &db);
    assert_eq!(code, Some(0));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["export", "--format", "ico-csv", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(&out).unwrap();
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    let law = rows.iter().take(8).find(|row| row.first().is_some_and(|c| c == "Law current to")).unwrap();
    assert_eq!(law.get(1).map(String::as_str), Some("1 December 2026"));
    assert_eq!(LawfulBasis::PublicTask.code(), "public_task");
}

/// The ICO layout of a register with 6(1)(e) and a transfer under adequacy,
/// exported as at `day`: the CSV's rows, and the workbook's register sheet.
mod ico_exports_as_at {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use ropa::export::{ExportContext, Format, NoProgress, Options, write_in};

    fn fields() -> ActivityFields {
        let mut f = activity(DUAA);
        f.transfers = vec![Transfer {
            destination: "Japan".into(),
            safeguard: Some(TransferSafeguard::Adequacy),
            detail: String::new(),
            data_protection_test_met: None,
        }];
        f
    }

    fn export(format: Format, day: Date) -> Vec<u8> {
        let context = ExportContext { today: Some(day), ..ExportContext::default() };
        // Generated on 1 December 2026: the as-at day, not the day of writing, decides the law.
        let options = Options::at(time::macros::datetime!(2026-12-01 12:00 UTC));
        let mut out = Vec::new();
        write_in(&register(fields()), &context, format, &options, &mut out, &mut NoProgress).unwrap();
        out
    }

    /// The activity's row (its name in the column after AD).
    fn csv_row(day: Date) -> Vec<String> {
        let bytes = export(Format::IcoCsv, day);
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes.as_slice());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
            .find(|row| row.get(30).is_some_and(|c| c == "Family support casework"))
            .unwrap()
    }

    fn xlsx_row(day: Date) -> Vec<String> {
        let bytes = export(Format::IcoXlsx, day);
        let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let name = workbook.sheet_names()[0].clone();
        let range = workbook.worksheet_range(&name).unwrap();
        range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Data::String(text) => text.clone(),
                        Data::Empty => String::new(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
            })
            .find(|row| row.get(30).is_some_and(|c| c == "Family support casework"))
            .unwrap()
    }

    /// Columns I (safeguards) and AA (the bases' wording) of a row.
    fn law_cells(row: &[String]) -> (&str, &str) {
        (row[8].as_str(), row[26].as_str())
    }

    /// The full PDF report's text (pdftotext), without its line breaks.
    fn pdf_text(day: Date) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        std::fs::write(&path, export(Format::Pdf, day)).unwrap();
        let output = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils, installed by scripts/install-debian-packages.sh test)");
        String::from_utf8_lossy(&output.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_pdf_reports_detail_pages_quote_the_law_of_the_export_s_day() {
        let before = pdf_text(BEFORE_DUAA);
        assert!(before.contains("a task carried out in the public interest"), "the old Art 6(1)(e)");
        assert!(!before.contains("task of the controller carried out"));
        let after = pdf_text(DUAA);
        assert!(
            after.contains("a task of the controller carried out in the public interest"),
            "DUAA's 6(1)(e)"
        );
    }

    #[test]
    fn the_ico_csv_and_workbook_quote_the_law_of_the_export_s_day() {
        for row in [csv_row(BEFORE_DUAA), xlsx_row(BEFORE_DUAA)] {
            let (safeguards, wording) = law_cells(&row);
            assert!(safeguards.contains("Art 45; DPA 2018 s.17A"), "{safeguards}");
            assert!(!safeguards.contains("45A"), "{safeguards}");
            assert!(wording.contains("a task carried out in the public interest"), "{wording}");
            assert!(!wording.contains("task of the controller"), "{wording}");
        }
        for row in [csv_row(DUAA), xlsx_row(DUAA)] {
            let (safeguards, wording) = law_cells(&row);
            assert!(safeguards.contains("Art 45A"), "{safeguards}");
            assert!(
                wording.contains("a task of the controller carried out in the public interest"),
                "{wording}"
            );
        }
    }
}

mod notices {
    use super::*;
    use ropa::notice::{self, ExtraText, Notice, Options, Outcome, Scope, SectionKey, Template};

    fn notice(fields: ActivityFields, today: Date) -> Notice {
        let options = Options { today, public_authority: true };
        notice::build(
            &register(fields),
            Scope::Service(SERVICE),
            &Template::default(),
            &ExtraText::default(),
            options,
        )
        .unwrap()
    }

    fn text(notice: &Notice, key: SectionKey) -> String {
        notice.section(key).unwrap().plain_lines().join("\n")
    }

    #[test]
    fn the_complaints_duty_is_explained_from_19_june_2026() {
        let before = notice(activity(date!(2026 - 06 - 18)), date!(2026 - 06 - 18));
        assert!(!text(&before, SectionKey::Complaints).contains("164A"));
        let after = notice(activity(date!(2026 - 06 - 19)), date!(2026 - 06 - 19));
        let complaints = text(&after, SectionKey::Complaints);
        assert!(complaints.contains("section 164A of the Data Protection Act 2018"), "{complaints}");
        assert!(complaints.contains("within 30 days"), "{complaints}");
    }

    #[test]
    fn automated_decisions_are_explained_in_the_law_of_the_day() {
        let adm = |today| {
            let mut f = activity(today);
            f.automated_decision_making = Some("We score referrals to prioritise them".into());
            notice(f, today)
        };
        let before = text(&adm(BEFORE_DUAA), SectionKey::AutomatedDecisions);
        assert!(before.contains("Article 22(3)"), "{before}");
        let after = text(&adm(DUAA), SectionKey::AutomatedDecisions);
        assert!(after.contains("Article 22C"), "{after}");
        let rights = text(&adm(DUAA), SectionKey::Rights);
        assert!(rights.contains("Articles 22A-22D UK GDPR"), "{rights}");
        assert!(rights.contains("(Article 12A UK GDPR)"), "{rights}");
        let old_rights = text(&adm(BEFORE_DUAA), SectionKey::Rights);
        assert!(!old_rights.contains("Article 12A"), "{old_rights}");
        assert!(rights.contains("compelling legitimate grounds"), "{rights}");
    }

    #[test]
    fn a_notice_says_the_law_it_follows() {
        let n = notice(activity(DUAA), DUAA);
        let contact = text(&n, SectionKey::Contact);
        assert!(contact.contains("law in force on 5 February 2026"), "{contact}");
        assert!(contact.contains("Law current to 1 December 2026."), "{contact}");
    }

    #[test]
    fn a_notice_with_no_retention_period_is_blocked() {
        let mut fields = activity(DUAA);
        fields.retention = Retention::NotStated;
        let outcome =
            notice::generate(&Snapshot::new(register(fields)), Scope::Service(SERVICE), DUAA, false).unwrap();
        let Outcome::Blocked(reasons) = outcome else { panic!("not blocked: {outcome:?}") };
        assert!(reasons.iter().any(|r| r.rule == "notice-retention-not-set"), "{reasons:?}");
        // With a retention period (and its source, without which it is also
        // blocked) the notice is ready.
        let mut register = register(activity(DUAA));
        register.parties.push(Party {
            id: PartyId(1),
            version: 1,
            fields: PartyFields::new("The families themselves", PartyKind::DataSubjects),
        });
        register.links.push(Link {
            id: LinkId(1),
            activity_id: ACTIVITY,
            fields: LinkFields::new(PartyId(1), Direction::Source),
        });
        let outcome =
            notice::generate(&Snapshot::new(register), Scope::Service(SERVICE), DUAA, false).unwrap();
        assert!(matches!(outcome, Outcome::Ready(_)), "{outcome:?}");
    }
}

#[test]
fn article_46_safeguards_need_the_data_protection_test_from_5_february_2026() {
    let idta = |f: &mut ActivityFields| {
        f.transfers = vec![Transfer {
            destination: "United States".into(),
            safeguard: Some(ropa::law::TransferSafeguard::Idta),
            detail: String::new(),
            data_protection_test_met: None,
        }];
    };
    assert_eq!(rules(&findings(BEFORE_DUAA, idta)), Vec::<&str>::new());
    let after = findings(DUAA, idta);
    assert_eq!(rules(&after), vec!["transfer-data-protection-test"]);
    assert!(message(&after, "transfer-data-protection-test").contains("Art 46(1A)"));
    let adequacy = |f: &mut ActivityFields| {
        f.transfers = vec![Transfer {
            destination: "Ireland".into(),
            safeguard: Some(ropa::law::TransferSafeguard::Adequacy),
            detail: String::new(),
            data_protection_test_met: None,
        }];
    };
    assert_eq!(rules(&findings(DUAA, adequacy)), Vec::<&str>::new());
}

#[test]
fn the_pdf_cover_says_what_law_it_applies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.ropa");
    let pdf = dir.path().join("register.pdf");
    let (code, _) = ropa(&["demo", "--out"], &db);
    assert_eq!(code, Some(0));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["export", "--format", "pdf-table", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&pdf)
        .status()
        .unwrap();
    assert!(status.success());
    let output = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext is needed ({e}); run scripts/test.sh, which installs poppler-utils")
        });
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Law current to 1 December 2026."), "{}", &text[..text.len().min(2000)]);
}

/// Art 44 is omitted from 5 February 2026 (DUAA Sch 7 para 2(1)); Art 44A
/// replaces it. A disclosure to an international organisation with no transfer
/// recorded cites the article in force, and its fix the Art 46(2)(a) wording.
#[test]
fn an_international_organisation_with_no_transfer_cites_art_44a_from_5_february_2026() {
    let found = |today: Date| {
        let mut register = register(activity(today));
        register.parties.push(Party {
            id: PartyId(1),
            version: 1,
            fields: PartyFields::new("World Health Organization", PartyKind::InternationalOrganisation),
        });
        register.links.push(Link {
            id: LinkId(1),
            activity_id: ACTIVITY,
            fields: LinkFields::new(PartyId(1), Direction::Recipient),
        });
        let report = checks::run(&register, &[], Settings::new(today));
        let finding = report
            .findings
            .into_iter()
            .find(|f| f.rule.0 == "international-organisation-no-transfer")
            .unwrap_or_else(|| panic!("no finding on {today}"));
        (finding.message, finding.fix)
    };
    let (before, before_fix) = found(BEFORE_DUAA);
    assert!(before.contains("(UK GDPR Art 44, Art 30(1)(e))"), "{before}");
    assert!(before_fix.contains("between public authorities or bodies"), "{before_fix}");
    let (after, after_fix) = found(DUAA);
    assert!(after.contains("(UK GDPR Art 44A, Art 30(1)(e))"), "{after}");
    assert!(after_fix.contains("between a public body and another relevant person"), "{after_fix}");
    let rule = Rule::find("international-organisation-no-transfer").unwrap();
    assert_eq!(rule.citation_on(BEFORE_DUAA), "UK GDPR Art 44, Art 30(1)(e)");
    assert_eq!(rule.citation_on(DUAA), "UK GDPR Art 44A, Art 30(1)(e)");
}
