#!/usr/bin/env bash
# Starts the demo: frontend on :3000, backend on :7007, guest sign-in, SQLite in memory,
# the example organisation in the catalog and its measured data generated at start.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SD_ROOT"
yarn install --immutable
exec yarn start "$@"
