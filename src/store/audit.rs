//! The change log: every change appended in the same transaction as the change,
//! with the record before and after, who and when, chained by SHA-256 so that a
//! rewritten entry is detected. The database refuses updates and deletes of the
//! log (triggers in `schema.sql`).

use std::ops::Deref;
use std::sync::Arc;

use rusqlite::{Connection, Transaction, named_params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Store;
use super::conn_ext::ConnExt;
use crate::model::{Activity, Link};
use crate::{Error, Result};

/// The hash the first entry chains from.
pub(super) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What stamps a change: the time (UTC) and who made it.
#[derive(Debug, Clone)]
pub(super) struct Stamp {
    /// When, as RFC 3339 UTC.
    pub at: String,
    /// Who.
    pub actor: String,
}

/// A write transaction with the stamp its changes are logged under.
#[derive(Debug)]
pub(super) struct Tx<'a> {
    pub tx: &'a Transaction<'a>,
    pub stamp: Stamp,
}

impl<'a> Deref for Tx<'a> {
    type Target = Transaction<'a>;
    fn deref(&self) -> &Self::Target {
        self.tx
    }
}

/// The source of "now" for change stamps.
#[derive(Clone)]
pub(super) struct Clock(Arc<dyn Fn() -> OffsetDateTime + Send + Sync>);

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

impl Clock {
    pub(super) fn system() -> Self {
        Self(Arc::new(OffsetDateTime::now_utc))
    }

    pub(super) fn new(clock: impl Fn() -> OffsetDateTime + Send + Sync + 'static) -> Self {
        Self(Arc::new(clock))
    }

    /// Now, as RFC 3339 UTC with whole seconds.
    pub(super) fn now(&self) -> String {
        let now =
            (self.0)().to_offset(time::UtcOffset::UTC).replace_nanosecond(0).unwrap_or_else(|_| (self.0)());
        now.format(&Rfc3339).unwrap_or_default()
    }
}

/// The operating-system user name, as the change log records it: from the
/// environment, else the account the process runs as (a desktop launched without
/// `USER` set still records who made a change).
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .or_else(account_name)
        .unwrap_or_else(|| "unknown user".to_string())
}

/// The name of the account the process runs as, asked of the system.
fn account_name() -> Option<String> {
    whoami::fallible::username().ok().filter(|name| !name.trim().is_empty())
}

/// An activity as the log records it: the row and its links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRecord {
    /// The activity.
    pub activity: Activity,
    /// Its links.
    pub links: Vec<Link>,
}

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeAction {
    /// The record was created.
    Create,
    /// The record was changed.
    Update,
    /// The record was deleted.
    Delete,
}

impl ChangeAction {
    fn code(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Delete => "delete",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [Self::Create, Self::Update, Self::Delete].into_iter().find(|a| a.code() == code)
    }
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Position in the log.
    pub id: i64,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who.
    pub actor: String,
    /// The kind of record: "activity", "party", "agreement", "service", "organisation".
    pub entity: String,
    /// The record's id.
    pub entity_id: i64,
    /// Created, changed or deleted.
    pub action: ChangeAction,
    /// The record before, as JSON (none for a creation).
    pub before: Option<String>,
    /// The record after, as JSON (none for a deletion).
    pub after: Option<String>,
}

/// Appends one change to the log, chained to the entry before it.
pub(super) fn log<T: Serialize>(
    tx: &Tx<'_>,
    entity: &str,
    entity_id: i64,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    let action = match (before.is_some(), after.is_some()) {
        (false, _) => ChangeAction::Create,
        (true, true) => ChangeAction::Update,
        (true, false) => ChangeAction::Delete,
    };
    let json = |value: Option<&T>| -> Result<Option<String>> {
        value
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| Error::Invalid { field: "Change log".into(), message: e.to_string() })
    };
    let (before, after) = (json(before)?, json(after)?);
    if before == after {
        return Ok(());
    }
    let prev_hash = last_hash(tx)?;
    let change = Change {
        id: 0,
        at: tx.stamp.at.clone(),
        actor: tx.stamp.actor.clone(),
        entity: entity.to_string(),
        entity_id,
        action,
        before,
        after,
    };
    let hash = entry_hash(&prev_hash, &change);
    let mut stmt = tx.prepare_cached(
        "INSERT INTO change_log (at, actor, entity, entity_id, action, before, after, prev_hash, hash)
         VALUES (:at, :actor, :entity, :entity_id, :action, :before, :after, :prev_hash, :hash)",
    )?;
    stmt.execute(named_params! {
        ":at": change.at, ":actor": change.actor, ":entity": change.entity, ":entity_id": entity_id,
        ":action": action.code(), ":before": change.before, ":after": change.after,
        ":prev_hash": prev_hash, ":hash": hash,
    })?;
    Ok(())
}

fn last_hash(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare_cached("SELECT hash FROM change_log ORDER BY id DESC LIMIT 1")?;
    let mut rows = stmt.query([])?;
    Ok(match rows.next()? {
        Some(row) => row.get(0)?,
        None => GENESIS.to_string(),
    })
}

fn entry_hash(prev_hash: &str, change: &Change) -> String {
    let mut hasher = Sha256::new();
    for part in [
        prev_hash,
        &change.at,
        &change.actor,
        &change.entity,
        &change.entity_id.to_string(),
        change.action.code(),
        change.before.as_deref().unwrap_or("\u{0}"),
        change.after.as_deref().unwrap_or("\u{0}"),
    ] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The result of checking the change log's hash chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogCheck {
    /// Entries checked.
    pub entries: usize,
    /// The first entry whose hash does not match its content or its predecessor.
    pub first_broken: Option<i64>,
}

fn change_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    let code: String = row.get("action")?;
    Ok(Change {
        id: row.get("id")?,
        at: row.get("at")?,
        actor: row.get("actor")?,
        entity: row.get("entity")?,
        entity_id: row.get("entity_id")?,
        action: ChangeAction::from_code(&code).ok_or_else(|| super::codec::unknown_code(&code, "action"))?,
        before: row.get("before")?,
        after: row.get("after")?,
    })
}

impl Store {
    /// Recomputes the change log's hash chain from the first entry.
    pub fn verify_log(&self) -> Result<LogCheck> {
        let mut stmt = self.conn.prepare("SELECT * FROM change_log ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut previous = GENESIS.to_string();
        let mut entries = 0;
        while let Some(row) = rows.next()? {
            entries += 1;
            let change = change_from_row(row)?;
            let prev_hash: String = row.get("prev_hash")?;
            let hash: String = row.get("hash")?;
            if prev_hash != previous || hash != entry_hash(&prev_hash, &change) {
                return Ok(LogCheck { entries, first_broken: Some(change.id) });
            }
            previous = hash;
        }
        Ok(LogCheck { entries, first_broken: None })
    }

    /// The changes to one record, oldest first.
    pub fn history(&self, entity: &str, entity_id: i64) -> Result<Vec<Change>> {
        self.conn.query_rows_and_then_cached(
            "SELECT * FROM change_log WHERE entity = :entity AND entity_id = :id ORDER BY id",
            named_params! {":entity": entity, ":id": entity_id},
            |row| Ok(change_from_row(row)?),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_name_comes_from_the_system() {
        let name = account_name().expect("the system names the account this test runs as");
        assert!(!name.trim().is_empty() && name != "unknown user", "{name:?}");
    }
}
