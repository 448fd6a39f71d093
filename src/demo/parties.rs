//! The demo's parties and agreements: one record per body, shared by every
//! activity that names it, and the links that join activities to them.
//!
//! Names are canonical; where a notice words a body differently ("Local Job
//! Centres" for the Department for Work and Pensions), the link keeps the
//! notice's label in its notes, so a notice can be compared with the register
//! list by list.

use std::collections::HashMap;

use super::Services;
use crate::law::LawfulBasis;
use crate::model::{
    AgreementFields, AgreementId, AgreementKind, Direction, LinkDraft, LinkFields, PartyFields, PartyId,
    PartyKind, ServiceId,
};
use crate::store::Batch;
use crate::{Error, Result};

/// Canonical party names and agreement titles, so a typo is a compile error.
pub(super) mod names {
    /// "The individuals themselves": data subjects as a source.
    pub const INDIVIDUALS: &str = "The individuals themselves";
    pub const HOME_OFFICE: &str = "Home Office";
    pub const UNHCR: &str = "UNHCR (UN Refugee Agency)";
    pub const IOM: &str = "International Organization for Migration (IOM)";
    pub const LOCAL_AUTHORITIES: &str = "Local authorities";
    pub const SCHEME_PARTNERS: &str = "Home Office asylum and resettlement scheme partners";
    pub const SOCIAL_HOUSING: &str = "Social housing providers";
    pub const REFUGEE_ACTION: &str = "Refugee Action";
    pub const MIGRANT_HELP: &str = "Migrant Help";
    pub const CCGS: &str = "NHS Clinical Commissioning Groups";
    pub const PHE: &str = "Public Health England";
    pub const MOD: &str = "Ministry of Defence";
    pub const POLICE: &str = "Police (force not named)";
    pub const SERCO: &str = "Serco";
    pub const EELGA_SMP: &str = "East of England LGA Strategic Migration Partnership";
    pub const UKRA: &str = "UK Responsible Authority (UKRA)";
    pub const ECORYS: &str = "Ecorys";
    pub const PROJECT_PARTNERS: &str = "Project partner organisations";
    pub const THIRD_PARTIES_BY_LAW: &str = "Third parties where required by law";
    pub const GOOGLE: &str = "Google (Google Analytics)";
    pub const GMP: &str = "Greater Manchester Police";
    pub const EDUCATION_PROVIDERS: &str = "Education providers (nurseries, schools and colleges)";
    pub const GPS: &str = "GPs (general practices)";
    pub const HEALTH_VISITORS: &str = "Health visitors";
    pub const DWP: &str = "Department for Work and Pensions";
    pub const VICTIM_SUPPORT: &str = "Victim Support";
    pub const YOUTH_JUSTICE_PROBATION: &str = "Youth Justice and Probation Services";
    pub const VOLUNTARY_SECTOR: &str = "Voluntary and community sector organisations";
    pub const COUNSELLING: &str = "Counselling services";
    pub const FINANCIAL_ADVISERS: &str = "Financial advisers";
    pub const ONS: &str = "Office for National Statistics (ONS)";
    pub const MOJ: &str = "Ministry of Justice";
    pub const DFE: &str = "Department for Education";
    pub const HSCIC: &str = "Health and Social Care Information Centre";
    pub const NCA: &str = "National Crime Agency";
    pub const DLUHC: &str = "Department for Levelling Up, Housing and Communities";
    pub const NHS: &str = "NHS";
    pub const LAND_REGISTRY: &str = "HM Land Registry";
    pub const CAREER_CONNECT: &str = "Career Connect";
    pub const MENTAL_HEALTH_TRUST: &str = "Mental Health Trust";
    pub const WELFARE_CALL: &str = "Welfare Call";
    pub const FIRE_SERVICE: &str = "Fire and Rescue Service";
    pub const GOVERNMENT_AGENCIES: &str = "Government agencies";
    pub const UNIVERSITIES: &str = "Universities";
    pub const ADOPTION_COUNTS: &str = "Adoption Counts Consortium of Voluntary Adoption Agencies";
    pub const SHARE_FOUNDATION: &str = "The Share Foundation";
    pub const BARNARDOS_AFC: &str = "Barnardos Action for Children (MTFC)";
    pub const CENTRAL_GOVERNMENT: &str = "Central government";
    pub const OFSTED: &str = "Ofsted";
    pub const ELECTORAL_COMMISSION: &str = "The Electoral Commission";
    pub const PROJECT_PROVIDERS: &str = "Employment programme and project providers";
    // Internal services.
    pub const EARLY_HELP: &str = "Early Help";
    pub const CHILDREN_AND_FAMILIES: &str = "Children and Families";
    pub const CHILDRENS_SOCIAL_CARE: &str = "Children's Social Care";
    pub const ADULT_SOCIAL_CARE: &str = "Adult Social Care";
    pub const SOCIAL_CARE_SERVICES: &str = "Social Care services";
    pub const EDUCATION: &str = "Education";
    pub const ELECTIONS: &str = "Elections";
    pub const HUMAN_RESOURCES: &str = "Human Resources";
    pub const REVENUES_AND_BENEFITS: &str = "Revenues and Benefits";
    pub const HOUSING: &str = "Housing";
    pub const SEFTON_ACL: &str = "Sefton Adult and Community Learning";
    // Agreements (seed 001 is the only notice that mentions any).
    pub const DSA_FUNDER: &str = "Data sharing agreement: lead partner, UK Responsible Authority and Ecorys";
    pub const DSA_PARTNERS: &str = "Data sharing agreements between project partners";
}

