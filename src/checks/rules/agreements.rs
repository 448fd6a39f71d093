//! Rules on agreements: review and end dates.

use crate::checks::{Context, Field, Hit, Out};
use crate::model::{Agreement, format_date};

fn name(agreement: &Agreement) -> String {
    format!("The agreement \"{}\"", agreement.fields.title)
}

/// Review date passed.
pub(super) fn review_overdue(cx: &Context<'_>, g: &Agreement, out: &mut Out<'_>) {
    if let Some(due) = g.fields.review_due.filter(|due| *due < cx.settings.today) {
        out.add(
            Hit::new(
                Field::AgreementReviewDue,
                format!(
                    "{} was due for review on {} (UK GDPR Art 5(2); ICO Data sharing code).",
                    name(g),
                    format_date(due)
                ),
                "Review the agreement with its parties and record the next review date.",
            )
            .on_agreement(g.id),
        );
    }
}

/// End date within the notice period.
pub(super) fn ending_soon(cx: &Context<'_>, g: &Agreement, out: &mut Out<'_>) {
    let soon = cx.days_ahead(cx.settings.due_soon_days);
    if let Some(end) = g.fields.end.filter(|end| *end >= cx.settings.today && *end <= soon) {
        out.add(
            Hit::new(
                Field::AgreementEnd,
                format!(
                    "{} ends on {}; flows under it will then have no agreement (UK GDPR Art 5(2)).",
                    name(g),
                    format_date(end)
                ),
                "Renew or replace the agreement, or stop the flows it covers.",
            )
            .on_agreement(g.id),
        );
    }
}

/// End date passed while links still rely on it.
pub(super) fn ended(cx: &Context<'_>, g: &Agreement, out: &mut Out<'_>) {
    let Some(end) = g.fields.end.filter(|end| *end < cx.settings.today) else { return };
    if cx.agreements_in_use.contains(&g.id) {
        out.add(
            Hit::new(
                Field::AgreementEnd,
                format!(
                    "{} ended on {} but flows in the register still rely on it (UK GDPR Art 5(2); ICO Data sharing code).",
                    name(g),
                    format_date(end)
                ),
                "Record the renewed agreement on those flows, or stop them.",
            )
            .on_agreement(g.id),
        );
    }
}
