//! Findings as LSP diagnostics: pushed with the document version on every check, and
//! answered to `textDocument/diagnostic` pulls where the client supports them.
//!
//! Each diagnostic carries in `data` every edit its code actions offer (computed here, at
//! check time, against the text that was checked), so a code action is a lookup, never a
//! second analysis. The sources travel once, as `relatedInformation`: go-to-definition and
//! `factcheck.showSources` read them from the analysis, and a copy in `data` would be
//! serialised on every keystroke for nothing.

use std::sync::Arc;

use ropey::Rope;
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    Location, NumberOrString, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, TextEdit, UnchangedDocumentDiagnosticReport,
};

use super::actions::{self, Edit};
use super::config::Settings;
use super::corpus::Loaded;
use super::documents::Stamp;
use super::position::{self, Encoding};
use super::sources::{self, Place};
use super::state::State;
use crate::check::{Code, Finding, Report, Severity};
use crate::text::markdown::Format;

pub const SOURCE: &str = "factcheck";

/// What a diagnostic's code actions need, in `Diagnostic.data`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Data {
    /// The document version the edits apply to.
    pub version: i32,
    pub code: String,
    /// Replace the flagged words with a source's exact words: one per distinct wording.
    pub fixes: Vec<Edit>,
    /// Cite a source after the sentence: one per source.
    pub citations: Vec<Edit>,
    /// Silence this finding with the ignore directive on the line before.
    pub ignore: Edit,
}

pub struct Input<'a> {
    pub report: &'a Report,
    /// The sentences the check read, to place citations after.
    pub sentences: &'a actions::Sentences,
    pub text: &'a str,
    pub rope: &'a Rope,
    pub format: Format,
    pub version: i32,
    pub encoding: Encoding,
    pub settings: &'a Settings,
    pub corpus: &'a Arc<Loaded>,
}

pub fn build(input: &Input) -> Vec<Diagnostic> {
    if input.report.findings.is_empty() {
        return Vec::new();
    }
    // Only misquotes are cited: the footnotes are read only for them, once.
    let citer = input
        .report
        .findings
        .iter()
        .any(|f| f.code == Code::Misquote)
        .then(|| actions::Citer::new(input.text, input.rope, input.encoding));
    input
        .report
        .findings
        .iter()
        .map(|f| diagnostic(input, citer.as_ref(), f))
        .collect()
}

fn diagnostic(input: &Input, citer: Option<&actions::Citer>, finding: &Finding) -> Diagnostic {
    let root = input.settings.root.as_deref();
    let places: Vec<Place> = finding
        .evidence
        .iter()
        .map(|e| sources::place(e, input.corpus, root, input.encoding))
        .collect();
    let range = |span| position::range(input.rope, span, input.encoding);
    let fixes = finding
        .fixes
        .iter()
        .map(|fix| Edit {
            title: fix.title.clone(),
            edits: vec![TextEdit::new(range(fix.span), fix.replacement.clone())],
        })
        .collect();
    // Citing a source makes sense for quoted words it holds nearly as written; a source that
    // says otherwise is no citation for a contradicted claim.
    let citations = match (finding.code, citer) {
        (Code::Misquote, Some(citer)) => {
            let end = input.sentences.end_of(finding.span);
            let style = input.settings.citation_style(input.format);
            places.iter().map(|p| citer.cite(end, p, style)).collect()
        }
        _ => Vec::new(),
    };
    let ignore = actions::ignore(input.text, input.rope, input.encoding, finding.span);
    let data = Data {
        version: input.version,
        code: finding.code.as_str().to_string(),
        fixes,
        citations,
        ignore,
    };
    Diagnostic {
        range: range(finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.as_str().to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        related_information: related(&places),
        tags: None,
        data: serde_json::to_value(data).ok(),
    }
}

fn related(places: &[Place]) -> Option<Vec<DiagnosticRelatedInformation>> {
    let related: Vec<DiagnosticRelatedInformation> = places
        .iter()
        .filter_map(|p| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(p.uri.clone()?, p.range),
                message: format!("{}:{}: {}", p.source, p.line, p.quote),
            })
        })
        .collect();
    (!related.is_empty()).then_some(related)
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The `data` of a diagnostic the client sent back, if it is one of ours.
pub fn data(diagnostic: &Diagnostic) -> Option<Data> {
    if diagnostic.source.as_deref() != Some(SOURCE) {
        return None;
    }
    serde_json::from_value(diagnostic.data.clone()?).ok()
}

/// `textDocument/diagnostic`: the diagnostics of the current text, with an id of the state
/// checked as the result id, so an unchanged document costs the client nothing. A failed check
/// answers with the one diagnostic saying so.
pub async fn pull(
    state: &Arc<State>,
    params: DocumentDiagnosticParams,
) -> DocumentDiagnosticReportResult {
    let uri = params.text_document.uri;
    let (result_id, items) = match state.analyses.current(state, &uri).await {
        Ok(Some(a)) => (
            Some(result_id(a.stamp, a.epoch())),
            a.diagnostics(&state.settings(), state.session().encoding)
                .to_vec(),
        ),
        Ok(None) => (None, Vec::new()),
        Err(failure) => (
            Some(result_id(failure.stamp, failure.epoch)),
            vec![failure.diagnostic()],
        ),
    };
    let report = match (&result_id, &params.previous_result_id) {
        (Some(id), Some(previous)) if id == previous => {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id: id.clone(),
                },
            })
        }
        _ => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
        }),
    };
    DocumentDiagnosticReportResult::Report(report)
}

/// Names one state of a document checked with one epoch of settings and corpus.
fn result_id(stamp: Stamp, epoch: u64) -> String {
    format!("{}:{}:{}", stamp.generation, stamp.edits, epoch)
}
