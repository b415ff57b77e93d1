#!/usr/bin/env bash
# VS Code extension: type-check, unit tests (server discovery, settings mapping, status bar,
# sources list) and offline packages whose contents are checked: the generic .vsix (no server
# inside: it finds one in settings or on PATH) and the linux-x64 .vsix with FACTCHECK_BIN
# (default target/ci/factcheck) inside as bin/factcheck, executable.
# Needs node 20 + npm; installs the extension's dev dependencies with `npm ci` from the
# committed lockfile when it changed (scripts/npm-ci.sh).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/scripts/npm-ci.sh" "$repo/editors/vscode"
cd "$repo/editors/vscode"

export npm_config_loglevel=error npm_config_fund=false npm_config_audit=false
timeout 120 npm test

rm -f factcheck.vsix
if unshare -n true 2>/dev/null; then
  # packaging must not need the network: prove it by having none
  timeout 120 unshare -n npm run package
else
  timeout 120 npm run package
fi
listing=$(unzip -l factcheck.vsix)
for f in extension/package.json extension/out/extension.js extension/readme.md extension/LICENSE.txt; do
  grep -q " $f\$" <<<"$listing" || { echo "FAIL: $f missing from factcheck.vsix"; echo "$listing"; exit 1; }
done
if grep -q 'node_modules/' <<<"$listing"; then
  echo "FAIL: factcheck.vsix ships node_modules (the bundle should be self-contained)"; exit 1
fi
if grep -q ' extension/bin/' <<<"$listing"; then
  echo "FAIL: the generic factcheck.vsix ships a server binary"; exit 1
fi

bin=${FACTCHECK_BIN:-$repo/target/ci/factcheck}
[ -x "$bin" ] || { echo "FAIL: factcheck binary not found at $bin (build it or set FACTCHECK_BIN)"; exit 1; }
rm -f factcheck-linux-x64.vsix
timeout 120 npm run package:platform -- linux-x64 "$bin" >/dev/null
[ ! -e bin ] || { echo "FAIL: package:platform left bin/ behind (the generic package would ship it)"; exit 1; }
mode=$(zipinfo factcheck-linux-x64.vsix extension/bin/factcheck 2>/dev/null | cut -c1-10) \
  || { echo "FAIL: extension/bin/factcheck missing from factcheck-linux-x64.vsix"; unzip -l factcheck-linux-x64.vsix; exit 1; }
[ "$mode" = "-rwxr-xr-x" ] || { echo "FAIL: the bundled server's mode is $mode, not executable"; exit 1; }
unzip -p factcheck-linux-x64.vsix extension/bin/factcheck | cmp -s - "$bin" \
  || { echo "FAIL: the bundled server is not $bin"; exit 1; }
unzip -p factcheck-linux-x64.vsix extension.vsixmanifest | grep -q 'TargetPlatform="linux-x64"' \
  || { echo "FAIL: factcheck-linux-x64.vsix is not marked for linux-x64"; exit 1; }
echo "PASS: vscode unit tests, the generic package and the linux-x64 package with the server"
