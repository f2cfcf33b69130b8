#!/usr/bin/env bash
# README quick start, command 2: set up the machine and run the whole test suite. Docker-backed tests run for
# real: they fail (never skip) when no engine can be started. Extra arguments go to Maven (e.g. -pl sandbox).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/lib.sh"
"$ROOT/scripts/setup.sh"
maven_env
cd "$ROOT"
exec mvn -B -ntp verify "$@"
