//! Privacy notices written from the register: every fact the register holds for
//! a service reaches its notice, rights follow the lawful basis, the HTML is
//! valid and escaped, edits survive regeneration, and error-level findings block
//! a notice unless overridden.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::BTreeSet;
use std::process::Command;

use ropa::law::{LawfulBasis, LegalItem, SpecialCategory};
use ropa::model::*;
use ropa::notice::{
    self, Block, ExtraText, Notice, Options, Outcome, ParagraphKey, Scope, SectionKey, Template,
};
use ropa::{Error, Store};
use time::macros::date;

const TODAY: Date = date!(2026 - 11 - 22);

fn demo() -> (Store, Register) {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let register = store.load_register().unwrap();
    (store, register)
}

fn service_id(register: &Register, name: &str) -> ServiceId {
    register.services.iter().find(|s| s.fields.name == name).unwrap_or_else(|| panic!("no service {name}")).id
}

fn options() -> Options {
    Options { today: TODAY, public_authority: true }
}

fn build(register: &Register, service: ServiceId) -> Notice {
    notice::build(register, Scope::Service(service), &Template::default(), &ExtraText::default(), options())
        .unwrap()
}

/// The section's text, lower-cased, one line per paragraph, heading or bullet.
fn section_text(notice: &Notice, key: SectionKey) -> String {
    notice
        .section(key)
        .unwrap_or_else(|| panic!("no section {key:?}"))
        .plain_lines()
        .join("\n")
        .to_lowercase()
}

/// The section's bullet items, lower-cased.
fn bullets(notice: &Notice, key: SectionKey) -> Vec<String> {
    notice.section(key).unwrap().bullet_items().iter().map(|item| item.to_lowercase()).collect()
}

