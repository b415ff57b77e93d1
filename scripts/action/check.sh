#!/usr/bin/env bash
# The GitHub Action's check step (action.yml): `factcheck check` of the paths in the chosen
# format, failing the step as --fail-on says; with FACTCHECK_SARIF=true also a SARIF report
# for the upload step, whose path goes to the step's output `sarif-file`.
# Env: FACTCHECK_PATHS (space or new-line separated), FACTCHECK_FORMAT, FACTCHECK_FAIL_ON,
# FACTCHECK_SARIF, GITHUB_OUTPUT, RUNNER_TEMP.
set -euo pipefail
read -r -d '' -a paths <<<"${FACTCHECK_PATHS:-.}" || true
[ "${#paths[@]}" -gt 0 ] || paths=(.)

if [ "${FACTCHECK_SARIF:-false}" = true ]; then
  sarif=${RUNNER_TEMP:?}/factcheck.sarif
  # the report of every finding, whatever fails the step; a usage or I/O error (2) stops here
  factcheck check "${paths[@]}" --format sarif --fail-on never >"$sarif"
  echo "sarif-file=$sarif" >>"${GITHUB_OUTPUT:?}"
fi
exec factcheck check "${paths[@]}" --format "${FACTCHECK_FORMAT:-github}" \
  --fail-on "${FACTCHECK_FAIL_ON:-warning}"
