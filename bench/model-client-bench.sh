#!/usr/bin/env bash
# Model client overhead per call (p50/p99) and heap for concurrent conversations, against the loopback
# scripted model server from the model module's test classes. No network beyond 127.0.0.1.
# Usage: bench/model-client-bench.sh [calls=5000] [conversations=64] [turns=30]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
maven_env
JAVA="$JAVA_HOME/bin/java"
mvn -q -pl model test-compile
mvn -q -pl model dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="model/target/test-classes:model/target/classes:$(cat model/target/bench-classpath.txt)"
exec "$JAVA" -Xmx512m -XX:+UseG1GC -cp "$CP" dev.quorum.model.ModelClientBench "$@"