/// Every item of `expected` appears in `found` (as a whole bullet when
/// `whole_item`, otherwise at the start of one); lists what is missing.
fn assert_listed(what: &str, service: &str, expected: &[String], found: &[String]) {
    let missing: Vec<&String> = expected
        .iter()
        .filter(|item| {
            let item = item.trim().to_lowercase();
            !found.iter().any(|bullet| bullet == &item || bullet.starts_with(&format!("{item}:")))
                && !found.iter().any(|bullet| bullet.starts_with(&format!("{item},")))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "{service}: {what} missing from the notice: {missing:?}\nnotice has: {found:#?}"
    );
}

#[test]
fn every_demo_notice_lists_what_the_register_holds_list_by_list() {
    let (_store, register) = demo();
    assert_eq!(register.services.len(), 5);
    for service in &register.services {
        let name = service.fields.name.as_str();
        let notice = build(&register, service.id);
        // A notice covers what is happening: every activity that is not retired.
        let activities: Vec<&Activity> = register
            .activities
            .iter()
            .filter(|a| a.fields.service_id == service.id && a.fields.status != ActivityStatus::Retired)
            .collect();
        assert!(!activities.is_empty());
        for retired in register.activities.iter().filter(|a| a.fields.status == ActivityStatus::Retired) {
            assert!(!notice.plain_text().contains(&retired.fields.name), "{name}: retired activity listed");
        }

        let data: Vec<String> = activities
            .iter()
            .flat_map(|a| a.fields.personal_data.iter().chain(&a.fields.other_special_items).cloned())
            .collect();
        assert_listed("data category", name, &data, &bullets(&notice, SectionKey::PersonalInformation));
        let special: Vec<String> = activities
            .iter()
            .flat_map(|a| a.fields.special_categories.iter().map(|c| c.title().to_string()))
            .collect();
        assert_listed("special category", name, &special, &bullets(&notice, SectionKey::PersonalInformation));
        let subjects: Vec<String> = activities.iter().flat_map(|a| a.fields.data_subjects.clone()).collect();
        assert_listed("data subject", name, &subjects, &bullets(&notice, SectionKey::PersonalInformation));
        let personal = section_text(&notice, SectionKey::PersonalInformation);
        for activity in &activities {
            if let Some(detail) = &activity.fields.criminal_offence_data {
                assert!(personal.contains("criminal offences"), "{name}: criminal offence data not stated");
                assert!(personal.contains(&detail.to_lowercase()), "{name}: {detail}");
            }
        }

        let purposes: Vec<String> = activities.iter().flat_map(|a| a.fields.purposes.clone()).collect();
        assert_listed("purpose", name, &purposes, &bullets(&notice, SectionKey::Purposes));

        let lawful = section_text(&notice, SectionKey::LawfulBasis);
        for activity in &activities {
            let fields = &activity.fields;
            let citations = fields
                .lawful_bases
                .iter()
                .map(|b| b.citation().to_string())
                .chain(fields.article9_conditions.iter().map(|c| c.citation().to_string()));
            for citation in citations {
                let public = citation.replacen("Art ", "Article ", 1).to_lowercase();
                assert!(lawful.contains(&format!("({public} uk gdpr)")), "{name}: {citation} missing");
            }
            for condition in &fields.schedule1_conditions {
                let paragraph = condition.citation().rsplit(' ').next().unwrap();
                assert!(
                    lawful.contains(&format!("schedule 1, paragraph {paragraph})")),
                    "{name}: {condition}"
                );
            }
        }
        let legislation: Vec<String> = activities.iter().flat_map(|a| a.fields.legislation.clone()).collect();
        assert_listed("legislation", name, &legislation, &bullets(&notice, SectionKey::LawfulBasis));

        for (direction, key) in
            [(Direction::Source, SectionKey::Sources), (Direction::Recipient, SectionKey::Sharing)]
        {
            let mut parties = Vec::new();
            let mut from_subjects = false;
            for activity in &activities {
                for link in register.links_of(activity.id, direction) {
                    let party = register.party(link.fields.party_id).unwrap();
                    if party.fields.kind == PartyKind::DataSubjects {
                        from_subjects = true;
                    } else if party.fields.internal_service != Some(service.id) {
                        parties.push(party.fields.name.clone());
                    }
                }
            }
            assert_listed(&format!("{direction:?}"), name, &parties, &bullets(&notice, key));
            if from_subjects {
                assert!(section_text(&notice, key).contains("from you"), "{name}: data subjects as a source");
            }
        }

        let retention = section_text(&notice, SectionKey::Retention);
        for activity in &activities {
            let words = activity.fields.retention.describe().to_lowercase();
            assert!(retention.contains(words.trim()), "{name}: retention {words:?} missing");
        }
    }
}

/// What each seed notice states, written here (the tests never read the seeds):
/// the notice generated from the demo register must say it too.
#[test]
fn demo_notices_state_what_the_seed_notices_state() {
    let (_store, register) = demo();
    let check = |service: &str, expected: &[&str]| {
        let text = build(&register, service_id(&register, service)).plain_text();
        for phrase in expected {
            assert!(text.contains(phrase), "{service}: the notice does not say {phrase:?}");
        }
    };
    check(
        "Early Help",
        &[
            "Manchester City Council",
            "Names",
            "Email addresses",
            "Nationality",
            "Racial or ethnic origin",
            "Religious or philosophical beliefs",
            "To keep our records and accounts up to date",
            "(Article 6(1)(e) UK GDPR)",
            "(Article 9(2)(b) UK GDPR)",
            "Greater Manchester Police",
            "Victim Support",
            "Youth Justice and Probation Services",
            "Counselling services",
            "Office for National Statistics (ONS)",
            "National Crime Agency",
            "Our retention schedule sets out how long we keep personal information for.",
        ],
    );
    check(
        "North West Regional Strategic Migration Partnership (NWRSMP)",
        &[
            "Home Office",
            "UNHCR",
            "International Organization for Migration",
            "Refugee Action",
            "Serco",
            "Migrant Help",
            "Ministry of Defence",
            "Asylum and Immigration Act 1996",
            "Immigration, Asylum and Nationality Act 2006",
            "(Article 6(1)(d) UK GDPR)",
            "(Article 9(2)(a) UK GDPR)",
            "(Article 9(2)(h) UK GDPR)",
            "Biometric data (for identification)",
            "First language",
        ],
    );
    check(
        "Performance, Research and Intelligence",
        &[
            "School(s) attended",
            "Your GP clinic",
            "Political opinions",
            "criminal history",
            "(Article 6(1)(c) UK GDPR)",
            "(Article 9(2)(g) UK GDPR)",
            "Children and Families",
            "Revenues and Benefits",
            "HM Land Registry",
            "Welfare Call",
            "Ofsted",
            "To respond to Freedom of Information and Subject Access Requests.",
        ],
    );
    check(
        "Sefton@work",
        &[
            "Sefton Council",
            "National insurance number",
            "Equality Act 2010 s.149",
            "(Article 6(1)(a) UK GDPR)",
            "Sefton Adult and Community Learning",
            "We keep it for 1 year from last contact.",
            "you can withdraw it at any time",
        ],
    );
    check(
        "North West Regional Strategic Migration Partnership (NWRSMP)",
        &["you can withdraw it at any time", "as a local authority"],
    );
    check(
        "Well-being and work for refugee integration",
        &[
            "We need it to carry out a task in the public interest, or to use official powers we have been given \
             (Article 6(1)(e) UK GDPR).",
            "East of England LGA Strategic Migration Partnership",
            "UK Responsible Authority (UKRA)",
            "Ecorys",
            "Google (Google Analytics)",
            "United States",
            "8 years",
            "(Article 6(1)(b) UK GDPR)",
            "(Article 6(1)(f) UK GDPR)",
        ],
    );
}

/// A one-activity register relying on `bases`.
fn register_with(bases: &[LawfulBasis]) -> Register {
    let mut fields = ActivityFields::new(ServiceId(1), "Casework");
    fields.status = ActivityStatus::Active;
    fields.lawful_bases = bases.iter().copied().collect();
    fields.purposes = vec!["Casework".into()];
    Register {
        organisation: Organisation {
            controller: Contact { name: "Testshire Council".into(), ..Contact::default() },
            ..Organisation::default()
        },
        services: vec![Service {
            id: ServiceId(1),
            fields: ServiceFields { name: "Casework".into(), ..ServiceFields::default() },
        }],
        activities: vec![Activity { id: ActivityId(1), version: 1, fields }],
        ..Register::default()
    }
}

/// The rights section split into the rights listed as available and those
/// listed as not applying.
fn rights(bases: &[LawfulBasis]) -> (String, String) {
    let notice = build(&register_with(bases), ServiceId(1));
    let section = notice.section(SectionKey::Rights).unwrap();
    let lists: Vec<String> = section
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Bullets(items) => Some(items.join("\n")),
            _ => None,
        })
        .collect();
    (lists[0].clone(), lists.get(1).cloned().unwrap_or_default())
}

