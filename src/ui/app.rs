//! The app: the open register, the page shown, and the [`Command`] queue that is
//! the only way the UI changes the register. Pages draw and push commands; after
//! the UI pass [`App::run_commands`] runs them in one `match`, then rebuilds the
//! page data that a change made stale.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use ropa::Store;
use ropa::model::{
    ActivityId, Date, Direction, LinkDraft, LinkFields, Organisation, PartyFields, PartyKind, Register,
    ServiceFields,
};

use super::activity_editor::{self, ActivityDraft, ActivityEditor};
use super::agreements::{self, AgreementDraft, AgreementsPage};
use super::as_at::{self, AsAt};
use super::backups::{self, RestoreDialog};
use super::checks::{self, ChecksPage, FindingTarget};
use super::export::{self, ExportPage};
use super::file_dialog::{FileDialogs, FilePurpose};
use super::flows::{self, FlowsPage};
use super::history::{self, HistoryPanel};
use super::import::{self, ImportPage};
use super::notice_preview::{self, NoticePage};
use super::organisation::{self, OrganisationPage};
use super::parties::{self, PartiesPage, PartyDraft};
use super::register::{self, RegisterPage};
use super::register_view::RegisterView;
use super::review_dialog::{self, ReviewDialog};
use super::reviews::{self, ReviewsPage};
use super::settings::{self, Settings};
use super::undo::{self, UndoStack};

mod checks_actions;
mod undo_actions;

/// A page of the main window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The table of activities.
    Register,
    /// The activity editor.
    Activity,
    /// Parties and the activities linked to them.
    Parties,
    /// Agreements and the links relying on them.
    Agreements,
    /// Who keeps the record.
    Organisation,
    /// Exports to CSV, PDF and JSON.
    Export,
    /// Import with a preview (File > Import…).
    Import,
    /// The findings of the compliance checks.
    Checks,
    /// Activities and agreements due for review.
    Reviews,
    /// The flow map, the ready questions and the party view.
    Flows,
    /// Privacy notice preview.
    Notices,
}

impl Page {
    /// The pages listed in the navigation, in order.
    const NAVIGATION: [Self; 9] = [
        Self::Register,
        Self::Checks,
        Self::Reviews,
        Self::Parties,
        Self::Agreements,
        Self::Flows,
        Self::Notices,
        Self::Organisation,
        Self::Export,
    ];

    /// The page's name in the navigation.
    fn title(self) -> &'static str {
        match self {
            Self::Register | Self::Activity => "Register",
            Self::Parties => "Parties",
            Self::Agreements => "Agreements",
            Self::Organisation => "Organisation",
            Self::Export => "Exports",
            Self::Import => "Import",
            Self::Checks => "Checks",
            Self::Reviews => "Reviews due",
            Self::Flows => "Data flows",
            Self::Notices => "Privacy notices",
        }
    }
}

/// Something the user asked for, run after the UI pass.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Show another page (asks first if the editor has unsaved changes).
    Navigate(Page),
    /// Open the editor on a new activity.
    NewActivity,
    /// Open the editor on a stored activity.
    OpenActivity(ActivityId),
    /// Save the activity draft: insert it if new, otherwise update it from the
    /// version it was read at.
    SaveActivity(Box<ActivityDraft>),
    /// After a conflict: save the draft over the version someone else saved.
    OverwriteActivity(Box<ActivityDraft>),
    /// After a conflict: drop the draft and load the activity as saved now.
    ReloadActivity(ActivityId),
    /// Delete an activity (already confirmed); it can be undone.
    DeleteActivity(ActivityId),
    /// Undo the last change to an activity (a save, a new activity, a delete or
    /// a review), as a new logged change.
    Undo,
    /// Redo the change undone last.
    Redo,
    /// Add a service with this name and choose it in the editor.
    AddService(String),
    /// Create a party with this name and link it to the edited activity.
    CreateLinkParty {
        /// The new party's name.
        name: String,
        /// Its kind, chosen where it was created.
        kind: PartyKind,
        /// Whether it is a source or a recipient.
        direction: Direction,
    },
    /// Save a party draft.
    SaveParty(PartyDraft),
    /// Save an agreement draft.
    SaveAgreement(AgreementDraft),
    /// Save the organisation profile.
    SaveOrganisation(Organisation),
    /// Ask for a file (native dialog, falling back to a typed path).
    ChooseFile(FilePurpose),
    /// Open the register at this path.
    OpenRegister(PathBuf),
    /// Create a new, empty register at this path and open it.
    NewRegister(PathBuf),
    /// Create a new register filled with the demo content and open it.
    OpenDemo,
    /// Write a copy of the open register to this path.
    SaveCopyAs(PathBuf),
    /// Use this file as the export's destination.
    ExportTo(PathBuf),
    /// Read this file on the Import page and preview it.
    ImportFrom(PathBuf),
    /// Apply a previewed import plan in one transaction.
    ApplyImport(Box<ropa::import::Plan>),
    /// Close the window.
    Quit,
    /// Open what a finding concerns: the activity's field in the editor, or the agreement.
    OpenFinding(FindingTarget),
    /// Accept a finding for a reason (who and when are added).
    Acknowledge {
        /// The finding.
        key: ropa::checks::FindingKey,
        /// Why it is accepted.
        reason: String,
    },
    /// Withdraw the acknowledgement with this id.
    WithdrawAcknowledgement(i64),
    /// Record whether the controller is a public authority.
    SetPublicAuthority(bool),
    /// Record whether a controller named by a service is a public authority
    /// (`None`: not recorded).
    SetControllerPublicAuthority {
        /// The controller's name, as services give it.
        name: String,
        /// Its status.
        status: Option<bool>,
    },
    /// Set the name recorded beside the OS user name.
    SetDisplayName(String),
    /// Ask for the reviewer's note before marking the activity reviewed.
    AskReview {
        /// The activity.
        id: ActivityId,
        /// The version it was read at.
        version: i64,
    },
    /// Mark the activity, read at `version`, reviewed today, with the reviewer's note.
    MarkReviewed {
        /// The activity.
        id: ActivityId,
        /// The version it was read at.
        version: i64,
        /// The reviewer's note, recorded in the change log with the review.
        note: String,
    },
    /// Show or hide the history beside the editor.
    ToggleHistory,
    /// Show the register as it stood at the end of this day, read-only.
    ShowAsAt(Date),
    /// Go back to today's register.
    LeaveAsAt,
    /// Take a backup into the register's backup folder now.
    BackUpNow,
    /// List the register's backups to restore one.
    ChooseBackup,
    /// Replace the register with the backup at this path (already confirmed).
    RestoreBackup(PathBuf),
    /// Merge the duplicate party into the one kept (already confirmed).
    MergeParties {
        /// The party that stays.
        kept: ropa::model::PartyId,
        /// The party merged away and deleted.
        duplicate: ropa::model::PartyId,
    },
    /// Undo the last merge of parties.
    UndoMergeParties,
    /// Write the Data flows table to this CSV file.
    ExportFlowsCsv(PathBuf),
    /// Write the Data flows table to this PDF file.
    ExportFlowsPdf(PathBuf),
    /// Write the flow map shown to this SVG file.
    ExportFlowSvg(PathBuf),
    /// (Re)generate the privacy notice of the service chosen on the Notices page.
    PreviewNotice,
    /// Save the notice shown to this file, as Markdown or HTML.
    SaveNotice(PathBuf, FilePurpose),
}

