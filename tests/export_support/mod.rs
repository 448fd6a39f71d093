//! A small register for the export tests, with non-ASCII text and formula-looking
//! values in the places spreadsheets and PDFs get wrong.
#![allow(dead_code)]

use std::collections::BTreeSet;

use ropa::Store;
use ropa::law::{Article9Condition, LawfulBasis, Schedule1Condition, SpecialCategory, TransferSafeguard};
use ropa::model::*;

/// Strings that must come through every export unharmed.
pub const TRICKY: &[&str] = &["Côte d'Ivoire", "Łódź", "’", "“", "”", "–"];

/// Activity names in the fixture.
pub const ACTIVITY_NAMES: &[&str] = &[
    "Family support casework",
    "Resettlement of refugees – Łódź office",
    "=HYPERLINK(\"http://evil\",\"x\")",
];

pub fn date(text: &str) -> Date {
    parse_date(text).expect("valid test date")
}

/// The fixture in a fresh in-memory store.
pub fn store() -> Store {
    let mut store = Store::in_memory().unwrap();
    store.batch(populate).unwrap();
    store
}

/// The fixture register.
pub fn register() -> Register {
    store().load_register().unwrap()
}

/// Fills an empty register with the fixture.
pub fn populate(batch: &ropa::store::Batch<'_>) -> ropa::Result<()> {
    batch.save_organisation(&Organisation {
        controller: Contact {
            name: "Metropolitan Borough of Łódź-on-Sea".into(),
            address: "Town Hall, 1 “High” Street".into(),
            email: "dpo@example.gov.uk".into(),
            telephone: "+44 161 234 5000".into(),
        },
        ico_registration: "Z1234567".into(),
        dpo: Contact {
            name: "Aoife O’Brien".into(),
            address: "Town Hall".into(),
            email: "@SUM(A1)".into(),
            telephone: "-1.5".into(),
        },
        representative: Contact::default(),
        is_partnership: false,
        review_interval_months: 12,
    })?;
    let early_help =
        batch.insert_service(&ServiceFields { name: "Early Help".into(), ..Default::default() })?;
    let refugees = batch.insert_service(&ServiceFields {
        name: "Refugee Resettlement".into(),
        description: "Resettlement schemes – UK and overseas".into(),
        controller: String::new(),
    })?;
    let police =
        batch.insert_party(&PartyFields::new("Greater Manchester Police", PartyKind::PublicAuthority))?;
    let mut unhcr = PartyFields::new("UNHCR", PartyKind::InternationalOrganisation);
    unhcr.country = "Côte d'Ivoire".into();
    let unhcr = batch.insert_party(&unhcr)?;
    let mut crm = PartyFields::new("Aptem CRM Ltd", PartyKind::Processor);
    crm.notes = "+44 161 processor line".into();
    crm.country = "Ireland".into();
    let crm = batch.insert_party(&crm)?;
    let families = batch.insert_party(&PartyFields::new("Families", PartyKind::DataSubjects))?;

    let mut contract = AgreementFields::new(AgreementKind::ProcessorContract, "Aptem hosting contract");
    contract.reference = "C-2024/17".into();
    contract.parties = vec![crm];
    contract.start = Some(date("2024-04-01"));
    let contract = batch.insert_agreement(&contract)?;
    let mut dsa = AgreementFields::new(AgreementKind::DataSharing, "GM Information Sharing Protocol");
    dsa.parties = vec![police, unhcr];
    dsa.review_due = Some(date("2026-01-31"));
    let dsa = batch.insert_agreement(&dsa)?;

    let mut family = ActivityFields::new(early_help, ACTIVITY_NAMES[0]);
    family.description = "Whole-family support — “team around the family”".into();
    family.status = ActivityStatus::Active;
    family.purposes = vec!["Provide family support".into(), "Safeguard children".into()];
    family.data_subjects = vec!["Children".into(), "Parents and carers".into()];
    family.personal_data = vec!["Name".into(), "Address".into(), "-1.5 risk score".into()];
    family.special_categories = BTreeSet::from([SpecialCategory::Health]);
    family.other_special_items = vec!["Nationality".into()];
    family.criminal_offence_data = Some("Offences by family members".into());
    family.lawful_bases = BTreeSet::from([LawfulBasis::PublicTask, LawfulBasis::LegalObligation]);
    family.article9_conditions = BTreeSet::from([Article9Condition::SubstantialPublicInterest]);
    family.schedule1_conditions =
        BTreeSet::from([Schedule1Condition::SafeguardingOfChildrenAndIndividualsAtRisk]);
    family.legislation = vec!["Children Act 2004 s.10".into()];
    family.retention = Retention::Period { months: 96, from: "the child’s 18th birthday".into() };
    family.security_measures = "Role-based access; encryption at rest".into();
    family.systems = vec!["Liquidlogic EHM".into(), "Paper files".into()];
    family.automated_decision_making = Some("Risk score reviewed by a worker".into());
    family.policy_document = "APD v3".into();
    family.retained_per_policy = Some(true);
    family.last_reviewed = Some(date("2025-03-31"));
    family.next_review_due = Some(date("2026-03-31"));
    let mut to_police = LinkFields::new(police, Direction::Recipient);
    to_police.data_categories = vec!["Name".into(), "Address".into()];
    to_police.criminal_offence_data = true;
    to_police.lawful_basis = Some(LawfulBasis::PublicTask);
    to_police.basis_detail = "Crime and Disorder Act 1998 s.115".into();
    to_police.method = "Secure email".into();
    to_police.agreement_id = Some(dsa);
    let mut to_crm = LinkFields::new(crm, Direction::Recipient);
    to_crm.data_categories = vec!["Name".into()];
    to_crm.agreement_id = Some(contract);
    let from_families = LinkFields::new(families, Direction::Source);
    let family_id =
        batch.insert_activity(&family, &[draft(to_police), draft(to_crm), draft(from_families)])?;
    let mut dpia = DpiaFields::new("Early Help casework DPIA");
    dpia.status = DpiaStatus::Approved;
    dpia.screening = Screening::Required;
    dpia.residual_risk = ResidualRisk::Medium;
    dpia.ico_consultation = IcoConsultation::NotNeeded;
    dpia.started = Some(date("2023-11-01"));
    dpia.completed = Some(date("2024-02-29"));
    dpia.next_review = Some(date("2026-02-28"));
    dpia.document = "DPIA-7".into();
    dpia.notes = "Signed off by the Head of Early Help, DPO advice recorded".into();
    dpia.activities = vec![family_id];
    batch.insert_dpia(&dpia)?;

    let mut resettle = ActivityFields::new(refugees, ACTIVITY_NAMES[1]);
    resettle.role =
        Role::JointController { with: "Home Office, 2 Marsham St".into(), lead: "Home Office".into() };
    resettle.purposes = vec!["Resettle refugees; arrange housing".into(), "@SUM(1+1)".into()];
    resettle.data_subjects = vec!["Refugees".into()];
    resettle.personal_data = vec!["Name".into(), "Case reference | UNHCR".into()];
    resettle.special_categories =
        BTreeSet::from([SpecialCategory::Health, SpecialCategory::RacialOrEthnicOrigin]);
    resettle.lawful_bases = BTreeSet::from([LawfulBasis::PublicTask]);
    resettle.article9_conditions = BTreeSet::from([Article9Condition::SubstantialPublicInterest]);
    resettle.schedule1_conditions = BTreeSet::from([Schedule1Condition::StatutoryAndGovernmentPurposes]);
    resettle.transfers = vec![Transfer {
        destination: "Côte d'Ivoire".into(),
        safeguard: Some(TransferSafeguard::Article49Derogation),
        detail: "Art 49(1)(d) – important reasons of public interest".into(),
        data_protection_test_met: None,
    }];
    resettle.retention = Retention::Event { event: "Until 12 months after last contact".into() };
    resettle.retention_reason = "Home Office resettlement grant conditions, clause 14".into();
    resettle.breach = Some("BR-2023-4".into());
    let mut from_unhcr = LinkFields::new(unhcr, Direction::Source);
    from_unhcr.data_categories = vec!["Referral file".into()];
    from_unhcr.special_categories = BTreeSet::from([SpecialCategory::Health]);
    let mut to_unhcr = LinkFields::new(unhcr, Direction::Recipient);
    to_unhcr.method = "=HYPERLINK(\"http://evil\",\"portal\")".into();
    to_unhcr.agreement_id = Some(dsa);
    batch.insert_activity(&resettle, &[draft(from_unhcr), draft(to_unhcr)])?;

    let mut formula = ActivityFields::new(early_help, ACTIVITY_NAMES[2]);
    formula.description = "+44 161 and @SUM and -1.5".into();
    formula.purposes = vec!["-1.5".into()];
    formula.lawful_bases = BTreeSet::from([LawfulBasis::Consent]);
    formula.consent_record = "'quoted reference'".into();
    batch.insert_activity(&formula, &[])?;
    Ok(())
}

fn draft(fields: LinkFields) -> LinkDraft {
    LinkDraft { id: None, fields }
}
