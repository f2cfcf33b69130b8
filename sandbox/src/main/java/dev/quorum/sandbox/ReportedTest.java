package dev.quorum.sandbox;

import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;

/**
 * One test as the build's XML report gives it.
 *
 * @param message       the failure or error message (first line of it), or empty
 * @param exceptionType the failure's or error's exception class as the report names it, or empty
 * @param flaky         true when Surefire reran it and it passed on a rerun
 */
public record ReportedTest(TestId id, TestStatus status, double seconds, String message, String exceptionType,
                           boolean flaky) {
    public ReportedTest {
        message = message == null ? "" : message;
        exceptionType = exceptionType == null ? "" : exceptionType;
    }

    /** A test whose report names no exception type (it passed or was skipped, or the runner does not say). */
    public ReportedTest(TestId id, TestStatus status, double seconds, String message, boolean flaky) {
        this(id, status, seconds, message, "", flaky);
    }
}
