//! The editable parts of a privacy notice, kept in the model because the store
//! keeps them and the notice builder reads them: one template per register (section headings
//! and fixed paragraphs, each with a default) and extra text per service (an
//! introduction and a closing). Both are stored in the register, so
//! regenerating a notice after the register changes keeps every edit.
//!
//! A template holds only what the organisation changed; everything else reads as
//! the default. Paragraphs may use `{controller}` and `{service}`, which are
//! replaced with the controller's and the service's names.

use std::collections::BTreeMap;

use serde::Serialize;

/// Declares a list of template entries with a stable storage code and a default.
macro_rules! template_keys {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = ($code:literal, $default:literal),)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            /// Every entry, in reading order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            /// Stable identifier used in the database.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
            /// The text used until the organisation changes it.
            pub fn default_text(self) -> &'static str {
                match self { $(Self::$variant => $default),+ }
            }
            /// The entry whose code is `code`.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|key| key.code() == code)
            }
        }
    };
}

template_keys! {
    /// A section of a notice, in the order the notice gives them. The code is the
    /// storage key of its heading.
    pub enum SectionKey {
        /// Who we are and what the notice covers.
        Summary = ("heading.summary", "About this notice"),
        /// Categories of data subjects and personal data, special category and
        /// criminal offence data.
        PersonalInformation = ("heading.personal_information", "What personal information we use"),
        /// Purposes of processing.
        Purposes = ("heading.purposes", "What we use your information for"),
        /// Article 6, Article 9, Schedule 1 and the legislation.
        LawfulBasis = ("heading.lawful_basis", "Our lawful basis for using your information"),
        /// Sources (Article 14).
        Sources = ("heading.sources", "Where your information comes from"),
        /// Recipients.
        Sharing = ("heading.sharing", "Who we share your information with"),
        /// Transfers outside the UK.
        Transfers = ("heading.transfers", "Sending your information outside the UK"),
        /// Retention.
        Retention = ("heading.retention", "How long we keep your information"),
        /// Automated decision-making (Article 22).
        AutomatedDecisions = ("heading.automated_decisions", "Automated decision-making"),
        /// The rights that apply, derived from the lawful bases.
        Rights = ("heading.rights", "Your rights"),
        /// How to complain, and the ICO's details.
        Complaints = ("heading.complaints", "How to complain"),
        /// Contact details of the controller and the DPO.
        Contact = ("heading.contact", "Contact us"),
        /// The service's closing text, when it has one.
        MoreInformation = ("heading.more_information", "More information"),
    }
}

template_keys! {
    /// A fixed paragraph of the notice.
    pub enum ParagraphKey {
        /// Opens the notice.
        Intro = ("text.intro", "This privacy notice explains how {controller} uses your personal information when it provides {service}. It tells you what information we use, why we use it, who we share it with, and what your rights are."),
        /// Points to the organisation's general notice.
        RelatedNotice = ("text.related_notice", "Please read this notice together with our general privacy notice."),
        /// Opens the rights section.
        RightsIntro = ("text.rights_intro", "The law gives you rights over your personal information. Which rights apply depends on our lawful basis for using it. For the information in this notice, you have:"),
        /// How to use a right.
        UsingRights = ("text.using_rights", "To use any of these rights, contact us using the details below. We will reply within one month. We will not charge you in most cases."),
        /// Opens the complaints section.
        Complaints = ("text.complaints", "If you are unhappy with how we have used your information, please contact us first so we can try to put things right. You also have the right to complain to the Information Commissioner's Office (ICO), the UK's data protection regulator:"),
        /// Shown when nothing goes outside the UK.
        NoTransfers = ("text.no_transfers", "We do not send your information outside the UK."),
        /// Shown when no decision is made by automated means alone.
        NoAutomatedDecisions = ("text.no_automated_decisions", "We do not make decisions about you by automated means alone. A person is always involved."),
    }
}

