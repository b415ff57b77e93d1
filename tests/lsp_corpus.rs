//! The corpus as the language server keeps it: indexed with progress, unreadable sources
//! named, re-indexed when sources change on disk, refused when a project file reaches outside
//! its workspace, and a failure that leaves the server serving.

mod lsp_support;

use lsp_support::*;
use serde_json::{json, Value};

const B: &str = "Officials said 40 people were evacuated from the town of Alder.\n";
const CONTRADICTION: &str = "Officials said 45 people were evacuated from the town of Alder.";
const TOML: &str = "[corpus]\npaths = [\"sources\"]\n";

fn is(method: &str) -> impl Fn(&Value) -> bool + '_ {
    move |m: &Value| m["method"] == method
}

#[tokio::test]
async fn indexing_reports_progress_and_names_the_sources_it_could_not_read() {
    let ws = Workspace::new(&[("sources/b.txt", B), ("factcheck.toml", TOML)]);
    ws.write("sources/binary.txt", b"ab\0cd");
    ws.write("sources/latin1.txt", b"caf\xe9 au lait");
    let (mut client, _) = Client::start(&ws, rich_capabilities(), Value::Null).await;
    let status = client.status().await;
    assert_eq!(
        status,
        json!({"state": "ready", "documents": 2, "bytes": B.len() + 14,
               "message": format!("2 sources, {} bytes indexed", B.len() + 14)})
    );
    let seen = client.drain_seen(|_| true);
    // The token was created by a request the client answered, then begin ... end.
    let create = seen
        .iter()
        .find(|m| m["method"] == "window/workDoneProgress/create")
        .expect("no progress token requested");
    let token = create["params"]["token"].clone();
    let progress: Vec<Value> = seen
        .iter()
        .filter(|m| m["method"] == "$/progress" && m["params"]["token"] == token)
        .map(|m| m["params"]["value"].clone())
        .collect();
    assert_eq!(
        progress.first(),
        Some(
            &json!({"kind": "begin", "title": "factcheck: indexing sources", "cancellable": false, "percentage": 0})
        )
    );
    assert!(progress[1..progress.len() - 1]
        .iter()
        .all(|p| p["kind"] == "report" && p["percentage"].as_u64().unwrap() <= 90));
    assert_eq!(
        progress.last(),
        Some(
            &json!({"kind": "end", "message": format!("2 sources, {} bytes indexed", B.len() + 14)})
        )
    );
    let statuses: Vec<&str> = seen
        .iter()
        .filter(|m| is("factcheck/status")(m))
        .map(|m| m["params"]["state"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["indexing", "ready"]);
    let notices: Vec<Value> = seen
        .iter()
        .filter(|m| is("window/showMessage")(m))
        .map(|m| ws.redact(&m["params"]))
        .collect();
    assert_eq!(
        notices,
        [json!({"type": 2, "message":
            "factcheck: 2 source files could not be read as given: \
             [ROOT]/sources/binary.txt: skipped: a binary file (it holds NUL bytes), not text; \
             [ROOT]/sources/latin1.txt: invalid UTF-8 at byte 3: read with U+FFFD in place of the bad bytes"})]
    );
    client.stop().await;
}

#[tokio::test]
async fn a_corpus_that_cannot_load_leaves_the_server_serving() {
    let ws = Workspace::new(&[("factcheck.toml", TOML)]);
    std::fs::create_dir(ws.path("sources")).unwrap();
    let (mut client, _) = Client::start(&ws, plain_capabilities(), Value::Null).await;
    let status = client.status().await;
    assert_eq!(status["state"], "error");
    let message = status["message"].as_str().unwrap();
    assert!(
        message.starts_with("the corpus is empty: no readable source"),
        "{message}"
    );
    let notice = client.notification("window/showMessage").await;
    assert_eq!(notice["type"], 1);
    assert!(notice["message"]
        .as_str()
        .unwrap()
        .contains("the corpus is empty"));
    // Documents still open, hover still answers; there is simply nothing to say.
    let uri = ws.uri("d.md");
    client.open(&uri, "markdown", 1, CONTRADICTION).await;
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position(0, 16)}),
        )
        .await;
    assert_eq!(hover, Value::Null);
    // Adding a source and reloading brings the checks back.
    ws.write("sources/b.txt", B.as_bytes());
    let reply = client
        .request(
            "workspace/executeCommand",
            json!({"command": "factcheck.reloadCorpus"}),
        )
        .await;
    assert_eq!(
        reply,
        json!({"state": "ready", "documents": 1, "bytes": B.len()})
    );
    let published = client.diagnostics(&uri, 1).await;
    assert_eq!(published["diagnostics"][0]["code"], "contradiction");
    client.stop().await;

    // No corpus named at all is an error status too, with the way to name one.
    let bare = Workspace::new(&[]);
    let (mut client, _) = Client::start(&bare, plain_capabilities(), Value::Null).await;
    let status = client.status().await;
    assert_eq!(status["state"], "error");
    assert!(status["message"]
        .as_str()
        .unwrap()
        .starts_with("no corpus configured"));
    client.stop().await;
}

