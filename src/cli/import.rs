//! `ropa import`: read a file into a register, all or nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use super::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The register to import into.
    #[arg(long)]
    db: PathBuf,
    /// The file's layout.
    #[arg(long, value_enum)]
    format: ImportFormat,
    /// The file to import.
    input: PathBuf,
    /// Show the preview and the report, and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import the readable rows even when some rows were rejected.
    #[arg(long)]
    skip_rejected: bool,
}

/// Layouts `ropa import` reads.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ImportFormat {
    /// The ICO documentation template for controllers, saved as CSV.
    IcoCsv,
    /// This app's full CSV export (`ropa export --format full-csv`).
    FullCsv,
    /// A whole register as JSON, from `ropa export --format json` or a partner.
    Json,
}

pub fn run(args: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let Args { db, format, input, dry_run, skip_rejected } = args;
    import(&db, format, &input, dry_run, skip_rejected, stdout)
}

fn import(
    db: &Path,
    format: ImportFormat,
    input: &Path,
    dry_run: bool,
    skip_rejected: bool,
    stdout: &mut Output,
) -> anyhow::Result<ExitCode> {
    let mut store = ropa::Store::open(db)?;
    super::storage_notice(&store);
    let bytes = std::fs::read(input).with_context(|| format!("Reading {}", input.display()))?;
    let file = input.display().to_string();
    let register = store.load_register()?;
    // A full CSV into an empty register is restored exactly, ids included, so that
    // exporting again gives the same file; into a register in use it is merged.
    let mut exact_restore = None;
    let plan = match format {
        ImportFormat::IcoCsv => ropa::import::read_ico_csv(&bytes, &file, &register)?,
        ImportFormat::FullCsv => {
            let incoming = ropa::export::full_csv::read(bytes.as_slice())
                .with_context(|| format!("Reading {file} as a full CSV export"))?;
            let plan = ropa::import::json::merge_plan(&incoming, &register, &file);
            let empty = register.services.is_empty() && register.parties.is_empty();
            exact_restore = empty.then_some(incoming);
            plan
        }
        ImportFormat::Json => {
            let incoming = ropa::import::json::from_json(&bytes, &file)?;
            ropa::import::json::merge_plan(&incoming, &register, &file)
        }
    };
    stdout.line(&plan.summary());
    for (from_file, existing) in &plan.matched_parties {
        stdout.line(&format!("matched party: \"{from_file}\" is \"{existing}\""));
    }
    for line in plan.report.lines() {
        stdout.line(&line);
    }
    if dry_run {
        stdout.line("Dry run: nothing was imported.");
        return Ok(ExitCode::SUCCESS);
    }
    if !plan.report.rejected.is_empty() && !skip_rejected {
        stdout.line("Nothing was imported because rows were rejected; fix them, or pass --skip-rejected.");
        return Ok(ExitCode::FAILURE);
    }
    match exact_restore {
        Some(incoming) => ropa::export::full_csv::insert(&mut store, &incoming)?,
        None => ropa::import::apply(&plan, &mut store)?,
    }
    stdout.line(&format!("Imported into {}.", db.display()));
    Ok(ExitCode::SUCCESS)
}
