//! The demo register, built from five real public-sector privacy notices.
//!
//! Provenance (the notices were read as published; their wording, gaps and
//! mistakes are kept so that the register's checks have real findings to make):
//!
//! | module | service | controller | public address |
//! |---|---|---|---|
//! | `nwrsmp` | North West Regional Strategic Migration Partnership (NWRSMP) | Manchester City Council as host authority (the notice says only "the Council"; the host is known from where it is published) | <https://www.manchester.gov.uk/directory_record/439931/north_west_regional_strategic_migration_partnership_service> |
//! | `refugee_integration` | "Well-being and work for refugee integration" project (EU AMIF) | East of England LGA Strategic Migration Partnership (lead partner) and unnamed project partners | not given (the notice links only to <http://www.eelga.gov.uk/cookie-policy.aspx>) |
//! | `early_help` | Early Help | Manchester City Council | <https://www.manchester.gov.uk/directory_record/431787/early_help> |
//! | `pri` | Performance, Research and Intelligence | Manchester City Council | not given |
//! | `sefton_at_work` | Sefton@work | Sefton Council | not given |
//!
//! The register is Manchester City Council's, kept as a partnership register:
//! the services run by other controllers name them in `ServiceFields::controller`.
//! Everything is written in one transaction through [`Store::batch`].

mod early_help;
mod nwrsmp;
mod parties;
mod pri;
mod refugee_integration;
mod sefton_at_work;

use std::collections::BTreeSet;

use time::macros::date;

use crate::law::LegalItem;
use crate::model::{
    ActivityFields, ActivityStatus, Contact, Date, LinkDraft, Organisation, ServiceFields, ServiceId,
};
use crate::store::{Batch, Store};
use crate::{Error, Result};

/// Fills an empty register with the demo content, in one transaction. Refuses a
/// register that already holds services, so nothing is mixed into real records.
pub fn populate(store: &mut Store) -> Result<()> {
    if !store.services()?.is_empty() {
        return Err(Error::Invalid {
            field: "Demo register".into(),
            message: "the demo can only be written into an empty register; create a new file for it".into(),
        });
    }
    store.batch(|batch| {
        batch.save_organisation(&organisation())?;
        let services = Services {
            nwrsmp: batch.insert_service(&nwrsmp::service())?,
            refugee_integration: batch.insert_service(&refugee_integration::service())?,
            early_help: batch.insert_service(&early_help::service())?,
            pri: batch.insert_service(&pri::service())?,
            sefton_at_work: batch.insert_service(&sefton_at_work::service())?,
        };
        let parties = parties::insert(batch, &services)?;
        nwrsmp::insert_activities(batch, services.nwrsmp, &parties)?;
        refugee_integration::insert_activities(batch, services.refugee_integration, &parties)?;
        early_help::insert_activities(batch, services.early_help, &parties)?;
        pri::insert_activities(batch, services.pri, &parties)?;
        sefton_at_work::insert_activities(batch, services.sefton_at_work, &parties)?;
        controllers(batch)
    })
}

/// The ids of the five demo services, once inserted.
struct Services {
    nwrsmp: ServiceId,
    refugee_integration: ServiceId,
    early_help: ServiceId,
    pri: ServiceId,
    sefton_at_work: ServiceId,
}

/// Manchester City Council's profile. Seeds 000, 002 and 003 refer only to "the
/// Council’s Data Protection Officer", with no name, address or contact details,
/// and none gives an ICO registration number: those fields stay empty.
fn organisation() -> Organisation {
    Organisation {
        controller: Contact { name: "Manchester City Council".into(), ..Contact::default() },
        ico_registration: String::new(),
        dpo: Contact { name: "The Council’s Data Protection Officer".into(), ..Contact::default() },
        representative: Contact::default(),
        is_partnership: true,
        review_interval_months: 12,
    }
}

/// The public-authority status of the controllers that services name. Sefton
/// Council is a local authority, a public authority for the UK GDPR (DPA 2018
/// s.7 takes the Freedom of Information Act 2000's list, which includes local
/// authorities). Seed 001 does not say what the East of England LGA Strategic
/// Migration Partnership and its partners are, so their status stays
/// unrecorded and the checks ask for it.
fn controllers(batch: &Batch<'_>) -> Result<()> {
    batch.set_controller_public_authority(sefton_at_work::CONTROLLER, Some(true))
}

/// A service record.
fn service_record(name: &str, controller: &str, description: &str) -> ServiceFields {
    ServiceFields { name: name.into(), description: description.into(), controller: controller.into() }
}

/// An active activity called `name` in `service_id`, to be filled in by the caller.
fn activity(service_id: ServiceId, name: &str, description: &str) -> ActivityFields {
    let mut fields = ActivityFields::new(service_id, name);
    fields.description = description.into();
    fields.status = ActivityStatus::Active;
    fields
}

/// Owned strings from a list of literals.
fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

/// A set of legal items from a list.
fn set<T: LegalItem>(items: &[T]) -> BTreeSet<T> {
    items.iter().copied().collect()
}

/// Review dates. Fixed, never read from the clock, so the demo is the same on every
/// run: due dates in March 2025 and September 2026 are overdue by late 2026, the
/// others fall due in 2027.
fn reviews(fields: &mut ActivityFields, last_reviewed: Option<Date>, next_review_due: Date) {
    fields.last_reviewed = last_reviewed;
    fields.next_review_due = Some(next_review_due);
}

/// Dates used by the review schedule, named so the spread is easy to see.
mod dates {
    use super::{Date, date};

    /// A review done in spring 2024.
    pub const REVIEWED_2024_04: Date = date!(2024 - 04 - 15);
    /// A review done in autumn 2025.
    pub const REVIEWED_2025_10: Date = date!(2025 - 10 - 01);
    /// Overdue: due at the end of March 2025.
    pub const DUE_2025_03: Date = date!(2025 - 03 - 31);
    /// Overdue: due at the end of September 2026.
    pub const DUE_2026_09: Date = date!(2026 - 09 - 30);
    /// Due at the end of January 2027.
    pub const DUE_2027_01: Date = date!(2027 - 01 - 31);
    /// Due at the end of October 2027.
    pub const DUE_2027_10: Date = date!(2027 - 10 - 01);
}

/// Inserts one activity with its links.
fn insert(batch: &Batch<'_>, fields: &ActivityFields, links: &[LinkDraft]) -> Result<()> {
    batch.insert_activity(fields, links).map(|_| ())
}
