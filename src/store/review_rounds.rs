//! The review packs sent to service owners and what came back (issue 21). Not
//! in the change log, like acknowledgements: what a returned pack changes is
//! logged as changes made by its owner.

use rusqlite::{Connection, Row, named_params};

use super::Store;
use super::codec::decode;
use super::conn_ext::ConnExt;
use crate::Result;
use crate::model::{Date, PackReturned, PackSent, ServiceId, format_date, parse_date};

impl Store {
    /// Records that a pack of `activities` activities was written for `service`
    /// on `sent_on`, due back on `due_on`, by this store's user.
    pub fn record_pack_sent(
        &mut self,
        service: ServiceId,
        sent_on: Date,
        due_on: Date,
        activities: usize,
    ) -> Result<PackSent> {
        let mut sent = self.record_packs_sent(&[(service, activities)], sent_on, due_on, || Ok(()))?;
        sent.pop().ok_or_else(|| crate::Error::NotFound { what: "the pack recorded".into() })
    }

    /// Records a pack for each (service, activities) of `packs`, sent on
    /// `sent_on` and due back on `due_on`, and runs `write` (writing the packs'
    /// files) inside the same transaction: the packs are recorded only if
    /// `write` succeeds, and nothing is recorded when it fails.
    pub fn record_packs_sent(
        &mut self,
        packs: &[(ServiceId, usize)],
        sent_on: Date,
        due_on: Date,
        write: impl FnOnce() -> Result<()>,
    ) -> Result<Vec<PackSent>> {
        let sent_by = self.actor.clone();
        self.write(|tx| {
            let mut sent = Vec::with_capacity(packs.len());
            for &(service, activities) in packs {
                tx.execute(
                    "INSERT INTO review_pack (service_id, sent_on, due_on, sent_by, activities)
                     VALUES (:service, :sent, :due, :by, :activities)",
                    named_params! {
                        ":service": service, ":sent": format_date(sent_on), ":due": format_date(due_on),
                        ":by": sent_by, ":activities": activities as i64,
                    },
                )?;
                let id = tx.last_insert_rowid();
                let sent_by = sent_by.clone();
                sent.push(PackSent {
                    id,
                    service_id: service,
                    sent_on,
                    due_on,
                    sent_by,
                    activities,
                    returned: None,
                });
            }
            write()?;
            Ok(sent)
        })
    }

    /// Every pack sent, first sent first.
    pub fn review_packs(&self) -> Result<Vec<PackSent>> {
        select_packs(&self.conn)
    }
}

/// Records `returned` on the latest pack of `service` not yet returned; false
/// when there is none (a pack written before rounds were kept, or read twice).
pub(super) fn record_pack_returned(
    conn: &Connection,
    service: ServiceId,
    returned: &PackReturned,
) -> Result<bool> {
    let updated = conn.execute(
        "UPDATE review_pack SET returned_on = :on, returned_by = :by, proposed = :proposed,
             accepted = :accepted, unchanged = :unchanged
         WHERE id = (SELECT max(id) FROM review_pack WHERE service_id = :service AND returned_on IS NULL)",
        named_params! {
            ":service": service, ":on": format_date(returned.on), ":by": returned.by.trim(),
            ":proposed": returned.proposed as i64, ":accepted": returned.accepted as i64,
            ":unchanged": returned.unchanged as i64,
        },
    )?;
    Ok(updated == 1)
}

fn select_packs(conn: &Connection) -> Result<Vec<PackSent>> {
    conn.query_rows_and_then_cached(
        "SELECT id, service_id, sent_on, due_on, sent_by, activities, returned_on, returned_by,
                proposed, accepted, unchanged
         FROM review_pack ORDER BY id",
        [],
        |row| Ok(read_pack(row)?),
    )
}

fn read_pack(row: &Row<'_>) -> rusqlite::Result<PackSent> {
    let date = |column: &str| -> rusqlite::Result<Date> {
        let text: String = row.get(column)?;
        decode(&text, column, parse_date)
    };
    let count = |column: &str| -> rusqlite::Result<usize> { Ok(row.get::<_, i64>(column)?.max(0) as usize) };
    let returned = match row.get::<_, Option<String>>("returned_on")? {
        None => None,
        Some(on) => Some(PackReturned {
            on: decode(&on, "returned_on", parse_date)?,
            by: row.get("returned_by")?,
            proposed: count("proposed")?,
            accepted: count("accepted")?,
            unchanged: count("unchanged")?,
        }),
    };
    Ok(PackSent {
        id: row.get("id")?,
        service_id: row.get("service_id")?,
        sent_on: date("sent_on")?,
        due_on: date("due_on")?,
        sent_by: row.get("sent_by")?,
        activities: count("activities")?,
        returned,
    })
}
