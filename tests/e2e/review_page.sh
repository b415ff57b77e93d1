#!/usr/bin/env bash
# The review page (`factcheck check --format html`) in Debian's Chromium, driven by
# playwright-core from a file:// URL: the report of examples/ against seeds/ (as the README's
# quick start runs it) and a draft and a source full of markup and script (review_page/hostile).
# See review_page/drive.mjs for what it asserts. No browser is downloaded: playwright-core
# drives /usr/bin/chromium.
# Env:   FACTCHECK_BIN (default target/ci/factcheck)
#        UPDATE_SCREENSHOT=1 copies the page's screenshot to docs/review-page.png
# Needs: chromium (Debian), node 20 + npm.
set -euo pipefail
here=$(cd "$(dirname "$0")/review_page" && pwd)
repo=$(cd "$here/../../.." && pwd)
bin=${FACTCHECK_BIN:-$repo/target/ci/factcheck}
[ -x "$bin" ] || { echo "FAIL: factcheck binary not found at $bin (build it or set FACTCHECK_BIN)"; exit 1; }
[ -x /usr/bin/chromium ] || { echo "FAIL: /usr/bin/chromium missing (apt-get install chromium)"; exit 1; }
export npm_config_fund=false npm_config_audit=false npm_config_loglevel=error
(cd "$here" && { [ -d node_modules/playwright-core ] || npm ci --prefer-offline; })

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The examples as the quick start checks them (the repository's factcheck.toml names seeds/);
# the findings make the status 1, which is not what this test is about.
(cd "$repo" && "$bin" check examples/ --format html --output "$out/examples.html" --fail-on never)
(cd "$repo" && "$bin" check examples/ --format json --output "$out/examples.json" --fail-on never)
(cd "$here/hostile" && "$bin" check drafts --format html --output "$out/hostile.html" --fail-on never)

status=0
EXAMPLES="$out/examples.html" EXAMPLES_JSON="$out/examples.json" HOSTILE="$out/hostile.html" \
  OUT="$out" PROFILE="$out/profile" timeout 180 node "$here/drive.mjs" || status=$?
if [ $status -eq 0 ] && [ "${UPDATE_SCREENSHOT:-}" = 1 ]; then
  cp "$out/review-page.png" "$repo/docs/review-page.png"
  echo "updated docs/review-page.png"
fi
exit $status
