//! `ropa generate`: write a synthetic register.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of processing activities.
    #[arg(long)]
    activities: usize,
    /// Where to write it; the file must not exist yet.
    #[arg(long)]
    out: PathBuf,
    /// Seed: the same seed gives the same register.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(Args { activities, out, seed }: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let spec = ropa::generate::Spec { activities, seed };
    ropa::file_commands::create_register(&out, |store| ropa::generate::generate(store, spec))
        .with_context(|| format!("Generating {}", out.display()))?;
    stdout.line(&format!("Wrote {activities} generated activities to {}", out.display()));
    Ok(ExitCode::SUCCESS)
}
