package dev.quorum.testgen;

import dev.quorum.core.Patch;

/**
 * A reproduction test that was not kept.
 *
 * @param testPatch the test as written (empty when there was none), for debugging prompts
 * @param detail    what the compiler, the run or the model said
 */
public record RejectedTest(String id, Reason reason, String detail, Patch testPatch) {

    public enum Reason {
        /** The model call failed or ran out of budget. */
        MODEL_FAILED,
        /** The answer held no Java test class. */
        NO_TEST_IN_ANSWER,
        /** The test does not compile against the base commit. */
        DOES_NOT_COMPILE,
        /** The build broke for another reason before tests ran. */
        BUILD_FAILED,
        /** The test run hit its time limit. */
        TIMED_OUT,
        /** The test class compiled but no test in it ran. */
        NO_TESTS_RAN,
        /** Every test passes on the base commit: it does not reproduce the issue. */
        PASSES_ON_BASE,
        /** It fails with an exception the issue does not describe (a broken test, not the bug). */
        UNRELATED_ERROR,
        /** It failed differently on the rerun. */
        FLAKY
    }
}
