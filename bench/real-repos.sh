#!/usr/bin/env bash
# Real repositories as they are: the gold and empty controls of `quorum eval` on bug fixes taken from real
# Maven repositories, with env-image build time and per-instance grading time.
#
# Usage (from anywhere, Docker engine running):
#   bench/real-repos.sh [--tasks-only] OUT_DIR GIT_DIR:FIX_COMMIT [GIT_DIR:FIX_COMMIT ...]
# GIT_DIR is a local clone or bare mirror (e.g. one brought by a `fetch` under /work/.mirror/owner+name/repo), used
# as the task's repository as it is (trimmed mirrors and shallow clones included); FIX_COMMIT a commit that fixes a
# bug and changes tests. Each fix becomes one task in OUT_DIR/real-tasks.jsonl: base = the fix's parent,
# patch = its changes outside src/test, test_patch = its changes under src/test, FAIL_TO_PASS = the @Test methods
# it adds (the test classes it changes when it adds none), build.module = the Maven module holding those tests.
# Nothing fetched goes into this repository: tasks, runs and the result table stay under OUT_DIR.
# Then: bin/quorum eval --gold, then --empty (env images are built by the gold run, so the empty run's seconds
# are grading alone), and a Markdown table on stdout (also OUT_DIR/real-repos.md).
set -euo pipefail
QUORUM_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$QUORUM_ROOT/scripts/lib.sh"

tasks_only=""
[ "${1:-}" = "--tasks-only" ] && { tasks_only=1; shift; }
if [ $# -lt 2 ]; then
  sed -n '5,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
command -v jq >/dev/null || { quorum_log "this benchmark needs jq (apt-get install jq)"; exit 1; }
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
shift
TASKS="$OUT/real-tasks.jsonl"
: >"$TASKS"

# FAIL_TO_PASS ids from a test patch on stdin: Class#method for added @Test methods, else Class for changed ones.
test_ids() {
  awk '
    /^\+\+\+ b\// { file = substr($0, 7); cls = ""
                    if (file ~ /src\/test\/java\/.*\.java$/) { cls = file; sub(/.*src\/test\/java\//, "", cls)
                      sub(/\.java$/, "", cls); gsub(/\//, ".", cls); changed[cls] = 1 }
                    pending = 0; next }
    cls == "" { next }
    /^\+/ && /@Test/ { pending = 1 }
    /^\+/ && pending && match($0, /void[ \t]+[A-Za-z0-9_]+[ \t]*\(/) {
      name = substr($0, RSTART, RLENGTH); sub(/^void[ \t]+/, "", name); sub(/[ \t]*\($/, "", name)
      print cls "#" name; added[cls] = 1; pending = 0 }
    END { for (c in changed) if (!(c in added)) print c }
  ' | sort -u
}

for spec in "$@"; do
  gitdir=${spec%:*}
  fix=${spec##*:}
  git_() { git --git-dir="$(git -C "$gitdir" rev-parse --absolute-git-dir)" -c core.quotepath=false "$@"; }
  fix=$(git_ rev-parse "$fix^{commit}")
  base=$(git_ rev-parse "$fix^")
  name=$(basename "$(dirname "$gitdir")")     # owner+name for /work/.mirror/owner+name/repo
  [ "$name" = "." ] || [ "$name" = "/" ] && name=$(basename "$gitdir" .git)
  id="${name//+/__}-${fix:0:8}"
  tmp=$(mktemp -d)
  git_ diff --binary --full-index "$base" "$fix" -- ':(exclude,glob)**/src/test/**' >"$tmp/patch"
  git_ diff --binary --full-index "$base" "$fix" -- ':(glob)**/src/test/**' >"$tmp/test_patch"
  test_ids <"$tmp/test_patch" >"$tmp/f2p"
  module=$(sed -n 's#^+++ b/\(.*\)/src/test/java/.*#\1#p' "$tmp/test_patch" | sort -u | head -n 1)
  jq -nc --arg id "$id" --arg repo "$gitdir" --arg base "$base" --rawfile patch "$tmp/patch" \
      --rawfile test_patch "$tmp/test_patch" --arg statement "$(git_ log -1 --format=%B "$fix")" \
      --rawfile f2p "$tmp/f2p" --arg mod "$module" \
      '{instance_id: $id, repo: $repo, base_commit: $base, problem_statement: $statement, patch: $patch,
        test_patch: $test_patch, FAIL_TO_PASS: ($f2p | split("\n") | map(select(length > 0))), PASS_TO_PASS: [],
        build: ({tool: "maven"} + (if $mod == "" then {} else {module: $mod} end))}' >>"$TASKS"
  quorum_log "$id: $(wc -l <"$tmp/f2p") FAIL_TO_PASS id(s), module '${module:-.}'"
  rm -rf "$tmp"
done

[ -z "$tasks_only" ] || exit 0
cd "$OUT"
stamp=$(date +%Y%m%d-%H%M%S)
for control in gold empty; do
  start=$(date +%s)
  "$QUORUM_ROOT/bin/quorum" eval --tasks "$TASKS" --"$control" --run-id "real-$control-$stamp" --workers 1 \
      --runs-dir "$OUT/runs" --cache-dir "$OUT/cache" 2> >(tee "$OUT/eval-$control-$stamp.log" >&2) \
      || true # an unresolved instance is a result, not an error
  echo "$control: $(($(date +%s) - start)) s in all" >&2
done

# Env-image build seconds per instance that built one: from the "building env image TAG for .../work/ID/repo" line
# to the creation time of the image the next "env image TAG built from ..." line names (a source-tree image has
# another tag than the key's; older logs lack that line: the key's tag), "failed" when no such image exists.
env_seconds() {
  awk '/ INFO EnvImageBuilder - building env image / {
         if (id != "") print at, tag, id
         at = $1; tag = $8; id = $0; sub(/.*\/work\//, "", id); sub(/\/repo.*/, "", id) }
       / INFO EnvImageBuilder - env image .* built from / { tag = $7 }
       END { if (id != "") print at, tag, id }' "$OUT/eval-gold-$stamp.log" | while read -r at tag id; do
    created=$(docker image inspect "$tag" --format '{{.Created}}' 2>/dev/null) || { printf '%s\tfailed\n' "$id"; continue; }
    printf '%s\t%s\n' "$id" $(($(date -d "$created" +%s) - $(date -d "$(date +%F) $at" +%s)))
  done | sort
}

# One row per instance: outcomes of both controls, gold seconds (with the env-image build for the first instance
# of a repository), empty seconds (env image reused: grading alone), and the difference for the first instance.
results() { jq -c '{id: .instance_id, outcome, seconds, error, tools: .tool_versions}' "$OUT/runs/real-$1-$stamp/results.jsonl"; }
{
  echo "| instance | gold | empty | env image s | gold s (env build incl.) | empty s (grading only) | JDK / Maven | note |"
  echo "|---|---|---|---:|---:|---:|---|---|"
  join -t $'\t' <(results gold | jq -r '[.id, .outcome, .seconds, (.tools // ""), ((.error // "") | split("\n")[0] | .[0:120])] | @tsv' | sort) \
                <(results empty | jq -r '[.id, .outcome, .seconds] | @tsv' | sort) \
    | join -t $'\t' -a 1 -e '-' -o auto - <(env_seconds) \
    | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $6, $8, $3, $7, $4, $5 }'
} | tee "$OUT/real-repos.md"
