//! The corpus as the server holds it: loaded and indexed off the reader (with `$/progress` and
//! a notice naming every source that could not be read), shared through an `Arc` and swapped
//! whole when it is rebuilt, and rebuilt when a source changes on disk (our own watcher, and
//! `workspace/didChangeWatchedFiles` where the client sends it), debounced.
//!
//! A corpus that cannot be loaded leaves the server running: documents get no findings, the
//! status says why, and the next change or `factcheck.reloadCorpus` tries again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio_util::sync::CancellationToken;
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, MessageType,
    NumberOrString, Registration, Unregistration,
};

use super::config;
use super::state::State;
use super::status::{self, Phase, Status};
use crate::check::Checker;
use crate::corpus::{Corpus, Document, LoadEvent, SOURCE_EXTENSIONS};
use crate::files::Reach;
use crate::index::{default_cache_dir, not_kept, CacheUse, Index};

/// How long the sources must be quiet before a re-index: a `git checkout` or an editor's
/// save-by-rename is many events, and one re-index is enough.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Unreadable sources named one by one in the notice; the rest are counted (all are logged).
const NAMED_WARNINGS: usize = 5;

const WATCH_REGISTRATION: &str = "factcheck/watch-sources";

/// An indexed corpus, shared by every check until the next one replaces it.
pub struct Loaded {
    pub checker: Arc<Checker>,
    pub paths: Vec<PathBuf>,
    pub documents: usize,
    pub bytes: usize,
    by_path: HashMap<PathBuf, u32>,
}

impl Loaded {
    pub(crate) fn new(index: Index, paths: Vec<PathBuf>) -> Loaded {
        let corpus = index.corpus();
        let by_path = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.path.as_ref().clone(), i as u32))
            .collect();
        Loaded {
            documents: corpus.documents.len(),
            bytes: corpus.byte_len(),
            paths,
            by_path,
            checker: Arc::new(Checker::new(Arc::new(index))),
        }
    }

    pub fn index(&self) -> &Index {
        self.checker.index()
    }

    /// The source document read from `path`, for evidence positions.
    pub fn source(&self, path: &Path) -> Option<&Document> {
        let &i = self.by_path.get(path)?;
        Some(self.index().document(i))
    }
}

#[derive(Default)]
pub struct CorpusStore {
    current: RwLock<Option<Arc<Loaded>>>,
    /// One load at a time: two would double the memory and race to be installed.
    loading: tokio::sync::Mutex<()>,
    watcher: Mutex<Option<notify::RecommendedWatcher>>,
    changed: Mutex<Option<UnboundedSender<()>>>,
    /// Problems last shown, so a re-index does not repeat the same notice.
    shown: Mutex<Vec<String>>,
    /// The watch patterns registered with the client, if any.
    registered: tokio::sync::Mutex<Option<Vec<String>>>,
}

impl CorpusStore {
    pub fn loaded(&self) -> Option<Arc<Loaded>> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn install(&self, loaded: Option<Arc<Loaded>>) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = loaded;
    }

    /// Ends file watching: the session is over.
    pub fn stop_watching(&self) {
        self.watcher
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        self.changed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
    }

    /// Notes that sources or the project file changed; the debouncer re-indexes once things
    /// are quiet.
    pub fn changed(&self) {
        if let Some(tx) = self
            .changed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            let _ = tx.send(());
        }
    }
}

/// Starts the debouncer that turns bursts of source changes into one refresh.
pub fn start(state: &Arc<State>) {
    let (tx, rx) = unbounded_channel();
    *state
        .corpus
        .changed
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = Some(tx);
    tokio::spawn(debounce(state.clone(), rx));
}

async fn debounce(state: Arc<State>, mut rx: UnboundedReceiver<()>) {
    loop {
        tokio::select! {
            got = rx.recv() => if got.is_none() { return },
            _ = state.stop.stopped() => return,
        }
        // Quiet for DEBOUNCE since the last event.
        loop {
            tokio::select! {
                got = rx.recv() => if got.is_none() { return },
                _ = tokio::time::sleep(DEBOUNCE) => break,
                _ = state.stop.stopped() => return,
            }
        }
        refresh(&state, true).await;
    }
}

