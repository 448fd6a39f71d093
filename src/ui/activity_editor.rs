//! The activity editor: every Article 30 item in the order of the Article, edited
//! as a draft with Save, Revert and Delete. Nothing is written until the app runs
//! the [`Command`] the editor pushes.

use crate::ui::dialog_keys::enter_confirms;
use ropa::law::{
    Article9Condition, DATA_PROTECTION_TEST, LAW_CURRENT_TO, LawfulBasis, LegalItem,
    RecognisedLegitimateInterest, STORAGE_LIMITATION, Schedule1Condition, Schedule1Part, SpecialCategory,
    TransferSafeguard,
};
use ropa::model::{
    Activity, ActivityFields, ActivityId, ActivityStatus, Date, Link, LinkDraft, Register, Retention, Role,
    ServiceId, Transfer,
};

use ropa::checks::{Field, Finding};
use ropa::store::ActivityRecord;

use super::app::{Command, Page};
use super::field_notes::FieldNotes;
use super::links_editor::{self, LinkQueries};
use super::register_view::Suggestions;
use super::widgets::{
    self, DateText, date_field_ui, dated_label, dated_quote, form_row, legal_checkboxes_on, list_editor_ui,
    multiline_row, optional_detail_row, section_heading, text_row,
};

/// An activity as edited: its fields and links, with the id and version it was
/// read at (`None` for a new activity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityDraft {
    /// The stored activity this edits, if any.
    pub id: Option<ActivityId>,
    /// The version it was read at.
    pub version: i64,
    /// What the record will say.
    pub fields: ActivityFields,
    /// Its sources and recipients.
    pub links: Vec<LinkDraft>,
}

/// The dates typed into the editor, kept as text so that a half-typed date is not lost.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct DateTexts {
    last_reviewed: DateText,
    next_review_due: DateText,
}

impl DateTexts {
    fn of(fields: &ActivityFields) -> Self {
        Self {
            last_reviewed: DateText::from_date(fields.last_reviewed),
            next_review_due: DateText::from_date(fields.next_review_due),
        }
    }
}

/// The editor's state: the draft, what was last saved, and the typing in progress.
#[derive(Debug, Clone)]
pub struct ActivityEditor {
    draft: ActivityDraft,
    saved: ActivityDraft,
    dates: DateTexts,
    saved_dates: DateTexts,
    new_service: String,
    queries: LinkQueries,
    confirm_delete: bool,
    /// The last save's failure (a conflict, a duplicate name), shown above the form.
    problem: Option<String>,
    /// Whether the last save failed because someone else saved the activity first.
    in_conflict: bool,
    /// The open findings of the checks, shown beside their fields.
    notes: FieldNotes,
    /// Put the keyboard in the name field on the next frame (a new activity).
    focus_name: bool,
    /// The day whose law the editor offers and quotes: values in force that day
    /// are offered; a saved value not in force stays shown, marked.
    law_day: Date,
}

impl ActivityEditor {
    /// An editor on the stored `activity` with its `links`.
    pub fn open(activity: &Activity, links: &[&Link]) -> Self {
        let draft = ActivityDraft {
            id: Some(activity.id),
            version: activity.version,
            fields: activity.fields.clone(),
            links: links
                .iter()
                .map(|link| LinkDraft { id: Some(link.id), fields: link.fields.clone() })
                .collect(),
        };
        Self::with_draft(draft)
    }

    /// An editor on a new activity in `service_id`, due for review `next_review` from now.
    pub fn new_activity(service_id: ServiceId, next_review_due: Option<ropa::model::Date>) -> Self {
        let mut fields = ActivityFields::new(service_id, "");
        fields.next_review_due = next_review_due;
        let editor = Self::with_draft(ActivityDraft { id: None, version: 0, fields, links: Vec::new() });
        Self { focus_name: true, ..editor }
    }

    /// The editor on `register`'s activity `id`, if it exists.
    pub fn open_in(register: &Register, id: ActivityId) -> Option<Self> {
        let activity = register.activity(id)?;
        let links: Vec<&Link> = register.links.iter().filter(|link| link.activity_id == id).collect();
        Some(Self::open(activity, &links))
    }

