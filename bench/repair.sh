#!/usr/bin/env bash
# The model-free repair engine on real bugs: for every task of a task file (default: the bundled fixtures), run
# `quorum solve --engines repair` given the task's FAIL_TO_PASS tests and test patch (no model), then grade the chosen
# patch with `quorum eval` (FAIL_TO_PASS + PASS_TO_PASS of the fix). Prints one Markdown row per task: plausible
# (a patch was chosen: it passed the failing and regression tests), correct (RESOLVED_FULL in eval), candidates
# tried, templates tried, the winning template and the wall-clock time.
# Usage: bench/repair.sh [tasks.jsonl] [instance-id...]
# REPAIR_SOLVE_ARGS adds options to every solve, e.g. REPAIR_SOLVE_ARGS="--repair-candidates 80".
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/runs/bench-repair/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
TASKS=${1:-}
shift || true
if [ -z "$TASKS" ]; then
  "$ROOT/bin/quorum" tasks fixtures --out "$OUT/fixtures" >/dev/null
  TASKS="$OUT/fixtures/tasks.jsonl"
fi
ONLY=("$@")
PREDICTIONS="$OUT/predictions.jsonl"
: > "$PREDICTIONS"

python3 - "$TASKS" "${ONLY[@]}" > "$OUT/ids.txt" <<'PY'
import json, sys
only = set(sys.argv[2:])
for line in open(sys.argv[1]):
    if line.strip():
        t = json.loads(line)
        if not only or t["instance_id"] in only:
            print(t["instance_id"])
PY

echo "| task | plausible | correct | candidates | by template | winning template | seconds |"
echo "|---|---|---|---|---|---|---|"
while read -r id; do
  dir="$OUT/$id"
  mkdir -p "$dir"
  python3 - "$TASKS" "$id" "$dir" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    if not line.strip():
        continue
    t = json.loads(line)
    if t["instance_id"] != sys.argv[2]:
        continue
    d = sys.argv[3]
    open(d + "/tests.diff", "w", newline="").write(t.get("test_patch") or "")
    open(d + "/issue.txt", "w").write(t["problem_statement"])
    open(d + "/failing.txt", "w").write("\n".join(t["FAIL_TO_PASS"]) + "\n")
    open(d + "/repo.txt", "w").write(t["repo"] + "\n" + t["base_commit"] + "\n")
PY
  repo=$(sed -n 1p "$dir/repo.txt"); commit=$(sed -n 2p "$dir/repo.txt")
  args=()
  while read -r t || [ -n "$t" ]; do [ -n "$t" ] && args+=(--failing-test "$t"); done < "$dir/failing.txt"
  [ -s "$dir/tests.diff" ] && args+=(--test-patch "$dir/tests.diff")
  read -r -a extra <<< "${REPAIR_SOLVE_ARGS:-}"
  args+=("${extra[@]}")
  start=$(date +%s)
  set +e
  env -u QUORUM_MODEL "$ROOT/bin/quorum" solve --repo "$repo" --commit "$commit" --issue "$dir/issue.txt" \
    "${args[@]}" --engines repair --runs-dir "$OUT/runs" --run-id "$id" --json > "$dir/solve.json" 2> "$dir/solve.err"
  code=$?
  set -e
  seconds=$(( $(date +%s) - start ))
  python3 - "$OUT/runs/$id" "$id" "$code" "$seconds" "$dir/prediction.jsonl" > "$dir/row.txt" <<'PY'
import json, os, sys
run, iid, code, seconds, predictions = sys.argv[1:6]
report = {}
if os.path.exists(run + "/report.json"):
    report = json.load(open(run + "/report.json"))
repair = report.get("repair", {})
attempts = repair.get("attempts", {})
chosen = report.get("chosen")
winning = "-"
if chosen and chosen.startswith("r"):
    candidates = repair.get("candidates", [])
    k = int(chosen[1:]) - 1
    if 0 <= k < len(candidates):
        winning = candidates[k]["template"]
    with open(predictions, "a") as p:
        p.write(json.dumps({"instance_id": iid, "model_name_or_path": "quorum/repair",
                            "model_patch": report.get("patch", "")}) + "\n")
plausible = "yes" if code == "0" else ("no (exit %s)" % code)
by = ", ".join("%s %d" % (k, v) for k, v in sorted(attempts.get("by_template", {}).items()))
print("|".join(["", iid, plausible, "CORRECT?", str(attempts.get("candidates", 0)), by or "-", winning,
                seconds, ""]))
PY
  cat "$dir/row.txt" >> "$OUT/rows.txt"
  # Correct = RESOLVED_FULL when the task's own tests (FAIL_TO_PASS and PASS_TO_PASS) grade the chosen patch; graded
  # right after the solve, so that a bench stopped early keeps the grades of the tasks it finished.
  if [ -s "$dir/prediction.jsonl" ]; then
    cat "$dir/prediction.jsonl" >> "$PREDICTIONS"
    python3 - "$TASKS" "$id" > "$dir/task.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    if line.strip() and json.loads(line)["instance_id"] == sys.argv[2]:
        print(line.strip())
PY
    "$ROOT/bin/quorum" eval --tasks "$dir/task.jsonl" --predictions "$dir/prediction.jsonl" \
      --run-id "bench-repair-$id" --runs-dir "$OUT/eval" > "$dir/eval.txt" 2>&1 || true
  fi
done < "$OUT/ids.txt"

python3 - "$OUT" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
grades = {}
for f in glob.glob(out + "/eval/**/results.jsonl", recursive=True):
    for line in open(f):
        if line.strip():
            r = json.loads(line)
            grades[r.get("instance_id")] = r.get("outcome") or r.get("grade") or ""
for line in open(out + "/rows.txt"):
    cells = line.rstrip("\n").split("|")
    iid = cells[1]
    cells[3] = "yes" if grades.get(iid) == "RESOLVED_FULL" else ("no (%s)" % grades[iid] if iid in grades else "-")
    print("|".join(cells))
PY
echo
echo "Run directories: $OUT"
