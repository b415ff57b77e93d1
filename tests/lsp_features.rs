//! What a writer gets from the language server beyond squiggles: hover cards, go to the
//! source, quick fixes and citations, quotation completion, and the commands.

mod lsp_support;

use lsp_support::*;
use serde_json::{json, Value};

const A: &str = "The August assessment said China preferred a Biden presidency.\n\
                 The minister said “we will not retreat from the northern coast” on Monday.\n\
                 The general said “the bridge will be rebuilt by the spring” last week.\n";
const B: &str = "Officials said 40 people were evacuated from the town of Alder.\n\
                 The mayor said “we will not retreat from the northern coast” at noon.\n";

const CONTRADICTION: &str = "Officials said 45 people were evacuated from the town of Alder.";
const MISQUOTE: &str = "He said “the bridge would be rebuilt by the spring” today.";
const STATED: &str = "He said “we will not retreat from the northern coast” today.";

fn workspace() -> Workspace {
    Workspace::new(&[
        ("sources/a.txt", A),
        ("sources/b.txt", B),
        ("factcheck.toml", "[corpus]\npaths = [\"sources\"]\n"),
    ])
}

fn at_params(uri: &str, p: (u32, u32)) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position(p.0, p.1)})
}

/// Opens `text` and waits for its first diagnostics.
async fn opened(client: &mut Client, uri: &str, language: &str, text: &str) -> Value {
    client.open(uri, language, 1, text).await;
    client.diagnostics(uri, 1).await
}

#[tokio::test]
async fn hovering_a_stated_phrase_names_each_source_with_the_matching_words_in_bold() {
    let ws = workspace();
    let mut client = Client::ready(&ws, rich_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    opened(&mut client, &uri, "markdown", STATED).await;
    let hover = client
        .request(
            "textDocument/hover",
            at_params(&uri, find(STATED, "retreat", true)),
        )
        .await;
    assert_eq!(
        ws.redact(&hover),
        json!({
            "contents": {"kind": "markdown", "value":
                "**Stated by 2 sources**\n\n\
                 - [sources/a.txt:2](file://[ROOT]/sources/a.txt#L2): The minister **said** “**we will not retreat from the northern coast**” on Monday.\n\
                 - [sources/b.txt:2](file://[ROOT]/sources/b.txt#L2): The mayor **said** “**we will not retreat from the northern coast**” at noon."},
            "range": range_of(STATED, "we will not retreat from the northern coast", true)
        })
    );
    // Where no source says anything, there is no card.
    let text = format!("{STATED} Nothing else here.");
    client.replace(&uri, 2, &text).await;
    client.diagnostics(&uri, 2).await;
    let nothing = client
        .request(
            "textDocument/hover",
            at_params(&uri, find(&text, "else", true)),
        )
        .await;
    assert_eq!(nothing, Value::Null);
    client.stop().await;
}

#[tokio::test]
async fn hovering_a_finding_shows_what_the_sources_say_instead() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    opened(&mut client, &uri, "markdown", CONTRADICTION).await;
    let hover = client
        .request(
            "textDocument/hover",
            at_params(&uri, find(CONTRADICTION, "45", false)),
        )
        .await;
    assert_eq!(
        ws.redact(&hover),
        json!({
            "contents": {"kind": "markdown", "value":
                "**factcheck** `contradiction`: Contradiction: the sources say “40”, not “45”\n\n\
                 What the sources say instead (1 source):\n\n\
                 - [sources/b.txt:1](file://[ROOT]/sources/b.txt#L1): **Officials said** 40 **people were evacuated from the town of Alder**."},
            "range": range_of(CONTRADICTION, "45", false)
        })
    );
    client.stop().await;

    // A client that only renders plain text gets the card without markup.
    let caps = json!({"textDocument": {"hover": {"contentFormat": ["plaintext"]}}});
    let mut client = Client::ready(&ws, caps, Value::Null).await;
    opened(&mut client, &uri, "markdown", CONTRADICTION).await;
    let hover = client
        .request(
            "textDocument/hover",
            at_params(&uri, find(CONTRADICTION, "45", false)),
        )
        .await;
    assert_eq!(
        hover["contents"],
        json!({"kind": "plaintext", "value":
            "factcheck contradiction: Contradiction: the sources say “40”, not “45”\n\n\
             What the sources say instead (1 source):\n\n\
             - sources/b.txt:1: Officials said 40 people were evacuated from the town of Alder."})
    );
    client.stop().await;
}

