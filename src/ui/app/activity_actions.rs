//! The commands on activities, run by [`App::run`](super::App): new, open, save
//! (or overwrite after a conflict), reload, delete, and the services and parties
//! added from the editor.

use ropa::model::{ActivityId, Direction, LinkDraft, LinkFields, PartyFields, PartyKind, ServiceFields};

use super::{App, Notice, Page};
use crate::ui::activity_editor::{ActivityDraft, ActivityEditor};
use crate::ui::undo;

impl App {
    pub(super) fn new_activity(&mut self) -> ropa::Result<()> {
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

    pub(super) fn open_activity(&mut self, id: ActivityId) -> ropa::Result<()> {
        let session = self.session_or_err()?;
        let editor = ActivityEditor::open_in(&session.register, id)
            .ok_or_else(|| ropa::Error::NotFound { what: format!("activity {id}") })?;
        self.register_page.selected = Some(id);
        self.editor = Some(editor);
        self.page = Page::Activity;
        self.attach_findings(None);
        self.load_history_if_shown()
    }

    pub(super) fn save_activity(&mut self, draft: ActivityDraft) -> ropa::Result<()> {
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

    pub(super) fn overwrite_activity(&mut self, mut draft: ActivityDraft) -> ropa::Result<()> {
        if let Some(id) = draft.id {
            draft.version = self.session_or_err()?.store.activity(id)?.version;
        }
        self.save_activity(draft)
    }

    pub(super) fn reload_activity(&mut self, id: ActivityId) -> ropa::Result<()> {
        self.reload()?;
        self.editor = None;
        self.open_activity(id)
    }

    pub(super) fn delete_activity(&mut self, id: ActivityId) -> ropa::Result<()> {
        let deleted = self.session_or_err()?.store.delete_activity(id)?;
        let name = deleted.activity.fields.name.clone();
        let before = undo::record_of(deleted.activity, deleted.links);
        self.editor = None;
        self.page = Page::Register;
        self.reload()?;
        self.record_deletion(format!("delete of \"{name}\""), id, Some(before), deleted.dpias);
        self.notice =
            Some(Notice { text: format!("Deleted \"{name}\"."), is_error: false, offers_undo: true });
        Ok(())
    }

    pub(super) fn add_service(&mut self, name: &str) -> ropa::Result<()> {
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

    pub(super) fn create_link_party(
        &mut self,
        name: String,
        kind: PartyKind,
        direction: Direction,
    ) -> ropa::Result<()> {
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
}