impl Command {
    /// Whether the command reads or writes the register, and so waits while its
    /// snapshot loads. Moving between pages and leaving the register do not.
    fn needs_snapshot(&self) -> bool {
        !matches!(
            self,
            Self::Navigate(_)
                | Self::ChooseFile(FilePurpose::Open | FilePurpose::New)
                | Self::OpenRegister(_)
                | Self::NewRegister(_)
                | Self::OpenDemo
                | Self::Quit
        )
    }

    /// Whether running the command closes the activity editor.
    fn leaves_editor(&self, editor: &ActivityEditor) -> bool {
        match self {
            Self::Navigate(page) => *page != Page::Activity,
            Self::OpenActivity(id) | Self::OpenFinding(FindingTarget::Activity(id, _)) => {
                editor.activity_id() != Some(*id)
            }
            Self::OpenFinding(FindingTarget::Agreement(_)) | Self::RestoreBackup(_) => true,
            Self::NewActivity
            | Self::OpenRegister(_)
            | Self::NewRegister(_)
            | Self::OpenDemo
            | Self::Quit => true,
            _ => false,
        }
    }
}

/// An open register: the store, its latest snapshot and the Register page's data.
pub struct Session {
    /// The register file.
    pub store: Store,
    /// The snapshot the pages draw from, reloaded after every change. Empty while
    /// the snapshot loads: nothing reads it until then (see [`Session::is_loading`]).
    pub register: Register,
    /// The register table's rows.
    pub view: RegisterView,
    /// The snapshot being loaded on a worker thread, until it lands.
    loading: Option<Receiver<ropa::Result<Register>>>,
}

impl Session {
    /// Loads the snapshot and builds the page data for `store`.
    pub fn new(mut store: Store) -> ropa::Result<Self> {
        let register = store.load_register()?;
        let view = RegisterView::build(&register);
        Ok(Self { store, register, view, loading: None })
    }

    /// Reads the Register page's rows from `store` straight away and loads the
    /// snapshot on a worker thread, with a connection of its own to the same file
    /// (its read is one transaction). A register in memory is loaded at once.
    pub fn open(mut store: Store) -> ropa::Result<Self> {
        let Some(path) = store.path().map(Path::to_path_buf) else {
            return Self::new(store);
        };
        let view = RegisterView::read(&mut store)?;
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let snapshot = Store::open(&path).and_then(|mut store| store.load_register());
            let _ignored_if_the_register_was_closed = sender.send(snapshot);
        });
        Ok(Self { store, register: Register::default(), view, loading: Some(receiver) })
    }

    /// Reads the Register page's rows from `store` and keeps `snapshot` as the
    /// snapshot still to come (tests that decide when it lands).
    #[cfg(test)]
    pub fn with_pending_snapshot(
        mut store: Store,
        snapshot: Receiver<ropa::Result<Register>>,
    ) -> ropa::Result<Self> {
        let view = RegisterView::read(&mut store)?;
        Ok(Self { store, register: Register::default(), view, loading: Some(snapshot) })
    }

    /// Whether the snapshot is still loading: only the Register page can be shown,
    /// and commands that need the snapshot wait for it.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The register's name: the controller's, or the file's.
    pub fn name(&self) -> String {
        let controller = self.register.organisation.controller.name.trim();
        if !controller.is_empty() {
            return controller.to_owned();
        }
        self.store
            .path()
            .and_then(Path::file_stem)
            .map_or_else(|| "Unsaved register".to_owned(), |stem| stem.to_string_lossy().into_owned())
    }
}

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
    fn info(text: impl Into<String>) -> Self {
        Self { text: text.into(), is_error: false, offers_undo: false }
    }

    fn error(text: impl Into<String>) -> Self {
        Self { text: text.into(), is_error: true, offers_undo: false }
    }
}

