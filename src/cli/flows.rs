//! `ropa flows`: the data-flow map as SVG.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The register file.
    #[arg(long)]
    db: PathBuf,
    /// Where to write the SVG.
    #[arg(long)]
    out: PathBuf,
    /// Only this service (by name).
    #[arg(long, conflicts_with = "party")]
    service: Option<String>,
    /// Only this party (by name).
    #[arg(long)]
    party: Option<String>,
}

pub fn run(Args { db, out, service, party }: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let (nodes, edges) = ropa::file_commands::write_flow_svg(&db, &out, service.as_deref(), party.as_deref())
        .with_context(|| format!("Drawing the flow map of {}", db.display()))?;
    stdout.line(&format!("Wrote the flow map ({nodes} boxes, {edges} lines) to {}", out.display()));
    Ok(ExitCode::SUCCESS)
}
