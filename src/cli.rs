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
    /// Write the demo register, built from five real public-sector privacy notices.
    Demo {
        /// Where to write it; the file must not exist yet.
        #[arg(long)]
        out: PathBuf,
    },
    /// Export the register: ICO template CSV, links CSV, full CSV (for import) or PDF report.
    Export {
        /// The register file.
        #[arg(long)]
        db: PathBuf,
        /// What to write.
        #[arg(long, value_parser = ["ico-csv", "links-csv", "full-csv", "pdf"])]
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
    },
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
        Some(Command::Demo { out }) => {
            let mut store = ropa::Store::create(&out)?;
            ropa::demo::populate(&mut store).context("Writing the demo register")?;
            println!("Wrote the demo register to {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export { db, format, out, service, bom }) => {
            let format = ropa::export::Format::from_code(&format).context("Unknown export format")?;
            let options = ropa::export::Options { bom, generated_at: time::OffsetDateTime::now_utc() };
            ropa::export::export_register_file(
                &db,
                format,
                service.as_deref(),
                &options,
                &out,
                &mut ropa::export::NoProgress,
            )?;
            println!("Wrote {} to {}", format.label(), out.display());
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let _ = cli.register;
            anyhow::bail!("the desktop app is not built yet")
        }
    }
}