/// The typed-path box shown when a file dialog is cancelled or cannot open.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TypedPath {
    purpose: FilePurpose,
    text: String,
    focused: bool,
}

/// The desktop app.
pub struct App {
    session: Option<Session>,
    page: Page,
    commands: Vec<Command>,
    /// Commands pushed while the snapshot loads, run when it lands.
    waiting_for_snapshot: Vec<Command>,
    settings: Settings,
    today: Date,
    dialogs: FileDialogs,
    typed_path: Option<TypedPath>,
    notice: Option<Notice>,
    /// The changes that can be undone and redone.
    undo_stack: UndoStack,
    /// A command waiting for the answer to "save changes?".
    leave_prompt: Option<Command>,
    register_page: RegisterPage,
    editor: Option<ActivityEditor>,
    parties_page: PartiesPage,
    agreements_page: AgreementsPage,
    organisation_page: OrganisationPage,
    export_page: ExportPage,
    import_page: ImportPage,
    checks_page: ChecksPage,
    reviews_page: ReviewsPage,
    history: HistoryPanel,
    as_at: AsAt,
    restore_dialog: Option<RestoreDialog>,
    /// "Mark reviewed" asking for the reviewer's note.
    review_dialog: Option<ReviewDialog>,
    /// Whether the Keyboard shortcuts window is open.
    shortcuts_open: bool,
    /// The window title last sent.
    title_shown: String,
    flows_page: FlowsPage,
    notice_page: NoticePage,
    demo_folder: PathBuf,
    quit_requested: bool,
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
    fn show_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if self.title_shown != title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
    }

    /// Closing the window with unsaved changes asks first, like any other way out.
    fn guard_window_close(&mut self, ui: &egui::Ui) {
        let close_requested = ui.input(|input| input.viewport().close_requested());
        if close_requested && self.editor.as_ref().is_some_and(ActivityEditor::is_dirty) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.commands.push(Command::Quit);
        }
    }

    fn shortcuts(&mut self, ui: &egui::Ui) {
        if let Some(command) = super::menus::undo_shortcut(ui, &self.undo_stack) {
            self.commands.push(command);
        }
        if let Some(command) = super::menus::page_shortcut(ui, &mut self.shortcuts_open)
            && self.session.is_some()
        {
            self.commands.push(command);
        }
        let export = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::E);
        if self.session.is_some() && ui.input_mut(|input| input.consume_shortcut(&export)) {
            self.commands.push(Command::Navigate(Page::Export));
        }
    }

    fn poll_dialog(&mut self) {
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

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                self.file_menu_ui(ui);
                super::menus::edit_menu_ui(ui, &self.undo_stack, &mut self.commands);
                super::menus::view_menu_ui(ui, &mut self.settings);
                super::menus::help_menu_ui(ui, &mut self.shortcuts_open);
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

    fn file_menu_ui(&mut self, ui: &mut egui::Ui) {
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

    fn notice_ui(&mut self, ui: &mut egui::Ui) {
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

    fn navigation_ui(&mut self, ui: &mut egui::Ui) {
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
                    checks::navigation_counts_ui(ui, &self.checks_page);
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

    fn page_ui(&mut self, ui: &mut egui::Ui) {
        let Some(session) = &mut self.session else {
            welcome_ui(ui, &mut self.commands);
            return;
        };
        if session.is_loading() && self.page != Page::Register {
            loading_ui(ui);
            return;
        }
        match self.page {
            Page::Register => {
                as_at::bar_ui(ui, &mut self.as_at, &mut self.commands);
                match &self.as_at.shown {
                    Some(shown) => as_at::ui(ui, shown),
                    None => {
                        register::ui(ui, &mut self.register_page, session, self.today, &mut self.commands)
                    }
                }
            }
            Page::Checks => checks::ui(ui, &mut self.checks_page, &session.register, &mut self.commands),
            Page::Reviews => {
                reviews::ui(ui, &mut self.reviews_page, &session.register, self.today, &mut self.commands);
            }
            Page::Activity => match &mut self.editor {
                Some(editor) => {
                    history::panel_ui(ui, &mut self.history, editor, &mut self.commands);
                    activity_editor::ui(
                        ui,
                        editor,
                        &session.register,
                        &session.view.suggestions,
                        &mut self.commands,
                    )
                }
                None => self.page = Page::Register,
            },
            Page::Parties => parties::ui(ui, &mut self.parties_page, &session.register, &mut self.commands),
            Page::Agreements => {
                agreements::ui(ui, &mut self.agreements_page, &session.register, &mut self.commands);
            }
            Page::Organisation => organisation::ui(ui, &mut self.organisation_page, &mut self.commands),
            Page::Export => {
                let as_at = self.as_at.shown.as_ref();
                export::ui(ui, &mut self.export_page, session, as_at, self.today, &mut self.commands);
            }
            Page::Import => import::ui(ui, &mut self.import_page, &session.register, &mut self.commands),
            Page::Flows => flows::ui(ui, &mut self.flows_page, &session.register, &mut self.commands),
            Page::Notices => {
                notice_preview::ui(ui, &mut self.notice_page, &session.register, &mut self.commands);
            }
        }
    }

    fn leave_prompt_ui(&mut self, ui: &mut egui::Ui) {
        let Some(pending) = &self.leave_prompt else {
            return;
        };
        let mut answer = None;
        let problems = match (&self.editor, &self.session) {
            (Some(editor), Some(session)) => editor.problems(&session.register),
            _ => Vec::new(),
        };
        let modal = egui::Modal::new(egui::Id::unique("leave-prompt")).show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.heading("Save changes to this activity?");
            ui.label("The activity has changes that are not saved yet.");
            if let Some(problem) = problems.first() {
                ui.colored_label(ui.visuals().error_fg_color, format!("It cannot be saved yet: {problem}"));
            }
            ui.horizontal(|ui| {
                if ui.add_enabled(problems.is_empty(), egui::Button::new("Save changes")).clicked() {
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

    fn typed_path_ui(&mut self, ui: &mut egui::Ui) {
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

    /// Runs the commands pushed during the UI pass, in order.
    pub fn run_commands(&mut self) {
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            if self.session.as_ref().is_some_and(Session::is_loading) && command.needs_snapshot() {
                self.waiting_for_snapshot.push(command);
                continue;
            }
            if let Some(editor) = &self.editor
                && editor.is_dirty()
                && command.leaves_editor(editor)
            {
                self.leave_prompt = Some(command);
                self.page = Page::Activity;
                continue;
            }
            self.run(command);
        }
    }

    fn run(&mut self, command: Command) {
        let outcome = match command {
            Command::Navigate(page) => {
                self.navigate(page);
                Ok(())
            }
            Command::NewActivity => self.new_activity(),
            Command::OpenActivity(id) => self.open_activity(id),
            Command::SaveActivity(draft) => self.save_activity(*draft),
            Command::OverwriteActivity(draft) => self.overwrite_activity(*draft),
            Command::ReloadActivity(id) => self.reload_activity(id),
            Command::DeleteActivity(id) => self.delete_activity(id),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::AddService(name) => self.add_service(&name),
            Command::CreateLinkParty { name, kind, direction } => {
                self.create_link_party(name, kind, direction)
            }
            Command::SaveParty(draft) => self.save_party(draft),
            Command::SaveAgreement(draft) => self.save_agreement(draft),
            Command::SaveOrganisation(organisation) => self.save_organisation(&organisation),
            Command::ChooseFile(purpose) => {
                self.choose_file(purpose);
                Ok(())
            }
            Command::OpenRegister(path) => {
                self.open_register(&path);
                Ok(())
            }
            Command::NewRegister(path) => self.new_register(&path),
            Command::OpenDemo => self.open_demo(),
            Command::SaveCopyAs(path) => self.save_copy(&path),
            Command::ExportTo(path) => {
                self.export_page.set_destination(&path);
                Ok(())
            }
            Command::ImportFrom(path) => self.import_from(&path),
            Command::ApplyImport(plan) => self.apply_import(&plan),
            Command::Quit => {
                self.quit_requested = true;
                Ok(())
            }
            Command::OpenFinding(target) => self.open_finding(target),
            Command::Acknowledge { key, reason } => self.acknowledge(&key, &reason),
            Command::WithdrawAcknowledgement(id) => self.withdraw_acknowledgement(id),
            Command::SetPublicAuthority(value) => self.set_public_authority(value),
            Command::SetControllerPublicAuthority { name, status } => {
                self.set_controller_public_authority(&name, status)
            }
            Command::SetDisplayName(name) => self.set_display_name(&name),
            Command::AskReview { id, version } => self.ask_review(id, version),
            Command::MarkReviewed { id, version, note } => self.mark_reviewed(id, version, &note),
            Command::ToggleHistory => self.toggle_history(),
            Command::ShowAsAt(date) => self.show_as_at(date),
            Command::LeaveAsAt => {
                self.as_at.shown = None;
                Ok(())
            }
            Command::BackUpNow => self.back_up_now(),
            Command::ChooseBackup => self.choose_backup(),
            Command::RestoreBackup(path) => self.restore_backup(&path),
            Command::MergeParties { kept, duplicate } => self.merge_parties(kept, duplicate),
            Command::UndoMergeParties => self.undo_merge_parties(),
            Command::ExportFlowsCsv(path) => self.export_flows_csv(&path),
            Command::ExportFlowsPdf(path) => self.export_flows_pdf(&path),
            Command::ExportFlowSvg(path) => self.export_flow_svg(&path),
            Command::PreviewNotice => self.preview_notice(),
            Command::SaveNotice(path, purpose) => self.save_notice(&path, purpose),
        };
        if let Err(error) = outcome {
            self.notice = Some(Notice::error(error.to_string()));
        }
    }

    /// Opens the file dialog for `purpose`, suggesting a name for an export.
    fn choose_file(&mut self, purpose: FilePurpose) {
        match (&self.session, purpose) {
            (Some(session), FilePurpose::Export) => {
                let as_at = self.as_at.shown.as_ref();
                let name = self.export_page.suggested_name(&session.register, self.today, as_at);
                self.dialogs.request_named(purpose, Some(name));
            }
            _ => self.dialogs.request(purpose),
        }
    }

    fn import_from(&mut self, path: &Path) -> ropa::Result<()> {
        let session = self.session.as_ref().ok_or(ropa::Error::NoRegisterOpen)?;
        self.import_page.choose(path, &session.register);
        self.page = Page::Import;
        Ok(())
    }

    /// Applies `plan` in one transaction; on failure nothing lands and the preview stays.
    fn apply_import(&mut self, plan: &ropa::import::Plan) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        if let Err(error) = ropa::import::apply(plan, &mut session.store) {
            self.import_page.failed(&error);
            return Ok(());
        }
        self.import_page.applied(plan);
        self.reload()?;
        self.organisation_page = OrganisationPage::load(self.session.as_ref().map(|s| &s.register));
        self.notice = Some(Notice::info(format!("Imported {} activities.", plan.activities.len())));
        Ok(())
    }

    fn navigate(&mut self, page: Page) {
        if page != Page::Activity {
            self.editor = None;
        }
        self.page = page;
    }

    fn session_or_err(&mut self) -> ropa::Result<&mut Session> {
        self.session.as_mut().ok_or(ropa::Error::NoRegisterOpen)
    }

    /// Reloads the snapshot after a change and rebuilds the page data from it.
    fn reload(&mut self) -> ropa::Result<()> {
        let Some(session) = &mut self.session else {
            return Ok(());
        };
        session.register = session.store.load_register()?;
        session.view = RegisterView::build(&session.register);
        self.register_page.apply(&mut session.view);
        self.parties_page.refresh(&session.register);
        self.agreements_page.refresh(&session.register);
        self.flows_page.stale();
        self.notice_page.stale();
        self.refresh_checks()
    }

    fn new_activity(&mut self) -> ropa::Result<()> {
        let today = self.today;
        let session = self.session_or_err()?;
        let next_review = Some(session.register.organisation.next_review_after(today));
        let service_id =
            session.register.services.first().map_or(ropa::model::ServiceId(0), |service| service.id);
        let service_id = self.register_page.filter.service.unwrap_or(service_id);
        self.editor = Some(ActivityEditor::new_activity(service_id, next_review));
        self.page = Page::Activity;
        Ok(())
    }

    fn open_activity(&mut self, id: ActivityId) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let editor = ActivityEditor::open_in(&session.register, id)
            .ok_or_else(|| ropa::Error::NotFound { what: format!("activity {id}") })?;
        self.register_page.selected = Some(id);
        self.editor = Some(editor);
        self.page = Page::Activity;
        self.attach_findings(None);
        self.load_history_if_shown()
    }

    fn save_activity(&mut self, draft: ActivityDraft) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let before = draft.id.and_then(|id| undo::record_in(&session.register, id));
        let saved = match draft.id {
            Some(id) => session.store.update_activity(id, draft.version, &draft.fields, &draft.links),
            None => session.store.insert_activity(&draft.fields, &draft.links),
        };
        let saved = match saved {
            Ok(saved) => saved,
            Err(error) => {
                // Shown once, above the form whose draft is kept.
                match &mut self.editor {
                    Some(editor) => editor.set_problem(&error),
                    None => return Err(error),
                }
                return Ok(());
            }
        };
        self.reload()?;
        self.record_step(format!("save of \"{}\"", saved.fields.name), saved.id, before);
        let session = self.session_or_err()?;
        self.editor = ActivityEditor::open_in(&session.register, saved.id);
        self.attach_findings(None);
        self.load_history_if_shown()?;
        self.register_page.selected = Some(saved.id);
        self.notice = Some(Notice::info(format!("Saved \"{}\".", saved.fields.name)));
        Ok(())
    }

    fn overwrite_activity(&mut self, mut draft: ActivityDraft) -> ropa::Result<()> {
        if let Some(id) = draft.id {
            draft.version = self.session_or_err()?.store.activity(id)?.version;
        }
        self.save_activity(draft)
    }

    fn reload_activity(&mut self, id: ActivityId) -> ropa::Result<()> {
        self.reload()?;
        self.editor = None;
        self.open_activity(id)
    }

    fn delete_activity(&mut self, id: ActivityId) -> ropa::Result<()> {
        let deleted = self.session_or_err()?.store.delete_activity(id)?;
        let name = deleted.activity.fields.name.clone();
        let before = undo::record_of(deleted.activity, deleted.links);
        self.editor = None;
        self.page = Page::Register;
        self.reload()?;
        self.record_step(format!("delete of \"{name}\""), id, Some(before));
        self.notice =
            Some(Notice { text: format!("Deleted \"{name}\"."), is_error: false, offers_undo: true });
        Ok(())
    }

    fn add_service(&mut self, name: &str) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let id = match session.store.service_by_name(name)? {
            Some(id) => id,
            None => session
                .store
                .insert_service(&ServiceFields { name: name.to_owned(), ..Default::default() })?,
        };
        self.reload()?;
        if let Some(editor) = &mut self.editor {
            editor.set_service(id);
        }
        Ok(())
    }

    fn create_link_party(&mut self, name: String, kind: PartyKind, direction: Direction) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let party = session.store.insert_party(&PartyFields::new(name, kind))?;
        self.reload()?;
        if let Some(editor) = &mut self.editor {
            editor.add_link(LinkDraft { id: None, fields: LinkFields::new(party.id, direction) });
        }
        self.notice = Some(Notice::info(format!(
            "Added the party \"{}\" ({}).",
            party.fields.name,
            party.fields.kind.label()
        )));
        Ok(())
    }

    fn save_party(&mut self, draft: PartyDraft) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let saved = match draft.id {
            Some(id) => session.store.update_party(id, draft.version, &draft.fields),
            None => session.store.insert_party(&draft.fields),
        };
        let saved = match saved {
            Ok(saved) => saved,
            Err(error) => {
                self.parties_page.problem = Some(error.to_string());
                return Ok(());
            }
        };
        self.parties_page.select(saved.id);
        self.reload()?;
        self.notice = Some(Notice::info(format!("Saved the party \"{}\".", saved.fields.name)));
        Ok(())
    }

    fn save_agreement(&mut self, draft: AgreementDraft) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let saved = match draft.id {
            Some(id) => session.store.update_agreement(id, draft.version, &draft.fields),
            None => session.store.insert_agreement(&draft.fields),
        };
        let saved = match saved {
            Ok(saved) => saved,
            Err(error) => {
                self.agreements_page.problem = Some(error.to_string());
                return Ok(());
            }
        };
        self.agreements_page.select(saved.id);
        self.reload()?;
        self.notice = Some(Notice::info(format!("Saved the agreement \"{}\".", saved.fields.title)));
        Ok(())
    }

    fn save_organisation(&mut self, organisation: &Organisation) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        // The snapshot is what the page was loaded from: saving is an edit of it, so
        // a field someone else saved meanwhile is kept, and a clash is refused.
        let base = session.register.organisation.clone();
        session.store.edit_organisation(&base, organisation)?;
        self.reload()?;
        self.organisation_page = OrganisationPage::load(self.session.as_ref().map(|s| &s.register));
        self.notice = Some(Notice::info("Saved the organisation's details."));
        Ok(())
    }

    /// Opens the register at `path`; on failure the current register stays open
    /// and the reason, naming the file, is shown.
    fn open_register(&mut self, path: &Path) {
        let opened = Store::open(path).and_then(|store| {
            let storage = store.storage_notice();
            Session::open(store).map(|session| (session, storage))
        });
        match opened {
            Ok((session, storage)) => {
                self.install(session, path);
                // Told once, on opening: the register is on a network share.
                self.notice = storage.map(Notice::info);
            }
            Err(error) => self.notice = Some(Notice::error(error.to_string())),
        }
    }

    fn new_register(&mut self, path: &Path) -> ropa::Result<()> {
        let session = Session::new(Store::create(path)?)?;
        self.install(session, path);
        Ok(())
    }

    fn open_demo(&mut self) -> ropa::Result<()> {
        std::fs::create_dir_all(&self.demo_folder).map_err(|source| ropa::Error::Io {
            action: "Creating the folder for the demo register",
            path: self.demo_folder.clone(),
            source,
        })?;
        let path = settings::new_demo_path(&self.demo_folder);
        ropa::file_commands::create_register(&path, ropa::demo::populate)?;
        let session = Session::new(Store::open(&path)?)?;
        self.install(session, &path);
        Ok(())
    }

    fn save_copy(&mut self, path: &Path) -> ropa::Result<()> {
        self.session_or_err()?.store.save_copy(path)?;
        self.notice = Some(Notice::info(format!("Saved a copy to {}", path.display())));
        Ok(())
    }

    /// Makes `session` the open register and resets the pages; the pages that need
    /// the snapshot are built now or, while it loads, when it lands.
    fn install(&mut self, session: Session, path: &Path) {
        self.settings.opened(path);
        let loading = session.is_loading();
        self.session = Some(session);
        self.waiting_for_snapshot.clear();
        self.checks_page = ChecksPage::default();
        self.page = Page::Register;
        self.editor = None;
        self.undo_stack.clear();
        self.register_page = RegisterPage::default();
        self.parties_page = PartiesPage::default();
        self.agreements_page = AgreementsPage::default();
        self.import_page = ImportPage::default();
        self.export_page.scope = export::ScopeChoice::Whole;
        self.history = HistoryPanel::default();
        self.as_at = AsAt::default();
        self.flows_page = FlowsPage::new(self.today);
        self.notice_page = NoticePage::default();
        self.notice = None;
        if !loading {
            self.snapshot_ready();
        }
    }

    /// Builds the pages that read the snapshot and takes the automatic backup.
    fn snapshot_ready(&mut self) {
        self.organisation_page = OrganisationPage::load(self.session.as_ref().map(|s| &s.register));
        if let Err(error) = self.refresh_checks() {
            self.notice = Some(Notice::error(error.to_string()));
        }
        self.automatic_backup();
    }

    /// Installs the snapshot if it has landed; asks for another frame if not.
    fn poll_snapshot(&mut self, ctx: &egui::Context) {
        let Some(receiver) = self.session.as_ref().and_then(|session| session.loading.as_ref()) else {
            return;
        };
        match receiver.try_recv() {
            Ok(snapshot) => self.snapshot_landed(Some(snapshot)),
            Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(50)),
            Err(TryRecvError::Disconnected) => self.snapshot_landed(None),
        }
    }

    /// Blocks until the snapshot has landed and installs it (benchmarks and tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn wait_for_snapshot(&mut self) {
        let Some(receiver) = self.session.as_mut().and_then(|session| session.loading.take()) else {
            return;
        };
        self.snapshot_landed(receiver.recv().ok());
    }

    /// Makes `snapshot` the session's, rebuilds the page data from it (so the
    /// Register page and the other pages agree), then queues the commands that
    /// waited for it. If it could not be read (`None`: the worker stopped without
    /// an answer), the register is closed with the reason.
    fn snapshot_landed(&mut self, snapshot: Option<ropa::Result<Register>>) {
        let Some(session) = &mut self.session else {
            return;
        };
        session.loading = None;
        match snapshot {
            Some(Ok(register)) => {
                session.view = RegisterView::build(&register);
                session.register = register;
                self.register_page.apply(&mut session.view);
                self.parties_page.refresh(&session.register);
                self.agreements_page.refresh(&session.register);
                self.snapshot_ready();
                self.commands.append(&mut self.waiting_for_snapshot);
            }
            failed => {
                let reason = match failed {
                    Some(Err(error)) => error.to_string(),
                    _ => "loading stopped unexpectedly; open it again".to_owned(),
                };
                self.session = None;
                self.waiting_for_snapshot.clear();
                self.notice = Some(Notice::error(format!("The register could not be loaded: {reason}")));
            }
        }
    }

    fn merge_parties(
        &mut self,
        kept: ropa::model::PartyId,
        duplicate: ropa::model::PartyId,
    ) -> ropa::Result<()> {
        let merge = self.session_or_err()?.store.merge_parties(kept, duplicate)?;
        let name = merge.duplicate.fields.name.clone();
        self.flows_page.last_merge = Some(merge);
        self.flows_page.show_party(kept);
        self.reload()?;
        let kept_name = self.session.as_ref().map_or("", |s| s.register.party_name(kept)).to_owned();
        self.notice = Some(Notice::info(format!(
            "Merged \"{name}\" into \"{kept_name}\". Use \"Undo merge\" on the Data flows page to reverse it."
        )));
        Ok(())
    }

    fn undo_merge_parties(&mut self) -> ropa::Result<()> {
        let Some(merge) = self.flows_page.last_merge.take() else {
            return Ok(());
        };
        if let Err(error) = self.session_or_err()?.store.undo_merge_parties(&merge) {
            self.flows_page.last_merge = Some(merge);
            return Err(error);
        }
        self.flows_page.show_party(merge.duplicate.id);
        self.reload()?;
        self.notice = Some(Notice::info(format!("Restored \"{}\".", merge.duplicate.fields.name)));
        Ok(())
    }

    fn export_flows_csv(&mut self, path: &Path) -> ropa::Result<()> {
        let session = self.session.as_ref().ok_or(ropa::Error::NoRegisterOpen)?;
        let answer = self.flows_page.questions.answer(&session.register).clone();
        super::flow_questions::write_csv(&answer, path)?;
        self.notice = Some(Notice::info(format!("Wrote {} rows to {}", answer.rows.len(), path.display())));
        Ok(())
    }

    fn export_flows_pdf(&mut self, path: &Path) -> ropa::Result<()> {
        let session = self.session.as_ref().ok_or(ropa::Error::NoRegisterOpen)?;
        let questions = &mut self.flows_page.questions;
        let answer = questions.answer(&session.register).clone();
        super::flow_questions::write_pdf(questions.question.title(), &answer, &session.register, path)?;
        self.notice = Some(Notice::info(format!("Wrote {} rows to {}", answer.rows.len(), path.display())));
        Ok(())
    }

    fn export_flow_svg(&mut self, path: &Path) -> ropa::Result<()> {
        let session = self.session.as_ref().ok_or(ropa::Error::NoRegisterOpen)?;
        self.flows_page.write_svg(&session.register, path)?;
        self.notice = Some(Notice::info(format!("Wrote the flow map to {}", path.display())));
        Ok(())
    }

    fn preview_notice(&mut self) -> ropa::Result<()> {
        let today = self.today;
        let session = self.session.as_mut().ok_or(ropa::Error::NoRegisterOpen)?;
        notice_preview::generate(&mut self.notice_page, &mut session.store, today)
    }

    fn save_notice(&mut self, path: &Path, purpose: FilePurpose) -> ropa::Result<()> {
        notice_preview::save(&self.notice_page, path, purpose)?;
        self.notice = Some(Notice::info(format!("Saved the notice to {}", path.display())));
        Ok(())
    }
}

