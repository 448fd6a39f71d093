//! UK GDPR Article 9: the special categories of personal data (9(1)) and the
//! conditions that lift the prohibition on processing them (9(2)).
//!
//! Art 9(2)(j) refers to Art 84B (research safeguards) instead of Art 89(1) from
//! 5 February 2026: DUAA 2025 s.87(1)(b), SI 2026/82 reg 2(o).
//! Art 11A (DUAA 2025 s.74, in force 20 August 2025) lets the Secretary of State
//! add special categories by regulations; no such regulations are known to the
//! register as at its law-current-to date (not verified beyond that: see
//! docs/law.md), so the Art 9(1) list is unchanged.

use super::legal_list;

legal_list! {
    /// A special category of personal data under UK GDPR Article 9(1). A closed set:
    /// nationality, first language or gender are not special category data in law.
    pub enum SpecialCategory {
        /// Racial or ethnic origin.
        RacialOrEthnicOrigin = ("racial_or_ethnic_origin", "Art 9(1)", "Racial or ethnic origin",
            "personal data revealing racial or ethnic origin"),
        /// Political opinions.
        PoliticalOpinions = ("political_opinions", "Art 9(1)", "Political opinions",
            "personal data revealing political opinions"),
        /// Religious or philosophical beliefs.
        ReligiousOrPhilosophicalBeliefs = ("religious_or_philosophical_beliefs", "Art 9(1)", "Religious or philosophical beliefs",
            "personal data revealing religious or philosophical beliefs"),
        /// Trade union membership.
        TradeUnionMembership = ("trade_union_membership", "Art 9(1)", "Trade union membership",
            "personal data revealing trade union membership"),
        /// Genetic data.
        Genetic = ("genetic", "Art 9(1)", "Genetic data",
            "genetic data"),
        /// Biometric data used to identify someone.
        Biometric = ("biometric", "Art 9(1)", "Biometric data (for identification)",
            "biometric data for the purpose of uniquely identifying a natural person"),
        /// Data concerning health.
        Health = ("health", "Art 9(1)", "Health",
            "data concerning health"),
        /// Sex life or sexual orientation.
        SexLifeOrSexualOrientation = ("sex_life_or_sexual_orientation", "Art 9(1)", "Sex life or sexual orientation",
            "data concerning a natural person's sex life or sexual orientation"),
    }
}

legal_list! {
    /// A condition for processing special category data under UK GDPR Article 9(2).
    pub enum Article9Condition {
        /// Art 9(2)(a).
        ExplicitConsent = ("explicit_consent", "Art 9(2)(a)", "Explicit consent",
            "the data subject has given explicit consent to the processing of those personal data for one or more specified purposes, except where domestic law provides that the prohibition referred to in paragraph 1 may not be lifted by the data subject"),
        /// Art 9(2)(b).
        EmploymentSocialSecurity = ("employment_social_security", "Art 9(2)(b)", "Employment, social security and social protection",
            "processing is necessary for the purposes of carrying out the obligations and exercising specific rights of the controller or of the data subject in the field of employment and social security and social protection law in so far as it is authorised by domestic law or a collective agreement pursuant to domestic law providing for appropriate safeguards for the fundamental rights and the interests of the data subject"),
        /// Art 9(2)(c).
        VitalInterests = ("vital_interests", "Art 9(2)(c)", "Vital interests",
            "processing is necessary to protect the vital interests of the data subject or of another natural person where the data subject is physically or legally incapable of giving consent"),
        /// Art 9(2)(d).
        NotForProfitBodies = ("not_for_profit_bodies", "Art 9(2)(d)", "Not-for-profit bodies",
            "processing is carried out in the course of its legitimate activities with appropriate safeguards by a foundation, association or any other not-for-profit body with a political, philosophical, religious or trade union aim and on condition that the processing relates solely to the members or to former members of the body or to persons who have regular contact with it in connection with its purposes and that the personal data are not disclosed outside that body without the consent of the data subjects"),
        /// Art 9(2)(e).
        MadePublicByDataSubject = ("made_public", "Art 9(2)(e)", "Made public by the data subject",
            "processing relates to personal data which are manifestly made public by the data subject"),
        /// Art 9(2)(f).
        LegalClaims = ("legal_claims", "Art 9(2)(f)", "Legal claims or judicial acts",
            "processing is necessary for the establishment, exercise or defence of legal claims or whenever courts are acting in their judicial capacity"),
        /// Art 9(2)(g).
        SubstantialPublicInterest = ("substantial_public_interest", "Art 9(2)(g)", "Reasons of substantial public interest",
            "processing is necessary for reasons of substantial public interest, on the basis of domestic law which shall be proportionate to the aim pursued, respect the essence of the right to data protection and provide for suitable and specific measures to safeguard the fundamental rights and the interests of the data subject"),
        /// Art 9(2)(h).
        HealthOrSocialCare = ("health_or_social_care", "Art 9(2)(h)", "Health or social care",
            "processing is necessary for the purposes of preventive or occupational medicine, for the assessment of the working capacity of the employee, medical diagnosis, the provision of health or social care or treatment or the management of health or social care systems and services on the basis of domestic law or pursuant to contract with a health professional and subject to the conditions and safeguards referred to in paragraph 3"),
        /// Art 9(2)(i).
        PublicHealth = ("public_health", "Art 9(2)(i)", "Public health",
            "processing is necessary for reasons of public interest in the area of public health, such as protecting against serious cross-border threats to health or ensuring high standards of quality and safety of health care and of medicinal products or medical devices, on the basis of domestic law which provides for suitable and specific measures to safeguard the rights and freedoms of the data subject, in particular professional secrecy"),
        /// Art 9(2)(j).
        ArchivingResearchStatistics = ("archiving_research_statistics", "Art 9(2)(j)", "Archiving, research and statistics",
            "processing is necessary for archiving purposes in the public interest, scientific or historical research purposes or statistical purposes in accordance with Article 89(1) (as supplemented by section 19 of the 2018 Act) based on domestic law which shall be proportionate to the aim pursued, respect the essence of the right to data protection and provide for suitable and specific measures to safeguard the fundamental rights and the interests of the data subject")
            amended DUAA_MAIN_COMMENCEMENT => ("Art 9(2)(j)", "Archiving, research and statistics",
                "processing is necessary for archiving purposes in the public interest, scientific or historical research purposes or statistical purposes, is carried out in accordance with Article 84B and is based on domestic law which shall be proportionate to the aim pursued, respect the essence of the right to data protection and provide for suitable and specific measures to safeguard the fundamental rights and the interests of the data subject"),
    }
}

impl Article9Condition {
    /// The part of DPA 2018 Schedule 1 that section 10 requires a condition from
    /// when this Article 9 condition is relied on, if any: Part 1 for (b), (h), (i)
    /// and (j) (s.10(2)), Part 2 for (g) (s.10(3)).
    pub fn required_schedule1_part(self) -> Option<super::Schedule1Part> {
        use super::Schedule1Part;
        match self {
            Self::EmploymentSocialSecurity
            | Self::HealthOrSocialCare
            | Self::PublicHealth
            | Self::ArchivingResearchStatistics => Some(Schedule1Part::Part1),
            Self::SubstantialPublicInterest => Some(Schedule1Part::Part2),
            _ => None,
        }
    }
}
