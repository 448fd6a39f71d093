//! Where a file may be written: a regular file that is not a database, or a new path.

use std::fs::Metadata;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::TargetProblem;
use crate::{Error, Result};

/// The first 16 bytes of every SQLite 3 database.
pub(crate) const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Journal suffixes SQLite puts beside a database.
const JOURNAL_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Refuses `path` unless it is a new path or an existing regular file that is not
/// an SQLite database (so never the open register, a backup, a folder, a device, a
/// pipe or a symbolic link), or the journal of a database beside it.
pub fn check_target(path: &Path) -> Result<()> {
    let refuse = |problem| Err(Error::UnsafeTarget { path: path.to_path_buf(), problem });
    if let Some(problem) = journal_of_database(path) {
        return refuse(problem);
    }
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Io { action: "Checking the file to write", path: path.into(), source });
        }
    };
    if let Some(problem) = special_kind(&metadata) {
        return refuse(problem);
    }
    if is_sqlite(path) {
        return refuse(TargetProblem::Database);
    }
    Ok(())
}

/// What is wrong with a path whose metadata (not followed through links) is `metadata`.
fn special_kind(metadata: &Metadata) -> Option<TargetProblem> {
    let kind = metadata.file_type();
    if kind.is_symlink() {
        return Some(TargetProblem::Symlink);
    }
    if kind.is_dir() {
        return Some(TargetProblem::Directory);
    }
    if kind.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Some(TargetProblem::Fifo);
        }
    }
    Some(TargetProblem::Device)
}

/// True when the file at `path` starts with the SQLite header.
pub(crate) fn is_sqlite(path: &Path) -> bool {
    let mut header = [0u8; 16];
    std::fs::File::open(path).and_then(|mut file| file.read_exact(&mut header)).is_ok()
        && &header == SQLITE_HEADER
}

/// `R-wal`, `R-shm` or `R-journal` where `R` is a database.
fn journal_of_database(path: &Path) -> Option<TargetProblem> {
    let name = path.file_name()?.to_str()?;
    JOURNAL_SUFFIXES.iter().find_map(|suffix| {
        let stem = name.strip_suffix(suffix)?;
        let database: PathBuf = path.with_file_name(stem);
        is_sqlite(&database).then_some(TargetProblem::DatabaseJournal)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(path: &Path) -> Option<TargetProblem> {
        match check_target(path) {
            Ok(()) => None,
            Err(Error::UnsafeTarget { problem, path: named }) => {
                assert_eq!(named, path, "the refusal names the path");
                Some(problem)
            }
            Err(other) => panic!("unexpected error {other}"),
        }
    }

    #[test]
    fn regular_files_and_new_paths_are_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("old.csv");
        std::fs::write(&file, "a,b\n").unwrap();
        assert_eq!(problem(&file), None);
        assert_eq!(problem(&dir.path().join("new.pdf")), None);
        let short = dir.path().join("short");
        std::fs::write(&short, b"SQLite").unwrap();
        assert_eq!(problem(&short), None, "a short file that is not a database");
    }

    #[test]
    fn databases_folders_links_and_journals_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("register.ropa");
        let mut bytes = SQLITE_HEADER.to_vec();
        bytes.extend_from_slice(&[0; 100]);
        std::fs::write(&db, &bytes).unwrap();
        assert_eq!(problem(&db), Some(TargetProblem::Database));
        assert_eq!(problem(dir.path()), Some(TargetProblem::Directory));
        assert_eq!(problem(&dir.path().join("register.ropa-wal")), Some(TargetProblem::DatabaseJournal));
        assert_eq!(problem(&dir.path().join("register.ropa-shm")), Some(TargetProblem::DatabaseJournal));
        assert_eq!(problem(&dir.path().join("other-wal")), None, "no database called other");
        #[cfg(unix)]
        {
            let plain = dir.path().join("plain.csv");
            std::fs::write(&plain, "x").unwrap();
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&plain, &link).unwrap();
            assert_eq!(problem(&link), Some(TargetProblem::Symlink));
            assert_eq!(problem(Path::new("/dev/null")), Some(TargetProblem::Device));
        }
    }
}
