//! UK GDPR Article 6(1): the lawful bases for processing, and the Annex 1
//! conditions of a recognised legitimate interest (Art 6(1)(ea), 6(5)).
//!
//! Source: DUAA 2025 s.70 and Sch 4 (legislation.gov.uk/ukpga/2025/18/section/70,
//! /schedule/4), in force 5 February 2026 (SI 2026/82 reg 2(c)).

use super::legal_list;

legal_list! {
    /// A lawful basis for processing under UK GDPR Article 6(1).
    pub enum LawfulBasis {
        /// Art 6(1)(a).
        Consent = ("consent", "Art 6(1)(a)", "Consent",
            "the data subject has given consent to the processing of his or her personal data for one or more specific purposes"),
        /// Art 6(1)(b).
        Contract = ("contract", "Art 6(1)(b)", "Contract",
            "processing is necessary for the performance of a contract to which the data subject is party or in order to take steps at the request of the data subject prior to entering into a contract"),
        /// Art 6(1)(c).
        LegalObligation = ("legal_obligation", "Art 6(1)(c)", "Legal obligation",
            "processing is necessary for compliance with a legal obligation to which the controller is subject"),
        /// Art 6(1)(d).
        VitalInterests = ("vital_interests", "Art 6(1)(d)", "Vital interests",
            "processing is necessary in order to protect the vital interests of the data subject or of another natural person"),
        /// Art 6(1)(e).
        PublicTask = ("public_task", "Art 6(1)(e)", "Public task",
            "processing is necessary for the performance of a task carried out in the public interest or in the exercise of official authority vested in the controller")
            amended DUAA_MAIN_COMMENCEMENT => ("Art 6(1)(e)", "Public task",
                "processing is necessary for the performance of a task of the controller carried out in the public interest or a task carried out in the exercise of official authority vested in the controller"),
        /// Art 6(1)(ea), inserted by DUAA 2025 s.70(2)(b).
        RecognisedLegitimateInterest = ("recognised_legitimate_interest", "Art 6(1)(ea)", "Recognised legitimate interest",
            "processing is necessary for the purposes of a recognised legitimate interest")
            from DUAA_MAIN_COMMENCEMENT,
        /// Art 6(1)(f).
        LegitimateInterests = ("legitimate_interests", "Art 6(1)(f)", "Legitimate interests",
            "processing is necessary for the purposes of the legitimate interests pursued by the controller or by a third party, except where such interests are overridden by the interests or fundamental rights and freedoms of the data subject which require protection of personal data, in particular where the data subject is a child"),
    }
}

legal_list! {
    /// A condition in UK GDPR Annex 1 (inserted by DUAA 2025 Sch 4): processing is
    /// necessary for a recognised legitimate interest only if it meets one of them
    /// (Art 6(5)). No balancing test applies.
    pub enum RecognisedLegitimateInterest {
        /// Annex 1 para 1.
        DisclosureForPublicTask = ("annex1_disclosure_for_public_task", "UK GDPR Annex 1 para 1", "Disclosure for the purposes of processing described in Article 6(1)(e)",
            "the processing is necessary for the purposes of making a disclosure of personal data to another person in response to a request from the other person, and the request states that the other person needs the personal data for the purposes of carrying out processing described in Article 6(1)(e) that has a legal basis that satisfies Article 6(3)")
            from DUAA_MAIN_COMMENCEMENT,
        /// Annex 1 para 2.
        NationalSecurityPublicSecurityDefence = ("annex1_national_security", "UK GDPR Annex 1 para 2", "National security, public security and defence",
            "the processing is necessary for the purposes of safeguarding national security, for the purposes of protecting public security, or for defence purposes")
            from DUAA_MAIN_COMMENCEMENT,
        /// Annex 1 paras 3-4.
        Emergencies = ("annex1_emergencies", "UK GDPR Annex 1 para 3", "Emergencies",
            "the processing is necessary for the purposes of responding to an emergency (as defined in Part 2 of the Civil Contingencies Act 2004)")
            from DUAA_MAIN_COMMENCEMENT,
        /// Annex 1 para 5.
        Crime = ("annex1_crime", "UK GDPR Annex 1 para 5", "Crime",
            "the processing is necessary for the purposes of detecting, investigating or preventing crime, or apprehending or prosecuting offenders")
            from DUAA_MAIN_COMMENCEMENT,
        /// Annex 1 paras 6-7.
        SafeguardingVulnerableIndividuals = ("annex1_safeguarding", "UK GDPR Annex 1 para 6", "Safeguarding vulnerable individuals",
            "the processing is necessary for the purposes of safeguarding a vulnerable individual")
            from DUAA_MAIN_COMMENCEMENT,
    }
}

