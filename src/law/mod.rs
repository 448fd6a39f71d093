//! The law's fixed lists: UK GDPR Article 6 and 9, DPA 2018 Schedule 1, the rights
//! of individuals and the safeguards for international transfers.
//!
//! Every list is a closed enum whose variants carry a stable storage code, the
//! citation, a short title and the wording of the provision, so that the UI, the
//! checks and the exports all quote the law from one place.

mod article6;
mod article9;
mod rights;
mod schedule1;
mod transfers;

pub use article6::LawfulBasis;
pub use article9::{Article9Condition, SpecialCategory};
pub use rights::{Right, rights_for};
pub use schedule1::{Schedule1Condition, Schedule1Part};
pub use transfers::TransferSafeguard;

/// What every legal list offers: a stable code for storage, the citation, a short
/// title and the provision's wording.
pub trait LegalItem: Copy + Ord + Sized + 'static {
    /// Every item in the order the law lists them.
    const ALL: &'static [Self];
    /// Stable identifier used in the database and in the full CSV export.
    fn code(self) -> &'static str;
    /// The citation, e.g. "Art 6(1)(e)".
    fn citation(self) -> &'static str;
    /// A short title, e.g. "Public task".
    fn title(self) -> &'static str;
    /// The wording of the provision (UK GDPR or DPA 2018).
    fn wording(self) -> &'static str;
    /// The item whose [`LegalItem::code`] is `code`.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|item| item.code() == code)
    }
    /// Citation and title together, e.g. "Art 6(1)(e) Public task".
    fn label(self) -> String {
        format!("{} {}", self.citation(), self.title())
    }
}

/// Declares a legal list: the enum, its [`LegalItem`] impl and `Display`.
macro_rules! legal_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = ($code:literal, $citation:literal, $title:literal, $wording:literal),
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
            fn citation(self) -> &'static str {
                match self { $(Self::$variant => $citation),+ }
            }
            fn title(self) -> &'static str {
                match self { $(Self::$variant => $title),+ }
            }
            fn wording(self) -> &'static str {
                match self { $(Self::$variant => $wording),+ }
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
    }

    #[test]
    fn lists_have_the_size_the_law_gives_them() {
        assert_eq!(LawfulBasis::ALL.len(), 6);
        assert_eq!(SpecialCategory::ALL.len(), 8);
        assert_eq!(Article9Condition::ALL.len(), 10);
        assert_eq!(Right::ALL.len(), 8);
    }
}
