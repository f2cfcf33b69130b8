#!/usr/bin/env bash
# Issue 16: how repair candidates change selection over a pool of scripted model candidates (RepairPoolBench's
# javadoc). The loopback scripted model server plays fixed edits; nothing here is a model's work. Needs Docker.
# Usage: bench/repair-pool.sh [OUT_DIR [FAMILY...]]   (default: runs/bench-repair-pool, every bug; families:
#   operator-mutation null-check-insertion off-by-one)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
maven_env
CP_FILE="$(mktemp)"
# One reactor build, so that the sibling modules resolve to their target/ directories; app comes last.
mvn -q -o -pl app -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
    -Dmdep.outputFile="$CP_FILE"
CP="$(cat "$CP_FILE")"
rm -f "$CP_FILE"
exec "$JAVA_HOME/bin/java" -cp "app/target/test-classes:app/target/classes:$CP" dev.quorum.app.RepairPoolBench "$@"
