//! Seed 003: Performance, Research and Intelligence (PRI), Manchester City
//! Council. One activity, which receives data from the council's other services
//! and from outside bodies.
//!
//! Kept as the notice has them: criminal offence data with no Schedule 1
//! condition (DPA 2018 s.10(5)); Art 9(2)(g) with no Schedule 1 Part 2 condition
//! (s.10(3)); "education needs" inside a special category item; equality
//! monitoring as a legal obligation with no statute named; profiling and
//! forecasting with no Art 22 statement; a vague retention-schedule reference; no
//! security measures or systems; no agreements, including with Welfare Call.

use super::parties::{Flow, Parties, names::*, recipient, source};
use super::{activity, dates, insert, reviews, service_record, set, strings};
use crate::Result;
use crate::law::{Article9Condition, LawfulBasis, SpecialCategory};
use crate::model::{ActivityFields, Retention, ServiceFields, ServiceId};
use crate::store::Batch;

/// The service record.
pub(super) fn service() -> ServiceFields {
    service_record(
        "Performance, Research and Intelligence",
        "",
        "The Council’s Performance, Research and Intelligence services: research, performance analysis, \
         forecasting, statutory reporting and responses to information requests, using data received from \
         other Council services and other public sector organisations.",
    )
}

/// Inserts the service's activities.
pub(super) fn insert_activities(batch: &Batch<'_>, service_id: ServiceId, parties: &Parties) -> Result<()> {
    insert(batch, &analysis(service_id), &parties.links(FLOWS)?)
}

fn analysis(service_id: ServiceId) -> ActivityFields {
    let mut a = activity(
        service_id,
        "Performance, research and intelligence analysis",
        "PRI receives personal data from other Council services and other public sector organisations and \
         “may group this data together in different ways”. “Sometimes the data we received is anonymised”.",
    );
    a.purposes = strings(&PURPOSES);
    // The notice has no list of data subjects; these are its own phrases.
    a.data_subjects = strings(&["you and your family", "parent or primary carer", "Council employees"]);
    a.personal_data = strings(&[
        "name",
        "address",
        "gender",
        "date of birth and age",
        "school(s) attended",
        "employment information",
        "your GP clinic",
        "financial information",
        "parent or primary carer information",
        "professionals or services currently or previously involved in working with you and your family.",
    ]);
    a.special_categories = set(&[
        SpecialCategory::RacialOrEthnicOrigin,
        SpecialCategory::SexLifeOrSexualOrientation,
        SpecialCategory::Health,
        SpecialCategory::ReligiousOrPhilosophicalBeliefs,
        SpecialCategory::PoliticalOpinions,
    ]);
    // Health needs are Art 9(1) data; education needs are not.
    a.other_special_items =
        strings(&["what health or education needs you may have and how these are addressed"]);
    a.criminal_offence_data = Some(
        "This service may also receive information about your criminal history, including any offences you \
         have committed or offences you have been accused of committing."
            .into(),
    );
    a.lawful_bases =
        set(&[LawfulBasis::PublicTask, LawfulBasis::LegalObligation, LawfulBasis::VitalInterests]);
    a.article9_conditions = set(&[Article9Condition::SubstantialPublicInterest]);
    a.retention = Retention::Schedule {
        reference:
            "Our retention schedule sets out how long we keep personal information for, listed service \
                    by service."
                .into(),
    };
    // The seeds' README says 003 mentions automated decision-making; the text has
    // no such sentence, only the profiling and forecasting recorded here, in the
    // notice's own words.
    a.automated_decision_making = Some(
        "Profiling: personal information is used \
         to “build up profiles of neighbourhoods across Manchester”, to “predict (or ‘forecast’) how our \
         services are likely to be used in future”, and to “match your personal information with information \
         held by other public agencies”."
            .into(),
    );
    reviews(&mut a, Some(dates::REVIEWED_2024_04), dates::DUE_2025_03);
    a
}

