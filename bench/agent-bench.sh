#!/usr/bin/env bash
# Agent orchestration overhead per step and 64 trajectories at once, against the loopback scripted model
# server (model test-jar) and local-process sandboxes: no Docker, no network beyond 127.0.0.1.
# Usage: bench/agent-bench.sh [steps=200] [trajectories=64] [stepsEach=12]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
maven_env
JAVA="$JAVA_HOME/bin/java"
mvn -q -pl agent test-compile
mvn -q -pl agent dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="agent/target/test-classes:agent/target/classes:$(cat agent/target/bench-classpath.txt)"
exec "$JAVA" -Xmx1g -XX:+UseG1GC -cp "$CP" dev.quorum.agent.AgentBench "$@"