    fn with_draft(draft: ActivityDraft) -> Self {
        let dates = DateTexts::of(&draft.fields);
        Self {
            saved: draft.clone(),
            draft,
            saved_dates: dates.clone(),
            dates,
            new_service: String::new(),
            queries: LinkQueries::default(),
            confirm_delete: false,
            problem: None,
            in_conflict: false,
            notes: FieldNotes::default(),
            focus_name: false,
            law_day: LAW_CURRENT_TO,
        }
    }

    /// Offers and quotes the law as in force on `day` (the app's today); until
    /// set, the law as at the date the register's tables are current to.
    pub fn set_law_day(&mut self, day: Date) {
        self.law_day = day;
    }

    /// Shows `findings` beside their fields; `focus`, if any, is highlighted and scrolled to.
    pub fn set_findings(&mut self, findings: Vec<Finding>, focus: Option<Field>) {
        self.notes = FieldNotes::new(findings, focus);
    }

    /// The field highlighted from the Checks page, if any.
    pub fn focused_field(&self) -> Option<Field> {
        self.notes.focus()
    }

    /// The draft as edited (tests and the history panel read it).
    #[cfg(test)]
    pub fn draft(&self) -> &ActivityDraft {
        &self.draft
    }

    /// Loads an earlier version of the record into the draft, to be saved as a new
    /// change. Links that no longer exist come back as new links.
    pub fn load_version(&mut self, record: &ActivityRecord) {
        let stored: Vec<_> = self.saved.links.iter().filter_map(|link| link.id).collect();
        self.draft.fields = record.activity.fields.clone();
        self.draft.links = record
            .links
            .iter()
            .map(|link| LinkDraft {
                id: Some(link.id).filter(|id| stored.contains(id)),
                fields: link.fields.clone(),
            })
            .collect();
        self.dates = DateTexts::of(&self.draft.fields);
        self.problem = None;
    }

    /// The activity edited, if it is stored.
    pub fn activity_id(&self) -> Option<ActivityId> {
        self.draft.id
    }

    /// Whether the draft differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.draft != self.saved || self.dates != self.saved_dates
    }

    /// Puts the draft back to what was last saved.
    pub fn revert(&mut self) {
        self.draft = self.saved.clone();
        self.dates = self.saved_dates.clone();
        self.problem = None;
    }

    /// Adds a link to `party_id` (used after a party is created from the editor).
    pub fn add_link(&mut self, link: LinkDraft) {
        self.draft.links.push(link);
    }

    /// Records why the last save failed, to show above the form.
    pub fn set_problem(&mut self, error: &ropa::Error) {
        self.problem = Some(error.to_string());
        self.in_conflict = matches!(error, ropa::Error::Conflict { .. });
    }

    /// Chooses the service that carries out the activity.
    pub fn set_service(&mut self, service_id: ServiceId) {
        self.draft.fields.service_id = service_id;
    }

    /// Why the draft cannot be saved yet, in the words shown beside Save.
    pub fn problems(&self, register: &Register) -> Vec<String> {
        let mut problems = Vec::new();
        if self.draft.fields.name.trim().is_empty() {
            problems.push("Give the activity a name".to_owned());
        }
        if register.service(self.draft.fields.service_id).is_none() {
            problems.push("Choose or add the service that carries out the activity".to_owned());
        }
        for (label, date) in self.date_fields() {
            if let Err(problem) = date.parse() {
                problems.push(format!("{label}: {problem}"));
            }
        }
        problems
    }

    fn date_fields(&self) -> [(&'static str, &DateText); 2] {
        [("Last reviewed", &self.dates.last_reviewed), ("Next review due", &self.dates.next_review_due)]
    }

    /// The draft with its typed dates read in, ready to save; `None` if a date
    /// cannot be read.
    pub fn draft_to_save(&self) -> Option<ActivityDraft> {
        let mut draft = self.draft.clone();
        draft.fields.last_reviewed = self.dates.last_reviewed.parse().ok()?;
        draft.fields.next_review_due = self.dates.next_review_due.parse().ok()?;
        draft.fields.name = draft.fields.name.trim().to_owned();
        Some(draft)
    }
}