use names::*;

/// One party as the demo records it.
struct PartySpec {
    name: &'static str,
    kind: PartyKind,
    notes: &'static str,
}

const fn party(name: &'static str, kind: PartyKind, notes: &'static str) -> PartySpec {
    PartySpec { name, kind, notes }
}

use PartyKind::{
    DataSubjects, InternalService, InternationalOrganisation, Other, PrivateCompany, Processor,
    PublicAuthority, VoluntarySector,
};

/// Every party the five notices name, once each.
const PARTIES: &[PartySpec] = &[
    party(INDIVIDUALS, DataSubjects, "The people the data is about, and their families."),
    party(HOME_OFFICE, PublicAuthority, ""),
    party(UNHCR, InternationalOrganisation, "Named by seed 000 as a source only."),
    party(IOM, InternationalOrganisation, "Named by seed 000 as a source only."),
    party(
        LOCAL_AUTHORITIES,
        PublicAuthority,
        "Other councils; seed 000 names “Local Authorities within the North West”.",
    ),
    party(
        SCHEME_PARTNERS,
        Other,
        "“Partner organisations across public, private and third sectors working under Home Office Asylum and Resettlement schemes”; not named.",
    ),
    party(SOCIAL_HOUSING, Other, "Housing associations and social landlords."),
    party(REFUGEE_ACTION, VoluntarySector, ""),
    party(MIGRANT_HELP, VoluntarySector, ""),
    party(
        CCGS,
        PublicAuthority,
        "Abolished on 1 July 2022 (replaced by Integrated Care Boards); seed 000 still names them.",
    ),
    party(PHE, PublicAuthority, "Abolished in 2021; seeds 000 and 002 still name it."),
    party(MOD, PublicAuthority, ""),
    party(
        POLICE,
        PublicAuthority,
        "Seeds 000 and 003 say only “Police” / “the Police”; the force is not named.",
    ),
    party(
        SERCO,
        PrivateCompany,
        "Seed 000 does not say whether Serco acts as a controller or as a processor, or for whom.",
    ),
    party(
        EELGA_SMP,
        Other,
        "EELGA SMP: lead partner of the ‘well-being and work for refugee integration’ project.",
    ),
    party(UKRA, PublicAuthority, "Funder of the AMIF project (“the project funders”)."),
    party(
        ECORYS,
        PrivateCompany,
        "The funder's evaluators; seed 001 does not say whether Ecorys is a processor or a controller.",
    ),
    party(
        PROJECT_PARTNERS,
        Other,
        "Organisations within the ‘well-being and work for refugee integration’ partnership; not named in seed 001.",
    ),
    party(THIRD_PARTIES_BY_LAW, Other, "Not named."),
    party(GOOGLE, Processor, "Web analytics (Google Analytics) on the project web page."),
    party(GMP, PublicAuthority, ""),
    party(EDUCATION_PROVIDERS, Other, "Nurseries, schools and colleges."),
    party(GPS, PublicAuthority, ""),
    party(HEALTH_VISITORS, PublicAuthority, ""),
    party(DWP, PublicAuthority, "Includes Jobcentre Plus (“Local Job Centres”)."),
    party(VICTIM_SUPPORT, VoluntarySector, ""),
    party(YOUTH_JUSTICE_PROBATION, PublicAuthority, "Named as one item in seed 002."),
    party(VOLUNTARY_SECTOR, VoluntarySector, ""),
    party(COUNSELLING, Other, "Sector not stated."),
    party(FINANCIAL_ADVISERS, Other, "Sector not stated."),
    party(ONS, PublicAuthority, "Seed 002 calls it “the Office of National Statistics (ONS)”."),
    party(MOJ, PublicAuthority, ""),
    party(DFE, PublicAuthority, ""),
    party(
        HSCIC,
        PublicAuthority,
        "Became NHS Digital in 2016 and part of NHS England in 2023; seed 002 uses the old name.",
    ),
    party(NCA, PublicAuthority, ""),
    party(DLUHC, PublicAuthority, "Commissioned the national evaluation of early intervention."),
    party(NHS, PublicAuthority, "Seed 003 says only “NHS”."),
    party(LAND_REGISTRY, PublicAuthority, ""),
    party(CAREER_CONNECT, VoluntarySector, ""),
    party(MENTAL_HEALTH_TRUST, PublicAuthority, "An NHS mental health trust; not named."),
    party(WELFARE_CALL, PrivateCompany, "Role not stated; no contract is referenced."),
    party(FIRE_SERVICE, PublicAuthority, "Seed 003 says “Fire Service”."),
    party(GOVERNMENT_AGENCIES, PublicAuthority, "Not named."),
    party(UNIVERSITIES, Other, "Not named."),
    party(ADOPTION_COUNTS, Other, "As worded in seed 003; it may name one body or two."),
    party(SHARE_FOUNDATION, VoluntarySector, ""),
    party(
        BARNARDOS_AFC,
        VoluntarySector,
        "As worded in seed 003; Barnardo's and Action for Children are two charities; MTFC is not expanded.",
    ),
    party(CENTRAL_GOVERNMENT, PublicAuthority, "Receives statutory reports."),
    party(OFSTED, PublicAuthority, "Receives statutory reports."),
    party(
        ELECTORAL_COMMISSION,
        PublicAuthority,
        "Seed 003 says “the Electoral Services Commission”, which does not exist.",
    ),
    party(
        PROJECT_PROVIDERS,
        Other,
        "Providers of employment programmes a Sefton@work client chooses to join; not named.",
    ),
    party(EARLY_HELP, InternalService, "Manchester City Council's Early Help service."),
    party(CHILDREN_AND_FAMILIES, InternalService, "Manchester City Council."),
    party(
        CHILDRENS_SOCIAL_CARE,
        InternalService,
        "Seed 000 does not say whose children's social care this is.",
    ),
    party(
        ADULT_SOCIAL_CARE,
        InternalService,
        "Manchester City Council. Seed 000 does not say whose adult social care it shares with.",
    ),
    party(SOCIAL_CARE_SERVICES, InternalService, "Seed 002 does not say which social care services."),
    party(EDUCATION, InternalService, "Manchester City Council."),
    party(ELECTIONS, InternalService, "Manchester City Council."),
    party(HUMAN_RESOURCES, InternalService, "Manchester City Council (in relation to Council employees)."),
    party(REVENUES_AND_BENEFITS, InternalService, "Manchester City Council."),
    party(HOUSING, InternalService, "Manchester City Council."),
    party(SEFTON_ACL, InternalService, "A Sefton Council service."),
];

