"""The faults of issue 6 over stdio, beyond what tests/lsp_robustness.rs covers in-process:
sources that vanish or grow under the indexer, huge lines, invalid UTF-8 on disk, a client that
breaks the protocol or dies. Each must end in a clear error answer or a logged warning, and the
server must keep serving (or, when its client is gone, exit cleanly and promptly).
"""

from __future__ import annotations

import asyncio
import os
import shutil

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest

from conftest import B
from support import TIMEOUT, Client, find, js, span

CONTRADICTION = "Officials said 45 people were evacuated from the town of Alder."
FINDING = "Contradiction: the sources say “40”, not “45”"


async def still_serving(lsp: Client, name: str) -> None:
    """A document opened now gets its finding, and a request on it is answered."""
    uri = lsp.workspace.uri(name)
    lsp.open(uri, CONTRADICTION)
    [d] = await lsp.diagnostics_at(uri, 1)
    assert d["message"] == FINDING
    hover = await lsp.hover(uri, find(CONTRADICTION, "45", lsp.encoding))
    assert hover["range"] == span(CONTRADICTION, "45", lsp.encoding)


def logged(lsp: Client, fragment: str) -> list[str]:
    return [m.message for m in lsp.log_messages if fragment in m.message]


# 300 sources of about 8 KB: enough that the load is still reading when the first progress
# report reaches the client.
MANY = {
    f"sources/many/town{i:03}.txt": "".join(
        f"Officials said {1000 + i * 7 + j} people were evacuated from the town of Town{i}x{j}.\n"
        for j in range(120)
    )
    for i in range(300)
}


@pytest.mark.early
@pytest.mark.files(MANY)
async def test_sources_deleted_while_they_are_indexed(vscode: Client):
    lsp = vscode
    ws = lsp.workspace
    # Delete the last two hundred (read last) once reading has begun.
    await lsp.until(
        "the first progress report",
        lambda: any(getattr(r, "kind", "") == "report" for rs in lsp.progress_reports.values() for r in rs),
    )
    doomed = sorted(MANY)[100:]
    for name in doomed:
        ws.path(name).unlink()
    # The load that lost them says which it could not read, if it got that far; the watcher then
    # re-indexes what is left.
    await lsp.until("the index of what is left", lsp.ready_with(2 + 100), timeout=60)
    for message in logged(lsp, "source skipped"):
        assert "cannot read" in message and any(name.rsplit("/", 1)[1] in message for name in doomed), message
    await still_serving(lsp, "after.md")


async def test_the_corpus_folder_vanishes_and_comes_back(vscode: Client):
    lsp = vscode
    ws = lsp.workspace
    uri = ws.uri("d.md")
    lsp.open(uri, CONTRADICTION)
    assert [d["message"] for d in await lsp.diagnostics_at(uri, 1)] == [FINDING]
    shutil.rmtree(ws.path("sources"))
    # The server notices by itself (this client sends no file events): an error status and a
    # notice, and the document's findings are taken back.
    await lsp.until("the error status", lambda: lsp.statuses[-1]["state"] == "error")
    error = lsp.statuses[-1]
    assert error["documents"] == 0 and "the corpus is empty" in error["message"], error
    await lsp.until("the findings withdrawn", lambda: lsp.latest[uri].diagnostics == [])
    assert lsp.latest[uri].version == 1
    assert any(
        m.type == types.MessageType.Error and "the corpus is empty" in m.message for m in lsp.messages
    ), lsp.messages
    # Requests are still answered (with nothing to say), and a command says why it cannot run.
    assert await lsp.hover(uri, find(CONTRADICTION, "45", lsp.encoding)) is None
    with pytest.raises(JsonRpcException) as failed:
        await lsp.command("factcheck.checkWorkspace")
    # LSP's RequestFailed, with the reason.
    assert (failed.value.code, failed.value.message) == (
        -32803,
        "no corpus is loaded: see the factcheck status",
    )
    # The folder comes back whole (moved into place): the watch on the workspace sees it.
    ws.write("restored/b.txt", B)
    os.rename(ws.path("restored"), ws.path("sources"))
    await lsp.until("the index of the restored folder", lsp.ready_with(1))
    await lsp.until("the finding back", lambda: lsp.latest[uri].diagnostics)
    await still_serving(lsp, "after.md")


