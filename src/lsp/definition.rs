//! Go to definition: from a cited phrase or a finding to the source passage behind it. A plain
//! function of a stored check: the server finds the check.

use std::path::Path;

use tower_lsp_server::ls_types::{GotoDefinitionResponse, Location, Position};

use super::analysis::Analysed;
use super::position::{self, Encoding};
use super::sources::{self, Place};
use crate::check::Evidence;

/// The source passages behind `at` in the checked text.
pub fn definition(
    analysed: &Analysed,
    at: Position,
    encoding: Encoding,
    root: Option<&Path>,
) -> Option<GotoDefinitionResponse> {
    let offset = position::offset(&analysed.rope, at, encoding).ok()?;
    let locations: Vec<Location> = evidence_at(analysed, offset)
        .into_iter()
        .map(|e| sources::place(e, &analysed.corpus, root, encoding))
        .filter_map(|p: Place| Some(Location::new(p.uri?, p.range)))
        .collect();
    match locations.len() {
        0 => None,
        1 => locations
            .into_iter()
            .next()
            .map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(locations)),
    }
}

/// The evidence behind whatever is at `offset`: findings first (what the sources say
/// instead), then citations; each source passage once.
pub fn evidence_at(analysed: &Analysed, offset: usize) -> Vec<&Evidence> {
    let findings = analysed
        .report
        .findings
        .iter()
        .filter(|f| f.span.contains(offset))
        .flat_map(|f| &f.evidence);
    let citations = analysed
        .report
        .citations
        .iter()
        .filter(|c| c.span.contains(offset))
        .flat_map(|c| &c.sources);
    let mut out: Vec<&Evidence> = Vec::new();
    for e in findings.chain(citations) {
        if !out.iter().any(|o| o.path == e.path && o.span == e.span) {
            out.push(e);
        }
    }
    out
}
