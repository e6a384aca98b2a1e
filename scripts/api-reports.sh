#!/usr/bin/env bash
# The API reports of the published packages (plugins/*), made by @backstage/repo-tools from the
# type declarations `yarn tsc` writes to dist-types/: report.api.md per entry point
# (report-alpha.api.md for /alpha) and, for the CLI, cli-report.<command>.md from each --help.
# Exported declarations need a release tag (@public, or @alpha in /alpha) and every type they
# mention must be exported too; reports with such warnings are refused.
#
#   scripts/api-reports.sh            regenerate the reports (yarn api-reports); commit them
#   scripts/api-reports.sh --check    fail, showing what differs, when a report is not what the code
#                                     makes (yarn api-reports:check; scripts/check.sh runs it)
#   scripts/api-reports.sh --committed
#                                     regenerate them from the last commit (yarn api-reports
#                                     --committed): in a working tree others are editing too, their
#                                     uncommitted changes stay out of the reports
#   --no-tsc                          use dist-types/ as it is (from a full, not incremental, tsc)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SD_ROOT"

check=
committed=
tsc=1
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    --committed) committed=1 ;;
    --no-tsc) tsc= ;;
    *) echo "usage: $0 [--check | --committed] [--no-tsc]" >&2; exit 2 ;;
  esac
done

args=(--validate-release-tags -o ae-wrong-input-file-type,ae-undocumented 'plugins/*')

if [ -n "$committed" ]; then
  # HEAD's files in a scratch folder whose node_modules links to this one's entries, except this
  # repository's own packages, which are linked to the scratch copies. --preserveSymlinks keeps
  # the paths of declarations inside the scratch folder.
  snapshot="$(mktemp -d)"
  trap 'rm -rf "$snapshot"' EXIT
  echo "api-reports: from $(git rev-parse --short HEAD) in $snapshot"
  git archive HEAD | tar -x -C "$snapshot"
  mkdir -p "$snapshot/node_modules/@service-delivery"
  for entry in node_modules/* node_modules/.bin; do
    [ "$entry" = node_modules/@service-delivery ] || ln -s "$SD_ROOT/$entry" "$snapshot/$entry"
  done
  for entry in node_modules/@service-delivery/*; do
    ln -s "$(readlink "$entry")" "$snapshot/$entry"
  done
  node node_modules/typescript/bin/tsc -p "$snapshot/tsconfig.json" --preserveSymlinks ||
    { echo "api-reports: tsc failed on the last commit"; exit 1; }
  (cd "$snapshot" && node node_modules/@backstage/repo-tools/bin/backstage-repo-tools api-reports "${args[@]}") ||
    exit 1
  for report in plugins/*/report*.api.md plugins/*/cli-report*.md; do
    [ -f "$snapshot/$report" ] || rm -f "$report"
  done
  (cd "$snapshot" && cp --parents plugins/*/report*.api.md plugins/*/cli-report*.md "$SD_ROOT/")
  echo "api-reports: the reports in plugins/*/ are now those of the last commit"
  exit 0
fi

# Declarations from a full compile: an incremental one may print a union's members in another order.
if [ -n "$tsc" ]; then
  yarn tsc --incremental false ||
    { echo "api-reports: yarn tsc failed; the reports are made from its declarations"; exit 1; }
fi
if [ -z "$check" ]; then
  exec yarn backstage-repo-tools api-reports "${args[@]}"
fi

# In --ci mode API Extractor writes what the code makes next to the cache instead of over the
# committed report; shown as a diff against the committed one when they differ.
made="$SD_ROOT/node_modules/.cache/api-extractor"
rm -rf "$made"
log="$(mktemp)"
if yarn backstage-repo-tools api-reports --ci "${args[@]}" >"$log" 2>&1; then
  echo "api reports: every report matches the code"
  rm -f "$log"
  exit 0
fi
grep -v '^Analysis will use' "$log"
rm -f "$log"
for dir in plugins/*/; do
  dir="${dir%/}"
  name="$(node -p "require('./$dir/package.json').name.replace(/^@[^/]+\//, '')")"
  for new in "$made/$name"/report.api.md "$made/$name"-*/report-*.api.md; do
    [ -f "$new" ] || continue
    # plugin-x-alpha/ holds report-alpha.api.md; plugin-x-backend/ is another package's
    case "$new" in "$made/$name"-*)
      suffix="$(basename "$(dirname "$new")")"
      [ "$(basename "$new")" = "report-${suffix#"$name"-}.api.md" ] || continue ;;
    esac
    committed="$dir/$(basename "$new")"
    if [ ! -f "$committed" ]; then
      echo "::: $committed is missing"
    elif ! diff -q "$committed" "$new" >/dev/null; then
      echo "::: $committed differs from what the code makes (- committed, + made):"
      diff -u "$committed" "$new" | tail -n +3
    fi
  done
done
echo "api reports: out of date; run yarn api-reports and commit the reports (fix warnings they show first)"
exit 1