/// Draws the editor and handles Ctrl+S.
pub fn ui(
    ui: &mut egui::Ui,
    editor: &mut ActivityEditor,
    register: &Register,
    suggestions: &Suggestions,
    commands: &mut Vec<Command>,
) {
    let problems = editor.problems(register);
    let save_shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);
    let save_pressed = ui.input_mut(|input| input.consume_shortcut(&save_shortcut));
    toolbar_ui(ui, editor, &problems, save_pressed, commands);
    conflict_ui(ui, editor, commands);
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.set_max_width(ui.available_width().min(980.0));
        identity_section(ui, editor, register, commands);
        let notes = &editor.notes;
        let day = editor.law_day;
        notes.ui(ui, &[Field::Role]);
        purposes_section(ui, &mut editor.draft.fields, suggestions, notes, day);
        data_section(ui, &mut editor.draft.fields, suggestions, notes, day);
        section_heading(ui, "Recipients and sources", "Art 30(1)(d)");
        notes.ui(ui, &[Field::Links, Field::AgreementReviewDue, Field::AgreementEnd]);
        links_editor::ui(ui, &mut editor.draft.links, &mut editor.queries, register, suggestions, commands);
        transfers_section(ui, &mut editor.draft.fields.transfers, day);
        notes.ui(ui, &[Field::Transfers]);
        retention_section(ui, &mut editor.draft.fields, notes);
        security_section(ui, &mut editor.draft.fields, suggestions);
        notes.ui(ui, &[Field::SecurityMeasures]);
        accountability_section(ui, editor, register, commands);
        ui.add_space(24.0);
    });
    delete_confirmation_ui(ui, editor, commands);
}

fn toolbar_ui(
    ui: &mut egui::Ui,
    editor: &mut ActivityEditor,
    problems: &[String],
    save_pressed: bool,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if ui.button("Back to the register").clicked() {
            commands.push(Command::Navigate(Page::Register));
        }
        let title = if editor.draft.fields.name.trim().is_empty() {
            "New activity".to_owned()
        } else {
            editor.draft.fields.name.clone()
        };
        ui.heading(title);
        if editor.is_dirty() {
            ui.weak("unsaved changes");
        }
    });
    ui.horizontal_wrapped(|ui| {
        let can_save = problems.is_empty() && editor.is_dirty();
        let save = ui
            .add_enabled(can_save, egui::Button::new("Save").shortcut_text("Ctrl+S"))
            .accessible_name("Save");
        if (save.clicked() || (save_pressed && can_save))
            && let Some(draft) = editor.draft_to_save()
        {
            commands.push(Command::SaveActivity(Box::new(draft)));
        }
        if ui.add_enabled(editor.is_dirty(), egui::Button::new("Revert")).clicked() {
            editor.revert();
        }
        if editor.draft.id.is_some() && ui.button("Delete…").clicked() {
            editor.confirm_delete = true;
        }
        if editor.draft.id.is_some() && ui.button("History").clicked() {
            commands.push(Command::ToggleHistory);
        }
        if let Some(first) = problems.first() {
            ui.colored_label(widgets::problem_color(ui), format!("Cannot save yet: {first}"));
        }
    });
}

/// The last save's failure, and after a conflict the two ways forward.
fn conflict_ui(ui: &mut egui::Ui, editor: &ActivityEditor, commands: &mut Vec<Command>) {
    let Some(problem) = &editor.problem else {
        return;
    };
    ui.colored_label(widgets::problem_color(ui), problem);
    let (true, Some(id)) = (editor.in_conflict, editor.draft.id) else {
        return;
    };
    ui.horizontal(|ui| {
        if ui.button("Keep my edits and save over theirs").clicked()
            && let Some(draft) = editor.draft_to_save()
        {
            commands.push(Command::OverwriteActivity(Box::new(draft)));
        }
        if ui.button("Load their version (drop my edits)").clicked() {
            commands.push(Command::ReloadActivity(id));
        }
    });
}

