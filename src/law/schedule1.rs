//! DPA 2018 Schedule 1: the conditions that section 10 requires for special
//! category data under Art 9(2)(b), (g), (h), (i) and (j), and for criminal offence
//! data under Article 10.

use super::legal_list;

/// A part of DPA 2018 Schedule 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Schedule1Part {
    /// Part 1: conditions relating to employment, health and research etc.
    Part1,
    /// Part 2: substantial public interest conditions.
    Part2,
    /// Part 3: additional conditions relating to criminal convictions etc.
    Part3,
}

impl Schedule1Part {
    /// The part's heading in the Act.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Part1 => "Part 1: conditions relating to employment, health and research etc.",
            Self::Part2 => "Part 2: substantial public interest conditions",
            Self::Part3 => "Part 3: additional conditions relating to criminal convictions etc.",
        }
    }
}

legal_list! {
    /// A condition in DPA 2018 Schedule 1, Parts 1 to 3.
    pub enum Schedule1Condition {
        /// Para 1.
        Employment = ("p1_employment", "DPA 2018 Sch 1 para 1", "Employment, social security and social protection",
            "processing necessary for the purposes of performing or exercising obligations or rights of the controller or the data subject under employment law, social security law or the law relating to social protection"),
        /// Para 2.
        HealthOrSocialCare = ("p2_health_or_social_care", "DPA 2018 Sch 1 para 2", "Health or social care purposes",
            "processing necessary for health or social care purposes, such as preventive or occupational medicine, medical diagnosis, the provision of health care or treatment or social care, or the management of health or social care systems or services"),
        /// Para 3.
        PublicHealth = ("p3_public_health", "DPA 2018 Sch 1 para 3", "Public health",
            "processing necessary for reasons of public interest in the area of public health, carried out by or under the responsibility of a health professional or by another person who owes a duty of confidentiality"),
        /// Para 4.
        Research = ("p4_research", "DPA 2018 Sch 1 para 4", "Research etc",
            "processing necessary for archiving purposes, scientific or historical research purposes or statistical purposes, carried out in accordance with Article 89(1) as supplemented by section 19, and in the public interest")
            amended DUAA_MAIN_COMMENCEMENT => ("DPA 2018 Sch 1 para 4", "Research etc",
                "processing necessary for archiving purposes, scientific or historical research purposes or statistical purposes, carried out in accordance with Article 84B of the UK GDPR, and in the public interest"),
        /// Para 6.
        StatutoryAndGovernmentPurposes = ("p6_statutory_and_government", "DPA 2018 Sch 1 para 6", "Statutory etc and government purposes",
            "processing necessary for the exercise of a function conferred on a person by an enactment or rule of law, or the exercise of a function of the Crown, a Minister of the Crown or a government department, and necessary for reasons of substantial public interest"),
        /// Para 7.
        AdministrationOfJustice = ("p7_administration_of_justice", "DPA 2018 Sch 1 para 7", "Administration of justice and parliamentary purposes",
            "processing necessary for the administration of justice or the exercise of a function of either House of Parliament"),
        /// Para 8.
        EqualityOfOpportunity = ("p8_equality_of_opportunity", "DPA 2018 Sch 1 para 8", "Equality of opportunity or treatment",
            "processing of specified special category data necessary for identifying or keeping under review the existence or absence of equality of opportunity or treatment between groups of people, with a view to enabling such equality to be promoted or maintained"),
        /// Para 9.
        RacialAndEthnicDiversity = ("p9_racial_and_ethnic_diversity", "DPA 2018 Sch 1 para 9", "Racial and ethnic diversity at senior levels of organisations",
            "processing of personal data revealing racial or ethnic origin, as part of a process of identifying suitable individuals to hold senior positions, necessary for promoting or maintaining diversity in the racial and ethnic origins of individuals who hold senior positions"),
        /// Para 10.
        PreventingOrDetectingUnlawfulActs = ("p10_preventing_unlawful_acts", "DPA 2018 Sch 1 para 10", "Preventing or detecting unlawful acts",
            "processing necessary for the purposes of the prevention or detection of an unlawful act, which must be carried out without the consent of the data subject so as not to prejudice those purposes, and necessary for reasons of substantial public interest"),
        /// Para 11.
        ProtectingThePublic = ("p11_protecting_the_public", "DPA 2018 Sch 1 para 11", "Protecting the public against dishonesty etc",
            "processing necessary for the exercise of a protective function, which must be carried out without the consent of the data subject so as not to prejudice the exercise of that function, and necessary for reasons of substantial public interest"),
        /// Para 12.
        RegulatoryRequirements = ("p12_regulatory_requirements", "DPA 2018 Sch 1 para 12", "Regulatory requirements relating to unlawful acts and dishonesty etc",
            "processing necessary for the purposes of complying with, or assisting other persons to comply with, a regulatory requirement which involves establishing whether a person has committed an unlawful act or been involved in dishonesty, malpractice or other seriously improper conduct"),
        /// Para 13.
        Journalism = ("p13_journalism", "DPA 2018 Sch 1 para 13", "Journalism etc in connection with unlawful acts and dishonesty etc",
            "processing carried out for the special purposes, in connection with a matter such as the commission of an unlawful act or dishonesty, malpractice or other seriously improper conduct, with a view to publication and in the substantial public interest"),
        /// Para 14.
        PreventingFraud = ("p14_preventing_fraud", "DPA 2018 Sch 1 para 14", "Preventing fraud",
            "processing necessary for the purposes of preventing fraud or a particular kind of fraud, consisting of disclosure by a member of an anti-fraud organisation or in accordance with arrangements made by such an organisation"),
        /// Para 15.
        TerroristFinancingOrMoneyLaundering = ("p15_terrorist_financing", "DPA 2018 Sch 1 para 15", "Suspicion of terrorist financing or money laundering",
            "processing necessary for the purposes of making a disclosure in good faith under the Terrorism Act 2000 or the Proceeds of Crime Act 2002"),
        /// Para 16.
        SupportForDisabilityOrMedicalCondition = ("p16_disability_support", "DPA 2018 Sch 1 para 16", "Support for individuals with a particular disability or medical condition",
            "processing carried out by a not-for-profit body which provides support to individuals with a particular disability or medical condition, necessary for raising awareness or providing support, where consent cannot reasonably be obtained"),
        /// Para 17.
        Counselling = ("p17_counselling", "DPA 2018 Sch 1 para 17", "Counselling etc",
            "processing necessary for the provision of confidential counselling, advice or support or of another similar service provided confidentially, carried out without consent for one of the reasons given, and necessary for reasons of substantial public interest"),
        /// Para 18.
        SafeguardingOfChildrenAndIndividualsAtRisk = ("p18_safeguarding", "DPA 2018 Sch 1 para 18", "Safeguarding of children and of individuals at risk",
            "processing necessary for the purposes of protecting an individual from neglect or physical, mental or emotional harm, or protecting the physical, mental or emotional well-being of an individual under 18 or aged 18 or over and at risk, carried out without consent for one of the reasons given, and necessary for reasons of substantial public interest"),
        /// Para 19.
        SafeguardingOfEconomicWellBeing = ("p19_economic_well_being", "DPA 2018 Sch 1 para 19", "Safeguarding of economic well-being of certain individuals",
            "processing necessary for the purposes of protecting the economic well-being of an individual at economic risk who is aged 18 or over, of data concerning health, carried out without consent for one of the reasons given, and necessary for reasons of substantial public interest"),
        /// Para 20.
        Insurance = ("p20_insurance", "DPA 2018 Sch 1 para 20", "Insurance",
            "processing necessary for an insurance purpose, of specified special category data, and necessary for reasons of substantial public interest"),
        /// Para 21.
        OccupationalPensions = ("p21_occupational_pensions", "DPA 2018 Sch 1 para 21", "Occupational pensions",
            "processing of data concerning health necessary for making a determination in connection with eligibility for, or benefits payable under, an occupational pension scheme, where consent cannot reasonably be obtained"),
        /// Para 22.
        PoliticalParties = ("p22_political_parties", "DPA 2018 Sch 1 para 22", "Political parties",
            "processing of personal data revealing political opinions carried out by a registered political party, necessary for the purposes of its political activities, which does not cause substantial damage or distress"),
        /// Para 23.
        ElectedRepresentativesRespondingToRequests = ("p23_elected_representatives_requests", "DPA 2018 Sch 1 para 23", "Elected representatives responding to requests",
            "processing carried out by an elected representative, or a person acting with their authority, in connection with the discharge of their functions in response to a request by an individual"),
        /// Para 24.
        DisclosureToElectedRepresentatives = ("p24_disclosure_to_elected_representatives", "DPA 2018 Sch 1 para 24", "Disclosure to elected representatives",
            "disclosure to an elected representative or a person acting with their authority, in response to a communication from them made in response to a request from an individual"),
        /// Para 25.
        InformingElectedRepresentativesAboutPrisoners = ("p25_prisoners", "DPA 2018 Sch 1 para 25", "Informing elected representatives about prisoners",
            "processing consisting of informing a member of the House of Commons, the Scottish Parliament or the Senedd about a prisoner, for the purpose of enabling the member to communicate with the prisoner"),
        /// Para 26.
        PublicationOfLegalJudgments = ("p26_legal_judgments", "DPA 2018 Sch 1 para 26", "Publication of legal judgments",
            "processing consisting of the publication of a judgment or other decision of a court or tribunal, or necessary for the purposes of publishing such a judgment or decision"),
        /// Para 27.
        AntiDopingInSport = ("p27_anti_doping", "DPA 2018 Sch 1 para 27", "Anti-doping in sport",
            "processing necessary for the purposes of measures designed to eliminate doping which are undertaken by or under the responsibility of a body or association responsible for eliminating doping in a sport"),
        /// Para 28.
        StandardsOfBehaviourInSport = ("p28_standards_in_sport", "DPA 2018 Sch 1 para 28", "Standards of behaviour in sport",
            "processing necessary for the purposes of measures designed to protect the integrity of a sport or a sporting event, carried out without consent, and necessary for reasons of substantial public interest"),
        /// Para 29.
        CriminalConsent = ("p29_consent", "DPA 2018 Sch 1 para 29", "Consent (criminal offence data)",
            "the data subject has given consent to the processing"),
        /// Para 30.
        CriminalVitalInterests = ("p30_vital_interests", "DPA 2018 Sch 1 para 30", "Protecting individual's vital interests",
            "processing necessary to protect the vital interests of an individual where the data subject is physically or legally incapable of giving consent"),
        /// Para 31.
        NotForProfitBodies = ("p31_not_for_profit", "DPA 2018 Sch 1 para 31", "Processing by not-for-profit bodies",
            "processing carried out in the course of its legitimate activities with appropriate safeguards by a not-for-profit body with a political, philosophical, religious or trade union aim, relating solely to members, former members or persons in regular contact"),
        /// Para 32.
        PublicDomain = ("p32_public_domain", "DPA 2018 Sch 1 para 32", "Personal data in the public domain",
            "processing of personal data which are manifestly made public by the data subject"),
        /// Para 33.
        LegalClaims = ("p33_legal_claims", "DPA 2018 Sch 1 para 33", "Legal claims",
            "processing necessary for the purpose of, or in connection with, legal proceedings, obtaining legal advice, or establishing, exercising or defending legal rights"),
        /// Para 34.
        JudicialActs = ("p34_judicial_acts", "DPA 2018 Sch 1 para 34", "Judicial acts",
            "processing necessary when a court or tribunal is acting in its judicial capacity"),
        /// Para 35.
        IndecencyOffencesAccounts = ("p35_indecency_accounts", "DPA 2018 Sch 1 para 35", "Administration of accounts used in commission of indecency offences involving children",
            "processing of information about a conviction or caution for an offence listed, by a payment card issuer or provider, for the purpose of administering an account relating to the payment card used in the commission of the offence"),
        /// Para 36.
        ExtensionOfPart2 = ("p36_extension_of_part2", "DPA 2018 Sch 1 para 36", "Extension of conditions in Part 2 referring to substantial public interest",
            "processing that would meet a condition in Part 2 of this Schedule but for an express requirement for the processing to be necessary for reasons of substantial public interest"),
        /// Para 37.
        ExtensionOfInsurance = ("p37_extension_of_insurance", "DPA 2018 Sch 1 para 37", "Extension of insurance conditions",
            "processing that would meet the insurance condition in paragraph 20 but for the requirement for it to relate to special category data"),
    }
}

