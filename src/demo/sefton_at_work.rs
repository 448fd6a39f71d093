//! Seed 004: Sefton@work, Sefton Council's employment and learning support
//! service. One activity.
//!
//! Kept as the notice has them: consent (Art 6(1)(a)) relied on by a public
//! authority, with no consent record; four Art 9 conditions (9(2)(b), (g), (h),
//! (j)) with no Schedule 1 condition; "Equalities data" as the only item called
//! special category; the EU GDPR framing; the Aptem CRM with no processor or
//! contract recorded. Its retention, 12 months after last contact, is the clean
//! contrast to the other notices.

use super::parties::{Flow, Parties, names::*, recipient, source};
use super::{activity, dates, insert, reviews, service_record, set, strings};
use crate::Result;
use crate::law::{Article9Condition, LawfulBasis, SpecialCategory};
use crate::model::{ActivityFields, Retention, ServiceFields, ServiceId};
use crate::store::Batch;

/// The controller the service names.
pub(super) const CONTROLLER: &str = "Sefton Council";

/// The service record, with the contacts as the notice gives them.
pub(super) fn service() -> ServiceFields {
    service_record(
        "Sefton@work",
        CONTROLLER,
        "Information, advice and guidance to support clients into employment and learning. Data Protection \
         Officer: Catherine Larkin, Information Management and Governance Lead (Data Protection Officer), tel. \
         0345 140 0845, ino.information@sefton.gov.uk. Access requests: Linda Patterson, Employment Programme \
         Delivery Manager, tel. 0151 934 2610, seftonnetwork.info@sefton.gov.uk.",
    )
}

/// Inserts the service's activities.
pub(super) fn insert_activities(batch: &Batch<'_>, service_id: ServiceId, parties: &Parties) -> Result<()> {
    insert(batch, &client_support(service_id), &parties.links(FLOWS)?)
}

fn client_support(service_id: ServiceId) -> ActivityFields {
    let mut a = activity(
        service_id,
        "Client employment and learning support",
        "Advisers support clients into employment and learning and record their details, characteristics \
         (“ethnicity, disability/learning difficulties, marital status, sexual orientation, religion, \
         barriers to employment”) and meetings. “The information you provide to us is voluntary and part of \
         an agreement to enable you to access our services.”",
    );
    a.purposes = strings(&[
        "enable us to support clients into employment and learning",
        "enable us to carry out specific functions for which we are responsible",
        "derive statistics which inform decisions about service provision",
        "to contact clients in the event of emergency or appointment cancellation",
        "to assist the Council in meeting its public sector equality duty under section 149 of the Equality \
         Act 2010",
        "to monitor Service provision and help plan for future service development",
        "Anonomised information will be used to provide data for bids to enable us to attract additional \
         funding.",
    ]);
    a.data_subjects = strings(&["clients", "household members"]);
    a.personal_data = strings(&[
        "name",
        "client number",
        "address",
        "telephone numbers",
        "email address",
        "post code",
        "nationality",
        "date of birth",
        "national insurance number",
        "employment status",
        "benefit type",
        "previous qualifications and attainment",
        "household details",
        "information on your right to work in the UK",
        "marital status",
        "barriers to employment",
        "discussions with adviser",
        "progress updates",
        "details of support provided",
        "referrals",
    ]);
    // Ethnicity, disability/learning difficulties, sexual orientation and religion
    // are Art 9(1) data; the notice itself calls only "Equalities data" special.
    a.special_categories = set(&[
        SpecialCategory::RacialOrEthnicOrigin,
        SpecialCategory::Health,
        SpecialCategory::SexLifeOrSexualOrientation,
        SpecialCategory::ReligiousOrPhilosophicalBeliefs,
    ]);
    a.other_special_items = strings(&["Equalities data"]);
    a.lawful_bases = set(&[LawfulBasis::Consent]);
    a.article9_conditions = set(&[
        Article9Condition::EmploymentSocialSecurity,
        Article9Condition::SubstantialPublicInterest,
        Article9Condition::HealthOrSocialCare,
        Article9Condition::ArchivingResearchStatistics,
    ]);
    a.legislation = strings(&[
        "Equality Act 2010 s.149",
        "General Data Protection Regulation (GDPR)",
        "Data Protection Act 2018",
    ]);
    a.retention = Retention::Period { months: 12, from: "last contact".into() };
    a.security_measures = "We will store your information within our Aptem CRM system and in our secure \
                           filing system."
        .into();
    a.systems = strings(&["Aptem CRM system", "secure filing system"]);
    reviews(&mut a, Some(dates::REVIEWED_2025_10), dates::DUE_2027_01);
    a
}

const FLOWS: &[Flow] = &[
    source(INDIVIDUALS, "The information you provide to us"),
    recipient(SEFTON_ACL, "Sefton Adult and Community Learning")
        .detail("to provide impartial Information Advice and Guidance to support clients in making next steps into learning"),
    recipient(PROJECT_PROVIDERS, "an additional project")
        .basis(LawfulBasis::Consent)
        .detail("We will not share your client information unless you choose to engage in an additional project at which time we will obtain your consent."),
];
