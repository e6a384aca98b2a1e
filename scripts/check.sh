#!/usr/bin/env bash
# Every check of the project: type check, lint, all tests (unit, database, end-to-end).
# Database tests run on SQLite, and on PostgreSQL too when
# BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING is set (as .ci/run does).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SD_ROOT"
export CI=true

results="$SD_ROOT/.tools/results"
rm -rf "$results" && mkdir -p "$results"
status=0

step() {
  echo "::: $*"
  "$@" || { echo "::: FAILED: $*"; status=1; }
}

yarn install --immutable > "$results/install.log" 2>&1 || {
  cat "$results/install.log"; echo "::: FAILED: yarn install"; exit 1; }
step yarn tsc
step yarn backstage-cli repo lint
step yarn backstage-cli repo test --json --outputFile="$results/jest.json"
if [ "${SKIP_E2E:-}" != 1 ] && [ -f e2e/run.js ]; then
  step yarn e2e --json "$results/e2e.json"
fi

node scripts/summarise-tests.js "$results/jest.json" $( [ -f e2e/run.js ] && [ "${SKIP_E2E:-}" != 1 ] && echo "$results/e2e.json") || status=1
exit $status
