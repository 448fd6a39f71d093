//! "Show the register as at…": the register as it stood at the end of a chosen day,
//! rebuilt from the change log, shown read-only on the Register page with a clear
//! banner and a way back to today, and checked as at that day under the law then
//! in force (the Checks page shows that report while the view is shown).

use ropa::model::{Date, Register, format_date};

use super::app::Command;
use super::checks::ChecksPage;
use super::register_view::RegisterView;
use super::widgets::DateText;

/// The register as it stood at the end of a day, and its table rows.
#[derive(Debug)]
pub struct AsAtRegister {
    /// The day.
    pub date: Date,
    /// The register then, which the Export page can write.
    pub register: Register,
    /// Its table rows.
    pub view: RegisterView,
    /// The checks run over it with that day as today, under the law then in
    /// force: the Checks page shows them, read-only, while the view is shown.
    pub checks: ChecksPage,
}

/// The as-at state: the date typed and the register shown, if any.
#[derive(Debug, Default)]
pub struct AsAt {
    /// The date typed.
    text: DateText,
    /// The register shown instead of today's.
    pub shown: Option<AsAtRegister>,
}

impl AsAt {
    /// Shows `register` as it stood at the end of `date`, with `checks` run
    /// over it as at that day.
    pub fn show(&mut self, date: Date, register: Register, checks: ChecksPage) {
        let view = RegisterView::build(&register);
        self.shown = Some(AsAtRegister { date, register, view, checks });
    }
}

/// The bar above the register table: the date field, or the read-only banner.
pub fn bar_ui(ui: &mut egui::Ui, as_at: &mut AsAt, commands: &mut Vec<Command>) {
    if let Some(shown) = &as_at.shown {
        egui::Frame::new()
            .fill(ui.visuals().warn_fg_color.linear_multiply(0.15))
            .inner_margin(egui::Margin::symmetric(8, 6))
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(format!(
                        "Read-only: the register as at the end of {}",
                        format_date(shown.date)
                    ));
                    ui.weak(format!("({} activities then)", shown.view.total()));
                    ui.weak(format!("Law as in force that day. {}", ropa::law::currency_note(shown.date)));
                    ui.label(format!(
                        "Checked under the law of that day: {} (see Checks).",
                        shown.checks.open_summary()
                    ));
                    if ui.button("Back to today").clicked() {
                        commands.push(Command::LeaveAsAt);
                    }
                });
            });
        return;
    }
    ui.horizontal(|ui| {
        ui.weak("Show the register as at");
        ui.add(
            egui::TextEdit::singleline(&mut as_at.text.text)
                .hint_text("e.g. 31 March 2026")
                .desired_width(130.0),
        )
        .accessible_name("As-at date");
        let parsed = as_at.text.parse();
        if let Ok(Some(date)) = parsed
            && ui.button("Show").accessible_name("Show the register as at that date").clicked()
        {
            commands.push(Command::ShowAsAt(date));
        }
        if let Err(problem) = parsed {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
    });
}

/// The register as it stood, read-only.
pub fn ui(ui: &mut egui::Ui, shown: &AsAtRegister) {
    use egui_extras::{Column, TableBuilder};
    if shown.view.total() == 0 {
        ui.label("The register held no activities at the end of that day.");
        return;
    }
    TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(160.0).clip(true))
        .column(Column::initial(260.0).clip(true))
        .column(Column::initial(300.0).clip(true))
        .column(Column::initial(110.0).clip(true))
        .column(Column::remainder())
        .min_scrolled_height(0.0)
        .header(24.0, |mut header| {
            for heading in ["Service", "Activity", "Purposes", "Lawful bases", "Next review"] {
                header.col(|ui| {
                    ui.strong(heading);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, shown.view.visible_len(), |mut row| {
                let Some(data) = shown.view.visible_row(row.index()) else {
                    return;
                };
                let next = data.next_review_due.map(format_date).unwrap_or_default();
                for text in [&data.service, &data.name, &data.purposes, &data.lawful_bases_text, &next] {
                    row.col(|ui| {
                        ui.add(egui::Label::new(text.as_str()).truncate());
                    });
                }
            });
        });
}
