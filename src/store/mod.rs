//! The register's SQLite store.
//!
//! [`Store`] owns one connection. Each public method that writes runs in one
//! immediate transaction and composes the small functions of the submodules
//! inside it, so a write lands whole or not at all.

mod acknowledgements;
mod activities;
mod agreements;
mod as_at;
mod asset_migration;
mod assets;
mod audit;
mod backup;
mod batch;
mod codec;
mod conn_ext;
mod controllers;
mod copy;
mod dpia_migration;
mod dpias;
mod links;
mod load;
mod merge;
mod migrate;
mod notices;
mod open;
mod order;
mod organisation;
mod parties;
mod queries;
mod review_rounds;
mod reviews;
mod services;
mod summaries;
mod verify;

use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use audit::{Clock, Stamp, Tx};

pub use activities::DeletedActivity;
pub use audit::{ActivityRecord, Change, ChangeAction, LogCheck, os_user};
pub use backup::{BackupInfo, backup_folder, backups_of};
pub use batch::{BULK_ACTIVITIES, Batch};
pub use merge::{MergedMembership, PartyMerge};
pub use migrate::SCHEMA_VERSION;
pub use reviews::{Review, add_months};
pub use verify::{HeadCheck, Verification};

use crate::Result;

/// How a write transaction ends when its work succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Finish {
    /// Keep the changes.
    Commit,
    /// Throw them away (a dry run).
    RollBack,
}

/// An open register.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    actor: String,
    clock: Clock,
}

/// Statements kept prepared on a connection: more than the store has (see
/// [`Store::from_connection`]), so that none is parsed twice.
const STATEMENT_CACHE: usize = 128;

impl Store {
    /// The file this register lives in (`None` for an in-memory register).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Who the change log records as making changes: the OS user name, followed by
    /// the display name set in preferences, if any.
    pub fn set_display_name(&mut self, display_name: &str) {
        let user = audit::os_user();
        self.actor =
            if display_name.trim().is_empty() { user } else { format!("{user} ({})", display_name.trim()) };
    }

    /// Replaces the clock that stamps changes (tests and as-at demonstrations).
    pub fn set_clock(&mut self, clock: impl Fn() -> time::OffsetDateTime + Send + Sync + 'static) {
        self.clock = Clock::new(clock);
    }

    /// Runs `write` in one immediate transaction stamped with the time and the
    /// actor: it commits when `write` returns `Ok`, and rolls back otherwise.
    fn write<T>(&mut self, write: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.write_then(write, Finish::Commit)
    }

    /// Runs `write` in one immediate transaction, then commits it or, for a dry
    /// run, rolls it back: the same code either way.
    fn write_then<T>(&mut self, write: impl FnOnce(&Tx<'_>) -> Result<T>, finish: Finish) -> Result<T> {
        let stamp = Stamp { at: self.clock.now(), actor: self.actor.clone() };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = write(&Tx { tx: &tx, stamp })?;
        match finish {
            Finish::Commit => tx.commit()?,
            Finish::RollBack => tx.rollback()?,
        }
        Ok(value)
    }

    fn from_connection(conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        // The store prepares some 50 distinct statements with `prepare_cached`;
        // rusqlite's default cache holds 16, so an import, which cycles through
        // more than that per activity, re-parsed its SQL for every row (a quarter
        // of a 10,000-row import's time in `sqlite3Prepare`).
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // The query planner's stability guarantee: a plan never depends on the
        // values bound. Without it, SQLite marks a statement such as
        // `WHERE activity_id = :only` to be re-planned when its binding changes,
        // and rusqlite clears the bindings of every statement it puts back in the
        // cache, so each cached SELECT was parsed again on every use (14% of a
        // 10,000-row import). The register keeps no statistics tables, so no plan
        // is lost.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        Ok(Self { conn, path, actor: audit::os_user(), clock: Clock::system() })
    }

    /// Runs `read` in one read transaction, so it sees a consistent snapshot.
    fn read<T>(&mut self, read: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = read(&tx)?;
        tx.finish()?;
        Ok(value)
    }

    /// The underlying connection, for the tests and benchmarks that inspect the
    /// database directly.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::StatementStatus;

    use super::*;

    /// How many times the cached `SELECT ... WHERE activity_id = :only` was
    /// planned again while being run for ten different activities.
    fn replans(conn: &Connection) -> i32 {
        let sql = "SELECT id FROM link WHERE activity_id = :only ORDER BY id";
        for activity in 2..12_i64 {
            let mut stmt = conn.prepare_cached(sql).unwrap();
            let _: Vec<i64> = stmt
                .query_map(rusqlite::named_params! {":only": activity}, |row| row.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
        }
        conn.prepare_cached(sql).unwrap().get_status(StatementStatus::RePrepare)
    }

    #[test]
    fn a_cached_statement_is_planned_once_whatever_it_is_bound_to() {
        let store = Store::in_memory().unwrap();
        assert_eq!(replans(store.connection()), 0);

        // The same schema on a connection without the guarantee is planned anew
        // on every use: what the store's connections are set up to avoid.
        let plain = Connection::open_in_memory().unwrap();
        plain.execute_batch(migrate::SCHEMA).unwrap();
        assert!(replans(&plain) > 0);
    }
}
