//! The DPIAs page: the register's data protection impact assessments (UK GDPR
//! Arts 35-36), each with its stage, what screening decided, the residual risk,
//! the prior consultation of the ICO, its dates and document, and the activities
//! it covers. The list can be narrowed to the DPIAs whose review is due; an
//! overdue review is shown in the theme's warning colour. An activity's editor
//! shows the DPIAs covering it and starts a new one for it.

use std::collections::HashMap;

use ropa::model::{
    Activity, ActivityId, Date, Dpia, DpiaFields, DpiaId, DpiaStatus, IcoConsultation, Register,
    ResidualRisk, Screening,
};

use super::app::{Command, SnapshotPage};
use super::dialog_keys::enter_confirms;
use super::widgets::{
    self, DateText, cited_date_field_ui, cited_row, multiline_row, section_heading, shown_date,
};

/// How many days ahead "Only reviews due" looks.
pub const REVIEW_NOTICE_DAYS: i64 = 30;

/// The label of the screening question, in the words of Art 35.
pub const SCREENING_LABEL: &str = "Is a DPIA required? (UK GDPR Art 35(1), (3), (4))";
/// The label of the residual risk.
pub const RISK_LABEL: &str = "Residual risk after the measures (Art 35(7)(d))";
/// The label of the prior consultation of the ICO.
pub const ICO_LABEL: &str = "Prior consultation of the ICO (Art 36(1))";
/// The label of the date the DPIA started.
pub const STARTED_LABEL: &str = "Date started";
/// The label of the date the DPIA was completed.
pub const COMPLETED_LABEL: &str = "Date completed";
/// The label of the next review date, after Art 35(11).
pub const NEXT_REVIEW_LABEL: &str = "Next review (Art 35(11))";
/// The label of the box that finds an activity to cover.
pub const ADD_ACTIVITY_LABEL: &str = "Add an activity covered";

const STAGE_LAW: &str = "UK GDPR Art 35(1): the controller shall, prior to the processing, carry out an assessment of the impact of the envisaged processing operations on the protection of personal data. Art 35(2): the controller shall seek the advice of the data protection officer, where designated, when carrying out a DPIA.";
const SCREENING_LAW: &str = "UK GDPR Art 35(1): a DPIA is required where a type of processing, in particular using new technologies, is likely to result in a high risk to the rights and freedoms of natural persons. Art 35(3) names cases where it is always required (systematic and extensive profiling with significant effects, large-scale special category or criminal offence data, large-scale monitoring of a publicly accessible area); Art 35(4): the ICO's published list of processing operations that require one.";
const RISK_LAW: &str = "UK GDPR Art 35(7)(c), (d): the assessment of the risks to the rights and freedoms of data subjects, and the measures envisaged to address them. Prior consultation (Art 36(1)): the controller must consult the ICO before processing where the DPIA indicates a high risk in the absence of mitigating measures.";
const ICO_LAW: &str = "Prior consultation (Art 36(1)): the controller must consult the ICO before processing where the DPIA indicates a high risk in the absence of mitigating measures.";
const STARTED_LAW: &str = "UK GDPR Art 35(1): the assessment is carried out prior to the processing.";
const COMPLETED_LAW: &str =
    "UK GDPR Art 35(1), (7): the date the assessment was written and its measures settled.";
pub const NEXT_REVIEW_LAW: &str = "UK GDPR Art 35(11): where necessary, the controller shall carry out a review to assess if processing is performed in accordance with the DPIA, at least when there is a change of the risk represented by processing operations.";
const DOCUMENT_LAW: &str = "UK GDPR Art 5(2), Art 24(1): the controller must be able to demonstrate compliance; name or link the assessment itself.";
const COVERAGE_LAW: &str = "UK GDPR Art 35(1): a single assessment may address a set of similar processing operations that present similar high risks. Art 35(7)(a): a systematic description of the envisaged processing operations and their purposes.";

/// How many activities the add picker offers at once.
const PICK_LIMIT: usize = 8;

/// A DPIA as edited (`id` is `None` for a new DPIA).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DpiaDraft {
    /// The stored DPIA, if any.
    pub id: Option<DpiaId>,
    /// The version it was read at.
    pub version: i64,
    /// What the record will say.
    pub fields: DpiaFields,
}

impl DpiaDraft {
    fn stored(dpia: &Dpia) -> Self {
        Self { id: Some(dpia.id), version: dpia.version, fields: dpia.fields.clone() }
    }
}

