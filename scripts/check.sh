#!/usr/bin/env bash
# Every check of the project: type check, lint, the API reports, the packed packages, all tests
# (unit, database, end-to-end) and the install test of the packed packages in new apps (legacy and
# new frontend system).
#
# First it obtains what the tests need from the machine:
# - Debian's `chromium` for the end-to-end tests (not with SKIP_E2E=1, nor when E2E_CHROMIUM names
#   a browser) and Debian's `prometheus` (with `promtool`) for the Prometheus provider's tests:
#   installed with apt-get when missing and running as root; otherwise it says what to install,
#   and the tests that need them fail saying so too.
# - PostgreSQL: database tests run on SQLite, and on PostgreSQL too when
#   BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING is set (as .ci/run does) or, when no
#   such variable is set, a local server answers at 127.0.0.1:5432 to user postgres without a
#   password (then it is set for that server; SKIP_POSTGRES=1 keeps the tests on SQLite).
#
#   ./scripts/check.sh             everything; ends with one line `N passed, N failed`
#   ./scripts/check.sh --prepare   only obtain what the tests need, then stop
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SD_ROOT"
export CI=true

prepare_only=
case "${1:-}" in
  --prepare) prepare_only=1 ;;
  '') ;;
  *) echo "usage: $0 [--prepare]" >&2; exit 2 ;;
esac

# What could not be obtained: said at once, and again just before the closing line.
missing=()
say() { echo "::: prepare: $*"; }
lack() { say "$*"; missing+=("$*"); }

apt_log="$SD_ROOT/.tools/apt.log"
apt_updated=
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
# Installs Debian packages when this is root on a machine with apt-get; returns 1 when it cannot.
apt_install() {
  can_apt || return 1
  say "installing Debian's $* (apt-get)"
  if [ -z "$apt_updated" ]; then
    apt-get update -qq >"$apt_log" 2>&1 || return 1
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$apt_log" 2>&1
}
how_to_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "this is not root: install it with sudo apt-get update && sudo apt-get install -y $*"
  elif ! command -v apt-get >/dev/null 2>&1; then
    echo "there is no apt-get here: install $* with this system's package manager"
  else
    echo "apt-get install -y $* failed (log: $apt_log)"
  fi
}

