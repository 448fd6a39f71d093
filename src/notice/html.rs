//! Renders a notice as one accessible HTML page, ready to publish: `lang="en-GB"`,
//! a `<main>` landmark, headings h1 > h2 > h3 with no level skipped, lists as
//! `<ul>`, and a small readable stylesheet. Every piece of text is escaped.

use super::document::{Block, Notice, long_date};
use crate::model::format_date;

const STYLE: &str = "
body { margin: 0; background: #f3f2f1; color: #0b0c0c; font-family: Arial, Helvetica, sans-serif; font-size: 19px; line-height: 1.5; }
header { background: #1d3b5a; color: #fff; padding: 1.25rem 1rem; }
header p { max-width: 46rem; margin: 0 auto; font-weight: bold; font-size: 1.05rem; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.75rem 2.5rem; background: #fff; }
h1 { font-size: 2.2rem; line-height: 1.15; margin: 0.5rem 0 0.5rem; }
h2 { font-size: 1.5rem; margin: 2.25rem 0 0.75rem; padding-top: 1rem; border-top: 2px solid #1d3b5a; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
p, li { max-width: 42rem; }
ul { padding-left: 1.5rem; }
li { margin-bottom: 0.35rem; }
ul.columns { columns: 2; column-gap: 2.5rem; }
ul.columns li { break-inside: avoid; }
@media (max-width: 40rem) { ul.columns, nav ol { columns: 1; } }
.updated { color: #505a5f; font-size: 1rem; margin-top: 0; }
nav ol { padding-left: 1.5rem; columns: 2; column-gap: 2rem; font-size: 1rem; }
a { color: #1d70b8; }
a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
footer { max-width: 46rem; margin: 0 auto; padding: 1rem 1.75rem; font-size: 1rem; color: #505a5f; }
@media print { body { background: #fff; } header { background: none; color: #000; } nav { display: none; } }
";

/// The notice as a complete HTML5 document.
pub fn to_html(notice: &Notice) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{} - {}</title>\n", escape(&notice.title), escape(&notice.publisher)));
    out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&format!("<header>\n<p>{}</p>\n</header>\n<main>\n", escape(&notice.publisher)));
    out.push_str(&format!("<h1>{}</h1>\n", escape(&notice.title)));
    out.push_str(&format!(
        "<p class=\"updated\">Last updated: <time datetime=\"{}\">{}</time></p>\n",
        format_date(notice.updated_on),
        long_date(notice.updated_on)
    ));
    contents(&mut out, notice);
    for (index, section) in notice.sections.iter().enumerate() {
        out.push_str(&format!("<section aria-labelledby=\"s{index}\">\n"));
        out.push_str(&format!("<h2 id=\"s{index}\">{}</h2>\n", escape(&section.heading)));
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", linked(text))),
                Block::Subheading(text) => out.push_str(&format!("<h3>{}</h3>\n", escape(text))),
                Block::Bullets(items) => {
                    out.push_str(if is_short_list(items) { "<ul class=\"columns\">\n" } else { "<ul>\n" });
                    for item in items {
                        out.push_str(&format!("<li>{}</li>\n", linked(item)));
                    }
                    out.push_str("</ul>\n");
                }
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n");
    out.push_str(&format!(
        "<footer>\n<p>{}: {}. Last updated {}.</p>\n</footer>\n",
        escape(&notice.publisher),
        escape(&notice.title),
        long_date(notice.updated_on)
    ));
    out.push_str("</body>\n</html>\n");
    out
}

/// A long list of short items, shown in two columns on a wide screen.
fn is_short_list(items: &[String]) -> bool {
    items.len() >= 8 && items.iter().all(|item| item.chars().count() <= 48)
}

/// A list of links to the sections.
fn contents(out: &mut String, notice: &Notice) {
    out.push_str("<nav aria-label=\"Contents\">\n<ol>\n");
    for (index, section) in notice.sections.iter().enumerate() {
        out.push_str(&format!("<li><a href=\"#s{index}\">{}</a></li>\n", escape(&section.heading)));
    }
    out.push_str("</ol>\n</nav>\n");
}

/// Escapes `text` and turns each web address in it (`https://...`) into a link.
fn linked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = ["https://", "http://"].iter().filter_map(|scheme| rest.find(scheme)).min() {
        out.push_str(&escape(&rest[..start]));
        let tail = &rest[start..];
        let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', ')']);
        out.push_str(&format!("<a href=\"{0}\">{0}</a>", escape(url)));
        rest = &tail[url.len()..];
    }
    out.push_str(&escape(rest));
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_become_links_and_stay_escaped() {
        assert_eq!(
            linked("See https://ico.org.uk/make-a-complaint/. Or <b>"),
            "See <a href=\"https://ico.org.uk/make-a-complaint/\">https://ico.org.uk/make-a-complaint/</a>. Or &lt;b&gt;"
        );
        assert_eq!(
            linked("x https://a.b/\"onmouseover=\"y"),
            "x <a href=\"https://a.b/&quot;onmouseover=&quot;y\">https://a.b/&quot;onmouseover=&quot;y</a>"
        );
    }

    #[test]
    fn every_special_character_is_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script> & \"Co\" 'x'"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;"
        );
    }
}