#[tokio::test]
async fn go_to_definition_opens_the_source_passage() {
    let ws = workspace();
    let mut client = Client::ready(&ws, rich_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    let text = format!("{CONTRADICTION} {STATED}");
    opened(&mut client, &uri, "markdown", &text).await;
    let on_finding = client
        .request(
            "textDocument/definition",
            at_params(&uri, find(&text, "45", true)),
        )
        .await;
    assert_eq!(
        ws.redact(&on_finding),
        json!({"uri": "file://[ROOT]/sources/b.txt", "range": range((0, 0), (0, 63))})
    );
    // A phrase two sources state: both passages, ranges in UTF-8 bytes (curly quotes are 3).
    let on_citation = client
        .request(
            "textDocument/definition",
            at_params(&uri, find(&text, "northern", true)),
        )
        .await;
    assert_eq!(
        ws.redact(&on_citation),
        json!([
            {"uri": "file://[ROOT]/sources/a.txt", "range": range((1, 0), (1, 78))},
            {"uri": "file://[ROOT]/sources/b.txt", "range": range((1, 0), (1, 73))}
        ])
    );
    client.stop().await;
}

/// The code actions offered for the first diagnostic of `published`.
async fn actions_for(client: &mut Client, uri: &str, published: &Value, code: &str) -> Vec<Value> {
    let diagnostic = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {published}"))
        .clone();
    let reply = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": diagnostic["range"],
                   "context": {"diagnostics": [diagnostic], "only": ["quickfix"]}}),
        )
        .await;
    reply.as_array().unwrap().clone()
}

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action {title:?} in {actions:#?}"))
}

#[tokio::test]
async fn replacing_a_contradicted_number_with_the_sources_clears_the_finding() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    let text = format!("# Alder\n\n{CONTRADICTION}\n");
    let published = opened(&mut client, &uri, "markdown", &text).await;
    let actions = actions_for(&mut client, &uri, &published, "contradiction").await;
    let diagnostic = &published["diagnostics"][0];
    assert_eq!(
        json!(actions),
        json!([
            {
                "title": "Replace with “40”",
                "kind": "quickfix",
                "diagnostics": [diagnostic],
                "isPreferred": true,
                "edit": {"changes": {uri.clone(): [{"range": range((2, 15), (2, 17)), "newText": "40"}]}}
            },
            {
                "title": "Ignore this finding (factcheck-ignore)",
                "kind": "quickfix",
                "diagnostics": [diagnostic],
                "edit": {"changes": {uri.clone(): [{"range": range((2, 0), (2, 0)), "newText": "<!-- factcheck-ignore -->\n"}]}}
            }
        ])
    );
    let fixed = apply_edits(&text, &action_edits(&actions[0], &uri), false);
    assert_eq!(
        fixed,
        "# Alder\n\nOfficials said 40 people were evacuated from the town of Alder.\n"
    );
    client.replace(&uri, 2, &fixed).await;
    assert_eq!(client.diagnostics(&uri, 2).await["diagnostics"], json!([]));
    client.stop().await;
}

#[tokio::test]
async fn a_misquote_can_be_replaced_cited_or_ignored() {
    let ws = workspace();
    let mut client = Client::ready(&ws, rich_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    let text = format!("{MISQUOTE}\n");
    let published = opened(&mut client, &uri, "markdown", &text).await;
    let actions = actions_for(&mut client, &uri, &published, "misquote").await;
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace with the source's exact words",
            "Cite sources/a.txt:3",
            "Ignore this finding (factcheck-ignore)"
        ]
    );
    // Versioned edits for a client that takes them: a stale edit is refused by the editor.
    assert_eq!(
        titled(&actions, "Cite sources/a.txt:3")["edit"]["documentChanges"][0]["textDocument"],
        json!({"uri": uri, "version": 1})
    );
    let apply =
        |title: &str| apply_edits(&text, &action_edits(titled(&actions, title), &uri), true);
    assert_eq!(
        apply("Replace with the source's exact words"),
        "He said “the bridge will be rebuilt by the spring” today.\n"
    );
    assert_eq!(
        apply("Cite sources/a.txt:3"),
        "He said “the bridge would be rebuilt by the spring” today.[^1]\n\n\
         [^1]: sources/a.txt, line 3.\n"
    );
    let ignored = apply("Ignore this finding (factcheck-ignore)");
    assert_eq!(ignored, format!("<!-- factcheck-ignore -->\n{MISQUOTE}\n"));
    client.replace(&uri, 2, &ignored).await;
    assert_eq!(client.diagnostics(&uri, 2).await["diagnostics"], json!([]));
    client.stop().await;
}

