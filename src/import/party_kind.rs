//! A first guess at a new party's kind from the name an officer wrote in the
//! sources or recipients cell; the officer can correct it on the Parties page.
//!
//! The rules run in order, each on whole words of the name (compared by
//! [`name_key`](super::text::name_key)): named charities first (the "Refugee
//! Council" is not a council), then the public sector's own marks (an "NHS
//! Foundation Trust" is not a charity), then companies, charities, weaker public
//! marks ("agency", "office") after the individuals themselves, which only a name
//! that is about them and nobody else gets ("professionals working with you" is not).

use crate::model::PartyKind;

/// Charities whose names carry a public-sector word, or no mark at all.
const NAMED_CHARITIES: &[&str] = &[
    "refugee council",
    "citizens advice",
    "age uk",
    "st john ambulance",
    "nspcc",
    "barnardos",
    "mind",
    "shelter",
    "samaritans",
    "salvation army",
    "red cross",
    "womens aid",
    "victim support",
    "macmillan",
    "marie curie",
    "mencap",
    "rnib",
    "scope",
    "oxfam",
    "cancer research uk",
    "home start",
    "action for children",
    "childrens society",
    "turning point",
    "change grow live",
    "young minds",
    "carers uk",
    "food bank",
    "food banks",
];

/// Public bodies whose names carry a company word or no mark.
const NAMED_PUBLIC_BODIES: &[&str] = &[
    "student loans company",
    "city of london",
    "transport for london",
    "national fraud initiative",
    "cafcass",
    "ofsted",
    "dvla",
    "dwp",
    "hmrc",
    "hmcts",
    "hmpps",
    "dbs",
    "cqc",
    "ukhsa",
    "companies house",
    "home office",
    "cabinet office",
    "hm land registry",
    "land registry",
    "crown prosecution service",
    "disclosure and barring",
    "border force",
    "visas and immigration",
    "jobcentre",
    "jobcentre plus",
    "job centre",
    "youth offending",
    "youth justice",
];

/// Words only the public sector uses in its names.
const PUBLIC_MARKS: &[&str] = &[
    "nhs",
    "council",
    "councils",
    "county",
    "borough",
    "police",
    "constabulary",
    "fire and rescue",
    "integrated care board",
    "clinical commissioning group",
    "ccg",
    "icb",
    "hospital",
    "hospitals",
    "ambulance service",
    "gp",
    "gps",
    "gp practice",
    "gp surgery",
    "general practitioner",
    "general practitioners",
    "health visitors",
    "school",
    "schools",
    "academy",
    "academies",
    "college",
    "university",
    "universities",
    "department for",
    "department of",
    "ministry of",
    "hm",
    "her majestys",
    "his majestys",
    "government",
    "court",
    "courts",
    "tribunal",
    "tribunals",
    "probation",
    "prison",
    "prisons",
    "coroner",
    "ombudsman",
    "commissioner",
    "commission",
    "local authority",
    "local authorities",
    "combined authority",
    "public health",
    "parliament",
];

/// Words of a company's name.
const COMPANY_MARKS: &[&str] = &[
    "ltd",
    "limited",
    "plc",
    "llp",
    "llc",
    "inc",
    "corporation",
    "group",
    "bank",
    "banks",
    "banking",
    "insurer",
    "insurers",
    "insurance",
    "company",
    "companies",
    "debt collection",
    "credit reference agencies",
    "credit reference agency",
    "bailiffs",
    "enforcement agents",
    "google",
    "microsoft",
    "amazon",
    "experian",
    "equifax",
    "transunion",
    "capita",
    "serco",
    "mailchimp",
    "salesforce",
    "paypal",
    "stripe",
    "vodafone",
];

/// Words of a charity's or community group's name.
const VOLUNTARY_MARKS: &[&str] = &[
    "charity",
    "charities",
    "voluntary",
    "community group",
    "community groups",
    "trust",
    "foundation",
    "society",
    "association",
    "hospice",
    "food bank",
    "foodbank",
    "ngo",
    "ngos",
];

/// Weaker public marks, taken only when nothing above matched.
const PUBLIC_WEAK_MARKS: &[&str] =
    &["authority", "authorities", "agency", "agencies", "office", "department", "service", "executive"];

/// International organisations.
const INTERNATIONAL_MARKS: &[&str] = &[
    "unhcr",
    "iom",
    "unicef",
    "united nations",
    "world health organization",
    "interpol",
    "international organisation",
    "international organization",
];

