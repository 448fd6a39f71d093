//! Information assets: the systems, shared drives, paper file stores and cloud
//! services that hold personal data, each with its information asset owner (the
//! ICO Accountability Framework's "information asset register").
//!
//! An activity names the assets holding its data (`ActivityFields::systems`, by
//! asset name); the store keeps each name as a link to one asset record, and the
//! ICO template's "Location of personal data" column is those assets' names.

use serde::{Deserialize, Serialize};

use super::{AssetId, PartyId, choice_list};

choice_list! {
    /// What kind of thing an asset is.
    pub enum AssetKind {
        /// Nobody has said yet (an asset made from a name on an activity).
        NotStated = ("not_stated", "Not stated"),
        /// A case management, line-of-business or other software system.
        System = ("system", "System or application"),
        /// A shared network drive or document library.
        SharedDrive = ("shared_drive", "Shared drive or document library"),
        /// A paper file store: cabinets, an archive, a records centre.
        PaperFiles = ("paper_files", "Paper file store"),
        /// A service run in the cloud by a supplier.
        CloudService = ("cloud_service", "Cloud service"),
        /// Email or messaging.
        Email = ("email", "Email or messaging"),
        /// Anything else.
        Other = ("other", "Other"),
    }
}

/// Who runs the asset: the organisation itself, or a processor on its behalf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "hosting", rename_all = "snake_case")]
pub enum Hosting {
    /// Nobody has said yet.
    NotStated,
    /// Run by the organisation on its own premises or infrastructure.
    InHouse,
    /// Run by a processor party for the organisation (UK GDPR Art 28).
    Processor {
        /// The processor, a party of the register.
        party: PartyId,
    },
}

impl Hosting {
    /// Stable identifier used in the database and the exports.
    pub fn code(self) -> &'static str {
        match self {
            Self::NotStated => "not_stated",
            Self::InHouse => "in_house",
            Self::Processor { .. } => "processor",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStated => "Not stated",
            Self::InHouse => "In-house",
            Self::Processor { .. } => "Hosted by a processor",
        }
    }

    /// The processor, when a processor hosts the asset.
    pub fn processor(self) -> Option<PartyId> {
        match self {
            Self::Processor { party } => Some(party),
            Self::NotStated | Self::InHouse => None,
        }
    }
}

/// What an asset record says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetFields {
    /// Name, unique in the register (compared without regard to case), e.g.
    /// "Liquidlogic EHM".
    pub name: String,
    /// What kind of asset it is.
    pub kind: AssetKind,
    /// The information asset owner (IAO): a named person.
    pub owner_name: String,
    /// The owner's role, e.g. "Head of Early Help".
    pub owner_role: String,
    /// Where the data is held, e.g. "Council data centre, Bootle" or "Microsoft
    /// Azure UK South".
    pub location: String,
    /// Who runs it.
    pub hosting: Hosting,
    /// Country where the data is held, when outside the United Kingdom; empty
    /// for the UK.
    pub country: String,
    /// Technical and organisational security measures (Art 32).
    pub security_measures: String,
    /// How long the asset keeps what it holds, or the schedule entry.
    pub retention: String,
    /// Business continuity: backups, recovery, what happens if it is lost.
    pub continuity: String,
    /// Free notes.
    pub notes: String,
}

impl AssetFields {
    /// An asset called `name` with nothing else recorded.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            kind: AssetKind::NotStated,
            owner_name: String::new(),
            owner_role: String::new(),
            location: String::new(),
            hosting: Hosting::NotStated,
            country: String::new(),
            security_measures: String::new(),
            retention: String::new(),
            continuity: String::new(),
            notes: String::new(),
        }
    }

    /// Whether an information asset owner is named.
    pub fn has_owner(&self) -> bool {
        !self.owner_name.trim().is_empty()
    }

    /// Whether the data is held outside the United Kingdom.
    pub fn is_outside_uk(&self) -> bool {
        super::party::is_outside_uk(&self.country)
    }
}

/// A stored asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asset {
    /// Row id.
    pub id: AssetId,
    /// Optimistic-concurrency version, raised by every save.
    pub version: i64,
    /// What the record says.
    pub fields: AssetFields,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_asset_in_a_uk_nation_or_with_no_country_is_not_abroad() {
        for country in ["", "  ", "United Kingdom", "uk", "Wales", "Northern Ireland"] {
            let mut fields = AssetFields::new("Mosaic");
            fields.country = country.into();
            assert!(!fields.is_outside_uk(), "{country:?}");
        }
        let mut fields = AssetFields::new("Mosaic");
        fields.country = "Ireland".into();
        assert!(fields.is_outside_uk());
    }

    #[test]
    fn hosting_reads_back_from_its_json() {
        for hosting in [Hosting::NotStated, Hosting::InHouse, Hosting::Processor { party: PartyId(7) }] {
            let json = serde_json::to_string(&hosting).unwrap();
            assert_eq!(serde_json::from_str::<Hosting>(&json).unwrap(), hosting, "{json}");
        }
    }
}
