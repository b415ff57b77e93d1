//! Bad input never crashes or hangs the language server: malformed messages, unknown
//! methods, edits out of range or for documents never opened, a 10 MB document, requests after
//! shutdown; and the session ends cleanly on `exit` and on end of input.

mod lsp_support;

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
    // A notification with bad parameters has no one to answer; it is dropped.
    client
        .notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": "not a uri"}}),
        )
        .await;
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
    let server = client.server.take().unwrap();
    tokio::time::timeout(HUNG, server)
        .await
        .expect("the server did not end after exit")
        .unwrap();
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
    tokio::time::timeout(HUNG, server)
        .await
        .expect("the server did not end at the end of its input")
        .unwrap();
}

#[tokio::test]
async fn exit_without_shutdown_still_ends_the_session() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    client.notify("exit", Value::Null).await;
    let server = client.server.take().unwrap();
    tokio::time::timeout(HUNG, server)
        .await
        .expect("the server did not end after exit")
        .unwrap();
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