fn delete_confirmation_ui(ui: &mut egui::Ui, editor: &mut ActivityEditor, commands: &mut Vec<Command>) {
    let (true, Some(id)) = (editor.confirm_delete, editor.draft.id) else {
        return;
    };
    let name = editor.saved.fields.name.clone();
    let dialog = egui::Id::unique("confirm-delete-activity");
    let modal = egui::Modal::new(dialog).show(ui.ctx(), |ui| {
        let enter = enter_confirms(ui, dialog);
        ui.set_max_width(ui.available_width().min(420.0));
        ui.heading("Delete this activity?");
        ui.label(format!("\"{name}\" and its sources and recipients will be removed from the register."));
        ui.label("You can undo this straight after.");
        ui.horizontal(|ui| {
            if ui.button("Delete activity").clicked() || enter {
                commands.push(Command::DeleteActivity(id));
                editor.confirm_delete = false;
            }
            if ui.button("Keep it").clicked() {
                editor.confirm_delete = false;
            }
        });
    });
    if modal.should_close() {
        editor.confirm_delete = false;
    }
}

fn identity_section(
    ui: &mut egui::Ui,
    editor: &mut ActivityEditor,
    register: &Register,
    commands: &mut Vec<Command>,
) {
    section_heading(ui, "The processing activity", "Art 30(1)(a)");
    let focus_name = std::mem::take(&mut editor.focus_name);
    let fields = &mut editor.draft.fields;
    form_row(ui, "Service", |ui, label_id| {
        let selected = register.service_name(fields.service_id).to_owned();
        let response = egui::ComboBox::from_id_salt("activity-service")
            .selected_text(if selected.is_empty() { "Choose a service".to_owned() } else { selected })
            .width(260.0)
            .show_ui(ui, |ui| {
                for service in &register.services {
                    ui.selectable_value(&mut fields.service_id, service.id, &service.fields.name);
                }
            })
            .response;
        response.labelled_by(label_id);
        ui.add(
            egui::TextEdit::singleline(&mut editor.new_service).hint_text("new service").desired_width(160.0),
        )
        .accessible_name("New service name");
        if ui.add_enabled(!editor.new_service.trim().is_empty(), egui::Button::new("Add service")).clicked() {
            commands.push(Command::AddService(editor.new_service.trim().to_owned()));
            editor.new_service.clear();
        }
    });
    let name_problem = fields.name.trim().is_empty();
    form_row(ui, "Name of the activity", |ui, label_id| {
        let response = ui
            .add(egui::TextEdit::singleline(&mut fields.name).desired_width(f32::INFINITY))
            .labelled_by(label_id);
        if focus_name {
            response.request_focus();
        }
    });
    if name_problem {
        indented_problem(ui, "A name is required.");
    }
    multiline_row(ui, "Description", &mut fields.description);
    text_row(ui, "Activity owner", &mut fields.owner);
    form_row(ui, "Status", |ui, label_id| {
        choice_combo(ui, "activity-status", label_id, &mut fields.status, ActivityStatus::ALL, |s| s.label());
    });
    role_ui(ui, &mut fields.role);
}

fn indented_problem(ui: &mut egui::Ui, problem: &str) {
    ui.horizontal(|ui| {
        ui.add_space(widgets::LABEL_WIDTH + ui.spacing().item_spacing.x);
        ui.colored_label(widgets::problem_color(ui), problem);
    });
}

/// A combo box over a closed list of choices, named by the label `label_id`.
pub fn choice_combo<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id_salt: &str,
    label_id: egui::Id,
    value: &mut T,
    choices: &[T],
    label: impl Fn(T) -> &'static str,
) -> bool {
    let before = *value;
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(label(*value))
        .width(260.0)
        .show_ui(ui, |ui| {
            for &choice in choices {
                ui.selectable_value(value, choice, label(choice));
            }
        })
        .response
        .labelled_by(label_id);
    *value != before
}

fn role_ui(ui: &mut egui::Ui, role: &mut Role) {
    form_row(ui, "Our role", |ui, label_id| {
        egui::ComboBox::from_id_salt("activity-role")
            .selected_text(role.label())
            .width(260.0)
            .show_ui(ui, |ui| {
                let choices = [
                    Role::Controller,
                    Role::JointController { with: String::new(), lead: String::new() },
                    Role::Processor { for_controller: String::new() },
                ];
                for choice in choices {
                    let selected = role.code() == choice.code();
                    if ui.selectable_label(selected, choice.label()).clicked() && !selected {
                        *role = choice;
                    }
                }
            })
            .response
            .labelled_by(label_id);
    });
    match role {
        Role::Controller => {}
        Role::JointController { with, lead } => {
            text_row(ui, "Joint controllers (with contact details)", with);
            text_row(ui, "Lead partner", lead);
        }
        Role::Processor { for_controller } => {
            text_row(ui, "Controller we process for", for_controller);
        }
    }
}