/// The DPIA's dates as typed, kept as text so that a half-typed date is not lost.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct DpiaDates {
    started: DateText,
    completed: DateText,
    next_review: DateText,
}

impl DpiaDates {
    fn of(fields: &DpiaFields) -> Self {
        Self {
            started: DateText::from_date(fields.started),
            completed: DateText::from_date(fields.completed),
            next_review: DateText::from_date(fields.next_review),
        }
    }

    /// Reads the dates typed into `fields`, or names the first that cannot be read.
    fn read_into(&self, fields: &mut DpiaFields) -> Result<(), String> {
        let dates = [
            (STARTED_LABEL, &self.started, &mut fields.started),
            (COMPLETED_LABEL, &self.completed, &mut fields.completed),
            (NEXT_REVIEW_LABEL, &self.next_review, &mut fields.next_review),
        ];
        for (label, text, slot) in dates {
            *slot = text.parse().map_err(|problem| format!("{label}: {problem}"))?;
        }
        Ok(())
    }
}

/// The DPIAs page's state.
#[derive(Debug, Clone, Default)]
pub struct DpiasPage {
    selected: Option<DpiaId>,
    draft: Option<DpiaDraft>,
    saved: Option<DpiaDraft>,
    dates: DpiaDates,
    saved_dates: DpiaDates,
    /// The list's filter, as typed.
    pub filter: String,
    /// Whether the list shows only DPIAs whose review is due or overdue.
    pub only_reviews_due: bool,
    /// Positions in the register's DPIAs of those the filter lets through,
    /// worked out when the filter or the snapshot changes, never per frame.
    shown: Vec<usize>,
    /// What `shown` was worked out for (filter, only due, DPIAs, today).
    shown_for: Option<(String, bool, usize, Date)>,
    list: widgets::VirtualList,
    picker: ActivityPicker,
    /// Whether "Delete this DPIA?" is asked.
    confirm_delete: bool,
    /// The last save's or delete's failure, shown above the form.
    pub problem: Option<String>,
    /// Whether the last save failed because someone else saved the DPIA first.
    in_conflict: bool,
}

impl DpiasPage {
    /// The DPIA open in the form, if any.
    #[cfg(test)]
    pub fn selected(&self) -> Option<DpiaId> {
        self.selected
    }

    /// Selects the DPIA `id` (its form is loaded on the next refresh).
    pub fn select(&mut self, id: DpiaId) {
        self.selected = Some(id);
        self.draft = None;
        self.problem = None;
        self.in_conflict = false;
        self.confirm_delete = false;
    }

    /// Forgets the selection (after the DPIA was deleted).
    pub fn clear(&mut self) {
        *self = Self {
            filter: std::mem::take(&mut self.filter),
            only_reviews_due: self.only_reviews_due,
            ..Self::default()
        };
    }

    /// Records why the last save failed, to show above the form.
    pub fn set_problem(&mut self, error: &ropa::Error) {
        self.problem = Some(error.to_string());
        self.in_conflict = matches!(error, ropa::Error::Conflict { .. });
    }

    /// Whether the form differs from what was last saved.
    fn is_dirty(&self) -> bool {
        self.draft != self.saved || self.dates != self.saved_dates
    }

    /// Opens a blank form for a new DPIA.
    fn start_new(&mut self) {
        let draft = DpiaDraft { id: None, version: 0, fields: DpiaFields::new("") };
        *self = Self {
            dates: DpiaDates::of(&draft.fields),
            draft: Some(draft),
            filter: std::mem::take(&mut self.filter),
            only_reviews_due: self.only_reviews_due,
            ..Self::default()
        };
    }

    /// Reloads the selected DPIA from `register` unless it has unsaved edits.
    fn refresh(&mut self, register: &Register) {
        if self.is_dirty() && self.draft.as_ref().is_some_and(|draft| draft.id.is_some()) {
            return;
        }
        let draft = self.selected.and_then(|id| register.dpia(id)).map(DpiaDraft::stored);
        self.dates = draft.as_ref().map(|d| DpiaDates::of(&d.fields)).unwrap_or_default();
        self.saved_dates = self.dates.clone();
        self.saved = draft.clone();
        self.draft = draft;
    }