/// Inspection and set-up used by the tests, which drive the app on a store of
/// their own.
#[cfg(test)]
impl App {
    /// The Export page's state, for tests that wait for an export to end.
    pub fn export_page(&self) -> &ExportPage {
        &self.export_page
    }

    /// An app on an already open `store` (tests, previews).
    pub fn with_store(store: Store, today: Date, dialogs: FileDialogs) -> ropa::Result<Self> {
        let mut app = Self::empty(Settings::default(), today, dialogs);
        app.session = Some(Session::new(store)?);
        app.organisation_page = OrganisationPage::load(app.session.as_ref().map(|s| &s.register));
        app.refresh_checks()?;
        Ok(app)
    }

    /// An app on `store` whose snapshot lands when the test sends it on `snapshot`'s
    /// other end, as if a worker were still loading it.
    pub fn with_pending_snapshot(
        store: Store,
        today: Date,
        dialogs: FileDialogs,
        snapshot: Receiver<ropa::Result<Register>>,
    ) -> ropa::Result<Self> {
        let mut app = Self::empty(Settings::default(), today, dialogs);
        app.session = Some(Session::with_pending_snapshot(store, snapshot)?);
        Ok(app)
    }

    /// The open register, if any.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The open register, mutable (tests inspect the store through it).
    pub fn session_mut(&mut self) -> Option<&mut Session> {
        self.session.as_mut()
    }

