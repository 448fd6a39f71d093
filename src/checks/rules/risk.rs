//! Rules on high-risk processing: when a data protection impact assessment is
//! needed (UK GDPR Art 35) and children's data in online services (Art 25).
//!
//! The register cannot know the scale of processing or whether an Art 14
//! exemption is relied on, so the DPIA rule looks only for what the record
//! itself shows, from Art 35(3) and the ICO's list of processing likely to
//! result in high risk (made under Art 35(4)):
//! - automated decision-making or profiling (Art 35(3)(a); ICO "denial of
//!   service" and "large-scale profiling");
//! - biometric or genetic data (ICO list, with another criterion);
//! - data matching: "combining, comparing or matching personal data obtained
//!   from multiple sources" (ICO list);
//! - tracking individuals' online or offline behaviour or location (ICO list);
//! - children or other vulnerable people whose data is used for profiling,
//!   automated decisions or marketing, or who are offered an online service
//!   (ICO list);
//! - special category or criminal offence data used to decide on access to a
//!   service (ICO "denial of service").

use super::and_list;
use crate::checks::{Context, Field, Hit, Out};
use crate::law::SpecialCategory;
use crate::model::{Activity, Date, DpiaStatus, Screening};

/// Words in a purpose or description that show data matching.
const MATCHING: &[&str] = &[
    "data matching",
    "matching",
    "match your personal information",
    "match personal",
    "data linkage",
    "linked with personal information",
    "join up the information",
    "combine",
    "cross-reference",
];
/// Words that show tracking of behaviour or location.
const TRACKING: &[&str] = &["cookie", "analytics", "tracking", "geolocation", "location data", "ip address"];
/// Words that show an online service.
const ONLINE: &[&str] =
    &["website", "web site", "online", "webpage", "web page", "mobile app", "portal", "cookie"];
/// Words that show marketing.
const MARKETING: &[&str] = &["marketing", "promot", "newsletter", "communications which you have requested"];
/// Words for children or other vulnerable people among the data subjects.
const CHILDREN: &[&str] = &[
    "child",
    "pupil",
    "young people",
    "young person",
    "under 18",
    "aged 16 or under",
    "minor",
    "infant",
    "baby",
];
const VULNERABLE: &[&str] =
    &["vulnerable", "asylum", "refugee", "resettlement", "at risk", "care leaver", "victim"];

/// Lower-case text joined from `parts`, one part per line, so that phrases
/// never run across two items.
fn lower<'a>(parts: impl Iterator<Item = &'a String>) -> String {
    parts.map(|part| part.to_lowercase()).collect::<Vec<_>>().join("\n")
}

fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|word| text.contains(word))
}

/// An activity's free text in lower case, read once per rule: what is done
/// (description, purposes, systems, personal data) and to whom.
struct Texts {
    processing: String,
    subjects: String,
}

impl Texts {
    fn of(a: &Activity) -> Self {
        let f = &a.fields;
        let processing = lower(
            std::iter::once(&f.description).chain(&f.purposes).chain(&f.systems).chain(&f.personal_data),
        );
        Self { processing, subjects: lower(f.data_subjects.iter()) }
    }

    /// Whether the data subjects include children.
    fn children(&self) -> bool {
        has_any(&self.subjects, CHILDREN)
    }

    /// Whether the record shows an online service (an information society service).
    fn online(&self) -> bool {
        has_any(&self.processing, ONLINE)
    }
}

