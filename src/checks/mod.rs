//! Compliance checks: the register tells the officer, before the auditor does,
//! where an entry is missing, inconsistent or unlawful on its face, citing the
//! provision, and what is due for review.
//!
//! The checks are data: [`RULES`] is a table of [`Rule`]s, each with an id, a
//! severity, a title, the provision it rests on and a small function that looks at
//! one activity (or one agreement) and reports [`Finding`]s. [`run`] walks the
//! register once, builds the hash indexes of [`Register::lookup`](crate::model::Register::lookup) first so no rule
//! scans the whole register, and never reads the clock: `today` comes in with the
//! [`Settings`].
//!
//! # Adding a rule
//! 1. Write `fn my_rule(cx: &Context<'_>, activity: &Activity, out: &mut Out<'_>)`
//!    (or one taking an [`Agreement`]) in the `rules` file for its topic, calling
//!    `out.add(Hit::new(Field::..., message, fix))` for each problem. The message
//!    is one sentence that names the record (use [`Context::record`]) and cites the
//!    provision; the fix says what to do.
//! 2. Add one [`Rule`] line to [`RULES`] with a new kebab-case id.
//! 3. Add a passing and a failing case to `tests/checks.rs`.
//!
//! A rule reports at most one [`Finding`] per activity (or agreement, or the
//! organisation): when it concerns several parties or items, the finding lists
//! them all as [`Concern`]s, so an officer reads one finding per problem, not
//! one per recipient.
//!
//! Findings that someone has acknowledged (kept in the store with who, when and
//! why) are still reported, with [`Finding::acknowledged`] set, so they stop
//! nagging without disappearing. An acknowledgement of a finding that lists
//! concerns covers the concerns listed when it was given (see [`FindingKey`]): a
//! party or item added later opens the finding again.

mod completeness;
mod counts;
mod engine;
mod health;
use crate::model::finding_subjects as keys;
mod retention;
mod rules;
mod text;

use serde::Serialize;

pub use completeness::{COMPLETENESS_FIELDS, CompletenessField, Counted, ServiceCompleteness, completeness};
pub use counts::RuleCount;
pub use engine::{Context, Hit, Out, check, parse_today, run};
pub use health::is_health_data;
pub use retention::is_vague_retention;
pub use rules::{RULES, SUPERSEDED, Superseded, superseded_citation};
pub use text::render_text;

use crate::model::{Activity, ActivityId, Agreement, AgreementId, Date, LinkId, PartyId, ServiceId};

/// How serious a finding is. Ordered most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Severity {
    /// The record shows processing that the law does not allow as recorded, or an
    /// Article 30 item is missing outright.
    Error,
    /// Something is probably wrong or missing and needs a decision.
    Warning,
    /// Good practice, or something coming up soon.
    Advice,
}

impl Severity {
    /// Every severity, most serious first.
    pub const ALL: [Self; 3] = [Self::Error, Self::Warning, Self::Advice];

    /// Stable identifier used in exports.
    pub fn code(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Advice => "advice",
        }
    }

    /// Plural heading for people, e.g. "Errors".
    pub fn heading(self) -> &'static str {
        match self {
            Self::Error => "Errors",
            Self::Warning => "Warnings",
            Self::Advice => "Advice",
        }
    }
}

/// A rule's stable id, e.g. "art9-no-condition".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RuleId(pub &'static str);

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// The record field a finding concerns, so that the editor can jump to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Field {
    /// Controller, joint controller or processor (with whom).
    Role,
    /// Purposes of processing.
    Purposes,
    /// Categories of data subjects.
    DataSubjects,
    /// Categories of personal data.
    PersonalData,
    /// Special category data (Art 9(1)).
    SpecialCategories,
    /// Items recorded as special category that Art 9(1) does not list.
    OtherSpecialItems,
    /// Criminal offence data (Art 10).
    CriminalOffenceData,
    /// Article 6 lawful bases.
    LawfulBases,
    /// Article 9 conditions.
    Article9Conditions,
    /// DPA 2018 Schedule 1 conditions.
    Schedule1Conditions,
    /// Citations that could not be read as a provision.
    UnrecognisedCitations,
    /// Link to the record of consent.
    ConsentRecord,
    /// Transfers outside the UK.
    Transfers,
    /// Retention period.
    Retention,
    /// Appropriate policy document.
    PolicyDocument,
    /// Security measures.
    SecurityMeasures,
    /// Automated decision-making.
    AutomatedDecisionMaking,
    /// Next review due.
    NextReviewDue,
    /// The activity's links to sources and recipients.
    Links,
    /// An agreement's review date.
    AgreementReviewDue,
    /// An agreement's end date.
    AgreementEnd,
    /// The data protection impact assessment (Art 35).
    Dpia,
    /// Legislation and statutory basis.
    Legislation,
    /// The organisation profile: controller, DPO and ICO registration.
    Organisation,
    /// The register's information assets.
    Assets,
    /// The register's DPIA records.
    Dpias,
}

