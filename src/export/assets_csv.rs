//! The information asset register: one row per asset, with its owner, where and
//! by whom it is hosted, its security, retention and continuity, and how many
//! activities hold data in it. [`rows`] are also the workbook's "Information
//! assets" sheet and the PDF report's assets table.

use std::collections::HashMap;
use std::io::Write;

use super::csv_out::CsvOut;
use super::xlsx::ASSET_HEADINGS;
use super::{Options, Progress, step};
use crate::Result;
use crate::model::{Asset, Register};

/// Writes the asset register of `register`.
pub fn write(
    register: &Register,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    let mut csv = CsvOut::new(out, options.bom)?;
    csv.row(&ASSET_HEADINGS)?;
    let total = register.assets.len();
    for (done, row) in rows(register).enumerate() {
        step(progress, done, total)?;
        csv.row(&row)?;
    }
    step(progress, total, total)?;
    csv.finish()
}

/// Each asset's cells, in [`ASSET_HEADINGS`] order and register order.
pub fn rows(register: &Register) -> impl Iterator<Item = [String; 14]> + '_ {
    let holdings = holdings(register);
    register.assets.iter().map(move |asset| {
        let holding = holdings.get(&asset.fields.name.trim().to_ascii_lowercase()).copied().unwrap_or(0);
        cells(register, asset, holding)
    })
}

/// The cells of one asset; `holding` is the number of activities holding data in it.
fn cells(register: &Register, asset: &Asset, holding: usize) -> [String; 14] {
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

/// How many activities hold data in each asset, by name with ASCII letters
/// folded (as the register compares names).
fn holdings(register: &Register) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for activity in &register.activities {
        let mut names: Vec<String> =
            activity.fields.systems.iter().map(|s| s.trim().to_ascii_lowercase()).collect();
        names.sort();
        names.dedup();
        for name in names {
            *counts.entry(name).or_insert(0) += 1;
        }
    }
    counts
}
