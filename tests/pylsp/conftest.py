"""Fixtures: a workspace on disk, and `factcheck lsp` (the release binary) started over stdio by
pytest-lsp and initialized with the capabilities of a real editor, once per profile pytest-lsp
ships: VS Code 1.65 (UTF-16, versioned workspace edits, dynamic watcher registration), Neovim
0.11 (offers UTF-8, pull diagnostics), Neovim 0.10 (UTF-16 with pull diagnostics), Neovim 0.7
(Debian 12's: UTF-16, push only) and Emacs 29 (eglot: offers UTF-32 first, then UTF-8).

A test adds files to the workspace with `@pytest.mark.files({path: content})` (None removes a
default file), gives editor settings (initializationOptions) with `@pytest.mark.settings({...})`,
and starts before the first index is done with `@pytest.mark.early`.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, client_capabilities

from support import BIN, TIMEOUT, UTF8, UTF16, Client, Workspace, make_client

PROFILES = ["visual-studio-code", "neovim", "neovim@v0.10.0", "neovim@v0.7.0", "emacs"]

A = (
    "The August assessment said China preferred a Biden presidency.\n"
    "The minister said “we will not retreat from the northern coast” on Monday.\n"
    "The general said “the bridge will be rebuilt by the spring” last week.\n"
)
B = "Officials said 40 people were evacuated from the town of Alder.\nThe mayor said “we will not retreat from the northern coast” at noon.\n"
TOML = '[corpus]\npaths = ["sources"]\n'

DEFAULT_FILES = {"sources/a.txt": A, "sources/b.txt": B, "factcheck.toml": TOML}


def pytest_configure(config):
    if not Path(BIN).is_file():
        raise pytest.UsageError(
            f"factcheck binary not found at {BIN}: build it (cargo build --release) or set FACTCHECK_BIN"
        )


def _marked(request, name: str):
    marker = request.node.get_closest_marker(name)
    return marker and marker.args[0]


@pytest.fixture
def workspace(request, tmp_path: Path) -> Workspace:
    files = {**DEFAULT_FILES, **(_marked(request, "files") or {})}
    return Workspace(tmp_path / "ws", {k: v for k, v in files.items() if v is not None})


async def begin(client: Client, profile: str, workspace: Workspace, settings, wait_ready: bool) -> None:
    """initialize + initialized as the profile's editor would, then (optionally) wait until the
    corpus is indexed or has failed to."""
    capabilities = client_capabilities(profile)
    params = types.InitializeParams(
        capabilities=capabilities,
        root_uri=workspace.root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.root.as_uri(), name="ws")],
        initialization_options=settings,
    )
    client.profile, client.workspace = profile, workspace
    client.init = await asyncio.wait_for(client.initialize_session(params), TIMEOUT)
    offered = (capabilities.general and capabilities.general.position_encodings) or []
    client.encoding = UTF8 if types.PositionEncodingKind.Utf8 in offered else UTF16
    if wait_ready:
        await client.until(
            "the first index", lambda: any(s["state"] in ("ready", "error") for s in client.statuses)
        )


async def end(client: Client) -> None:
    """shutdown + exit, and the process must be gone with status 0; if it hangs it is killed
    and the test fails."""
    server = client._server
    try:
        if not client.ended and server is not None and server.returncode is None:
            await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
        if server is not None:
            await asyncio.wait_for(server.wait(), TIMEOUT)
            assert server.returncode == 0, f"factcheck lsp exited with status {server.returncode}"
    except BaseException:
        if server is not None and server.returncode is None:
            server.kill()
            await server.wait()
        raise


def session(profiles: list[str]):
    """A fixture: the server started and initialized once per profile in `profiles`."""

    @pytest_lsp.fixture(
        params=profiles, config=ClientServerConfig(server_command=[BIN, "lsp"], client_factory=make_client)
    )
    async def fixture(request, lsp_client: Client, workspace: Workspace):
        settings = _marked(request, "settings")
        wait_ready = request.node.get_closest_marker("early") is None
        await begin(lsp_client, request.param, workspace, settings, wait_ready)
        yield
        await end(lsp_client)

    return fixture


# Every feature under every profile.
lsp = session(PROFILES)
# Faults are the server's own business: one editor (the most common) is enough.
vscode = session(["visual-studio-code"])
# The soak in both encodings: UTF-16 (VS Code) and UTF-8 (Neovim 0.11).
soak_client = session(["visual-studio-code", "neovim"])
