//! Small reusable widgets for the forms: labelled fields, list editors with
//! suggestions, legal checkbox sets, date fields and the party picker. Widgets edit
//! the draft they are given and never write to the store.

mod date_field;
mod legal_checkboxes;
mod list_editor;
mod party_picker;
mod virtual_list;

pub use date_field::{DateText, cited_date_field_ui, date_field_ui, set_date_style, shown_date};
pub use legal_checkboxes::{dated_label, dated_quote, legal_checkboxes_on, legal_checkboxes_ui};
pub use list_editor::list_editor_ui;
pub use party_picker::{PartyPick, party_picker_ui};
pub use virtual_list::{VirtualList, selectable_list_ui};

/// Width of the label column in forms.
pub const LABEL_WIDTH: f32 = 200.0;

/// Colour for inline problems, readable on light and dark backgrounds.
pub fn problem_color(ui: &egui::Ui) -> egui::Color32 {
    ui.visuals().error_fg_color
}

/// A form row: `label` on the left, then whatever `add` draws; the label is
/// returned so that the field can name itself after it.
pub fn form_row<R>(ui: &mut egui::Ui, label: &str, add: impl FnOnce(&mut egui::Ui, egui::Id) -> R) -> R {
    labelled_row(ui, label, None, add)
}

/// A form row whose label cites the law: hovering the label shows `law`.
pub fn cited_row<R>(
    ui: &mut egui::Ui,
    label: &str,
    law: &str,
    add: impl FnOnce(&mut egui::Ui, egui::Id) -> R,
) -> R {
    labelled_row(ui, label, Some(law), add)
}

fn labelled_row<R>(
    ui: &mut egui::Ui,
    label: &str,
    law: Option<&str>,
    add: impl FnOnce(&mut egui::Ui, egui::Id) -> R,
) -> R {
    ui.horizontal_top(|ui| {
        let mut label_response = ui
            .allocate_ui_with_layout(
                egui::vec2(LABEL_WIDTH, ui.spacing().interact_size.y),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.set_width(LABEL_WIDTH);
                    ui.add_space(2.0);
                    ui.add(egui::Label::new(label).wrap())
                },
            )
            .inner;
        if let Some(law) = law {
            label_response = label_response.on_hover_text(law);
        }
        add(ui, label_response.id)
    })
    .inner
}

/// A one-line text field in a form row; returns whether it changed.
pub fn text_row(ui: &mut egui::Ui, label: &str, text: &mut String) -> bool {
    form_row(ui, label, |ui, label_id| {
        ui.add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY)).labelled_by(label_id).changed()
    })
}

/// A several-line text field in a form row; returns whether it changed.
pub fn multiline_row(ui: &mut egui::Ui, label: &str, text: &mut String) -> bool {
    form_row(ui, label, |ui, label_id| {
        ui.add(egui::TextEdit::multiline(text).desired_rows(2).desired_width(f32::INFINITY))
            .labelled_by(label_id)
            .changed()
    })
}

/// A section heading in a form, with the article it answers.
pub fn section_heading(ui: &mut egui::Ui, title: &str, citation: &str) {
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        ui.strong(title);
        if !citation.is_empty() {
            ui.weak(citation);
        }
    });
    ui.separator();
}

/// An optional detail: a checkbox that, when ticked, shows a text field for the
/// detail. `None` means not ticked.
pub fn optional_detail_row(ui: &mut egui::Ui, label: &str, detail_label: &str, value: &mut Option<String>) {
    let mut ticked = value.is_some();
    if ui.checkbox(&mut ticked, label).changed() {
        *value = if ticked { Some(String::new()) } else { None };
    }
    if let Some(detail) = value {
        ui.indent(detail_label, |ui| text_row(ui, detail_label, detail));
    }
}

/// Text for a list entry: the title on the first line, a quieter detail below.
pub fn title_and_detail(ui: &egui::Ui, title: &str, detail: &str) -> egui::WidgetText {
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style();
    egui::RichText::new(title).strong().append_to(
        &mut job,
        style,
        egui::FontSelection::Default,
        egui::Align::LEFT,
    );
    egui::RichText::new(format!("\n{detail}")).weak().append_to(
        &mut job,
        style,
        egui::FontSelection::Default,
        egui::Align::LEFT,
    );
    job.into()
}

/// A small warning sign (a triangle with "!") in `color`, drawn rather than typed
/// because egui's default fonts have no such glyph; `hover` names it for the
/// pointer and for screen readers.
pub fn warning_icon_ui(ui: &mut egui::Ui, color: egui::Color32, hover: &str) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let rect = rect.shrink(1.0);
    let points = vec![rect.center_top(), rect.right_bottom(), rect.left_bottom()];
    ui.painter().add(egui::Shape::convex_polygon(points, color, egui::Stroke::NONE));
    let mark_color = ui.visuals().panel_fill;
    let center = rect.center() + egui::vec2(0.0, rect.height() * 0.12);
    ui.painter().text(
        center,
        egui::Align2::CENTER_CENTER,
        "!",
        egui::FontId::proportional(size * 0.7),
        mark_color,
    );
    response.on_hover_text(hover)
}

/// A small information sign (a circle with "i") in `color`.
pub fn info_icon_ui(ui: &mut egui::Ui, color: egui::Color32, hover: &str) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), size * 0.45, color);
    let mark_color = ui.visuals().panel_fill;
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "i",
        egui::FontId::proportional(size * 0.7),
        mark_color,
    );
    response.on_hover_text(hover)
}