impl Schedule1Condition {
    /// The part of Schedule 1 the condition sits in.
    pub fn part(self) -> Schedule1Part {
        use Schedule1Condition::*;
        match self {
            Employment | HealthOrSocialCare | PublicHealth | Research => Schedule1Part::Part1,
            CriminalConsent
            | CriminalVitalInterests
            | NotForProfitBodies
            | PublicDomain
            | LegalClaims
            | JudicialActs
            | IndecencyOffencesAccounts
            | ExtensionOfPart2
            | ExtensionOfInsurance => Schedule1Part::Part3,
            _ => Schedule1Part::Part2,
        }
    }

    /// Whether relying on the condition requires an appropriate policy document
    /// (DPA 2018 Sch 1 Part 4, paras 38-39) in the ordinary case. Where the
    /// Schedule itself disapplies the requirement only for some processing under
    /// the condition, [`Schedule1Condition::policy_document_exception`] says which.
    ///
    /// - Part 1: only para 1 (employment), by para 1(1)(b). Paras 2 to 4 say nothing
    ///   of a policy document.
    /// - Part 2: every condition, by para 5(1) ("Except as otherwise provided, a
    ///   condition in this Part of this Schedule is met only if, when the processing
    ///   is carried out, the controller has an appropriate policy document in
    ///   place"), except where the Schedule provides otherwise. It does so three
    ///   times, each in the words "is met even if, when the processing is carried
    ///   out, the controller does not have an appropriate policy document in place":
    ///   para 10(2) (preventing or detecting unlawful acts, for a disclosure to a
    ///   competent authority or processing in preparation for it), para 13(3)
    ///   (journalism etc, always) and para 27(3) (anti-doping, for a disclosure to
    ///   an anti-doping body or processing in preparation for it). Paras 10 and 27
    ///   therefore still need one in the ordinary case.
    /// - Part 3: para 35 (payment card accounts), by para 35(1)(c); para 36, which
    ///   is met only where a Part 2 condition would be met but for its substantial
    ///   public interest requirement, so para 5(1) still applies; and para 37, which
    ///   extends the Part 2 insurance condition (para 20) in the same way. Paras 29
    ///   to 34 need none.
    ///
    /// Para 5(1) verified on legislation.gov.uk (ukpga/2018/12/schedule/1/part/2);
    /// paras 10(2), 13(3) and 27(3) and the absence of any other disapplication in
    /// Part 2 were read in a published copy of the Schedule's text, because the
    /// legislation.gov.uk pages for those paragraphs could not be retrieved; para
    /// 35(1)(c) was not re-read and is kept as the register had it (docs/law.md).
    /// The Schedule's own disapplication of the policy document requirement for
    /// part of the processing under this condition, if any: para 10(2) and para
    /// 27(3). (Para 13(3) disapplies it for all processing under para 13, so
    /// [`Schedule1Condition::needs_appropriate_policy_document`] is false there.)
    pub fn policy_document_exception(self) -> Option<&'static str> {
        match self {
            Self::PreventingOrDetectingUnlawfulActs => Some(
                "no policy document is needed where the processing consists of the disclosure of personal data to a competent authority, or is carried out in preparation for such disclosure (DPA 2018 Sch 1 para 10(2))",
            ),
            Self::AntiDopingInSport => Some(
                "no policy document is needed where the processing consists of the disclosure of personal data to a body or association responsible for eliminating doping, or is carried out in preparation for such disclosure (DPA 2018 Sch 1 para 27(3))",
            ),
            _ => None,
        }
    }

    pub fn needs_appropriate_policy_document(self) -> bool {
        match self.part() {
            Schedule1Part::Part1 => self == Self::Employment,
            Schedule1Part::Part2 => self != Self::Journalism,
            Schedule1Part::Part3 => {
                matches!(
                    self,
                    Self::IndecencyOffencesAccounts | Self::ExtensionOfPart2 | Self::ExtensionOfInsurance
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::LegalItem;

    #[test]
    fn parts_hold_the_paragraphs_the_act_gives_them() {
        let count = |part| Schedule1Condition::ALL.iter().filter(|c| c.part() == part).count();
        assert_eq!(count(Schedule1Part::Part1), 4);
        assert_eq!(count(Schedule1Part::Part2), 23);
        assert_eq!(count(Schedule1Part::Part3), 9);
    }

    #[test]
    fn policy_document_follows_the_part() {
        assert!(Schedule1Condition::Employment.needs_appropriate_policy_document());
        assert!(!Schedule1Condition::HealthOrSocialCare.needs_appropriate_policy_document());
        assert!(
            Schedule1Condition::SafeguardingOfChildrenAndIndividualsAtRisk
                .needs_appropriate_policy_document()
        );
        assert!(!Schedule1Condition::LegalClaims.needs_appropriate_policy_document());
        assert!(!Schedule1Condition::CriminalConsent.needs_appropriate_policy_document());
        assert!(!Schedule1Condition::Journalism.needs_appropriate_policy_document());
        assert!(Schedule1Condition::IndecencyOffencesAccounts.needs_appropriate_policy_document());
        assert!(Schedule1Condition::ExtensionOfPart2.needs_appropriate_policy_document());
        assert!(Schedule1Condition::ExtensionOfInsurance.needs_appropriate_policy_document());
    }

    #[test]
    fn the_schedule_s_own_exceptions_are_known() {
        use Schedule1Condition::*;
        let excepted: Vec<_> = Schedule1Condition::ALL
            .iter()
            .copied()
            .filter(|c| c.policy_document_exception().is_some())
            .collect();
        assert_eq!(excepted, vec![PreventingOrDetectingUnlawfulActs, AntiDopingInSport]);
        assert!(PreventingOrDetectingUnlawfulActs.needs_appropriate_policy_document());
        assert!(AntiDopingInSport.needs_appropriate_policy_document());
        assert!(
            PreventingOrDetectingUnlawfulActs
                .policy_document_exception()
                .unwrap_or("")
                .contains("para 10(2)")
        );
    }

    #[test]
    fn research_refers_to_article_84b_from_5_february_2026() {
        use time::macros::date;
        let research = Schedule1Condition::Research;
        assert!(research.wording_on(date!(2026 - 02 - 04)).contains("Article 89(1)"));
        assert!(research.wording_on(date!(2026 - 02 - 05)).contains("Article 84B"));
    }
}
