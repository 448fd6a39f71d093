//! The ICO "Documentation template for controllers" (sheet "Template"): its 30
//! columns, A to AD, in order and in the ICO's words. Export writes these headings;
//! import recognises them, tolerating small differences.

/// The separator between the items of a list in one cell, as the ICO layout
/// (and the layouts after it) write lists and the importers read them.
pub const LIST_SEPARATOR: &str = "; ";

/// The workbook's sheets holding what the checks found, not what the register
/// says (findings, completeness): an import reads them only when no other sheet
/// holds a record.
pub const CHECK_SHEETS: [&str; 2] = ["Findings", "Completeness"];

/// A column after AD, not in the ICO template, naming the activity each row
/// describes (the template itself has no such column).
pub const ACTIVITY_HEADING: &str = "Processing activity (added by ROPA Register)";

/// A column of the ICO controller template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IcoColumn {
    /// A.
    BusinessFunction,
    /// B.
    Purpose,
    /// C.
    JointController,
    /// D.
    DataSubjects,
    /// E.
    PersonalData,
    /// F.
    Recipients,
    /// G.
    ProcessorContract,
    /// H.
    ThirdCountries,
    /// I.
    TransferSafeguards,
    /// J.
    Retention,
    /// K.
    Security,
    /// L.
    Article6,
    /// M.
    Article9,
    /// N.
    LegitimateInterests,
    /// O.
    LegitimateInterestsAssessment,
    /// P.
    Rights,
    /// Q.
    AutomatedDecisionMaking,
    /// R.
    Sources,
    /// S.
    ConsentRecord,
    /// T.
    Location,
    /// U.
    DpiaRequired,
    /// V.
    DpiaProgress,
    /// W.
    DpiaLink,
    /// X.
    Breach,
    /// Y.
    BreachLink,
    /// Z.
    Schedule1,
    /// AA.
    GdprArticle6,
    /// AB.
    RetentionPolicy,
    /// AC.
    RetainedPerPolicy,
    /// AD.
    PolicyExceptions,
}

impl IcoColumn {
    /// The 30 columns, A to AD.
    pub const ALL: [Self; 30] = [
        Self::BusinessFunction,
        Self::Purpose,
        Self::JointController,
        Self::DataSubjects,
        Self::PersonalData,
        Self::Recipients,
        Self::ProcessorContract,
        Self::ThirdCountries,
        Self::TransferSafeguards,
        Self::Retention,
        Self::Security,
        Self::Article6,
        Self::Article9,
        Self::LegitimateInterests,
        Self::LegitimateInterestsAssessment,
        Self::Rights,
        Self::AutomatedDecisionMaking,
        Self::Sources,
        Self::ConsentRecord,
        Self::Location,
        Self::DpiaRequired,
        Self::DpiaProgress,
        Self::DpiaLink,
        Self::Breach,
        Self::BreachLink,
        Self::Schedule1,
        Self::GdprArticle6,
        Self::RetentionPolicy,
        Self::RetainedPerPolicy,
        Self::PolicyExceptions,
    ];

