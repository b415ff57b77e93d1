"""What the end-to-end tests share besides fixtures: the workspace on disk, the client that
records what the server says, and the text arithmetic an editor does (LSP positions in the
negotiated encoding, applying text edits), written here from the LSP specification so that the
server's own conversions are checked against an independent implementation.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = Path(__file__).resolve().parents[2]
BIN = os.environ.get("FACTCHECK_BIN") or str(REPO / "target/release/factcheck")

# The longest any one wait may take before the test fails as hung. A bound on hangs, never an
# assertion about speed: a healthy server answers these in milliseconds.
TIMEOUT = 30.0

CONVERTER = get_converter()


def js(value: Any) -> Any:
    """An lsprotocol object as the JSON the server sent (camelCase keys, no null fields)."""
    return CONVERTER.unstructure(value)


# --- positions ------------------------------------------------------------------------------
# LSP lines end at "\n", "\r\n" or "\r" (nothing else); a column counts UTF-16 code units, or
# UTF-8 bytes when that encoding was negotiated.

UTF8, UTF16 = "utf-8", "utf-16"


def units(s: str, encoding: str) -> int:
    if encoding == UTF8:
        return len(s.encode("utf-8"))
    return len(s.encode("utf-16-le")) // 2


def line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def line_of(text: str, index: int) -> int:
    # "\r\n" is one break: count "\n" and the "\r"s that are not followed by "\n".
    return text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index)


def position(text: str, index: int, encoding: str) -> dict:
    """The LSP position of the character index `index` (a Python str index) in `text`."""
    start = line_start(text, index)
    return {"line": line_of(text, index), "character": units(text[start:index], encoding)}


def offset(text: str, pos: dict, encoding: str) -> int:
    """The str index of an LSP position; a column past the end of its line is the line's end."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line = pos["line"]
    if line >= len(starts):
        return len(text)
    start = starts[line]
    m = re.compile(r"\r\n|\r|\n").search(text, start)
    end = m.start() if m else len(text)
    want, index, counted = pos["character"], start, 0
    while index < end:
        counted += units(text[index], encoding)
        if counted > want:
            break
        index += 1
    return index


def find(text: str, needle: str, encoding: str, end: bool = False, nth: int = 0) -> dict:
    """The position of the start (or end) of the `nth` occurrence of `needle`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    return position(text, index + (len(needle) if end else 0), encoding)


def span(text: str, needle: str, encoding: str, nth: int = 0) -> dict:
    """The LSP range of the `nth` occurrence of `needle` in `text`."""
    return {
        "start": find(text, needle, encoding, nth=nth),
        "end": find(text, needle, encoding, end=True, nth=nth),
    }


def whole_line(text: str, line: int, encoding: str) -> dict:
    """The range of line `line`'s content (without its line break)."""
    content = re.split(r"\r\n|\r|\n", text)[line]
    return {
        "start": {"line": line, "character": 0},
        "end": {"line": line, "character": units(content, encoding)},
    }


