//! Many writes in one transaction: the demo register, imports, bulk generation.

use super::Store;
use super::activities::insert_activity;
use super::agreements::insert_agreement;
use super::audit::Tx;
use super::organisation::update_organisation;
use super::parties::insert_party;
use super::services::insert_service;
use crate::Result;
use crate::model::{
    ActivityFields, ActivityId, AgreementFields, AgreementId, LinkDraft, Organisation, PartyFields, PartyId,
    ServiceFields, ServiceId,
};

/// Inserts made inside one transaction, handed out by [`Store::batch`].
#[derive(Debug)]
pub struct Batch<'a> {
    tx: &'a Tx<'a>,
}

impl Store {
    /// Runs `build` with a [`Batch`]: everything it inserts lands together when it
    /// returns `Ok`, and nothing lands when it returns an error.
    pub fn batch<T>(&mut self, build: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        self.write(|tx| build(&Batch { tx }))
    }
}

impl Batch<'_> {
    /// Replaces the organisation profile.
    pub fn save_organisation(&self, organisation: &Organisation) -> Result<()> {
        update_organisation(self.tx, organisation)
    }

    /// Records whether the controller called `name` is a public authority
    /// (`None` forgets it).
    pub fn set_controller_public_authority(&self, name: &str, status: Option<bool>) -> Result<()> {
        super::controllers::set_controller(self.tx, name, status)
    }

    /// Adds a service.
    pub fn insert_service(&self, fields: &ServiceFields) -> Result<ServiceId> {
        insert_service(self.tx, fields)
    }

    /// Adds a party.
    pub fn insert_party(&self, fields: &PartyFields) -> Result<PartyId> {
        insert_party(self.tx, fields)
    }

    /// Adds an agreement.
    pub fn insert_agreement(&self, fields: &AgreementFields) -> Result<AgreementId> {
        insert_agreement(self.tx, fields)
    }

    /// Adds an activity with its links.
    pub fn insert_activity(&self, fields: &ActivityFields, links: &[LinkDraft]) -> Result<ActivityId> {
        insert_activity(self.tx, None, fields, links)
    }
}
