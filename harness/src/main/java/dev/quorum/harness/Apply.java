package dev.quorum.harness;

import dev.quorum.core.Patch;
import dev.quorum.core.PatchFormatException;
import dev.quorum.core.RepoPaths;
import dev.quorum.sandbox.Command;
import dev.quorum.sandbox.ExecResult;
import dev.quorum.sandbox.PatchApplication;
import dev.quorum.sandbox.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Step 2: the model patch, then the test patch, applied in the sandbox with the same code every stage uses
 * ({@link Sandbox#applyPatch}). Each attempt goes to {@code patch-apply.log}.
 *
 * <p>Grading follows SWE-bench: the tests that grade are the repository's at the base commit plus the test patch,
 * exactly those the reference fix was validated against. So after the model patch every test source and resource
 * it touched ({@code src/test}, {@code src/it}, {@code src/testFixtures} of any module) goes back to the base
 * commit, and the result says so; build files it changed are flagged, and reset too when grading is strict. The
 * test patch must then apply exactly (no 3-way merge, no fuzz). When a reset cannot be done or checked, the
 * instance is not graded (fail closed).
 */
final class Apply {
    static final String LOG = "patch-apply.log";
    private static final Duration STEP = Duration.ofMinutes(2);
    private static final List<String> GIT = List.of("git", "-c", "safe.directory=*", "-c", "core.autocrlf=false");

    private Apply() {
    }

    sealed interface Applied {
        /** Ready to run the tests; {@code integrity} says what of the model patch was undone or flagged. */
        record Ready(Integrity integrity) implements Applied {
        }

        /** The model patch does not apply or is not a diff: the model's fault. */
        record PatchRejected(String reason) implements Applied {
        }

        /** The task's test patch does not apply: the task's or the harness's fault, not the model's. */
        record TestPatchRejected(String reason) implements Applied {
        }

        /** The files that must be at the base commit could not be reset (or checked): nothing is graded. */
        record ResetFailed(String reason) implements Applied {
        }
    }

    /**
     * @param testsReset        test sources and resources the model patch touched, put back to the base commit
     * @param buildFilesChanged build files the model patch changed ({@code pom.xml}, {@code .mvn/**}, wrappers)
     * @param buildFilesReset   true when those were put back too (strict grading)
     */
    record Integrity(List<String> testsReset, List<String> buildFilesChanged, boolean buildFilesReset) {
        static final Integrity CLEAN = new Integrity(List.of(), List.of(), false);
    }

    static Applied apply(Sandbox sandbox, Patch patch, Patch testPatch, InstanceLogs logs, boolean strict) {
        Integrity integrity = Integrity.CLEAN;
        if (patch.isEmpty()) {
            // No change is a legitimate answer; it is graded like any other.
            logs.append(LOG, "patch: empty, nothing to apply\n");
        } else {
            logs.write("patch.diff", patch.bytes());
            PatchApplication result = sandbox.applyPatch(patch, "");
            logs.append(LOG, describe("patch", result));
            if (result instanceof PatchApplication.Rejected rejected) {
                return new Applied.PatchRejected(rejected.reason());
            }
            try {
                integrity = resetProtectedFiles(sandbox, strict, logs);
            } catch (ResetException e) {
                logs.append(LOG, "reset to the base commit FAILED: " + e.getMessage() + "\n");
                return new Applied.ResetFailed("could not reset the files the grading needs at the base commit: "
                        + e.getMessage());
            }
        }
        if (testPatch.isEmpty()) {
            logs.append(LOG, "test patch: empty, nothing to apply\n");
            return new Applied.Ready(integrity);
        }
        if (!patch.isEmpty()) {
            try {
                logs.append(LOG, restoreTestPatchFiles(sandbox, testPatch));
            } catch (ResetException e) {
                return new Applied.ResetFailed("could not restore the files of the test patch: " + e.getMessage());
            }
        }
        PatchApplication result = sandbox.applyPatch(testPatch, "");
        logs.append(LOG, describe("test patch", result));
        return switch (result) {
            case PatchApplication.Applied a when a.strategy() != PatchApplication.Strategy.GIT_APPLY ->
                    new Applied.TestPatchRejected("the test patch applies only with " + a.strategy() + ", not"
                            + " exactly: graded tests must be exactly the task's");
            case PatchApplication.Applied a -> new Applied.Ready(integrity);
            case PatchApplication.Rejected r -> new Applied.TestPatchRejected("the test patch does not apply: "
                    + r.reason());
        };
    }

    private static final class ResetException extends Exception {
        ResetException(String message) {
            super(message);
        }
    }

    /** Puts the test files (and, when strict, the build files) the model patch changed back to the base commit. */
    private static Integrity resetProtectedFiles(Sandbox sandbox, boolean strict, InstanceLogs logs)
            throws ResetException {
        List<Change> changed = changedPaths(sandbox);
        List<String> tests = paths(changed, RepoPaths::isTestSource);
        List<String> builds = paths(changed, RepoPaths::isBuildFile);
        Predicate<String> protectedPath = strict ? p -> RepoPaths.isTestSource(p) || RepoPaths.isBuildFile(p)
                : RepoPaths::isTestSource;
        List<Change> toReset = changed.stream().filter(c -> protectedPath.test(c.path())).toList();
        if (toReset.isEmpty()) {
            logBuildFiles(logs, builds, false);
            return new Integrity(List.of(), builds, false);
        }
        // Untracked files and directories go first, so that a tracked file that became a directory can come back.
        List<String> argv = new ArrayList<>(List.of("bash", "-c", """
                set -e
                for f in "$@"; do
                  case "$f" in
                    '?'*) rm -rf -- "${f#?}" ;;
                  esac
                done
                for f in "$@"; do
                  case "$f" in
                    '?'*) ;;
                    *) if git -c safe.directory='*' cat-file -e "HEAD:${f#?}" 2>/dev/null; then
                         git -c safe.directory='*' -c core.autocrlf=false checkout -q HEAD -- "${f#?}"
                       else
                         rm -rf -- "${f#?}"
                       fi ;;
                  esac
                done
                """, "quorum-reset"));
        toReset.forEach(c -> argv.add((c.untracked() ? "?" : "=") + c.path()));
        ExecResult reset = sandbox.run(new Command(argv, "", Map.of(), STEP));
        if (!reset.succeeded()) {
            throw new ResetException(reset.output().text().strip());
        }
        List<String> left = changedPaths(sandbox).stream().map(Change::path).filter(protectedPath).toList();
        if (!left.isEmpty()) {
            throw new ResetException("still changed after the reset: " + left);
        }
        logs.append(LOG, "test files the patch touched, reset to the base commit: " + tests + "\n");
        logBuildFiles(logs, builds, strict);
        return new Integrity(tests, builds, strict && !builds.isEmpty());
    }

    private static void logBuildFiles(InstanceLogs logs, List<String> builds, boolean reset) {
        if (!builds.isEmpty()) {
            logs.append(LOG, "build files the patch changed" + (reset ? ", reset to the base commit (--strict): "
                    : " (flagged; --strict resets them): ") + builds + "\n");
        }
    }

    private static List<String> paths(List<Change> changes, Predicate<String> which) {
        return changes.stream().map(Change::path).filter(which).distinct().sorted().toList();
    }

    /** One path that differs from the base commit; untracked paths are not in it (ignored ones included). */
    private record Change(String path, boolean untracked) {
    }

    /**
     * Every path that differs from the base commit, from {@code git status} (ignored files too: a patch may add a
     * {@code .gitignore} line to hide a file it adds).
     */
    private static List<Change> changedPaths(Sandbox sandbox) throws ResetException {
        List<String> argv = new ArrayList<>(GIT);
        argv.addAll(List.of("status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all",
                "--ignored=matching"));
        ExecResult status = sandbox.run(new Command(argv, "", Map.of(), STEP));
        if (!status.succeeded()) {
            throw new ResetException("git status failed: " + status.output().text().strip());
        }
        if (status.output().truncated()) {
            throw new ResetException("git status listed more changes than can be checked ("
                    + status.output().totalBytes() + " bytes)");
        }
        List<Change> changes = new ArrayList<>();
        for (String entry : status.output().text().split("\0")) {
            if (entry.length() < 4) {
                continue;
            }
            String code = entry.substring(0, 2);
            String path = entry.substring(3);
            changes.add(new Change(path.endsWith("/") ? path.substring(0, path.length() - 1) : path,
                    code.equals("??") || code.equals("!!")));
        }
        return changes;
    }

    /**
     * As SWE-bench does: the files the test patch touches go back to the base commit before it is applied, so
     * that a model which edited (or created) those tests can neither block the test patch nor change the tests.
     */
    private static String restoreTestPatchFiles(Sandbox sandbox, Patch testPatch) throws ResetException {
        List<Patch.FileChange> changes;
        try {
            changes = testPatch.files();
        } catch (PatchFormatException e) {
            throw new ResetException("cannot list the test patch's files (" + e.getMessage() + ")");
        }
        List<String> existing = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (Patch.FileChange change : changes) {
            if (change.isNew()) {
                created.add(change.newPath());
            } else {
                existing.add(change.oldPath());
                if (change.newPath() != null && !change.newPath().equals(change.oldPath())) {
                    created.add(change.newPath());
                }
            }
        }
        StringBuilder log = new StringBuilder();
        if (!existing.isEmpty()) {
            List<String> argv = new ArrayList<>(GIT);
            argv.addAll(List.of("checkout", "HEAD", "--"));
            argv.addAll(existing);
            ExecResult r = sandbox.run(new Command(argv, "", Map.of(), STEP));
            if (!r.succeeded()) {
                throw new ResetException("git checkout of " + existing + " failed: " + r.output().text().strip());
            }
            log.append("test patch files restored to the base commit: ").append(existing).append('\n');
        }
        if (!created.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("rm", "-rf", "--"));
            argv.addAll(created);
            ExecResult r = sandbox.run(new Command(argv, "", Map.of(), STEP));
            if (!r.succeeded()) {
                throw new ResetException("removing " + created + " failed: " + r.output().text().strip());
            }
            log.append("files the test patch creates removed first: ").append(created).append('\n');
        }
        return log.toString();
    }

    private static String describe(String what, PatchApplication result) {
        StringBuilder log = new StringBuilder();
        List<PatchApplication.Attempt> attempts = switch (result) {
            case PatchApplication.Applied a -> {
                log.append(what).append(": applied with ").append(a.strategy()).append(" to ").append(a.files())
                        .append('\n');
                yield a.attempts();
            }
            case PatchApplication.Rejected r -> {
                log.append(what).append(": REJECTED: ").append(r.reason()).append('\n');
                yield r.attempts();
            }
        };
        for (PatchApplication.Attempt attempt : attempts) {
            log.append("  ").append(attempt.strategy()).append(attempt.worked() ? " ok" : " failed").append(": ")
                    .append(attempt.message().strip().replace("\n", "\n    ")).append('\n');
        }
        return log.toString();
    }
}
