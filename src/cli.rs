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
        Some(Command::Check { db, today, due_soon_days }) => {
            let today = today.unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
            let (text, failed) = ropa::checks::check_file(&db, today, due_soon_days)
                .with_context(|| format!("Checking {}", db.display()))?;
            print!("{text}");
            Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        None => {
            let _ = cli.register;
            anyhow::bail!("the desktop app is not built yet")
        }
    }
}
