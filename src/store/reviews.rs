//! Reviews of activities ("mark reviewed": who and when) and whether the
//! controller is a public authority, both read by the checks.

use rusqlite::{Connection, named_params};

use super::Store;
use super::activities::activity_record;
use super::audit::{Tx, log};
use super::codec::{decode, required_name};
use super::conn_ext::ConnExt;
use super::parties::missing_or_conflict;
use crate::Result;
use crate::model::{Activity, ActivityId, Date, format_date, parse_date};

/// One recorded review of an activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Who reviewed it.
    pub reviewed_by: String,
    /// When.
    pub reviewed_on: Date,
}

impl Store {
    /// Marks the activity with `id`, read at `version`, reviewed by `by` on `today`:
    /// sets its last review to `today` and its next review to `today` plus the
    /// register's review interval, and keeps who and when. Refuses with
    /// `Error::Conflict` if the activity was saved since `version`.
    pub fn mark_reviewed(&mut self, id: ActivityId, version: i64, by: &str, today: Date) -> Result<Activity> {
        self.mark_reviewed_with_note(id, version, by, today, "")
    }

    /// As [`Store::mark_reviewed`], with the reviewer's `note` (what was checked,
    /// what is left to do). The review, note included, is logged in the change log
    /// as an `activity_review` entry beside the activity's own change.
    pub fn mark_reviewed_with_note(
        &mut self,
        id: ActivityId,
        version: i64,
        by: &str,
        today: Date,
        note: &str,
    ) -> Result<Activity> {
        let next = self.organisation()?.next_review_after(today);
        self.write(|tx| record_review(tx, ReviewMark { id, version, by, today, next, note }))?;
        self.activity(id)
    }

    /// The reviews of the activity with `id`, newest first.
    pub fn reviews_of(&self, id: ActivityId) -> Result<Vec<Review>> {
        self.conn.query_rows_and_then_cached(
            "SELECT reviewed_by, reviewed_on FROM activity_review WHERE activity_id = ?1
             ORDER BY reviewed_on DESC, id DESC",
            [id],
            |row| {
                let on: String = row.get(1)?;
                Ok(Review { reviewed_by: row.get(0)?, reviewed_on: decode(&on, "reviewed_on", parse_date)? })
            },
        )
    }

    /// Whether the controller is a public authority (UK GDPR Art 6(1), last sentence).
    pub fn is_public_authority(&self) -> Result<bool> {
        select_public_authority(&self.conn)
    }

    /// Records whether the controller is a public authority.
    pub fn set_public_authority(&mut self, is_public_authority: bool) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE controller_status SET is_public_authority = ?1 WHERE id = 1",
                [is_public_authority],
            )?;
            Ok(())
        })
    }
}

/// Whether the organisation is a public authority, as recorded.
pub(super) fn select_public_authority(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT is_public_authority FROM controller_status WHERE id = 1", [], |row| row.get(0))?)
}

/// The calendar-month rule, kept here under its old path.
pub use crate::model::add_months;

/// A review to record: of the activity `id` read at `version`, by `by` on
/// `today`, due again on `next`, with the reviewer's `note`.
pub(super) struct ReviewMark<'a> {
    pub id: ActivityId,
    pub version: i64,
    pub by: &'a str,
    pub today: Date,
    pub next: Date,
    pub note: &'a str,
}

/// Records `mark` inside `tx`: the review dates, the review row and both log
/// entries. Refuses with `Error::Conflict` if the activity was saved since.
pub(super) fn record_review(tx: &Tx<'_>, mark: ReviewMark<'_>) -> Result<()> {
    let ReviewMark { id, version, by, today, next, note } = mark;
    let by = required_name(by, "Reviewed by")?;
    let before = activity_record(tx, id)?;
    update_review_dates(tx, id, version, today, next)?;
    let review_id = insert_review(tx, id, &by, today)?;
    log(tx, "activity", id.0, before.as_ref(), activity_record(tx, id)?.as_ref())?;
    let entry = ReviewEntry { activity_id: id, reviewed_by: &by, reviewed_on: today, note: note.trim() };
    log(tx, "activity_review", review_id, None, Some(&entry))
}

fn update_review_dates(
    conn: &Connection,
    id: ActivityId,
    version: i64,
    today: Date,
    next: Date,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE activity SET last_reviewed = :today, next_review_due = :next, version = version + 1
         WHERE id = :id AND version = :version",
    )?;
    let changed = stmt.execute(named_params! {
        ":today": format_date(today), ":next": format_date(next), ":id": id, ":version": version,
    })?;
    if changed == 0 {
        let name: String = conn
            .query_row("SELECT name FROM activity WHERE id = ?1", [id], |row| row.get(0))
            .unwrap_or_else(|_| format!("{id}"));
        return Err(missing_or_conflict(conn, "activity", id.0, &name)?);
    }
    Ok(())
}

/// Records the review; returns its id.
fn insert_review(conn: &Connection, id: ActivityId, by: &str, today: Date) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO activity_review (activity_id, reviewed_by, reviewed_on) VALUES (:id, :by, :on)",
    )?;
    stmt.execute(named_params! {":id": id, ":by": by, ":on": format_date(today)})?;
    Ok(conn.last_insert_rowid())
}

/// A review as the change log records it: the `activity_review` row and the
/// reviewer's note, which lives only in the log.
#[derive(Debug, serde::Serialize)]
struct ReviewEntry<'a> {
    activity_id: ActivityId,
    reviewed_by: &'a str,
    #[serde(serialize_with = "iso_date")]
    reviewed_on: Date,
    note: &'a str,
}

fn iso_date<S: serde::Serializer>(date: &Date, serializer: S) -> std::result::Result<S::Ok, S::Error> {
    serializer.serialize_str(&format_date(*date))
}
