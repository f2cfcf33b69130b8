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

/**
 * Step 2: the model patch, then the test patch, applied in the sandbox with the same code every stage uses
 * ({@link Sandbox#applyPatch}). Each attempt goes to {@code patch-apply.log}.
 */
final class Apply {
    static final String LOG = "patch-apply.log";
    private static final Duration STEP = Duration.ofMinutes(2);

    private Apply() {
    }

    sealed interface Applied {
        record Ready() implements Applied {
        }

        /** The model patch does not apply or is not a diff: the model's fault. */
        record PatchRejected(String reason) implements Applied {
        }

        /** The task's test patch does not apply: the task's or the harness's fault, not the model's. */
        record TestPatchRejected(String reason) implements Applied {
        }
    }

    static Applied apply(Sandbox sandbox, Patch patch, Patch testPatch, InstanceLogs logs) {
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
        }
        if (testPatch.isEmpty()) {
            logs.append(LOG, "test patch: empty, nothing to apply\n");
            return new Applied.Ready();
        }
        if (!patch.isEmpty()) {
            String restored = restoreTestFiles(sandbox, testPatch);
            logs.append(LOG, restored);
        }
        PatchApplication result = sandbox.applyPatch(testPatch, "");
        logs.append(LOG, describe("test patch", result));
        return switch (result) {
            case PatchApplication.Applied a -> new Applied.Ready();
            case PatchApplication.Rejected r -> new Applied.TestPatchRejected("the test patch does not apply: "
                    + r.reason());
        };
    }

    /**
     * As SWE-bench does: the files the test patch touches go back to the base commit before it is applied, so
     * that a model which edited (or created) those tests can neither block the test patch nor change the tests.
     */
    private static String restoreTestFiles(Sandbox sandbox, Patch testPatch) {
        List<Patch.FileChange> changes;
        try {
            changes = testPatch.files();
        } catch (PatchFormatException e) {
            return "test patch: cannot list its files (" + e.getMessage() + ")\n";
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
            List<String> argv = new ArrayList<>(List.of("git", "-c", "safe.directory=*", "-c", "core.autocrlf=false",
                    "checkout", "HEAD", "--"));
            argv.addAll(existing);
            ExecResult r = sandbox.run(new Command(argv, "", java.util.Map.of(), STEP));
            log.append("test files restored to the base commit: ").append(existing)
                    .append(r.succeeded() ? "" : " (git said: " + r.output().text().strip() + ")").append('\n');
        }
        if (!created.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("rm", "-f", "--"));
            argv.addAll(created);
            sandbox.run(new Command(argv, "", java.util.Map.of(), STEP));
            log.append("test files the test patch creates removed first: ").append(created).append('\n');
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