def apply_edits(text: str, edits: list[dict], encoding: str) -> str:
    """Applies LSP TextEdits (JSON) as an editor does: all ranges refer to the original text;
    edits at the same position apply in the order given."""
    located = [
        (
            offset(text, e["range"]["start"], encoding),
            offset(text, e["range"]["end"], encoding),
            i,
            e["newText"],
        )
        for i, e in enumerate(edits)
    ]
    for start, end, _, new in sorted(located, key=lambda x: (x[0], x[2]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def workspace_edits(edit: dict, uri: str) -> list[dict]:
    """The TextEdits for `uri` in a WorkspaceEdit (JSON), whether `changes` or `documentChanges`."""
    if "documentChanges" in edit:
        return [e for dc in edit["documentChanges"] if dc["textDocument"]["uri"] == uri for e in dc["edits"]]
    return edit["changes"][uri]


def pos(p: dict) -> types.Position:
    return types.Position(line=p["line"], character=p["character"])


def rng(r: dict) -> types.Range:
    return types.Range(start=pos(r["start"]), end=pos(r["end"]))


# --- the workspace --------------------------------------------------------------------------


class Workspace:
    """A workspace folder on disk (sources, drafts, factcheck.toml) under pytest's tmp_path."""

    def __init__(self, root: Path, files: dict[str, str | bytes]):
        self.root = root.resolve()
        for name, content in files.items():
            self.write(name, content)

    def path(self, name: str) -> Path:
        return self.root / name

    def uri(self, name: str) -> str:
        return self.path(name).as_uri()

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            # newline="" keeps "\r\n" as written.
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(content)
        else:
            path.write_bytes(content)
        return path

    def write_atomic(self, name: str, content: str) -> Path:
        """Writes through a hidden file renamed into place, as editors save: a watcher never
        sees a half-written source."""
        path = self.path(name)
        temp = path.with_name(f".{path.name}.tmp")
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "w", encoding="utf-8", newline="") as f:
            f.write(content)
        os.replace(temp, path)
        return path

    def redact(self, value: Any) -> Any:
        """`value` with the workspace's location replaced by [ROOT], for whole-reply asserts."""
        if isinstance(value, str):
            return value.replace(self.root.as_uri(), "file://[ROOT]").replace(str(self.root), "[ROOT]")
        if isinstance(value, list):
            return [self.redact(v) for v in value]
        if isinstance(value, dict):
            return {k: self.redact(v) for k, v in value.items()}
        return value


# --- the client -----------------------------------------------------------------------------


class Client(LanguageClient):
    """pytest-lsp's client, recording what the test asserts on: every publishDiagnostics with
    its version, the factcheck/status notifications, capability registrations; and waiting,
    bounded, for any of them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.latest: dict[str, types.PublishDiagnosticsParams] = {}
        self.keep_history = True
        self.statuses: list[dict] = []
        self.registrations: list[dict] = []
        self._news = asyncio.Event()
        # Set by the session fixture.
        self.profile = ""
        self.encoding = UTF16
        self.workspace: Workspace | None = None
        self.init: types.InitializeResult | None = None
        self.ended = False

    def _heard(self) -> None:
        self._news.set()

    async def until(self, what: str, predicate: Callable[[], Any], timeout: float = TIMEOUT) -> Any:
        """Waits until `predicate()` is truthy and returns its value; fails after `timeout`
        seconds with `what` it was waiting for."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            self._news.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
            try:
                await asyncio.wait_for(self._news.wait(), remaining)
            except TimeoutError:
                pass

    def ready_with(self, documents: int) -> Callable[[], bool]:
        """A predicate for `until`: the last status says `documents` sources are indexed."""
        return lambda: (
            bool(self.statuses)
            and self.statuses[-1]["state"] == "ready"
            and self.statuses[-1]["documents"] == documents
        )

    def js_init(self) -> dict:
        return js(self.init)

    @property
    def pid(self) -> int:
        assert self._server is not None
        return self._server.pid

    # documents

    def open(self, uri: str, text: str, version: int = 1, language: str = "markdown") -> None:
        self.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id=language, version=version, text=text
                )
            )
        )

    def change(self, uri: str, version: int, changes: list[types.TextDocumentContentChangeEvent]) -> None:
        self.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=changes,
            )
        )

    def edit(self, uri: str, version: int, edits: list[dict]) -> None:
        """Sends TextEdits (JSON, ranges against the current text) as incremental changes, as an
        editor does after applying a workspace edit: last edit first, so earlier ranges hold."""
        ordered = sorted(
            enumerate(edits),
            key=lambda ie: (ie[1]["range"]["start"]["line"], ie[1]["range"]["start"]["character"], ie[0]),
            reverse=True,
        )
        self.change(
            uri,
            version,
            [
                types.TextDocumentContentChangePartial(range=rng(e["range"]), text=e["newText"])
                for _, e in ordered
            ],
        )

    def replace(self, uri: str, version: int, text: str) -> None:
        self.change(uri, version, [types.TextDocumentContentChangeWholeDocument(text=text)])

    def close(self, uri: str) -> None:
        self.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    async def diagnostics_at(self, uri: str, version: int | None, timeout: float = TIMEOUT) -> list[dict]:
        """The diagnostics published for `uri` at `version` (JSON), once they are."""

        def published():
            p = self.latest.get(uri)
            return p is not None and p.version == version and p

        p = await self.until(f"diagnostics for {uri} at version {version}", published, timeout)
        return [js(d) for d in p.diagnostics]

    # requests, bounded

    async def ask(self, awaitable, timeout: float = TIMEOUT) -> Any:
        return await asyncio.wait_for(awaitable, timeout)

    async def hover(self, uri: str, at: dict) -> Any:
        reply = await self.ask(
            self.text_document_hover_async(
                types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=pos(at))
            )
        )
        return js(reply)

    async def definition(self, uri: str, at: dict) -> Any:
        reply = await self.ask(
            self.text_document_definition_async(
                types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=pos(at))
            )
        )
        return js(reply)

    async def completion(self, uri: str, at: dict) -> Any:
        reply = await self.ask(
            self.text_document_completion_async(
                types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=pos(at))
            )
        )
        return js(reply)

    async def code_actions(
        self, uri: str, at: dict, diagnostics: list[dict], only: list[str] | None = None
    ) -> Any:
        context = types.CodeActionContext(
            diagnostics=[CONVERTER.structure(d, types.Diagnostic) for d in diagnostics],
            only=[types.CodeActionKind(k) for k in only] if only else None,
        )
        reply = await self.ask(
            self.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri), range=rng(at), context=context
                )
            )
        )
        return js(reply)

    async def pull(self, uri: str, previous: str | None = None) -> Any:
        reply = await self.ask(
            self.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(
                    text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous
                )
            )
        )
        return js(reply)

    async def command(self, name: str, *arguments: Any, timeout: float = TIMEOUT) -> Any:
        reply = await self.ask(
            self.workspace_execute_command_async(
                types.ExecuteCommandParams(command=name, arguments=list(arguments))
            ),
            timeout,
        )
        return js(reply)


