//! Diagnostics from the language server: what is published, when, at which version, with
//! which positions, and what the client can pull.

mod lsp_support;

use std::sync::Arc;

use factcheck::{CheckOptions, Checker, Corpus, Format, Index};
use lsp_support::*;
use serde_json::{json, Value};

const A: &str = "The August assessment said China preferred a Biden presidency.\n\
                 The minister said “we will not retreat from the northern coast” on Monday.\n";
const B: &str = "Officials said 40 people were evacuated from the town of Alder.\n";

const CONTRADICTION: &str = "Officials said 45 people were evacuated from the town of Alder.";
const MISQUOTE: &str = "He said “we would not retreat from the northern coast” today.";

fn workspace() -> Workspace {
    Workspace::new(&[
        ("sources/a.txt", A),
        ("sources/b.txt", B),
        ("factcheck.toml", "[corpus]\npaths = [\"sources\"]\n"),
    ])
}

/// The findings a fresh checker reports for `text`, as (range, code, message), with ranges
/// computed by the test's own position arithmetic.
fn expected_findings(ws: &Workspace, text: &str, utf8: bool) -> Vec<Value> {
    let corpus = Corpus::load(&[ws.path("sources")], &mut |_| {}).unwrap();
    let checker = Checker::new(Arc::new(Index::build(corpus)));
    let options = CheckOptions {
        format: Format::Markdown,
        ..CheckOptions::default()
    };
    checker
        .check(text, &options)
        .findings
        .iter()
        .map(|f| {
            json!({
                "range": range(at(text, f.span.start, utf8), at(text, f.span.end, utf8)),
                "code": f.code.as_str(),
                "message": f.message,
            })
        })
        .collect()
}

fn summary(published: &Value) -> Vec<Value> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| json!({"range": d["range"], "code": d["code"], "message": d["message"]}))
        .collect()
}

#[tokio::test]
async fn initialize_negotiates_the_position_encoding_and_advertises_features() {
    let ws = workspace();
    let (plain, result) = Client::start(&ws, plain_capabilities(), Value::Null).await;
    let advertised = json!({
        "capabilities": {
            "codeActionProvider": {"codeActionKinds": ["quickfix", "refactor.factcheck.cite"]},
            "completionProvider": {"triggerCharacters": [" "]},
            "definitionProvider": true,
            "executeCommandProvider": {"commands": [
                "factcheck.reloadCorpus", "factcheck.checkWorkspace", "factcheck.showSources"
            ]},
            "hoverProvider": true,
            "positionEncoding": "utf-16",
            "textDocumentSync": {"change": 2, "openClose": true}
        },
        "serverInfo": {"name": "factcheck", "version": env!("CARGO_PKG_VERSION")}
    });
    assert_eq!(result, advertised);
    plain.stop().await;

    // A client offering UTF-8 gets it, and one that pulls diagnostics is offered pulls.
    let (rich, result) = Client::start(&ws, rich_capabilities(), Value::Null).await;
    let mut expected = advertised;
    expected["capabilities"]["positionEncoding"] = json!("utf-8");
    expected["capabilities"]["diagnosticProvider"] = json!({
        "identifier": "factcheck", "interFileDependencies": false, "workspaceDiagnostics": false
    });
    assert_eq!(result, expected);
    rich.stop().await;
}

#[tokio::test]
async fn a_contradiction_is_published_with_its_version_evidence_and_fix() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("draft.md");
    let text = format!("# Evacuation\n\n{CONTRADICTION}\n");
    client.open(&uri, "markdown", 7, &text).await;
    let published = client.diagnostics(&uri, 7).await;
    assert_eq!(
        ws.redact(&published),
        json!({
            "uri": "file://[ROOT]/draft.md",
            "version": 7,
            "diagnostics": [{
                "range": range((2, 15), (2, 17)),
                "severity": 2,
                "code": "contradiction",
                "source": "factcheck",
                "message": "Contradiction: the sources say “40”, not “45”",
                "relatedInformation": [{
                    "location": {"uri": "file://[ROOT]/sources/b.txt", "range": range((0, 0), (0, 63))},
                    "message": "sources/b.txt:1: Officials said 40 people were evacuated from the town of Alder."
                }],
                "data": {
                    "version": 7,
                    "code": "contradiction",
                    "fixes": [{
                        "title": "Replace with “40”",
                        "edits": [{"range": range((2, 15), (2, 17)), "newText": "40"}]
                    }],
                    "citations": [],
                    "ignore": {
                        "title": "Ignore this finding (factcheck-ignore)",
                        "edits": [{"range": range((2, 0), (2, 0)), "newText": "<!-- factcheck-ignore -->\n"}]
                    }
                }
            }]
        })
    );
    client.stop().await;
}

#[tokio::test]
async fn typing_a_paragraph_one_character_at_a_time_ends_with_the_final_texts_findings() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("typed.md");
    let final_text = format!(
        "# Notes 😀\r\n\r\nThe assessment said China preferred a Trump presidency. {CONTRADICTION} \
         {MISQUOTE}\r\nThe end — for now.\r\n"
    );
    client.open(&uri, "markdown", 1, "").await;
    // Each keystroke inserts one character at the end, positions in UTF-16 as VS Code sends.
    let mut typed = String::new();
    let mut version = 1;
    for c in final_text.chars() {
        let end = at(&typed, typed.len(), false);
        version += 1;
        client
            .edit(&uri, version, range(end, end), &c.to_string())
            .await;
        typed.push(c);
    }
    assert!(version > 200, "only {version} edits");
    let last = client.diagnostics(&uri, version).await;
    let expected = expected_findings(&ws, &final_text, false);
    assert_eq!(summary(&last), expected);
    assert!(expected.len() >= 3, "{expected:#?}");

    // A round trip later, nothing older has arrived, and every publish came in version order.
    client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position(0, 0)}),
        )
        .await;
    let versions: Vec<i64> = client
        .drain_seen(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })
        .iter()
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert_eq!(versions.last(), Some(&version));
    // Coalescing: far fewer checks were published than keystrokes sent.
    assert!(versions.len() < version as usize, "{versions:?}");
    client.stop().await;
}

