//! Bad input never crashes or hangs the language server: malformed messages, unknown
//! methods, edits out of range, invalid or for documents never opened, a 10 MB document,
//! requests after shutdown, a check that panics or is slow; and the session ends cleanly on
//! `exit` and on end of input, with the exit status the specification asks for.

mod lsp_support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use factcheck::lsp::Ended;
use factcheck::{CheckOptions, Checker, Report, Span};
use lsp_support::*;
use serde_json::{json, Value};

const B: &str = "Officials said 40 people were evacuated from the town of Alder.\n";
const CONTRADICTION: &str = "Officials said 45 people were evacuated from the town of Alder.";

fn workspace() -> Workspace {
    Workspace::new(&[
        ("sources/b.txt", B),
        ("factcheck.toml", "[corpus]\npaths = [\"sources\"]\n"),
    ])
}

/// The session still works: a document opened now gets its finding.
async fn still_serving(client: &mut Client, ws: &Workspace, name: &str) {
    let uri = ws.uri(name);
    client.open(&uri, "markdown", 1, CONTRADICTION).await;
    let published = client.diagnostics(&uri, 1).await;
    assert_eq!(published["diagnostics"][0]["code"], "contradiction");
}

#[tokio::test]
async fn malformed_messages_get_an_error_answer_and_the_session_goes_on() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    // Not JSON at all: a parse error, with a null id since none could be read.
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json").await;
    let parse_error = client
        .wait("a parse error", |m| m.get("error").is_some())
        .await;
    assert_eq!(parse_error["id"], Value::Null);
    assert_eq!(parse_error["error"]["code"], -32700);
    assert_eq!(
        parse_error["error"]["message"],
        "factcheck: malformed message ignored: not JSON: key must be a string at line 1 column 2"
    );
    // JSON that is no JSON-RPC message, and headers with no length: invalid requests.
    for bytes in [
        &b"Content-Length: 7\r\n\r\n[1,2,3]"[..],
        b"Content-Type: text/plain\r\n\r\n",
    ] {
        client.send_raw(bytes).await;
        let invalid = client
            .wait("an invalid request error", |m| m.get("error").is_some())
            .await;
        assert_eq!(invalid["error"]["code"], -32600, "{invalid}");
    }
    // Each was logged for whoever reads the server's log.
    let logged = client.drain_seen(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .unwrap()
                .contains("malformed message ignored")
    });
    assert_eq!(logged.len(), 3, "{logged:#?}");
    // A request whose parameters have the wrong shape.
    let bad_params = client
        .request_raw("textDocument/hover", json!({"textDocument": 7}))
        .await;
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");
    // A notification with bad parameters has no one to answer: it is dropped, and said so.
    client
        .notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": "not a uri"}}),
        )
        .await;
    let logged = client
        .wait("the didOpen named", |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"].as_str().unwrap().contains("didOpen")
        })
        .await;
    assert_eq!(
        logged["params"],
        json!({"type": 1, "message": "factcheck: ignored textDocument/didOpen for not a uri: \
               its params are invalid: unexpected character at index 3"})
    );
    still_serving(&mut client, &ws, "after.md").await;
    client.stop().await;
}

#[tokio::test]
async fn unknown_methods_are_answered_or_ignored() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let unknown = client
        .request_raw("factcheck/nothingLikeThis", json!({}))
        .await;
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    client.notify("factcheck/nothingLikeThis", json!({})).await;
    client.notify("$/somethingOptional", json!({})).await;
    still_serving(&mut client, &ws, "after.md").await;
    client.stop().await;
}

