//! The Reviews due page: activities whose next review is overdue or due within
//! the notice period (60 days unless changed), each with "Mark reviewed"; and
//! agreements whose review or end date is past or near; and DPIAs whose next
//! review (Art 35(11)) is past or near. The lists are built after each change,
//! never per frame.

use ropa::model::{
    ActivityId, ActivityStatus, AgreementId, Date, DpiaId, PackSent, Register, RoundState, format_date,
    latest_per_service,
};

use super::app::Command;
use super::checks::FindingTarget;
use super::widgets::{VirtualList, shown_date};

/// Days ahead that count as "due soon" unless the user changes it.
pub const DEFAULT_NOTICE_DAYS: i64 = 60;

/// An activity whose review is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueActivity {
    /// The activity.
    pub id: ActivityId,
    /// The version it was read at (Mark reviewed refuses if it changed since).
    pub version: i64,
    /// Its name and service.
    pub name: String,
    /// Its service.
    pub service: String,
    /// When the review is due (`None`: never set).
    pub due: Option<Date>,
}

/// An agreement whose review or end is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueAgreement {
    /// The agreement.
    pub id: AgreementId,
    /// Its title.
    pub title: String,
    /// What is due, e.g. "Review due 2026-12-01".
    pub what: String,
    /// The date concerned.
    pub date: Date,
}

/// A DPIA whose next review is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueDpia {
    /// The DPIA.
    pub id: DpiaId,
    /// Its title.
    pub title: String,
    /// When its next review falls due.
    pub date: Date,
    /// How many activities it covers.
    pub activities: usize,
}

/// The Reviews page's state.
#[derive(Debug, Clone)]
pub struct ReviewsPage {
    /// Days ahead that count as due soon.
    pub notice_days: i64,
    /// Activities due, earliest first (never-reviewed last).
    pub activities: Vec<DueActivity>,
    /// Agreements due, earliest first.
    pub agreements: Vec<DueAgreement>,
    /// DPIAs whose review is due, earliest first.
    pub dpias: Vec<DueDpia>,
    /// The latest review pack of each service sent one: its line and state.
    pub rounds: Vec<(String, RoundState)>,
    /// The notice period the lists were built for.
    built_for: i64,
    /// The rows' heights (only the rows in view are laid out).
    list: VirtualList,
}

impl Default for ReviewsPage {
    fn default() -> Self {
        Self {
            notice_days: DEFAULT_NOTICE_DAYS,
            activities: Vec::new(),
            agreements: Vec::new(),
            dpias: Vec::new(),
            rounds: Vec::new(),
            built_for: 0,
            list: VirtualList::default(),
        }
    }
}

impl ReviewsPage {
    /// Rebuilds the lists from `register` for `today`.
    pub fn refresh(&mut self, register: &Register, today: Date) {
        let horizon = today.checked_add(time::Duration::days(self.notice_days)).unwrap_or(Date::MAX);
        let lookup = register.lookup();
        self.activities = register
            .activities
            .iter()
            .filter(|a| a.fields.status != ActivityStatus::Retired)
            .filter(|a| a.fields.next_review_due.is_none_or(|due| due <= horizon))
            .map(|a| DueActivity {
                id: a.id,
                version: a.version,
                name: a.fields.name.clone(),
                service: lookup.service_name(a.fields.service_id).to_owned(),
                due: a.fields.next_review_due,
            })
            .collect();
        self.activities.sort_by_key(|a| (a.due.is_none(), a.due));
        self.agreements = register
            .agreements
            .iter()
            .flat_map(|agreement| {
                let fields = &agreement.fields;
                [("Review due", fields.review_due), ("Ends", fields.end)].into_iter().filter_map(
                    move |(what, date)| {
                        let date = date.filter(|date| *date <= horizon)?;
                        Some(DueAgreement {
                            id: agreement.id,
                            title: fields.title.clone(),
                            what: format!("{what} {}", format_date(date)),
                            date,
                        })
                    },
                )
            })
            .collect();
        self.agreements.sort_by_key(|a| a.date);
        self.dpias = register
            .dpias
            .iter()
            .filter_map(|dpia| {
                let date = dpia.fields.next_review.filter(|date| *date <= horizon)?;
                Some(DueDpia {
                    id: dpia.id,
                    title: dpia.fields.title.clone(),
                    date,
                    activities: dpia.fields.activities.len(),
                })
            })
            .collect();
        self.dpias.sort_by_key(|d| d.date);
        self.built_for = self.notice_days;
    }
}

