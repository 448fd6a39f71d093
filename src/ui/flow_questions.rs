//! The questions tab of the Data flows page: the ready questions an officer is
//! asked in an audit or after a breach, and ad-hoc filters over the links, each
//! answered as a table (only the rows on screen are drawn) that can be exported
//! as CSV with every cell neutralised against formula injection.

use std::path::Path;

use egui_extras::{Column, TableBuilder};
use ropa::export::cells::neutralise;
use ropa::flows::questions::{self, FlowFilter, FlowRow, TransferRoute};
use ropa::law::{LegalItem as _, SpecialCategory};
use ropa::model::{ActivityId, Date, Direction, PartyId, Register};

use super::app::Command;
use super::file_dialog::FilePurpose;

/// A question the tab can answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Question {
    /// Who receives special category data.
    #[default]
    SpecialCategoryRecipients,
    /// Links with an outside body and no agreement.
    LinksWithoutAgreement,
    /// Everything to or from the chosen party.
    PartyFlows,
    /// Activities fed by another of our services.
    InternalFeeds,
    /// Transfers outside the UK.
    TransfersOutsideUk,
    /// Agreements ending within the chosen number of days.
    AgreementsEnding,
    /// The ad-hoc filters.
    Custom,
}

impl Question {
    /// Every question, in the order listed.
    pub const ALL: [Self; 7] = [
        Self::SpecialCategoryRecipients,
        Self::LinksWithoutAgreement,
        Self::PartyFlows,
        Self::InternalFeeds,
        Self::TransfersOutsideUk,
        Self::AgreementsEnding,
        Self::Custom,
    ];

    /// The question as the officer would ask it.
    pub fn title(self) -> &'static str {
        match self {
            Self::SpecialCategoryRecipients => "Who receives special category data?",
            Self::LinksWithoutAgreement => "Which links with outside bodies have no agreement?",
            Self::PartyFlows => "What goes to or comes from a party?",
            Self::InternalFeeds => "Which activities receive data from another of our services?",
            Self::TransfersOutsideUk => "What is transferred outside the UK?",
            Self::AgreementsEnding => "Which agreements end soon?",
            Self::Custom => "Filter the links myself",
        }
    }
}

/// An answer as a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    /// Column headings.
    pub headings: Vec<String>,
    /// Rows of cells, with the activity a row opens (if any).
    pub rows: Vec<(Vec<String>, Option<ActivityId>)>,
}

impl Answer {
    fn of_flows(rows: Vec<FlowRow>) -> Self {
        Self {
            headings: FlowRow::HEADINGS.iter().map(ToString::to_string).collect(),
            rows: rows.into_iter().map(|row| (row.cells().to_vec(), Some(row.activity_id))).collect(),
        }
    }
}

/// The questions tab's state.
#[derive(Debug, Clone)]
pub struct QuestionsPanel {
    /// The question asked.
    pub question: Question,
    /// The party for [`Question::PartyFlows`].
    pub party: Option<PartyId>,
    /// The days ahead for [`Question::AgreementsEnding`].
    pub days: i64,
    /// The ad-hoc filters.
    pub filter: FlowFilter,
    /// Text typed for the data category filter.
    pub data_category: String,
    /// What "today" is for agreements ending.
    pub today: Date,
    answer: Option<Answer>,
}

impl Default for QuestionsPanel {
    fn default() -> Self {
        Self {
            question: Question::default(),
            party: None,
            days: 90,
            filter: FlowFilter::default(),
            data_category: String::new(),
            today: Date::MIN,
            answer: None,
        }
    }
}

impl QuestionsPanel {
    /// Forgets the answer, so it is worked out again from the register.
    pub fn stale(&mut self) {
        self.answer = None;
    }

    /// The current answer, worked out if out of date.
    pub fn answer(&mut self, register: &Register) -> &Answer {
        let (question, party, days, today) = (self.question, self.party, self.days, self.today);
        let mut filter = self.filter.clone();
        filter.data_category = Some(self.data_category.clone()).filter(|t| !t.trim().is_empty());
        self.answer.get_or_insert_with(|| answer(register, question, party, days, today, &filter))
    }
}

/// Works out the answer to `question`.
fn answer(
    register: &Register,
    question: Question,
    party: Option<PartyId>,
    days: i64,
    today: Date,
    filter: &FlowFilter,
) -> Answer {
    match question {
        Question::SpecialCategoryRecipients => {
            Answer::of_flows(questions::special_category_recipients(register))
        }
        Question::LinksWithoutAgreement => Answer::of_flows(questions::links_without_agreement(register)),
        Question::PartyFlows => {
            Answer::of_flows(party.map_or_else(Vec::new, |id| questions::party_flows(register, id)))
        }
        Question::InternalFeeds => Answer::of_flows(questions::internal_feeds(register)),
        Question::TransfersOutsideUk => transfers(register),
        Question::AgreementsEnding => agreements_ending(register, today, days),
        Question::Custom => Answer::of_flows(questions::filter_rows(register, filter)),
    }
}

