#!/usr/bin/env bash
# Emacs + Eglot (Debian's emacs-nox 28 and elpa-eglot 1.9) with editors/emacs/factcheck-eglot.el,
# driving the real `factcheck lsp` in batch mode: status, misquote diagnostic, hover, quick fix
# applied to the buffer, a text-mode buffer on the same server, reload and check-workspace, and
# a workspace with no .git whose draft is in a sub-folder (the root is factcheck.toml's folder).
# Needs: emacs, elpa-eglot; FACTCHECK_BIN (default target/release/factcheck).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${FACTCHECK_BIN:-$repo/target/release/factcheck}
[ -x "$bin" ] || { echo "FAIL: factcheck binary not found at $bin (build it or set FACTCHECK_BIN)"; exit 1; }
command -v emacs >/dev/null || { echo "FAIL: emacs not installed (apt-get install emacs-nox elpa-eglot)"; exit 1; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ws=$tmp/ws
# .git marks the project root for project.el, hence Eglot's workspace folder
mkdir -p "$ws/.git" "$ws/sources" "$ws/drafts"
cat > "$ws/factcheck.toml" <<'TOML'
[corpus]
paths = ["sources"]
TOML
cat > "$ws/sources/mayor.txt" <<'TXT'
The city council met on Tuesday evening to discuss the new budget.
Mayor Jane Smith said: "We will not raise taxes this year, and we will protect every library."
The budget passed by a vote of seven to two after a long debate.
TXT
cat > "$ws/drafts/budget.md" <<'MD'
# Budget night

Mayor Jane Smith said: "We will not raise taxes this year, and we will protect every school".
MD
printf 'Notes from the meeting.\nMayor Jane Smith said: "We will not raise taxes this year, and we will protect every school."\n' > "$ws/drafts/notes.txt"
printf '# Other\n\nMayor Jane Smith said: "We will not raise taxes this year, and we will protect every park."\n' > "$ws/drafts/other.md"

# a second workspace with no .git anywhere above it, and a draft two folders down
ws_no_git=$tmp/no-git
mkdir -p "$ws_no_git/sources" "$ws_no_git/drafts/sub"
cp "$ws/factcheck.toml" "$ws_no_git/"
cp "$ws/sources/mayor.txt" "$ws_no_git/sources/"
cp "$ws/drafts/budget.md" "$ws_no_git/drafts/sub/draft.md"
git -C "$ws_no_git/drafts/sub" rev-parse --git-dir >/dev/null 2>&1 && { echo "FAIL: $tmp is inside a git repository"; exit 1; }

cd "$ws"
FACTCHECK_BIN=$bin WS=$ws WS_NO_GIT=$ws_no_git HOME=$tmp \
  timeout 100 emacs --batch -L "$repo/editors/emacs" -l "$repo/editors/emacs/tests/e2e.el" </dev/null
