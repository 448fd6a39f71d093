//! The commands on data protection impact assessments, run by
//! [`App::run`](super::App): save (or refuse a stale save, keeping the draft),
//! delete, show one on the DPIAs page, and start one from an activity.

use ropa::model::{ActivityId, DpiaFields, DpiaId};

use super::{App, Notice, Page};
use crate::ui::dpias::DpiaDraft;

impl App {
    pub(super) fn save_dpia(&mut self, draft: DpiaDraft) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let saved = match draft.id {
            Some(id) => session.store.update_dpia(id, draft.version, &draft.fields),
            None => session.store.insert_dpia(&draft.fields),
        };
        let saved = match saved {
            Ok(saved) => saved,
            Err(error) => {
                // After a conflict the snapshot is read again, so that the page
                // can offer the version saved since; the draft is kept.
                if matches!(error, ropa::Error::Conflict { .. }) {
                    self.reload()?;
                }
                self.dpias_page.set_problem(&error);
                return Ok(());
            }
        };
        self.dpias_page.select(saved.id);
        self.reload()?;
        self.notice = Some(Notice::info(format!("Saved the DPIA \"{}\".", saved.fields.title)));
        Ok(())
    }

    pub(super) fn delete_dpia(&mut self, id: DpiaId) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let title = session.register.dpia(id).map(|dpia| dpia.fields.title.clone()).unwrap_or_default();
        if let Err(error) = session.store.delete_dpia(id) {
            self.dpias_page.set_problem(&error);
            return Ok(());
        }
        self.dpias_page.clear();
        self.reload()?;
        self.notice = Some(Notice::info(format!("Deleted the DPIA \"{title}\".")));
        Ok(())
    }

    /// Shows the DPIA `id` on the DPIAs page (from the activity editor).
    pub(super) fn open_dpia(&mut self, id: DpiaId) {
        self.editor = None;
        self.dpias_page.select(id);
        self.page = Page::Dpias;
    }

    /// Starts a DPIA at screening, titled after the saved activity `id` and
    /// covering it, and shows it on the DPIAs page to be filled in.
    pub(super) fn new_dpia_for(&mut self, id: ActivityId) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let name = session
            .register
            .activity(id)
            .map(|activity| activity.fields.name.trim().to_owned())
            .ok_or_else(|| ropa::Error::NotFound { what: format!("activity {id}") })?;
        let mut fields = DpiaFields::new(format!("DPIA: {name}"));
        fields.activities = vec![id];
        let saved = session.store.insert_dpia(&fields)?;
        self.open_dpia(saved.id);
        self.reload()?;
        self.notice = Some(Notice::info(format!(
            "Started the DPIA \"{}\" covering \"{name}\": record its screening, dates and document here.",
            saved.fields.title
        )));
        Ok(())
    }
}
