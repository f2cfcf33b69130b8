#!/usr/bin/env python3
"""Task lines (SWE-bench shape) for bench/repair.sh from fix commits of a Git repository: base = the fix's parent,
test_patch = its src/test changes, patch = its src/main changes, FAIL_TO_PASS = the @Test methods the test patch adds
or changes, PASS_TO_PASS = the other @Test methods of the test classes it touches (the repair engine runs these
classes as its regression tests) and every @Test method of the other test classes of their packages that name a class
the fix changes (held out from the repair engine unless its localization names them); `quorum eval --gold` shows
whether they pass. Usage: bench/repair-tasks.py GIT_DIR COMMIT... > tasks.jsonl"""
import json, re, subprocess, sys
repo, commits = sys.argv[1], sys.argv[2:]
git = ["git", "--git-dir=" + repo]
def test_methods(commit, cls):
    """The methods annotated @Test (JUnit 4 or 5) of a test class at a commit."""
    source = subprocess.check_output(git + ["show", commit + ":src/test/java/" + cls.replace(".", "/") + ".java"],
                                     text=True)
    return set(re.findall(r"@Test\b[^;{]*?\s+(?:public\s+)?void\s+(\w+)\s*\(", source))


for c in commits:
    full = subprocess.check_output(git + ["rev-parse", c], text=True).strip()
    parent = subprocess.check_output(git + ["rev-parse", full + "^"], text=True).strip()
    test_patch = subprocess.check_output(git + ["diff", parent, full, "--", "src/test"], text=True)
    patch = subprocess.check_output(git + ["diff", parent, full, "--", "src/main"], text=True)
    msg = subprocess.check_output(git + ["log", "-1", "--format=%B", full], text=True)
    tests, cls = [], None
    for line in test_patch.splitlines():
        m = re.match(r"\+\+\+ b/src/test/java/(.*)\.java", line)
        if m:
            cls = m.group(1).replace("/", ".")
        m = re.match(r"\+\s+(?:public\s+)?void\s+(\w+)\s*\(", line)
        if m and cls and m.group(1) in test_methods(full, cls):
            tests.append(cls + "#" + m.group(1))
    if not tests:
        # added lines inside an existing test method: the nearest method declared above them at the fix commit
        path = None
        for line in test_patch.splitlines():
            m = re.match(r"\+\+\+ b/(src/test/java/(.*)\.java)", line)
            if m:
                path, cls = m.group(1), m.group(2).replace("/", ".")
                source = subprocess.check_output(git + ["show", full + ":" + path], text=True).splitlines()
            m = re.match(r"@@ -\d+(?:,\d+)? \+(\d+)", line)
            if m and path:
                n = int(m.group(1)) + 3
                for i in range(n, 0, -1):
                    d = re.search(r"void\s+(\w+)\s*\(", source[i - 1])
                    if d and d.group(1) in test_methods(full, cls):
                        tests.append(cls + "#" + d.group(1))
                        break
    classes = sorted(set(re.findall(r"^\+\+\+ b/src/test/java/(.*)\.java$", test_patch, re.M)))
    # Also the other test classes of their packages that name a class the fix changes: the repair engine runs the
    # failing tests' classes as regression tests, so only these are held out from it.
    changed = set(re.findall(r"^\+\+\+ b/src/main/java/(?:.*/)?(\w+)\.java$", patch, re.M))
    siblings = set()
    for pkg in sorted({c.rsplit("/", 1)[0] for c in classes if "/" in c}):
        listing = subprocess.check_output(git + ["ls-tree", "--name-only", full, "src/test/java/" + pkg + "/"],
                                          text=True).split()
        for path in listing:
            cls = path[len("src/test/java/"):-len(".java")] if path.endswith(".java") else None
            if cls and cls not in classes:
                source = subprocess.check_output(git + ["show", full + ":" + path], text=True)
                if any(re.search(r"\b" + name + r"\b", source) for name in changed):
                    siblings.add(cls)
    held_out = sorted({c.replace("/", ".") + "#" + m for c in classes + sorted(siblings)
                       for m in test_methods(full, c.replace("/", "."))} - set(tests))
    name = repo.split("/")[-2].split("+")[-1]
    print(json.dumps({"instance_id": name + "-" + full[:8], "repo": repo, "base_commit": parent,
                      "problem_statement": msg, "hints_text": "", "patch": patch, "test_patch": test_patch,
                      "FAIL_TO_PASS": sorted(set(tests)), "PASS_TO_PASS": held_out, "build": {"tool": "maven"}}))
