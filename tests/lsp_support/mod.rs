//! An in-process LSP client for the language-server tests: `factcheck::lsp::serve` runs on one
//! end of a duplex pipe, this client on the other, speaking framed JSON-RPC as an editor would.
//!
//! Server-to-client requests (`window/workDoneProgress/create`, `client/registerCapability`)
//! are answered with `null` as an editor would, and recorded like every other message, so a
//! test can assert on them. Waits are bounded (a hang fails the test with what was seen), but
//! nothing is asserted about time.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use factcheck::lsp::{Check, Ended};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, WriteHalf};
use tokio::sync::{mpsc, Mutex};
use tokio::task::JoinHandle;

/// The longest any one wait may take before the test fails as hung.
pub const HUNG: Duration = Duration::from_secs(60);

pub struct Client {
    writer: Arc<Mutex<WriteHalf<DuplexStream>>>,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Messages read but not yet consumed by a wait.
    backlog: VecDeque<Value>,
    /// Every message the server sent, in order.
    pub seen: Vec<Value>,
    next_id: i64,
    pub server: Option<JoinHandle<Ended>>,
}

/// A workspace folder on disk with sources and drafts, removed at the end of the test.
pub struct Workspace {
    _dir: Option<tempfile::TempDir>,
    pub root: PathBuf,
}

impl Workspace {
    /// A workspace holding `files` (path relative to the root, contents).
    pub fn new(files: &[(&str, &str)]) -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let ws = Workspace {
            _dir: Some(dir),
            root,
        };
        for (path, text) in files {
            ws.write(path, text.as_bytes());
        }
        ws
    }

    /// A workspace on `root`, a folder of another workspace (which keeps it on disk).
    #[allow(dead_code)] // Not every test binary opens one.
    pub fn at(root: PathBuf) -> Workspace {
        Workspace { _dir: None, root }
    }

    pub fn write(&self, path: &str, bytes: &[u8]) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Writes through a hidden temporary file renamed into place, as editors save: a watcher
    /// never sees the file half written.
    pub fn write_atomic(&self, path: &str, bytes: &[u8]) {
        let target = self.root.join(path);
        let temp = target.with_file_name(format!(
            ".{}.tmp",
            target.file_name().unwrap().to_string_lossy()
        ));
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&temp, bytes).unwrap();
        std::fs::rename(temp, target).unwrap();
    }

    pub fn path(&self, path: &str) -> PathBuf {
        self.root.join(path)
    }

    pub fn uri(&self, path: &str) -> String {
        format!("file://{}", self.root.join(path).display())
    }

    pub fn root_uri(&self) -> String {
        format!("file://{}", self.root.display())
    }

    /// `value` as JSON text with the workspace's path written as `[ROOT]`, for assertions
    /// that do not depend on where the temporary folder is.
    pub fn redact(&self, value: &Value) -> Value {
        let text = serde_json::to_string(value).unwrap();
        serde_json::from_str(&text.replace(&self.root.display().to_string(), "[ROOT]")).unwrap()
    }
}

/// Client capabilities of an editor that offers nothing beyond the LSP defaults (UTF-16).
pub fn plain_capabilities() -> Value {
    json!({})
}

/// Capabilities of a full-featured editor: UTF-8 positions offered, Markdown hovers,
/// versioned workspace edits, progress, pull diagnostics, dynamic file-watch registration.
pub fn rich_capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-8", "utf-16"]},
        "window": {"workDoneProgress": true},
        "workspace": {
            "workspaceEdit": {"documentChanges": true},
            "didChangeWatchedFiles": {"dynamicRegistration": true}
        },
        "textDocument": {
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "diagnostic": {"dynamicRegistration": false}
        }
    })
}

impl Client {
    /// Starts a server in-process (not yet initialized).
    pub fn spawn() -> Client {
        Client::spawn_checking_with(factcheck::Checker::check_with_sentences)
    }

