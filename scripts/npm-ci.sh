#!/usr/bin/env bash
# `npm ci` in a folder, only when its package-lock.json changed since the last install there
# (a stamp in node_modules holds the lockfile's hash), so set-up and each test that needs the
# packages can call it without installing twice. Served from the npm cache when it has them.
# Usage: scripts/npm-ci.sh FOLDER
set -euo pipefail
dir=$1
lock="$dir/package-lock.json"
[ -f "$lock" ] || { echo "npm-ci.sh: $lock not found" >&2; exit 2; }
stamp="$dir/node_modules/.factcheck-lock-sha256"
hash=$(sha256sum "$lock" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
  echo "== npm ci in $dir"
  (cd "$dir" && npm_config_loglevel=error npm_config_fund=false npm_config_audit=false \
    timeout 300 npm ci --prefer-offline)
  echo "$hash" >"$stamp"
fi
