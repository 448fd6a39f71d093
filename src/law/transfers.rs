//! Safeguards for transfers of personal data outside the UK (UK GDPR Chapter V).
//!
//! From 5 February 2026 Chapter V has a new shape (DUAA 2025 s.85 and Sch 7,
//! SI 2026/82 reg 2(m)): Art 44A allows a transfer only if it is approved by
//! regulations under Art 45A, made subject to appropriate safeguards (Art 46), or
//! made in reliance on a derogation (Art 49). Art 45 (adequacy decisions) and
//! DPA 2018 s.17A give way to Art 45A; Art 46(1A) makes appropriate safeguards
//! depend on the controller, acting reasonably and proportionately, considering
//! that the data protection test is met; Art 46(2)(a) now reads "a legally binding
//! and enforceable instrument between a public body and another relevant person or
//! persons". The carry-over of adequacy regulations made before that day into
//! Art 45A regulations is stated by the register's sources but was not verified
//! against the transitional text on legislation.gov.uk: see docs/law.md.

use super::legal_list;

legal_list! {
    /// The mechanism that makes a restricted transfer lawful.
    pub enum TransferSafeguard {
        /// UK adequacy regulations.
        Adequacy = ("adequacy", "Art 45; DPA 2018 s.17A", "UK adequacy regulations",
            "the transfer is to a country, territory, sector or international organisation covered by UK adequacy regulations")
            amended DUAA_MAIN_COMMENCEMENT => ("Art 45A", "Transfer approved by regulations (UK adequacy)",
                "the transfer is approved by regulations under Article 45A that are in force at the time of the transfer"),
        /// International Data Transfer Agreement.
        Idta = ("idta", "Art 46(2)(d)", "International Data Transfer Agreement (IDTA)",
            "the transfer is made under the ICO's International Data Transfer Agreement, standard data protection clauses issued under DPA 2018 s.119A")
            amended DUAA_MAIN_COMMENCEMENT => ("Art 46(2)(d)", "International Data Transfer Agreement (IDTA)",
                "the transfer is made under the ICO's International Data Transfer Agreement (standard data protection clauses issued by the Commissioner), and the controller, acting reasonably and proportionately, considers that the data protection test is met (Art 46(1A))"),
        /// UK Addendum to the EU standard contractual clauses.
        Addendum = ("addendum", "Art 46(2)(d)", "UK Addendum to the EU SCCs",
            "the transfer is made under the EU standard contractual clauses with the ICO's International Data Transfer Addendum")
            amended DUAA_MAIN_COMMENCEMENT => ("Art 46(2)(d)", "UK Addendum to the EU SCCs",
                "the transfer is made under the EU standard contractual clauses with the ICO's International Data Transfer Addendum, and the controller, acting reasonably and proportionately, considers that the data protection test is met (Art 46(1A))"),
        /// Binding corporate rules.
        BindingCorporateRules = ("binding_corporate_rules", "Art 47", "Binding corporate rules",
            "the transfer is made within a group under binding corporate rules approved by the ICO")
            amended DUAA_MAIN_COMMENCEMENT => ("Art 47", "Binding corporate rules",
                "the transfer is made within a group under binding corporate rules approved by the ICO, and the controller, acting reasonably and proportionately, considers that the data protection test is met (Art 46(1A))"),
        /// Instrument between public authorities.
        PublicAuthorityInstrument = ("public_authority_instrument", "Art 46(2)(a)", "Instrument between public authorities",
            "the transfer is made under a legally binding and enforceable instrument between public authorities or bodies")
            amended DUAA_MAIN_COMMENCEMENT => ("Art 46(2)(a)", "Instrument between a public body and another person",
                "the transfer is made under a legally binding and enforceable instrument between a public body and another relevant person or persons, and each public body party to it, acting reasonably and proportionately, considers that the data protection test is met (Art 46(1A)(b))"),
        /// Exception for a specific situation.
        Article49Derogation = ("article49_derogation", "Art 49(1)", "Exception for specific situations (Art 49 derogation)",
            "no adequacy regulations or appropriate safeguards apply, and the transfer relies on one of the exceptions in Article 49(1), which must be documented"),
    }
}

impl TransferSafeguard {
    /// Whether, on `day`, the safeguard is one of the Art 46 appropriate
    /// safeguards whose reliance needs the data protection test of Art 46(1A) to
    /// be considered met (from 5 February 2026; none before).
    pub fn needs_data_protection_test(self, day: crate::model::Date) -> bool {
        day >= super::DUAA_MAIN_COMMENCEMENT
            && matches!(
                self,
                Self::Idta | Self::Addendum | Self::BindingCorporateRules | Self::PublicAuthorityInstrument
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::LegalItem;
    use time::macros::date;

    #[test]
    fn chapter_v_has_its_new_shape_from_5_february_2026() {
        let before = date!(2026 - 02 - 04);
        let from = date!(2026 - 02 - 05);
        assert_eq!(TransferSafeguard::Adequacy.citation_on(before), "Art 45; DPA 2018 s.17A");
        assert_eq!(TransferSafeguard::Adequacy.citation_on(from), "Art 45A");
        assert!(
            TransferSafeguard::PublicAuthorityInstrument
                .wording_on(before)
                .contains("between public authorities")
        );
        assert!(
            TransferSafeguard::PublicAuthorityInstrument
                .wording_on(from)
                .contains("between a public body and another relevant person or persons")
        );
        assert!(!TransferSafeguard::Idta.needs_data_protection_test(before));
        assert!(TransferSafeguard::Idta.needs_data_protection_test(from));
        assert!(!TransferSafeguard::Adequacy.needs_data_protection_test(from));
        assert!(!TransferSafeguard::Article49Derogation.needs_data_protection_test(from));
    }
}
