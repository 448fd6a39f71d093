//! The window around the page: the title, the top bar with the File menu (the
//! Edit, View and Help menus are in `ui::menus`), the navigation, the notice at the
//! foot, the "save changes?" prompt, the typed-path box, and the shortcuts that
//! work on every page.

use std::path::PathBuf;

use super::{App, Command, Page, path_command};
use crate::ui::activity_editor::ActivityEditor;
use crate::ui::dialog_keys::enter_confirms;
use crate::ui::file_dialog::FilePurpose;
use crate::ui::{checks, menus};

/// A message shown at the foot of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The message.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
    /// Whether it offers to undo the last delete.
    pub offers_undo: bool,
}

impl Notice {
    pub(super) fn info(text: impl Into<String>) -> Self {
        Self { text: text.into(), is_error: false, offers_undo: false }
    }

    pub(super) fn error(text: impl Into<String>) -> Self {
        Self { text: text.into(), is_error: true, offers_undo: false }
    }
}

/// The typed-path box shown when a file dialog is cancelled or cannot open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TypedPath {
    purpose: FilePurpose,
    text: String,
    focused: bool,
}

/// The user's answer to "save changes?".
enum LeaveAnswer {
    Save,
    Discard,
    Cancel,
}

impl App {
    /// The window's title: the register's name, marked while the activity edited
    /// has unsaved changes.
    pub fn window_title(&self) -> String {
        let Some(session) = &self.session else {
            return "ROPA Register".to_owned();
        };
        let unsaved = if self.editor.as_ref().is_some_and(ActivityEditor::is_dirty) { "● " } else { "" };
        format!("{unsaved}{} — ROPA Register", session.name())
    }

