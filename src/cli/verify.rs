//! `ropa verify`: check the change log's hash chain.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The register to check.
    #[arg(long)]
    db: PathBuf,
}

pub fn run(Args { db }: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let store = ropa::Store::open_read(&db)?;
    let check = store.verify_log()?;
    match check.first_broken {
        None => {
            stdout
                .line(&format!("The change log is intact: {} entries, every hash verified.", check.entries));
            Ok(ExitCode::SUCCESS)
        }
        Some(entry) => {
            stdout.line(&format!(
                "The change log has been altered: entry {entry} does not match its hash or its predecessor's. The register's history after that point cannot be trusted."
            ));
            Ok(ExitCode::FAILURE)
        }
    }
}
