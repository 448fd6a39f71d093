//! The Register page: every activity in a virtualized, sortable table with a
//! filter box (Ctrl+F) and filters by service, status, lawful basis, special
//! category and party. Double-click or Enter opens the editor.

use ropa::law::{LawfulBasis, LegalItem, SpecialCategory};

use ropa::model::{ActivityId, ActivityStatus, Date};

use super::app::{Command, Session, welcome_buttons_ui};
use super::register_columns::RegisterColumns;
use super::register_view::{Filter, RegisterRow, RegisterView, Sort, SortColumn};
use super::widgets::{shown_date, warning_icon_ui};

/// Height of a table row in points.
const ROW_HEIGHT: f32 = 22.0;

/// The Register page's state: the filter, the order and the selected row.
#[derive(Debug, Clone, Default)]
pub struct RegisterPage {
    /// What the table is narrowed to.
    pub filter: Filter,
    /// The table's order.
    pub sort: Sort,
    /// The highlighted activity (Enter opens it).
    pub selected: Option<ActivityId>,
    /// The filter and order the view was last narrowed with.
    applied: Option<(Filter, Sort)>,
    /// Scroll the selected row into view on the next frame.
    scroll_to_selected: bool,
    /// The columns shown and their order (View > Register columns), as remembered
    /// in the settings.
    pub columns: RegisterColumns,
}

impl RegisterPage {
    /// Narrows `view` to the page's filter and order.
    pub fn apply(&mut self, view: &mut RegisterView) {
        view.apply(&self.filter, self.sort);
        self.applied = Some((self.filter.clone(), self.sort));
    }

    /// Narrows `view` again only if the filter or order changed since last time.
    fn apply_if_changed(&mut self, view: &mut RegisterView) {
        if self.applied.as_ref() != Some(&(self.filter.clone(), self.sort)) {
            self.apply(view);
        }
    }
}

/// Draws the page.
pub fn ui(
    ui: &mut egui::Ui,
    page: &mut RegisterPage,
    session: &mut Session,
    today: Date,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("Register of processing activities");
        ui.weak(format!("{} of {} shown", session.view.visible_len(), session.view.total()));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("New activity").clicked() {
                commands.push(Command::NewActivity);
            }
        });
    });
    filter_bar_ui(ui, page, &session.view);
    page.apply_if_changed(&mut session.view);
    keyboard(ui, page, &session.view, commands);
    ui.separator();
    if session.view.total() == 0 {
        empty_ui(ui, commands);
        return;
    }
    table_ui(ui, page, &session.view, today, commands);
}

fn empty_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.add_space(24.0);
    ui.label("This register has no processing activities yet. Add one with \"New activity\", or:");
    ui.add_space(6.0);
    welcome_buttons_ui(ui, commands);
}

fn filter_bar_ui(ui: &mut egui::Ui, page: &mut RegisterPage, view: &RegisterView) {
    let filter = &mut page.filter;
    ui.horizontal_wrapped(|ui| {
        let find = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F);
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut filter.text)
                    .hint_text("Filter: any field (Ctrl+F)")
                    .desired_width(220.0),
            )
            .accessible_name("Filter activities");
        if ui.input_mut(|input| input.consume_shortcut(&find)) {
            response.request_focus();
        }
        option_combo(ui, "Service", &mut filter.service, view.services.iter().cloned());
        option_combo(
            ui,
            "Status",
            &mut filter.status,
            ActivityStatus::ALL.iter().map(|s| (*s, s.label().to_owned())),
        );
        option_combo(
            ui,
            "Lawful basis",
            &mut filter.lawful_basis,
            LawfulBasis::ALL.iter().map(|b| (*b, b.label())),
        );
        option_combo(
            ui,
            "Special category",
            &mut filter.special_category,
            SpecialCategory::ALL.iter().map(|c| (*c, c.title().to_owned())),
        );
        option_combo(ui, "Party", &mut filter.party, view.parties.iter().cloned());
        if *filter != Filter::default() && ui.button("Clear filters").clicked() {
            *filter = Filter::default();
        }
    });
}

/// A combo box choosing one value or "any".
fn option_combo<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<T>,
    choices: impl Iterator<Item = (T, String)>,
) {
    let choices: Vec<(T, String)> = choices.collect();
    let selected = value
        .and_then(|value| choices.iter().find(|(choice, _)| *choice == value))
        .map_or_else(|| format!("{label}: any"), |(_, text)| text.clone());
    egui::ComboBox::from_id_salt(("register-filter", label))
        .selected_text(selected)
        .width(150.0)
        .truncate()
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, format!("{label}: any"));
            for (choice, text) in choices {
                ui.selectable_value(value, Some(choice), text);
            }
        })
        .response
        .accessible_name(format!("Filter by {}", label.to_lowercase()));
}

/// Enter opens the selected row; Up and Down move the selection.
fn keyboard(ui: &egui::Ui, page: &mut RegisterPage, view: &RegisterView, commands: &mut Vec<Command>) {
    if ui.ctx().memory(|memory| memory.focused().is_some()) {
        return;
    }
    let (enter, down, up) = ui.input(|input| {
        (
            input.key_pressed(egui::Key::Enter),
            input.key_pressed(egui::Key::ArrowDown),
            input.key_pressed(egui::Key::ArrowUp),
        )
    });
    if enter && let Some(id) = page.selected {
        commands.push(Command::OpenActivity(id));
    }
    if down || up {
        let position = page.selected.and_then(|id| view.position_of(id));
        let next = match (position, down) {
            (None, _) => 0,
            (Some(at), true) => (at + 1).min(view.visible_len().saturating_sub(1)),
            (Some(at), false) => at.saturating_sub(1),
        };
        page.selected = view.visible_row(next).map(|row| row.activity_id);
        page.scroll_to_selected = true;
    }
}

