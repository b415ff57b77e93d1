#!/usr/bin/env bash
# The Neovim plugin (editors/nvim) driving the real `factcheck lsp` in headless Neovim (Debian's
# 0.7.2 is the floor): root detection, status, misquote diagnostic, hover, quick fix applied to
# the buffer, plaintext buffers, :FactcheckReload and :FactcheckCheckWorkspace; and that the
# nvim-lspconfig entry (editors/nvim-lspconfig) configures the server as lsp/factcheck.lua does.
# Then Neovim 0.11's own route, `vim.lsp.enable('factcheck')` with each lsp/factcheck.lua on
# 'runtimepath' and no plugin set-up (editors/nvim/tests/enable.lua).
# Needs: nvim; Neovim 0.11 in target/neovim-venv (scripts/setup.sh); FACTCHECK_BIN (default
# target/release/factcheck).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${FACTCHECK_BIN:-$repo/target/release/factcheck}
[ -x "$bin" ] || { echo "FAIL: factcheck binary not found at $bin (build it or set FACTCHECK_BIN)"; exit 1; }
command -v nvim >/dev/null || { echo "FAIL: nvim not installed (apt-get install neovim)"; exit 1; }
nvim011=$repo/target/neovim-venv/bin/nvim
[ -x "$nvim011" ] || { echo "FAIL: Neovim 0.11 not found at $nvim011 (run scripts/setup.sh)"; exit 1; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# a .git above the workspace: the factcheck.toml must still decide the root
mkdir -p "$tmp/.git" "$tmp/ws/sources" "$tmp/ws/drafts"
ws=$tmp/ws
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

cd "$ws"
FACTCHECK_BIN=$bin WS=$ws REPO=$repo HOME=$tmp XDG_STATE_HOME=$tmp/state XDG_DATA_HOME=$tmp/data \
  timeout 90 nvim --headless -u NONE -i NONE -n \
  --cmd "set rtp^=$repo/editors/nvim" --cmd 'filetype on' \
  -c "luafile $repo/editors/nvim/tests/e2e.lua" </dev/null

# Neovim 0.11+: vim.lsp.enable() with each entry's lsp/ folder on 'runtimepath', nothing else
for entry in lspconfig plugin; do
  case $entry in
    lspconfig) rtp=$repo/editors/nvim-lspconfig ;;
    plugin) rtp=$repo/editors/nvim ;;
  esac
  FACTCHECK_BIN=$bin WS=$ws ENTRY=$entry HOME=$tmp XDG_STATE_HOME=$tmp/state XDG_DATA_HOME=$tmp/data \
    timeout 90 "$nvim011" --headless -u NONE -i NONE -n \
    --cmd "set rtp^=$rtp" --cmd 'filetype on' \
    -c "luafile $repo/editors/nvim/tests/enable.lua" </dev/null
done