    /// The page shown.
    pub fn page(&self) -> Page {
        self.page
    }

    /// The message at the foot of the window.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Whether the "save changes?" prompt is showing.
    pub fn is_asking_to_save(&self) -> bool {
        self.leave_prompt.is_some()
    }

    /// What is remembered between runs.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The activity editor, if open.
    pub fn editor(&self) -> Option<&ActivityEditor> {
        self.editor.as_ref()
    }

    /// The Checks page's state (its report).
    pub fn checks_page(&self) -> &ChecksPage {
        &self.checks_page
    }

    /// Whether the register shown is an earlier day's, read-only.
    pub fn is_showing_as_at(&self) -> bool {
        self.as_at.shown.is_some()
    }

    /// The Data flows page's state.
    pub fn flows_page_mut(&mut self) -> (&mut FlowsPage, Option<&Register>) {
        (&mut self.flows_page, self.session.as_ref().map(|s| &s.register))
    }

    /// The Notices page's state.
    pub fn notice_page_mut(&mut self) -> &mut NoticePage {
        &mut self.notice_page
    }

    /// Where demo registers are created (the data folder unless set otherwise).
    pub fn set_demo_folder(&mut self, folder: PathBuf) {
        self.demo_folder = folder;
    }
}

/// The user's answer to "save changes?".
enum LeaveAnswer {
    Save,
    Discard,
    Cancel,
}

