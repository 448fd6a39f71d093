//! Creating and opening register files safely: a file that is not a register, or
//! that a newer app wrote, is refused before anything is written to it.
//!
//! Opening takes no lock: [`Store::open_read`] never writes, and [`Store::open`]
//! takes the write lock only to migrate an older register. A register on a network
//! share is kept in rollback-journal mode ([`network`]); a stale write-ahead log
//! beside a replaced register is refused by name before SQLite could apply it.

pub mod network;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OpenFlags};

use super::{Store, migrate};
use crate::fsio::SQLITE_HEADER;
use crate::{Error, Result};
use network::{FileSystem, JournalMode};

/// Written to `PRAGMA application_id` so a register can be told from other SQLite files ("ROPA").
pub(super) const APPLICATION_ID: i64 = 0x524F_5041;

/// How long a writer waits for another program's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

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
        let mut store = Self::from_connection(conn, Some(path.to_path_buf()))?;
        store.configure()?;
        migrate::create_schema(&mut store.conn)?;
        Ok(store)
    }

    /// Opens the existing register at `path`, upgrading its schema if it is older
    /// than this app's. The file is checked before anything is written to it.
    pub fn open(path: &Path) -> Result<Self> {
        let path_buf = path.to_path_buf();
        check_file(path, Access::ReadWrite)?;
        check_stale_wal(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|_| Error::NotARegister { path: path_buf.clone() })?;
        let version = check_identity(&conn, &path_buf)?;
        if version == migrate::SCHEMA_VERSION {
            // Checked before anything writes, so a refused file is left as it was.
            migrate::check_schema(&conn, path)?;
        }
        let mut store = Self::from_connection(conn, Some(path_buf))?;
        store.configure()?;
        if version < migrate::SCHEMA_VERSION {
            // The only write an open makes, and the only time it takes the lock.
            let stamp = super::audit::Stamp { at: store.clock.now(), actor: store.actor.clone() };
            migrate::upgrade(&mut store.conn, stamp)?;
            migrate::check_schema(&store.conn, path)?;
        }
        Ok(store)
    }

    /// Opens the existing register at `path` for reading only: exports, checks,
    /// notices, flow maps and verification. It never writes (`query_only`) and
    /// never takes the write lock, so it works while someone else is saving; a
    /// read-only file is fine. An older register is first upgraded through
    /// [`Store::open`].
    pub fn open_read(path: &Path) -> Result<Self> {
        let (mut conn, mut version) = open_for_reading(path)?;
        if version < migrate::SCHEMA_VERSION {
            drop(conn);
            drop(Self::open(path)?);
            (conn, version) = open_for_reading(path)?;
        }
        if version != migrate::SCHEMA_VERSION {
            return Err(Error::WrongSchema {
                path: path.to_path_buf(),
                detail: format!("schema {version} after upgrading"),
            });
        }
        migrate::check_schema(&conn, path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "query_only", "ON")?;
        Self::from_connection(conn, Some(path.to_path_buf()))
    }

    /// What to tell the user once about where this register is kept (a network
    /// share, and so rollback-journal mode), if anything.
    pub fn storage_notice(&self) -> Option<String> {
        let path = self.path.as_deref()?;
        network::notice(file_system_of_register(path), path)
    }

    /// Opens `path` if it exists, or creates a new register there.
    pub fn open_or_create(path: &Path) -> Result<Self> {
        if path.exists() { Self::open(path) } else { Self::create(path) }
    }

    /// A new register held in memory, for tests and previews.
    pub fn in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        let mut store = Self::from_connection(conn, None)?;
        store.configure()?;
        migrate::create_schema(&mut store.conn)?;
        Ok(store)
    }

    /// Makes writes to a register being built in a temporary file skip the
    /// journal and the syncs: if the build fails or the process dies, the file
    /// is discarded, never opened. A failed transaction still rolls back (the
    /// journal is kept in memory). [`Store::end_build`] restores the journal
    /// mode and syncing a register is opened with; the caller then syncs the
    /// file before moving it into place. For a 10,000-activity import, writing
    /// the log and checkpointing it into the file was a fifth of landing it.
    pub(crate) fn begin_build(&mut self) -> Result<()> {
        let _mode: String =
            self.conn.pragma_update_and_check(None, "journal_mode", "MEMORY", |row| row.get(0))?;
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        Ok(())
    }

    /// Ends [`Store::begin_build`]: the journal mode and syncing of an opened register.
    pub(crate) fn end_build(&mut self) -> Result<()> {
        self.configure()
    }

    /// How long a write waits for another program's lock before failing with
    /// [`Error::Busy`] (default 5 seconds).
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    /// Sets the connection's pragmas: foreign keys, busy timeout, and the journal
    /// mode for where the file is kept (WAL on a local disk, a rollback journal on a
    /// network share), changed only when it differs, so an open takes no lock.
    fn configure(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        if let Some(path) = &self.path {
            let wanted = JournalMode::for_file_system(file_system_of_register(path));
            let current: String = self.conn.pragma_query_value(None, "journal_mode", |row| row.get(0))?;
            if !current.eq_ignore_ascii_case(wanted.pragma()) {
                let _mode: String =
                    self.conn
                        .pragma_update_and_check(None, "journal_mode", wanted.pragma(), |row| row.get(0))?;
            }
            // FULL: a commit reported to the user survives a power cut, not only a crash.
            self.conn.pragma_update(None, "synchronous", "FULL")?;
        }
        Ok(())
    }
}

