#!/usr/bin/env bash
# Seconds per instance: targeted evaluation vs the full test suite, on the bundled fixture tasks.
# Usage (from the repo root, Docker engine running): bench/eval-bench.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
maven_env
mvn -q -o -pl harness test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/harness/target/bench-cp.txt" \
    -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -cp "harness/target/test-classes:harness/target/classes:$(cat harness/target/bench-cp.txt)" \
    dev.quorum.harness.EvalBench "${1:-2}"