#[test]
fn rights_follow_the_lawful_basis() {
    use LawfulBasis::*;
    // (basis, articles available, articles listed as not applying)
    let cases: [(&[LawfulBasis], &[&str], &[&str]); 5] = [
        (
            &[PublicTask],
            &["Article 15", "Article 16", "Article 18", "Article 21"],
            &["Article 17", "Article 20"],
        ),
        (&[Consent], &["Article 17", "Article 20"], &["Article 21"]),
        (&[LegitimateInterests], &["Article 17", "Article 21"], &["Article 20"]),
        (&[LegalObligation], &["Article 15", "Article 16"], &["Article 17", "Article 20", "Article 21"]),
        (&[Contract], &["Article 17", "Article 20"], &["Article 21"]),
    ];
    for (bases, available, absent) in cases {
        let (listed, not_applying) = rights(bases);
        for article in available {
            assert!(listed.contains(article), "{bases:?}: {article} should be available:\n{listed}");
            assert!(!not_applying.contains(article), "{bases:?}: {article}");
        }
        for article in absent {
            assert!(!listed.contains(article), "{bases:?}: {article} should not be available:\n{listed}");
            assert!(
                not_applying.contains(article),
                "{bases:?}: {article} should be explained:\n{not_applying}"
            );
        }
    }
    let consent = build(&register_with(&[Consent]), ServiceId(1)).plain_text();
    assert!(consent.contains("you can withdraw it at any time"));
    let public_task = build(&register_with(&[PublicTask]), ServiceId(1)).plain_text();
    assert!(!public_task.contains("withdraw"));
    assert!(public_task.contains(
        "We need it to carry out our public tasks and duties as a local authority (Article 6(1)(e) UK GDPR)."
    ));
}

