package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import java.time.Duration;
import java.util.List;

/**
 * Runs chosen tests of a repository that is in a sandbox's workspace. Maven is the reference implementation;
 * faster runners must give the same outcomes on the controls before they are trusted.
 */
public interface TestRunner {

    /**
     * @param dir     the repository root inside the sandbox ("" for the workspace root)
     * @param tests   test ids to run; outcomes come back for exactly these
     * @param timeout wall-clock limit for the whole run
     */
    TestRunResult run(Sandbox sandbox, String dir, List<TestId> tests, BuildHints hints, Duration timeout);

    static TestRunner maven() {
        return new MavenTestRunner();
    }
}