fn transfers(register: &Register) -> Answer {
    let rows = questions::transfers_outside_uk(register)
        .into_iter()
        .map(|row| {
            let how = match &row.route {
                TransferRoute::ActivityTransfer { safeguard, detail } => {
                    let safeguard = safeguard.map_or("No safeguard recorded".to_string(), |s| s.label());
                    format!("Transfer on the activity: {safeguard}. {detail}").trim().to_string()
                }
                TransferRoute::Party { .. } => "Recipient outside the UK".to_string(),
            };
            (vec![row.service, row.activity, row.destination, how], Some(row.activity_id))
        })
        .collect();
    Answer { headings: vec!["Service".into(), "Activity".into(), "Destination".into(), "How".into()], rows }
}

fn agreements_ending(register: &Register, today: Date, days: i64) -> Answer {
    let rows = questions::agreements_expiring(register, today, days)
        .into_iter()
        .map(|row| {
            let cells = vec![
                row.title,
                row.kind.label().to_string(),
                row.end.to_string(),
                row.days_left.to_string(),
                row.parties.join("; "),
                row.links.to_string(),
            ];
            (cells, None)
        })
        .collect();
    let headings = ["Agreement", "Kind", "Ends", "Days left", "Parties", "Links relying on it"];
    Answer { headings: headings.iter().map(ToString::to_string).collect(), rows }
}

/// Writes `answer` as CSV (CRLF, quotes where needed, every cell neutralised),
/// atomically.
pub fn write_csv(answer: &Answer, path: &Path) -> ropa::Result<()> {
    let io_error =
        |source| ropa::Error::Io { action: "Writing the flow table", path: path.to_path_buf(), source };
    ropa::fsio::write_atomically(path, |file| {
        let mut writer = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Necessary)
            .terminator(csv::Terminator::CRLF)
            .from_writer(file);
        let csv_error = |error: csv::Error| ropa::Error::Export { message: format!("CSV writer: {error}") };
        writer.write_record(answer.headings.iter().map(|h| neutralise(h).into_owned())).map_err(csv_error)?;
        for (cells, _) in &answer.rows {
            writer.write_record(cells.iter().map(|c| neutralise(c).into_owned())).map_err(csv_error)?;
        }
        writer.flush().map_err(io_error)
    })
}

/// Writes `answer` to the question `title` as a PDF table, atomically.
pub fn write_pdf(title: &str, answer: &Answer, register: &Register, path: &Path) -> ropa::Result<()> {
    use ropa::export::pdf::table_document::{self, TableDocument};
    let rows: Vec<Vec<String>> = answer.rows.iter().map(|(cells, _)| cells.clone()).collect();
    let organisation = register.organisation.controller.name.as_str();
    let note = format!("{} rows, from the register of {}", rows.len(), organisation.trim());
    let document =
        TableDocument { title, note: &note, headings: &answer.headings, rows: &rows, organisation };
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    let bytes = table_document::render(&document, now)?;
    ropa::fsio::write_bytes(path, &bytes, "Writing the flow table")
}

/// Draws the tab.
pub fn ui(ui: &mut egui::Ui, panel: &mut QuestionsPanel, register: &Register, commands: &mut Vec<Command>) {
    egui::Panel::left("flow-questions").resizable(true).default_size(330.0).show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if question_list_ui(ui, panel, register) {
                panel.stale();
            }
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let answer = panel.answer(register).clone();
        ui.horizontal(|ui| {
            ui.strong(panel.question.title());
            ui.label(format!("{} rows", answer.rows.len()));
            if ui.add_enabled(!answer.rows.is_empty(), egui::Button::new("Export CSV…")).clicked() {
                commands.push(Command::ChooseFile(FilePurpose::FlowsCsv));
            }
            if ui.add_enabled(!answer.rows.is_empty(), egui::Button::new("Export PDF…")).clicked() {
                commands.push(Command::ChooseFile(FilePurpose::FlowsPdf));
            }
        });
        ui.separator();
        table_ui(ui, &answer, commands);
    });
}

