//! Test tool for the crash-safety test (`tests/reliability.rs`): makes edits to a
//! register as fast as it can and prints `committed N` after each one has been
//! committed, until it is killed.
//!
//! Usage: `ropa-stress-writer REGISTER FIRST COUNT`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use ropa::Store;
use ropa::model::{ActivityFields, Direction, LinkDraft, LinkFields, PartyFields, PartyKind, ServiceFields};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(first), Some(count)) = (
        args.get(1).map(PathBuf::from),
        args.get(2).and_then(|a| a.parse::<u64>().ok()),
        args.get(3).and_then(|a| a.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: ropa-stress-writer REGISTER FIRST COUNT");
        return ExitCode::from(2);
    };
    match write_edits(&path, first, count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_edits(path: &std::path::Path, first: u64, count: u64) -> ropa::Result<()> {
    let mut store = Store::open(path)?;
    let service = match store.service_by_name("Stress")? {
        Some(id) => id,
        None => store.insert_service(&ServiceFields { name: "Stress".into(), ..Default::default() })?,
    };
    let party = match store.party_by_name("Stress partner")? {
        Some(id) => id,
        None => store.insert_party(&PartyFields::new("Stress partner", PartyKind::PublicAuthority))?.id,
    };
    let mut stdout = std::io::stdout().lock();
    for k in first..first + count {
        let mut fields = ActivityFields::new(service, format!("edit {k}"));
        fields.purposes = vec![format!("purpose {k}"); 3];
        fields.description = "x".repeat(2_000);
        let links = vec![LinkDraft { id: None, fields: LinkFields::new(party, Direction::Recipient) }; 3];
        let saved = store.insert_activity(&fields, &links)?;
        if k % 3 == 0 {
            fields.description = format!("updated {k}");
            let links = store.links_of(saved.id)?;
            let drafts: Vec<LinkDraft> =
                links.into_iter().map(|l| LinkDraft { id: Some(l.id), fields: l.fields }).collect();
            store.update_activity(saved.id, saved.version, &fields, &drafts)?;
        }
        let _ = writeln!(stdout, "committed {k}");
        let _ = stdout.flush();
    }
    Ok(())
}
