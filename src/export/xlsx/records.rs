//! The workbook's tables of parties, agreements and information assets: one row
//! per record, in register order.

use crate::model::{Agreement, Asset, Party, Register, format_date};

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

/// The cells of one asset, in [`ASSET_HEADINGS`] order; `holding` is the number
/// of activities holding data in it.
pub fn asset_cells(register: &Register, asset: &Asset, holding: usize) -> [String; 14] {
    let f = &asset.fields;
    [
        f.name.clone(),
        f.kind.label().to_string(),
        f.owner_name.clone(),
        f.owner_role.clone(),
        f.location.clone(),
        f.hosting.label().to_string(),
        f.hosting.processor().map_or_else(String::new, |id| register.party_name(id).to_string()),
        f.country.clone(),
        if f.is_outside_uk() { "Yes" } else { "No" }.to_string(),
        f.security_measures.clone(),
        f.retention.clone(),
        f.continuity.clone(),
        f.notes.clone(),
        holding.to_string(),
    ]
}

/// How many activities hold data in each asset, by lower-cased name.
pub fn holdings(register: &Register) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for activity in &register.activities {
        let mut names: Vec<String> =
            activity.fields.systems.iter().map(|s| s.trim().to_lowercase()).collect();
        names.sort();
        names.dedup();
        for name in names {
            *counts.entry(name).or_insert(0) += 1;
        }
    }
    counts
}

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
