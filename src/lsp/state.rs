//! What every part of the server shares: handles to the document store, settings, corpus and
//! analyses, what the client said about itself at `initialize`, and the stop signal. Holds no
//! logic of its own; each feature module takes the parts it needs.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{OnceLock, RwLock};

use serde_json::Value;
use tokio::sync::Notify;
use tower_lsp_server::ls_types::{ClientCapabilities, InitializeParams};
use tower_lsp_server::Client;

use super::analysis::{Analyses, Check};
use super::commands::WorkspaceCheck;
use super::config::Settings;
use super::corpus::CorpusStore;
use super::documents::Documents;
use super::position::Encoding;

pub struct State {
    pub client: Client,
    pub session: OnceLock<Session>,
    pub documents: Documents,
    pub settings: RwLock<Settings>,
    /// The editor's settings as last sent (`initializationOptions`, then
    /// `didChangeConfiguration`), re-applied whenever factcheck.toml changes.
    pub editor_settings: RwLock<Value>,
    /// The draft whose factcheck.toml the settings were read from, when a draft opened found
    /// one that the workspace root did not have.
    pub project_draft: RwLock<Option<PathBuf>>,
    pub corpus: CorpusStore,
    pub analyses: Analyses,
    /// How documents are checked (the engine's check, but for tests).
    pub check: Check,
    pub stop: Stop,
    pub workspace_check: WorkspaceCheck,
    pub ending: Ending,
}

impl State {
    pub fn new(client: Client, check: Check) -> State {
        State {
            client,
            check,
            ending: Ending::default(),
            session: OnceLock::new(),
            documents: Documents::default(),
            settings: RwLock::new(Settings::default()),
            editor_settings: RwLock::new(Value::Null),
            project_draft: RwLock::new(None),
            corpus: CorpusStore::default(),
            analyses: Analyses::default(),
            stop: Stop::default(),
            workspace_check: WorkspaceCheck::default(),
        }
    }

    /// The session, or the defaults every client supports when asked before `initialize`.
    pub fn session(&self) -> &Session {
        self.session.get_or_init(Session::default)
    }

    pub fn settings(&self) -> Settings {
        self.settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// What the client told us at `initialize`.
#[derive(Clone, Debug, Default)]
pub struct Session {
    pub encoding: Encoding,
    pub folders: Vec<PathBuf>,
    /// `textDocument/diagnostic` is supported: answer pulls as well as pushing.
    pub pull_diagnostics: bool,
    /// `window/workDoneProgress/create` may be sent.
    pub work_done_progress: bool,
    /// `workspace/didChangeWatchedFiles` may be registered dynamically.
    pub watched_files_registration: bool,
    /// Workspace edits may carry versioned `documentChanges`.
    pub document_changes: bool,
    /// Hover contents may be Markdown.
    pub markdown_hover: bool,
    /// Completion documentation may be Markdown: only where the client lists it (Emacs's
    /// eglot lists no format, so it gets plain text).
    pub markdown_completion: bool,
}

impl Session {
    pub fn new(params: &InitializeParams) -> Session {
        let caps: &ClientCapabilities = &params.capabilities;
        let text = caps.text_document.as_ref();
        let workspace = caps.workspace.as_ref();
        Session {
            encoding: Encoding::negotiate(caps),
            folders: folders(params),
            pull_diagnostics: text.is_some_and(|t| t.diagnostic.is_some()),
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            watched_files_registration: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            markdown_hover: text
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .is_none_or(|formats| {
                    formats.contains(&tower_lsp_server::ls_types::MarkupKind::Markdown)
                }),
            markdown_completion: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.documentation_format.as_ref())
                .is_some_and(|formats| {
                    formats.contains(&tower_lsp_server::ls_types::MarkupKind::Markdown)
                }),
        }
    }
}

/// The workspace folders as paths: `workspaceFolders`, else the deprecated `rootUri`.
fn folders(params: &InitializeParams) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    #[allow(deprecated)]
    if out.is_empty() {
        if let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
            out.push(root.into_owned());
        }
    }
    out
}

/// Set once the session is over (`shutdown`, `exit` or end of input): background work checks
/// it and stops, and waits in request handlers give up.
#[derive(Default)]
pub struct Stop {
    stopped: AtomicBool,
    notify: Notify,
}

impl Stop {
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }

    /// Resolves once [`Stop::stop`] has been called.
    pub async fn stopped(&self) {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.is_stopped() {
                return;
            }
            notified.await;
        }
    }
}

/// How the client ended the session, for the process's exit status: the specification asks
/// for 0 after `shutdown` then `exit`, and 1 for an `exit` that no `shutdown` preceded.
#[derive(Default)]
pub struct Ending {
    shutdown: AtomicBool,
    exit: AtomicBool,
}

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// `shutdown`, then `exit`.
    Orderly,
    /// `exit` without `shutdown` first.
    ExitWithoutShutdown,
    /// The input ended without `exit`: the editor closed the pipe or went away.
    InputClosed,
}

impl Ending {
    pub fn shutdown(&self) {
        self.shutdown.store(true, Ordering::SeqCst);
    }

    pub fn exit(&self) {
        self.exit.store(true, Ordering::SeqCst);
    }

    pub fn ended(&self) -> Ended {
        match (
            self.exit.load(Ordering::SeqCst),
            self.shutdown.load(Ordering::SeqCst),
        ) {
            (true, true) => Ended::Orderly,
            (true, false) => Ended::ExitWithoutShutdown,
            (false, _) => Ended::InputClosed,
        }
    }
}
