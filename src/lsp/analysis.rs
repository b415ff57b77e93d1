//! Checking open documents off the reader's task.
//!
//! Each document has at most one worker. An edit marks the document dirty and starts a worker
//! if none runs; the worker checks the newest text on the blocking pool, and loops while edits
//! keep arriving. A burst of keystrokes therefore costs a check or two, never one per
//! keystroke queued behind each other, and work for a superseded version is never started.
//! A result is stamped with the document's [`Stamp`] (which opening, how many edits) and the
//! settings epoch and is dropped, unpublished, if the document moved on while it was computed.
//!
//! A check that panics is stored as a [`Failure`] for that state, like a result: requests on
//! it are answered at once with the failure, its diagnostics are replaced by one saying the
//! text is not checked, it is logged once, and only an edit, a settings change or a re-index
//! checks the document again.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use ropey::Rope;
use tokio::sync::Notify;
use tower_lsp_server::ls_types::{Diagnostic, MessageType, Uri};

use super::actions::Sentences;
use super::config::Settings;
use super::corpus::Loaded;
use super::diagnostics;
use super::documents::{Snapshot, Stamp};
use super::failure::{panic_reason, Failure};
use super::position::Encoding;
use super::state::State;
use crate::check::{Checker, Report};
use crate::text::markdown::Format;
use crate::{CheckOptions, Span};

/// Documents larger than this are not checked as they are typed: a check of 10 MB takes
/// seconds even when most sentences are cached, on every keystroke. Such a document is
/// usually generated, and `factcheck check` is the way to check it.
pub const MAX_LIVE_BYTES: usize = 2 * 1024 * 1024;

/// The longest a request waits for the check of the current text before answering with
/// nothing: a bound, so a request can never hang the session.
const WAIT_LIMIT: Duration = Duration::from_secs(30);

/// How the server checks a text: the engine's [`Checker::check_with_sentences`]. A seam, not
/// a setting: only Rust code that starts the server (the robustness tests, with a check that
/// panics on purpose) can pass another.
pub type Check = fn(&Checker, &str, &CheckOptions) -> (Report, Vec<Span>);

/// One check of one version of a document, with everything features need to answer from it.
pub struct Analysed {
    pub stamp: Stamp,
    /// The client's version number of the text checked.
    pub version: i32,
    epoch: u64,
    pub rope: Rope,
    pub text: String,
    pub format: Format,
    pub report: Report,
    /// Where the text's sentences are, to place citations.
    pub sentences: Sentences,
    /// The diagnostics as pulled (`textDocument/diagnostic`), made on the first pull. Pushed
    /// diagnostics are made once and moved into the notification: keeping a copy here too
    /// would cost a deep copy of every diagnostic's `data` on every keystroke.
    pulled: OnceLock<Vec<Diagnostic>>,
    pub corpus: Arc<Loaded>,
}

impl Analysed {
    /// The settings and corpus generation this check was made with.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// This check's diagnostics, for a pull.
    pub fn diagnostics(&self, settings: &Settings, encoding: Encoding) -> &[Diagnostic] {
        self.pulled
            .get_or_init(|| self.build_diagnostics(settings, encoding))
    }

    fn build_diagnostics(&self, settings: &Settings, encoding: Encoding) -> Vec<Diagnostic> {
        diagnostics::build(&diagnostics::Input {
            report: &self.report,
            sentences: &self.sentences,
            text: &self.text,
            rope: &self.rope,
            format: self.format,
            version: self.version,
            encoding,
            settings,
            corpus: &self.corpus,
        })
    }
}

/// What came of checking one state of a document.
#[derive(Clone)]
pub enum Outcome {
    Checked(Arc<Analysed>),
    Failed(Arc<Failure>),
}

impl Outcome {
    fn stamp(&self) -> (Stamp, u64) {
        match self {
            Outcome::Checked(a) => (a.stamp, a.epoch),
            Outcome::Failed(f) => (f.stamp, f.epoch),
        }
    }
}

/// The check of a document's current text, as a request sees it: `Ok(None)` when there is
/// none to answer from (not open, not checked, no corpus), `Err` when it failed.
pub type Current = Result<Option<Arc<Analysed>>, Arc<Failure>>;

#[derive(Default)]
pub struct Analyses {
    results: Mutex<HashMap<Uri, Outcome>>,
    /// Documents with a running worker, and whether they changed since it took its snapshot.
    workers: Mutex<HashMap<Uri, bool>>,
    /// Bumped when the corpus or the settings change: older results are out of date.
    epoch: AtomicU64,
    /// Woken whenever a worker finishes a round.
    rounds: Notify,
    /// Documents (by opening) already told they are too large to check as typed.
    too_large: Mutex<HashSet<(Uri, u64)>>,
    /// Serialises publishing with clearing, so a result can never land after its document's
    /// `didClose` cleared the diagnostics.
    publishing: tokio::sync::Mutex<()>,
}

