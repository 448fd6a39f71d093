//! The file edge of the core: the one atomic writer every written file goes
//! through, and the check of where a file may be written.
//!
//! Nothing here knows about registers: it depends only on [`crate::Error`], so
//! every module (exports, the store's backups, the command glue) can use it.

mod atomic;
mod folder;
mod target;

pub(crate) use atomic::{TempPath, UNNAMED_OUTPUT, place_new, sync_file, sync_folder};
pub use atomic::{write_atomically, write_bytes};
pub use folder::{FolderFile, write_folder};
pub(crate) use target::SQLITE_HEADER;
pub use target::check_target;
