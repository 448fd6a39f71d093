//! The Edit, View and Help menus, the keyboard shortcuts that go with them, and
//! the Keyboard shortcuts window.

use ropa::model::DateStyle;

use super::app::{Command, Page};
use egui::containers::menu::{MenuConfig, SubMenuButton};

use super::register_columns::RegisterColumns;
use super::settings::Settings;
use super::theme::{self, ThemeChoice};
use super::undo::UndoStack;
use super::widgets::set_date_style;

/// The pages reachable by Ctrl and a digit, in the navigation's order.
pub const PAGE_SHORTCUTS: [(egui::Key, Page); 10] = [
    (egui::Key::Num1, Page::Register),
    (egui::Key::Num2, Page::Checks),
    (egui::Key::Num3, Page::Reviews),
    (egui::Key::Num4, Page::Parties),
    (egui::Key::Num5, Page::Agreements),
    (egui::Key::Num6, Page::Flows),
    (egui::Key::Num7, Page::Notices),
    (egui::Key::Num8, Page::Organisation),
    (egui::Key::Num9, Page::Export),
    (egui::Key::Num0, Page::Assets),
];

/// Every shortcut, as the Keyboard shortcuts window lists it.
const SHORTCUTS: [(&str, &str); 12] = [
    (
        "Ctrl+1 … Ctrl+9, Ctrl+0",
        "Register, Checks, Reviews due, Parties, Agreements, Data flows, Privacy notices, Organisation, Exports, Information assets",
    ),
    ("Ctrl+E", "Exports"),
    ("Ctrl+F", "Filter the register"),
    ("Ctrl+S", "Save the activity"),
    ("Ctrl+Z", "Undo the last change (outside a text field)"),
    ("Ctrl+Y or Ctrl+Shift+Z", "Redo"),
    ("Up, Down", "Move through the register"),
    ("Enter", "Open the selected activity; in a list field, add the entry"),
    ("Enter in a dialog", "Confirm"),
    ("Escape in a dialog", "Cancel"),
    ("Tab, Shift+Tab", "Next or previous field"),
    ("F1", "This list"),
];

/// Applies the theme and date style chosen (the theme only when it changed).
pub fn apply_settings(ctx: &egui::Context, settings: &Settings) {
    theme::ensure(ctx, settings.theme);
    set_date_style(ctx, settings.date_style);
}

/// Ctrl+Z and Ctrl+Y (or Ctrl+Shift+Z), outside text fields, which undo their own typing.
pub fn undo_shortcut(ui: &egui::Ui, stack: &UndoStack) -> Option<Command> {
    if ui.ctx().memory(|memory| memory.focused().is_some()) {
        return None;
    }
    let undo = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z);
    let redo = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Y);
    let redo_shifted =
        egui::KeyboardShortcut::new(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    ui.input_mut(|input| {
        // The shifted shortcut first: consuming Ctrl+Z would also match Ctrl+Shift+Z.
        if stack.next_redo().is_some()
            && (input.consume_shortcut(&redo_shifted) || input.consume_shortcut(&redo))
        {
            Some(Command::Redo)
        } else if stack.next_undo().is_some() && input.consume_shortcut(&undo) {
            Some(Command::Undo)
        } else {
            None
        }
    })
}

/// Ctrl+1 … Ctrl+9 show the pages; F1 the shortcuts window.
pub fn page_shortcut(ui: &egui::Ui, shortcuts_open: &mut bool) -> Option<Command> {
    if ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::F1)) {
        *shortcuts_open = true;
    }
    PAGE_SHORTCUTS.iter().find_map(|(key, page)| {
        let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, *key);
        ui.input_mut(|input| input.consume_shortcut(&shortcut)).then_some(Command::Navigate(*page))
    })
}

