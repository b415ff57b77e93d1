//! A small LSP client that measures a language server the way a writer feels it: time from
//! start to the first diagnostics, from each one-character `didChange` to the
//! `publishDiagnostics` answering it, and of hovers and code actions. Prints one JSON line.
//!
//! It drives any server over stdio, so the same run measures factcheck and harper-ls:
//!
//! ```text
//! cargo bench --bench lsp_latency -- --corpus 100M -- target/release/factcheck lsp
//! cargo bench --bench lsp_latency -- -- harper-ls --stdio
//! ```
//!
//! Options (before the `--` that starts the server's command line): `--corpus SIZE|DIR`
//! (repeatable; passed in `initializationOptions`, the seeds are always included), `--edits N`
//! (300), `--words N` (5000), `--timeout SECONDS` (for one answer, 60).
//!
//! Each edit waits for its diagnostics before the next is sent, so each latency is one whole
//! round trip, never queueing behind the previous edit. Edits are sent as the server asked at
//! `initialize`: one-character ranges to a server that syncs incrementally (factcheck), the
//! whole text to one that syncs in full (harper-ls). With a server that stamps diagnostics
//! with the document version (factcheck) the answer is the publish for that version; without
//! (harper-ls) it is the first publish for the document after the edit.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Options {
    corpus: Vec<PathBuf>,
    edits: usize,
    words: usize,
    timeout: Duration,
    server: Vec<String>,
}

fn options() -> Options {
    let mut args = std::env::args().skip(1).peekable();
    let mut o = Options {
        corpus: vec![common::seeds_dir()],
        edits: 300,
        words: 5000,
        timeout: Duration::from_secs(60),
        server: Vec::new(),
    };
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--bench" => {}
            "--corpus" => {
                let v = value();
                let path = PathBuf::from(&v);
                o.corpus.push(if path.is_dir() {
                    path
                } else {
                    common::corpus(&v)
                });
            }
            "--edits" => o.edits = value().parse().unwrap_or_else(|_| usage("--edits N")),
            "--words" => o.words = value().parse().unwrap_or_else(|_| usage("--words N")),
            "--timeout" => {
                o.timeout =
                    Duration::from_secs(value().parse().unwrap_or_else(|_| usage("--timeout S")))
            }
            "--" => {
                o.server = args.by_ref().collect();
                break;
            }
            other => usage(&format!("unknown option {other}")),
        }
    }
    if o.server.is_empty() {
        usage("no server command after --");
    }
    o
}

fn usage(problem: &str) -> ! {
    eprintln!(
        "lsp_latency: {problem}\nusage: lsp_latency [--corpus SIZE|DIR]... [--edits N] \
         [--words N] [--timeout S] -- SERVER [ARGS...]"
    );
    std::process::exit(2)
}

/// A message from the server and when it was read.
struct Incoming {
    at: Instant,
    message: Value,
}

struct Server {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    messages: Receiver<Incoming>,
    next_id: u64,
    timeout: Duration,
}