/// Re-reads the settings (factcheck.toml and the editor's), re-indexes when the corpus paths
/// changed or `sources_changed`, and re-checks every open document.
pub async fn refresh(state: &Arc<State>, sources_changed: bool) {
    let folders = state.session().folders.clone();
    let editor = state
        .editor_settings
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let draft = state
        .project_draft
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let resolved = config::resolve(&folders, &editor, draft.as_deref());
    show_problems(state, &resolved.problems).await;
    let old = std::mem::replace(
        &mut *state.settings.write().unwrap_or_else(|e| e.into_inner()),
        resolved.settings.clone(),
    );
    let loaded_paths = state.corpus.loaded().map(|l| l.paths.clone());
    if sources_changed
        || old.corpus != resolved.settings.corpus
        || loaded_paths.as_ref() != Some(&resolved.settings.corpus)
    {
        reload(state).await;
    } else {
        state.analyses.recheck_all(state);
    }
}

/// A draft was opened: when the factcheck.toml that governs it is not the one in use, the
/// settings are read again from it if none was in use, or the writer is told that this server
/// serves another project.
pub fn opened(state: &Arc<State>, draft: &Path) {
    let folders = state.session().folders.clone();
    let Some((governing, _)) = config::governing_toml(&folders, Some(draft)) else {
        return;
    };
    let current = state.settings().toml;
    if current.as_ref() == Some(&governing) {
        return;
    }
    let state = state.clone();
    match current {
        None => {
            *state
                .project_draft
                .write()
                .unwrap_or_else(|e| e.into_inner()) = Some(draft.to_path_buf());
            tokio::spawn(async move { refresh(&state, false).await });
        }
        Some(current) => {
            let message = format!(
                "{}: its factcheck.toml is {}, but this server checks against {}, the project \
                 opened first: open {} as a workspace of its own to check it against its \
                 sources",
                draft.display(),
                governing.display(),
                current.display(),
                governing.parent().unwrap_or(&governing).display()
            );
            tokio::spawn(async move {
                state
                    .client
                    .show_message(MessageType::WARNING, format!("factcheck: {message}"))
                    .await;
            });
        }
    }
}

async fn show_problems(state: &State, problems: &[String]) {
    let fresh: Vec<String> = {
        let mut shown = state.corpus.shown.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = problems
            .iter()
            .filter(|p| !shown.contains(p))
            .cloned()
            .collect();
        *shown = problems.to_vec();
        fresh
    };
    for problem in fresh {
        state
            .client
            .show_message(MessageType::ERROR, format!("factcheck: {problem}"))
            .await;
    }
}

