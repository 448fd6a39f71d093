//! The party view: everything one party sends and receives across all services,
//! with the agreements involved — the page an officer prints before a meeting
//! with that body.

use std::collections::BTreeSet;

use super::questions::{FlowRow, party_flows};
use crate::model::{AgreementId, AgreementKind, Date, Direction, Party, PartyId, Register};
use crate::{Error, Result};

/// An agreement involved with the party: it names the party, or covers one of its links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementInvolved {
    /// The agreement.
    pub agreement_id: AgreementId,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: AgreementKind,
    /// Its reference.
    pub reference: String,
    /// Whether the party is signed up to it.
    pub names_party: bool,
    /// How many of the party's links it covers.
    pub links_covered: usize,
    /// Date it is due for review.
    pub review_due: Option<Date>,
    /// Date it ends.
    pub end: Option<Date>,
}

/// Everything about one party's flows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyView {
    /// The party.
    pub party: Party,
    /// What the party supplies: links where it is a source.
    pub sends: Vec<FlowRow>,
    /// What the party receives: links where it is a recipient.
    pub receives: Vec<FlowRow>,
    /// Agreements naming the party or covering its links, by title.
    pub agreements: Vec<AgreementInvolved>,
    /// The party's links that no agreement covers, when it is an outside body.
    pub links_without_agreement: usize,
    /// The services it deals with, by name.
    pub services: Vec<String>,
}

impl PartyView {
    /// The view of `party_id` in `register`.
    pub fn build(register: &Register, party_id: PartyId) -> Result<Self> {
        let party = register
            .party(party_id)
            .cloned()
            .ok_or_else(|| Error::NotFound { what: format!("party {party_id}") })?;
        let rows = party_flows(register, party_id);
        let links_without_agreement =
            rows.iter().filter(|r| r.needs_agreement && r.agreement_id.is_none()).count();
        let services: BTreeSet<String> = rows.iter().map(|r| r.service.clone()).collect();
        let agreements = register
            .agreements
            .iter()
            .filter_map(|agreement| {
                let names_party = agreement.fields.parties.contains(&party_id);
                let links_covered = rows.iter().filter(|r| r.agreement_id == Some(agreement.id)).count();
                (names_party || links_covered > 0).then(|| AgreementInvolved {
                    agreement_id: agreement.id,
                    title: agreement.fields.title.clone(),
                    kind: agreement.fields.kind,
                    reference: agreement.fields.reference.clone(),
                    names_party,
                    links_covered,
                    review_due: agreement.fields.review_due,
                    end: agreement.fields.end,
                })
            })
            .collect();
        let (sends, receives) = rows.into_iter().partition(|r| r.direction == Direction::Source);
        Ok(Self {
            party,
            sends,
            receives,
            agreements,
            links_without_agreement,
            services: services.into_iter().collect(),
        })
    }
}
