//! Plain-English wording for the law's lists, written for the public: what each
//! lawful basis, Article 9 condition and right means for the reader, always
//! followed by its citation so the reader can look it up.

use crate::law::{
    Article9Condition, DUAA_COMPLAINTS_COMMENCEMENT, DUAA_MAIN_COMMENCEMENT, LawfulBasis, LegalItem, Right,
    Schedule1Condition, SpecialCategory,
};
use crate::model::Date;

/// A citation as the public reads it, in the law in force on `day`:
/// "Art 6(1)(e)" becomes "Article 6(1)(e) UK GDPR"; "DPA 2018 Sch 1 para 18"
/// becomes "Data Protection Act 2018, Schedule 1, paragraph 18"; a citation of
/// several provisions ("Art 45; DPA 2018 s.17A") names each in its own Act, so
/// that a section of the DPA 2018 is never called part of the UK GDPR.
pub fn citation<T: LegalItem>(item: T, day: Date) -> String {
    item.citation_on(day).split("; ").map(public_citation).collect::<Vec<_>>().join(" and ")
}

fn public_citation(citation: &str) -> String {
    if let Some(rest) = citation.strip_prefix("DPA 2018 Sch 1 para ") {
        format!("Data Protection Act 2018, Schedule 1, paragraph {rest}")
    } else if let Some(rest) = citation.strip_prefix("DPA 2018 s.") {
        format!("section {rest} of the Data Protection Act 2018")
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
pub fn lawful_basis(basis: LawfulBasis, local_authority: bool, day: Date) -> String {
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
        LawfulBasis::RecognisedLegitimateInterest => {
            "We need it for a purpose the law recognises as a legitimate interest, such as responding to an emergency, preventing crime or safeguarding a vulnerable person"
        }
        LawfulBasis::LegitimateInterests => {
            "We need it for our legitimate interests, or those of someone else, and your interests and rights do not override them"
        }
    };
    format!("{words} ({}).", citation(basis, day))
}

/// Why we may use more sensitive information under `condition`, in plain words,
/// ending with the citation.
pub fn article9(condition: Article9Condition, day: Date) -> String {
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
    format!("{words} ({}).", citation(condition, day))
}

/// A Schedule 1 condition: its title and the citation.
pub fn schedule1(condition: Schedule1Condition, day: Date) -> String {
    format!("{} ({}).", condition.title_on(day), citation(condition, day))
}

/// A special category as a list item: the heading Article 9(1) gives it.
pub fn special_category(category: SpecialCategory) -> String {
    category.title().to_string()
}

/// A right as a list item: what it lets the reader do, in plain words, in the
/// law in force on `day`.
pub fn right(right: Right, day: Date) -> String {
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
            "The right to object, on grounds relating to your particular situation, to how we use your information. We must then stop, unless we can show compelling legitimate grounds for continuing which override your interests, rights and freedoms, or we need the information for legal claims"
        }
        Right::AutomatedDecisionMaking if day >= DUAA_MAIN_COMMENCEMENT => {
            "Rights about significant decisions made by automated means alone, with no meaningful human involvement: we must tell you about such a decision, and you can make representations about it, ask for a person to intervene and contest it"
        }
        Right::AutomatedDecisionMaking => {
            "The right not to be subject to a decision based solely on automated processing, including profiling, which has a legal or similarly significant effect on you, and, where such a decision is allowed, to ask for a person to intervene, give your point of view and contest it"
        }
    };
    format!("{words} ({}).", citation(right, day))
}

/// Why a right is not available, given the bases relied on.
pub fn right_not_available(right: Right, bases: &str, day: Date) -> String {
    let what = match right {
        Right::Erasure => "The right to have your information deleted does not apply in the usual way",
        Right::DataPortability => "The right to data portability does not apply",
        Right::Object => "The right to object does not apply",
        _ => "This right does not apply",
    };
    format!("{what} ({}), because we use your information on the basis of {bases}.", citation(right, day))
}

/// What a notice says about automated decisions when it lists some, in the law
/// in force on `day`: Art 22(3) before 5 February 2026, Art 22C after.
pub fn automated_decision_safeguards(day: Date) -> &'static str {
    if day >= DUAA_MAIN_COMMENCEMENT {
        "If we take a significant decision about you (one with a legal or similarly significant effect) by automated means alone, with no meaningful human involvement, we will tell you about it, and you can make representations about it, ask for a person to intervene and contest the decision (Article 22C UK GDPR)."
    } else {
        "If a decision made by automated means alone has a legal or similarly significant effect on you, you can ask for a person to review it, give your point of view, and challenge the decision (Article 22(3) UK GDPR)."
    }
}

/// The controller's complaints duty, in force from 19 June 2026 (DPA 2018
/// s.164A, inserted by DUAA 2025 s.103; SI 2026/82 reg 3): `None` before.
pub fn complaints_to_us(day: Date) -> Option<&'static str> {
    (day >= DUAA_COMPLAINTS_COMMENCEMENT).then_some(
        "You have the right to complain to us if you think we have not handled your personal information as the law requires (section 164A of the Data Protection Act 2018). You can use the contact details in this notice, including by email. We will acknowledge your complaint within 30 days of receiving it, look into it, keep you informed of progress and tell you the outcome without undue delay.",
    )
}

/// How long we have to reply to a request about rights, from 5 February 2026
/// (UK GDPR Art 12A, inserted by DUAA 2025 s.76; SI 2026/82 reg 2(h)): `None`
/// before, when the template's own "within one month" stands alone.
pub fn response_time(day: Date) -> Option<&'static str> {
    (day >= DUAA_MAIN_COMMENCEMENT).then_some(
        "We will reply without undue delay and within one month of receiving your request or, if later, of receiving any information we need to confirm who you are or any fee that may be charged. If your request is complex, or you make a number of requests, we may extend this by two further months; we will tell you within the first month and say why. If we need more information to find what you asked for, the time until you give it to us does not count (Article 12A UK GDPR).",
    )
}

