//! The open register and its snapshot's life: loaded on a worker thread when a
//! register opens, landed, and reloaded after every change, each time followed by
//! the one "snapshot changed" event every page hears.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use ropa::Store;
use ropa::model::{LogHead, Register, Snapshot};

use super::{App, Notice, Page, SnapshotPage};
use crate::ui::agreements::AgreementsPage;
use crate::ui::as_at::AsAt;
use crate::ui::checks::ChecksPage;
use crate::ui::export;
use crate::ui::flows::FlowsPage;
use crate::ui::history::HistoryPanel;
use crate::ui::import::ImportPage;
use crate::ui::notice_preview::NoticePage;
use crate::ui::organisation::OrganisationPage;
use crate::ui::parties::PartiesPage;
use crate::ui::register::RegisterPage;
use crate::ui::register_view::RegisterView;

/// An open register: the store, its latest snapshot and the Register page's data.
pub struct Session {
    /// The register file.
    pub store: Store,
    /// The snapshot the pages draw from, reloaded after every change. Empty while
    /// the snapshot loads: nothing reads it until then (see [`Session::is_loading`]).
    /// Shared, so that workers (the flow map's layout, the checks) read it
    /// without a copy.
    pub register: Arc<Register>,
    /// The change log's head read with the register, in the same transaction:
    /// what the app's exports carry (`None` while the snapshot loads).
    pub log_head: Option<LogHead>,
    /// The register table's rows.
    pub view: RegisterView,
    /// The snapshot being loaded on a worker thread, until it lands.
    loading: Option<Receiver<ropa::Result<Snapshot>>>,
}

impl Session {
    /// Loads the snapshot and builds the page data for `store`.
    pub fn new(mut store: Store) -> ropa::Result<Self> {
        let Snapshot { register, log_head, .. } = store.snapshot()?;
        let view = RegisterView::build(&register);
        Ok(Self { store, register: Arc::new(register), log_head, view, loading: None })
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
            let snapshot = Store::open(&path).and_then(|mut store| store.snapshot());
            let _ignored_if_the_register_was_closed = sender.send(snapshot);
        });
        Ok(Self { store, register: Arc::default(), log_head: None, view, loading: Some(receiver) })
    }

    /// Reads the Register page's rows from `store` and keeps `snapshot` as the
    /// snapshot still to come (tests that decide when it lands).
    #[cfg(test)]
    pub fn with_pending_snapshot(
        mut store: Store,
        snapshot: Receiver<ropa::Result<Snapshot>>,
    ) -> ropa::Result<Self> {
        let view = RegisterView::read(&mut store)?;
        Ok(Self { store, register: Arc::default(), log_head: None, view, loading: Some(snapshot) })
    }

    /// Makes `snapshot`'s register (and its log head) the session's and builds the
    /// Register table's rows from it.
    fn replace_register(&mut self, snapshot: Snapshot) {
        self.view = RegisterView::build(&snapshot.register);
        self.register = Arc::new(snapshot.register);
        self.log_head = snapshot.log_head;
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

impl App {
    pub(super) fn session_or_err(&mut self) -> ropa::Result<&mut Session> {
        self.session.as_mut().ok_or(ropa::Error::NoRegisterOpen)
    }

    /// Makes `session` the open register and resets the pages; the pages that need
    /// the snapshot are built now or, while it loads, when it lands.
    pub(super) fn install(&mut self, session: Session, path: &Path) {
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
        self.assets_page = crate::ui::assets::AssetsPage::default();
        self.dpias_page = crate::ui::dpias::DpiasPage::default();
        self.organisation_page = OrganisationPage::default();
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

    /// Tells the pages the snapshot is here and takes the automatic backup.
    fn snapshot_ready(&mut self) {
        if let Err(error) = self.snapshot_changed() {
            self.notice = Some(Notice::error(error.to_string()));
        }
        self.automatic_backup();
    }

    /// Installs the snapshot if it has landed; asks for another frame if not.
    pub(super) fn poll_snapshot(&mut self, ctx: &egui::Context) {
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

    /// Makes `snapshot` the session's, tells the pages (so the Register page and
    /// the other pages agree), then queues the commands that
    /// waited for it. If it could not be read (`None`: the worker stopped without
    /// an answer), the register is closed with the reason.
    fn snapshot_landed(&mut self, snapshot: Option<ropa::Result<Snapshot>>) {
        let Some(session) = &mut self.session else {
            return;
        };
        session.loading = None;
        match snapshot {
            Some(Ok(snapshot)) => {
                session.replace_register(snapshot);
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

    /// Reloads the snapshot after a change and tells the pages.
    pub(super) fn reload(&mut self) -> ropa::Result<()> {
        let Some(session) = &mut self.session else {
            return Ok(());
        };
        let snapshot = session.store.snapshot()?;
        session.replace_register(snapshot);
        self.snapshot_changed()
    }

    /// The one "snapshot changed" event, after every reload and when the snapshot
    /// lands: the Register table's rows (held by the session, which the Export
    /// page reads too) are narrowed again, every [`SnapshotPage`] hears of it, and
    /// the checks run again (they also rebuild the Reviews lists and the editor's
    /// notes).
    pub(in crate::ui) fn snapshot_changed(&mut self) -> ropa::Result<()> {
        let Some(session) = &mut self.session else {
            return Ok(());
        };
        self.register_page.apply(&mut session.view);
        let pages: [&mut dyn SnapshotPage; 7] = [
            &mut self.parties_page,
            &mut self.agreements_page,
            &mut self.assets_page,
            &mut self.dpias_page,
            &mut self.organisation_page,
            &mut self.flows_page,
            &mut self.notice_page,
        ];
        for page in pages {
            page.snapshot_changed(&session.register);
        }
        self.refresh_checks()
    }
}