#[test]
fn a_service_whose_activities_differ_says_which_activity_a_right_covers() {
    let mut register = register_with(&[LawfulBasis::PublicTask]);
    let mut second = register.activities[0].clone();
    second.id = ActivityId(2);
    second.fields.name = "Newsletter".into();
    second.fields.lawful_bases = BTreeSet::from([LawfulBasis::Consent]);
    register.activities.push(second);
    let (listed, _) = rights(&[]);
    assert!(!listed.is_empty());
    let notice = build(&register, ServiceId(1));
    let text = section_text(&notice, SectionKey::Rights);
    assert!(text.contains("(article 20 uk gdpr). this applies to: newsletter."), "{text}");
}

/// A register with a recipient whose name is an attack.
const HOSTILE: &str = "<script>alert(1)</script> & \"Co\"";

fn hostile_register() -> Register {
    let mut register = register_with(&[LawfulBasis::PublicTask]);
    register.parties.push(Party {
        id: PartyId(1),
        version: 1,
        fields: PartyFields::new(HOSTILE, PartyKind::PrivateCompany),
    });
    register.links.push(Link {
        id: LinkId(1),
        activity_id: ActivityId(1),
        fields: LinkFields::new(PartyId(1), Direction::Recipient),
    });
    register.activities[0].fields.purposes.push("Check <b>bold</b> & [link](http://x)".into());
    register
}

#[test]
fn register_text_is_escaped_in_html_and_markdown() {
    let notice = build(&hostile_register(), ServiceId(1));
    let html = notice::to_html(&notice);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"), "{html}");
    assert!(!html.contains("<script"), "raw script tag in the HTML");
    assert!(!html.contains("<b>"));
    let markdown = notice::to_markdown(&notice);
    assert!(markdown.contains("\\<script\\>alert(1)\\</script\\> \\& \"Co\""), "{markdown}");
    assert!(markdown.contains("\\[link\\](http://x)"));
    validate_html(&html);
}

/// Runs HTML Tidy over `html` and fails on any error or warning.
fn validate_html(html: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.html");
    std::fs::write(&path, html).unwrap();
    let output = match Command::new("tidy").args(["-quiet", "-errors", "-utf8"]).arg(&path).output() {
        Ok(output) => output,
        Err(error) => panic!(
            "HTML Tidy is needed to validate the notice HTML and could not be run ({error}). \
             Install it with: scripts/install-debian-packages.sh test"
        ),
    };
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && report.trim().is_empty(), "HTML Tidy found problems:\n{report}");
}

#[test]
fn the_validator_rejects_broken_html() {
    let result = std::panic::catch_unwind(|| {
        validate_html(
            "<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><h1>x</h2><foo>y</foo></body></html>",
        )
    });
    assert!(result.is_err(), "tidy accepted broken HTML: the validation test proves nothing");
}

#[test]
fn demo_html_is_valid_and_accessible() {
    let (_store, register) = demo();
    for service in &register.services {
        let html = notice::to_html(&build(&register, service.id));
        validate_html(&html);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
        for needle in ["<meta charset=\"utf-8\">", "name=\"viewport\"", "<title>", "<main>", "</main>", "<ul"]
        {
            assert!(html.contains(needle), "{}: {needle} missing", service.fields.name);
        }
        assert_eq!(html.matches("<h1>").count(), 1);
        let levels = heading_levels(&html);
        assert_eq!(levels.first(), Some(&1));
        for pair in levels.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "{}: heading level skipped: {levels:?}", service.fields.name);
        }
    }
}

/// The levels of the headings in `html`, in order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(at, _)| html[at + 2..].bytes().next())
        .filter(u8::is_ascii_digit)
        .map(|d| d - b'0')
        .collect()
}

