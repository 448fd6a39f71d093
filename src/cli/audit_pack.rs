//! `ropa audit-pack`: write the folder an ICO auditor asks for, with its manifest.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The register file.
    #[arg(long)]
    db: PathBuf,
    /// The folder to write; it must not exist yet.
    #[arg(long)]
    out: PathBuf,
    /// The register as it stood at the end of this date (YYYY-MM-DD, UTC), rebuilt
    /// from the change log; findings are checked as of that date.
    #[arg(long, value_parser = ropa::checks::parse_today)]
    as_at: Option<ropa::model::Date>,
}

pub fn run(Args { db, out, as_at }: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let options = ropa::export::Options::at(time::OffsetDateTime::now_utc());
    let summary = ropa::file_commands::write_audit_pack(&db, &out, as_at, &options)?;
    stdout.line(&format!(
        "Wrote the audit pack ({} files, the register as at {}) to {}. Check it with: cd {} && sha256sum -c MANIFEST.txt",
        summary.files,
        ropa::model::format_date(summary.as_at),
        out.display(),
        out.display()
    ));
    Ok(ExitCode::SUCCESS)
}
