package dev.quorum.selection;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.PatchApplication;
import dev.quorum.sandbox.ReportedTest;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.SandboxSpec;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.selection.Evidence.Cell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Sandboxes for one selection: all on the same env image, each with the checkout copied in. */
final class SandboxRuns {
    private final SandboxProvider provider;
    private final String image;
    private final Path checkout;
    private final BuildHints build;
    private final Duration timeout;
    private final TestRunner runner;
    /** The runners that produced this selection's results (the chosen one may fall back to Maven per run). */
    private final Set<String> runnersUsed = ConcurrentHashMap.newKeySet();

    SandboxRuns(SandboxProvider provider, String image, Path checkout, BuildHints build, Duration timeout,
                TestRunner runner) {
        this.provider = provider;
        this.image = image;
        this.checkout = checkout;
        this.build = build;
        this.timeout = timeout;
        this.runner = runner;
    }

    /** Names of the runners whose results this selection used, sorted ({@code direct}, {@code maven}). */
    List<String> runnersUsed() {
        return runnersUsed.stream().sorted().toList();
    }

    Sandbox open() {
        Sandbox sandbox = provider.create(SandboxSpec.of(image));
        try {
            sandbox.copyIn(checkout, "");
            return sandbox;
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /** Applies a patch at the workspace root; an empty patch counts as applied. */
    static PatchApplication apply(Sandbox sandbox, Patch patch) {
        if (patch.isEmpty()) {
            return new PatchApplication.Applied(PatchApplication.Strategy.GIT_APPLY, List.of(), List.of());
        }
        return sandbox.applyPatch(patch, "");
    }

    /** How one test run went, as matrix cells. */
    record Outcome(Map<TestId, Cell> cells, Cell failure, String detail, Map<TestId, String> messages) {
        Outcome(Map<TestId, Cell> cells, Cell failure, String detail) {
            this(cells, failure, detail, Map.of());
        }

        boolean ran() {
            return failure == null;
        }
    }

    /** Runs the tests at once; a build that breaks or times out gives that cell to every test. */
    Outcome run(Sandbox sandbox, List<TestId> tests) {
        Map<TestId, Cell> cells = new LinkedHashMap<>();
        if (tests.isEmpty()) {
            return new Outcome(cells, null, "");
        }
        TestRunResult result = runner.run(sandbox, "", tests, build, timeout);
        runnersUsed.add(result.runner());
        return switch (result) {
            case TestRunResult.Ran ran -> {
                for (TestId t : tests) {
                    cells.put(t, cellOf(ran.requested().getOrDefault(t, TestStatus.MISSING)));
                }
                yield new Outcome(cells, null, "", failureMessages(tests, ran));
            }
            case TestRunResult.BuildFailed failed -> {
                tests.forEach(t -> cells.put(t, Cell.BUILD_FAILED));
                String errors = String.join("\n", failed.errors().subList(0, Math.min(10, failed.errors().size())));
                yield new Outcome(cells, Cell.BUILD_FAILED,
                        (failed.compilation() ? "does not compile: " : "the build failed: ") + errors);
            }
            case TestRunResult.TimedOut timedOut -> {
                tests.forEach(t -> cells.put(t, Cell.TIMED_OUT));
                yield new Outcome(cells, Cell.TIMED_OUT, "the test run passed its limit of " + timedOut.limit());
            }
            case TestRunResult.Invalid invalid -> {
                tests.forEach(t -> cells.put(t, Cell.BUILD_FAILED));
                yield new Outcome(cells, Cell.BUILD_FAILED, "the test run is not usable: " + invalid.reason());
            }
        };
    }

    /** The reports' message for each requested test that failed, keyed by the requested id (class or method). */
    private static Map<TestId, String> failureMessages(List<TestId> tests, TestRunResult.Ran ran) {
        Map<TestId, String> messages = new LinkedHashMap<>();
        for (ReportedTest r : ran.reported()) {
            if (r.message() == null || r.message().isBlank()
                    || (r.status() != TestStatus.FAILED && r.status() != TestStatus.ERROR)) {
                continue;
            }
            tests.stream().filter(t -> t.covers(r.id())).findFirst()
                    .ifPresent(t -> messages.merge(t, r.id() + ": " + r.message(), (a, b) -> a));
        }
        return messages;
    }

    static Cell cellOf(TestStatus status) {
        return switch (status) {
            case PASSED -> Cell.PASSED;
            case FAILED -> Cell.FAILED;
            case ERROR -> Cell.ERROR;
            case SKIPPED -> Cell.SKIPPED;
            case MISSING -> Cell.MISSING;
        };
    }
}
