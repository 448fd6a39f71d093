//! Links: an activity's data coming from a source or going to a recipient.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Activity, ActivityId, AgreementId, LinkId, PartyId, choice_list};
use crate::law::{LawfulBasis, LegalItem as _, SpecialCategory};

choice_list! {
    /// Which way the data moves, seen from the activity.
    pub enum Direction {
        /// The party supplies the data (a source).
        Source = ("source", "Source"),
        /// The party receives the data (a recipient).
        Recipient = ("recipient", "Recipient"),
    }
}

choice_list! {
    /// What a link says about the special category and criminal offence data
    /// passing along it: the three answers an officer can give.
    #[derive(Default)]
    pub enum SpecialData {
        /// What the activity holds may pass (the default: nothing narrows it).
        #[default]
        AsActivity = ("activity", "As the activity"),
        /// Only the categories (and criminal offence data) ticked on the link.
        Only = ("only", "These categories only"),
        /// None passes, said explicitly.
        None = ("none", "None passes"),
    }
}

impl SpecialData {
    /// The answer a link recorded before the three-way choice existed: the
    /// categories it lists when it lists any, otherwise the activity's.
    pub fn inferred(special_categories: &BTreeSet<SpecialCategory>, criminal_offence_data: bool) -> Self {
        if special_categories.is_empty() && !criminal_offence_data { Self::AsActivity } else { Self::Only }
    }
}

/// What a link record says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "LinkFieldsWire")]
pub struct LinkFields {
    /// The party at the other end.
    pub party_id: PartyId,
    /// Source or recipient.
    pub direction: Direction,
    /// Categories of personal data that pass.
    pub data_categories: Vec<String>,
    /// Which special category and criminal offence data passes: as the activity,
    /// the two fields below only, or none. Read it through [`Passes::of`].
    pub special_data: SpecialData,
    /// The special category data that passes when `special_data` is
    /// [`SpecialData::Only`].
    pub special_categories: BTreeSet<SpecialCategory>,
    /// Whether criminal offence data (Art 10) passes when `special_data` is
    /// [`SpecialData::Only`].
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
            special_data: SpecialData::AsActivity,
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

/// [`LinkFields`] as serialised: change-log entries and JSON written before the
/// three-way answer existed lack `special_data`, which is then inferred the way
/// the schema migration infers it.
#[derive(Deserialize)]
struct LinkFieldsWire {
    party_id: PartyId,
    direction: Direction,
    data_categories: Vec<String>,
    #[serde(default)]
    special_data: Option<SpecialData>,
    special_categories: BTreeSet<SpecialCategory>,
    criminal_offence_data: bool,
    lawful_basis: Option<LawfulBasis>,
    basis_detail: String,
    method: String,
    agreement_id: Option<AgreementId>,
    notes: String,
}

impl From<LinkFieldsWire> for LinkFields {
    fn from(wire: LinkFieldsWire) -> Self {
        let special_data = wire
            .special_data
            .unwrap_or_else(|| SpecialData::inferred(&wire.special_categories, wire.criminal_offence_data));
        Self {
            party_id: wire.party_id,
            direction: wire.direction,
            data_categories: wire.data_categories,
            special_data,
            special_categories: wire.special_categories,
            criminal_offence_data: wire.criminal_offence_data,
            lawful_basis: wire.lawful_basis,
            basis_detail: wire.basis_detail,
            method: wire.method,
            agreement_id: wire.agreement_id,
            notes: wire.notes,
        }
    }
}

/// What passes along a link: the one answer every reader gives (links CSV, flow
/// questions, the map, the party view, the PDF, notices).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passes {
    /// Categories of personal data the link records.
    pub data_categories: Vec<String>,
    /// Special category data.
    pub special_categories: BTreeSet<SpecialCategory>,
    /// Criminal offence data (Art 10).
    pub criminal_offence_data: bool,
    /// How the link answered: as the activity, these only, or none.
    pub answer: SpecialData,
}

impl Passes {
    /// What passes along `link`, whose activity is `activity`.
    pub fn of(link: &Link, activity: &Activity) -> Self {
        Self::of_fields(&link.fields, activity)
    }

    /// What passes along a link saying `fields`, whose activity is `activity`.
    pub fn of_fields(fields: &LinkFields, activity: &Activity) -> Self {
        let (special_categories, criminal_offence_data) = match fields.special_data {
            SpecialData::AsActivity => {
                (activity.fields.special_categories.clone(), activity.fields.criminal_offence_data.is_some())
            }
            SpecialData::Only => (fields.special_categories.clone(), fields.criminal_offence_data),
            SpecialData::None => (BTreeSet::new(), false),
        };
        Self {
            data_categories: fields.data_categories.clone(),
            special_categories,
            criminal_offence_data,
            answer: fields.special_data,
        }
    }

    /// Whether the link itself narrows what passes (rather than taking the activity's).
    pub fn stated_on_link(&self) -> bool {
        self.answer != SpecialData::AsActivity
    }

    /// Whether special category data passes.
    pub fn has_special(&self) -> bool {
        !self.special_categories.is_empty()
    }

    /// The special categories' titles.
    pub fn special_titles(&self) -> Vec<&'static str> {
        self.special_categories.iter().map(|c| c.title()).collect()
    }

    /// What passes, in words: "special category: Health, ...; criminal offence data".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.has_special() {
            parts.push(format!("special category: {}", self.special_titles().join(", ")));
        }
        if self.criminal_offence_data {
            parts.push("criminal offence data".to_string());
        }
        if parts.is_empty() {
            parts.push("no special category or criminal offence data".to_string());
        }
        let text = parts.join("; ");
        match self.answer {
            SpecialData::AsActivity => format!("{text} (as the activity)"),
            SpecialData::Only | SpecialData::None => text,
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
