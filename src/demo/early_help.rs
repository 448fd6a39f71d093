//! Seed 002: Early Help, Manchester City Council. Two activities: family support,
//! and the council's contribution to the national evaluation of early
//! intervention (data linkage by ONS).
//!
//! Kept as the notice has them: "Article 9(1)(g)", which does not exist, recorded
//! as an unrecognised citation and not read as 9(2)(g); 9(2)(b) with no Schedule 1
//! condition; six items listed as special category that Art 9(1) does not list;
//! no criminal offence data declared although Police, Youth Justice and Victim
//! Support are sources and recipients; no statutory basis named; a vague
//! retention-schedule reference; no agreement with any recipient.

use super::parties::{Flow, Parties, names::*, recipient, source};
use super::{activity, dates, insert, reviews, service_record, set, strings};
use crate::Result;
use crate::law::{Article9Condition, LawfulBasis, SpecialCategory};
use crate::model::{ActivityFields, Retention, ServiceFields, ServiceId};
use crate::store::Batch;

/// The service record.
pub(super) fn service() -> ServiceFields {
    service_record(
        "Early Help",
        "",
        "The offer of Early Help: matching families with support from partner agencies. “Your rights apply to \
         the information held by the Council as a data controller, and the information we hold on behalf of \
         the other data controllers” (not named).",
    )
}

/// Inserts the service's activities.
pub(super) fn insert_activities(batch: &Batch<'_>, service_id: ServiceId, parties: &Parties) -> Result<()> {
    insert(batch, &family_support(service_id), &parties.links(FAMILY_SUPPORT_FLOWS)?)?;
    insert(batch, &national_research(service_id), &parties.links(NATIONAL_RESEARCH_FLOWS)?)
}

const RETENTION_SCHEDULE: &str = "Our retention schedule sets out how long we keep personal information for.";

fn family_support(service_id: ServiceId) -> ActivityFields {
    let mut a = activity(
        service_id,
        "Early Help family support: assessment, referral and monitoring",
        "Early Help refers families to suitable partner agencies, records the support given, gathers \
         feedback, and produces anonymised statistics and performance targets for Early Help across the city. \
         Special category data is relied on “for the: reasons of substantial public interest (Article \
         9(1)(g) of the UK GDPR)” and employment, social security and social protection law (Article 9(2)(b)).",
    );
    a.purposes = strings(&[
        "to provide you with help by referring you to suitable partner agencies which match your needs, so \
         that they can assess what support will be most effective, and quickly plan how best to work with you \
         and your family",
        "to check how we are doing, and whether we are having a positive impact - this may include getting \
         feedback from you",
        "to promote the support we provide - if we have links with a service which we think would help you and \
         your family",
        "to keep our records and accounts up to date, so we can track what support we have provided and to who",
        "to generate statistics about who uses our services. This helps us make decisions such as where to use \
         our resources to ensure each of our services reach the people who need them and are as effective as \
         possible. When generating statistics all data is anonymised",
        "assess performance and set targets for Early Help across the City.",
    ]);
    // The notice has no list of data subjects; these are its own phrases.
    a.data_subjects = strings(&["you and your family", "your child(ren)", "individual family members"]);
    // The notice lists "NHS number", "GP details" and "health visitor details"
    // as special category information, and rightly: a number assigned to
    // identify a person for health purposes and details collected when
    // registering for health care are data concerning health (UK GDPR recital
    // 35). They are recorded here as categories of data, with Health below.
    a.personal_data = strings(&[
        "names",
        "addresses",
        "dates of birth",
        "telephone numbers",
        "email addresses",
        "NHS number",
        "GP details",
        "health visitor details",
    ]);
    // Of the eleven items listed as special category, "ethnicity" and
    // "religion" are Art 9(1) data, and the three health items are health data;
    // the other six are not special category data.
    a.special_categories = set(&[
        SpecialCategory::RacialOrEthnicOrigin,
        SpecialCategory::ReligiousOrPhilosophicalBeliefs,
        SpecialCategory::Health,
    ]);
    a.other_special_items = strings(&[
        "gender",
        "language",
        "nationality",
        "country of birth",
        "education details",
        "social care status",
    ]);
    a.lawful_bases = set(&[LawfulBasis::PublicTask]);
    a.article9_conditions = set(&[Article9Condition::EmploymentSocialSecurity]);
    a.unrecognised_citations = strings(&["Article 9(1)(g)"]);
    a.retention = Retention::Schedule { reference: RETENTION_SCHEDULE.into() };
    a.security_measures =
        "Personal data is “shared securely”; “When generating statistics all data is anonymised”.".into();
    // "Your personal data is not subjected to automated decision making or profiling."
    a.automated_decision_making = None;
    reviews(&mut a, Some(dates::REVIEWED_2025_10), dates::DUE_2026_09);
    a
}

