//! Rules on the Article 6 lawful basis.

use crate::checks::{Context, Field, Hit, Out};
use crate::law::{DUAA_MAIN_COMMENCEMENT, InForce, LawfulBasis, LegalItem};
use crate::model::{Activity, Date, format_date};

/// No Art 6 basis.
pub(super) fn art6_missing(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if a.fields.lawful_bases.is_empty() {
        out.add(Hit::new(
            Field::LawfulBases,
            format!("{} records no lawful basis, and processing is lawful only if one applies (UK GDPR Art 6(1)).", cx.record(a)),
            "Choose the Article 6(1) basis relied on; for a council's functions this is usually 6(1)(e) public task or 6(1)(c) legal obligation.",
        ));
    }
}

/// 6(1)(f), and from 5 February 2026 6(1)(ea), relied on by a public authority:
/// Art 6(1), last sentence, as in force on the day checked.
pub(super) fn legitimate_interests_public_authority(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let day = cx.settings.today;
    let barred: Vec<LawfulBasis> = a
        .fields
        .lawful_bases
        .iter()
        .copied()
        .filter(|basis| basis.barred_for_public_authority_tasks(day))
        .collect();
    if cx.is_public_authority(a) != Some(true) || barred.is_empty() {
        return;
    }
    let named: Vec<String> = barred.iter().map(|basis| basis.label_on(day)).collect();
    let covers = if day >= DUAA_MAIN_COMMENCEMENT { "points (ea) and (f)" } else { "point (f)" };
    out.add(Hit::new(
        Field::LawfulBases,
        format!(
            "{} relies on {}, which a public authority cannot use for processing in the performance of its tasks: the last sentence of UK GDPR Art 6(1) disapplies {covers} for that processing.",
            cx.record(a),
            named.join(" and ")
        ),
        "Use 6(1)(e) public task (or another basis) for the council's functions; keep 6(1)(f) only for processing outside them, with a legitimate interests assessment, and 6(1)(ea) only for a disclosure or purpose in Annex 1 that is outside them.",
    ));
}

/// A legal value recorded that was not in force on the day checked: e.g. 6(1)(ea)
/// on a register checked as at a day before 5 February 2026.
pub(super) fn law_not_in_force(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let day = cx.settings.today;
    let f = &a.fields;
    let mut items: Vec<(String, InForce, Field)> = Vec::new();
    collect_not_in_force(&f.lawful_bases, day, Field::LawfulBases, &mut items);
    collect_not_in_force(&f.article9_conditions, day, Field::Article9Conditions, &mut items);
    collect_not_in_force(&f.schedule1_conditions, day, Field::Schedule1Conditions, &mut items);
    let safeguards = f.transfers.iter().filter_map(|t| t.safeguard.as_ref());
    collect_not_in_force(safeguards, day, Field::Transfers, &mut items);
    collect_not_in_force(f.recognised_legitimate_interest.iter(), day, Field::LawfulBases, &mut items);
    for (label, in_force, field) in items {
        out.add(
            Hit::new(
                field,
                format!(
                    "{} relies on {label}, which was not in force on {} ({}).",
                    cx.record(a),
                    format_date(day),
                    in_force.describe()
                ),
                "Record the provision that applied on that day, or check the register as at a day the provision was in force.",
            )
            .concerning(vec![crate::checks::Concern::item("provision", &label)]),
        );
    }
}

fn collect_not_in_force<'a, T: LegalItem>(
    items: impl IntoIterator<Item = &'a T>,
    day: Date,
    field: Field,
    out: &mut Vec<(String, InForce, Field)>,
) {
    for item in items {
        if !item.is_in_force_on(day) {
            out.push((item.label_on(day), item.in_force(), field));
        }
    }
}

/// 6(1)(ea) relied on with no UK GDPR Annex 1 condition recorded: processing is
/// necessary for a recognised legitimate interest only if it meets one (Art
/// 6(5), inserted by DUAA 2025 s.70(4), in force 5 February 2026). Before that
/// day (ea) itself was not in force, which `law-not-in-force` reports.
pub(super) fn recognised_legitimate_interest_no_condition(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let day = cx.settings.today;
    let f = &a.fields;
    if !LawfulBasis::RecognisedLegitimateInterest.is_in_force_on(day)
        || !f.lawful_bases.contains(&LawfulBasis::RecognisedLegitimateInterest)
        || f.recognised_legitimate_interest.is_some()
    {
        return;
    }
    out.add(Hit::new(
        Field::LawfulBases,
        format!(
            "{} relies on a recognised legitimate interest but records no Annex 1 condition, and processing is necessary for a recognised legitimate interest only if it meets a condition in Annex 1 (UK GDPR Art 6(5)).",
            cx.record(a)
        ),
        "Choose the Annex 1 condition met (disclosure for a public task, national security, emergencies, crime, safeguarding), or rely on another basis.",
    ));
}

/// 6(1)(a) consent with no consent record.
pub(super) fn consent_no_record(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if a.fields.lawful_bases.contains(&LawfulBasis::Consent) && a.fields.consent_record.trim().is_empty() {
        out.add(Hit::new(
            Field::ConsentRecord,
            format!(
                "{} relies on consent but links to no record of it, and the controller must be able to demonstrate consent (UK GDPR Art 7(1)).",
                cx.record(a)
            ),
            "Link to where consents are recorded (who, when, what they were told, how to withdraw).",
        ));
    }
}

/// 6(1)(a) consent relied on by a public authority.
pub(super) fn consent_public_authority(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if cx.is_public_authority(a) == Some(true) && a.fields.lawful_bases.contains(&LawfulBasis::Consent) {
        out.add(Hit::new(
            Field::LawfulBases,
            format!(
                "{} relies on consent for a public authority's service, where the imbalance of power makes freely given consent unlikely (UK GDPR Art 4(11), Art 7(4), Recital 43).",
                cx.record(a)
            ),
            "Check whether 6(1)(e) public task fits; keep consent only where people can truly refuse without detriment.",
        ));
    }
}

/// 6(1)(f) with no legitimate interests assessment: the controller must be able
/// to show that its interests are not overridden (the balancing test).
pub(super) fn legitimate_interests_no_assessment(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if f.lawful_bases.contains(&LawfulBasis::LegitimateInterests)
        && f.legitimate_interests_assessment.trim().is_empty()
    {
        out.add(Hit::new(
            Field::LawfulBases,
            format!(
                "{} relies on legitimate interests but links to no legitimate interests assessment, so it cannot show that the interests pursued are not overridden by the individuals' interests or rights (UK GDPR Art 6(1)(f), Art 5(2)).",
                cx.record(a)
            ),
            "Carry out and link the legitimate interests assessment (purpose, necessity and balancing tests), or rely on another basis.",
        ));
    }
}

/// A basis whose lawfulness depends on whether the controller is a public
/// authority, relied on by a named controller whose status nobody has recorded.
pub(super) fn controller_status_unknown(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let depends = [LawfulBasis::LegitimateInterests, LawfulBasis::Consent];
    let Some(controller) = cx.controller_of(a) else { return };
    if cx.is_public_authority(a).is_none() && a.fields.lawful_bases.iter().any(|b| depends.contains(b)) {
        out.add(Hit::new(
            Field::LawfulBases,
            format!(
                "{} relies on legitimate interests or consent, whose use depends on whether its controller, {controller}, is a public authority, and that has not been recorded (UK GDPR Art 6(1), last sentence).",
                cx.record(a)
            ),
            "On the Checks page, record whether this controller is a public authority.",
        ));
    }
}