impl Analyses {
    /// Marks `uri` as changed and makes sure a worker will check it. Synchronous, so the
    /// `didOpen`/`didChange` handlers call it before their first await.
    pub fn schedule(&self, state: &Arc<State>, uri: &Uri) {
        let mut workers = self.workers.lock().unwrap_or_else(|e| e.into_inner());
        match workers.get_mut(uri) {
            Some(dirty) => *dirty = true,
            None => {
                workers.insert(uri.clone(), true);
                tokio::spawn(work(state.clone(), uri.clone()));
            }
        }
    }

    /// After a re-index or a settings change: every open document is checked again.
    pub fn recheck_all(&self, state: &Arc<State>) {
        self.epoch.fetch_add(1, Ordering::SeqCst);
        for uri in state.documents.uris() {
            self.schedule(state, &uri);
        }
        self.rounds.notify_waiters();
    }

    /// The latest outcome for `uri`, whatever state of the document it was for.
    fn latest(&self, uri: &Uri) -> Option<Outcome> {
        self.results
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(uri)
            .cloned()
    }

    /// The latest outcome for `uri` if it is for this state and epoch.
    fn outcome_for(&self, uri: &Uri, stamp: Stamp, epoch: u64) -> Option<Outcome> {
        self.latest(uri).filter(|o| o.stamp() == (stamp, epoch))
    }

    fn forget(&self, uri: &Uri) -> bool {
        self.results
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(uri)
            .is_some()
    }

    /// Clears a closed document's diagnostics. The document store has already forgotten it,
    /// so no worker publishes for it after this.
    pub async fn closed(&self, state: &State, uri: Uri) {
        self.forget(&uri);
        self.too_large
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(u, _)| *u != uri);
        let _publishing = self.publishing.lock().await;
        state
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    /// The check of the document's current text, waiting for it if a worker is on it; `None`
    /// when the document is not open, not checked, or there is no corpus yet; the failure at
    /// once when the check of this text failed.
    pub async fn current(&self, state: &Arc<State>, uri: &Uri) -> Current {
        let deadline = tokio::time::Instant::now() + WAIT_LIMIT;
        loop {
            let round = self.rounds.notified();
            tokio::pin!(round);
            round.as_mut().enable();
            let Some(snapshot) = state.documents.snapshot(uri) else {
                return Ok(None);
            };
            if !state
                .settings()
                .checks_language(&snapshot.document.language_id)
                || snapshot.document.rope.len_bytes() > MAX_LIVE_BYTES
                || state.corpus.loaded().is_none()
            {
                return Ok(None);
            }
            match self.outcome_for(uri, snapshot.stamp(), self.epoch()) {
                Some(Outcome::Checked(analysed)) => return Ok(Some(analysed)),
                Some(Outcome::Failed(failure)) => return Err(failure),
                None => {}
            }
            if !self
                .workers
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains_key(uri)
            {
                self.schedule(state, uri);
            }
            tokio::select! {
                _ = &mut round => {}
                _ = state.stop.stopped() => return Ok(None),
                _ = tokio::time::sleep_until(deadline) => return Ok(None),
            }
        }
    }

    fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }
}

/// A document's worker: rounds of "take the newest text, check it, publish if still newest"
/// until no edit arrived during the last round.
async fn work(state: Arc<State>, uri: Uri) {
    let _slot = WorkerSlot {
        state: &state,
        uri: &uri,
    };
    loop {
        {
            let mut workers = state
                .analyses
                .workers
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            let dirty = workers.get_mut(&uri).map(std::mem::take);
            if dirty != Some(true) || state.stop.is_stopped() {
                // The lock is released before the slot gives up its place (locals drop in
                // reverse order).
                return;
            }
        }
        round(&state, &uri).await;
        state.analyses.rounds.notify_waiters();
    }
}

/// A document's place in the workers map, given up when its worker ends, however it ends: a
/// worker that died holding it would leave the document never checked again.
struct WorkerSlot<'a> {
    state: &'a State,
    uri: &'a Uri,
}

impl Drop for WorkerSlot<'_> {
    fn drop(&mut self) {
        let analyses = &self.state.analyses;
        analyses
            .workers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(self.uri);
        analyses.rounds.notify_waiters();
    }
}

