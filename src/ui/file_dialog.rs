//! Native file dialogs (rfd) on a worker thread, with a typed path as the fallback.
//!
//! A native dialog blocks, so it runs off the UI thread and reports through a
//! channel. When no dialog can open (no portal, no zenity) or the user cancels,
//! rfd answers `None` and the app offers a box to type the path instead.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What a chosen file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    /// Open an existing register.
    Open,
    /// Create a new, empty register.
    New,
    /// Write a copy of the open register.
    SaveCopy,
    /// Choose where an export is written.
    Export,
    /// Choose a file to import.
    Import,
    /// Export the Data flows page's table as CSV.
    FlowsCsv,
    /// Export the Data flows page's table as PDF.
    FlowsPdf,
    /// Export the flow map shown as SVG.
    FlowSvg,
    /// Save the privacy notice shown as Markdown.
    NoticeMarkdown,
    /// Save the privacy notice shown as HTML.
    NoticeHtml,
}

impl FilePurpose {
    /// The dialog's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Open => "Open a register",
            Self::New => "Create a new register",
            Self::SaveCopy => "Save a copy of the register as",
            Self::Export => "Export the register to",
            Self::Import => "Import activities from",
            Self::FlowsCsv => "Export the flow table as CSV",
            Self::FlowsPdf => "Export the flow table as PDF",
            Self::FlowSvg => "Export the flow map as SVG",
            Self::NoticeMarkdown => "Save the privacy notice as Markdown",
            Self::NoticeHtml => "Save the privacy notice as HTML",
        }
    }

    /// The dialog's file filter: a name and the extensions it shows.
    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Self::Open | Self::New | Self::SaveCopy => ("ROPA register", &["ropa", "db", "sqlite"]),
            Self::Export | Self::Import => ("CSV, PDF or JSON", &["csv", "pdf", "json"]),
            Self::FlowsCsv => ("CSV", &["csv"]),
            Self::FlowsPdf => ("PDF", &["pdf"]),
            Self::FlowSvg => ("SVG image", &["svg"]),
            Self::NoticeMarkdown => ("Markdown", &["md"]),
            Self::NoticeHtml => ("Web page", &["html", "htm"]),
        }
    }

    /// Whether the dialog chooses a file to write rather than one to read.
    fn saves(self) -> bool {
        matches!(
            self,
            Self::New
                | Self::SaveCopy
                | Self::Export
                | Self::FlowsCsv
                | Self::FlowsPdf
                | Self::FlowSvg
                | Self::NoticeMarkdown
                | Self::NoticeHtml
        )
    }
}

/// The answer of a finished dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogAnswer {
    /// What the file is for.
    pub purpose: FilePurpose,
    /// The chosen file; `None` when cancelled or when no dialog could open.
    pub path: Option<PathBuf>,
}

/// Runs at most one native dialog at a time.
#[derive(Debug)]
pub struct FileDialogs {
    native: bool,
    pending: Option<(FilePurpose, Receiver<Option<PathBuf>>)>,
}

impl FileDialogs {
    /// Dialogs through rfd, each on its own thread.
    pub fn native() -> Self {
        Self { native: true, pending: None }
    }

    /// No native dialogs: every request is answered at once with `None`, so the
    /// typed path box appears. Used by the tests, which must never open rfd.
    #[cfg(test)]
    pub fn typed_only() -> Self {
        Self { native: false, pending: None }
    }

    /// Opens a dialog for `purpose`, unless one is already open.
    pub fn request(&mut self, purpose: FilePurpose) {
        self.request_named(purpose, None);
    }

    /// Opens a dialog for `purpose` suggesting `file_name`, unless one is already open.
    pub fn request_named(&mut self, purpose: FilePurpose, file_name: Option<String>) {
        if self.pending.is_some() {
            return;
        }
        let (sender, receiver) = channel();
        if self.native {
            std::thread::spawn(move || {
                let (filter, extensions) = purpose.filter();
                let mut dialog =
                    rfd::FileDialog::new().set_title(purpose.title()).add_filter(filter, extensions);
                if let Some(name) = file_name {
                    dialog = dialog.set_file_name(name);
                }
                let path = if purpose.saves() { dialog.save_file() } else { dialog.pick_file() };
                let _ignored_if_app_closed = sender.send(path);
            });
        } else {
            let _receiver_is_alive = sender.send(None);
        }
        self.pending = Some((purpose, receiver));
    }

    /// The answer of the open dialog, once it has one.
    pub fn poll(&mut self) -> Option<DialogAnswer> {
        let (purpose, receiver) = self.pending.as_ref()?;
        let path = match receiver.try_recv() {
            Ok(path) => path,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => None,
        };
        let answer = DialogAnswer { purpose: *purpose, path };
        self.pending = None;
        Some(answer)
    }
}
