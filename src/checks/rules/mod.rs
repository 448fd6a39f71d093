//! The table of rules. Each line is one check; the functions live in the file
//! for their topic. See the module documentation of `checks` for how to add one.

mod agreements;
mod assets;
mod automated;
mod chapter5;
mod dpias;
mod flows;
mod lawfulness;
mod legislation;
mod organisation;
mod record;
mod risk;
mod special;

pub use legislation::{SUPERSEDED, Superseded, superseded_citation};

use super::{Concern, Rule, RuleId, Scope, Severity};

/// Items in English: "A", "A and B", "A, B and C".
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Each concern's label in quotation marks.
pub(super) fn quoted(concerns: &[Concern]) -> Vec<String> {
    concerns.iter().map(|c| format!("\"{}\"", c.label)).collect()
}

const fn rule(
    id: &'static str,
    severity: Severity,
    title: &'static str,
    citation: &'static str,
    scope: Scope,
) -> Rule {
    Rule { id: RuleId(id), severity, title, citation, scope }
}

use Scope::{Activity as A, Agreement as G, Organisation as O};
use Severity::{Advice, Error, Warning};

/// Every rule the register runs, in the order a reader meets the law. Kept one
/// line per rule, so rustfmt leaves the table alone.
#[rustfmt::skip]
pub static RULES: &[Rule] = &[
    // Who keeps the record: UK GDPR Art 30(1)(a), Art 37(7); the data protection fee.
    rule("controller-contact-missing", Warning, "No contact details for the controller", "UK GDPR Art 30(1)(a)", O(organisation::controller_contact_missing)),
    rule("dpo-contact-missing", Warning, "No contact details for the data protection officer", "UK GDPR Art 30(1)(a), Art 37(7)", O(organisation::dpo_contact_missing)),
    rule("ico-registration-missing", Warning, "No ICO registration (data protection fee) number", "Data Protection (Charges and Information) Regulations 2018, reg 2", O(organisation::ico_registration_missing)),
    // What the record must say: UK GDPR Art 30(1).
    rule("purposes-missing", Error, "No purposes of processing", "UK GDPR Art 30(1)(b)", A(record::purposes_missing)),
    rule("data-subjects-missing", Error, "No categories of data subjects", "UK GDPR Art 30(1)(c)", A(record::data_subjects_missing)),
    rule("personal-data-missing", Error, "No categories of personal data", "UK GDPR Art 30(1)(c)", A(record::personal_data_missing)),
    rule("retention-missing", Warning, "No retention period", "UK GDPR Art 30(1)(f), Art 5(1)(e)", A(record::retention_missing)),
    rule("retention-vague", Warning, "Retention names no time limit", "UK GDPR Art 30(1)(f)", A(record::retention_vague)),
    rule("retention-no-reason", Warning, "Retention period with no starting point or reason", "UK GDPR Art 5(1)(e), Art 30(1)(f)", A(record::retention_no_reason)),
    rule("security-missing", Warning, "No description of security measures", "UK GDPR Art 30(1)(g), Art 32(1)", A(record::security_missing)),
    // Lawfulness: Art 6.
    rule("art6-missing", Error, "No Article 6 lawful basis", "UK GDPR Art 6(1)", A(lawfulness::art6_missing)),
    rule("legitimate-interests-public-authority", Warning, "Legitimate interests relied on by a public authority", "UK GDPR Art 6(1), last sentence", A(lawfulness::legitimate_interests_public_authority)),
    rule("law-not-in-force", Error, "Provision relied on that was not in force on the day checked", "UK GDPR Art 6(1); DUAA 2025 commencement (SI 2026/82)", A(lawfulness::law_not_in_force)),
    rule("recognised-legitimate-interest-no-condition", Error, "Recognised legitimate interest with no Annex 1 condition", "UK GDPR Art 6(1)(ea), Art 6(5), Annex 1", A(lawfulness::recognised_legitimate_interest_no_condition)),
    rule("consent-no-record", Warning, "Consent relied on with no record of consent", "UK GDPR Art 7(1)", A(lawfulness::consent_no_record)),
    rule("consent-public-authority", Warning, "Consent relied on by a public authority", "UK GDPR Art 4(11), Art 7(4), Recital 43", A(lawfulness::consent_public_authority)),
    rule("legitimate-interests-no-assessment", Warning, "Legitimate interests with no legitimate interests assessment", "UK GDPR Art 6(1)(f), Art 5(2)", A(lawfulness::legitimate_interests_no_assessment)),
    rule("controller-status-unknown", Advice, "Controller's public-authority status not recorded", "UK GDPR Art 6(1), last sentence", A(lawfulness::controller_status_unknown)),
    rule("repealed-legislation", Warning, "Legislation cited that no longer applies", "DPA 2018; UK GDPR", A(legislation::repealed_legislation)),
    // Special category and criminal offence data: Arts 9 and 10, DPA 2018 s.10 and Sch 1.
    rule("art9-no-condition", Error, "Special category data without an Article 9 condition", "UK GDPR Art 9(1)-(2)", A(special::art9_no_condition)),
    rule("art9-condition-without-data", Warning, "Article 9 condition with no special category data", "UK GDPR Art 9(2)", A(special::art9_condition_without_data)),
    rule("sch1-part1-missing", Error, "Art 9(2)(b), (i) or (j) without a Schedule 1 Part 1 condition", "DPA 2018 s.10(2)", A(special::sch1_part1_missing)),
    rule("health-care-no-para2", Error, "Art 9(2)(h) without the Schedule 1 para 2 condition", "DPA 2018 s.10(2), s.11(1), Sch 1 para 2", A(special::health_care_no_para2)),
    rule("sch1-part2-missing", Error, "Art 9(2)(g) without a Schedule 1 Part 2 condition", "DPA 2018 s.10(3)", A(special::sch1_part2_missing)),
    rule("criminal-official-authority", Warning, "Criminal offence data under official authority to confirm", "UK GDPR Art 10", A(special::criminal_official_authority)),
    rule("criminal-no-sch1", Error, "Criminal offence data without a Schedule 1 condition", "UK GDPR Art 10; DPA 2018 s.10(5)", A(special::criminal_no_sch1)),
    rule("sch1-part3-for-special-category", Warning, "Schedule 1 Part 3 condition given for special category data", "DPA 2018 s.10(2)-(5)", A(special::part3_for_special_category)),
    rule("explicit-consent-no-record", Warning, "Explicit consent relied on with no record of consent", "UK GDPR Art 9(2)(a), Art 7(1)", A(special::explicit_consent_no_record)),
    rule("apd-missing", Warning, "Schedule 1 condition needing an appropriate policy document, none referenced", "DPA 2018 Sch 1 paras 1(1)(b), 5(1), 35(1)(c), 39", A(special::apd_missing)),
    rule("policy-record-missing", Warning, "No Schedule 1 para 41 record of retention and erasure", "DPA 2018 Sch 1 para 41", A(special::policy_record_missing)),
    rule("health-data-not-recorded", Warning, "Health data not recorded as special category data", "UK GDPR Art 4(15), recital 35, Art 9(1)", A(special::health_data_not_recorded)),
    rule("not-special-category", Warning, "Item recorded as special category that Art 9(1) does not list", "UK GDPR Art 9(1)", A(special::not_special_category)),
    rule("unrecognised-citation", Warning, "Legal citation that names no provision", "UK GDPR Arts 6 and 9; DPA 2018 Sch 1", A(special::unrecognised_citation)),
    // Flows: transfers, recipients, processors, joint controllers.
    rule("transfer-no-safeguard", Error, "Transfer outside the UK with no safeguard", "UK GDPR Arts 44-46, 49; Art 30(1)(e)", A(flows::transfer_no_safeguard)),
    rule("transfer-data-protection-test", Warning, "Art 46 safeguard with no data protection test recorded", "UK GDPR Art 46(1A)", A(chapter5::transfer_data_protection_test)),
    rule("transfer-data-protection-test-not-met", Error, "Art 46 safeguard relied on where the data protection test is recorded as not met", "UK GDPR Art 46(1A)", A(chapter5::transfer_data_protection_test_not_met)),
    rule("recipient-abroad-no-transfer", Warning, "Recipient outside the UK with no transfer recorded", "UK GDPR Arts 44-46, 49; Art 30(1)(e)", A(flows::recipient_abroad_no_transfer)),
    rule("international-organisation-no-transfer", Warning, "International organisation as recipient with no transfer recorded", "UK GDPR Art 44, Art 30(1)(e)", A(flows::international_organisation_no_transfer)),
    rule("recipient-no-agreement", Warning, "External recipient with no agreement", "UK GDPR Art 5(2); ICO Data sharing code", A(flows::recipient_no_agreement)),
    rule("processor-no-contract", Error, "Processor with no Article 28 contract", "UK GDPR Art 28(3)", A(flows::processor_no_contract)),
    rule("asset-abroad-no-transfer", Warning, "Data held in an information asset outside the UK with no transfer recorded", "UK GDPR Arts 44-46, 49; Art 30(1)(e)", A(assets::abroad_no_transfer)),
    rule("joint-controller-no-arrangement", Warning, "Joint controllers with no Article 26 arrangement", "UK GDPR Art 26(1)", A(flows::joint_controller_no_arrangement)),
    rule("dpia-required", Warning, "High-risk processing with no completed DPIA", "UK GDPR Art 35(1), (3), (4); ICO list", A(risk::dpia_required)),
    rule("children-online", Advice, "Children among the users of an online service", "UK GDPR Art 25(1), recital 38; ICO Age appropriate design code", A(risk::children_online)),
    rule("adm-no-detail", Warning, "Automated decision-making with no detail", "UK GDPR Art 22, Art 13(2)(f)", A(record::adm_no_detail)),
    rule("adm-special-category", Warning, "Automated decisions on special category data without 9(2)(a) or (g)", "UK GDPR Art 22(4)", A(automated::adm_special_category)),
    rule("adm-recognised-legitimate-interest", Warning, "Automated decisions relying on a recognised legitimate interest", "UK GDPR Art 22B(4)", A(automated::adm_recognised_legitimate_interest)),
    // Reviews.
    rule("review-date-missing", Advice, "No next review date", "UK GDPR Art 5(2), Art 24(1)", A(record::review_date_missing)),
    rule("review-overdue", Warning, "Review overdue", "UK GDPR Art 5(2), Art 24(1)", A(record::review_overdue)),
    rule("review-due-soon", Advice, "Review due soon", "UK GDPR Art 5(2), Art 24(1)", A(record::review_due_soon)),
    // Information assets: the ICO Accountability Framework's asset register.
    rule("asset-no-owner", Warning, "Information asset with no owner", "UK GDPR Art 5(2), Art 24(1); ICO Accountability Framework", O(assets::no_owner)),
    rule("asset-processor-no-contract", Error, "Information asset hosted by a processor with no Article 28 contract", "UK GDPR Art 28(3)", O(assets::processor_no_contract)),
    // DPIA records: Arts 35(11) and 36.
    rule("dpia-high-risk-not-consulted", Error, "DPIA with a high residual risk and no prior consultation of the ICO", "UK GDPR Art 36(1)", O(dpias::high_risk_not_consulted)),
    rule("dpia-review-overdue", Warning, "DPIA review overdue", "UK GDPR Art 35(11)", O(dpias::review_overdue)),
    rule("dpia-covers-nothing", Advice, "DPIA covering no processing activity", "UK GDPR Art 5(2), Art 35(7)(a)", O(dpias::covers_nothing)),
    rule("agreement-review-overdue", Warning, "Agreement review overdue", "UK GDPR Art 5(2); ICO Data sharing code", G(agreements::review_overdue)),
    rule("agreement-ending-soon", Advice, "Agreement ends soon", "UK GDPR Art 5(2); ICO Data sharing code", G(agreements::ending_soon)),
    rule("agreement-ended", Warning, "Agreement ended but still relied on", "UK GDPR Art 5(2); ICO Data sharing code", G(agreements::ended)),
];

