//! Seed 000: the North West Regional Strategic Migration Partnership (NWRSMP)
//! service, hosted by Manchester City Council. One activity.
//!
//! Kept as the notice has them: gender, first language and nationality listed as
//! special category data; Art 9(2)(a) explicit consent relied on by a public
//! authority with no consent record; Art 9(2)(h) with no Schedule 1 condition;
//! "information held in paper files" as a data category; a vague reference to the
//! retention schedule; "shared securely" as the only security measure; automated
//! decisions mentioned with no Art 22 detail; no agreement with any recipient.

use super::parties::{Flow, Parties, names::*, recipient, source};
use super::{activity, dates, insert, reviews, service_record, set, strings};
use crate::Result;
use crate::law::{Article9Condition, LawfulBasis, SpecialCategory};
use crate::model::{ActivityFields, Retention, ServiceFields, ServiceId};
use crate::store::Batch;

/// The service record.
pub(super) fn service() -> ServiceFields {
    service_record(
        "North West Regional Strategic Migration Partnership (NWRSMP)",
        "",
        "Functions relating to migration in the North West: asylum and resettlement. The notice says only \
         “the Council”; it is published by Manchester City Council, the host authority. “Your rights apply to \
         the information held by the Council as a data controller, and the information we hold on behalf of \
         the other data controllers” (not named).",
    )
}

/// Inserts the service's activities.
pub(super) fn insert_activities(batch: &Batch<'_>, service_id: ServiceId, parties: &Parties) -> Result<()> {
    insert(batch, &asylum_and_resettlement(service_id), &parties.links(FLOWS)?)
}

fn asylum_and_resettlement(service_id: ServiceId) -> ActivityFields {
    let mut a = activity(
        service_id,
        "Asylum and resettlement coordination and support",
        "The regional partnership liaises with local authorities, charities and NGOs to source accommodation \
         and support for people under asylum and resettlement schemes, and derives statistics and research \
         to help local authorities plan services.",
    );
    a.purposes = strings(&[
        "maintaining our own accounts and records",
        "to undertake functions relating to migration including but not limited to; liaising with local \
         authorities, charities and Non-Government Organisations to source appropriate accommodation and \
         provide appropriate support",
        "to ensure health needs can be met in area of resettlement",
        "to ensure appropriate social care is provided",
        "to analyse geographical distribution of children, speakers of certain languages, nationality and \
         religion, in order to assist local authorities in planning asylum services",
        "promoting the services we provide",
        "deriving statistics for asylum and resettlement in the North West which informs decisions on where \
         resources in are targeted",
        "undertaking research",
        "to share information from stakeholders",
    ]);
    // The notice has no list of data subjects; these are read from its text.
    a.data_subjects = strings(&[
        "People supported under asylum and resettlement schemes (“you”)",
        "Family members, including children",
    ]);
    a.personal_data = strings(&[
        "name",
        "addresses",
        "contact details (email address and telephone number)",
        "date of birth",
        "family information",
        "images, personal appearance and behaviour",
        "information held in paper files",
    ]);
    // "race; ethnic origin; religion; biometrics (where used for ID purposes);
    // health; sexual orientation" are Art 9(1) data; the last three items are not.
    a.special_categories = set(&[
        SpecialCategory::RacialOrEthnicOrigin,
        SpecialCategory::ReligiousOrPhilosophicalBeliefs,
        SpecialCategory::Biometric,
        SpecialCategory::Health,
        SpecialCategory::SexLifeOrSexualOrientation,
    ]);
    a.other_special_items = strings(&["gender", "first language", "nationality"]);
    a.lawful_bases = set(&[LawfulBasis::PublicTask, LawfulBasis::VitalInterests]);
    a.article9_conditions = set(&[
        Article9Condition::ExplicitConsent,
        Article9Condition::HealthOrSocialCare,
        Article9Condition::VitalInterests,
    ]);
    a.legislation = strings(&[
        "Asylum and Immigration Act 1996",
        "Nationality, Asylum and Immigration Act 2002",
        "Asylum and Immigration (Treatment of Claimants etc.) Act 2004",
        "Immigration, Asylum and Nationality Act 2006",
    ]);
    a.retention = Retention::Schedule {
        reference: "Our retention schedule sets out how long we keep personal information for.".into(),
    };
    a.security_measures = "Personal data is “shared securely” with the recipients.".into();
    a.systems = strings(&["paper files"]);
    a.automated_decision_making = Some(
        "We may occasionally use your information to make decisions through automated means. If we do so we \
         will inform you and advise you of your rights to have the decision reviewed or retaken."
            .into(),
    );
    reviews(&mut a, Some(dates::REVIEWED_2024_04), dates::DUE_2025_03);
    a
}

const FLOWS: &[Flow] = &[
    source(INDIVIDUALS, "provided by you")
        .note("“The majority of personal information will be provided by you”."),
    source(UNHCR, "UNHCR"),
    source(IOM, "International Organization for Migration"),
    source(HOME_OFFICE, "Home Office"),
    source(LOCAL_AUTHORITIES, "Local Authorities within the North West"),
    source(
        SCHEME_PARTNERS,
        "Partner organisations across public, private and third sectors working under Home Office Asylum and \
         Resettlement schemes.",
    ),
    recipient(LOCAL_AUTHORITIES, "Local Authorities"),
    recipient(SOCIAL_HOUSING, "Social Landlords"),
    recipient(REFUGEE_ACTION, "Refugee Action"),
    recipient(HOME_OFFICE, "Home Office"),
    recipient(ADULT_SOCIAL_CARE, "Adult Social Care"),
    recipient(CHILDRENS_SOCIAL_CARE, "Children’s Social Care"),
    recipient(CCGS, "NHS Clinical Commissioning Groups"),
    recipient(PHE, "Public Health England"),
    recipient(MOD, "Ministry of Defence"),
    recipient(POLICE, "Police"),
    recipient(SERCO, "Serco"),
    recipient(MIGRANT_HELP, "Migrant Help"),
];
