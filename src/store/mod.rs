//! The register's SQLite store.
//!
//! [`Store`] owns one connection. Each public method that writes runs in one
//! immediate transaction and composes the small functions of the submodules
//! inside it, so a write lands whole or not at all.

mod activities;
mod agreements;
mod batch;
mod codec;
mod copy;
mod links;
mod load;
mod migrate;
mod open;
mod organisation;
mod parties;
mod queries;
mod services;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use activities::DeletedActivity;
pub use batch::Batch;
pub use migrate::SCHEMA_VERSION;

use crate::Result;

/// An open register.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// The file this register lives in (`None` for an in-memory register).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `write` in one immediate transaction: it commits when `write` returns
    /// `Ok`, and rolls back otherwise.
    fn write<T>(&mut self, write: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = write(&tx)?;
        tx.commit()?;
        Ok(value)
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
