#!/bin/sh
# Installs code-server 4.100.3 (VS Code 1.100.3 in the browser; the last release on node 20)
# from the npm registry, with no other network access, into a cache outside the repository
# (300 MB; $FACTCHECK_E2E_CACHE, default ~/.cache/factcheck-e2e), keyed by the lockfile in
# ./code-server, and prints the path of its entry.js (the only line on stdout).
# Needs: node 20, g++, make, python3, libkrb5-dev, ripgrep. Takes a few minutes (native
# addons compile from source); does nothing when that version is already installed.
#
# Why not a plain `npm install code-server`: its postinstall runs `npm install` in
# lib/vscode, where @vscode/ripgrep's postinstall downloads rg from GitHub, and argon2 /
# kerberos try GitHub prebuilds. Here code-server's own postinstall is skipped and replayed
# below with ripgrep's download denied and Debian's /usr/bin/rg linked in; prebuilds are off.
set -eu
# the install's own output goes to stderr; stdout carries only the path
exec 3>&1 1>&2
here=$(cd "$(dirname "$0")" && pwd)
key=$(cat "$here/code-server/package.json" "$here/code-server/package-lock.json" | sha256sum | cut -c1-16)
dest=${FACTCHECK_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/factcheck-e2e}/code-server-$key
cs=$dest/node_modules/code-server
if [ -f "$cs/lib/vscode/.factcheck-e2e-installed" ]; then
  echo "$cs/out/node/entry.js" >&3
  exit 0
fi
rm -rf "$dest"
mkdir -p "$dest"
cp "$here/code-server/package.json" "$here/code-server/package-lock.json" "$dest/"
command -v rg >/dev/null || { echo "install.sh: ripgrep (rg) is needed"; exit 1; }
export npm_config_build_from_source=true   # compile native addons, no prebuild downloads
export npm_config_yes=true                 # node-pty's install runs `npx node-gyp`
export npm_config_fund=false npm_config_audit=false npm_config_loglevel=error

cd "$dest"
npm ci

# code-server's postinstall.sh, minus the ripgrep download
cd "$cs/lib/vscode"
node -e 'const f="package.json",p=JSON.parse(require("fs").readFileSync(f));p.allowScripts={"@parcel/watcher":true,"@vscode/deviceid":true,"@vscode/spdlog":true,"@vscode/windows-process-tree":true,"@vscode/windows-registry":true,"kerberos":true,"native-watchdog":true,"node-pty":true,"@vscode/ripgrep":false};require("fs").writeFileSync(f,JSON.stringify(p,null,2))'
npm install --omit=dev
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
cd extensions
node -e 'const f="package.json",p=JSON.parse(require("fs").readFileSync(f));p.allowScripts={"vscode-extensions":true};require("fs").writeFileSync(f,JSON.stringify(p,null,2))'
npm install --omit=dev
touch "$cs/lib/vscode/.factcheck-e2e-installed"
echo "$cs/out/node/entry.js" >&3
