package dev.quorum.testgen;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.util.List;
import java.util.Map;

/**
 * A validated reproduction test: a new test file (as a diff that adds it) whose {@code ids} fail on the base
 * commit, the same way on a rerun.
 *
 * @param id            {@code repro-<attempt>}
 * @param failureOnBase for each id, how it failed on the base commit
 */
public record ReproductionTest(String id, Patch testPatch, List<TestId> ids, Map<TestId, BaseFailure> failureOnBase) {
    public ReproductionTest {
        ids = List.copyOf(ids);
        failureOnBase = Map.copyOf(failureOnBase);
    }

    /**
     * @param status        FAILED (an assertion) or ERROR (an exception)
     * @param exceptionType the class the report names, e.g. {@code org.opentest4j.AssertionFailedError}
     * @param message       the first line of the failure message
     */
    public record BaseFailure(TestStatus status, String exceptionType, String message) {
    }
}
