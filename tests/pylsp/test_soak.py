"""Issue 6's soak, over stdio with pytest-lsp: thousands of random incremental edits (seeded)
across several open documents, hover/completion/code-action/definition/pull/showSources
requests fired among them without waiting, and the corpus changed, rewritten and removed
meanwhile. At every checkpoint (and at the end):

- each document's diagnostics equal those of a fresh open of the client's copy of its text (so
  the server applied every edit as the client did, and no stale check survived);
- every request sent so far has been answered (a result or an error, never silence);
- the server's resident memory is read from /proc.

At the end the memory after warm-up is compared with the memory at the end, with a generous
bound (see `MEMORY_SLACK`). FACTCHECK_SOAK_EDITS sets the number of edits (default 10000) and
FACTCHECK_SOAK_SEED the seed; a failure names both, so it can be replayed.
"""

from __future__ import annotations

import asyncio
import os
import random
from dataclasses import dataclass

from lsprotocol import types
from pygls.exceptions import JsonRpcException

from conftest import B
from support import TIMEOUT, UTF8, Client, js, position

EDITS = int(os.environ.get("FACTCHECK_SOAK_EDITS", "10000"))
SEED = int(os.environ.get("FACTCHECK_SOAK_SEED", "20250611"))
CHECKPOINTS = 5
DOCUMENTS = 4

# Memory may grow by this much between the end of warm-up (the first checkpoint) and the end:
# the sentence cache is capped (50,000 sentences, a few tens of MB at most), open documents and
# their last check are replaced on every version, and the allocator keeps some freed memory. A
# leak of one copy of a document or of its check per edit would exceed it many times over
# (10,000 edits of documents of a few KB, each check several times the text).
MEMORY_SLACK_MB = 64

CONTRADICTION = "Officials said 45 people were evacuated from the town of Alder."
STATED = "Officials said 40 people were evacuated from the town of Alder."
MISQUOTE = "He said “the bridge would be rebuilt by the spring” today."
QUOTED = "The mayor said “we will not retreat from the northern coast” at noon."
HARBOUR = "The harbour bridge in Calder reopened after {} weeks of repairs."
SENTENCES = [
    CONTRADICTION,
    STATED,
    MISQUOTE,
    QUOTED,
    HARBOUR.format(12),
    HARBOUR.format(9),
    "China preferred a Biden presidency.",
]
PIECES = [
    " ", " ", " ", "the ", "said ", "people ", "Alder", "45", "40", "12", "9", ".", ",", "\n", "\n\n", "\r\n",
    "“", "”", '"', "😀", "—", "é", "# ", "- ", "> ", "**", "`", "[^1]", "<!-- factcheck-ignore -->\n", "He said “", "we will not retreat",
]  # fmt: skip


def churn_source(rng: random.Random) -> str:
    lines = [
        HARBOUR.format(rng.choice([9, 12, 15])),
        f"Officials said {rng.choice([40, 45, 50])} people were evacuated from the town of Alder.",
    ]
    lines += [
        f"The committee met {rng.randint(2, 30)} times in {rng.choice(['May', 'June', 'July'])}."
        for _ in range(rng.randint(0, 5))
    ]
    rng.shuffle(lines)
    return "\n".join(lines) + "\n"


@dataclass
class Document:
    uri: str
    text: str
    version: int = 1


