//! Rules on special category data (Art 9), criminal offence data (Art 10) and
//! the DPA 2018 Schedule 1 conditions that section 10 requires for them.

use super::{and_list, quoted};
use crate::checks::{Concern, Context, Field, Hit, Out, is_health_data};
use crate::law::{Article9Condition, LawfulBasis, LegalItem, Schedule1Condition, Schedule1Part, SpecialCategory};
use crate::model::Activity;

/// Special category data with no Art 9 condition.
pub(super) fn art9_no_condition(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if !f.special_categories.is_empty() && f.article9_conditions.is_empty() {
        let categories: Vec<&str> = f.special_categories.iter().map(|c| c.title()).collect();
        out.add(Hit::new(
            Field::Article9Conditions,
            format!(
                "{} records special category data ({}) but no Article 9 condition, so its processing is prohibited (UK GDPR Art 9(1)-(2)).",
                cx.record(a),
                categories.join(", ")
            ),
            "Record the Article 9(2) condition relied on, e.g. 9(2)(g) substantial public interest with its Schedule 1 condition.",
        ));
    }
}

/// An Art 9 condition with no special category data.
pub(super) fn art9_condition_without_data(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if f.special_categories.is_empty() && !f.article9_conditions.is_empty() {
        out.add(Hit::new(
            Field::SpecialCategories,
            format!(
                "{} records an Article 9 condition but no special category data for it to cover (UK GDPR Art 9(2)).",
                cx.record(a)
            ),
            "Record which special category data is processed, or remove the Article 9 condition.",
        ));
    }
}

/// The Art 9 conditions of `a` that need a condition from `part` when `a` has none from it.
fn missing_part(a: &Activity, part: Schedule1Part) -> Vec<Article9Condition> {
    let f = &a.fields;
    if f.schedule1_conditions.iter().any(|c| c.part() == part) {
        return Vec::new();
    }
    f.article9_conditions.iter().copied().filter(|c| c.required_schedule1_part() == Some(part)).collect()
}

fn citations(conditions: &[Article9Condition]) -> String {
    conditions.iter().map(|c| c.citation()).collect::<Vec<_>>().join(", ")
}

/// 9(2)(b), (i), (j) with no Part 1 condition: s.10(2). 9(2)(h) has its own
/// rule, `health-care-no-para2`, which also names the s.11(1) safeguard.
pub(super) fn sch1_part1_missing(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let missing: Vec<Article9Condition> = missing_part(a, Schedule1Part::Part1)
        .into_iter()
        .filter(|c| *c != Article9Condition::HealthOrSocialCare)
        .collect();
    if !missing.is_empty() {
        out.add(Hit::new(
            Field::Schedule1Conditions,
            format!(
                "{} relies on {} but records no DPA 2018 Schedule 1 Part 1 condition, which that reliance requires (DPA 2018 s.10(2)).",
                cx.record(a),
                citations(&missing)
            ),
            "Record the Part 1 condition met: para 1 employment, 2 health or social care, 3 public health or 4 research.",
        ));
    }
}

/// 9(2)(g) with no Part 2 condition: s.10(3).
pub(super) fn sch1_part2_missing(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let missing = missing_part(a, Schedule1Part::Part2);
    if !missing.is_empty() {
        out.add(Hit::new(
            Field::Schedule1Conditions,
            format!(
                "{} relies on {} substantial public interest but records no DPA 2018 Schedule 1 Part 2 condition, which that reliance requires (DPA 2018 s.10(3)).",
                cx.record(a),
                citations(&missing)
            ),
            "Record the Part 2 condition met, e.g. para 6 statutory and government purposes or para 18 safeguarding.",
        ));
    }
}

/// 9(2)(h) with no Sch 1 para 2 condition. Section 10(2) requires a Part 1
/// condition for 9(2)(h), para 2 is the one for health or social care purposes,
/// and para 2(3) points to s.11(1): the processing must be carried out by or
/// under the responsibility of a health or social work professional, or by
/// another person who owes a duty of confidentiality under an enactment or rule
/// of law.
pub(super) fn health_care_no_para2(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if f.article9_conditions.contains(&Article9Condition::HealthOrSocialCare)
        && !f.schedule1_conditions.contains(&Schedule1Condition::HealthOrSocialCare)
    {
        out.add(Hit::new(
            Field::Schedule1Conditions,
            format!(
                "{} relies on Art 9(2)(h) health or social care but records no DPA 2018 Sch 1 para 2 condition (health or social care purposes), which that reliance requires, met only where the processing is by or under the responsibility of a health or social work professional or someone owing a duty of confidentiality (DPA 2018 s.10(2), s.11(1), Sch 1 para 2).",
                cx.record(a)
            ),
            "Record Sch 1 para 2 and, in the description or security measures, who owes the duty of confidentiality (the health or social work professional responsible, or the statutory or common-law duty).",
        ));
    }
}

