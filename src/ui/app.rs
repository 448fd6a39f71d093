//! The app: the open register, the page shown, and the [`Command`] queue that is
//! the only way the UI changes the register. Pages draw from the snapshot and push
//! commands; after the UI pass [`App::run_commands`] runs them in one `match`, and
//! every change that reloads the snapshot ends in one "snapshot changed" event that
//! each page hears ([`SnapshotPage`]).
//!
//! Split by role, as Rerun splits its viewer: this file holds the state and the
//! frame; `page` the pages and the central panel; `command` the commands and their
//! one `match`; `chrome` the menus, navigation and status around the page;
//! `session` the open register and its snapshot's life; the `*_actions` files the
//! command handlers, by what they act on.

use std::path::PathBuf;

use ropa::model::Date;

use super::activity_editor::ActivityEditor;
use super::agreements::AgreementsPage;
use super::as_at::AsAt;
use super::assets::AssetsPage;
use super::backups::{self, RestoreDialog};
use super::checks::ChecksPage;
use super::dpias::DpiasPage;
use super::export::ExportPage;
use super::file_dialog::FileDialogs;
use super::flows::FlowsPage;
use super::history::HistoryPanel;
use super::import::ImportPage;
use super::notice_preview::NoticePage;
use super::organisation::OrganisationPage;
use super::parties::PartiesPage;
use super::register::RegisterPage;
use super::review_dialog::{self, ReviewDialog};
use super::reviews::ReviewsPage;
use super::settings::{self, Settings};
use super::undo::UndoStack;

mod activity_actions;
mod checks_actions;
mod chrome;
mod command;
mod dpia_actions;
mod file_actions;
mod output_actions;
mod page;
mod party_actions;
mod session;
mod undo_actions;

pub use chrome::Notice;
use chrome::TypedPath;
pub use command::Command;
use command::path_command;
pub use page::{Page, SnapshotPage, welcome_buttons_ui};
pub use session::Session;

/// The desktop app. The fields marked `pub(super)` are those the test support
/// inspects.
pub struct App {
    pub(super) session: Option<Session>,
    pub(super) page: Page,
    pub(super) commands: Vec<Command>,
    /// Commands pushed while the snapshot loads, run when it lands.
    waiting_for_snapshot: Vec<Command>,
    pub(super) settings: Settings,
    today: Date,
    dialogs: FileDialogs,
    typed_path: Option<TypedPath>,
    pub(super) notice: Option<Notice>,
    /// The changes that can be undone and redone.
    undo_stack: UndoStack,
    /// A command waiting for the answer to "save changes?".
    pub(super) leave_prompt: Option<Command>,
    register_page: RegisterPage,
    pub(super) editor: Option<ActivityEditor>,
    parties_page: PartiesPage,
    agreements_page: AgreementsPage,
    assets_page: AssetsPage,
    pub(super) dpias_page: DpiasPage,
    organisation_page: OrganisationPage,
    pub(super) export_page: ExportPage,
    import_page: ImportPage,
    pub(super) checks_page: ChecksPage,
    reviews_page: ReviewsPage,
    history: HistoryPanel,
    pub(super) as_at: AsAt,
    restore_dialog: Option<RestoreDialog>,
    /// "Mark reviewed" asking for the reviewer's note.
    review_dialog: Option<ReviewDialog>,
    /// Whether the Keyboard shortcuts window is open.
    shortcuts_open: bool,
    /// The window title last sent.
    title_shown: String,
    pub(super) flows_page: FlowsPage,
    pub(super) notice_page: NoticePage,
    pub(super) demo_folder: PathBuf,
    quit_requested: bool,
    /// The backup taken on open, running on its own thread: its result.
    automatic_backup: Option<std::sync::mpsc::Receiver<ropa::Result<PathBuf>>>,
}

impl App {
    /// An app with no register open.
    pub fn empty(settings: Settings, today: Date, dialogs: FileDialogs) -> Self {
        Self {
            session: None,
            page: Page::Register,
            commands: Vec::new(),
            waiting_for_snapshot: Vec::new(),
            settings,
            today,
            dialogs,
            typed_path: None,
            notice: None,
            undo_stack: UndoStack::default(),
            leave_prompt: None,
            register_page: RegisterPage::default(),
            editor: None,
            parties_page: PartiesPage::default(),
            agreements_page: AgreementsPage::default(),
            assets_page: AssetsPage::default(),
            dpias_page: DpiasPage::default(),
            organisation_page: OrganisationPage::default(),
            export_page: ExportPage::default(),
            import_page: ImportPage::default(),
            checks_page: ChecksPage::default(),
            reviews_page: ReviewsPage::default(),
            history: HistoryPanel::default(),
            as_at: AsAt::default(),
            restore_dialog: None,
            review_dialog: None,
            shortcuts_open: false,
            title_shown: String::new(),
            flows_page: FlowsPage::new(today),
            notice_page: NoticePage::default(),
            demo_folder: settings::data_dir(),
            quit_requested: false,
            automatic_backup: None,
        }
    }

    /// Starts on `path`, or on the last register. On the first run there is
    /// neither: the window asks where the organisation's register should live
    /// (a new file, an existing one, or the demo) rather than making one unasked.
    /// A register that cannot be opened leaves the app open with the reason shown.
    pub fn start(path: Option<PathBuf>, settings: Settings, today: Date, dialogs: FileDialogs) -> Self {
        let mut app = Self::empty(settings, today, dialogs);
        let path = path.or_else(|| app.settings.last_register.clone().filter(|last| last.exists()));
        if let Some(path) = path {
            app.open_register(&path);
        }
        app
    }

    /// Draws the whole window, then runs the commands pushed while drawing.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        super::menus::apply_settings(ui.ctx(), &self.settings);
        self.register_page.columns = self.settings.register_columns();
        self.show_title(ui.ctx());
        self.poll_snapshot(ui.ctx());
        self.poll_checks(ui.ctx());
        self.poll_backup(ui.ctx());
        self.guard_window_close(ui);
        self.poll_dialog();
        self.shortcuts(ui);
        self.top_bar_ui(ui);
        self.notice_ui(ui);
        self.navigation_ui(ui);
        egui::CentralPanel::default().show(ui, |ui| self.page_ui(ui));
        self.leave_prompt_ui(ui);
        self.typed_path_ui(ui);
        if let Some(dialog) = &mut self.restore_dialog
            && !backups::dialog_ui(ui, dialog, &mut self.commands)
        {
            self.restore_dialog = None;
        }
        if let Some(dialog) = &mut self.review_dialog
            && !review_dialog::ui(ui, dialog, &mut self.commands)
        {
            self.review_dialog = None;
        }
        super::menus::shortcuts_window_ui(ui, &mut self.shortcuts_open);
        self.run_commands();
        if self.quit_requested {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            self.quit_requested = false;
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.save(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.wait_for_backup();
    }
}
