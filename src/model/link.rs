//! Links: an activity's data coming from a source or going to a recipient.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{ActivityId, AgreementId, LinkId, PartyId, choice_list};
use crate::law::{LawfulBasis, SpecialCategory};

choice_list! {
    /// Which way the data moves, seen from the activity.
    pub enum Direction {
        /// The party supplies the data (a source).
        Source = ("source", "Source"),
        /// The party receives the data (a recipient).
        Recipient = ("recipient", "Recipient"),
    }
}

/// What a link record says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkFields {
    /// The party at the other end.
    pub party_id: PartyId,
    /// Source or recipient.
    pub direction: Direction,
    /// Categories of personal data that pass.
    pub data_categories: Vec<String>,
    /// Special category data that passes.
    pub special_categories: BTreeSet<SpecialCategory>,
    /// Whether criminal offence data (Art 10) passes.
    pub criminal_offence_data: bool,
    /// Lawful basis for the disclosure or collection.
    pub lawful_basis: Option<LawfulBasis>,
    /// Why the data passes: statutory gateway, purpose, explanation.
    pub basis_detail: String,
    /// How it passes: secure email, portal, case system.
    pub method: String,
    /// The agreement that governs it.
    pub agreement_id: Option<AgreementId>,
    /// Free notes.
    pub notes: String,
}

impl LinkFields {
    /// A link to `party_id` in `direction`, with nothing else recorded.
    pub fn new(party_id: PartyId, direction: Direction) -> Self {
        Self {
            party_id,
            direction,
            data_categories: Vec::new(),
            special_categories: BTreeSet::new(),
            criminal_offence_data: false,
            lawful_basis: None,
            basis_detail: String::new(),
            method: String::new(),
            agreement_id: None,
            notes: String::new(),
        }
    }
}

/// A stored link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Row id.
    pub id: LinkId,
    /// The activity it belongs to.
    pub activity_id: ActivityId,
    /// What the record says.
    pub fields: LinkFields,
}

/// A link as edited together with its activity: `id` is `None` for a new link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkDraft {
    /// The stored link this edits, if any.
    pub id: Option<LinkId>,
    /// The edited fields.
    pub fields: LinkFields,
}
