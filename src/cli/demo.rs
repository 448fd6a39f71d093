//! `ropa demo`: write the demo register.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write it; the file must not exist yet.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(Args { out }: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    ropa::file_commands::create_register(&out, ropa::demo::populate).context("Writing the demo register")?;
    stdout.line(&format!("Wrote the demo register to {}", out.display()));
    Ok(ExitCode::SUCCESS)
}