#[test]
fn template_and_extra_text_survive_regeneration_after_a_register_change() {
    let (mut store, register) = demo();
    let early_help = service_id(&register, "Early Help");
    let mut template = store.notice_template().unwrap();
    assert_eq!(template, Template::default());
    template.set_heading(SectionKey::Rights, "What you can ask us to do");
    template.set_paragraph(ParagraphKey::Intro, "{controller} runs {service} for families in the city.");
    store.save_notice_template(&template).unwrap();
    let extra = ExtraText {
        intro: "Call the Early Help Hub first.".into(),
        closing: "Updated yearly.\n\nThank you.".into(),
    };
    store.save_notice_extra(early_help, &extra).unwrap();

    // Change the register: a new purpose on the first Early Help activity.
    let activity = register.activities.iter().find(|a| a.fields.service_id == early_help).unwrap().clone();
    let links: Vec<LinkDraft> = register
        .links
        .iter()
        .filter(|l| l.activity_id == activity.id)
        .map(|l| LinkDraft { id: Some(l.id), fields: l.fields.clone() })
        .collect();
    let mut fields = activity.fields.clone();
    fields.purposes.push("to run holiday activity clubs".into());
    store.update_activity(activity.id, activity.version, &fields, &links).unwrap();

    let Outcome::Ready(notice) =
        notice::generate(&store.snapshot().unwrap(), Scope::Service(early_help), TODAY, true).unwrap()
    else {
        panic!("an override always gives a notice")
    };
    let text = notice.plain_text();
    assert!(text.contains("What you can ask us to do"));
    assert!(!text.contains("\nYour rights\n"));
    assert!(text.contains("Manchester City Council runs Early Help for families in the city."));
    assert!(text.contains("Call the Early Help Hub first."));
    let closing = notice.section(SectionKey::MoreInformation).unwrap();
    assert_eq!(closing.plain_lines(), vec!["Updated yearly.", "Thank you."]);
    assert!(text.contains("To run holiday activity clubs"), "the register change is not reflected");

    // Both edits are in the change log, with the text before and after.
    let template_log = store.history("notice_template", 1).unwrap();
    assert_eq!(template_log.len(), 1);
    assert!(template_log[0].after.as_deref().unwrap().contains("What you can ask us to do"));
    let extra_log = store.history("notice_extra", early_help.0).unwrap();
    assert!(extra_log[0].after.as_deref().unwrap().contains("Call the Early Help Hub first."));
    assert!(store.verify_log().unwrap().first_broken.is_none());

    // Another service is untouched by Early Help's extra text.
    assert_eq!(store.notice_extra(service_id(&register, "Sefton@work")).unwrap(), ExtraText::default());
    // Saving the defaults stores nothing.
    store.save_notice_template(&Template::default()).unwrap();
    let rows: i64 =
        store.connection().query_row("SELECT count(*) FROM notice_template", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0);
    assert!(matches!(store.save_notice_extra(ServiceId(999), &extra), Err(Error::NotFound { .. })));
}

#[test]
fn open_errors_block_a_notice_until_acknowledged_or_overridden() {
    let (mut store, register) = demo();
    let early_help = service_id(&register, "Early Help");
    let Outcome::Blocked(reasons) =
        notice::generate(&store.snapshot().unwrap(), Scope::Service(early_help), TODAY, false).unwrap()
    else {
        panic!("Early Help has an open error: 9(2)(b) with no Schedule 1 condition")
    };
    assert!(
        reasons.iter().any(|r| r.rule == "sch1-part1-missing" && r.message.contains("Art 9(2)(b)")),
        "{reasons:?}"
    );

    let Outcome::Ready(notice) =
        notice::generate(&store.snapshot().unwrap(), Scope::Service(early_help), TODAY, true).unwrap()
    else {
        panic!("override gives a notice")
    };
    assert_eq!(notice.overridden.len(), reasons.len());

    // Acknowledge every blocking finding: the notice is no longer blocked.
    let report = ropa::checks::check(&store.snapshot().unwrap(), TODAY, 30);
    let ids: BTreeSet<ActivityId> =
        register.activities.iter().filter(|a| a.fields.service_id == early_help).map(|a| a.id).collect();
    for finding in report.findings.iter().filter(|f| {
        f.severity == ropa::checks::Severity::Error && f.activity_id.is_some_and(|id| ids.contains(&id))
    }) {
        store
            .acknowledge(&finding.key(), "IG officer", TODAY, "Schedule 1 condition being confirmed")
            .unwrap();
    }
    let Outcome::Ready(notice) =
        notice::generate(&store.snapshot().unwrap(), Scope::Service(early_help), TODAY, false).unwrap()
    else {
        panic!("every error is acknowledged")
    };
    assert!(notice.overridden.is_empty());
}