/// Loads and indexes the configured corpus, installs it, and re-checks open documents.
pub async fn reload(state: &Arc<State>) {
    let _one_at_a_time = state.corpus.loading.lock().await;
    if state.stop.is_stopped() {
        return;
    }
    let settings = state.settings();
    let paths = settings.corpus.clone();
    let reach = corpus_reach(&settings);
    watch(state, &paths, &settings.toml_folders(), &reach);
    register_watchers(state, &paths).await;
    if paths.is_empty() {
        state.corpus.install(None);
        fail(state, settings.no_corpus()).await;
        state.analyses.recheck_all(state);
        return;
    }
    status::send(
        state,
        Status {
            state: Phase::Indexing,
            documents: 0,
            bytes: 0,
            message: format!("indexing {}", list(&paths, settings.root.as_deref())),
        },
    )
    .await;
    let progress = Progress::begin(state).await;
    let (events_tx, mut events) = unbounded_channel();
    let load_paths = paths.clone();
    let cancel = CancellationToken::new();
    cancel_on_stop(state, &cancel);
    // Ends the task waiting for a stop when this load is over.
    let _loaded = cancel.clone().drop_guard();
    let reach = reach.cancelled_by(cancel);
    let job = tokio::task::spawn_blocking(move || {
        let corpus = Corpus::load_within(&load_paths, reach, &mut |event| {
            let _ = events_tx.send(match event {
                LoadEvent::Found { bytes, .. } => Event::Found { bytes },
                LoadEvent::Loaded { bytes, .. } => Event::Loaded { bytes },
                LoadEvent::Warning(w) => Event::Warning(w.to_string()),
            });
        });
        corpus.map(|c| {
            let (index, cache) = Index::build_cached(c, default_cache_dir().as_deref());
            let _ = events_tx.send(Event::Cache(cache));
            // The checker's word knowledge (WordNet, places, titles) is parsed here, off the
            // reader and before the first check: parsed on a keystroke it would stall it.
            crate::knowledge::warm();
            Loaded::new(index, load_paths)
        })
    });
    let mut warnings = Vec::new();
    let mut cache = None;
    let (mut total, mut done, mut shown_percent) = (0u64, 0u64, 0u32);
    while let Some(event) = events.recv().await {
        match event {
            Event::Cache(used) => cache = Some(used),
            Event::Found { bytes, .. } => total = bytes.max(1),
            Event::Loaded { bytes } => {
                done += bytes;
                // Reading is most of the work; the last tenth is building the index.
                let percent = (done.saturating_mul(90) / total.max(1)).min(90) as u32;
                if percent > shown_percent {
                    shown_percent = percent;
                    progress.report(percent, "reading sources").await;
                }
            }
            Event::Warning(w) => warnings.push(w),
        }
    }
    let result = job.await;
    if state.stop.is_stopped() {
        return;
    }
    warn_unreadable(state, &warnings).await;
    if let Some(note) = cache.as_ref().and_then(cache_note) {
        state.client.log_message(note.0, note.1).await;
    }
    match result {
        Ok(Ok(loaded)) => {
            let loaded = Arc::new(loaded);
            let message = format!(
                "{} sources, {} bytes indexed",
                loaded.documents, loaded.bytes
            );
            progress.end(&message).await;
            let (documents, bytes) = (loaded.documents, loaded.bytes);
            state.corpus.install(Some(loaded));
            status::send(
                state,
                Status {
                    state: Phase::Ready,
                    documents,
                    bytes,
                    message,
                },
            )
            .await;
        }
        Ok(Err(e)) => {
            progress.end("failed").await;
            state.corpus.install(None);
            fail(state, e.to_string()).await;
        }
        Err(e) => {
            progress.end("failed").await;
            // The old index is no better than none: the sources changed under it.
            state.corpus.install(None);
            fail(state, format!("indexing stopped: {e}")).await;
        }
    }
    state.analyses.recheck_all(state);
}

/// Files and folders one corpus load looks at before it stops (and warns): far more than a
/// corpus of a gigabyte holds, far fewer than a disk reached through a mistaken path.
const MAX_CORPUS_ENTRIES: usize = 1_000_000;

/// Where the corpus walk may go: inside the workspace when a project file named the corpus
/// (anyone may write one: a link in its corpus folder to `~/.ssh` is not followed), anywhere
/// the writer's own settings point; bounded either way.
fn corpus_reach(settings: &config::Settings) -> Reach {
    let workspace = match &settings.origin {
        config::Origin::Toml(toml) => toml.parent(),
        config::Origin::Editor | config::Origin::Unset => None,
    };
    let reach = match workspace {
        Some(root) => Reach::within(&[root.to_path_buf()]),
        None => Reach::anywhere(),
    };
    reach.at_most(MAX_CORPUS_ENTRIES)
}

/// Cancels `token` when the server stops; the waiting task ends with the token.
pub(super) fn cancel_on_stop(state: &Arc<State>, token: &CancellationToken) {
    let (state, token) = (state.clone(), token.clone());
    tokio::spawn(async move {
        tokio::select! {
            _ = state.stop.stopped() => token.cancel(),
            _ = token.cancelled() => {}
        }
    });
}

enum Event {
    Found { bytes: u64 },
    Loaded { bytes: u64 },
    Warning(String),
    Cache(CacheUse),
}

/// What the log says about the index cache, if anything.
fn cache_note(used: &CacheUse) -> Option<(MessageType, String)> {
    match used {
        CacheUse::Off => None,
        CacheUse::Loaded(path) => Some((
            MessageType::INFO,
            format!("factcheck: index read from {}", path.display()),
        )),
        CacheUse::Built(Ok(path)) => Some((
            MessageType::INFO,
            format!(
                "factcheck: index written to {} for the next start",
                path.display()
            ),
        )),
        CacheUse::Built(Err(problem)) => Some((
            MessageType::WARNING,
            format!("factcheck: {}", not_kept(problem)),
        )),
    }
}

