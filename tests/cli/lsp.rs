//! `factcheck lsp` serves the Language Server Protocol on stdin/stdout (the server itself is
//! tested in its own suites; this checks the subcommand reaches it).

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use crate::support::BIN;

fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

fn read_message(reader: &mut impl BufRead) -> serde_json::Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(!line.is_empty(), "the server closed stdout");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

#[test]
fn the_lsp_subcommand_answers_initialize_and_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args(["lsp", "--stdio"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let root = format!("file://{}", dir.path().display());
    stdin
        .write_all(
            frame(
                &serde_json::json!({
                    "jsonrpc": "2.0", "id": 1, "method": "initialize",
                    "params": {"processId": null, "rootUri": root, "capabilities": {}}
                })
                .to_string(),
            )
            .as_bytes(),
        )
        .unwrap();
    // Notifications (status, logs) may come first; the answer is the message with id 1.
    let answer = loop {
        let message = read_message(&mut stdout);
        if message["id"] == 1 {
            break message;
        }
    };
    assert_eq!(answer["result"]["serverInfo"]["name"], "factcheck");
    for message in [
        serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        serde_json::json!({"jsonrpc": "2.0", "method": "exit"}),
    ] {
        stdin
            .write_all(frame(&message.to_string()).as_bytes())
            .unwrap();
    }
    drop(stdin);
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn exit_without_shutdown_exits_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .arg("lsp")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let root = format!("file://{}", dir.path().display());
    let mut stdin = child.stdin.take().unwrap();
    for message in [
        serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                           "params": {"processId": null, "rootUri": root, "capabilities": {}}}),
        serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        serde_json::json!({"jsonrpc": "2.0", "method": "exit"}),
    ] {
        stdin
            .write_all(frame(&message.to_string()).as_bytes())
            .unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the specification asks for 1");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: language server: the client sent `exit` without `shutdown` first\n"
    );
}
