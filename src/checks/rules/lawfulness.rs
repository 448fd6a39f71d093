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
    if cx.settings.public_authority && a.fields.lawful_bases.contains(&LawfulBasis::LegitimateInterests) {
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
    if cx.settings.public_authority && a.fields.lawful_bases.contains(&LawfulBasis::Consent) {
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
