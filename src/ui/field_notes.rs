//! The open findings of the checks shown beside the field they concern in the
//! activity editor: a note under the field with an icon and the message, and
//! the suggested fix on hover. A field chosen from the Checks page is highlighted
//! and scrolled to once.

use std::cell::Cell;

use ropa::checks::{Field, Finding, Severity};

use super::checks::{severity_color, severity_word};
use super::widgets::{LABEL_WIDTH, info_icon_ui, warning_icon_ui};

/// How many notes show under a field before the rest fold away.
const SHOWN_PER_FIELD: usize = 2;

/// The findings of one activity by field, and the field to bring into view.
#[derive(Debug, Clone, Default)]
pub struct FieldNotes {
    findings: Vec<Finding>,
    focus: Option<Field>,
    scroll_pending: Cell<bool>,
}

impl FieldNotes {
    /// Notes for `findings`; `focus`, if any, is highlighted and scrolled to.
    pub fn new(findings: Vec<Finding>, focus: Option<Field>) -> Self {
        Self { findings, focus, scroll_pending: Cell::new(focus.is_some()) }
    }

    /// The field highlighted, if any.
    pub fn focus(&self) -> Option<Field> {
        self.focus
    }

    /// The open findings about `field`.
    pub fn of(&self, field: Field) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |finding| finding.field == field)
    }

    /// Draws the notes for `fields` (several fields can share one place on the form).
    pub fn ui(&self, ui: &mut egui::Ui, fields: &[Field]) {
        for &field in fields {
            let focused = self.focus == Some(field);
            let findings: Vec<&Finding> = self.of(field).collect();
            let (first, rest) = findings.split_at(findings.len().min(SHOWN_PER_FIELD));
            for finding in first {
                note_ui(ui, finding, focused, &self.scroll_pending);
            }
            if !rest.is_empty() {
                indented(ui, |ui| {
                    egui::CollapsingHeader::new(format!(
                        "{} more about {}",
                        rest.len(),
                        field.label().to_lowercase()
                    ))
                    .id_salt(("field-notes-more", field))
                    .show(ui, |ui| {
                        for finding in rest {
                            note_ui(ui, finding, focused, &self.scroll_pending);
                        }
                    })
                    .header_response
                });
            }
            if focused && findings.is_empty() {
                let response = indented(ui, |ui| {
                    ui.label(
                        egui::RichText::new(format!("{}: the check pointed here", field.label()))
                            .background_color(ui.visuals().selection.bg_fill),
                    )
                });
                self.scroll_once(&response);
            }
        }
    }

    fn scroll_once(&self, response: &egui::Response) {
        if self.scroll_pending.replace(false) {
            response.scroll_to_me(Some(egui::Align::Center));
        }
    }
}

fn note_ui(ui: &mut egui::Ui, finding: &Finding, focused: bool, scroll_pending: &Cell<bool>) {
    let color = severity_color(ui, finding.severity);
    let response = indented(ui, |ui| {
        // At body size, with an icon, so that colour is not the only sign.
        match finding.severity {
            Severity::Error | Severity::Warning => {
                warning_icon_ui(ui, color, severity_word(finding.severity))
            }
            Severity::Advice => info_icon_ui(ui, color, severity_word(finding.severity)),
        };
        let mut text =
            egui::RichText::new(format!("{}: {}", severity_word(finding.severity), finding.message))
                .color(color);
        if focused {
            text = text.background_color(ui.visuals().selection.bg_fill.linear_multiply(0.4));
        }
        ui.add(egui::Label::new(text).wrap()).on_hover_text(format!("Fix: {}", finding.fix))
    });
    if focused && scroll_pending.replace(false) {
        response.scroll_to_me(Some(egui::Align::Center));
    }
}

/// Draws `add` under the field, past the label column.
fn indented(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> egui::Response) -> egui::Response {
    ui.horizontal_top(|ui| {
        ui.add_space(LABEL_WIDTH + ui.spacing().item_spacing.x);
        add(ui)
    })
    .inner
}