impl Server {
    fn start(command: &[String], timeout: Duration) -> Server {
        let mut child = Command::new(&command[0])
            .args(&command[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", command[0]));
        let stdin = Arc::new(Mutex::new(child.stdin.take().expect("piped stdin")));
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, messages) = mpsc::channel();
        let replies = stdin.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some((at, message)) = read_message(&mut reader) {
                // The server's own requests (progress tokens, configuration, registrations)
                // get an answer at once, as an editor would give.
                if let (Some(id), Some(method)) = (message.get("id"), message.get("method")) {
                    let result = match method.as_str() {
                        Some("workspace/configuration") => {
                            let n = message["params"]["items"].as_array().map_or(0, Vec::len);
                            Value::Array(vec![Value::Null; n])
                        }
                        _ => Value::Null,
                    };
                    let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                    write_message(&mut *replies.lock().unwrap(), &reply);
                }
                let incoming = Incoming { at, message };
                if tx.send(incoming).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
            next_id: 0,
            timeout,
        }
    }

    /// Sends a notification; returns when it was written.
    fn notify(&self, method: &str, params: Value) -> Instant {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        write_message(&mut *self.stdin.lock().unwrap(), &message);
        Instant::now()
    }

    /// Sends a request and waits for its answer; returns the answer and the round trip.
    fn request(&mut self, method: &str, params: Value) -> (Value, Duration) {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        let sent = Instant::now();
        write_message(&mut *self.stdin.lock().unwrap(), &message);
        let answer = self
            .wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
            .unwrap_or_else(|| panic!("no answer to {method} within {:?}", self.timeout));
        (answer.message, answer.at - sent)
    }

    /// The next message that `wanted` accepts, skipping others; `None` after the timeout.
    fn wait(&self, wanted: impl Fn(&Value) -> bool) -> Option<Incoming> {
        let deadline = Instant::now() + self.timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if wanted(&m.message) => return Some(m),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// A message that arrives within a short quiet period, if any.
    fn wait_briefly(&self) -> Option<Incoming> {
        self.messages.recv_timeout(Duration::from_millis(300)).ok()
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn write_message(out: &mut impl Write, message: &Value) {
    let body = message.to_string();
    // A server that died shows up as a missing answer, with the timeout's message.
    let _ = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len()).and_then(|()| out.flush());
}

/// The next message, and when its last byte was read (before it is parsed: how long a client
/// takes to parse JSON is not the server's latency).
fn read_message(reader: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    let at = Instant::now();
    serde_json::from_slice(&body)
        .ok()
        .map(|message| (at, message))
}

/// The LSP position (line, UTF-16 column) of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

fn is_publish_for(m: &Value, uri: &str) -> bool {
    m.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics")
        && m["params"]["uri"].as_str() == Some(uri)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn summary(mut ms: Vec<f64>) -> Value {
    ms.sort_by(f64::total_cmp);
    let mean = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
    json!({
        "n": ms.len(),
        "p50_ms": percentile(&ms, 50.0),
        "p99_ms": percentile(&ms, 99.0),
        "max_ms": ms.last().copied().unwrap_or(f64::NAN),
        "mean_ms": mean,
    })
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let o = options();
    let work = common::cache_dir().join("lsp-work");
    std::fs::create_dir_all(&work).expect("the work folder can be made");
    let work = work.canonicalize().expect("the work folder exists");
    let draft_path = work.join("draft.md");
    let mut text = common::draft(o.words);
    std::fs::write(&draft_path, &text).expect("the draft can be written");
    let uri = format!("file://{}", draft_path.display());
    let root = format!("file://{}", work.display());
    let corpus: Vec<String> = o.corpus.iter().map(|p| absolute(p)).collect();

    let started = Instant::now();
    let mut server = Server::start(&o.server, o.timeout);
    let (initialized, _) = server.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": root,
            "workspaceFolders": [{"uri": root, "name": "bench"}],
            "capabilities": {
                "textDocument": {
                    "publishDiagnostics": {"versionSupport": true},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
                    "synchronization": {"didSave": true}
                },
                "window": {"workDoneProgress": true},
                "general": {"positionEncodings": ["utf-16"]}
            },
            "initializationOptions": {"factcheck": {"corpus": {"paths": corpus}}}
        }),
    );
    // A server that takes whole documents (harper-ls does) gets the whole text on each edit,
    // as an editor would send it; one that takes edits gets the one-character edit.
    let sync = &initialized["result"]["capabilities"]["textDocumentSync"];
    let full_sync = sync.as_u64().or_else(|| sync["change"].as_u64()) == Some(1);
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    // First diagnostics that say something: a server may publish an empty list before its
    // corpus is ready.
    let first = server
        .wait(|m| {
            is_publish_for(m, &uri)
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| !d.is_empty())
        })
        .expect("diagnostics for the opened draft");
    let startup = first.at - started;
    let mut diagnostics = first.message["params"]["diagnostics"].clone();
    // Quiet again before the edits start: no publish from the start-up left in flight.
    while server.wait_briefly().is_some() {}

    let mut keystrokes = Vec::new();
    let mut timeouts = 0;
    for (n, edit) in common::keystrokes(&text, o.edits).into_iter().enumerate() {
        let version = n as i64 + 2;
        let change = match &edit {
            common::Edit::Insert { at, text: typed } => {
                let p = position(&text, *at);
                json!({"range": {"start": p, "end": p}, "text": typed})
            }
            common::Edit::Delete { at, len } => json!({
                "range": {"start": position(&text, *at), "end": position(&text, at + len)},
                "text": ""
            }),
        };
        edit.apply(&mut text);
        let change = if full_sync {
            json!({ "text": text })
        } else {
            change
        };
        let sent = server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        let answer = server.wait(|m| {
            is_publish_for(m, &uri)
                && m["params"]
                    .get("version")
                    .and_then(Value::as_i64)
                    .is_none_or(|v| v == version)
        });
        match answer {
            Some(a) => {
                keystrokes.push(millis(a.at - sent));
                diagnostics = a.message["params"]["diagnostics"].clone();
            }
            None => timeouts += 1,
        }
    }

    // Hovers on every finding and on words spread over the draft; code actions on every
    // finding.
    let diagnostics = diagnostics.as_array().cloned().unwrap_or_default();
    let mut hovers = Vec::new();
    let mut hover_cards = 0;
    let mut spots: Vec<Value> = diagnostics
        .iter()
        .map(|d| d["range"]["start"].clone())
        .collect();
    let words: Vec<usize> = text.match_indices(' ').map(|(i, _)| i + 1).collect();
    spots.extend((0..100).map(|k| position(&text, words[k * words.len() / 100])));
    for spot in spots.iter().take(200) {
        let (answer, took) = server.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": spot}),
        );
        hover_cards += usize::from(!answer["result"].is_null());
        hovers.push(millis(took));
    }
    let mut actions = Vec::new();
    let mut action_count = 0;
    for d in diagnostics.iter().take(200) {
        let (answer, took) = server.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": d["range"],
                "context": {"diagnostics": [d], "only": ["quickfix"]}
            }),
        );
        action_count += answer["result"].as_array().map_or(0, Vec::len);
        actions.push(millis(took));
    }
    server.stop();

    let line = json!({
        "server": o.server.join(" "),
        "corpus": o.corpus.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "draft_words": o.words,
        "startup_to_first_diagnostics_s": startup.as_secs_f64(),
        "keystroke": summary(keystrokes),
        "keystroke_timeouts": timeouts,
        "final_diagnostics": diagnostics.len(),
        "hover": summary(hovers),
        "hover_cards": hover_cards,
        "code_action": summary(actions),
        "code_actions_offered": action_count,
    });
    println!("{line}");
}

fn absolute(p: &Path) -> String {
    p.canonicalize()
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}
