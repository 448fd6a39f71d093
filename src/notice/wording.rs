//! Plain-English wording for the law's lists, written for the public: what each
//! lawful basis, Article 9 condition and right means for the reader, always
//! followed by its citation so the reader can look it up.

use crate::law::{Article9Condition, LawfulBasis, LegalItem, Right, Schedule1Condition, SpecialCategory};

/// A citation as the public reads it: "Art 6(1)(e)" becomes
/// "Article 6(1)(e) UK GDPR"; "DPA 2018 Sch 1 para 18" becomes
/// "Data Protection Act 2018, Schedule 1, paragraph 18".
pub fn citation<T: LegalItem>(item: T) -> String {
    let citation = item.citation();
    if let Some(rest) = citation.strip_prefix("DPA 2018 Sch 1 para ") {
        format!("Data Protection Act 2018, Schedule 1, paragraph {rest}")
    } else if let Some(rest) = citation.strip_prefix("Arts ") {
        format!("Articles {rest} UK GDPR")
    } else if let Some(rest) = citation.strip_prefix("Art ") {
        format!("Article {rest} UK GDPR")
    } else {
        citation.to_string()
    }
}

/// Why we may use the information under `basis`, in plain words and second
/// person, ending with the citation. `local_authority` words public task as "our
/// public tasks and duties as a local authority".
pub fn lawful_basis(basis: LawfulBasis, local_authority: bool) -> String {
    let words = match basis {
        LawfulBasis::Consent => {
            "You have given us your consent to use your information for a specific purpose"
        }
        LawfulBasis::Contract => {
            "We need it to carry out a contract we have with you, or because you asked us to take steps before entering into one"
        }
        LawfulBasis::LegalObligation => "We need it to comply with a law that applies to us",
        LawfulBasis::VitalInterests => "We need it to protect someone's life in an emergency",
        LawfulBasis::PublicTask if local_authority => {
            "We need it to carry out our public tasks and duties as a local authority"
        }
        LawfulBasis::PublicTask => {
            "We need it to carry out a task in the public interest, or to use official powers we have been given"
        }
        LawfulBasis::LegitimateInterests => {
            "We need it for our legitimate interests, or those of someone else, and your interests and rights do not override them"
        }
    };
    format!("{words} ({}).", citation(basis))
}

/// Why we may use more sensitive information under `condition`, in plain words,
/// ending with the citation.
pub fn article9(condition: Article9Condition) -> String {
    use Article9Condition::*;
    let words = match condition {
        ExplicitConsent => "You, or your legal representative, have given your explicit consent",
        EmploymentSocialSecurity => {
            "We need it to carry out our duties, or to use rights, under employment, social security or social protection law"
        }
        VitalInterests => {
            "We need it to protect someone's life in an emergency when they cannot give consent"
        }
        NotForProfitBodies => {
            "We are a not-for-profit body and you are a member or in regular contact with us"
        }
        MadePublicByDataSubject => "You have clearly made the information public yourself",
        LegalClaims => "We need it to make or defend legal claims, or a court needs it",
        SubstantialPublicInterest => "We need it for reasons of substantial public interest, set out in law",
        HealthOrSocialCare => "We need it to provide health or social care, or to manage those services",
        PublicHealth => "We need it for reasons of public health",
        ArchivingResearchStatistics => {
            "We need it for archiving in the public interest, for research or for statistics"
        }
    };
    format!("{words} ({}).", citation(condition))
}

/// A Schedule 1 condition: its title and the citation.
pub fn schedule1(condition: Schedule1Condition) -> String {
    format!("{} ({}).", condition.title(), citation(condition))
}

/// A special category as a list item: the heading Article 9(1) gives it.
pub fn special_category(category: SpecialCategory) -> String {
    category.title().to_string()
}

/// A right as a list item: what it lets the reader do, in plain words.
pub fn right(right: Right) -> String {
    let words = match right {
        Right::BeInformed => "The right to be told how we use your information. This notice does that",
        Right::Access => "The right to ask for a copy of the information we hold about you",
        Right::Rectification => "The right to ask us to correct information that is wrong or incomplete",
        Right::Erasure => "The right to ask us to delete your information",
        Right::Restriction => "The right to ask us to limit how we use your information",
        Right::DataPortability => {
            "The right to ask for the information you gave us in a format you can take to another organisation"
        }
        Right::Object => {
            "The right to object to how we use your information. We must then stop, unless we have strong legitimate reasons to continue"
        }
        Right::AutomatedDecisionMaking => {
            "Rights about decisions made by automated means alone, including profiling: you can ask for a person to review such a decision"
        }
    };
    format!("{words} ({}).", citation(right))
}

/// Why a right is not available, given the bases relied on.
pub fn right_not_available(right: Right, bases: &str) -> String {
    let what = match right {
        Right::Erasure => "The right to have your information deleted does not apply in the usual way",
        Right::DataPortability => "The right to data portability does not apply",
        Right::Object => "The right to object does not apply",
        _ => "This right does not apply",
    };
    format!("{what} ({}), because we use your information on the basis of {bases}.", citation(right))
}

/// What consent means for the reader, where we rely on it.
pub const CONSENT_WITHDRAWAL: &str = "Where we rely on your consent, you can withdraw it at any time. Contact us using the details below. Withdrawing your consent does not make what we did before unlawful.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_read_as_the_public_reads_them() {
        assert_eq!(citation(LawfulBasis::PublicTask), "Article 6(1)(e) UK GDPR");
        assert_eq!(citation(Article9Condition::SubstantialPublicInterest), "Article 9(2)(g) UK GDPR");
        assert_eq!(
            citation(Schedule1Condition::SafeguardingOfChildrenAndIndividualsAtRisk),
            "Data Protection Act 2018, Schedule 1, paragraph 18"
        );
    }

    #[test]
    fn public_task_is_explained_for_a_local_authority() {
        assert_eq!(
            lawful_basis(LawfulBasis::PublicTask, true),
            "We need it to carry out our public tasks and duties as a local authority (Article 6(1)(e) UK GDPR)."
        );
    }
}
