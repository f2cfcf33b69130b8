#!/usr/bin/env bash
# Docker pool: copying an image to a fresh engine (save -> load), sandbox life cycle on one engine vs a pool of two,
# and jobs that lose their engine mid-run. Starts a second dockerd under /tmp/quorum-dockerd2 (root needed) and stops
# it at the end. Needs the shared Docker engine running (scripts/setup.sh).
# Usage: bench/pool-bench.sh [create-run-destroy iterations=20] [jobs=4]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/lib.sh"
maven_env
cd "$ROOT"
mvn -q -B -pl core,sandbox -am test-compile >/dev/null
mvn -q -B -pl sandbox dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="sandbox/target/test-classes:sandbox/target/classes:core/target/classes:$(cat sandbox/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -cp "$CP" dev.quorum.sandbox.PoolBench "$@"