#[tokio::test]
async fn plain_text_and_the_bracket_style_cite_in_brackets() {
    let ws = workspace();
    let text = format!("{MISQUOTE}\r\nNext line.\r\n");
    let expected = "He said “the bridge would be rebuilt by the spring” today. [sources/a.txt:3]\r\nNext line.\r\n";
    // Plain text has no footnotes; Markdown with citationStyle "bracket" uses them too.
    for (language, options) in [
        ("plaintext", Value::Null),
        (
            "markdown",
            json!({"factcheck": {"citationStyle": "bracket"}}),
        ),
    ] {
        let mut client = Client::ready(&ws, plain_capabilities(), options).await;
        let uri = ws.uri("d.txt");
        let published = opened(&mut client, &uri, language, &text).await;
        let actions = actions_for(&mut client, &uri, &published, "misquote").await;
        let cite = titled(&actions, "Cite sources/a.txt:3");
        assert_eq!(
            apply_edits(&text, &action_edits(cite, &uri), false),
            expected,
            "{language}"
        );
        client.stop().await;
    }
}

#[tokio::test]
async fn a_stated_phrase_can_be_cited_without_a_finding() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    let text = "Officials said 40 people were evacuated from the town of Alder. Then rain.\n";
    let published = opened(&mut client, &uri, "markdown", text).await;
    assert_eq!(published["diagnostics"], json!([]));
    let cursor = find(text, "evacuated", false);
    let reply = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range(cursor, cursor),
                   "context": {"diagnostics": []}}),
        )
        .await;
    assert_eq!(
        reply,
        json!([{
            "title": "Cite sources/b.txt:1",
            "kind": "refactor.factcheck.cite",
            "edit": {"changes": {uri.clone(): [
                {"range": range((0, 63), (0, 63)), "newText": "[^1]"},
                {"range": range((1, 0), (1, 0)), "newText": "\n[^1]: sources/b.txt, line 1.\n"}
            ]}}
        }])
    );
    // Asking only for quick fixes leaves citations out.
    let quickfixes = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range(cursor, cursor),
                   "context": {"diagnostics": [], "only": ["quickfix"]}}),
        )
        .await;
    assert_eq!(quickfixes, Value::Null);
    client.stop().await;
}

#[tokio::test]
async fn an_open_quotation_completes_with_the_sources_exact_words() {
    let ws = workspace();
    ws.write(
        "sources/c.txt",
        "The ministry said “the plan was rejected outright because of its\ncost” in May.\n"
            .as_bytes(),
    );
    let markdown = json!({"textDocument": {"completion": {"completionItem": {
        "documentationFormat": ["markdown", "plaintext"]}}}});
    let mut client = Client::ready(&ws, markdown, Value::Null).await;
    let uri = ws.uri("d.md");
    let text = "😀 They wrote that “the plan was rejected out";
    opened(&mut client, &uri, "markdown", text).await;
    let cursor = at(text, text.len(), false);
    let reply = client
        .request("textDocument/completion", at_params(&uri, cursor))
        .await;
    let start = find(text, "the plan", false);
    assert_eq!(
        reply,
        json!([{
            "label": "the plan was rejected outright because of its cost",
            "kind": 1,
            "detail": "sources/c.txt:1",
            "documentation": {"kind": "markdown", "value":
                "sources/c.txt:1\n\n> The ministry said “the plan was rejected outright because of its cost” in May."},
            "sortText": "0000",
            "filterText": "the plan was rejected outright because of its cost",
            "textEdit": {"range": range(start, cursor),
                         "newText": "the plan was rejected outright because of its cost”"}
        }])
    );
    let completed = apply_edits(text, &[reply[0]["textEdit"].clone()], false);
    assert_eq!(
        completed,
        "😀 They wrote that “the plan was rejected outright because of its cost”"
    );
    // Outside a quotation there is nothing to complete.
    let outside = "They wrote that the plan was rejected out";
    client.replace(&uri, 2, outside).await;
    let reply = client
        .request(
            "textDocument/completion",
            at_params(&uri, at(outside, outside.len(), false)),
        )
        .await;
    assert_eq!(reply, Value::Null);
    client.stop().await;

    // A client that lists no documentation format (Emacs's eglot) gets plain text.
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    opened(&mut client, &uri, "markdown", text).await;
    let reply = client
        .request("textDocument/completion", at_params(&uri, cursor))
        .await;
    assert_eq!(
        reply[0]["documentation"],
        "sources/c.txt:1\n\nThe ministry said “the plan was rejected outright because of its cost” in May."
    );
    client.stop().await;
}