async fn fail(state: &State, message: String) {
    state
        .client
        .show_message(MessageType::ERROR, format!("factcheck: {message}"))
        .await;
    status::send(
        state,
        Status {
            state: Phase::Error,
            documents: 0,
            bytes: 0,
            message,
        },
    )
    .await;
}

async fn warn_unreadable(state: &State, warnings: &[String]) {
    if warnings.is_empty() {
        return;
    }
    for w in warnings {
        state
            .client
            .log_message(
                MessageType::WARNING,
                format!("factcheck: source skipped: {w}"),
            )
            .await;
    }
    let mut text = format!(
        "factcheck: {} source file{} could not be read as given: {}",
        warnings.len(),
        if warnings.len() == 1 { "" } else { "s" },
        warnings[..warnings.len().min(NAMED_WARNINGS)].join("; ")
    );
    if warnings.len() > NAMED_WARNINGS {
        text.push_str(&format!(
            "; and {} more (see the log)",
            warnings.len() - NAMED_WARNINGS
        ));
    }
    state.client.show_message(MessageType::WARNING, text).await;
}

fn list(paths: &[PathBuf], root: Option<&Path>) -> String {
    paths
        .iter()
        .map(|p| super::sources::display_name(&p.to_string_lossy(), root))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `$/progress` for one load, when the client accepts server-initiated progress.
struct Progress(
    Option<
        tower_lsp_server::OngoingProgress<
            tower_lsp_server::Bounded,
            tower_lsp_server::NotCancellable,
        >,
    >,
);

impl Progress {
    async fn begin(state: &State) -> Progress {
        if !state.session().work_done_progress {
            return Progress(None);
        }
        let token =
            NumberOrString::String(format!("factcheck/indexing/{}", state.corpus.next_token()));
        // A spawned task (never a notification handler) may wait for the client's answer.
        if state
            .client
            .create_work_done_progress(token.clone())
            .await
            .is_err()
        {
            return Progress(None);
        }
        let ongoing = state
            .client
            .progress(token, "factcheck: indexing sources")
            .with_percentage(0)
            .begin()
            .await;
        Progress(Some(ongoing))
    }

    async fn report(&self, percent: u32, message: &str) {
        if let Some(p) = &self.0 {
            p.report_with_message(message.to_string(), percent).await;
        }
    }

    async fn end(self, message: &str) {
        if let Some(p) = self.0 {
            p.finish_with_message(message.to_string()).await;
        }
    }
}

impl CorpusStore {
    fn next_token(&self) -> u64 {
        static TOKENS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        TOKENS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1
    }
}

/// Watches the corpus paths and the workspace folders' factcheck.toml with the operating
/// system's file notifications.
/// The watcher walks the folders it watches: where the corpus walk is confined, it follows no
/// links either (a link to `/` in a corpus folder would have it walk, and watch, the disk).
fn watch(state: &Arc<State>, paths: &[PathBuf], folders: &[PathBuf], reach: &Reach) {
    let relevant = Relevance {
        sources: paths.to_vec(),
        tomls: folders
            .iter()
            .map(|f| f.join(crate::config::FILE_NAME))
            .collect(),
    };
    let weak = Arc::downgrade(state);
    let handler = move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        if event.paths.iter().any(|p| relevant.matters(p)) {
            if let Some(state) = weak.upgrade() {
                state.corpus.changed();
            }
        }
    };
    let options = notify::Config::default().with_follow_symlinks(!reach.is_confined());
    let mut watcher = match notify::RecommendedWatcher::new(handler, options) {
        Ok(w) => w,
        Err(e) => {
            tracing_warn(state, format!("cannot watch the sources for changes: {e}"));
            return;
        }
    };
    for path in paths {
        let result = if path.is_dir() {
            watcher.watch(path, RecursiveMode::Recursive)
        } else {
            // A file is watched through its folder: editors often save by writing a new file
            // and renaming it over the old one, which ends a watch on the file itself.
            match path.parent().filter(|p| p.is_dir()) {
                Some(parent) => watcher.watch(parent, RecursiveMode::NonRecursive),
                None => Ok(()),
            }
        };
        if let Err(e) = result {
            tracing_warn(state, format!("cannot watch {}: {e}", path.display()));
        }
    }
    for folder in folders.iter().filter(|f| f.is_dir()) {
        if let Err(e) = watcher.watch(folder, RecursiveMode::NonRecursive) {
            tracing_warn(state, format!("cannot watch {}: {e}", folder.display()));
        }
    }
    *state
        .corpus
        .watcher
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = Some(watcher);
}

