//! `ropa verify`: the change log's hash chain, its head, the append-only
//! triggers, and a replay of the log checked against the live tables, so that an
//! edit made behind the app's back (an UPDATE with sqlite3) is reported with the
//! record it touched.

use std::collections::{BTreeMap, HashSet};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use super::Store;
use super::audit::{GENESIS, LogCheck};
use crate::model::{LogHead, Register};
use crate::{Error, Result};

/// Everything `ropa verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The hash chain, checked from the first entry.
    pub chain: LogCheck,
    /// The head of the log as it stands.
    pub head: LogHead,
    /// Append-only triggers of `schema.sql` that are missing or altered.
    pub missing_triggers: Vec<String>,
    /// Records whose live row differs from what the change log says, one line each.
    pub differences: Vec<String>,
}

impl Verification {
    /// True when nothing was found wrong.
    pub fn is_intact(&self) -> bool {
        self.chain.first_broken.is_none() && self.missing_triggers.is_empty() && self.differences.is_empty()
    }
}

/// How a log head given by the user (from an earlier export) compares with the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadCheck {
    /// Entry N of the log has the hash given.
    Matches,
    /// The log holds fewer than N entries: its tail was deleted.
    Missing {
        /// Entries the log holds now.
        entries: u64,
    },
    /// Entry N has another hash: the log was rewritten up to there.
    Differs {
        /// The hash entry N has now.
        found: String,
    },
}

impl Store {
    /// The head of the change log: its entry count and the hash of its last entry.
    pub fn log_head(&self) -> Result<LogHead> {
        head(&self.conn)
    }

    /// The head of the log as it stood at the end of `date` (UTC): the entries up
    /// to the last one stamped by then, as [`Store::register_as_at`] reads them,
    /// so that an as-at export carries the head an export made that day carried.
    pub fn log_head_as_at(&self, date: crate::model::Date) -> Result<LogHead> {
        head_as_at(&self.conn, date)
    }

    /// Whether entry `head.entries()` of the log has `head.hash()`.
    pub fn check_head(&self, head: &LogHead) -> Result<HeadCheck> {
        let entries: i64 = self.conn.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?;
        let entries = u64::try_from(entries).unwrap_or(0);
        if head.entries() > entries {
            return Ok(HeadCheck::Missing { entries });
        }
        let found = entry_hash(&self.conn, head.entries())?.unwrap_or_else(|| GENESIS.to_string());
        Ok(if found == head.hash() { HeadCheck::Matches } else { HeadCheck::Differs { found } })
    }

    /// Checks the chain, the head, the triggers, and that replaying the log gives
    /// the live tables exactly.
    pub fn verify(&mut self) -> Result<Verification> {
        let chain = self.verify_log()?;
        let head = self.log_head()?;
        let missing_triggers = missing_triggers(&self.conn)?;
        let live = self.load_register()?;
        let logged = self.register_before(time::macros::datetime!(9999-12-31 23:59:59 UTC))?;
        let differences = differences(&live, &logged)?;
        Ok(Verification { chain, head, missing_triggers, differences })
    }
}

