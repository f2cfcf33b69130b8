#!/usr/bin/env bash
# Localization at scale: one issue localized end to end (open, read, parse, index, rank, context) in a generated
# bare repository, a fresh index per round, the first round cold. Replaces the timing LocalizerTest asserted.
# Usage (from anywhere): bench/localizer-scale.sh [files=2000] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
maven_env
mvn -q -o -pl localization test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd localization
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.quorum.localization.LocalizerScaleBench "$@"