#[tokio::test]
async fn edits_out_of_range_or_for_unopened_documents_are_logged_not_fatal() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    client
        .open(&uri, "markdown", 1, "Officials said 45 people")
        .await;
    client.diagnostics(&uri, 1).await;
    // Lines 7 to 9 do not exist: the edit lands at the end, and the client is told.
    client
        .edit(
            &uri,
            2,
            range((7, 0), (9, 4)),
            " were evacuated from the town of Alder.",
        )
        .await;
    let warning = client.notification("window/logMessage").await;
    assert_eq!(
        warning,
        json!({"type": 2, "message": format!(
            "factcheck: {uri}: edit out of range (position 7:0 is past the end of a document \
             of 1 lines); applied clamped")})
    );
    let published = client.diagnostics(&uri, 2).await;
    assert_eq!(
        published["diagnostics"][0]["message"],
        "Contradiction: the sources say “40”, not “45”"
    );
    // An inverted range and a column far past the end of its line are read as the spec says.
    client.edit(&uri, 3, range((0, 999), (0, 17)), "").await;
    let published = client.diagnostics(&uri, 3).await;
    assert_eq!(
        published["diagnostics"],
        json!([]),
        "the text is now “Officials said 45”"
    );

    let never = ws.uri("never-opened.md");
    client.edit(&never, 2, range((0, 0), (0, 0)), "x").await;
    let warning = client.notification("window/logMessage").await;
    assert_eq!(
        warning["message"],
        format!("factcheck: ignored didChange for {never}: the document is not open")
    );
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": never}}),
        )
        .await;
    let warning = client.notification("window/logMessage").await;
    assert_eq!(
        warning["message"],
        format!("factcheck: ignored didClose for {never}: the document is not open")
    );
    still_serving(&mut client, &ws, "after.md").await;
    client.stop().await;
}

#[tokio::test]
async fn a_did_change_with_an_invalid_edit_keeps_the_edits_before_it_and_says_so() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    client.open(&uri, "markdown", 1, "Intro.\n").await;
    client.diagnostics(&uri, 1).await;
    // The second edit has a line of -1: the notification does not fit its type.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
                {"range": range((1, 0), (1, 0)), "text": CONTRADICTION},
                {"range": {"start": {"line": -1, "character": 0}, "end": position(0, 0)},
                 "text": ""},
            ]}),
        )
        .await;
    let logged = client.notification("window/logMessage").await;
    assert_eq!(
        logged,
        json!({"type": 1, "message": format!(
            "factcheck: {uri} (version 2): edit 2 of 2 in a didChange is invalid (invalid \
             value: integer `-1`, expected u32); applied the 1 edit before it and dropped the \
             rest. The editor's text and the server's may now differ: close and reopen the \
             document to resend it")})
    );
    // The first edit was applied and checked.
    let published = client.diagnostics(&uri, 2).await;
    assert_eq!(published["diagnostics"][0]["code"], "contradiction");
    assert_eq!(
        published["diagnostics"][0]["range"],
        range((1, 15), (1, 17))
    );
    client.stop().await;
}

#[tokio::test]
async fn an_edit_that_repeats_the_version_number_is_checked_all_the_same() {
    let ws = workspace();
    let mut client = Client::ready(&ws, rich_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    client.open(&uri, "markdown", 4, B).await;
    assert_eq!(client.diagnostics(&uri, 4).await["diagnostics"], json!([]));
    let pulled = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    // A client bug: the edit carries the version the document already had.
    client.replace(&uri, 4, CONTRADICTION).await;
    let published = client
        .wait("diagnostics for the edited text", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["version"] == 4
                && m["params"]["diagnostics"] != json!([])
        })
        .await;
    assert_eq!(
        published["params"]["diagnostics"][0]["message"],
        "Contradiction: the sources say “40”, not “45”"
    );
    let again = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}, "previousResultId": pulled["resultId"]}),
        )
        .await;
    assert_eq!(again["kind"], "full", "{again}");
    assert_eq!(again["items"][0]["code"], "contradiction");
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position(0, 15)}),
        )
        .await;
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**factcheck** `contradiction`"), "{card}");
    client.stop().await;
}

/// Text that makes [`breaks_on_marker`] panic.
const BREAKS: &str = "(this text breaks the check)";
/// Checks made of texts holding [`BREAKS`].
static BROKEN_CHECKS: AtomicUsize = AtomicUsize::new(0);

/// The engine's check, except that it panics on a text holding [`BREAKS`], as a bug in the
/// engine would on some text: no client can ask for this, only a test that starts the server.
fn breaks_on_marker(checker: &Checker, text: &str, options: &CheckOptions) -> (Report, Vec<Span>) {
    if text.contains(BREAKS) {
        BROKEN_CHECKS.fetch_add(1, Ordering::SeqCst);
        panic!("the check broke on purpose");
    }
    checker.check_with_sentences(text, options)
}

