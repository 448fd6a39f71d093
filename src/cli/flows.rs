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
    /// The whole register as the overview (one box per service and per kind of
    /// party, with counts), however small. The default draws every link up to
    /// 1,500 links and the overview above.
    #[arg(long, conflicts_with_all = ["service", "party", "full"])]
    overview: bool,
    /// The whole register with every link, however large (slow and hard to read
    /// above a few thousand links).
    #[arg(long, conflicts_with_all = ["service", "party"])]
    full: bool,
}

pub fn run(
    Args { db, out, service, party, overview, full }: Args,
    stdout: &mut Output,
) -> anyhow::Result<ExitCode> {
    use ropa::file_commands::WholeMap;
    let whole = match (overview, full) {
        (true, _) => WholeMap::Overview,
        (_, true) => WholeMap::Full,
        _ => WholeMap::Auto,
    };
    let (nodes, edges) =
        ropa::file_commands::write_flow_svg(&db, &out, service.as_deref(), party.as_deref(), whole)
            .with_context(|| format!("Drawing the flow map of {}", db.display()))?;
    stdout.line(&format!("Wrote the flow map ({nodes} boxes, {edges} lines) to {}", out.display()));
    Ok(ExitCode::SUCCESS)
}
