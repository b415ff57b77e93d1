#!/usr/bin/env bash
# Makes (or keeps) a Python venv with exactly the hash-pinned packages of a requirements file,
# rebuilt when that file or the Python version changes, and prints the venv's path.
# Usage: scripts/venv.sh VENV REQUIREMENTS     (PYTHON: the interpreter, default python3)
set -euo pipefail
venv=$1
requirements=$2
python=${PYTHON:-python3}
command -v "$python" >/dev/null || { echo "venv.sh: $python not found" >&2; exit 1; }
stamp="$(sha256sum "$requirements" | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.version.split()[0])')"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "== venv $venv from $requirements" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv" \
    || { echo "venv.sh: cannot create a venv with $python (apt-get install python3-venv)" >&2; exit 1; }
  timeout 300 "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    --only-binary :all: --require-hashes -r "$requirements" >&2
  echo "$stamp" >"$venv/.stamp"
fi
echo "$venv"
