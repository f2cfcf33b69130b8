#!/usr/bin/env bash
# Verifies every bundled fixture task for real, with the host's git, JDK 17 and Maven:
#   1. materializes the fixtures (FixtureTasks) into a scratch directory;
#   2. base + test_patch: every FAIL_TO_PASS test fails and every PASS_TO_PASS test passes;
#   3. base + patch + test_patch: every FAIL_TO_PASS and PASS_TO_PASS test passes;
#   4. both patches apply with `git apply` on a fresh clone (steps 2 and 3 use exactly that).
# Usage: tasks/verify-fixtures.sh [work-dir]   (MVN_FLAGS=-o to stay offline once dependencies are cached)
# Needs: the tasks module built (mvn -pl tasks install), git, python3, JDK 17 at $FIXTURE_JDK.
set -euo pipefail
MODULE_DIR="$(cd "$(dirname "$0")" && pwd)"
WORK="${1:-$(mktemp -d /tmp/quorum-fixtures.XXXXXX)}"
FIXTURE_JDK="${FIXTURE_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"
QUORUM_JDK="${QUORUM_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MVN_FLAGS="${MVN_FLAGS:-}"

mkdir -p "$WORK"
CP_FILE="$WORK/classpath.txt"
(cd "$MODULE_DIR" && JAVA_HOME="$QUORUM_JDK" mvn -q -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null)
rm -rf "$WORK/repos"
"$QUORUM_JDK/bin/java" -cp "$MODULE_DIR/target/classes:$(cat "$CP_FILE")" dev.quorum.tasks.MaterializeFixtures "$WORK/repos" 2>/dev/null

WORK="$WORK" FIXTURE_JDK="$FIXTURE_JDK" MVN_FLAGS="$MVN_FLAGS" python3 - <<'PY'
import glob, json, os, re, shutil, subprocess, sys
import xml.etree.ElementTree as ET

work, jdk, mvn_flags = os.environ["WORK"], os.environ["FIXTURE_JDK"], os.environ["MVN_FLAGS"].split()
env = dict(os.environ, JAVA_HOME=jdk)
failures = 0

def run(cmd, cwd, stdin=None):
    return subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, env=env)

def base_method(name):
    return re.split(r"[(\[]", name, maxsplit=1)[0]

def test_results(checkout):
    """(class, method) -> worst status over all invocations, from Surefire's XML reports."""
    results = {}
    for report in glob.glob(os.path.join(checkout, "**/target/surefire-reports/TEST-*.xml"), recursive=True):
        for case in ET.parse(report).getroot().iter("testcase"):
            status = "passed"
            if case.find("failure") is not None or case.find("error") is not None:
                status = "failed"
            elif case.find("skipped") is not None:
                status = "skipped"
            key = (case.get("classname"), base_method(case.get("name")))
            if results.get(key) != "failed":
                results[key] = status if key not in results or status == "failed" else results[key]
    return results

def status_of(results, test_id):
    cls, _, method = test_id.partition("#")
    matches = [s for (c, m), s in results.items() if c == cls and (not method or m == base_method(method))]
    if not matches:
        return "missing"
    return "failed" if "failed" in matches else ("skipped" if "skipped" in matches else "passed")

def checkout(task, name, patches):
    dest = os.path.join(work, "runs", task["instance_id"], name)
    shutil.rmtree(dest, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", task["repo"], dest], check=True)
    subprocess.run(["git", "-c", "advice.detachedHead=false", "checkout", "-q", task["base_commit"]], cwd=dest, check=True)
    for field in patches:
        applied = run(["git", "apply", "-v", "-"], dest, task[field].encode())
        if applied.returncode != 0:
            raise RuntimeError(f"git apply {field} failed: {applied.stderr.decode()}")
    return dest

def maven(task, dest):
    cmd = ["mvn", "-B", "-q", *mvn_flags, "test", "-Dsurefire.failIfNoSpecifiedTests=false",
           "-Dmaven.test.failure.ignore=true"]
    module = (task.get("build") or {}).get("module")
    if module:
        cmd += ["-pl", module, "-am"]
    result = run(cmd, dest)
    if result.returncode != 0:
        raise RuntimeError("maven failed:\n" + result.stdout.decode()[-3000:] + result.stderr.decode()[-2000:])
    return test_results(dest)

with open(os.path.join(work, "repos", "tasks.jsonl")) as f:
    tasks = [json.loads(line) for line in f if line.strip()]
for task in tasks:
    iid = task["instance_id"]
    try:
        before = maven(task, checkout(task, "test-patch-only", ["test_patch"]))
        after = maven(task, checkout(task, "gold", ["patch", "test_patch"]))
    except Exception as e:
        print(f"FAIL {iid}: {e}")
        failures += 1
        continue
    problems = []
    for t in task["FAIL_TO_PASS"]:
        if status_of(before, t) != "failed":
            problems.append(f"F2P {t} is {status_of(before, t)} before the fix (want failed)")
        if status_of(after, t) != "passed":
            problems.append(f"F2P {t} is {status_of(after, t)} after the fix (want passed)")
    for t in task["PASS_TO_PASS"]:
        for label, res in (("before", before), ("after", after)):
            if status_of(res, t) != "passed":
                problems.append(f"P2P {t} is {status_of(res, t)} {label} the fix (want passed)")
    # Every test of the task's module is listed, so nothing in the suite is left ungraded.
    module = (task.get("build") or {}).get("module") or ""
    listed = task["FAIL_TO_PASS"] + task["PASS_TO_PASS"]
    for cls, method in test_results(os.path.join(work, "runs", iid, "gold", module)):
        if not any(t in (cls, f"{cls}#{method}") for t in listed):
            problems.append(f"test {cls}#{method} ran but is in neither list")
    if problems:
        failures += 1
        print(f"FAIL {iid}:\n  " + "\n  ".join(problems))
    else:
        print(f"ok   {iid}: {len(task['FAIL_TO_PASS'])} F2P fail->pass, {len(task['PASS_TO_PASS'])} P2P pass, "
              f"{sum(1 for _ in before)} test methods ran")
print(f"{len(tasks) - failures}/{len(tasks)} fixtures verified in {work}")
sys.exit(1 if failures else 0)
PY
