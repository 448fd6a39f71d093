//! The register report's content: the cover, the findings of the checks
//! (`findings.rs`), the register table, the flow map (`flow_page.rs`), a detail
//! section per activity (grouped as the ICO template groups its columns) and the
//! links table, laid out with the engine in `layout.rs`.

use std::collections::BTreeSet;

use super::fonts::{Fonts, Style};
use super::layout::{Column, Flow, Geometry, Item, Page, Table, decorate};
use crate::Result;
use crate::export::ico_csv;
use crate::export::{Progress, links_csv, step};
use crate::law::LegalItem;
use crate::model::{Activity, Contact, Direction, LogHead, Lookup, Register, format_date};

const TITLE: &str = "Record of Processing Activities";
const BODY: Style = Style::regular(7.5);
const BODY_BOLD: Style = Style::bold(7.5);
const DETAIL: Style = Style::regular(8.5);
const DETAIL_BOLD: Style = Style::bold(8.5);
const RUNNING: Style = Style::regular(8.0);

/// The headings of the register table, in order.
pub const REGISTER_COLUMNS: [(&str, f32); 10] = [
    ("Service", 1.0),
    ("Processing activity", 1.3),
    ("Purposes", 1.6),
    ("Data subjects", 1.1),
    ("Personal data", 1.5),
    ("Special category data", 1.1),
    ("Lawful bases", 1.3),
    ("Recipients", 1.3),
    ("Transfers outside the UK", 1.0),
    ("Retention", 1.1),
];

/// How much of the register a report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// The cover, the findings overview and the register table: short and quick at
    /// any size of register.
    Table,
    /// Everything: the cover, every finding, the register table, the flow map, a
    /// detail section per activity and the links table.
    Full,
}

/// Lays out the full report for `register`, generated at `generated` (already in
/// words), without the findings section.
pub fn layout(
    register: &Register,
    fonts: &Fonts,
    generated: &str,
    progress: &mut dyn Progress,
) -> Result<Vec<Page>> {
    build(register, None, Extent::Full, fonts, generated, progress)
}

/// Lays out the report for `register` to `extent`, with the findings of `checks`.
pub fn layout_with_findings(
    register: &Register,
    checks: &crate::checks::Report,
    extent: Extent,
    fonts: &Fonts,
    generated: &str,
    progress: &mut dyn Progress,
) -> Result<Vec<Page>> {
    build(register, Some(checks), extent, fonts, generated, progress)
}

fn build(
    register: &Register,
    checks: Option<&crate::checks::Report>,
    extent: Extent,
    fonts: &Fonts,
    generated: &str,
    progress: &mut dyn Progress,
) -> Result<Vec<Page>> {
    let geometry = Geometry::a4_landscape();
    let mut flow = Flow::new(fonts, geometry);
    let cover = Cover { generated, log_head: None };
    content(&mut flow, fonts, &Content { register, checks, extent, cover }, progress)?;
    let mut pages = flow.finish();
    let organisation = organisation_name(register);
    decorate(&mut pages, |index, count| {
        running_items(fonts, geometry, &organisation, generated, index, count)
    });
    Ok(pages)
}

/// Lays out the report for `register` to `extent` with the findings of `checks`,
/// handing each page to `sink` as soon as it is finished, without the running
/// header and footer (see [`running_items`]).
pub fn stream(
    register: &Register,
    checks: &crate::checks::Report,
    extent: Extent,
    fonts: &Fonts,
    cover: &Cover<'_>,
    sink: &mut dyn FnMut(Page),
    progress: &mut dyn Progress,
) -> Result<()> {
    let mut flow = Flow::streaming(fonts, Geometry::a4_landscape(), sink);
    let report = Content { register, checks: Some(checks), extent, cover: *cover };
    content(&mut flow, fonts, &report, progress)?;
    flow.finish();
    Ok(())
}

/// What the cover says about the report itself.
#[derive(Debug, Clone, Copy)]
pub struct Cover<'r> {
    /// When it was generated, in words.
    pub generated: &'r str,
    /// The change log's head when the register was read.
    pub log_head: Option<&'r LogHead>,
}

/// What the report says, apart from the running header and footer.
struct Content<'r> {
    register: &'r Register,
    checks: Option<&'r crate::checks::Report>,
    extent: Extent,
    cover: Cover<'r>,
}