    /// Works out which DPIAs the list shows, when the filter or the register changed.
    fn filter_dpias(&mut self, register: &Register, today: Date) {
        let key = (self.filter.clone(), self.only_reviews_due, register.dpias.len(), today);
        if self.shown_for.as_ref() == Some(&key) {
            return;
        }
        let words = words_of(&self.filter);
        let activities: HashMap<ActivityId, &Activity> = if words.is_empty() {
            HashMap::new()
        } else {
            register.activities.iter().map(|activity| (activity.id, activity)).collect()
        };
        self.shown = register
            .dpias
            .iter()
            .enumerate()
            .filter(|(_, dpia)| !self.only_reviews_due || review_due(&dpia.fields, today))
            .filter(|(_, dpia)| {
                words.is_empty() || matches_all(&search_text(dpia, register, &activities), &words)
            })
            .map(|(index, _)| index)
            .collect();
        self.shown_for = Some(key);
    }
}

/// "Add an activity covered": what is typed, and the activities it matches.
#[derive(Debug, Clone, Default)]
struct ActivityPicker {
    query: String,
    /// The activities the query matches, as (id, "Service — Activity").
    matches: Vec<(ActivityId, String)>,
    /// What `matches` was worked out for (query, activities), so that they are
    /// found when the query or the register changes, never per frame.
    matches_for: Option<(String, usize)>,
    /// Each activity's place in the register, built once per snapshot, so that
    /// a DPIA covering thousands of activities names them without a search each.
    positions: Option<HashMap<ActivityId, usize>>,
}

impl ActivityPicker {
    /// Works out the activities the query matches, if it or the register changed.
    fn find(&mut self, register: &Register) {
        let key = (self.query.clone(), register.activities.len());
        if self.matches_for.as_ref() == Some(&key) {
            return;
        }
        let words = words_of(&self.query);
        self.matches = if words.is_empty() {
            Vec::new()
        } else {
            register
                .activities
                .iter()
                .map(|activity| (activity.id, label_of(register, activity)))
                .filter(|(_, label)| matches_all(&label.to_lowercase(), &words))
                .take(PICK_LIMIT * 4)
                .collect()
        };
        self.matches_for = Some(key);
    }

    /// The activity `id` as the page names it: "Service — Activity".
    fn label(&mut self, register: &Register, id: ActivityId) -> String {
        let positions = self.positions.get_or_insert_with(|| {
            register.activities.iter().enumerate().map(|(at, activity)| (activity.id, at)).collect()
        });
        match positions.get(&id).and_then(|&at| register.activities.get(at)) {
            Some(activity) => label_of(register, activity),
            None => format!("Activity {id} (no longer in the register)"),
        }
    }
}

/// The selected DPIA is read again (unless edited) and the lists worked out anew.
impl SnapshotPage for DpiasPage {
    fn snapshot_changed(&mut self, register: &Register) {
        self.shown_for = None;
        self.picker.matches_for = None;
        self.picker.positions = None;
        self.refresh(register);
    }
}

/// Whether the DPIA's review is overdue or falls within [`REVIEW_NOTICE_DAYS`] of `today`.
pub fn review_due(fields: &DpiaFields, today: Date) -> bool {
    let horizon = today.checked_add(time::Duration::days(REVIEW_NOTICE_DAYS)).unwrap_or(Date::MAX);
    fields.next_review.is_some_and(|date| date <= horizon)
}

/// `activity` as the page names it: "Service — Activity".
fn label_of(register: &Register, activity: &Activity) -> String {
    let service = register.service_name(activity.fields.service_id).trim();
    let name = activity.fields.name.trim();
    if service.is_empty() { name.to_owned() } else { format!("{service} — {name}") }
}

/// The words typed into a filter, lower-cased.
fn words_of(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

/// Whether `text` (lower-cased) contains every one of `words`.
fn matches_all(text: &str, words: &[String]) -> bool {
    words.iter().all(|word| text.contains(word.as_str()))
}

/// What the list's filter matches: the title, stage, screening, risk, document
/// and the activities covered (found in `activities`, the register's by id).
fn search_text(dpia: &Dpia, register: &Register, activities: &HashMap<ActivityId, &Activity>) -> String {
    let f = &dpia.fields;
    let mut text =
        [f.title.as_str(), f.status.label(), f.screening.label(), f.residual_risk.label(), &f.document]
            .join(" ");
    for activity in f.activities.iter().filter_map(|id| activities.get(id)) {
        text.push(' ');
        text.push_str(&label_of(register, activity));
    }
    text.to_lowercase()
}

/// Draws the page.
pub fn ui(
    ui: &mut egui::Ui,
    page: &mut DpiasPage,
    register: &Register,
    today: Date,
    commands: &mut Vec<Command>,
) {
    if page.draft.is_none() && page.selected.is_some() {
        page.refresh(register);
    }
    page.filter_dpias(register, today);
    egui::Panel::left("dpia-list").resizable(true).default_size(320.0).show(ui, |ui| {
        list_ui(ui, page, register, today);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(860.0));
            editor_ui(ui, page, register, commands);
        });
    });
    delete_confirmation_ui(ui, page, commands);
}