/// The country of a party outside the UK.
fn country(name: &str) -> &'static str {
    // Seed 001 names no country for Google Analytics; the seeds' README
    // (/work/shared/seeds/README.md: "uses Google Analytics (a processor, with a
    // transfer to the USA)") is where the United States comes from.
    if name == GOOGLE { "United States" } else { "" }
}

/// The register's own service a party stands for, if it is one of the demo's.
fn own_service(name: &str, services: &Services) -> Option<ServiceId> {
    (name == EARLY_HELP).then_some(services.early_help)
}

/// The inserted parties and agreements, by name and title.
pub(super) struct Parties {
    parties: HashMap<&'static str, PartyId>,
    agreements: HashMap<&'static str, AgreementId>,
}

/// Inserts every party, then the agreements that name them.
pub(super) fn insert(batch: &Batch<'_>, services: &Services) -> Result<Parties> {
    let mut parties = HashMap::new();
    for spec in PARTIES {
        let mut fields = PartyFields::new(spec.name, spec.kind);
        fields.notes = spec.notes.into();
        fields.country = country(spec.name).into();
        fields.internal_service = own_service(spec.name, services);
        parties.insert(spec.name, batch.insert_party(&fields)?);
    }
    let mut register = Parties { parties, agreements: HashMap::new() };
    for agreement in agreements(&register)? {
        let id = batch.insert_agreement(&agreement)?;
        let title = if agreement.title == DSA_FUNDER { DSA_FUNDER } else { DSA_PARTNERS };
        register.agreements.insert(title, id);
    }
    Ok(register)
}