#[tokio::test]
async fn positions_count_utf16_units_or_utf8_bytes_after_emoji_quotes_dashes_and_crlf() {
    let ws = workspace();
    let text = format!("Intro — “quoted” 😀 café.\r\n😀 — {CONTRADICTION}\r\n");
    for (capabilities, utf8) in [(plain_capabilities(), false), (rich_capabilities(), true)] {
        let mut client = Client::ready(&ws, capabilities, Value::Null).await;
        let uri = ws.uri("positions.md");
        client.open(&uri, "markdown", 1, &text).await;
        let published = client.diagnostics(&uri, 1).await;
        let contradiction: Vec<Value> = summary(&published)
            .into_iter()
            .filter(|d| d["code"] == "contradiction")
            .collect();
        // "😀 — Officials said 4": the emoji is 2 UTF-16 units and 4 bytes, the dash 1 and 3.
        let start = if utf8 {
            4 + 1 + 3 + 1 + 15
        } else {
            2 + 1 + 1 + 1 + 15
        };
        assert_eq!(
            contradiction,
            [json!({
                "range": range((1, start), (1, start + 2)),
                "code": "contradiction",
                "message": "Contradiction: the sources say “40”, not “45”"
            })]
        );
        assert_eq!(summary(&published), expected_findings(&ws, &text, utf8));
        client.stop().await;
    }
}

#[tokio::test]
async fn pulled_diagnostics_match_the_pushed_ones_and_unchanged_results_say_so() {
    let ws = workspace();
    let mut client = Client::ready(&ws, rich_capabilities(), Value::Null).await;
    let uri = ws.uri("pull.md");
    client.open(&uri, "markdown", 1, CONTRADICTION).await;
    let pushed = client.diagnostics(&uri, 1).await;
    let pulled = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(pulled["kind"], "full");
    assert_eq!(pulled["items"], pushed["diagnostics"]);
    let id = pulled["resultId"].as_str().unwrap().to_string();
    let again = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}, "previousResultId": id}),
        )
        .await;
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id}));
    // After an edit the pull answers for the new text, even before the push arrives.
    client.replace(&uri, 2, "Nothing to see.").await;
    let fresh = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}, "previousResultId": id}),
        )
        .await;
    assert_eq!(fresh["kind"], "full");
    assert_eq!(fresh["items"], json!([]));
    client.stop().await;
}

#[tokio::test]
async fn closing_a_document_clears_its_diagnostics() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("close.md");
    client.open(&uri, "markdown", 1, CONTRADICTION).await;
    let published = client.diagnostics(&uri, 1).await;
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 1);
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let cleared = client.notification("textDocument/publishDiagnostics").await;
    assert_eq!(cleared, json!({"uri": uri, "diagnostics": []}));
    client.stop().await;
}

#[tokio::test]
async fn only_the_configured_languages_are_checked() {
    let ws = workspace();
    let options = json!({"factcheck": {"languages": ["plaintext"]}});
    let mut client = Client::ready(&ws, rich_capabilities(), options).await;
    let pull = |uri: &str| json!({"textDocument": {"uri": uri}});
    let (md, rust, text) = (ws.uri("a.md"), ws.uri("a.rs"), ws.uri("a.txt"));
    client.open(&md, "markdown", 1, CONTRADICTION).await;
    client.open(&rust, "rust", 1, CONTRADICTION).await;
    // Emacs' text-mode says "text": it is plain text.
    client.open(&text, "text", 1, CONTRADICTION).await;
    let checked = client.request("textDocument/diagnostic", pull(&text)).await;
    assert_eq!(checked["items"][0]["code"], "contradiction");
    for uri in [&md, &rust] {
        let unchecked = client.request("textDocument/diagnostic", pull(uri)).await;
        assert_eq!(unchecked, json!({"kind": "full", "items": []}), "{uri}");
    }
    client.stop().await;
}

#[tokio::test]
async fn severities_come_from_the_project_file_and_the_editor_settings_win() {
    let ws = workspace();
    ws.write(
        "factcheck.toml",
        b"[corpus]\npaths = [\"sources\"]\n[severity]\ncontradiction = \"hint\"\nmisquote = \"error\"\n",
    );
    let text = format!("{CONTRADICTION} {MISQUOTE}");
    let severities = |published: &Value| -> Vec<(String, i64)> {
        published["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["severity"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("sev.md");
    client.open(&uri, "markdown", 1, &text).await;
    let published = client.diagnostics(&uri, 1).await;
    assert_eq!(
        severities(&published),
        [
            ("contradiction".to_string(), 4),
            ("misquote".to_string(), 1)
        ]
    );
    client.stop().await;

    let options = json!({"severity": {"contradiction": "error", "misquote": "off"}});
    let mut client = Client::ready(&ws, plain_capabilities(), options).await;
    client.open(&uri, "markdown", 1, &text).await;
    let published = client.diagnostics(&uri, 1).await;
    assert_eq!(severities(&published), [("contradiction".to_string(), 1)]);
    client.stop().await;
}
