#!/usr/bin/env bash
# The PyPI route: builds the wheel with maturin (pyproject.toml, `bindings = "bin"`), checks it
# carries the binary and nothing else, installs it into a fresh venv that has nothing but pip,
# and runs that venv's `factcheck check examples/` with no other factcheck on PATH: exit 1
# (examples/errors.md has findings on purpose), a finding of each code in errors.md, and the
# same report as the binary built here. maturin builds with the `ci` profile into this
# checkout's target/, so it reuses what `cargo build --profile ci --bin factcheck` compiled
# (after scripts/test.sh's build with the tests' dev-dependencies, whose features differ, the
# crate and some 30 dependencies compile once more: about 2 minutes of CPU).
# Needs: python3 with venv; FACTCHECK_BIN (default target/ci/factcheck), for the comparison.
source "$(dirname "$0")/lib/packaging.bash"
need_bin
# the distribution's name on PyPI (pyproject.toml says why it is not plain factcheck)
dist=factcheck-prose
wheel_dist=${dist//-/_}
cd "$repo"
wheel=$("$repo/scripts/wheel.sh" "$tmp/wheels")
case $(basename "$wheel") in
  "$wheel_dist-$version-py3-none-"*.whl) ;;
  *) fail "the wheel $(basename "$wheel") is not $wheel_dist $version" ;;
esac

# the wheel: the command and the metadata, no Python code, no library
contents=$(python3 -c 'import sys,zipfile; print("\n".join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))' "$wheel")
grep -qx "$wheel_dist-$version.data/scripts/factcheck" <<<"$contents" || fail "the wheel has no factcheck command:"$'\n'"$contents"
others=$(grep -v -e "^$wheel_dist-$version.data/scripts/factcheck\$" -e "^$wheel_dist-$version.dist-info/" <<<"$contents" || true)
[ -z "$others" ] || fail "the wheel carries more than the command:"$'\n'"$others"

# the metadata of pyproject.toml, with Cargo.toml's version
metadata=$(python3 -c 'import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' \
  "$wheel" "$wheel_dist-$version.dist-info/METADATA")
for line in "Name: $dist" "Version: $version" "Requires-Python: >=3.8" "Classifier: Topic :: Text Processing :: Linguistic"; do
  grep -qxF "$line" <<<"$metadata" || fail "the wheel's METADATA lacks '$line'"
done

# a fresh venv with nothing else; the wheel installed without an index
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
installed=$("$tmp/venv/bin/pip" list --format freeze --disable-pip-version-check | grep -v -e '^pip==' -e '^setuptools==' || true)
[ "$installed" = "$dist==$version" ] || fail "the venv holds more than factcheck: $installed"

# the venv's command, with nothing else on PATH that could answer to `factcheck`
status=0
env -i HOME="$tmp" PATH="$tmp/venv/bin:/usr/bin:/bin" factcheck check examples/ --format github \
  >"$tmp/report" 2>"$tmp/stderr" || status=$?
[ "$(env -i PATH="$tmp/venv/bin:/usr/bin:/bin" sh -c 'command -v factcheck')" = "$tmp/venv/bin/factcheck" ] \
  || fail "factcheck on PATH is not the venv's"
[ "$status" = 1 ] || { cat "$tmp/stderr"; fail "exit status $status, expected 1 (examples/errors.md has findings)"; }
for code in contradiction misquote unsourced-quote; do
  grep -q "^::warning file=examples/errors.md,.*title=factcheck $code::" "$tmp/report" \
    || fail "no $code finding in examples/errors.md:"$'\n'"$(cat "$tmp/report")"
done
"$bin" check examples/ --format github >"$tmp/expected" || true
diff -u "$tmp/expected" "$tmp/report" || fail "the installed command reports otherwise than $bin"
echo "PASS: pip-installed factcheck $version ($(basename "$wheel")): $(wc -l <"$tmp/report") findings, exit 1"