/// The file system of the folder holding the register at `path`.
fn file_system_of_register(path: &Path) -> FileSystem {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    network::file_system_of(folder)
}

/// Opens `path` for reading and returns the connection with the register's schema
/// version, after the same checks as [`Store::open`] (but a read-only file is fine).
/// The connection is opened read-write where the file allows (SQLite falls back to
/// read-only otherwise) so that, as the last one to close, it can remove the
/// write-ahead log and its index instead of leaving them beside the register; the
/// caller makes it `query_only`.
fn open_for_reading(path: &Path) -> Result<(Connection, i64)> {
    check_file(path, Access::Read)?;
    check_stale_wal(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|_| Error::NotARegister { path: path.to_path_buf() })?;
    let version = check_identity(&conn, path)?;
    Ok((conn, version))
}

/// Whether an open will write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Read,
    ReadWrite,
}

/// How much older than the register a leftover `-wal` must be to be taken for a
/// stale one: a checkpoint writes the register within moments of the log.
const STALE_WAL_MARGIN: Duration = Duration::from_secs(2);

/// Refuses a register beside which lies a `-wal` file older than the register
/// itself. SQLite keeps a live log newer than the file it checkpoints into, and
/// removes it when the last connection closes; one left behind and older than the
/// register belongs to an earlier copy (a backup copied over the register by hand),
/// and applying it would corrupt the restored register.
fn check_stale_wal(path: &Path) -> Result<()> {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    let wal = PathBuf::from(name);
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| Ok((m.len(), m.modified()?)));
    let (Ok((wal_len, wal_time)), Ok((_, register_time))) = (modified(&wal), modified(path)) else {
        return Ok(());
    };
    if wal_len > 0 && is_older(wal_time, register_time) {
        return Err(Error::StaleWal { path: path.to_path_buf(), wal });
    }
    Ok(())
}

fn is_older(wal: SystemTime, register: SystemTime) -> bool {
    register.duration_since(wal).is_ok_and(|gap| gap > STALE_WAL_MARGIN)
}

/// Refuses a missing or non-SQLite file (and, to write, a read-only one) by
/// looking at it, not by opening it with SQLite.
fn check_file(path: &Path, access: Access) -> Result<()> {
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
    if access == Access::ReadWrite && metadata.permissions().readonly() {
        return Err(Error::ReadOnly { path: path.to_path_buf() });
    }
    Ok(())
}

/// Refuses a SQLite file that is not a register, or that a newer app wrote, and
/// returns its schema version. Reads only.
pub(super) fn check_identity(conn: &Connection, path: &Path) -> Result<i64> {
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
    Ok(version)
}
