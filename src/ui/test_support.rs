//! Helpers shared by the app's egui_kittest tests: the injected date, the demo
//! register in memory, a harness at the smallest screen the app supports, and
//! clicking or typing by accessible label; and the [`App`] accessors the tests
//! inspect it by.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ropa::Store;
use ropa::model::{Date, Register};
use time::macros::date;

use super::activity_editor::ActivityEditor;
use super::app::{App, Notice, Page, Session};
use super::checks::ChecksPage;
use super::export::ExportPage;
use super::file_dialog::FileDialogs;
use super::flows::FlowsPage;
use super::notice_preview::NoticePage;
use super::settings::Settings;

/// The date the tests treat as today.
pub const TODAY: Date = date!(2026 - 11 - 22);

/// The demo register, in memory.
pub fn demo_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    store
}

/// A harness drawing `app` at 1366x768.
pub fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// The app on `store`, with today injected and no native file dialogs.
pub fn app_on(store: Store) -> App {
    App::with_store(store, TODAY, FileDialogs::typed_only()).unwrap()
}

/// Scrolls the widget named `label` into view and clicks it.
pub fn click(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Focuses the field named `label` and types `text` into it.
pub fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Inspection and set-up used by the tests, which drive the app on a store of
/// their own.
impl App {
    /// The Export page's state, for tests that wait for an export to end.
    pub fn export_page(&self) -> &ExportPage {
        &self.export_page
    }

    /// An app on an already open `store` (tests, previews).
    pub fn with_store(store: Store, today: Date, dialogs: FileDialogs) -> ropa::Result<Self> {
        let mut app = Self::empty(Settings::default(), today, dialogs);
        app.session = Some(Session::new(store)?);
        app.snapshot_changed()?;
        Ok(app)
    }

    /// An app on `store` whose snapshot lands when the test sends it on `snapshot`'s
    /// other end, as if a worker were still loading it.
    pub fn with_pending_snapshot(
        store: Store,
        today: Date,
        dialogs: FileDialogs,
        snapshot: Receiver<ropa::Result<ropa::model::Snapshot>>,
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

    /// The DPIAs page's state.
    pub fn dpias_page(&self) -> &super::dpias::DpiasPage {
        &self.dpias_page
    }

    /// The Checks page's state for the register shown as at a day, if shown.
    pub fn as_at_checks_page(&self) -> Option<&ChecksPage> {
        self.as_at.shown.as_ref().map(|shown| &shown.checks)
    }

    /// Whether the register shown is an earlier day's, read-only.
    pub fn is_showing_as_at(&self) -> bool {
        self.as_at.shown.is_some()
    }

    /// The Data flows page's state.
    pub fn flows_page_mut(&mut self) -> (&mut FlowsPage, Option<&Register>) {
        (&mut self.flows_page, self.session.as_ref().map(|s| &*s.register))
    }

    /// Queues `command` as a widget would; it runs after the next frame's UI pass.
    pub fn push_command(&mut self, command: super::app::Command) {
        self.commands.push(command);
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
