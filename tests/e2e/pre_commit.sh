#!/usr/bin/env bash
# The pre-commit route: `pre-commit try-repo` on this checkout (.pre-commit-hooks.yaml, hook
# `factcheck`) from a scratch git repository with a factcheck.toml and a source. A staged draft
# that quotes the source exactly passes (with an unstaged draft that misquotes it, and a staged
# non-text file holding the misquote, both left alone); a staged draft with a misquote blocks
# the commit, and the hook's output names the finding.
# Needs: git, python3 with venv; FACTCHECK_BIN (default target/ci/factcheck), put on PATH as
# `factcheck` (the hook runs the installed command: .pre-commit-hooks.yaml says why).
source "$(dirname "$0")/lib/packaging.bash"
need_bin

mkdir -p "$tmp/bin" "$tmp/project/sources" "$tmp/project/drafts"
ln -s "$bin" "$tmp/bin/factcheck"
export PATH="$tmp/bin:$tools/bin:/usr/bin:/bin" HOME="$tmp" PRE_COMMIT_HOME="$tmp/pre-commit-cache"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
  GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org

cd "$tmp/project"
git init -q .
printf '[corpus]\npaths = ["sources"]\n' >factcheck.toml
cat >sources/mayor.txt <<'TXT'
The city council met on Tuesday evening to discuss the new budget.
Mayor Jane Smith said: "We will not raise taxes this year, and we will protect every library."
TXT
misquote='Mayor Jane Smith said: "We will not raise taxes this year, and we will protect every school."'
printf '# Budget night\n\nMayor Jane Smith said: "We will not raise taxes this year, and we will protect every library."\n' >drafts/good.md
printf '# Budget night\n\n%s\n' "$misquote" >drafts/bad.md
printf '# %s\n' "$misquote" >notes.py

# 1. the good draft staged (and the source, the configuration, a Python file): passes
git add factcheck.toml sources/mayor.txt drafts/good.md notes.py
status=0
timeout 120 pre-commit try-repo "$repo" factcheck >"$tmp/good.log" 2>&1 || status=$?
cat "$tmp/good.log"
[ "$status" = 0 ] || fail "pre-commit blocked a staged draft with no finding (exit $status)"
grep -q '^factcheck\.*Passed$' "$tmp/good.log" || fail "the hook did not run and pass"

# 2. the misquoting draft staged: blocked, with the finding in the output
git add drafts/bad.md
status=0
timeout 120 pre-commit try-repo "$repo" factcheck >"$tmp/bad.log" 2>&1 || status=$?
cat "$tmp/bad.log"
[ "$status" = 1 ] || fail "pre-commit did not block a staged draft with a misquote (exit $status)"
grep -q '^factcheck\.*Failed$' "$tmp/bad.log" || fail "the hook did not fail"
grep -q 'warning\[misquote\]' "$tmp/bad.log" || fail "the output does not name the misquote"
grep -q -- '--> drafts/bad.md:3:' "$tmp/bad.log" || fail "the output does not point at drafts/bad.md line 3"
if grep -q -- '--> notes.py' "$tmp/bad.log"; then fail "notes.py was checked: the hook takes Markdown and text only"; fi
echo "PASS: pre-commit hook passes a clean staged draft and blocks a misquote"
