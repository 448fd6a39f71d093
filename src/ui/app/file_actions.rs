//! The commands on register files, run by [`App::run`](super::App): choosing a
//! file, opening, creating, the demo, saving a copy, and importing into the open
//! register.

use std::path::Path;

use ropa::Store;

use super::{App, Notice, Page, Session};
use crate::ui::file_dialog::FilePurpose;
use crate::ui::settings;

impl App {
    /// Opens the file dialog for `purpose`, suggesting a name for an export.
    pub(super) fn choose_file(&mut self, purpose: FilePurpose) {
        match (&self.session, purpose) {
            (Some(session), FilePurpose::Export) => {
                let as_at = self.as_at.shown.as_ref();
                let name = self.export_page.suggested_name(&session.register, self.today, as_at);
                self.dialogs.request_named(purpose, Some(name));
            }
            _ => self.dialogs.request(purpose),
        }
    }

    /// Opens the register at `path`; on failure the current register stays open
    /// and the reason, naming the file, is shown.
    pub(super) fn open_register(&mut self, path: &Path) {
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

    pub(super) fn new_register(&mut self, path: &Path) -> ropa::Result<()> {
        let session = Session::new(Store::create(path)?)?;
        self.install(session, path);
        Ok(())
    }

    pub(super) fn open_demo(&mut self) -> ropa::Result<()> {
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

    pub(super) fn save_copy(&mut self, path: &Path) -> ropa::Result<()> {
        self.session_or_err()?.store.save_copy(path)?;
        self.notice = Some(Notice::info(format!("Saved a copy to {}", path.display())));
        Ok(())
    }

    pub(super) fn import_from(&mut self, path: &Path) -> ropa::Result<()> {
        let session = self.session.as_ref().ok_or(ropa::Error::NoRegisterOpen)?;
        self.import_page.set_register_path(session.store.path());
        self.import_page.choose(path, &session.register);
        self.page = Page::Import;
        Ok(())
    }

    /// Applies `plan` in one transaction; on failure nothing lands and the preview stays.
    /// Applies a returned review pack's accepted changes (the Import page).
    pub(super) fn apply_review_pack(
        &mut self,
        review: &crate::ui::pack_review::PackReview,
    ) -> ropa::Result<()> {
        let today = self.today;
        let display_name = self.settings.display_name.clone();
        let session = self.session_or_err()?;
        let applied = ropa::file_commands::apply_proposal_to(
            &mut session.store,
            &review.proposal,
            &review.rejected,
            today,
        );
        session.store.set_display_name(&display_name);
        let accepted = match applied {
            Ok(accepted) => accepted,
            Err(error) => {
                self.import_page.failed(&error);
                return Ok(());
            }
        };
        let proposal = &review.proposal;
        let text = format!(
            "Applied {accepted} of {} change(s) from the review pack for {}; {} activities recorded as reviewed by their owner.",
            proposal.change_count(),
            proposal.service,
            proposal.unchanged.len()
        );
        self.import_page.pack = None;
        self.import_page.problem = None;
        self.import_page.created = Some(text.clone());
        self.import_page.created_activities.clear();
        self.reload()?;
        self.notice = Some(Notice::info(text));
        Ok(())
    }

    pub(super) fn apply_import(&mut self, plan: &ropa::import::Plan) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        if let Err(error) = ropa::import::apply(plan, &mut session.store) {
            self.import_page.failed(&error);
            return Ok(());
        }
        let remembered = self.import_page.remember_mapping();
        self.import_page.applied(plan);
        self.organisation_page.discard_draft();
        self.reload()?;
        let imported = format!("Imported {} activities.", plan.activities.len());
        self.notice = Some(match remembered {
            Ok(Some(path)) => Notice::info(format!(
                "{imported} Remembered the column mapping for this layout in {}.",
                path.display()
            )),
            Ok(None) => Notice::info(imported),
            Err(error) => Notice::error(format!("{imported} The column mapping was not remembered: {error}")),
        });
        Ok(())
    }
}
