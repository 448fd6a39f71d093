//! The one atomic writer: every file the program writes is made as a temporary file
//! in the target's folder, synced, renamed over the target and the folder synced,
//! so that on any failure the earlier file is intact and no partial file is left.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::target::check_target;
use crate::{Error, Result};

/// Writes a file by handing `fill` a writer on a temporary file in the same folder,
/// then renaming it over `path` only when `fill` succeeded. `path` is first checked
/// with [`check_target`]. On any error (including a cancel) the temporary file is
/// removed and whatever was at `path` is untouched.
pub fn write_atomically(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    check_target(path)?;
    let temp = TempPath::beside(path);
    write_temp(&temp.0, path, existing_permissions(path), fill)?;
    std::fs::rename(&temp.0, path).map_err(|source| io_error("Saving the file", path, source))?;
    temp.disarm();
    sync_folder(path)
}

/// [`write_atomically`] of a whole byte string; `action` names the file in errors,
/// e.g. "Writing the privacy notice".
pub fn write_bytes(path: &Path, bytes: &[u8], action: &'static str) -> Result<()> {
    write_atomically(path, |out| out.write_all(bytes).map_err(|source| io_error(action, path, source)))
}

/// Moves a finished `temp` to `path` without ever replacing a file that appeared at
/// `path` meanwhile: a hard link fails if `path` exists; where links are not
/// supported, the check and rename are used instead.
pub(crate) fn place_new(temp: &Path, path: &Path) -> Result<()> {
    match std::fs::hard_link(temp, path) {
        Ok(()) => std::fs::remove_file(temp).map_err(|source| io_error("Saving the file", temp, source)),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::AlreadyExists { path: path.to_path_buf() })
        }
        Err(_) if std::fs::symlink_metadata(path).is_ok() => {
            Err(Error::AlreadyExists { path: path.to_path_buf() })
        }
        Err(_) => std::fs::rename(temp, path).map_err(|source| io_error("Saving the file", path, source)),
    }
}

/// Writes `temp` through `fill` and syncs it; errors name `target`, the file the
/// user asked for.
fn write_temp(
    temp: &Path,
    target: &Path,
    permissions: Option<std::fs::Permissions>,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    // `create_new`: never follows or reuses something already at the temporary path.
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
        .map_err(|source| io_error("Creating the file", target, source))?;
    if let Some(permissions) = permissions {
        file.set_permissions(permissions).map_err(|source| io_error("Creating the file", target, source))?;
    }
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, file);
    fill(&mut out).map_err(|error| naming(error, target))?;
    let file = out.into_inner().map_err(|error| io_error("Writing the file", target, error.into_error()))?;
    file.sync_all().map_err(|source| io_error("Writing the file", target, source))
}

/// The buffer between a writer and the temporary file: large exports (the full
/// PDF report runs to 180 MB) go to the file in pieces of this size.
const WRITE_BUFFER: usize = 256 * 1024;

pub(crate) use crate::error::UNNAMED_OUTPUT;

/// `error` naming `target` when it named no file (see [`UNNAMED_OUTPUT`]).
fn naming(error: Error, target: &Path) -> Error {
    match error {
        Error::Io { action, path, source } if path == Path::new(UNNAMED_OUTPUT) => {
            Error::Io { action, path: target.to_path_buf(), source }
        }
        other => other,
    }
}

/// The permissions of the file being replaced, so a replaced export keeps them.
fn existing_permissions(path: &Path) -> Option<std::fs::Permissions> {
    std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file).map(|m| m.permissions())
}

/// Flushes the file at `path` to the disk.
pub(crate) fn sync_file(path: &Path) -> Result<()> {
    File::open(path)
        .and_then(|file| file.sync_all())
        .map_err(|source| io_error("Saving the file", path, source))
}

/// Syncs the folder holding `path`, so the rename itself survives a power cut.
pub(crate) fn sync_folder(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        File::open(folder)
            .and_then(|dir| dir.sync_all())
            .map_err(|source| io_error("Saving the file", path, source))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// A temporary path beside the target, removed (with any SQLite journals) on drop
/// unless disarmed after a successful rename.
pub(crate) struct TempPath(pub(crate) PathBuf);

impl TempPath {
    /// `.NAME.PID-N.tmp` next to `path`: same folder, so the rename never crosses
    /// disks, and a new number every time so two writes never share a temporary file.
    pub(crate) fn beside(path: &Path) -> Self {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let number = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
        Self(path.with_file_name(format!(".{name}.{}-{number}.tmp", std::process::id())))
    }

    pub(crate) fn disarm(self) {
        std::mem::forget(self);
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut name = self.0.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
}

pub(crate) fn io_error(action: &'static str, path: &Path, source: std::io::Error) -> Error {
    Error::Io { action, path: path.to_path_buf(), source }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn write_error(source: std::io::Error) -> Error {
        io_error("Writing the file", Path::new("(test)"), source)
    }

    #[test]
    fn replaces_only_on_success_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.csv");
        write_atomically(&path, |out| out.write_all(b"good").map_err(write_error)).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"good");

        let failed = write_atomically(&path, |out| {
            out.write_all(b"half a fi").map_err(write_error)?;
            Err(Error::ExportCancelled)
        });
        assert!(matches!(failed, Err(Error::ExportCancelled)));
        assert_eq!(std::fs::read(&path).unwrap(), b"good", "the good file must survive");
        assert_eq!(names(dir.path()), ["register.csv"], "no temporary file is left");
    }

    #[test]
    fn a_failed_first_write_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let _ = write_atomically(&dir.path().join("new.pdf"), |_| Err(Error::ExportCancelled));
        assert!(names(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notice.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_bytes(&path, b"new", "Writing the notice").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
