#!/usr/bin/env bash
# Selection on candidate pools built from real open-source repositories (issue 12); see SelectionRealBench's javadoc.
# Usage: bench/selection-real.sh gson=PATH [commons-cli=PATH]
#   PATH: a clone or bare mirror of google/gson (and apache/commons-cli), e.g. one made by `git clone --mirror`.
#   The code is read from there into a temporary directory and never stored in this repository.
# Needs a Docker engine, and network once to build each repository's env image. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
maven_env
if [ $# -eq 0 ]; then
  echo "usage: $0 gson=PATH [commons-cli=PATH]" >&2
  exit 2
fi
run_test_main selection dev.quorum.selection.SelectionRealBench "$@"