#[test]
fn a_complete_activity_is_not_blocked_and_can_have_its_own_notice() {
    let generate = |register: &Register| {
        notice::generate(&Snapshot::new(register.clone()), Scope::Activity(ActivityId(1)), TODAY, false)
            .unwrap()
    };
    // Nothing but a purpose, a basis and the source: Article 30 items are missing.
    let mut register = register_with_sources(&[PartyKind::DataSubjects]);
    let Outcome::Blocked(reasons) = generate(&register) else { panic!("an incomplete record must block") };
    assert!(reasons.iter().all(|r| !r.message.is_empty() && !r.rule.is_empty() && !r.fix.is_empty()));

    let fields = &mut register.activities[0].fields;
    fields.data_subjects = vec!["Residents".into()];
    fields.personal_data = vec!["Name".into()];
    fields.retention = Retention::Period { months: 24, from: "case closure".into() };
    fields.security_measures = "Role-based access; encrypted at rest".into();
    fields.next_review_due = Some(date!(2027 - 06 - 30));
    match generate(&register) {
        Outcome::Ready(notice) => {
            assert_eq!(notice.title, "Casework: privacy notice");
            assert!(notice.plain_text().contains("We keep it for 2 years from case closure."));
        }
        Outcome::Blocked(reasons) => panic!("a complete record is blocked: {reasons:#?}"),
    }
    let missing =
        notice::generate(&Snapshot::new(register.clone()), Scope::Service(ServiceId(7)), TODAY, true);
    assert!(matches!(missing, Err(Error::NotFound { .. })));
}

#[test]
fn special_categories_use_the_headings_of_article_9() {
    let mut register = register_with(&[LawfulBasis::PublicTask]);
    register.activities[0].fields.special_categories = BTreeSet::from([SpecialCategory::Health]);
    let text = build(&register, ServiceId(1)).plain_text();
    assert!(text.contains("special category personal information"));
    assert!(text.contains("\nHealth\n"));
}

fn ropa(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).output().unwrap()
}

#[test]
fn the_command_line_refuses_a_blocked_notice_and_writes_it_with_override() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    assert!(ropa(&["demo", "--out", db]).status.success());
    let out = dir.path().join("early-help.html");
    let args = [
        "notice",
        "--db",
        db,
        "--service",
        "Early Help",
        "--format",
        "html",
        "--today",
        "2026-11-22",
        "--out",
    ];
    let blocked = ropa(&[&args[..], &[out.to_str().unwrap()]].concat());
    assert!(!blocked.status.success());
    let stdout = String::from_utf8_lossy(&blocked.stdout);
    assert!(stdout.contains("blocked") && stdout.contains("sch1-part1-missing"), "{stdout}");
    assert!(!out.exists());

    let written = ropa(&[&args[..], &[out.to_str().unwrap(), "--override"]].concat());
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<h1>Early Help privacy notice</h1>"));
    validate_html(&html);

    let markdown = ropa(&[
        "notice",
        "--db",
        db,
        "--service",
        "sefton@work",
        "--format",
        "md",
        "--today",
        "2026-11-22",
        "--override",
    ]);
    assert!(markdown.status.success());
    assert!(String::from_utf8_lossy(&markdown.stdout).starts_with("# Sefton@work privacy notice\n"));
    let unknown = ropa(&["notice", "--db", db, "--service", "No such service", "--format", "md"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("No such service"));
}

