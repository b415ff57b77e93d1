//! A check that reaches one of the engine's caps says so: the language server in its log
//! (`window/logMessage`, once while the document keeps reaching the same caps, not on every
//! keystroke), the CLI on stderr (never in the report on stdout).

mod lsp_support;

use lsp_support::*;
use serde_json::Value;

const SOURCE: &str = "Officials said 40 people were evacuated from the town of Alder.\n";

/// A run-on paragraph of about 20 KB: over the sentence cap and the alignment's word cap.
fn run_on() -> String {
    (0..3000).map(|i| format!("w{i} ")).collect()
}

fn is_limit_log(m: &Value) -> bool {
    m["method"] == "window/logMessage"
        && m["params"]["message"]
            .as_str()
            .is_some_and(|s| s.contains("checked within limits"))
}

#[tokio::test]
async fn the_language_server_logs_a_cap_once_while_it_holds() {
    let ws = Workspace::new(&[
        ("sources/b.txt", SOURCE),
        ("factcheck.toml", "[corpus]\npaths = [\"sources\"]\n"),
    ]);
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("draft.md");
    let text = format!("Intro.\n\n{}\n", run_on());
    client.open(&uri, "markdown", 1, &text).await;
    client.diagnostics(&uri, 1).await;
    let logged = client.drain_seen(is_limit_log);
    assert_eq!(logged.len(), 1, "{logged:#?}");
    let message = logged[0]["params"]["message"].as_str().unwrap();
    assert!(message.starts_with(&format!("factcheck: {uri}: checked within limits:")));
    assert!(message.contains("line 3: "), "{message}");
    assert!(
        message.contains("checked in pieces of at most 4096 bytes"),
        "{message}"
    );
    assert!(message.contains("only its first 160 words"), "{message}");

    // Typing on: the same caps, no new log line.
    client.edit(&uri, 2, range((0, 0), (0, 0)), "An ").await;
    client.diagnostics(&uri, 2).await;
    assert_eq!(client.drain_seen(is_limit_log).len(), 1);
    // A short text reaches no cap; the run-on line back logs again.
    client.replace(&uri, 3, "Short.\n").await;
    client.diagnostics(&uri, 3).await;
    client.replace(&uri, 4, &text).await;
    client.diagnostics(&uri, 4).await;
    assert_eq!(client.drain_seen(is_limit_log).len(), 2);
    client.stop().await;
}

#[test]
fn the_cli_prints_a_cap_on_stderr_and_keeps_stdout_the_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/b.txt"), SOURCE).unwrap();
    std::fs::write(
        dir.path().join("draft.txt"),
        format!("Intro.\n\n{}", run_on()),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args([
            "check",
            "--corpus",
            "sources",
            "--format",
            "json",
            "draft.txt",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("draft.txt:3:1:"))
        .collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("warning: draft.txt:3:1: "), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("stdout is the JSON report");
    assert_eq!(report["files"][0]["findings"], serde_json::json!([]));
}
