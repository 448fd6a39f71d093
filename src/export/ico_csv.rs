//! The ICO "Documentation template for controllers" layout: the contact block, then
//! the 30 columns A to AD with the template's exact headings, one row per activity.
//!
//! [`columns`] maps one activity to its 30 cells; the PDF report's detail pages use
//! it too, so both exports say the same thing. `docs/exports.md` has the mapping.

use std::collections::BTreeSet;
use std::io::Write;

use super::csv_out::CsvOut;
use super::{Options, Progress, step};
use crate::Result;
use crate::ico_template::IcoColumn;
use crate::law::{LAW_CURRENT_TO, LegalItem, rights_for};
use crate::model::{
    Activity, AgreementKind, Contact, Date, Direction, DpiaAnswers, DpiaProgress, LogHead, Lookup, Register,
    format_date,
};

/// The separator between the items of a list in one cell (the layout's, in
/// [`crate::ico_template`]).
pub use crate::ico_template::LIST_SEPARATOR;

/// The 30 column headings, A to AD, exactly as the ICO template words them (from
/// [`IcoColumn`], which the ICO import reads too).
pub fn headings() -> [&'static str; 30] {
    IcoColumn::ALL.map(IcoColumn::heading)
}

/// The column after AD naming each row's activity, shared with the importer.
pub use crate::ico_template::ACTIVITY_HEADING;

/// The template's section titles, each with the index of the column it starts at.
pub fn sections() -> Vec<(usize, &'static str)> {
    let mut sections: Vec<(usize, &'static str)> = Vec::new();
    for (index, column) in IcoColumn::ALL.iter().enumerate() {
        if sections.last().is_none_or(|(_, title)| *title != column.section()) {
            sections.push((index, column.section()));
        }
    }
    sections
}

/// The spreadsheet letter of column `index` (0 is A, 29 is AD).
pub fn column_letter(index: usize) -> String {
    IcoColumn::ALL.get(index).map_or_else(String::new, |column| column.letter())
}

/// Writes the ICO layout of `register`.
pub fn write(
    register: &Register,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    write_with_head(register, None, options, out, progress)
}

/// [`write`], with the change log's head (`head N:HEX`) as the last row of the
/// contact block when it is given.
pub fn write_with_head(
    register: &Register,
    log_head: Option<&LogHead>,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    write_with_head_on(register, log_head, LAW_CURRENT_TO, options, out, progress)
}

/// [`write_with_head`] quoting the law as in force on `day` (the export's day,
/// or the day it is as at): citations, titles and wording of the bases,
/// conditions, safeguards and rights. [`write`] and [`write_with_head`] quote
/// the law as at [`LAW_CURRENT_TO`].
pub fn write_with_head_on(
    register: &Register,
    log_head: Option<&LogHead>,
    day: Date,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    let mut csv = CsvOut::new(out, options.bom)?;
    for row in contact_rows(register, log_head) {
        csv.row(&row)?;
    }
    csv.row(&section_row())?;
    csv.row(&heading_row())?;
    let lookup = register.lookup();
    let total = register.activities.len();
    for (done, activity) in register.activities.iter().enumerate() {
        step(progress, done, total)?;
        csv.row(&activity_row_on(&lookup, activity, day))?;
    }
    step(progress, total, total)?;
    csv.finish()
}

/// The label of the contact block's last row, which gives the date the
/// register's law is current to.
pub const LAW_CURRENT_TO_LABEL: &str = "Law current to";

/// The contact block above the table: a heading row, then Name, Address, Email and
/// Telephone for the controller, the DPO and the representative, then the change
/// log's head when it is given, then, in the row the template leaves blank, the
/// date the register's law is current to. The workbook export writes the same rows.
pub fn contact_rows(register: &Register, log_head: Option<&LogHead>) -> Vec<Vec<String>> {
    contact_block(register, "Controller", log_head)
}

/// [`contact_rows`] with `first` naming the organisation's own column ("Controller",
/// or "Processor" in the processor layout).
pub(crate) fn contact_block(
    register: &Register,
    first: &str,
    log_head: Option<&LogHead>,
) -> Vec<Vec<String>> {
    let organisation = &register.organisation;
    let contacts: [&Contact; 3] = [&organisation.controller, &organisation.dpo, &organisation.representative];
    let mut rows = vec![vec![
        String::new(),
        first.to_string(),
        "Data Protection Officer".into(),
        "Representative".into(),
    ]];
    let lines = [
        ("Name", contacts.map(|c| c.name.as_str())),
        ("Address", contacts.map(|c| c.address.as_str())),
        ("Email", contacts.map(|c| c.email.as_str())),
        ("Telephone", contacts.map(|c| c.telephone.as_str())),
    ];
    for (label, values) in lines {
        let mut row = vec![label.to_string()];
        row.extend(values.map(str::to_string));
        rows.push(row);
    }
    if let Some(head) = log_head {
        rows.push(vec!["Change log".to_string(), head.to_string()]);
    }
    // The row between the block and the table, blank in the ICO's template,
    // says what law the register was checked against: the layout keeps its rows.
    rows.push(vec![LAW_CURRENT_TO_LABEL.to_string(), crate::law::long_date(crate::law::LAW_CURRENT_TO)]);
    rows
}

/// The band row: the template's section titles above the column each starts at.
pub fn section_row() -> Vec<&'static str> {
    let mut row = vec![""; IcoColumn::ALL.len()];
    for (index, title) in sections() {
        row[index] = title;
    }
    row
}

