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
        None => {
            crate::ui::run(cli.register)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
