//! The questions of the Flows page, answered as tables: one answer for the app's
//! table, its CSV and PDF exports and `ropa ask`, so the two can never differ.

use super::questions::{self, FlowFilter, FlowRow, TransferRoute};
use crate::law::LegalItem as _;
use crate::model::{ActivityId, Date, PartyId, Register, ServiceId};

/// A question the Flows page (and `ropa ask`) can answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Question {
    /// Who receives special category data.
    #[default]
    SpecialCategoryRecipients,
    /// Links with an outside body and no agreement.
    LinksWithoutAgreement,
    /// Everything to or from the chosen party.
    PartyFlows,
    /// Activities fed by another of our services.
    InternalFeeds,
    /// Transfers outside the UK.
    TransfersOutsideUk,
    /// Agreements ending within the chosen number of days.
    AgreementsEnding,
    /// The ad-hoc filters.
    Custom,
}

impl Question {
    /// Every question, in the order listed.
    pub const ALL: [Self; 7] = [
        Self::SpecialCategoryRecipients,
        Self::LinksWithoutAgreement,
        Self::PartyFlows,
        Self::InternalFeeds,
        Self::TransfersOutsideUk,
        Self::AgreementsEnding,
        Self::Custom,
    ];

    /// The ready questions: every question but the ad-hoc filters.
    pub const READY: [Self; 6] = [
        Self::SpecialCategoryRecipients,
        Self::LinksWithoutAgreement,
        Self::PartyFlows,
        Self::InternalFeeds,
        Self::TransfersOutsideUk,
        Self::AgreementsEnding,
    ];

    /// The question as the officer would ask it.
    pub fn title(self) -> &'static str {
        match self {
            Self::SpecialCategoryRecipients => "Who receives special category data?",
            Self::LinksWithoutAgreement => "Which links with outside bodies have no agreement?",
            Self::PartyFlows => "What goes to or comes from a party?",
            Self::InternalFeeds => "Which activities receive data from another of our services?",
            Self::TransfersOutsideUk => "What is transferred outside the UK?",
            Self::AgreementsEnding => "Which agreements end soon?",
            Self::Custom => "Filter the links myself",
        }
    }

    /// Its name on the command line (`ropa ask special-category-recipients`).
    pub fn code(self) -> &'static str {
        match self {
            Self::SpecialCategoryRecipients => "special-category-recipients",
            Self::LinksWithoutAgreement => "links-without-agreement",
            Self::PartyFlows => "party-flows",
            Self::InternalFeeds => "internal-feeds",
            Self::TransfersOutsideUk => "transfers-outside-uk",
            Self::AgreementsEnding => "agreements-ending",
            Self::Custom => "custom",
        }
    }

    /// The ready question called `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::READY.into_iter().find(|question| question.code() == code.trim())
    }
}

/// What a question is asked about, beyond the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// The question.
    pub question: Question,
    /// The party, for [`Question::PartyFlows`].
    pub party: Option<PartyId>,
    /// Only this service's activities and their links, when given.
    pub service: Option<ServiceId>,
    /// The days ahead, for [`Question::AgreementsEnding`].
    pub days: i64,
    /// What today is, for [`Question::AgreementsEnding`].
    pub today: Date,
    /// The ad-hoc filters, for [`Question::Custom`].
    pub filter: FlowFilter,
}

impl Asked {
    /// `question` with no party or service, 90 days ahead of `today`, no filters.
    pub fn new(question: Question, today: Date) -> Self {
        Self { question, party: None, service: None, days: 90, today, filter: FlowFilter::default() }
    }
}

/// An answer as a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    /// Column headings.
    pub headings: Vec<String>,
    /// Rows of cells, with the activity a row opens (if any).
    pub rows: Vec<(Vec<String>, Option<ActivityId>)>,
}

impl Answer {
    /// A table of link rows ([`FlowRow::HEADINGS`]).
    pub fn of_flows(rows: Vec<FlowRow>) -> Self {
        Self {
            headings: FlowRow::HEADINGS.iter().map(ToString::to_string).collect(),
            rows: rows.into_iter().map(|row| (row.cells().to_vec(), Some(row.activity_id))).collect(),
        }
    }
}

/// The answer to `asked` in `register`.
pub fn answer(register: &Register, asked: &Asked) -> Answer {
    match asked.service {
        Some(service) => answer_whole(&of_service(register, service), asked),
        None => answer_whole(register, asked),
    }
}

fn answer_whole(register: &Register, asked: &Asked) -> Answer {
    match asked.question {
        Question::SpecialCategoryRecipients => {
            Answer::of_flows(questions::special_category_recipients(register))
        }
        Question::LinksWithoutAgreement => Answer::of_flows(questions::links_without_agreement(register)),
        Question::PartyFlows => {
            Answer::of_flows(asked.party.map_or_else(Vec::new, |id| questions::party_flows(register, id)))
        }
        Question::InternalFeeds => Answer::of_flows(questions::internal_feeds(register)),
        Question::TransfersOutsideUk => transfers(register),
        Question::AgreementsEnding => agreements_ending(register, asked.today, asked.days),
        Question::Custom => Answer::of_flows(questions::filter_rows(register, &asked.filter)),
    }
}

/// The register narrowed to `service`'s activities and their links; everything
/// else is kept so that names still resolve.
fn of_service(register: &Register, service: ServiceId) -> Register {
    let activities: Vec<_> =
        register.activities.iter().filter(|a| a.fields.service_id == service).cloned().collect();
    let kept: std::collections::HashSet<ActivityId> = activities.iter().map(|a| a.id).collect();
    let links = register.links.iter().filter(|l| kept.contains(&l.activity_id)).cloned().collect();
    Register { activities, links, ..register.clone() }
}

fn transfers(register: &Register) -> Answer {
    let rows = questions::transfers_outside_uk(register)
        .into_iter()
        .map(|row| {
            let how = match &row.route {
                TransferRoute::ActivityTransfer { safeguard, detail } => {
                    let safeguard = safeguard.map_or("No safeguard recorded".to_string(), |s| s.label());
                    format!("Transfer on the activity: {safeguard}. {detail}").trim().to_string()
                }
                TransferRoute::Party { .. } => "Recipient outside the UK".to_string(),
            };
            (vec![row.service, row.activity, row.destination, how], Some(row.activity_id))
        })
        .collect();
    Answer { headings: vec!["Service".into(), "Activity".into(), "Destination".into(), "How".into()], rows }
}

fn agreements_ending(register: &Register, today: Date, days: i64) -> Answer {
    let rows = questions::agreements_expiring(register, today, days)
        .into_iter()
        .map(|row| {
            let cells = vec![
                row.title,
                row.kind.label().to_string(),
                row.end.to_string(),
                row.days_left.to_string(),
                row.parties.join("; "),
                row.links.to_string(),
            ];
            (cells, None)
        })
        .collect();
    let headings = ["Agreement", "Kind", "Ends", "Days left", "Parties", "Links relying on it"];
    Answer { headings: headings.iter().map(ToString::to_string).collect(), rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ready_question_has_a_distinct_code_that_reads_back() {
        let codes: std::collections::BTreeSet<&str> = Question::READY.iter().map(|q| q.code()).collect();
        assert_eq!(codes.len(), Question::READY.len());
        for question in Question::READY {
            assert_eq!(Question::from_code(question.code()), Some(question));
        }
        assert_eq!(Question::from_code("custom"), None, "the ad-hoc filters are not a ready question");
        assert_eq!(Question::from_code("who-knows"), None);
    }
}
