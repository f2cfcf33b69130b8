#!/usr/bin/env bash
# Prepares this machine for Quorum: a JDK >= 21 to build and run it, Maven to build it, and a running Docker
# engine (installing docker.io, debootstrap and patch from Debian when missing, starting dockerd when no engine
# answers). Safe to run again: it only does what is missing.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/lib.sh"

maven_env
ensure_maven
ensure_docker_packages
ensure_dockerd
quorum_log "ready: JDK $(jdk_feature "$JAVA_HOME") at $JAVA_HOME, $(mvn -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g'), Docker $(docker version --format '{{.Server.Version}}' 2>/dev/null)"
