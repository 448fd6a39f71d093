//! `ropa notice`: a service's privacy notice.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::{Output, exit_code};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The register file.
    #[arg(long)]
    db: PathBuf,
    /// The service's name.
    #[arg(long)]
    service: String,
    /// md, html or pdf (pdf needs --out).
    #[arg(long, value_parser = ropa::notice::Format::parse)]
    format: ropa::notice::Format,
    /// Where to write the notice (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
    /// The date the checks treat as today (YYYY-MM-DD); default today.
    #[arg(long, value_parser = ropa::checks::parse_today)]
    today: Option<ropa::model::Date>,
    /// Write the notice even while error-level findings are open.
    #[arg(long = "override")]
    allow_override: bool,
}

pub fn run(args: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let Args { db, service, format, out, today, allow_override } = args;
    let today = today.unwrap_or_else(super::today);
    let to_stdout = out.is_none();
    let command = ropa::file_commands::NoticeCommand { db, service, format, out, today, allow_override };
    let outcome = ropa::file_commands::run_command(&command).context("Writing the privacy notice")?;
    Output::stderr().text(&outcome.stderr);
    if outcome.success && to_stdout {
        stdout.document(&outcome.stdout);
    } else {
        stdout.text(&outcome.stdout);
    }
    Ok(exit_code(outcome.success))
}
