//! `ropa ask`: one of the Flows page's ready questions answered from the command
//! line, by the same code as the page (`ropa::flows::answers`), as CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use ropa::flows::Scope;
use ropa::flows::answers::{self, Asked, Question};

use super::Output;

/// The arguments of `ropa ask`.
#[derive(Debug, clap::Args)]
pub struct Ask {
    /// The register file.
    #[arg(long)]
    db: PathBuf,
    /// The question: special-category-recipients, links-without-agreement,
    /// party-flows (needs --party), internal-feeds, transfers-outside-uk or
    /// agreements-ending.
    #[arg(value_parser = parse_question)]
    question: Question,
    /// Only this service's activities and their links (by name).
    #[arg(long)]
    service: Option<String>,
    /// The party (by name), for party-flows.
    #[arg(long)]
    party: Option<String>,
    /// Days ahead, for agreements-ending.
    #[arg(long, default_value_t = 90)]
    days: i64,
    /// What today is (YYYY-MM-DD), for agreements-ending; default today.
    #[arg(long, value_parser = ropa::checks::parse_today)]
    today: Option<ropa::model::Date>,
    /// Write the answer to this CSV file (replaced only when complete) instead of
    /// standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

fn parse_question(text: &str) -> Result<Question, String> {
    Question::from_code(text).ok_or_else(|| {
        let known: Vec<&str> = Question::READY.iter().map(|q| q.code()).collect();
        format!("no such question {text:?}; ask one of: {}", known.join(", "))
    })
}

/// Answers the question and writes the CSV.
pub fn run(ask: Ask, stdout: &mut Output) -> anyhow::Result<ExitCode> {
    let mut store = ropa::Store::open_read(&ask.db)?;
    let register = store.load_register().with_context(|| format!("Reading {}", ask.db.display()))?;
    let today = ask.today.unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
    let mut asked = Asked { days: ask.days, ..Asked::new(ask.question, today) };
    if let Some(name) = &ask.service
        && let Scope::Service(id) = ropa::flows::scope_by_name(&register, Some(name), None)?
    {
        asked.service = Some(id);
    }
    if let Some(name) = &ask.party
        && let Scope::Party(id) = ropa::flows::scope_by_name(&register, None, Some(name))?
    {
        asked.party = Some(id);
    }
    if ask.question == Question::PartyFlows && asked.party.is_none() {
        anyhow::bail!("{} needs --party NAME", Question::PartyFlows.code());
    }
    let answer = answers::answer(&register, &asked);
    match &ask.out {
        Some(path) => {
            ropa::fsio::check_target(path)?;
            ropa::fsio::write_atomically(path, |out| ropa::export::answer_csv::write(&answer, false, out))?;
            let rows = answer.rows.len();
            stdout.line(&format!("{} {rows} rows, written to {}", ask.question.title(), path.display()));
        }
        None => {
            let mut csv = Vec::new();
            ropa::export::answer_csv::write(&answer, false, &mut csv)?;
            stdout.document(&String::from_utf8_lossy(&csv));
        }
    }
    Ok(ExitCode::SUCCESS)
}
