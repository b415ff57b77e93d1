#!/usr/bin/env bash
# VS Code extension: type-check, unit tests (server discovery, settings mapping, status bar,
# sources list) and an offline package of the .vsix whose contents are checked.
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
echo "PASS: vscode unit tests and package"
