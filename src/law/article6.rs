//! UK GDPR Article 6(1): the lawful bases for processing.

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
            "processing is necessary for the performance of a task carried out in the public interest or in the exercise of official authority vested in the controller"),
        /// Art 6(1)(f).
        LegitimateInterests = ("legitimate_interests", "Art 6(1)(f)", "Legitimate interests",
            "processing is necessary for the purposes of the legitimate interests pursued by the controller or by a third party, except where such interests are overridden by the interests or fundamental rights and freedoms of the data subject which require protection of personal data, in particular where the data subject is a child"),
    }
}
