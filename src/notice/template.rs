//! The notice template and extra texts: model types (the store keeps them), used
//! here under their old paths.

pub use crate::model::notice_template::{ExtraText, ParagraphKey, SectionKey, Template, fill, paragraphs};
