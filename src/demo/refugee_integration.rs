//! Seed 001: the "Well-being and work for refugee integration" project, part
//! funded by the EU Asylum, Migration and Integration Fund, run by a partnership
//! with the East of England LGA Strategic Migration Partnership as lead partner.
//! Three activities: beneficiary services, recruitment, and the project website.
//!
//! The notice gives one list of lawful bases (with no article numbers) and one
//! list of purposes for the whole project; their split across the three
//! activities is ours, and every basis and purpose is used at least once.
//!
//! Kept as the notice has them: no Art 9 condition for service users' special
//! category data; 9(2)(b) read from "obligations and exercise specific rights in
//! relation to employment" with no Schedule 1 condition, and nothing for equal
//! opportunities monitoring; broad reliance on legitimate interests with no
//! assessment; repealed or EU law cited; Google Analytics as a processor with no
//! contract and a transfer to the USA with no safeguard; an 8-year retention with
//! no starting point; partners not named and no Art 26 arrangement, only a
//! "collaboration agreement".

use super::parties::{Flow, Parties, names::*, recipient, source};
use super::{activity, dates, insert, reviews, service_record, set, strings};
use crate::Result;
use crate::law::{Article9Condition, LawfulBasis, SpecialCategory};
use crate::model::{ActivityFields, ActivityStatus, Retention, Role, ServiceFields, ServiceId, Transfer};
use crate::store::Batch;

/// The service record.
pub(super) fn service() -> ServiceFields {
    service_record(
        "Well-being and work for refugee integration",
        "East of England LGA Strategic Migration Partnership (lead partner) and project partners",
        "AMIF-funded partnership project: skills and employment or well-being assessments, specialist ESOL \
         classes. The partners have worked together “since 1 April 2020 and will cease the working on this \
         project when we have submitted our final reports in January 2023”. Contact as the notice gives it: \
         Louise Gooch, Strategic Migration Partnership, East of England LGA, West Suffolk House, Western Way, \
         Bury St Edmunds, Suffolk IP33 3YU; louise.gooch@eelga.gov.uk. No Data Protection Officer is named.",
    )
}

/// Inserts the service's activities.
pub(super) fn insert_activities(batch: &Batch<'_>, service_id: ServiceId, parties: &Parties) -> Result<()> {
    insert(batch, &beneficiary_services(service_id), &parties.links(BENEFICIARY_FLOWS)?)?;
    insert(batch, &recruitment(service_id), &parties.links(RECRUITMENT_FLOWS)?)?;
    insert(batch, &website(service_id), &parties.links(WEBSITE_FLOWS)?)
}

/// The partnership as joint controllers; only the lead partner is named.
fn partnership() -> Role {
    Role::JointController {
        with:
            "The partners making up the ‘well-being and work for refugee integration’ project (not named in \
               the notice); governed by “the collaboration agreement between lead and other partners”"
                .into(),
        lead: EELGA_SMP.into(),
    }
}

/// "Under the terms of this project grant agreement, we are required to retain
/// this data for 8 years." The notice does not say from when.
fn grant_retention() -> Retention {
    Retention::Period { months: 96, from: String::new() }
}

const LEGISLATION: &[&str] = &[
    "UK Data Protection Act 1998 (DPA)",
    "EU General Data Protection Regulation 2018 (GDPR)",
    "The Privacy and Electronic Communications Regulations 2003",
];

const SECURITY: &str = "We do not take sensitive data over the Internet. Non-sensitive details (your email \
    address etc.) are transmitted normally over the Internet, and this can never be guaranteed to be 100% \
    secure. As a result, while we strive to protect your personal data, we cannot guarantee the security of \
    any information you transmit to us, and you do so at your own risk. Once we receive your information \
    whether over the Internet or by other means, we make our best effort to ensure its security on our \
    systems in line with our Information and Data Sharing Policy.";

const LEGITIMATE_BUSINESS_INTEREST: &str = "For our ‘legitimate business interest’, which means a reasonable \
    use in line with the aims and activities of the project partners in relation to the project.";

