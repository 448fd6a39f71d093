//! What the app remembers between runs (through eframe persistence) and where it
//! keeps registers it creates itself.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ropa::model::{Date, DateStyle};

use super::register_columns::RegisterColumns;
use super::register_view::SortColumn;
use super::theme::ThemeChoice;

/// The eframe storage key for [`Settings`].
const STORAGE_KEY: &str = "ropa.settings";

/// How many recent files the File menu lists.
const RECENT_LIMIT: usize = 8;

/// Remembered between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// The register open when the app last closed.
    pub last_register: Option<PathBuf>,
    /// Registers opened recently, newest first.
    pub recent: Vec<PathBuf>,
    /// The name recorded beside the OS user name for changes, reviews and
    /// acknowledgements (empty: the OS user name alone).
    #[serde(default)]
    pub display_name: String,
    /// The theme chosen in the View menu.
    #[serde(default)]
    pub theme: ThemeChoice,
    /// How dates are shown: "1 April 2025" or "01/04/2025".
    #[serde(default)]
    pub date_style: DateStyle,
    /// The Register table's columns the user hid.
    #[serde(default)]
    pub hidden_columns: BTreeSet<SortColumn>,
    /// The Register table's column order as the user arranged it (empty: the
    /// standard order).
    #[serde(default)]
    pub column_order: Vec<SortColumn>,
}

impl Settings {
    /// The Register table's columns as remembered.
    pub fn register_columns(&self) -> RegisterColumns {
        RegisterColumns { hidden: self.hidden_columns.clone(), order: self.column_order.clone() }
    }

    /// Remembers the Register table's columns.
    pub fn set_register_columns(&mut self, columns: RegisterColumns) {
        self.hidden_columns = columns.hidden;
        self.column_order = columns.order;
    }

    /// The settings saved in `storage`, if any.
    pub fn load(storage: &dyn eframe::Storage) -> Option<Self> {
        eframe::get_value(storage, STORAGE_KEY)
    }

    /// Saves the settings into `storage`.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self);
    }

    /// Records that `path` was opened: it becomes the last register and the newest
    /// recent file.
    pub fn opened(&mut self, path: &Path) {
        self.last_register = Some(path.to_path_buf());
        self.recent.retain(|recent| recent != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_LIMIT);
    }
}

/// Today's date on this computer (UTC if the local offset is unknown).
pub fn today() -> Date {
    time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc()).date()
}

/// The folder where the app keeps registers it creates itself.
pub fn data_dir() -> PathBuf {
    directories::ProjectDirs::from("uk", "ropa", "ROPA Register")
        .map_or_else(|| PathBuf::from("."), |dirs| dirs.data_dir().to_path_buf())
}

/// A file name in `folder` for a new demo register that does not exist yet.
pub fn new_demo_path(folder: &Path) -> PathBuf {
    let first = folder.join("demo.ropa");
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|number| folder.join(format!("demo-{number}.ropa")))
        .find(|path| !path.exists())
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn opening_moves_a_file_to_the_front_of_the_recent_list() {
        let mut settings = Settings::default();
        settings.opened(Path::new("a.ropa"));
        settings.opened(Path::new("b.ropa"));
        settings.opened(Path::new("a.ropa"));
        assert_eq!(settings.recent, vec![PathBuf::from("a.ropa"), PathBuf::from("b.ropa")]);
        assert_eq!(settings.last_register, Some(PathBuf::from("a.ropa")));
    }

    #[test]
    fn demo_paths_never_reuse_an_existing_file() {
        let folder = tempfile::tempdir().unwrap();
        let first = new_demo_path(folder.path());
        std::fs::write(&first, b"x").unwrap();
        let second = new_demo_path(folder.path());
        assert_ne!(first, second);
        assert!(!second.exists());
    }
}
