#!/bin/sh
# Installs code-server 4.100.3 (VS Code 1.100.3 in the browser; the last release on node 20)
# from the npm registry into ./code-server/node_modules, with no other network access.
# Needs: node 20, g++, make, python3, libkrb5-dev, ripgrep. Takes a few minutes (native
# addons compile from source); does nothing when already installed.
#
# Why not a plain `npm install code-server`: its postinstall runs `npm install` in
# lib/vscode, where @vscode/ripgrep's postinstall downloads rg from GitHub, and argon2 /
# kerberos try GitHub prebuilds. Here code-server's own postinstall is skipped and replayed
# below with ripgrep's download denied and Debian's /usr/bin/rg linked in; prebuilds are off.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cs=$here/code-server/node_modules/code-server
if [ -f "$cs/lib/vscode/.factcheck-e2e-installed" ]; then
  echo "code-server already installed: $cs"
  exit 0
fi
command -v rg >/dev/null || { echo "install.sh: ripgrep (rg) is needed"; exit 1; }
export npm_config_build_from_source=true   # compile native addons, no prebuild downloads
export npm_config_yes=true                 # node-pty's install runs `npx node-gyp`
export npm_config_fund=false npm_config_audit=false npm_config_loglevel=error

cd "$here/code-server"
if [ -f package-lock.json ]; then npm ci; else npm install; fi

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
echo "installed: $cs/out/node/entry.js"
