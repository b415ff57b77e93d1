//! `factcheck.checkWorkspace` reads the drafts inside the workspace folders and nothing else:
//! links inside that lead out are named in its answer and not followed, so a link to `/`
//! costs nothing, rather than a walk of the whole disk.

mod lsp_support;

use lsp_support::*;
use serde_json::{json, Value};

const B: &str = "Officials said 40 people were evacuated from the town of Alder.\n";
const CONTRADICTION: &str = "Officials said 45 people were evacuated from the town of Alder.";
const TOML: &str = "[corpus]\npaths = [\"sources\"]\n";

async fn check_workspace(client: &mut Client) -> Value {
    let command = json!({"command": "factcheck.checkWorkspace"});
    client.request("workspace/executeCommand", command).await
}

/// The documents the server published diagnostics for, in order.
fn published(client: &mut Client) -> Vec<Value> {
    client
        .drain_seen(|m| m["method"] == "textDocument/publishDiagnostics")
        .iter()
        .map(|m| m["params"]["uri"].clone())
        .collect()
}

#[cfg(unix)]
#[tokio::test]
async fn check_workspace_names_the_links_out_of_the_workspace_and_reads_nothing_there() {
    let outside = Workspace::new(&[
        ("private.md", CONTRADICTION),
        ("more/other.md", CONTRADICTION),
    ]);
    let ws = Workspace::new(&[
        ("sources/b.txt", B),
        ("factcheck.toml", TOML),
        ("drafts/mine.md", CONTRADICTION),
    ]);
    let link =
        |to: &std::path::Path, at: &str| std::os::unix::fs::symlink(to, ws.path(at)).unwrap();
    link(&outside.path("private.md"), "drafts/notes.md");
    link(&outside.root, "drafts/elsewhere");
    link(std::path::Path::new("/"), "drafts/root");
    // A link that stays inside leads to a draft already met: it is checked once.
    link(&ws.path("drafts/mine.md"), "drafts/same.md");
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let reply = check_workspace(&mut client).await;
    let out = outside.root.display();
    assert_eq!(
        ws.redact(&reply),
        json!({"files": 1, "findings": 1, "skipped": [
            format!("[ROOT]/drafts/elsewhere: skipped: it leads outside the workspace, to {out}"),
            format!("[ROOT]/drafts/notes.md: skipped: it leads outside the workspace, to {out}/private.md"),
            "[ROOT]/drafts/root: skipped: it leads outside the workspace, to /",
        ]})
    );
    assert_eq!(published(&mut client), [json!(ws.uri("drafts/mine.md"))]);
    client.stop().await;
}

#[cfg(unix)]
#[tokio::test]
async fn check_workspace_refuses_fifos_and_devices_by_name_without_waiting() {
    let ws = Workspace::new(&[("sources/b.txt", B), ("factcheck.toml", TOML)]);
    let made = std::process::Command::new("mkfifo")
        .arg(ws.path("pipe.md"))
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", ws.path("zero.md")).unwrap();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let reply = check_workspace(&mut client).await;
    assert_eq!(
        ws.redact(&reply),
        json!({"files": 0, "findings": 0, "skipped": [
            "[ROOT]/pipe.md: not a regular file: it is a named pipe (FIFO)",
            "[ROOT]/zero.md: skipped: it leads outside the workspace, to /dev/zero",
        ]})
    );
    client.stop().await;
}

/// The walk honours the same rules as `factcheck check`'s: `.gitignore` and `.ignore` files,
/// each in its own subtree, and `[check] exclude` in factcheck.toml.
#[tokio::test]
async fn check_workspace_passes_by_what_gitignore_and_exclude_name() {
    let ws = Workspace::new(&[
        ("sources/b.txt", B),
        (
            "factcheck.toml",
            "[corpus]\npaths = [\"sources\"]\n[check]\nexclude = [\"drafts/old\"]\n",
        ),
        (".gitignore", "build/\n"),
        ("drafts/.ignore", "scratch.md\n"),
        ("drafts/mine.md", CONTRADICTION),
        ("drafts/scratch.md", CONTRADICTION),
        ("drafts/old/first.md", CONTRADICTION),
        ("build/copy.md", CONTRADICTION),
    ]);
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let reply = check_workspace(&mut client).await;
    assert_eq!(
        ws.redact(&reply),
        json!({"files": 1, "findings": 1, "skipped": []})
    );
    assert_eq!(published(&mut client), [json!(ws.uri("drafts/mine.md"))]);
    client.stop().await;
}
