//! Ready questions across the register, answered as rows: who receives special
//! category data, which links to outside bodies have no agreement, everything to
//! or from a party, which activities are fed by other internal services, what
//! leaves the UK, which agreements end soon; and ad-hoc filters over the links.

use std::collections::BTreeSet;

use super::graph::Passes;
use crate::law::{LegalItem as _, SpecialCategory, TransferSafeguard};
use crate::model::{
    ActivityId, AgreementId, AgreementKind, Date, Direction, LinkId, PartyId, PartyKind, Register, ServiceId,
};

/// One link as a row of a question's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowRow {
    /// The link.
    pub link_id: LinkId,
    /// The activity's service.
    pub service_id: ServiceId,
    /// Its name.
    pub service: String,
    /// The activity.
    pub activity_id: ActivityId,
    /// Its name.
    pub activity: String,
    /// Source or recipient, seen from the activity.
    pub direction: Direction,
    /// The party.
    pub party_id: PartyId,
    /// Its name.
    pub party: String,
    /// Its kind.
    pub party_kind: PartyKind,
    /// Its country, when outside the UK; empty otherwise.
    pub country: String,
    /// Categories of personal data the link records.
    pub data_categories: Vec<String>,
    /// Special category data that passes ([`Passes::of`]: the activity's unless
    /// the link narrows it).
    pub special_categories: BTreeSet<SpecialCategory>,
    /// Whether criminal offence data passes (same rule).
    pub criminal_offence_data: bool,
    /// Whether the link itself narrows what passes (these only, or none).
    pub stated_on_link: bool,
    /// The agreement covering the link.
    pub agreement_id: Option<AgreementId>,
    /// Its title, or "" when there is none.
    pub agreement: String,
    /// Whether the party is outside the organisation, so an agreement is needed.
    pub needs_agreement: bool,
}

impl FlowRow {
    /// Column headings for a table of rows.
    pub const HEADINGS: [&'static str; 10] = [
        "Service",
        "Activity",
        "Direction",
        "Party",
        "Party kind",
        "Data passed",
        "Special category data",
        "Criminal offence data",
        "Agreement",
        "Country",
    ];

    /// The row as text cells, in the order of [`FlowRow::HEADINGS`].
    pub fn cells(&self) -> [String; 10] {
        let specials: Vec<&str> = self.special_categories.iter().map(|c| c.title()).collect();
        [
            self.service.clone(),
            self.activity.clone(),
            self.direction.label().to_string(),
            self.party.clone(),
            self.party_kind.label().to_string(),
            self.data_categories.join("; "),
            specials.join("; "),
            if self.criminal_offence_data { "Yes" } else { "No" }.to_string(),
            self.agreement.clone(),
            self.country.clone(),
        ]
    }
}

/// Every link of the register as a row, by service, activity, direction, party.
pub fn flow_rows(register: &Register) -> Vec<FlowRow> {
    let lookup = register.lookup();
    let mut rows = Vec::new();
    for activity in &register.activities {
        for link in lookup.links_of(activity.id) {
            let Some(party) = lookup.parties.get(&link.fields.party_id) else { continue };
            let passes = Passes::of(link, activity);
            let agreement_id = link.fields.agreement_id;
            rows.push(FlowRow {
                link_id: link.id,
                service_id: activity.fields.service_id,
                service: lookup.service_name(activity.fields.service_id).to_string(),
                activity_id: activity.id,
                activity: activity.fields.name.clone(),
                direction: link.fields.direction,
                party_id: party.id,
                party: party.fields.name.clone(),
                party_kind: party.fields.kind,
                country: if party.fields.is_outside_uk() {
                    party.fields.country.trim().to_string()
                } else {
                    String::new()
                },
                stated_on_link: passes.stated_on_link(),
                data_categories: passes.data_categories,
                special_categories: passes.special_categories,
                criminal_offence_data: passes.criminal_offence_data,
                agreement_id,
                agreement: agreement_id
                    .and_then(|id| lookup.agreements.get(&id))
                    .map_or(String::new(), |a| a.fields.title.clone()),
                needs_agreement: party.fields.kind.is_external(),
            });
        }
    }
    rows.sort_by(|a, b| {
        (&a.service, &a.activity, a.direction, &a.party, a.link_id).cmp(&(
            &b.service,
            &b.activity,
            b.direction,
            &b.party,
            b.link_id,
        ))
    });
    rows
}

/// Ad-hoc filters over the links; every filter given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowFilter {
    /// Only links naming this party.
    pub party: Option<PartyId>,
    /// Only sources or only recipients.
    pub direction: Option<Direction>,
    /// Only links whose data categories contain this text (ignoring case).
    pub data_category: Option<String>,
    /// Only links passing this special category.
    pub special_category: Option<SpecialCategory>,
    /// Only links passing some special category data.
    pub any_special_category: bool,
    /// Only links of this service's activities.
    pub service: Option<ServiceId>,
}

impl FlowFilter {
    /// Whether `row` passes every filter given.
    pub fn matches(&self, row: &FlowRow) -> bool {
        let text = self.data_category.as_deref().map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty());
        self.party.is_none_or(|id| row.party_id == id)
            && self.direction.is_none_or(|d| row.direction == d)
            && self.service.is_none_or(|id| row.service_id == id)
            && self.special_category.is_none_or(|c| row.special_categories.contains(&c))
            && (!self.any_special_category || !row.special_categories.is_empty())
            && text.is_none_or(|t| row.data_categories.iter().any(|c| c.to_lowercase().contains(&t)))
    }
}

