//! Data flows across services: the flow graph of a register (or of one service or
//! one party), its layered layout, its SVG drawing, the ready questions an officer
//! is asked in an audit or a breach, and the party view.
//!
//! Everything here is plain data and pure functions over a [`crate::model::Register`],
//! so the app's flow page and the PDF report can use the same results.

pub mod answers;
pub mod graph;
pub mod layout;
pub mod overview;
pub mod party_view;
pub mod questions;
pub mod svg;

pub use graph::{FlowGraph, Scope};
pub use svg::render_svg;

use crate::model::Register;
use crate::{Error, Result};

/// Above this many links the whole register's map is drawn as the overview
/// ([`Scope::Overview`]): every link on one map is unreadable well before, and its
/// layout takes seconds (16 s at 100,000 links).
pub const FULL_MAP_MAX_LINKS: usize = 1_500;

/// How the whole register is drawn: every link when it has at most
/// [`FULL_MAP_MAX_LINKS`], else the overview.
pub fn whole_register(register: &Register) -> Scope {
    if register.links.len() > FULL_MAP_MAX_LINKS { Scope::Overview } else { Scope::Register }
}

/// Resolves `--service NAME` or `--party NAME` (case-insensitive) to a scope.
pub fn scope_by_name(register: &Register, service: Option<&str>, party: Option<&str>) -> Result<Scope> {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    match (service, party) {
        (Some(_), Some(_)) => Err(Error::Invalid {
            field: "Flow map scope".into(),
            message: "give either a service or a party, not both".into(),
        }),
        (Some(name), None) => register
            .services
            .iter()
            .find(|s| same(&s.fields.name, name))
            .map(|s| Scope::Service(s.id))
            .ok_or_else(|| Error::NotFound { what: format!("service \"{name}\"") }),
        (None, Some(name)) => register
            .parties
            .iter()
            .find(|p| same(&p.fields.name, name))
            .map(|p| Scope::Party(p.id))
            .ok_or_else(|| Error::NotFound { what: format!("party \"{name}\"") }),
        (None, None) => Ok(Scope::Register),
    }
}
