//! Rules on transfers under the new Chapter V (DUAA 2025 s.85 and Sch 7, in
//! force 5 February 2026: legislation.gov.uk/ukpga/2025/18/schedule/7).

use crate::checks::{Concern, Context, Field, Hit, Out};
use crate::law::{DUAA_MAIN_COMMENCEMENT, LegalItem, long_date};
use crate::model::{Activity, Transfer};

/// The transfers of `a` under a safeguard that, on the day checked, counts only
/// where the data protection test of Art 46(1A) is met.
fn tested_transfers<'a>(cx: &Context<'_>, a: &'a Activity) -> impl Iterator<Item = &'a Transfer> {
    let day = cx.settings.today;
    a.fields.transfers.iter().filter(move |t| t.safeguard.is_some_and(|s| s.needs_data_protection_test(day)))
}

/// A transfer under an Art 46 safeguard with nothing recorded about the data
/// protection test, from 5 February 2026: the safeguard counts only where the
/// controller, acting reasonably and proportionately, considers the test met
/// (Art 46(1A)(a)(ii)). The transfer's own answer
/// (`Transfer::data_protection_test_met`) decides; where it was never recorded
/// (registers from before the field), documentation in the transfer's detail
/// is read as the test having been considered, so that those registers are not
/// suddenly flagged.
pub(super) fn transfer_data_protection_test(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let day = cx.settings.today;
    for transfer in tested_transfers(cx, a) {
        if transfer.data_protection_test_met.is_some() || !transfer.detail.trim().is_empty() {
            continue;
        }
        let Some(safeguard) = transfer.safeguard else { continue };
        out.add(
            Hit::new(
                Field::Transfers,
                format!(
                    "{} transfers personal data to {} under {}, but records no assessment of the data protection test, and since {} such a safeguard counts only where the controller, acting reasonably and proportionately, considers that test met (UK GDPR Art 46(1A)).",
                    cx.record(a),
                    transfer.destination.trim(),
                    safeguard.label_on(day),
                    long_date(DUAA_MAIN_COMMENCEMENT)
                ),
                "Record whether the data protection test is met for the transfer, and in its documentation where the assessment is kept.",
            )
            .concerning(vec![Concern::item("transfer", &transfer.destination)]),
        );
    }
}

/// A transfer under an Art 46 safeguard whose record says the controller does
/// not consider the data protection test met: from 5 February 2026 the transfer
/// is then not made subject to appropriate safeguards (Art 46(1A)), and needs
/// another ground (regulations under Art 45A, or an Art 49 derogation).
pub(super) fn transfer_data_protection_test_not_met(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let day = cx.settings.today;
    for transfer in tested_transfers(cx, a).filter(|t| t.data_protection_test_met == Some(false)) {
        let Some(safeguard) = transfer.safeguard else { continue };
        out.add(
            Hit::new(
                Field::Transfers,
                format!(
                    "{} transfers personal data to {} under {}, but records that the data protection test is not met, so the transfer is not made subject to appropriate safeguards (UK GDPR Art 46(1A)).",
                    cx.record(a),
                    transfer.destination.trim(),
                    safeguard.label_on(day),
                ),
                "Stop the transfer, or rely on transfer regulations (Art 45A) or an Art 49 derogation that applies, or put in place safeguards under which the test is met.",
            )
            .concerning(vec![Concern::item("transfer", &transfer.destination)]),
        );
    }
}
