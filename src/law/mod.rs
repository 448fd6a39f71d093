//! The law's fixed lists: UK GDPR Article 6 and 9, DPA 2018 Schedule 1, the rights
//! of individuals and the safeguards for international transfers.
//!
//! Every list is a closed enum whose variants carry a stable storage code, the
//! citation, a short title and the wording of the provision, so that the UI, the
//! checks and the exports all quote the law from one place.

mod article6;
mod article9;
mod dated;
mod provisions;
mod rights;
mod schedule1;
mod transfers;

pub use article6::{LawfulBasis, RecognisedLegitimateInterest};
pub use article9::{Article9Condition, SpecialCategory};
pub use dated::{
    Amendment, DUAA_COMMENCEMENT_1, DUAA_COMPLAINTS_COMMENCEMENT, DUAA_MAIN_COMMENCEMENT, InForce,
    LAW_CURRENT_TO, Text, currency_note, long_date,
};
pub use provisions::{DATA_PROTECTION_TEST, Provision, STORAGE_LIMITATION};
pub use rights::{Right, rights_for};
pub use schedule1::{Schedule1Condition, Schedule1Part};
pub use transfers::TransferSafeguard;

use time::Date;

/// What every legal list offers: a stable code for storage, the citation, a short
/// title and the provision's wording, the days it is in force and, where it was
/// amended, the text from each day on.
///
/// The undated accessors ([`LegalItem::citation`], [`LegalItem::title`],
/// [`LegalItem::wording`]) give the law as at [`LAW_CURRENT_TO`]; the `_on`
/// accessors give it as at any day.
pub trait LegalItem: Copy + Ord + Sized + 'static {
    /// Every item in the order the law lists them, whether in force or not.
    const ALL: &'static [Self];
    /// Stable identifier used in the database and in the full CSV export.
    fn code(self) -> &'static str;
    /// The provision's text as the register first knows it.
    fn original(self) -> Text;
    /// The later text that replaces [`LegalItem::original`] from a day on, if any.
    fn amendment(self) -> Option<Amendment> {
        None
    }
    /// The days the provision is in force.
    fn in_force(self) -> InForce {
        InForce::ALWAYS
    }
    /// Whether the provision is in force on `day`.
    fn is_in_force_on(self, day: Date) -> bool {
        self.in_force().on(day)
    }
    /// The items in force on `day`, in the order the law lists them: what the
    /// register offers for a record as at that day.
    fn offered_on(day: Date) -> Vec<Self> {
        Self::ALL.iter().copied().filter(|item| item.is_in_force_on(day)).collect()
    }
    /// The text that applies on `day`.
    fn text_on(self, day: Date) -> Text {
        match self.amendment() {
            Some(amendment) if day >= amendment.from => amendment.text,
            _ => self.original(),
        }
    }
    /// The citation on `day`, e.g. "Art 22" before 5 February 2026 and
    /// "Arts 22A-22D" from then.
    fn citation_on(self, day: Date) -> &'static str {
        self.text_on(day).citation
    }
    /// The short title on `day`.
    fn title_on(self, day: Date) -> &'static str {
        self.text_on(day).title
    }
    /// The wording on `day`.
    fn wording_on(self, day: Date) -> &'static str {
        self.text_on(day).wording
    }
    /// Citation and title on `day`.
    fn label_on(self, day: Date) -> String {
        format!("{} {}", self.citation_on(day), self.title_on(day))
    }
    /// The citation, e.g. "Art 6(1)(e)", as at [`LAW_CURRENT_TO`].
    fn citation(self) -> &'static str {
        self.citation_on(LAW_CURRENT_TO)
    }
    /// A short title, e.g. "Public task", as at [`LAW_CURRENT_TO`].
    fn title(self) -> &'static str {
        self.title_on(LAW_CURRENT_TO)
    }
    /// The wording of the provision (UK GDPR or DPA 2018) as at [`LAW_CURRENT_TO`].
    fn wording(self) -> &'static str {
        self.wording_on(LAW_CURRENT_TO)
    }
    /// The item whose [`LegalItem::code`] is `code`.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|item| item.code() == code)
    }
    /// Citation and title together, e.g. "Art 6(1)(e) Public task".
    fn label(self) -> String {
        format!("{} {}", self.citation(), self.title())
    }
}

/// `Some(expr)` for one expression, `None` for none: the optional dates of a
/// [`legal_list!`] entry.
macro_rules! legal_opt {
    () => {
        None
    };
    ($value:expr) => {
        Some($value)
    };
}
pub(crate) use legal_opt;