/// `register_with([PublicTask])` with sources of `kinds`, one party each.
fn register_with_sources(kinds: &[PartyKind]) -> Register {
    let mut register = register_with(&[LawfulBasis::PublicTask]);
    for (index, &kind) in kinds.iter().enumerate() {
        let id = PartyId(index as i64 + 1);
        register.parties.push(Party {
            id,
            version: 1,
            fields: PartyFields::new(format!("Source {}", index + 1), kind),
        });
        register.links.push(Link {
            id: LinkId(index as i64 + 1),
            activity_id: ActivityId(1),
            fields: LinkFields::new(id, Direction::Source),
        });
    }
    register
}

#[test]
fn the_sources_section_says_where_information_not_from_you_comes_from_art_14_2_f() {
    let sources = |kinds: &[PartyKind]| {
        section_text(&build(&register_with_sources(kinds), ServiceId(1)), SectionKey::Sources)
    };
    // Another source: the notice names it and says why (Art 14(2)(f)).
    let from_others = sources(&[PartyKind::PublicAuthority]);
    assert!(from_others.contains("source 1"), "{from_others}");
    assert!(from_others.contains("where we did not get your information from you"), "{from_others}");
    assert!(from_others.contains("article 14(2)(f) uk gdpr"), "{from_others}");
    // Only from the individuals: Art 13 applies, and 14(2)(f) is not cited.
    let from_you = sources(&[PartyKind::DataSubjects]);
    assert!(from_you.contains("you give it to us directly"), "{from_you}");
    assert!(!from_you.contains("14(2)(f)"), "{from_you}");
    // Nothing recorded: the notice says so and how to ask, rather than staying silent.
    let none = sources(&[]);
    assert!(none.contains("we have not yet recorded where we get this information from"), "{none}");
    assert!(none.contains("article 14(2)(f) uk gdpr"), "{none}");
}

/// `register_with_sources(kinds)` with every Article 30 item a notice needs
/// recorded, so that only the sources can block it.
fn complete_with_sources(kinds: &[PartyKind]) -> Register {
    let mut register = register_with_sources(kinds);
    let fields = &mut register.activities[0].fields;
    fields.data_subjects = vec!["Residents".into()];
    fields.personal_data = vec!["Name".into()];
    fields.retention = Retention::Period { months: 24, from: "case closure".into() };
    fields.security_measures = "Role-based access; encrypted at rest".into();
    fields.next_review_due = Some(date!(2027 - 06 - 30));
    register
}

const SOURCE_RULE: &str = "notice-source-not-recorded";

#[test]
fn a_notice_for_an_activity_with_no_recorded_source_is_blocked_art_14_2_f() {
    let generate = |register: &Register, allow_override: bool| {
        notice::generate(
            &Snapshot::new(register.clone()),
            Scope::Service(ServiceId(1)),
            TODAY,
            allow_override,
        )
        .unwrap()
    };
    let Outcome::Blocked(reasons) = generate(&complete_with_sources(&[]), false) else {
        panic!("a notice that cannot say where the information comes from must block")
    };
    let reason = reasons.iter().find(|r| r.rule == SOURCE_RULE).unwrap_or_else(|| panic!("{reasons:#?}"));
    assert!(reason.message.contains("\"Casework\""), "{reason:?}");
    assert!(reason.message.contains("14(2)(f)"), "{reason:?}");
    assert!(reason.fix.to_lowercase().contains("record"), "{reason:?}");
    assert!(reason.fix.contains("source"), "{reason:?}");
    assert_eq!(reasons.len(), 1, "only the source is missing: {reasons:#?}");

    // The override still writes it, and lists the reason overridden.
    let Outcome::Ready(notice) = generate(&complete_with_sources(&[]), true) else { panic!("override") };
    assert_eq!(notice.overridden.len(), 1);
    assert!(notice.overridden[0].contains(SOURCE_RULE), "{:?}", notice.overridden);
    assert!(notice.plain_text().contains("We have not yet recorded where we get this information from"));

    // Recorded, from the individuals themselves or from another body: not blocked.
    for kinds in [&[PartyKind::DataSubjects][..], &[PartyKind::PublicAuthority]] {
        match generate(&complete_with_sources(kinds), false) {
            Outcome::Ready(notice) => assert!(notice.overridden.is_empty()),
            Outcome::Blocked(reasons) => panic!("{kinds:?}: a recorded source is blocked: {reasons:#?}"),
        }
    }
}

