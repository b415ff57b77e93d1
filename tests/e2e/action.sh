#!/usr/bin/env bash
# The GitHub Action (action.yml) run here as the runner runs it (tests/e2e/action_steps.py:
# each step's commands with its inputs as environment variables, GITHUB_PATH and GITHUB_OUTPUT
# carried between steps), on a workspace with factcheck.toml, seeds/ and examples/, and no
# factcheck on PATH to begin with:
#   1. defaults: the wheel installed with pip (from a local wheel folder in place of PyPI,
#      through PIP_FIND_LINKS), `github` annotations equal to the binary's own, the step fails
#      (exit 1); the upload step does not run.
#   2. factcheck already on PATH: no install; sarif "true", fail-on never, two paths on two
#      lines: the step passes, its sarif-file output is a SARIF 2.1.0 report of the same
#      findings, and the upload step gets that file.
#   3. no wheel for the runner: the fallback `cargo install --locked` of the action's source
#      (with the ci profile into this checkout's target/, reusing the wheel's build).
#   4. no wheel and no cargo: the install step fails with an error annotation saying so.
# Needs: python3 with venv, cargo; FACTCHECK_BIN (default target/ci/factcheck).
source "$(dirname "$0")/lib/packaging.bash"
need_bin

wheel=$("$repo/scripts/wheel.sh" "$tmp/wheels")
mkdir -p "$tmp/ws" "$tmp/installed" "$tmp/rust"
cp -r "$repo/factcheck.toml" "$repo/seeds" "$repo/examples" "$tmp/ws/"
ln -s "$bin" "$tmp/installed/factcheck"
ln -s "$(command -v cargo)" "$tmp/rust/cargo"
ln -s "$(command -v rustc)" "$tmp/rust/rustc"
base_path=/usr/bin:/bin   # python3, bash, coreutils; no factcheck, no cargo
cd "$tmp/ws"
"$bin" check examples --format github >"$tmp/expected.annotations" || true
[ -s "$tmp/expected.annotations" ] || fail "the binary reports nothing on examples/"

# run NAME INPUTS_JSON [VAR=VALUE...]: the action's steps under `env -i` with those variables
run() {
  local name=$1 inputs=$2; shift 2
  mkdir -p "$tmp/$name/runner"
  env -i HOME="$tmp/$name" RUNNER_TEMP="$tmp/$name/runner" PATH="$base_path" \
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$@" \
    "$tools/bin/python" "$repo/tests/e2e/action_steps.py" "$repo/action.yml" "$inputs" \
    "$tmp/$name/result.json" >"$tmp/$name/log" 2>&1 || { cat "$tmp/$name/log"; fail "$name: the runner failed"; }
}
# field NAME EXPR: a value from a run's result, e.g. "steps[1]['status']"
field() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$tmp/$1/result.json"; }
expect() { [ "$(field "$1" "$2")" = "$3" ] || { cat "$tmp/$1/log"; fail "$1: $2 is $(field "$1" "$2"), expected $3"; }; }

# 1. defaults, installed from the wheel with pip
run defaults '{"paths": "examples"}' PIP_NO_INDEX=1 PIP_FIND_LINKS="$(dirname "$wheel")"
expect defaults "[s['id'] for s in r['steps']]" "['step0', 'check', 'step2']"
expect defaults "r['steps'][0]['status']" 0
expect defaults "r['path']" "['$tmp/defaults/runner/factcheck-$version/venv/bin']"
expect defaults "r['steps'][1]['status']" 1
expect defaults "r['steps'][2]['ran']" False
grep '^::' "$tmp/defaults/log" >"$tmp/defaults/annotations" || true
diff -u "$tmp/expected.annotations" "$tmp/defaults/annotations" || fail "defaults: the annotations differ from the binary's"
grep -q "installed from PyPI (factcheck-prose)" "$tmp/defaults/log" || fail "defaults: not installed with pip"

# 2. already installed; SARIF for the upload, fail-on never, paths on two lines
run sarif '{"paths": "examples/errors.md\nexamples/briefing.txt", "sarif": "true", "fail-on": "never"}' \
  PATH="$tmp/installed:$base_path" PIP_NO_INDEX=1
grep -q "factcheck $version is installed: $tmp/installed/factcheck" "$tmp/sarif/log" || fail "sarif: installed again"
expect sarif "r['path']" "[]"
expect sarif "r['steps'][1]['status']" 0
expect sarif "r['steps'][1]['outputs']" "{'sarif-file': '$tmp/sarif/runner/factcheck.sarif'}"
expect sarif "(r['steps'][2]['uses'], r['steps'][2]['with'])" \
  "('github/codeql-action/upload-sarif@v3', {'sarif_file': '$tmp/sarif/runner/factcheck.sarif', 'category': 'factcheck'})"
sarif_results=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); assert s["version"]=="2.1.0"; print(len(s["runs"][0]["results"]))' "$tmp/sarif/runner/factcheck.sarif")
# One result per finding of the two drafts named, of every severity (an information finding
# is a notice).
named='^::(error|warning|notice) file=examples/(errors\.md|briefing\.txt),'
[ "$sarif_results" = "$(grep -cE "$named" "$tmp/expected.annotations")" ] \
  || fail "sarif: $sarif_results results, expected one per finding of the drafts named"
[ "$(grep -cE "$named" "$tmp/sarif/log")" = "$(grep -cE "$named" "$tmp/expected.annotations")" ] || fail "sarif: annotations missing"

# 3. no wheel fits: cargo install --locked of the action's source
run cargo '{"paths": "examples/clean.md", "format": "human"}' PATH="$tmp/rust:$base_path" PIP_NO_INDEX=1 \
  CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" \
  CARGO_TARGET_DIR="$repo/target" FACTCHECK_CARGO_PROFILE=ci
grep -q "building it with cargo install --locked" "$tmp/cargo/log" || fail "cargo: no fallback"
expect cargo "r['path']" "['$tmp/cargo/runner/factcheck-$version/cargo/bin']"
expect cargo "r['steps'][1]['status']" 0
grep -q "^no findings in 1 draft" "$tmp/cargo/log" || { cat "$tmp/cargo/log"; fail "cargo: no human report"; }

# 4. neither a wheel nor cargo: a clear error
run nothing '{}' PIP_NO_INDEX=1
expect nothing "r['steps'][0]['status']" 1
expect nothing "[s['ran'] for s in r['steps'][1:]]" "[False, False]"
grep -q "^::error title=factcheck::factcheck $version could not be installed: no wheel fits this runner and there is no cargo" \
  "$tmp/nothing/log" || { cat "$tmp/nothing/log"; fail "nothing: no error annotation"; }
echo "PASS: the GitHub Action installs with pip or cargo, annotates, fails on findings, writes SARIF for the upload"
