//! `ropa import`: read a file into a register, all or nothing. The layout is told
//! from the file's content unless `--format` names it; a register that does not
//! exist yet is created, only when the import lands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use ropa::file_commands::{ImportFile, PlannedImport};
use ropa::import::detect::Layout;
use ropa::import::mapping::{ColumnMapping, MappingInput};

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
    /// Which field each heading of a spreadsheet fills: "HEADING=FIELD;HEADING=FIELD"
    /// (fields: name, purpose, lawful-basis, legislation, retention, recipients,
    /// note, ...; see docs/import.md).
    #[arg(long, value_name = "HEADING=FIELD;...")]
    map: Option<String>,
    /// A file of HEADING = FIELD lines, as `--map` takes them (see docs/import.md).
    #[arg(long, value_name = "FILE")]
    map_file: Option<PathBuf>,
    /// Import with the columns the register guessed, without naming them in `--map`.
    #[arg(long)]
    accept_mapping: bool,
}

/// The officer's column choices, read from `--map` and `--map-file`.
struct MapChoices {
    given: ColumnMapping,
    accept_guesses: bool,
}

impl MapChoices {
    fn read(map: Option<&str>, map_file: Option<&Path>, accept_guesses: bool) -> anyhow::Result<Self> {
        let mut given = ColumnMapping::default();
        if let Some(path) = map_file {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("Reading the mapping file {}", path.display()))?;
            let file = ColumnMapping::parse(&text)
                .map_err(|error| anyhow::anyhow!("{error}. Mapping file: {}", path.display()))?;
            given.entries.extend(file.entries);
        }
        if let Some(map) = map {
            let argument = ColumnMapping::parse(map).map_err(|error| anyhow::anyhow!("--map: {error}"))?;
            given.entries.extend(argument.entries);
        }
        Ok(Self { given, accept_guesses })
    }
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
    let Args { db, format, input, dry_run, skip_rejected, map, map_file, accept_mapping } = args;
    let choices = MapChoices::read(map.as_deref(), map_file.as_deref(), accept_mapping)?;
    import(&db, format, &input, dry_run, skip_rejected, &choices, stdout)
}

/// Remembers the mapping of an own layout beside the register once it landed.
fn remember(db: &Path, mapped: &ropa::import::Mapped, stdout: &mut Output) {
    match ropa::file_commands::remember_mapping(db, mapped.mapping()) {
        Ok(path) => {
            stdout.line(&format!("Remembered the column mapping for this layout in {}.", path.display()))
        }
        Err(error) => {
            stdout.line(&format!("The import landed, but the column mapping was not remembered: {error}"))
        }
    }
}

fn import(
    db: &Path,
    format: Option<ImportFormat>,
    input: &Path,
    dry_run: bool,
    skip_rejected: bool,
    choices: &MapChoices,
    stdout: &mut Output,
) -> anyhow::Result<ExitCode> {
    let file = input.display().to_string();
    let creating = std::fs::symlink_metadata(db).is_err();
    let mut store = if creating { None } else { Some(ropa::Store::open(db)?) };
    if let Some(store) = &store {
        super::storage_notice(store);
    }
    let register = match &mut store {
        Some(store) => store.load_register()?,
        None => ropa::Store::in_memory()?.load_register()?,
    };
    let memory = ropa::file_commands::remembered_mappings(db)?;
    let input_mapping =
        MappingInput { given: (!choices.given.is_empty()).then_some(&choices.given), memory: Some(&memory) };
    let read = ropa::file_commands::read_import_file(
        input,
        &register,
        format.map(ImportFormat::layout),
        input_mapping,
    )?;
    let planned = match read {
        ImportFile::ReviewPack(bytes) => {
            drop(store);
            return super::review_pack::import_returned(db, &bytes, &file, dry_run, stdout);
        }
        ImportFile::Plan(planned) => *planned,
    };
    let PlannedImport { layout, plan, mapped, exact_restore } = planned;
    if format.is_none() {
        stdout.line(&format!("Reading {file} as {}.", layout.label()));
    }
    if let Some(mapped) = mapped.as_ref().filter(|m| dry_run || m.is_own_layout()) {
        for line in mapped.lines() {
            stdout.line(&line);
        }
    }
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
    if let Some(mapped) = mapped.as_ref().filter(|m| m.needs_confirming() && !choices.accept_guesses) {
        let would = if dry_run { "would be" } else { "was" };
        stdout.line(&format!(
            "Nothing {would} imported because some columns were mapped by guess; check the mapping above, then pass it (changed as needed) with --map \"{}\", or pass --accept-mapping.",
            mapped.mapping().to_argument()
        ));
        return Ok(ExitCode::FAILURE);
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
        if let Some(mapped) = mapped.as_ref().filter(|m| m.is_own_layout()) {
            remember(db, mapped, stdout);
        }
        stdout.line(&format!("Imported into {}.", db.display()));
    }
    Ok(ExitCode::SUCCESS)
}