fn list_ui(ui: &mut egui::Ui, page: &mut DpiasPage, register: &Register, today: Date) {
    ui.horizontal(|ui| {
        ui.heading("DPIAs");
        if ui.button("New DPIA").clicked() {
            page.start_new();
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut page.filter)
                .hint_text("title, document, activity")
                .desired_width(180.0),
        )
        .labelled_by(label.id);
    });
    ui.checkbox(&mut page.only_reviews_due, "Only reviews due").on_hover_text(format!(
        "DPIAs whose next review is overdue or within {REVIEW_NOTICE_DAYS} days (UK GDPR Art 35(11))"
    ));
    ui.separator();
    if register.dpias.is_empty() {
        ui.weak("No DPIAs yet. Start one with \"New DPIA\", or from an activity's Accountability section.");
        return;
    }
    if page.shown.is_empty() {
        ui.weak("No DPIA matches the filter.");
    }
    if let Some(id) = rows_ui(ui, page, register, today) {
        page.select(id);
    }
}

/// The list's rows, laid out only in view; returns the DPIA clicked.
fn rows_ui(ui: &mut egui::Ui, page: &mut DpiasPage, register: &Register, today: Date) -> Option<DpiaId> {
    let (shown, selected, list) = (&page.shown, page.selected, &mut page.list);
    list.ensure_len(shown.len(), 70.0);
    let mut clicked = None;
    egui::ScrollArea::vertical().auto_shrink(false).show_viewport(ui, |ui, viewport| {
        list.show(ui, viewport, |ui, index| {
            let Some(dpia) = shown.get(index).and_then(|&at| register.dpias.get(at)) else {
                return;
            };
            let is_selected = selected == Some(dpia.id);
            let button = egui::Button::selectable(is_selected, entry_text(ui, dpia, today))
                .min_size(egui::vec2(ui.available_width(), 64.0));
            if ui.add(button).clicked() && !is_selected {
                clicked = Some(dpia.id);
            }
        });
    });
    clicked
}

/// A row's text: the title; the stage and screening; the risk and how many
/// activities it covers; the review date, in the warning colour when overdue.
fn entry_text(ui: &egui::Ui, dpia: &Dpia, today: Date) -> egui::WidgetText {
    let f = &dpia.fields;
    let title = if f.title.trim().is_empty() { "Untitled DPIA" } else { f.title.trim() };
    let review = match f.next_review {
        None => egui::RichText::new("No review date").weak(),
        Some(date) if f.review_overdue(today) => {
            egui::RichText::new(format!("Review overdue (due {})", shown_date(ui, date)))
                .color(ui.visuals().warn_fg_color)
        }
        Some(date) => egui::RichText::new(format!("Next review {}", shown_date(ui, date))).weak(),
    };
    let covers = match f.activities.len() {
        0 => "covers no activity".to_owned(),
        1 => "1 activity".to_owned(),
        n => format!("{n} activities"),
    };
    let parts = [
        egui::RichText::new(title).strong(),
        egui::RichText::new(format!("\n{} · {}", f.status.label(), f.screening.label())).weak(),
        egui::RichText::new(format!("\nRisk: {} · {covers}\n", f.residual_risk.label())).weak(),
        review,
    ];
    let mut job = egui::text::LayoutJob::default();
    for part in parts {
        part.append_to(&mut job, ui.style(), egui::FontSelection::Default, egui::Align::LEFT);
    }
    job.into()
}

