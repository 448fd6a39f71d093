//! Writing a copy of the register to another file.

use std::path::Path;

use rusqlite::named_params;

use super::Store;
use crate::{Error, Result};

impl Store {
    /// Writes a consistent copy of the whole register to `path` (SQLite
    /// `VACUUM INTO`). Refuses to overwrite an existing file.
    pub fn save_copy(&self, path: &Path) -> Result<()> {
        if path.exists() {
            return Err(Error::AlreadyExists { path: path.to_path_buf() });
        }
        let target = path.to_str().ok_or_else(|| Error::Invalid {
            field: "File name".to_owned(),
            message: format!("use a path made of ordinary characters: {}", path.display()),
        })?;
        self.conn.execute("VACUUM INTO :target", named_params! {":target": target})?;
        Ok(())
    }
}
