package dev.quorum.repair;

import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Staged validation of one proposal in the shared workspace, as TBar and ARJA do it: the changed file goes in (the
 * runner compiles it), the failing tests run first, and only a candidate that passes them runs the regression
 * tests, where every test that passed on base must still pass. The original file is written back afterwards.
 */
final class Validation {

    /** How a proposal fared. */
    enum Verdict { PLAUSIBLE, NOT_COMPILED, STILL_FAILING, REGRESSION }

    private final TestRunner runner;
    private final BuildHints hints;
    private final Duration timeout;
    private final List<TestId> failing;
    private final List<TestId> regressionClasses;
    private final Map<TestId, TestStatus> onBase;

    /** @param onBase per-method outcomes of {@code regressionClasses} at the base commit */
    Validation(TestRunner runner, BuildHints hints, Duration timeout, List<TestId> failing,
               List<TestId> regressionClasses, Map<TestId, TestStatus> onBase) {
        this.runner = runner;
        this.hints = hints;
        this.timeout = timeout;
        this.failing = List.copyOf(failing);
        this.regressionClasses = List.copyOf(regressionClasses);
        this.onBase = Map.copyOf(onBase);
    }

    Verdict check(Workspace workspace, Candidates.Proposal proposal) {
        Sandbox sandbox = workspace.sandbox();
        sandbox.writeFile(proposal.file(), proposal.changed().getBytes(StandardCharsets.ISO_8859_1));
        try {
            TestRunResult first = runner.run(sandbox, "", failing, hints, timeout);
            if (first instanceof TestRunResult.BuildFailed b && b.compilation()) {
                return Verdict.NOT_COMPILED;
            }
            if (!(first instanceof TestRunResult.Ran ran)
                    || !failing.stream().allMatch(t -> ran.requested().get(t) == TestStatus.PASSED)) {
                return Verdict.STILL_FAILING;
            }
            if (regressionClasses.isEmpty()) {
                return Verdict.PLAUSIBLE;
            }
            TestRunResult second = runner.run(workspace.sandbox(), "", regressionClasses, hints, timeout);
            if (!(second instanceof TestRunResult.Ran regression)) {
                return Verdict.REGRESSION;
            }
            Map<TestId, TestStatus> now = perMethod(regression);
            boolean kept = onBase.entrySet().stream().filter(e -> e.getValue() == TestStatus.PASSED)
                    .allMatch(e -> now.get(e.getKey()) == TestStatus.PASSED);
            return kept ? Verdict.PLAUSIBLE : Verdict.REGRESSION;
        } finally {
            if (sandbox.isAlive()) {
                sandbox.writeFile(proposal.file(), proposal.original().getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** Outcomes per test method, from everything the run reported. */
    static Map<TestId, TestStatus> perMethod(TestRunResult.Ran run) {
        Map<TestId, TestStatus> out = new LinkedHashMap<>();
        for (var test : run.reported()) {
            out.merge(test.id(), test.status(), TestStatus::combine);
        }
        return out;
    }
}
