//! Rules on decisions based solely on automated processing: UK GDPR Art 22(4)
//! until 4 February 2026, Art 22B from 5 February 2026 (DUAA 2025 s.80, SI
//! 2026/82 reg 2(j); legislation.gov.uk/ukpga/2025/18/section/80).
//!
//! The register records automated decision-making as yes/no with detail; it does
//! not record whether each decision is "significant" (Art 22A(1)(b)), so these
//! rules warn and ask the officer to confirm, rather than fail the record.

use crate::checks::{Context, Field, Hit, Out};
use crate::law::{Article9Condition, DUAA_MAIN_COMMENCEMENT, LawfulBasis};
use crate::model::Activity;

/// Automated decisions with special category data and neither 9(2)(a) nor
/// 9(2)(g): Art 22(4) before the DUAA, Art 22B(1)-(3) after.
pub(super) fn adm_special_category(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    let allowed = f.article9_conditions.contains(&Article9Condition::ExplicitConsent)
        || f.article9_conditions.contains(&Article9Condition::SubstantialPublicInterest);
    if f.automated_decision_making.is_none() || f.special_categories.is_empty() || allowed {
        return;
    }
    let (message, fix) = if cx.settings.today >= DUAA_MAIN_COMMENCEMENT {
        (
            "records automated decision-making and special category data, but a significant decision based entirely or partly on special category data may not be taken based solely on automated processing unless it rests on explicit consent, or is necessary for a contract or required or authorised by law and Art 9(2)(g) applies (UK GDPR Art 22B(1)-(3))",
            "Confirm that no significant decision is taken by automated means alone on this data; otherwise record explicit consent (9(2)(a)) or 9(2)(g) with its Schedule 1 Part 2 condition, or add meaningful human involvement.",
        )
    } else {
        (
            "records automated decision-making and special category data, but decisions based solely on automated processing shall not be based on special category data unless Art 9(2)(a) or (g) applies (UK GDPR Art 22(4))",
            "Confirm that no decision under Art 22(1) is based on this data; otherwise record explicit consent (9(2)(a)) or 9(2)(g), or add human involvement.",
        )
    };
    out.add(Hit::new(Field::AutomatedDecisionMaking, format!("{} {message}.", cx.record(a)), fix));
}

/// Automated decisions where 6(1)(ea) is relied on: Art 22B(4), from 5 February 2026.
pub(super) fn adm_recognised_legitimate_interest(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if cx.settings.today < DUAA_MAIN_COMMENCEMENT
        || f.automated_decision_making.is_none()
        || !f.lawful_bases.contains(&LawfulBasis::RecognisedLegitimateInterest)
    {
        return;
    }
    out.add(Hit::new(
        Field::AutomatedDecisionMaking,
        format!(
            "{} records automated decision-making and relies on 6(1)(ea) recognised legitimate interest, but a significant decision may not be taken based solely on automated processing where the processing is carried out wholly or partly in reliance on Art 6(1)(ea) (UK GDPR Art 22B(4)).",
            cx.record(a)
        ),
        "Add meaningful human involvement to significant decisions, or rely on another lawful basis for the processing behind them.",
    ));
}
