package dev.quorum.testgen;

import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.util.List;
import java.util.Map;

/**
 * The existing tests that exercise the localized code, and how each test method did on the base commit.
 * Selection treats a candidate that breaks a test passing here as a regression.
 *
 * @param classes  the test classes chosen, best reason first
 * @param outcomes per test method as the reports name it
 * @param problem  empty when the run worked; else why there are no outcomes (e.g. the base does not compile)
 */
public record RegressionBaseline(List<TestId> classes, Map<TestId, TestStatus> outcomes, String problem) {
    public RegressionBaseline {
        classes = List.copyOf(classes);
        outcomes = Map.copyOf(outcomes);
        problem = problem == null ? "" : problem;
    }

    /** The tests that passed on base: the ones a candidate must not break. */
    public List<TestId> passing() {
        return outcomes.entrySet().stream().filter(e -> e.getValue() == TestStatus.PASSED).map(Map.Entry::getKey)
                .sorted().toList();
    }
}