#[tokio::test]
async fn a_check_that_panics_is_stored_as_failed_named_once_and_not_retried() {
    let ws = workspace();
    let mut client = Client::spawn_checking_with(breaks_on_marker)
        .ready_for(&ws, rich_capabilities(), Value::Null)
        .await;
    let uri = ws.uri("d.md");
    client.open(&uri, "markdown", 1, CONTRADICTION).await;
    let published = client.diagnostics(&uri, 1).await;
    assert_eq!(published["diagnostics"][0]["code"], "contradiction");
    client
        .replace(&uri, 2, &format!("{CONTRADICTION} {BREAKS}"))
        .await;
    // The old findings are gone: one diagnostic says this text is not checked, and why.
    let not_checked = json!({
        "range": range((0, 0), (0, 0)), "severity": 2, "code": "not-checked",
        "source": "factcheck", "message": "factcheck could not check this text: internal \
            error (the check broke on purpose). Edit it to try again."});
    let published = client.diagnostics(&uri, 2).await;
    assert_eq!(published["diagnostics"], json!([not_checked]));
    // Requests that need the check answer at once, with the failure...
    let failed = json!({"code": -32803, "message": "factcheck could not check this version of \
        the document: internal error (the check broke on purpose)"});
    let at = json!({"textDocument": {"uri": uri}, "position": position(0, 15)});
    for method in ["textDocument/hover", "textDocument/definition"] {
        let answer = client.request_raw(method, at.clone()).await;
        assert_eq!(answer["error"], failed, "{method}: {answer}");
    }
    let pulled = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(pulled["items"], json!([not_checked]));
    // ...or with what they can make without it: no quick fix, as no finding is shown.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range((0, 15), (0, 15)),
                   "context": {"diagnostics": []}}),
        )
        .await;
    assert_eq!(actions, Value::Null);
    // The text was checked once, and the failure logged once.
    assert_eq!(BROKEN_CHECKS.load(Ordering::SeqCst), 1);
    let errors =
        client.drain_seen(|m| m["method"] == "window/logMessage" && m["params"]["type"] == 1);
    assert_eq!(
        errors,
        [
            json!({"jsonrpc": "2.0", "method": "window/logMessage", "params": {"type": 1,
            "message": format!("factcheck: checking {uri} (version 2) failed: internal error \
                (the check broke on purpose); its findings are cleared until the next edit")}})
        ]
    );
    // Everything else is served, and the next edit is checked again.
    still_serving(&mut client, &ws, "other.md").await;
    client.replace(&uri, 3, CONTRADICTION).await;
    let published = client.diagnostics(&uri, 3).await;
    assert_eq!(published["diagnostics"][0]["code"], "contradiction");
    // Checking the drafts on disk, the one that breaks the check is named; the others are
    // published.
    ws.write(
        "drafts/broken.md",
        format!("{CONTRADICTION} {BREAKS}").as_bytes(),
    );
    ws.write("drafts/good.md", CONTRADICTION.as_bytes());
    let reply = client
        .request(
            "workspace/executeCommand",
            json!({"command": "factcheck.checkWorkspace"}),
        )
        .await;
    assert_eq!(
        ws.redact(&reply),
        json!({"files": 1, "findings": 1, "skipped": [
            "[ROOT]/drafts/broken.md: not checked: internal error (the check broke on purpose)"]})
    );
    client.stop().await;
}

/// Text that makes [`waits_at_gate`] wait until the gate opens.
const GATED: &str = "(this text waits at the gate)";
static GATE: (Mutex<bool>, Condvar) = (Mutex::new(false), Condvar::new());

/// The engine's check, except that a text holding [`GATED`] waits until the gate opens: a
/// check as slow as the test wants.
fn waits_at_gate(checker: &Checker, text: &str, options: &CheckOptions) -> (Report, Vec<Span>) {
    if text.contains(GATED) {
        let (open, opened) = &GATE;
        let mut open = open.lock().unwrap_or_else(|e| e.into_inner());
        while !*open {
            open = opened.wait(open).unwrap_or_else(|e| e.into_inner());
        }
    }
    checker.check_with_sentences(text, options)
}

