#!/usr/bin/env bash
# Localization benchmark: index time for a generated repository and query latency.
# Usage: bench/localization-bench.sh [files=1000] [index-rounds=5] [queries=200]
# (QUORUM_BENCH_MAIN names another bench class of the localization tests: bench/localizer-scale.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
maven_env
mvn -q -o -pl localization test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd localization
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    "${QUORUM_BENCH_MAIN:-dev.quorum.localization.LocalizationBench}" "$@"