/// The width a column starts at, and the least it can be dragged to.
fn column_widths(column: SortColumn) -> (f32, f32) {
    match column {
        SortColumn::Service => (110.0, 60.0),
        SortColumn::Name => (200.0, 100.0),
        SortColumn::Purposes => (200.0, 80.0),
        SortColumn::LawfulBases => (100.0, 60.0),
        SortColumn::SpecialCategories => (110.0, 60.0),
        SortColumn::Status => (70.0, 60.0),
        SortColumn::NextReview => (160.0, 120.0),
    }
}

/// The table, with the columns not hidden; it scrolls sideways when the window
/// is narrower than the columns.
fn table_ui(
    ui: &mut egui::Ui,
    page: &mut RegisterPage,
    view: &RegisterView,
    today: Date,
    commands: &mut Vec<Command>,
) {
    use egui_extras::{Column, TableBuilder};
    let columns = page.columns.shown();
    egui::ScrollArea::horizontal().id_salt("register-table-sideways").show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .min_scrolled_height(0.0);
        // The purposes (or, when hidden, the activity's name) take the width left, so
        // that Status and Next review stay in view on a small screen.
        let flexible =
            if columns.contains(&SortColumn::Purposes) { SortColumn::Purposes } else { SortColumn::Name };
        for column in &columns {
            let (initial, least) = column_widths(*column);
            let width = if *column == flexible { Column::remainder() } else { Column::initial(initial) };
            table = table.column(width.at_least(least).clip(true));
        }
        if page.scroll_to_selected
            && let Some(position) = page.selected.and_then(|id| view.position_of(id))
        {
            table = table.scroll_to_row(position, None);
        }
        page.scroll_to_selected = false;
        table
            .header(ROW_HEIGHT + 2.0, |mut header| {
                for column in &columns {
                    header.col(|ui| sort_button_ui(ui, page, *column));
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, view.visible_len(), |mut row| {
                    let Some(data) = view.visible_row(row.index()) else {
                        return;
                    };
                    row.set_selected(page.selected == Some(data.activity_id));
                    for column in &columns {
                        row.col(|ui| cell_ui(ui, data, *column, today));
                    }
                    let response = row.response();
                    if response.clicked() {
                        page.selected = Some(data.activity_id);
                    }
                    if response.double_clicked() {
                        commands.push(Command::OpenActivity(data.activity_id));
                    }
                });
            });
    });
}

/// One cell; an overdue review date is marked with an icon as well as colour.
fn cell_ui(ui: &mut egui::Ui, data: &RegisterRow, column: SortColumn, today: Date) {
    let text = match column {
        SortColumn::Service => data.service.clone(),
        SortColumn::Name => data.name.clone(),
        SortColumn::Purposes => data.purposes.clone(),
        SortColumn::LawfulBases => data.lawful_bases_text.clone(),
        SortColumn::SpecialCategories => data.special_categories_text.clone(),
        SortColumn::Status => data.status.label().to_owned(),
        SortColumn::NextReview => {
            let text = data.next_review_due.map(|due| shown_date(ui, due)).unwrap_or_default();
            if data.next_review_due.is_some_and(|due| due < today) {
                let color = ui.visuals().error_fg_color;
                warning_icon_ui(ui, color, "Review overdue");
                let text = egui::RichText::new(text).color(color);
                ui.add(egui::Label::new(text).selectable(false).truncate()).on_hover_text("Review overdue");
                return;
            }
            text
        }
    };
    ui.add(egui::Label::new(text).selectable(false).truncate());
}

fn sort_button_ui(ui: &mut egui::Ui, page: &mut RegisterPage, column: SortColumn) {
    let button = egui::Button::new(egui::RichText::new(column.heading()).strong()).frame(false);
    if ui.add(button).on_hover_text("Sort by this column").clicked() {
        page.sort = if page.sort.column == column {
            Sort { column, ascending: !page.sort.ascending }
        } else {
            Sort { column, ascending: true }
        };
    }
    if page.sort.column == column {
        sort_arrow_ui(ui, page.sort.ascending);
    }
}

/// A small triangle pointing up (ascending) or down; the default fonts have no arrow glyphs.
fn sort_arrow_ui(ui: &mut egui::Ui, ascending: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    let (top, bottom) = (rect.top() + 2.0, rect.bottom() - 2.0);
    let points = if ascending {
        vec![
            egui::pos2(rect.center().x, top),
            egui::pos2(rect.right(), bottom),
            egui::pos2(rect.left(), bottom),
        ]
    } else {
        vec![egui::pos2(rect.left(), top), egui::pos2(rect.right(), top), egui::pos2(rect.center().x, bottom)]
    };
    let color = ui.visuals().strong_text_color();
    ui.painter().add(egui::Shape::convex_polygon(points, color, egui::Stroke::NONE));
}