impl ReviewsPage {
    /// Takes in the review packs sent (`ropa review-pack`), the latest of each
    /// service standing for it, overdue ones first.
    pub fn set_rounds(&mut self, packs: &[PackSent], register: &Register, today: Date) {
        self.rounds = latest_per_service(packs)
            .into_iter()
            .map(|pack| (pack.summary(register.service_name(pack.service_id), today), pack.state(today)))
            .collect();
        self.rounds.sort_by_key(|(_, state)| *state != RoundState::Overdue);
    }
}

/// The operating-system user name, as the change log records it.
pub fn user_name() -> String {
    ropa::store::os_user()
}

/// Who is recorded as reviewing or acknowledging: the OS user name, followed by
/// the display name if one is set (as the change log records changes).
pub fn who(display_name: &str) -> String {
    let display_name = display_name.trim();
    if display_name.is_empty() { user_name() } else { format!("{} ({display_name})", user_name()) }
}

/// Draws the page.
pub fn ui(
    ui: &mut egui::Ui,
    page: &mut ReviewsPage,
    register: &Register,
    today: Date,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("Reviews due");
        ui.label("within");
        ui.add(egui::DragValue::new(&mut page.notice_days).range(1..=365).suffix(" days"))
            .accessible_name("Days ahead counted as due soon");
    });
    if page.built_for != page.notice_days {
        page.refresh(register, today);
    }
    ui.separator();
    let ReviewsPage { activities, agreements, dpias, rounds, list, .. } = page;
    // The rows: the activities' heading, each activity (or the "none" line),
    // the agreements' heading, each agreement (or its "none" line), the DPIAs'
    // heading, each DPIA (or its "none" line).
    let activity_rows = activities.len().max(1);
    let agreement_rows = agreements.len().max(1);
    let dpias_heading = activity_rows + 1 + agreement_rows + 1;
    let rounds_heading = dpias_heading + 1 + dpias.len().max(1);
    let rows = rounds_heading + 1 + rounds.len().max(1);
    list.ensure_len(rows, 28.0);
    egui::ScrollArea::vertical().auto_shrink(false).show_viewport(ui, |ui, viewport| {
        list.show(ui, viewport, |ui, row| {
            if row == 0 {
                ui.strong(format!("Activities ({})", activities.len()));
            } else if row <= activity_rows {
                match activities.get(row - 1) {
                    Some(due) => due_activity_ui(ui, due, today, commands),
                    None => {
                        ui.weak("No activity is due for review.");
                    }
                }
            } else if row == activity_rows + 1 {
                ui.add_space(16.0);
                ui.strong(format!("Agreements ({})", agreements.len()));
            } else if row < dpias_heading {
                match agreements.get(row - activity_rows - 2) {
                    Some(due) => due_agreement_ui(ui, due, today, commands),
                    None => {
                        ui.weak("No agreement is due for review or ending.");
                    }
                }
            } else if row == dpias_heading {
                ui.add_space(16.0);
                ui.strong(format!("DPIAs ({})", dpias.len())).on_hover_text(super::dpias::NEXT_REVIEW_LAW);
            } else if row < rounds_heading {
                match dpias.get(row - dpias_heading - 1) {
                    Some(due) => due_dpia_ui(ui, due, today, commands),
                    None => {
                        ui.weak("No DPIA is due for review.");
                    }
                }
            } else if row == rounds_heading {
                ui.add_space(16.0);
                ui.strong(format!("Review rounds with service owners ({})", rounds.len())).on_hover_text(
                    "The latest review pack sent to each service (ropa review-pack --all), and what came back",
                );
            } else {
                match rounds.get(row - rounds_heading - 1) {
                    Some((line, state)) => {
                        let color = match state {
                            RoundState::Overdue => ui.visuals().error_fg_color,
                            RoundState::Sent => ui.visuals().warn_fg_color,
                            RoundState::Returned => ui.visuals().text_color(),
                        };
                        ui.add(egui::Label::new(egui::RichText::new(line).color(color)).truncate());
                    }
                    None => {
                        ui.weak("No review pack has been sent: start a round with ropa review-pack --all.");
                    }
                }
            }
        });
    });
}

