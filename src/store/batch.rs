//! Many writes in one transaction: the demo register, imports, bulk generation.

use rusqlite::OptionalExtension;

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

/// How many activities a batch must add for [`Store::batch_adding`] to build
/// the [`DEFERRED_INDEXES`] once at its end.
pub const BULK_ACTIVITIES: usize = 500;

/// The indexes that no statement a batch runs reads: each row a batch adds
/// updates them, and a 10,000-activity import spent a fifth of its writing
/// doing so (250,000 data categories, 170,000 list items, 100,000 links).
/// They serve the questions asked across the register and the checks that a
/// party or agreement in use is not deleted, never an insert.
const DEFERRED_INDEXES: [&str; 5] = [
    "link_data_category_by_value",
    "link_special_category_by_category",
    "activity_item_by_value",
    "link_by_party",
    "link_by_agreement",
];

/// Drops the [`DEFERRED_INDEXES`] and returns the SQL that makes each again,
/// as the register stores it.
fn drop_deferred_indexes(tx: &Tx<'_>) -> Result<Vec<String>> {
    let mut made = Vec::with_capacity(DEFERRED_INDEXES.len());
    for name in DEFERRED_INDEXES {
        let sql: Option<String> = tx
            .query_row("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1", [name], |row| {
                row.get(0)
            })
            .optional()?;
        if let Some(sql) = sql {
            tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            made.push(sql);
        }
    }
    Ok(made)
}

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

    /// Runs `build` as [`Store::batch`] does, for a batch that adds about
    /// `activities` activities. When that is a large register's worth (at least
    /// [`BULK_ACTIVITIES`] and as many as the register holds), the indexes that
    /// no write of a batch reads ([`DEFERRED_INDEXES`]) are dropped at its start
    /// and made again, from their own SQL, before it commits: one sort instead of
    /// a B-tree insert per row. The register's schema is the same afterwards, and
    /// a batch that fails rolls back the drop with everything else. `dry_run`
    /// runs it all, then rolls everything back: a dry run that fails wherever the
    /// real run would, and changes nothing.
    pub fn batch_adding<T>(
        &mut self,
        activities: usize,
        dry_run: bool,
        build: impl FnOnce(&Batch<'_>) -> Result<T>,
    ) -> Result<T> {
        let finish = if dry_run { super::Finish::RollBack } else { super::Finish::Commit };
        self.with_batch_cache(|store| {
            store.write_then(
                |tx| {
                    let held: i64 = tx.query_row("SELECT count(*) FROM activity", [], |row| row.get(0))?;
                    let bulk = activities >= BULK_ACTIVITIES && activities as i64 >= held;
                    let deferred = if bulk { drop_deferred_indexes(tx)? } else { Vec::new() };
                    let value = build(&Batch { tx })?;
                    for sql in deferred {
                        tx.execute_batch(&sql)?;
                    }
                    Ok(value)
                },
                finish,
            )
        })
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
