#!/usr/bin/env bash
# The language server end to end from a client nobody here wrote: pytest-lsp (PyPI) starts the
# release binary over stdio with the capabilities of VS Code, Neovim and Emacs and exercises
# every feature (tests/pylsp/test_features.py), the faults of issue 6 (test_faults.py) and a
# soak of random edits (test_soak.py; FACTCHECK_SOAK_EDITS, default 10000).
# Needs: python3 with venv (Debian: python3-venv); FACTCHECK_BIN (default target/release/factcheck).
# Creates its own venv (target/pylsp-venv, or FACTCHECK_PYLSP_VENV) from the hash-pinned
# tests/pylsp/requirements.txt, rebuilt when that file or the Python changes.
# Extra arguments go to pytest, e.g. `tests/e2e/lsp_pytest.sh -k hover -x`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${FACTCHECK_BIN:-$repo/target/release/factcheck}
[ -x "$bin" ] || { echo "FAIL: factcheck binary not found at $bin (build it or set FACTCHECK_BIN)"; exit 1; }
python=${PYTHON:-python3}
command -v "$python" >/dev/null || { echo "FAIL: $python not found"; exit 1; }

venv=${FACTCHECK_PYLSP_VENV:-$repo/target/pylsp-venv}
requirements=$repo/tests/pylsp/requirements.txt
stamp="$(sha256sum "$requirements" | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.version.split()[0])')"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv" || { echo "FAIL: cannot create a venv with $python (apt-get install python3-venv)"; exit 1; }
  timeout 300 "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    --only-binary :all: --require-hashes -r "$requirements"
  echo "$stamp" >"$venv/.stamp"
fi

cd "$repo/tests/pylsp"
export FACTCHECK_BIN=$bin PYTHONDONTWRITEBYTECODE=1
# The timeout is a backstop for a hang the tests' own bounded waits did not catch.
timeout 900 "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