/// One activity due: when, "Mark reviewed", its name (opening it) and service.
fn due_activity_ui(ui: &mut egui::Ui, due: &DueActivity, today: Date, commands: &mut Vec<Command>) {
    let (text, overdue) = match due.due {
        Some(date) if date < today => (format!("Overdue since {}", shown_date(ui, date)), true),
        Some(date) => (format!("Due {}", shown_date(ui, date)), false),
        None => ("No review date set".to_owned(), true),
    };
    let color = if overdue { ui.visuals().error_fg_color } else { ui.visuals().warn_fg_color };
    ui.horizontal(|ui| {
        // A fixed width, so that the buttons and names line up down the list.
        ui.add_sized([190.0, 20.0], egui::Label::new(egui::RichText::new(text).color(color)).truncate());
        // The button before the long texts, so that it stays in view on a small screen.
        if ui
            .button("Mark reviewed")
            .accessible_name(format!("Mark reviewed: {}", due.name))
            .on_hover_text("Asks for your note, then records the review as today's, by you")
            .clicked()
        {
            commands.push(Command::AskReview { id: due.id, version: due.version });
        }
        if ui.link(&due.name).on_hover_text("Open in the editor").clicked() {
            commands.push(Command::OpenActivity(due.id));
        }
        ui.weak(&due.service);
    });
}

/// One DPIA due: when, its title (opening it on the DPIAs page) and how many
/// activities it covers.
fn due_dpia_ui(ui: &mut egui::Ui, due: &DueDpia, today: Date, commands: &mut Vec<Command>) {
    let (text, color) = if due.date < today {
        (format!("Review overdue since {}", shown_date(ui, due.date)), ui.visuals().error_fg_color)
    } else {
        (format!("Review due {}", shown_date(ui, due.date)), ui.visuals().warn_fg_color)
    };
    ui.horizontal(|ui| {
        ui.add_sized([190.0, 20.0], egui::Label::new(egui::RichText::new(text).color(color)).truncate());
        if ui.link(&due.title).on_hover_text("Open the DPIA on the DPIAs page").clicked() {
            commands.push(Command::OpenFinding(FindingTarget::Dpia(Some(due.id))));
        }
        ui.weak(match due.activities {
            1 => "covers 1 activity".to_owned(),
            n => format!("covers {n} activities"),
        });
    });
}

/// One agreement due: what is due, and its title (opening it).
fn due_agreement_ui(ui: &mut egui::Ui, due: &DueAgreement, today: Date, commands: &mut Vec<Command>) {
    let color = if due.date < today { ui.visuals().error_fg_color } else { ui.visuals().warn_fg_color };
    ui.horizontal(|ui| {
        ui.add_sized([190.0, 20.0], egui::Label::new(egui::RichText::new(&due.what).color(color)).truncate());
        if ui.link(&due.title).clicked() {
            commands.push(Command::OpenFinding(FindingTarget::Agreement(due.id)));
        }
    });
}
