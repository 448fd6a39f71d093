//! The commands of the Checks, Reviews, History, as-at and backup features, run by
//! [`App::run`](super::App): each writes through the store (or reads a snapshot)
//! and then rebuilds the page data that the change made stale.

use std::path::{Path, PathBuf};
use std::time::Duration;

use ropa::checks::{Field, FindingKey};
use ropa::model::{ActivityId, Date};

use super::{App, Notice, Page};
use crate::ui::backups::{self, RestoreDialog};
use crate::ui::checks::{ChecksPage, FindingTarget};
use crate::ui::review_dialog::ReviewDialog;
use crate::ui::reviews::who;
use crate::ui::undo;

impl App {
    /// Runs the checks again and rebuilds the Reviews lists and the editor's notes.
    pub(super) fn refresh_checks(&mut self) -> ropa::Result<()> {
        let Some(session) = &mut self.session else {
            return Ok(());
        };
        session.store.set_display_name(&self.settings.display_name);
        self.checks_page.set_display_name(&self.settings.display_name);
        // On a worker for a register on disk, so that a save never waits for the
        // checks; at once for one in memory (the tests), which is small.
        let worker = session.store.path().is_some();
        self.checks_page.refresh(&session.store, &session.register, self.today, worker)?;
        // The as-at report follows the public-authority status as stored.
        if let Some(shown) = &mut self.as_at.shown {
            shown.checks.refresh_as_at(&session.store, &shown.register, shown.date)?;
        }
        self.reviews_page.refresh(&session.register, self.today);
        self.reviews_page.set_rounds(&session.store.review_packs()?, &session.register, self.today);
        self.history.loaded = None;
        let focus = self.editor.as_ref().and_then(|editor| editor.focused_field());
        self.attach_findings(focus);
        self.load_history_if_shown()
    }

    /// Reads the review packs sent again, for the Reviews page.
    pub(super) fn refresh_rounds(&mut self) -> ropa::Result<()> {
        let Some(session) = &self.session else {
            return Ok(());
        };
        self.reviews_page.set_rounds(&session.store.review_packs()?, &session.register, self.today);
        Ok(())
    }

    /// Installs the checks' report if it has landed from the worker, and gives
    /// the editor its findings; asks for another frame while they run.
    pub(super) fn poll_checks(&mut self, ctx: &egui::Context) {
        if self.checks_page.poll() {
            let focus = self.editor.as_ref().and_then(|editor| editor.focused_field());
            self.attach_findings(focus);
        } else if self.checks_page.is_checking() {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
    }

    /// Gives the editor the open findings of its activity.
    pub(super) fn attach_findings(&mut self, focus: Option<Field>) {
        if let Some(editor) = &mut self.editor {
            let findings =
                editor.activity_id().map(|id| self.checks_page.open_findings_of(id)).unwrap_or_default();
            editor.set_findings(findings, focus);
        }
    }

    pub(super) fn open_finding(&mut self, target: FindingTarget) -> ropa::Result<()> {
        match target {
            FindingTarget::Activity(id, field) => {
                if self.editor.as_ref().and_then(|editor| editor.activity_id()) != Some(id) {
                    self.open_activity(id)?;
                }
                self.page = Page::Activity;
                self.attach_findings(Some(field));
            }
            FindingTarget::Agreement(id) => {
                self.editor = None;
                self.agreements_page.select(id);
                if let Some(session) = &self.session {
                    self.agreements_page.refresh(&session.register);
                }
                self.page = Page::Agreements;
            }
            FindingTarget::Asset(id) => {
                self.editor = None;
                if let Some(id) = id {
                    self.assets_page.select(id);
                }
                self.page = Page::Assets;
            }
            FindingTarget::Dpia(id) => {
                self.editor = None;
                if let Some(id) = id {
                    self.dpias_page.select(id);
                }
                self.page = Page::Dpias;
            }
        }
        Ok(())
    }

    pub(super) fn acknowledge(&mut self, key: &FindingKey, reason: &str) -> ropa::Result<()> {
        let (today, by) = (self.today, who(&self.settings.display_name));
        // The page showed the finding open: an acknowledgement made meanwhile by
        // someone else is refused, not replaced.
        self.session_or_err()?.store.acknowledge_open_finding(key, &by, today, reason)?;
        self.refresh_checks()?;
        self.notice = Some(Notice::info("Acknowledged the finding; it stays listed, greyed."));
        Ok(())
    }

    pub(super) fn withdraw_acknowledgement(&mut self, id: i64) -> ropa::Result<()> {
        self.session_or_err()?.store.withdraw_acknowledgement(id)?;
        self.refresh_checks()?;
        self.notice = Some(Notice::info("Withdrew the acknowledgement; the finding counts again."));
        Ok(())
    }

    /// Records the name shown beside the OS user name, remembered between runs.
    pub(super) fn set_display_name(&mut self, name: &str) -> ropa::Result<()> {
        self.settings.display_name = name.trim().to_owned();
        if let Some(session) = &mut self.session {
            session.store.set_display_name(name);
        }
        self.checks_page.set_display_name(name.trim());
        self.notice = Some(Notice::info("Your name will be recorded with your changes."));
        Ok(())
    }

    pub(super) fn set_public_authority(&mut self, value: bool) -> ropa::Result<()> {
        self.session_or_err()?.store.set_public_authority(value)?;
        self.refresh_checks()
    }

    pub(super) fn set_controller_public_authority(
        &mut self,
        name: &str,
        status: Option<bool>,
    ) -> ropa::Result<()> {
        self.session_or_err()?.store.set_controller_public_authority(name, status)?;
        self.reload()
    }

    /// Opens "Mark reviewed" on activity `id`, with its open errors as a warning.
    pub(super) fn ask_review(&mut self, id: ActivityId, version: i64) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let name = session.register.activity(id).map(|a| a.fields.name.clone()).unwrap_or_default();
        let findings = self.checks_page.open_findings_of(id);
        self.review_dialog = Some(ReviewDialog::new(id, version, name, &findings));
        Ok(())
    }