class Soak:
    def __init__(self, lsp: Client, rng: random.Random):
        self.lsp, self.rng = lsp, rng
        self.enc = lsp.encoding
        self.documents: list[Document] = []
        self.requests: list[tuple[str, asyncio.Future]] = []
        self.edits = self.changes = self.corpus_events = self.compared_findings = 0
        self.rss_mb: list[float] = []
        self.churn: set[str] = set()
        self.probes = 0

    # --- edits, mirrored here as the editor's buffer ---

    def addressable(self, text: str, index: int) -> int:
        """`index`, moved off the middle of a CRLF (no LSP position names that place)."""
        if 0 < index < len(text) and text[index - 1] == "\r" and text[index] == "\n":
            return index - 1
        return index

    def snippet(self) -> str:
        rng = self.rng
        if rng.random() < 0.15:
            return rng.choice(SENTENCES) + rng.choice([" ", "\n", "\r\n", ""])
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 4)))

    def change(self, text: str) -> tuple[str, types.TextDocumentContentChangeEvent]:
        """One random content change to `text`: the new text and the change as sent."""
        rng = self.rng
        if rng.random() < 0.005:
            new = "\n".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 30)))
            return new, types.TextDocumentContentChangeWholeDocument(text=new)
        start = self.addressable(text, rng.randint(0, len(text)))
        grow = len(text) < 1500 or (len(text) < 6000 and rng.random() < 0.55)
        if grow:
            end, new = start, self.snippet()
        else:
            length = rng.randint(1, 12) if rng.random() < 0.9 else rng.randint(12, 300)
            end = self.addressable(text, min(len(text), start + length))
            new = self.snippet() if rng.random() < 0.4 else ""
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=self.position(text, start), end=self.position(text, end)), text=new
        )
        return text[:start] + new + text[end:], change

    def position(self, text: str, index: int) -> types.Position:
        p = position(text, index, self.enc)
        return types.Position(line=p["line"], character=p["character"])

    def edit(self) -> None:
        doc = self.rng.choice(self.documents)
        changes = []
        for _ in range(self.rng.choice([1, 1, 1, 1, 2, 3])):
            doc.text, change = self.change(doc.text)
            changes.append(change)
        doc.version += 1
        self.lsp.change(doc.uri, doc.version, changes)
        self.edits += 1
        self.changes += len(changes)

    # --- requests fired without waiting ---

    def request(self) -> None:
        lsp, rng = self.lsp, self.rng
        doc = rng.choice(self.documents)
        at = self.position(doc.text, self.addressable(doc.text, rng.randint(0, len(doc.text))))
        where = dict(text_document=types.TextDocumentIdentifier(uri=doc.uri), position=at)
        kind = rng.choice(["hover", "completion", "definition", "actions", "sources", "pull"])
        if kind == "hover":
            future = lsp.text_document_hover_async(types.HoverParams(**where))
        elif kind == "completion":
            future = lsp.text_document_completion_async(types.CompletionParams(**where))
        elif kind == "definition":
            future = lsp.text_document_definition_async(types.DefinitionParams(**where))
        elif kind == "actions":
            # What the editor shows for the diagnostics it has, which may be a version behind.
            published = lsp.latest.get(doc.uri)
            diagnostics = list(published.diagnostics) if published else []
            context = types.CodeActionContext(diagnostics=diagnostics)
            rng_ = diagnostics[0].range if diagnostics else types.Range(start=at, end=at)
            future = lsp.text_document_code_action_async(
                types.CodeActionParams(text_document=where["text_document"], range=rng_, context=context)
            )
        elif kind == "sources":
            future = lsp.workspace_execute_command_async(
                types.ExecuteCommandParams(command="factcheck.showSources", arguments=[doc.uri, js(at)])
            )
        elif self.enc == UTF8:  # the profile that pulls (Neovim 0.11)
            future = lsp.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=where["text_document"])
            )
        else:
            return
        self.requests.append((kind, asyncio.ensure_future(future)))

    async def all_answered(self) -> None:
        """Every request sent so far has its answer: a result or an error reply."""
        futures = [f for _, f in self.requests]
        if futures:
            _, pending = await asyncio.wait(futures, timeout=2 * TIMEOUT)
            unanswered = [kind for kind, f in self.requests if f in pending]
            assert not unanswered, (
                f"{len(unanswered)} of {len(futures)} requests unanswered: {unanswered[:10]} (seed {SEED})"
            )
        for kind, f in self.requests:
            error = f.exception()
            assert error is None or isinstance(error, JsonRpcException), f"{kind}: {error!r}"

    # --- the corpus, changed under the server ---

    def corpus_event(self) -> None:
        ws, rng = self.lsp.workspace, self.rng
        roll = rng.random()
        if roll < 0.4 or not self.churn:
            name = f"sources/churn{rng.randint(0, 5)}.txt"
            existed = name in self.churn
            ws.write_atomic(name, churn_source(rng))
            self.churn.add(name)
            kind = types.FileChangeType.Changed if existed else types.FileChangeType.Created
        elif roll < 0.6:
            # Written in place, not renamed: the watcher may see it half written.
            name = rng.choice(sorted(self.churn))
            ws.write(name, churn_source(rng))
            kind = types.FileChangeType.Changed
        elif roll < 0.75:
            name = "sources/b.txt"
            ws.write_atomic(name, B.replace("40", rng.choice(["40", "45"])))
            kind = types.FileChangeType.Changed
        else:
            name = rng.choice(sorted(self.churn))
            ws.path(name).unlink()
            self.churn.discard(name)
            kind = types.FileChangeType.Deleted
        self.corpus_events += 1
        if self.lsp.registrations:  # the editor forwards file events where it registered for them
            self.lsp.workspace_did_change_watched_files(
                types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=ws.uri(name), type=kind)])
            )

    # --- checkpoints ---

    def rss(self) -> float:
        with open(f"/proc/{self.lsp.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        raise AssertionError("no VmRSS in /proc/PID/status")

    async def checkpoint(self) -> None:
        lsp = self.lsp
        # Settle the corpus: after this reply, every later check uses the files as they are now.
        reply = await lsp.command("factcheck.reloadCorpus", timeout=2 * TIMEOUT)
        assert reply["state"] == "ready", reply
        # A version after the reload for each document (an empty edit, as an editor may send).
        for doc in self.documents:
            doc.version += 1
            start = types.Position(line=0, character=0)
            lsp.change(
                doc.uri,
                doc.version,
                [types.TextDocumentContentChangePartial(range=types.Range(start=start, end=start), text="")],
            )
        for doc in self.documents:
            await lsp.until(
                f"{doc.uri} at version {doc.version}",
                lambda doc=doc: lsp.latest[doc.uri].version == doc.version,
                timeout=2 * TIMEOUT,
            )
        # Each against a fresh open of the same text.
        for doc in self.documents:
            self.probes += 1
            probe = lsp.workspace.uri(
                f"probe{self.probes}.md" if doc.uri.endswith(".md") else f"probe{self.probes}.txt"
            )
            lsp.open(probe, doc.text, language="markdown" if doc.uri.endswith(".md") else "plaintext")
            fresh = await lsp.diagnostics_at(probe, 1, timeout=2 * TIMEOUT)
            edited = [js(d) for d in lsp.latest[doc.uri].diagnostics]
            assert without_version(edited) == without_version(fresh), (
                f"{doc.uri} differs from a fresh open of its text (seed {SEED}, edit {self.edits})"
            )
            self.compared_findings += len(fresh)
            lsp.close(probe)
            await lsp.diagnostics_at(probe, None)
        await self.all_answered()
        self.rss_mb.append(self.rss())


def without_version(diagnostics: list[dict]) -> list[dict]:
    """Diagnostics minus the document version their actions apply to (a probe is version 1)."""
    out = []
    for d in diagnostics:
        d = dict(d)
        d["data"] = {k: v for k, v in d.get("data", {}).items() if k != "version"}
        out.append(d)
    return out


async def test_random_edits_and_corpus_changes_end_with_the_diagnostics_of_the_final_text(
    soak_client: Client, capsys
):
    lsp = soak_client
    lsp.keep_history = False
    rng = random.Random(f"{SEED}/{lsp.profile}")
    soak = Soak(lsp, rng)
    for i in range(DOCUMENTS):
        name = f"doc{i}.md" if i < DOCUMENTS - 1 else f"doc{i}.txt"
        text = "\n".join(rng.choice(SENTENCES) for _ in range(rng.randint(10, 40))) + "\n"
        doc = Document(uri=lsp.workspace.uri(name), text=text)
        soak.documents.append(doc)
        lsp.open(doc.uri, doc.text, language="markdown" if name.endswith(".md") else "plaintext")
    for doc in soak.documents:
        await lsp.diagnostics_at(doc.uri, 1)

    every = max(1, EDITS // CHECKPOINTS)
    while soak.edits < EDITS:
        soak.edit()
        if rng.random() < 1 / 25:
            soak.request()
        if rng.random() < 1 / 150:
            soak.corpus_event()
        # Let the client read what the server says; now and then a typing pause long enough
        # for checks to finish, so results are both superseded and delivered.
        await asyncio.sleep(0.02 if rng.random() < 1 / 200 else 0)
        if soak.edits % every == 0:
            await soak.checkpoint()
    if soak.edits % every:
        await soak.checkpoint()

    # The comparisons meant something: findings were there to compare.
    assert soak.compared_findings > 0
    warm, last = soak.rss_mb[0], soak.rss_mb[-1]
    assert last <= warm + MEMORY_SLACK_MB, (
        f"RSS grew from {warm:.0f} MB after warm-up to {last:.0f} MB (checkpoints: {soak.rss_mb})"
    )
    with capsys.disabled():
        print(
            f"\nsoak [{lsp.profile}, {lsp.encoding}]: {soak.edits} edits ({soak.changes} changes) over {DOCUMENTS} documents, "
            f"{len(soak.requests)} requests answered, {soak.corpus_events} corpus changes, {soak.compared_findings} findings compared "
            f"at {len(soak.rss_mb)} checkpoints; RSS MB per checkpoint {[round(m) for m in soak.rss_mb]}"
        )
