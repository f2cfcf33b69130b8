#!/usr/bin/env bash
# Issue 16: how repair candidates change selection over a pool of scripted model candidates (RepairPoolBench's
# javadoc). The loopback scripted model server plays fixed edits; nothing here is a model's work. Needs Docker.
# Usage: bench/repair-pool.sh [OUT_DIR [FAMILY...]]   (default: runs/bench-repair-pool, every bug; families:
#   operator-mutation null-check-insertion off-by-one)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
maven_env
run_test_main app dev.quorum.app.RepairPoolBench "$@"