fn content(
    flow: &mut Flow<'_>,
    fonts: &Fonts,
    report: &Content<'_>,
    progress: &mut dyn Progress,
) -> Result<()> {
    let Content { register, checks, extent, cover: cover_text } = *report;
    let lookup = register.lookup();
    let total = register.activities.len() + 3;
    cover(flow, register, &cover_text, checks.map(|c| c.today));
    step(progress, 1, total)?;
    match (checks, extent) {
        (Some(checks), Extent::Full) => super::findings::section(flow, register, checks),
        (Some(checks), Extent::Table) => {
            super::findings::overview(flow, checks, super::findings::Listing::Elsewhere);
        }
        (None, _) => {}
    }
    register_table(flow, register, &lookup);
    step(progress, 2, total)?;
    if extent == Extent::Full {
        super::flow_page::pages(flow, fonts, register);
        // The detail pages quote the law as at the report's day, as its checks do.
        let day = checks.map_or(crate::law::LAW_CURRENT_TO, |checks| checks.today);
        for (done, activity) in register.activities.iter().enumerate() {
            details(flow, &lookup, activity, day);
            step(progress, 3 + done, total)?;
        }
        links_table(flow, register, &lookup);
        assets_table(flow, register);
        dpias_table(flow, register, day);
    }
    Ok(())
}

/// The organisation's name as the running header and footer print it.
pub fn organisation_name(register: &Register) -> String {
    organisation_label(&register.organisation.controller.name)
}

/// `name` trimmed, or "(organisation not named)" when there is none.
pub fn organisation_label(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() { "(organisation not named)".into() } else { name.to_string() }
}

/// The header (title, organisation, date) and footer (organisation, page X of Y).
pub fn running_items(
    fonts: &Fonts,
    geometry: Geometry,
    organisation: &str,
    generated: &str,
    index: usize,
    count: usize,
) -> Vec<Item> {
    let text = |x: f32, y: f32, text: String| Item::Text {
        x,
        y,
        width: fonts.width(&text, RUNNING),
        style: RUNNING,
        text,
    };
    let right = |y: f32, content: String| {
        let width = fonts.width(&content, RUNNING);
        text(geometry.right - width, y, content)
    };
    let header_y = geometry.height - 30.0;
    let footer_y = 22.0;
    vec![
        text(geometry.left, header_y, format!("{TITLE} — {organisation}")),
        right(header_y, format!("Generated {generated}")),
        Item::Line { from: (geometry.left, header_y - 6.0), to: (geometry.right, header_y - 6.0), grey: 0.4 },
        Item::Line {
            from: (geometry.left, footer_y + 10.0),
            to: (geometry.right, footer_y + 10.0),
            grey: 0.4,
        },
        text(geometry.left, footer_y, organisation.to_string()),
        right(footer_y, format!("Page {} of {count}", index + 1)),
    ]
}

fn key_values<K: Into<String>>(rows: Vec<(K, String)>, style: Style, bold: Style) -> Table {
    Table {
        columns: vec![Column::new("Field", 1.0), Column::new("Value", 3.0)],
        rows: rows.into_iter().map(|(key, value)| vec![key.into(), value]).collect(),
        show_header: false,
        style,
        header_style: bold,
        auto_width: false,
    }
}