/// The heading row: A to AD, then [`ACTIVITY_HEADING`].
pub fn heading_row() -> Vec<&'static str> {
    headings().into_iter().chain([ACTIVITY_HEADING]).collect()
}

/// One activity's row: its 30 cells, then its name under [`ACTIVITY_HEADING`],
/// quoting the law as at [`LAW_CURRENT_TO`].
pub fn activity_row(lookup: &Lookup<'_>, activity: &Activity) -> Vec<String> {
    activity_row_on(lookup, activity, LAW_CURRENT_TO)
}

/// [`activity_row`] quoting the law as in force on `day`.
pub fn activity_row_on(lookup: &Lookup<'_>, activity: &Activity, day: Date) -> Vec<String> {
    let mut row = columns_on(lookup, activity, day).to_vec();
    row.push(activity.fields.name.clone());
    row
}

/// The 30 cells (A to AD) for `activity`, quoting the law as at [`LAW_CURRENT_TO`].
pub fn columns(lookup: &Lookup<'_>, activity: &Activity) -> [String; 30] {
    columns_on(lookup, activity, LAW_CURRENT_TO)
}

/// The 30 cells (A to AD) for `activity`, quoting the law as in force on `day`.
pub fn columns_on(lookup: &Lookup<'_>, activity: &Activity, day: Date) -> [String; 30] {
    let f = &activity.fields;
    let bases: Vec<String> = f.lawful_bases.iter().map(|basis| basis.label_on(day)).collect();
    let dpia = lookup.dpias.answers(activity.id);
    [
        lookup.service_name(f.service_id).to_string(),
        join(&f.purposes),
        crate::ico_template::role_cell(&f.role),
        join(&f.data_subjects),
        personal_data(activity),
        parties(lookup, activity, Direction::Recipient),
        processor_contracts(lookup, activity),
        third_countries(lookup, activity),
        safeguards_on(activity, day),
        retention(activity),
        f.security_measures.clone(),
        lawful_bases_with_legislation(bases, &f.legislation),
        join_labels(&f.article9_conditions, day),
        legitimate_interests(activity, day),
        f.legitimate_interests_assessment.clone(),
        join_iter(rights_for(&f.lawful_bases).iter().map(|right| right.title_on(day))),
        yes_with_detail(f.automated_decision_making.as_deref()),
        parties(lookup, activity, Direction::Source),
        f.consent_record.clone(),
        join(&f.systems),
        yes_no(dpia.required),
        dpia_progress(&dpia),
        dpia.link.clone(),
        yes_no(Some(f.breach.is_some())),
        f.breach.clone().unwrap_or_default(),
        join_labels(&f.schedule1_conditions, day),
        join_iter(
            f.lawful_bases.iter().map(|basis| format!("{}: {}", basis.title_on(day), basis.wording_on(day))),
        ),
        f.policy_document.clone(),
        yes_no(f.retained_per_policy),
        f.policy_exceptions.clone(),
    ]
}

fn join(items: &[String]) -> String {
    join_iter(items.iter())
}

fn join_iter<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let items: Vec<S> = items.into_iter().filter(|item| !item.as_ref().trim().is_empty()).collect();
    items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(LIST_SEPARATOR)
}

fn join_labels<T: LegalItem>(items: &BTreeSet<T>, day: Date) -> String {
    join_iter(items.iter().map(|item| item.label_on(day)))
}

/// Column J: the retention period, then why it is that long where recorded
/// (UK GDPR Art 5(1)(e)).
fn retention(activity: &Activity) -> String {
    let f = &activity.fields;
    match (f.retention.describe(), f.retention_reason.trim()) {
        (period, "") => period,
        (period, reason) if period.is_empty() => format!("Reason: {reason}"),
        (period, reason) => format!("{period}{LIST_SEPARATOR}reason: {reason}"),
    }
}

