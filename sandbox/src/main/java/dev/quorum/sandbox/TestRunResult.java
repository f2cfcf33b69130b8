package dev.quorum.sandbox;

import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How a targeted test run ended; {@link #runner()} names the runner that produced it. */
public sealed interface TestRunResult {
    /** The name of the reference runner, for results made without naming one. */
    String MAVEN = "maven";

    CapturedOutput log();

    /** {@code maven} or {@code direct}: which runner produced this result. */
    String runner();

    /**
     * The build worked and the tests ran.
     *
     * @param requested every requested id with its outcome (MISSING when it did not run)
     * @param reported  every test the reports list, requested or not
     * @param toolVersions the build tool and JDK that ran them
     */
    record Ran(Map<TestId, TestStatus> requested, List<ReportedTest> reported, String toolVersions,
               CapturedOutput log, Duration elapsed, String runner) implements TestRunResult {
        public Ran {
            requested = Map.copyOf(requested);
            reported = List.copyOf(reported);
        }

        public Ran(Map<TestId, TestStatus> requested, List<ReportedTest> reported, String toolVersions,
                   CapturedOutput log, Duration elapsed) {
            this(requested, reported, toolVersions, log, elapsed, MAVEN);
        }
    }

    /** The code did not compile, or the build broke before tests ran; {@code errors} are the tool's messages. */
    record BuildFailed(List<String> errors, boolean compilation, CapturedOutput log, Duration elapsed, String runner)
            implements TestRunResult {
        public BuildFailed {
            errors = List.copyOf(errors);
        }

        public BuildFailed(List<String> errors, boolean compilation, CapturedOutput log, Duration elapsed) {
            this(errors, compilation, log, elapsed, MAVEN);
        }
    }

    /** The wall-clock limit passed and the sandbox was killed. */
    record TimedOut(Duration limit, CapturedOutput log, String runner) implements TestRunResult {
        public TimedOut(Duration limit, CapturedOutput log) {
            this(limit, log, MAVEN);
        }
    }

    /**
     * The run cannot be trusted, so its reports give no outcome: the forked test JVM crashed or exited (a
     * {@code System.exit} in code under test), reports were written outside the modules' own
     * {@code target/surefire-reports}, a report passed its size limit, or the sandbox passed its disk limit.
     */
    record Invalid(String reason, CapturedOutput log, Duration elapsed, String runner) implements TestRunResult {
        public Invalid(String reason, CapturedOutput log, Duration elapsed) {
            this(reason, log, elapsed, MAVEN);
        }
    }
}
