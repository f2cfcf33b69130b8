#!/usr/bin/env bash
# README quick start, command 1: set up the machine and run the main job.
#  1. setup: JDK, Maven, Docker engine (installed and started when missing), Quorum built;
#  2. `quorum doctor --fix`: builds the sandbox base image when absent and probes a real sandbox;
#  3. `quorum solve` on a bundled fixture repository (acme__strkit-12: a real bug with a user's issue text), with
#     the model configured by QUORUM_MODEL and its key. Without a model it stops after step 2 and says how to
#     configure one: Quorum never pretends to solve.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$ROOT/scripts/setup.sh"
"$ROOT/bin/quorum" doctor --fix

if [ -z "${QUORUM_MODEL:-}" ]; then
  cat >&2 <<'MSG'
quorum: the sandboxes are ready, but no model is configured, so `quorum solve` is not run.
        Set QUORUM_MODEL (e.g. openai/gpt-4.1, anthropic/claude-sonnet-4-5, or openai-compatible/<name> with
        OPENAI_BASE_URL) and OPENAI_API_KEY or ANTHROPIC_API_KEY, then run this script again.
MSG
  exit 0
fi
WORK="$ROOT/runs/quickstart"
mkdir -p "$WORK"
[ -f "$WORK/fixtures/tasks.jsonl" ] || "$ROOT/bin/quorum" tasks fixtures --out "$WORK/fixtures" >/dev/null
REPO="$WORK/fixtures/strkit"
# The issue text a user wrote for that bug, from the task file.
python3 -c 'import json,sys
for line in open(sys.argv[1]):
    task = json.loads(line)
    if task["instance_id"] == "acme__strkit-12": print(task["problem_statement"])' \
  "$WORK/fixtures/tasks.jsonl" > "$WORK/issue.txt"
exec "$ROOT/bin/quorum" solve --repo "$REPO" --issue "$WORK/issue.txt" --samples "${QUORUM_SAMPLES:-4}" \
  --runs-dir "$WORK/runs"