/// Names that are about the individuals the data concerns.
const INDIVIDUALS: &[&str] = &[
    "you",
    "yourself",
    "individual",
    "individuals",
    "individuals themselves",
    "the individual",
    "individual concerned",
    "data subject",
    "data subjects",
    "service user",
    "service users",
    "client",
    "clients",
    "applicant",
    "applicants",
    "claimant",
    "claimants",
    "person concerned",
    "yourselves",
];

/// A first guess at the kind of the party named `key` (a [`name_key`](super::text::name_key)).
pub fn guess_kind(key: &str) -> PartyKind {
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let has = |phrases: &[&str]| phrases.iter().any(|phrase| contains_phrase(&words, phrase));
    if has(NAMED_CHARITIES) {
        PartyKind::VoluntarySector
    } else if has(INTERNATIONAL_MARKS) {
        PartyKind::InternationalOrganisation
    } else if has(NAMED_PUBLIC_BODIES) || has(PUBLIC_MARKS) {
        PartyKind::PublicAuthority
    } else if has(COMPANY_MARKS) {
        PartyKind::PrivateCompany
    } else if has(VOLUNTARY_MARKS) {
        PartyKind::VoluntarySector
    } else if INDIVIDUALS.contains(&key) {
        PartyKind::DataSubjects
    } else if has(PUBLIC_WEAK_MARKS) {
        PartyKind::PublicAuthority
    } else {
        PartyKind::Other
    }
}