fn beneficiary_services(service_id: ServiceId) -> ActivityFields {
    let mut a = activity(
        service_id,
        "Beneficiary services and reporting to the funder",
        "Project partners deliver well-being and employment services to beneficiaries (skills and employment \
         assessments, therapeutic well-being assessments, specialist ESOL classes). Detailed service-user \
         information goes to the lead partner, who shares it with the funder and its evaluators “on behalf \
         of the European Commission”. Special category data is collected “only … exceptionally”.",
    );
    a.role = partnership();
    a.purposes = strings(&[
        "To enable us to carry out the work of project as set out in the grant agreement with UKRA and in the \
         collaboration agreement between lead and other partners.",
        "To respond appropriately to your contact with us.",
        "To provide the services detailed in the project application form, grant agreement and collaboration \
         agreement to our beneficiaries - the people using the services provided by the project partners.",
        "For legal and regulatory compliance purposes, for example, to ensure compliance with safeguarding, \
         health and safety requirements and other legal obligations, or in connection with litigation, an \
         internal investigation or audit, and to ensure compliance with laws, as well as equal opportunities \
         monitoring",
        "To maintain our own accounts and records",
        LEGITIMATE_BUSINESS_INTEREST,
    ]);
    a.data_subjects = strings(&[
        "service users",
        "beneficiaries - the people using the services provided by the project partners",
        "children aged 16 or under",
    ]);
    a.personal_data = strings(&[
        "name",
        "communication preferences",
        "email address",
        "postal address",
        "telephone number",
        "mobile number",
        "date of birth",
        "housing tenure",
        "English level",
        "biometric residence data",
    ]);
    // "information regarding race, religious beliefs, sexuality and health", with
    // no Art 9 condition stated for service users.
    a.special_categories = set(&[
        SpecialCategory::RacialOrEthnicOrigin,
        SpecialCategory::ReligiousOrPhilosophicalBeliefs,
        SpecialCategory::SexLifeOrSexualOrientation,
        SpecialCategory::Health,
    ]);
    a.lawful_bases = set(&[
        LawfulBasis::Contract,
        LawfulBasis::LegalObligation,
        LawfulBasis::LegitimateInterests,
        LawfulBasis::VitalInterests,
        LawfulBasis::PublicTask,
    ]);
    a.legitimate_interests = LEGITIMATE_BUSINESS_INTEREST.into();
    a.legislation = strings(LEGISLATION);
    a.retention = grant_retention();
    a.security_measures = SECURITY.into();
    a.systems = strings(&["our business and internal computer systems"]);
    reviews(&mut a, Some(dates::REVIEWED_2025_10), dates::DUE_2026_09);
    a
}

const BENEFICIARY_FLOWS: &[Flow] = &[
    source(INDIVIDUALS, "you").note(
        "“when you complete a skills and employment or well-being assessment or register for a service such \
         as a specialist ESOL class”.",
    ),
    recipient(EELGA_SMP, "the lead project partner, East of England LGA Strategic Migration Partnership")
        .data(&["service users' detailed personal information"])
        .under(DSA_FUNDER),
    recipient(UKRA, "the project funders, the UK Responsible Authority (UKRA)")
        .data(&["service users' detailed personal information"])
        .detail("Shared by the lead partner “on behalf of the European Commission”.")
        .under(DSA_FUNDER),
    recipient(ECORYS, "their evaluators, Ecorys")
        .data(&["service users' detailed personal information"])
        .detail("Shared by the lead partner “on behalf of the European Commission”.")
        .under(DSA_FUNDER),
    recipient(PROJECT_PARTNERS, "a small number of organisations within the partnership")
        .data(&["basic information about service users"])
        .detail("“for them to be able to contact service users to offer them a service”")
        .under(DSA_PARTNERS),
    recipient(THIRD_PARTIES_BY_LAW, "another third party").detail(
        "“if we are under a duty to disclose or share your personal data in order to comply with any legal \
         obligation or to enforce or apply our terms of use or to protect the rights, or safety of our \
         employees and service users”",
    ),
];