    /// Starts a server in-process that checks documents with `check` instead of the engine.
    pub fn spawn_checking_with(check: Check) -> Client {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(factcheck::lsp::serve_checking_with(
            server_read,
            server_write,
            check,
        ));
        let (read, write) = tokio::io::split(client_end);
        let writer = Arc::new(Mutex::new(write));
        let (tx, incoming) = mpsc::unbounded_channel();
        tokio::spawn(read_messages(read, writer.clone(), tx));
        Client {
            writer,
            incoming,
            backlog: VecDeque::new(),
            seen: Vec::new(),
            next_id: 0,
            server: Some(server),
        }
    }

    /// Starts a server and initializes it for `ws` with these capabilities and
    /// `initializationOptions`; returns the client and the initialize result.
    pub async fn start(ws: &Workspace, capabilities: Value, options: Value) -> (Client, Value) {
        Client::spawn().initialize(ws, capabilities, options).await
    }

    /// Initializes this client's server for `ws`; returns the client and the initialize result.
    pub async fn initialize(
        mut self,
        ws: &Workspace,
        capabilities: Value,
        options: Value,
    ) -> (Client, Value) {
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": ws.root_uri(),
                    "capabilities": capabilities,
                    "initializationOptions": options,
                    "workspaceFolders": [{"uri": ws.root_uri(), "name": "ws"}],
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        (self, result)
    }

    /// Starts, initializes and waits until the corpus is indexed.
    pub async fn ready(ws: &Workspace, capabilities: Value, options: Value) -> Client {
        Client::spawn().ready_for(ws, capabilities, options).await
    }

    /// Initializes this client's server and waits until the corpus is indexed.
    pub async fn ready_for(self, ws: &Workspace, capabilities: Value, options: Value) -> Client {
        let (mut client, _) = self.initialize(ws, capabilities, options).await;
        let status = client.status().await;
        assert_eq!(status["state"], "ready", "{status}");
        client
    }

    pub async fn send_raw(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().await;
        w.write_all(bytes).await.unwrap();
        w.flush().await.unwrap();
    }

    pub async fn send(&self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.send_raw(&frame).await;
    }

    pub async fn notify(&self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends a request and returns its whole response (`result` or `error` inside).
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.wait(&format!("the response to {method}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
        .await
    }

    /// Sends a request and returns its result; fails the test on an error response.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The next message matching `want`, waiting for it; earlier non-matching messages stay
    /// available to later waits.
    pub async fn wait(&mut self, what: &str, want: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&want) {
            return self.backlog.remove(i).unwrap();
        }
        let deadline = tokio::time::Instant::now() + HUNG;
        loop {
            let next = tokio::time::timeout_at(deadline, self.incoming.recv()).await;
            match next {
                Ok(Some(m)) => {
                    self.seen.push(m.clone());
                    if want(&m) {
                        return m;
                    }
                    self.backlog.push_back(m);
                }
                Ok(None) => panic!(
                    "the server closed its output while waiting for {what}; seen: {:#?}",
                    self.seen
                ),
                Err(_) => panic!("no {what} after {HUNG:?}; seen: {:#?}", self.seen),
            }
        }
    }

    /// The next notification of `method`.
    pub async fn notification(&mut self, method: &str) -> Value {
        self.wait(method, |m| m["method"] == method && m.get("id").is_none())
            .await["params"]
            .clone()
    }

    /// The next `factcheck/status` other than "indexing".
    pub async fn status(&mut self) -> Value {
        self.wait("a factcheck/status other than indexing", |m| {
            m["method"] == "factcheck/status" && m["params"]["state"] != "indexing"
        })
        .await["params"]
            .clone()
    }

    /// The `publishDiagnostics` for `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        self.wait(&format!("diagnostics for {uri} version {version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
        .await["params"]
            .clone()
    }

    /// Every message seen so far (and still queued) that satisfies `want`.
    pub fn drain_seen(&mut self, want: impl Fn(&Value) -> bool) -> Vec<Value> {
        while let Ok(m) = self.incoming.try_recv() {
            self.seen.push(m.clone());
            self.backlog.push_back(m);
        }
        self.seen.iter().filter(|m| want(m)).cloned().collect()
    }