/// Whether the phrase's words appear in `words`, together and in order.
fn contains_phrase(words: &[&str], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words.windows(wanted.len()).any(|window| window == wanted.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::name_key;
    use PartyKind::*;

    /// Real public bodies, charities and companies as councils' privacy notices and
    /// registers name them.
    const NAMES: &[(&str, PartyKind)] = &[
        // NHS bodies
        ("Manchester University NHS Foundation Trust", PublicAuthority),
        ("Pennine Care NHS Foundation Trust", PublicAuthority),
        ("Greater Manchester Mental Health NHS Foundation Trust", PublicAuthority),
        ("North West Ambulance Service NHS Trust", PublicAuthority),
        ("NHS England", PublicAuthority),
        ("NHS Digital", PublicAuthority),
        ("NHS Greater Manchester Integrated Care Board", PublicAuthority),
        ("Leeds Teaching Hospitals NHS Trust", PublicAuthority),
        ("Guy's and St Thomas' NHS Foundation Trust", PublicAuthority),
        ("Your GP", PublicAuthority),
        ("GP practices", PublicAuthority),
        ("Health visitors", PublicAuthority),
        ("Royal Free Hospital", PublicAuthority),
        ("UK Health Security Agency", PublicAuthority),
        ("Public Health England", PublicAuthority),
        ("Care Quality Commission", PublicAuthority),
        ("Hospitals", PublicAuthority),
        // Police forces and justice
        ("Greater Manchester Police", PublicAuthority),
        ("Thames Valley Police", PublicAuthority),
        ("Avon and Somerset Constabulary", PublicAuthority),
        ("Police Scotland", PublicAuthority),
        ("British Transport Police", PublicAuthority),
        ("Metropolitan Police Service", PublicAuthority),
        ("The police", PublicAuthority),
        ("Crown Prosecution Service", PublicAuthority),
        ("HM Courts & Tribunals Service", PublicAuthority),
        ("HM Prison and Probation Service", PublicAuthority),
        ("Magistrates' courts", PublicAuthority),
        ("Youth Offending Team", PublicAuthority),
        ("Cafcass", PublicAuthority),
        ("Coroner", PublicAuthority),
        ("Greater Manchester Fire and Rescue Service", PublicAuthority),
        // Councils
        ("Manchester City Council", PublicAuthority),
        ("Kent County Council", PublicAuthority),
        ("Wrexham County Borough Council", PublicAuthority),
        ("Royal Borough of Kensington and Chelsea", PublicAuthority),
        ("London Borough of Camden", PublicAuthority),
        ("City of London Corporation", PublicAuthority),
        ("Isle of Wight Council", PublicAuthority),
        ("Other local authorities", PublicAuthority),
        ("Greater London Authority", PublicAuthority),
        ("Transport for London", PublicAuthority),
        ("Parish councils", PublicAuthority),
        ("Greater Manchester Combined Authority", PublicAuthority),
        // Schools, colleges, universities
        ("St Mary's Church of England Primary School", PublicAuthority),
        ("Harris Academy Peckham", PublicAuthority),
        ("Schools", PublicAuthority),
        ("The Manchester College", PublicAuthority),
        ("University of Manchester", PublicAuthority),
        ("Manchester Metropolitan University", PublicAuthority),
        ("Ofsted", PublicAuthority),
        ("Student Loans Company", PublicAuthority),
        // Government departments and agencies
        ("Home Office", PublicAuthority),
        ("Department for Education", PublicAuthority),
        ("Department for Work and Pensions", PublicAuthority),
        ("DWP", PublicAuthority),
        ("DWP / Jobcentre Plus", PublicAuthority),
        ("HMRC", PublicAuthority),
        ("HM Revenue and Customs", PublicAuthority),
        ("Cabinet Office", PublicAuthority),
        ("Cabinet Office (National Fraud Initiative)", PublicAuthority),
        ("Ministry of Justice", PublicAuthority),
        ("Ministry of Defence", PublicAuthority),
        ("Foreign, Commonwealth & Development Office", PublicAuthority),
        ("Department of Health and Social Care", PublicAuthority),
        ("UK Visas and Immigration", PublicAuthority),
        ("Driver and Vehicle Licensing Agency", PublicAuthority),
        ("DVLA", PublicAuthority),
        ("Valuation Office Agency", PublicAuthority),
        ("HM Land Registry", PublicAuthority),
        ("Companies House", PublicAuthority),
        ("Electoral Commission", PublicAuthority),
        ("Information Commissioner's Office", PublicAuthority),
        ("Local Government and Social Care Ombudsman", PublicAuthority),
        ("Disclosure and Barring Service", PublicAuthority),
        ("Legal Aid Agency", PublicAuthority),
        ("Environment Agency", PublicAuthority),
        ("Health and Safety Executive", PublicAuthority),
        ("Scottish Government", PublicAuthority),
        ("Welsh Government", PublicAuthority),
        ("Border Force", PublicAuthority),
        // Charities and community groups
        ("Barnardo's", VoluntarySector),
        ("NSPCC", VoluntarySector),
        ("Citizens Advice Manchester", VoluntarySector),
        ("Age UK", VoluntarySector),
        ("Mind", VoluntarySector),
        ("Shelter", VoluntarySector),
        ("Refugee Council", VoluntarySector),
        ("British Red Cross", VoluntarySector),
        ("Samaritans", VoluntarySector),
        ("Women's Aid", VoluntarySector),
        ("The Trussell Trust", VoluntarySector),
        ("St John Ambulance", VoluntarySector),
        ("Salvation Army", VoluntarySector),
        ("Macmillan Cancer Support", VoluntarySector),
        ("Alzheimer's Society", VoluntarySector),
        ("Victim Support", VoluntarySector),
        ("Local food banks", VoluntarySector),
        ("Voluntary sector partners", VoluntarySector),
        ("Registered charities", VoluntarySector),
        ("St Ann's Hospice", VoluntarySector),
        ("Riverside Housing Association", VoluntarySector),
        ("Action for Children", VoluntarySector),
        ("Home-Start Manchester", VoluntarySector),
        // Companies
        ("Capita plc", PrivateCompany),
        ("Serco Group plc", PrivateCompany),
        ("Experian Ltd", PrivateCompany),
        ("Google LLC", PrivateCompany),
        ("Microsoft Corporation", PrivateCompany),
        ("Amazon Web Services", PrivateCompany),
        ("Royal Mail Group Ltd", PrivateCompany),
        ("Civica UK Limited", PrivateCompany),
        ("Liberata UK Limited", PrivateCompany),
        ("Mailchimp", PrivateCompany),
        ("Barclays Bank", PrivateCompany),
        ("Lloyds Banking Group", PrivateCompany),
        ("Credit reference agencies", PrivateCompany),
        ("Debt collection agencies", PrivateCompany),
        ("Enforcement agents (bailiffs)", PrivateCompany),
        ("Insurers", PrivateCompany),
        ("Equifax", PrivateCompany),
        // International organisations
        ("UNHCR", InternationalOrganisation),
        ("International Organization for Migration (IOM)", InternationalOrganisation),
        // The individuals themselves
        ("You", DataSubjects),
        ("The individual", DataSubjects),
        ("Individuals themselves", DataSubjects),
        ("Data subjects", DataSubjects),
        ("Service users", DataSubjects),
        ("Applicants", DataSubjects),
        // Neither
        ("Health professionals", Other),
        ("Professionals working with you", Other),
        ("Professionals involved in the child's care", Other),
        ("Legal representatives", Other),
        ("Family members", Other),
        ("Employers", Other),
    ];

    #[test]
    fn party_kinds_are_guessed_from_real_public_sector_names() {
        assert!(NAMES.len() >= 100, "{} names", NAMES.len());
        let wrong: Vec<String> = NAMES
            .iter()
            .filter(|(name, kind)| guess_kind(&name_key(name)) != *kind)
            .map(|(name, kind)| format!("{name}: {:?}, expected {kind:?}", guess_kind(&name_key(name))))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
