//! `ropa demo` and `ropa generate`: a new register built whole beside its target
//! and moved into place only when complete.

use std::path::Path;

use crate::fsio::{TempPath, place_new, sync_file, sync_folder};
use crate::{Error, Result, Store};

/// Creates a new register at `path` filled by `fill`: built in a temporary file next
/// to it and moved into place only when complete, so a failure (a full disk, a
/// cancelled build) leaves no file at `path` and a retry can go ahead. Refuses an
/// existing `path`.
pub fn create_register(path: &Path, fill: impl FnOnce(&mut Store) -> Result<()>) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::AlreadyExists { path: path.to_path_buf() });
    }
    let temp = TempPath::beside(path);
    let mut store = Store::create(&temp.0)?;
    store.begin_build()?;
    let filled = fill(&mut store).and_then(|()| store.end_build());
    drop(store);
    filled?;
    sync_file(&temp.0)?;
    place_new(&temp.0, path)?;
    temp.disarm();
    sync_folder(path)
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

    #[test]
    fn a_register_that_fails_to_build_leaves_nothing_and_a_retry_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.ropa");
        let failed = create_register(&path, |store| {
            // A page limit at the current size is reported by SQLite exactly as a full disk.
            let pages: i64 = store.connection().query_row("PRAGMA page_count", [], |r| r.get(0))?;
            store.connection().pragma_update(None, "max_page_count", pages)?;
            crate::demo::populate(store)
        });
        assert!(matches!(failed, Err(Error::DiskFull)), "{failed:?}");
        assert!(
            names(dir.path()).is_empty(),
            "no half register and no journal is left: {:?}",
            names(dir.path())
        );

        create_register(&path, crate::demo::populate).unwrap();
        assert_eq!(names(dir.path()), ["demo.ropa"]);
        let mut store = Store::open(&path).unwrap();
        assert!(!store.load_register().unwrap().activities.is_empty());
    }

    #[test]
    fn a_register_built_without_its_journal_is_whole_and_keeps_one_once_placed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("built.ropa");
        create_register(&path, crate::demo::populate).unwrap();
        assert_eq!(names(dir.path()), ["built.ropa"], "no journal or temporary file is left");
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal", "the register keeps the journal it is opened with");
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok");
        drop(conn);
        let check = Store::open(&path).unwrap().verify_log().unwrap();
        assert!(check.entries > 0 && check.first_broken.is_none(), "{check:?}");
    }

    #[test]
    fn an_existing_file_is_never_replaced_by_a_new_register() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keep.ropa");
        std::fs::write(&path, "precious").unwrap();
        let refused = create_register(&path, |_| Ok(()));
        assert!(matches!(refused, Err(Error::AlreadyExists { .. })));
        assert_eq!(std::fs::read(&path).unwrap(), b"precious");
        assert_eq!(names(dir.path()), ["keep.ropa"]);
    }
}
