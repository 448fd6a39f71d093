//! The links table: one row per activity–party link, saying which data passes, to
//! or from whom, why, how and under which agreement. What passes is
//! [`Passes::of`], the answer the flow questions give too.

use std::io::Write;

use super::csv_out::CsvOut;
use super::ico_csv::LIST_SEPARATOR;
use super::{Options, Progress, step};
use crate::Result;
use crate::law::LegalItem;
use crate::model::{Link, Lookup, Passes, Register};

/// The column headings, in order.
pub const HEADINGS: [&str; 13] = crate::ico_template::LINK_HEADINGS;

/// Writes the links table of `register`.
pub fn write(
    register: &Register,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    let mut csv = CsvOut::new(out, options.bom)?;
    csv.row(&HEADINGS)?;
    let lookup = register.lookup();
    let total = register.links.len();
    for (done, link) in register.links_in_record_order().into_iter().enumerate() {
        step(progress, done, total)?;
        csv.row(&cells(&lookup, link))?;
    }
    step(progress, total, total)?;
    csv.finish()
}

/// The cells of one link, in [`HEADINGS`] order.
pub fn cells(lookup: &Lookup<'_>, link: &Link) -> [String; 13] {
    let f = &link.fields;
    let activity = lookup.activities.get(&link.activity_id).copied();
    let party = lookup.parties.get(&f.party_id);
    let passes = activity.map(|a| Passes::of(link, a)).unwrap_or_default();
    [
        activity.map_or_else(String::new, |a| lookup.service_name(a.fields.service_id).to_string()),
        activity.map_or_else(String::new, |a| a.fields.name.clone()),
        f.direction.label().to_string(),
        lookup.party_name(f.party_id).to_string(),
        party.map_or_else(String::new, |p| p.fields.kind.label().to_string()),
        passes.data_categories.join(LIST_SEPARATOR),
        passes.special_titles().join(LIST_SEPARATOR),
        if passes.criminal_offence_data { "Yes" } else { "No" }.to_string(),
        basis(link),
        f.method.clone(),
        agreement(lookup, link),
        party.filter(|p| p.fields.is_outside_uk()).map_or_else(String::new, |p| p.fields.country.clone()),
        f.notes.clone(),
    ]
}

fn basis(link: &Link) -> String {
    let detail = link.fields.basis_detail.trim();
    match (link.fields.lawful_basis, detail) {
        (None, detail) => detail.to_string(),
        (Some(basis), "") => basis.label(),
        (Some(basis), detail) => format!("{}{LIST_SEPARATOR}{detail}", basis.label()),
    }
}

fn agreement(lookup: &Lookup<'_>, link: &Link) -> String {
    link.fields
        .agreement_id
        .and_then(|id| lookup.agreements.get(&id))
        .map_or_else(String::new, |a| format!("{} ({})", a.fields.title, a.fields.kind.label()))
}