/// The command that uses a chosen file.
fn path_command(purpose: FilePurpose, path: PathBuf) -> Command {
    match purpose {
        FilePurpose::Open => Command::OpenRegister(path),
        FilePurpose::New => Command::NewRegister(path),
        FilePurpose::SaveCopy => Command::SaveCopyAs(path),
        FilePurpose::Export => Command::ExportTo(path),
        FilePurpose::Import => Command::ImportFrom(path),
        FilePurpose::FlowsCsv => Command::ExportFlowsCsv(path),
        FilePurpose::FlowsPdf => Command::ExportFlowsPdf(path),
        FilePurpose::FlowSvg => Command::ExportFlowSvg(path),
        FilePurpose::NoticeMarkdown | FilePurpose::NoticeHtml => Command::SaveNotice(path, purpose),
    }
}

/// Shown instead of a page that needs the snapshot while it loads.
fn loading_ui(ui: &mut egui::Ui) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        // No spinner: it repaints every frame, and the load takes under a second.
        ui.label("Loading the register…");
    });
}

/// Shown when no register is open (the first run, too): where should the
/// organisation's register live?
fn welcome_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.heading("ROPA Register");
        ui.label("Keep your Record of Processing Activities (UK GDPR Article 30).");
        ui.add_space(12.0);
        ui.label("Where should your organisation's register live?");
        ui.weak("Choose a shared or backed-up folder for a new register, open the one you keep already, or look around the demo first.");
        ui.add_space(8.0);
        welcome_buttons_ui(ui, commands);
    });
}

/// New / Open / Open demo, offered when no register or an empty one is open.
pub fn welcome_buttons_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if ui.button("New register…").clicked() {
            commands.push(Command::ChooseFile(FilePurpose::New));
        }
        if ui.button("Open a register…").clicked() {
            commands.push(Command::ChooseFile(FilePurpose::Open));
        }
        if ui.button("Open the demo register").clicked() {
            commands.push(Command::OpenDemo);
        }
    });
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.save(storage);
    }
}