/// Art 13(2)(e): whether the reader must give us the information and what
/// happens if they do not, given the bases relied on.
pub fn must_provide(bases: &std::collections::BTreeSet<LawfulBasis>) -> String {
    let mut text = String::new();
    if bases.contains(&LawfulBasis::Contract) {
        text.push_str("You need to give us the information we ask for to enter into or carry out our contract with you; if you do not, we may not be able to provide what the contract covers. ");
    }
    if bases.contains(&LawfulBasis::Consent) {
        text.push_str("Where we ask for your consent, you do not have to give us the information, and nothing will happen to you if you do not. ");
    }
    text.push_str("When we ask you for information, we will tell you whether you are required by law or by contract to give it to us, and what may happen if you do not (Article 13(2)(e) UK GDPR).");
    text
}

/// Art 13(1)(f) and 14(1)(f): how to get a copy of the safeguards for
/// transfers outside the UK.
pub const SAFEGUARD_COPY: &str = "You can ask us for a copy of the safeguards that protect your information outside the UK, or where they have been made available, using the contact details in this notice (Articles 13(1)(f) and 14(1)(f) UK GDPR).";

/// Art 14(2)(f): where information not obtained from the reader comes from,
/// said after the list of sources.
pub const SOURCES_NOT_FROM_YOU: &str = "Where we did not get your information from you, the list above says where it came from (Article 14(2)(f) UK GDPR).";

/// Art 14(2)(f), where no source of the information is recorded: the notice
/// cannot say where it comes from, and says so rather than staying silent.
pub const SOURCES_NOT_RECORDED: &str = "We have not yet recorded where we get this information from. You can ask us, using the contact details in this notice, where your information came from (Article 14(2)(f) UK GDPR).";

/// What consent means for the reader, where we rely on it.
pub const CONSENT_WITHDRAWAL: &str = "Where we rely on your consent, you can withdraw it at any time. Contact us using the details below. Withdrawing your consent does not make what we did before unlawful.";

#[cfg(test)]
mod tests {
    use super::*;

    use crate::law::TransferSafeguard;
    use time::macros::date;

    const BEFORE: Date = date!(2026 - 02 - 04);
    const FROM: Date = date!(2026 - 02 - 05);

    #[test]
    fn citations_read_as_the_public_reads_them() {
        assert_eq!(citation(LawfulBasis::PublicTask, FROM), "Article 6(1)(e) UK GDPR");
        assert_eq!(citation(Article9Condition::SubstantialPublicInterest, FROM), "Article 9(2)(g) UK GDPR");
        assert_eq!(
            citation(Schedule1Condition::SafeguardingOfChildrenAndIndividualsAtRisk, FROM),
            "Data Protection Act 2018, Schedule 1, paragraph 18"
        );
    }

    #[test]
    fn section_17a_is_cited_in_the_dpa_2018_not_the_uk_gdpr() {
        let before = citation(TransferSafeguard::Adequacy, BEFORE);
        assert_eq!(before, "Article 45 UK GDPR and section 17A of the Data Protection Act 2018");
        assert!(!before.contains("s.17A UK GDPR"));
        assert_eq!(citation(TransferSafeguard::Adequacy, FROM), "Article 45A UK GDPR");
    }

    #[test]
    fn the_right_to_object_names_compelling_legitimate_grounds() {
        let text = right(Right::Object, FROM);
        assert!(text.contains("compelling legitimate grounds"), "{text}");
        assert!(text.ends_with("(Article 21 UK GDPR)."), "{text}");
    }

    #[test]
    fn automated_decision_rights_follow_the_duaa() {
        assert!(right(Right::AutomatedDecisionMaking, BEFORE).ends_with("(Article 22 UK GDPR)."));
        let after = right(Right::AutomatedDecisionMaking, FROM);
        assert!(after.ends_with("(Articles 22A-22D UK GDPR)."), "{after}");
        assert!(after.contains("significant decisions"), "{after}");
        assert!(automated_decision_safeguards(BEFORE).contains("Article 22(3)"));
        assert!(automated_decision_safeguards(FROM).contains("Article 22C"));
    }

    #[test]
    fn the_complaints_duty_is_explained_from_19_june_2026() {
        assert_eq!(complaints_to_us(date!(2026 - 06 - 18)), None);
        let text = complaints_to_us(date!(2026 - 06 - 19)).unwrap_or_default();
        assert!(text.contains("within 30 days"), "{text}");
        assert!(text.contains("section 164A of the Data Protection Act 2018"), "{text}");
    }

    #[test]
    fn article_12a_time_limits_are_explained_from_5_february_2026() {
        assert_eq!(response_time(BEFORE), None);
        let text = response_time(FROM).unwrap_or_default();
        assert!(text.contains("two further months") && text.ends_with("(Article 12A UK GDPR)."), "{text}");
    }

    #[test]
    fn recognised_legitimate_interest_is_explained() {
        let text = lawful_basis(LawfulBasis::RecognisedLegitimateInterest, true, FROM);
        assert!(text.ends_with("(Article 6(1)(ea) UK GDPR)."), "{text}");
    }

    #[test]
    fn public_task_is_explained_for_a_local_authority() {
        assert_eq!(
            lawful_basis(LawfulBasis::PublicTask, true, FROM),
            "We need it to carry out our public tasks and duties as a local authority (Article 6(1)(e) UK GDPR)."
        );
    }
}
