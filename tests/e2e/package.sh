#!/usr/bin/env bash
# The crate as `cargo package` would publish it: the file list holds the code, every file the
# code compiles in (each include_str!/include_bytes! under src/), the licences of that data and
# of the crate, the README and the changelog, and nothing of the tests, benchmarks, fuzzing,
# editors or example corpus; the changelog has an entry for the version in Cargo.toml, and the
# VS Code extension and the Mason package (editors/mason) carry the same version. Only lists, no build: a whole
# `cargo package --locked` builds the packaged crate again (about 4 minutes here), so it is a
# release step (README, Tests), not CI's.
source "$(dirname "$0")/lib/packaging.bash"
cd "$repo"

list=$(cargo package --locked --no-verify --list --allow-dirty 2>/dev/null)
has() { grep -qx -- "$1" <<<"$list"; }

# every file the crate compiles in, found from the code itself
compiled_in=$(grep -rhoE 'include_(str|bytes)!\("[^"]+"\)' src | sed -E 's/.*\("([^"]+)"\)/\1/' | sort -u)
[ -n "$compiled_in" ] || fail "found no include_str! under src/ (the check below would be empty)"
for f in $compiled_in; do
  # the paths are relative to src/<module>/; resolve them against the repository
  path=$(cd "$repo" && realpath --relative-to=. "$(grep -rlF "\"$f\"" src | head -1 | xargs dirname)/$f")
  has "$path" || fail "$path is compiled in (include_str!) but not in the package"
done
for f in src/main.rs src/lib.rs build.rs Cargo.toml Cargo.lock README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE \
  data/knowledge/LICENSE-WordNet data/knowledge/LICENSE-world-countries data/knowledge/README.md; do
  has "$f" || fail "$f is not in the package"
done
stray=$(grep -E '^(tests|benches|fuzz|editors|docs|seeds|examples|scripts|target|\.ci)/' <<<"$list" || true)
[ -z "$stray" ] || fail "the package holds files it does not need:"$'\n'"$stray"

grep -q "^## \[$version\] - [0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}$" CHANGELOG.md \
  || fail "CHANGELOG.md has no '## [$version] - YYYY-MM-DD' entry for Cargo.toml's version"
vsix_version=$(python3 -c 'import json; print(json.load(open("editors/vscode/package.json"))["version"])')
[ "$vsix_version" = "$version" ] || fail "editors/vscode/package.json is $vsix_version, Cargo.toml $version"
# the Mason package installs this version's wheel, for the lspconfig entry of that name
"$tools/bin/python" - "$version" <<'PY' || fail "editors/mason/packages/factcheck/package.yaml is out of step"
import os, sys, yaml
version = sys.argv[1]
mason = yaml.safe_load(open("editors/mason/packages/factcheck/package.yaml"))
dist = next(l.split('"')[1] for l in open("pyproject.toml") if l.startswith("name = "))
want = {"source": {"id": f"pkg:pypi/{dist}@{version}"}, "bin": {"factcheck": "pypi:factcheck"},
        "neovim": {"lspconfig": "factcheck"}}
for key, value in want.items():
    assert mason.get(key) == value, f"{key}: {mason.get(key)!r}, expected {value!r}"
for key in ("name", "description", "homepage", "licenses", "languages", "categories"):
    assert mason.get(key), f"no {key}"
assert os.path.isfile(f"editors/nvim-lspconfig/lsp/{mason['neovim']['lspconfig']}.lua")
PY
echo "PASS: package of factcheck $version: $(wc -l <<<"$list") files, compiled-in data included"
