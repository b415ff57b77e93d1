//! Which factcheck.toml the server reads: the one that governs the draft, by the command
//! line's rule (the first found walking up from the draft's folder), never above the
//! workspace folder.

mod lsp_support;

use lsp_support::*;
use serde_json::Value;

const B: &str = "Officials said 40 people were evacuated from the town of Alder.\n";
const CONTRADICTION: &str = "Officials said 45 people were evacuated from the town of Alder.";
const TOML: &str = "[corpus]\npaths = [\"sources\"]\n";

/// The codes the server publishes for `draft` once it is opened.
async fn codes_for(client: &mut Client, ws: &Workspace, draft: &str) -> Vec<Value> {
    let uri = ws.uri(draft);
    client.open(&uri, "markdown", 1, CONTRADICTION).await;
    loop {
        let published = client.diagnostics(&uri, 1).await;
        let codes: Vec<Value> = published["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].clone())
            .collect();
        // Until the project's corpus is indexed the draft is published without findings, or
        // with the warning that no corpus is configured.
        if codes.iter().any(|c| c == "contradiction") {
            return codes;
        }
        let status = client.status().await;
        assert_eq!(status["state"], "ready", "{status}");
    }
}

#[tokio::test]
async fn a_factcheck_toml_in_a_subfolder_governs_the_drafts_below_it() {
    let ws = Workspace::new(&[
        ("book/factcheck.toml", TOML),
        ("book/sources/b.txt", B),
        ("book/drafts/part1/a.md", CONTRADICTION),
    ]);
    // The workspace root has no factcheck.toml: nothing to check against until the draft
    // is opened.
    let (mut client, _) = Client::start(&ws, plain_capabilities(), Value::Null).await;
    let status = client.status().await;
    assert_eq!(status["state"], "error", "{status}");
    let codes = codes_for(&mut client, &ws, "book/drafts/part1/a.md").await;
    assert_eq!(codes, ["contradiction"]);
    client.stop().await;
}

#[tokio::test]
async fn a_factcheck_toml_at_the_root_governs_a_draft_deep_inside() {
    let ws = Workspace::new(&[
        ("factcheck.toml", TOML),
        ("sources/b.txt", B),
        ("a/b/c/d/e.md", CONTRADICTION),
    ]);
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let codes = codes_for(&mut client, &ws, "a/b/c/d/e.md").await;
    assert_eq!(codes, ["contradiction"]);
    client.stop().await;
}

#[tokio::test]
async fn a_factcheck_toml_above_the_workspace_is_not_read() {
    let outer = Workspace::new(&[
        ("factcheck.toml", TOML),
        ("sources/b.txt", B),
        ("inner/drafts/a.md", CONTRADICTION),
    ]);
    // A workspace opened on `inner/`: the project file above it is not the workspace's.
    let ws = Workspace::at(outer.path("inner"));
    let (mut client, _) = Client::start(&ws, plain_capabilities(), Value::Null).await;
    let status = client.status().await;
    assert_eq!(status["state"], "error", "{status}");
    let uri = ws.uri("drafts/a.md");
    client.open(&uri, "markdown", 1, CONTRADICTION).await;
    // Reading the settings again after the open still finds no project file.
    let reply = client
        .request(
            "workspace/executeCommand",
            serde_json::json!({"command": "factcheck.reloadCorpus"}),
        )
        .await;
    assert_eq!(
        reply,
        serde_json::json!({"state": "error", "documents": 0, "bytes": 0})
    );
    let status = client.status().await;
    assert!(
        status["message"]
            .as_str()
            .unwrap()
            .starts_with("no corpus configured"),
        "{status}"
    );
    client.stop().await;
}