/// Seed 001's two data sharing agreements, in its words. No dates are given.
fn agreements(parties: &Parties) -> Result<Vec<AgreementFields>> {
    let mut funder = AgreementFields::new(AgreementKind::DataSharing, DSA_FUNDER);
    funder.parties = vec![parties.id(EELGA_SMP)?, parties.id(UKRA)?, parties.id(ECORYS)?];
    funder.notes = "“We have a data sharing agreement in place between these partners to ensure the safe \
                    transfer and storage of your data which must be handled in accordance with the law.”"
        .into();
    let mut partners = AgreementFields::new(AgreementKind::DataSharing, DSA_PARTNERS);
    partners.parties = vec![parties.id(PROJECT_PARTNERS)?];
    partners.notes = "“We have data sharing agreements in place between these partners to ensure the safe \
                      transfer and storage of data between partners.”"
        .into();
    Ok(vec![funder, partners])
}

impl Parties {
    /// The id of the party called `name`.
    pub(super) fn id(&self, name: &str) -> Result<PartyId> {
        self.parties
            .get(name)
            .copied()
            .ok_or_else(|| Error::NotFound { what: format!("demo party \"{name}\"") })
    }

    fn agreement(&self, title: &str) -> Result<AgreementId> {
        self.agreements
            .get(title)
            .copied()
            .ok_or_else(|| Error::NotFound { what: format!("demo agreement \"{title}\"") })
    }

    /// The link drafts for `flows`.
    pub(super) fn links(&self, flows: &[Flow]) -> Result<Vec<LinkDraft>> {
        flows.iter().map(|flow| Ok(LinkDraft { id: None, fields: self.link(flow)? })).collect()
    }

    fn link(&self, flow: &Flow) -> Result<LinkFields> {
        let mut fields = LinkFields::new(self.id(flow.party)?, flow.direction);
        fields.data_categories = super::strings(flow.data);
        fields.lawful_basis = flow.lawful_basis;
        fields.basis_detail = flow.detail.into();
        fields.agreement_id = flow.agreement.map(|title| self.agreement(title)).transpose()?;
        fields.notes = flow_notes(flow);
        Ok(fields)
    }
}

/// The notice's own label, when it differs from the party's name, then any note.
fn flow_notes(flow: &Flow) -> String {
    let mut notes = Vec::new();
    if !flow.label.is_empty() && flow.label != flow.party {
        notes.push(format!("Notice label: “{}”", flow.label));
    }
    if !flow.note.is_empty() {
        notes.push(flow.note.to_owned());
    }
    notes.join(". ")
}

/// A link as a notice states it: the party, which way the data goes, the notice's
/// own words for the party, and what else the notice says about the flow.
#[derive(Debug, Clone, Copy)]
pub(super) struct Flow {
    party: &'static str,
    direction: Direction,
    label: &'static str,
    data: &'static [&'static str],
    lawful_basis: Option<LawfulBasis>,
    detail: &'static str,
    agreement: Option<&'static str>,
    note: &'static str,
}

/// Data comes from `party`, which the notice calls `label`.
pub(super) const fn source(party: &'static str, label: &'static str) -> Flow {
    Flow::new(party, Direction::Source, label)
}

/// Data goes to `party`, which the notice calls `label`.
pub(super) const fn recipient(party: &'static str, label: &'static str) -> Flow {
    Flow::new(party, Direction::Recipient, label)
}

impl Flow {
    const fn new(party: &'static str, direction: Direction, label: &'static str) -> Self {
        Self { party, direction, label, data: &[], lawful_basis: None, detail: "", agreement: None, note: "" }
    }

    /// The categories of personal data that pass, as the notice states them.
    pub(super) const fn data(self, data: &'static [&'static str]) -> Self {
        Self { data, ..self }
    }

    /// Why the data passes, in the notice's words.
    pub(super) const fn detail(self, detail: &'static str) -> Self {
        Self { detail, ..self }
    }

    /// The lawful basis the notice gives for this flow.
    pub(super) const fn basis(self, basis: LawfulBasis) -> Self {
        Self { lawful_basis: Some(basis), ..self }
    }

    /// The agreement (by title) the notice says governs this flow.
    pub(super) const fn under(self, agreement: &'static str) -> Self {
        Self { agreement: Some(agreement), ..self }
    }

    /// A note about the flow.
    pub(super) const fn note(self, note: &'static str) -> Self {
        Self { note, ..self }
    }
}
