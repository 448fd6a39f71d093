//! `ropa verify`: check the change log's hash chain and triggers, replay it
//! against the tables, print its head, and check it against a head given.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use ropa::model::LogHead;
use ropa::store::HeadCheck;

use super::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The register to check.
    #[arg(long)]
    db: PathBuf,
    /// A head printed earlier (by `ropa verify` or on an export): fails unless
    /// entry N of the log still has that hash.
    #[arg(long, value_name = "N:HEX")]
    head: Option<LogHead>,
}

pub fn run(Args { db, head }: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let mut store = ropa::Store::open_read(&db)?;
    let found = store.verify().with_context(|| format!("Verifying {}", db.display()))?;
    let mut intact = found.is_intact();
    stdout.line(&match found.chain.first_broken {
        None => format!("The change log's chain is intact: {} entries, every hash verified.", found.chain.entries),
        Some(entry) => format!(
            "The change log has been altered: entry {entry} does not match its hash or its predecessor's. The register's history after that point cannot be trusted."
        ),
    });
    for trigger in &found.missing_triggers {
        stdout.line(&format!("The change log is no longer protected: {trigger}."));
    }
    for difference in &found.differences {
        stdout.line(&format!("Edited behind the app's back: {difference}"));
    }
    if found.differences.is_empty() {
        stdout.line("Replaying the change log gives the register's tables exactly.");
    }
    if let Some(expected) = &head {
        let (matches, line) = head_line(store.check_head(expected)?, expected);
        intact &= matches;
        stdout.line(&line);
    }
    stdout.line(&found.head.to_string());
    Ok(if intact { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Whether the log matches the head given, and the line that says so.
fn head_line(check: HeadCheck, expected: &LogHead) -> (bool, String) {
    let n = expected.entries();
    match check {
        HeadCheck::Matches => (true, format!("Entry {n} matches the head given ({expected}).")),
        HeadCheck::Missing { entries } => (
            false,
            format!(
                "The change log holds only {entries} entries, but the head given ({expected}) names entry {n}: entries have been deleted."
            ),
        ),
        HeadCheck::Differs { found } => (
            false,
            format!(
                "Entry {n} of the change log now has hash {found}, not the one given ({expected}): the log has been rewritten since that head was taken."
            ),
        ),
    }
}
