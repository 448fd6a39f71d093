//! The public register (`export::public_html`): what it publishes, what it never
//! publishes, and that every page is valid HTML that links up.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::BTreeSet;
use std::process::Command;

use ropa::Store;
use ropa::export::public_html::{PublicPage, public_register};
use ropa::law::LegalItem;
use ropa::model::{ActivityStatus, Date, Register};
use time::macros::date;

const PUBLISHED: Date = date!(2026 - 12 - 01);

fn demo() -> Register {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    store.load_register().unwrap()
}

fn all_html(pages: &[PublicPage]) -> String {
    pages.iter().map(|p| p.html.as_str()).collect::<Vec<_>>().join("\n")
}

/// HTML text as a reader sees it: tags dropped, the entities this module writes decoded.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Everything the public register may legitimately repeat: the published fields' text.
fn published_text(register: &Register) -> String {
    let mut text = String::new();
    text.push_str(&register.organisation.controller.name);
    for service in &register.services {
        text.push_str(&service.fields.name);
        text.push('\n');
    }
    for activity in &register.activities {
        let f = &activity.fields;
        text.push_str(&f.name);
        for list in [&f.purposes, &f.data_subjects, &f.personal_data, &f.legislation] {
            text.push_str(&list.join("\n"));
            text.push('\n');
        }
        for transfer in &f.transfers {
            text.push_str(&transfer.destination);
        }
        text.push_str(&f.retention.describe());
    }
    text
}

#[test]
fn the_demo_publishes_every_active_activity_with_its_law() {
    let register = demo();
    let pages = public_register(&register, PUBLISHED);
    assert_eq!(pages[0].file_name, "index.html");
    let text = visible_text(&all_html(&pages));
    let active: Vec<_> =
        register.activities.iter().filter(|a| a.fields.status == ActivityStatus::Active).collect();
    assert!(!active.is_empty(), "the demo has no active activity: the test proves nothing");
    for activity in &active {
        let f = &activity.fields;
        assert!(text.contains(f.name.trim()), "activity {} missing", f.name);
        for item in f.purposes.iter().chain(&f.data_subjects).chain(&f.personal_data) {
            assert!(text.contains(item.trim()), "{}: {item:?} missing", f.name);
        }
        for basis in &f.lawful_bases {
            assert!(text.contains(basis.citation()), "{}: basis {} missing", f.name, basis.citation());
        }
        for condition in &f.article9_conditions {
            assert!(text.contains(condition.citation()), "{}: {} missing", f.name, condition.citation());
        }
        for category in &f.special_categories {
            assert!(text.contains(category.title()), "{}: {} missing", f.name, category.title());
        }
        let retention = f.retention.describe();
        if !retention.trim().is_empty() {
            assert!(text.contains(retention.trim()), "{}: retention {retention:?} missing", f.name);
        }
    }
    let services_with_active: BTreeSet<_> = active.iter().map(|a| a.fields.service_id).collect();
    assert_eq!(pages.len(), 1 + services_with_active.len(), "one page per service with active activities");
}

#[test]
fn nothing_internal_is_published() {
    let mut register = demo();
    // Mark every internal field so that any leak is unmistakable.
    for (index, activity) in register.activities.iter_mut().enumerate() {
        let f = &mut activity.fields;
        f.owner = format!("Jane Internalowner{index}");
        f.description = format!("INTERNAL-DESCRIPTION-{index}");
        f.security_measures = format!("SECURITY-DETAIL-{index}");
        f.systems = vec![format!("ASSET-NAME-{index}")];
        f.legitimate_interests_assessment = format!("LIA-NOTE-{index}");
        f.consent_record = format!("CONSENT-RECORD-{index}");
        f.policy_document = format!("POLICY-DOC-{index}");
        f.policy_exceptions = format!("POLICY-EXCEPTION-{index}");
        f.breach = Some(format!("BREACH-NOTE-{index}"));
    }
    register.dpias = register
        .activities
        .iter()
        .enumerate()
        .map(|(index, activity)| {
            let mut fields = ropa::model::DpiaFields::new(format!("DPIA-TITLE-{index}"));
            fields.document = format!("https://intranet.example/dpia/{index}");
            fields.notes = format!("DPIA-NOTE-{index}");
            fields.residual_risk = ropa::model::ResidualRisk::High;
            fields.activities = vec![activity.id];
            ropa::model::Dpia { id: ropa::model::DpiaId(index as i64 + 1), version: 1, fields }
        })
        .collect();
    register.organisation.dpo.name = "Priya Dpo-Person".into();
    register.organisation.dpo.email = "dpo@example.gov.uk".into();
    for link in &mut register.links {
        link.fields.notes = "LINK-NOTE".into();
        link.fields.basis_detail = "LINK-BASIS-DETAIL".into();
        link.fields.method = "LINK-METHOD".into();
    }
    for party in &mut register.parties {
        party.fields.contact = "PARTY-CONTACT".into();
        party.fields.notes = "PARTY-NOTE".into();
    }
    let html = all_html(&public_register(&register, PUBLISHED));
    for marker in [
        "Internalowner",
        "INTERNAL-DESCRIPTION",
        "SECURITY-DETAIL",
        "ASSET-NAME",
        "intranet.example",
        "DPIA-TITLE",
        "DPIA-NOTE",
        "LIA-NOTE",
        "CONSENT-RECORD",
        "POLICY-DOC",
        "POLICY-EXCEPTION",
        "BREACH-NOTE",
        "Priya",
        "LINK-NOTE",
        "LINK-BASIS-DETAIL",
        "LINK-METHOD",
        "PARTY-CONTACT",
        "PARTY-NOTE",
    ] {
        assert!(!html.contains(marker), "the public register leaks {marker}");
    }
    assert!(html.contains("Our Data Protection Officer"), "the DPO is named by role");
    assert!(html.contains("mailto:dpo@example.gov.uk"), "the DPO's contact address is published");
    // Party names are recipients' names: only categories are published, so a party's
    // name appears only where the officer's own published wording uses it.
    let published = published_text(&register);
    let text = visible_text(&html);
    for party in &register.parties {
        let name = party.fields.name.trim();
        if !published.contains(name) {
            assert!(!text.contains(name), "the public register names the party {name:?}");
        }
    }
    for activity in register.activities.iter().filter(|a| a.fields.status != ActivityStatus::Active) {
        assert!(!text.contains(activity.fields.name.trim()), "unpublished activity {}", activity.fields.name);
    }
}