async def test_a_source_that_grows_to_200_mb_leaves_the_server_serving_and_free_to_exit(vscode: Client):
    """src/corpus caps one source at 512 MB, so 200 MB is indexed (minutes of work, most of a GB):
    meanwhile the old index keeps answering, edits keep being checked, and `exit` ends the
    process at once rather than after the index."""
    lsp = vscode
    ws = lsp.workspace
    uri = ws.uri("d.md")
    lsp.open(uri, CONTRADICTION)
    await lsp.diagnostics_at(uri, 1)
    line = "Officials said 40 people were evacuated from the town of Alder while the rain went on.\n"
    chunk = line * (20 * 1024 * 1024 // len(line))
    indexing_before = sum(s["state"] == "indexing" for s in lsp.statuses)
    with open(ws.path("sources/growing.txt"), "w") as f:
        for _ in range(10):
            f.write(chunk)
            f.flush()
            await asyncio.sleep(0.05)  # pacing, so the watcher sees it grow in steps
    assert ws.path("sources/growing.txt").stat().st_size >= 200 * 1000 * 1000
    await lsp.until(
        "a re-index of the grown source",
        lambda: sum(s["state"] == "indexing" for s in lsp.statuses) > indexing_before,
    )
    # While it indexes: the old index answers, and edits are checked against it.
    hover = await lsp.hover(uri, find(CONTRADICTION, "45", lsp.encoding))
    assert hover["range"] == span(CONTRADICTION, "45", lsp.encoding)
    lsp.replace(uri, 2, f"# Still here\n\n{CONTRADICTION}\n")
    assert [d["message"] for d in await lsp.diagnostics_at(uri, 2)] == [FINDING]
    # The session ends now: shutdown and exit are answered at once (the fixture bounds the
    # wait for the process to go and requires status 0).


async def test_a_five_megabyte_line_in_a_draft_or_a_source(vscode: Client):
    lsp = vscode
    ws = lsp.workspace
    words = "the council met again on a wet evening and talked about roads and money and rain "
    line = (words * (5 * 1024 * 1024 // len(words) + 1))[: 5 * 1024 * 1024]
    # A draft of one 5 MB line: over the live-check limit, so it is held but not checked as it
    # is typed, and the writer is told once.
    uri = ws.uri("huge.md")
    lsp.open(uri, line)
    notice = await lsp.until(
        "the too-large notice",
        lambda: [m for m in lsp.messages if "limit for checking as you type" in m.message],
    )
    assert [js(m) for m in notice] == [
        {
            "type": 2,
            "message": f"factcheck: {uri} is 5.2 MB, over the 2 MB limit for checking as you type; it is not checked here (run `factcheck check` on it instead)",
        }
    ]
    assert await lsp.hover(uri, {"line": 0, "character": 10}) is None
    # Cut down to a sentence, it is checked again.
    lsp.edit(
        uri,
        2,
        [
            {
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": len(line)}},
                "newText": CONTRADICTION,
            }
        ],
    )
    assert [d["message"] for d in await lsp.diagnostics_at(uri, 2)] == [FINDING]
    # A source of one 5 MB line (no sentence ends at all) is indexed, and checks go on.
    ws.write("sources/oneline.txt", line)
    await lsp.until("the index with the long line", lsp.ready_with(3), timeout=60)
    await still_serving(lsp, "after.md")


async def test_invalid_utf8_in_a_draft_on_disk_is_read_repaired_and_named(vscode: Client):
    lsp = vscode
    ws = lsp.workspace
    ws.write("drafts/latin1.md", b"Notes.\n\nCaf\xe9: " + CONTRADICTION.encode() + b"\n")
    ws.write("drafts/binary.md", b"\x00\x01\x02 not text")
    reply = await lsp.command("factcheck.checkWorkspace")
    binary = ws.path("drafts/binary.md")
    assert reply == {
        "files": 1,
        "findings": 1,
        "skipped": [f"{binary}: skipped: a binary file (it holds NUL bytes), not text"],
    }
    latin1 = ws.uri("drafts/latin1.md")
    await lsp.until("the repaired draft's diagnostics", lambda: latin1 in lsp.latest)
    [finding] = lsp.latest[latin1].diagnostics
    # The bad byte became U+FFFD (one UTF-16 unit, three UTF-8 bytes): positions after it hold.
    repaired = "Notes.\n\nCaf\ufffd: " + CONTRADICTION + "\n"
    assert js(finding.range) == span(repaired, "45", lsp.encoding)
    assert logged(lsp, "latin1.md") == [
        f"factcheck: {ws.path('drafts/latin1.md')}: invalid UTF-8 at byte 11: checked with U+FFFD in place of the bad bytes"
    ]
    await still_serving(lsp, "after.md")


async def test_edits_for_a_document_never_opened_are_logged_and_ignored(vscode: Client):
    lsp = vscode
    never = lsp.workspace.uri("never.md")
    lsp.change(never, 2, [types.TextDocumentContentChangeWholeDocument(text=CONTRADICTION)])
    await lsp.until("the warning", lambda: logged(lsp, "never.md"))
    assert logged(lsp, "never.md") == [f"factcheck: ignored didChange for {never}: the document is not open"]
    assert never not in lsp.latest
    await still_serving(lsp, "after.md")


async def test_requests_after_shutdown_are_refused_and_exit_ends_the_process(vscode: Client):
    lsp = vscode
    uri = lsp.workspace.uri("d.md")
    lsp.open(uri, CONTRADICTION)
    await lsp.diagnostics_at(uri, 1)
    assert await lsp.ask(lsp.shutdown_async(None)) is None
    with pytest.raises(JsonRpcInvalidRequest):
        await lsp.hover(uri, find(CONTRADICTION, "45", lsp.encoding))
    with pytest.raises(JsonRpcInvalidRequest):
        await lsp.command("factcheck.reloadCorpus")
    # Nothing is checked any more: an edit now publishes nothing.
    lsp.replace(uri, 2, "Something else entirely.")
    lsp.exit(None)
    lsp.ended = True
    await asyncio.wait_for(lsp._server.wait(), TIMEOUT)
    assert lsp._server.returncode == 0
    assert lsp.latest[uri].version == 1


async def test_the_end_of_input_with_work_pending_ends_the_process(vscode: Client):
    lsp = vscode
    ws = lsp.workspace
    for i in range(4):
        uri = ws.uri(f"d{i}.md")
        lsp.open(uri, CONTRADICTION)
        for version in range(2, 60):
            lsp.replace(uri, version, f"{CONTRADICTION} {version}")
    pending = asyncio.ensure_future(lsp.command("factcheck.reloadCorpus"))
    # The editor crashes: its end of the server's stdin closes.
    lsp._server.stdin.close()
    lsp.ended = True
    await asyncio.wait_for(lsp._server.wait(), TIMEOUT)
    assert lsp._server.returncode == 0
    pending.cancel()


async def test_a_client_killed_mid_conversation_ends_the_process(vscode: Client):
    lsp = vscode
    ws = lsp.workspace
    for i in range(50):
        ws.write(f"drafts/d{i}.md", f"{CONTRADICTION}\n" * 20)
    lsp.open(ws.uri("open.md"), CONTRADICTION)
    pending = asyncio.ensure_future(lsp.command("factcheck.checkWorkspace"))
    # Killed: both pipes close while the server is writing diagnostics for fifty drafts.
    lsp._server._transport.get_pipe_transport(1).close()
    lsp._server.stdin.close()
    lsp.ended = True
    await asyncio.wait_for(lsp._server.wait(), TIMEOUT)
    assert lsp._server.returncode == 0
    pending.cancel()
