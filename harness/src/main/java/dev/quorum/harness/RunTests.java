package dev.quorum.harness;

import dev.quorum.core.Task;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import java.time.Duration;

/**
 * Step 3: exactly FAIL_TO_PASS ∪ PASS_TO_PASS, targeted and offline; the build's output goes to
 * {@code build.log} (appended, with a header per run, so the runs of a validation stay apart).
 */
final class RunTests {
    static final String LOG = "build.log";

    private RunTests() {
    }

    static TestRunResult run(TestRunner runner, Sandbox sandbox, Task task, Duration timeout, InstanceLogs logs,
                             String label) {
        TestRunResult result = runner.run(sandbox, "", task.testsToRun(), task.build(), timeout);
        String header = "===== " + label + ": " + switch (result) {
            case TestRunResult.Ran r -> "tests ran in " + r.elapsed().toMillis() + " ms (" + r.toolVersions() + ")";
            case TestRunResult.BuildFailed b -> "build failed after " + b.elapsed().toMillis() + " ms";
            case TestRunResult.TimedOut t -> "timed out after " + t.limit().toSeconds() + " s";
            case TestRunResult.Invalid i -> "run not usable: " + i.reason();
        } + " =====\n";
        logs.append(LOG, header + result.log().textWithNote() + "\n");
        return result;
    }
}