fn editor_ui(ui: &mut egui::Ui, page: &mut DpiasPage, register: &Register, commands: &mut Vec<Command>) {
    let dirty = page.is_dirty();
    let Some(draft) = &page.draft else {
        ui.add_space(20.0);
        ui.label("Choose a DPIA on the left, or start one with \"New DPIA\".");
        return;
    };
    let title = draft.fields.title.trim();
    ui.heading(if title.is_empty() { "New DPIA" } else { title });
    let ready = ready_to_save(draft, &page.dates);
    ui.horizontal(|ui| {
        if ui.add_enabled(dirty && ready.is_ok(), egui::Button::new("Save DPIA")).clicked()
            && let Ok(draft) = &ready
        {
            commands.push(Command::SaveDpia(draft.clone()));
        }
        if draft.id.is_some() && ui.button("Delete DPIA…").clicked() {
            page.confirm_delete = true;
        }
        if let Err(problem) = &ready {
            ui.colored_label(widgets::problem_color(ui), format!("Cannot save yet: {problem}"));
        }
    });
    conflict_ui(ui, page, register, ready.ok(), commands);
    let Some(draft) = &mut page.draft else {
        return;
    };
    assessment_section(ui, &mut draft.fields);
    outcome_section(ui, &mut draft.fields);
    dates_section(ui, &mut page.dates);
    coverage_section(ui, &mut draft.fields, register, &mut page.picker, commands);
    section_heading(ui, "Notes", "");
    multiline_row(ui, "DPIA notes", &mut draft.fields.notes);
}

/// The draft as it will be saved, with its dates read in, or the first problem.
fn ready_to_save(draft: &DpiaDraft, dates: &DpiaDates) -> Result<DpiaDraft, String> {
    if draft.fields.title.trim().is_empty() {
        return Err("Give the DPIA a title".to_owned());
    }
    let mut ready = draft.clone();
    dates.read_into(&mut ready.fields)?;
    ready.fields.title = ready.fields.title.trim().to_owned();
    Ok(ready)
}

/// The last save's failure, and after a conflict the two ways forward: save
/// over the version saved since (`ready`, the draft as it would be saved), or
/// load it.
fn conflict_ui(
    ui: &mut egui::Ui,
    page: &mut DpiasPage,
    register: &Register,
    ready: Option<DpiaDraft>,
    commands: &mut Vec<Command>,
) {
    let Some(problem) = &page.problem else {
        return;
    };
    ui.colored_label(widgets::problem_color(ui), problem);
    let (true, Some(id)) = (page.in_conflict, page.draft.as_ref().and_then(|d| d.id)) else {
        return;
    };
    let mut load_theirs = false;
    ui.horizontal(|ui| {
        let theirs = register.dpia(id).map(|dpia| dpia.version);
        let overwrite = ui.add_enabled(
            ready.is_some() && theirs.is_some(),
            egui::Button::new("Keep my edits and save over theirs"),
        );
        if overwrite.clicked()
            && let (Some(mut draft), Some(version)) = (ready, theirs)
        {
            draft.version = version;
            commands.push(Command::SaveDpia(draft));
        }
        load_theirs = ui.button("Load their version (drop my edits)").clicked();
    });
    if load_theirs {
        page.select(id);
    }
}

/// A combo box over a closed list of choices in a row whose label cites `law`.
fn cited_choice<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    law: &str,
    value: &mut T,
    choices: &[T],
    text: impl Fn(T) -> &'static str,
) {
    cited_row(ui, label, law, |ui, label_id| {
        egui::ComboBox::from_id_salt(("dpia-choice", label))
            .selected_text(text(*value))
            .width(260.0)
            .show_ui(ui, |ui| {
                for &choice in choices {
                    ui.selectable_value(value, choice, text(choice));
                }
            })
            .response
            .on_hover_text(law)
            .labelled_by(label_id);
    });
}

/// A one-line text field in a row whose label cites `law`.
fn cited_text(ui: &mut egui::Ui, label: &str, law: &str, text: &mut String) {
    cited_row(ui, label, law, |ui, label_id| {
        ui.add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY)).labelled_by(label_id);
    });
}

fn assessment_section(ui: &mut egui::Ui, fields: &mut DpiaFields) {
    section_heading(ui, "The assessment", "UK GDPR Art 35(1), (2); ICO DPIA guidance");
    cited_text(ui, "Title of the DPIA", STAGE_LAW, &mut fields.title);
    cited_choice(ui, "Stage of the DPIA", STAGE_LAW, &mut fields.status, DpiaStatus::ALL, DpiaStatus::label);
    cited_text(ui, "DPIA document (reference or link)", DOCUMENT_LAW, &mut fields.document);
    section_heading(ui, "Screening", "Art 35(1), (3), (4)");
    cited_choice(ui, SCREENING_LABEL, SCREENING_LAW, &mut fields.screening, Screening::ALL, Screening::label);
}