fn purposes_section(
    ui: &mut egui::Ui,
    fields: &mut ActivityFields,
    suggestions: &Suggestions,
    notes: &FieldNotes,
    day: Date,
) {
    section_heading(ui, "Purposes of the processing", "Art 30(1)(b)");
    list_editor_ui(ui, "Purposes", &mut fields.purposes, &suggestions.purposes);
    notes.ui(ui, &[Field::Purposes]);
    form_row(ui, "Lawful basis (Art 6(1))", |ui, _| {
        ui.vertical(|ui| legal_checkboxes_on(ui, LawfulBasis::ALL, &mut fields.lawful_bases, day));
    });
    if fields.lawful_bases.contains(&LawfulBasis::RecognisedLegitimateInterest)
        || fields.recognised_legitimate_interest.is_some()
    {
        annex1_condition_row(ui, &mut fields.recognised_legitimate_interest, day);
    }
    notes.ui(ui, &[Field::LawfulBases, Field::ConsentRecord]);
    if fields.lawful_bases.contains(&LawfulBasis::LegitimateInterests) {
        text_row(ui, "Legitimate interests pursued", &mut fields.legitimate_interests);
        text_row(ui, "Legitimate interests assessment", &mut fields.legitimate_interests_assessment);
    }
    if fields.lawful_bases.contains(&LawfulBasis::Consent) {
        text_row(ui, "Record of consent", &mut fields.consent_record);
    }
    list_editor_ui(ui, "Legislation", &mut fields.legislation, &suggestions.legislation);
    if !fields.unrecognised_citations.is_empty() {
        list_editor_ui(ui, "Citations not recognised", &mut fields.unrecognised_citations, &[]);
    }
    notes.ui(ui, &[Field::UnrecognisedCitations]);
}

/// The label of the Annex 1 condition's field, in the words of Art 6(5).
pub const ANNEX1_LABEL: &str = "Annex 1 condition met (Art 6(5))";

/// The UK GDPR Annex 1 condition a recognised legitimate interest meets: the
/// conditions in force on `day`, and the saved one, marked, if it is not.
fn annex1_condition_row(ui: &mut egui::Ui, value: &mut Option<RecognisedLegitimateInterest>, day: Date) {
    form_row(ui, ANNEX1_LABEL, |ui, label_id| {
        let offered = offered_with(RecognisedLegitimateInterest::offered_on(day), *value);
        egui::ComboBox::from_id_salt("annex1-condition")
            .selected_text(value.map_or("Not recorded".to_owned(), |c| dated_label(c, day)))
            .width(420.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(value, None, "Not recorded");
                for condition in offered {
                    ui.selectable_value(value, Some(condition), dated_label(condition, day))
                        .on_hover_text(dated_quote(condition, day));
                }
            })
            .response
            .on_hover_text(
                "UK GDPR Art 6(5): \"processing is necessary for the purposes of a recognised legitimate interest only if it meets a condition in Annex 1\" (in force from 5 February 2026)",
            )
            .labelled_by(label_id);
    });
}

/// The values in force (`offered`), with `saved` added at the end when it is not
/// among them: a saved value is shown, never silently dropped.
fn offered_with<T: LegalItem>(mut offered: Vec<T>, saved: Option<T>) -> Vec<T> {
    if let Some(saved) = saved
        && !offered.contains(&saved)
    {
        offered.push(saved);
    }
    offered
}

