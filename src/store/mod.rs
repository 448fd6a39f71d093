//! The register's SQLite store.
//!
//! [`Store`] owns one connection. Each public method that writes runs in one
//! immediate transaction and composes the small functions of the submodules
//! inside it, so a write lands whole or not at all.

mod acknowledgements;
mod activities;
mod agreements;
mod as_at;
mod audit;
mod backup;
mod batch;
mod codec;
mod controllers;
mod copy;
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
mod reviews;
mod services;
mod summaries;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use audit::{Clock, Stamp, Tx};

pub use activities::DeletedActivity;
pub use audit::{ActivityRecord, Change, ChangeAction, LogCheck, os_user};
pub use backup::{BackupInfo, backups_of};
pub use batch::Batch;
pub use merge::{MergedMembership, PartyMerge};
pub use migrate::SCHEMA_VERSION;
pub use reviews::{Review, add_months};

use crate::Result;

/// An open register.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    actor: String,
    clock: Clock,
}

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
        let stamp = Stamp { at: self.clock.now(), actor: self.actor.clone() };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = write(&Tx { tx: &tx, stamp })?;
        tx.commit()?;
        Ok(value)
    }

    fn from_connection(conn: Connection, path: Option<PathBuf>) -> Self {
        Self { conn, path, actor: audit::os_user(), clock: Clock::system() }
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
