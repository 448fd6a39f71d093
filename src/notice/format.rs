//! The formats a notice is rendered in.

use super::{Notice, to_html, to_markdown, to_pdf};
use crate::Result;

/// Output formats of a privacy notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// One HTML page.
    Html,
    /// A PDF document (A4 portrait); needs an output file.
    Pdf,
}

impl Format {
    /// Reads a `--format` argument: "md", "html" or "pdf".
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        match text.trim().to_lowercase().as_str() {
            "md" | "markdown" => Ok(Self::Markdown),
            "html" => Ok(Self::Html),
            "pdf" => Ok(Self::Pdf),
            other => Err(format!("expected md, html or pdf, got {other:?}")),
        }
    }

    /// `notice` rendered in this format.
    pub fn render(self, notice: &Notice) -> Result<Vec<u8>> {
        Ok(match self {
            Self::Markdown => to_markdown(notice).into_bytes(),
            Self::Html => to_html(notice).into_bytes(),
            Self::Pdf => to_pdf(notice)?,
        })
    }
}
