#!/usr/bin/env bash
# The install test (e2e/install/run.js): two new apps made with @backstage/create-app, a legacy one
# and one on the new frontend system, take our packed packages exactly as the README's "Installing
# into an existing Backstage app" says, and in Chromium each one's SLA tab and overview page show
# data ingested through the API.
#
#   scripts/install-test.sh                    packs the packages (scripts/pack.sh), then tests
#   scripts/install-test.sh --packs DIR        tests the tarballs already in DIR (check.sh does)
#   ... [--json FILE] [--keep]                 jest-like results; keep the temporary app
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SD_ROOT"

packs=
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --packs) packs="$2"; shift 2 ;;
    --json) args+=(--json "$2"); shift 2 ;;
    --keep) args+=(--keep); shift ;;
    *) echo "usage: $0 [--packs DIR] [--json FILE] [--keep]" >&2; exit 2 ;;
  esac
done

if [ -z "$packs" ]; then
  packs="$(mktemp -d "${TMPDIR:-/tmp}/sd-install-test-packs-XXXXXX")"
  trap 'rm -rf "$packs"' EXIT
  bash scripts/pack.sh "$packs"
fi
node e2e/install/run.js --packs "$packs" "${args[@]}"
