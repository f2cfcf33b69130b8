#!/usr/bin/env bash
# Sandbox latency: container create -> run -> destroy, and one targeted test on a warm env image vs a full
# `mvn test` of the same generated repository (ratio). Needs a running Docker engine (scripts/setup.sh).
# Usage: bench/sandbox-bench.sh [create-run-destroy iterations=20] [test repetitions=3]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/lib.sh"
maven_env
cd "$ROOT"
mvn -q -B -pl core,sandbox -am install -DskipTests >/dev/null
mvn -q -B -pl sandbox test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="sandbox/target/test-classes:sandbox/target/classes:$(cat sandbox/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -cp "$CP" dev.quorum.sandbox.SandboxBench "$@"
