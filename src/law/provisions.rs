//! Single provisions the register quotes beside a field of the record, each with
//! its text and the days it is in force.
//!
//! Sources (see docs/law.md):
//! - UK GDPR Art 46(1A)(a)(ii), inserted by DUAA 2025 Sch 7 para 6(3)
//!   (legislation.gov.uk/ukpga/2025/18/schedule/7), in force 5 February 2026
//!   (SI 2026/82 reg 2). The wording was checked against the revised UK GDPR
//!   on legislation.gov.uk (legislation.gov.uk/eur/2016/679/article/46/data.html).
//! - UK GDPR Art 5(1)(e) (legislation.gov.uk/eur/2016/679/article/5): the
//!   opening words of the storage limitation principle only. That page could
//!   not be retrieved: the words are from published copies of the GDPR, and
//!   the one DUAA change found (s.87(1)(a), read in a copy of the Act, not on
//!   legislation.gov.uk) touches only the closing words, not quoted here.

use super::{DUAA_MAIN_COMMENCEMENT, InForce, Text};

/// A provision quoted beside a field: its text and when it is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provision {
    /// Citation, short title and wording.
    pub text: Text,
    /// The days it is in force.
    pub in_force: InForce,
}

impl Provision {
    /// "Art 46(1A): \"…\" (in force from 5 February 2026)": the tooltip text.
    pub fn quoted(self) -> String {
        format!("{}: \"{}\" ({})", self.text.citation, self.text.wording, self.in_force.describe())
    }
}

/// The data protection test of UK GDPR Art 46(1A)(a)(ii): a transfer is made
/// subject to appropriate safeguards only where it is met.
pub const DATA_PROTECTION_TEST: Provision = Provision {
    text: Text {
        citation: "UK GDPR Art 46(1A)(a)(ii)",
        title: "Data protection test met",
        wording: "the controller or processor, acting reasonably and proportionately, considers that the data protection test is met in relation to the transfer or that type of transfer",
    },
    in_force: InForce::from(DUAA_MAIN_COMMENCEMENT),
};

/// The storage limitation principle, UK GDPR Art 5(1)(e) (its opening words):
/// why data is kept as long as it is.
pub const STORAGE_LIMITATION: Provision = Provision {
    text: Text {
        citation: "UK GDPR Art 5(1)(e)",
        title: "Storage limitation",
        wording: "kept in a form which permits identification of data subjects for no longer than is necessary for the purposes for which the personal data are processed",
    },
    in_force: InForce::ALWAYS,
};

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_data_protection_test_is_law_from_5_february_2026() {
        assert!(!DATA_PROTECTION_TEST.in_force.on(date!(2026 - 02 - 04)));
        assert!(DATA_PROTECTION_TEST.in_force.on(date!(2026 - 02 - 05)));
        assert!(DATA_PROTECTION_TEST.quoted().contains("acting reasonably and proportionately"));
        assert!(DATA_PROTECTION_TEST.quoted().ends_with("(in force from 5 February 2026)"));
        assert!(STORAGE_LIMITATION.in_force.on(date!(2018 - 05 - 25)));
    }
}
