//! The core's error type. Messages say what failed and what to do; paths and
//! record names come last.

use std::path::PathBuf;

/// Everything the core can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file exists but is not a ROPA register.
    #[error("This file is not a ROPA register, so it was not opened and has not been changed: {path}")]
    NotARegister {
        /// The file.
        path: PathBuf,
    },
    /// The register was written by a newer version of the app.
    #[error(
        "This register was saved by a newer version of ROPA Register (schema {found}; this app reads up to {supported}). Update the app to open it; the file has not been changed: {path}"
    )]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// The schema version in the file.
        found: i64,
        /// The newest schema version this build understands.
        supported: i64,
    },
    /// The register file cannot be written.
    #[error(
        "This register is read-only, so it was not opened for editing. Copy it somewhere you can write to, or change its permissions: {path}"
    )]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// A new register was asked for where a file already exists.
    #[error("A file already exists here; choose another name or open it instead: {path}")]
    AlreadyExists {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be found.
    #[error("No register was found at {path}")]
    Missing {
        /// The file.
        path: PathBuf,
    },
    /// A command needs a register and none is open.
    #[error("No register is open: open a register or create a new one first.")]
    NoRegisterOpen,
    /// A record asked for does not exist (any more).
    #[error("The {what} was not found; it may have been deleted by someone else.")]
    NotFound {
        /// What was looked for, e.g. "activity 12".
        what: String,
    },
    /// The record changed since it was read (another window or another person).
    #[error(
        "The {what} was changed by someone else after you opened it. Your edits are kept: reload to compare, then save again."
    )]
    Conflict {
        /// What changed, e.g. "activity \"Early Help casework\"".
        what: String,
    },
    /// A name that must be unique is already used.
    #[error("A {what} called \"{name}\" already exists; names must be unique.")]
    Duplicate {
        /// The kind of record, e.g. "party".
        what: &'static str,
        /// The name.
        name: String,
    },
    /// A record cannot be deleted because others depend on it.
    #[error("The {what} cannot be deleted while {reason}.")]
    InUse {
        /// The record, e.g. "party \"Home Office\"".
        what: String,
        /// What still depends on it.
        reason: String,
    },
    /// A field holds a value the register cannot accept.
    #[error("{field}: {message}")]
    Invalid {
        /// The field, in the words of the form.
        field: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// The register is locked by another program for longer than the busy timeout.
    #[error(
        "The register is in use by someone else and stayed locked; your edits are kept. Try again in a moment."
    )]
    Busy,
    /// The file has our identity but not the tables this app writes.
    #[error(
        "This register's tables are not laid out as ROPA Register expects ({detail}); it was not opened. Restore it from a backup: {path}"
    )]
    WrongSchema {
        /// The file.
        path: PathBuf,
        /// The first difference found.
        detail: String,
    },
    /// The database file is damaged.
    #[error(
        "The register file is damaged and cannot be read ({0}). Nothing was changed; restore it from a backup (File > Restore from backup)."
    )]
    Damaged(String),
    /// The disk (or the register's size limit) is full.
    #[error(
        "The disk is full, so the change was not saved; your edits are kept. Free some space and save again."
    )]
    DiskFull,
    /// A file could not be read or written.
    #[error("{action} failed ({source}): {path}")]
    Io {
        /// What was being done, e.g. "Writing the export".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file was to be written somewhere it must not be: onto a database (the open
    /// register or any other), a folder, a device, a pipe, or through a link.
    #[error("{problem}, so nothing was written to it; choose another file name: {path}")]
    UnsafeTarget {
        /// The target path as given.
        path: PathBuf,
        /// What is there.
        problem: TargetProblem,
    },
    /// A write-ahead log file sits beside a register it does not belong to (left by
    /// an earlier copy, for example after a backup was copied back by hand).
    #[error(
        "A leftover journal file sits beside this register and is older than the register itself, so it may belong to an earlier copy (for example one replaced by a backup). The register was not opened, so nothing was applied or changed. If you restored this register from a backup, move the journal file away and open it again; if the app crashed, keep the journal and ask for help. Journal: {wal}"
    )]
    StaleWal {
        /// The register.
        path: PathBuf,
        /// The `-wal` file beside it.
        wal: PathBuf,
    },
    /// An export was cancelled before it finished; nothing was written.
    #[error("The export was cancelled; no file was written and any earlier file is unchanged.")]
    ExportCancelled,
    /// An export could not be produced (for example the embedded font could not be read).
    #[error("The export could not be produced: {message}")]
    Export {
        /// What went wrong.
        message: String,
    },
    /// A file to import could not be read as a register at all.
    #[error("The file could not be imported, and the register is unchanged: {message}. File: {file}")]
    Import {
        /// The file, as shown to the user.
        file: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// Any other database failure.
    #[error("The register database reported an error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => Self::Busy,
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Self::Damaged(error.to_string())
            }
            Some(rusqlite::ErrorCode::DiskFull) => Self::DiskFull,
            _ => Self::Sqlite(error),
        }
    }
}

/// Why a path may not receive a file the program writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetProblem {
    /// An SQLite database: the open register, a backup or another program's file.
    Database,
    /// The journal (`-wal`, `-shm`, `-journal`) of a database beside it.
    DatabaseJournal,
    /// A folder.
    Directory,
    /// A symbolic link (the file it points to is not written through it).
    Symlink,
    /// A named pipe (FIFO).
    Fifo,
    /// A device or socket.
    Device,
}

impl std::fmt::Display for TargetProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Database => "This path holds a database (a register or another program's file)",
            Self::DatabaseJournal => "This path is the journal of a database beside it",
            Self::Directory => "This path is a folder",
            Self::Symlink => "This path is a symbolic link",
            Self::Fifo => "This path is a named pipe",
            Self::Device => "This path is a device or socket, not a file",
        })
    }
}

/// The path a writer's error names when the writer does not know its file: an
/// error from a writer handed out by `fsio::write_atomically` is given the
/// target's path. Here, at the bottom layer, so that the typesetter's streaming
/// writer can name it too.
pub(crate) const UNNAMED_OUTPUT: &str = "(export)";

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
