//! Printing for the command line: a closed pipe ends printing quietly instead of
//! panicking, and text from the register is escaped so that control characters,
//! terminal escapes and bidirectional overrides show as visible codes.

use std::borrow::Cow;
use std::io::{IsTerminal as _, Write};

/// Which standard stream an [`Output`] writes to.
#[derive(Debug, Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

/// A standard stream that may be closed by the reader at any moment (`| head -1`).
/// Once a write fails, later writes are dropped; the command goes on and its exit
/// code still says what it did.
#[derive(Debug)]
pub struct Output {
    stream: Stream,
    terminal: bool,
    closed: bool,
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Self {
        Self { stream: Stream::Stdout, terminal: std::io::stdout().is_terminal(), closed: false }
    }

    /// Standard error.
    pub fn stderr() -> Self {
        Self { stream: Stream::Stderr, terminal: std::io::stderr().is_terminal(), closed: false }
    }

    /// Prints `text` (which may hold user text and several lines) and a line break.
    pub fn line(&mut self, text: &str) {
        self.text(text);
        self.write(b"\n");
    }

    /// Prints `text` as it is, apart from escaping (see [`escape`]).
    pub fn text(&mut self, text: &str) {
        self.write(escape(text).as_bytes());
    }

    /// Prints a document the user asked for on standard output (a notice): exactly,
    /// unless the stream is a terminal, where it is escaped like any text.
    pub fn document(&mut self, text: &str) {
        if self.terminal { self.text(text) } else { self.write(text.as_bytes()) }
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.closed {
            return;
        }
        let written = match self.stream {
            Stream::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes).and_then(|()| out.flush())
            }
            Stream::Stderr => std::io::stderr().lock().write_all(bytes),
        };
        self.closed = written.is_err();
    }
}

/// True for characters that must not reach a terminal raw: control characters
/// (C0 except the line break, DEL, C1: terminal escapes start with ESC or CSI) and
/// the bidirectional embeddings, overrides, isolates and marks that can make text
/// read differently from what it is ("Trojan Source").
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` with every character of [`needs_escape`] written visibly as `\u{XXXX}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs_escape(c) {
            escaped.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn control_escape_and_bidi_characters_are_shown_visibly() {
        for (raw, shown) in [
            ("Early Help", "Early Help"),
            ("two\nlines", "two\nlines"),
            ("\u{1b}[2J\u{1b}]0;pwned\u{7}", "\\u{001B}[2J\\u{001B}]0;pwned\\u{0007}"),
            ("tab\there\r", "tab\\u{0009}here\\u{000D}"),
            ("\u{9b}31m", "\\u{009B}31m"),
            ("abc\u{202E}fdp.exe", "abc\\u{202E}fdp.exe"),
            ("\u{2066}x\u{2069}\u{200E}\u{200F}\u{202A}", "\\u{2066}x\\u{2069}\\u{200E}\\u{200F}\\u{202A}"),
            ("Łódź — Côte d’Ivoire, العربية", "Łódź — Côte d’Ivoire, العربية"),
            ("\u{7f}", "\\u{007F}"),
        ] {
            assert_eq!(escape(raw), shown, "{raw:?}");
        }
    }
}
