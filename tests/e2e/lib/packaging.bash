# What the packaging tests (tests/e2e/package.sh, pypi.sh, pre_commit.sh, action.sh) share;
# sourced, not run: the repository, the crate's version, fail(), the packaging tools' venv
# (maturin, pre-commit; hash-pinned), a scratch folder removed on exit, and, for the tests that
# run the binary, bin (FACTCHECK_BIN, default target/ci/factcheck).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
fail() { echo "FAIL: $*"; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -1)
[ -n "$version" ] || fail "no version in $repo/Cargo.toml"
tools=$("$repo/scripts/venv.sh" "$repo/target/packaging-venv" "$repo/tests/packaging/requirements.txt")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
need_bin() {
  bin=${FACTCHECK_BIN:-$repo/target/ci/factcheck}
  [ -x "$bin" ] || fail "factcheck binary not found at $bin (build it or set FACTCHECK_BIN)"
}
