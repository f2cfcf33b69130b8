#!/usr/bin/env bash
# One candidate's test run four ways per repository: (a) Maven from the env image (today), (b) Maven with the
# compiled state, (c) the direct runner, (d) the floor (one JVM, resolved class path, nothing compiled); on the
# bundled fixtures (gold + test patch) and, given a gson mirror (e.g. from the fetch look-up), on gson.
# Fixtures also run their empty control (test patch alone); every row says whether Maven (a) and the direct runner
# (c) gave each test the same outcome.
# Usage (from the repo root, Docker engine running): bench/test-path.sh [/path/to/gson/mirror.git [--gson-only]]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
maven_env
log=$(mktemp)
mvn -q -o -pl harness -am -Djacoco.skip=true test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/harness/target/bench-cp.txt" \
    -Dmdep.includeScope=test >"$log" 2>&1 || { tail -n 40 "$log" >&2; echo "compiling the bench failed (above)" >&2; exit 1; }
rm -f "$log"
exec "$JAVA_HOME/bin/java" -cp "harness/target/test-classes:harness/target/classes:$(cat harness/target/bench-cp.txt)" \
    dev.quorum.harness.TestPathBench "$@"