#[tokio::test]
async fn a_source_changed_on_disk_is_reindexed_and_open_documents_rechecked() {
    let ws = Workspace::new(&[("sources/b.txt", B), ("factcheck.toml", TOML)]);
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    let text = format!("{CONTRADICTION} Rescuers said 15 homes were flooded near the river Wend.");
    client.open(&uri, "markdown", 1, &text).await;
    let before = client.diagnostics(&uri, 1).await;
    assert_eq!(before["diagnostics"].as_array().unwrap().len(), 1);
    // No request from the client: the server's own watcher notices the new file.
    ws.write_atomic(
        "sources/c.md",
        "# Flood\n\nRescuers said 12 homes were flooded near the river Wend.\n".as_bytes(),
    );
    let status = client.status().await;
    assert_eq!(status["documents"], 2, "{status}");
    let after = client.diagnostics(&uri, 1).await;
    let codes: Vec<&str> = after["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "Contradiction: the sources say “40”, not “45”",
            "Contradiction: the sources say “12”, not “15”"
        ]
    );
    // Removing it takes its findings away again.
    std::fs::remove_file(ws.path("sources/c.md")).unwrap();
    let status = client.status().await;
    assert_eq!(status["documents"], 1, "{status}");
    let again = client.diagnostics(&uri, 1).await;
    assert_eq!(again["diagnostics"].as_array().unwrap().len(), 1);
    client.stop().await;
}

#[tokio::test]
async fn the_client_is_asked_to_watch_the_sources_and_its_notices_trigger_a_reindex() {
    let ws = Workspace::new(&[("sources/b.txt", B), ("factcheck.toml", TOML)]);
    let mut client = Client::ready(&ws, rich_capabilities(), Value::Null).await;
    let registration = client
        .drain_seen(is("client/registerCapability"))
        .pop()
        .expect("no registration");
    assert_eq!(
        ws.redact(&registration["params"]),
        json!({"registrations": [{
            "id": "factcheck/watch-sources",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": {"watchers": [
                {"globPattern": "[ROOT]/sources/**/*"},
                {"globPattern": "**/factcheck.toml"}
            ]}
        }]})
    );
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": ws.uri("sources/b.txt"), "type": 2}]}),
        )
        .await;
    assert_eq!(client.status().await["state"], "ready");
    // A change elsewhere is not the corpus: it is ignored (the next status comes from the
    // reload asked for after it, not from the draft).
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": ws.uri("drafts/x.md"), "type": 2}]}),
        )
        .await;
    let reply = client
        .request(
            "workspace/executeCommand",
            json!({"command": "factcheck.reloadCorpus"}),
        )
        .await;
    assert_eq!(reply["state"], "ready");
    let indexing = client
        .drain_seen(|m| m["method"] == "factcheck/status" && m["params"]["state"] == "indexing");
    assert_eq!(
        indexing.len(),
        3,
        "initial load, the watched change, the command"
    );
    client.stop().await;
}

#[tokio::test]
async fn a_project_file_naming_sources_outside_the_workspace_is_refused() {
    let outside = Workspace::new(&[("b.txt", B)]);
    let ws = Workspace::new(&[]);
    ws.write(
        "factcheck.toml",
        format!("[corpus]\npaths = [{:?}]\n", path_str(&outside.root)).as_bytes(),
    );
    let (mut client, _) = Client::start(&ws, plain_capabilities(), Value::Null).await;
    let refusal = client.notification("window/showMessage").await;
    assert_eq!(
        refusal["message"],
        format!(
            "factcheck: {}: refused corpus path {}: it is outside the workspace {}, and a \
             project file may only name sources inside its workspace. To use it, set \
             factcheck.corpus.paths in your editor's settings.",
            ws.path("factcheck.toml").display(),
            outside.root.display(),
            ws.root.display()
        )
    );
    // The status says the corpus was refused, not that none is configured.
    assert_eq!(
        client.status().await,
        json!({"state": "error", "documents": 0, "bytes": 0, "message": format!(
            "no corpus to check against: every corpus path {} names was refused, as it lies \
             outside the workspace ({}), and a project file may only name sources inside its \
             workspace. To use them, set factcheck.corpus.paths in your editor's settings.",
            ws.path("factcheck.toml").display(),
            outside.root.display()
        )})
    );
    client.stop().await;

    // A symbolic link inside the workspace leading outside is outside too.
    #[cfg(unix)]
    {
        let linked = Workspace::new(&[("factcheck.toml", TOML)]);
        std::os::unix::fs::symlink(&outside.root, linked.path("sources")).unwrap();
        let (mut client, _) = Client::start(&linked, plain_capabilities(), Value::Null).await;
        let refusal = client.notification("window/showMessage").await;
        assert!(refusal["message"]
            .as_str()
            .unwrap()
            .contains("refused corpus path"));
        assert_eq!(client.status().await["state"], "error");
        client.stop().await;
    }

    // The same folder named in the editor's settings is the writer's choice, and is read.
    let options = json!({"factcheck": {"corpus": {"paths": [path_str(&outside.root)]}}});
    let mut client = Client::ready(&ws, plain_capabilities(), options).await;
    let uri = ws.uri("d.md");
    client.open(&uri, "markdown", 1, CONTRADICTION).await;
    assert_eq!(
        client.diagnostics(&uri, 1).await["diagnostics"][0]["code"],
        "contradiction"
    );
    client.stop().await;
}

