//! Creating and opening register files safely: a file that is not a register, or
//! that a newer app wrote, is refused before anything is written to it.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Store, migrate};
use crate::{Error, Result};

/// Written to `PRAGMA application_id` so a register can be told from other SQLite files ("ROPA").
pub(super) const APPLICATION_ID: i64 = 0x524F_5041;

/// How long a writer waits for another program's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The first 16 bytes of every SQLite 3 database.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Creates a new, empty register at `path`. Refuses to overwrite a file.
    pub fn create(path: &Path) -> Result<Self> {
        if path.exists() {
            return Err(Error::AlreadyExists { path: path.to_path_buf() });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        let mut store = Self::from_connection(conn, Some(path.to_path_buf()));
        store.configure()?;
        migrate::create_schema(&mut store.conn)?;
        Ok(store)
    }

    /// Opens the existing register at `path`, upgrading its schema if it is older
    /// than this app's. The file is checked before anything is written to it.
    pub fn open(path: &Path) -> Result<Self> {
        let path_buf = path.to_path_buf();
        check_file(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|_| Error::NotARegister { path: path_buf.clone() })?;
        check_identity(&conn, &path_buf)?;
        let mut store = Self::from_connection(conn, Some(path_buf));
        store.configure()?;
        migrate::upgrade(&mut store.conn)?;
        Ok(store)
    }

    /// Opens `path` if it exists, or creates a new register there.
    pub fn open_or_create(path: &Path) -> Result<Self> {
        if path.exists() { Self::open(path) } else { Self::create(path) }
    }

    /// A new register held in memory, for tests and previews.
    pub fn in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        let mut store = Self::from_connection(conn, None);
        store.configure()?;
        migrate::create_schema(&mut store.conn)?;
        Ok(store)
    }

    /// Sets the connection's pragmas: foreign keys, WAL, busy timeout.
    fn configure(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        if self.path.is_some() {
            let _mode: String =
                self.conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        Ok(())
    }
}

/// Refuses a missing, read-only or non-SQLite file by looking at it, not by
/// opening it with SQLite.
fn check_file(path: &Path) -> Result<()> {
    let io_error = |source| Error::Io { action: "Opening the register", path: path.to_path_buf(), source };
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Missing { path: path.to_path_buf() });
        }
        Err(error) => return Err(io_error(error)),
    };
    if !metadata.is_file() {
        return Err(Error::NotARegister { path: path.to_path_buf() });
    }
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(io_error)?;
    let read = file.read(&mut header).map_err(io_error)?;
    if read < header.len() || &header != SQLITE_HEADER {
        return Err(Error::NotARegister { path: path.to_path_buf() });
    }
    if metadata.permissions().readonly() {
        return Err(Error::ReadOnly { path: path.to_path_buf() });
    }
    Ok(())
}

/// Refuses a SQLite file that is not a register, or that a newer app wrote. Reads only.
fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
    let not_a_register = || Error::NotARegister { path: path.to_path_buf() };
    let application_id: i64 =
        conn.pragma_query_value(None, "application_id", |row| row.get(0)).map_err(|_| not_a_register())?;
    if application_id != APPLICATION_ID {
        return Err(not_a_register());
    }
    let version: i64 =
        conn.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(|_| not_a_register())?;
    if version > migrate::SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: migrate::SCHEMA_VERSION,
        });
    }
    if version < 1 {
        return Err(not_a_register());
    }
    Ok(())
}
