//! A date field that reads UK dates ("1 April 2025", "01/04/2025") and ISO, shows
//! the date in the style the user chose once they leave the field, and shows the
//! problem at the field while the text cannot be read.

use ropa::model::{Date, DateStyle, format_uk_date, parse_uk_date};

/// Where the chosen [`DateStyle`] is kept in egui's memory for the widgets to read.
fn style_id() -> egui::Id {
    egui::Id::unique("ropa-date-style")
}

/// Makes `style` the one the date widgets use (the app sets it every frame).
pub fn set_date_style(ctx: &egui::Context, style: DateStyle) {
    ctx.data_mut(|data| data.insert_temp(style_id(), style));
}

/// The date style chosen, as last set by the app.
pub fn date_style(ctx: &egui::Context) -> DateStyle {
    ctx.data(|data| data.get_temp(style_id())).unwrap_or_default()
}

/// `date` in the style chosen, for labels and table cells.
pub fn shown_date(ui: &egui::Ui, date: Date) -> String {
    format_uk_date(date, date_style(ui.ctx()))
}

/// The text of a date field and what it reads as. Two texts that read as the
/// same date are equal, so showing a date in another style is not an edit.
#[derive(Debug, Clone, Default, Eq)]
pub struct DateText {
    /// What the user typed.
    pub text: String,
}

impl PartialEq for DateText {
    fn eq(&self, other: &Self) -> bool {
        match (self.parse(), other.parse()) {
            (Ok(mine), Ok(theirs)) => mine == theirs,
            _ => self.text == other.text,
        }
    }
}

impl DateText {
    /// The text for `date` (empty for none), in the long style until the field
    /// is drawn in the style chosen.
    pub fn from_date(date: Option<Date>) -> Self {
        Self { text: date.map(|date| format_uk_date(date, DateStyle::Long)).unwrap_or_default() }
    }

    /// The date typed: `Ok(None)` when empty, `Err` with a message when it cannot be read.
    pub fn parse(&self) -> Result<Option<Date>, String> {
        let text = self.text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        parse_uk_date(text).map(Some).map_err(|error| error.to_string())
    }

    /// Rewrites a readable date in `style` ("1/4/2025" becomes "01/04/2025").
    fn restyle(&mut self, style: DateStyle) {
        if let Ok(Some(date)) = self.parse() {
            self.text = format_uk_date(date, style);
        }
    }
}

/// A labelled date field with the problem, if any, beside it; returns whether it changed.
pub fn date_field_ui(ui: &mut egui::Ui, label: &str, date: &mut DateText) -> bool {
    super::form_row(ui, label, |ui, label_id| date_input_ui(ui, label_id, date))
}

/// [`date_field_ui`] with a label citing the law: hovering it shows `law`.
pub fn cited_date_field_ui(ui: &mut egui::Ui, label: &str, law: &str, date: &mut DateText) -> bool {
    super::cited_row(ui, label, law, |ui, label_id| date_input_ui(ui, label_id, date))
}

/// The date's text box, named by the label `label_id`, and its problem if any.
fn date_input_ui(ui: &mut egui::Ui, label_id: egui::Id, date: &mut DateText) -> bool {
    let style = date_style(ui.ctx());
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut date.text)
                .hint_text(format!("e.g. {}", style.label()))
                .desired_width(130.0),
        )
        .labelled_by(label_id);
    if !response.has_focus() {
        date.restyle(style);
    }
    if let Err(problem) = date.parse() {
        ui.colored_label(super::problem_color(ui), problem);
    }
    response.changed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_uk_forms_or_iso_or_report_the_problem() {
        let check = |text: &str, ok: bool| {
            let parsed = DateText { text: text.into() }.parse();
            assert_eq!(parsed.is_ok(), ok, "{text}");
        };
        check("", true);
        check("2025-03-31", true);
        check(" 2025-03-31 ", true);
        check("31/03/2025", true);
        check("31 March 2025", true);
        check("2025-02-30", false);
        check("31/02/2025", false);
    }

    #[test]
    fn the_same_date_in_another_style_is_not_a_change() {
        let long = DateText { text: "1 April 2025".into() };
        assert_eq!(long, DateText { text: "01/04/2025".into() });
        assert_eq!(long, DateText { text: "2025-04-01".into() });
        assert_ne!(long, DateText { text: "02/04/2025".into() });
        assert_ne!(DateText { text: "31/02/2025".into() }, DateText { text: "31/02/2025 ".into() });
    }
}
