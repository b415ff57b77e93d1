#!/usr/bin/env bash
# The language server end to end from a client nobody here wrote: pytest-lsp (PyPI) starts the
# release binary over stdio with the capabilities of VS Code, Neovim and Emacs and exercises
# every feature (tests/pylsp/test_features.py), the faults of issue 6 (test_faults.py) and a
# soak of random edits (test_soak.py; FACTCHECK_SOAK_EDITS, default 10000).
# Needs: python3 with venv (Debian: python3-venv); FACTCHECK_BIN (default target/release/factcheck).
# Creates its own venv (target/pylsp-venv, or FACTCHECK_PYLSP_VENV) from the hash-pinned
# tests/pylsp/requirements.txt (scripts/venv.sh), rebuilt when that file or the Python changes.
# Extra arguments go to pytest, e.g. `tests/e2e/lsp_pytest.sh -k hover -x`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${FACTCHECK_BIN:-$repo/target/release/factcheck}
[ -x "$bin" ] || { echo "FAIL: factcheck binary not found at $bin (build it or set FACTCHECK_BIN)"; exit 1; }
venv=$("$repo/scripts/venv.sh" "${FACTCHECK_PYLSP_VENV:-$repo/target/pylsp-venv}" \
  "$repo/tests/pylsp/requirements.txt")

cd "$repo/tests/pylsp"
export FACTCHECK_BIN=$bin PYTHONDONTWRITEBYTECODE=1
# The timeout is a backstop for a hang the tests' own bounded waits did not catch.
timeout 900 "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
