#!/bin/sh
# The factcheck extension in the real VS Code: code-server 4.100.3 (VS Code 1.100.3) driven
# by Debian's Chromium through playwright-core, all inside a private network namespace
# (loopback only) and PID namespace. Installs the platform package (factcheck-linux-x64.vsix,
# the server inside it) with no factcheck.server.path setting and no factcheck on PATH, so the
# server must be the bundled one; opens a draft, sees the warning, hovers it, applies the
# quick fix, reads the fixed text, runs "Show Sources", and saves screenshots.
#
# Usage: editors/vscode/e2e/run.sh [outdir]     (default outdir: editors/vscode/e2e/out)
# Env:   FACTCHECK_BIN (default target/release/factcheck): the server put inside the package
#        UPDATE_SCREENSHOT=1 copies the quick-fix screenshot to docs/images/vscode-quickfix.png
# Needs: chromium, libkrb5-dev, ripgrep, g++, make, python3 (Debian), node 20 + npm, root
#        (unshare -n). The first run installs code-server (a few minutes, see install.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ext=$(cd "$here/.." && pwd)
repo=$(cd "$ext/../.." && pwd)
out=${1:-$here/out}
bin=${FACTCHECK_BIN:-$repo/target/release/factcheck}

if [ "${IN_NETNS:-}" != 1 ]; then
  [ -x "$bin" ] || { echo "FAIL: factcheck binary not found at $bin (build it or set FACTCHECK_BIN)"; exit 1; }
  [ -x /usr/bin/chromium ] || { echo "FAIL: /usr/bin/chromium missing (apt-get install chromium)"; exit 1; }
  export npm_config_fund=false npm_config_audit=false npm_config_loglevel=error
  # what needs the package registry happens here, before the network goes away
  "$repo/scripts/npm-ci.sh" "$ext"
  case $(uname -m) in
    x86_64) target=linux-x64 ;;
    aarch64) target=linux-arm64 ;;
    *) echo "FAIL: no VS Code platform package for $(uname -m)"; exit 1 ;;
  esac
  (cd "$ext" && npm run package:platform -- "$target" "$bin" >/dev/null)
  CS=$("$here/install.sh")
  export CS
  "$repo/scripts/npm-ci.sh" "$here"
  mkdir -p "$out"
  # no network but loopback (-n); own PID namespace (-p -f --mount-proc), so nothing started
  # inside outlives the run
  exec env IN_NETNS=1 VSIX="$ext/factcheck-$target.vsix" CS="$CS" timeout 300 \
    unshare -n -p -f --mount-proc sh -c "ip link set lo up && exec '$0' '$out'"
fi

# no factcheck on PATH: the extension must find the one inside its package
PATH=$(printf '%s\n' "$PATH" | tr ':' '\n' | while read -r d; do [ -x "$d/factcheck" ] || printf '%s:' "$d"; done)
export PATH=${PATH%:}
if command -v factcheck >/dev/null; then echo "FAIL: factcheck still on PATH"; exit 1; fi

T=$(mktemp -d)
cleanup() {
  # This script is process 1 of its own PID namespace: signal every other process in it
  # (code-server, its extension host and watchers, the server, Chromium), wait for them to
  # go, then remove the temporary tree they were writing to.
  kill -TERM -1 2>/dev/null || true
  i=0
  while [ "$(ls /proc | grep -c '^[0-9]')" -gt 2 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  kill -KILL -1 2>/dev/null || true
  rm -rf "$T" 2>/dev/null || true
}
trap cleanup EXIT
mkdir -p "$T/ud/User" "$T/ext" "$T/browser"
# keep code-server out of ~/.config/code-server and ~/.local/share/code-server
export XDG_CONFIG_HOME="$T/xdg-config" XDG_DATA_HOME="$T/xdg-data"
printf 'bind-addr: 127.0.0.1:18080\nauth: none\ncert: false\n' > "$T/config.yaml"

# the workspace: a tiny corpus, a factcheck.toml naming it, a draft with a misquote
ws=$T/ws
mkdir -p "$ws/sources" "$ws/drafts"
printf '[corpus]\npaths = ["sources"]\n' > "$ws/factcheck.toml"
cat > "$ws/sources/mayor.txt" <<'TXT'
The city council met on Tuesday evening to discuss the new budget.
Mayor Jane Smith said: "We will not raise taxes this year, and we will protect every library."
The budget passed by a vote of seven to two after a long debate.
TXT
cat > "$ws/drafts/budget.md" <<'MD'
# Budget night

Mayor Jane Smith said: "We will not raise taxes this year, and we will protect every school".
MD

cat > "$T/ud/User/settings.json" <<JSON
{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off", "update.mode": "none",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true, "workbench.tips.enabled": false,
  "chat.disableAIFeatures": true, "workbench.colorTheme": "Default Light Modern",
  "editor.fontSize": 15, "editor.minimap.enabled": false, "window.zoomLevel": 0 }
JSON
node "$CS" --config "$T/config.yaml" --user-data-dir "$T/ud" --extensions-dir "$T/ext" \
  --install-extension "$VSIX" >"$out/install-extension.log" 2>&1 \
  || { cat "$out/install-extension.log"; exit 1; }
node "$CS" --config "$T/config.yaml" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$T/ud" --extensions-dir "$T/ext" "$ws" >"$out/code-server.log" 2>&1 &
i=0
until node -e "require('http').get('http://127.0.0.1:18080/healthz',r=>process.exit(r.statusCode==200?0:1)).on('error',()=>process.exit(1))"; do
  i=$((i + 1))
  [ $i -lt 120 ] || { echo "FAIL: code-server did not start"; cat "$out/code-server.log"; exit 1; }
  sleep 0.5
done
status=0
CS_URL=http://127.0.0.1:18080 WS="$ws" OUT="$out" PROFILE="$T/browser" node "$here/drive.mjs" || status=$?
# the extension host's log (the factcheck output channel included), for post-mortems
find "$T/ud/logs" -name '*factcheck*' -exec cp {} "$out/" \; 2>/dev/null || true
if [ $status -eq 0 ] && ! grep -rqsE "Starting $T/ext/[^ ]+/bin/factcheck lsp \\(found via bundled\\)" "$T/ud/logs"; then
  echo "FAIL: the extension did not start its bundled server (factcheck output channel:)"
  grep -rhs 'found via\|not found' "$T/ud/logs" || true
  status=1
fi
if [ $status -eq 0 ] && [ "${UPDATE_SCREENSHOT:-}" = 1 ]; then
  mkdir -p "$repo/docs/images"
  cp "$out/quickfix-figure.png" "$repo/docs/images/vscode-quickfix.png"
  echo "updated docs/images/vscode-quickfix.png"
fi
exit $status