fn data_section(
    ui: &mut egui::Ui,
    fields: &mut ActivityFields,
    suggestions: &Suggestions,
    notes: &FieldNotes,
    day: Date,
) {
    section_heading(ui, "Categories of data subjects and of personal data", "Art 30(1)(c)");
    list_editor_ui(ui, "Data subjects", &mut fields.data_subjects, &suggestions.data_subjects);
    notes.ui(ui, &[Field::DataSubjects]);
    list_editor_ui(ui, "Personal data", &mut fields.personal_data, &suggestions.personal_data);
    notes.ui(ui, &[Field::PersonalData]);
    form_row(ui, "Special category data (Art 9(1))", |ui, _| {
        ui.vertical(|ui| legal_checkboxes_on(ui, SpecialCategory::ALL, &mut fields.special_categories, day));
    });
    notes.ui(ui, &[Field::SpecialCategories]);
    if !fields.other_special_items.is_empty() {
        list_editor_ui(ui, "Recorded as special but not in Art 9(1)", &mut fields.other_special_items, &[]);
    }
    notes.ui(ui, &[Field::OtherSpecialItems]);
    if !fields.special_categories.is_empty() || !fields.article9_conditions.is_empty() {
        form_row(ui, "Condition (Art 9(2))", |ui, _| {
            ui.vertical(|ui| {
                legal_checkboxes_on(ui, Article9Condition::ALL, &mut fields.article9_conditions, day)
            });
        });
    }
    notes.ui(ui, &[Field::Article9Conditions]);
    optional_detail_row(
        ui,
        "Criminal offence data (Art 10)",
        "Criminal offence data",
        &mut fields.criminal_offence_data,
    );
    notes.ui(ui, &[Field::CriminalOffenceData]);
    let needs_schedule1 = !fields.special_categories.is_empty()
        || fields.criminal_offence_data.is_some()
        || !fields.schedule1_conditions.is_empty();
    if needs_schedule1 {
        egui::CollapsingHeader::new("DPA 2018 Schedule 1 conditions")
            .default_open(!fields.schedule1_conditions.is_empty())
            .show(ui, |ui| {
                for part in [Schedule1Part::Part1, Schedule1Part::Part2, Schedule1Part::Part3] {
                    ui.weak(part.heading());
                    let choices: Vec<Schedule1Condition> =
                        Schedule1Condition::ALL.iter().copied().filter(|c| c.part() == part).collect();
                    widgets::legal_checkboxes_on(ui, &choices, &mut fields.schedule1_conditions, day);
                }
            });
    }
    notes.ui(ui, &[Field::Schedule1Conditions]);
}

fn transfers_section(ui: &mut egui::Ui, transfers: &mut Vec<Transfer>, day: Date) {
    section_heading(ui, "Transfers to third countries or international organisations", "Art 30(1)(e)");
    let mut remove = None;
    for (index, transfer) in transfers.iter_mut().enumerate() {
        let number = index + 1;
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut transfer.destination).hint_text("country or organisation"),
            )
            .accessible_name(format!("Transfer {number} destination"));
            egui::ComboBox::from_id_salt(("transfer-safeguard", index))
                .selected_text(
                    transfer.safeguard.map_or("Safeguard not recorded".to_owned(), |s| dated_label(s, day)),
                )
                .width(300.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut transfer.safeguard, None, "Not recorded");
                    for safeguard in offered_with(TransferSafeguard::offered_on(day), transfer.safeguard) {
                        ui.selectable_value(
                            &mut transfer.safeguard,
                            Some(safeguard),
                            dated_label(safeguard, day),
                        )
                        .on_hover_text(dated_quote(safeguard, day));
                    }
                })
                .response
                .accessible_name(format!("Transfer {number} safeguard"));
            if ui.small_button("×").accessible_name(format!("Remove transfer {number}")).clicked() {
                remove = Some(index);
            }
        });
        text_row(ui, &format!("Transfer {number} documentation"), &mut transfer.detail);
        let tested = transfer.safeguard.is_some_and(|s| s.needs_data_protection_test(day));
        if tested || transfer.data_protection_test_met.is_some() {
            data_protection_test_row(ui, number, &mut transfer.data_protection_test_met, day);
        }
    }
    if let Some(index) = remove {
        transfers.remove(index);
    }
    if ui.button("Add a transfer").clicked() {
        transfers.push(Transfer {
            destination: String::new(),
            safeguard: None,
            detail: String::new(),
            data_protection_test_met: None,
        });
    }
}