const PURPOSES: [&str; 7] = [
    "Carry out research on behalf of services across the Council. This research helps give us a better idea \
     of who makes up the population of Manchester, what needs people in particular areas may have, and what \
     services we should provide or focus on in those areas. For example, a council service may ask us to use \
     personal information to build up profiles of neighbourhoods across Manchester to help us understand an \
     area’s population, number of households, levels of crime, health, environmental requests, levels of \
     unemployment and income. This research helps us to ensure that funding the best Council services which \
     are reaching the right people and deliver the most impact possible.",
    "Join up the information we receive from Council services such as housing, and external organisations \
     such as Department of Work and Pensions, which allows front line workers easy access to information to \
     understand the people they support.",
    "Monitor how, as a Council, we are providing our services and to ensure that we are complying with our \
     legal/statutory obligations, national protocols/policies and our own internal policies. We review the \
     quality of data we hold across the Council, and produce statutory reports to external bodies – for \
     example to Central Government, Ofsted, the Electoral Services Commission.",
    "Carry out checks on how our services are performing, and analyse this to see what is working well, and \
     what areas we can make improvements in. This helps us to understand whether our services are working, or \
     whether there need to be improvements or different services in place. In order to do this, we may need \
     to match your personal information with information held by other public agencies to understand how you \
     and your family use our services, and the impact they have had in meeting you and your family’s needs.",
    "To manage how we provide our services. We do this by looking at trends and using personal information to \
     predict (or ‘forecast’) how our services are likely to be used in future. We use personal information to \
     help Council services see trends in how our services are used over time. This helps us plan how to \
     manage and fund the services you use in the future.",
    "To respond to Freedom of Information and Subject Access Requests.",
    "Where we collect information for equality monitoring purposes this is to fulfil our legal obligation to \
     monitor equality and diversity of council services.",
];

const STATUTORY_REPORT: &str = "Named as a receiver of statutory reports; whether they hold personal data is \
                                not stated.";

const FLOWS: &[Flow] = &[
    // "This service receives personal information from other services across the
    // Council as well as some external organisations, such as:"
    source(CHILDREN_AND_FAMILIES, "Children and Families"),
    source(ADULT_SOCIAL_CARE, "Adult Social Care"),
    source(EDUCATION, "Education"),
    source(ELECTIONS, "Elections"),
    source(HUMAN_RESOURCES, "Human Resources (in relation to Council employees)"),
    source(NHS, "NHS"),
    source(REVENUES_AND_BENEFITS, "Revenue and Benefits."),
    // "Join up the information we receive from Council services such as housing"
    source(HOUSING, "Council services such as housing"),
    // "We may also receive personal information from other organisations, such as"
    // The notice does not say where the criminal history comes from, so no data
    // category is put on this link.
    source(POLICE, "the Police"),
    source(DWP, "Department for Work and Pensions")
        .note("Also “Department of Work and Pensions” in purpose 2."),
    source(SOCIAL_HOUSING, "Housing Associations"),
    source(LAND_REGISTRY, "Land Registry"),
    source(CAREER_CONNECT, "Career Connect"),
    source(MENTAL_HEALTH_TRUST, "Mental Health Trust"),
    source(WELFARE_CALL, "Welfare Call"),
    source(FIRE_SERVICE, "Fire Service"),
    source(EDUCATION_PROVIDERS, "Schools and Colleges"),
    recipient(GOVERNMENT_AGENCIES, "Government Agencies"),
    recipient(NHS, "NHS"),
    recipient(UNIVERSITIES, "Universities"),
    recipient(CAREER_CONNECT, "Career Connect"),
    recipient(ADOPTION_COUNTS, "Adoption Counts Consortium of Voluntary Adoption Agencies"),
    recipient(SHARE_FOUNDATION, "Share Foundation"),
    recipient(BARNARDOS_AFC, "Barnardos Action for Children (MTFC)."),
    recipient(CENTRAL_GOVERNMENT, "Central Government").note(STATUTORY_REPORT),
    recipient(OFSTED, "Ofsted").note(STATUTORY_REPORT),
    recipient(ELECTORAL_COMMISSION, "the Electoral Services Commission").note(STATUTORY_REPORT),
];