/// The head of the log at the end of `date` (UTC).
pub(super) fn head_as_at(conn: &Connection, date: crate::model::Date) -> Result<LogHead> {
    let moment = super::as_at::stamp(super::as_at::end_of(date))?;
    let (entries, hash): (i64, Option<String>) = conn.query_row(
        "WITH last AS (SELECT max(id) AS id FROM change_log WHERE at < ?1)
         SELECT (SELECT count(*) FROM change_log WHERE id <= (SELECT id FROM last)),
                (SELECT hash FROM change_log WHERE id = (SELECT id FROM last))",
        [moment],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    make_head(entries, hash)
}

/// The head of the log now.
pub(super) fn head(conn: &Connection) -> Result<LogHead> {
    let (entries, hash): (i64, Option<String>) = conn.query_row(
        "SELECT count(*), (SELECT hash FROM change_log ORDER BY id DESC LIMIT 1) FROM change_log",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    make_head(entries, hash)
}

/// The head of `entries` entries, the last with `hash` (none: the empty log).
fn make_head(entries: i64, hash: Option<String>) -> Result<LogHead> {
    let hash = hash.unwrap_or_else(|| GENESIS.to_string());
    LogHead::new(u64::try_from(entries).unwrap_or(0), &hash)
        .map_err(|e| Error::Invalid { field: "Change log".into(), message: e.to_string() })
}

/// The hash of entry `n` (counting from 1), `None` for entry 0 or past the end.
fn entry_hash(conn: &Connection, n: u64) -> Result<Option<String>> {
    if n == 0 {
        return Ok(None);
    }
    let offset = i64::try_from(n - 1).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached("SELECT hash FROM change_log ORDER BY id LIMIT 1 OFFSET ?1")?;
    Ok(stmt.query_row([offset], |r| r.get(0)).optional()?)
}

/// The triggers `schema.sql` creates that the file lacks or holds with other SQL.
fn missing_triggers(conn: &Connection) -> Result<Vec<String>> {
    let fresh = Connection::open_in_memory()?;
    fresh.execute_batch(super::migrate::SCHEMA)?;
    let triggers = |conn: &Connection| -> Result<BTreeMap<String, String>> {
        let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, squash(&r.get::<_, String>(1)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let present = triggers(conn)?;
    Ok(triggers(&fresh)?
        .into_iter()
        .filter_map(|(name, sql)| match present.get(&name) {
            None => Some(format!("trigger {name} is missing")),
            Some(found) if *found != sql => Some(format!("trigger {name} has been altered")),
            Some(_) => None,
        })
        .collect())
}

/// SQL with runs of white space made one space, for comparing.
fn squash(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One line per record whose live state differs from the log's.
fn differences(live: &Register, logged: &Register) -> Result<Vec<String>> {
    let mut found = Vec::new();
    compare(
        "organisation",
        &records(std::iter::once((1, &live.organisation)))?,
        &records(std::iter::once((1, &logged.organisation)))?,
        &mut found,
    );
    compare(
        "service",
        &records(live.services.iter().map(|s| (s.id.0, s)))?,
        &records(logged.services.iter().map(|s| (s.id.0, s)))?,
        &mut found,
    );
    let (live_parties, logged_parties) = (parties(live)?, parties(logged)?);
    compare("party", &live_parties, &logged_parties, &mut found);
    compare("agreement", &agreements(live)?, &agreements(logged)?, &mut found);
    compare(
        "asset",
        &records(live.assets.iter().map(|a| (a.id.0, a)))?,
        &records(logged.assets.iter().map(|a| (a.id.0, a)))?,
        &mut found,
    );
    compare(
        "dpia",
        &records(live.dpias.iter().map(|d| (d.id.0, d)))?,
        &records(logged.dpias.iter().map(|d| (d.id.0, d)))?,
        &mut found,
    );
    compare(
        "activity",
        &records(live.activities.iter().map(|a| (a.id.0, a)))?,
        &records(logged.activities.iter().map(|a| (a.id.0, a)))?,
        &mut found,
    );
    compare("link", &links(live)?, &links(logged)?, &mut found);
    Ok(found)
}

type Records = BTreeMap<i64, Value>;

fn records<'a, T: Serialize + 'a>(items: impl Iterator<Item = (i64, &'a T)>) -> Result<Records> {
    items.map(|(id, item)| Ok((id, serde_json::to_value(item).map_err(json_error)?))).collect()
}

fn json_error(error: serde_json::Error) -> Error {
    Error::Invalid { field: "Change log".into(), message: error.to_string() }
}

/// Parties, with a service reference the database would have cleared (the
/// service was deleted: `ON DELETE SET NULL`) cleared.
fn parties(register: &Register) -> Result<Records> {
    let services: HashSet<_> = register.services.iter().map(|s| s.id).collect();
    let mut parties = register.parties.clone();
    for party in &mut parties {
        party.fields.internal_service = party.fields.internal_service.filter(|s| services.contains(s));
    }
    records(parties.iter().map(|p| (p.id.0, p)))
}

/// Agreements, with their parties in id order and a deleted party dropped (as
/// `ON DELETE CASCADE` drops it), since the order and membership of parties
/// follow their names and lives.
fn agreements(register: &Register) -> Result<Records> {
    let parties: HashSet<_> = register.parties.iter().map(|p| p.id).collect();
    let mut agreements = register.agreements.clone();
    for agreement in &mut agreements {
        agreement.fields.parties.retain(|p| parties.contains(p));
        agreement.fields.parties.sort();
    }
    records(agreements.iter().map(|a| (a.id.0, a)))
}

/// Links, with an agreement the database would have cleared (`ON DELETE SET
/// NULL`) cleared.
fn links(register: &Register) -> Result<Records> {
    let agreements: HashSet<_> = register.agreements.iter().map(|a| a.id).collect();
    let mut links = register.links.clone();
    for link in &mut links {
        link.fields.agreement_id = link.fields.agreement_id.filter(|a| agreements.contains(a));
    }
    records(links.iter().map(|l| (l.id.0, l)))
}

fn compare(kind: &str, live: &Records, logged: &Records, found: &mut Vec<String>) {
    for (id, row) in live {
        match logged.get(id) {
            None => found.push(format!(
                "{kind} {id}{}: in the table but not in the change log (added behind the app's back)",
                label(row)
            )),
            Some(entry) if entry != row => {
                let mut paths = Vec::new();
                diff_paths("", row, entry, &mut paths);
                found.push(format!(
                    "{kind} {id}{}: the table differs from the change log in {}",
                    label(row),
                    paths.join("; ")
                ));
            }
            Some(_) => {}
        }
    }
    for (id, entry) in logged.iter().filter(|(id, _)| !live.contains_key(id)) {
        found.push(format!(
            "{kind} {id}{}: in the change log but not in the table (deleted behind the app's back)",
            label(entry)
        ));
    }
}

/// ` "name"` for a record with a name or title.
fn label(record: &Value) -> String {
    let fields = record.get("fields").unwrap_or(record);
    ["name", "title"]
        .iter()
        .find_map(|key| fields.get(key).and_then(Value::as_str))
        .map_or_else(String::new, |name| format!(" \"{name}\""))
}

/// The paths where `live` and `logged` differ, each with both values, at most a few.
fn diff_paths(path: &str, live: &Value, logged: &Value, out: &mut Vec<String>) {
    const MOST: usize = 5;
    if out.len() >= MOST || live == logged {
        return;
    }
    if let (Value::Object(a), Value::Object(b)) = (live, logged) {
        let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for key in keys {
            let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            diff_paths(&child, a.get(key).unwrap_or(&Value::Null), b.get(key).unwrap_or(&Value::Null), out);
        }
    } else {
        out.push(format!("{path} (table: {live}; log: {logged})"));
    }
}
