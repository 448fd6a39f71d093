//! The processor record's layout (UK GDPR Art 30(2)): its columns, in the Article's
//! words, and the contact block's title. Export writes this layout
//! (`export::processor`, the workbook's "Processor record" sheet) and import reads
//! it back (`import::read_processor_csv`), so it lives below both, beside
//! [`crate::ico_template`].

/// A column of the processor record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProcessorColumn {
    /// The service that carries out the processing (as column A of the controller
    /// record).
    BusinessFunction,
    /// Art 30(2)(a): the controller the organisation acts for.
    Controller,
    /// Art 30(2)(b): what is done on the controller's behalf: the activity's name.
    CategoriesOfProcessing,
    /// Art 30(2)(c): the third countries or international organisations.
    ThirdCountries,
    /// Art 30(2)(c): the documentation of suitable safeguards.
    TransferSafeguards,
    /// Art 30(2)(d): the technical and organisational security measures.
    Security,
}

impl ProcessorColumn {
    /// Every column, in order.
    pub const ALL: [Self; 6] = [
        Self::BusinessFunction,
        Self::Controller,
        Self::CategoriesOfProcessing,
        Self::ThirdCountries,
        Self::TransferSafeguards,
        Self::Security,
    ];

    /// The heading: Art 30(2)'s words, or the ICO template's for the items both
    /// records share.
    pub fn heading(self) -> &'static str {
        match self {
            Self::BusinessFunction => "Business function",
            Self::Controller => {
                "Name and contact details of each controller on behalf of which the processor is acting"
            }
            Self::CategoriesOfProcessing => {
                "Categories of processing carried out on behalf of each controller"
            }
            Self::ThirdCountries => {
                "Names of third countries or international organisations that personal data are transferred to (if applicable)"
            }
            Self::TransferSafeguards => {
                "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)"
            }
            Self::Security => {
                "General description of technical and organisational security measures (if possible)"
            }
        }
    }

    /// The provision the column records, e.g. "Art 30(2)(a)".
    pub fn citation(self) -> &'static str {
        match self {
            Self::BusinessFunction => "",
            Self::Controller => "Art 30(2)(a)",
            Self::CategoriesOfProcessing => "Art 30(2)(b)",
            Self::ThirdCountries | Self::TransferSafeguards => "Art 30(2)(c)",
            Self::Security => "Art 30(2)(d)",
        }
    }
}

/// The title in the contact block's first heading cell: the organisation is the
/// processor in this record.
pub const PROCESSOR_TITLE: &str = "Processor";