/// Opens the gate when dropped, so a failing test does not leave a check waiting forever.
struct OpenGate;

impl Drop for OpenGate {
    fn drop(&mut self) {
        let (open, opened) = &GATE;
        *open.lock().unwrap_or_else(|e| e.into_inner()) = true;
        opened.notify_all();
    }
}

#[tokio::test]
async fn requests_waiting_for_a_slow_check_leave_the_server_reading() {
    let gate = OpenGate;
    let ws = workspace();
    let mut client = Client::spawn_checking_with(waits_at_gate)
        .ready_for(&ws, plain_capabilities(), Value::Null)
        .await;
    let slow = ws.uri("slow.md");
    client
        .open(&slow, "markdown", 1, &format!("{CONTRADICTION} {GATED}"))
        .await;
    // More hovers than an editor's cursor moves send, all waiting for the slow check.
    let ids = 100..110;
    for id in ids.clone() {
        client
            .send(
                json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params":
                {"textDocument": {"uri": slow}, "position": position(0, 15)}}),
            )
            .await;
    }
    // Meanwhile another document is read, checked and published...
    still_serving(&mut client, &ws, "other.md").await;
    // ...before any of them is answered.
    let answered = client.drain_seen(|m| m["id"].as_i64().is_some_and(|id| ids.contains(&id)));
    assert_eq!(answered, Vec::<Value>::new());
    drop(gate);
    for id in ids {
        let hover = client.wait("a hover", |m| m["id"] == id).await;
        let card = hover["result"]["contents"]["value"].as_str().unwrap();
        assert!(card.starts_with("**factcheck** `contradiction`"), "{hover}");
    }
    client.stop().await;
}

#[tokio::test]
async fn completion_from_a_markdown_source_cut_inside_a_character_is_answered() {
    // A paragraph longer than the longest sentence the checker reads is cut at a blanked
    // space: here inside an "é" of inline code, which the prose blanks one space per byte.
    let source = factcheck::text::markdown::long_paragraph_ending_in_accented_code();
    let ws = Workspace::new(&[
        ("sources/source.md", &source),
        ("factcheck.toml", "[corpus]\npaths = [\"sources\"]\n"),
    ]);
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("draft.md");
    let typed = "He said “the Kremlin on Wednesday rejected the";
    client.open(&uri, "markdown", 1, typed).await;
    let completion = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": position(0, 46)}),
        )
        .await;
    assert_eq!(
        completion[0]["textEdit"],
        json!({"range": range((0, 9), (0, 46)),
               "newText": "the Kremlin on Wednesday rejected the allegations in the report”"})
    );
    // The server is still there to shut down in order.
    client.stop().await;
}

#[tokio::test]
async fn headers_ended_by_bare_line_feeds_are_answered() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let body = json!({"jsonrpc": "2.0", "id": 77, "method": "textDocument/hover", "params":
        {"textDocument": {"uri": ws.uri("never-opened.md")}, "position": position(0, 0)}})
    .to_string();
    client
        .send_raw(format!("Content-Length: {}\n\n{body}", body.len()).as_bytes())
        .await;
    let answer = client.wait("the answer", |m| m["id"] == 77).await;
    assert_eq!(answer, json!({"jsonrpc": "2.0", "id": 77, "result": null}));
    still_serving(&mut client, &ws, "after.md").await;
    client.stop().await;
}