impl LawfulBasis {
    /// Whether Art 6(1), last sentence, bars a public authority from relying on
    /// the basis for processing in the performance of its tasks on `day`:
    /// "Point (f)" until 4 February 2026, "Points (ea) and (f)" from 5 February
    /// 2026 (DUAA 2025 s.70(2)(c)).
    pub fn barred_for_public_authority_tasks(self, day: crate::model::Date) -> bool {
        match self {
            Self::LegitimateInterests => true,
            Self::RecognisedLegitimateInterest => day >= super::DUAA_MAIN_COMMENCEMENT,
            _ => false,
        }
    }

    /// The words of the public-authority bar in force on `day`.
    pub fn public_authority_bar_wording(day: crate::model::Date) -> &'static str {
        if day >= super::DUAA_MAIN_COMMENCEMENT {
            "Points (ea) and (f) of the first subparagraph shall not apply to processing carried out by public authorities in the performance of their tasks"
        } else {
            "Point (f) of the first subparagraph shall not apply to processing carried out by public authorities in the performance of their tasks"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::LegalItem;
    use time::macros::date;

    const BEFORE: crate::model::Date = date!(2026 - 02 - 04);
    const FROM: crate::model::Date = date!(2026 - 02 - 05);

    #[test]
    fn recognised_legitimate_interest_is_offered_from_5_february_2026() {
        assert!(!LawfulBasis::offered_on(BEFORE).contains(&LawfulBasis::RecognisedLegitimateInterest));
        assert!(LawfulBasis::offered_on(FROM).contains(&LawfulBasis::RecognisedLegitimateInterest));
        assert_eq!(LawfulBasis::offered_on(BEFORE).len(), 6);
        assert_eq!(LawfulBasis::offered_on(FROM).len(), 7);
        assert!(RecognisedLegitimateInterest::offered_on(BEFORE).is_empty());
        assert_eq!(RecognisedLegitimateInterest::offered_on(FROM).len(), 5);
    }

    #[test]
    fn public_task_has_its_amended_wording_from_5_february_2026() {
        let basis = LawfulBasis::PublicTask;
        assert!(!basis.wording_on(BEFORE).contains("task of the controller"));
        assert!(basis.wording_on(FROM).contains("a task of the controller carried out in the public interest or a task carried out in the exercise of official authority"));
        assert_eq!(basis.wording(), basis.wording_on(FROM));
    }

    #[test]
    fn the_public_authority_bar_covers_ea_only_from_5_february_2026() {
        use LawfulBasis::*;
        assert!(LegitimateInterests.barred_for_public_authority_tasks(BEFORE));
        assert!(!RecognisedLegitimateInterest.barred_for_public_authority_tasks(BEFORE));
        assert!(RecognisedLegitimateInterest.barred_for_public_authority_tasks(FROM));
        assert!(!PublicTask.barred_for_public_authority_tasks(FROM));
        assert!(LawfulBasis::public_authority_bar_wording(BEFORE).starts_with("Point (f)"));
        assert!(LawfulBasis::public_authority_bar_wording(FROM).starts_with("Points (ea) and (f)"));
    }
}