    /// Records the review with the reviewer's `note`; it can be undone.
    pub(super) fn mark_reviewed(&mut self, id: ActivityId, version: i64, note: &str) -> ropa::Result<()> {
        let (today, by) = (self.today, who(&self.settings.display_name));
        let session = self.session_or_err()?;
        let before = undo::record_in(&session.register, id);
        let reviewed = session.store.mark_reviewed_with_note(id, version, &by, today, note)?;
        self.reload()?;
        self.record_step(format!("review of \"{}\"", reviewed.fields.name), id, before);
        self.notice = Some(Notice::info(format!(
            "Marked \"{}\" reviewed today, with your note. Ctrl+Z undoes it.",
            reviewed.fields.name
        )));
        Ok(())
    }

    pub(super) fn toggle_history(&mut self) -> ropa::Result<()> {
        self.history.visible = !self.history.visible;
        self.load_history_if_shown()
    }

    /// Loads the edited activity's changes if the panel is shown and they are not loaded.
    pub(super) fn load_history_if_shown(&mut self) -> ropa::Result<()> {
        let id = self.editor.as_ref().and_then(|editor| editor.activity_id());
        if !self.history.needs_loading(id) {
            return Ok(());
        }
        let (Some(id), Some(session)) = (id, &self.session) else {
            return Ok(());
        };
        let changes = session.store.history("activity", id.0)?;
        self.history.load(id, &changes);
        Ok(())
    }

    pub(super) fn show_as_at(&mut self, date: Date) -> ropa::Result<()> {
        let store = &self.session_or_err()?.store;
        let register = store.register_as_at(date)?;
        let mut checks = ChecksPage::default();
        checks.refresh_as_at(store, &register, date)?;
        self.as_at.show(date, register, checks);
        self.editor = None;
        self.page = Page::Register;
        Ok(())
    }

    /// Starts the backup made on every open, on its own thread with its own
    /// read-only connection (a consistent copy, as SQLite's backup reads a
    /// snapshot): at 10,000 activities it took 0.65 s, and the window froze for
    /// it. A failure is reported when it ends, not fatal.
    pub(super) fn automatic_backup(&mut self) {
        let Some(path) =
            self.session.as_ref().and_then(|session| session.store.path()).map(Path::to_path_buf)
        else {
            return;
        };
        self.wait_for_backup();
        let (send, receive) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("automatic backup".into()).spawn(move || {
            let made = ropa::Store::back_up_file(&path, backups::KEEP);
            let _ = send.send(made);
        });
        match spawned {
            Ok(_) => self.automatic_backup = Some(receive),
            Err(error) => self.notice = Some(Notice::error(format!("The automatic backup failed: {error}"))),
        }
    }

    /// Reports the automatic backup's failure once it has ended; asks for
    /// another frame while it runs.
    pub(super) fn poll_backup(&mut self, ctx: &egui::Context) {
        let Some(receiver) = &self.automatic_backup else { return };
        match receiver.try_recv() {
            Ok(made) => self.backup_ended(made),
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100))
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.automatic_backup = None,
        }
    }

    /// Waits for the automatic backup, if one is running: before another backup
    /// (two in the same second would want the same name), a restore, and quitting
    /// (a backup cut off leaves its temporary file).
    pub(in crate::ui) fn wait_for_backup(&mut self) {
        if let Some(receiver) = self.automatic_backup.take()
            && let Ok(made) = receiver.recv()
        {
            self.backup_ended(made);
        }
    }

    fn backup_ended(&mut self, made: ropa::Result<PathBuf>) {
        self.automatic_backup = None;
        if let Err(error) = made {
            self.notice = Some(Notice::error(format!("The automatic backup failed: {error}")));
        }
    }

    pub(super) fn back_up_now(&mut self) -> ropa::Result<()> {
        self.wait_for_backup();
        let path = self.session_or_err()?.store.back_up(backups::KEEP)?;
        self.notice = Some(Notice::info(format!("Backed up to {}", path.display())));
        Ok(())
    }

    pub(super) fn choose_backup(&mut self) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let backups = match session.store.path() {
            Some(path) => ropa::store::backups_of(path)?,
            None => Vec::new(),
        };
        self.restore_dialog = Some(RestoreDialog::new(backups));
        Ok(())
    }

    pub(super) fn restore_backup(&mut self, path: &Path) -> ropa::Result<()> {
        self.wait_for_backup();
        self.session_or_err()?.store.restore_from(path)?;
        self.editor = None;
        self.undo_stack.clear();
        self.as_at.shown = None;
        self.page = Page::Register;
        self.organisation_page.discard_draft();
        // A preview read against the register before the restore no longer applies.
        self.import_page.discard();
        self.reload()?;
        self.notice = Some(Notice::info(format!("Restored the register from {}", path.display())));
        Ok(())
    }
}