    /// The heading, exactly as the ICO template words it.
    pub fn heading(self) -> &'static str {
        match self {
            Self::BusinessFunction => "Business function",
            Self::Purpose => "Purpose of processing",
            Self::JointController => "Name and contact details of joint controller (if applicable)",
            Self::DataSubjects => "Categories of individuals",
            Self::PersonalData => "Categories of personal data",
            Self::Recipients => "Categories of recipients",
            Self::ProcessorContract => "Link to contract with processor",
            Self::ThirdCountries => {
                "Names of third countries or international organisations that personal data are transferred to (if applicable)"
            }
            Self::TransferSafeguards => {
                "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)"
            }
            Self::Retention => "Retention schedule (if possible)",
            Self::Security => {
                "General description of technical and organisational security measures (if possible)"
            }
            Self::Article6 => "Article 6 lawful basis for processing personal data",
            Self::Article9 => "Article 9 condition for processing special category data",
            Self::LegitimateInterests => "Legitimate interests for the processing (if applicable)",
            Self::LegitimateInterestsAssessment => {
                "Link to record of legitimate interests assessment (if applicable)"
            }
            Self::Rights => "Rights available to individuals",
            Self::AutomatedDecisionMaking => {
                "Existence of automated decision-making, including profiling (if applicable)"
            }
            Self::Sources => "The source of the personal data (if applicable)",
            Self::ConsentRecord => "Link to record of consent",
            Self::Location => "Location of personal data",
            Self::DpiaRequired => "Data Protection Impact Assessment required?",
            Self::DpiaProgress => "Data Protection Impact Assessment progress",
            Self::DpiaLink => "Link to Data Protection Impact Assessment",
            Self::Breach => "Has a personal data breach occurred?",
            Self::BreachLink => "Link to record of personal data breach",
            Self::Schedule1 => "Data Protection Act 2018 Schedule 1 Condition for processing",
            Self::GdprArticle6 => "GDPR Article 6 lawful basis for processing",
            Self::RetentionPolicy => "Link to retention and erasure policy document",
            Self::RetainedPerPolicy => {
                "Is personal data retained and erased in accordance with the policy document?"
            }
            Self::PolicyExceptions => "Reasons for not adhering to policy document (if applicable)",
        }
    }

    /// The spreadsheet column letter, "A" to "AD".
    pub fn letter(self) -> String {
        let index = Self::ALL.iter().position(|&c| c == self).unwrap_or(0);
        let mut letter = String::new();
        if index >= 26 {
            letter.push(char::from(b'A' + (index / 26 - 1) as u8));
        }
        letter.push(char::from(b'A' + (index % 26) as u8));
        letter
    }

    /// The section the template groups the column under.
    pub fn section(self) -> &'static str {
        use IcoColumn::*;
        match self {
            BusinessFunction | Purpose | JointController | DataSubjects | PersonalData | Recipients
            | ProcessorContract | ThirdCountries | TransferSafeguards | Retention | Security => {
                "Article 30 Record of Processing Activities"
            }
            Article6
            | Article9
            | LegitimateInterests
            | LegitimateInterestsAssessment
            | Rights
            | AutomatedDecisionMaking
            | Sources => "Privacy Notices",
            ConsentRecord => "Consent",
            Location => "Access Requests",
            DpiaRequired | DpiaProgress | DpiaLink => "Data Protection Impact Assessments",
            Breach | BreachLink => "Personal Data Breaches",
            Schedule1 | GdprArticle6 | RetentionPolicy | RetainedPerPolicy | PolicyExceptions => {
                "Data Protection Act 2018 - Special Category or Criminal Conviction and Offence data"
            }
        }
    }
}

/// The `ico-xlsx` workbook's Links sheet (and the links CSV): its headings, in
/// order. Export writes them and import reads the sheet back by them, so they
/// live below both, beside the register sheet's columns.
pub const LINK_HEADINGS: [&str; 13] = [
    "Service",
    "Activity",
    "Direction",
    "Party",
    "Party kind",
    "Data passed",
    "Special category data",
    "Criminal offence data",
    "Basis for disclosure",
    "Method",
    "Agreement",
    "Transfer outside the UK",
    "Notes",
];

/// The workbook's Parties sheet: its headings, in order.
pub const PARTY_HEADINGS: [&str; 7] =
    ["Party", "Party kind", "Country", "Outside the UK", "Internal service", "Contact", "Notes"];

/// The workbook's Agreements sheet: its headings, in order.
pub const AGREEMENT_HEADINGS: [&str; 8] =
    ["Agreement", "Kind", "Reference", "Parties", "Start", "Review due", "End", "Notes"];

/// The workbook's Information assets sheet: its headings, in order. The last,
/// the number of activities holding data in the asset, is written for the
/// reader and ignored on import.
pub const ASSET_HEADINGS: [&str; 14] = [
    "Information asset",
    "Asset kind",
    "Information asset owner",
    "Owner's role",
    "Location",
    "Hosting",
    "Processor",
    "Country",
    "Outside the UK",
    "Security measures",
    "Retention",
    "Business continuity",
    "Notes",
    "Activities holding data in it",
];

/// The workbook's DPIAs sheet and the `dpias-csv` export: the headings, in
/// order. "Activities covered" lists each activity as "Service — Activity", one
/// per line; the last two are written for the reader and ignored on import.
pub const DPIA_HEADINGS: [&str; 13] = [
    "DPIA",
    "Status",
    "Screening outcome",
    "Residual risk",
    "ICO consulted (Art 36)",
    "Started",
    "Completed",
    "Next review",
    "Document",
    "Notes",
    "Activities covered",
    "Number of activities",
    "Review overdue",
];

/// Between a service's name and an activity's in [`DPIA_HEADINGS`]' "Activities
/// covered".
pub const SERVICE_ACTIVITY_SEPARATOR: &str = " — ";

