#!/usr/bin/env bash
# Selection accuracy on candidate pools built from the bundled fixture tasks (see SelectionBench's javadoc).
# Usage: bench/selection-bench.sh [--compare-runners] [fixture ...]   e.g. strkit pathkit; default: all fixtures.
#   --compare-runners: each pool with Maven and with the runner chosen per repository (direct where trusted),
#                      wall time per pool and the ratio (issue 15), instead of the judge pass.
# Needs a Docker engine; the judge pass uses a SCRIPTED judge (a test double), not a model.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
maven_env
run_test_main selection dev.quorum.selection.SelectionBench "$@"
