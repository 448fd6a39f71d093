//! `ropa flows` on a register file.

use std::path::Path;

use crate::flows::{FlowGraph, scope_by_name, svg};
use crate::{Result, Store};

/// Writes the flow map of the register at `db` as SVG to `out`: the whole register,
/// or the service or party named. Returns the number of nodes and edges drawn.
pub fn write_flow_svg(
    db: &Path,
    out: &Path,
    service: Option<&str>,
    party: Option<&str>,
) -> Result<(usize, usize)> {
    crate::fsio::check_target(out)?;
    let mut store = Store::open_read(db)?;
    let register = store.load_register()?;
    let scope = scope_by_name(&register, service, party)?;
    let graph = FlowGraph::build(&register, scope);
    let svg = svg::render_graph(&register, &graph);
    crate::fsio::write_bytes(out, svg.as_bytes(), "Writing the flow map")?;
    Ok((graph.nodes.len(), graph.edges.len()))
}
