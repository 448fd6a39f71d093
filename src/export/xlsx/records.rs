//! The workbook's tables of parties and agreements: one row per record, in
//! register order; the headings of its information assets table, whose rows
//! are [`crate::export::assets_csv::rows`].

use crate::model::{Agreement, Party, Register, format_date};

use super::super::ico_csv::LIST_SEPARATOR;

/// The parties sheet's headings, in order.
pub const PARTY_HEADINGS: [&str; 7] = crate::ico_template::PARTY_HEADINGS;

/// The column of [`PARTY_HEADINGS`] answered Yes or No.
pub const PARTY_YES_NO: [usize; 1] = [3];

/// The agreements sheet's headings, in order.
pub const AGREEMENT_HEADINGS: [&str; 8] = crate::ico_template::AGREEMENT_HEADINGS;

/// The information assets sheet's headings, in order.
pub const ASSET_HEADINGS: [&str; 14] = crate::ico_template::ASSET_HEADINGS;

/// The column of [`ASSET_HEADINGS`] answered Yes or No ("Outside the UK").
pub const ASSET_YES_NO: [usize; 1] = [8];

/// The cells of one party, in [`PARTY_HEADINGS`] order.
pub fn party_cells(register: &Register, party: &Party) -> [String; 7] {
    let f = &party.fields;
    [
        f.name.clone(),
        f.kind.label().to_string(),
        f.country.clone(),
        if f.is_outside_uk() { "Yes" } else { "No" }.to_string(),
        f.internal_service.map_or_else(String::new, |id| register.service_name(id).to_string()),
        f.contact.clone(),
        f.notes.clone(),
    ]
}

/// The cells of one agreement, in [`AGREEMENT_HEADINGS`] order.
pub fn agreement_cells(register: &Register, agreement: &Agreement) -> [String; 8] {
    let f = &agreement.fields;
    let parties: Vec<&str> = f.parties.iter().map(|&id| register.party_name(id)).collect();
    let date = |date: Option<crate::model::Date>| date.map_or_else(String::new, format_date);
    [
        f.title.clone(),
        f.kind.label().to_string(),
        f.reference.clone(),
        parties.join(LIST_SEPARATOR),
        date(f.start),
        date(f.review_due),
        date(f.end),
        f.notes.clone(),
    ]
}
