//! Go to definition: from a cited phrase or a finding to the source passage behind it.

use std::sync::Arc;

use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse, Location};

use super::analysis::Analysed;
use super::position;
use super::sources::{self, Place};
use super::state::State;
use crate::check::Evidence;

pub async fn definition(
    state: &Arc<State>,
    params: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let at = params.text_document_position_params;
    let analysed = state.analyses.current(state, &at.text_document.uri).await?;
    let encoding = state.session().encoding;
    let offset = position::offset(&analysed.rope, at.position, encoding).ok()?;
    let root = state.settings().root;
    let locations: Vec<Location> = evidence_at(&analysed, offset)
        .into_iter()
        .map(|e| sources::place(e, &analysed.corpus, root.as_deref(), encoding))
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