/// The workbook sheet listing, one a row, the activities of each DPIA whose
/// list is longer than an Excel cell holds (32,767 characters: some 500
/// activities); its DPIAs sheet cell then says [`dpia_coverage_pointer`].
pub const DPIA_COVERAGE_SHEET: &str = "DPIA coverage";

/// The headings of [`DPIA_COVERAGE_SHEET`]: the DPIA's title and its row on the
/// DPIAs sheet (titles need not be unique), and the activity.
pub const DPIA_COVERAGE_HEADINGS: [&str; 3] = ["DPIA", "DPIAs sheet row", "Activity covered"];

/// What a DPIAs sheet's "Activities covered" cell says when its `count`
/// activities are listed on [`DPIA_COVERAGE_SHEET`] instead.
pub fn dpia_coverage_pointer(count: usize) -> String {
    format!("{count} activities: listed one a row on the \"{DPIA_COVERAGE_SHEET}\" sheet")
}

/// Whether a DPIAs sheet cell is [`dpia_coverage_pointer`]'s.
pub fn is_dpia_coverage_pointer(cell: &str) -> bool {
    cell.trim().ends_with(&format!("listed one a row on the \"{DPIA_COVERAGE_SHEET}\" sheet"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_run_from_a_to_ad() {
        assert_eq!(IcoColumn::BusinessFunction.letter(), "A");
        assert_eq!(IcoColumn::Location.letter(), "T");
        assert_eq!(IcoColumn::Schedule1.letter(), "Z");
        assert_eq!(IcoColumn::GdprArticle6.letter(), "AA");
        assert_eq!(IcoColumn::PolicyExceptions.letter(), "AD");
    }
}

/// How column M ("Name and contact details of joint controller") opens for an
/// activity the organisation carries out as a processor, before the controller.
pub const PROCESSOR_OPENING: &str = "We process on behalf of: ";

/// How column M names a partnership's lead partner, after the joint controllers:
/// `" (lead partner: NAME)"`.
const LEAD_OPENING: &str = " (lead partner: ";

/// Column M for an activity of `role`: blank for a sole controller, the joint
/// controllers (and the lead partner), or the controller it is processed for.
pub fn role_cell(role: &crate::model::Role) -> String {
    use crate::model::Role;
    match role {
        Role::Controller => String::new(),
        Role::JointController { with, lead } if lead.trim().is_empty() => with.clone(),
        Role::JointController { with, lead } => format!("{with}{LEAD_OPENING}{lead})"),
        Role::Processor { for_controller } => format!("{PROCESSOR_OPENING}{for_controller}"),
    }
}

/// The role a filled-in column M states, as [`role_cell`] writes it; any other
/// text names the joint controllers.
pub fn role_of_cell(cell: &str) -> crate::model::Role {
    use crate::model::Role;
    let cell = cell.trim();
    if let Some(controller) = cell.strip_prefix(PROCESSOR_OPENING.trim_end()) {
        return Role::Processor { for_controller: controller.trim().to_string() };
    }
    if let Some(open) = cell.strip_suffix(')').and_then(|rest| rest.rfind(LEAD_OPENING).map(|at| (rest, at)))
    {
        let (rest, at) = open;
        let lead = rest[at + LEAD_OPENING.len()..].trim();
        let with = rest[..at].trim();
        if !lead.is_empty() && !with.is_empty() {
            return Role::JointController { with: with.to_string(), lead: lead.to_string() };
        }
    }
    Role::JointController { with: cell.to_string(), lead: String::new() }
}

#[cfg(test)]
mod role_tests {
    use super::*;
    use crate::model::Role;

    #[test]
    fn every_role_reads_back_from_the_cell_it_writes() {
        let roles = [
            Role::JointController { with: "Home Office, 2 Marsham St".into(), lead: String::new() },
            Role::JointController { with: "Home Office (Asylum) and NHS".into(), lead: "Home Office".into() },
            Role::Processor { for_controller: "St Mary's School; head@example.org".into() },
        ];
        for role in roles {
            assert_eq!(role_of_cell(&role_cell(&role)), role, "{}", role_cell(&role));
        }
        assert_eq!(role_cell(&Role::Controller), "");
    }

    #[test]
    fn an_officers_own_wording_is_kept_as_the_joint_controllers() {
        for cell in ["Sefton Council (lead)", "NHS Trust (lead partner: )", "We process data for the CCG"] {
            assert_eq!(role_of_cell(cell), Role::JointController { with: cell.into(), lead: String::new() });
        }
    }
}
