//! Data protection impact assessments as records (UK GDPR Arts 35-36): each DPIA
//! has its own status, screening outcome, dates, residual risk and Art 36
//! consultation, and names the activities it covers.
//!
//! The ICO template keeps three DPIA columns per activity ("required?",
//! "progress", "link"). [`DpiaAnswers`] is that view: [`DpiaAnswers::of`] reads it
//! from the DPIAs covering an activity, and [`records_from_answers`] makes DPIA
//! records from answers written per activity (an imported spreadsheet, a register
//! from before schema version 6), such that reading the answers back gives each
//! activity exactly what it said.

use serde::{Deserialize, Serialize};

use super::{ActivityId, Date, DpiaId, choice_list};

choice_list! {
    /// How far a DPIA has got.
    pub enum DpiaStatus {
        /// Screening: deciding whether a full DPIA is needed.
        Screening = ("screening", "Screening"),
        /// The assessment is being carried out.
        InProgress = ("in_progress", "In progress"),
        /// The assessment is written.
        Completed = ("completed", "Completed"),
        /// Signed off by the accountable owner, with the DPO's advice (Art 35(2)).
        Approved = ("approved", "Approved"),
        /// Reviewed since approval (Art 35(11)).
        Reviewed = ("reviewed", "Reviewed"),
    }
}

impl DpiaStatus {
    /// Whether the assessment is written (completed, approved or reviewed).
    pub fn is_done(self) -> bool {
        matches!(self, Self::Completed | Self::Approved | Self::Reviewed)
    }
}

choice_list! {
    /// What screening decided: is a full DPIA required (Art 35(1), (3), (4))?
    pub enum Screening {
        /// Not decided yet.
        NotStated = ("not_stated", "Not decided"),
        /// Likely to result in a high risk: a DPIA is required.
        Required = ("required", "DPIA required"),
        /// Not likely to result in a high risk: no DPIA is required.
        NotRequired = ("not_required", "DPIA not required"),
    }
}

choice_list! {
    /// The risk left once the DPIA's measures are in place.
    pub enum ResidualRisk {
        /// Not assessed yet.
        NotStated = ("not_stated", "Not assessed"),
        /// Low.
        Low = ("low", "Low"),
        /// Medium.
        Medium = ("medium", "Medium"),
        /// High: the ICO must be consulted before processing (Art 36(1)).
        High = ("high", "High"),
    }
}

choice_list! {
    /// Prior consultation of the Information Commissioner (Art 36).
    pub enum IcoConsultation {
        /// Not recorded.
        NotStated = ("not_stated", "Not recorded"),
        /// Not needed: the residual risk is not high.
        NotNeeded = ("not_needed", "Not needed"),
        /// The ICO has been consulted.
        Consulted = ("consulted", "ICO consulted"),
    }
}

/// What a DPIA record says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DpiaFields {
    /// Title, e.g. "Early Help case management DPIA".
    pub title: String,
    /// How far it has got.
    pub status: DpiaStatus,
    /// What screening decided.
    pub screening: Screening,
    /// The risk left after its measures.
    pub residual_risk: ResidualRisk,
    /// Whether the ICO was consulted (Art 36).
    pub ico_consultation: IcoConsultation,
    /// When the assessment (or its screening) was started.
    pub started: Option<Date>,
    /// When it was completed.
    pub completed: Option<Date>,
    /// When it is next to be reviewed (Art 35(11)).
    pub next_review: Option<Date>,
    /// Reference or link to the DPIA document.
    pub document: String,
    /// Free notes.
    pub notes: String,
    /// The activities it covers, in the order recorded.
    pub activities: Vec<ActivityId>,
}

impl DpiaFields {
    /// A DPIA called `title`, at screening, covering nothing yet.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            status: DpiaStatus::Screening,
            screening: Screening::NotStated,
            residual_risk: ResidualRisk::NotStated,
            ico_consultation: IcoConsultation::NotStated,
            started: None,
            completed: None,
            next_review: None,
            document: String::new(),
            notes: String::new(),
            activities: Vec::new(),
        }
    }

    /// Whether it covers the activity `id`.
    pub fn covers(&self, id: ActivityId) -> bool {
        self.activities.contains(&id)
    }

    /// Whether its review date is before `today`.
    pub fn review_overdue(&self, today: Date) -> bool {
        self.next_review.is_some_and(|date| date < today)
    }
}

/// A stored DPIA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dpia {
    /// Row id.
    pub id: DpiaId,
    /// Optimistic-concurrency version, raised by every save.
    pub version: i64,
    /// What the record says.
    pub fields: DpiaFields,
}

choice_list! {
    /// The ICO template's "Data Protection Impact Assessment progress".
    pub enum DpiaProgress {
        /// Not started.
        NotStarted = ("not_started", "Not started"),
        /// Being carried out.
        InProgress = ("in_progress", "In progress"),
        /// Completed and signed off.
        Completed = ("completed", "Completed"),
    }
}

