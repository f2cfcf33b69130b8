#!/usr/bin/env bash
# Localization at scale: one issue localized end to end (open, read, parse, index, rank, context) in a generated
# bare repository, a fresh index per round, the first round cold. Replaces the timing LocalizerTest asserted.
# Usage (from anywhere): bench/localizer-scale.sh [files=2000] [rounds=3]
set -euo pipefail
QUORUM_BENCH_MAIN=dev.quorum.localization.LocalizerScaleBench exec "$(dirname "$0")/localization-bench.sh" "$@"