/// The links that pass every filter in `filter`.
pub fn filter_rows(register: &Register, filter: &FlowFilter) -> Vec<FlowRow> {
    flow_rows(register).into_iter().filter(|row| filter.matches(row)).collect()
}

/// Who receives special category data: recipient links passing any.
pub fn special_category_recipients(register: &Register) -> Vec<FlowRow> {
    filter_rows(
        register,
        &FlowFilter {
            direction: Some(Direction::Recipient),
            any_special_category: true,
            ..Default::default()
        },
    )
}

/// Links with an outside body that no agreement covers.
pub fn links_without_agreement(register: &Register) -> Vec<FlowRow> {
    flow_rows(register).into_iter().filter(|row| row.needs_agreement && row.agreement_id.is_none()).collect()
}

/// Everything flowing to or from `party`.
pub fn party_flows(register: &Register, party: PartyId) -> Vec<FlowRow> {
    filter_rows(register, &FlowFilter { party: Some(party), ..Default::default() })
}

/// Activities receiving data from another of the organisation's services: source
/// links naming an internal-service party that does not stand for the activity's
/// own service.
pub fn internal_feeds(register: &Register) -> Vec<FlowRow> {
    let lookup = register.lookup();
    flow_rows(register)
        .into_iter()
        .filter(|row| {
            row.direction == Direction::Source
                && row.party_kind == PartyKind::InternalService
                && lookup.parties.get(&row.party_id).and_then(|p| p.fields.internal_service)
                    != Some(row.service_id)
        })
        .collect()
}

/// How data leaves the UK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferRoute {
    /// A transfer recorded on the activity (Art 30(1)(e)).
    ActivityTransfer {
        /// The safeguard relied on, if recorded.
        safeguard: Option<TransferSafeguard>,
        /// Its documentation.
        detail: String,
    },
    /// A link with a party outside the UK or an international organisation.
    Party {
        /// The link.
        link_id: LinkId,
        /// The party.
        party_id: PartyId,
        /// Source or recipient.
        direction: Direction,
    },
}

/// A transfer outside the UK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferRow {
    /// The activity's service.
    pub service: String,
    /// The activity.
    pub activity_id: ActivityId,
    /// Its name.
    pub activity: String,
    /// The country or international organisation.
    pub destination: String,
    /// How.
    pub route: TransferRoute,
}

/// Transfers outside the UK: every transfer recorded on an activity, and every
/// recipient link to a party outside the UK or an international organisation.
pub fn transfers_outside_uk(register: &Register) -> Vec<TransferRow> {
    let mut rows = Vec::new();
    for activity in &register.activities {
        for transfer in &activity.fields.transfers {
            rows.push(TransferRow {
                service: register.service_name(activity.fields.service_id).to_string(),
                activity_id: activity.id,
                activity: activity.fields.name.clone(),
                destination: transfer.destination.clone(),
                route: TransferRoute::ActivityTransfer {
                    safeguard: transfer.safeguard,
                    detail: transfer.detail.clone(),
                },
            });
        }
    }
    for row in flow_rows(register) {
        let international = row.party_kind == PartyKind::InternationalOrganisation;
        if row.direction != Direction::Recipient || (row.country.is_empty() && !international) {
            continue;
        }
        let destination = if row.country.is_empty() {
            row.party.clone()
        } else {
            format!("{} ({})", row.country, row.party)
        };
        rows.push(TransferRow {
            service: row.service,
            activity_id: row.activity_id,
            activity: row.activity,
            destination,
            route: TransferRoute::Party {
                link_id: row.link_id,
                party_id: row.party_id,
                direction: row.direction,
            },
        });
    }
    rows.sort_by(|a, b| {
        (&a.service, &a.activity, &a.destination).cmp(&(&b.service, &b.activity, &b.destination))
    });
    rows
}

/// An agreement ending soon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiringAgreement {
    /// The agreement.
    pub agreement_id: AgreementId,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: AgreementKind,
    /// The date it ends.
    pub end: Date,
    /// Days from today to the end (0 = ends today).
    pub days_left: i64,
    /// The parties signed up to it, by name.
    pub parties: Vec<String>,
    /// How many links rely on it.
    pub links: usize,
}

/// Agreements whose end date falls between `today` and `days` days after it,
/// soonest first.
pub fn agreements_expiring(register: &Register, today: Date, days: i64) -> Vec<ExpiringAgreement> {
    let mut rows: Vec<ExpiringAgreement> = register
        .agreements
        .iter()
        .filter_map(|agreement| {
            let end = agreement.fields.end?;
            let days_left = (end - today).whole_days();
            (0..=days).contains(&days_left).then(|| ExpiringAgreement {
                agreement_id: agreement.id,
                title: agreement.fields.title.clone(),
                kind: agreement.fields.kind,
                end,
                days_left,
                parties: agreement
                    .fields
                    .parties
                    .iter()
                    .map(|&id| register.party_name(id).to_string())
                    .collect(),
                links: register.links.iter().filter(|l| l.fields.agreement_id == Some(agreement.id)).count(),
            })
        })
        .collect();
    rows.sort_by(|a, b| (a.end, &a.title).cmp(&(b.end, &b.title)));
    rows
}
