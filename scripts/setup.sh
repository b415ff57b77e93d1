#!/usr/bin/env bash
# Installs what the tests need on a Debian machine that has Rust, Python 3 and Node/npm, and
# does nothing for what is already there: the Debian packages of .ci/apt-packages.txt (as root,
# or through sudo; otherwise it stops and names the command to run), the npm packages of the
# VS Code extension and its end-to-end driver (`npm ci` from their lockfiles), and the Python
# venvs of the end-to-end tests (hash-pinned requirements). scripts/test.sh runs it first.
# Usage: scripts/setup.sh            (exit 2 when something must be installed by hand)
set -euo pipefail
cd "$(dirname "$0")/.."

missing_tools=""
for tool in cargo python3 node npm; do
  command -v "$tool" >/dev/null || missing_tools="$missing_tools $tool"
done
if [ -n "$missing_tools" ]; then
  echo "setup: not found:$missing_tools. The tests need Rust (rustup.rs), Python 3 and Node 20 with npm." >&2
  exit 2
fi

# Debian packages: the editors and browser the end-to-end tests drive, and their build tools.
packages=$(grep -v '^\s*#' .ci/apt-packages.txt | grep -v '^\s*$' | tr '\n' ' ')
if command -v dpkg >/dev/null; then
  missing=""
  for p in $packages; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      sudo=""
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "setup: these Debian packages are missing:$missing" >&2
      echo "setup: install them, then run the tests again:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
      exit 2
    fi
    echo "== apt-get install$missing"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q >/dev/null
    $sudo apt-get install -y -q $missing >/dev/null
  fi
else
  echo "setup: no dpkg (not Debian): install the equivalents of .ci/apt-packages.txt yourself" >&2
fi

# npm packages, from the committed lockfiles.
scripts/npm-ci.sh editors/vscode
scripts/npm-ci.sh editors/vscode/e2e

# Python venvs, from hash-pinned requirements.
scripts/venv.sh target/pylsp-venv tests/pylsp/requirements.txt >/dev/null
scripts/venv.sh target/packaging-venv tests/packaging/requirements.txt >/dev/null
scripts/venv.sh target/neovim-venv tests/neovim/requirements.txt >/dev/null
echo "setup: done"
