//! `ropa review-pack` and the import of a returned pack, on register files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::import::MAX_FILE_BYTES;
use crate::model::{ActivityFields, ActivityId, Date, PackReturned, ServiceId};
use crate::review_pack::{self, PackField, Proposal};
use crate::store::os_user;
use crate::{Error, Result, Store};

/// How long a service owner has to return a pack unless told otherwise.
pub const DEFAULT_DAYS_TO_RETURN: i64 = 28;

/// Writes the review pack of the service named `service` in the register at `db`
/// to `out`, prepared on `today`, and records it as sent, due back on `due`
/// (default [`DEFAULT_DAYS_TO_RETURN`] days on); returns how many activities it holds.
pub fn write_review_pack(
    db: &Path,
    service: &str,
    out: &Path,
    today: Date,
    due: Option<Date>,
) -> Result<usize> {
    crate::fsio::check_target(out)?;
    let mut store = Store::open(db)?;
    let register = store.load_register()?;
    let found = review_pack::service_named(&register, service).ok_or_else(|| {
        let names: Vec<&str> = register.services.iter().map(|s| s.fields.name.as_str()).collect();
        Error::Invalid {
            field: "Service".into(),
            message: format!("no service is called \"{service}\"; the register has: {}", names.join(", ")),
        }
    })?;
    let due = due_date(today, due)?;
    let bytes = review_pack::write_pack(&register, found.id, today, &os_user())?;
    let count = register.activities.iter().filter(|a| a.fields.service_id == found.id).count();
    store.record_packs_sent(&[(found.id, count)], today, due, || {
        crate::fsio::write_bytes(out, &bytes, "Writing the review pack")
    })?;
    Ok(count)
}

/// Starts a review round for every service that has activities: writes each
/// one's pack into the new folder `dir` (refused if it exists, so no earlier
/// round's packs are replaced), whole or not at all, and records each as sent,
/// due back on `due`, in the same step. Returns, per service, its name, the
/// pack written and how many activities it holds.
pub fn write_review_round(
    db: &Path,
    dir: &Path,
    today: Date,
    due: Option<Date>,
) -> Result<Vec<(String, PathBuf, usize)>> {
    let due = due_date(today, due)?;
    let mut store = Store::open(db)?;
    let register = store.load_register()?;
    let mut names: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut files = Vec::new();
    let mut written = Vec::new();
    let mut sent = Vec::new();
    for service in &register.services {
        let count = register.activities.iter().filter(|a| a.fields.service_id == service.id).count();
        if count == 0 {
            continue;
        }
        let name = pack_file_name(&service.fields.name, service.id, &mut names);
        files.push(crate::fsio::FolderFile {
            path: name.clone(),
            bytes: review_pack::write_pack(&register, service.id, today, &os_user())?,
        });
        written.push((service.fields.name.clone(), dir.join(name), count));
        sent.push((service.id, count));
    }
    let mut folder_written = false;
    let recorded = store.record_packs_sent(&sent, today, due, || {
        crate::fsio::write_folder(dir, &files)?;
        folder_written = true;
        Ok(())
    });
    if let Err(error) = recorded {
        // The folder is new (write_folder refuses one that exists): take it away
        // again if it was written but the packs could not be recorded.
        if folder_written {
            let _ = std::fs::remove_dir_all(dir);
        }
        return Err(error);
    }
    Ok(written)
}

/// A file name for the pack of the service `name` (row `id`) not yet in `taken`.
fn pack_file_name(name: &str, id: ServiceId, taken: &mut std::collections::HashSet<String>) -> String {
    let stem = file_stem(name);
    let mut candidate = format!("{stem}-review.xlsx");
    let mut attempt = 1;
    while taken.contains(&candidate) {
        candidate = match attempt {
            1 => format!("{stem}-{}-review.xlsx", id.0),
            n => format!("{stem}-{}-{n}-review.xlsx", id.0),
        };
        attempt += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// The date a pack is due back: `due`, or [`DEFAULT_DAYS_TO_RETURN`] days after
/// `today`; refused when before `today`.
fn due_date(today: Date, due: Option<Date>) -> Result<Date> {
    let due = due.unwrap_or_else(|| today.saturating_add(time::Duration::days(DEFAULT_DAYS_TO_RETURN)));
    if due < today {
        return Err(Error::Invalid {
            field: "Due".into(),
            message: format!("{} is before the day the pack is sent", crate::model::format_date(due)),
        });
    }
    Ok(due)
}

/// A service's name as a file name: letters and digits, words joined by "-".
fn file_stem(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() { "service".to_owned() } else { words.join("-") }
}

/// What a returned pack proposes, read against the register at `db`; nothing
/// is changed.
pub fn read_review_pack(db: &Path, bytes: &[u8], file: &str) -> Result<Proposal> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::Import {
            file: file.to_owned(),
            message: format!("it is larger than {} MB; a review pack is far smaller", MAX_FILE_BYTES >> 20),
        });
    }
    let returned = review_pack::read_pack(bytes, file)?;
    let mut store = Store::open_read(db)?;
    let register = store.load_register()?;
    review_pack::propose(&register, &returned, file)
}

