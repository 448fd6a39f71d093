//! Folders written whole: an export made of several files (the public register,
//! the audit pack) is built in a hidden folder beside the target, every file synced,
//! and renamed into place only when all are written. A failure leaves nothing.

use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::atomic::sync_folder;
use crate::{Error, Result};

/// One file of a folder export: its path inside the folder (parts separated by `/`,
/// never climbing out) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFile {
    /// Relative path, e.g. `notices/service-1-early-help.html`.
    pub path: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

/// Writes `files` as the new folder `out`. An existing `out` (file, folder or
/// link) is refused with [`Error::AlreadyExists`], so no earlier export is replaced.
pub fn write_folder(out: &Path, files: &[FolderFile]) -> Result<()> {
    if fs::symlink_metadata(out).is_ok() {
        return Err(Error::AlreadyExists { path: out.to_path_buf() });
    }
    let partial = partial_path(out);
    let result = write_all(&partial, files).and_then(|()| {
        fs::rename(&partial, out).map_err(|source| io_error("Saving the folder", out, source))
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&partial);
        return result;
    }
    sync_folder(out)
}

fn write_all(partial: &Path, files: &[FolderFile]) -> Result<()> {
    fs::create_dir(partial).map_err(|source| io_error("Creating the folder", partial, source))?;
    for file in files {
        let path = safe_join(partial, &file.path)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| io_error("Creating a folder", parent, source))?;
        }
        let mut handle = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|source| io_error("Writing the folder", &path, source))?;
        handle.write_all(&file.bytes).map_err(|source| io_error("Writing the folder", &path, source))?;
        handle.sync_all().map_err(|source| io_error("Writing the folder", &path, source))?;
    }
    #[cfg(unix)]
    File::open(partial)
        .and_then(|dir| dir.sync_all())
        .map_err(|source| io_error("Writing the folder", partial, source))?;
    Ok(())
}

/// `partial` joined with a relative `/`-separated path that may not climb out.
fn safe_join(partial: &Path, relative: &str) -> Result<PathBuf> {
    let mut path = partial.to_path_buf();
    for part in relative.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains(['\\', ':']) {
            return Err(Error::Invalid {
                field: "File in the folder".into(),
                message: format!("{relative:?} is not a plain relative path"),
            });
        }
        path.push(part);
    }
    Ok(path)
}

/// `.NAME.partial-PID` beside `out`: same folder, so the rename never crosses disks.
fn partial_path(out: &Path) -> PathBuf {
    let name = out.file_name().map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

fn io_error(action: &'static str, path: &Path, source: std::io::Error) -> Error {
    Error::Io { action, path: path.to_path_buf(), source }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_climb_out_of_the_folder() {
        let base = Path::new("/tmp/pack");
        assert!(safe_join(base, "notices/a.html").is_ok());
        for bad in ["../x", "a/../../x", "/etc/passwd", "a//b", "a\\b", "C:x"] {
            assert!(safe_join(base, bad).is_err(), "{bad} accepted");
        }
    }
}
