#!/usr/bin/env bash
# Builds and packs the published packages (plugins/*) the way they are published: type
# declarations from `yarn tsc`, `backstage-cli package build`, then `yarn pack`, whose prepack and
# postpack scripts (backstage-cli package prepack/postpack) point main, types and exports at dist/
# and compile config.d.ts to config.schema.json, and which replaces workspace: ranges by versions.
# Each tarball is then checked by scripts/verify-packs.js.
#
#   scripts/pack.sh [folder]      the tarballs land in folder (default dist-packages/), emptied first
#   SKIP_BUILD=1 scripts/pack.sh  packs what dist/ already holds (after a build of the same sources)
#   SKIP_TSC=1 scripts/pack.sh    builds from dist-types/ as it is (check.sh has just run yarn tsc)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SD_ROOT"

out="$(mkdir -p "${1:-dist-packages}" && cd "${1:-dist-packages}" && pwd)"
rm -f "$out"/*.tgz

packages=()
for dir in plugins/*/; do
  dir="${dir%/}"
  if [ "$(node -p "require('./$dir/package.json').private === true")" = false ]; then
    packages+=("$dir")
  fi
done

if [ "${SKIP_BUILD:-}" != 1 ]; then
  if [ "${SKIP_TSC:-}" != 1 ]; then
    echo "::: pack: type declarations (yarn tsc)"
    yarn tsc
  fi
  for dir in "${packages[@]}"; do
    echo "::: pack: building $dir"
    (cd "$dir" && yarn backstage-cli package build)
  done
fi

for dir in "${packages[@]}"; do
  file="$(node -p "const p = require('./$dir/package.json'); p.name.replace(/^@/, '').replace('/', '-') + '-' + p.version + '.tgz'")"
  echo "::: pack: $dir -> $file"
  (cd "$dir" && yarn pack --out "$out/$file" >/dev/null)
done

node scripts/verify-packs.js "$out" "${packages[@]}"
