//! The command line: `ropa [REGISTER]` opens the app; subcommands work headless.
//!
//! This module holds the clap types and the dispatch; each subcommand has its own
//! file with its arguments (`Args`) and its `run`, which calls the core and prints
//! through [`output::Output`]. To add a subcommand: a file here, a variant of
//! [`Command`] and a line in [`run`].

mod ask;
mod audit_pack;
mod check;
mod demo;
mod export;
mod flows;
mod generate;
mod import;
mod new;
mod notice;
mod output;
mod review_pack;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use output::Output;

/// Exit codes, as listed in `ropa --help` and the README.
const EXIT_CODES: &str = "\
Exit codes:
  0  done: the file was written, the check passed, the import was committed
  1  not done, or done with a finding: an error (nothing was changed), an
     error-level finding open (check), a blocked notice, an altered change log
     (verify), or rejected rows (import: nothing was imported)
  2  the command line could not be read (nothing was done)
A closed standard output (`ropa check ... | head -1`) only stops the printing:
the command finishes and its exit code still says whether anything was committed.";

/// ROPA Register: keep your organisation's Record of Processing Activities
/// (UK GDPR Article 30), check it and export it for audit.
#[derive(Debug, Parser)]
#[command(name = "ropa", version, args_conflicts_with_subcommands = true, after_long_help = EXIT_CODES)]
struct Cli {
    /// Register file to open in the app (default: the last one used).
    register: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start a new, empty register.
    New(new::Args),
    /// Write the demo register, built from five real public-sector privacy notices.
    Demo(demo::Args),
    /// Export the register: ICO template CSV, links CSV, full CSV (for import), PDF
    /// report (`pdf`, or `pdf-table` for the register table alone), findings CSV,
    /// JSON (for `ropa import --format json`), flow-map SVG, or the public register
    /// (`public-html`, a new folder of web pages).
    Export(export::Args),
    /// Check the register against UK GDPR and the DPA 2018; exits with 1 while any
    /// error-level finding is unacknowledged.
    Check(check::Args),
    /// Write a synthetic register of realistic shape, for benchmarks and trials.
    Generate(generate::Args),
    /// Check that the register's change log has not been rewritten.
    Verify(verify::Args),
    /// Import activities into a register, showing what was created, what was
    /// matched and what could not be read. Lands whole or not at all.
    Import(import::Args),
    /// Write a service's privacy notice (UK GDPR Arts 13-14) from the register;
    /// exits with 1 and lists the reasons while error-level findings block it.
    Notice(notice::Args),
    /// Answer one of the Flows page's ready questions, as CSV: who receives special
    /// category data, links without agreement, a party's flows, internal feeds,
    /// transfers outside the UK, agreements ending soon.
    Ask(ask::Ask),
    /// Draw the register's data flows as an SVG map: the whole register, one
    /// service or one party.
    Flows(flows::Args),
    /// Write the audit pack: the ICO layout, the PDF report, findings, links, flow
    /// maps and notices in one new folder, with a MANIFEST.txt of SHA-256 sums.
    AuditPack(audit_pack::Args),
    /// Write a service's review pack: a workbook of its activities for the service
    /// owner to check and correct; import it back with `ropa import`, which shows
    /// the proposed changes field by field (`--dry-run`) or applies them.
    ReviewPack(review_pack::Args),
}

/// Parses the arguments and runs the command, printing any error once.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Output::stdout();
    match run(cli, &mut out) {
        Ok(code) => code,
        Err(error) => {
            Output::stderr().line(&format!("error: {error:#}"));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli, out: &mut Output) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::New(args)) => new::run(args, out),
        Some(Command::Demo(args)) => demo::run(args, out),
        Some(Command::Export(args)) => export::run(args, out),
        Some(Command::Check(args)) => check::run(args, out),
        Some(Command::Generate(args)) => generate::run(args, out),
        Some(Command::Verify(args)) => verify::run(args, out),
        Some(Command::Import(args)) => import::run(args, out),
        Some(Command::Notice(args)) => notice::run(args, out),
        Some(Command::Flows(args)) => flows::run(args, out),
        Some(Command::Ask(args)) => ask::run(args, out),
        Some(Command::AuditPack(args)) => audit_pack::run(args, out),
        Some(Command::ReviewPack(args)) => review_pack::run(args, out),
        None => {
            crate::ui::run(cli.register)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Exit code 0 when `success`, else 1.
fn exit_code(success: bool) -> ExitCode {
    if success { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Tells the user once, on standard error, where the register at `store` is kept
/// when that matters (a network share).
fn storage_notice(store: &ropa::Store) {
    if let Some(notice) = store.storage_notice() {
        Output::stderr().line(&format!("note: {notice}"));
    }
}

/// Today's date (UTC), for commands run without `--today`.
fn today() -> ropa::model::Date {
    time::OffsetDateTime::now_utc().date()
}