# The browser e2e/lib/browser.js looks for.
chromium_path() {
  local candidate
  for candidate in "${E2E_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

have_prometheus() {
  command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1
}

if [ "${SKIP_E2E:-}" = 1 ] || [ ! -f e2e/run.js ]; then
  say "end-to-end tests skipped: no browser needed"
elif found="$(chromium_path)"; then
  say "chromium for the end-to-end tests: $found"
elif apt_install chromium && found="$(chromium_path)"; then
  say "chromium for the end-to-end tests: $found"
else
  lack "no chromium, so the end-to-end tests will fail: $(how_to_install chromium)" \
    "(or set E2E_CHROMIUM=/path/to/chromium, or SKIP_E2E=1)"
fi

if have_prometheus; then
  say "prometheus and promtool for the Prometheus provider's tests: $(command -v prometheus)"
elif apt_install prometheus && have_prometheus; then
  say "prometheus and promtool for the Prometheus provider's tests: $(command -v prometheus)"
else
  lack "no prometheus/promtool, so the Prometheus provider's tests will fail: $(how_to_install prometheus)"
fi

# The PostgreSQL server's major version at a connection string, or nothing (needs node_modules/pg).
postgres_major() {
  node -e '
    const { Client } = require("pg");
    const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    client
      .connect()
      .then(() => client.query("show server_version_num"))
      .then(result => {
        console.log(Math.floor(Number(result.rows[0].server_version_num) / 10000));
        return client.end();
      })
      .catch(() => process.exit(1));
  ' "$1" 2>/dev/null
}

prepare_postgres() {
  local set_already major url=postgresql://postgres@127.0.0.1:5432/postgres
  set_already="$(env | grep -o '^BACKSTAGE_TEST_DATABASE_POSTGRES[0-9]*_CONNECTION_STRING' | tr '\n' ' ')"
  if [ -n "$set_already" ]; then
    say "database tests on SQLite and on PostgreSQL at ${set_already% } (set by the caller)"
  elif [ "${SKIP_POSTGRES:-}" = 1 ]; then
    say "database tests on SQLite only (SKIP_POSTGRES=1)"
  elif [ ! -d node_modules/pg ]; then
    say "database tests on SQLite only (no node_modules yet to look for a local PostgreSQL with)"
  elif major="$(postgres_major "$url")" && [ -n "$major" ]; then
    export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=$url"
    say "database tests on SQLite and on the local PostgreSQL $major at 127.0.0.1:5432"
  else
    say "database tests on SQLite only (no PostgreSQL answers at 127.0.0.1:5432 to user postgres)"
  fi
}

if [ -n "$prepare_only" ]; then
  prepare_postgres
  if [ "${#missing[@]}" -gt 0 ]; then
    exit 1
  fi
  exit 0
fi

results="$SD_ROOT/.tools/results"
rm -rf "$results" && mkdir -p "$results"
status=0

step() {
  echo "::: $*"
  "$@" || { echo "::: FAILED: $*"; status=1; }
}

# A check that is not jest's counts as one test case of the closing tally: $1 names its result file.
single_case() {
  local name="$1"
  shift
  echo "::: $*"
  if "$@"; then
    echo '{"numPassedTests":1,"numFailedTests":0}' >"$results/$name.json"
  else
    echo "::: FAILED: $*"
    echo '{"numPassedTests":0,"numFailedTests":1}' >"$results/$name.json"
    status=1
  fi
}

yarn install --immutable > "$results/install.log" 2>&1 || {
  cat "$results/install.log"; echo "::: FAILED: yarn install"; exit 1; }
prepare_postgres
step yarn tsc
step yarn backstage-cli repo lint
single_case api-reports bash scripts/api-reports.sh --check
# The backend's src/schema/openapi.yaml, the router made from it (src/schema/openapi/generated/) and
# the frontend client's types (src/api/openapi.generated.ts) must agree; regenerate with
# `node scripts/openapi-generate.js plugins/service-delivery-backend --client plugins/service-delivery`.
# backstage-repo-tools imports the TypeScript router, which Backstage's node transform compiles.
openapi_check() {
  env NODE_OPTIONS="--require $SD_ROOT/node_modules/@backstage/cli/config/nodeTransform.cjs" \
    yarn backstage-repo-tools repo schema openapi validate &&
    node scripts/openapi-generate.js --check plugins/service-delivery-backend --client plugins/service-delivery
}
single_case openapi openapi_check
# builds from the type declarations yarn tsc has written
single_case packages env SKIP_TSC=1 bash scripts/pack.sh
step yarn backstage-cli repo test --json --outputFile="$results/jest.json"
if [ "${SKIP_E2E:-}" != 1 ] && [ -f e2e/run.js ]; then
  step yarn e2e --json "$results/e2e.json"
fi
# The packed packages in two new apps made by @backstage/create-app (legacy and new frontend
# system), installed as the README says, checked in Chromium (about 10 minutes; SKIP_INSTALL_TEST=1,
# or SKIP_E2E=1, leaves it out).
install_test=
if [ "${SKIP_E2E:-}" != 1 ] && [ "${SKIP_INSTALL_TEST:-}" != 1 ] && [ -f e2e/install/run.js ]; then
  install_test="$results/install.json"
  step bash scripts/install-test.sh --packs dist-packages --json "$install_test"
fi

for note in "${missing[@]}"; do
  echo "::: missing: $note"
done
node scripts/summarise-tests.js "$results/jest.json" "$results/api-reports.json" "$results/openapi.json" "$results/packages.json" $( [ -f e2e/run.js ] && [ "${SKIP_E2E:-}" != 1 ] && echo "$results/e2e.json") $install_test || status=1
exit $status