    /// Sends the window's title when it changed.
    pub(super) fn show_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if self.title_shown != title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
    }

    /// Closing the window with unsaved changes asks first, like any other way out.
    pub(super) fn guard_window_close(&mut self, ui: &egui::Ui) {
        let close_requested = ui.input(|input| input.viewport().close_requested());
        if close_requested && self.editor.as_ref().is_some_and(ActivityEditor::is_dirty) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.commands.push(Command::Quit);
        }
    }

    pub(super) fn shortcuts(&mut self, ui: &egui::Ui) {
        if let Some(command) = menus::undo_shortcut(ui, &self.undo_stack) {
            self.commands.push(command);
        }
        if let Some(command) = menus::page_shortcut(ui, &mut self.shortcuts_open)
            && self.session.is_some()
        {
            self.commands.push(command);
        }
        let export = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::E);
        if self.session.is_some() && ui.input_mut(|input| input.consume_shortcut(&export)) {
            self.commands.push(Command::Navigate(Page::Export));
        }
    }

    pub(super) fn poll_dialog(&mut self) {
        let Some(answer) = self.dialogs.poll() else {
            return;
        };
        match answer.path {
            Some(path) => self.commands.push(path_command(answer.purpose, path)),
            None => {
                self.typed_path =
                    Some(TypedPath { purpose: answer.purpose, text: String::new(), focused: false });
            }
        }
    }

    pub(super) fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                self.file_menu_ui(ui);
                menus::edit_menu_ui(ui, &self.undo_stack, &mut self.commands);
                menus::view_menu_ui(ui, &mut self.settings);
                menus::help_menu_ui(ui, &mut self.shortcuts_open);
                ui.separator();
                ui.weak(format!("Law current to {}", ropa::law::long_date(ropa::law::LAW_CURRENT_TO)))
                    .on_hover_text("The register checks the law as in force on the day checked, up to this date; later changes are not known to it.");
                ui.separator();
                match &self.session {
                    Some(session) => {
                        ui.strong(session.name());
                        let path = session.store.path().map_or_else(String::new, |p| p.display().to_string());
                        ui.add(egui::Label::new(egui::RichText::new(path).weak()).truncate());
                    }
                    None => {
                        ui.weak("No register open");
                    }
                }
            });
        });
    }

    pub(super) fn file_menu_ui(&mut self, ui: &mut egui::Ui) {
        let commands = &mut self.commands;
        let has_session = self.session.is_some();
        let recent = &self.settings.recent;
        ui.menu_button("File", |ui| {
            if ui.button("New register…").clicked() {
                commands.push(Command::ChooseFile(FilePurpose::New));
            }
            if ui.button("Open…").clicked() {
                commands.push(Command::ChooseFile(FilePurpose::Open));
            }
            if ui.button("Open demo").clicked() {
                commands.push(Command::OpenDemo);
            }
            if ui.add_enabled(has_session, egui::Button::new("Save a copy as…")).clicked() {
                commands.push(Command::ChooseFile(FilePurpose::SaveCopy));
            }
            if ui.add_enabled(has_session, egui::Button::new("Import…")).clicked() {
                commands.push(Command::Navigate(Page::Import));
            }
            if ui.add_enabled(has_session, egui::Button::new("Back up now")).clicked() {
                commands.push(Command::BackUpNow);
            }
            if ui.add_enabled(has_session, egui::Button::new("Restore from backup…")).clicked() {
                commands.push(Command::ChooseBackup);
            }
            ui.menu_button("Recent files", |ui| {
                if recent.is_empty() {
                    ui.weak("None yet");
                }
                for path in recent {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(Command::OpenRegister(path.clone()));
                    }
                }
            });
            ui.separator();
            if ui.button("Quit").clicked() {
                commands.push(Command::Quit);
            }
        });
    }

    pub(super) fn notice_ui(&mut self, ui: &mut egui::Ui) {
        let Some(notice) = &self.notice else {
            return;
        };
        let mut dismissed = false;
        egui::Panel::bottom("notice").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                if notice.is_error {
                    ui.colored_label(ui.visuals().error_fg_color, &notice.text);
                } else {
                    ui.label(&notice.text);
                }
                if notice.offers_undo && ui.button("Undo").on_hover_text("Ctrl+Z").clicked() {
                    self.commands.push(Command::Undo);
                }
                if ui.small_button("Dismiss").clicked() {
                    dismissed = true;
                }
            });
        });
        if dismissed {
            self.notice = None;
        }
    }

    pub(super) fn navigation_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::left("navigation").resizable(false).exact_size(150.0).show(ui, |ui| {
            ui.add_space(6.0);
            for page in Page::NAVIGATION {
                let selected = self.page.title() == page.title();
                let button =
                    egui::Button::selectable(selected, page.title()).min_size(egui::vec2(136.0, 26.0));
                if ui.add_enabled(self.session.is_some(), button).clicked() && self.page != page {
                    self.commands.push(Command::Navigate(page));
                }
                if page == Page::Checks && self.session.as_ref().is_some_and(|s| !s.is_loading()) {
                    checks::navigation_counts_ui(ui, &self.checks_page, self.as_at.shown.is_some());
                }
            }
            ui.add_space(12.0);
            ui.separator();
            if let Some(session) = &self.session {
                ui.weak(format!("{} activities", session.view.total()));
                ui.weak(format!("{} parties", session.view.parties.len()));
                if !session.is_loading() {
                    ui.weak(format!("{} agreements", session.register.agreements.len()));
                }
            }
        });
    }

    pub(super) fn leave_prompt_ui(&mut self, ui: &mut egui::Ui) {
        let Some(pending) = &self.leave_prompt else {
            return;
        };
        let mut answer = None;
        let problems = match (&self.editor, &self.session) {
            (Some(editor), Some(session)) => editor.problems(&session.register),
            _ => Vec::new(),
        };
        let id = egui::Id::unique("leave-prompt");
        let modal = egui::Modal::new(id).show(ui.ctx(), |ui| {
            let enter = enter_confirms(ui, id);
            ui.set_max_width(420.0);
            ui.heading("Save changes to this activity?");
            ui.label("The activity has changes that are not saved yet.");
            if let Some(problem) = problems.first() {
                ui.colored_label(ui.visuals().error_fg_color, format!("It cannot be saved yet: {problem}"));
            }
            ui.horizontal(|ui| {
                let save = ui.add_enabled(problems.is_empty(), egui::Button::new("Save changes"));
                if save.clicked() || (enter && problems.is_empty()) {
                    answer = Some(LeaveAnswer::Save);
                }
                if ui.button("Discard changes").clicked() {
                    answer = Some(LeaveAnswer::Discard);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(LeaveAnswer::Cancel);
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            // Escape (or a click outside) cancels, keeping the edits.
            answer = Some(LeaveAnswer::Cancel);
        }
        let pending = pending.clone();
        match answer {
            Some(LeaveAnswer::Save) => {
                self.leave_prompt = None;
                if let Some(draft) = self.editor.as_ref().and_then(ActivityEditor::draft_to_save) {
                    self.commands.push(Command::SaveActivity(Box::new(draft)));
                    self.commands.push(pending);
                }
            }
            Some(LeaveAnswer::Discard) => {
                self.leave_prompt = None;
                if let Some(editor) = &mut self.editor {
                    editor.revert();
                }
                self.commands.push(pending);
            }
            Some(LeaveAnswer::Cancel) => self.leave_prompt = None,
            None => {}
        }
    }

    pub(super) fn typed_path_ui(&mut self, ui: &mut egui::Ui) {
        let Some(typed) = &mut self.typed_path else {
            return;
        };
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("typed-path")).show(ui.ctx(), |ui| {
            ui.set_max_width(520.0);
            ui.heading(typed.purpose.title());
            ui.label("No file was chosen, or no file dialog is available here. Type the file's full path:");
            let response = ui
                .add(egui::TextEdit::singleline(&mut typed.text).desired_width(480.0))
                .accessible_name("File path");
            if !typed.focused {
                response.request_focus();
                typed.focused = true;
            }
            let entered = response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let ready = !typed.text.trim().is_empty();
                if (ui.add_enabled(ready, egui::Button::new("OK")).clicked() || (entered && ready))
                    && !typed.text.trim().is_empty()
                {
                    self.commands.push(path_command(typed.purpose, PathBuf::from(typed.text.trim())));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if close || modal.should_close() {
            self.typed_path = None;
        }
    }
}