def _publish(ls: Client, params: types.PublishDiagnosticsParams):
    ls.diagnostics[params.uri] = params.diagnostics
    ls.latest[params.uri] = params
    if ls.keep_history:
        ls.published.append(params)
    ls._heard()


def _status(ls: Client, params):
    ls.statuses.append(params._asdict() if hasattr(params, "_asdict") else dict(params))
    ls._heard()


def _show_message(ls: Client, params: types.ShowMessageParams):
    ls.messages.append(params)
    ls._heard()


def _log_message(ls: Client, params: types.LogMessageParams):
    DEFAULT_CLIENT_FEATURES[types.WINDOW_LOG_MESSAGE](ls, params)
    ls._heard()


def _progress(ls: Client, params: types.ProgressParams):
    DEFAULT_CLIENT_FEATURES[types.PROGRESS](ls, params)
    ls._heard()


def _register(ls: Client, params: types.RegistrationParams):
    # pytest-lsp's client has no handler for this; an editor accepts the registration.
    ls.registrations.extend(js(r) for r in params.registrations)
    ls._heard()


def _unregister(ls: Client, params: types.UnregistrationParams):
    gone = {u.id for u in params.unregisterations}
    ls.registrations[:] = [r for r in ls.registrations if r["id"] not in gone]
    ls._heard()


def make_client() -> Client:
    client = Client(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features.update(
        {
            types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _publish,
            types.WINDOW_SHOW_MESSAGE: _show_message,
            types.WINDOW_LOG_MESSAGE: _log_message,
            types.PROGRESS: _progress,
            types.CLIENT_REGISTER_CAPABILITY: _register,
            types.CLIENT_UNREGISTER_CAPABILITY: _unregister,
            "factcheck/status": _status,
        }
    )
    register_lsp_features(client, features)
    return client
