package dev.quorum.harness;

import dev.quorum.core.Patch;
import dev.quorum.core.PatchFormatException;
import dev.quorum.sandbox.Command;
import dev.quorum.sandbox.ExecResult;
import dev.quorum.sandbox.PatchApplication;
import dev.quorum.sandbox.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    static final Duration STEP = Duration.ofMinutes(2);
    static final List<String> GIT = List.of("git", "-c", "safe.directory=*", "-c", "core.autocrlf=false");

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

        String describe() {
            StringBuilder log = new StringBuilder();
            if (!testsReset.isEmpty()) {
                log.append("test files the patch touched, reset to the base commit: ").append(testsReset).append('\n');
            }
            if (!buildFilesChanged.isEmpty()) {
                log.append("build files the patch changed").append(buildFilesReset
                        ? ", reset to the base commit (--strict): " : " (flagged; --strict resets them): ")
                        .append(buildFilesChanged).append('\n');
            }
            return log.toString();
        }
    }

    static Applied apply(Sandbox sandbox, Patch patch, Patch testPatch, InstanceLogs logs, boolean strict) {
        Integrity integrity = Integrity.CLEAN;
        if (patch.isEmpty()) {
            // No change is a legitimate answer; it is graded like any other.
            logs.append(LOG, "patch: empty, nothing to apply\n");
        } else {
            logs.write("patch.diff", patch.bytes());
            ProtectedFiles.Baseline baseline;
            try {
                baseline = ProtectedFiles.before(sandbox, strict);
            } catch (ResetException e) {
                return new Applied.ResetFailed("could not record the files the grading needs at the base commit: "
                        + e.getMessage());
            }
            PatchApplication result = sandbox.applyPatch(patch, "");
            logs.append(LOG, describe("patch", result));
            if (result instanceof PatchApplication.Rejected rejected) {
                return new Applied.PatchRejected(rejected.reason());
            }
            try {
                integrity = ProtectedFiles.restore(sandbox, baseline, patch);
                logs.append(LOG, integrity.describe());
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

    static final class ResetException extends Exception {
        ResetException(String message) {
            super(message);
        }
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
