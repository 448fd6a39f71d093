//! Rules on what the record must say (Art 30(1)) and when it is reviewed.

use crate::checks::{Context, Field, Hit, Out, is_vague_retention};
use crate::law::{DUAA_MAIN_COMMENCEMENT, LegalItem, Right};
use crate::model::{Activity, Retention, format_date};

fn blank(items: &[String]) -> bool {
    items.iter().all(|item| item.trim().is_empty())
}

/// No purposes: Art 30(1)(b).
pub(super) fn purposes_missing(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if blank(&a.fields.purposes) {
        out.add(Hit::new(
            Field::Purposes,
            format!("{} records no purposes of processing (UK GDPR Art 30(1)(b)).", cx.record(a)),
            "List why the data is processed, one purpose per line.",
        ));
    }
}

/// No data subjects: Art 30(1)(c).
pub(super) fn data_subjects_missing(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if blank(&a.fields.data_subjects) {
        out.add(Hit::new(
            Field::DataSubjects,
            format!("{} records no categories of data subjects (UK GDPR Art 30(1)(c)).", cx.record(a)),
            "List whose data it is: clients, children, carers, employees...",
        ));
    }
}

/// No personal data categories: Art 30(1)(c).
pub(super) fn personal_data_missing(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if blank(&a.fields.personal_data) {
        out.add(Hit::new(
            Field::PersonalData,
            format!("{} records no categories of personal data (UK GDPR Art 30(1)(c)).", cx.record(a)),
            "List the kinds of personal data held: name, address, case notes...",
        ));
    }
}

/// No retention: Art 30(1)(f).
pub(super) fn retention_missing(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if a.fields.retention == Retention::NotStated {
        out.add(Hit::new(
            Field::Retention,
            format!(
                "{} records no retention period, so the time limit for erasure is unknown (UK GDPR Art 30(1)(f)).",
                cx.record(a)
            ),
            "Record a period (e.g. 6 years from case closure), an event, or the retention schedule entry.",
        ));
    }
}

/// Retention that names no limit (see `checks::retention`).
pub(super) fn retention_vague(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if is_vague_retention(&a.fields.retention) {
        out.add(Hit::new(
            Field::Retention,
            format!(
                "{} gives its retention as \"{}\", which names no time limit for erasure (UK GDPR Art 30(1)(f)).",
                cx.record(a),
                a.fields.retention.describe().trim()
            ),
            "Give the period, or the specific retention schedule entry (number and title) that sets it.",
        ));
    }
}

/// No security description: Art 30(1)(g).
pub(super) fn security_missing(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if a.fields.security_measures.trim().is_empty() {
        out.add(Hit::new(
            Field::SecurityMeasures,
            format!(
                "{} has no general description of technical and organisational security measures (UK GDPR Art 30(1)(g)).",
                cx.record(a)
            ),
            "Describe the measures in general terms: access control, encryption, training, secure transfer.",
        ));
    }
}

/// ADM recorded with no detail: Art 22.
pub(super) fn adm_no_detail(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if a.fields.automated_decision_making.as_deref().is_some_and(|detail| detail.trim().is_empty()) {
        out.add(Hit::new(
            Field::AutomatedDecisionMaking,
            format!(
                "{} records automated decision-making but not what is decided, on what logic, or what safeguards apply (UK GDPR {}, Art 13(2)(f)).",
                cx.record(a),
                Right::AutomatedDecisionMaking.citation_on(cx.settings.today)
            ),
            if cx.settings.today >= DUAA_MAIN_COMMENCEMENT {
                "Describe the significant decision, the logic involved, its effects and the Art 22C safeguards: how people are told, make representations, obtain human intervention and contest it."
            } else {
                "Describe the decision, the logic involved, its effects and how a person can obtain human intervention."
            },
        ));
    }
}

/// No next review date.
pub(super) fn review_date_missing(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if a.fields.next_review_due.is_none() {
        out.add(Hit::new(
            Field::NextReviewDue,
            format!("{} has no next review date, so nobody is due to confirm it is still accurate (UK GDPR Art 5(2)).", cx.record(a)),
            "Mark the activity reviewed, or set a next review date.",
        ));
    }
}

/// Next review date passed.
pub(super) fn review_overdue(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if let Some(due) = a.fields.next_review_due.filter(|due| *due < cx.settings.today) {
        out.add(Hit::new(
            Field::NextReviewDue,
            format!(
                "{} was due for review on {} and has not been reviewed since (UK GDPR Art 5(2), Art 24(1)).",
                cx.record(a),
                format_date(due)
            ),
            "Review the entry with its owner, then mark it reviewed.",
        ));
    }
}

/// Next review date within the notice period.
pub(super) fn review_due_soon(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let soon = cx.days_ahead(cx.settings.due_soon_days);
    if let Some(due) = a.fields.next_review_due.filter(|due| *due >= cx.settings.today && *due <= soon) {
        out.add(Hit::new(
            Field::NextReviewDue,
            format!(
                "{} is due for review on {} (UK GDPR Art 5(2), Art 24(1)).",
                cx.record(a),
                format_date(due)
            ),
            "Arrange the review with the activity's owner.",
        ));
    }
}

/// A retention period that says neither what starts it nor why: the ICO
/// expects the record to say how long each category is kept and why (UK GDPR
/// Art 5(1)(e), Art 30(1)(f)); a bare "8 years" can be neither applied nor
/// justified.
///
/// The retention reason recorded (`ActivityFields::retention_reason`) answers
/// it; a period with neither a starting point nor a reason is flagged.
pub(super) fn retention_no_reason(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if let Retention::Period { from, .. } = &a.fields.retention
        && from.trim().is_empty()
        && a.fields.retention_reason.trim().is_empty()
    {
        out.add(Hit::new(
            Field::Retention,
            format!(
                "{} keeps data for {} but does not say from when or why, so the time limit for erasure cannot be applied or justified (UK GDPR Art 5(1)(e), Art 30(1)(f)).",
                cx.record(a),
                a.fields.retention.describe()
            ),
            "Say what starts the period (e.g. the end of the grant, case closure), and record the reason for it (statute, contract, retention schedule entry) in \"Why it is kept this long\".",
        ));
    }
}
