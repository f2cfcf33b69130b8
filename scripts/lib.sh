# Shared shell functions for bin/quorum and scripts/*. Source it; it defines functions and sets nothing else.

quorum_log() { printf 'quorum: %s\n' "$*" >&2; }

# Prints the feature version of the JDK at $1 (e.g. 21), or nothing if it is not a JDK.
jdk_feature() {
  local home=$1
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  "$home/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Finds a JDK >= $1 (default 21): JAVA_HOME, then the java on PATH, then /usr/lib/jvm/* (newest first).
find_jdk() {
  local want=${1:-21} candidates=() home v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    candidates+=("$home")
  fi
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's#/$##' | sort -V -r); do candidates+=("$home"); done
  for home in "${candidates[@]}"; do
    v=$(jdk_feature "$home" 2>/dev/null) || continue
    if [ -n "$v" ] && [ "$v" -ge "$want" ]; then printf '%s\n' "$home"; return 0; fi
  done
  quorum_log "no JDK >= $want found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm/*)."
  quorum_log "Install one (e.g. apt-get install openjdk-21-jdk-headless) or point JAVA_HOME at it."
  return 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    quorum_log "need root for: $*"; return 1; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  quorum_log "installing Maven (Debian package) to build Quorum"
  apt_install maven
}

# Installs the Docker engine, debootstrap, patch and Chromium when missing (Debian packages).
ensure_docker_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v patch >/dev/null 2>&1 || missing+=(patch)
  # Debian's Chromium: the report test loads report.html in it, headless.
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  [ ${#missing[@]} -eq 0 ] && return 0
  quorum_log "installing ${missing[*]} (Debian packages)"
  apt_install "${missing[@]}"
}

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

# Starts dockerd in the background when no engine answers, and waits until it does.
ensure_dockerd() {
  engine_answers && return 0
  if [ -n "${DOCKER_HOST:-}" ]; then
    quorum_log "DOCKER_HOST=$DOCKER_HOST does not answer; start that engine or unset DOCKER_HOST"; return 1
  fi
  local log=${QUORUM_DOCKERD_LOG:-/var/log/quorum-dockerd.log}
  quorum_log "starting dockerd (log: $log)"
  as_root bash -c "nohup dockerd >>'$log' 2>&1 </dev/null &" || return 1
  local i
  for i in $(seq 1 60); do
    engine_answers && return 0
    sleep 1
  done
  quorum_log "dockerd did not answer within 60 s; last lines of $log:"
  as_root tail -n 20 "$log" >&2
  return 1
}

# Maven needs a JDK >= 21 to build Quorum; newer JDKs warn about Maven's own use of sun.misc.Unsafe.
maven_env() {
  export JAVA_HOME
  JAVA_HOME=$(find_jdk 21) || return 1
  local v; v=$(jdk_feature "$JAVA_HOME")
  if [ "$v" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

# Runs a main class of MODULE's test sources (the benches): one reactor build with -am, so that sibling modules
# resolve to their target/ directories and nothing is installed; the module named last writes the class path.
# Usage: run_test_main MODULE CLASS [ARGS...]; needs maven_env first.
run_test_main() {
  local module=$1 main=$2 cp_file cp
  shift 2
  cp_file=$(mktemp)
  if ! mvn -q -o -pl "$module" -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
      -Dmdep.outputFile="$cp_file"; then
    rm -f "$cp_file"
    return 1
  fi
  cp=$(cat "$cp_file")
  rm -f "$cp_file"
  exec "$JAVA_HOME/bin/java" -cp "$module/target/test-classes:$module/target/classes:$cp" "$main" "$@"
}