impl Field {
    /// The field's label on the form.
    pub fn label(self) -> &'static str {
        match self {
            Self::Role => "Role",
            Self::Purposes => "Purposes of processing",
            Self::DataSubjects => "Categories of individuals",
            Self::PersonalData => "Categories of personal data",
            Self::SpecialCategories => "Special category data",
            Self::OtherSpecialItems => "Other items recorded as special category",
            Self::CriminalOffenceData => "Criminal offence data",
            Self::LawfulBases => "Article 6 lawful basis",
            Self::Article9Conditions => "Article 9 condition",
            Self::Schedule1Conditions => "DPA 2018 Schedule 1 condition",
            Self::UnrecognisedCitations => "Unrecognised legal citations",
            Self::ConsentRecord => "Link to record of consent",
            Self::Transfers => "Transfers outside the UK",
            Self::Retention => "Retention period",
            Self::PolicyDocument => "Appropriate policy document",
            Self::SecurityMeasures => "Security measures",
            Self::AutomatedDecisionMaking => "Automated decision-making",
            Self::NextReviewDue => "Next review due",
            Self::Links => "Sources and recipients",
            Self::AgreementReviewDue => "Agreement review date",
            Self::AgreementEnd => "Agreement end date",
            Self::Dpia => "Data protection impact assessment",
            Self::Legislation => "Legislation and statutory basis",
            Self::Organisation => "Organisation profile",
            Self::Assets => "Information assets",
            Self::Dpias => "DPIA records",
        }
    }
}

/// How a rule is applied: to each activity, to each agreement, or once to the
/// register's organisation profile.
#[derive(Clone, Copy)]
pub enum Scope {
    /// Called once per activity that is not retired.
    Activity(fn(&Context<'_>, &Activity, &mut Out<'_>)),
    /// Called once per agreement.
    Agreement(fn(&Context<'_>, &Agreement, &mut Out<'_>)),
    /// Called once per register, for what the organisation profile must say.
    Organisation(fn(&Context<'_>, &mut Out<'_>)),
}

impl std::fmt::Debug for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Activity(_) => "Activity",
            Self::Agreement(_) => "Agreement",
            Self::Organisation(_) => "Organisation",
        })
    }
}

/// One check: plain data, listed in [`RULES`].
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable id, e.g. "art9-no-condition".
    pub id: RuleId,
    /// How serious its findings are.
    pub severity: Severity,
    /// A short title, e.g. "Special category data without an Article 9 condition".
    pub title: &'static str,
    /// The provision it rests on, e.g. "UK GDPR Art 9(1)-(2)".
    pub citation: &'static str,
    /// What it looks at and the function that looks.
    pub scope: Scope,
}

impl Rule {
    /// The rule with `id`, if there is one.
    pub fn find(id: &str) -> Option<&'static Rule> {
        RULES.iter().find(|rule| rule.id.0 == id)
    }

    /// The provision the rule rests on in the law in force on `day`:
    /// [`Rule::citation`] unless the law changed it (e.g. "UK GDPR Art 22" gives
    /// way to "UK GDPR Arts 22A-22D" on 5 February 2026).
    pub fn citation_on(&self, day: Date) -> &'static str {
        rules::AMENDED_CITATIONS
            .iter()
            .filter(|(id, from, _)| *id == self.id.0 && day >= *from)
            .map(|(_, _, citation)| *citation)
            .next_back()
            .unwrap_or(self.citation)
    }
}

/// Finding keys and acknowledgements are model types (the store keeps them).
pub use crate::model::{Acknowledgement, FindingKey};

/// One problem found in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule that found it.
    pub rule: RuleId,
    /// How serious it is.
    pub severity: Severity,
    /// The activity it concerns, if any.
    pub activity_id: Option<ActivityId>,
    /// The activity's service, if the finding is about an activity.
    pub service_id: Option<ServiceId>,
    /// The agreement it concerns, if any.
    pub agreement_id: Option<AgreementId>,
    /// Every party or item the finding concerns, in the record's order; empty
    /// when the rule is about the record as a whole.
    pub concerns: Vec<Concern>,
    /// The field to fix.
    pub field: Field,
    /// One sentence naming the record and citing the provision.
    pub message: String,
    /// What to do about it.
    pub fix: String,
    /// The acknowledgement, if someone has accepted the finding: for a finding
    /// with concerns, set only when every concern is acknowledged (the latest
    /// of their acknowledgements).
    pub acknowledged: Option<Acknowledgement>,
}

