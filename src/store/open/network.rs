//! Whether a register sits on a network share, and the journal mode that follows.
//!
//! SQLite's write-ahead log keeps its index in memory shared between the processes
//! of one computer, so it does not work for two computers on one network share.
//! There a register is kept in rollback-journal mode (`journal_mode=DELETE`), which
//! locks the file itself. Linux tells the file system's kind through `statfs`;
//! elsewhere the kind is unknown and the register keeps WAL.

use std::path::Path;

/// Where a register file is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileSystem {
    /// A disk of this computer (or a kind not known to be shared).
    Local,
    /// A network share; the name is the protocol, e.g. "SMB".
    Network(&'static str),
    /// The platform cannot tell.
    Unknown,
}

/// The journal mode a register is opened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalMode {
    /// Write-ahead log: readers never wait for the writer. Local disks only.
    Wal,
    /// Rollback journal: works across computers on a share.
    Delete,
}

impl JournalMode {
    /// The mode for a register on `file_system`.
    pub fn for_file_system(file_system: FileSystem) -> Self {
        match file_system {
            FileSystem::Network(_) => Self::Delete,
            FileSystem::Local | FileSystem::Unknown => Self::Wal,
        }
    }

    /// The value of `PRAGMA journal_mode`.
    pub fn pragma(self) -> &'static str {
        match self {
            Self::Wal => "wal",
            Self::Delete => "delete",
        }
    }
}

/// `statfs` magic numbers (`f_type`) of network file systems, from Linux's
/// `include/uapi/linux/magic.h` and `fs/smb/client/cifsglob.h`.
const NETWORK_MAGIC: [(u32, &str); 5] =
    [(0x6969, "NFS"), (0x517B, "SMB"), (0xFF53_4D42, "CIFS"), (0xFE53_4D42, "SMB2"), (0x0102_1997, "9P")];

/// The file system whose `statfs` magic number is `magic`.
pub fn classify(magic: u32) -> FileSystem {
    NETWORK_MAGIC
        .iter()
        .find(|(known, _)| *known == magic)
        .map_or(FileSystem::Local, |(_, name)| FileSystem::Network(name))
}

/// The file system holding `path` (a file or folder that exists).
#[cfg(target_os = "linux")]
pub fn file_system_of(path: &Path) -> FileSystem {
    match rustix::fs::statfs(path) {
        // `f_type` is a C long holding a 32-bit magic; keep the low 32 bits so that
        // a sign-extended value on 32-bit systems compares equal.
        Ok(stat) => classify((stat.f_type as u64 & 0xFFFF_FFFF) as u32),
        Err(_) => FileSystem::Unknown,
    }
}

/// The file system holding `path`: not known on this platform.
#[cfg(not(target_os = "linux"))]
pub fn file_system_of(_path: &Path) -> FileSystem {
    FileSystem::Unknown
}

/// What to tell the user once about a register on `file_system`, if anything.
pub fn notice(file_system: FileSystem, path: &Path) -> Option<String> {
    match file_system {
        FileSystem::Network(protocol) => Some(format!(
            "This register is on a network share ({protocol}), so it is kept in rollback-journal mode instead of write-ahead logging, which needs memory shared on one computer. Saves take a little longer and readers wait while someone saves: {}",
            path.display()
        )),
        FileSystem::Local | FileSystem::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_magic_numbers_choose_the_rollback_journal() {
        for (magic, expected) in [
            (0x6969, FileSystem::Network("NFS")),
            (0x517B, FileSystem::Network("SMB")),
            (0xFF53_4D42, FileSystem::Network("CIFS")),
            (0xFE53_4D42, FileSystem::Network("SMB2")),
            (0xEF53, FileSystem::Local),      // ext4
            (0x0102_1994, FileSystem::Local), // tmpfs
            (0x5846_5342, FileSystem::Local), // xfs
        ] {
            assert_eq!(classify(magic), expected, "{magic:#x}");
            let mode = JournalMode::for_file_system(expected);
            let shared = matches!(expected, FileSystem::Network(_));
            assert_eq!(mode == JournalMode::Delete, shared, "{magic:#x}");
        }
        assert_eq!(JournalMode::for_file_system(FileSystem::Unknown), JournalMode::Wal);
    }

    #[test]
    fn only_a_share_gets_a_notice_and_it_names_the_file() {
        let path = Path::new("/mnt/share/ropa.ropa");
        let text = notice(FileSystem::Network("SMB"), path).unwrap();
        assert!(text.contains("network share (SMB)") && text.ends_with("/mnt/share/ropa.ropa"), "{text}");
        assert_eq!(notice(FileSystem::Local, path), None);
        assert_eq!(notice(FileSystem::Unknown, path), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_temporary_folder_is_not_a_share() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!matches!(file_system_of(dir.path()), FileSystem::Network(_)));
    }
}
