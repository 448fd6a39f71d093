//! `ropa notice`: write a service's notice from a register file, or list why it
//! is blocked.

use std::path::PathBuf;

use crate::model::Date;
use crate::notice::{Format, Outcome, Scope, generate};
use crate::store::Store;
use crate::{Error, Result};

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
    if command.format == Format::Pdf && command.out.is_none() {
        return Err(Error::Invalid {
            field: "Output".into(),
            message: "a PDF notice needs --out FILE".into(),
        });
    }
    if let Some(out) = &command.out {
        crate::fsio::check_target(out)?;
    }
    let mut store = Store::open_read(&command.db)?;
    let service_id = store.service_by_name(command.service.trim())?.ok_or_else(|| Error::NotFound {
        what: format!("service \"{}\" in {}", command.service.trim(), command.db.display()),
    })?;
    let snapshot = store.snapshot()?;
    let notice = match generate(&snapshot, Scope::Service(service_id), command.today, command.allow_override)?
    {
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
    let bytes = command.format.render(&notice)?;
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
            crate::fsio::write_bytes(path, &bytes, "Writing the privacy notice")?;
            stdout.push_str(&format!("Wrote the privacy notice to {}\n", path.display()));
        }
        None => stdout.push_str(&String::from_utf8_lossy(&bytes)),
    }
    Ok(CommandOutcome { stdout, stderr, success: true })
}