/// An activity's DPIA as the ICO template's columns give it, and as registers
/// before schema version 6 kept it on the activity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DpiaAnswers {
    /// "Data Protection Impact Assessment required?"; `None` until decided.
    pub required: Option<bool>,
    /// "Data Protection Impact Assessment progress".
    pub progress: DpiaProgress,
    /// "Link to Data Protection Impact Assessment".
    pub link: String,
    /// Date completed (or, while not completed, started).
    pub date: Option<Date>,
}

impl Default for DpiaAnswers {
    fn default() -> Self {
        Self { required: None, progress: DpiaProgress::NotStarted, link: String::new(), date: None }
    }
}

impl DpiaAnswers {
    /// Whether anything is said.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The answers for an activity covered by `dpias` (none: nothing said). Of
    /// several, "required" is yes if any screening says so, the progress is the
    /// least advanced, the links are listed, and the date is the latest.
    pub fn of<'a>(dpias: impl IntoIterator<Item = &'a DpiaFields>) -> Self {
        let mut answers: Option<Self> = None;
        for dpia in dpias {
            let one = Self::of_one(dpia);
            answers = Some(match answers {
                None => one,
                Some(so_far) => so_far.and(one),
            });
        }
        answers.unwrap_or_default()
    }

    fn of_one(dpia: &DpiaFields) -> Self {
        let progress = match dpia.status {
            DpiaStatus::Screening => DpiaProgress::NotStarted,
            DpiaStatus::InProgress => DpiaProgress::InProgress,
            DpiaStatus::Completed | DpiaStatus::Approved | DpiaStatus::Reviewed => DpiaProgress::Completed,
        };
        let required = match dpia.screening {
            Screening::NotStated => None,
            Screening::Required => Some(true),
            Screening::NotRequired => Some(false),
        };
        let date = if progress == DpiaProgress::Completed { dpia.completed } else { dpia.started };
        Self { required, progress, link: dpia.document.trim().to_string(), date }
    }

    fn and(self, other: Self) -> Self {
        let required = match (self.required, other.required) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), _) | (_, Some(false)) => Some(false),
            (None, None) => None,
        };
        let link = match (self.link.is_empty(), other.link.is_empty()) {
            (_, true) => self.link,
            (true, false) => other.link,
            (false, false) if self.link.eq_ignore_ascii_case(&other.link) => self.link,
            (false, false) => format!("{}; {}", self.link, other.link),
        };
        Self { required, progress: self.progress.min(other.progress), link, date: self.date.max(other.date) }
    }

    /// The DPIA record these answers describe, covering nothing yet.
    fn record(&self, title: String) -> DpiaFields {
        let mut fields = DpiaFields::new(title);
        fields.status = match self.progress {
            DpiaProgress::NotStarted => DpiaStatus::Screening,
            DpiaProgress::InProgress => DpiaStatus::InProgress,
            DpiaProgress::Completed => DpiaStatus::Completed,
        };
        fields.screening = match self.required {
            None => Screening::NotStated,
            Some(true) => Screening::Required,
            Some(false) => Screening::NotRequired,
        };
        if self.progress == DpiaProgress::Completed {
            fields.completed = self.date;
        } else {
            fields.started = self.date;
        }
        fields.document = self.link.trim().to_string();
        fields
    }
}

/// DPIA records for answers written per activity, given as (activity, its name,
/// its answers) in register order. Activities whose answers are the same, and
/// name a document, share one DPIA (one assessment covering several activities);
/// any other activity with answers gets its own; an activity with none, none.
/// A link such as "N/A" or "TBC" names no document, so shares nothing.
/// [`DpiaAnswers::of`] the records covering an activity gives back its answers.
pub fn records_from_answers<'a>(
    answers: impl IntoIterator<Item = (ActivityId, &'a str, &'a DpiaAnswers)>,
) -> Vec<DpiaFields> {
    let mut groups: Vec<(DpiaAnswers, Vec<(ActivityId, &str)>)> = Vec::new();
    let mut shared_groups: std::collections::HashMap<DpiaAnswers, usize> = std::collections::HashMap::new();
    for (id, name, said) in answers {
        let said = DpiaAnswers { link: said.link.trim().to_string(), ..said.clone() };
        if said.is_empty() {
            continue;
        }
        if !names_a_document(&said.link) {
            groups.push((said, vec![(id, name)]));
            continue;
        }
        match shared_groups.get(&said) {
            Some(&at) => groups[at].1.push((id, name)),
            None => {
                shared_groups.insert(said.clone(), groups.len());
                groups.push((said, vec![(id, name)]));
            }
        }
    }
    groups
        .into_iter()
        .map(|(said, members)| {
            let title = match members.as_slice() {
                [(_, name)] => format!("DPIA: {}", name.trim()),
                [(_, name), rest @ ..] => format!(
                    "DPIA: {} and {} other activit{}",
                    name.trim(),
                    rest.len(),
                    if rest.len() == 1 { "y" } else { "ies" }
                ),
                [] => String::from("DPIA"),
            };
            let mut record = said.record(title);
            record.activities = members.iter().map(|(id, _)| *id).collect();
            record
        })
        .collect()
}