#[test]
fn hostile_text_is_escaped() {
    let mut register = demo();
    let attack = "<script>alert(1)</script> & \"quoted\" 'single'";
    register.services[0].fields.name = format!("Service {attack}");
    for activity in &mut register.activities {
        activity.fields.status = ActivityStatus::Active;
        activity.fields.purposes.push(attack.into());
    }
    let pages = public_register(&register, PUBLISHED);
    for page in &pages {
        assert!(!page.html.contains("<script"), "{}: raw script tag", page.file_name);
        assert!(!page.file_name.contains(['/', '\\', '<', '"', ' ']), "unsafe file name {}", page.file_name);
        validate_html(&page.file_name, &page.html);
    }
    assert!(
        all_html(&pages)
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;")
    );
}

#[test]
fn every_page_is_valid_html_and_every_link_resolves() {
    let pages = public_register(&demo(), PUBLISHED);
    let names: BTreeSet<&str> = pages.iter().map(|p| p.file_name.as_str()).collect();
    for page in &pages {
        validate_html(&page.file_name, &page.html);
        assert!(page.html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
        assert!(!page.html.contains("<script"), "the pages need no JavaScript");
        assert!(page.html.contains("@media print"), "printable");
        for target in local_links(&page.html) {
            let (file, fragment) = target.split_once('#').unwrap_or((target.as_str(), ""));
            let file = if file.is_empty() { page.file_name.as_str() } else { file };
            assert!(names.contains(file), "{} links to missing {file}", page.file_name);
            if !fragment.is_empty() {
                let linked = pages.iter().find(|p| p.file_name == file).unwrap();
                assert!(linked.html.contains(&format!("id=\"{fragment}\"")), "{target}: no such anchor");
            }
        }
    }
    let index = &pages[0].html;
    for page in &pages[1..] {
        assert!(
            index.contains(&format!("href=\"{}\"", page.file_name)),
            "index does not list {}",
            page.file_name
        );
    }
}

fn local_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| !href.starts_with("http") && !href.starts_with("mailto:"))
        .map(str::to_string)
        .collect()
}

/// Runs HTML Tidy over one page and fails on any error or warning.
fn validate_html(name: &str, html: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, html).unwrap();
    let output =
        Command::new("tidy").args(["-quiet", "-errors", "-utf8"]).arg(&path).output().unwrap_or_else(|e| {
            panic!(
                "HTML Tidy could not be run ({e}); install it with scripts/install-debian-packages.sh test"
            )
        });
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && report.trim().is_empty(),
        "{name}: HTML Tidy found problems:\n{report}"
    );
}

#[test]
fn ropa_export_public_html_writes_a_new_folder_only() {
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).output().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.ropa");
    let db = db.to_str().unwrap();
    assert!(run(&["demo", "--out", db]).status.success());
    let out = dir.path().join("public");
    let out_str = out.to_str().unwrap();
    let written = run(&["export", "--db", db, "--format", "public-html", "--out", out_str]);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Our record of processing activities"));
    let pages = std::fs::read_dir(&out).unwrap().count();
    assert!(pages > 1, "the index and the service pages");

    let again = run(&["export", "--db", db, "--format", "public-html", "--out", out_str]);
    assert!(!again.status.success(), "an existing folder is never replaced");
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), index);
    let partial: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("partial"))
        .collect();
    assert!(partial.is_empty(), "a partial folder is left beside it: {partial:?}");
}
