//! The commands on who the register deals with, run by [`App::run`](super::App):
//! parties (and merging duplicates), agreements, and the organisation itself.

use ropa::model::Organisation;

use super::{App, Notice};
use crate::ui::agreements::AgreementDraft;
use crate::ui::assets::AssetDraft;
use crate::ui::parties::PartyDraft;

impl App {
    pub(super) fn save_party(&mut self, draft: PartyDraft) -> ropa::Result<()> {
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

    pub(super) fn save_agreement(&mut self, draft: AgreementDraft) -> ropa::Result<()> {
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

    pub(super) fn save_asset(&mut self, draft: AssetDraft) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let saved = match draft.id {
            Some(id) => session.store.update_asset(id, draft.version, &draft.fields),
            None => session.store.insert_asset(&draft.fields),
        };
        let saved = match saved {
            Ok(saved) => saved,
            Err(error) => {
                self.assets_page.problem = Some(error.to_string());
                return Ok(());
            }
        };
        self.assets_page.select(saved.id);
        self.reload()?;
        self.notice = Some(Notice::info(format!("Saved the information asset \"{}\".", saved.fields.name)));
        Ok(())
    }

    pub(super) fn delete_asset(&mut self, id: ropa::model::AssetId) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let name = session
            .register
            .assets
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.fields.name.clone())
            .unwrap_or_default();
        if let Err(error) = session.store.delete_asset(id) {
            self.assets_page.problem = Some(error.to_string());
            return Ok(());
        }
        self.assets_page.clear();
        self.reload()?;
        self.notice = Some(Notice::info(format!("Deleted the information asset \"{name}\".")));
        Ok(())
    }

    pub(super) fn save_organisation(&mut self, organisation: &Organisation) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        // The snapshot is what the page was loaded from: saving is an edit of it, so
        // a field someone else saved meanwhile is kept, and a clash is refused.
        let base = session.register.organisation.clone();
        session.store.edit_organisation(&base, organisation)?;
        self.organisation_page.discard_draft();
        self.reload()?;
        self.notice = Some(Notice::info("Saved the organisation's details."));
        Ok(())
    }

    pub(super) fn merge_parties(
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

    pub(super) fn undo_merge_parties(&mut self) -> ropa::Result<()> {
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
}
