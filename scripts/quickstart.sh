#!/usr/bin/env bash
# README quick start, command 1: set up the machine and run the main job.
#  1. setup: JDK, Maven, Docker engine (installed and started when missing), Quorum built;
#  2. `quorum doctor --fix`: builds the sandbox base image when absent and probes a real sandbox;
#  3. `quorum solve` on a bundled fixture repository:
#     - with a model (QUORUM_MODEL and its key): the full pipeline on acme__strkit-12 (a real bug with a user's
#       issue text): trajectories and the repair engine, then selection;
#     - without a model: the model-free repair engine on acme__rangekit-9, given the failing tests of the bug
#       (its test patch): fix templates at the statements the failing tests' coverage points at, each candidate
#       validated in a sandbox, the chosen patch printed and runs/quickstart/runs/<id>/report.html written.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$ROOT/scripts/setup.sh"
"$ROOT/bin/quorum" doctor --fix

WORK="$ROOT/runs/quickstart"
mkdir -p "$WORK"
grep -qs acme__rangekit-9 "$WORK/fixtures/tasks.jsonl" \
  || "$ROOT/bin/quorum" tasks fixtures --out "$WORK/fixtures" >/dev/null

# One field of one bundled task, written to a file.
task_field() { # instance field out
  python3 -c 'import json,sys
for line in open(sys.argv[1]):
    task = json.loads(line)
    if task["instance_id"] == sys.argv[2]:
        value = task[sys.argv[3]]
        sys.stdout.write("\n".join(value) if isinstance(value, list) else value)' \
    "$WORK/fixtures/tasks.jsonl" "$1" "$2" > "$3"
}

if [ -z "${QUORUM_MODEL:-}" ]; then
  echo "quorum: no model is configured (QUORUM_MODEL): solving acme__rangekit-9 with the model-free repair engine," >&2
  echo "        from its failing tests. Configure a model for the full pipeline (see README, Models)." >&2
  task_field acme__rangekit-9 problem_statement "$WORK/rangekit-issue.txt"
  task_field acme__rangekit-9 test_patch "$WORK/rangekit-tests.diff"
  task_field acme__rangekit-9 FAIL_TO_PASS "$WORK/rangekit-failing.txt"
  FAILING=()
  while read -r test || [ -n "$test" ]; do FAILING+=(--failing-test "$test"); done < "$WORK/rangekit-failing.txt"
  exec "$ROOT/bin/quorum" solve --repo "$WORK/fixtures/rangekit" --issue "$WORK/rangekit-issue.txt" \
    --test-patch "$WORK/rangekit-tests.diff" "${FAILING[@]}" --engines repair --runs-dir "$WORK/runs"
fi
# The issue text a user wrote for that bug, from the task file.
task_field acme__strkit-12 problem_statement "$WORK/issue.txt"
exec "$ROOT/bin/quorum" solve --repo "$WORK/fixtures/strkit" --issue "$WORK/issue.txt" \
  --samples "${QUORUM_SAMPLES:-4}" --runs-dir "$WORK/runs"