fn retention_section(ui: &mut egui::Ui, fields: &mut ActivityFields, notes: &FieldNotes) {
    section_heading(ui, "Time limits for erasure", "Art 30(1)(f)");
    form_row(ui, "Retention", |ui, label_id| {
        let kinds = [
            ("not_stated", "Not stated"),
            ("period", "A period"),
            ("event", "Until an event"),
            ("schedule", "Retention schedule"),
        ];
        let current = kinds.iter().find(|(code, _)| *code == fields.retention.code()).map_or("", |(_, l)| l);
        egui::ComboBox::from_id_salt("retention-kind")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (code, label) in kinds {
                    if ui.selectable_label(fields.retention.code() == code, label).clicked()
                        && fields.retention.code() != code
                    {
                        fields.retention = match code {
                            "period" => Retention::Period { months: 12, from: String::new() },
                            "event" => Retention::Event { event: String::new() },
                            "schedule" => Retention::Schedule { reference: String::new() },
                            _ => Retention::NotStated,
                        };
                    }
                }
            })
            .response
            .labelled_by(label_id);
    });
    match &mut fields.retention {
        Retention::NotStated => {}
        Retention::Period { months, from } => {
            form_row(ui, "Period in months", |ui, label_id| {
                ui.add(egui::DragValue::new(months).range(1..=1200)).labelled_by(label_id);
                ui.weak(Retention::Period { months: *months, from: String::new() }.describe());
            });
            text_row(ui, "From (what starts the clock)", from);
        }
        Retention::Event { event } => {
            text_row(ui, "Until", event);
        }
        Retention::Schedule { reference } => {
            text_row(ui, "Retention schedule reference", reference);
        }
    }
    form_row(ui, RETENTION_REASON_LABEL, |ui, label_id| {
        ui.add(egui::TextEdit::singleline(&mut fields.retention_reason).desired_width(f32::INFINITY))
            .on_hover_text(STORAGE_LIMITATION.quoted())
            .labelled_by(label_id);
    });
    notes.ui(ui, &[Field::Retention]);
    text_row(ui, "Retention and erasure policy", &mut fields.policy_document);
    notes.ui(ui, &[Field::PolicyDocument]);
    yes_no_row(
        ui,
        "Kept and erased in line with the policy",
        "retained-per-policy",
        &mut fields.retained_per_policy,
    );
    if fields.retained_per_policy == Some(false) {
        text_row(ui, "Why not", &mut fields.policy_exceptions);
    }
}

/// The label of the retention reason's field, after the storage limitation
/// principle (Art 5(1)(e)): no longer than is necessary, and why.
pub const RETENTION_REASON_LABEL: &str = "Why it is kept this long (Art 5(1)(e))";

/// The label of transfer `number`'s data protection test, in the words of Art 46(1A).
pub fn data_protection_test_label(number: usize) -> String {
    format!("Transfer {number}: data protection test met (Art 46(1A))")
}

/// Whether the controller considers the data protection test met for one
/// transfer; marked when the test is not law on `day` (a value saved then is kept).
fn data_protection_test_row(ui: &mut egui::Ui, number: usize, value: &mut Option<bool>, day: Date) {
    let mut label = data_protection_test_label(number);
    if !DATA_PROTECTION_TEST.in_force.on(day) {
        label.push_str(&format!(" (not in force on {})", ropa::law::long_date(day)));
    }
    form_row(ui, &label, |ui, label_id| {
        let text = |value: Option<bool>| match value {
            None => "Not recorded",
            Some(true) => "Yes: considered met",
            Some(false) => "No: not met",
        };
        egui::ComboBox::from_id_salt(("transfer-data-protection-test", number))
            .selected_text(text(*value))
            .show_ui(ui, |ui| {
                for choice in [None, Some(true), Some(false)] {
                    ui.selectable_value(value, choice, text(choice));
                }
            })
            .response
            .on_hover_text(DATA_PROTECTION_TEST.quoted())
            .labelled_by(label_id);
    });
}

