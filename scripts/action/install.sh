#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): makes `factcheck` of the wanted version
# available to the later steps, through $GITHUB_PATH. In order: a factcheck already on PATH at
# that version; the PyPI wheel (factcheck-prose) in a venv of its own; else a build of this
# action's source with `cargo install --locked` (runners without a fitting wheel).
# Env: FACTCHECK_VERSION (empty: the version in this action's Cargo.toml), GITHUB_ACTION_PATH,
# GITHUB_PATH, RUNNER_TEMP; FACTCHECK_CARGO_PROFILE (optional) builds with that Cargo profile,
# to reuse a build that CARGO_TARGET_DIR holds.
set -euo pipefail
src=${GITHUB_ACTION_PATH:?}
version=${FACTCHECK_VERSION:-$(sed -n 's/^version = "\(.*\)"$/\1/p' "$src/Cargo.toml" | head -1)}
prefix=${RUNNER_TEMP:?}/factcheck-$version

if command -v factcheck >/dev/null && [ "$(factcheck --version)" = "factcheck $version" ]; then
  echo "factcheck $version is installed: $(command -v factcheck)"
  exit 0
fi
if python3 -m venv "$prefix/venv" \
  && "$prefix/venv/bin/pip" install --quiet --disable-pip-version-check "factcheck-prose==$version"; then
  echo "$prefix/venv/bin" >>"${GITHUB_PATH:?}"
  echo "factcheck $version installed from PyPI (factcheck-prose) into $prefix/venv"
  exit 0
fi
echo "No factcheck-prose $version wheel for this runner; building it with cargo install --locked"
if ! command -v cargo >/dev/null; then
  echo "::error title=factcheck::factcheck $version could not be installed: no wheel fits this runner and there is no cargo to build it (add dtolnay/rust-toolchain before this action)"
  exit 1
fi
cargo install --locked --path "$src" --root "$prefix/cargo" \
  ${FACTCHECK_CARGO_PROFILE:+--profile "$FACTCHECK_CARGO_PROFILE"}
echo "$prefix/cargo/bin" >>"$GITHUB_PATH"
