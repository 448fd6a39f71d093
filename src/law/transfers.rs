//! Safeguards for transfers of personal data outside the UK (UK GDPR Chapter V).

use super::legal_list;

legal_list! {
    /// The mechanism that makes a restricted transfer lawful.
    pub enum TransferSafeguard {
        /// UK adequacy regulations.
        Adequacy = ("adequacy", "Art 45; DPA 2018 s.17A", "UK adequacy regulations",
            "the transfer is to a country, territory, sector or international organisation covered by UK adequacy regulations"),
        /// International Data Transfer Agreement.
        Idta = ("idta", "Art 46(2)(d)", "International Data Transfer Agreement (IDTA)",
            "the transfer is made under the ICO's International Data Transfer Agreement, standard data protection clauses issued under DPA 2018 s.119A"),
        /// UK Addendum to the EU standard contractual clauses.
        Addendum = ("addendum", "Art 46(2)(d)", "UK Addendum to the EU SCCs",
            "the transfer is made under the EU standard contractual clauses with the ICO's International Data Transfer Addendum"),
        /// Binding corporate rules.
        BindingCorporateRules = ("binding_corporate_rules", "Art 47", "Binding corporate rules",
            "the transfer is made within a group under binding corporate rules approved by the ICO"),
        /// Instrument between public authorities.
        PublicAuthorityInstrument = ("public_authority_instrument", "Art 46(2)(a)", "Instrument between public authorities",
            "the transfer is made under a legally binding and enforceable instrument between public authorities or bodies"),
        /// Exception for a specific situation.
        Article49Derogation = ("article49_derogation", "Art 49(1)", "Exception for specific situations (Art 49 derogation)",
            "no adequacy regulations or appropriate safeguards apply, and the transfer relies on one of the exceptions in Article 49(1), which must be documented"),
    }
}
