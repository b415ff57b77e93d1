//! `workspace/executeCommand`: `factcheck.reloadCorpus` (re-index and re-check open
//! documents), `factcheck.checkWorkspace` (check every draft under the workspace folders and
//! publish its diagnostics) and `factcheck.showSources` (the sources behind a position).

use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ropey::Rope;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;
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
use crate::files::read::{self, MAX_DRAFT_BYTES};
use crate::files::walk::BUILD_FOLDERS;
use crate::files::{decode, Decoded, Ended, Ignores, Met, Reach, Rules, Walk};
use crate::text::markdown::Format;

pub const RELOAD_CORPUS: &str = "factcheck.reloadCorpus";
pub const CHECK_WORKSPACE: &str = "factcheck.checkWorkspace";
pub const SHOW_SOURCES: &str = "factcheck.showSources";

pub const ALL: [&str; 3] = [RELOAD_CORPUS, CHECK_WORKSPACE, SHOW_SOURCES];

/// Files and folders `checkWorkspace` looks at before it stops (and says so in its answer): a
/// workspace opened at a home folder or `/` is no project of drafts, and its walk would hold
/// the blocking pool for minutes.
const MAX_WORKSPACE_ENTRIES: usize = 100_000;

/// The running `factcheck.checkWorkspace`, if any. The next one cancels it (its answer would
/// be stale), as does shutdown, and so does the client dropping the request.
#[derive(Default)]
pub struct WorkspaceCheck(std::sync::Mutex<CancellationToken>);

impl WorkspaceCheck {
    /// Cancels the check running, if any, and gives the new one's token.
    fn begin(&self) -> CancellationToken {
        let token = CancellationToken::new();
        let mut running = self.0.lock().unwrap_or_else(|e| e.into_inner());
        std::mem::replace(&mut *running, token.clone()).cancel();
        token
    }
}

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
    let cancel = state.workspace_check.begin();
    // This request's future is dropped when the client cancels it: the walk ends with it.
    let _cancel_when_dropped = cancel.clone().drop_guard();
    super::corpus::cancel_on_stop(state, &cancel);
    let walking = cancel.clone();
    let check = state.check;
    let job = tokio::task::spawn_blocking(move || {
        let drafts = drafts(&settings, walking.clone());
        let mut results = Vec::new();
        let mut skipped = Vec::new();
        // Drafts read with repairs: checked, and the writer told what was replaced.
        let mut warnings = Vec::new();
        for path in drafts.files {
            if walking.is_cancelled() {
                break;
            }
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
    if cancel.is_cancelled() {
        return Err(Error {
            message: "factcheck.checkWorkspace was cancelled: a newer one started, or the \
                      server is shutting down"
                .into(),
            ..Error::request_cancelled()
        });
    }
    for warning in warnings {
        state
            .client
            .log_message(MessageType::WARNING, format!("factcheck: {warning}"))
            .await;
    }
    let files = results.len();
    let mut findings = 0;
    for (uri, diags) in results {
        if cancel.is_cancelled() {
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
    let bytes = read::read(path, MAX_DRAFT_BYTES).map_err(|e| e.to_string())?;
    // Repaired, as an editor opening the file shows it.
    let (text, repaired) = match decode(bytes).map_err(|e| format!("skipped: {e}"))? {
        Decoded::Utf8(text) => (text, None),
        Decoded::Repaired { text, bad } => (
            text,
            Some(format!(
                "invalid UTF-8 at byte {}: checked with U+FFFD in place of the bad bytes",
                bad.byte
            )),
        ),
    };
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
/// hidden folders and build output; never a file outside the workspace folders, whatever a
/// link inside them says; at most [`MAX_WORKSPACE_ENTRIES`] looked at; until `cancel`.
fn drafts(settings: &Settings, cancel: CancellationToken) -> Drafts {
    let mut out = Drafts {
        files: Vec::new(),
        skipped: Vec::new(),
    };
    let wanted = |path: &Path| settings.config.wants_extension(path);
    let rules = Rules {
        wanted: &wanted,
        skip_folders: BUILD_FOLDERS,
        exclude: settings
            .corpus
            .iter()
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect(),
        max_bytes: MAX_DRAFT_BYTES,
        ignores: Ignores::drafts(settings.config.exclude.clone()),
    };
    let reach = Reach::within(&settings.folders)
        .at_most(MAX_WORKSPACE_ENTRIES)
        .cancelled_by(cancel);
    let mut walk = Walk::new(rules, reach);
    // A draft met again through a link inside the workspace is checked once.
    let mut seen = HashSet::new();
    for folder in &settings.folders {
        let ended = walk.named(folder, &mut |met| match met {
            Met::File(file) => {
                if seen.insert(file.canonical.unwrap_or_else(|| file.path.clone())) {
                    out.files.push(file.path);
                }
            }
            Met::Skipped(skipped) => {
                out.skipped
                    .push(format!("{}: {}", skipped.path.display(), skipped.why))
            }
        });
        if ended != Ended::Whole {
            out.skipped.push(format!("{}: {ended}", folder.display()));
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_workspace_check_cancels_the_one_running() {
        let running = WorkspaceCheck::default();
        let first = running.begin();
        assert!(!first.is_cancelled());
        let second = running.begin();
        assert!(first.is_cancelled());
        assert!(!second.is_cancelled());
    }
}