/// The Edit menu: Undo and Redo, naming what they would do.
pub fn edit_menu_ui(ui: &mut egui::Ui, stack: &UndoStack, commands: &mut Vec<Command>) {
    ui.menu_button("Edit", |ui| {
        let undo = stack.next_undo().map_or_else(|| "Undo".to_owned(), |what| format!("Undo the {what}"));
        let button = egui::Button::new(undo).shortcut_text("Ctrl+Z");
        if ui.add_enabled(stack.next_undo().is_some(), button).clicked() {
            commands.push(Command::Undo);
        }
        let redo = stack.next_redo().map_or_else(|| "Redo".to_owned(), |what| format!("Redo the {what}"));
        let button = egui::Button::new(redo).shortcut_text("Ctrl+Y");
        if ui.add_enabled(stack.next_redo().is_some(), button).clicked() {
            commands.push(Command::Redo);
        }
    });
}

/// The View menu: theme, how dates are shown, the Register's columns.
pub fn view_menu_ui(ui: &mut egui::Ui, settings: &mut Settings) {
    ui.menu_button("View", |ui| {
        ui.label("Theme");
        for choice in ThemeChoice::ALL {
            ui.radio_value(&mut settings.theme, choice, choice.label());
        }
        ui.separator();
        ui.label("Dates");
        for style in DateStyle::ALL {
            ui.radio_value(&mut settings.date_style, style, style.label());
        }
        ui.separator();
        // Stays open while columns are moved and ticked; a click outside closes it.
        let stay_open = MenuConfig::new().close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
        SubMenuButton::new("Register columns")
            .config(stay_open)
            .ui(ui, |ui| register_columns_ui(ui, settings));
    });
}

/// Show, hide and move the Register table's columns; remembered in `settings`.
fn register_columns_ui(ui: &mut egui::Ui, settings: &mut Settings) {
    let mut columns = settings.register_columns();
    let order = columns.in_order();
    for (index, column) in order.iter().copied().enumerate() {
        ui.horizontal(|ui| {
            let heading = column.heading();
            let left = ui.add_enabled(index > 0, egui::Button::new("‹").small());
            if left
                .on_hover_text("Move left")
                .accessible_name(format!("Move the {heading} column left"))
                .clicked()
            {
                columns.move_by(column, -1);
            }
            let right = ui.add_enabled(index + 1 < order.len(), egui::Button::new("›").small());
            if right
                .on_hover_text("Move right")
                .accessible_name(format!("Move the {heading} column right"))
                .clicked()
            {
                columns.move_by(column, 1);
            }
            let mut shown = columns.is_shown(column);
            let checkbox =
                ui.add_enabled(RegisterColumns::can_hide(column), egui::Checkbox::new(&mut shown, heading));
            if checkbox.accessible_name(format!("Show the {heading} column")).changed() {
                columns.set_shown(column, shown);
            }
        });
    }
    ui.separator();
    if ui.add_enabled(!columns.order.is_empty(), egui::Button::new("Standard order")).clicked() {
        columns.reset_order();
    }
    if columns != settings.register_columns() {
        settings.set_register_columns(columns);
    }
}

/// The Help menu: the version, the keyboard shortcuts and the guide.
pub fn help_menu_ui(ui: &mut egui::Ui, shortcuts_open: &mut bool) {
    ui.menu_button("Help", |ui| {
        if ui.add(egui::Button::new("Keyboard shortcuts").shortcut_text("F1")).clicked() {
            *shortcuts_open = true;
        }
        ui.label("The officer's guide: docs/guide.md");
        ui.separator();
        ui.weak(format!("ROPA Register {}", env!("CARGO_PKG_VERSION")));
    });
}

/// The Keyboard shortcuts window, while open.
pub fn shortcuts_window_ui(ui: &egui::Ui, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts").open(open).resizable(false).collapsible(false).show(
        ui.ctx(),
        |ui| {
            egui::Grid::new("shortcuts").num_columns(2).spacing([16.0, 6.0]).striped(true).show(ui, |ui| {
                for (keys, what) in SHORTCUTS {
                    ui.strong(keys);
                    ui.add(egui::Label::new(what).wrap());
                    ui.end_row();
                }
            });
        },
    );
}
