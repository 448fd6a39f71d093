//! Rules on DPIA records: a review date passed (Art 35(11)), a high residual
//! risk with no prior consultation of the Commissioner (Art 36(1)), and a DPIA
//! that covers no activity of the register.

use super::and_list;
use crate::checks::{Concern, Context, Field, Hit, Out};
use crate::model::{Dpia, IcoConsultation, ResidualRisk, format_date};

/// The concern for one DPIA.
fn concern(dpia: &Dpia) -> Concern {
    Concern {
        subject: format!("dpia:{}", dpia.id),
        label: dpia.fields.title.trim().to_string(),
        link_id: None,
        party_id: None,
        acknowledged: None,
    }
}

fn labels(concerns: &[Concern]) -> Vec<String> {
    concerns.iter().map(|c| format!("\"{}\"", c.label)).collect()
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// DPIAs whose next review date has passed.
pub(super) fn review_overdue(cx: &Context<'_>, out: &mut Out<'_>) {
    let today = cx.settings.today;
    let overdue: Vec<Concern> = cx
        .register
        .dpias
        .iter()
        .filter(|d| d.fields.review_overdue(today))
        .map(|d| Concern {
            label: format!(
                "{} (due {})",
                d.fields.title.trim(),
                d.fields.next_review.map(format_date).unwrap_or_default()
            ),
            ..concern(d)
        })
        .collect();
    if overdue.is_empty() {
        return;
    }
    out.add(
        Hit::new(
            Field::Dpias,
            format!(
                "The DPIA{} {} {} past {} review date; the controller must review whether processing is performed in accordance with the assessment, at least when the risk changes (UK GDPR Art 35(11)).",
                plural(overdue.len(), "", "s"),
                and_list(&labels(&overdue)),
                plural(overdue.len(), "is", "are"),
                plural(overdue.len(), "its", "their"),
            ),
            "Review each DPIA against the processing as it now is, then set its status to Reviewed and its next review date on the DPIAs page.",
        )
        .concerning(overdue),
    );
}

/// DPIAs with a high residual risk where the ICO is not recorded as consulted.
pub(super) fn high_risk_not_consulted(cx: &Context<'_>, out: &mut Out<'_>) {
    let unconsulted: Vec<Concern> = cx
        .register
        .dpias
        .iter()
        .filter(|d| {
            d.fields.residual_risk == ResidualRisk::High
                && d.fields.ico_consultation != IcoConsultation::Consulted
        })
        .map(concern)
        .collect();
    if unconsulted.is_empty() {
        return;
    }
    out.add(
        Hit::new(
            Field::Dpias,
            format!(
                "The DPIA{} {} {} a high residual risk with no consultation of the Commissioner recorded; where a DPIA indicates a high risk in the absence of measures to mitigate it, the controller must consult the Commissioner before processing (UK GDPR Art 36(1)).",
                plural(unconsulted.len(), "", "s"),
                and_list(&labels(&unconsulted)),
                plural(unconsulted.len(), "records", "record"),
            ),
            "Mitigate the risk and record the lower residual risk, or consult the ICO before the processing starts and record it as consulted.",
        )
        .concerning(unconsulted),
    );
}

/// DPIAs that cover no activity.
pub(super) fn covers_nothing(cx: &Context<'_>, out: &mut Out<'_>) {
    let empty: Vec<Concern> =
        cx.register.dpias.iter().filter(|d| d.fields.activities.is_empty()).map(concern).collect();
    if empty.is_empty() {
        return;
    }
    out.add(
        Hit::new(
            Field::Dpias,
            format!(
                "The DPIA{} {} {} no processing activity of the register, so the record cannot show which processing {} assessed (UK GDPR Art 5(2), Art 35(7)(a)).",
                plural(empty.len(), "", "s"),
                and_list(&labels(&empty)),
                plural(empty.len(), "covers", "cover"),
                plural(empty.len(), "it", "they"),
            ),
            "Add the activities the assessment covers on the DPIAs page, or delete a DPIA recorded in error.",
        )
        .concerning(empty),
    );
}
