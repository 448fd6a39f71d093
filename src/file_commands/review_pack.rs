//! `ropa review-pack` and the import of a returned pack, on register files.

use std::path::Path;

use crate::import::MAX_FILE_BYTES;
use crate::import::text::name_key;
use crate::model::Date;
use crate::review_pack::{self, Proposal};
use crate::store::os_user;
use crate::{Error, Result, Store};

/// Writes the review pack of the service named `service` in the register at `db`
/// to `out`, prepared on `today`; returns how many activities it holds.
pub fn write_review_pack(db: &Path, service: &str, out: &Path, today: Date) -> Result<usize> {
    crate::fsio::check_target(out)?;
    let mut store = Store::open_read(db)?;
    let register = store.load_register()?;
    let found = register
        .services
        .iter()
        .find(|candidate| name_key(&candidate.fields.name) == name_key(service))
        .ok_or_else(|| {
            let names: Vec<&str> = register.services.iter().map(|s| s.fields.name.as_str()).collect();
            Error::Invalid {
                field: "Service".into(),
                message: format!(
                    "no service is called \"{service}\"; the register has: {}",
                    names.join(", ")
                ),
            }
        })?;
    let bytes = review_pack::write_pack(&register, found.id, today, &os_user())?;
    crate::fsio::write_bytes(out, &bytes, "Writing the review pack")?;
    Ok(register.activities.iter().filter(|a| a.fields.service_id == found.id).count())
}

/// Reads the returned pack `bytes` (from `file`) against the register at `db` and,
/// unless `dry_run`, applies every proposed change in one transaction, logged as
/// coming from the pack's owner, and records a review by that owner of every
/// activity returned unchanged. Returns what was proposed.
pub fn apply_review_pack(
    db: &Path,
    bytes: &[u8],
    file: &str,
    today: Date,
    dry_run: bool,
) -> Result<Proposal> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::Import {
            file: file.to_owned(),
            message: format!("it is larger than {} MB; a review pack is far smaller", MAX_FILE_BYTES >> 20),
        });
    }
    let returned = review_pack::read_pack(bytes, file)?;
    let mut store = if dry_run { Store::open_read(db)? } else { Store::open(db)? };
    let register = store.load_register()?;
    let proposal = review_pack::propose(&register, &returned, file)?;
    if dry_run {
        return Ok(proposal);
    }
    let owner = match proposal.returned_by.trim() {
        "" => format!("the owner of {}", proposal.service),
        named => named.to_owned(),
    };
    store.set_display_name(&format!("review pack returned by {owner}"));
    let next = register.organisation.next_review_after(today);
    let note = format!("Returned unchanged in the review pack for {}", proposal.service);
    store.batch(|batch| {
        for activity in &proposal.changed {
            batch.update_activity_fields(activity.activity_id, activity.version, &activity.fields)?;
        }
        for (id, version, _) in &proposal.unchanged {
            batch.mark_reviewed(*id, *version, &owner, today, next, &note)?;
        }
        Ok(())
    })?;
    Ok(proposal)
}
