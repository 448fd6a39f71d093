//! The command line: `ropa [REGISTER]` opens the app; subcommands work headless.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

/// ROPA Register: keep your organisation's Record of Processing Activities
/// (UK GDPR Article 30), check it and export it for audit.
#[derive(Debug, Parser)]
#[command(name = "ropa", version, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Register file to open in the app (default: the last one used).
    register: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start a new, empty register.
    New {
        /// Where to write it; the file must not exist yet.
        #[arg(long)]
        out: PathBuf,
        /// The organisation (controller) the register is for.
        #[arg(long)]
        organisation: Option<String>,
    },
    /// Write the demo register, built from five real public-sector privacy notices.
    Demo {
        /// Where to write it; the file must not exist yet.
        #[arg(long)]
        out: PathBuf,
    },
    /// Export the register: ICO template CSV, links CSV, full CSV (for import), PDF
    /// report (`pdf`, or `pdf-table` for the register table alone), findings CSV,
    /// JSON (for `ropa import --format json`) or flow-map SVG.
    Export {
        /// The register file.
        #[arg(long)]
        db: PathBuf,
        /// What to write.
        #[arg(long, value_parser = ["ico-csv", "links-csv", "full-csv", "pdf", "pdf-table", "findings-csv", "json", "flow-svg"])]
        format: String,
        /// Where to write it; an existing file is replaced only when the export succeeds.
        #[arg(long)]
        out: PathBuf,
        /// Export only this service (by name).
        #[arg(long)]
        service: Option<String>,
        /// Start CSV files with a UTF-8 byte order mark (for older Excel).
        #[arg(long)]
        bom: bool,
        /// Only this party (by name); flow-svg only.
        #[arg(long, conflicts_with = "service")]
        party: Option<String>,
        /// Export the register as it stood at the end of this date (YYYY-MM-DD, UTC),
        /// rebuilt from the change log; findings are checked as of that date.
        #[arg(long, value_parser = ropa::checks::parse_today)]
        as_at: Option<ropa::model::Date>,
    },
    /// Check the register against UK GDPR and the DPA 2018; exits with 1 while any
    /// error-level finding is unacknowledged.
    Check {
        /// The register file.
        #[arg(long)]
        db: PathBuf,
        /// The date to check as of (YYYY-MM-DD); default today.
        #[arg(long, value_parser = ropa::checks::parse_today)]
        today: Option<ropa::model::Date>,
        /// Days ahead that count as due soon for reviews and agreement end dates.
        #[arg(long, default_value_t = ropa::checks::Settings::DEFAULT_DUE_SOON_DAYS)]
        due_soon_days: i64,
    },
    /// Write a synthetic register of realistic shape, for benchmarks and trials.
    Generate {
        /// Number of processing activities.
        #[arg(long)]
        activities: usize,
        /// Where to write it; the file must not exist yet.
        #[arg(long)]
        out: PathBuf,
        /// Seed: the same seed gives the same register.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Check that the register's change log has not been rewritten.
    Verify {
        /// The register to check.
        #[arg(long)]
        db: PathBuf,
    },
    /// Import activities into a register, showing what was created, what was
    /// matched and what could not be read. Lands whole or not at all.
    Import {
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
    },
    /// Write a service's privacy notice (UK GDPR Arts 13-14) from the register;
    /// exits with 1 and lists the reasons while error-level findings block it.
    Notice {
        /// The register file.
        #[arg(long)]
        db: PathBuf,
        /// The service's name.
        #[arg(long)]
        service: String,
        /// md, html or pdf (pdf needs --out).
        #[arg(long, value_parser = ropa::notice::Format::parse)]
        format: ropa::notice::Format,
        /// Where to write the notice (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The date the checks treat as today (YYYY-MM-DD); default today.
        #[arg(long, value_parser = ropa::checks::parse_today)]
        today: Option<ropa::model::Date>,
        /// Write the notice even while error-level findings are open.
        #[arg(long = "override")]
        allow_override: bool,
    },
    /// Draw the register's data flows as an SVG map: the whole register, one
    /// service or one party.
    Flows {
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
    },
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

/// Parses the arguments and runs the command, printing any error once.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::New { out, organisation }) => {
            let mut store = ropa::Store::create(&out)?;
            if let Some(name) = organisation.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()) {
                let mut details = store.load_register()?.organisation;
                details.controller.name = name;
                store.save_organisation(&details).context("Recording the organisation")?;
            }
            println!("Created a new register at {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Demo { out }) => {
            let mut store = ropa::Store::create(&out)?;
            ropa::demo::populate(&mut store).context("Writing the demo register")?;
            println!("Wrote the demo register to {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export { db, format, out, service, bom, party, as_at }) => {
            let format = ropa::export::Format::from_code(&format).context("Unknown export format")?;
            let options = ropa::export::Options { bom, generated_at: time::OffsetDateTime::now_utc() };
            let request = ropa::export::ExportRequest { format, service, party, as_at };
            ropa::export::export_request_file(&db, &request, &options, &out, &mut ropa::export::NoProgress)?;
            println!("Wrote {} to {}", format.label(), out.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { db, today, due_soon_days }) => {
            let today = today.unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
            let (text, failed) = ropa::checks::check_file(&db, today, due_soon_days)
                .with_context(|| format!("Checking {}", db.display()))?;
            print!("{text}");
            Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Some(Command::Verify { db }) => run_verify(&db),
        Some(Command::Generate { activities, out, seed }) => {
            let mut store = ropa::Store::create(&out)?;
            ropa::generate::generate(&mut store, ropa::generate::Spec { activities, seed })
                .with_context(|| format!("Generating {}", out.display()))?;
            println!("Wrote {activities} generated activities to {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import { db, format, input, dry_run, skip_rejected }) => {
            run_import(&db, format, &input, dry_run, skip_rejected)
        }
        Some(Command::Notice { db, service, format, out, today, allow_override }) => {
            let today = today.unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
            let command = ropa::notice::NoticeCommand { db, service, format, out, today, allow_override };
            let outcome = ropa::notice::run_command(&command).context("Writing the privacy notice")?;
            eprint!("{}", outcome.stderr);
            print!("{}", outcome.stdout);
            Ok(if outcome.success { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Some(Command::Flows { db, out, service, party }) => {
            let (nodes, edges) = ropa::flows::write_flow_svg(&db, &out, service.as_deref(), party.as_deref())
                .with_context(|| format!("Drawing the flow map of {}", db.display()))?;
            println!("Wrote the flow map ({nodes} boxes, {edges} lines) to {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        None => {
            crate::ui::run(cli.register)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_import(
    db: &std::path::Path,
    format: Option<ImportFormat>,
    input: &std::path::Path,
    dry_run: bool,
    skip_rejected: bool,
) -> anyhow::Result<ExitCode> {
    use ropa::import::detect::Layout;
    let bytes = std::fs::read(input).with_context(|| format!("Reading {}", input.display()))?;
    let file = input.display().to_string();
    let layout = match format {
        Some(ImportFormat::IcoCsv) => Layout::IcoCsv,
        Some(ImportFormat::Workbook) => Layout::Workbook,
        Some(ImportFormat::FullCsv) => Layout::FullCsv,
        Some(ImportFormat::Json) => Layout::Json,
        None => ropa::import::detect::detect(&bytes),
    };
    // A register that does not exist yet is created only when the import lands.
    let creating = !db.exists();
    let mut store = if creating { None } else { Some(ropa::Store::open(db)?) };
    let register = match &mut store {
        Some(store) => store.load_register()?,
        None => ropa::Store::in_memory()?.load_register()?,
    };
    if format.is_none() {
        println!("Reading {file} as {}.", layout.label());
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
            exact_restore = empty.then_some(incoming);
            plan
        }
        Layout::Json => {
            let incoming = ropa::import::json::from_json(&bytes, &file)?;
            ropa::import::json::merge_plan(&incoming, &register, &file)
        }
    };
    println!("{}", plan.summary());
    let preview = ropa::import::preview::Preview::of(&plan, &register);
    let lines = preview.lines();
    // The organisation lines always; every record too on a dry run.
    for line in lines.iter().filter(|l| dry_run || l.starts_with("organisation")) {
        println!("{line}");
    }
    for (from_file, existing) in &plan.matched_parties {
        println!("matched party: \"{from_file}\" is \"{existing}\"");
    }
    for line in plan.report.lines() {
        println!("{line}");
    }
    if dry_run {
        if creating {
            println!("{} does not exist; the import would create it.", db.display());
        }
        println!("Dry run: nothing was imported.");
        return Ok(ExitCode::SUCCESS);
    }
    if !plan.report.rejected.is_empty() && !skip_rejected {
        println!("Nothing was imported because rows were rejected; fix them, or pass --skip-rejected.");
        return Ok(ExitCode::FAILURE);
    }
    let land = |store: &mut ropa::Store| match &exact_restore {
        Some(incoming) => ropa::export::full_csv::insert(store, incoming),
        None => ropa::import::apply(&plan, store),
    };
    match store.as_mut() {
        Some(store) => land(store)?,
        None => {
            let mut created = ropa::Store::create(db)?;
            let landed = land(&mut created);
            drop(created);
            if let Err(error) = landed {
                // The register was made for this import alone: take it away again.
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
                }
                return Err(error.into());
            }
            println!("Created a new register at {}.", db.display());
        }
    }
    println!("Imported into {}.", db.display());
    Ok(ExitCode::SUCCESS)
}

fn run_verify(db: &std::path::Path) -> anyhow::Result<ExitCode> {
    let store = ropa::Store::open(db)?;
    let check = store.verify_log()?;
    match check.first_broken {
        None => {
            println!("The change log is intact: {} entries, every hash verified.", check.entries);
            Ok(ExitCode::SUCCESS)
        }
        Some(entry) => {
            println!(
                "The change log has been altered: entry {entry} does not match its hash or its predecessor's. The register's history after that point cannot be trusted."
            );
            Ok(ExitCode::FAILURE)
        }
    }
}