/// Column N: the Annex 1 condition relied on for a recognised legitimate
/// interest (Art 6(1)(ea)), then the legitimate interests pursued (Art 6(1)(f)).
fn legitimate_interests(activity: &Activity, day: Date) -> String {
    let f = &activity.fields;
    let condition = f
        .recognised_legitimate_interest
        .map(|condition| format!("Recognised legitimate interest: {}", condition.label_on(day)));
    let interests = Some(f.legitimate_interests.trim().to_string()).filter(|text| !text.is_empty());
    join_iter(condition.into_iter().chain(interests))
}

pub(crate) fn yes_no(value: Option<bool>) -> String {
    match value {
        Some(true) => "Yes".into(),
        Some(false) => "No".into(),
        None => String::new(),
    }
}

fn yes_with_detail(detail: Option<&str>) -> String {
    match detail.map(str::trim) {
        None => "No".into(),
        Some("") => "Yes".into(),
        Some(detail) => format!("Yes: {detail}"),
    }
}

/// Ordinary categories, then those recorded as special that Art 9(1) does not list,
/// then the Art 9(1) categories and criminal offence data, marked as such.
fn personal_data(activity: &Activity) -> String {
    let f = &activity.fields;
    let special = f.special_categories.iter().map(|c| format!("{} (special category)", c.title()));
    let criminal = f.criminal_offence_data.as_deref().map(|detail| match detail.trim() {
        "" => "Criminal offence data".to_string(),
        detail => format!("Criminal offence data: {detail}"),
    });
    join_iter(
        f.personal_data
            .iter()
            .cloned()
            .chain(f.other_special_items.iter().cloned())
            .chain(special)
            .chain(criminal),
    )
}

/// Party names with their kind, each party once, in link order.
fn parties(lookup: &Lookup<'_>, activity: &Activity, direction: Direction) -> String {
    let mut seen = BTreeSet::new();
    let names = lookup
        .links_of(activity.id)
        .iter()
        .filter(|link| link.fields.direction == direction)
        .filter_map(|link| lookup.parties.get(&link.fields.party_id))
        .filter(|party| seen.insert(party.id))
        .map(|party| named_with_kind(&party.fields.name, party.fields.kind.label()));
    join_iter(names)
}

/// "Name (kind)", or just the name when it already says the kind.
fn named_with_kind(name: &str, kind: &str) -> String {
    if name.trim().eq_ignore_ascii_case(kind) { name.to_string() } else { format!("{name} ({kind})") }
}

fn processor_contracts(lookup: &Lookup<'_>, activity: &Activity) -> String {
    let mut seen = BTreeSet::new();
    let contracts = lookup
        .links_of(activity.id)
        .iter()
        .filter_map(|link| link.fields.agreement_id)
        .filter_map(|id| lookup.agreements.get(&id))
        .filter(|agreement| agreement.fields.kind == AgreementKind::ProcessorContract)
        .filter(|agreement| seen.insert(agreement.id))
        .map(|agreement| match agreement.fields.reference.trim() {
            "" => agreement.fields.title.clone(),
            reference => format!("{} ({reference})", agreement.fields.title),
        });
    join_iter(contracts)
}

/// The activity's transfer destinations, then the countries of recipients outside
/// the UK that no transfer names already ("Country (recipient: Party)").
pub(crate) fn third_countries(lookup: &Lookup<'_>, activity: &Activity) -> String {
    let destinations: Vec<String> =
        activity.fields.transfers.iter().map(|transfer| transfer.destination.trim().to_string()).collect();
    let mut seen: BTreeSet<String> = destinations.iter().map(|d| d.to_lowercase()).collect();
    let recipients: Vec<String> = lookup
        .links_of(activity.id)
        .iter()
        .filter(|link| link.fields.direction == Direction::Recipient)
        .filter_map(|link| lookup.parties.get(&link.fields.party_id))
        .filter(|party| party.fields.is_outside_uk())
        .filter(|party| seen.insert(party.fields.country.trim().to_lowercase()))
        .map(|party| format!("{} (recipient: {})", party.fields.country.trim(), party.fields.name))
        .collect();
    let mut unique = BTreeSet::new();
    join_iter(destinations.into_iter().filter(|d| unique.insert(d.to_lowercase())).chain(recipients))
}

/// Column I, quoting the law as at [`LAW_CURRENT_TO`].
pub(crate) fn safeguards(activity: &Activity) -> String {
    safeguards_on(activity, LAW_CURRENT_TO)
}

/// Column I: each transfer's safeguard as named on `day`, whether the Art
/// 46(1A) data protection test is recorded as met, and its documentation.
pub(crate) fn safeguards_on(activity: &Activity, day: Date) -> String {
    join_iter(activity.fields.transfers.iter().map(|transfer| {
        let mut safeguard =
            transfer.safeguard.map_or_else(|| "no safeguard recorded".to_string(), |s| s.label_on(day));
        match transfer.data_protection_test_met {
            Some(true) => safeguard.push_str(", data protection test met"),
            Some(false) => safeguard.push_str(", data protection test not met"),
            None => {}
        }
        match transfer.detail.trim() {
            "" => format!("{}: {safeguard}", transfer.destination),
            detail => format!("{}: {safeguard} ({detail})", transfer.destination),
        }
    }))
}

