//! The Privacy notices page: pick a service and read the notice written from its
//! register entries (headings, paragraphs, bullets; read-only). While the checks
//! find open errors on its activities the notice is blocked and the reasons are
//! listed, with "Generate anyway"; a ready notice can be saved as Markdown or HTML.

use std::path::Path;

use ropa::model::{Register, ServiceId};
use ropa::notice::{Block, Notice, Outcome};

use super::app::{Command, SnapshotPage};
use super::file_dialog::FilePurpose;

/// The Privacy notices page's state.
#[derive(Debug, Clone, Default)]
pub struct NoticePage {
    /// The service whose notice is shown.
    pub service: Option<ServiceId>,
    /// Whether the user chose to generate despite the blocking findings.
    pub allow_override: bool,
    /// The last result; `None` when it must be generated again.
    pub outcome: Option<Outcome>,
    /// Why the last attempt failed; it is not retried until asked.
    pub problem: Option<String>,
}

impl NoticePage {
    /// Forgets the notice, so it is generated again from the register.
    pub fn stale(&mut self) {
        self.outcome = None;
        self.problem = None;
    }

    /// The notice shown, if it is ready.
    pub fn notice(&self) -> Option<&Notice> {
        match &self.outcome {
            Some(Outcome::Ready(notice)) => Some(notice),
            _ => None,
        }
    }
}

/// The notice shown is generated again when asked for.
impl SnapshotPage for NoticePage {
    fn snapshot_changed(&mut self, _register: &Register) {
        self.stale();
    }
}

/// Generates the shown service's notice from the open store (run by the app,
/// which owns the store).
pub fn generate(
    page: &mut NoticePage,
    store: &mut ropa::Store,
    today: ropa::model::Date,
) -> ropa::Result<()> {
    let Some(service) = page.service else {
        page.outcome = None;
        return Ok(());
    };
    let scope = ropa::notice::Scope::Service(service);
    match store
        .snapshot()
        .and_then(|snapshot| ropa::notice::generate(&snapshot, scope, today, page.allow_override))
    {
        Ok(outcome) => page.outcome = Some(outcome),
        Err(error) => page.problem = Some(error.to_string()),
    }
    Ok(())
}

/// Writes the shown notice to `path` as Markdown or HTML.
pub fn save(page: &NoticePage, path: &Path, purpose: FilePurpose) -> ropa::Result<()> {
    let notice =
        page.notice().ok_or_else(|| ropa::Error::NotFound { what: "generated privacy notice".to_owned() })?;
    let text = if purpose == FilePurpose::NoticeHtml {
        ropa::notice::to_html(notice)
    } else {
        ropa::notice::to_markdown(notice)
    };
    ropa::fsio::write_bytes(path, text.as_bytes(), "Writing the privacy notice")
}

/// Draws the page.
pub fn ui(ui: &mut egui::Ui, page: &mut NoticePage, register: &Register, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading("Privacy notices");
        ui.separator();
        let label = ui.label("Service");
        let before = page.service;
        egui::ComboBox::from_id_salt("notice-service")
            .selected_text(page.service.map_or("Choose a service", |id| register.service_name(id)))
            .width(280.0)
            .show_ui(ui, |ui| {
                for service in &register.services {
                    ui.selectable_value(&mut page.service, Some(service.id), &service.fields.name);
                }
            })
            .response
            .labelled_by(label.id);
        if page.service != before {
            page.allow_override = false;
            page.stale();
        }
        let ready = page.notice().is_some();
        if ui.add_enabled(ready, egui::Button::new("Save as Markdown…")).clicked() {
            commands.push(Command::ChooseFile(FilePurpose::NoticeMarkdown));
        }
        if ui.add_enabled(ready, egui::Button::new("Save as HTML…")).clicked() {
            commands.push(Command::ChooseFile(FilePurpose::NoticeHtml));
        }
    });
    ui.separator();
    if page.service.is_none() {
        ui.label("Choose a service to see the privacy notice written from its register entries.");
        return;
    }
    if let Some(problem) = &page.problem {
        ui.colored_label(ui.visuals().error_fg_color, format!("The notice could not be written: {problem}"));
        if ui.button("Try again").clicked() {
            page.stale();
        }
        return;
    }
    match &page.outcome {
        None => {
            commands.push(Command::PreviewNotice);
            ui.spinner();
        }
        Some(Outcome::Blocked(reasons)) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "This notice is blocked: the register shows problems that the notice would repeat to the public.",
            );
            let mut generate_anyway = false;
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                for reason in reasons {
                    ui.label(egui::RichText::new(&reason.message).strong());
                    ui.label(format!("Fix: {} [{}]", reason.fix, reason.rule));
                    ui.add_space(6.0);
                }
                generate_anyway = ui.button("Generate anyway").clicked();
            });
            if generate_anyway {
                page.allow_override = true;
                page.outcome = None;
            }
        }
        Some(Outcome::Ready(notice)) => {
            if !notice.overridden.is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    match notice.overridden.len() {
                        1 => "Generated despite 1 open error.".to_string(),
                        n => format!("Generated despite {n} open errors."),
                    },
                );
            }
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                ui.set_max_width(ui.available_width().min(820.0));
                notice_ui(ui, notice);
            });
        }
    }
}

/// The notice as headings, paragraphs and bullets.
fn notice_ui(ui: &mut egui::Ui, notice: &Notice) {
    ui.label(egui::RichText::new(&notice.title).size(24.0).strong());
    ui.label(&notice.publisher);
    ui.weak(format!("Last updated {}", notice.updated_on));
    for section in &notice.sections {
        ui.add_space(10.0);
        ui.label(egui::RichText::new(&section.heading).size(18.0).strong());
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => {
                    ui.label(text);
                }
                Block::Subheading(text) => {
                    ui.add_space(4.0);
                    ui.label(egui::RichText::new(text).strong());
                }
                Block::Bullets(items) => {
                    for item in items {
                        ui.horizontal_wrapped(|ui| {
                            ui.label("•");
                            ui.label(item);
                        });
                    }
                }
            }
        }
    }
}
