//! A date typed as YYYY-MM-DD, checked as it is typed with the problem shown at the
//! field.

use ropa::model::{Date, format_date, parse_date};

/// The text of a date field and what it reads as.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateText {
    /// What the user typed.
    pub text: String,
}

impl DateText {
    /// The text for `date` (empty for none).
    pub fn from_date(date: Option<Date>) -> Self {
        Self { text: date.map(format_date).unwrap_or_default() }
    }

    /// The date typed: `Ok(None)` when empty, `Err` with a message when it cannot be read.
    pub fn parse(&self) -> Result<Option<Date>, String> {
        let text = self.text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        parse_date(text).map(Some).ok_or_else(|| format!("\"{text}\" is not a date; write it as YYYY-MM-DD"))
    }
}

/// A labelled date field with the problem, if any, beside it; returns whether it changed.
pub fn date_field_ui(ui: &mut egui::Ui, label: &str, date: &mut DateText) -> bool {
    super::form_row(ui, label, |ui, label_id| {
        let changed = ui
            .add(egui::TextEdit::singleline(&mut date.text).hint_text("YYYY-MM-DD").desired_width(110.0))
            .labelled_by(label_id)
            .changed();
        if let Err(problem) = date.parse() {
            ui.colored_label(super::problem_color(ui), problem);
        }
        changed
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_iso_or_report_the_problem() {
        let check = |text: &str, ok: bool| {
            let parsed = DateText { text: text.into() }.parse();
            assert_eq!(parsed.is_ok(), ok, "{text}");
        };
        check("", true);
        check("2025-03-31", true);
        check(" 2025-03-31 ", true);
        check("2025-02-30", false);
        check("31/03/2025", false);
    }
}
