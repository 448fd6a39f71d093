//! `ropa review-pack`: write a service's review pack for its owner; and the
//! printing of a returned pack's proposed changes for `ropa import`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Output;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["service", "all", "status"])))]
pub struct Args {
    /// The register file.
    #[arg(long)]
    db: PathBuf,
    /// The service whose activities the pack holds (its name); --out is the workbook.
    #[arg(long)]
    service: Option<String>,
    /// Start a round: a pack for every service with activities; --out is a folder.
    #[arg(long)]
    all: bool,
    /// Print where each service's latest pack stands (sent, overdue, returned).
    #[arg(long)]
    status: bool,
    /// The workbook (.xlsx) to write, or with --all the folder to write them into.
    #[arg(long, required_unless_present = "status")]
    out: Option<PathBuf>,
    /// When the packs are due back (YYYY-MM-DD); default 28 days after --today.
    #[arg(long, value_parser = ropa::checks::parse_today)]
    due: Option<ropa::model::Date>,
    /// The date the pack is prepared on, or the status read on (YYYY-MM-DD); default today.
    #[arg(long, value_parser = ropa::checks::parse_today)]
    today: Option<ropa::model::Date>,
}

pub fn run(args: Args, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let today = args.today.unwrap_or_else(super::today);
    let db = &args.db;
    if args.status {
        return status(db, today, stdout);
    }
    let out = args.out.as_deref().ok_or_else(|| anyhow::anyhow!("--out is needed"))?;
    let next = format!("When a pack comes back: ropa import --db {} PACK.xlsx --dry-run", db.display());
    if args.all {
        let written = ropa::file_commands::write_review_round(db, out, today, args.due)?;
        for (service, path, count) in &written {
            stdout.line(&format!(
                "Wrote the review pack for {service} ({}) to {}",
                activities(*count),
                path.display()
            ));
        }
        stdout.line(&format!("Started a review round: {} packs. {next}", written.len()));
        return Ok(ExitCode::SUCCESS);
    }
    let service = args.service.as_deref().unwrap_or_default();
    let count = ropa::file_commands::write_review_pack(db, service, out, today, args.due)?;
    stdout.line(&format!(
        "Wrote the review pack for {service} ({}) to {}. When it comes back: ropa import --db {} {} --dry-run",
        activities(count),
        out.display(),
        db.display(),
        out.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// "1 activity", "3 activities".
fn activities(count: usize) -> String {
    if count == 1 { "1 activity".to_owned() } else { format!("{count} activities") }
}

/// `ropa review-pack --status`: one line per service sent a pack, its latest.
fn status(db: &Path, today: ropa::model::Date, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let mut store = ropa::Store::open_read(db)?;
    let register = store.load_register()?;
    let packs = store.review_packs()?;
    if packs.is_empty() {
        stdout
            .line("No review pack has been sent. Start a round: ropa review-pack --db R --all --out FOLDER");
        return Ok(ExitCode::SUCCESS);
    }
    for pack in ropa::model::latest_per_service(&packs) {
        stdout.line(&pack.summary(register.service_name(pack.service_id), today));
    }
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