fn lawful_bases_with_legislation(bases: Vec<String>, legislation: &[String]) -> String {
    let legislation = join(legislation);
    let bases = join_iter(bases);
    match (bases.is_empty(), legislation.is_empty()) {
        (_, true) => bases,
        (true, false) => format!("Legislation: {legislation}"),
        (false, false) => format!("{bases}{LIST_SEPARATOR}Legislation: {legislation}"),
    }
}

/// The progress cell, with the date in brackets; empty while nothing is said
/// but "not started".
fn dpia_progress(dpia: &DpiaAnswers) -> String {
    let unsaid = dpia.progress == DpiaProgress::NotStarted && dpia.link.is_empty() && dpia.date.is_none();
    if unsaid && dpia.required != Some(true) {
        return String::new();
    }
    match dpia.date {
        Some(date) => format!("{} ({})", dpia.progress.label(), format_date(date)),
        None => dpia.progress.label().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_columns_with_letters_a_to_ad() {
        let headings = headings();
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(29), "AD");
        assert_eq!(headings[25], "Data Protection Act 2018 Schedule 1 Condition for processing");
        let starts: Vec<usize> = sections().iter().map(|(start, _)| *start).collect();
        assert_eq!(starts, [0, 11, 18, 19, 20, 23, 25]);
    }

    #[test]
    fn yes_no_cells_read_as_words() {
        assert_eq!(yes_no(None), "");
        assert_eq!(yes_no(Some(true)), "Yes");
        assert_eq!(yes_with_detail(None), "No");
        assert_eq!(yes_with_detail(Some(" ")), "Yes");
        assert_eq!(yes_with_detail(Some("Risk score")), "Yes: Risk score");
    }

    #[test]
    fn legislation_follows_the_bases() {
        let check = |bases: &[&str], legislation: &[&str], expected: &str| {
            let bases = bases.iter().map(|s| s.to_string()).collect();
            let legislation: Vec<String> = legislation.iter().map(|s| s.to_string()).collect();
            assert_eq!(lawful_bases_with_legislation(bases, &legislation), expected);
        };
        check(&["Art 6(1)(e) Public task"], &[], "Art 6(1)(e) Public task");
        check(&[], &["Children Act 2004 s.10"], "Legislation: Children Act 2004 s.10");
        check(
            &["Art 6(1)(e) Public task"],
            &["Children Act 2004 s.10", "Children Act 1989"],
            "Art 6(1)(e) Public task; Legislation: Children Act 2004 s.10; Children Act 1989",
        );
    }

    #[test]
    fn the_new_fields_fill_the_columns_they_fit() {
        use crate::law::{RecognisedLegitimateInterest, TransferSafeguard};
        use crate::model::{ActivityFields, ActivityId, Retention, ServiceId, Transfer};
        let mut f = ActivityFields::new(ServiceId(1), "Disclosures");
        f.retention = Retention::Period { months: 72, from: "case closure".into() };
        f.retention_reason = "Limitation Act 1980 s.2".into();
        f.recognised_legitimate_interest = Some(RecognisedLegitimateInterest::Crime);
        f.legitimate_interests = "Fraud prevention".into();
        f.transfers = vec![Transfer {
            destination: "India".into(),
            safeguard: Some(TransferSafeguard::Idta),
            detail: "TRA-12".into(),
            data_protection_test_met: Some(true),
        }];
        let activity = Activity { id: ActivityId(1), version: 1, fields: f };
        assert_eq!(retention(&activity), "6 years from case closure; reason: Limitation Act 1980 s.2");
        assert_eq!(
            legitimate_interests(&activity, LAW_CURRENT_TO),
            "Recognised legitimate interest: UK GDPR Annex 1 para 5 Crime; Fraud prevention"
        );
        let safeguards = safeguards_on(&activity, LAW_CURRENT_TO);
        assert!(safeguards.starts_with("India: Art 46(2)(d)"), "{safeguards}");
        assert!(safeguards.ends_with(", data protection test met (TRA-12)"), "{safeguards}");
        let mut activity = activity;
        activity.fields.retention = Retention::NotStated;
        activity.fields.transfers[0].data_protection_test_met = Some(false);
        assert_eq!(retention(&activity), "Reason: Limitation Act 1980 s.2");
        assert!(safeguards_on(&activity, LAW_CURRENT_TO).contains("data protection test not met"));
    }
}