#[tokio::test]
async fn changed_settings_recheck_open_documents() {
    let ws = Workspace::new(&[("sources/b.txt", B), ("factcheck.toml", TOML)]);
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    client.open(&uri, "markdown", 1, CONTRADICTION).await;
    assert_eq!(
        client.diagnostics(&uri, 1).await["diagnostics"][0]["severity"],
        2
    );
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"factcheck": {"severity": {"contradiction": "error"}}}}),
        )
        .await;
    assert_eq!(
        client.diagnostics(&uri, 1).await["diagnostics"][0]["severity"],
        1
    );
    // Settings that make no sense are named, and the rest still applies.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"severity": {"contradiction": "loud"}, "citationStyle": "bracket"}}),
        )
        .await;
    let notice = client.notification("window/showMessage").await;
    assert_eq!(
        notice,
        json!({"type": 1, "message": "factcheck: factcheck.severity.contradiction: unknown severity \"loud\": \
               expected one of \"error\", \"warning\", \"information\", \"hint\", \"off\""})
    );
    assert_eq!(
        client.diagnostics(&uri, 1).await["diagnostics"][0]["severity"],
        2
    );
    // Editing factcheck.toml on disk applies too (the editor's settings still win).
    ws.write_atomic(
        "factcheck.toml",
        b"[corpus]\npaths = [\"sources\"]\n[severity]\ncontradiction = \"off\"\n",
    );
    let published = client.diagnostics(&uri, 1).await;
    assert_eq!(published["diagnostics"], json!([]));
    client.stop().await;
}

/// A project file may name a corpus folder inside the workspace that holds links leading out
/// of it (to `~/.aws/credentials`, say). They are not followed: nothing there is read, indexed
/// or offered in completion, and the writer is told which links were passed by.
#[cfg(unix)]
#[tokio::test]
async fn links_in_a_project_corpus_folder_that_lead_out_of_the_workspace_are_not_read() {
    let secret = "The launch code for the vault is tango seven seven alpha niner.\n";
    let outside = Workspace::new(&[("secret.txt", secret), ("deeper/other.txt", secret)]);
    let ws = Workspace::new(&[("sources/b.txt", B), ("factcheck.toml", TOML)]);
    std::os::unix::fs::symlink(outside.path("secret.txt"), ws.path("sources/leak.txt")).unwrap();
    std::os::unix::fs::symlink(&outside.root, ws.path("sources/elsewhere")).unwrap();
    let (mut client, _) = Client::start(&ws, plain_capabilities(), Value::Null).await;
    assert_eq!(
        client.status().await,
        json!({"state": "ready", "documents": 1, "bytes": B.len(),
               "message": format!("1 sources, {} bytes indexed", B.len())})
    );
    let out = outside.root.display();
    assert_eq!(
        ws.redact(&client.notification("window/showMessage").await),
        json!({"type": 2, "message": format!(
            "factcheck: 2 source files could not be read as given: \
             [ROOT]/sources/elsewhere: skipped: it leads outside the workspace, to {out}; \
             [ROOT]/sources/leak.txt: skipped: it leads outside the workspace, to {out}/secret.txt"
        )})
    );
    let uri = ws.uri("d.md");
    let typed = "He said “The launch code for the vault is ";
    client.open(&uri, "markdown", 1, typed).await;
    let completion = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": position(0, typed.encode_utf16().count() as u32)}),
        )
        .await;
    assert!(!completion.to_string().contains("tango"), "{completion}");
    client.stop().await;

    // The same folder named in the editor's settings is the writer's choice: its links are
    // followed wherever they lead.
    let options = json!({"factcheck": {"corpus": {"paths": [path_str(&ws.path("sources"))]}}});
    let (mut client, _) = Client::start(&ws, plain_capabilities(), options).await;
    assert_eq!(client.status().await["documents"], 4);
    client.stop().await;
}