    pub async fn open(&self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        )
        .await;
    }

    /// Replaces the whole text.
    pub async fn replace(&self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        )
        .await;
    }

    /// One incremental edit.
    pub async fn edit(&self, uri: &str, version: i64, range: Value, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": range, "text": text}]}),
        )
        .await;
    }

    /// `shutdown` then `exit`; the server task must end, in order.
    pub async fn stop(mut self) {
        let result = self.request("shutdown", Value::Null).await;
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null).await;
        assert_eq!(self.ended().await, Ended::Orderly);
    }

    /// How the session ended, once the server task ends.
    pub async fn ended(&mut self) -> Ended {
        let server = self.server.take().unwrap();
        tokio::time::timeout(HUNG, server)
            .await
            .expect("the server did not end")
            .unwrap()
    }
}

/// An LSP range from (line, character) pairs.
pub fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1},
           "end": {"line": end.0, "character": end.1}})
}

pub fn position(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

/// Where `needle` starts in `text` as an LSP position counted in UTF-16 code units (or bytes
/// with `utf8`), computed by a plain scan: an independent check of the server's conversion.
pub fn find(text: &str, needle: &str, utf8: bool) -> (u32, u32) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    at(text, offset, utf8)
}

pub fn at(text: &str, offset: usize, utf8: bool) -> (u32, u32) {
    // LSP line breaks: \n, \r\n, \r.
    let (mut line, mut line_start) = (0, 0);
    for (i, c) in text[..offset].char_indices() {
        let lone_cr = c == '\r' && text.as_bytes().get(i + 1) != Some(&b'\n');
        if c == '\n' || lone_cr {
            line += 1;
            line_start = i + 1;
        }
    }
    let prefix = &text[line_start..offset];
    let character = if utf8 {
        prefix.len()
    } else {
        prefix.encode_utf16().count()
    };
    (line, character as u32)
}

/// The LSP range of `needle` in `text`.
pub fn range_of(text: &str, needle: &str, utf8: bool) -> Value {
    let start = text.find(needle).unwrap();
    range(at(text, start, utf8), at(text, start + needle.len(), utf8))
}

/// Applies LSP text edits (UTF-16 positions unless `utf8`) to `text`, last edit first, as an
/// editor would.
pub fn apply_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let offset = |p: &Value| -> usize {
        let (line, character) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let mut start = 0;
        for _ in 0..line {
            start += text[start..].find('\n').unwrap() + 1;
        }
        let rest = &text[start..];
        let mut units = 0;
        for (i, c) in rest.char_indices() {
            if units >= character || c == '\n' || c == '\r' {
                return start + i;
            }
            units += if utf8 { c.len_utf8() } else { c.len_utf16() };
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

/// The edits of a code action's workspace edit for `uri`, whichever form it takes.
pub fn action_edits(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(changes) = edit["changes"].get(uri) {
        return changes.as_array().unwrap().clone();
    }
    edit["documentChanges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["textDocument"]["uri"] == uri)
        .flat_map(|d| d["edits"].as_array().unwrap().clone())
        .collect()
}

async fn read_messages(
    read: tokio::io::ReadHalf<DuplexStream>,
    writer: Arc<Mutex<WriteHalf<DuplexStream>>>,
    tx: mpsc::UnboundedSender<Value>,
) {
    let mut reader = BufReader::new(read);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("a frame without Content-Length")];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let message: Value = serde_json::from_slice(&body).expect("the server sent invalid JSON");
        // Answer the server's requests as an editor would.
        if message.get("id").is_some() && message.get("method").is_some() {
            let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
            let body = serde_json::to_vec(&reply).unwrap();
            let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
            frame.extend(body);
            let mut w = writer.lock().await;
            let _ = w.write_all(&frame).await;
            let _ = w.flush().await;
        }
        if tx.send(message).is_err() {
            return;
        }
    }
}

/// The path of a file in the workspace as a string, for settings.
pub fn path_str(p: &Path) -> String {
    p.display().to_string()
}