#[tokio::test]
async fn show_sources_lists_the_evidence_at_a_position() {
    let ws = workspace();
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    opened(&mut client, &uri, "markdown", CONTRADICTION).await;
    let (l, c) = find(CONTRADICTION, "45", false);
    let reply = client
        .request(
            "workspace/executeCommand",
            json!({"command": "factcheck.showSources", "arguments": [uri, position(l, c)]}),
        )
        .await;
    assert_eq!(
        ws.redact(&reply),
        json!({"sources": [{
            "source": "sources/b.txt",
            "uri": "file://[ROOT]/sources/b.txt",
            "line": 1,
            "quote": "Officials said 40 people were evacuated from the town of Alder."
        }]})
    );
    let bad = client
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "factcheck.showSources", "arguments": [uri]}),
        )
        .await;
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let unknown = client
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "factcheck.nope"}),
        )
        .await;
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");
    client.stop().await;
}

#[tokio::test]
async fn check_workspace_publishes_every_draft_on_disk_but_not_the_sources() {
    let ws = workspace();
    ws.write("drafts/old.md", CONTRADICTION.as_bytes());
    ws.write(
        "drafts/fine.txt",
        b"Officials said 40 people were evacuated from the town of Alder.",
    );
    ws.write("drafts/picture.png", b"\x89PNG\0\0");
    ws.write(".hidden/secret.md", CONTRADICTION.as_bytes());
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let reply = client
        .request(
            "workspace/executeCommand",
            json!({"command": "factcheck.checkWorkspace"}),
        )
        .await;
    assert_eq!(reply, json!({"files": 2, "findings": 1, "skipped": []}));
    let fine = client.notification("textDocument/publishDiagnostics").await;
    let old = client.notification("textDocument/publishDiagnostics").await;
    assert_eq!(old["uri"], ws.uri("drafts/old.md"));
    assert_eq!(old["diagnostics"][0]["code"], "contradiction");
    assert_eq!(
        fine,
        json!({"uri": ws.uri("drafts/fine.txt"), "diagnostics": []})
    );
    client.stop().await;
}

#[tokio::test]
async fn hovering_a_contested_point_shows_each_side_with_its_source() {
    let ws = Workspace::new(&[
        (
            "sources/tribunal.txt",
            "The tribunal in Leeds heard evidence from former warehouse staff for four days.\n",
        ),
        (
            "sources/union.txt",
            "The tribunal in Leeds heard evidence from former warehouse staff for five days.\n",
        ),
        ("factcheck.toml", "[corpus]\npaths = [\"sources\"]\n"),
    ]);
    let draft = "The tribunal in Leeds heard evidence from former warehouse staff for four days.";
    let mut client = Client::ready(&ws, plain_capabilities(), Value::Null).await;
    let uri = ws.uri("d.md");
    let diagnostics = opened(&mut client, &uri, "markdown", draft).await;
    let shown: Vec<(Value, Value)> = diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].clone(), d["severity"].clone()))
        .collect();
    // Information (3), not a warning: the draft states one side of a real dispute.
    assert_eq!(shown, [(json!("contested"), json!(3))]);
    let hover = client
        .request(
            "textDocument/hover",
            at_params(&uri, find(draft, "four", false)),
        )
        .await;
    assert_eq!(
        ws.redact(&hover)["contents"]["value"],
        json!(
            "**factcheck** `contested`: Contested: the sources disagree: tribunal.txt says \
             “four days”, union.txt says “five days”\n\n\
             Each side, with its source (2 sources):\n\n\
             - [sources/tribunal.txt:1](file://[ROOT]/sources/tribunal.txt#L1): **The tribunal in Leeds heard evidence from former warehouse staff for four days**.\n\
             - [sources/union.txt:1](file://[ROOT]/sources/union.txt#L1): **The tribunal in Leeds heard evidence from former warehouse staff for** five **days**."
        )
    );
    client.stop().await;
}