/// One party or item a finding concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Concern {
    /// Stable name within the record: "link:12", "item:Nationality",
    /// "transfer:United States", "citation:Article 9(1)(g)".
    pub subject: String,
    /// What a reader sees: the party's name or the item as written.
    pub label: String,
    /// The link it is about, if any.
    pub link_id: Option<LinkId>,
    /// The party at the link's other end, if any.
    pub party_id: Option<PartyId>,
    /// The acknowledgement that covers this concern, if any.
    pub acknowledged: Option<Acknowledgement>,
}

impl Concern {
    /// A concern about one link and the party at its other end.
    pub fn link(link_id: LinkId, party_id: PartyId, party_name: &str) -> Self {
        Self {
            subject: format!("link:{link_id}"),
            label: party_name.trim().to_string(),
            link_id: Some(link_id),
            party_id: Some(party_id),
            acknowledged: None,
        }
    }

    /// A concern about one item of a list, e.g. `("item", "Nationality")`.
    pub fn item(kind: &str, item: &str) -> Self {
        Self {
            subject: format!("{kind}:{}", item.trim()),
            label: item.trim().to_string(),
            link_id: None,
            party_id: None,
            acknowledged: None,
        }
    }
}

impl Finding {
    /// The key an acknowledgement of the whole finding, as it stands, is stored
    /// under (see [`FindingKey`]).
    pub fn key(&self) -> FindingKey {
        let subject = if !self.concerns.is_empty() {
            keys::encode(self.concerns.iter().map(|c| c.subject.as_str()))
        } else if let Some(agreement) = self.agreement_id {
            format!("agreement:{agreement}")
        } else {
            String::new()
        };
        FindingKey { rule: self.rule.0.to_string(), activity_id: self.activity_id, subject }
    }

    /// The ids of every acknowledgement that covers the finding or one of its
    /// concerns, oldest first: what withdrawing the acknowledgement removes.
    pub fn acknowledgement_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .concerns
            .iter()
            .filter_map(|c| c.acknowledged.as_ref().map(|a| a.id))
            .chain(self.acknowledged.as_ref().map(|a| a.id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The concerns nobody has acknowledged yet.
    pub fn open_concerns(&self) -> impl Iterator<Item = &Concern> {
        self.concerns.iter().filter(|c| c.acknowledged.is_none())
    }

    /// The rule's metadata (title, citation).
    pub fn rule_info(&self) -> Option<&'static Rule> {
        Rule::find(self.rule.0)
    }

    /// Whether the finding still counts: nobody has acknowledged it.
    pub fn is_open(&self) -> bool {
        self.acknowledged.is_none()
    }
}

/// What a run of the checks needs besides the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The date the checks treat as today.
    pub today: Date,
    /// How many days ahead a review or an agreement's end counts as due soon.
    pub due_soon_days: i64,
    /// Whether the register's own controller (the organisation) is a public
    /// authority (Art 6(1), last sentence). Other controllers named by a
    /// service in a partnership register have their own status in
    /// [`Register::controllers`](crate::model::Register::controllers).
    pub public_authority: bool,
}

impl Settings {
    /// Days ahead that count as "due soon" unless configured otherwise.
    pub const DEFAULT_DUE_SOON_DAYS: i64 = 30;

    /// Settings for `today` with the defaults: a public authority, 30 days' notice.
    pub fn new(today: Date) -> Self {
        Self { today, due_soon_days: Self::DEFAULT_DUE_SOON_DAYS, public_authority: true }
    }
}

/// Everything one run of the checks found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The date the checks treated as today.
    pub today: Date,
    /// Findings by service name, severity, activity name and rule id; agreement
    /// findings last.
    pub findings: Vec<Finding>,
    /// Completeness per service, by service name.
    pub completeness: Vec<ServiceCompleteness>,
}

impl Report {
    /// Findings nobody has acknowledged with `severity`.
    pub fn open_count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.is_open() && f.severity == severity).count()
    }

    /// Whether any error-level finding is still open (the CLI fails on this).
    pub fn has_open_errors(&self) -> bool {
        self.open_count(Severity::Error) > 0
    }

    /// The findings about one activity.
    pub fn for_activity(&self, id: ActivityId) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.activity_id == Some(id))
    }

    /// How many findings each rule raised, open and in all, for the rules that
    /// raised any, in the order of [`RULES`].
    pub fn counts_by_rule(&self) -> Vec<RuleCount> {
        counts::by_rule(&self.findings)
    }
}
