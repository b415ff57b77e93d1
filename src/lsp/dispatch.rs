//! Between the transport and the handlers: every message the server reads passes through
//! [`Dispatch`] on its way to tower-lsp-server's router.
//!
//! - A panic in a handler ends that handler only: a request is answered with an internal
//!   error naming it, and either kind is logged once. Without this a panic unwinds through the
//!   transport's task, where every handler runs, and ends the server.
//! - A notification whose params do not fit its type is named in the log: the router drops
//!   it without a word (a notification has no one to reply to). A `didChange` keeps the edits
//!   before the first bad one, so as little as possible is lost.
//! - `shutdown` and `exit` are noted, so the process can exit 1 when no `shutdown` came first.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::FutureExt;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use tower::Service;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Request, Response};
use tower_lsp_server::ls_types::{
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, MessageType,
    TextDocumentContentChangeEvent, VersionedTextDocumentIdentifier,
};
use tower_lsp_server::{Client, ExitedError};

use super::failure::panic_reason;
use super::state::State;

pub struct Dispatch<S> {
    inner: S,
    state: Arc<State>,
}

impl<S> Dispatch<S> {
    pub fn new(inner: S, state: Arc<State>) -> Dispatch<S> {
        Dispatch { inner, state }
    }

    fn log(&self, kind: MessageType, message: String) {
        log(&self.state.client, kind, message);
    }

    /// A notification as the router should get it, its problems logged.
    fn vet(&self, notification: Request) -> Request {
        let params = notification.params().cloned().unwrap_or(Value::Null);
        let method = notification.method();
        let problem = match method {
            "textDocument/didChange" => {
                return match salvage_change(&params) {
                    None => notification,
                    Some(Salvaged { params, problem }) => {
                        self.log(MessageType::ERROR, format!("factcheck: {problem}"));
                        match params {
                            Some(params) => Request::build("textDocument/didChange")
                                .params(serde_json::to_value(params).unwrap_or_default())
                                .finish(),
                            None => notification,
                        }
                    }
                };
            }
            "textDocument/didOpen" => fits::<DidOpenTextDocumentParams>(&params),
            "textDocument/didClose" => fits::<DidCloseTextDocumentParams>(&params),
            "workspace/didChangeConfiguration" => fits::<DidChangeConfigurationParams>(&params),
            "workspace/didChangeWatchedFiles" => fits::<DidChangeWatchedFilesParams>(&params),
            _ => Ok(()),
        };
        if let Err(e) = problem {
            let document = match params["textDocument"]["uri"].as_str() {
                Some(uri) => format!(" for {uri}"),
                None => String::new(),
            };
            self.log(
                MessageType::ERROR,
                format!("factcheck: ignored {method}{document}: its params are invalid: {e}"),
            );
        }
        notification
    }
}

impl<S> Service<Request> for Dispatch<S>
where
    S: Service<Request, Response = Option<Response>, Error = ExitedError>,
    S::Future: Send + 'static,
{
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = Pin<Box<dyn Future<Output = Result<Option<Response>, ExitedError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), ExitedError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let request = match request.id() {
            Some(_) => request,
            None => self.vet(request),
        };
        // Noted as they are read: the transport stops at `exit`, maybe before the `shutdown`
        // handler just ahead of it ever ran.
        match request.method() {
            "shutdown" => self.state.ending.shutdown(),
            "exit" => self.state.ending.exit(),
            _ => {}
        }
        let method = request.method().to_string();
        let id = request.id().cloned();
        let client = self.state.client.clone();
        // Polled where it is created, in order: notifications still apply in arrival order.
        let handled = AssertUnwindSafe(self.inner.call(request)).catch_unwind();
        Box::pin(async move {
            match handled.await {
                Ok(response) => response,
                Err(payload) => {
                    let message = format!(
                        "factcheck: {method} failed: {}; the server goes on",
                        panic_reason(&*payload)
                    );
                    log(&client, MessageType::ERROR, message.clone());
                    Ok(id.map(|id| {
                        Response::from_error(
                            id,
                            Error {
                                code: ErrorCode::InternalError,
                                message: message.into(),
                                data: None,
                            },
                        )
                    }))
                }
            }
        })
    }
}

/// Logs without waiting: from `call`, which may not wait, and before a reply, which must not
/// wait for the client to read its messages.
fn log(client: &Client, kind: MessageType, message: String) {
    let client = client.clone();
    tokio::spawn(async move { client.log_message(kind, message).await });
}

fn fits<P: DeserializeOwned>(params: &Value) -> Result<(), serde_json::Error> {
    P::deserialize(params).map(drop)
}

/// A `didChange` whose params do not fit, cut down to what can be applied.
#[derive(Debug)]
struct Salvaged {
    /// The document, its version and the edits before the first bad one; `None` when the
    /// document cannot be told.
    params: Option<DidChangeTextDocumentParams>,
    /// What was wrong and what was done about it, for the log.
    problem: String,
}

