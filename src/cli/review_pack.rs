//! `ropa review-pack`: write a service's review pack for its owner; and the
//! printing of a returned pack's proposed changes for `ropa import`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The register file.
    #[arg(long)]
    db: PathBuf,
    /// The service whose activities the pack holds (its name).
    #[arg(long)]
    service: String,
    /// The workbook to write (.xlsx).
    #[arg(long)]
    out: PathBuf,
    /// The date the pack is prepared on (YYYY-MM-DD); default today.
    #[arg(long, value_parser = ropa::checks::parse_today)]
    today: Option<ropa::model::Date>,
}

pub fn run(Args { db, service, out, today }: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let today = today.unwrap_or_else(super::today);
    let count = ropa::file_commands::write_review_pack(&db, &service, &out, today)?;
    stdout.line(&format!(
        "Wrote the review pack for {service} ({count} activities) to {}. When it comes back: ropa import --db {} {} --dry-run",
        out.display(),
        db.display(),
        out.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// `ropa import` of a returned review pack: prints every proposed change and,
/// unless `dry_run`, applies them all.
pub fn import_returned(
    db: &Path,
    bytes: &[u8],
    file: &str,
    dry_run: bool,
    stdout: &mut Output,
) -> anyhow::Result<ExitCode> {
    let proposal = ropa::file_commands::apply_review_pack(db, bytes, file, super::today(), dry_run)?;
    let who =
        if proposal.returned_by.is_empty() { "its owner (no name given)" } else { &proposal.returned_by };
    stdout.line(&format!("Review pack for {} returned by {who}.", proposal.service));
    for activity in &proposal.changed {
        stdout.line(&format!("\"{}\" (row {}):", activity.name, activity.row));
        for change in &activity.changes {
            stdout.line(&format!("  {}", change.field.heading()));
            stdout.line(&format!("    was: {}", one_line(&change.from)));
            stdout.line(&format!("    now: {}", one_line(&change.to)));
        }
    }
    for (_, _, name) in &proposal.unchanged {
        stdout.line(&format!("\"{name}\": returned unchanged (recorded as reviewed by its owner)"));
    }
    for line in proposal.conflicts.iter().chain(&proposal.warnings) {
        stdout.line(&format!("warning: {line}"));
    }
    let (changes, activities) = (proposal.change_count(), proposal.changed.len());
    let verb = if dry_run {
        "would be applied; nothing was changed (dry run)"
    } else {
        "applied in one transaction"
    };
    stdout.line(&format!(
        "{changes} change(s) to {activities} activit{} {verb}; {} activit{} returned unchanged.",
        if activities == 1 { "y" } else { "ies" },
        proposal.unchanged.len(),
        if proposal.unchanged.len() == 1 { "y" } else { "ies" },
    ));
    Ok(ExitCode::SUCCESS)
}

/// A cell's lines joined with " / " for one line of output; "(blank)" for nothing.
fn one_line(text: &str) -> String {
    if text.trim().is_empty() { "(blank)".to_owned() } else { text.lines().collect::<Vec<_>>().join(" / ") }
}
