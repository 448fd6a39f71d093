//! Renders a notice as Markdown (CommonMark): `#` title, `##` sections, `###`
//! sub-headings, `-` bullets. Text from the register is escaped so that it can
//! never turn into markup or a link.

use super::document::{Block, Notice, long_date};

/// The notice as a Markdown document.
pub fn to_markdown(notice: &Notice) -> String {
    let mut out = format!("# {}\n\n", escape(&notice.title));
    out.push_str(&format!(
        "{}. Last updated: {}.\n\n",
        escape(&notice.publisher),
        long_date(notice.updated_on)
    ));
    for section in &notice.sections {
        out.push_str(&format!("## {}\n\n", escape(&section.heading)));
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => out.push_str(&format!("{}\n\n", escape(text))),
                Block::Subheading(text) => out.push_str(&format!("### {}\n\n", escape(text))),
                Block::Bullets(items) => {
                    for item in items {
                        out.push_str(&format!("- {}\n", escape(item)));
                    }
                    out.push('\n');
                }
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Escapes the characters that Markdown or embedded HTML would interpret, and
/// folds line breaks into spaces so a value cannot start a new block.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '&') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_register_text_is_escaped() {
        assert_eq!(escape("<b>*x*</b>\n# y"), "\\<b\\>\\*x\\*\\</b\\> \\# y");
        assert_eq!(escape("Children's Social Care"), "Children's Social Care");
    }
}