/// Rule citations that changed with the law: from the day given, the rule cites
/// the second text instead of the one in [`RULES`]. Read through
/// [`Rule::citation_on`](super::Rule::citation_on).
pub(super) static AMENDED_CITATIONS: &[(&str, crate::model::Date, &str)] = &[
    (
        "legitimate-interests-public-authority",
        crate::law::DUAA_MAIN_COMMENCEMENT,
        "UK GDPR Art 6(1), last sentence (points (ea) and (f))",
    ),
    ("adm-no-detail", crate::law::DUAA_MAIN_COMMENCEMENT, "UK GDPR Arts 22A-22D, Art 13(2)(f)"),
    ("adm-special-category", crate::law::DUAA_MAIN_COMMENCEMENT, "UK GDPR Art 22B(1)-(3)"),
    (
        "transfer-no-safeguard",
        crate::law::DUAA_MAIN_COMMENCEMENT,
        "UK GDPR Arts 44A, 45A, 46, 49; Art 30(1)(e)",
    ),
    (
        "international-organisation-no-transfer",
        crate::law::DUAA_MAIN_COMMENCEMENT,
        "UK GDPR Art 44A, Art 30(1)(e)",
    ),
    (
        "asset-abroad-no-transfer",
        crate::law::DUAA_MAIN_COMMENCEMENT,
        "UK GDPR Arts 44A, 45A, 46, 49; Art 30(1)(e)",
    ),
    (
        "recipient-abroad-no-transfer",
        crate::law::DUAA_MAIN_COMMENCEMENT,
        "UK GDPR Arts 44A, 45A, 46, 49; Art 30(1)(e)",
    ),
];