/// `None` when the params fit. Edits apply in order, each to the text the ones before it
/// made, so after a bad edit none can be placed: the edits before it are kept, the rest dropped.
fn salvage_change(params: &Value) -> Option<Salvaged> {
    let Err(whole) = fits::<DidChangeTextDocumentParams>(params) else {
        return None;
    };
    let document = match VersionedTextDocumentIdentifier::deserialize(&params["textDocument"]) {
        Ok(document) => document,
        Err(e) => {
            return Some(Salvaged {
                params: None,
                problem: format!(
                    "ignored a textDocument/didChange: its textDocument is invalid ({e}), so no \
                     edit could be applied; the editor's text and the server's now differ"
                ),
            })
        }
    };
    let Some(changes) = params["contentChanges"].as_array() else {
        return Some(Salvaged {
            params: None,
            problem: format!(
                "ignored a textDocument/didChange for {} (version {}): its params are invalid \
                 ({whole}); the editor's text and the server's now differ: close and reopen \
                 the document to resend it",
                document.uri.as_str(),
                document.version
            ),
        });
    };
    let mut kept = Vec::new();
    let mut bad = None;
    for (i, change) in changes.iter().enumerate() {
        match TextDocumentContentChangeEvent::deserialize(change) {
            Ok(change) => kept.push(change),
            Err(e) => {
                bad = Some((i, e));
                break;
            }
        }
    }
    let what = match bad {
        Some((i, e)) => format!(
            "edit {} of {} in a didChange is invalid ({e}); applied the {} before it and \
             dropped the rest",
            i + 1,
            changes.len(),
            count(kept.len()),
        ),
        // Each part fits, the whole does not (a field besides them): the edits still apply.
        None => format!("a didChange's params are invalid ({whole}); applied its edits"),
    };
    let problem = format!(
        "{} (version {}): {what}. The editor's text and the server's may now differ: close and \
         reopen the document to resend it",
        document.uri.as_str(),
        document.version,
    );
    Some(Salvaged {
        params: Some(DidChangeTextDocumentParams {
            text_document: document,
            content_changes: kept,
        }),
        problem,
    })
}

fn count(edits: usize) -> String {
    match edits {
        0 => "none".into(),
        1 => "1 edit".into(),
        n => format!("{n} edits"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tower_lsp_server::LspService;

    /// A handler that panics, as a bug in any feature would.
    struct Panics;

    impl Service<Request> for Panics {
        type Response = Option<Response>;
        type Error = ExitedError;
        type Future = Pin<Box<dyn Future<Output = Result<Option<Response>, ExitedError>> + Send>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), ExitedError>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, _: Request) -> Self::Future {
            Box::pin(async { panic!("the handler broke on purpose") })
        }
    }

    #[tokio::test]
    async fn a_handler_that_panics_answers_an_internal_error_and_nothing_else_ends() {
        let (service, _socket) = LspService::build(|client| {
            super::super::server::Server::new(client, crate::Checker::check_with_sentences)
        })
        .finish();
        let mut dispatch = Dispatch::new(Panics, service.inner().state.clone());
        let request = Request::build("textDocument/completion")
            .id(3)
            .params(json!({}))
            .finish();
        let response = dispatch.call(request).await.unwrap();
        assert_eq!(
            serde_json::to_value(response).unwrap(),
            json!({"jsonrpc": "2.0", "id": 3, "error": {"code": -32603, "message":
                "factcheck: textDocument/completion failed: internal error (the handler broke \
                 on purpose); the server goes on"}})
        );
        // A notification that panics has no one to answer, and ends nothing either.
        let notification = Request::build("textDocument/didSave")
            .params(json!({}))
            .finish();
        assert_eq!(dispatch.call(notification).await.unwrap(), None);
    }

    #[test]
    fn a_bad_edit_keeps_the_edits_before_it() {
        let params = json!({"textDocument": {"uri": "file:///d.md", "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "kept"},
            {"range": {"start": {"line": -1, "character": 0}, "end": {"line": 0, "character": 0}}, "text": ""},
            {"text": "after the bad one"},
        ]});
        let salvaged = salvage_change(&params).unwrap();
        let kept = salvaged.params.unwrap();
        assert_eq!(kept.text_document.version, 2);
        assert_eq!(kept.content_changes.len(), 1);
        assert_eq!(kept.content_changes[0].text, "kept");
        assert_eq!(
            salvaged.problem,
            "file:///d.md (version 2): edit 2 of 3 in a didChange is invalid (invalid value: \
             integer `-1`, expected u32); applied the 1 edit before it and dropped the rest. \
             The editor's text and the server's may now differ: close and reopen the document \
             to resend it"
        );
    }

    #[test]
    fn without_a_document_nothing_applies_and_good_params_pass() {
        let params = json!({"textDocument": {"uri": 7}, "contentChanges": []});
        let salvaged = salvage_change(&params).unwrap();
        assert!(salvaged.params.is_none());
        assert!(
            salvaged
                .problem
                .starts_with("ignored a textDocument/didChange: its textDocument is invalid"),
            "{}",
            salvaged.problem
        );
        let good = json!({"textDocument": {"uri": "file:///d.md", "version": 3},
                          "contentChanges": [{"text": "new"}]});
        assert!(salvage_change(&good).is_none());
    }
}