const FAMILY_SUPPORT_FLOWS: &[Flow] = &[
    source(INDIVIDUALS, "You and your family"),
    source(GMP, "Greater Manchester Police"),
    source(EDUCATION_PROVIDERS, "Education providers e.g. nurseries, schools and colleges"),
    source(GPS, "GPs"),
    source(HEALTH_VISITORS, "Health visitors"),
    source(SOCIAL_HOUSING, "Housing providers"),
    source(DWP, "Local Job Centres"),
    source(VICTIM_SUPPORT, "Victim Support"),
    source(YOUTH_JUSTICE_PROBATION, "Youth Justice and Probation Services"),
    source(SOCIAL_CARE_SERVICES, "Social Care services"),
    source(VOLUNTARY_SECTOR, "Voluntary and community services"),
    recipient(EDUCATION_PROVIDERS, "Education Providers e.g. nurseries, schools and colleges"),
    recipient(SOCIAL_CARE_SERVICES, "Social Care services"),
    recipient(GPS, "GPs"),
    recipient(HEALTH_VISITORS, "Health Visitors"),
    recipient(COUNSELLING, "Counselling Services"),
    recipient(SOCIAL_HOUSING, "Housing Providers"),
    recipient(DWP, "Local Job Centres"),
    recipient(FINANCIAL_ADVISERS, "Financial Advisors"),
    recipient(GMP, "Greater Manchester Police"),
    recipient(VICTIM_SUPPORT, "Victim Support"),
    recipient(YOUTH_JUSTICE_PROBATION, "Youth Justice and Probation Services"),
    recipient(VOLUNTARY_SECTOR, "Voluntary and Community Sector Bodies"),
];

fn national_research(service_id: ServiceId) -> ActivityFields {
    let mut a = activity(
        service_id,
        "National evaluation of early intervention (ONS data linkage)",
        "The Department for Levelling Up, Housing and Communities has commissioned ONS to evaluate early \
         intervention services. Basic personal information about family members, with family level \
         information, is linked with personal information held by national government departments; the \
         linked data is anonymised and not shared back with the local authority.",
    );
    a.purposes = strings(&[
        "the Department of Levelling Up, Housing, and Communities has commissioned the Office of National \
         Statistics (ONS) to undertake national research to evaluate the effectiveness of early intervention \
         services.",
        "This research aims to compare the outcomes between those families supported through early help and \
         those who are not.",
        "This will determine whether this new way of working changes lives for the better by for example, \
         reducing offending, truancy and getting people ready for work.",
        "This will also help inform improvements to our services overtime.",
    ]);
    a.data_subjects = strings(&["individual family members", "families supported through early help"]);
    a.personal_data = strings(&LINKED_DATA);
    // The notice states one Art 6 basis for the whole service; none for the research.
    a.lawful_bases = set(&[LawfulBasis::PublicTask]);
    a.retention = Retention::Event { event: "be destroyed once the research project is concluded".into() };
    a.security_measures = "Personal information linked for research purposes at national level will: be \
        anonymised after it has been linked so as to limit any chance of families and individuals being \
        identified; be kept securely to prevent any unauthorised use; not be used for making decisions about \
        families or individuals; not be shared back with the local authority; be destroyed once the research \
        project is concluded."
        .into();
    reviews(&mut a, None, dates::DUE_2027_10);
    a
}

const LINKED_DATA: [&str; 5] = ["name", "address", "date of birth", "sex", "family level information"];

const DEPARTMENT: &str = "Named as a national department involved in the research; its data is linked with the council's. The \
     notice does not say which department receives the council's data.";

const NATIONAL_RESEARCH_FLOWS: &[Flow] = &[
    source(EARLY_HELP, "basic personal information supplied by us").data(&LINKED_DATA),
    recipient(ONS, "the Office of National Statistics (ONS)")
        .data(&LINKED_DATA)
        .detail("To be linked with personal information held by national government departments."),
    recipient(MOJ, "Ministry of Justice (Police National Computer and prisons database)").note(DEPARTMENT),
    recipient(DFE, "Department for Education (National Pupil Database and individualised learner record)")
        .note(DEPARTMENT),
    recipient(DWP, "Department for Work and Pensions (Work & Pensions Longitudinal Study)").note(DEPARTMENT),
    recipient(
        HSCIC,
        "Health & Social Care Information Centre (Hospital Episodes Statistics, Mental Health minimum \
         dataset, improving access to psychological therapies and maternity and children’s dataset)",
    )
    .note(DEPARTMENT),
    recipient(PHE, "Public Health England (national drug treatment monitoring system)").note(DEPARTMENT),
    recipient(NCA, "National Crime Agency (crime mapping database)").note(DEPARTMENT),
    recipient(DLUHC, "Department for Levelling Up, Housing, and Communities").note(DEPARTMENT),
];