/// A Schedule 1 Part 3 condition given where there is no criminal offence data:
/// Part 3 conditions meet s.10(5) for criminal offence data only and can never
/// lift the Art 9 prohibition (s.10(2)-(3) need Part 1 or Part 2).
pub(super) fn part3_for_special_category(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if f.criminal_offence_data.is_some() || f.special_categories.is_empty() {
        return;
    }
    let part3: Vec<Concern> = f
        .schedule1_conditions
        .iter()
        .filter(|c| c.part() == Schedule1Part::Part3)
        .map(|c| Concern::item("condition", c.citation()))
        .collect();
    if part3.is_empty() {
        return;
    }
    out.add(
        Hit::new(
            Field::Schedule1Conditions,
            format!(
                "{} gives {} for its special category data, but Schedule 1 Part 3 conditions apply only to criminal offence data (DPA 2018 s.10(2)-(5)).",
                cx.record(a),
                and_list(&part3.iter().map(|c| c.label.clone()).collect::<Vec<_>>())
            ),
            "Record the Part 1 or Part 2 condition that the Article 9(2) condition needs; keep Part 3 conditions only for criminal offence data.",
        )
        .concerning(part3),
    );
}

/// 9(2)(a) explicit consent with no record of the consent.
pub(super) fn explicit_consent_no_record(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if f.article9_conditions.contains(&Article9Condition::ExplicitConsent)
        && f.consent_record.trim().is_empty()
    {
        out.add(Hit::new(
            Field::ConsentRecord,
            format!(
                "{} relies on explicit consent for special category data but links to no record of it, and the controller must be able to demonstrate that consent was given (UK GDPR Art 9(2)(a), Art 7(1)).",
                cx.record(a)
            ),
            "Link to where explicit consents are recorded: the statement agreed to, who, when, and how to withdraw.",
        ));
    }
}

/// A condition that needs an appropriate policy document with no Sch 1 para
/// 41 entry: the record must say whether the data is retained and erased in
/// line with the document's policies and, if not, why.
pub(super) fn policy_record_missing(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if !f.schedule1_conditions.iter().any(|c| c.needs_appropriate_policy_document()) {
        return;
    }
    let missing = match f.retained_per_policy {
        None => "whether the data is retained and erased in line with the appropriate policy document",
        Some(false) if f.policy_exceptions.trim().is_empty() => {
            "why the data is not retained and erased in line with the appropriate policy document"
        }
        Some(_) => return,
    };
    out.add(Hit::new(
        Field::PolicyDocument,
        format!(
            "{} relies on a Schedule 1 condition that needs an appropriate policy document, but its record does not say {missing} (DPA 2018 Sch 1 para 41).",
            cx.record(a)
        ),
        "Record whether the data is retained and erased in line with the policy document, and the reasons where it is not.",
    ));
}

/// Whether the activity shows processing in the exercise of official authority:
/// 6(1)(e) relied on with the enactment that confers the function recorded.
fn official_authority_shown(a: &Activity) -> bool {
    a.fields.lawful_bases.contains(&LawfulBasis::PublicTask)
        && a.fields.legislation.iter().any(|law| !law.trim().is_empty())
}

/// Criminal offence data with no Schedule 1 condition and no sign of official
/// authority. Art 10 allows the processing "only under the control of official
/// authority or when the processing is authorised by domestic law"; s.10(5)
/// makes a Schedule 1 condition the test of the second limb only.
pub(super) fn criminal_no_sch1(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if f.criminal_offence_data.is_some() && f.schedule1_conditions.is_empty() && !official_authority_shown(a)
    {
        out.add(Hit::new(
            Field::Schedule1Conditions,
            format!(
                "{} processes criminal offence data but records no DPA 2018 Schedule 1 condition and no official authority, and Art 10 allows such processing only under the control of official authority or where authorised by law, which requires a Schedule 1 condition (UK GDPR Art 10; DPA 2018 s.10(5)).",
                cx.record(a)
            ),
            "Record the Schedule 1 condition (Part 1, 2 or 3) relied on, e.g. para 6 statutory purposes or para 10 preventing or detecting unlawful acts; or, if the processing is under the control of official authority, record 6(1)(e) and the enactment that confers the function.",
        ));
    }
}

/// Criminal offence data with no Schedule 1 condition, relying on official
/// authority: lawful under Art 10 only if the processing is carried out under
/// the control of official authority, which the officer should confirm.
pub(super) fn criminal_official_authority(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if f.criminal_offence_data.is_some() && f.schedule1_conditions.is_empty() && official_authority_shown(a) {
        out.add(Hit::new(
            Field::CriminalOffenceData,
            format!(
                "{} processes criminal offence data with no DPA 2018 Schedule 1 condition, relying on official authority (6(1)(e) under {}); Art 10 allows that only where the processing is carried out under the control of official authority (UK GDPR Art 10).",
                cx.record(a),
                f.legislation.iter().map(|law| law.trim()).filter(|law| !law.is_empty()).collect::<Vec<_>>().join("; ")
            ),
            "Confirm the processing is carried out under the control of official authority (the function is the controller's own, conferred by that law); otherwise record the Schedule 1 condition relied on.",
        ));
    }
}