#[tokio::test]
async fn a_draft_on_disk_with_invalid_utf8_is_checked_repaired_and_named() {
    let ws = workspace();
    // Written as Latin-1 would be: "Café" with a lone 0xE9 byte.
    let mut bytes = b"Notes.\n\nCaf\xe9: ".to_vec();
    bytes.extend_from_slice(CONTRADICTION.as_bytes());
    ws.write("drafts/latin1.md", &bytes);
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let reply = client
        .request(
            "workspace/executeCommand",
            json!({"command": "factcheck.checkWorkspace"}),
        )
        .await;
    assert_eq!(reply, json!({"files": 1, "findings": 1, "skipped": []}));
    let warning = client.notification("window/logMessage").await;
    assert_eq!(
        ws.redact(&warning),
        json!({"type": 2, "message": "factcheck: [ROOT]/drafts/latin1.md: invalid UTF-8 at byte 11: \
                checked with U+FFFD in place of the bad bytes"})
    );
    // The bad byte became one U+FFFD (one UTF-16 unit): "Café: Officials said " is 21 units.
    let published = client.notification("textDocument/publishDiagnostics").await;
    assert_eq!(
        published["diagnostics"][0]["range"],
        range((2, 21), (2, 23))
    );
    still_serving(&mut client, &ws, "after.md").await;
    client.stop().await;
}

#[tokio::test]
async fn a_ten_megabyte_document_is_held_but_not_checked_as_typed() {
    let ws = workspace();
    let mut client = Client::ready(&ws, rich_capabilities(), Value::Null).await;
    let uri = ws.uri("huge.md");
    let mut text = String::with_capacity(10_500_000);
    while text.len() < 10_000_000 {
        text.push_str(CONTRADICTION);
        text.push_str(" 😀\r\n");
    }
    client.open(&uri, "markdown", 1, &text).await;
    let notice = client.notification("window/showMessage").await;
    assert_eq!(
        notice,
        json!({"type": 2, "message": format!(
            "factcheck: {uri} is {:.1} MB, over the 2 MB limit for checking as you type; it is \
             not checked here (run `factcheck check` on it instead)", text.len() as f64 / 1e6)})
    );
    // Requests on it answer at once, with nothing.
    let pulled = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(pulled, json!({"kind": "full", "items": []}));
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position(0, 16)}),
        )
        .await;
    assert_eq!(hover, Value::Null);
    // Edits still apply: cut it down to one line and it is checked again.
    let end = at(&text, text.len(), true);
    client.edit(&uri, 2, range((1, 0), end), "").await;
    let published = client.diagnostics(&uri, 2).await;
    assert_eq!(published["diagnostics"][0]["code"], "contradiction");
    still_serving(&mut client, &ws, "after.md").await;
    client.stop().await;
}

#[tokio::test]
async fn requests_after_shutdown_are_refused_and_exit_ends_the_session() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    client.open(&uri, "markdown", 1, CONTRADICTION).await;
    assert_eq!(client.request("shutdown", Value::Null).await, Value::Null);
    let refused = client
        .request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position(0, 0)}),
        )
        .await;
    assert_eq!(refused["error"]["code"], -32600, "{refused}");
    client.notify("exit", Value::Null).await;
    assert_eq!(client.ended().await, Ended::Orderly);
}

#[tokio::test]
async fn the_end_of_input_ends_the_session_even_with_work_pending() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    client.open(&uri, "markdown", 1, CONTRADICTION).await;
    for version in 2..50 {
        client
            .replace(&uri, version, &format!("{CONTRADICTION} {version}"))
            .await;
    }
    // The pull waits for the current check; closing the input must not leave it hanging.
    client
        .send(
            json!({"jsonrpc": "2.0", "id": 99, "method": "textDocument/diagnostic",
                       "params": {"textDocument": {"uri": uri}}}),
        )
        .await;
    let server = client.server.take().unwrap();
    drop(client);
    let ended = tokio::time::timeout(HUNG, server)
        .await
        .expect("the server did not end at the end of its input")
        .unwrap();
    assert_eq!(ended, Ended::InputClosed);
}

#[tokio::test]
async fn exit_without_shutdown_ends_the_session_as_a_failure() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    client.notify("exit", Value::Null).await;
    // `factcheck lsp` exits 1 for it, as the specification says.
    assert_eq!(client.ended().await, Ended::ExitWithoutShutdown);
}

#[tokio::test]
async fn requests_before_initialize_are_refused() {
    let mut client = Client::spawn();
    let early = client
        .request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///x.md"}, "position": position(0, 0)}),
        )
        .await;
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.notify("exit", Value::Null).await;
}
