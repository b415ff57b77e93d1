#!/usr/bin/env bash
# Runs every test of factcheck: first the set-up (scripts/setup.sh installs the Debian and npm
# packages and the Python venvs the tests need, where missing), then the Rust suite (unit,
# integration, in-process LSP), then each end-to-end script in tests/e2e/ (real editors and
# clients driving the binary).
# Usage: scripts/test.sh            (from the repository root, or anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== set-up (scripts/setup.sh)"
scripts/setup.sh

# One build profile for everything (`ci` in Cargo.toml: optimised, with debug assertions and
# overflow checks), so the dependencies are compiled once.
echo "== cargo test"
# Benchmarks are not tests (`cargo test --all-targets` would run them in test mode, building
# their corpora): they are only compiled here, so they cannot rot.
cargo test --locked --profile ci --lib --bins --tests

echo "== the binary for the end-to-end tests, and the benchmarks"
cargo build --locked --profile ci --bins --benches
export FACTCHECK_BIN="$PWD/target/ci/factcheck"

echo "== the fuzz targets' lock file"
# cargo-fuzz needs a nightly compiler, so the fuzz targets are not built here (their
# invariants run in tests/fuzz_regressions.rs); their own lock file is checked against the
# main crate's dependencies, so that it cannot go stale as those change.
cargo metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml > /dev/null

passed=0
failed=0
for script in tests/e2e/*.sh; do
  [ -e "$script" ] || continue
  echo "== $script"
  if bash "$script"; then
    passed=$((passed + 1))
  else
    echo "FAILED: $script"
    failed=$((failed + 1))
  fi
done
echo "end-to-end: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
