#!/usr/bin/env bash
# Regenerates src/main/resources/fixtures/index.txt, the list of bundled fixture files (read from the jar, where
# directories cannot be listed). Fixture order is the order of FIXTURES below.
set -euo pipefail
cd "$(dirname "$0")/src/main/resources/fixtures"
FIXTURES=(strkit kvconf money csvlite semver pathkit tinyjson rangekit)
{
  echo "# Every bundled fixture file, relative to fixtures/. Regenerate with tasks/fixtures-index.sh; a test checks it."
  for n in "${FIXTURES[@]}"; do
    echo "$n/task.json"
    (cd "$n" && find base fix tests -type f | LC_ALL=C sort | sed "s|^|$n/|")
  done
} > index.txt
