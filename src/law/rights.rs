//! The rights of individuals under UK GDPR Articles 13 to 22, and which of them
//! apply given the lawful bases an activity relies on.

use std::collections::BTreeSet;

use super::{LawfulBasis, legal_list};

legal_list! {
    /// A right of the data subject under UK GDPR Chapter III.
    pub enum Right {
        /// Arts 13 and 14.
        BeInformed = ("be_informed", "Arts 13-14", "Right to be informed",
            "the right to be told, at the time the data is obtained or within a month, who is processing it, why, on what basis, who receives it and how long it is kept"),
        /// Art 15.
        Access = ("access", "Art 15", "Right of access",
            "the right to obtain confirmation that personal data is being processed, access to it and the information in Article 15(1)"),
        /// Art 16.
        Rectification = ("rectification", "Art 16", "Right to rectification",
            "the right to obtain without undue delay the rectification of inaccurate personal data and to have incomplete personal data completed"),
        /// Art 17.
        Erasure = ("erasure", "Art 17", "Right to erasure",
            "the right to obtain the erasure of personal data without undue delay where one of the grounds in Article 17(1) applies"),
        /// Art 18.
        Restriction = ("restriction", "Art 18", "Right to restrict processing",
            "the right to obtain restriction of processing where one of the grounds in Article 18(1) applies"),
        /// Art 20.
        DataPortability = ("data_portability", "Art 20", "Right to data portability",
            "the right to receive personal data provided to a controller in a structured, commonly used and machine-readable format and to transmit it to another controller, where processing is based on consent or contract and carried out by automated means"),
        /// Art 21.
        Object = ("object", "Art 21", "Right to object",
            "the right to object, on grounds relating to the data subject's particular situation, to processing based on Article 6(1)(e) or (f), and at any time to direct marketing"),
        /// Art 22.
        AutomatedDecisionMaking = ("automated_decision_making", "Art 22", "Rights related to automated decision-making including profiling",
            "the right not to be subject to a decision based solely on automated processing, including profiling, which produces legal effects or similarly significantly affects the data subject")
            amended DUAA_MAIN_COMMENCEMENT => ("Arts 22A-22D", "Rights related to automated decision-making including profiling",
                "where a significant decision (one with a legal or similarly significant effect) is taken based solely on automated processing, with no meaningful human involvement, the safeguards of Article 22C: to be given information about the decision, to make representations about it, to obtain human intervention and to contest it; such a decision may not be based on special category data save with explicit consent or under Article 9(2)(g) (Art 22B(1)-(3)), nor on processing in reliance on Article 6(1)(ea) (Art 22B(4))"),
    }
}

/// Whether `right` is available when processing relies on `basis` alone, following
/// the ICO's table of rights by lawful basis.
fn available_under(right: Right, basis: LawfulBasis) -> bool {
    use LawfulBasis::*;
    match right {
        Right::Erasure => !matches!(basis, LegalObligation | PublicTask),
        Right::DataPortability => matches!(basis, Consent | Contract),
        Right::Object => matches!(basis, PublicTask | LegitimateInterests),
        _ => true,
    }
}

/// The rights available to individuals for processing that relies on `bases`: a
/// right is listed when any of the bases gives it. With no basis recorded, only
/// the rights that never depend on the basis are listed.
pub fn rights_for(bases: &BTreeSet<LawfulBasis>) -> BTreeSet<Right> {
    use super::LegalItem;
    Right::ALL
        .iter()
        .copied()
        .filter(|&right| {
            if bases.is_empty() {
                LawfulBasis::ALL.iter().all(|&basis| available_under(right, basis))
            } else {
                bases.iter().any(|&basis| available_under(right, basis))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bases: &[LawfulBasis], expected_absent: &[Right]) {
        let rights = rights_for(&bases.iter().copied().collect());
        for right in expected_absent {
            assert!(!rights.contains(right), "{right:?} should be absent for {bases:?}");
        }
        use crate::law::LegalItem;
        assert_eq!(rights.len(), Right::ALL.len() - expected_absent.len(), "{bases:?}: {rights:?}");
    }

    #[test]
    fn rights_follow_the_lawful_basis() {
        use LawfulBasis::*;
        check(&[Consent], &[Right::Object]);
        check(&[Contract], &[Right::Object]);
        check(&[LegalObligation], &[Right::Erasure, Right::DataPortability, Right::Object]);
        check(&[VitalInterests], &[Right::DataPortability, Right::Object]);
        check(&[PublicTask], &[Right::Erasure, Right::DataPortability]);
        check(&[LegitimateInterests], &[Right::DataPortability]);
        check(&[PublicTask, Consent], &[]);
        check(&[], &[Right::Erasure, Right::DataPortability, Right::Object]);
    }
}
