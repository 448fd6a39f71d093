//! The register's domain model: who keeps the record, the services and their
//! processing activities, the parties data comes from and goes to, the links
//! between them and the agreements that govern those links.
//!
//! Stored records pair an id and a version with a `*Fields` struct; forms edit the
//! fields as a draft and hand them back to the store whole.

mod acknowledgement;
mod activity;
mod agreement;
mod asset;
mod controller;
mod dpia;
pub(crate) mod finding_subjects;
mod ids;
mod link;
mod log_head;
pub mod notice_template;
mod organisation;
mod party;
mod party_match;
mod register;
mod review;
mod review_round;
mod service;
mod snapshot;
mod summary;
mod uk_date;

pub use acknowledgement::{Acknowledgement, FindingKey, acknowledgements_as_at};
pub use activity::{Activity, ActivityFields, ActivityStatus, Retention, Role, Transfer};
pub use agreement::{Agreement, AgreementFields, AgreementKind};
pub use asset::{Asset, AssetFields, AssetKind, Hosting};
pub use controller::{ControllerStatus, controller_key};
pub use dpia::{
    Dpia, DpiaAnswers, DpiaFields, DpiaProgress, DpiaStatus, IcoConsultation, ResidualRisk, Screening,
    records_from_answers,
};
pub use ids::{ActivityId, AgreementId, AssetId, DpiaId, LinkId, PartyId, ServiceId};
pub use link::{Direction, Link, LinkDraft, LinkFields, Passes, SpecialData};
pub use log_head::{LogHead, ParseLogHeadError};
pub use notice_template::{ExtraText, ParagraphKey, SectionKey, Template};
pub use organisation::{Contact, Organisation};
pub use party::{Party, PartyFields, PartyKind};
pub use party_match::{name_similarity, similar_names};
pub use register::{DpiaIndex, Lookup, Register};
pub use review::add_months;
pub use review_round::{PackReturned, PackSent, RoundState, latest_per_service};
pub use service::{Service, ServiceFields};
pub use snapshot::{NoticeTexts, Snapshot};
pub use summary::{ActivitySummary, RegisterSummary, SearchFields};
pub use uk_date::{DateError, DateStyle, format_uk_date, parse_uk_date};

/// A calendar date (no time zone): review dates, agreement dates, DPIA dates.
pub type Date = time::Date;

/// Parses an ISO 8601 calendar date ("2025-03-31").
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text.trim(), &time::format_description::well_known::Iso8601::DATE).ok()
}

/// Formats a date as ISO 8601 ("2025-03-31").
pub fn format_date(date: Date) -> String {
    let (year, month, day) = (date.year(), u8::from(date.month()), date.day());
    format!("{year:04}-{month:02}-{day:02}")
}

/// Declares a closed list of plain choices (not legal provisions) with a stable
/// storage code and a label for people.
macro_rules! choice_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal), )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            /// Every choice, in display order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            /// Stable identifier used in the database and the full CSV export.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
            /// The label shown to people and in reports.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }
            /// The choice whose code is `code`.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|item| item.code() == code)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use choice_list;