fn tracing_warn(state: &Arc<State>, message: String) {
    let state = state.clone();
    tokio::spawn(async move {
        state
            .client
            .log_message(MessageType::WARNING, format!("factcheck: {message}"))
            .await;
    });
}

/// Which changed paths call for a re-index.
struct Relevance {
    sources: Vec<PathBuf>,
    tomls: Vec<PathBuf>,
}

impl Relevance {
    fn matters(&self, path: &Path) -> bool {
        if self.tomls.iter().any(|t| t == path) {
            return true;
        }
        self.sources.iter().any(|root| {
            if path == root {
                return true;
            }
            let Ok(inside) = path.strip_prefix(root) else {
                return false;
            };
            // Hidden files (editor swap files, .git) are never read as sources.
            let hidden = inside
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            let source_like = match path.extension().and_then(|e| e.to_str()) {
                Some(e) => SOURCE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()),
                // A folder, created or removed.
                None => true,
            };
            !hidden && source_like
        })
    }
}

/// Asks the client to send `workspace/didChangeWatchedFiles` for the sources and the project
/// file, where it can register that dynamically. Runs in a spawned task, never in a
/// notification handler, since it waits for the client's answer.
async fn register_watchers(state: &State, paths: &[PathBuf]) {
    if !state.session().watched_files_registration {
        return;
    }
    let mut patterns: Vec<String> = paths
        .iter()
        .map(|p| {
            if p.is_dir() {
                format!("{}/**/*", p.display())
            } else {
                p.display().to_string()
            }
        })
        .collect();
    patterns.push(format!("**/{}", crate::config::FILE_NAME));
    let mut registered = state.corpus.registered.lock().await;
    if registered.as_ref() == Some(&patterns) {
        return;
    }
    if registered.take().is_some() {
        let _ = state
            .client
            .unregister_capability(vec![Unregistration {
                id: WATCH_REGISTRATION.into(),
                method: "workspace/didChangeWatchedFiles".into(),
            }])
            .await;
    }
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: patterns
            .iter()
            .map(|p| FileSystemWatcher {
                glob_pattern: GlobPattern::String(p.clone()),
                kind: None,
            })
            .collect(),
    };
    let registration = Registration {
        id: WATCH_REGISTRATION.into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    };
    if state
        .client
        .register_capability(vec![registration])
        .await
        .is_ok()
    {
        *registered = Some(patterns);
    }
}

/// `workspace/didChangeWatchedFiles`: the same as our own watcher noticing the change.
pub fn client_saw_changes(state: &State, paths: impl IntoIterator<Item = PathBuf>) {
    let settings = state.settings();
    let relevant = Relevance {
        sources: settings.corpus.clone(),
        tomls: settings
            .toml_folders()
            .iter()
            .map(|f| f.join(crate::config::FILE_NAME))
            .collect(),
    };
    if paths.into_iter().any(|p| relevant.matters(&p)) {
        state.corpus.changed();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_source_files_and_the_project_file_matter() {
        let r = Relevance {
            sources: vec![PathBuf::from("/w/seeds"), PathBuf::from("/w/one.txt")],
            tomls: vec![PathBuf::from("/w/factcheck.toml")],
        };
        assert!(r.matters(Path::new("/w/seeds/a.txt")));
        assert!(r.matters(Path::new("/w/seeds/sub")));
        assert!(r.matters(Path::new("/w/one.txt")));
        assert!(r.matters(Path::new("/w/factcheck.toml")));
        assert!(!r.matters(Path::new("/w/seeds/.a.txt.swp")));
        assert!(!r.matters(Path::new("/w/seeds/.git/index")));
        assert!(!r.matters(Path::new("/w/seeds/picture.png")));
        assert!(!r.matters(Path::new("/w/draft.md")));
    }
}