fn yes_no_row(ui: &mut egui::Ui, label: &str, id_salt: &str, value: &mut Option<bool>) {
    form_row(ui, label, |ui, label_id| {
        let text = |value: Option<bool>| match value {
            None => "Not known",
            Some(true) => "Yes",
            Some(false) => "No",
        };
        egui::ComboBox::from_id_salt(id_salt)
            .selected_text(text(*value))
            .show_ui(ui, |ui| {
                for choice in [None, Some(true), Some(false)] {
                    ui.selectable_value(value, choice, text(choice));
                }
            })
            .response
            .labelled_by(label_id);
    });
}

fn security_section(ui: &mut egui::Ui, fields: &mut ActivityFields, suggestions: &Suggestions) {
    section_heading(ui, "Technical and organisational security measures", "Art 30(1)(g)");
    multiline_row(ui, "Security measures", &mut fields.security_measures);
    list_editor_ui(ui, "Information assets holding the data", &mut fields.systems, &suggestions.systems);
}

fn accountability_section(
    ui: &mut egui::Ui,
    editor: &mut ActivityEditor,
    register: &Register,
    commands: &mut Vec<Command>,
) {
    let id = editor.draft.id;
    let ActivityEditor { draft, dates, notes, .. } = editor;
    let fields = &mut draft.fields;
    section_heading(ui, "Accountability", "Art 5(2), 22, 35");
    optional_detail_row(
        ui,
        "Automated decision-making, including profiling (Art 22)",
        "How decisions are made",
        &mut fields.automated_decision_making,
    );
    notes.ui(ui, &[Field::AutomatedDecisionMaking]);
    dpias_block_ui(ui, register, id, commands);
    notes.ui(ui, &[Field::Dpia]);
    optional_detail_row(ui, "A personal data breach has occurred", "Breach record", &mut fields.breach);
    date_field_ui(ui, "Last reviewed", &mut dates.last_reviewed);
    date_field_ui(ui, "Next review due", &mut dates.next_review_due);
    notes.ui(ui, &[Field::NextReviewDue]);
}

/// The label of the activity's DPIAs, read-only in the editor.
pub const DPIAS_LABEL: &str = "Data protection impact assessments (Art 35)";

/// The DPIAs covering the saved activity `id`, read-only (they are edited on
/// the DPIAs page), each with a way there; and a new DPIA for it.
fn dpias_block_ui(
    ui: &mut egui::Ui,
    register: &Register,
    id: Option<ActivityId>,
    commands: &mut Vec<Command>,
) {
    let law = "UK GDPR Art 35(1): where processing is likely to result in a high risk to the rights and freedoms of natural persons, the controller shall, prior to the processing, carry out an assessment of its impact. DPIAs are kept on the DPIAs page; one may cover several activities.";
    widgets::cited_row(ui, DPIAS_LABEL, law, |ui, _| {
        ui.vertical(|ui| {
            let mut covered = id.into_iter().flat_map(|id| register.dpias_covering(id)).peekable();
            if covered.peek().is_none() {
                ui.weak("No DPIA covers this activity.");
            }
            for dpia in covered {
                dpia_summary_ui(ui, dpia, commands);
            }
            match id {
                Some(id) => {
                    if ui.button("New DPIA for this activity").clicked() {
                        commands.push(Command::NewDpiaFor(id));
                    }
                }
                None => {
                    ui.weak("Save the activity to start a DPIA for it.");
                }
            }
        });
    });
}

/// One DPIA covering the activity: its title, stage and screening, its
/// document, and "Open on the DPIAs page".
fn dpia_summary_ui(ui: &mut egui::Ui, dpia: &ropa::model::Dpia, commands: &mut Vec<Command>) {
    let f = &dpia.fields;
    ui.horizontal_wrapped(|ui| {
        ui.strong(f.title.trim());
        ui.weak(format!("{} · {}", f.status.label(), f.screening.label()));
        let open = ui.button("Open on the DPIAs page");
        if open.accessible_name(format!("Open {} on the DPIAs page", f.title.trim())).clicked() {
            commands.push(Command::OpenDpia(dpia.id));
        }
    });
    let document = f.document.trim();
    if !document.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.weak("Document");
            ui.add(egui::Label::new(document).selectable(true));
        });
    }
}

#[cfg(test)]
#[path = "activity_editor_tests.rs"]
mod tests;
