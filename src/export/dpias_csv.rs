//! The DPIA register: one row per data protection impact assessment, with its
//! status, screening outcome, residual risk, prior consultation, dates, document
//! and the activities it covers. [`rows`] are also the workbook's "DPIAs" sheet,
//! the PDF report's DPIA table and the audit pack's `dpias.csv`.

use std::io::Write;

use super::csv_out::CsvOut;
use super::{Options, Progress, step};
use crate::Result;
use crate::ico_template::{DPIA_HEADINGS, SERVICE_ACTIVITY_SEPARATOR};
use crate::model::{Date, Dpia, Register, format_date};

/// Writes the DPIA register of `register`, with reviews overdue as at `today`.
pub fn write(
    register: &Register,
    today: Date,
    options: &Options,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<()> {
    let mut csv = CsvOut::new(out, options.bom)?;
    csv.row(&DPIA_HEADINGS)?;
    let total = register.dpias.len();
    for (done, row) in rows(register, today).enumerate() {
        step(progress, done, total)?;
        csv.row(&row)?;
    }
    step(progress, total, total)?;
    csv.finish()
}

/// Each DPIA's cells, in [`DPIA_HEADINGS`] order and register order.
pub fn rows(register: &Register, today: Date) -> impl Iterator<Item = [String; 13]> + '_ {
    let lookup = register.lookup();
    let names: std::collections::HashMap<_, String> = register
        .activities
        .iter()
        .map(|a| {
            let service = lookup.service_name(a.fields.service_id);
            (a.id, format!("{service}{SERVICE_ACTIVITY_SEPARATOR}{}", a.fields.name))
        })
        .collect();
    register.dpias.iter().map(move |dpia| cells(dpia, &names, today))
}

fn cells(
    dpia: &Dpia,
    names: &std::collections::HashMap<crate::model::ActivityId, String>,
    today: Date,
) -> [String; 13] {
    let f = &dpia.fields;
    let date = |d: Option<Date>| d.map(format_date).unwrap_or_default();
    let covered: Vec<&str> = f.activities.iter().filter_map(|id| names.get(id).map(String::as_str)).collect();
    [
        f.title.clone(),
        f.status.label().to_string(),
        f.screening.label().to_string(),
        f.residual_risk.label().to_string(),
        f.ico_consultation.label().to_string(),
        date(f.started),
        date(f.completed),
        date(f.next_review),
        f.document.clone(),
        f.notes.clone(),
        covered.join("\n"),
        covered.len().to_string(),
        if f.review_overdue(today) { "Yes" } else { "No" }.to_string(),
    ]
}