/// Reads the returned pack `bytes` (from `file`) against the register at `db` and,
/// unless `dry_run`, applies every proposed change (see [`apply_proposal`]).
/// Returns what was proposed.
pub fn apply_review_pack(
    db: &Path,
    bytes: &[u8],
    file: &str,
    today: Date,
    dry_run: bool,
) -> Result<Proposal> {
    let proposal = read_review_pack(db, bytes, file)?;
    if !dry_run {
        apply_proposal(db, &proposal, &BTreeSet::new(), today)?;
    }
    Ok(proposal)
}

/// Applies `proposal` to the register at `db` in one transaction, but for the
/// changes in `rejected` (activity, field): each activity's accepted changes
/// are saved, logged as coming from the pack's owner, an activity returned
/// unchanged is recorded as reviewed by that owner, and the service's latest
/// pack is recorded as returned with what was accepted. Refuses, changing
/// nothing, if an activity was saved since the pack was read. Returns how many
/// changes were applied.
pub fn apply_proposal(
    db: &Path,
    proposal: &Proposal,
    rejected: &BTreeSet<(ActivityId, PackField)>,
    today: Date,
) -> Result<usize> {
    apply_proposal_to(&mut Store::open(db)?, proposal, rejected, today)
}

/// [`apply_proposal`] on an open store (the app's). The store's display name is
/// left as "review pack returned by ..." : the caller sets its own again.
pub fn apply_proposal_to(
    store: &mut Store,
    proposal: &Proposal,
    rejected: &BTreeSet<(ActivityId, PackField)>,
    today: Date,
) -> Result<usize> {
    if proposal.changed.is_empty() && proposal.unchanged.is_empty() {
        return Err(Error::Invalid {
            field: "Review pack".into(),
            message: format!(
                "nothing in the pack for {} can be applied (every row is a conflict or unreadable: {}); the round stays open",
                proposal.service,
                proposal.conflicts.len() + proposal.warnings.len()
            ),
        });
    }
    let register = store.load_register()?;
    let owner = match proposal.returned_by.trim() {
        "" => format!("the owner of {}", proposal.service),
        named => named.to_owned(),
    };
    let service = register
        .services
        .iter()
        .find(|s| s.fields.name == proposal.service)
        .map(|s| s.id)
        .ok_or_else(|| Error::NotFound { what: format!("service \"{}\"", proposal.service) })?;
    let mut saves = Vec::new();
    for activity in &proposal.changed {
        if let Some(fields) = accepted_fields(&register, activity, rejected)? {
            saves.push((activity, fields));
        }
    }
    let accepted: usize = proposal
        .changed
        .iter()
        .flat_map(|a| a.changes.iter().map(move |c| (a.activity_id, c.field)))
        .filter(|key| !rejected.contains(key))
        .count();
    store.set_display_name(&format!("review pack returned by {owner}"));
    let next = register.organisation.next_review_after(today);
    let note = format!("Returned unchanged in the review pack for {}", proposal.service);
    let returned = PackReturned {
        on: today,
        by: proposal.returned_by.clone(),
        proposed: proposal.change_count(),
        accepted,
        unchanged: proposal.unchanged.len(),
    };
    store.batch(|batch| {
        for (activity, fields) in &saves {
            batch.update_activity_fields(activity.activity_id, activity.version, fields)?;
        }
        for (id, version, _) in &proposal.unchanged {
            batch.mark_reviewed(*id, *version, &owner, today, next, &note)?;
        }
        batch.record_pack_returned(service, &returned)?;
        Ok(())
    })?;
    Ok(accepted)
}

/// The activity's fields with its accepted changes: all of the proposal's when
/// none is rejected, none (`None`) when all are, else the register's with the
/// accepted ones applied.
fn accepted_fields(
    register: &crate::model::Register,
    activity: &review_pack::ActivityProposal,
    rejected: &BTreeSet<(ActivityId, PackField)>,
) -> Result<Option<ActivityFields>> {
    let kept: Vec<_> =
        activity.changes.iter().filter(|c| !rejected.contains(&(activity.activity_id, c.field))).collect();
    if kept.is_empty() {
        return Ok(None);
    }
    if kept.len() == activity.changes.len() {
        return Ok(Some(activity.fields.clone()));
    }
    let stored = register
        .activity(activity.activity_id)
        .ok_or_else(|| Error::NotFound { what: format!("activity \"{}\"", activity.name) })?;
    let mut fields = stored.fields.clone();
    for change in kept {
        change
            .field
            .apply(&mut fields, &change.to)
            .map_err(|message| Error::Invalid { field: change.field.heading().to_owned(), message })?;
    }
    Ok(Some(fields))
}