#[test]
fn in_a_service_notice_each_activity_needs_its_own_source() {
    let mut register = complete_with_sources(&[PartyKind::PublicAuthority]);
    let mut second = register.activities[0].clone();
    second.id = ActivityId(2);
    second.fields.name = "Complaints".into();
    register.activities.push(second);
    let Outcome::Blocked(reasons) =
        notice::generate(&Snapshot::new(register), Scope::Service(ServiceId(1)), TODAY, false).unwrap()
    else {
        panic!("the second activity records no source")
    };
    let named: Vec<&str> =
        reasons.iter().filter(|r| r.rule == SOURCE_RULE).map(|r| r.message.as_str()).collect();
    assert_eq!(named.len(), 1, "{reasons:#?}");
    assert!(named[0].contains("\"Complaints\"") && !named[0].contains("\"Casework\""), "{named:?}");
}

#[test]
fn an_activity_whose_only_source_is_its_own_service_is_not_blocked_and_says_so() {
    let mut register = complete_with_sources(&[PartyKind::InternalService]);
    register.parties[0].fields.internal_service = Some(ServiceId(1));
    match notice::generate(&Snapshot::new(register), Scope::Activity(ActivityId(1)), TODAY, false).unwrap() {
        Outcome::Ready(notice) => {
            let text = section_text(&notice, SectionKey::Sources);
            assert!(!text.contains("not yet recorded"), "{text}");
            assert!(text.contains("records casework already holds"), "{text}");
        }
        Outcome::Blocked(reasons) => panic!("the source is recorded: {reasons:#?}"),
    }
}

#[test]
fn the_command_line_blocks_a_notice_with_no_recorded_source_and_the_demo_records_every_source() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.ropa");
    let db = db.to_str().unwrap();
    assert!(ropa(&["new", "--out", db, "--organisation", "Testshire Council"]).status.success());
    let csv = dir.path().join("ico.csv");
    std::fs::write(
        &csv,
        "Business function,Purpose of processing,Categories of individuals,Categories of personal data,The source of the personal data (if applicable),Retention schedule (if possible),Article 6 lawful basis for processing personal data\n\
         Housing,Allocations,Applicants,Name,,6 years from closure,Public task\n\
         Benefits,Assessments,Claimants,Name,The individuals themselves,6 years from closure,Public task\n",
    )
    .unwrap();
    let import = ropa(&["import", "--db", db, csv.to_str().unwrap()]);
    assert!(import.status.success(), "{}", String::from_utf8_lossy(&import.stderr));
    let notice = |service: &str, extra: &[&str]| {
        ropa(
            &[
                &["notice", "--db", db, "--service", service, "--format", "md", "--today", "2026-11-22"],
                extra,
            ]
            .concat(),
        )
    };
    let blocked = notice("Housing", &[]);
    assert!(!blocked.status.success());
    let stdout = String::from_utf8_lossy(&blocked.stdout);
    assert!(stdout.contains(SOURCE_RULE) && stdout.contains("\"Allocations\""), "{stdout}");
    assert!(stdout.contains("Fix: Record where"), "{stdout}");
    let written = notice("Housing", &["--override"]);
    assert!(written.status.success());
    assert!(String::from_utf8_lossy(&written.stdout).contains("We have not yet recorded where we get"));
    let recorded = notice("Benefits", &[]);
    let stdout = String::from_utf8_lossy(&recorded.stdout);
    assert!(!stdout.contains(SOURCE_RULE), "{stdout}");

    // The demo register records a source for every activity: no demo notice is blocked for it.
    let demo = dir.path().join("demo.ropa");
    let demo = demo.to_str().unwrap();
    assert!(ropa(&["demo", "--out", demo]).status.success());
    let (_, register) = self::demo();
    for service in &register.services {
        let out = ropa(&[
            "notice",
            "--db",
            demo,
            "--service",
            &service.fields.name,
            "--format",
            "md",
            "--today",
            "2026-11-22",
        ]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains(SOURCE_RULE), "{}: {stdout}", service.fields.name);
    }
}
