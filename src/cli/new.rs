//! `ropa new`: start a new, empty register.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write it; the file must not exist yet.
    #[arg(long)]
    out: PathBuf,
    /// The organisation (controller) the register is for.
    #[arg(long)]
    organisation: Option<String>,
}

pub fn run(Args { out, organisation }: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let name = organisation.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    ropa::file_commands::create_register(&out, |store| match name {
        Some(name) => {
            let mut details = store.organisation()?;
            details.controller.name = name;
            store.save_organisation(&details)
        }
        None => Ok(()),
    })
    .with_context(|| format!("Creating the register {}", out.display()))?;
    stdout.line(&format!("Created a new register at {}", out.display()));
    Ok(ExitCode::SUCCESS)
}
