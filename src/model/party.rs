//! Parties: anyone personal data comes from or goes to. One record is shared by
//! every activity that names it.

use serde::{Deserialize, Serialize};

use super::{PartyId, ServiceId, choice_list};

choice_list! {
    /// What kind of body a party is.
    pub enum PartyKind {
        /// A public authority: Home Office, NHS, a police force, DWP, another council.
        PublicAuthority = ("public_authority", "Public authority"),
        /// A service of the organisation itself.
        InternalService = ("internal_service", "Internal service"),
        /// A company or body acting for the organisation under an Art 28 contract.
        Processor = ("processor", "Processor"),
        /// A private company acting as a controller in its own right.
        PrivateCompany = ("private_company", "Private company"),
        /// A charity, community or voluntary organisation.
        VoluntarySector = ("voluntary_sector", "Voluntary or community organisation"),
        /// An international organisation such as UNHCR or IOM.
        InternationalOrganisation = ("international_organisation", "International organisation"),
        /// The individuals the data is about.
        DataSubjects = ("data_subjects", "The individuals themselves"),
        /// Anyone else.
        Other = ("other", "Other"),
    }
}

impl PartyKind {
    /// Whether a party of this kind is outside the organisation, so that sharing
    /// with it needs an agreement.
    pub fn is_external(self) -> bool {
        !matches!(self, Self::InternalService | Self::DataSubjects)
    }
}

/// What a party record says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyFields {
    /// Name, unique in the register (compared without regard to case).
    pub name: String,
    /// Kind of body.
    pub kind: PartyKind,
    /// Country where the party is, when outside the United Kingdom; empty for the UK.
    pub country: String,
    /// Contact details for data protection matters.
    pub contact: String,
    /// Free notes.
    pub notes: String,
    /// The register's own service this party stands for, for internal services.
    pub internal_service: Option<ServiceId>,
}

impl PartyFields {
    /// A party of `kind` called `name`, with nothing else recorded.
    pub fn new(name: impl Into<String>, kind: PartyKind) -> Self {
        Self {
            name: name.into(),
            kind,
            country: String::new(),
            contact: String::new(),
            notes: String::new(),
            internal_service: None,
        }
    }

    /// Whether the party is outside the United Kingdom.
    pub fn is_outside_uk(&self) -> bool {
        is_outside_uk(&self.country)
    }
}

/// Whether `country`, as a record gives it, is outside the United Kingdom
/// (empty means the UK).
pub(super) fn is_outside_uk(country: &str) -> bool {
    let country = country.trim();
    !country.is_empty()
        && !["united kingdom", "uk", "england", "wales", "scotland", "northern ireland"]
            .contains(&country.to_lowercase().as_str())
}

/// A stored party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Row id.
    pub id: PartyId,
    /// Optimistic-concurrency version, raised by every save.
    pub version: i64,
    /// What the record says.
    pub fields: PartyFields,
}