async fn round(state: &Arc<State>, uri: &Uri) {
    let analyses = &state.analyses;
    let Some(snapshot) = state.documents.snapshot(uri) else {
        return;
    };
    let settings = state.settings();
    let epoch = analyses.epoch();
    let corpus = state.corpus.loaded();
    let size = snapshot.document.rope.len_bytes();
    if size > MAX_LIVE_BYTES {
        too_large(state, &snapshot, size).await;
    }
    let corpus = match corpus {
        Some(c)
            if settings.checks_language(&snapshot.document.language_id)
                && size <= MAX_LIVE_BYTES =>
        {
            c
        }
        // Not ours to check (now), or nothing to check against: take back what we said.
        _ => {
            if analyses.forget(uri) {
                let _publishing = analyses.publishing.lock().await;
                if state.documents.stamp(uri) == Some(snapshot.stamp()) {
                    state
                        .client
                        .publish_diagnostics(
                            uri.clone(),
                            Vec::new(),
                            Some(snapshot.document.version),
                        )
                        .await;
                }
            }
            return;
        }
    };
    // Checked (or failed) already: a failed state is not checked again until it changes.
    if analyses.outcome_for(uri, snapshot.stamp(), epoch).is_some() {
        return;
    }
    let (stamp, version) = (snapshot.stamp(), snapshot.document.version);
    let session = state.session().clone();
    let check = state.check;
    let job = tokio::task::spawn_blocking(move || {
        let analysed = analyse(snapshot, &settings, corpus, epoch, check);
        let diagnostics = analysed.build_diagnostics(&settings, session.encoding);
        (analysed, diagnostics)
    });
    let (outcome, diagnostics) = match job.await {
        Ok((a, d)) => (Outcome::Checked(Arc::new(a)), d),
        Err(e) if e.is_panic() => {
            let failure = Failure {
                stamp,
                version,
                epoch,
                reason: panic_reason(&*e.into_panic()),
            };
            let diagnostics = vec![failure.diagnostic()];
            (Outcome::Failed(Arc::new(failure)), diagnostics)
        }
        // Cancelled: the runtime is shutting down.
        Err(_) => return,
    };
    let _publishing = analyses.publishing.lock().await;
    // Superseded while it ran: a newer round is coming; this one says nothing.
    if state.stop.is_stopped()
        || state.documents.stamp(uri) != Some(stamp)
        || analyses.epoch() != epoch
    {
        return;
    }
    let previous = analyses
        .results
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(uri.clone(), outcome.clone());
    match &outcome {
        Outcome::Checked(analysed) => {
            let previous = match &previous {
                Some(Outcome::Checked(p)) => Some(&**p),
                _ => None,
            };
            log_limits(state, uri, previous, analysed).await;
        }
        Outcome::Failed(failure) => {
            let message = format!(
                "factcheck: checking {} (version {}) failed: {}; its findings are cleared \
                 until the next edit",
                uri.as_str(),
                failure.version,
                failure.reason
            );
            state.client.log_message(MessageType::ERROR, message).await;
        }
    }
    state
        .client
        .publish_diagnostics(uri.clone(), diagnostics, Some(version))
        .await;
}

/// Checks one snapshot: the engine's report, ready for diagnostics and features.
pub fn analyse(
    snapshot: Snapshot,
    settings: &Settings,
    corpus: Arc<Loaded>,
    epoch: u64,
    check: Check,
) -> Analysed {
    let stamp = snapshot.stamp();
    let document = snapshot.document;
    // By chunks: `to_string` formats the rope through `Display`, a few times slower.
    let text: String = document.rope.chunks().collect();
    let format = Format::from_language_id(&document.language_id);
    let path = snapshot.uri.to_file_path().map(|p| p.into_owned());
    let options = settings.check_options(format, path.as_deref());
    let (report, sentences) = check(&corpus.checker, &text, &options);
    Analysed {
        stamp,
        version: document.version,
        epoch,
        rope: document.rope,
        text,
        format,
        report,
        sentences: Sentences::from_spans(sentences),
        pulled: OnceLock::new(),
        corpus,
    }
}

/// Says once per opening of a document that it is too large to check as typed.
async fn too_large(state: &State, snapshot: &Snapshot, size: usize) {
    let first = state
        .analyses
        .too_large
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert((snapshot.uri.clone(), snapshot.document.generation));
    if !first {
        return;
    }
    let message = format!(
        "factcheck: {} is {:.1} MB, over the {} MB limit for checking as you type; \
         it is not checked here (run `factcheck check` on it instead)",
        snapshot.uri.as_str(),
        size as f64 / 1_000_000.0,
        MAX_LIVE_BYTES / (1024 * 1024)
    );
    state
        .client
        .log_message(MessageType::WARNING, &message)
        .await;
    state
        .client
        .show_message(MessageType::WARNING, message)
        .await;
}

/// Limits shown in the log at most per check; the rest are counted.
const LOGGED_LIMITS: usize = 3;

/// Says in the log where a check read the document in a reduced way to stay bounded (a run-on
/// sentence, a sentence of too many words), when that changes: not again on every keystroke.
async fn log_limits(state: &State, uri: &Uri, previous: Option<&Analysed>, analysed: &Analysed) {
    let kinds = |a: &Analysed| {
        let mut k: Vec<_> = a.report.limits.iter().map(|l| l.kind).collect();
        k.sort_unstable();
        k.dedup();
        k
    };
    let limits = &analysed.report.limits;
    if limits.is_empty() || previous.is_some_and(|p| kinds(p) == kinds(analysed)) {
        return;
    }
    let mut message = format!("factcheck: {}: checked within limits:", uri.as_str());
    for limit in limits.iter().take(LOGGED_LIMITS) {
        let at = super::position::position(&analysed.rope, limit.span.start, Encoding::Utf16);
        message.push_str(&format!("\n  line {}: {limit}", at.line + 1));
    }
    if limits.len() > LOGGED_LIMITS {
        message.push_str(&format!("\n  and {} more", limits.len() - LOGGED_LIMITS));
    }
    state.client.log_message(MessageType::INFO, message).await;
}
