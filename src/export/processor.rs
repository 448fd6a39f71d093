//! The processor record (UK GDPR Art 30(2)): the activities the organisation carries
//! out as a processor on behalf of another controller, in a layout of its own.
//!
//! No stored copy of the ICO's processor template could be found, so the columns
//! follow Art 30(2) item by item, in the Article's words, with the ICO controller
//! template's wording where the two records share an item (transfers, security);
//! `docs/exports.md` says so. The contact block names the processor (the
//! organisation), its DPO and its representative: Art 30(2)(a).
//!
//! [`columns`] maps one activity to its cells; the CSV here and the workbook's
//! "Processor record" sheet both use it, and `import::read_processor_csv` reads the
//! layout back.

use std::io::Write;

use super::csv_out::CsvOut;
use super::ico_csv::{contact_block, safeguards, third_countries};
use super::{Options, Progress, step};
use crate::Result;
use crate::model::{Activity, Lookup, Register, Role};

pub use crate::processor_template::{PROCESSOR_TITLE, ProcessorColumn};

/// The band row above the headings: the provision each column records.
pub fn section_row() -> Vec<&'static str> {
    ProcessorColumn::ALL.iter().map(|column| column.citation()).collect()
}

/// The heading row. The activity's name is its category of processing (Art
/// 30(2)(b)), so this layout needs no added name column.
pub fn heading_row() -> Vec<&'static str> {
    ProcessorColumn::ALL.iter().map(|column| column.heading()).collect()
}

/// The contact block: the processor (the organisation), its DPO and its
/// representative, laid out as the ICO layout's block.
pub fn contact_rows(register: &Register) -> Vec<Vec<String>> {
    contact_block(register, PROCESSOR_TITLE, None)
}

/// The controller `activity` is processed for, when the organisation acts as its
/// processor.
pub fn controller_of(activity: &Activity) -> Option<&str> {
    match &activity.fields.role {
        Role::Processor { for_controller } => Some(for_controller),
        Role::Controller | Role::JointController { .. } => None,
    }
}

/// The activities in the processor record, in register order.
pub fn processor_activities(register: &Register) -> impl Iterator<Item = &Activity> {
    register.activities.iter().filter(|activity| controller_of(activity).is_some())
}

/// The cells of one processor activity, in [`ProcessorColumn::ALL`] order.
pub fn columns(lookup: &Lookup<'_>, activity: &Activity) -> [String; 6] {
    let f = &activity.fields;
    [
        lookup.service_name(f.service_id).to_string(),
        controller_of(activity).unwrap_or_default().to_string(),
        f.name.clone(),
        third_countries(lookup, activity),
        safeguards(activity),
        f.security_measures.clone(),
    ]
}

/// Writes the processor record of `register` as CSV: the contact block, the band
/// row of provisions, the headings and one row per processor activity.
pub fn write(
    register: &Register,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    let mut csv = CsvOut::new(out, options.bom)?;
    for row in contact_rows(register) {
        csv.row(&row)?;
    }
    csv.row(&section_row())?;
    csv.row(&heading_row())?;
    let lookup = register.lookup();
    let activities: Vec<&Activity> = processor_activities(register).collect();
    let total = activities.len();
    // Reported before the rows as well, so that a record with no processor
    // activities can still be cancelled.
    step(progress, 0, total)?;
    for (done, activity) in activities.into_iter().enumerate() {
        step(progress, done, total)?;
        csv.row(&columns(&lookup, activity))?;
    }
    step(progress, total, total)?;
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_article_30_2_item_has_a_column() {
        let cited: Vec<&str> = ProcessorColumn::ALL.iter().map(|c| c.citation()).collect();
        for item in ["Art 30(2)(a)", "Art 30(2)(b)", "Art 30(2)(c)", "Art 30(2)(d)"] {
            assert!(cited.contains(&item), "{item} has no column");
        }
        assert_eq!(heading_row().len(), section_row().len());
    }
}