fn outcome_section(ui: &mut egui::Ui, fields: &mut DpiaFields) {
    section_heading(ui, "Risk and prior consultation", "Art 35(7)(c), (d); Art 36(1)");
    cited_choice(ui, RISK_LABEL, RISK_LAW, &mut fields.residual_risk, ResidualRisk::ALL, ResidualRisk::label);
    cited_choice(
        ui,
        ICO_LABEL,
        ICO_LAW,
        &mut fields.ico_consultation,
        IcoConsultation::ALL,
        IcoConsultation::label,
    );
    if fields.residual_risk == ResidualRisk::High && fields.ico_consultation != IcoConsultation::Consulted {
        ui.horizontal(|ui| {
            ui.add_space(widgets::LABEL_WIDTH + ui.spacing().item_spacing.x);
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "A high residual risk: consult the ICO before the processing starts (Art 36(1)).",
            );
        });
    }
}

fn dates_section(ui: &mut egui::Ui, dates: &mut DpiaDates) {
    section_heading(ui, "Dates", "Art 35(1), (11)");
    cited_date_field_ui(ui, STARTED_LABEL, STARTED_LAW, &mut dates.started);
    cited_date_field_ui(ui, COMPLETED_LABEL, COMPLETED_LAW, &mut dates.completed);
    cited_date_field_ui(ui, NEXT_REVIEW_LABEL, NEXT_REVIEW_LAW, &mut dates.next_review);
}

/// The activities covered, each with a remove button and a way to it, and a
/// type-ahead box over the register's activities to add one.
fn coverage_section(
    ui: &mut egui::Ui,
    fields: &mut DpiaFields,
    register: &Register,
    picker: &mut ActivityPicker,
    commands: &mut Vec<Command>,
) {
    section_heading(ui, "Activities covered", "Art 35(1), (7)(a)");
    let mut remove = None;
    for (index, &id) in fields.activities.iter().enumerate() {
        let label = picker.label(register, id);
        ui.horizontal_wrapped(|ui| {
            let button = ui.small_button("×").on_hover_text("No longer covered by this DPIA");
            if button.accessible_name(format!("Remove {label}")).clicked() {
                remove = Some(index);
            }
            if ui.link(&label).on_hover_text("Open the activity in the editor").clicked() {
                commands.push(Command::OpenActivity(id));
            }
        });
    }
    if let Some(index) = remove {
        fields.activities.remove(index);
    }
    if fields.activities.is_empty() {
        ui.weak("It covers no activity yet: add the processing it assesses.");
    }
    cited_row(ui, ADD_ACTIVITY_LABEL, COVERAGE_LAW, |ui, label_id| {
        let field = egui::TextEdit::singleline(&mut picker.query)
            .hint_text("type a service or activity name")
            .desired_width(300.0);
        ui.add(field).labelled_by(label_id);
    });
    if picker.query.trim().is_empty() {
        return;
    }
    picker.find(register);
    let offered: Vec<_> =
        picker.matches.iter().filter(|(id, _)| !fields.covers(*id)).take(PICK_LIMIT).collect();
    let mut picked = None;
    ui.horizontal_wrapped(|ui| {
        ui.add_space(widgets::LABEL_WIDTH + ui.spacing().item_spacing.x);
        if offered.is_empty() {
            ui.weak("No other activity matches.");
        }
        for (id, label) in offered {
            if ui.small_button(label).clicked() {
                picked = Some(*id);
            }
        }
    });
    if let Some(id) = picked {
        fields.activities.push(id);
        picker.query.clear();
    }
}

fn delete_confirmation_ui(ui: &mut egui::Ui, page: &mut DpiasPage, commands: &mut Vec<Command>) {
    let Some(saved) = page.saved.as_ref().filter(|_| page.confirm_delete) else {
        return;
    };
    let Some(id) = saved.id else {
        return;
    };
    let title = saved.fields.title.clone();
    let dialog = egui::Id::unique("confirm-delete-dpia");
    let mut close = false;
    let modal = egui::Modal::new(dialog).show(ui.ctx(), |ui| {
        let enter = enter_confirms(ui, dialog);
        ui.set_max_width(ui.available_width().min(420.0));
        ui.heading("Delete this DPIA?");
        ui.label(format!(
            "\"{title}\" will be removed from the register; the activities it covers stay as they are."
        ));
        ui.label("The change log keeps what it said, but it cannot be undone here.");
        ui.horizontal(|ui| {
            if ui.button("Delete DPIA").clicked() || enter {
                commands.push(Command::DeleteDpia(id));
                close = true;
            }
            if ui.button("Keep it").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        page.confirm_delete = false;
    }
}
