package dev.quorum.harness;

import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.ReportedTest;
import dev.quorum.sandbox.TestRunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step 4: SWE-bench's grading over the statuses of FAIL_TO_PASS and PASS_TO_PASS. */
final class Grade {
    private Grade() {
    }

    record Graded(Outcome outcome, Map<String, TestStatus> tests, String error) {
    }

    static Graded grade(Task task, TestRunResult result) {
        return switch (result) {
            case TestRunResult.Ran ran -> {
                Map<TestId, TestStatus> statuses = withWholeClasses(ran.requested(), ran.reported());
                Map<String, TestStatus> tests = new LinkedHashMap<>();
                for (TestId id : task.testsToRun()) {
                    tests.put(id.toString(), statuses.getOrDefault(id, TestStatus.MISSING));
                }
                yield new Graded(verdict(task.failToPass(), task.passToPass(), statuses), tests, null);
            }
            case TestRunResult.BuildFailed failed -> new Graded(Outcome.BUILD_FAILED, Map.of(),
                    (failed.compilation() ? "compilation failed: " : "the build failed before tests ran: ")
                            + String.join("\n", failed.errors().subList(0, Math.min(20, failed.errors().size()))));
            case TestRunResult.TimedOut timedOut -> new Graded(Outcome.TIMEOUT, Map.of(),
                    "the test run passed its limit of " + timedOut.limit().toSeconds() + " s and was killed");
            case TestRunResult.Invalid invalid -> new Graded(Outcome.RUN_INVALID, Map.of(), invalid.reason());
        };
    }

    /**
     * RESOLVED_FULL when every FAIL_TO_PASS and PASS_TO_PASS test passed; RESOLVED_PARTIAL when at least one but
     * not every FAIL_TO_PASS test passed and every PASS_TO_PASS test did; RESOLVED_NO otherwise. A test that
     * was skipped or did not run has not passed.
     */
    static Outcome verdict(List<TestId> failToPass, List<TestId> passToPass, Map<TestId, TestStatus> statuses) {
        if (failToPass.isEmpty()) {
            // Every one of no tests passes: without this, such a task would be RESOLVED_FULL for any patch.
            throw new IllegalArgumentException("a task without FAIL_TO_PASS tests cannot be graded");
        }
        long fixed = failToPass.stream().filter(t -> passed(statuses, t)).count();
        boolean nothingBroke = passToPass.stream().allMatch(t -> passed(statuses, t));
        if (!nothingBroke) {
            return Outcome.RESOLVED_NO;
        }
        if (fixed == failToPass.size()) {
            return Outcome.RESOLVED_FULL;
        }
        return fixed > 0 ? Outcome.RESOLVED_PARTIAL : Outcome.RESOLVED_NO;
    }

    /**
     * A whole-class id (as Multi-SWE-bench and SWE-bench-java name tests) passes when every test of the class that
     * ran passed: tests the class skips ({@code @Disabled}, assumptions) do not fail it, as they do not in those
     * harnesses. A class none of whose tests passed keeps its combined status.
     */
    static Map<TestId, TestStatus> withWholeClasses(Map<TestId, TestStatus> requested, List<ReportedTest> reported) {
        Map<TestId, TestStatus> statuses = new LinkedHashMap<>(requested);
        for (Map.Entry<TestId, TestStatus> e : requested.entrySet()) {
            if (!e.getKey().isWholeClass() || e.getValue() != TestStatus.SKIPPED) {
                continue;
            }
            List<TestStatus> ran = reported.stream().filter(r -> e.getKey().covers(r.id())).map(ReportedTest::status)
                    .toList();
            if (ran.contains(TestStatus.PASSED) && ran.stream().allMatch(
                    s -> s == TestStatus.PASSED || s == TestStatus.SKIPPED)) {
                statuses.put(e.getKey(), TestStatus.PASSED);
            }
        }
        return statuses;
    }

    private static boolean passed(Map<TestId, TestStatus> statuses, TestId test) {
        return statuses.get(test) == TestStatus.PASSED;
    }
}
