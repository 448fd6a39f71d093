//! Many writes in one transaction: the demo register, imports, bulk generation.

use super::Store;
use super::activities::{insert_activity, save_activity};
use super::agreements::insert_agreement;
use super::audit::Tx;
use super::organisation::{edit_organisation, update_organisation};
use super::parties::insert_party;
use super::reviews::{ReviewMark, record_review};
use super::services::insert_service;
use crate::Result;
use crate::model::{
    ActivityFields, ActivityId, AgreementFields, AgreementId, AssetFields, AssetId, Date, LinkDraft,
    Organisation, PartyFields, PartyId, ServiceFields, ServiceId,
};

/// The page cache while a batch runs, in KiB (SQLite reads a negative
/// `cache_size` as KiB).
const BATCH_CACHE_KIB: i64 = -32 * 1024;

/// Inserts made inside one transaction, handed out by [`Store::batch`].
#[derive(Debug)]
pub struct Batch<'a> {
    tx: &'a Tx<'a>,
}

impl Store {
    /// Runs `build` with a [`Batch`]: everything it inserts lands together when it
    /// returns `Ok`, and nothing lands when it returns an error.
    pub fn batch<T>(&mut self, build: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        self.with_batch_cache(|store| store.write(|tx| build(&Batch { tx })))
    }

    /// Runs `work` with room in the page cache for a whole batch's changed
    /// pages, then gives the cache back. With SQLite's 2 MB default a
    /// 10,000-activity import spilled pages to the log in the middle of its
    /// transaction and read them back; kept large for the app's whole session,
    /// the cache slowed opening a register (measured: every page usable 1.7 s
    /// became 2.1 s, and 40 MB more memory).
    fn with_batch_cache<T>(&mut self, work: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let before: i64 = self.conn.pragma_query_value(None, "cache_size", |row| row.get(0))?;
        self.conn.pragma_update(None, "cache_size", BATCH_CACHE_KIB)?;
        let result = work(self);
        let restored = self.conn.pragma_update(None, "cache_size", before);
        let value = result?;
        restored?;
        Ok(value)
    }

    /// Runs `build` exactly as [`Store::batch`] does, then rolls everything back:
    /// a dry run that fails wherever the real run would, and changes nothing.
    pub fn batch_dry_run<T>(&mut self, build: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        self.with_batch_cache(|store| store.write_then(|tx| build(&Batch { tx }), super::Finish::RollBack))
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

    /// Saves `edited`, an edit of `base`, onto the profile as it is now (see
    /// [`Store::edit_organisation`]).
    pub fn edit_organisation(&self, base: &Organisation, edited: &Organisation) -> Result<Organisation> {
        edit_organisation(self.tx, base, edited)
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

    /// Adds an information asset.
    pub fn insert_asset(&self, fields: &AssetFields) -> Result<AssetId> {
        super::assets::insert_asset(self.tx, fields)
    }

    /// Adds a DPIA with the activities it covers.
    pub fn insert_dpia(&self, fields: &crate::model::DpiaFields) -> Result<crate::model::DpiaId> {
        super::dpias::insert_dpia(self.tx, fields)
    }

    /// Adds an activity with its links.
    pub fn insert_activity(&self, fields: &ActivityFields, links: &[LinkDraft]) -> Result<ActivityId> {
        insert_activity(self.tx, None, fields, links)
    }

    /// Saves an activity's fields edited from `version`, keeping its links;
    /// refuses with `Error::Conflict` if it was saved since.
    pub fn update_activity_fields(
        &self,
        id: ActivityId,
        version: i64,
        fields: &ActivityFields,
    ) -> Result<()> {
        save_activity(self.tx, id, version, fields, None).map(|_| ())
    }

    /// Records what came back in `service`'s latest pack not yet returned;
    /// false when there is none.
    pub fn record_pack_returned(
        &self,
        service: ServiceId,
        returned: &crate::model::PackReturned,
    ) -> Result<bool> {
        super::review_rounds::record_pack_returned(self.tx, service, returned)
    }

    /// Records a review of the activity `id` read at `version`, by `by` on
    /// `today` with `note`; its next review falls due on `next`.
    pub fn mark_reviewed(
        &self,
        id: ActivityId,
        version: i64,
        by: &str,
        today: Date,
        next: Date,
        note: &str,
    ) -> Result<()> {
        record_review(self.tx, ReviewMark { id, version, by, today, next, note })
    }
}