/// The question list and each question's settings; true when anything changed.
fn question_list_ui(ui: &mut egui::Ui, panel: &mut QuestionsPanel, register: &Register) -> bool {
    let before = (panel.question, panel.party, panel.days, panel.filter.clone(), panel.data_category.clone());
    ui.heading("Questions");
    for question in Question::ALL {
        ui.radio_value(&mut panel.question, question, question.title());
    }
    ui.separator();
    match panel.question {
        Question::PartyFlows => {
            party_combo(ui, "Party", "question-party", &mut panel.party, register);
        }
        Question::AgreementsEnding => {
            ui.horizontal(|ui| {
                let label = ui.label("Days ahead");
                ui.add(egui::DragValue::new(&mut panel.days).range(0..=3650)).labelled_by(label.id);
            });
        }
        Question::Custom => filters_ui(ui, panel, register),
        _ => {}
    }
    before != (panel.question, panel.party, panel.days, panel.filter.clone(), panel.data_category.clone())
}

fn filters_ui(ui: &mut egui::Ui, panel: &mut QuestionsPanel, register: &Register) {
    party_combo(ui, "Party", "filter-party", &mut panel.filter.party, register);
    ui.horizontal(|ui| {
        let label = ui.label("Direction");
        egui::ComboBox::from_id_salt("filter-direction")
            .selected_text(panel.filter.direction.map_or("Either", |d| d.label()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut panel.filter.direction, None, "Either");
                ui.selectable_value(&mut panel.filter.direction, Some(Direction::Source), "Source");
                ui.selectable_value(&mut panel.filter.direction, Some(Direction::Recipient), "Recipient");
            })
            .response
            .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = ui.label("Service");
        let selected = panel.filter.service.map_or("Any", |id| register.service_name(id));
        egui::ComboBox::from_id_salt("filter-service")
            .selected_text(selected)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut panel.filter.service, None, "Any");
                for service in &register.services {
                    ui.selectable_value(&mut panel.filter.service, Some(service.id), &service.fields.name);
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = ui.label("Special category");
        egui::ComboBox::from_id_salt("filter-special")
            .selected_text(panel.filter.special_category.map_or("Any or none", |c| c.title()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut panel.filter.special_category, None, "Any or none");
                for &category in SpecialCategory::ALL {
                    ui.selectable_value(&mut panel.filter.special_category, Some(category), category.title());
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.checkbox(&mut panel.filter.any_special_category, "Only links passing special category data");
    ui.horizontal(|ui| {
        let label = ui.label("Data passed contains");
        ui.text_edit_singleline(&mut panel.data_category).labelled_by(label.id);
    });
}

fn party_combo(ui: &mut egui::Ui, text: &str, id: &str, value: &mut Option<PartyId>, register: &Register) {
    ui.horizontal(|ui| {
        let label = ui.label(text);
        egui::ComboBox::from_id_salt(id)
            .selected_text(value.map_or("Any", |id| register.party_name(id)))
            .width(220.0)
            .height(400.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(value, None, "Any");
                for party in &register.parties {
                    ui.selectable_value(value, Some(party.id), &party.fields.name);
                }
            })
            .response
            .labelled_by(label.id);
    });
}

fn table_ui(ui: &mut egui::Ui, answer: &Answer, commands: &mut Vec<Command>) {
    if answer.rows.is_empty() {
        ui.weak("No rows.");
        return;
    }
    egui::ScrollArea::horizontal().show(ui, |ui| {
        let mut table = TableBuilder::new(ui).striped(true).resizable(true).auto_shrink(false);
        for _ in &answer.headings {
            table = table.column(Column::initial(150.0).at_least(60.0).clip(true));
        }
        table
            .header(22.0, |mut header| {
                for heading in &answer.headings {
                    header.col(|ui| {
                        ui.strong(heading);
                    });
                }
            })
            .body(|body| {
                body.rows(20.0, answer.rows.len(), |mut row| {
                    let (cells, activity) = &answer.rows[row.index()];
                    for (i, cell) in cells.iter().enumerate() {
                        row.col(|ui| {
                            let opens =
                                activity.filter(|_| answer.headings.get(i).is_some_and(|h| h == "Activity"));
                            match opens {
                                Some(id) => {
                                    if ui.link(cell).on_hover_text("Open the activity").clicked() {
                                        commands.push(Command::OpenActivity(id));
                                    }
                                }
                                None => {
                                    ui.label(cell).on_hover_text(cell);
                                }
                            }
                        });
                    }
                });
            });
    });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn exported_cells_cannot_run_as_spreadsheet_formulas() {
        let answer = Answer {
            headings: vec!["Party".into(), "Data passed".into()],
            rows: vec![(vec!["=HYPERLINK(\"http://x\")".into(), "Names, \"aliases\"".into()], None)],
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_csv(&answer, &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[0], "'=HYPERLINK(\"http://x\")");
        assert_eq!(&row[1], "Names, \"aliases\"");
    }
}
