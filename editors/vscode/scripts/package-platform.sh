#!/bin/sh
# A platform-specific package: factcheck-TARGET.vsix with the server binary inside it as
# bin/factcheck (bin/factcheck.exe for win32 targets), which the extension finds with no
# setting (src/serverPath.ts: the setting, then the bundled binary, then PATH). The binary
# must be built for TARGET. bin/ is removed afterwards, so that the generic package
# (`npm run package`), which finds the server in settings or on PATH, never ships one.
# Usage: npm run package:platform -- TARGET BINARY     e.g. linux-x64 ../../target/release/factcheck
# TARGET: a vsce target (linux-x64, linux-arm64, darwin-arm64, darwin-x64, win32-x64, ...).
set -eu
target=${1:?usage: package-platform.sh TARGET BINARY}
binary=${2:?usage: package-platform.sh TARGET BINARY}
[ -f "$binary" ] && [ -x "$binary" ] || { echo "package-platform.sh: $binary is not an executable file" >&2; exit 1; }
cd "$(dirname "$0")/.."
name=factcheck
case $target in win32-*) name=factcheck.exe ;; esac
rm -rf bin
trap 'rm -rf bin' EXIT
mkdir bin
cp "$binary" "bin/$name"
chmod 755 "bin/$name"
vsce package --no-dependencies --allow-missing-repository --target "$target" --out "factcheck-$target.vsix"
