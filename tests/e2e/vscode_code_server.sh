#!/usr/bin/env bash
# The factcheck extension in the real VS Code (code-server 4.100.3 in Debian's Chromium,
# driven by playwright-core, in private network and PID namespaces): opens a draft, sees the
# misquote warning, hovers it, applies the quick fix, reads the fixed text, runs "Show
# Sources". See editors/vscode/e2e/run.sh. The first run on a machine installs code-server
# into ~/.cache/factcheck-e2e (a few minutes); later runs take about a minute.
# Needs: chromium, libkrb5-dev, ripgrep, g++, make, python3; FACTCHECK_BIN.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if ! "$repo/editors/vscode/e2e/run.sh" "$out"; then
  echo "FAIL: VS Code end-to-end; screenshots and logs were in $out:"
  ls "$out"
  tail -n 40 "$out/code-server.log" 2>/dev/null || true
  exit 1
fi
