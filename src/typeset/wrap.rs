//! Greedy word wrap measured with the embedded fonts.

use super::fonts::{Fonts, Style};

/// Replaces control characters (tabs, carriage returns) with spaces, keeping line feeds.
pub(super) fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect()
}

/// Wraps `text` into lines no wider than `width` points: greedily by words, keeping
/// line feeds, and breaking a word that is wider than a line between characters.
pub fn wrap(fonts: &Fonts, text: &str, style: Style, width: f32) -> Vec<String> {
    // Widths are sums of glyph advances (no kerning), so a line's width is the sum
    // of its words' and spaces' widths and each word is measured once.
    let space = fonts.width(" ", style);
    let mut lines = Vec::new();
    for paragraph in clean(text).split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split(' ').filter(|word| !word.is_empty()) {
            let word_width = fonts.width(word, style);
            let candidate = if line.is_empty() { word_width } else { line_width + space + word_width };
            if candidate <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_width = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width {
                line = word.to_string();
                line_width = word_width;
            } else {
                let mut pieces = break_word(fonts, word, style, width);
                let (last, last_width) = pieces.pop().unwrap_or_default();
                lines.extend(pieces.into_iter().map(|(piece, _)| piece));
                line = last;
                line_width = last_width;
            }
        }
        lines.push(line);
    }
    lines
}

/// Splits a word wider than `width` into pieces that fit (at least one character
/// each), with their widths.
fn break_word(fonts: &Fonts, word: &str, style: Style, width: f32) -> Vec<(String, f32)> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut piece_width = 0.0;
    let mut buffer = [0; 4];
    for c in word.chars() {
        let char_width = fonts.width(c.encode_utf8(&mut buffer), style);
        if !piece.is_empty() && piece_width + char_width > width {
            pieces.push((std::mem::take(&mut piece), piece_width));
            piece_width = 0.0;
        }
        piece.push(c);
        piece_width += char_width;
    }
    pieces.push((piece, piece_width));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::embedded().unwrap()
    }

    fn check_wrap(text: &str, width: f32, expected: &[&str]) {
        let fonts = fonts();
        let style = Style::regular(10.0);
        let lines = wrap(&fonts, text, style, width);
        assert_eq!(lines, expected, "wrapping {text:?} at {width}");
        for line in &lines {
            let measured = fonts.width(line, style);
            assert!(measured <= width || line.chars().count() == 1, "{line:?} is {measured} > {width}");
        }
    }

    #[test]
    fn wrap_is_greedy_and_breaks_long_words() {
        let fonts = fonts();
        let style = Style::regular(10.0);
        let word = fonts.width("alpha", style);
        let space = fonts.width("alpha beta", style) - word - fonts.width("beta", style);
        check_wrap("", 100.0, &[""]);
        check_wrap("alpha beta", 1000.0, &["alpha beta"]);
        check_wrap(
            "alpha beta gamma",
            word + space + fonts.width("beta", style) + 0.1,
            &["alpha beta", "gamma"],
        );
        check_wrap("line one\nline two", 1000.0, &["line one", "line two"]);
        check_wrap("  spaced   out  ", 1000.0, &["spaced out"]);
        check_wrap("tab\there", 1000.0, &["tab here"]);
        let long = "Supercalifragilisticexpialidocious";
        let lines = wrap(&fonts, long, style, 40.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.concat(), long);
        // A width narrower than one character still makes progress.
        assert_eq!(wrap(&fonts, "WW", style, 1.0), vec!["W", "W"]);
    }
}
