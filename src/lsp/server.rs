//! The `LanguageServer` implementation: dispatch only; every feature lives in its own module.
//!
//! Notification handlers do their synchronous part (apply the edit, mark the document dirty)
//! before any `.await` and spawn the rest: they never wait for the client, whose answers the
//! reader might be unable to deliver while every handler slot waits.
//!
//! A handler that panics is caught by [`Dispatch`](super::dispatch::Dispatch), one level down.

use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::analysis::{Analysed, Check};
use super::documents::ChangeError;
use super::state::{Session, State};
use super::{actions, commands, completion, config, corpus, definition, diagnostics, hover};

#[derive(Deserialize)]
pub struct Malformed {
    problem: String,
}

pub struct Server {
    pub(super) state: Arc<State>,
}

impl Server {
    pub fn new(client: Client, check: Check) -> Server {
        Server {
            state: Arc::new(State::new(client, check)),
        }
    }

    /// The check of `uri`'s current text, for a request that answers from it; a failed check
    /// is the request's error, named.
    async fn analysed(&self, uri: &Uri) -> Result<Option<Arc<Analysed>>> {
        self.state
            .analyses
            .current(&self.state, uri)
            .await
            .map_err(|failure| failure.error())
    }

    /// `factcheck/malformedMessage`: what the input guard turns a malformed frame into. The
    /// answer is the JSON-RPC error the frame deserved; the session goes on.
    pub async fn malformed(&self, params: Malformed) -> Result<()> {
        let message = format!("factcheck: malformed message ignored: {}", params.problem);
        self.state
            .client
            .log_message(MessageType::WARNING, &message)
            .await;
        let code = if params.problem.starts_with("not JSON") {
            ErrorCode::ParseError
        } else {
            ErrorCode::InvalidRequest
        };
        Err(Error {
            code,
            message: message.into(),
            data: None,
        })
    }

    /// Logs a warning from a notification handler without waiting in it.
    fn warn(&self, message: String) {
        let client = self.state.client.clone();
        tokio::spawn(async move {
            client
                .log_message(MessageType::WARNING, format!("factcheck: {message}"))
                .await;
        });
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let session = Session::new(&params);
        let editor = params.initialization_options.unwrap_or(Value::Null);
        *self
            .state
            .editor_settings
            .write()
            .unwrap_or_else(|e| e.into_inner()) = editor.clone();
        // Settings now, so documents opened right after `initialized` are read with them; the
        // problems are shown once the client may receive messages (in `initialized`).
        let resolved = config::resolve(&session.folders, &editor, None);
        *self
            .state
            .settings
            .write()
            .unwrap_or_else(|e| e.into_inner()) = resolved.settings;
        let capabilities = capabilities(&session);
        let _ = self.state.session.set(session);
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "factcheck".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let state = self.state.clone();
        corpus::start(&state);
        tokio::spawn(async move { corpus::refresh(&state, true).await });
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.stop.stop();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.state
            .documents
            .open(doc.uri.clone(), doc.language_id, doc.version, &doc.text);
        if let Some(path) = doc.uri.to_file_path() {
            corpus::opened(&self.state, &path);
        }
        self.state.analyses.schedule(&self.state, &doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let result = self.state.documents.change(
            &uri,
            params.text_document.version,
            params.content_changes,
            self.state.session().encoding,
        );
        match result {
            Ok(()) => {}
            Err(ChangeError::NotOpen) => {
                return self.warn(format!(
                    "ignored didChange for {}: the document is not open",
                    uri.as_str()
                ))
            }
            Err(e @ ChangeError::OutOfRange(_)) => {
                self.warn(format!("{}: {e}", uri.as_str()));
            }
        }
        self.state.analyses.schedule(&self.state, &uri);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if !self.state.documents.close(&uri) {
            return self.warn(format!(
                "ignored didClose for {}: the document is not open",
                uri.as_str()
            ));
        }
        let state = self.state.clone();
        tokio::spawn(async move { state.analyses.closed(&state, uri).await });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        *self
            .state
            .editor_settings
            .write()
            .unwrap_or_else(|e| e.into_inner()) = params.settings;
        let state = self.state.clone();
        tokio::spawn(async move { corpus::refresh(&state, false).await });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let paths = params
            .changes
            .iter()
            .filter_map(|c| c.uri.to_file_path().map(|p| p.into_owned()));
        corpus::client_saw_changes(&self.state, paths);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(analysed) = self.analysed(&at.text_document.uri).await? else {
            return Ok(None);
        };
        let root = self.state.settings().root;
        Ok(hover::hover(
            &analysed,
            at.position,
            self.state.session(),
            root.as_deref(),
        ))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let Some(analysed) = self.analysed(&at.text_document.uri).await? else {
            return Ok(None);
        };
        let root = self.state.settings().root;
        Ok(definition::definition(
            &analysed,
            at.position,
            self.state.session().encoding,
            root.as_deref(),
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let actions = actions::code_actions(&self.state, params).await;
        Ok((!actions.is_empty()).then_some(actions))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        Ok(completion::complete(&self.state, params))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        Ok(diagnostics::pull(&self.state, params).await)
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        commands::execute(&self.state, params).await
    }
}

fn capabilities(session: &Session) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(session.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(actions::CITE_KIND),
            ]),
            ..CodeActionOptions::default()
        })),
        completion_provider: Some(CompletionOptions {
            // Inside a quotation each new word may narrow the source passages down.
            trigger_characters: Some(vec![" ".into()]),
            ..CompletionOptions::default()
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: commands::ALL.iter().map(|c| c.to_string()).collect(),
            ..ExecuteCommandOptions::default()
        }),
        diagnostic_provider: session.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some(diagnostics::SOURCE.into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                ..DiagnosticOptions::default()
            })
        }),
        ..ServerCapabilities::default()
    }
}
