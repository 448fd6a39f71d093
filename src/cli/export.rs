//! `ropa export`: write the register in one of the export formats.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::LazyLock;

use clap::builder::PossibleValue;
use ropa::export::Format;

use super::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The register file.
    #[arg(long)]
    db: PathBuf,
    /// What to write.
    #[arg(long, value_enum)]
    format: FormatArg,
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
}

/// An export format as a command-line value: every [`Format`], named by its code,
/// so a format added to the core is offered here without a second list.
#[derive(Debug, Clone, Copy)]
pub struct FormatArg(Format);

static FORMAT_ARGS: LazyLock<Vec<FormatArg>> =
    LazyLock::new(|| Format::ALL.iter().copied().map(FormatArg).collect());

impl clap::ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        FORMAT_ARGS.as_slice()
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.code()).help(self.0.label()))
    }
}

pub fn run(args: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let Args { db, format: FormatArg(format), out, service, bom, party, as_at } = args;
    let options = ropa::export::Options { bom, generated_at: time::OffsetDateTime::now_utc() };
    let request = ropa::file_commands::ExportRequest { format, service, party, as_at };
    ropa::file_commands::export_request_file(&db, &request, &options, &out, &mut ropa::export::NoProgress)?;
    stdout.line(&format!("Wrote {} to {}", format.label(), out.display()));
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum as _;

    use super::*;

    #[test]
    fn every_export_format_is_a_command_line_value_by_its_code() {
        for format in Format::ALL {
            let parsed = FormatArg::from_str(format.code(), false).unwrap();
            assert_eq!(parsed.0, *format);
        }
        assert!(FormatArg::from_str("xls", false).is_err());
    }
}
