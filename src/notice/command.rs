//! `ropa notice`: write a service's notice from a register file, or list why it
//! is blocked.

use std::path::{Path, PathBuf};

use super::{Outcome, Scope, generate_from_store, to_html, to_markdown};
use crate::model::Date;
use crate::store::Store;
use crate::{Error, Result};

/// Output formats of `ropa notice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// One HTML page.
    Html,
}

impl Format {
    /// Reads a `--format` argument: "md" or "html".
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        match text.trim().to_lowercase().as_str() {
            "md" | "markdown" => Ok(Self::Markdown),
            "html" => Ok(Self::Html),
            other => Err(format!("expected md or html, got {other:?}")),
        }
    }
}

/// What `ropa notice` was asked to do.
#[derive(Debug, Clone)]
pub struct NoticeCommand {
    /// The register file.
    pub db: PathBuf,
    /// The service's name (compared without regard to case).
    pub service: String,
    /// The output format.
    pub format: Format,
    /// Where to write the notice; standard output when `None`.
    pub out: Option<PathBuf>,
    /// The date the checks treat as today and the notice's "last updated" date.
    pub today: Date,
    /// Write the notice even while error-level findings are open.
    pub allow_override: bool,
}

/// What `ropa notice` prints, and whether it succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandOutcome {
    /// Text for standard output: the notice itself, a confirmation, or the reasons
    /// it is blocked.
    pub stdout: String,
    /// Warnings for standard error.
    pub stderr: String,
    /// False when the notice is blocked.
    pub success: bool,
}

/// Runs `ropa notice`.
pub fn run_command(command: &NoticeCommand) -> Result<CommandOutcome> {
    let mut store = Store::open(&command.db)?;
    let service_id = store.service_by_name(command.service.trim())?.ok_or_else(|| Error::NotFound {
        what: format!("service \"{}\" in {}", command.service.trim(), command.db.display()),
    })?;
    let notice = match generate_from_store(
        &mut store,
        Scope::Service(service_id),
        command.today,
        command.allow_override,
    )? {
        Outcome::Blocked(reasons) => {
            let mut stdout = format!(
                "The privacy notice for \"{}\" is blocked by {} open error-level finding(s). Fix them, acknowledge them in the register, or pass --override:\n",
                command.service.trim(),
                reasons.len()
            );
            for reason in reasons {
                stdout.push_str(&format!("- {reason}\n"));
            }
            return Ok(CommandOutcome { stdout, stderr: String::new(), success: false });
        }
        Outcome::Ready(notice) => notice,
    };
    let text = match command.format {
        Format::Markdown => to_markdown(&notice),
        Format::Html => to_html(&notice),
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    if !notice.overridden.is_empty() {
        stderr.push_str(&format!(
            "Warning: written despite {} open error-level finding(s) (--override).\n",
            notice.overridden.len()
        ));
    }
    match &command.out {
        Some(path) => {
            write(path, &text)?;
            stdout.push_str(&format!("Wrote the privacy notice to {}\n", path.display()));
        }
        None => stdout.push_str(&text),
    }
    Ok(CommandOutcome { stdout, stderr, success: true })
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|source| Error::Io {
        action: "Writing the privacy notice",
        path: path.to_path_buf(),
        source,
    })
}
