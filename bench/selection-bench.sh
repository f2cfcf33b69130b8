#!/usr/bin/env bash
# Selection accuracy on candidate pools built from the bundled fixture tasks (see SelectionBench's javadoc).
# Usage: bench/selection-bench.sh [fixture ...]   e.g. strkit pathkit; default: all six fixtures.
# Needs a Docker engine; the judge pass uses a SCRIPTED judge (a test double), not a model.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
maven_env
mvn -q -o -pl selection test-compile
CP="$(mvn -q -o -pl selection dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
exec "$JAVA_HOME/bin/java" -cp "selection/target/test-classes:selection/target/classes:$CP" \
    dev.quorum.selection.SelectionBench "$@"
