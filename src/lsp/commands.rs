//! `workspace/executeCommand`: `factcheck.reloadCorpus` (re-index and re-check open
//! documents), `factcheck.checkWorkspace` (check every draft under the workspace folders and
//! publish its diagnostics) and `factcheck.showSources` (the sources behind a position).

use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ropey::Rope;
use serde_json::{json, Value};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{Diagnostic, ExecuteCommandParams, MessageType, Position, Uri};

use super::analysis::Check;
use super::config::Settings;
use super::corpus::{self, Loaded};
use super::definition::evidence_at;
use super::diagnostics;
use super::failure::{panic_reason, request_failed};
use super::position;
use super::sources;
use super::state::State;
use crate::text::markdown::Format;

pub const RELOAD_CORPUS: &str = "factcheck.reloadCorpus";
pub const CHECK_WORKSPACE: &str = "factcheck.checkWorkspace";
pub const SHOW_SOURCES: &str = "factcheck.showSources";

pub const ALL: [&str; 3] = [RELOAD_CORPUS, CHECK_WORKSPACE, SHOW_SOURCES];

/// Drafts larger than this are skipped by `checkWorkspace` (and named in its answer): they
/// are almost never prose, and would hold the blocking pool for long.
const MAX_DRAFT_BYTES: u64 = 16 * 1024 * 1024;

pub async fn execute(state: &Arc<State>, params: ExecuteCommandParams) -> Result<Option<Value>> {
    match params.command.as_str() {
        RELOAD_CORPUS => {
            corpus::refresh(state, true).await;
            Ok(Some(match state.corpus.loaded() {
                Some(l) => json!({"state": "ready", "documents": l.documents, "bytes": l.bytes}),
                None => json!({"state": "error", "documents": 0, "bytes": 0}),
            }))
        }
        CHECK_WORKSPACE => check_workspace(state).await.map(Some),
        SHOW_SOURCES => show_sources(state, &params.arguments).await.map(Some),
        other => Err(Error::invalid_params(format!(
            "unknown command {other:?}: expected one of {}",
            ALL.join(", ")
        ))),
    }
}

async fn show_sources(state: &Arc<State>, args: &[Value]) -> Result<Value> {
    let (uri, at) = match args {
        [uri, at] => (
            serde_json::from_value::<Uri>(uri.clone()),
            serde_json::from_value::<Position>(at.clone()),
        ),
        _ => {
            return Err(Error::invalid_params(
                "factcheck.showSources takes [uri, position]",
            ))
        }
    };
    let (Ok(uri), Ok(at)) = (uri, at) else {
        return Err(Error::invalid_params(
            "factcheck.showSources takes [uri, position]: a document URI and an LSP position",
        ));
    };
    let Some(analysed) = state
        .analyses
        .current(state, &uri)
        .await
        .map_err(|failure| failure.error())?
    else {
        return Ok(json!({"sources": []}));
    };
    let encoding = state.session().encoding;
    let offset = position::offset(&analysed.rope, at, encoding)
        .map_err(|e| Error::invalid_params(e.to_string()))?;
    let root = state.settings().root;
    let sources: Vec<Value> = evidence_at(&analysed, offset)
        .into_iter()
        .map(|e| {
            let p = sources::place(e, &analysed.corpus, root.as_deref(), encoding);
            json!({"source": p.source, "uri": p.uri, "line": p.line, "quote": p.quote})
        })
        .collect();
    Ok(json!({ "sources": sources }))
}