/// Whether a DPIA link cell names a document, rather than saying there is none
/// yet ("N/A", "None", "TBC", "-", "To follow").
fn names_a_document(link: &str) -> bool {
    const PLACEHOLDERS: &[&str] = &[
        "n/a",
        "na",
        "n.a.",
        "none",
        "no",
        "nil",
        "not applicable",
        "not known",
        "unknown",
        "tbc",
        "tba",
        "tbd",
        "to follow",
        "to be confirmed",
        "pending",
        "awaited",
        "not yet",
        "-",
        "--",
        "?",
    ];
    let said = link.trim().trim_end_matches('.').trim().to_lowercase();
    said.chars().any(char::is_alphanumeric) && !PLACEHOLDERS.contains(&said.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        super::super::parse_date(text).unwrap()
    }

    fn answers(required: Option<bool>, progress: DpiaProgress, link: &str, on: Option<&str>) -> DpiaAnswers {
        DpiaAnswers { required, progress, link: link.into(), date: on.map(date) }
    }

    #[test]
    fn every_activitys_answers_read_back_from_the_records_made_of_them() {
        let doc = "https://intranet.example.gov.uk/ig/dpia/DPIA-2025-014.docx";
        let said = [
            answers(Some(true), DpiaProgress::Completed, doc, Some("2025-03-14")),
            answers(Some(true), DpiaProgress::Completed, doc, Some("2025-03-14")),
            answers(Some(true), DpiaProgress::InProgress, doc, Some("2026-10-02")),
            answers(Some(false), DpiaProgress::NotStarted, "", None),
            answers(Some(false), DpiaProgress::NotStarted, "", None),
            answers(None, DpiaProgress::NotStarted, "", None),
            answers(None, DpiaProgress::NotStarted, "", Some("2026-01-05")),
        ];
        let names = ["A", "B", "C", "D", "E", "F", "G"];
        let input = said.iter().enumerate().map(|(at, a)| (ActivityId(at as i64 + 1), names[at], a));
        let records = records_from_answers(input);
        // A and B share the document and every answer; C names it but differs;
        // D and E name no document, so each is its own screening; F says nothing.
        assert_eq!(records.len(), 5, "{records:#?}");
        assert_eq!(records[0].activities, [ActivityId(1), ActivityId(2)]);
        assert_eq!(records[0].title, "DPIA: A and 1 other activity");
        assert_eq!(records[1].title, "DPIA: C");
        for (at, expected) in said.iter().enumerate() {
            let id = ActivityId(at as i64 + 1);
            let got = DpiaAnswers::of(records.iter().filter(|r| r.covers(id)));
            assert_eq!(&got, expected, "activity {}", names[at]);
        }
    }

    #[test]
    fn a_placeholder_link_shares_no_dpia_and_a_document_does() {
        let placeholder = answers(Some(false), DpiaProgress::NotStarted, "N/A", None);
        let tbc = answers(Some(true), DpiaProgress::NotStarted, " TBC. ", None);
        let doc = answers(Some(true), DpiaProgress::Completed, "DPIA-2025-014.docx", Some("2025-03-14"));
        let names = ["Allocations", "Repairs", "Lettings", "Waiting list", "Tenancy audits", "Arrears"];
        let said = [&placeholder, &placeholder, &placeholder, &tbc, &tbc, &doc];
        let records = records_from_answers(
            names
                .iter()
                .zip(said)
                .enumerate()
                .map(|(at, (name, said))| (ActivityId(at as i64 + 1), *name, said)),
        );
        assert_eq!(records.len(), 6, "an \"N/A\" or \"TBC\" link groups nothing: {records:?}");
        let doubled = records_from_answers([
            (ActivityId(1), "Allocations", &doc),
            (ActivityId(2), "Repairs", &placeholder),
            (ActivityId(3), "Lettings", &doc),
        ]);
        assert_eq!(doubled.len(), 2);
        assert_eq!(doubled[0].activities, [ActivityId(1), ActivityId(3)]);
        assert_eq!(doubled[0].title, "DPIA: Allocations and 1 other activity");
        assert_eq!(doubled[1].document, "N/A", "the words are kept");
    }

    #[test]
    fn several_dpias_give_the_least_advanced_progress_and_every_document() {
        let mut done = DpiaFields::new("Case system");
        done.status = DpiaStatus::Approved;
        done.screening = Screening::Required;
        done.completed = Some(date("2025-01-01"));
        done.document = "DPIA-1".into();
        let mut screening = DpiaFields::new("Sharing with Police");
        screening.screening = Screening::NotRequired;
        screening.document = "DPIA-2".into();
        let got = DpiaAnswers::of([&done, &screening]);
        assert_eq!(got.required, Some(true));
        assert_eq!(got.progress, DpiaProgress::NotStarted);
        assert_eq!(got.link, "DPIA-1; DPIA-2");
        assert_eq!(got.date, Some(date("2025-01-01")));
    }

    #[test]
    fn a_review_is_overdue_the_day_after_its_date() {
        let mut dpia = DpiaFields::new("x");
        assert!(!dpia.review_overdue(date("2026-12-03")));
        dpia.next_review = Some(date("2026-12-03"));
        assert!(!dpia.review_overdue(date("2026-12-03")));
        assert!(dpia.review_overdue(date("2026-12-04")));
    }
}