/// A condition needing an appropriate policy document with none referenced.
pub(super) fn apd_missing(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if !f.policy_document.trim().is_empty() {
        return;
    }
    let needing: Vec<_> =
        f.schedule1_conditions.iter().filter(|c| c.needs_appropriate_policy_document()).collect();
    if !needing.is_empty() {
        let citations: Vec<&str> = needing.iter().map(|c| c.citation()).collect();
        let exceptions: Vec<&str> = needing.iter().filter_map(|c| c.policy_document_exception()).collect();
        let mut fix =
            "Link to the appropriate policy document (Sch 1 Part 4) that covers this processing.".to_string();
        if exceptions.len() == needing.len() {
            fix.push_str(&format!(
                " If the processing is only such a disclosure, acknowledge this finding with that reason: {}.",
                exceptions.join("; ")
            ));
        }
        out.add(Hit::new(
            Field::PolicyDocument,
            format!(
                "{} relies on {}, which is met only if an appropriate policy document is in place, but references none (DPA 2018 Sch 1 paras 1(1)(b), 5(1), 39).",
                cx.record(a),
                citations.join(", ")
            ),
            fix,
        ));
    }
}

/// Items recorded as special category that Art 9(1) does not list. Health
/// identifiers and registration details are data concerning health (recital
/// 35), so they are not among them: `health-data-not-recorded` checks them.
pub(super) fn not_special_category(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let items: Vec<Concern> = a
        .fields
        .other_special_items
        .iter()
        .filter(|item| !item.trim().is_empty() && !is_health_data(item))
        .map(|item| Concern::item("item", item))
        .collect();
    if items.is_empty() {
        return;
    }
    let listed = quoted(&items);
    let them = if items.len() == 1 { "it" } else { "them" };
    out.add(
        Hit::new(
            Field::OtherSpecialItems,
            format!(
                "{} lists {} as special category data, but Art 9(1) does not include {them} (UK GDPR Art 9(1)).",
                cx.record(a),
                and_list(&listed)
            ),
            format!(
                "Move {} to the ordinary categories of personal data; where an item reveals a special category (e.g. racial or ethnic origin), record that category instead.",
                and_list(&listed)
            ),
        )
        .concerning(items),
    );
}

/// Items of personal data that are data concerning health (UK GDPR Art 4(15),
/// recital 35) when Health is not recorded as special category data.
pub(super) fn health_data_not_recorded(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    if f.special_categories.contains(&SpecialCategory::Health) {
        return;
    }
    let items: Vec<Concern> = f
        .other_special_items
        .iter()
        .map(|item| Concern::item("item", item))
        .chain(f.personal_data.iter().map(|item| Concern::item("data", item)))
        .filter(|concern| !concern.label.is_empty() && is_health_data(&concern.label))
        .collect();
    if items.is_empty() {
        return;
    }
    out.add(
        Hit::new(
            Field::SpecialCategories,
            format!(
                "{} records {}, which {} data concerning health, including a number assigned to identify a person for health purposes and details collected when registering for health care, but does not record Health as special category data (UK GDPR Art 4(15), recital 35, Art 9(1)).",
                cx.record(a),
                and_list(&quoted(&items)),
                if items.len() == 1 { "is" } else { "are" }
            ),
            "Record Health among the special category data, with the Article 9(2) condition (and Schedule 1 condition) relied on for it.",
        )
        .concerning(items),
    );
}

/// Citations that could not be read as a provision.
pub(super) fn unrecognised_citation(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let citations: Vec<&String> =
        a.fields.unrecognised_citations.iter().filter(|c| !c.trim().is_empty()).collect();
    if citations.is_empty() {
        return;
    }
    let concerns: Vec<Concern> = citations.iter().map(|c| Concern::item("citation", c)).collect();
    let fixes: Vec<String> = citations.iter().map(|c| suggest_citation(c)).collect();
    let mut fixes_unique = fixes.clone();
    fixes_unique.dedup();
    out.add(
        Hit::new(
            Field::UnrecognisedCitations,
            format!(
                "{} cites {}, which {} not a lawful basis or condition in UK GDPR Art 6(1), Art 9(2) or DPA 2018 Schedule 1.",
                cx.record(a),
                and_list(&quoted(&concerns)),
                if concerns.len() == 1 { "is" } else { "are" }
            ),
            fixes_unique.join(" "),
        )
        .concerning(concerns),
    );
}

/// A suggested correction for a citation: "Article 9(1)(g)" names a lettered
/// point that exists only in Art 9(2), so it suggests "Article 9(2)(g)".
pub fn suggest_citation(citation: &str) -> String {
    let compact: String = citation.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    if let Some(position) = compact.find("9(1)(") {
        let letter = compact[position + 5..].chars().next().filter(|c| ('a'..='j').contains(c));
        if let Some(letter) = letter {
            return format!(
                "Article 9(1) lists the special categories and has no point ({letter}); the condition meant is probably Article 9(2)({letter}): record that condition instead."
            );
        }
    }
    "Record the provision meant from the lists of Article 6(1), Article 9(2) and Schedule 1 conditions."
        .to_string()
}
