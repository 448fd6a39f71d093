//! Rules on transfers under the new Chapter V (DUAA 2025 s.85 and Sch 7, in
//! force 5 February 2026: legislation.gov.uk/ukpga/2025/18/schedule/7).

use crate::checks::{Context, Field, Hit, Out};
use crate::law::{LegalItem, long_date};
use crate::model::Activity;

/// A transfer under an Art 46 safeguard with nothing recorded about it, from 5
/// February 2026: the safeguard counts only where the controller, acting
/// reasonably and proportionately, considers the data protection test met
/// (Art 46(1A)), so the record should say that it did and how.
pub(super) fn transfer_data_protection_test(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let day = cx.settings.today;
    for transfer in &a.fields.transfers {
        let Some(safeguard) = transfer.safeguard else { continue };
        if !safeguard.needs_data_protection_test(day) || !transfer.detail.trim().is_empty() {
            continue;
        }
        out.add(
            Hit::new(
                Field::Transfers,
                format!(
                    "{} transfers personal data to {} under {}, but records no assessment of the data protection test, and since {} such a safeguard counts only where the controller, acting reasonably and proportionately, considers that test met (UK GDPR Art 46(1A)).",
                    cx.record(a),
                    transfer.destination.trim(),
                    safeguard.label_on(day),
                    long_date(crate::law::DUAA_MAIN_COMMENCEMENT)
                ),
                "Record in the transfer's detail the data protection test assessment and where it is kept.",
            )
            .concerning(vec![crate::checks::Concern::item("transfer", &transfer.destination)]),
        );
    }
}