/// Declares a legal list: the enum, its [`LegalItem`] impl and `Display`.
///
/// Each entry is `Variant = ("code", "citation", "title", "wording")`, then
/// optionally `from DATE` and `until DATE` (constants in this module: the
/// days it is in force) and `amended DATE => ("citation", "title", "wording")`
/// (the text from that day on).
macro_rules! legal_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = ($code:literal, $citation:literal, $title:literal, $wording:literal)
                    $(from $from:ident)?
                    $(until $until:ident)?
                    $(amended $amended:ident => ($acitation:literal, $atitle:literal, $awording:literal))?,
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code)]
                $variant,
            )+
        }

        impl $crate::law::LegalItem for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
            fn original(self) -> $crate::law::Text {
                match self {
                    $(Self::$variant => $crate::law::Text { citation: $citation, title: $title, wording: $wording }),+
                }
            }
            fn amendment(self) -> Option<$crate::law::Amendment> {
                match self {
                    $(Self::$variant => $crate::law::legal_opt!($($crate::law::Amendment {
                        from: $crate::law::$amended,
                        text: $crate::law::Text { citation: $acitation, title: $atitle, wording: $awording },
                    })?)),+
                }
            }
            fn in_force(self) -> $crate::law::InForce {
                match self {
                    $(Self::$variant => $crate::law::InForce {
                        from: $crate::law::legal_opt!($($crate::law::$from)?),
                        until: $crate::law::legal_opt!($($crate::law::$until)?),
                    }),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                use $crate::law::LegalItem;
                write!(f, "{} {}", self.citation(), self.title())
            }
        }
    };
}
pub(crate) use legal_list;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn check_codes_unique<T: LegalItem + std::fmt::Debug>() {
        let codes: HashSet<_> = T::ALL.iter().map(|item| item.code()).collect();
        assert_eq!(codes.len(), T::ALL.len(), "duplicate code in {:?}", T::ALL);
        for item in T::ALL {
            assert_eq!(T::from_code(item.code()), Some(*item));
            assert!(!item.wording().is_empty(), "{item:?} has no wording");
        }
    }

    #[test]
    fn every_list_has_unique_round_tripping_codes() {
        check_codes_unique::<LawfulBasis>();
        check_codes_unique::<SpecialCategory>();
        check_codes_unique::<Article9Condition>();
        check_codes_unique::<Schedule1Condition>();
        check_codes_unique::<Right>();
        check_codes_unique::<TransferSafeguard>();
        check_codes_unique::<RecognisedLegitimateInterest>();
    }

    #[test]
    fn lists_have_the_size_the_law_gives_them() {
        assert_eq!(LawfulBasis::ALL.len(), 7);
        assert_eq!(RecognisedLegitimateInterest::ALL.len(), 5);
        assert_eq!(SpecialCategory::ALL.len(), 8);
        assert_eq!(Article9Condition::ALL.len(), 10);
        assert_eq!(Right::ALL.len(), 8);
    }
}

#[cfg(test)]
mod dated_tests {
    use super::*;
    use time::macros::date;

    const BEFORE: Date = date!(2026 - 02 - 04);
    const FROM: Date = date!(2026 - 02 - 05);

    #[test]
    fn the_undated_accessors_give_the_law_as_at_its_current_to_date() {
        for &right in Right::ALL {
            assert_eq!(right.citation(), right.citation_on(LAW_CURRENT_TO));
            assert_eq!(right.wording(), right.wording_on(LAW_CURRENT_TO));
        }
    }

    #[test]
    fn article_22_gives_way_to_articles_22a_to_22d_on_5_february_2026() {
        let right = Right::AutomatedDecisionMaking;
        assert_eq!(right.citation_on(BEFORE), "Art 22");
        assert_eq!(right.citation_on(FROM), "Arts 22A-22D");
        assert!(right.wording_on(FROM).contains("significant decision"));
        assert_eq!(
            right.label_on(BEFORE),
            "Art 22 Rights related to automated decision-making including profiling"
        );
    }

    #[test]
    fn article_9_2_j_refers_to_article_84b_from_5_february_2026() {
        let condition = Article9Condition::ArchivingResearchStatistics;
        assert!(condition.wording_on(BEFORE).contains("Article 89(1)"));
        assert!(!condition.wording_on(BEFORE).contains("Article 84B"));
        assert!(condition.wording_on(FROM).contains("in accordance with Article 84B"));
    }

    #[test]
    fn every_amendment_commences_within_the_law_the_register_knows() {
        fn check<T: LegalItem + std::fmt::Debug>() {
            for &item in T::ALL {
                if let Some(amendment) = item.amendment() {
                    assert!(amendment.from <= LAW_CURRENT_TO, "{item:?}");
                    assert_ne!(amendment.text, item.original(), "{item:?} amended to the same text");
                }
                if let Some(from) = item.in_force().from {
                    assert!(from <= LAW_CURRENT_TO, "{item:?}");
                }
            }
        }
        check::<LawfulBasis>();
        check::<RecognisedLegitimateInterest>();
        check::<SpecialCategory>();
        check::<Article9Condition>();
        check::<Schedule1Condition>();
        check::<Right>();
        check::<TransferSafeguard>();
    }
}
