//! Consistent copies of a register with SQLite's online backup API: taken on open
//! and on demand, kept in a folder beside the register, and restored in place.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::{Error, Result};

/// A backup file and what it holds, for the restore preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    /// The file.
    pub path: PathBuf,
    /// When it was taken, as in its name ("2026-11-22 21:40:05 UTC").
    pub taken_at: String,
    /// Number of activities in it.
    pub activities: i64,
    /// Number of parties in it.
    pub parties: i64,
}

/// The folder backups of `register` are kept in: `<name>.backups` beside it.
pub fn backup_folder(register: &Path) -> PathBuf {
    let name = register.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    register.with_file_name(format!("{name}.backups"))
}

/// How long a backup's temporary file goes unwritten before it is taken for
/// one whose app was stopped mid-copy (a copy in progress writes it every few
/// milliseconds).
const ABANDONED_AFTER: Duration = Duration::from_secs(15 * 60);

/// Removes the temporary files (`.NAME.PID-N.tmp` and their journals) of
/// backups cut off by a stopped app, each as large as the register.
fn remove_abandoned(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temporary = name.starts_with('.') && (name.ends_with(".tmp") || name.ends_with(".tmp-journal"));
        let idle = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|idle| idle > ABANDONED_AFTER);
        if temporary && idle {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The backups of `register`, newest first.
pub fn backups_of(register: &Path) -> Result<Vec<BackupInfo>> {
    let folder = backup_folder(register);
    let Ok(entries) = std::fs::read_dir(&folder) else { return Ok(Vec::new()) };
    let mut backups: Vec<BackupInfo> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "ropa"))
        .filter_map(|path| describe(&path).ok())
        .collect();
    backups.sort_by(|a, b| b.path.cmp(&a.path));
    Ok(backups)
}

fn describe(path: &Path) -> Result<BackupInfo> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let count = |table: &str| conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0));
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stamp = stem.rsplit('-').take(2).collect::<Vec<_>>();
    let taken_at = match stamp.as_slice() {
        [time, date] if time.len() == 6 && date.len() == 8 => format!(
            "{}-{}-{} {}:{}:{} UTC",
            &date[..4],
            &date[4..6],
            &date[6..],
            &time[..2],
            &time[2..4],
            &time[4..]
        ),
        _ => stem.clone(),
    };
    Ok(BackupInfo {
        path: path.to_path_buf(),
        taken_at,
        activities: count("activity")?,
        parties: count("party")?,
    })
}

impl Store {
    /// Writes a consistent copy of the register to `target` (which must not exist),
    /// made in a temporary file beside it and moved into place only when complete,
    /// so a failed backup (a full disk) leaves nothing that looks like a backup.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if std::fs::symlink_metadata(target).is_ok() {
            return Err(Error::AlreadyExists { path: target.to_path_buf() });
        }
        let temp = crate::fsio::TempPath::beside(target);
        {
            let mut copy = Connection::open(&temp.0)?;
            let backup = Backup::new(&self.conn, &mut copy)?;
            backup.run_to_completion(256, Duration::from_millis(5), None)?;
            drop(backup);
            copy.pragma_update(None, "journal_mode", "DELETE")?;
        }
        crate::fsio::place_new(&temp.0, target)?;
        temp.disarm();
        crate::fsio::sync_folder(target)
    }

    /// Takes a backup into the register's backup folder, named with the time, and
    /// keeps only the newest `keep`. Returns the new backup's path.
    pub fn back_up(&self, keep: usize) -> Result<PathBuf> {
        let Some(path) = self.path.as_deref() else {
            return Err(Error::Invalid {
                field: "Backup".into(),
                message: "an in-memory register has no file to back up".into(),
            });
        };
        let folder = backup_folder(path);
        std::fs::create_dir_all(&folder).map_err(|source| Error::Io {
            action: "Creating the backup folder",
            path: folder.clone(),
            source,
        })?;
        let stamp = self.clock.now().replace(['-', ':'], "").replace('T', "-").replace('Z', "");
        let stem =
            path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "register".into());
        let mut target = folder.join(format!("{stem}-{stamp}.ropa"));
        let mut attempt = 1;
        while target.exists() {
            attempt += 1;
            target = folder.join(format!("{stem}-{stamp}-{attempt}.ropa"));
        }
        remove_abandoned(&folder);
        self.backup_to(&target)?;
        for old in backups_of(path)?.into_iter().skip(keep.max(1)) {
            let _ = std::fs::remove_file(&old.path);
        }
        Ok(target)
    }

    /// Replaces the register's content with the backup at `source`, in place.
    /// A backup taken before the last schema upgrade is upgraded first, in
    /// memory (its upgrade logged as on open), so the register is never left
    /// at an older schema than this app reads; one from a newer app is refused
    /// and the register left as it was.
    pub fn restore_from(&mut self, source: &Path) -> Result<()> {
        let backup_store = Store::open_read_only(source)?;
        let version = super::open::check_identity(&backup_store.conn, source)?;
        if version == super::migrate::SCHEMA_VERSION {
            super::migrate::check_schema(&backup_store.conn, source)?;
            let backup = Backup::new(&backup_store.conn, &mut self.conn)?;
            return Ok(backup.run_to_completion(256, Duration::from_millis(5), None)?);
        }
        let mut staged = Connection::open_in_memory()?;
        Backup::new(&backup_store.conn, &mut staged)?.run_to_completion(256, Duration::ZERO, None)?;
        staged.pragma_update(None, "foreign_keys", "ON")?;
        let stamp = super::audit::Stamp { at: self.clock.now(), actor: self.actor.clone() };
        super::migrate::upgrade(&mut staged, stamp)?;
        super::migrate::check_schema(&staged, source)?;
        Backup::new(&staged, &mut self.conn)?.run_to_completion(256, Duration::from_millis(5), None)?;
        // Statements prepared against the old tables would read by stale positions.
        self.conn.flush_prepared_statement_cache();
        Ok(())
    }

    /// Takes a backup of the register at `path` as [`Store::back_up`] does,
    /// through a read-only connection of its own: for another thread than the
    /// one writing the register, which goes on writing meanwhile (the copy is
    /// of one moment).
    pub fn back_up_file(path: &Path, keep: usize) -> Result<PathBuf> {
        Self::open_read_only(path)?.back_up(keep)
    }

    /// Opens a register file only to read it (a backup to preview or restore).
    fn open_read_only(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|_| Error::NotARegister { path: path.to_path_buf() })?;
        let application_id: i64 = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
        if application_id != super::open::APPLICATION_ID {
            return Err(Error::NotARegister { path: path.to_path_buf() });
        }
        Store::from_connection(conn, Some(path.to_path_buf()))
    }
}