/// A register's notice template: only the entries the organisation changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Template {
    /// Changed section headings.
    pub headings: BTreeMap<SectionKey, String>,
    /// Changed paragraphs.
    pub paragraphs: BTreeMap<ParagraphKey, String>,
}

impl Template {
    /// The heading of `key`: the organisation's wording, or the default.
    pub fn heading(&self, key: SectionKey) -> &str {
        self.headings.get(&key).map_or(key.default_text(), String::as_str)
    }

    /// The paragraph `key`: the organisation's wording, or the default.
    pub fn paragraph(&self, key: ParagraphKey) -> &str {
        self.paragraphs.get(&key).map_or(key.default_text(), String::as_str)
    }

    /// Sets a heading; a blank or default heading goes back to the default.
    pub fn set_heading(&mut self, key: SectionKey, text: &str) {
        set_entry(&mut self.headings, key, key.default_text(), text);
    }

    /// Sets a paragraph; blank or default text goes back to the default.
    pub fn set_paragraph(&mut self, key: ParagraphKey, text: &str) {
        set_entry(&mut self.paragraphs, key, key.default_text(), text);
    }

    /// Every changed entry as (storage code, text), for the store.
    pub fn entries(&self) -> Vec<(&'static str, &str)> {
        let headings = self.headings.iter().map(|(key, text)| (key.code(), text.as_str()));
        let paragraphs = self.paragraphs.iter().map(|(key, text)| (key.code(), text.as_str()));
        headings.chain(paragraphs).collect()
    }

    /// Restores one stored entry; unknown codes (from a newer app) are ignored.
    pub fn restore(&mut self, code: &str, text: &str) {
        if let Some(key) = SectionKey::from_code(code) {
            self.set_heading(key, text);
        } else if let Some(key) = ParagraphKey::from_code(code) {
            self.set_paragraph(key, text);
        }
    }
}

fn set_entry<K: Ord>(map: &mut BTreeMap<K, String>, key: K, default: &str, text: &str) {
    let text = text.trim();
    if text.is_empty() || text == default {
        map.remove(&key);
    } else {
        map.insert(key, text.to_string());
    }
}

/// Text a service adds to its own notice: an introduction after the standard
/// one, and a closing section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExtraText {
    /// Paragraphs added to "About this notice"; blank lines separate paragraphs.
    pub intro: String,
    /// Paragraphs of a closing "More information" section.
    pub closing: String,
}

/// Splits free text into paragraphs at blank lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|chunk| chunk.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|chunk| !chunk.is_empty())
        .collect()
}

/// Replaces `{controller}` and `{service}` in template text.
pub fn fill(text: &str, controller: &str, service: &str) -> String {
    text.replace("{controller}", controller).replace("{service}", service)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edited_entry_overrides_the_default_and_blank_restores_it() {
        let mut template = Template::default();
        assert_eq!(template.heading(SectionKey::Rights), "Your rights");
        template.set_heading(SectionKey::Rights, "  What you can ask us to do ");
        assert_eq!(template.heading(SectionKey::Rights), "What you can ask us to do");
        assert_eq!(template.entries(), vec![("heading.rights", "What you can ask us to do")]);
        template.set_heading(SectionKey::Rights, " ");
        assert!(template.entries().is_empty());
    }

    #[test]
    fn stored_codes_round_trip_and_unknown_codes_are_ignored() {
        let mut template = Template::default();
        template.restore("text.intro", "Hello {service}");
        template.restore("text.from_the_future", "ignored");
        assert_eq!(template.paragraph(ParagraphKey::Intro), "Hello {service}");
        assert_eq!(template.entries().len(), 1);
        assert_eq!(fill(template.paragraph(ParagraphKey::Intro), "C", "Early Help"), "Hello Early Help");
    }

    #[test]
    fn free_text_splits_into_paragraphs_at_blank_lines() {
        assert_eq!(paragraphs("One\nline.\n\n\n Two. \n\n"), vec!["One line.", "Two."]);
        assert!(paragraphs("  \n\n ").is_empty());
    }
}