async fn check_workspace(state: &Arc<State>) -> Result<Value> {
    let Some(corpus) = state.corpus.loaded() else {
        return Err(request_failed(
            "no corpus is loaded: see the factcheck status",
        ));
    };
    let settings = state.settings();
    let open: HashSet<Uri> = state.documents.uris().into_iter().collect();
    let encoding = state.session().encoding;
    let check = state.check;
    let job = tokio::task::spawn_blocking(move || {
        let drafts = drafts(&settings);
        let mut results = Vec::new();
        let mut skipped = Vec::new();
        // Drafts read with repairs: checked, and the writer told what was replaced.
        let mut warnings = Vec::new();
        for path in drafts.files {
            let Some(uri) = Uri::from_file_path(&path) else {
                continue;
            };
            if open.contains(&uri) {
                // Open documents are checked as they are typed.
                continue;
            }
            match check_file(&path, &settings, &corpus, encoding, check) {
                Ok(Checked {
                    diagnostics,
                    repaired,
                }) => {
                    if let Some(problem) = repaired {
                        warnings.push(format!("{}: {problem}", path.display()));
                    }
                    results.push((uri, diagnostics));
                }
                Err(problem) => skipped.push(format!("{}: {problem}", path.display())),
            }
        }
        skipped.extend(drafts.skipped);
        (results, skipped, warnings)
    });
    let (results, skipped, warnings) = job
        .await
        .map_err(|e| request_failed(format!("checking the workspace failed: {e}")))?;
    for warning in warnings {
        state
            .client
            .log_message(MessageType::WARNING, format!("factcheck: {warning}"))
            .await;
    }
    let files = results.len();
    let mut findings = 0;
    for (uri, diags) in results {
        if state.stop.is_stopped() {
            break;
        }
        findings += diags.len();
        state.client.publish_diagnostics(uri, diags, None).await;
    }
    Ok(json!({"files": files, "findings": findings, "skipped": skipped}))
}

/// One draft checked from disk.
struct Checked {
    diagnostics: Vec<Diagnostic>,
    /// What was repaired to read it (invalid UTF-8), if anything.
    repaired: Option<String>,
}

fn check_file(
    path: &Path,
    settings: &Settings,
    corpus: &Arc<Loaded>,
    encoding: position::Encoding,
    check: Check,
) -> std::result::Result<Checked, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err("skipped: a binary file (it holds NUL bytes), not text".into());
    }
    let repaired = std::str::from_utf8(&bytes).err().map(|e| {
        format!(
            "invalid UTF-8 at byte {}: checked with U+FFFD in place of the bad bytes",
            e.valid_up_to()
        )
    });
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let format = Format::from_path(path);
    // A check that panics on one draft costs that draft, not the other drafts' answer.
    let diagnostics = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let options = settings.check_options(format, Some(path));
        let (report, sentences) = check(&corpus.checker, &text, &options);
        let rope = Rope::from_str(&text);
        diagnostics::build(&diagnostics::Input {
            report: &report,
            sentences: &super::actions::Sentences::from_spans(sentences),
            text: &text,
            rope: &rope,
            format,
            version: 0,
            encoding,
            settings,
            corpus,
        })
    }))
    .map_err(|payload| format!("not checked: {}", panic_reason(&*payload)))?;
    Ok(Checked {
        diagnostics,
        repaired,
    })
}

struct Drafts {
    files: Vec<PathBuf>,
    skipped: Vec<String>,
}

/// Drafts under the workspace folders: files with a configured extension, outside the corpus,
/// hidden folders and build output.
fn drafts(settings: &Settings) -> Drafts {
    let mut out = Drafts {
        files: Vec::new(),
        skipped: Vec::new(),
    };
    let mut seen = HashSet::new();
    let mut stack: Vec<PathBuf> = settings.folders.clone();
    while let Some(dir) = stack.pop() {
        let Ok(real) = std::fs::canonicalize(&dir) else {
            continue;
        };
        if !seen.insert(real) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            out.skipped
                .push(format!("{}: cannot list folder", dir.display()));
            continue;
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for path in children {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with('.') || name == "target" || name == "node_modules" {
                continue;
            }
            if settings.corpus.iter().any(|c| path.starts_with(c)) {
                continue;
            }
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() && settings.config.wants_extension(&path) {
                if meta.len() > MAX_DRAFT_BYTES {
                    out.skipped.push(format!(
                        "{}: skipped: {} bytes is over the limit of {MAX_DRAFT_BYTES}",
                        path.display(),
                        meta.len()
                    ));
                } else {
                    out.files.push(path);
                }
            }
        }
    }
    out.files.sort();
    out
}
