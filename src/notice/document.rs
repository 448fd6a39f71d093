//! A notice as a structured document: a title, then sections with headings,
//! paragraphs, sub-headings and bullet lists. Any renderer (Markdown, HTML, PDF)
//! walks it the same way; nothing here knows about an output format.

use serde::Serialize;

use super::template::SectionKey;
use crate::model::Date;

/// A privacy notice, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// The page title, e.g. "Early Help privacy notice".
    pub title: String,
    /// Who publishes it (the controller), shown under the title.
    pub publisher: String,
    /// The date the notice was generated ("Last updated").
    pub updated_on: Date,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
    /// Error-level findings that would have blocked the notice and were
    /// overridden by the user; empty when nothing was overridden. Never rendered.
    pub overridden: Vec<String>,
}

/// One section of a notice, with its own heading (level 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Which section this is.
    pub key: SectionKey,
    /// The heading, from the template.
    pub heading: String,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
}

/// A piece of a section's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Block {
    /// A paragraph of plain text.
    Paragraph(String),
    /// A heading inside the section (level 3).
    Subheading(String),
    /// A bulleted list of plain-text items.
    Bullets(Vec<String>),
}

impl Notice {
    /// The section with `key`, if the notice has one.
    pub fn section(&self, key: SectionKey) -> Option<&Section> {
        self.sections.iter().find(|section| section.key == key)
    }

    /// Every piece of text in the notice, in reading order, one line each: handy
    /// for searching and for tests.
    pub fn plain_text(&self) -> String {
        let mut lines = vec![self.title.clone(), self.publisher.clone()];
        for section in &self.sections {
            lines.push(section.heading.clone());
            lines.extend(section.plain_lines());
        }
        lines.join("\n")
    }
}

impl Section {
    /// A section with no content yet.
    pub fn new(key: SectionKey, heading: impl Into<String>) -> Self {
        Self { key, heading: heading.into(), blocks: Vec::new() }
    }

    /// Adds a paragraph, unless `text` is blank.
    pub fn paragraph(&mut self, text: impl Into<String>) {
        let text = text.into();
        if !text.trim().is_empty() {
            self.blocks.push(Block::Paragraph(text.trim().to_string()));
        }
    }

    /// Adds a sub-heading.
    pub fn subheading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Subheading(text.into()));
    }

    /// Adds a bullet list, unless it is empty.
    pub fn bullets(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::Bullets(items));
        }
    }

    /// The section's text, one line per paragraph, sub-heading or bullet.
    pub fn plain_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Paragraph(text) | Block::Subheading(text) => lines.push(text.clone()),
                Block::Bullets(items) => lines.extend(items.iter().cloned()),
            }
        }
        lines
    }

    /// The items of every bullet list in the section.
    pub fn bullet_items(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .flat_map(|block| match block {
                Block::Bullets(items) => items.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            })
            .collect()
    }
}

/// A date as people write it: "22 November 2026".
pub fn long_date(date: Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(long_date(time::macros::date!(2026 - 11 - 02)), "2 November 2026");
    }
}