fn contact_text(contact: &Contact) -> String {
    [&contact.name, &contact.address, &contact.email, &contact.telephone]
        .iter()
        .map(|text| text.trim())
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn cover(
    flow: &mut Flow<'_>,
    register: &Register,
    about: &Cover<'_>,
    checked_on: Option<crate::model::Date>,
) {
    let organisation = &register.organisation;
    flow.new_page();
    flow.space(60.0);
    flow.paragraph(TITLE, Style::bold(26.0), 0);
    flow.space(6.0);
    flow.paragraph(&organisation_name(register), Style::regular(16.0), 0);
    flow.paragraph("UK GDPR Article 30 — prepared for audit", Style::regular(11.0), 0);
    flow.space(24.0);
    let services: BTreeSet<_> = register.activities.iter().map(|a| a.fields.service_id).collect();
    let parties: BTreeSet<_> = register.links.iter().map(|l| l.fields.party_id).collect();
    let mut rows = vec![
        ("Controller", contact_text(&organisation.controller)),
        ("ICO registration number", organisation.ico_registration.clone()),
        ("Data Protection Officer", contact_text(&organisation.dpo)),
    ];
    if !organisation.representative.is_empty() {
        rows.push(("Representative", contact_text(&organisation.representative)));
    }
    rows.extend([
        ("Generated", about.generated.to_string()),
        ("Law", crate::law::currency_note(checked_on.unwrap_or(crate::law::LAW_CURRENT_TO))),
        ("Services covered", services.len().to_string()),
        ("Processing activities", register.activities.len().to_string()),
        ("Parties linked", parties.len().to_string()),
        ("Links (data flows)", register.links.len().to_string()),
        ("Information assets", register.assets.len().to_string()),
        ("DPIAs", register.dpias.len().to_string()),
    ]);
    if let Some(head) = about.log_head {
        rows.push(("Change log (check with ropa verify --head)", head.to_string()));
    }
    flow.table(&key_values(rows, Style::regular(10.0), Style::bold(10.0)));
}

/// Items one per line; with more than one, each starts with a bullet so that an
/// item wrapped over two lines is not read as two items.
fn lines(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().filter(|item| !item.trim().is_empty()).collect();
    if items.len() < 2 {
        return items.concat();
    }
    items.iter().map(|item| format!("• {item}")).collect::<Vec<_>>().join("\n")
}

fn register_row(lookup: &Lookup<'_>, activity: &Activity) -> Vec<String> {
    let f = &activity.fields;
    let recipients = lookup
        .links_of(activity.id)
        .iter()
        .filter(|link| link.fields.direction == Direction::Recipient)
        .map(|link| lookup.party_name(link.fields.party_id).to_string());
    let bases = f
        .lawful_bases
        .iter()
        .map(|b| b.label())
        .chain(f.article9_conditions.iter().map(|c| c.label()))
        .chain(f.schedule1_conditions.iter().map(|c| c.label()));
    let special = f
        .special_categories
        .iter()
        .map(|c| c.title().to_string())
        .chain(f.criminal_offence_data.iter().map(|_| "Criminal offence data".to_string()));
    let transfers = f.transfers.iter().map(|t| match t.safeguard {
        Some(safeguard) => format!("{} ({})", t.destination, safeguard.title()),
        None => t.destination.clone(),
    });
    vec![
        lookup.service_name(f.service_id).to_string(),
        f.name.clone(),
        lines(f.purposes.iter().cloned()),
        lines(f.data_subjects.iter().cloned()),
        lines(f.personal_data.iter().chain(&f.other_special_items).cloned()),
        lines(special),
        lines(bases),
        lines(recipients),
        lines(transfers),
        f.retention.describe(),
    ]
}

fn register_table(flow: &mut Flow<'_>, register: &Register, lookup: &Lookup<'_>) {
    flow.new_page();
    flow.paragraph("The register", Style::bold(14.0), 2);
    flow.space(4.0);
    let table = Table {
        columns: REGISTER_COLUMNS.iter().map(|(heading, weight)| Column::new(*heading, *weight)).collect(),
        rows: register.activities.iter().map(|activity| register_row(lookup, activity)).collect(),
        show_header: true,
        style: BODY,
        header_style: BODY_BOLD,
        auto_width: true,
    };
    flow.table(&table);
}

fn details(flow: &mut Flow<'_>, lookup: &Lookup<'_>, activity: &Activity, day: crate::model::Date) {
    let f = &activity.fields;
    flow.new_page();
    flow.paragraph(&format!("{} — {}", lookup.service_name(f.service_id), f.name), Style::bold(13.0), 3);
    flow.space(4.0);
    let record = vec![
        ("Description", f.description.clone()),
        ("Activity owner", f.owner.clone()),
        ("Status", f.status.label().to_string()),
        ("Role", f.role.label().to_string()),
        ("Legislation", lines(f.legislation.iter().cloned())),
        (
            "Special category data (Art 9(1))",
            lines(f.special_categories.iter().map(|c| c.title().to_string())),
        ),
        ("Also recorded as special (not in Art 9(1))", lines(f.other_special_items.iter().cloned())),
        (
            "Criminal offence data (Art 10)",
            f.criminal_offence_data.clone().map_or("No".into(), |d| format!("Yes: {d}")),
        ),
        ("Citations not recognised", lines(f.unrecognised_citations.iter().cloned())),
        ("Last reviewed", f.last_reviewed.map_or_else(String::new, format_date)),
        ("Next review due", f.next_review_due.map_or_else(String::new, format_date)),
    ];
    flow.table(&key_values(record, DETAIL, DETAIL_BOLD));
    let cells = ico_csv::columns_on(lookup, activity, day);
    let headings = ico_csv::headings();
    let sections = ico_csv::sections();
    for (section, (start, title)) in sections.iter().enumerate() {
        let end = sections.get(section + 1).map_or(headings.len(), |(next, _)| *next);
        flow.space(6.0);
        flow.paragraph(title, Style::bold(10.0), 2);
        let rows: Vec<(String, String)> = (*start..end)
            .map(|i| {
                let key = format!("{}  {}", ico_csv::column_letter(i), headings[i]);
                (key, cells[i].replace(ico_csv::LIST_SEPARATOR, "\n"))
            })
            .collect();
        flow.table(&key_values(rows, DETAIL, DETAIL_BOLD));
    }
}

/// The information asset register, as the `assets-csv` export and the
/// workbook's sheet give it; none when the register has no assets (the cover
/// gives their number).
fn assets_table(flow: &mut Flow<'_>, register: &Register) {
    if register.assets.is_empty() {
        return;
    }
    flow.new_page();
    flow.paragraph("Information assets", Style::bold(14.0), 2);
    flow.space(4.0);
    let weights = [1.2, 0.8, 0.9, 0.9, 1.0, 0.8, 0.9, 0.6, 0.5, 1.3, 1.0, 1.0, 1.0, 0.6];
    let table = Table {
        columns: super::super::xlsx::ASSET_HEADINGS
            .iter()
            .zip(weights)
            .map(|(h, w)| Column::new(*h, w))
            .collect(),
        rows: super::super::assets_csv::rows(register).map(Vec::from).collect(),
        show_header: true,
        style: BODY,
        header_style: BODY_BOLD,
        auto_width: true,
    };
    flow.table(&table);
}

/// The DPIA register, as the `dpias-csv` export and the workbook's sheet give
/// it; none when the register has no DPIAs (the cover gives their number).
fn dpias_table(flow: &mut Flow<'_>, register: &Register, today: crate::model::Date) {
    if register.dpias.is_empty() {
        return;
    }
    flow.new_page();
    flow.paragraph("Data protection impact assessments", Style::bold(14.0), 2);
    flow.space(4.0);
    let weights = [1.3, 0.75, 0.8, 0.7, 0.85, 0.8, 0.85, 0.8, 1.1, 1.0, 1.5, 0.75, 0.7];
    let table = Table {
        columns: crate::ico_template::DPIA_HEADINGS
            .iter()
            .zip(weights)
            .map(|(h, w)| Column::new(*h, w))
            .collect(),
        rows: super::super::dpias_csv::rows(register, today).map(Vec::from).collect(),
        show_header: true,
        style: BODY,
        header_style: BODY_BOLD,
        auto_width: true,
    };
    flow.table(&table);
}

fn links_table(flow: &mut Flow<'_>, register: &Register, lookup: &Lookup<'_>) {
    flow.new_page();
    flow.paragraph("Data flows: sources and recipients", Style::bold(14.0), 2);
    flow.space(4.0);
    let weights = [1.0, 1.2, 0.8, 1.2, 0.9, 1.3, 0.9, 0.7, 1.4, 0.9, 1.3, 0.8, 1.0];
    let table = Table {
        columns: links_csv::HEADINGS.iter().zip(weights).map(|(h, w)| Column::new(*h, w)).collect(),
        rows: register
            .links
            .iter()
            .map(|link| {
                links_csv::cells(lookup, link)
                    .into_iter()
                    .map(|cell| cell.replace(ico_csv::LIST_SEPARATOR, "\n"))
                    .collect()
            })
            .collect(),
        show_header: true,
        style: BODY,
        header_style: BODY_BOLD,
        auto_width: true,
    };
    flow.table(&table);
}