/// What in the record points to high risk, each naming its source.
fn high_risk_indicators(a: &Activity) -> Vec<&'static str> {
    let f = &a.fields;
    let texts = Texts::of(a);
    let says = |words: &[&str]| has_any(&texts.processing, words);
    let profiling = f.automated_decision_making.is_some();
    let children = texts.children();
    let vulnerable = children || has_any(&texts.subjects, VULNERABLE) || says(VULNERABLE);
    let mut found = Vec::new();
    if profiling {
        found.push("automated decision-making or profiling (Art 35(3)(a))");
    }
    if f.special_categories.contains(&SpecialCategory::Biometric)
        || f.special_categories.contains(&SpecialCategory::Genetic)
    {
        found.push("biometric or genetic data");
    }
    if says(MATCHING) {
        found.push("data matching");
    }
    if says(TRACKING) {
        found.push("tracking of behaviour online");
    }
    if vulnerable && (profiling || says(MARKETING) || (children && texts.online())) {
        found.push("children or vulnerable people profiled, marketed to or offered an online service");
    }
    found
}

/// High-risk processing with no completed DPIA: Art 35(1), (3), (4). Read
/// from the DPIA records covering the activity.
/// A finished DPIA answers for the activity unless another covering it is
/// recorded as required and not finished (the ICO columns then say the least
/// advanced: see `DpiaAnswers::of`).
pub(super) fn dpia_required(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let covering = cx.lookup.dpias.covering(a.id);
    let unfinished_required =
        covering.iter().find(|d| !d.fields.status.is_done() && d.fields.screening == Screening::Required);
    let finished = covering.iter().any(|d| d.fields.status.is_done());
    if finished && unfinished_required.is_none() {
        return;
    }
    let indicators = high_risk_indicators(a);
    let recorded_required = covering.iter().any(|d| d.fields.screening == Screening::Required);
    if indicators.is_empty() && !recorded_required {
        return;
    }
    let why = if indicators.is_empty() {
        "is recorded as needing a data protection impact assessment".to_string()
    } else {
        format!(
            "shows processing likely to result in a high risk ({})",
            and_list(&indicators.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        )
    };
    let state = if let Some(open) = unfinished_required.filter(|_| finished) {
        format!("the DPIA \"{}\" is not yet completed", open.fields.title)
    } else if covering.iter().any(|d| d.fields.status == DpiaStatus::InProgress) {
        "the DPIA is not yet completed".to_owned()
    } else if covering.iter().any(|d| d.fields.screening == Screening::NotRequired) {
        "the DPIA is recorded as not required, with no assessment to show why".to_owned()
    } else if covering.is_empty() {
        "no DPIA is recorded".to_owned()
    } else {
        "the DPIA is still at screening".to_owned()
    };
    out.add(Hit::new(
        Field::Dpia,
        format!(
            "{} {why}, but {state}; a DPIA must be carried out before such processing (UK GDPR Art 35(1), (3); ICO list of processing likely to result in high risk).",
            cx.record(a)
        ),
        "Screen the processing and complete the DPIA (or record the screening that shows none is needed, and acknowledge this finding with its reference).",
    ));
}

/// When the DUAA's children's higher protection matters came into Art 25: 5
/// February 2026 (Data (Use and Access) Act 2025 s.81, commenced by SI 2026/82
/// reg 2, with the rest of the Act's main commencement).
const CHILDREN_HIGHER_PROTECTION: Date = crate::law::DUAA_MAIN_COMMENCEMENT;

/// Children among the data subjects of an online service.
pub(super) fn children_online(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let texts = Texts::of(a);
    if !(texts.children() && texts.online()) {
        return;
    }
    let law = if cx.settings.today >= CHILDREN_HIGHER_PROTECTION {
        "data protection by design must take account of children's higher protection matters for an information society service likely to be accessed by children (UK GDPR Art 25(1) as amended by the Data (Use and Access) Act 2025 s.81; ICO Age appropriate design code)"
    } else {
        "children merit specific protection and the service must follow the ICO Age appropriate design code (UK GDPR Art 25(1), recital 38)"
    };
    out.add(Hit::new(
        Field::DataSubjects,
        format!("{} records children among the people using an online service: {law}.", cx.record(a)),
        "Record how the service protects children by design (high-privacy defaults, no profiling or geolocation by default, age-appropriate information), in the DPIA or the security measures.",
    ));
}
