//! Rules on the Article 6 lawful basis.

use crate::checks::{Context, Field, Hit, Out};
use crate::law::LawfulBasis;
use crate::model::Activity;

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

/// 6(1)(f) relied on by a public authority.
pub(super) fn legitimate_interests_public_authority(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    if cx.is_public_authority(a) == Some(true)
        && a.fields.lawful_bases.contains(&LawfulBasis::LegitimateInterests)
    {
        out.add(Hit::new(
            Field::LawfulBases,
            format!(
                "{} relies on legitimate interests, which a public authority cannot use for processing in the performance of its tasks (UK GDPR Art 6(1), last sentence).",
                cx.record(a)
            ),
            "Use 6(1)(e) public task (or another basis) for the council's functions; keep 6(1)(f) only for processing outside them, with a legitimate interests assessment.",
        ));
    }
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
