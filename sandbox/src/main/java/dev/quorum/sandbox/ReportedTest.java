package dev.quorum.sandbox;

import dev.quorum.core.TestId;

/**
 * One test as the build's XML report gives it.
 *
 * @param message the failure or error message (first line of it), or empty
 * @param flaky   true when Surefire reran it and it passed on a rerun
 */
public record ReportedTest(TestId id, dev.quorum.core.TestStatus status, double seconds, String message,
                           boolean flaky) {
}
