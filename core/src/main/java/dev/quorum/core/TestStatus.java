package dev.quorum.core;

/** The outcome of one test. */
public enum TestStatus {
    /** Ran and passed. */
    PASSED,
    /** Ran and an assertion failed. */
    FAILED,
    /** Ran and threw an unexpected exception (or could not be initialised). */
    ERROR,
    /** Ran but was skipped or disabled. */
    SKIPPED,
    /** Was asked for but did not run at all. */
    MISSING;

    /**
     * Combines the outcomes of several invocations of one requested test (parameterized or nested): any
     * failure wins over an error, an error over a skip, and a test only passes when every invocation passed.
     */
    public static TestStatus combine(TestStatus a, TestStatus b) {
        if (a == MISSING) return b;
        if (b == MISSING) return a;
        if (a == FAILED || b == FAILED) return FAILED;
        if (a == ERROR || b == ERROR) return ERROR;
        if (a == SKIPPED || b == SKIPPED) return SKIPPED;
        return PASSED;
    }
}
