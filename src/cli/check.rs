//! `ropa check`: the register's findings as text.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::{Output, exit_code};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The register file.
    #[arg(long)]
    db: PathBuf,
    /// The date to check as of (YYYY-MM-DD); default today.
    #[arg(long, value_parser = ropa::checks::parse_today)]
    today: Option<ropa::model::Date>,
    /// Days ahead that count as due soon for reviews and agreement end dates.
    #[arg(long, default_value_t = ropa::checks::Settings::DEFAULT_DUE_SOON_DAYS)]
    due_soon_days: i64,
}

pub fn run(Args { db, today, due_soon_days }: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let today = today.unwrap_or_else(super::today);
    let (text, failed) = ropa::file_commands::check_file(&db, today, due_soon_days)
        .with_context(|| format!("Checking {}", db.display()))?;
    stdout.text(&text);
    Ok(exit_code(!failed))
}
