//! `ropa import`: read a file into a register, all or nothing. The layout is told
//! from the file's content unless `--format` names it; a register that does not
//! exist yet is created, only when the import lands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use ropa::import::detect::Layout;

use super::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The register to import into; created when it does not exist.
    #[arg(long)]
    db: PathBuf,
    /// The file's layout (default: told from the file's content).
    #[arg(long, value_enum)]
    format: Option<ImportFormat>,
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
    /// The ICO template as a workbook: xlsx, xls or ods.
    #[value(alias = "xlsx", alias = "xls", alias = "ods")]
    Workbook,
    /// This app's full CSV export (`ropa export --format full-csv`).
    FullCsv,
    /// A whole register as JSON, from `ropa export --format json` or a partner.
    Json,
}

impl ImportFormat {
    fn layout(self) -> Layout {
        match self {
            Self::IcoCsv => Layout::IcoCsv,
            Self::Workbook => Layout::Workbook,
            Self::FullCsv => Layout::FullCsv,
            Self::Json => Layout::Json,
        }
    }
}

pub fn run(args: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let Args { db, format, input, dry_run, skip_rejected } = args;
    import(&db, format, &input, dry_run, skip_rejected, stdout)
}

fn import(
    db: &Path,
    format: Option<ImportFormat>,
    input: &Path,
    dry_run: bool,
    skip_rejected: bool,
    stdout: &mut Output,
) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(input).with_context(|| format!("Reading {}", input.display()))?;
    let file = input.display().to_string();
    if format.is_none() && ropa::review_pack::is_review_pack(&bytes) {
        return super::review_pack::import_returned(db, &bytes, &file, dry_run, stdout);
    }
    let layout = format.map_or_else(|| ropa::import::detect::detect(&bytes), ImportFormat::layout);
    let creating = std::fs::symlink_metadata(db).is_err();
    let mut store = if creating { None } else { Some(ropa::Store::open(db)?) };
    if let Some(store) = &store {
        super::storage_notice(store);
    }
    let register = match &mut store {
        Some(store) => store.load_register()?,
        None => ropa::Store::in_memory()?.load_register()?,
    };
    if format.is_none() {
        stdout.line(&format!("Reading {file} as {}.", layout.label()));
    }
    // A full CSV into an empty register is restored exactly, ids included, so that
    // exporting again gives the same file; into a register in use it is merged.
    let mut exact_restore = None;
    let plan = match layout {
        Layout::IcoCsv => ropa::import::read_ico_csv(&bytes, &file, &register)?,
        Layout::Workbook => ropa::import::read_ico_workbook(&bytes, &file, &register)?,
        Layout::FullCsv => {
            let incoming = ropa::export::full_csv::read(bytes.as_slice())
                .with_context(|| format!("Reading {file} as a full CSV export"))?;
            let plan = ropa::import::json::merge_plan(&incoming, &register, &file);
            let empty = register.services.is_empty() && register.parties.is_empty();
            exact_restore = (empty && plan.report.rejected.is_empty()).then_some(incoming);
            plan
        }
        Layout::Json => {
            let incoming = ropa::import::json::from_json(&bytes, &file)?;
            ropa::import::json::merge_plan(&incoming, &register, &file)
        }
    };
    stdout.line(&plan.summary());
    let preview = ropa::import::preview::Preview::of(&plan, &register);
    // The organisation's details always; every record on a dry run.
    for line in preview.lines().iter().filter(|l| dry_run || l.starts_with("organisation")) {
        stdout.line(line);
    }
    for (from_file, existing) in &plan.matched_parties {
        stdout.line(&format!("matched party: \"{from_file}\" is \"{existing}\""));
    }
    for line in plan.report.lines() {
        stdout.line(&line);
    }
    if dry_run && creating {
        stdout.line(&format!("{} does not exist; the import would create it.", db.display()));
    }
    if !plan.report.rejected.is_empty() && !skip_rejected {
        let would = if dry_run { "would be" } else { "was" };
        stdout.line(&format!(
            "Nothing {would} imported because rows were rejected; fix them, or pass --skip-rejected."
        ));
        return Ok(ExitCode::FAILURE);
    }
    // A dry run runs exactly the real import, in a transaction that is rolled back.
    let land = |store: &mut ropa::Store, dry: bool| match (&exact_restore, dry) {
        (Some(incoming), false) => ropa::import::restore(store, incoming),
        (Some(incoming), true) => ropa::import::restore_dry_run(store, incoming),
        (None, false) => ropa::import::apply(&plan, store),
        (None, true) => ropa::import::dry_run(&plan, store),
    };
    let unchanged = || format!("Importing {file}; the register is unchanged");
    match &mut store {
        Some(store) => land(store, dry_run).with_context(unchanged)?,
        // A dry run into a register not yet made runs in an empty one in memory.
        None if dry_run => land(&mut ropa::Store::in_memory()?, true).with_context(unchanged)?,
        None => {
            // Built beside the target and moved into place only when complete.
            ropa::file_commands::create_register(db, |store| land(store, false))
                .with_context(|| format!("Creating the register {}", db.display()))?;
            stdout.line(&format!("Created a new register at {}.", db.display()));
        }
    }
    if dry_run {
        stdout.line("Dry run: the import would succeed; nothing was imported.");
    } else {
        stdout.line(&format!("Imported into {}.", db.display()));
    }
    Ok(ExitCode::SUCCESS)
}
