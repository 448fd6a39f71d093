//! `ropa flows` on a register file.

use std::path::Path;

use crate::flows::{FlowGraph, Scope, scope_by_name, svg};
use crate::{Result, Store};

/// How `ropa flows` draws the whole register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WholeMap {
    /// Every link up to [`crate::flows::FULL_MAP_MAX_LINKS`], else the overview.
    #[default]
    Auto,
    /// The overview: by service and kind of party, with counts.
    Overview,
    /// Every link, however many.
    Full,
}

/// Writes the flow map of the register at `db` as SVG to `out`: the whole register
/// (drawn as `whole` says), or the service or party named. Returns the number of
/// nodes and edges drawn.
pub fn write_flow_svg(
    db: &Path,
    out: &Path,
    service: Option<&str>,
    party: Option<&str>,
    whole: WholeMap,
) -> Result<(usize, usize)> {
    crate::fsio::check_target(out)?;
    let mut store = Store::open_read(db)?;
    let register = store.load_register()?;
    let scope = match (scope_by_name(&register, service, party)?, whole) {
        (Scope::Register, WholeMap::Auto) => crate::flows::whole_register(&register),
        (Scope::Register, WholeMap::Overview) => Scope::Overview,
        (scope, _) => scope,
    };
    let graph = FlowGraph::build(&register, scope);
    let svg = svg::render_graph(&register, &graph);
    crate::fsio::write_bytes(out, svg.as_bytes(), "Writing the flow map")?;
    Ok((graph.nodes.len(), graph.edges.len()))
}
