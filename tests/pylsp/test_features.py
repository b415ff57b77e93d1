"""Every feature of `factcheck lsp`, end to end: the release binary over stdio, driven by
pytest-lsp's client with each editor profile's capabilities (see conftest.py). Replies are
asserted whole, with positions computed in the negotiated encoding by support.py's own
arithmetic, and edits applied the way an editor applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from conftest import A, B
from support import REPO, UTF8, UTF16, Client, apply_edits, find, js, span, whole_line, workspace_edits

CONTRADICTION = "Officials said 45 people were evacuated from the town of Alder."
MISQUOTE = "He said “the bridge would be rebuilt by the spring” today."
STATED = "He said “we will not retreat from the northern coast” today."


# What each editor profile gets (an independent table, not the rules the server implements):
# UTF-8 where the editor offers it, else UTF-16; pull diagnostics where it asks for them;
# versioned workspace edits where it takes them; file watchers registered where it can.
@dataclass
class Editor:
    encoding: str
    pulls: bool
    versioned_edits: bool
    registers_watchers: bool


EDITORS = {
    "visual-studio-code": Editor(UTF16, pulls=False, versioned_edits=True, registers_watchers=True),
    "neovim": Editor(UTF8, pulls=True, versioned_edits=False, registers_watchers=False),
    "neovim@v0.10.0": Editor(UTF16, pulls=True, versioned_edits=False, registers_watchers=False),
    "neovim@v0.7.0": Editor(UTF16, pulls=False, versioned_edits=False, registers_watchers=False),
    "emacs": Editor(UTF8, pulls=False, versioned_edits=True, registers_watchers=True),
}


def version_of_package() -> str:
    return re.search(r'(?m)^version = "([^"]+)"', (REPO / "Cargo.toml").read_text()).group(1)


def expected_edit(lsp: Client, uri: str, version: int, edits: list[dict]) -> dict:
    """A WorkspaceEdit as the server must send it to this profile."""
    if EDITORS[lsp.profile].versioned_edits:
        return {"documentChanges": [{"textDocument": {"uri": uri, "version": version}, "edits": edits}]}
    return {"changes": {uri: edits}}


def titled(actions: list[dict], title: str) -> dict:
    found = [a for a in actions if a["title"] == title]
    assert found, f"no action {title!r} in {[a['title'] for a in actions]}"
    return found[0]


async def test_initialize_negotiates_the_encoding_and_advertises_what_the_client_can_use(lsp: Client):
    assert lsp.encoding == EDITORS[lsp.profile].encoding
    capabilities = {
        "positionEncoding": EDITORS[lsp.profile].encoding,
        "textDocumentSync": {"openClose": True, "change": 2},
        "completionProvider": {"triggerCharacters": [" "]},
        "hoverProvider": True,
        "definitionProvider": True,
        "codeActionProvider": {"codeActionKinds": ["quickfix", "refactor.factcheck.cite"]},
        "executeCommandProvider": {
            "commands": ["factcheck.reloadCorpus", "factcheck.checkWorkspace", "factcheck.showSources"]
        },
    }
    if EDITORS[lsp.profile].pulls:
        capabilities["diagnosticProvider"] = {
            "identifier": "factcheck",
            "interFileDependencies": False,
            "workspaceDiagnostics": False,
        }
    assert lsp.js_init() == {
        "capabilities": capabilities,
        "serverInfo": {"name": "factcheck", "version": version_of_package()},
    }


async def test_diagnostics_follow_the_document_version_and_clear_on_close(lsp: Client):
    ws, enc = lsp.workspace, lsp.encoding
    uri = ws.uri("alder.md")
    text = f"# Alder\n\n{CONTRADICTION}\n"
    lsp.open(uri, text)
    fix = span(text, "45", enc)
    evidence = {"start": {"line": 0, "character": 0}, "end": whole_line(B, 0, enc)["end"]}
    source_uri = ws.uri("sources/b.txt")
    ignore_at = {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}
    assert await lsp.diagnostics_at(uri, 1) == [
        {
            "range": fix,
            "severity": 2,
            "code": "contradiction",
            "source": "factcheck",
            "message": "Contradiction: the sources say “40”, not “45”",
            "relatedInformation": [
                {
                    "location": {"uri": source_uri, "range": evidence},
                    "message": "sources/b.txt:1: Officials said 40 people were evacuated from the town of Alder.",
                }
            ],
            "data": {
                "version": 1,
                "code": "contradiction",
                "fixes": [{"title": "Replace with “40”", "edits": [{"range": fix, "newText": "40"}]}],
                "citations": [],
                "ignore": {
                    "title": "Ignore this finding (factcheck-ignore)",
                    "edits": [{"range": ignore_at, "newText": "<!-- factcheck-ignore -->\n"}],
                },
            },
        }
    ]
    # An incremental edit: "45" becomes "40", and version 2 has nothing to say.
    lsp.edit(uri, 2, [{"range": fix, "newText": "40"}])
    assert await lsp.diagnostics_at(uri, 2) == []
    # Another: a misquotation typed at the end.
    text = text.replace("45", "40")
    end = find(text, text, enc, end=True)
    lsp.edit(uri, 3, [{"range": {"start": end, "end": end}, "newText": f"{MISQUOTE}\n"}])
    text += f"{MISQUOTE}\n"
    [misquote] = await lsp.diagnostics_at(uri, 3)
    assert (misquote["code"], misquote["range"], misquote["message"]) == (
        "misquote",
        span(text, "the bridge would be rebuilt by the spring", enc),
        "Misquote: not the source's exact words (“would” where the source has “will”)",
    )
    # Closing takes everything back (no version: the document is gone).
    lsp.close(uri)
    assert await lsp.diagnostics_at(uri, None) == []


async def test_pull_diagnostics_where_the_editor_asks_for_them(lsp: Client):
    if not EDITORS[lsp.profile].pulls:
        # Not advertised, so the editor never asks: pushing is all it gets.
        assert "diagnosticProvider" not in lsp.js_init()["capabilities"]
        return
    uri = lsp.workspace.uri("pull.md")
    lsp.open(uri, CONTRADICTION)
    pushed = await lsp.diagnostics_at(uri, 1)
    pulled = await lsp.pull(uri)
    assert pulled == {"kind": "full", "resultId": pulled["resultId"], "items": pushed}
    assert await lsp.pull(uri, previous=pulled["resultId"]) == {
        "kind": "unchanged",
        "resultId": pulled["resultId"],
    }
    # After an edit the pull answers for the new text.
    lsp.replace(uri, 2, "Nothing to see here.")
    fresh = await lsp.pull(uri, previous=pulled["resultId"])
    assert fresh["kind"] == "full" and fresh["items"] == [] and fresh["resultId"] != pulled["resultId"]


async def test_hover_on_a_stated_phrase_and_on_a_finding(lsp: Client):
    ws, enc = lsp.workspace, lsp.encoding
    uri = ws.uri("hover.md")
    text = f"{STATED}\n{CONTRADICTION}\n"
    lsp.open(uri, text)
    await lsp.diagnostics_at(uri, 1)
    stated = await lsp.hover(uri, find(text, "retreat", enc))
    assert ws.redact(stated) == {
        "contents": {
            "kind": "markdown",
            "value": "**Stated by 2 sources**\n\n"
            "- [sources/a.txt:2](file://[ROOT]/sources/a.txt#L2): The minister **said** “**we will not retreat from the northern coast**” on Monday.\n"
            "- [sources/b.txt:2](file://[ROOT]/sources/b.txt#L2): The mayor **said** “**we will not retreat from the northern coast**” at noon.",
        },
        "range": span(text, "we will not retreat from the northern coast", enc),
    }
    finding = await lsp.hover(uri, find(text, "45", enc))
    assert ws.redact(finding) == {
        "contents": {
            "kind": "markdown",
            "value": "**factcheck** `contradiction`: Contradiction: the sources say “40”, not “45”\n\n"
            "What the sources say instead (1 source):\n\n"
            "- [sources/b.txt:1](file://[ROOT]/sources/b.txt#L1): **Officials said** 40 **people were evacuated from the town of Alder**.",
        },
        "range": span(text, "45", enc),
    }
    # Where no source says anything there is no card.
    assert await lsp.hover(uri, find(text, "today", enc)) is None


async def test_go_to_definition_opens_the_source_at_the_evidence(lsp: Client):
    ws, enc = lsp.workspace, lsp.encoding
    uri = ws.uri("definition.md")
    text = f"{CONTRADICTION} {STATED}"
    lsp.open(uri, text)
    await lsp.diagnostics_at(uri, 1)
    assert await lsp.definition(uri, find(text, "45", enc)) == {
        "uri": ws.uri("sources/b.txt"),
        "range": whole_line(B, 0, enc),
    }
    # A phrase two sources state: both passages (the curly quotes count 3 bytes or 1 unit).
    assert await lsp.definition(uri, find(text, "northern", enc)) == [
        {"uri": ws.uri("sources/a.txt"), "range": whole_line(A, 1, enc)},
        {"uri": ws.uri("sources/b.txt"), "range": whole_line(B, 1, enc)},
    ]
    assert await lsp.definition(uri, find(text, "today", enc)) is None


async def test_code_actions_replace_cite_and_ignore_and_their_edits_apply(lsp: Client):
    ws, enc = lsp.workspace, lsp.encoding
    uri = ws.uri("actions.md")
    text = f"# Alder\n\n{CONTRADICTION}\n"
    lsp.open(uri, text)
    diagnostics = await lsp.diagnostics_at(uri, 1)
    actions = await lsp.code_actions(uri, diagnostics[0]["range"], diagnostics, only=["quickfix"])
    line2 = {"line": 2, "character": 0}
    assert actions == [
        {
            "title": "Replace with “40”",
            "kind": "quickfix",
            "diagnostics": diagnostics,
            "isPreferred": True,
            "edit": expected_edit(lsp, uri, 1, [{"range": span(text, "45", enc), "newText": "40"}]),
        },
        {
            "title": "Ignore this finding (factcheck-ignore)",
            "kind": "quickfix",
            "diagnostics": diagnostics,
            "edit": expected_edit(
                lsp,
                uri,
                1,
                [{"range": {"start": line2, "end": line2}, "newText": "<!-- factcheck-ignore -->\n"}],
            ),
        },
    ]
    # The editor applies the replacement and sends it back as an incremental change.
    replace = workspace_edits(actions[0]["edit"], uri)
    assert (
        apply_edits(text, replace, enc)
        == "# Alder\n\nOfficials said 40 people were evacuated from the town of Alder.\n"
    )
    lsp.edit(uri, 2, replace)
    assert await lsp.diagnostics_at(uri, 2) == []

    # A misquote: the source's words, a citation (a footnote in Markdown), or the directive.
    text = f"Intro 😀 — “quoted”.\n{MISQUOTE}\n"
    lsp.replace(uri, 3, text)
    diagnostics = await lsp.diagnostics_at(uri, 3)
    actions = await lsp.code_actions(uri, diagnostics[0]["range"], diagnostics)
    assert [a["title"] for a in actions] == [
        "Replace with the source's exact words",
        "Cite sources/a.txt:3",
        "Ignore this finding (factcheck-ignore)",
    ]
    results = {a["title"]: apply_edits(text, workspace_edits(a["edit"], uri), enc) for a in actions}
    assert results == {
        "Replace with the source's exact words": "Intro 😀 — “quoted”.\nHe said “the bridge will be rebuilt by the spring” today.\n",
        "Cite sources/a.txt:3": "Intro 😀 — “quoted”.\nHe said “the bridge would be rebuilt by the spring” today.[^1]\n\n[^1]: sources/a.txt, line 3.\n",
        "Ignore this finding (factcheck-ignore)": f"Intro 😀 — “quoted”.\n<!-- factcheck-ignore -->\n{MISQUOTE}\n",
    }
    for action in actions:
        if EDITORS[lsp.profile].versioned_edits:
            assert action["edit"]["documentChanges"][0]["textDocument"] == {"uri": uri, "version": 3}
    # Each applied as the editor would, from the misquoted text: the replacement and the
    # directive silence the finding; the citation keeps it (the words are still wrong).
    version = 3
    for title, silenced in [
        ("Replace with the source's exact words", True),
        ("Ignore this finding (factcheck-ignore)", True),
        ("Cite sources/a.txt:3", False),
    ]:
        version += 1
        lsp.replace(uri, version, text)
        diagnostics = await lsp.diagnostics_at(uri, version)
        action = titled(await lsp.code_actions(uri, diagnostics[0]["range"], diagnostics), title)
        version += 1
        lsp.edit(uri, version, workspace_edits(action["edit"], uri))
        codes = [d["code"] for d in await lsp.diagnostics_at(uri, version)]
        assert codes == ([] if silenced else ["misquote"]), title

    # A stated phrase, no finding: citing it is a refactoring, not a quick fix.
    text = "Officials said 40 people were evacuated from the town of Alder. Then rain.\n"
    version += 1
    lsp.replace(uri, version, text)
    assert await lsp.diagnostics_at(uri, version) == []
    cursor = find(text, "evacuated", enc)
    [cite] = await lsp.code_actions(uri, {"start": cursor, "end": cursor}, [])
    end_of_sentence = find(text, "Alder.", enc, end=True)
    assert cite == {
        "title": "Cite sources/b.txt:1",
        "kind": "refactor.factcheck.cite",
        "edit": expected_edit(
            lsp,
            uri,
            version,
            [
                {"range": {"start": end_of_sentence, "end": end_of_sentence}, "newText": "[^1]"},
                {
                    "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
                    "newText": "\n[^1]: sources/b.txt, line 1.\n",
                },
            ],
        ),
    }
    assert apply_edits(text, workspace_edits(cite["edit"], uri), enc) == (
        "Officials said 40 people were evacuated from the town of Alder.[^1] Then rain.\n\n[^1]: sources/b.txt, line 1.\n"
    )
    assert await lsp.code_actions(uri, {"start": cursor, "end": cursor}, [], only=["quickfix"]) is None


@pytest.mark.files(
    {"sources/c.txt": "The ministry said “the plan was rejected outright because of its\ncost” in May.\n"}
)
async def test_an_open_quotation_completes_with_the_sources_exact_words(lsp: Client):
    ws, enc = lsp.workspace, lsp.encoding
    uri = ws.uri("completion.md")
    text = "😀 They wrote that “the plan was rejected out"
    lsp.open(uri, text)
    await lsp.diagnostics_at(uri, 1)
    cursor = find(text, text, enc, end=True)
    reply = await lsp.completion(uri, cursor)
    words = "the plan was rejected outright because of its cost"
    if lsp.profile == "emacs":
        # eglot lists no documentation format: plain text.
        documentation = f"sources/c.txt:1\n\nThe ministry said “{words}” in May."
    else:
        documentation = {
            "kind": "markdown",
            "value": f"sources/c.txt:1\n\n> The ministry said “{words}” in May.",
        }
    assert reply == [
        {
            "label": words,
            "kind": 1,
            "detail": "sources/c.txt:1",
            "documentation": documentation,
            "sortText": "0000",
            "filterText": words,
            "textEdit": {
                "range": {"start": find(text, "the plan", enc), "end": cursor},
                "newText": f"{words}”",
            },
        }
    ]
    assert apply_edits(text, [reply[0]["textEdit"]], enc) == f"😀 They wrote that “{words}”"
    # Outside a quotation there is nothing to complete.
    outside = "They wrote that the plan was rejected out"
    lsp.replace(uri, 2, outside)
    assert await lsp.completion(uri, find(outside, outside, enc, end=True)) is None


async def test_indexing_reports_progress_and_status(lsp: Client):
    size = len(A.encode()) + len(B.encode())
    done = f"2 sources, {size} bytes indexed"
    [(token, reports)] = lsp.progress_reports.items()
    assert token == "factcheck/indexing/1"
    reports = [js(r) for r in reports]
    assert reports[0] == {
        "kind": "begin",
        "title": "factcheck: indexing sources",
        "cancellable": False,
        "percentage": 0,
    }
    middle = reports[1:-1]
    assert all(r["kind"] == "report" and r["message"] == "reading sources" for r in middle), middle
    percentages = [r["percentage"] for r in middle]
    assert percentages == sorted(percentages) and all(0 < p <= 90 for p in percentages), percentages
    assert reports[-1] == {"kind": "end", "message": done}
    assert lsp.statuses == [
        {"state": "indexing", "documents": 0, "bytes": 0, "message": "indexing sources"},
        {"state": "ready", "documents": 2, "bytes": size, "message": done},
    ]


async def test_commands_reload_check_the_workspace_and_show_sources(lsp: Client):
    ws, enc = lsp.workspace, lsp.encoding
    size = len(A.encode()) + len(B.encode())
    assert await lsp.command("factcheck.reloadCorpus") == {"state": "ready", "documents": 2, "bytes": size}
    assert lsp.statuses[-1]["state"] == "ready"

    uri = ws.uri("open.md")
    lsp.open(uri, CONTRADICTION)
    await lsp.diagnostics_at(uri, 1)
    assert await lsp.command("factcheck.showSources", uri, find(CONTRADICTION, "45", enc)) == {
        "sources": [
            {
                "source": "sources/b.txt",
                "uri": ws.uri("sources/b.txt"),
                "line": 1,
                "quote": "Officials said 40 people were evacuated from the town of Alder.",
            }
        ]
    }
    with pytest.raises(JsonRpcInvalidParams):
        await lsp.command("factcheck.showSources", uri)
    with pytest.raises(JsonRpcInvalidParams):
        await lsp.command("factcheck.noSuchCommand")

    # Drafts on disk, not open: published once each; the open one, sources, hidden folders and
    # other files are left alone.
    ws.write("drafts/old.md", f"# Old\n\n{CONTRADICTION}\n")
    ws.write("drafts/fine.txt", "Officials said 40 people were evacuated from the town of Alder.\n")
    ws.write("drafts/picture.png", b"\x89PNG\0\0")
    ws.write(".hidden/secret.md", CONTRADICTION)
    assert await lsp.command("factcheck.checkWorkspace") == {"files": 2, "findings": 1, "skipped": []}
    old, fine = ws.uri("drafts/old.md"), ws.uri("drafts/fine.txt")
    await lsp.until("the drafts' diagnostics", lambda: old in lsp.latest and fine in lsp.latest)
    assert lsp.latest[fine].version is None and lsp.latest[fine].diagnostics == []
    [finding] = lsp.latest[old].diagnostics
    assert (lsp.latest[old].version, finding.code, js(finding.range)) == (
        None,
        "contradiction",
        span(f"# Old\n\n{CONTRADICTION}\n", "45", enc),
    )
    assert {p.uri for p in lsp.published} == {uri, old, fine}


async def test_positions_after_curly_quotes_emoji_dashes_and_crlf(lsp: Client):
    ws, enc = lsp.workspace, lsp.encoding
    uri = ws.uri("positions.md")
    text = f"Intro — “quoted” 😀 café.\r\n😀 — {CONTRADICTION}\r\nLast line.\r\n"
    lsp.open(uri, text)
    [diagnostic] = await lsp.diagnostics_at(uri, 1)
    # "😀 — Officials said 4": the emoji is 2 UTF-16 units or 4 bytes, the dash 1 or 3.
    start = 4 + 1 + 3 + 1 + 15 if enc == UTF8 else 2 + 1 + 1 + 1 + 15
    assert diagnostic["range"] == {
        "start": {"line": 1, "character": start},
        "end": {"line": 1, "character": start + 2},
    }
    assert diagnostic["range"] == span(text, "45", enc)
    hover = await lsp.hover(uri, {"line": 1, "character": start + 1})
    assert hover["range"] == diagnostic["range"]
    # The directive keeps the document's CRLF; the fix lands on the right bytes.
    actions = await lsp.code_actions(uri, diagnostic["range"], [diagnostic])
    ignored = apply_edits(
        text, workspace_edits(titled(actions, "Ignore this finding (factcheck-ignore)")["edit"], uri), enc
    )
    assert (
        ignored
        == f"Intro — “quoted” 😀 café.\r\n<!-- factcheck-ignore -->\r\n😀 — {CONTRADICTION}\r\nLast line.\r\n"
    )
    replace = workspace_edits(titled(actions, "Replace with “40”")["edit"], uri)
    assert apply_edits(text, replace, enc) == text.replace("45", "40")
    # Positions the client sends are read in the same encoding: an edit after the emoji.
    lsp.edit(uri, 2, replace)
    assert await lsp.diagnostics_at(uri, 2) == []
    typed = find(text, "Last", enc)
    lsp.edit(uri, 3, [{"range": {"start": typed, "end": typed}, "newText": "😀 "}])
    assert await lsp.diagnostics_at(uri, 3) == []
    text = text.replace("45", "40").replace("Last", "😀 Last")
    cursor = find(text, "line.", enc, end=True)
    lsp.edit(uri, 4, [{"range": {"start": cursor, "end": cursor}, "newText": f" {CONTRADICTION}"}])
    text = text.replace("Last line.", f"Last line. {CONTRADICTION}")
    [again] = await lsp.diagnostics_at(uri, 4)
    assert again["range"] == span(text, "45", enc)


HARBOUR = "The harbour bridge in Calder reopened after 12 weeks of repairs."


async def test_a_source_written_into_the_corpus_rechecks_open_documents(lsp: Client):
    ws, enc = lsp.workspace, lsp.encoding
    uri = ws.uri("live.md")
    text = f"# Calder\n\n{HARBOUR}\n"
    lsp.open(uri, text)
    assert await lsp.diagnostics_at(uri, 1) == []
    # Editors that can register file watchers are asked to watch the sources; the server
    # watches them itself as well, for the others.
    registers = EDITORS[lsp.profile].registers_watchers
    expected = [
        {
            "id": "factcheck/watch-sources",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": {
                "watchers": [
                    {"globPattern": f"{ws.path('sources')}/**/*"},
                    {"globPattern": "**/factcheck.toml"},
                ]
            },
        }
    ]
    assert lsp.registrations == (expected if registers else [])

    def saw(path, kind):
        if registers:
            lsp.workspace_did_change_watched_files(
                types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=path.as_uri(), type=kind)])
            )

    source = ws.write_atomic(
        "sources/calder.txt", "The harbour bridge in Calder reopened after 9 weeks of repairs.\n"
    )
    saw(source, types.FileChangeType.Created)
    found = await lsp.until(
        "the new source's finding", lambda: lsp.latest[uri].version == 1 and lsp.latest[uri].diagnostics
    )
    assert [(d.code, js(d.range), d.message) for d in found] == [
        ("contradiction", span(text, "12", enc), "Contradiction: the sources say “9”, not “12”")
    ]
    await lsp.until("the index with calder.txt", lsp.ready_with(3))
    # Changed: the finding follows the source's new words.
    ws.write_atomic(
        "sources/calder.txt", "The harbour bridge in Calder reopened after 15 weeks of repairs.\n"
    )
    saw(source, types.FileChangeType.Changed)

    def says_15():
        return [d.message for d in lsp.latest[uri].diagnostics] == [
            "Contradiction: the sources say “15”, not “12”"
        ]

    await lsp.until("the finding to follow the source", says_15)
    # Removed: the finding goes with it.
    source.unlink()
    saw(source, types.FileChangeType.Deleted)
    await lsp.until("the finding to clear", lambda: lsp.latest[uri].diagnostics == [])
    await lsp.until("the index without calder.txt", lsp.ready_with(2))
    assert lsp.latest[uri].version == 1


@pytest.mark.files({"factcheck.toml": None})
@pytest.mark.settings(
    {
        "factcheck": {
            "corpus": {"paths": ["sources"]},
            "severity": {"contradiction": "error"},
            "citationStyle": "bracket",
        }
    }
)
async def test_the_editors_settings_name_the_corpus_and_severities_and_may_change(lsp: Client):
    ws, enc = lsp.workspace, lsp.encoding
    uri = ws.uri("settings.md")
    text = f"{CONTRADICTION} {MISQUOTE}\n"
    lsp.open(uri, text)
    diagnostics = await lsp.diagnostics_at(uri, 1)
    assert [(d["code"], d["severity"]) for d in diagnostics] == [("contradiction", 1), ("misquote", 2)]
    misquote = [d for d in diagnostics if d["code"] == "misquote"]
    cite = titled(await lsp.code_actions(uri, misquote[0]["range"], misquote), "Cite sources/a.txt:3")
    assert apply_edits(text, workspace_edits(cite["edit"], uri), enc) == (
        f"{CONTRADICTION} He said “the bridge would be rebuilt by the spring” today. [sources/a.txt:3]\n"
    )
    # Changed in the editor: contradictions off; the open document is checked again.
    settings = {"factcheck": {"corpus": {"paths": ["sources"]}, "severity": {"contradiction": "off"}}}
    lsp.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=settings))
    await lsp.until(
        "the contradiction to go", lambda: [d.code for d in lsp.latest[uri].diagnostics] == ["misquote"]
    )
    assert lsp.latest[uri].version == 1
