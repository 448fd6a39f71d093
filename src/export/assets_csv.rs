//! The information asset register: one row per asset, with its owner, where and
//! by whom it is hosted, its security, retention and continuity, and how many
//! activities hold data in it. The same cells as the workbook's "Information
//! assets" sheet.

use std::io::Write;

use super::csv_out::CsvOut;
use super::xlsx::{ASSET_HEADINGS, asset_cells, asset_holdings};
use super::{Options, Progress, step};
use crate::Result;
use crate::model::Register;

/// Writes the asset register of `register`.
pub fn write(
    register: &Register,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    let mut csv = CsvOut::new(out, options.bom)?;
    csv.row(&ASSET_HEADINGS)?;
    let holdings = asset_holdings(register);
    let total = register.assets.len();
    for (done, asset) in register.assets.iter().enumerate() {
        step(progress, done, total)?;
        let holding = holdings.get(&asset.fields.name.trim().to_lowercase()).copied().unwrap_or(0);
        csv.row(&asset_cells(register, asset, holding))?;
    }
    step(progress, total, total)?;
    csv.finish()
}
