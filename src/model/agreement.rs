//! Agreements that govern data flows: data sharing agreements, Art 28 processor
//! contracts and Art 26 joint-controller arrangements.

use serde::{Deserialize, Serialize};

use super::{AgreementId, Date, PartyId, choice_list};

choice_list! {
    /// The legal kind of an agreement.
    pub enum AgreementKind {
        /// A data sharing agreement between controllers.
        DataSharing = ("data_sharing", "Data sharing agreement"),
        /// A contract with a processor under UK GDPR Article 28.
        ProcessorContract = ("processor_contract", "Art 28 processor contract"),
        /// An arrangement between joint controllers under UK GDPR Article 26.
        JointController = ("joint_controller", "Art 26 joint-controller arrangement"),
    }
}

/// What an agreement record says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementFields {
    /// Legal kind.
    pub kind: AgreementKind,
    /// Title, e.g. "Greater Manchester Information Sharing Protocol".
    pub title: String,
    /// The organisation's reference or a link to the document.
    pub reference: String,
    /// The parties signed up to it (other than the organisation).
    pub parties: Vec<PartyId>,
    /// Date it took effect.
    pub start: Option<Date>,
    /// Date it is due for review.
    pub review_due: Option<Date>,
    /// Date it ends.
    pub end: Option<Date>,
    /// Free notes.
    pub notes: String,
}

impl AgreementFields {
    /// An agreement of `kind` titled `title`, with nothing else recorded.
    pub fn new(kind: AgreementKind, title: impl Into<String>) -> Self {
        Self {
            kind,
            title: title.into(),
            reference: String::new(),
            parties: Vec::new(),
            start: None,
            review_due: None,
            end: None,
            notes: String::new(),
        }
    }
}

/// A stored agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// Row id.
    pub id: AgreementId,
    /// Optimistic-concurrency version, raised by every save.
    pub version: i64,
    /// What the record says.
    pub fields: AgreementFields,
}
