#!/usr/bin/env bash
# Builds the PyPI wheel (pyproject.toml) into a folder and prints its path. With the `ci`
# profile (the default here) maturin builds into this checkout's target/ci, so it reuses what
# `cargo build --profile ci --bin factcheck` compiled; `--release` for a wheel to publish.
# Usage: scripts/wheel.sh OUTDIR [maturin build options...]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$1; shift
[ "$#" -gt 0 ] || set -- --profile ci
tools=$("$repo/scripts/venv.sh" "$repo/target/packaging-venv" "$repo/tests/packaging/requirements.txt")
cd "$repo"
timeout 600 "$tools/bin/maturin" build --quiet --out "$out" "$@" >"$out.log" 2>&1 \
  || { cat "$out.log" >&2; echo "wheel.sh: maturin build failed" >&2; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
ls "$out"/factcheck_prose-"$version"-py3-none-*.whl