fn recruitment(service_id: ServiceId) -> ActivityFields {
    let mut a = activity(
        service_id,
        "Recruitment of project staff",
        "Partner organisations process job applicants' data to manage recruitment, and equal opportunities \
         monitoring information, which “is separated from the application form and used for monitoring \
         purposes only”.",
    );
    a.status = ActivityStatus::Retired;
    a.role = partnership();
    a.purposes = strings(&[
        "To recruit new employees",
        "to manage the recruitment process, assess and confirm a candidate's suitability for the role and \
         decide to whom to offer a job",
        "to respond to and defend against legal claims",
        "to monitor recruitment statistics",
        "to make reasonable adjustments for candidates who have a disability",
    ]);
    a.data_subjects = strings(&["job applicants"]);
    a.personal_data = strings(&["application form"]);
    a.special_categories = set(&[
        SpecialCategory::RacialOrEthnicOrigin,
        SpecialCategory::SexLifeOrSexualOrientation,
        SpecialCategory::Health,
        SpecialCategory::ReligiousOrPhilosophicalBeliefs,
    ]);
    a.lawful_bases = set(&[LawfulBasis::LegitimateInterests]);
    a.legitimate_interests = "The Project Partnership has a legitimate interest in processing personal data \
        during the recruitment process and for keeping records of the process."
        .into();
    // "All partners process such information to carry out their obligations and
    // exercise specific rights in relation to employment": the words of 9(2)(b).
    a.article9_conditions = set(&[Article9Condition::EmploymentSocialSecurity]);
    a.legislation = strings(LEGISLATION);
    a.retention = grant_retention();
    a.security_measures = format!(
        "Equal opportunities monitoring information “is separated from the application form and used for \
         monitoring purposes only”. {SECURITY}"
    );
    reviews(&mut a, Some(dates::REVIEWED_2024_04), dates::DUE_2025_03);
    a
}

const RECRUITMENT_FLOWS: &[Flow] = &[source(INDIVIDUALS, "you").note(
    "“when you apply to for a job at one of the partners which are working on the project, through one of our \
     websites, by email, by post or by phone”.",
)];

fn website(service_id: ServiceId) -> ActivityFields {
    let mut a = activity(
        service_id,
        "Project website: contact, communications and analytics",
        "EELGA SMP has one page on its website dedicated to the project; it uses Google Analytics and cookies. \
         The notice says “The information is anonymous” and “We analytics data and cookies cannot be used to \
         identify you”, yet lists IP addresses among the data collected.",
    );
    a.role = partnership();
    a.purposes = strings(&[
        "To respond appropriately to your contact with us.",
        "To send you communications which you have requested and that may be of interest to you; these may \
         include information about employment opportunities and news about services.",
        "to help us understand how people use the site",
    ]);
    // "16 or Under: We are concerned to protect the privacy of children aged 16
    // or under. If you are aged 16 or under, please get your parent/guardian's
    // permission beforehand whenever you provide us with personal data."
    a.data_subjects = strings(&["website and service users", "children aged 16 or under"]);
    a.personal_data = strings(&[
        "IP address",
        "information regarding what pages are accessed and when",
        "communication preferences",
        "email address",
    ]);
    a.lawful_bases = set(&[LawfulBasis::LegitimateInterests]);
    a.legitimate_interests = LEGITIMATE_BUSINESS_INTEREST.into();
    a.legislation = strings(LEGISLATION);
    a.transfers = vec![Transfer {
        destination: "United States".into(),
        safeguard: None,
        // The notice names no country; the seeds' README says Google Analytics
        // involves "a transfer to the USA".
        detail: "Google Analytics; the notice states no safeguard.".into(),
        data_protection_test_met: None,
    }];
    a.security_measures = SECURITY.into();
    a.systems = strings(&["project webpage on the EELGA SMP website", "Google Analytics", "cookies"]);
    reviews(&mut a, None, dates::DUE_2027_01);
    a
}

const WEBSITE_FLOWS: &[Flow] = &[
    source(INDIVIDUALS, "you").note("“If you contact us via the website”."),
    recipient(GOOGLE, "Google Analytics web analysis")
        .data(&["IP address", "information regarding what pages are accessed and when"])
        .note("No processor contract is referenced."),
];
