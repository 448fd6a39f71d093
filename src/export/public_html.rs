//! The public register: a static set of web pages summarising the register for the
//! organisation's website, in plain English with the law's citations.
//!
//! What it shows, per service and active activity, is what Art 30(1) asks a record
//! to hold and a member of the public may read: the purposes, the lawful bases and
//! conditions, the categories of data subjects and of personal data, the
//! categories (never the names) of recipients, transfers outside the UK and how
//! long the data is kept. What it never shows is decided here, by omission and by a
//! test: descriptions, owners, internal notes, security measures, systems, links to
//! internal documents, DPIA and breach details, legitimate interests assessments,
//! consent records, party names, and people's names (the DPO appears by role).
//!
//! The pages are valid HTML5 (checked with tidy in the tests), need no JavaScript,
//! carry a print stylesheet, and escape every piece of text.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::law::LegalItem;
use crate::model::{
    Activity, ActivityStatus, Date, Direction, Lookup, PartyKind, Register, Service, format_date,
};

/// One file of the public register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicPage {
    /// The file's name inside the output folder, e.g. `index.html`.
    pub file_name: String,
    /// The complete HTML document.
    pub html: String,
}

const STYLE: &str = "
body { margin: 0; background: #f3f2f1; color: #0b0c0c; font-family: Arial, Helvetica, sans-serif; font-size: 18px; line-height: 1.5; }
header { background: #1d3b5a; color: #fff; padding: 1.1rem 1rem; }
header p { max-width: 52rem; margin: 0 auto; font-weight: bold; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.75rem 2.5rem; background: #fff; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.4rem 0 0.6rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 0.6rem; padding-top: 0.9rem; border-top: 2px solid #1d3b5a; }
dl { margin: 0 0 1rem; }
dt { font-weight: bold; margin-top: 0.7rem; }
dd { margin: 0.15rem 0 0 0; }
dd ul { margin: 0.2rem 0; padding-left: 1.4rem; }
.updated, .cite { color: #505a5f; }
.updated { font-size: 1rem; margin-top: 0; }
a { color: #1d70b8; }
a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
footer { max-width: 52rem; margin: 0 auto; padding: 1rem 1.75rem; font-size: 0.95rem; color: #505a5f; }
@media print { body { background: #fff; font-size: 11pt; } header { background: none; color: #000; } main { padding: 0; } nav { display: none; } h2 { break-after: avoid; } section { break-inside: avoid-page; } }
";

/// The public register of `register` as published on `published_on`: an
/// `index.html` listing the services, and one page per service that has active
/// activities. Draft and retired activities are left out.
pub fn public_register(register: &Register, published_on: Date) -> Vec<PublicPage> {
    let services: Vec<(&Service, Vec<&Activity>, String)> = register
        .services
        .iter()
        .enumerate()
        .filter_map(|(index, service)| {
            let activities: Vec<&Activity> = register
                .activities
                .iter()
                .filter(|a| a.fields.service_id == service.id && a.fields.status == ActivityStatus::Active)
                .collect();
            (!activities.is_empty()).then(|| (service, activities, service_file_name(index, service)))
        })
        .collect();
    let publisher = publisher(register);
    let lookup = register.lookup();
    let mut pages = vec![PublicPage {
        file_name: "index.html".into(),
        html: index_page(register, &publisher, &services, published_on),
    }];
    for (service, activities, file_name) in &services {
        pages.push(PublicPage {
            file_name: file_name.clone(),
            html: service_page(&lookup, &publisher, service, activities, published_on),
        });
    }
    pages
}

/// [`public_register`] as the files of a folder, for [`crate::fsio::write_folder`].
pub fn folder_files(register: &Register, published_on: Date) -> Vec<crate::fsio::FolderFile> {
    public_register(register, published_on)
        .into_iter()
        .map(|page| crate::fsio::FolderFile { path: page.file_name, bytes: page.html.into_bytes() })
        .collect()
}

fn publisher(register: &Register) -> String {
    let name = register.organisation.controller.name.trim();
    if name.is_empty() { "Our organisation".into() } else { name.into() }
}

/// `service-3-early-help.html`.
fn service_file_name(index: usize, service: &Service) -> String {
    format!("{}.html", service_file_stem(index, service))
}

/// `service-3-early-help`: a file name stem for a service that is safe on every
/// platform; the position keeps names that slug alike apart.
pub(crate) fn service_file_stem(index: usize, service: &Service) -> String {
    let mut slug = String::new();
    for c in service.fields.name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(48).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() { format!("service-{}", index + 1) } else { format!("service-{}-{slug}", index + 1) }
}

fn index_page(
    register: &Register,
    publisher: &str,
    services: &[(&Service, Vec<&Activity>, String)],
    published_on: Date,
) -> String {
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<p>This is a summary of {}'s record of processing activities, the record that UK GDPR \
         Article 30 requires us to keep. For each of our services it says why we use personal \
         information, the law that allows it, whose information it is, who we share it with, and \
         how long we keep it.</p>",
        escape(publisher)
    );
    body.push_str("<h2 id=\"services\">Our services</h2>\n<ul>\n");
    for (service, activities, file_name) in services {
        let count = activities.len();
        let _ = writeln!(
            body,
            "<li><a href=\"{}\">{}</a> ({count} {})</li>",
            escape(file_name),
            escape(&service.fields.name),
            if count == 1 { "activity" } else { "activities" }
        );
    }
    body.push_str("</ul>\n");
    if services.is_empty() {
        body.push_str("<p>No activities are published yet.</p>\n");
    }
    contact_section(&mut body, register);
    page(publisher, "Our record of processing activities", &body, published_on, None)
}

fn contact_section(body: &mut String, register: &Register) {
    let organisation = &register.organisation;
    body.push_str("<h2 id=\"contact\">Contact us about your information</h2>\n<dl>\n");
    let controller = &organisation.controller;
    let mut controller_lines: Vec<&str> = [controller.address.as_str(), controller.email.as_str()]
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .collect();
    if !controller.telephone.trim().is_empty() {
        controller_lines.push(controller.telephone.as_str());
    }
    if !controller_lines.is_empty() {
        let _ = writeln!(body, "<dt>{}</dt>", escape(&publisher(register)));
        for line in controller_lines {
            let _ = writeln!(body, "<dd>{}</dd>", contact_line(line));
        }
    }
    // The DPO by role only: a person's name is not published.
    let dpo = &organisation.dpo;
    let dpo_lines: Vec<&str> = [dpo.email.as_str(), dpo.address.as_str(), dpo.telephone.as_str()]
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .collect();
    if !dpo_lines.is_empty() {
        body.push_str("<dt>Our Data Protection Officer</dt>\n");
        for line in dpo_lines {
            let _ = writeln!(body, "<dd>{}</dd>", contact_line(line));
        }
    }
    if !organisation.ico_registration.trim().is_empty() {
        let _ = writeln!(
            body,
            "<dt>Registration with the Information Commissioner</dt>\n<dd>{}</dd>",
            escape(organisation.ico_registration.trim())
        );
    }
    body.push_str(
        "<dt>If you are unhappy</dt>\n<dd>Please contact us first. You can also complain to the \
         Information Commissioner's Office: <a href=\"https://ico.org.uk/make-a-complaint/\">\
         ico.org.uk/make-a-complaint</a>.</dd>\n</dl>\n",
    );
}

/// An email address becomes a `mailto:` link; anything else is plain text.
fn contact_line(line: &str) -> String {
    let line = line.trim();
    let is_email =
        line.contains('@') && !line.contains(char::is_whitespace) && !line.contains(['<', '>', '"']);
    if is_email {
        format!("<a href=\"mailto:{0}\">{0}</a>", escape(line))
    } else {
        escape(line).replace('\n', "<br>")
    }
}

fn service_page(
    lookup: &Lookup<'_>,
    publisher: &str,
    service: &Service,
    activities: &[&Activity],
    published_on: Date,
) -> String {
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<p><a href=\"index.html\">All services</a></p>\n<p>How the {} service uses personal \
         information: {} {}.</p>",
        escape(&service.fields.name),
        activities.len(),
        if activities.len() == 1 { "activity" } else { "activities" }
    );
    body.push_str("<nav aria-label=\"Activities\">\n<ol>\n");
    for (index, activity) in activities.iter().enumerate() {
        let _ = writeln!(body, "<li><a href=\"#a{}\">{}</a></li>", index + 1, escape(&activity.fields.name));
    }
    body.push_str("</ol>\n</nav>\n");
    for (index, activity) in activities.iter().enumerate() {
        activity_section(&mut body, lookup, activity, index + 1);
    }
    page(publisher, &service.fields.name, &body, published_on, Some("index.html"))
}

fn activity_section(body: &mut String, lookup: &Lookup<'_>, activity: &Activity, number: usize) {
    let fields = &activity.fields;
    let _ = writeln!(
        body,
        "<section aria-labelledby=\"a{number}\">\n<h2 id=\"a{number}\">{}</h2>\n<dl>",
        escape(&fields.name)
    );
    list_item(body, "Why we use it", &fields.purposes, "Not yet described.");
    list_item(body, "Whose information", &fields.data_subjects, "Not yet described.");
    list_item(body, "What information", &fields.personal_data, "Not yet described.");
    let special: Vec<String> =
        fields.special_categories.iter().map(|c| cited(c.title(), c.citation())).collect();
    if !special.is_empty() {
        html_list(body, "Special category information", &special);
    }
    if fields.criminal_offence_data.is_some() {
        body.push_str(
            "<dt>Criminal offence information</dt>\n<dd>We use information about criminal \
             convictions and offences (UK GDPR Article 10).</dd>\n",
        );
    }
    html_list(body, "The law that allows it", &lawful_grounds(activity));
    if !fields.legislation.is_empty() {
        list_item(body, "Laws that give us this task", &fields.legislation, "");
    }
    list_item(body, "Who we share it with", &recipient_categories(lookup, activity), "We do not share it.");
    let transfers: Vec<String> = fields
        .transfers
        .iter()
        .map(|t| match t.safeguard {
            Some(safeguard) => format!("{} ({})", t.destination.trim(), safeguard.label()),
            None => t.destination.trim().to_string(),
        })
        .collect();
    list_item(body, "Sent outside the UK", &transfers, "No: it stays in the UK.");
    let retention = fields.retention.describe();
    let retention = if retention.trim().is_empty() { "Not yet stated.".to_string() } else { retention };
    let _ = writeln!(body, "<dt>How long we keep it</dt>\n<dd>{}</dd>", escape(&retention));
    body.push_str("</dl>\n</section>\n");
}

/// Lawful bases, Art 9 conditions and Schedule 1 conditions, each with its citation.
fn lawful_grounds(activity: &Activity) -> Vec<String> {
    let fields = &activity.fields;
    let mut grounds: Vec<String> =
        fields.lawful_bases.iter().map(|b| cited(b.title(), b.citation())).collect();
    grounds.extend(fields.article9_conditions.iter().map(|c| cited(c.title(), c.citation())));
    grounds.extend(fields.schedule1_conditions.iter().map(|c| cited(c.title(), c.citation())));
    if grounds.is_empty() {
        grounds.push(escape("Not yet recorded."));
    }
    grounds
}

/// "Public task <span class=cite>(UK GDPR Art 6(1)(e))</span>", escaped: an
/// article is named with its instrument, as a reader outside the office needs.
fn cited(title: &str, citation: &str) -> String {
    let citation =
        if citation.starts_with("Art") { format!("UK GDPR {citation}") } else { citation.to_string() };
    format!("{} <span class=\"cite\">({})</span>", escape(title), escape(&citation))
}

/// The kinds of body the activity's data goes to, in plain English, never their names.
fn recipient_categories(lookup: &Lookup<'_>, activity: &Activity) -> Vec<String> {
    let links = lookup.links_by_activity.get(&activity.id).map_or(&[][..], Vec::as_slice);
    let kinds: BTreeSet<PartyKind> = links
        .iter()
        .filter(|link| link.fields.direction == Direction::Recipient)
        .filter_map(|link| lookup.parties.get(&link.fields.party_id).map(|p| p.fields.kind))
        .collect();
    kinds.into_iter().map(|kind| recipient_category(kind).to_string()).collect()
}

fn recipient_category(kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::PublicAuthority => {
            "Other public bodies, such as government departments, health bodies, police forces and councils"
        }
        PartyKind::InternalService => "Other services within our organisation",
        PartyKind::Processor => "Organisations that handle it on our behalf, under contract (processors)",
        PartyKind::PrivateCompany => "Private companies",
        PartyKind::VoluntarySector => "Voluntary and community organisations",
        PartyKind::InternationalOrganisation => "International organisations",
        PartyKind::DataSubjects => "The people the information is about",
        PartyKind::Other => "Other organisations",
    }
}

/// A `<dt>`/`<dd>` pair of escaped items, or `empty` when there are none.
fn list_item(body: &mut String, term: &str, items: &[String], empty: &str) {
    let items: Vec<String> =
        items.iter().filter(|i| !i.trim().is_empty()).map(|i| escape(i.trim())).collect();
    if items.is_empty() {
        if !empty.is_empty() {
            let _ = writeln!(body, "<dt>{}</dt>\n<dd>{}</dd>", escape(term), escape(empty));
        }
        return;
    }
    html_list(body, term, &items);
}

/// A `<dt>`/`<dd>` pair whose items are already HTML.
fn html_list(body: &mut String, term: &str, items: &[String]) {
    let _ = writeln!(body, "<dt>{}</dt>", escape(term));
    if let [only] = items {
        let _ = writeln!(body, "<dd>{only}</dd>");
        return;
    }
    body.push_str("<dd><ul>\n");
    for item in items {
        let _ = writeln!(body, "<li>{item}</li>");
    }
    body.push_str("</ul></dd>\n");
}

fn page(publisher: &str, title: &str, body: &str, published_on: Date, up: Option<&str>) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{} - {}</title>", escape(title), escape(publisher));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(out, "<header>\n<p>{}</p>\n</header>\n<main>", escape(publisher));
    let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    let _ = writeln!(
        out,
        "<p class=\"updated\">Published: <time datetime=\"{}\">{} {} {}</time></p>",
        format_date(published_on),
        published_on.day(),
        published_on.month(),
        published_on.year()
    );
    out.push_str(body);
    out.push_str("</main>\n<footer>\n");
    if let Some(up) = up {
        let _ = writeln!(out, "<p><a href=\"{}\">Back to all services</a></p>", escape(up));
    }
    out.push_str(
        "<p>Our privacy notices explain your rights and how to use them. This summary is \
         published from our record of processing activities.</p>\n</footer>\n</body>\n</html>\n",
    );
    out
}

/// Text made safe for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_distinct() {
        let service = |name: &str| Service {
            id: crate::model::ServiceId(1),
            fields: crate::model::ServiceFields { name: name.into(), ..Default::default() },
        };
        assert_eq!(service_file_name(0, &service("Early Help")), "service-1-early-help.html");
        assert_eq!(service_file_name(4, &service("../../etc/passwd")), "service-5-etc-passwd.html");
        assert_eq!(service_file_name(2, &service("العربية")), "service-3.html");
    }

    #[test]
    fn escape_handles_markup_and_quotes() {
        assert_eq!(escape("<a href=\"x\">R&D's</a>"), "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;");
        assert_eq!(escape("bell\u{7}"), "bell");
    }
}
